//! Population, facilities and response resources.

use super::PLACE;
use super::numbers::{positive, range, share};
use super::{Ids, Known, MAX_BEDS, MAX_CONVOY_VEHICLES, MAX_CREW, MAX_QUANTITY, MAX_RESIDENTS, MAX_TEAMS, MAX_TOTAL_VEHICLES};
use crate::response_defaults::bundled_kinds;
use crate::said;
use crate::scenario::Problem;
use crate::scenario::model::{Channel, Scenario, TeamKind, VehicleClass};
use crate::scenario::tree::Path;
use crate::scenario::units::Param;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// The bundled team kinds, built once so their ids can be borrowed.
static BUNDLED: LazyLock<Vec<TeamKind>> = LazyLock::new(bundled_kinds);

pub(super) fn population<'a>(s: &'a Scenario, k: &mut Known<'a>, out: &mut Vec<Problem>) {
    let root = Path::root().field("population");
    let mut one_too_large = false;
    for (i, z) in s.population.iter().enumerate() {
        let p = root.index(i);
        k.zones.declare(&z.zone, p.field("zone"), out);
        let before = out.len();
        k.location(&z.zone, p.field("zone"), PLACE, None, out);
        if out.len() > before {
            k.zones.suspect(&z.zone);
        }
        let before = out.len();
        range(&z.residents, 0.0, MAX_RESIDENTS, p.field("residents"), "residents", out);
        one_too_large |= out[before..].iter().any(|p| p.code == "too-large");
        range(&z.household_size, 1.0, 20.0, p.field("household_size"), "household_size", out);
        range(
            &z.cars_per_household,
            0.0,
            10.0,
            p.field("cars_per_household"),
            "cars_per_household",
            out,
        );
        share(&z.vulnerable_share, p.field("vulnerable_share"), "vulnerable_share", out);
        share(&z.compliance, p.field("compliance"), "compliance", out);
        range_duration(
            &z.departure_delay_mean,
            p.field("departure_delay_mean"),
            "departure_delay_mean",
            out,
        );
    }
    let total: f64 = s.population.iter().map(|z| z.residents.range().1.max(0.0)).sum();
    if total > MAX_RESIDENTS && !one_too_large {
        out.push(Problem::new(
            root,
            "too-large",
            said!(
                "the zones hold up to {total:.0} residents in all; the limit is {MAX_RESIDENTS:.0}",
                "各分区合计最多有 {total:.0} 名居民，上限是 {MAX_RESIDENTS:.0}"
            ),
            Some(said!("model fewer or smaller zones", "减少分区或缩小分区")),
        ));
    }
    let mut channels: BTreeMap<Channel, usize> = BTreeMap::new();
    for (i, c) in s.warning_channels.iter().enumerate() {
        let p = Path::root().field("warning_channels").index(i);
        if let Some(first) = channels.insert(c.channel, i) {
            out.push(
                Problem::new(
                    p.field("channel"),
                    "duplicate-id",
                    said!("warning channel {:?} is described twice", "预警渠道 {:?} 描述了两次", c.channel),
                    Some(said!("describe each channel once", "每个渠道只描述一次")),
                )
                .related(Path::root().field("warning_channels").index(first).field("channel")),
            );
        }
        share(&c.reach, p.field("reach"), "reach", out);
        range_duration(&c.delay, p.field("delay"), "delay", out);
    }
}

