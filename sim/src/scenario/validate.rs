//! Semantic checks: everything a well-formed scenario can still get wrong.
//!
//! Checks collect [`Problem`]s (a path into the file, a code, a message and a
//! hint) and never stop at the first one, so a trainer sees every mistake at
//! once. Checks that need the built map or road graph live with those
//! (`map::terrain`, `roads`), and report the same way.

use super::Problem;
use super::model::*;
use super::params::for_each_param;
use super::tree::Path;
use crate::map::{Dims, shape_points};
use std::collections::BTreeMap;

/// Documented limits (scenarios/README.md, "Limits").
pub const MAX_RESIDENTS: f64 = 5_000_000.0;
pub const MAX_TEAMS: usize = 10_000;
pub const MAX_CONVOY_VEHICLES: u32 = 10_000;
pub const MAX_ROAD_NODES: usize = 200_000;
pub const MIN_TICK_S: f64 = 1.0;
pub const MAX_TICKS: f64 = 200_000.0;

/// Known names of one kind, with where each was declared.
struct Ids<'a> {
    what: &'static str,
    ids: BTreeMap<&'a str, Path>,
}

impl<'a> Ids<'a> {
    fn new(what: &'static str) -> Self {
        Ids {
            what,
            ids: BTreeMap::new(),
        }
    }

    fn declare(&mut self, id: &'a str, path: Path, out: &mut Vec<Problem>) {
        if id.trim().is_empty() {
            out.push(Problem::new(
                path,
                "empty-id",
                format!("{} id is empty", self.what),
                Some("give it a short name such as \"north_school\"".into()),
            ));
        } else if let Some(first) = self.ids.get(id) {
            out.push(Problem::new(
                path,
                "duplicate-id",
                format!("{} `{id}` is declared twice", self.what),
                Some(format!("the first one is at {first}; ids must be unique")),
            ));
        } else {
            self.ids.insert(id, path);
        }
    }

    fn check(&self, id: &str, path: Path, out: &mut Vec<Problem>) {
        if !self.ids.contains_key(id) {
            let hint = match super::diagnostics::suggest(id, self.ids.keys().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None if self.ids.is_empty() => format!("no {} is declared", self.what),
                None => format!(
                    "declared: {}",
                    self.ids.keys().take(8).map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                ),
            };
            out.push(Problem::new(
                path,
                "unknown-id",
                format!("unknown {} `{id}`", self.what),
                Some(hint),
            ));
        }
    }

    fn has(&self, id: &str) -> bool {
        self.ids.contains_key(id)
    }
}

