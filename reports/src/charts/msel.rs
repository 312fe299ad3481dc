//! The MSEL timeline: one row per inject (a diamond when it fired) and,
//! under it, one row per action it expected, drawn as a line from the inject
//! to when the plan carried the action out. Colours follow the report's
//! action rule ([`crate::rules::action_verdict`]): prompt, late, not done.

use super::{Chart, DrawResult, LABEL, SMALL, TICK, TIME_AXIS, TITLE, font, latin, legend, with_legend};
use crate::RunData;
use crate::palette::{DARK, GREY};
use crate::rules::{self, Verdict};
use crate::words::Lang;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// A row of the timeline.
#[derive(Clone, Debug)]
pub enum Row {
    /// Inject id, fired at (s), note.
    Inject(String, Option<f64>, String),
    /// Action id, inject fired at (s), delay (min).
    Action(String, Option<f64>, Option<f64>),
}

pub struct Msel<'a> {
    pub run: &'a RunData,
    pub rows: Vec<Row>,
}

impl<'a> Msel<'a> {
    pub fn new(run: &'a RunData) -> Self {
        let fired = run.injects();
        // Firing order, top to bottom; injects that never fired follow in scenario order.
        let mut ids: Vec<String> = fired.iter().map(|f| f.0.clone()).collect();
        for i in run.scenario.iter().flat_map(|s| &s.scenario.injects) {
            if !ids.contains(&i.id) {
                ids.push(i.id.clone());
            }
        }
        let mut rows = Vec::new();
        for id in ids {
            let f = fired.iter().find(|f| f.0 == id);
            let at = f.map(|f| f.1);
            rows.push(Row::Inject(id.clone(), at, f.map(|f| f.2.clone()).unwrap_or_default()));
            for a in run.scorecard.expected_actions.iter().filter(|a| a.inject == id) {
                rows.push(Row::Action(a.action.clone(), at, a.delay_min));
            }
        }
        Msel { run, rows }
    }
}

impl Chart for Msel<'_> {
    fn stem(&self) -> String {
        "msel".into()
    }
    fn title(&self) -> String {
        super::tr(self.run, "MSEL timeline: injects and the actions they expected")
    }
    fn size(&self) -> (u32, u32) {
        (1600, (260 + 52 * self.rows.len() as u32).max(500))
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let (plot, side) = with_legend(root);
        let n = self.rows.len() as f64;
        let end = self.run.duration_h().max(1e-6);
        let mut chart = ChartBuilder::on(&plot)
            .caption(self.title(), font(&self.title(), TITLE))
            .margin(20)
            .x_label_area_size(80)
            .y_label_area_size(260)
            .build_cartesian_2d(0.0..end, 0.0..n.max(1.0))?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .disable_y_axis()
            .x_desc(super::tr(self.run, TIME_AXIS))
            .x_label_formatter(&|v| super::axis_num(*v))
            .y_label_formatter(&|v| super::axis_num(*v))
            .axis_desc_style(font(&super::tr(self.run, TIME_AXIS), LABEL))
            .label_style(latin(TICK))
            .draw()?;
        for (i, row) in self.rows.iter().enumerate() {
            let y = n - i as f64 - 0.5;
            let label = match row {
                Row::Inject(id, at, _) => {
                    match at {
                        Some(t) => {
                            chart.draw_series(std::iter::once(
                                EmptyElement::at((t / 3600.0, y)) + Polygon::new(diamond(), DARK.filled()),
                            ))?;
                        }
                        None => {
                            chart.draw_series(std::iter::once(Text::new(
                                super::tr(self.run, "not fired"),
                                (0.01 * end, y),
                                font("未", SMALL).color(&GREY),
                            )))?;
                        }
                    }
                    id.clone()
                }
                Row::Action(id, at, delay) => {
                    let v = rules::action_verdict(*delay);
                    let c = rules::verdict_colour(v);
                    match (at, delay) {
                        (Some(t), Some(d)) => {
                            let (a, b) = (t / 3600.0, t / 3600.0 + d / 60.0);
                            chart.draw_series(LineSeries::new([(a, y), (b, y)], c.stroke_width(5)))?;
                            chart.draw_series(std::iter::once(Circle::new((b, y), 10, c.filled())))?;
                            let txt = format!(" {}", minutes(self.run, *d));
                            chart.draw_series(std::iter::once(Text::new(txt.clone(), (b, y + 0.35), font(&txt, SMALL))))?;
                        }
                        (Some(t), None) => {
                            let a = t / 3600.0;
                            chart.draw_series(DashedLineSeries::new([(a, y), (end, y)], 10, 6, c.stroke_width(3)))?;
                            let txt = format!(" {}", super::tr(self.run, "not done"));
                            chart.draw_series(std::iter::once(Text::new(txt.clone(), (a, y + 0.35), font(&txt, SMALL))))?;
                        }
                        _ => {
                            let txt = super::tr(self.run, "inject did not fire");
                            chart.draw_series(std::iter::once(Text::new(
                                txt.clone(),
                                (0.01 * end, y),
                                font(&txt, SMALL).color(&GREY),
                            )))?;
                        }
                    }
                    if v == Verdict::Late || v == Verdict::NotDone {
                        // Mark the problem rows for readers in greyscale too.
                        let (px, py) = chart.backend_coord(&(end, y));
                        plot.draw(&Text::new("!", (px + 6, py), latin(LABEL).pos(Pos::new(HPos::Left, VPos::Center))))?;
                    }
                    format!("→ {id}")
                }
            };
            let (px, py) = chart.backend_coord(&(0.0, y));
            let style = font(&label, SMALL).pos(Pos::new(HPos::Right, VPos::Center));
            plot.draw(&Text::new(label, (px - 12, py), style))?;
        }
        let (prompt_min, late_min) = (rules::PROMPT_MIN, rules::LATE_MIN);
        let (prompt, acceptable, late) = match self.run.lang {
            Lang::En => (
                format!("action ≤ {}", minutes(self.run, prompt_min)),
                format!("{}–{}", rules::PROMPT_MIN, minutes(self.run, late_min)),
                format!("late (> {})", minutes(self.run, late_min)),
            ),
            Lang::Zh => (
                format!("行动用时 ≤ {}", minutes(self.run, prompt_min)),
                format!("{}–{}", rules::PROMPT_MIN, minutes(self.run, late_min)),
                format!("滞后（> {}）", minutes(self.run, late_min)),
            ),
        };
        let entries = vec![
            (super::tr(self.run, "inject fired"), DARK),
            (prompt, rules::verdict_colour(Verdict::Prompt)),
            (acceptable, rules::verdict_colour(Verdict::Acceptable)),
            (late, rules::verdict_colour(Verdict::Late)),
            (super::tr(self.run, "not done"), rules::verdict_colour(Verdict::NotDone)),
        ];
        legend(&side, &super::tr(self.run, "MSEL"), &entries)
    }
}

/// `d` minutes in the run's language: `15 min`, `15 分钟`.
fn minutes(run: &RunData, d: f64) -> String {
    match run.lang {
        Lang::En => format!("{d:.0} min"),
        Lang::Zh => format!("{d:.0} 分钟"),
    }
}

fn diamond() -> Vec<(i32, i32)> {
    vec![(0, -12), (12, 0), (0, 12), (-12, 0)]
}
