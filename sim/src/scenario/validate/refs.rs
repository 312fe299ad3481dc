//! The MSEL, the plan, objectives and outputs: everything that refers to
//! names declared elsewhere, and to the drill's clock.

use super::numbers::{positive, within};
use super::{Ids, Known};
use super::{PLACE, did_you_mean};
use crate::said;
use crate::scenario::Problem;
use crate::scenario::model::{Condition, Event, Metric, Scenario, Target};
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
                said!(
                    "inject `{}` has both `at` and `when`",
                    "情景注入 `{}` 同时有 `at` 和 `when`",
                    inj.id
                ),
                Some(said!(
                    "keep one: `at` for a fixed time, `when` for a condition",
                    "只保留一个：固定时间用 `at`，条件触发用 `when`"
                )),
            )),
            (None, None) => out.push(Problem::new(
                p.clone(),
                "missing-field",
                said!("inject `{}` needs `at` or `when`", "情景注入 `{}` 需要 `at` 或 `when`", inj.id),
                Some(said!(
                    "add `at: \"1h\"` or `when: InjectFired(\"..\")`",
                    "加上 `at: \"1h\"` 或 `when: InjectFired(\"..\")`"
                )),
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
                said!(
                    "inject `{}` can fire at {}, after the drill ends ({})",
                    "情景注入 `{}` 可能在 {} 触发，晚于演练结束（{}）",
                    inj.id,
                    at.range().1,
                    s.duration
                ),
                Some(said!(
                    "times are measured from `start`; keep them within `duration`",
                    "时间从 `start` 起算；要在 `duration` 之内"
                )),
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
        super::actions::action(k, &r.action, p.field("do"), out);
    }
    for (i, o) in s.plan.orders.iter().enumerate() {
        let p = root.field("orders").index(i);
        super::actions::action(k, &o.action, p.field("do"), out);
        if o.at.0 > s.duration.0 {
            out.push(Problem::new(
                p.field("at"),
                "after-end",
                said!(
                    "order `{}` at {} is after the drill ends ({})",
                    "指令 `{}` 的时间 {} 晚于演练结束（{}）",
                    o.id,
                    o.at,
                    s.duration
                ),
                Some(said!(
                    "times are measured from `start`; keep them within `duration`",
                    "时间从 `start` 起算；要在 `duration` 之内"
                )),
            ));
        }
    }
    for (i, l) in s.plan.levels.iter().enumerate() {
        condition(k, &l.when, root.field("levels").index(i).field("when"), out);
    }
}

pub(super) fn objectives(s: &Scenario, k: &Known<'_>, out: &mut Vec<Problem>) {
    let mut ids = Ids::new(("objective", "演练目标"));
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
                said!("the target must be a finite number", "目标值必须是有限的数"),
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
                        said!("`by: {by}` is after the drill ends ({})", "`by: {by}` 晚于演练结束（{}）", s.duration),
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
                    said!("`{}` scores a fire, and this scenario has no `Fire` hazard", "`{}` 评估的是火灾，但本情景没有 `Fire` 危险源", metric_name(&o.metric)),
                    Some(said!("add a `Fire(..)` under `hazards`, or score another metric", "在 `hazards` 中加上 `Fire(..)`，或改评其他指标")),
                ))
            }
            Metric::AreaBurnt | Metric::InitialAttack | Metric::BuildingsLost | Metric::Containment | Metric::TimeToOut => {}
            Metric::PeopleOverAegl(level) if !(1..=3).contains(level) => out.push(Problem::new(
                m.index(0),
                "out-of-range",
                said!("AEGL level {level} does not exist: the levels are 1, 2 and 3", "没有 AEGL {level} 级：只有 1、2、3 级"),
                Some(said!("PeopleOverAegl(2) counts residents whose air reached AEGL-2", "PeopleOverAegl(2) 统计所处空气达到 AEGL-2 的居民")),
            )),
            Metric::PeopleOverAegl(_) if !k.has_release() => out.push(Problem::new(
                m.clone(),
                "no-such-hazard",
                said!("`PeopleOverAegl` scores a chemical release, and this scenario has no `Release` hazard", "`PeopleOverAegl` 评估的是化学品泄漏，但本情景没有 `Release` 危险源"),
                Some(said!("add a `Release(..)` under `hazards`, or score another metric", "在 `hazards` 中加上 `Release(..)`，或改评其他指标")),
            )),
            Metric::PeopleOverAegl(_) => {}
            Metric::SupplyShortfall { item: None } => out.push(Problem::new(
                m.clone(),
                "shortfall-item",
                said!("`SupplyShortfall` needs the item it scores: shortfalls are counted per item, each in its own unit (litres, meals, beds)", "`SupplyShortfall` 需要指明所评估的物资：缺口按物资分别统计，各用自己的单位（升、份、床位）"),
                Some(said!("e.g. `SupplyShortfall(item: \"water_l\")`; one objective per item", "如 `SupplyShortfall(item: \"water_l\")`；每种物资一个目标")),
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
                    said!(
                        "P/S/M thresholds ({a}, {b}, {c}) are out of order",
                        "P/S/M 阈值 ({a}, {b}, {c}) 的顺序不对"
                    ),
                    Some(if increasing {
                        said!(
                            "for AtMost targets write them increasing, e.g. (0, 5, 20)",
                            "AtMost 目标的阈值按递增写，如 (0, 5, 20)"
                        )
                    } else {
                        said!(
                            "for AtLeast targets write them decreasing, e.g. (0.95, 0.8, 0.5)",
                            "AtLeast 目标的阈值按递减写，如 (0.95, 0.8, 0.5)"
                        )
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
                said!(
                    "snapshot at {t} is after the drill ends ({})",
                    "{t} 的快照晚于演练结束（{}）",
                    s.duration
                ),
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
            said!(
                "timeseries_every {every} is shorter than one tick ({})",
                "timeseries_every {every} 比一个 tick（{}）还短",
                s.tick
            ),
            Some(said!("use a multiple of `tick`", "用 `tick` 的整数倍")),
        ));
    }
}