/// Run every check that needs only the parsed scenario and the map size.
pub fn validate(s: &Scenario, dims: Option<Dims>) -> Vec<Problem> {
    let mut out = Vec::new();
    let root = Path::root();
    check_clock(s, &mut out);

    let mut places = Ids::new("place");
    for (i, p) in s.places.iter().enumerate() {
        let path = root.field("places").index(i);
        places.declare(&p.name, path.field("name"), &mut out);
        if let Some(d) = dims {
            for pt in shape_points(&p.at) {
                if !d.contains(pt) {
                    out.push(Problem::new(
                        path.field("at"),
                        "outside-map",
                        format!(
                            "place `{}` has point ({}, {}) outside the {}×{} map",
                            p.name, pt.0, pt.1, d.cols, d.rows
                        ),
                        Some(format!("columns run 0..{} and rows 0..{}", d.cols - 1, d.rows - 1)),
                    ));
                    break;
                }
            }
        }
        if let crate::scenario::model::Shape::Polygon(v) = &p.at
            && v.len() < 3
        {
            out.push(Problem::new(
                path.field("at"),
                "bad-shape",
                "a Polygon needs at least 3 points",
                None,
            ));
        }
    }

    // Roads.
    let mut nodes = Ids::new("road node");
    if s.roads.nodes.len() > MAX_ROAD_NODES {
        out.push(Problem::new(
            root.field("roads").field("nodes"),
            "too-large",
            format!("more than {MAX_ROAD_NODES} road nodes"),
            None,
        ));
    }
    for (i, n) in s.roads.nodes.iter().enumerate() {
        let p = root.field("roads").field("nodes").index(i);
        nodes.declare(&n.id, p.field("id"), &mut out);
        if let Some(d) = dims
            && !d.contains(n.at)
        {
            out.push(Problem::new(
                p.field("at"),
                "outside-map",
                format!("road node `{}` at ({}, {}) is outside the map", n.id, n.at.0, n.at.1),
                None,
            ));
        }
    }
    let mut links = Ids::new("road link");
    for (i, l) in s.roads.links.iter().enumerate() {
        let p = root.field("roads").field("links").index(i);
        links.declare(&l.id, p.field("id"), &mut out);
        nodes.check(&l.from, p.field("from"), &mut out);
        nodes.check(&l.to, p.field("to"), &mut out);
        if l.from == l.to {
            out.push(Problem::new(
                p.field("to"),
                "self-loop",
                format!("link `{}` starts and ends at `{}`", l.id, l.to),
                None,
            ));
        }
        if l.lanes == 0 || l.lanes > 16 {
            out.push(Problem::new(p.field("lanes"), "out-of-range", "lanes must be 1 to 16", None));
        }
        positive(l.speed_kmh, p.field("speed_kmh"), "speed_kmh", &mut out);
        positive(
            l.capacity_pcu_h_lane,
            p.field("capacity_pcu_h_lane"),
            "capacity_pcu_h_lane",
            &mut out,
        );
        if let Some(len) = l.length_m {
            positive(len, p.field("length_m"), "length_m", &mut out);
        }
        if l.classes.is_empty() {
            out.push(Problem::new(
                p.field("classes"),
                "empty",
                "a link must allow at least one vehicle class",
                Some("e.g. classes: [Car, Truck, Foot]".into()),
            ));
        }
    }
    // A place name or a road node id may stand wherever a location is asked for.
    let locate = |id: &str, path: Path, what: &str, out: &mut Vec<Problem>| {
        if !places.has(id) && !nodes.has(id) {
            let known = places.ids.keys().chain(nodes.ids.keys()).copied();
            let hint = super::diagnostics::suggest(id, known)
                .map(|k| format!("did you mean `{k}`?"))
                .unwrap_or_else(|| "declare it under `places` or `roads.nodes`".into());
            out.push(Problem::new(path, "unknown-id", format!("unknown {what} `{id}`"), Some(hint)));
        }
    };

    // Hazards.
    let mut levees = Ids::new("levee");
    let mut pumps = Ids::new("pump");
    let mut releases = Ids::new("release");
    for (i, h) in s.hazards.iter().enumerate() {
        let hp = root.field("hazards").index(i);
        match h {
            Hazard::Flood(f) => {
                for (j, inflow) in f.inflows.iter().enumerate() {
                    let p = hp.field("inflows").index(j);
                    locate(&inflow.place, p.field("place"), "place", &mut out);
                    check_series(&inflow.hydrograph, p.field("hydrograph"), &mut out);
                }
                for (j, b) in f.initial_water.iter().enumerate() {
                    locate(&b.place, hp.field("initial_water").index(j).field("place"), "place", &mut out);
                }
                for (j, l) in f.levees.iter().enumerate() {
                    let p = hp.field("levees").index(j);
                    levees.declare(&l.id, p.field("id"), &mut out);
                    locate(&l.place, p.field("place"), "place", &mut out);
                }
                for (j, pm) in f.pumps.iter().enumerate() {
                    let p = hp.field("pumps").index(j);
                    pumps.declare(&pm.id, p.field("id"), &mut out);
                    locate(&pm.place, p.field("place"), "place", &mut out);
                }
            }
            Hazard::Fire(f) => {
                for (j, ig) in f.ignitions.iter().enumerate() {
                    locate(&ig.place, hp.field("ignitions").index(j).field("place"), "place", &mut out);
                }
                for (class, m) in &f.fuel_models {
                    if !(1..=13).contains(m) {
                        out.push(Problem::new(
                            hp.field("fuel_models").key(&format!("{class:?}")),
                            "out-of-range",
                            format!("fuel model {m} is not one of Anderson's 13 (1..=13)"),
                            None,
                        ));
                    }
                }
            }
            Hazard::Release(r) => {
                releases.declare(&r.id, hp.field("id"), &mut out);
                locate(&r.place, hp.field("place"), "place", &mut out);
                if r.rate_kg_s.is_none() == r.mass_kg.is_none() {
                    out.push(Problem::new(
                        hp.clone(),
                        "missing-field",
                        "a release needs exactly one of `rate_kg_s` (plume) or `mass_kg` (puff)",
                        None,
                    ));
                }
            }
        }
    }

    // People and facilities.
    let mut zones = Ids::new("population zone");
    for (i, z) in s.population.iter().enumerate() {
        let p = root.field("population").index(i);
        zones.declare(&z.zone, p.field("zone"), &mut out);
        locate(&z.zone, p.field("zone"), "place", &mut out);
        range(&z.residents, 0.0, MAX_RESIDENTS, p.field("residents"), "residents", &mut out);
        range(&z.household_size, 1.0, 20.0, p.field("household_size"), "household_size", &mut out);
        range(
            &z.cars_per_household,
            0.0,
            10.0,
            p.field("cars_per_household"),
            "cars_per_household",
            &mut out,
        );
        share(&z.vulnerable_share, p.field("vulnerable_share"), "vulnerable_share", &mut out);
        share(&z.compliance, p.field("compliance"), "compliance", &mut out);
    }
    let total: f64 = s.population.iter().map(|z| z.residents.range().1).sum();
    if total > MAX_RESIDENTS {
        out.push(Problem::new(
            root.field("population"),
            "too-large",
            format!("up to {total:.0} residents in all: the limit is {MAX_RESIDENTS:.0}"),
            None,
        ));
    }
    for (i, c) in s.warning_channels.iter().enumerate() {
        share(&c.reach, root.field("warning_channels").index(i).field("reach"), "reach", &mut out);
    }
    let mut shelters = Ids::new("shelter");
    for (i, sh) in s.shelters.iter().enumerate() {
        let p = root.field("shelters").index(i);
        shelters.declare(&sh.id, p.field("id"), &mut out);
        locate(&sh.place, p.field("place"), "place", &mut out);
        range(&sh.capacity, 0.0, MAX_RESIDENTS, p.field("capacity"), "capacity", &mut out);
        for (k, v) in &sh.supplies {
            range(v, 0.0, 1e12, p.field("supplies").key(k), "stock", &mut out);
        }
    }
    for (i, z) in s.population.iter().enumerate() {
        if let Some(sh) = &z.shelter {
            shelters.check(sh, root.field("population").index(i).field("shelter"), &mut out);
        }
    }
    let mut hospitals = Ids::new("hospital");
    for (i, h) in s.hospitals.iter().enumerate() {
        let p = root.field("hospitals").index(i);
        hospitals.declare(&h.id, p.field("id"), &mut out);
        locate(&h.place, p.field("place"), "place", &mut out);
        range(&h.beds, 0.0, 1e6, p.field("beds"), "beds", &mut out);
    }
    let mut stations = Ids::new("station");
    for (i, st) in s.stations.iter().enumerate() {
        let p = root.field("stations").index(i);
        stations.declare(&st.id, p.field("id"), &mut out);
        locate(&st.place, p.field("place"), "place", &mut out);
    }

    // Response.
    let kinds_all = crate::response_defaults::merged_kinds(&s.team_kinds);
    let mut kinds = Ids::new("team kind");
    for k in &kinds_all {
        kinds.ids.insert(k.id.as_str(), Path::root().field("team_kinds"));
    }
    let mut own_kinds = Ids::new("team kind");
    for (i, k) in s.team_kinds.iter().enumerate() {
        let p = root.field("team_kinds").index(i);
        own_kinds.declare(&k.id, p.field("id"), &mut out);
        range(&k.speed_kmh, 0.1, 1000.0, p.field("speed_kmh"), "speed_kmh", &mut out);
    }
    let mut teams = Ids::new("team");
    if s.teams.len() > MAX_TEAMS {
        out.push(Problem::new(
            root.field("teams"),
            "too-large",
            format!("more than {MAX_TEAMS} teams"),
            None,
        ));
    }
    for (i, t) in s.teams.iter().enumerate() {
        let p = root.field("teams").index(i);
        teams.declare(&t.id, p.field("id"), &mut out);
        kinds.check(&t.kind, p.field("kind"), &mut out);
        if !stations.has(&t.base) {
            locate(&t.base, p.field("base"), "team base (station, place or road node)", &mut out);
        }
        if t.crew == 0 {
            out.push(Problem::new(
                p.field("crew"),
                "out-of-range",
                "a team needs a crew of at least 1",
                None,
            ));
        }
    }
    let mut depots = Ids::new("depot");
    for (i, d) in s.depots.iter().enumerate() {
        let p = root.field("depots").index(i);
        depots.declare(&d.id, p.field("id"), &mut out);
        locate(&d.place, p.field("place"), "place", &mut out);
        for (k, v) in &d.stock {
            range(v, 0.0, 1e12, p.field("stock").key(k), "stock", &mut out);
        }
        for (j, a) in d.agreements.iter().enumerate() {
            range(
                &a.quantity,
                0.0,
                1e12,
                p.field("agreements").index(j).field("quantity"),
                "quantity",
                &mut out,
            );
        }
    }
    let mut convoys = Ids::new("convoy");
    for (i, c) in s.convoys.iter().enumerate() {
        let p = root.field("convoys").index(i);
        convoys.declare(&c.id, p.field("id"), &mut out);
        locate(&c.from, p.field("from"), "convoy origin", &mut out);
        locate(&c.to, p.field("to"), "convoy destination", &mut out);
        if c.vehicles == 0 || c.vehicles > MAX_CONVOY_VEHICLES {
            out.push(Problem::new(
                p.field("vehicles"),
                "out-of-range",
                format!("vehicles must be 1 to {MAX_CONVOY_VEHICLES}"),
                None,
            ));
        }
        if matches!(c.class, VehicleClass::Boat | VehicleClass::Air) {
            out.push(Problem::new(
                p.field("class"),
                "bad-class",
                "convoys travel by road: use Car, Truck, Bus or Foot",
                None,
            ));
        }
    }

    // Injects, plan, objectives.
    let mut injects = Ids::new("inject");
    for (i, inj) in s.injects.iter().enumerate() {
        injects.declare(&inj.id, root.field("injects").index(i).field("id"), &mut out);
    }
    let mut actions = Ids::new("plan rule or order");
    for (i, r) in s.plan.rules.iter().enumerate() {
        actions.declare(&r.id, root.field("plan").field("rules").index(i).field("id"), &mut out);
    }
    for (i, o) in s.plan.orders.iter().enumerate() {
        actions.declare(&o.id, root.field("plan").field("orders").index(i).field("id"), &mut out);
    }
    let refs = Refs {
        places: &places,
        nodes: &nodes,
        links: &links,
        levees: &levees,
        pumps: &pumps,
        releases: &releases,
        zones: &zones,
        shelters: &shelters,
        kinds: &kinds,
        teams: &teams,
        depots: &depots,
        injects: &injects,
    };
    for (i, inj) in s.injects.iter().enumerate() {
        let p = root.field("injects").index(i);
        match (&inj.at, &inj.when) {
            (Some(_), Some(_)) => out.push(Problem::new(
                p.field("when"),
                "conflict",
                format!("inject `{}` has both `at` and `when`", inj.id),
                Some("keep one: a time or a condition".into()),
            )),
            (None, None) => out.push(Problem::new(
                p.clone(),
                "missing-field",
                format!("inject `{}` needs `at: \"1h\"` or `when: Condition`", inj.id),
                None,
            )),
            _ => {}
        }
        if let Some(c) = &inj.when {
            refs.condition(c, p.field("when"), &mut out);
        }
        refs.event(&inj.event, p.field("event"), &mut out);
        for (j, e) in inj.expects.iter().enumerate() {
            actions.check(e, p.field("expects").index(j), &mut out);
        }
    }
    for (i, r) in s.plan.rules.iter().enumerate() {
        let p = root.field("plan").field("rules").index(i);
        refs.condition(&r.when, p.field("when"), &mut out);
        refs.action(&r.action, p.field("do"), &mut out);
    }
    for (i, o) in s.plan.orders.iter().enumerate() {
        let p = root.field("plan").field("orders").index(i);
        refs.action(&o.action, p.field("do"), &mut out);
        if o.at.0 > s.duration.0 {
            out.push(Problem::new(
                p.field("at"),
                "after-end",
                format!("order `{}` at {} is after the drill ends ({})", o.id, o.at, s.duration),
                None,
            ));
        }
    }
    for (i, l) in s.plan.levels.iter().enumerate() {
        refs.condition(&l.when, root.field("plan").field("levels").index(i).field("when"), &mut out);
    }
    let mut objectives = Ids::new("objective");
    for (i, o) in s.objectives.iter().enumerate() {
        let p = root.field("objectives").index(i);
        objectives.declare(&o.id, p.field("id"), &mut out);
        if !(o.weight.is_finite() && o.weight >= 0.0) {
            out.push(Problem::new(p.field("weight"), "out-of-range", "weight must be zero or more", None));
        }
        match &o.metric {
            Metric::ShareSheltered { zone: Some(z), .. } => zones.check(z, p.field("metric").field("zone"), &mut out),
            Metric::TimeToFirstUnit(inj) => injects.check(inj, p.field("metric"), &mut out),
            Metric::ConvoyArrival(c) => convoys.check(c, p.field("metric"), &mut out),
            _ => {}
        }
        if let Some((a, b, c)) = o.thresholds {
            let increasing = matches!(o.target, Target::AtMost(_));
            let ok = if increasing { a <= b && b <= c } else { a >= b && b >= c };
            if !ok {
                out.push(Problem::new(
                    p.field("thresholds"),
                    "bad-thresholds",
                    "P/S/M thresholds are out of order",
                    Some(if increasing {
                        "for AtMost targets write them increasing, e.g. (0, 5, 20)".into()
                    } else {
                        "for AtLeast targets write them decreasing, e.g. (0.95, 0.8, 0.5)".into()
                    }),
                ));
            }
        }
    }
    for (i, t) in s.outputs.snapshots.iter().enumerate() {
        if t.0 > s.duration.0 {
            out.push(Problem::new(
                root.field("outputs").field("snapshots").index(i),
                "after-end",
                format!("snapshot at {t} is after the drill ends ({})", s.duration),
                None,
            ));
        }
    }

    // Distributions everywhere.
    let mut copy = s.clone();
    for_each_param(&mut copy, &mut |path, p| {
        if let Some(msg) = p.problem() {
            out.push(Problem::new(path, "bad-distribution", msg, None));
        }
    });
    out
}

