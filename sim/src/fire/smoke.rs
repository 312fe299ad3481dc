//! Smoke of the flaming front and how far one can see through it: a chain
//! of published pieces, each with its source.
//!
//! 1. **Fuel consumed.** The flaming front releases Rothermel's heat per
//!    unit area `H_A = I_R·t_r` (reaction intensity × residence time;
//!    Rothermel 1972; Andrews 2018, RMRS-GTR-371, where Byram's fireline
//!    intensity is `I_B = H_A·R`); the dry fuel burned per unit area is
//!    `H_A/h`, `h` the model's heat content (Byram 1959: `I = h·w·R`).
//! 2. **Smoke per kilogram burned.** Organic and black carbon emission
//!    factors of the Global Fire Emissions Database (GFED4 table, van der
//!    Werf et al. 2017, Earth Syst. Sci. Data 9:697, built on Akagi et al.
//!    2011, Atmos. Chem. Phys. 11:4039): savanna, grassland and shrubland
//!    fires OC 2.62, BC 0.37 g/kg; temperate forest fires OC 9.6, BC 0.5
//!    g/kg. Grass and shrub fuel models (Anderson 1–7; Scott & Burgan GR,
//!    GS, SH) take the first, timber and slash (Anderson 8–13; TU, TL, SB)
//!    the second.
//! 3. **Light taken out per gram.** The original IMPROVE equation (Malm et
//!    al. 1994, J. Geophys. Res. 99:1347): organic mass `1.4·OC` at
//!    4 m²/g, elemental (black) carbon at 10 m²/g, and 10 Mm⁻¹ of Rayleigh
//!    scattering by clean air. Per kilogram of fuel burned that is
//!    4·1.4·2.62 + 10·0.37 = 18.37 m² (grass, shrub) and
//!    4·1.4·9.6 + 10·0.5 = 58.76 m² (timber). The dispersion model carries
//!    this cross-section as its "mass", so the ground-level field it draws
//!    is the smoke's extinction coefficient `b` (m⁻¹) directly: the
//!    Gaussian model is linear in what it carries.
//! 4. **Visibility.** Koschmieder (1924): `V = 3.912/b`, the distance at
//!    which a dark object's contrast against the sky falls to 2 %.
//!
//! What is left out, and said: smouldering after the front has passed (its
//! emission factors differ and our fire has no burn-out model), smoke of
//! burning buildings (no emission factor goes with Hamada's model), and
//! humidity swelling the particles (the IMPROVE f(RH) applies to sulphate
//! and nitrate, not to the carbon terms used here).

use super::fuels::FuelModel;
use super::rothermel::Fuelbed;

/// Koschmieder's constant: `−ln 0.02`, the 2 % contrast threshold.
pub const KOSCHMIEDER: f64 = 3.912;
/// Rayleigh scattering of clean air, m⁻¹ (IMPROVE's 10 Mm⁻¹).
pub const RAYLEIGH_PER_M: f64 = 10e-6;
/// IMPROVE mass extinction efficiency of organic mass, m²/g.
const OM_M2_PER_G: f64 = 4.0;
/// IMPROVE ratio of organic mass to organic carbon (original equation).
const OM_PER_OC: f64 = 1.4;
/// IMPROVE mass extinction efficiency of elemental carbon, m²/g.
const EC_M2_PER_G: f64 = 10.0;
/// GFED4 emission factors, g per kg of dry matter: (OC, BC).
const SAVANNA_OC_BC: (f64, f64) = (2.62, 0.37);
const TEMPERATE_FOREST_OC_BC: (f64, f64) = (9.6, 0.5);
/// Btu/ft² to J/m²: 1055.056 J per Btu over 0.09290304 m² per ft².
const J_M2_PER_BTU_FT2: f64 = 1055.056 / 0.092_903_04;
/// lb/ft² to kg/m²: 0.45359237 kg per lb over 0.09290304 m² per ft².
const KG_M2_PER_LB_FT2: f64 = 0.453_592_37 / 0.092_903_04;

/// The GFED4 biome a fuel model's smoke is counted under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Biome {
    /// Savanna, grassland and shrubland.
    Savanna,
    /// Temperate forest.
    TemperateForest,
}

impl Biome {
    /// Grass and shrub models are savanna fires; timber and slash forest.
    pub fn of(model: &FuelModel) -> Biome {
        match model.number {
            1..=7 | 101..=149 => Biome::Savanna,
            _ => Biome::TemperateForest,
        }
    }

