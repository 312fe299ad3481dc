//! What plan B changes from plan A, section by section.
//!
//! `drillsim compare` pairs two scenarios run by run on common random
//! numbers. The pairing answers "what does this plan change?" only when the
//! two files are one drill under two plans; run on two different drills it
//! still prints intervals, and they mean nothing. This module lists what
//! differs between the two scenarios, so the comparison can say what its
//! differences are differences *of*, and warn when the drill itself (the
//! place, the hazards, the people, the injects, the objectives) changed
//! too.
//!
//! Both scenarios are compared as their model serialises (defaults filled
//! in, so an omitted `rules` and `rules: []` are the same). Lists of things
//! with a name of their own (`id`, `name`, `zone`, `channel`) are matched by
//! that name in any order: an item is added, removed, or changed in the
//! fields listed. Any other value compares whole. The sections that are
//! records (`map`, `plan`, `weather`, …) are compared field by field. The
//! map's compiled rasters are compared as well, since two scenarios naming
//! the same `data/dem.asc` from different folders read different files.

use crate::compile::CompiledScenario;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Which part of a drill a section belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The response under test: what a comparison of plans is meant to vary.
    Plan,
    /// The drill the response meets: what a comparison of plans holds fixed.
    Drill,
}

/// Sections that change no outcome: titles, the default seed (a comparison
/// runs both plans on A's), and which files a run writes.
const NOT_COMPARED: [&str; 6] = ["name", "description", "author", "language", "seed", "outputs"];

/// The response under test: the plan's rules, orders and levels, the
/// teams and their kinds, depots and convoys, shelters, hospitals, stations
/// and the warning channels a plan can invest in.
const PLAN_SECTIONS: [&str; 9] = [
    "plan",
    "teams",
    "team_kinds",
    "depots",
    "convoys",
    "shelters",
    "hospitals",
    "stations",
    "warning_channels",
];

/// The drill itself: its clock, place, weather, hazards, people, injects
/// (the MSEL both plans face), what sheltered people use up, and the
/// objectives both are scored against.
const DRILL_SECTIONS: [&str; 12] = [
    "start",
    "duration",
    "tick",
    "map",
    "places",
    "roads",
    "weather",
    "hazards",
    "population",
    "consumption",
    "injects",
    "objectives",
];

/// Fields of an item that change no outcome of a run: the facilitator's
/// note, and the actions an inject expects (listed on the scorecard with
/// their delays, not scored).
const NO_OUTCOME_FIELDS: [&str; 2] = ["note", "expects"];

/// Fields that name an item of a list, in the order they are looked for.
const ITEM_NAMES: [&str; 4] = ["id", "name", "zone", "channel"];

/// One item both scenarios have, differing in `fields`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemChange {
    pub id: String,
    pub fields: Vec<String>,
}

/// What differs in one section (`teams`) or one field of a section
/// (`plan.rules`, `map.cell_size`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionChange {
    pub section: String,
    pub side: Side,
    /// Items B has and A has not, by name.
    pub added: Vec<String>,
    /// Items A has and B has not, by name.
    pub removed: Vec<String>,
    /// Items both have, with the fields in which they differ.
    pub changed: Vec<ItemChange>,
    /// The section is one value (not a list of named items) and it differs.
    pub value_changed: bool,
    /// The same named items, equal, in another order (which may decide
    /// who is spawned, fired or dispatched first).
    pub reordered: bool,
}

impl SectionChange {
    /// Whether this change alters the drill both plans should share. A place
    /// added changes nothing by itself (what uses it is listed on its own),
    /// nor do an item's facilitator `note` and the player actions an inject
    /// `expects` (the scorecard lists those, it does not score them).
    pub fn changes_the_drill(&self) -> bool {
        let outcome_field = |f: &String| !NO_OUTCOME_FIELDS.contains(&f.as_str());
        self.side == Side::Drill
            && (self.value_changed
                || self.reordered
                || !self.removed.is_empty()
                || self
                    .changed
                    .iter()
                    .any(|c| c.fields.is_empty() || c.fields.iter().any(outcome_field))
                || (!self.added.is_empty() && self.section != "places"))
    }

    /// Whether this change is to the map: the two runs of a pair meet
    /// different places.
    pub fn is_the_map(&self) -> bool {
        self.section == "map" || self.section.starts_with("map.")
    }

    /// A section that does not differ yet: nothing added, removed or changed.
    pub fn new(section: impl Into<String>, side: Side) -> Self {
        SectionChange {
            section: section.into(),
            side,
            added: Vec::new(),
            removed: Vec::new(),
            changed: Vec::new(),
            value_changed: false,
            reordered: false,
        }
    }
}

