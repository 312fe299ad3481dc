//! Rothermel against published and independently computed values.

use super::fuels::{self, FUEL_MODELS};
use super::rothermel::{FT_MIN_PER_MPH, Fuelbed, Moisture};

/// 6/7/8 % dead, 60 % herbaceous, 90 % woody: behave's "Simple Surface" test.
const MOISTURE: Moisture = Moisture::from_dead_1h(0.06);

fn run(code: &str, wind_mph: f64, slope_pct: f64) -> super::rothermel::Spread {
    let model = fuels::find(code).unwrap_or_else(|| panic!("no fuel model {code}"));
    let bed = Fuelbed::new(model, &MOISTURE).expect("burnable");
    bed.spread(wind_mph * FT_MIN_PER_MPH, 0.0, slope_pct / 100.0)
}

/// firelab/behave `testBehave.cpp` "Simple Surface": GS4, 5 mph midflame
/// (20-ft wind 5 mph, adjustment factor 1), 30 % slope, wind upslope.
/// Expected to the six decimals behave prints.
#[test]
fn behave_simple_surface_gs4_to_its_printed_digits() {
    let s = run("GS4", 5.0, 30.0);
    let chains_per_hour = s.ros / 1.1;
    assert!((chains_per_hour - 34.011429).abs() < 5e-7, "ROS {chains_per_hour:.6} ch/h");
    assert!((s.flame_length - 15.811421).abs() < 5e-7, "flame {:.6} ft", s.flame_length);
    assert!((s.fireline_intensity - 2292.684759).abs() < 5e-7, "I_B {:.6}", s.fireline_intensity);
}

/// FM1 short grass (reference table computed with behave): ROS ft/min,
/// I_R BTU/ft²/min, LW, with no wind, 5 mph, and 5 mph on 30 %.
#[test]
fn fm1_short_grass_table() {
    for (wind, slope, ros, lw) in [(0.0, 0.0, 4.6053, 1.000), (5.0, 0.0, 103.28, 1.590), (5.0, 30.0, 120.33, 1.659)] {
        let s = run("FM1", wind, slope);
        assert!((s.ros - ros).abs() / ros < 5e-4, "FM1 {wind} mph {slope} %: ROS {} vs {ros}", s.ros);
        assert!((s.length_to_width - lw).abs() < 1e-3, "FM1 LW {} vs {lw}", s.length_to_width);
    }
    let bed = Fuelbed::new(fuels::find("FM1").unwrap(), &MOISTURE).unwrap();
    assert!((bed.reaction_intensity - 826.13).abs() < 0.01, "I_R {}", bed.reaction_intensity);
}

/// Every standard model at 5 mph midflame, 30 % slope, wind upslope,
/// against the behave library (commit d963287) built from source and run
/// at the same inputs: (model, ROS ft/min, I_R BTU/ft²/min, I_B BTU/ft/s,
/// flame length ft, length-to-width).
const BEHAVE_5MPH_30PCT: [(u16, f64, f64, f64, f64, f64); 53] = [
    (1, 120.334076, 826.132659, 181.781778, 4.927262, 1.659144),
    (2, 51.152582, 3535.401398, 415.732930, 7.208869, 1.659544),
    (3, 145.440088, 2900.070716, 1799.622577, 14.144773, 1.673229),
    (4, 102.044330, 11999.537013, 4505.825494, 21.574897, 1.677367),
    (5, 32.894590, 2855.719470, 357.252972, 6.723283, 1.674988),
    (6, 42.174516, 1914.940548, 330.502451, 6.486835, 1.679400),
    (7, 37.289365, 2140.365669, 329.100774, 6.474166, 1.677526),
    (8, 2.566471, 927.125508, 8.062229, 1.175390, 1.687757),
    (9, 10.945980, 2393.003078, 67.493916, 3.123735, 1.664096),
    (10, 11.507343, 5936.292411, 247.793549, 5.681904, 1.688142),
    (11, 7.742505, 2339.087586, 98.084999, 3.709793, 1.715154),
    (12, 16.897849, 6572.593986, 620.980599, 8.670186, 1.723494),
    (13, 20.480002, 9792.149020, 1107.414558, 11.313454, 1.728716),
    (101, 20.866770, 436.086971, 28.358293, 2.096261, 1.668641),
    (102, 43.325684, 1149.057754, 175.063607, 4.842645, 1.670584),
    (103, 58.204359, 1432.716311, 413.793052, 7.193376, 1.671902),
    (104, 88.034967, 2238.333118, 690.837072, 9.105951, 1.670415),
    (105, 71.879585, 4027.996237, 1136.453139, 11.448965, 1.676434),
    (106, 90.372917, 6102.344306, 1759.244005, 13.997888, 1.672241),
    (107, 131.446251, 7884.620024, 3616.420354, 19.499380, 1.674363),
    (108, 128.373881, 9298.490410, 5867.792823, 24.361886, 1.682279),
    (109, 210.718567, 14176.332147, 11859.116408, 33.672595, 1.677826),
    (121, 19.078434, 1263.148965, 84.170456, 3.457689, 1.672299),
    (122, 28.606605, 2182.995702, 218.707375, 5.364753, 1.673209),
    (123, 40.509941, 3403.157632, 546.736420, 8.176932, 1.676045),
    (124, 37.412572, 15618.346005, 2292.684759, 15.811421, 1.686918),
    (141, 3.126911, 363.727832, 4.347861, 0.884747, 1.675939),
    (142, 3.855509, 2319.351777, 34.237215, 2.286029, 1.688550),
    (143, 4.939668, 1770.668438, 40.817813, 2.478583, 1.689369),
    (144, 34.798915, 2927.308913, 387.644838, 6.980590, 1.674204),
    (145, 70.266576, 5142.124177, 1847.451316, 14.316475, 1.676803),
    (146, 29.175847, 4839.173574, 789.720182, 9.683898, 1.689054),
    (147, 46.258887, 6856.030795, 1646.228067, 13.576815, 1.684563),
    (148, 28.315688, 7896.627320, 1032.174674, 10.953149, 1.687303),
    (149, 52.164733, 12812.595509, 3104.166298, 18.176372, 1.687391),
    (161, 3.821124, 1659.736377, 25.266582, 1.987851, 1.687803),
    (162, 15.426768, 1864.615751, 104.213898, 3.814682, 1.680106),
    (163, 33.038727, 3568.827096, 468.327285, 7.614919, 1.678998),
    (164, 15.616092, 6277.186688, 283.056985, 6.040522, 1.672203),
    (165, 11.755022, 8178.460028, 502.874169, 7.868352, 1.716934),
    (181, 1.169679, 468.589875, 2.043914, 0.625209, 1.699661),
    (182, 1.769627, 681.575162, 4.273814, 0.877784, 1.693187),
    (183, 2.213412, 784.854463, 7.255124, 1.119719, 1.703535),
    (184, 3.157937, 977.059384, 12.595930, 1.443173, 1.699550),
    (185, 5.703281, 1552.658540, 33.078307, 2.250103, 1.691204),
    (186, 7.559021, 2220.089441, 55.478936, 2.854378, 1.683063),
    (187, 3.703409, 1588.221590, 30.621282, 2.171617, 1.728919),
    (188, 7.766592, 3251.249215, 91.292290, 3.589320, 1.694652),
    (189, 11.571638, 4709.743934, 201.213244, 5.162910, 1.695237),
    (201, 8.056952, 2447.484074, 76.341425, 3.305843, 1.695334),
    (202, 19.373028, 4922.687398, 323.978998, 6.427621, 1.683833),
    (203, 34.910741, 6779.949261, 782.995510, 9.645878, 1.680291),
    (204, 67.076355, 7148.170467, 1609.526497, 13.436732, 1.677978),
];

