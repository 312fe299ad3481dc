//! Rothermel's (1972) surface fire spread model with Albini's (1976)
//! corrections, computed the way the firelab/behave library does (BehavePlus's
//! engine, `surfaceFuelbedIntermediates.cpp`, `surfaceFireReactionIntensity.cpp`,
//! `surfaceFire.cpp`, `fireSize.cpp` at commit d963287), in its units: ft,
//! lb, BTU, min.
//!
//! The work is split by what it depends on. [`Fuelbed::new`] takes a fuel
//! model and the fuel moistures and computes everything that depends on
//! nothing else — reaction intensity I_R, the no-wind no-slope rate R₀, the
//! wind-factor coefficients, the slope coefficient, residence time — once
//! per (fuel, moisture), not per cell per tick. [`Fuelbed::spread`] adds a
//! midflame wind and a slope:
//!
//! - φw = C·U^B·(β/β_op)^−E, C = 7.47·e^(−0.133σ^0.55), B = 0.02526σ^0.54,
//!   E = 0.715·e^(−3.59·10⁻⁴σ); φs = 5.275·β^−0.3·tan²θ;
//! - wind and slope as vectors: x = R₀φs + R₀φw·cos ω, y = R₀φw·sin ω
//!   (ω the wind's angle from upslope), R = R₀ + √(x² + y²);
//! - effective wind U_e = (φe·(β/β_op)^E / C)^(1/B) with φe = R/R₀ − 1;
//! - length-to-width LW = 0.936e^(0.1147U) + 0.461e^(−0.0692U) − 0.397
//!   (U_e in mph, at most 8; Anderson 1983), eccentricity e = √(LW²−1)/LW,
//!   backing R(1−e)/(1+e), flanking (R + R_b)/(2 LW);
//! - fireline intensity I_B = R·I_R·t_r/60 (BTU/ft/s), t_r = 384/σ min;
//!   flame length L = 0.45·I_B^0.46 ft (Byram 1959).
//!
//! Rothermel, R. C. (1972) *A mathematical model for predicting fire spread
//! in wildland fuels*, USDA FS Res. Pap. INT-115. Albini, F. A. (1976)
//! *Estimating wildfire behavior and effects*, USDA FS GTR INT-30.

use super::fuels::FuelModel;

/// Oven-dry particle density ρp, lb/ft³ (Rothermel 1972).
pub const PARTICLE_DENSITY: f64 = 32.0;
/// Total mineral content S_T (Rothermel 1972).
pub const TOTAL_SILICA: f64 = 0.0555;
/// Effective mineral content S_e (Rothermel 1972).
pub const EFFECTIVE_SILICA: f64 = 0.01;
/// Surface-area-to-volume ratio of 10-h and 100-h dead fuel, ft⁻¹.
pub const SAVR_10H: f64 = 109.0;
pub const SAVR_100H: f64 = 30.0;
/// ft/min in one mph.
pub const FT_MIN_PER_MPH: f64 = 88.0;

/// Fuel moistures, as fractions of dry weight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Moisture {
    pub dead_1h: f64,
    pub dead_10h: f64,
    pub dead_100h: f64,
    pub live_herb: f64,
    pub live_woody: f64,
}

impl Moisture {
    /// The moistures of Scott & Burgan's (2005) scenarios from the dead 1-h
    /// moisture: 10-h and 100-h one and two points wetter (their D1–D4 steps),
    /// live herbaceous 60 % and woody 90 % (their L2). At 6 % this is behave's
    /// "Simple Surface" test case.
    pub const fn from_dead_1h(dead_1h: f64) -> Moisture {
        Moisture {
            dead_1h,
            dead_10h: dead_1h + 0.01,
            dead_100h: dead_1h + 0.02,
            live_herb: 0.60,
            live_woody: 0.90,
        }
    }
}

