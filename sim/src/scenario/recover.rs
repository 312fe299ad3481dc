//! Every type error at once.
//!
//! serde stops at the first error it meets, so a scenario with a wrong type in
//! `teams` and a misspelt field in `shelters` would show only the first. When
//! deserializing the whole [`Scenario`] fails, [`type_errors`] checks the file
//! again piece by piece: each top-level section on its own, each element of a
//! list section on its own, and the fields of the struct sections (`map`,
//! `roads`, `weather`, `plan`, `outputs`) one by one. Pieces are independent,
//! so each mistake is reported once, at its own span.
//!
//! The tables below mirror the field lists of [`super::model`]; a unit test
//! keeps them in step with the types.

use super::de::{DeError, from_node, list_names};
use super::model::*;
use super::tree::{Node, Value};
use super::units::{Duration, Param};
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;

type Check = fn(&Node, &mut Vec<DeError>);

/// One field of a struct section: name, whether it is required, how to check it.
type FieldCheck = (&'static str, bool, Check);

fn one<T: DeserializeOwned>(n: &Node, out: &mut Vec<DeError>) {
    if let Err(e) = from_node::<T>(n) {
        out.push(e.at(n.span));
    }
}

/// A list checked element by element, so one bad entry does not hide the next.
fn each<T: DeserializeOwned>(n: &Node, out: &mut Vec<DeError>) {
    match &n.value {
        Value::List(items) => items.iter().for_each(|item| one::<T>(item, out)),
        _ => one::<Vec<T>>(n, out),
    }
}

const SCENARIO: &[FieldCheck] = &[
    ("name", true, one::<String>),
    ("description", false, one::<String>),
    ("author", false, one::<String>),
    ("language", false, one::<String>),
    ("start", true, one::<String>),
    ("duration", true, one::<Duration>),
    ("tick", false, one::<Duration>),
    ("seed", false, one::<u64>),
    ("map", true, map_section),
    ("places", false, each::<Place>),
    ("roads", false, roads_section),
    ("weather", false, weather_section),
    ("hazards", false, each::<Hazard>),
    ("population", false, each::<Zone>),
    ("warning_channels", false, each::<WarningChannel>),
    ("shelters", false, each::<Shelter>),
    ("consumption", false, one::<Consumption>),
    ("hospitals", false, each::<Hospital>),
    ("stations", false, each::<Station>),
    ("team_kinds", false, each::<TeamKind>),
    ("teams", false, each::<Team>),
    ("depots", false, each::<Depot>),
    ("convoys", false, each::<Convoy>),
    ("injects", false, each::<Inject>),
    ("plan", false, plan_section),
    ("objectives", false, each::<Objective>),
    ("outputs", false, outputs_section),
];

const MAP: &[FieldCheck] = &[
    ("cell_size_m", true, one::<f64>),
    ("size", false, one::<Option<(u32, u32)>>),
    ("elevation", true, one::<Elevation>),
    ("land", true, one::<Land>),
    ("manning_n", false, one::<BTreeMap<LandClass, f64>>),
    ("paint", false, each::<Paint>),
];

const ROADS: &[FieldCheck] = &[
    ("nodes", false, each::<RoadNode>),
    ("links", false, each::<RoadLink>),
    ("from_cells", false, one::<Option<DerivedRoads>>),
];

const WEATHER: &[FieldCheck] = &[
    ("wind", false, each::<WindAt>),
    ("rain_mm_h", false, each::<(Duration, Param)>),
    ("sky", false, one::<Sky>),
    ("temperature_c", false, one::<Option<Param>>),
    ("fuel_moisture_pct", false, one::<Option<Param>>),
    ("relative_humidity_pct", false, one::<Option<Param>>),
    ("sunrise", false, one::<Option<String>>),
    ("sunset", false, one::<Option<String>>),
];

const PLAN: &[FieldCheck] = &[
    ("rules", false, each::<Rule>),
    ("orders", false, each::<Order>),
    ("levels", false, each::<LevelTrigger>),
    ("default_dispatch", false, one::<bool>),
    ("report_delay", false, one::<Param<Duration>>),
];

const OUTPUTS: &[FieldCheck] = &[
    ("snapshots", false, each::<Duration>),
    ("timeseries_every", false, one::<Option<Duration>>),
];

fn map_section(n: &Node, out: &mut Vec<DeError>) {
    fields(n, MAP, one::<MapSpec>, out);
}
fn roads_section(n: &Node, out: &mut Vec<DeError>) {
    fields(n, ROADS, one::<Roads>, out);
}
fn weather_section(n: &Node, out: &mut Vec<DeError>) {
    fields(n, WEATHER, one::<Weather>, out);
}
fn plan_section(n: &Node, out: &mut Vec<DeError>) {
    fields(n, PLAN, one::<Plan>, out);
}
fn outputs_section(n: &Node, out: &mut Vec<DeError>) {
    fields(n, OUTPUTS, one::<Outputs>, out);
}

/// Check a struct field by field; anything that is not `(field: ..)` is
/// checked as a whole with `whole`.
fn fields(n: &Node, table: &[FieldCheck], whole: Check, out: &mut Vec<DeError>) {
    let given = match &n.value {
        Value::Struct(_, fs) => fs.as_slice(),
        Value::Tuple(_, items) if items.is_empty() => &[],
        _ => return whole(n, out),
    };
    let names: Vec<&str> = table.iter().map(|(name, ..)| *name).collect();
    let mut seen: Vec<&str> = Vec::new();
    for f in given {
        match table.iter().find(|(name, ..)| *name == f.name) {
            Some((name, _, check)) => {
                if seen.contains(name) {
                    out.push(DeError {
                        message_zh: None,
                        message: format!("duplicate field `{name}`"),
                        span: Some(f.name_span),
                    });
                } else {
                    seen.push(name);
                    check(&f.value, out);
                }
            }
            None => out.push(DeError {
                message_zh: None,
                message: format!("unknown field `{}`, expected one of {}", f.name, list_names(&names)),
                span: Some(f.name_span),
            }),
        }
    }
    for (name, required, _) in table {
        if *required && !seen.contains(name) {
            out.push(DeError {
                message_zh: None,
                message: format!("missing field `{name}`"),
                span: Some(n.span),
            });
        }
    }
}

/// Every type error in the scenario tree, each at its own span.
pub fn type_errors(root: &Node) -> Vec<DeError> {
    let mut out = Vec::new();
    fields(root, SCENARIO, one::<Scenario>, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::tree;

    /// The names serde lists for an unknown field of `T`.
    fn serde_fields<T: DeserializeOwned>() -> Vec<String> {
        let node = tree::parse("(zzz_not_a_field: 1)").unwrap();
        let e = from_node::<T>(&node).err().expect("unknown field must fail");
        e.message.split('`').skip(3).step_by(2).map(str::to_string).collect()
    }

    fn names(t: &[FieldCheck]) -> Vec<String> {
        t.iter().map(|(n, ..)| n.to_string()).collect()
    }

    #[test]
    fn tables_match_the_model() {
        assert_eq!(names(SCENARIO), serde_fields::<Scenario>());
        assert_eq!(names(MAP), serde_fields::<MapSpec>());
        assert_eq!(names(ROADS), serde_fields::<Roads>());
        assert_eq!(names(WEATHER), serde_fields::<Weather>());
        assert_eq!(names(PLAN), serde_fields::<Plan>());
        assert_eq!(names(OUTPUTS), serde_fields::<Outputs>());
    }

    #[test]
    fn reports_each_bad_element() {
        let src = "Scenario(name: 1, teams: [(id: 2, kind: \"x\", base: \"y\"), (id: \"ok\", kind: \"x\", base: \"y\", crw: 1)], plan: (rulez: []))";
        let errs = type_errors(&tree::parse(src).unwrap());
        let msgs: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
        assert!(msgs.iter().any(|m| m.contains("expected text")), "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("unknown field `crw`")), "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("unknown field `rulez`")), "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("missing field `start`")), "{msgs:?}");
        assert!(errs.len() >= 6, "{msgs:?}");
    }
}