fn check_clock(s: &Scenario, out: &mut Vec<Problem>) {
    let root = Path::root();
    if !valid_start(&s.start) {
        out.push(Problem::new(
            root.field("start"),
            "bad-date",
            format!("`{}` is not a date-time", s.start),
            Some("write YYYY-MM-DDTHH:MM, e.g. \"2024-06-12T02:00\"".into()),
        ));
    }
    if s.tick.0 < MIN_TICK_S {
        out.push(Problem::new(root.field("tick"), "out-of-range", "tick must be at least 1s", None));
    } else if s.duration.0 / s.tick.0 > MAX_TICKS {
        out.push(Problem::new(
            root.field("tick"),
            "too-large",
            format!("{} / {} is more than {MAX_TICKS} ticks", s.duration, s.tick),
            Some("use a longer tick".into()),
        ));
    }
    if s.duration.0 < s.tick.0 {
        out.push(Problem::new(
            root.field("duration"),
            "out-of-range",
            "the drill must last at least one tick",
            None,
        ));
    }
    if s.name.trim().is_empty() {
        out.push(Problem::new(root.field("name"), "empty", "the scenario needs a name", None));
    }
}

/// `YYYY-MM-DDTHH:MM` with plausible field ranges.
pub fn valid_start(t: &str) -> bool {
    let b = t.as_bytes();
    if b.len() != 16 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| t.get(r).and_then(|x| x.parse::<u32>().ok());
    matches!(
        (num(0..4), num(5..7), num(8..10), num(11..13), num(14..16)),
        (Some(_), Some(1..=12), Some(1..=31), Some(0..=23), Some(0..=59))
    )
}

