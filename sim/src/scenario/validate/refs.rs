//! The MSEL, the plan, objectives and outputs: everything that refers to
//! names declared elsewhere, and to the drill's clock.

use super::numbers::{positive, within};
use super::{Ids, Known};
use crate::scenario::Problem;
use crate::scenario::model::{Action, Condition, Event, Metric, Scenario, Target};
use crate::scenario::tree::Path;

/// Declare inject, rule and order ids first: injects and rules refer to each other.
pub(super) fn declare<'a>(s: &'a Scenario, k: &mut Known<'a>, out: &mut Vec<Problem>) {
    let root = Path::root();
    for (i, inj) in s.injects.iter().enumerate() {
        k.injects.declare(&inj.id, root.field("injects").index(i).field("id"), out);
    }
    for (i, r) in s.plan.rules.iter().enumerate() {
        k.actions
            .declare(&r.id, root.field("plan").field("rules").index(i).field("id"), out);
    }
    for (i, o) in s.plan.orders.iter().enumerate() {
        k.actions
            .declare(&o.id, root.field("plan").field("orders").index(i).field("id"), out);
    }
}

pub(super) fn injects(s: &Scenario, k: &Known<'_>, out: &mut Vec<Problem>) {
    for (i, inj) in s.injects.iter().enumerate() {
        let p = Path::root().field("injects").index(i);
        match (&inj.at, &inj.when) {
            (Some(_), Some(_)) => out.push(Problem::new(
                p.field("when"),
                "conflict",
                format!("inject `{}` has both `at` and `when`", inj.id),
                Some("keep one: `at` for a fixed time, `when` for a condition".into()),
            )),
            (None, None) => out.push(Problem::new(
                p.clone(),
                "missing-field",
                format!("inject `{}` needs `at` or `when`", inj.id),
                Some("add `at: \"1h\"` or `when: InjectFired(\"..\")`".into()),
            )),
            _ => {}
        }
        if let Some(at) = &inj.at
            && at.problem().is_none()
            && at.range().1 > s.duration.0
        {
            out.push(Problem::new(
                p.field("at"),
                "after-end",
                format!(
                    "inject `{}` can fire at {}, after the drill ends ({})",
                    inj.id,
                    at.range().1,
                    s.duration
                ),
                Some("times are measured from `start`; keep them within `duration`".into()),
            ));
        }
        if let Some(c) = &inj.when {
            condition(k, c, p.field("when"), out);
        }
        event(k, &inj.event, p.field("event"), out);
        for (j, e) in inj.expects.iter().enumerate() {
            k.actions.check(e, p.field("expects").index(j), out);
        }
    }
}

pub(super) fn plan(s: &Scenario, k: &Known<'_>, out: &mut Vec<Problem>) {
    let root = Path::root().field("plan");
    for (i, r) in s.plan.rules.iter().enumerate() {
        let p = root.field("rules").index(i);
        condition(k, &r.when, p.field("when"), out);
        action(k, &r.action, p.field("do"), out);
    }
    for (i, o) in s.plan.orders.iter().enumerate() {
        let p = root.field("orders").index(i);
        action(k, &o.action, p.field("do"), out);
        if o.at.0 > s.duration.0 {
            out.push(Problem::new(
                p.field("at"),
                "after-end",
                format!("order `{}` at {} is after the drill ends ({})", o.id, o.at, s.duration),
                Some("times are measured from `start`; keep them within `duration`".into()),
            ));
        }
    }
    for (i, l) in s.plan.levels.iter().enumerate() {
        condition(k, &l.when, root.field("levels").index(i).field("when"), out);
    }
}