/// Everything about a fuel bed that depends only on the fuel model and the
/// moistures.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fuelbed {
    /// Characteristic surface-area-to-volume ratio σ, ft⁻¹.
    pub sigma: f64,
    /// Packing ratio β and β/β_op.
    pub packing_ratio: f64,
    pub relative_packing_ratio: f64,
    /// Reaction intensity I_R, BTU/ft²/min.
    pub reaction_intensity: f64,
    /// No-wind, no-slope rate of spread R₀, ft/min.
    pub r0: f64,
    /// Wind factor coefficients C, B, E.
    pub wind_c: f64,
    pub wind_b: f64,
    pub wind_e: f64,
    /// φs = slope_k · tan²θ.
    pub slope_k: f64,
    /// Residence time t_r, min.
    pub residence_min: f64,
}

/// The head fire and its ellipse.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Spread {
    /// Rate of spread of the head, ft/min.
    pub ros: f64,
    /// Direction of maximum spread, degrees clockwise from upslope.
    pub direction_deg: f64,
    /// Effective wind speed, ft/min.
    pub effective_wind: f64,
    pub length_to_width: f64,
    pub eccentricity: f64,
    /// Backing and flanking rates, ft/min.
    pub backing: f64,
    pub flanking: f64,
    /// Fireline intensity of the head, BTU/ft/s.
    pub fireline_intensity: f64,
    /// Flame length of the head, ft.
    pub flame_length: f64,
}

/// Dead: 1-h, 10-h, 100-h, cured herbaceous. Live: herbaceous, woody.
struct Particles {
    load: [f64; 4],
    savr: [f64; 4],
    moisture: [f64; 4],
}

/// Surface area fractions f_i of a life state, and the Albini size-class
/// weights g_i (the summed f of the particles in the same σ bin).
fn fractions(p: &Particles) -> ([f64; 4], [f64; 4], f64) {
    let area: Vec<f64> = (0..4).map(|i| p.load[i] * p.savr[i] / PARTICLE_DENSITY).collect();
    let total: f64 = area.iter().sum();
    let f: [f64; 4] = std::array::from_fn(|i| if total > 1e-7 { area[i] / total } else { 0.0 });
    let bin = |s: f64| -> Option<usize> { [1200.0, 192.0, 96.0, 48.0, 16.0].iter().position(|edge| s >= *edge) };
    let mut sums = [0.0; 5];
    for (s, fi) in p.savr.iter().zip(&f) {
        if let Some(b) = bin(*s) {
            sums[b] += fi;
        }
    }
    let g: [f64; 4] = std::array::from_fn(|i| bin(p.savr[i]).map_or(0.0, |b| sums[b]));
    (f, g, total)
}

/// η_M = 1 − 2.59r + 5.11r² − 3.52r³ with r = M/Mx; 0 at or above extinction.
fn moisture_damping(m: f64, mx: f64) -> f64 {
    if mx <= 0.0 || m >= mx {
        return 0.0;
    }
    let r = m / mx;
    1.0 - 2.59 * r + 5.11 * r * r - 3.52 * r * r * r
}

/// η_S = 0.174·S_e^−0.19, at most 1.
fn mineral_damping(se: f64) -> f64 {
    let d = se.powf(0.19);
    if d < 1e-6 { 0.0 } else { (0.174 / d).min(1.0) }
}