fn positive(v: f64, path: Path, what: &str, out: &mut Vec<Problem>) {
    if !(v.is_finite() && v > 0.0) {
        out.push(Problem::new(
            path,
            "out-of-range",
            format!("{what} must be greater than zero, found {v}"),
            None,
        ));
    }
}

fn range(p: &crate::scenario::units::Param, lo: f64, hi: f64, path: Path, what: &str, out: &mut Vec<Problem>) {
    if p.problem().is_some() {
        return; // reported as bad-distribution
    }
    let (a, b) = p.range();
    if a < lo {
        let code = if lo == 0.0 { "negative" } else { "out-of-range" };
        out.push(Problem::new(path, code, format!("{what} can be {a}, below the minimum {lo}"), None));
    } else if b > hi {
        out.push(Problem::new(
            path,
            "too-large",
            format!("{what} can be {b}, above the limit {hi}"),
            None,
        ));
    }
}

fn share(p: &crate::scenario::units::Param, path: Path, what: &str, out: &mut Vec<Problem>) {
    if p.problem().is_some() {
        return;
    }
    let (a, b) = p.range();
    if a < 0.0 || b > 1.0 {
        out.push(Problem::new(
            path,
            "not-a-share",
            format!("{what} is a share between 0 and 1, found values up to {b}"),
            Some("write 0.85 for 85 %".into()),
        ));
    }
}

