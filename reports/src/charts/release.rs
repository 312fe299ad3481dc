//! What a chemical release did to people and places.
//!
//! [`Dose`] is the dose distribution of the population: residents by the
//! decade of their toxic load ∫Cⁿdt (the quantity the probit reads, so a
//! decade to the right is a step towards lethality), each bar split by the
//! highest AEGL tier the household's air reached, from `tables/exposure.csv`.
//! [`AirAtPlaces`] is the concentration over time at the scenario's named
//! places (`ppm_at_<place>` columns), the trace a monitoring team would have
//! logged there.

use super::{Chart, DrawResult, axis_num, font, inject_markers_on, latin, legend, max_of, with_legend};
use crate::RunData;
use crate::palette::{AEGL_ZONES, BLUE, DARK, GREEN, GREY, ORANGE, PURPLE, SKY, VERMILION, YELLOW};
use crate::rundir::Exposure;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Decades drawn below the largest load; smaller loads join the first bar
/// (they are many orders of magnitude from harm).
const DECADES: i32 = 8;

pub struct Dose<'a> {
    pub run: &'a RunData,
    /// Lowest decade drawn (log10 of the load), and the residents per
    /// decade and AEGL tier (0 = below AEGL-1).
    pub first: i32,
    pub bars: Vec<[f64; 4]>,
    /// Residents who breathed none of the chemical.
    pub unexposed: f64,
}

impl<'a> Dose<'a> {
    /// `None` when the run has no exposure table or nobody breathed any of it.
    pub fn new(run: &'a RunData) -> Option<Self> {
        let (first, bars, unexposed) = bins(run.exposure.as_deref()?)?;
        Some(Dose {
            run,
            first,
            bars,
            unexposed,
        })
    }
}

/// (first decade, residents per decade and tier, residents unexposed);
/// `None` when nobody breathed any of the chemical.
fn bins(rows: &[Exposure]) -> Option<(i32, Vec<[f64; 4]>, f64)> {
    {
        let exposed = || rows.iter().filter(|r| r.toxic_load > 0.0 && r.toxic_load.is_finite());
        let top = exposed().map(|r| r.toxic_load.log10().floor() as i32).max()?;
        let first = exposed().map(|r| r.toxic_load.log10().floor() as i32).min()?.max(top - DECADES + 1);
        let mut bars = vec![[0.0; 4]; (top - first + 1) as usize];
        for r in exposed() {
            let k = ((r.toxic_load.log10().floor() as i32).max(first) - first) as usize;
            bars[k][(r.max_aegl as usize).min(3)] += r.residents;
        }
        let unexposed = rows
            .iter()
            .filter(|r| r.toxic_load.is_nan() || r.toxic_load <= 0.0)
            .map(|r| r.residents)
            .sum();
        Some((first, bars, unexposed))
    }
}

impl Chart for Dose<'_> {
    fn stem(&self) -> String {
        "dose".into()
    }
    fn title(&self) -> String {
        super::tr(self.run, "Dose distribution of the population")
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let (plot, side) = with_legend(root);
        let title = self.title();
        let y_max = max_of(self.bars.iter().map(|b| b.iter().sum::<f64>()), 1.0);
        let x0 = self.first as f64;
        let x1 = x0 + self.bars.len() as f64;
        let mut chart = ChartBuilder::on(&plot)
            .caption(&title, font(&title, super::TITLE))
            .margin(20)
            .x_label_area_size(80)
            .y_label_area_size(120)
            .build_cartesian_2d(x0..x1, 0.0..y_max * 1.08)?;
        let x_desc = super::tr(self.run, "Toxic load (ppmⁿ·min), decade");
        let y_desc = super::tr(self.run, "Residents");
        let first = self.first;
        chart
            .configure_mesh()
            .x_desc(&x_desc)
            .y_desc(&y_desc)
            .x_labels(self.bars.len() + 1)
            .x_label_formatter(&|v| {
                let k = v.round() as i32;
                if k == first && first > -300 {
                    format!("≤1e{k}")
                } else {
                    format!("1e{k}")
                }
            })
            .y_label_formatter(&|v| axis_num(*v))
            .axis_desc_style(font(&x_desc, super::LABEL))
            .label_style(latin(super::TICK))
            .light_line_style(RGBColor(240, 240, 240))
            .draw()?;
        let colours = [GREY, AEGL_ZONES[0], AEGL_ZONES[1], AEGL_ZONES[2]];
        for (k, bar) in self.bars.iter().enumerate() {
            let x = x0 + k as f64;
            let mut base = 0.0;
            for (tier, n) in bar.iter().enumerate().filter(|(_, n)| **n > 0.0) {
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(x + 0.08, base), (x + 0.92, base + n)],
                    colours[tier].filled(),
                )))?;
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(x + 0.08, base), (x + 0.92, base + n)],
                    DARK.stroke_width(1),
                )))?;
                base += n;
            }
        }
        let tiers = ["below AEGL-1", "AEGL-1 reached", "AEGL-2 reached", "AEGL-3 reached"];
        let mut entries: Vec<(String, RGBColor)> = tiers.iter().zip(colours).map(|(t, c)| (super::tr(self.run, t), c)).collect();
        entries.push((
            format!("{}: {}", super::tr(self.run, "no exposure"), axis_num(self.unexposed)),
            RGBColor(255, 255, 255),
        ));
        legend(&side, &super::tr(self.run, "Highest air reached"), &entries)
    }
}