    /// Extinction cross-section of the smoke of one kilogram of fuel, m².
    pub fn extinction_m2_per_kg(self) -> f64 {
        let (oc, bc) = match self {
            Biome::Savanna => SAVANNA_OC_BC,
            Biome::TemperateForest => TEMPERATE_FOREST_OC_BC,
        };
        OM_M2_PER_G * OM_PER_OC * oc + EC_M2_PER_G * bc
    }
}

/// What one square metre of the front gives off as it burns.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FrontYield {
    /// Heat, J/m² (Rothermel's heat per unit area).
    pub heat_j_m2: f64,
    /// Dry fuel burned, kg/m².
    pub burned_kg_m2: f64,
    /// Smoke extinction cross-section, m² per m² burned.
    pub extinction: f64,
}

impl FrontYield {
    pub fn of(model: &FuelModel, bed: &Fuelbed) -> FrontYield {
        let hpa_btu_ft2 = bed.reaction_intensity * bed.residence_min;
        let burned_lb_ft2 = hpa_btu_ft2 / model.heat.0;
        let burned_kg_m2 = burned_lb_ft2 * KG_M2_PER_LB_FT2;
        FrontYield {
            heat_j_m2: hpa_btu_ft2 * J_M2_PER_BTU_FT2,
            burned_kg_m2,
            extinction: burned_kg_m2 * Biome::of(model).extinction_m2_per_kg(),
        }
    }
}

/// Visibility (m) through air whose smoke takes out `smoke_per_m` of the
/// light per metre, clean air's Rayleigh scattering added.
pub fn visibility_m(smoke_per_m: f64) -> f64 {
    KOSCHMIEDER / (smoke_per_m.max(0.0) + RAYLEIGH_PER_M)
}

/// The smoke extinction (m⁻¹) at which visibility falls to `metres`.
pub fn extinction_for_visibility(metres: f64) -> f64 {
    (KOSCHMIEDER / metres - RAYLEIGH_PER_M).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fire::fuels;
    use crate::fire::rothermel::Moisture;

    #[test]
    fn extinction_per_kilogram_is_the_improve_sum() {
        assert!((Biome::Savanna.extinction_m2_per_kg() - 18.372).abs() < 1e-9);
        assert!((Biome::TemperateForest.extinction_m2_per_kg() - 58.76).abs() < 1e-9);
        let biome = |n: &str| Biome::of(fuels::find(n).expect("model"));
        assert_eq!(biome("1"), Biome::Savanna);
        assert_eq!(biome("4"), Biome::Savanna);
        assert_eq!(biome("9"), Biome::TemperateForest);
        assert_eq!(biome("102"), Biome::Savanna);
        assert_eq!(biome("145"), Biome::Savanna);
        assert_eq!(biome("165"), Biome::TemperateForest);
        assert_eq!(biome("188"), Biome::TemperateForest);
    }

    /// Clean air sees 391 km (3.912 / 10 Mm⁻¹); 50 m needs 78.2 km⁻¹ of
    /// smoke; the two functions invert each other.
    #[test]
    fn koschmieder_visibility() {
        assert!((visibility_m(0.0) - 391_200.0).abs() < 1e-6);
        let b = extinction_for_visibility(50.0);
        assert!((b - (0.07824 - 1e-5)).abs() < 1e-12);
        assert!((visibility_m(b) - 50.0).abs() < 1e-9);
    }

    /// The front burns no more than the bed holds, and Byram's intensity
    /// `h·w·R` rebuilt from the yield is Rothermel's `H_A·R`.
    #[test]
    fn the_front_burns_part_of_the_load() {
        let m = Moisture::from_dead_1h(0.06);
        for n in ["1", "2", "4", "8", "9", "10", "101", "122", "145", "165", "188"] {
            let model = fuels::find(n).expect("model");
            let Some(bed) = Fuelbed::new(model, &m) else { continue };
            let y = FrontYield::of(model, &bed);
            let load_kg_m2: f64 = model.load.iter().sum::<f64>() * KG_M2_PER_LB_FT2;
            assert!(
                y.burned_kg_m2 > 0.0 && y.burned_kg_m2 < load_kg_m2,
                "{n}: {} of {load_kg_m2}",
                y.burned_kg_m2
            );
            let heat_per_kg = model.heat.0 * 1055.056 / 0.453_592_37;
            assert!((y.heat_j_m2 - y.burned_kg_m2 * heat_per_kg).abs() < 1e-6 * y.heat_j_m2);
        }
    }
}