impl Fuelbed {
    /// The fuel bed of `model` at moistures `m`; `None` when nothing in it
    /// burns (non-burnable models, zero load).
    pub fn new(model: &FuelModel, m: &Moisture) -> Option<Fuelbed> {
        if !model.burnable() || model.depth_ft <= 0.0 {
            return None;
        }
        let [l1, l10, l100, herb, woody] = model.load;
        let [s1, s_herb, s_woody] = model.savr;
        let mut dead = Particles {
            load: [l1, l10, l100, 0.0],
            savr: [s1, SAVR_10H, SAVR_100H, s_herb],
            moisture: [m.dead_1h, m.dead_10h, m.dead_100h, m.dead_1h],
        };
        let mut live = Particles {
            load: [herb, woody, 0.0, 0.0],
            savr: [s_herb, s_woody, 0.0, 0.0],
            moisture: [m.live_herb, m.live_woody, 0.0, 0.0],
        };
        let has_live = herb > 0.0 || woody > 0.0;
        // Dynamic models: cured herbaceous load moves to the dead class, at
        // the dead 1-h moisture (Scott & Burgan 2005; behave's 1.333 − 1.11M).
        if model.dynamic {
            let cured = if m.live_herb < 0.30 {
                live.load[0]
            } else if m.live_herb <= 1.20 {
                live.load[0] * (1.333 - 1.11 * m.live_herb)
            } else {
                0.0
            };
            dead.load[3] = cured;
            live.load[0] -= cured;
        }
        let (f_dead, g_dead, a_dead) = fractions(&dead);
        let (f_live, g_live, a_live) = fractions(&live);
        let share_dead = a_dead / (a_dead + a_live);
        let share = [share_dead, 1.0 - share_dead];

        let mx_dead = model.mx_dead;
        // Live moisture of extinction (Albini 1976, p. 89), never below dead.
        let mx_live = if has_live {
            let (mut fine_dead, mut fine_dead_m, mut fine_live) = (0.0, 0.0, 0.0);
            for i in 0..4 {
                if dead.savr[i] > 1e-7 {
                    let w = dead.load[i] * (-138.0 / dead.savr[i]).exp();
                    fine_dead += w;
                    fine_dead_m += w * dead.moisture[i];
                }
                if live.savr[i] > 1e-7 {
                    fine_live += live.load[i] * (-500.0 / live.savr[i]).exp();
                }
            }
            let mf = if fine_dead > 1e-7 { fine_dead_m / fine_dead } else { 0.0 };
            let ratio = if fine_live > 1e-7 { fine_dead / fine_live } else { 0.0 };
            (2.9 * ratio * (1.0 - mf / mx_dead) - 0.226).max(mx_dead)
        } else {
            0.0
        };

        let heat = [model.heat.0, model.heat.1];
        let mut sigma = 0.0;
        let mut total_load = 0.0;
        let mut packing = 0.0;
        let mut heat_sink = 0.0;
        let mut weighted = [(0.0, 0.0, 0.0, 0.0); 2]; // (net load, heat, silica, moisture)
        for (k, (p, f, g)) in [(&dead, &f_dead, &g_dead), (&live, &f_live, &g_live)].into_iter().enumerate() {
            let mut savr = 0.0;
            for i in 0..4 {
                if p.savr[i] > 1e-7 {
                    let net = p.load[i] * (1.0 - TOTAL_SILICA);
                    weighted[k].0 += g[i] * net;
                    weighted[k].1 += f[i] * heat[k];
                    weighted[k].2 += f[i] * EFFECTIVE_SILICA;
                    weighted[k].3 += f[i] * p.moisture[i];
                    savr += f[i] * p.savr[i];
                    heat_sink += share[k] * f[i] * (250.0 + 1116.0 * p.moisture[i]) * (-138.0 / p.savr[i]).exp();
                }
                total_load += p.load[i];
                packing += p.load[i] / (model.depth_ft * PARTICLE_DENSITY);
            }
            sigma += share[k] * savr;
        }
        let bulk_density = total_load / model.depth_ft;
        heat_sink *= bulk_density;
        let optimum = 3.348 / sigma.powf(0.8189);
        let rel = packing / optimum;
        let xi = ((0.792 + 0.681 * sigma.sqrt()) * (packing + 0.1)).exp() / (192.0 + 0.2595 * sigma);

        let a = 133.0 / sigma.powf(0.7913);
        let s15 = sigma.powf(1.5);
        let gamma_max = s15 / (495.0 + 0.0594 * s15);
        let gamma = gamma_max * rel.powf(a) * (a * (1.0 - rel)).exp();
        let mx = [mx_dead, mx_live];
        let reaction_intensity: f64 = (0..2)
            .map(|k| gamma * weighted[k].0 * weighted[k].1 * moisture_damping(weighted[k].3, mx[k]) * mineral_damping(weighted[k].2))
            .sum();
        let r0 = if heat_sink < 1e-7 {
            0.0
        } else {
            reaction_intensity * xi / heat_sink
        };
        Some(Fuelbed {
            sigma,
            packing_ratio: packing,
            relative_packing_ratio: rel,
            reaction_intensity,
            r0,
            wind_c: 7.47 * (-0.133 * sigma.powf(0.55)).exp(),
            wind_b: 0.02526 * sigma.powf(0.54),
            wind_e: 0.715 * (-0.000359 * sigma).exp(),
            slope_k: 5.275 * packing.powf(-0.3),
            residence_min: 384.0 / sigma,
        })
    }