#[test]
fn all_53_standard_models_match_behave() {
    for (number, ros, ir, ib, flame, lw) in BEHAVE_5MPH_30PCT {
        let model = FUEL_MODELS.iter().find(|m| m.number == number).unwrap();
        let bed = Fuelbed::new(model, &MOISTURE).unwrap();
        let s = bed.spread(5.0 * FT_MIN_PER_MPH, 0.0, 0.3);
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-6 * b.abs().max(1.0);
        assert!(close(s.ros, ros), "{}: ROS {} vs behave {ros}", model.code, s.ros);
        assert!(
            close(bed.reaction_intensity, ir),
            "{}: I_R {} vs {ir}",
            model.code,
            bed.reaction_intensity
        );
        assert!(
            close(s.fireline_intensity, ib),
            "{}: I_B {} vs {ib}",
            model.code,
            s.fireline_intensity
        );
        assert!(close(s.flame_length, flame), "{}: flame {} vs {flame}", model.code, s.flame_length);
        assert!(close(s.length_to_width, lw), "{}: LW {} vs {lw}", model.code, s.length_to_width);
    }
}

#[test]
fn wind_and_slope_add_as_vectors_and_the_ellipse_is_consistent() {
    let bed = Fuelbed::new(fuels::find("GR2").unwrap(), &MOISTURE).unwrap();
    let up = bed.spread(5.0 * FT_MIN_PER_MPH, 0.0, 0.3);
    let cross = bed.spread(5.0 * FT_MIN_PER_MPH, 90.0, 0.3);
    let flat = bed.spread(5.0 * FT_MIN_PER_MPH, 0.0, 0.0);
    assert!(up.ros > cross.ros && cross.ros > flat.ros, "{} {} {}", up.ros, cross.ros, flat.ros);
    assert!(
        cross.direction_deg > 0.0 && cross.direction_deg < 90.0,
        "head between upslope and the wind"
    );
    // Head, flank and back on the ellipse: from the ignition point the rate
    // at 0° is the head, at 180° the back.
    assert!((up.from_ignition(0.0) - up.ros).abs() < 1e-9);
    assert!((up.from_ignition(180.0) - up.backing).abs() < 1e-9);
    assert!((up.normal_to_perimeter(90.0) - up.flanking).abs() < 1e-9);
    // Wetter fuel spreads slower; at the dead moisture of extinction it does not burn.
    let wet = Moisture { dead_1h: 0.14, ..MOISTURE };
    let slower = Fuelbed::new(fuels::find("GR2").unwrap(), &wet).unwrap();
    assert!(slower.r0 < bed.r0);
    let soaked = Moisture {
        dead_1h: 0.5,
        dead_10h: 0.5,
        dead_100h: 0.5,
        live_herb: 3.0,
        live_woody: 3.0,
    };
    assert_eq!(Fuelbed::new(fuels::find("FM1").unwrap(), &soaked).unwrap().r0, 0.0);
}

#[test]
fn the_table_has_the_53_standard_models_once_each() {
    let mut numbers: Vec<u16> = FUEL_MODELS.iter().map(|m| m.number).collect();
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 53);
    assert_eq!(FUEL_MODELS.iter().filter(|m| m.number <= 13).count(), 13);
    assert_eq!(fuels::find("gs4").map(|m| m.number), Some(124));
    assert_eq!(fuels::find("9").map(|m| m.code), Some("FM9"));
}
