//! Decontamination lines: where casualties of a toxic cloud are washed
//! before a hospital takes them.
//!
//! The release domain opens a line at a place when command orders
//! `Decontaminate(place)` and keeps each line's throughput (people per
//! hour) from the crews working there this tick; the teams domain carries
//! casualties of the cloud through the nearest open line on their way to
//! hospital and books them in: a line washes one batch after another, so a
//! carrier that arrives while the line is busy waits its turn. Hospitals
//! count the cloud's casualties admitted unwashed (a risk of secondary
//! contamination of the emergency department, which is not simulated).

use bevy_ecs::prelude::*;

/// One decontamination line.
#[derive(Clone, Debug)]
pub struct DeconLine {
    pub place: String,
    pub cell: usize,
    /// People washed per hour by the crews there now (0: not open).
    pub per_hour: f64,
    /// When the line has washed everyone booked so far, s.
    pub free_at_s: f64,
}

/// The drill's decontamination lines and what went through them.
#[derive(Resource, Clone, Debug, Default)]
pub struct DeconLines {
    /// In the order command first asked for them.
    pub lines: Vec<DeconLine>,
    /// People washed.
    pub washed: u32,
    /// Casualties of the cloud a hospital admitted without washing.
    pub admitted_unwashed: u32,
}

impl DeconLines {
    /// The open line nearest to `cell` in a straight line (ties by order).
    pub fn nearest_open(&self, cell: usize, cols: usize) -> Option<usize> {
        let (c, r) = ((cell % cols) as i64, (cell / cols) as i64);
        self.lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.per_hour > 0.0)
            .min_by_key(|(i, l)| (((l.cell % cols) as i64 - c).pow(2) + ((l.cell / cols) as i64 - r).pow(2), *i))
            .map(|(i, _)| i)
    }

    /// Books `people` arriving at line `i` at `at_s`: they are washed after
    /// everyone booked before them, at the line's present rate. Returns
    /// when they are done (`at_s` for nobody or a line that closed).
    pub fn book(&mut self, i: usize, people: u32, at_s: f64) -> f64 {
        let Some(line) = self.lines.get_mut(i).filter(|l| l.per_hour > 0.0) else {
            return at_s;
        };
        let done = line.free_at_s.max(at_s) + people as f64 / line.per_hour * 3600.0;
        line.free_at_s = done;
        self.washed += people;
        done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines() -> DeconLines {
        DeconLines {
            lines: vec![
                DeconLine {
                    place: "far".into(),
                    cell: 99,
                    per_hour: 30.0,
                    free_at_s: 0.0,
                },
                DeconLine {
                    place: "shut".into(),
                    cell: 0,
                    per_hour: 0.0,
                    free_at_s: 0.0,
                },
                DeconLine {
                    place: "near".into(),
                    cell: 11,
                    per_hour: 60.0,
                    free_at_s: 0.0,
                },
            ],
            ..DeconLines::default()
        }
    }

    #[test]
    fn the_nearest_open_line_is_chosen_and_batches_queue() {
        let mut d = lines();
        // From cell 0 (10 columns): "shut" is nearest but not open.
        assert_eq!(d.nearest_open(0, 10), Some(2));
        // 6 people at 60/h take 6 min; the next batch waits for them.
        assert_eq!(d.book(2, 6, 100.0), 100.0 + 360.0);
        assert_eq!(d.book(2, 3, 200.0), 460.0 + 180.0);
        // A batch arriving after the line is free starts at once.
        assert_eq!(d.book(2, 3, 1000.0), 1180.0);
        assert_eq!(d.washed, 12);
        // A closed line washes nobody.
        assert_eq!(d.book(1, 5, 50.0), 50.0);
        assert_eq!(d.washed, 12);
        d.lines.iter_mut().for_each(|l| l.per_hour = 0.0);
        assert_eq!(d.nearest_open(0, 10), None);
    }
}