pub(super) fn facilities<'a>(s: &'a Scenario, k: &mut Known<'a>, out: &mut Vec<Problem>) {
    for (i, sh) in s.shelters.iter().enumerate() {
        let p = Path::root().field("shelters").index(i);
        k.shelters.declare(&sh.id, p.field("id"), out);
        k.location(&sh.place, p.field("place"), PLACE, None, out);
        range(&sh.capacity, 0.0, MAX_RESIDENTS, p.field("capacity"), "capacity", out);
        quantities(&sh.supplies, p.field("supplies"), out);
    }
    let needs = Path::root().field("consumption");
    let daily = s.consumption.per_person_per_day.iter().map(|kv| (kv, "per_person_per_day"));
    for ((item, v), field) in daily.chain(s.consumption.per_person.iter().map(|kv| (kv, "per_person"))) {
        let p = needs.field(field).key(item);
        if item.trim().is_empty() {
            out.push(Problem::new(
                p.clone(),
                "empty",
                said!("the item name is empty", "物资名称是空的"),
                Some(said!("e.g. \"water_l\"", "如 \"water_l\"")),
            ));
        }
        range(v, 0.0, 1e6, p, &format!("`{item}`"), out);
    }
    for (i, z) in s.population.iter().enumerate() {
        if let Some(sh) = &z.shelter {
            k.shelters
                .check(sh, Path::root().field("population").index(i).field("shelter"), out);
        }
    }
    for (i, h) in s.hospitals.iter().enumerate() {
        let p = Path::root().field("hospitals").index(i);
        k.hospitals.declare(&h.id, p.field("id"), out);
        k.location(&h.place, p.field("place"), PLACE, None, out);
        range(&h.beds, 0.0, MAX_BEDS, p.field("beds"), "beds", out);
    }
    for (i, st) in s.stations.iter().enumerate() {
        let p = Path::root().field("stations").index(i);
        k.stations.declare(&st.id, p.field("id"), out);
        k.location(&st.place, p.field("place"), PLACE, None, out);
    }
}

