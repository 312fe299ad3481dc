//! The scorecard as a chart: one row per objective, a grey bar for the
//! points it could earn (its share of the total weight) and a bar in its
//! rating's colour for the points it earned, with value, target, rating and
//! weight written beside it.

use super::{Chart, DrawResult, LABEL, SMALL, TICK, TITLE, font, latin, legend, with_legend};
use crate::RunData;
use crate::palette::{self, LIGHT};
use crate::words;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub struct Scorecard<'a> {
    pub run: &'a RunData,
}

impl Chart for Scorecard<'_> {
    fn stem(&self) -> String {
        "scorecard".into()
    }
    fn title(&self) -> String {
        match self.run.scorecard.score {
            Some(s) => format!("{} {s:.1} / 100", super::tr(self.run, "Scorecard: drill score")),
            None => super::tr(self.run, "Scorecard: no objectives"),
        }
    }
    fn size(&self) -> (u32, u32) {
        (1600, (260 + 80 * self.run.scorecard.objectives.len() as u32).max(420))
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let (plot, side) = with_legend(root);
        let obj = &self.run.scorecard.objectives;
        let total_w: f64 = obj.iter().map(|o| o.weight).sum::<f64>().max(1e-9);
        let max_pts = obj.iter().map(|o| 100.0 * o.weight / total_w).fold(1.0, f64::max);
        let n = obj.len().max(1) as f64;
        // The left labels (id, capability) are measured so none is cut.
        let mut label_w = 200;
        for o in obj {
            let (a, _) = plot.estimate_text_size(&o.id, &font(&o.id, SMALL))?;
            let cap = crate::labels::capability(&o.capability, self.run.lang);
            let (b, _) = plot.estimate_text_size(&cap, &font(&cap, SMALL - 4.0))?;
            label_w = label_w.max(a.max(b) + 40);
        }
        let label_w = label_w.min(plot.dim_in_pixel().0 / 2);
        let mut chart = ChartBuilder::on(&plot)
            .caption(self.title(), font(&self.title(), TITLE))
            .margin(20)
            .x_label_area_size(80)
            .y_label_area_size(label_w)
            .build_cartesian_2d(0.0..max_pts * 2.2, 0.0..n)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .disable_y_axis()
            .x_desc(super::tr(self.run, "Points (the drill score is their sum, out of 100)"))
            .x_label_formatter(&|v| super::axis_num(*v))
            .y_label_formatter(&|v| super::axis_num(*v))
            .axis_desc_style(font(
                &super::tr(self.run, "Points (the drill score is their sum, out of 100)"),
                LABEL,
            ))
            .label_style(latin(TICK))
            .draw()?;
        for (i, o) in obj.iter().enumerate() {
            let y = n - i as f64 - 1.0;
            let possible = 100.0 * o.weight / total_w;
            let c = palette::rating(&o.rating);
            chart.draw_series([
                Rectangle::new([(0.0, y + 0.15), (possible, y + 0.85)], LIGHT.filled()),
                Rectangle::new([(0.0, y + 0.15), (o.points, y + 0.85)], c.filled()),
            ])?;
            let lang = self.run.lang;
            let value = o.value.map_or("—".to_string(), |v| words::value(&o.metric, v, lang));
            let target = words::target(&o.metric, &o.target, lang);
            let (t, w) = (super::tr(self.run, "target"), super::tr(self.run, "weight"));
            let text = format!(" {}  {value}, {t} {target}, {w} {}", o.rating, o.weight);
            chart.draw_series(std::iter::once(Text::new(
                text.clone(),
                (possible, y + 0.5),
                font(&text, SMALL).pos(Pos::new(HPos::Left, VPos::Center)),
            )))?;
            let (px, py) = chart.backend_coord(&(0.0, y + 0.5));
            let label = o.id.clone();
            plot.draw(&Text::new(
                label.clone(),
                (px - 12, py - 12),
                font(&label, SMALL).pos(Pos::new(HPos::Right, VPos::Center)),
            ))?;
            let cap = crate::labels::capability(&o.capability, self.run.lang);
            plot.draw(&Text::new(
                cap.clone(),
                (px - 12, py + 14),
                font(&cap, SMALL - 4.0)
                    .color(&palette::DARK)
                    .pos(Pos::new(HPos::Right, VPos::Center)),
            ))?;
        }
        let entries: Vec<(String, RGBColor)> = ["P", "S", "M", "U"]
            .iter()
            .map(|r| (format!("{r}: {}", super::tr(self.run, short(r))), palette::rating(r)))
            .chain(std::iter::once((super::tr(self.run, "points possible"), LIGHT)))
            .collect();
        legend(&side, &super::tr(self.run, "HSEEP rating"), &entries)
    }
}

fn short(r: &str) -> &'static str {
    match r {
        "P" => "no challenges",
        "S" => "some challenges",
        "M" => "major challenges",
        _ => "unable",
    }
}