pub(super) fn objectives(s: &Scenario, k: &Known<'_>, out: &mut Vec<Problem>) {
    let mut ids = Ids::new("objective");
    for (i, o) in s.objectives.iter().enumerate() {
        let p = Path::root().field("objectives").index(i);
        ids.declare(&o.id, p.field("id"), out);
        within(o.weight, 0.0, 1e6, p.field("weight"), "weight", out);
        let target = match o.target {
            Target::AtLeast(v) | Target::AtMost(v) => v,
        };
        if !target.is_finite() {
            out.push(Problem::new(
                p.field("target"),
                "out-of-range",
                "the target must be a finite number",
                None,
            ));
        }
        let m = p.field("metric");
        match &o.metric {
            Metric::ShareSheltered { zone, by } => {
                if let Some(z) = zone {
                    k.zones.check(z, m.field("zone"), out);
                }
                if by.0 > s.duration.0 {
                    out.push(Problem::new(
                        m.field("by"),
                        "after-end",
                        format!("`by: {by}` is after the drill ends ({})", s.duration),
                        None,
                    ));
                }
            }
            Metric::TimeToFirstUnit(inj) => k.injects.check(inj, m.index(0), out),
            Metric::ConvoyArrival(c) => k.convoys.check(c, m.index(0), out),
            Metric::AreaBurnt | Metric::InitialAttack | Metric::BuildingsLost | Metric::Containment | Metric::TimeToOut if !has_fire(s) => {
                out.push(Problem::new(
                    m.clone(),
                    "no-such-hazard",
                    format!("`{}` scores a fire, and this scenario has no `Fire` hazard", metric_name(&o.metric)),
                    Some("add a `Fire(..)` under `hazards`, or score another metric".into()),
                ))
            }
            Metric::AreaBurnt | Metric::InitialAttack | Metric::BuildingsLost | Metric::Containment | Metric::TimeToOut => {}
            Metric::PeopleOverAegl(level) if !(1..=3).contains(level) => out.push(Problem::new(
                m.index(0),
                "out-of-range",
                format!("AEGL level {level} does not exist: the levels are 1, 2 and 3"),
                Some("PeopleOverAegl(2) counts residents whose air reached AEGL-2".into()),
            )),
            Metric::PeopleOverAegl(_) if !k.has_release() => out.push(Problem::new(
                m.clone(),
                "no-such-hazard",
                "`PeopleOverAegl` scores a chemical release, and this scenario has no `Release` hazard",
                Some("add a `Release(..)` under `hazards`, or score another metric".into()),
            )),
            Metric::PeopleOverAegl(_) => {}
            Metric::SupplyShortfall { item: None } => out.push(Problem::new(
                m.clone(),
                "shortfall-item",
                "`SupplyShortfall` needs the item it scores: shortfalls are counted per item, each in its own unit (litres, meals, beds)",
                Some("e.g. `SupplyShortfall(item: \"water_l\")`; one objective per item".into()),
            )),
            Metric::SupplyShortfall { item: Some(_) }
            | Metric::Fatalities
            | Metric::Injured
            | Metric::MaxShelterOccupancy
            | Metric::PeopleExposed
            | Metric::TrappedAtEnd => {}
        }
        if let Some((a, b, c)) = o.thresholds {
            let increasing = matches!(o.target, Target::AtMost(_));
            let ordered = if increasing { a <= b && b <= c } else { a >= b && b >= c };
            if ![a, b, c].iter().all(|v| v.is_finite()) || !ordered {
                out.push(Problem::new(
                    p.field("thresholds"),
                    "bad-thresholds",
                    format!("P/S/M thresholds ({a}, {b}, {c}) are out of order"),
                    Some(if increasing {
                        "for AtMost targets write them increasing, e.g. (0, 5, 20)".into()
                    } else {
                        "for AtLeast targets write them decreasing, e.g. (0.95, 0.8, 0.5)".into()
                    }),
                ));
            }
        }
    }
}

