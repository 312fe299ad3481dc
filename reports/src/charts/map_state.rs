//! What the run's timeline says a map shows at a given time: which links
//! are closed or blocked, where each team is, whether a shelter is full.
//! Plain queries over the events and series, kept apart from the drawing
//! in [`super::maps`].

use crate::RunData;
use std::collections::BTreeMap;

/// State of each link at `t_s`: closed by order, or flooded for some class.
pub(super) fn closed_links(run: &RunData, t_s: f64) -> BTreeMap<String, &'static str> {
    let mut state: BTreeMap<String, &'static str> = BTreeMap::new();
    for e in run.events.iter().filter(|e| e.t_s <= t_s) {
        match e.kind.as_str() {
            "road_closed" => {
                state.insert(e.subject.clone(), "closed");
            }
            "road_opened" => {
                state.remove(&e.subject);
            }
            // Hazard closures carry the classes now kept off the link.
            _ if e.num("blocked_classes").is_some() => {
                if e.num("blocked_classes").unwrap_or(0.0) > 0.0 {
                    state.entry(e.subject.clone()).or_insert("blocked");
                } else if state.get(&e.subject) == Some(&"blocked") {
                    state.remove(&e.subject);
                }
            }
            _ => {}
        }
    }
    state
}

/// Each team's last reported (cell, state, task) at or before `t_s`.
pub(super) fn team_positions(run: &RunData, t_s: f64) -> BTreeMap<String, (usize, String, String)> {
    let mut out = BTreeMap::new();
    for e in run.events_of("team_state").filter(|e| e.t_s <= t_s) {
        if let Some(cell) = e.num("cell") {
            let st = e.str("state").unwrap_or_default().to_string();
            out.insert(
                e.subject.clone(),
                (cell as usize, st, e.str("task").unwrap_or_default().to_string()),
            );
        }
    }
    out
}

/// Whether a shelter is full at `t_s` as the timeline says it: at capacity,
/// or turned a household away (`shelter_full`) and has not emptied since.
pub(super) fn shelter_full_at(run: &RunData, shelter: &str, t_s: f64, occupancy: Option<f64>, capacity: Option<f64>) -> bool {
    if matches!((occupancy, capacity), (Some(o), Some(c)) if c > 0.0 && o >= c) {
        return true;
    }
    let s = &run.series;
    let col = s.col(&format!("shelter.{shelter}.occupancy"));
    run.events_of("shelter_full")
        .filter(|e| e.subject == shelter && e.t_s <= t_s)
        .last()
        .is_some_and(|e| {
            let then = col.and_then(|i| s.at(i, e.t_s / 60.0));
            matches!((occupancy, then), (Some(now), Some(then)) if now >= then)
        })
}