fn check_series(s: &[(crate::scenario::units::Duration, crate::scenario::units::Param)], path: Path, out: &mut Vec<Problem>) {
    if s.is_empty() {
        out.push(Problem::new(
            path.clone(),
            "empty",
            "the series needs at least one (time, value) pair",
            None,
        ));
    }
    for (i, w) in s.windows(2).enumerate() {
        if w[1].0.0 <= w[0].0.0 {
            out.push(Problem::new(
                path.index(i + 1).index(0),
                "not-increasing",
                "times in a series must increase",
                None,
            ));
        }
    }
    for (i, (_, v)) in s.iter().enumerate() {
        if v.problem().is_none() && v.range().0 < 0.0 {
            out.push(Problem::new(
                path.index(i).index(1),
                "negative",
                "values in this series cannot be negative",
                None,
            ));
        }
    }
}

struct Refs<'r, 'a> {
    places: &'r Ids<'a>,
    nodes: &'r Ids<'a>,
    links: &'r Ids<'a>,
    levees: &'r Ids<'a>,
    pumps: &'r Ids<'a>,
    releases: &'r Ids<'a>,
    zones: &'r Ids<'a>,
    shelters: &'r Ids<'a>,
    kinds: &'r Ids<'a>,
    teams: &'r Ids<'a>,
    depots: &'r Ids<'a>,
    injects: &'r Ids<'a>,
}

