//! The standard fire behaviour fuel models: Anderson's (1982) 13 and Scott &
//! Burgan's (2005) 40, as tabulated in the firelab/behave library
//! (`src/behave/fuelModels.cpp`, commit d963287), the reference
//! implementation of the Rothermel model used by BehavePlus.
//!
//! Loads are in lb/ft² (Scott & Burgan publish t/ac: [`ta`] converts, as
//! behave does with `2000 / 43560`), depths in ft, surface-area-to-volume
//! ratios in ft⁻¹, heat content in BTU/lb, moisture of extinction as a
//! fraction. Sources: Anderson, H. E. (1982) *Aids to determining fuel
//! models for estimating fire behavior*, USDA FS GTR INT-122; Scott, J. H.
//! & Burgan, R. E. (2005) *Standard fire behavior fuel models*, USDA FS
//! GTR RMRS-153.

/// One fuel model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FuelModel {
    /// The standard number (1–13 Anderson; 101–204 Scott & Burgan).
    pub number: u16,
    pub code: &'static str,
    pub name: &'static str,
    /// Fuel bed depth δ, ft.
    pub depth_ft: f64,
    /// Dead fuel moisture of extinction, fraction.
    pub mx_dead: f64,
    /// Heat content of dead and live fuel, BTU/lb.
    pub heat: (f64, f64),
    /// Loads, lb/ft²: 1-h, 10-h, 100-h dead, live herbaceous, live woody.
    pub load: [f64; 5],
    /// Surface-area-to-volume ratios, ft⁻¹: 1-h dead, live herbaceous, live
    /// woody (10-h and 100-h are fixed at 109 and 30).
    pub savr: [f64; 3],
    /// Dynamic: live herbaceous load cures into dead as its moisture drops.
    pub dynamic: bool,
}

/// Tons per acre to lb/ft².
pub const fn ta(t: f64) -> f64 {
    t * 2000.0 / 43560.0
}

impl FuelModel {
    #[allow(clippy::too_many_arguments)]
    const fn new(
        number: u16,
        code: &'static str,
        name: &'static str,
        depth_ft: f64,
        mx_dead: f64,
        heat: (f64, f64),
        load: [f64; 5],
        savr: [f64; 3],
        dynamic: bool,
    ) -> Self {
        FuelModel {
            number,
            code,
            name,
            depth_ft,
            mx_dead,
            heat,
            load,
            savr,
            dynamic,
        }
    }

    /// Whether anything in it burns.
    pub fn burnable(&self) -> bool {
        self.load.iter().sum::<f64>() > 0.0
    }
}

mod standard;

pub use standard::FUEL_MODELS;

/// The model with this number or code (`"GS4"`, `"FM1"`, `"124"`).
pub fn find(name: &str) -> Option<&'static FuelModel> {
    let n: Option<u16> = name.trim().parse().ok();
    FUEL_MODELS
        .iter()
        .find(|m| Some(m.number) == n || m.code.eq_ignore_ascii_case(name.trim()))
}