/// Every section in which `b` differs from `a`: the plan's sections
/// first, then the drill's, each in the order of `PLAN_SECTIONS` and
/// `DRILL_SECTIONS`, a record's fields alphabetically.
pub fn differences(a: &CompiledScenario, b: &CompiledScenario) -> Vec<SectionChange> {
    let mut out = model_differences(&model(a), &model(b));
    let (ta, tb) = (&a.terrain, &b.terrain);
    let same_rasters = ta.dims == tb.dims
        && ta.cell_m.to_bits() == tb.cell_m.to_bits()
        && ta.land == tb.land
        && same_bits(&ta.elevation, &tb.elevation)
        && same_bits(&ta.manning, &tb.manning);
    if !same_rasters && !out.iter().any(|c| c.section.starts_with("map")) {
        let mut change = SectionChange::new("map.rasters", Side::Drill);
        change.value_changed = true;
        let at = out.iter().position(|c| section_rank(&c.section) > section_rank("map"));
        out.insert(at.unwrap_or(out.len()), change);
    }
    out
}

fn model(c: &CompiledScenario) -> Map<String, Value> {
    match serde_json::to_value(&*c.scenario) {
        Ok(Value::Object(m)) => m,
        // The model is a struct of serialisable fields; anything else is a bug.
        other => unreachable!("a scenario serialises to a record, not {other:?}"),
    }
}

fn same_bits(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
}

fn section_rank(section: &str) -> usize {
    let top = section.split('.').next().unwrap_or(section);
    PLAN_SECTIONS
        .iter()
        .chain(&DRILL_SECTIONS)
        .position(|s| *s == top)
        .unwrap_or(usize::MAX)
}

fn side_of(section: &str) -> Side {
    if PLAN_SECTIONS.contains(&section) {
        Side::Plan
    } else {
        // A section not yet classified counts as the drill: a comparison
        // warns rather than passing a changed drill off as a plan.
        Side::Drill
    }
}

/// The differences of two serialised scenario models.
fn model_differences(a: &Map<String, Value>, b: &Map<String, Value>) -> Vec<SectionChange> {
    let mut out = Vec::new();
    for section in keys(a, b) {
        if NOT_COMPARED.contains(&section.as_str()) {
            continue;
        }
        let (va, vb) = (a.get(&section).unwrap_or(&Value::Null), b.get(&section).unwrap_or(&Value::Null));
        if va == vb {
            continue;
        }
        let side = side_of(&section);
        match (va, vb) {
            // A record section: one change per field that differs.
            (Value::Object(fa), Value::Object(fb)) => {
                for field in keys(fa, fb) {
                    let (x, y) = (fa.get(&field).unwrap_or(&Value::Null), fb.get(&field).unwrap_or(&Value::Null));
                    if x != y {
                        out.push(value_change(format!("{section}.{field}"), side, x, y));
                    }
                }
            }
            _ => out.push(value_change(section, side, va, vb)),
        }
    }
    // The engine looks places up by name: their order is no difference.
    out.retain(|c| !(c.section == "places" && c.reordered));
    out.sort_by_key(|c| section_rank(&c.section));
    out
}

/// Keys of `a` in order, then those only `b` has.
fn keys(a: &Map<String, Value>, b: &Map<String, Value>) -> Vec<String> {
    let mut k: Vec<String> = a.keys().cloned().collect();
    k.extend(b.keys().filter(|x| !a.contains_key(*x)).cloned());
    k
}

fn value_change(section: String, side: Side, a: &Value, b: &Value) -> SectionChange {
    let mut change = SectionChange::new(section, side);
    match (named_items(a), named_items(b)) {
        (Some(ia), Some(ib)) => {
            for (id, x) in &ia {
                match ib.iter().find(|(j, _)| j == id) {
                    None => change.removed.push(id.clone()),
                    Some((_, y)) if x != y => change.changed.push(ItemChange {
                        id: id.clone(),
                        fields: differing_fields(x, y),
                    }),
                    Some(_) => {}
                }
            }
            change.added = ib
                .iter()
                .filter(|(id, _)| !ia.iter().any(|(j, _)| j == id))
                .map(|(id, _)| id.clone())
                .collect();
            // Named items equal in all but their order: say so rather than nothing.
            change.reordered = change.added.is_empty() && change.removed.is_empty() && change.changed.is_empty();
        }
        _ => change.value_changed = true,
    }
    change
}

/// A list whose items all carry a distinct name, as (name, item).
fn named_items(v: &Value) -> Option<Vec<(String, &Value)>> {
    let list = v.as_array()?;
    let mut out: Vec<(String, &Value)> = Vec::with_capacity(list.len());
    for item in list {
        let record = item.as_object()?;
        let name = ITEM_NAMES.iter().find_map(|k| record.get(*k).and_then(Value::as_str))?;
        if out.iter().any(|(n, _)| n == name) {
            return None;
        }
        out.push((name.to_string(), item));
    }
    Some(out)
}