pub(super) fn resources<'a>(s: &'a Scenario, k: &mut Known<'a>, out: &mut Vec<Problem>) {
    let root = Path::root();
    let mut own = Ids::new(("team kind", "队伍类型"));
    for (i, kind) in s.team_kinds.iter().enumerate() {
        let p = root.field("team_kinds").index(i);
        own.declare(&kind.id, p.field("id"), out);
        range(&kind.speed_kmh, 0.1, 1000.0, p.field("speed_kmh"), "speed_kmh", out);
        if kind.crew == 0 || kind.crew > MAX_CREW {
            out.push(Problem::new(
                p.field("crew"),
                "out-of-range",
                said!(
                    "crew must be 1 to {MAX_CREW}, found {}",
                    "crew 必须在 1 到 {MAX_CREW} 之间，这里是 {}",
                    kind.crew
                ),
                Some(said!(
                    "the crew the kind's work rates are given for",
                    "该类型的作业效率所对应的人数"
                )),
            ));
        }
        for (name, rate) in [
            ("rescue_per_hour", &kind.rescue_per_hour),
            ("pump_m3s", &kind.pump_m3s),
            ("sandbag_m_per_hour", &kind.sandbag_m_per_hour),
            ("mop_up_ha_per_hour", &kind.mop_up_ha_per_hour),
            ("decon_people_per_hour", &kind.decon_people_per_hour),
        ] {
            if let Some(r) = rate {
                range(r, 0.0, 1e6, p.field(name), name, out);
            }
        }
        if let Some(seal) = &kind.seal_leak {
            range_duration(seal, p.field("seal_leak"), "seal_leak", out);
        }
        let scba = kind.protection.is_some_and(|pr| pr.scba());
        for (field, needs, what, what_zh) in [
            ("seal_leak", kind.seal_leak.is_some(), "seals leaks", "堵漏"),
            ("gas_monitor", kind.gas_monitor, "measures the cloud", "检测毒气云"),
        ] {
            if needs && !scba {
                out.push(Problem::new(
                    p.field(field),
                    "unprotected-crew",
                    said!(
                        "a crew that {what} works in the cloud, and OSHA 1910.120(q)(3)(iv) requires SCBA there",
                        "{what_zh}的人员要在毒气云中作业，OSHA 1910.120(q)(3)(iv) 要求在其中佩戴自给式空气呼吸器（SCBA）"
                    ),
                    Some(said!(
                        "give the kind `protection: LevelA` (or `LevelB`)",
                        "给这个类型写上 `protection: LevelA`（或 `LevelB`）"
                    )),
                ));
            }
        }
        if let Some(crate::scenario::model::Fireline::WetLine { m_per_hour }) = &kind.fireline {
            range(m_per_hour, 0.0, 1e5, p.field("fireline").field("m_per_hour"), "m_per_hour", out);
        }
        quantities(&kind.supplies_per_hour, p.field("supplies_per_hour"), out);
        if let Some(m) = &kind.mobilisation {
            range_duration(m, p.field("mobilisation"), "mobilisation", out);
        }
        if let Some(shift) = kind.shift {
            positive(shift.0, p.field("shift"), "shift", out);
        }
    }
    k.fire = s.hazards.iter().any(|h| matches!(h, crate::scenario::model::Hazard::Fire(_)));
    let kinds = crate::response_defaults::merged_kinds(&s.team_kinds);
    k.line_builders = s
        .teams
        .iter()
        .any(|t| kinds.iter().any(|kind| kind.id == t.kind && kind.fireline.is_some()));
    k.gas_monitors = s
        .teams
        .iter()
        .any(|t| kinds.iter().any(|kind| kind.id == t.kind && kind.gas_monitor));
    k.decontaminators = s
        .teams
        .iter()
        .any(|t| kinds.iter().any(|kind| kind.id == t.kind && kind.decon_people_per_hour.is_some()));
    k.leak_sealers = s
        .teams
        .iter()
        .any(|t| kinds.iter().any(|kind| kind.id == t.kind && kind.seal_leak.is_some()));
    // Scenario kinds first, then the bundled ones they do not redefine.
    k.kinds = own;
    for b in BUNDLED.iter() {
        if !k.kinds.has(&b.id) {
            k.kinds.ids.insert(b.id.as_str(), root.field("team_kinds"));
        }
    }

    if s.teams.len() > MAX_TEAMS {
        out.push(Problem::new(
            root.field("teams"),
            "too-large",
            said!(
                "{} teams; the limit is {MAX_TEAMS}",
                "有 {} 支队伍，上限是 {MAX_TEAMS}",
                s.teams.len()
            ),
            None,
        ));
    }
    for (i, t) in s.teams.iter().enumerate() {
        let p = root.field("teams").index(i);
        k.teams.declare(&t.id, p.field("id"), out);
        if k.shelters.has(&t.id) {
            out.push(same_holder_id(("team", "队伍"), &t.id, ("a shelter", "某个避难所"), p.field("id")));
        }
        k.kinds.check(&t.kind, p.field("kind"), out);
        k.location(
            &t.base,
            p.field("base"),
            ("team base (station, place or road node)", "队伍驻地（驻地、地点或道路节点）"),
            Some(&k.stations),
            out,
        );
        if t.crew == 0 || t.crew > MAX_CREW {
            out.push(Problem::new(
                p.field("crew"),
                "out-of-range",
                said!(
                    "crew must be 1 to {MAX_CREW}, found {}",
                    "crew 必须在 1 到 {MAX_CREW} 之间，这里是 {}",
                    t.crew
                ),
                None,
            ));
        }
        if let Some(r) = &t.ready_after {
            range_duration(r, p.field("ready_after"), "ready_after", out);
        }
    }
    for (i, d) in s.depots.iter().enumerate() {
        let p = root.field("depots").index(i);
        k.depots.declare(&d.id, p.field("id"), out);
        for (other, what) in [(&k.shelters, ("a shelter", "某个避难所")), (&k.teams, ("a team", "某支队伍"))] {
            if other.has(&d.id) {
                out.push(same_holder_id(("depot", "物资仓库"), &d.id, what, p.field("id")));
            }
        }
        k.location(&d.place, p.field("place"), PLACE, None, out);
        quantities(&d.stock, p.field("stock"), out);
        for (j, a) in d.agreements.iter().enumerate() {
            let ap = p.field("agreements").index(j);
            range(&a.quantity, 0.0, MAX_QUANTITY, ap.field("quantity"), "quantity", out);
            range_duration(&a.lead_time, ap.field("lead_time"), "lead_time", out);
        }
    }
    let mut vehicles: u64 = 0;
    for (i, c) in s.convoys.iter().enumerate() {
        let p = root.field("convoys").index(i);
        k.convoys.declare(&c.id, p.field("id"), out);
        k.location(&c.from, p.field("from"), ("convoy origin", "车队起点"), None, out);
        k.location(&c.to, p.field("to"), ("convoy destination", "车队终点"), None, out);
        if c.vehicles == 0 || c.vehicles > MAX_CONVOY_VEHICLES {
            out.push(Problem::new(
                p.field("vehicles"),
                "out-of-range",
                said!(
                    "vehicles must be 1 to {MAX_CONVOY_VEHICLES}, found {}",
                    "vehicles 必须在 1 到 {MAX_CONVOY_VEHICLES} 之间，这里是 {}",
                    c.vehicles
                ),
                None,
            ));
        } else {
            vehicles += u64::from(c.vehicles);
            if vehicles > MAX_TOTAL_VEHICLES && vehicles - u64::from(c.vehicles) <= MAX_TOTAL_VEHICLES {
                out.push(Problem::new(
                    p.field("vehicles"),
                    "too-large",
                    said!(
                        "convoys up to this one have {vehicles} vehicles; the limit for all convoys is {MAX_TOTAL_VEHICLES}",
                        "到这个车队为止共有 {vehicles} 辆车，所有车队合计上限是 {MAX_TOTAL_VEHICLES}"
                    ),
                    None,
                ));
            }
        }
        if matches!(c.class, VehicleClass::Boat | VehicleClass::Air) {
            out.push(Problem::new(
                p.field("class"),
                "bad-class",
                said!("convoys travel by road, not as {:?}", "车队走道路，不能是 {:?}", c.class),
                Some(said!("use Car, Truck, Bus or Foot", "用 Car、Truck、Bus 或 Foot")),
            ));
        }
        range_duration(&c.depart, p.field("depart"), "depart", out);
        quantities(&c.cargo, p.field("cargo"), out);
    }
}