pub(super) fn outputs(s: &Scenario, out: &mut Vec<Problem>) {
    let root = Path::root().field("outputs");
    for (i, t) in s.outputs.snapshots.iter().enumerate() {
        if t.0 > s.duration.0 {
            out.push(Problem::new(
                root.field("snapshots").index(i),
                "after-end",
                format!("snapshot at {t} is after the drill ends ({})", s.duration),
                None,
            ));
        }
    }
    if let Some(every) = s.outputs.timeseries_every
        && every.0 < s.tick.0
    {
        out.push(Problem::new(
            root.field("timeseries_every"),
            "out-of-range",
            format!("timeseries_every {every} is shorter than one tick ({})", s.tick),
            Some("use a multiple of `tick`".into()),
        ));
    }
}

fn condition(k: &Known<'_>, c: &Condition, p: Path, out: &mut Vec<Problem>) {
    match c {
        Condition::Depth { place, above_m } => {
            k.location(place, p.field("place"), "place", None, out);
            if !above_m.is_finite() || *above_m < 0.0 {
                out.push(Problem::new(
                    p.field("above_m"),
                    "negative",
                    format!("above_m must be zero or more, found {above_m}"),
                    None,
                ));
            }
        }
        Condition::HazardNear {
            place, within_m, above, ..
        } => {
            k.location(place, p.field("place"), "place", None, out);
            if !(within_m.is_finite() && (0.0..=100_000.0).contains(within_m)) {
                out.push(Problem::new(
                    p.field("within_m"),
                    "out-of-range",
                    format!("within_m must be from 0 to 100,000 m, found {within_m}"),
                    Some("e.g. `within_m: 500.0`".into()),
                ));
            }
            finite_above(*above, &p, out);
        }
        // The layer name is checked against the run's hazards when the scenario is loaded.
        Condition::Hazard { place, above, .. } => {
            k.location(place, p.field("place"), "place", None, out);
            finite_above(*above, &p, out);
        }
        Condition::InjectFired(id) => k.injects.check(id, p.index(0), out),
        Condition::Sheltered { zone, share } => {
            k.zones.check(zone, p.field("zone"), out);
            if !(0.0..=1.0).contains(share) {
                out.push(Problem::new(
                    p.field("share"),
                    "not-a-share",
                    format!("share is between 0 and 1, found {share}"),
                    Some("write 0.85 for 85 %".into()),
                ));
            }
        }
        Condition::Measured { place, aegl } => {
            k.places.check(place, p.field("place"), out);
            if !(1..=3).contains(aegl) {
                out.push(Problem::new(
                    p.field("aegl"),
                    "out-of-range",
                    format!("AEGL level {aegl} does not exist: the levels are 1, 2 and 3"),
                    None,
                ));
            }
            if !k.has_release() {
                out.push(Problem::new(
                    p.clone(),
                    "no-such-hazard",
                    "`Measured` reads crews' gas readings, and this scenario has no `Release` hazard",
                    None,
                ));
            }
        }
        Condition::All(cs) | Condition::Any(cs) => {
            for (i, c) in cs.iter().enumerate() {
                condition(k, c, p.index(i), out);
            }
        }
        Condition::After(_) | Condition::Trapped { .. } | Condition::LevelAtLeast(_) => {}
    }
}

fn event(k: &Known<'_>, e: &Event, p: Path, out: &mut Vec<Problem>) {
    match e {
        Event::LeveeBreach { levee, width_m, depth_m } => {
            k.levees.check(levee, p.field("levee"), out);
            positive(*width_m, p.field("width_m"), "width_m", out);
            if let Some(d) = depth_m {
                within(*d, 0.0, 1000.0, p.field("depth_m"), "depth_m", out);
            }
        }
        Event::RoadClosed(l) | Event::RoadOpened(l) => k.links.check(l, p.index(0), out),
        Event::TeamLost(t) => k.teams.check(t, p.index(0), out),
        Event::DepotLost(d) => k.depots.check(d, p.index(0), out),
        Event::ShelterUnusable(s) => k.shelters.check(s, p.index(0), out),
        Event::StartRelease(r) => k.releases.check(r, p.index(0), out),
        Event::Ignite(place) => {
            k.location(place, p.index(0), "place", None, out);
            if !k.fire {
                out.push(Problem::new(
                    p.clone(),
                    "no-such-hazard",
                    "`Ignite` sets a place alight, and this scenario has no `Fire` hazard to burn",
                    Some("add `Fire(ignitions: [], fuel_models: {..})` under `hazards`".into()),
                ));
            }
        }
        Event::CommsOutage { .. } | Event::ExtraRain { .. } | Event::WindShift { .. } | Event::Message(_) => {}
    }
}