fn differing_fields(a: &Value, b: &Value) -> Vec<String> {
    match (a.as_object(), b.as_object()) {
        (Some(fa), Some(fb)) => keys(fa, fb).into_iter().filter(|k| fa.get(k) != fb.get(k)).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => panic!("not an object"),
        }
    }

    #[test]
    fn named_items_are_matched_in_any_order() {
        let a = obj(json!({
            "teams": [{"id": "boat_1", "crew": 4}, {"id": "boat_2", "crew": 4}, {"id": "boat_3", "crew": 4}],
        }));
        let b = obj(json!({
            "teams": [{"id": "boat_2", "crew": 6}, {"id": "boat_1", "crew": 4}, {"id": "boat_9", "crew": 2}],
        }));
        let d = model_differences(&a, &b);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].section, "teams");
        assert_eq!(d[0].side, Side::Plan);
        assert_eq!(d[0].added, ["boat_9"]);
        assert_eq!(d[0].removed, ["boat_3"]);
        assert_eq!(
            d[0].changed,
            [ItemChange {
                id: "boat_2".into(),
                fields: vec!["crew".into()]
            }]
        );
        assert!(!d[0].value_changed && !d[0].changes_the_drill());
    }

    #[test]
    fn records_compare_field_by_field_and_only_order_that_matters_counts() {
        let a = obj(json!({
            "plan": {"rules": [{"id": "r1", "when": 1}], "levels": [1, 2], "default_dispatch": true},
            "places": [{"name": "x"}, {"name": "y"}],
        }));
        let b = obj(json!({
            "plan": {"rules": [{"id": "r1", "when": 1}], "levels": [2, 1], "default_dispatch": false},
            "places": [{"name": "y"}, {"name": "x"}],
        }));
        let d = model_differences(&a, &b);
        let sections: Vec<&str> = d.iter().map(|c| c.section.as_str()).collect();
        // Places are looked up by name: their order is no difference.
        assert_eq!(sections, ["plan.default_dispatch", "plan.levels"]);
        assert!(d[0].value_changed && d[1].value_changed);
        assert!(!d[0].changes_the_drill() && !d[1].changes_the_drill());
        // Zones in another order spawn their households in another order.
        let zones = |order: [&str; 2]| obj(json!({"population": [{"zone": order[0]}, {"zone": order[1]}]}));
        let d = model_differences(&zones(["east", "west"]), &zones(["west", "east"]));
        assert!(d[0].reordered && d[0].changes_the_drill());
    }

    #[test]
    fn the_drill_side_warns_and_titles_do_not_count() {
        let a = obj(json!({"name": "A", "seed": 1, "hazards": [{"Flood": {"rain": true}}], "places": [{"name": "p"}]}));
        let b = obj(json!({"name": "B", "seed": 2, "hazards": [{"Flood": {"rain": false}}], "places": [{"name": "p"}, {"name": "q"}]}));
        let d = model_differences(&a, &b);
        let sections: Vec<&str> = d.iter().map(|c| c.section.as_str()).collect();
        assert_eq!(sections, ["places", "hazards"]);
        assert!(!d[0].changes_the_drill(), "a place added changes nothing by itself");
        assert!(d[1].changes_the_drill() && d[1].value_changed);
        // An inject's note and expected actions change no outcome; its trigger does.
        let inject = |note: &str, at: &str| obj(json!({"injects": [{"id": "breach", "note": note, "expects": [note], "at": at}]}));
        let d = model_differences(&inject("a", "1h"), &inject("b", "1h"));
        assert_eq!(d[0].changed[0].fields, ["expects", "note"]);
        assert!(!d[0].changes_the_drill());
        let d = model_differences(&inject("a", "1h"), &inject("b", "2h"));
        assert!(d[0].changes_the_drill());
        // The plan's sections come first.
        let with_plan = |team: &str| obj(json!({"hazards": [team], "teams": [{"id": team}]}));
        let d = model_differences(&with_plan("a"), &with_plan("b"));
        let sections: Vec<&str> = d.iter().map(|c| c.section.as_str()).collect();
        assert_eq!(sections, ["teams", "hazards"]);
    }

    #[test]
    fn every_section_of_the_model_is_classified() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/riverside_flood.ron");
        let c = CompiledScenario::load(std::path::Path::new(path)).unwrap();
        for key in model(&c).keys() {
            assert!(
                NOT_COMPARED.contains(&key.as_str()) || PLAN_SECTIONS.contains(&key.as_str()) || DRILL_SECTIONS.contains(&key.as_str()),
                "scenario section `{key}` is neither plan, drill nor left out of comparisons"
            );
        }
        assert!(differences(&c, &c).is_empty());
    }

    #[test]
    fn the_same_map_text_over_other_rasters_is_a_changed_drill() {
        // Two folders' `data/dem.asc` under one `AsciiGrid("data/dem.asc")`.
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/tutorial.ron");
        let a = CompiledScenario::load(std::path::Path::new(path)).unwrap();
        let mut b = a.clone();
        let mut terrain = (*b.terrain).clone();
        terrain.elevation[0] += 0.5;
        b.terrain = std::sync::Arc::new(terrain);
        let d = differences(&a, &b);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].section, "map.rasters");
        assert!(d[0].value_changed && d[0].changes_the_drill());
        // With a plan change beside it, the rasters still come among the drill's sections.
        let mut scenario = (*b.scenario).clone();
        scenario.convoys.clear();
        b.scenario = std::sync::Arc::new(scenario);
        let sections: Vec<String> = differences(&a, &b).into_iter().map(|c| c.section).collect();
        assert_eq!(sections, ["convoys", "map.rasters"]);
    }
}