/// Depots, shelters and teams hold stock under one namespace of ids.
fn same_holder_id((what, what_zh): super::Noun, id: &str, (other, other_zh): super::Noun, path: Path) -> Problem {
    Problem::new(
        path,
        "duplicate-id",
        said!(
            "{what} `{id}` has the same id as {other}",
            "{what_zh} `{id}` 与{other_zh}的 id 相同"
        ),
        Some(said!(
            "depots, shelters and teams hold supplies under their ids: give each its own",
            "物资仓库、避难所和队伍按 id 存放物资：给每个起不同的 id"
        )),
    )
}

/// Item quantities (stock, supplies, cargo): each between 0 and [`MAX_QUANTITY`].
fn quantities(m: &BTreeMap<String, Param>, path: Path, out: &mut Vec<Problem>) {
    for (item, v) in m {
        range(v, 0.0, MAX_QUANTITY, path.key(item), &format!("`{item}`"), out);
    }
}

/// Durations cannot be negative, but a Normal can reach below zero.
fn range_duration(p: &Param<crate::scenario::units::Duration>, path: Path, what: &str, out: &mut Vec<Problem>) {
    if p.problem().is_none() && p.range().0 < 0.0 {
        out.push(Problem::new(
            path,
            "negative",
            said!("{what} can be {:.0}s, below zero", "{what} 可能取到 {:.0}s，小于零", p.range().0),
            Some(said!(
                "a Normal is checked over mean ± 4 sd: use a smaller sd, or Triangular/LogNormal",
                "Normal 按均值 ± 4 个标准差检查：用更小的 sd，或改用 Triangular/LogNormal"
            )),
        ));
    }
}