impl Refs<'_, '_> {
    fn condition(&self, c: &Condition, p: Path, out: &mut Vec<Problem>) {
        match c {
            Condition::Depth { place, above_m } => {
                if !self.places.has(place) && !self.nodes.has(place) {
                    self.places.check(place, p.field("place"), out);
                }
                if !above_m.is_finite() || *above_m < 0.0 {
                    out.push(Problem::new(p.field("above_m"), "negative", "above_m must be zero or more", None));
                }
            }
            Condition::InjectFired(id) => self.injects.check(id, p, out),
            Condition::Sheltered { zone, share } => {
                self.zones.check(zone, p.field("zone"), out);
                if !(0.0..=1.0).contains(share) {
                    out.push(Problem::new(p.field("share"), "not-a-share", "share is between 0 and 1", None));
                }
            }
            Condition::All(cs) | Condition::Any(cs) => {
                for (i, c) in cs.iter().enumerate() {
                    self.condition(c, p.index(i), out);
                }
            }
            Condition::After(_) | Condition::Trapped { .. } | Condition::LevelAtLeast(_) => {}
        }
    }

    fn event(&self, e: &Event, p: Path, out: &mut Vec<Problem>) {
        match e {
            Event::LeveeBreach { levee, width_m, .. } => {
                self.levees.check(levee, p.field("levee"), out);
                positive(*width_m, p.field("width_m"), "width_m", out);
            }
            Event::RoadClosed(l) | Event::RoadOpened(l) => self.links.check(l, p, out),
            Event::TeamLost(t) => self.teams.check(t, p, out),
            Event::DepotLost(d) => self.depots.check(d, p, out),
            Event::ShelterUnusable(s) => self.shelters.check(s, p, out),
            Event::StartRelease(r) => self.releases.check(r, p, out),
            Event::CommsOutage { .. } | Event::ExtraRain { .. } | Event::WindShift { .. } | Event::Message(_) => {}
        }
    }

    fn action(&self, a: &Action, p: Path, out: &mut Vec<Problem>) {
        match a {
            Action::Warn { zone, .. } => self.zones.check(zone, p.field("zone"), out),
            Action::Evacuate { zone, shelter } => {
                self.zones.check(zone, p.field("zone"), out);
                if let Some(s) = shelter {
                    self.shelters.check(s, p.field("shelter"), out);
                }
            }
            Action::Dispatch { kind, .. } => self.kinds.check(kind, p.field("kind"), out),
            Action::CloseRoad(l) | Action::OpenRoad(l) => self.links.check(l, p, out),
            Action::RaiseLevel(_) => {}
            Action::Sandbag { levee } => self.levees.check(levee, p.field("levee"), out),
            Action::StartPump(id) => self.pumps.check(id, p, out),
            Action::Resupply { from, to, quantity, .. } => {
                self.depots.check(from, p.field("from"), out);
                if !self.shelters.has(to) && !self.depots.has(to) {
                    self.shelters.check(to, p.field("to"), out);
                }
                positive(*quantity, p.field("quantity"), "quantity", out);
            }
        }
        let _ = self.places;
    }
}