    /// The head fire for a midflame wind (ft/min) blowing `wind_from_upslope_deg`
    /// clockwise from the upslope direction, on a slope of `slope_tan` (rise/run).
    pub fn spread(&self, midflame_ft_min: f64, wind_from_upslope_deg: f64, slope_tan: f64) -> Spread {
        if self.r0 <= 0.0 {
            return Spread {
                length_to_width: 1.0,
                ..Default::default()
            };
        }
        let rel = self.relative_packing_ratio;
        let phi_w = if midflame_ft_min < 1e-7 {
            0.0
        } else {
            midflame_ft_min.powf(self.wind_b) * self.wind_c * rel.powf(-self.wind_e)
        };
        // behave caps φs at 0.9·I_R (its wind-speed-limit value); kept for parity.
        let phi_s = (self.slope_k * slope_tan * slope_tan).min(0.9 * self.reaction_intensity);
        let w = wind_from_upslope_deg.to_radians();
        let (slope_rate, wind_rate) = (self.r0 * phi_s, self.r0 * phi_w);
        let x = slope_rate + wind_rate * w.cos();
        let y = wind_rate * w.sin();
        let ros = self.r0 + (x * x + y * y).sqrt();
        let mut azimuth = y.atan2(x).to_degrees();
        if azimuth < -1e-20 {
            azimuth += 360.0;
        }
        if azimuth.abs() < 0.5 {
            azimuth = 0.0;
        }
        let phi_e = ros / self.r0 - 1.0;
        let effective_wind = (phi_e * rel.powf(self.wind_e) / self.wind_c).powf(1.0 / self.wind_b);
        let u_mph = effective_wind / FT_MIN_PER_MPH;
        let lw = if u_mph > 1e-7 {
            (0.936 * (0.1147 * u_mph).exp() + 0.461 * (-0.0692 * u_mph).exp() - 0.397).min(8.0)
        } else {
            1.0
        };
        let eccentricity = if lw * lw > 1.0 { (lw * lw - 1.0).sqrt() / lw } else { 0.0 };
        let backing = ros * (1.0 - eccentricity) / (1.0 + eccentricity);
        let flanking = (ros + backing) / lw / 2.0;
        let fireline_intensity = ros * self.reaction_intensity * self.residence_min / 60.0;
        let flame_length = if fireline_intensity < 1e-7 {
            0.0
        } else {
            0.45 * fireline_intensity.powf(0.46)
        };
        Spread {
            ros,
            direction_deg: azimuth,
            effective_wind,
            length_to_width: lw,
            eccentricity,
            backing,
            flanking,
            fireline_intensity,
            flame_length,
        }
    }
}

impl Spread {
    /// Rate of spread at `angle_deg` from the head, along a ray from the
    /// ignition point: R(1 − e)/(1 − e·cos ψ) (the ellipse with the ignition
    /// at its rear focus, as Cell2Fire uses between cells).
    pub fn from_ignition(&self, angle_deg: f64) -> f64 {
        let e = self.eccentricity;
        self.ros * (1.0 - e) / (1.0 - e * angle_deg.to_radians().cos())
    }

    /// Rate normal to the perimeter at `angle_deg` from the head (Catchpole
    /// et al. 1982): g·cos ψ + √(f²cos²ψ + h²sin²ψ).
    pub fn normal_to_perimeter(&self, angle_deg: f64) -> f64 {
        let (c, s) = (angle_deg.to_radians().cos(), angle_deg.to_radians().sin());
        let f = (self.ros + self.backing) / 2.0;
        let g = self.ros - f;
        let h = self.flanking;
        g * c + (f * f * c * c + h * h * s * s).sqrt()
    }
}