fn condition(k: &Known<'_>, c: &Condition, p: Path, out: &mut Vec<Problem>) {
    match c {
        Condition::Depth { place, above_m } => {
            k.location(place, p.field("place"), PLACE, None, out);
            if !above_m.is_finite() || *above_m < 0.0 {
                out.push(Problem::new(
                    p.field("above_m"),
                    "negative",
                    said!(
                        "above_m must be zero or more, found {above_m}",
                        "above_m 必须不小于零，这里是 {above_m}"
                    ),
                    None,
                ));
            }
        }
        Condition::HazardNear {
            place, within_m, above, ..
        } => {
            k.location(place, p.field("place"), PLACE, None, out);
            if !(within_m.is_finite() && (0.0..=100_000.0).contains(within_m)) {
                out.push(Problem::new(
                    p.field("within_m"),
                    "out-of-range",
                    said!(
                        "within_m must be from 0 to 100,000 m, found {within_m}",
                        "within_m 必须在 0 到 100,000 m 之间，这里是 {within_m}"
                    ),
                    Some(said!("e.g. `within_m: 500.0`", "如 `within_m: 500.0`")),
                ));
            }
            finite_above(*above, &p, out);
        }
        // The layer name is checked against the run's hazards when the scenario is loaded.
        Condition::Hazard { place, above, .. } => {
            k.location(place, p.field("place"), PLACE, None, out);
            finite_above(*above, &p, out);
        }
        Condition::InjectFired(id) => k.injects.check(id, p.index(0), out),
        Condition::Sheltered { zone, share } => {
            k.zones.check(zone, p.field("zone"), out);
            if !(0.0..=1.0).contains(share) {
                out.push(Problem::new(
                    p.field("share"),
                    "not-a-share",
                    said!("share is between 0 and 1, found {share}", "share 在 0 到 1 之间，这里是 {share}"),
                    Some(said!("write 0.85 for 85 %", "85 % 写作 0.85")),
                ));
            }
        }
        Condition::Measured { place, aegl } => {
            k.places.check(place, p.field("place"), out);
            if !(1..=3).contains(aegl) {
                out.push(Problem::new(
                    p.field("aegl"),
                    "out-of-range",
                    said!(
                        "AEGL level {aegl} does not exist: the levels are 1, 2 and 3",
                        "没有 AEGL {aegl} 级：只有 1、2、3 级"
                    ),
                    None,
                ));
            }
            if !k.has_release() {
                out.push(Problem::new(
                    p.clone(),
                    "no-such-hazard",
                    said!(
                        "`Measured` reads crews' gas readings, and this scenario has no `Release` hazard",
                        "`Measured` 读取人员的毒气检测读数，但本情景没有 `Release` 危险源"
                    ),
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
            k.location(place, p.index(0), PLACE, None, out);
            if !k.fire {
                out.push(Problem::new(
                    p.clone(),
                    "no-such-hazard",
                    said!(
                        "`Ignite` sets a place alight, and this scenario has no `Fire` hazard to burn",
                        "`Ignite` 点燃一个地点，但本情景没有可燃烧的 `Fire` 危险源"
                    ),
                    Some(said!(
                        "add `Fire(ignitions: [], fuel_models: {{..}})` under `hazards`",
                        "在 `hazards` 中加上 `Fire(ignitions: [], fuel_models: {{..}})`"
                    )),
                ));
            }
        }
        Event::CommsOutage { .. } | Event::ExtraRain { .. } | Event::WindShift { .. } | Event::Message(_) => {}
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

/// A condition's `above` threshold must be a finite number.
fn finite_above(above: f64, p: &Path, out: &mut Vec<Problem>) {
    if !above.is_finite() {
        out.push(Problem::new(
            p.field("above"),
            "out-of-range",
            said!(
                "above must be a finite number, found {above}",
                "above 必须是有限的数，这里是 {above}"
            ),
            None,
        ));
    }
}

/// Conditions naming a hazard layer that none of `published` is: the layers
/// a run of this scenario publishes, known only once its hazards are built.
pub fn unknown_layers(s: &Scenario, published: &[&str]) -> Vec<Problem> {
    fn walk(c: &Condition, p: Path, published: &[&str], out: &mut Vec<Problem>) {
        match c {
            Condition::Hazard { layer, .. } | Condition::HazardNear { layer, .. } if !published.contains(&layer.as_str()) => {
                let hint = match crate::scenario::diagnostics::suggest(layer, published.iter().copied()) {
                    Some(s) => did_you_mean(s),
                    None if published.is_empty() => {
                        said!("this scenario's hazards publish no layers", "本情景的危险源不发布任何图层")
                    }
                    None => {
                        let names = published.join(", ");
                        said!("this scenario's hazards publish: {names}", "本情景的危险源发布的图层：{names}")
                    }
                };
                out.push(Problem::new(
                    p.field("layer"),
                    "unknown-layer",
                    said!(
                        "no hazard of this scenario publishes a layer `{layer}`",
                        "本情景没有危险源发布图层 `{layer}`"
                    ),
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