pub(super) fn action(k: &Known<'_>, a: &Action, p: Path, out: &mut Vec<Problem>) {
    match a {
        Action::Warn { zone, .. } | Action::ShelterInPlace { zone } => k.zones.check(zone, p.field("zone"), out),
        Action::Evacuate { zone, shelter } => {
            k.zones.check(zone, p.field("zone"), out);
            if let Some(s) = shelter {
                k.shelters.check(s, p.field("shelter"), out);
            }
        }
        Action::Dispatch { kind, .. } => k.kinds.check(kind, p.field("kind"), out),
        Action::CloseRoad(l) | Action::OpenRoad(l) => k.links.check(l, p.index(0), out),
        Action::RaiseLevel(_) => {}
        Action::Sandbag { levee } => k.levees.check(levee, p.field("levee"), out),
        Action::StartPump(id) => k.pumps.check(id, p.index(0), out),
        Action::Resupply { from, to, item, quantity } => {
            k.depots.check(from, p.field("from"), out);
            if item.trim().is_empty() {
                out.push(Problem::new(p.field("item"), "empty", "the item name is empty", None));
            }
            if !k.shelters.has(to) && !k.depots.has(to) {
                k.shelters.check(to, p.field("to"), out);
            }
            positive(*quantity, p.field("quantity"), "quantity", out);
        }
        Action::TrafficControl { link, capacity_factor, .. } => {
            k.links.check(link, p.field("link"), out);
            if !(capacity_factor.is_finite() && *capacity_factor > 0.0 && *capacity_factor <= 4.0) {
                out.push(Problem::new(
                    p.field("capacity_factor"),
                    "out-of-range",
                    "capacity_factor must be above 0 and at most 4",
                    None,
                ));
            }
        }
        Action::Recon(place) => k.location(place, p.index(0), "place", None, out),
        Action::AttackFire { teams } => {
            if !k.fire {
                out.push(Problem::new(
                    p.clone(),
                    "no-such-hazard",
                    "`AttackFire` sends crews to a wildfire, and this scenario has no `Fire` hazard",
                    Some("add a `Fire(..)` under `hazards`, or remove the rule".into()),
                ));
            }
            if *teams == 0 || *teams > 1000 {
                out.push(Problem::new(
                    p.field("teams"),
                    "out-of-range",
                    format!("teams must be 1 to 1000, found {teams}"),
                    None,
                ));
            }
            if !k.line_builders {
                out.push(Problem::new(
                    p.clone(),
                    "no-capable-kind",
                    "no team kind of this scenario builds fireline",
                    Some("give a kind `fireline: HandCrew(Type1)`, `Dozer` or `WetLine(m_per_hour: …)`, and a team of it".into()),
                ));
            }
        }
        Action::Monitor(place) => cloud_work(
            k,
            place,
            &p,
            CloudWork {
                purpose: "`Monitor` sends a crew to measure a gas cloud",
                capable: k.gas_monitors,
                kind_does: "measures gas",
                hint: "give a kind `protection: LevelA, gas_monitor: true` and a team of it",
            },
            out,
        ),
        Action::Decontaminate(place) => cloud_work(
            k,
            place,
            &p,
            CloudWork {
                purpose: "`Decontaminate` washes casualties of a gas cloud",
                capable: k.decontaminators,
                kind_does: "decontaminates",
                hint: "give a kind `decon_people_per_hour: 30.0` and a team of it",
            },
            out,
        ),
        Action::SealLeak(release) => {
            k.releases.check(release, p.index(0), out);
            if !k.leak_sealers {
                out.push(Problem::new(
                    p.clone(),
                    "no-capable-kind",
                    "no team of this scenario is of a kind that seals leaks",
                    Some("give a kind `protection: LevelA, seal_leak: \"30min\"` and a team of it".into()),
                ));
            }
        }
    }
}

