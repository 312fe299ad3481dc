//! What a plan rule or an order does (`do:`): the names it uses, and
//! whether the scenario has the hazard and the kind of team it needs.

use super::numbers::positive;
use super::{Known, PLACE};
use crate::said;
use crate::scenario::model::Action;
use crate::scenario::tree::Path;
use crate::scenario::{Problem, Said};

/// Check one action at `p`.
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
                out.push(Problem::new(
                    p.field("item"),
                    "empty",
                    said!("the item name is empty", "物资名称是空的"),
                    None,
                ));
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
                    said!(
                        "capacity_factor must be above 0 and at most 4",
                        "capacity_factor 必须大于 0 且不超过 4"
                    ),
                    None,
                ));
            }
        }
        Action::Recon(place) => k.location(place, p.index(0), PLACE, None, out),
        Action::AttackFire { teams } => {
            if !k.fire {
                out.push(Problem::new(
                    p.clone(),
                    "no-such-hazard",
                    said!(
                        "`AttackFire` sends crews to a wildfire, and this scenario has no `Fire` hazard",
                        "`AttackFire` 派人员扑救山火，但本情景没有 `Fire` 危险源"
                    ),
                    Some(said!(
                        "add a `Fire(..)` under `hazards`, or remove the rule",
                        "在 `hazards` 中加上 `Fire(..)`，或删去这条规则"
                    )),
                ));
            }
            if *teams == 0 || *teams > 1000 {
                out.push(Problem::new(
                    p.field("teams"),
                    "out-of-range",
                    said!(
                        "teams must be 1 to 1000, found {teams}",
                        "teams 必须在 1 到 1000 之间，这里是 {teams}"
                    ),
                    None,
                ));
            }
            if !k.line_builders {
                out.push(Problem::new(
                    p.clone(),
                    "no-capable-kind",
                    said!(
                        "no team kind of this scenario builds fireline",
                        "本情景没有任何队伍类型能开设防火线"
                    ),
                    Some(said!(
                        "give a kind `fireline: HandCrew(Type1)`, `Dozer` or `WetLine(m_per_hour: …)`, and a team of it",
                        "给一个类型写上 `fireline: HandCrew(Type1)`、`Dozer` 或 `WetLine(m_per_hour: …)`，并建一支该类型的队伍"
                    )),
                ));
            }
        }
        Action::Monitor(place) => cloud_work(
            k,
            place,
            &p,
            CloudWork {
                purpose: ("`Monitor` sends a crew to measure a gas cloud", "`Monitor` 派人员去检测毒气云"),
                capable: k.gas_monitors,
                kind_does: ("measures gas", "检测毒气"),
                hint: said!(
                    "give a kind `protection: LevelA, gas_monitor: true` and a team of it",
                    "给一个类型写上 `protection: LevelA, gas_monitor: true`，并建一支该类型的队伍"
                ),
            },
            out,
        ),
        Action::Decontaminate(place) => cloud_work(
            k,
            place,
            &p,
            CloudWork {
                purpose: (
                    "`Decontaminate` washes casualties of a gas cloud",
                    "`Decontaminate` 为毒气云的受害者洗消",
                ),
                capable: k.decontaminators,
                kind_does: ("decontaminates", "洗消"),
                hint: said!(
                    "give a kind `decon_people_per_hour: 30.0` and a team of it",
                    "给一个类型写上 `decon_people_per_hour: 30.0`，并建一支该类型的队伍"
                ),
            },
            out,
        ),
        Action::SealLeak(release) => {
            k.releases.check(release, p.index(0), out);
            if !k.leak_sealers {
                out.push(Problem::new(
                    p.clone(),
                    "no-capable-kind",
                    said!(
                        "no team of this scenario is of a kind that seals leaks",
                        "本情景没有任何队伍属于能堵漏的类型"
                    ),
                    Some(said!(
                        "give a kind `protection: LevelA, seal_leak: \"30min\"` and a team of it",
                        "给一个类型写上 `protection: LevelA, seal_leak: \"30min\"`，并建一支该类型的队伍"
                    )),
                ));
            }
        }
    }
}

/// An order for crews at a place that only a gas cloud gives work to.
struct CloudWork {
    /// What the order does, for "…, and this scenario has no `Release` hazard".
    purpose: super::Noun,
    /// Whether a team of the scenario is of a kind that can.
    capable: bool,
    /// "no team of this scenario is of a kind that …".
    kind_does: super::Noun,
    hint: Said,
}

fn cloud_work(k: &Known, place: &str, p: &Path, w: CloudWork, out: &mut Vec<Problem>) {
    k.places.check(place, p.index(0), out);
    let ((purpose, purpose_zh), (does, does_zh)) = (w.purpose, w.kind_does);
    if !k.has_release() {
        out.push(Problem::new(
            p.clone(),
            "no-such-hazard",
            said!(
                "{purpose}, and this scenario has no `Release` hazard",
                "{purpose_zh}，但本情景没有 `Release` 危险源"
            ),
            Some(said!(
                "add a `Release(..)` under `hazards`, or remove the order",
                "在 `hazards` 中加上 `Release(..)`，或删去这条指令"
            )),
        ));
    }
    if !w.capable {
        out.push(Problem::new(
            p.clone(),
            "no-capable-kind",
            said!(
                "no team of this scenario is of a kind that {does}",
                "本情景没有任何队伍属于能{does_zh}的类型"
            ),
            Some(w.hint),
        ));
    }
}
