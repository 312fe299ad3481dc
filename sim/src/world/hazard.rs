//! The hazard as other domains see it: dense per-cell fields updated in the
//! Hazard phase by whichever hazard domains run, read by people, roads and
//! response. Keeping this one small resource between them means people do not
//! depend on the flood solver's internals.

use bevy_ecs::prelude::*;

#[derive(Resource, Clone, Debug)]
pub struct HazardField {
    /// Water depth now (m).
    pub depth_m: Vec<f32>,
    /// Depth-averaged speed now (m/s).
    pub speed_ms: Vec<f32>,
    /// Largest depth seen so far (m).
    pub max_depth_m: Vec<f32>,
}

impl HazardField {
    pub fn new(cells: usize) -> Self {
        HazardField {
            depth_m: vec![0.0; cells],
            speed_ms: vec![0.0; cells],
            max_depth_m: vec![0.0; cells],
        }
    }
    pub fn depth(&self, cell: usize) -> f64 {
        self.depth_m.get(cell).copied().unwrap_or(0.0) as f64
    }
    pub fn dv(&self, cell: usize) -> f64 {
        self.depth(cell) * self.speed_ms.get(cell).copied().unwrap_or(0.0) as f64
    }
}

/// Flood hazard class H1..=H6 of the NSW FB03 / Australian Rainfall & Runoff
/// scheme (reference/hazard-models.md §2): the highest class any of the
/// depth, speed or depth × speed tests triggers.
pub fn hazard_class(depth_m: f64, speed_ms: f64) -> u8 {
    let dv = depth_m * speed_ms;
    let by_dv = if dv <= 0.3 {
        1
    } else if dv <= 0.6 {
        3 // H2 and H3 share the 0.6 m²/s bound; depth separates them
    } else if dv <= 1.0 {
        4
    } else if dv <= 4.0 {
        5
    } else {
        6
    };
    let by_d = if depth_m <= 0.3 {
        1
    } else if depth_m <= 0.5 {
        2
    } else if depth_m <= 1.2 {
        3
    } else if depth_m <= 2.0 {
        4
    } else if depth_m <= 4.0 {
        5
    } else {
        6
    };
    let by_v = if speed_ms <= 2.0 {
        1
    } else if speed_ms <= 4.0 {
        5
    } else {
        6
    };
    // d·v in (0.3, 0.6] is H2 when the depth test alone says H1 or H2.
    let by_dv = if by_dv == 3 && by_d <= 2 { 2 } else { by_dv };
    by_dv.max(by_d).max(by_v)
}

/// Flood mortality `F(h) = 0.985 / (1 + exp(6.32 − 1.412 h))`, the logistic fit
/// attributed to Jonkman (2008) as used in GFDRR CCDR-tools
/// (reference/hazard-models.md §2). h in metres.
pub fn flood_mortality(depth_m: f64) -> f64 {
    if depth_m <= 0.0 {
        return 0.0;
    }
    0.985 / (1.0 + (6.32 - 1.412 * depth_m).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mortality_matches_reference_check_values() {
        // reference §2 [computed]: F(1) = 0.0072, F(2) = 0.029, F(3) = 0.109, F(4) = 0.333, F(5) = 0.667.
        for (h, f) in [(1.0, 0.0072), (2.0, 0.029), (3.0, 0.109), (4.0, 0.333), (5.0, 0.667)] {
            let got = flood_mortality(h);
            assert!((got - f).abs() / f < 0.02, "F({h}) = {got}, expected {f}");
        }
        assert_eq!(flood_mortality(0.0), 0.0);
    }

    #[test]
    fn hazard_classes_follow_the_table() {
        assert_eq!(hazard_class(0.2, 0.5), 1);
        assert_eq!(hazard_class(0.4, 0.1), 2);
        assert_eq!(hazard_class(0.25, 1.6), 2); // d·v = 0.4
        assert_eq!(hazard_class(1.0, 0.1), 3);
        assert_eq!(hazard_class(1.5, 0.1), 4);
        assert_eq!(hazard_class(0.5, 1.8), 4); // d·v = 0.9
        assert_eq!(hazard_class(3.0, 0.5), 5);
        assert_eq!(hazard_class(0.1, 3.0), 5);
        assert_eq!(hazard_class(5.0, 0.0), 6);
    }
}
