//! Team activity as a Gantt chart: one row per team, one bar per state
//! (mobilising, travelling, working, resting, idle, lost) from the team's
//! `team_state` events. A team is mobilising from the start until its first
//! event, which is when the engine reports it ready.

use super::{Chart, DrawResult, LABEL, SMALL, TICK, TIME_AXIS, TITLE, font, latin, legend, with_legend};
use crate::RunData;
use crate::palette::{self, TEAM};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One bar: (start h, end h, state).
pub type Bar = (f64, f64, String);

pub struct Gantt<'a> {
    pub run: &'a RunData,
    /// (team id, bars) in the scenario's team order.
    pub rows: Vec<(String, Vec<Bar>)>,
}

impl<'a> Gantt<'a> {
    pub fn new(run: &'a RunData) -> Self {
        let mut order: Vec<String> = run
            .scenario
            .as_ref()
            .map(|s| s.scenario.teams.iter().map(|t| t.id.clone()).collect())
            .unwrap_or_default();
        for e in run.events_of("team_state") {
            if !order.contains(&e.subject) {
                order.push(e.subject.clone());
            }
        }
        let end = run.duration_h();
        let rows = order
            .into_iter()
            .map(|id| {
                let mut bars: Vec<Bar> = Vec::new();
                let mut cur = (0.0, "mobilising".to_string());
                for e in run.events_of("team_state").filter(|e| e.subject == id) {
                    let t = e.t_s / 3600.0;
                    let st = e.str("state").unwrap_or("unknown").to_string();
                    if t > cur.0 {
                        bars.push((cur.0, t, cur.1.clone()));
                    }
                    cur = (t, st);
                }
                if end > cur.0 {
                    bars.push((cur.0, end, cur.1));
                }
                (id, bars)
            })
            .collect();
        Gantt { run, rows }
    }

    /// Hours each team spent in each state: (team, [(state, h)]). A fold from
    /// +0.0, not `sum`, which starts at -0.0 and would print "-0.0 h".
    pub fn totals(&self) -> Vec<(String, Vec<(&'static str, f64)>)> {
        self.rows
            .iter()
            .map(|(id, bars)| {
                let per = TEAM
                    .iter()
                    .map(|(s, _)| (*s, bars.iter().filter(|b| b.2 == *s).fold(0.0, |h, b| h + (b.1 - b.0))))
                    .collect();
                (id.clone(), per)
            })
            .collect()
    }
}

impl Chart for Gantt<'_> {
    fn stem(&self) -> String {
        "teams".into()
    }
    fn title(&self) -> String {
        super::tr(self.run, "Team activity")
    }
    fn size(&self) -> (u32, u32) {
        (1600, (260 + 60 * self.rows.len() as u32).max(500))
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let (plot, side) = with_legend(root);
        let n = self.rows.len() as f64;
        let mut chart = ChartBuilder::on(&plot)
            .caption(self.title(), font(&self.title(), TITLE))
            .margin(20)
            .x_label_area_size(80)
            .y_label_area_size(200)
            .build_cartesian_2d(0.0..self.run.duration_h().max(1e-6), 0.0..n.max(1.0))?;
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
        for (i, (id, bars)) in self.rows.iter().enumerate() {
            // Row 0 at the top.
            let y = n - i as f64 - 1.0;
            chart.draw_series(
                bars.iter()
                    .map(|(a, b, st)| Rectangle::new([(*a, y + 0.15), (*b, y + 0.85)], palette::team_state(st).filled())),
            )?;
            let (px, py) = chart.backend_coord(&(0.0, y + 0.5));
            let style = font(id, SMALL).pos(Pos::new(HPos::Right, VPos::Center));
            plot.draw(&Text::new(id.clone(), (px - 12, py), style))?;
        }
        let entries: Vec<(String, RGBColor)> = TEAM.iter().map(|(s, c)| (super::tr(self.run, s), *c)).collect();
        legend(&side, &super::tr(self.run, "Team state"), &entries)
    }
}