/// An order for crews at a place that only a gas cloud gives work to.
struct CloudWork {
    /// What the order does, for "…, and this scenario has no `Release` hazard".
    purpose: &'static str,
    /// Whether a team of the scenario is of a kind that can.
    capable: bool,
    /// "no team of this scenario is of a kind that …".
    kind_does: &'static str,
    hint: &'static str,
}

fn cloud_work(k: &Known, place: &str, p: &Path, w: CloudWork, out: &mut Vec<Problem>) {
    k.places.check(place, p.index(0), out);
    if !k.has_release() {
        out.push(Problem::new(
            p.clone(),
            "no-such-hazard",
            format!("{}, and this scenario has no `Release` hazard", w.purpose),
            Some("add a `Release(..)` under `hazards`, or remove the order".into()),
        ));
    }
    if !w.capable {
        out.push(Problem::new(
            p.clone(),
            "no-capable-kind",
            format!("no team of this scenario is of a kind that {}", w.kind_does),
            Some(w.hint.into()),
        ));
    }
}

fn has_fire(s: &Scenario) -> bool {
    s.hazards.iter().any(|h| matches!(h, crate::scenario::model::Hazard::Fire(_)))
}

fn metric_name(m: &Metric) -> &'static str {
    match m {
        Metric::InitialAttack => "InitialAttack",
        Metric::BuildingsLost => "BuildingsLost",
        Metric::Containment => "Containment",
        Metric::TimeToOut => "TimeToOut",
        _ => "AreaBurnt",
    }
}

/// Conditions naming a hazard layer that none of `published` is: the layers
/// a run of this scenario publishes, known only once its hazards are built.
/// A condition's `above` threshold must be a finite number.
fn finite_above(above: f64, p: &Path, out: &mut Vec<Problem>) {
    if !above.is_finite() {
        out.push(Problem::new(
            p.field("above"),
            "out-of-range",
            format!("above must be a finite number, found {above}"),
            None,
        ));
    }
}

pub fn unknown_layers(s: &Scenario, published: &[&str]) -> Vec<Problem> {
    fn walk(c: &Condition, p: Path, published: &[&str], out: &mut Vec<Problem>) {
        match c {
            Condition::Hazard { layer, .. } | Condition::HazardNear { layer, .. } if !published.contains(&layer.as_str()) => {
                let hint = match crate::scenario::diagnostics::suggest(layer, published.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None if published.is_empty() => "this scenario's hazards publish no layers".into(),
                    None => format!("this scenario's hazards publish: {}", published.join(", ")),
                };
                out.push(Problem::new(
                    p.field("layer"),
                    "unknown-layer",
                    format!("no hazard of this scenario publishes a layer `{layer}`"),
                    Some(hint),
                ));
            }
            Condition::All(cs) | Condition::Any(cs) => {
                for (i, c) in cs.iter().enumerate() {
                    walk(c, p.index(i), published, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (i, inj) in s.injects.iter().enumerate() {
        if let Some(c) = &inj.when {
            walk(c, Path::root().field("injects").index(i).field("when"), published, &mut out);
        }
    }
    let plan = Path::root().field("plan");
    for (i, r) in s.plan.rules.iter().enumerate() {
        walk(&r.when, plan.field("rules").index(i).field("when"), published, &mut out);
    }
    for (i, l) in s.plan.levels.iter().enumerate() {
        walk(&l.when, plan.field("levels").index(i).field("when"), published, &mut out);
    }
    out
}