const COLOURS: [RGBColor; 8] = [BLUE, VERMILION, ORANGE, PURPLE, GREEN, SKY, YELLOW, DARK];

/// Places on the chart at most (those with the highest peaks).
const MAX_PLACES: usize = COLOURS.len();

pub struct AirAtPlaces<'a> {
    pub run: &'a RunData,
    /// (column index, place), highest peak first.
    pub places: Vec<(usize, String)>,
}

impl<'a> AirAtPlaces<'a> {
    /// Places the chemical reached; empty when it reached none.
    pub fn new(run: &'a RunData) -> Self {
        let s = &run.series;
        let mut places: Vec<(usize, String, f64)> = s
            .columns
            .iter()
            .enumerate()
            .filter_map(|(i, c)| Some((i, c.strip_prefix("ppm_at_")?.to_string(), max_of(s.values(i), 0.0))))
            .filter(|(_, _, peak)| *peak > 0.0)
            .collect();
        places.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
        places.truncate(MAX_PLACES);
        AirAtPlaces {
            run,
            places: places.into_iter().map(|(i, p, _)| (i, p)).collect(),
        }
    }
}

impl Chart for AirAtPlaces<'_> {
    fn stem(&self) -> String {
        "air_at_places".into()
    }
    fn title(&self) -> String {
        super::tr(self.run, "Air concentration at named places")
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let (plot, side) = with_legend(root);
        let s = &self.run.series;
        let hours = s.hours();
        // A log axis: the air at the source and in a town a few km away
        // differ by orders of magnitude, and both matter.
        let peak = max_of(self.places.iter().flat_map(|(i, _)| s.values(*i)), 1e-6);
        let floor = (peak * 1e-5).max(1e-4);
        let top = peak * 2.0;
        let title = self.title();
        let mut chart = ChartBuilder::on(&plot)
            .caption(&title, font(&title, super::TITLE))
            .margin(20)
            .x_label_area_size(80)
            .y_label_area_size(120)
            .build_cartesian_2d(0.0..self.run.duration_h().max(1e-6), (floor..top).log_scale())?;
        let x_desc = super::tr(self.run, super::TIME_AXIS);
        let y_desc = super::tr(self.run, "Air concentration (ppm)");
        chart
            .configure_mesh()
            .x_desc(&x_desc)
            .y_desc(&y_desc)
            .x_label_formatter(&|v| axis_num(*v))
            .y_label_formatter(&|v| format!("{v:e}"))
            .axis_desc_style(font(&x_desc, super::LABEL))
            .label_style(latin(super::TICK))
            .light_line_style(RGBColor(240, 240, 240))
            .draw()?;
        let mut entries = Vec::new();
        for (k, (i, place)) in self.places.iter().enumerate() {
            let c = COLOURS[k % COLOURS.len()];
            // Clean air sits on the floor of the axis rather than leaving a gap.
            let pts: Vec<(f64, f64)> = hours
                .iter()
                .copied()
                .zip(s.values(*i))
                .filter(|(_, v)| v.is_finite())
                .map(|(t, v)| (t, v.max(floor)))
                .collect();
            chart.draw_series(LineSeries::new(pts, c.stroke_width(4)))?;
            entries.push((place.clone(), c));
        }
        let decades = (top / floor).log10();
        inject_markers_on(&mut chart, self.run, floor, top, |i| {
            floor * 10f64.powf(decades * (0.95 - 0.05 * (i % 3) as f64))
        })?;
        legend(&side, &super::tr(self.run, "Place"), &entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(residents: f64, toxic_load: f64, max_aegl: u8) -> Exposure {
        Exposure {
            residents,
            toxic_load,
            max_aegl,
        }
    }

    #[test]
    fn residents_fall_in_the_decade_of_their_load_and_far_tails_join_the_first_bar() {
        let rows = [
            row(3.0, 250.0, 2),
            row(2.0, 900.0, 1),
            row(4.0, 5.0, 0),
            row(1.0, 1e-20, 0),
            row(7.0, 0.0, 0),
        ];
        let (first, bars, unexposed) = bins(&rows).unwrap();
        assert_eq!(first, 2 - DECADES + 1);
        assert_eq!(bars.len(), DECADES as usize);
        // 250 and 900 share the 1e2 decade, split by tier.
        assert_eq!(bars[bars.len() - 1], [0.0, 2.0, 3.0, 0.0]);
        assert_eq!(bars[bars.len() - 3], [4.0, 0.0, 0.0, 0.0]);
        assert_eq!(bars[0], [1.0, 0.0, 0.0, 0.0]);
        assert_eq!(unexposed, 7.0);
        let total: f64 = bars.iter().flatten().sum::<f64>() + unexposed;
        assert_eq!(total, 17.0, "every resident is counted once");
        assert!(bins(&[row(5.0, 0.0, 0)]).is_none());
    }
}
