//! Logistics: supplies held at depots, shelters and teams; what shelters use
//! up; convoys that carry supplies over the roads; agreement reserves; depots
//! lost to the hazard (DESIGN.md §3 resources, §4 Response).
//!
//! **Stock.** [`Stocks`] holds every level, by holder id and item name; the one
//! rule is that a level never goes below zero. Depots start with their `stock`,
//! shelters with their `supplies` (sampled values for this run). Teams register
//! themselves as holders through the same API.
//!
//! **Needs.** Every tick each shelter uses `per_person_per_day / 86 400 × dt`
//! of each consumed item per person present (occupancy from
//! [`crate::world::people::Shelters`]); items held per person (beds) are a level
//! check, short by `occupancy × per_person − level` when positive. The
//! defaults — 15 L of water and 3 meals per person per day (the Sphere
//! Handbook 2018 minimum for water), one bed per person — are planning
//! figures, not from reference/hazard-models.md; a scenario's `consumption`
//! section replaces them. Unmet demand is a shortfall: added to the run's
//! totals at once, and logged as a `shortfall` event at most once an hour per
//! holder and item with the amounts summed (the largest gap for held items).
//!
//! **Convoys.** A plan's `Resupply(from, to, item, quantity)` (rule or order,
//! sent as a [`ResupplyOrder`]) and the default resupply policy (on unless
//! `plan.default_dispatch: false`) send one truck: a traffic
//! [`crate::world::roads::Vehicle`] (class `Truck`, group = convoy id `resupply_N`)
//! that routes over the open roads and reroutes around closures. The default
//! policy looks at each shelter and item every tick: when what the shelter has
//! plus what is on the way would last less than 6 h at the current rate, the
//! nearest depot (straight line, ties by id) that holds the item and that a
//! truck can reach by road sends up to 24 h of demand; for held items, once
//! people are short, enough for the shelter's capacity. One default convoy
//! per shelter and item is on the road at a time. Cargo leaves the depot when
//! the truck is dispatched and reaches the holder when it arrives.
//! Scenario `convoys` with `cargo` carry it too: each vehicle an equal share,
//! drawn when it leaves from the depot at its `from` (short cargo is a
//! shortfall of that depot; no depot there means the cargo comes from outside
//! the drill) and added on arrival to the shelter or depot at its `to` (none:
//! delivered out of the stock system). A truck stuck on the way keeps its
//! cargo on board — stranded, available to nobody, counted as
//! `supply.<item>.stranded` — unless it never left its origin, in which case
//! the cargo goes back into (or never leaves) the depot.
//!
//! **Reserves.** Each depot agreement activates the first time the depot's
//! level of its item falls below 25 % of the depot's initial level, or a draw
//! of that item from the depot comes up short; `quantity` reaches the depot
//! `lead_time` later (`agreement_activated`, `agreement_delivered`).
//!
//! **Lost depots.** A `DepotLost` inject, or water deeper than 0.5 m at the
//! depot's cell, loses the depot: its stock is written off, it supplies
//! nothing more, and its pending agreement deliveries are cancelled.
//!
//! **Records.** Columns `stock.<holder>.<item>` for depots and shelters;
//! metrics `supply.<item>.shortfall` (summed unmet quantity; for held items
//! the run's peak of people short across shelters; never summed across
//! items, whose units differ), `supply.<item>.delivered` (by convoys), and `consumed`, `from_agreements`,
//! `stranded`, `written_off` per item, `logistics.*` counts.
//!
//! Systems: [`reserves::update_reserves`] in Cascade (after roads close),
//! [`convoys::dispatch`] in Command (between the plan and road orders),
//! [`convoys::handle_cargo`] then [`needs::consume`] in Act (before the people
//! systems), [`record::record_stocks`] in Record. No random draws.

pub mod convoys;
pub mod needs;
pub mod record;
pub mod reserves;
pub mod stocks;

use crate::CompiledScenario;
use crate::engine::SimBuilder;
use crate::scenario::model::{Action, Metric, Scenario, TeamKind};
use crate::world::sets::{ActStep, CascadeStep, CommandStep};
use bevy_ecs::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

pub use stocks::{Holder, HolderKind, ShortfallReport, Stocks};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CargoStage {
    /// Not drawn yet: the vehicle has not left.
    ToLoad,
    Loaded,
    Delivered,
    /// Stuck on the way; the cargo stays on the truck.
    Stranded,
    /// Never left its origin: nothing drawn, or the cargo went back.
    Returned,
}

/// Supplies on a vehicle (on the [`crate::world::roads::Vehicle`] entity of a convoy).
#[derive(Component, Clone, Debug)]
pub struct Cargo {
    pub convoy: String,
    /// Depot the cargo comes from (`None`: from outside the drill).
    pub from: Option<String>,
    /// Holder that receives it (`None`: a place outside the stock system).
    pub to: Option<String>,
    /// Road node the vehicle starts from.
    pub origin: usize,
    pub items: BTreeMap<String, f64>,
    pub stage: CargoStage,
    /// Sent by the default resupply policy.
    pub by_policy: bool,
}

/// A depot or shelter: where it is.
#[derive(Clone, Debug)]
pub struct Site {
    pub id: String,
    pub place: String,
    pub cell: usize,
    pub node: Option<usize>,
    /// Index in the scenario's list (and in [`crate::world::people::Shelters`] for shelters).
    pub index: usize,
}

/// Where depots and shelters are, each list sorted by id; the recorded columns.
#[derive(Resource, Clone, Debug, Default)]
pub struct Sites {
    pub depots: Vec<Site>,
    pub shelters: Vec<Site>,
    /// (column, holder, item) of `stock.<holder>.<item>`.
    pub columns: Vec<(String, String, String)>,
    /// Every item the scenario names (metrics report each, zero when nothing happened).
    pub items: BTreeSet<String>,
}

impl Sites {
    pub fn depot(&self, id: &str) -> Option<&Site> {
        self.depots.iter().find(|s| s.id == id)
    }
    /// A shelter or depot by id.
    pub fn holder(&self, id: &str) -> Option<&Site> {
        self.shelters.iter().chain(&self.depots).find(|s| s.id == id)
    }
    /// The depot a convoy leaving `name` (a place or road node) loads at: one
    /// with that id or place, else one served by the same road node.
    fn depot_at(&self, name: &str, c: &CompiledScenario) -> Option<&Site> {
        at(&self.depots, name, c)
    }
    /// The shelter (first) or depot a convoy to `name` unloads at.
    fn holder_at(&self, name: &str, c: &CompiledScenario) -> Option<&Site> {
        at(&self.shelters, name, c).or_else(|| at(&self.depots, name, c))
    }
}

fn at<'a>(sites: &'a [Site], name: &str, c: &CompiledScenario) -> Option<&'a Site> {
    sites.iter().find(|s| s.id == name || s.place == name).or_else(|| {
        let n = c.node_of(name)?;
        sites.iter().find(|s| s.node == Some(n))
    })
}

/// Shelter needs of this run, per person.
#[derive(Resource, Clone, Debug, Default)]
pub struct Needs {
    /// Item and quantity used up per person per second.
    pub used_per_s: Vec<(String, f64)>,
    /// Item and quantity needed on hand per person.
    pub held: Vec<(String, f64)>,
}

/// An agreement reserve of a depot as the run sees it.
#[derive(Clone, Debug)]
pub struct AgreementState {
    pub depot: String,
    pub supplier: String,
    pub item: String,
    pub quantity: f64,
    pub lead_s: f64,
    /// The depot's level of the item at the start.
    pub initial: f64,
    pub due_s: Option<f64>,
    pub done: bool,
}

/// Mutable logistics state: agreements, convoy numbering, tallies.
#[derive(Resource, Clone, Debug, Default)]
pub struct Logistics {
    /// Sorted by depot id, then declaration order.
    pub agreements: Vec<AgreementState>,
    pub convoys_dispatched: u32,
    /// (shelter, item) that depots hold but no truck can reach by road: not tried again until then (s).
    pub blocked_until: BTreeMap<(String, String), f64>,
    pub delivered: BTreeMap<String, f64>,
    pub consumed: BTreeMap<String, f64>,
    pub from_agreements: BTreeMap<String, f64>,
    pub stranded: BTreeMap<String, f64>,
    /// Largest number of people short of each held item at once, all shelters together.
    pub held_peak: BTreeMap<String, f64>,
    pub vehicles_delivered: u32,
    pub vehicles_stranded: u32,
    pub agreements_activated: u32,
    pub depots_lost: u32,
}

/// Vehicle ordering: resupply trucks after scenario convoys, before households.
pub const RESUPPLY_VEHICLE_ORDER: u32 = 1 << 23;

fn site(c: &CompiledScenario, id: &str, place: &str, index: usize) -> Site {
    Site {
        id: id.to_string(),
        place: place.to_string(),
        cell: c.centre_cell(place),
        node: c.node_of(place),
        index,
    }
}

/// Every item the scenario names anywhere.
fn scenario_items(s: &Scenario, kinds: &[TeamKind]) -> BTreeSet<String> {
    let mut items: BTreeSet<String> = s
        .needs()
        .into_iter()
        .flat_map(|n| n.per_person_per_day.keys().chain(n.per_person.keys()))
        .cloned()
        .collect();
    for d in &s.depots {
        items.extend(d.stock.keys().cloned());
        items.extend(d.agreements.iter().map(|a| a.item.clone()));
    }
    for sh in &s.shelters {
        items.extend(sh.supplies.keys().cloned());
    }
    for c in &s.convoys {
        items.extend(c.cargo.keys().cloned());
    }
    let actions = s
        .plan
        .rules
        .iter()
        .map(|r| &r.action)
        .chain(s.plan.orders.iter().map(|o| &o.action));
    for a in actions {
        if let Action::Resupply { item, .. } = a {
            items.insert(item.clone());
        }
    }
    // Teams draw supplies only where there are depots (needs::team_supplies).
    if !s.depots.is_empty() {
        for t in &s.teams {
            if let Some(k) = kinds.iter().find(|k| k.id == t.kind) {
                items.extend(k.supplies_per_hour.keys().cloned());
            }
        }
    }
    for o in &s.objectives {
        if let Metric::SupplyShortfall { item: Some(i) } = &o.metric {
            items.insert(i.clone());
        }
    }
    items
}

pub fn build(b: &mut SimBuilder) {
    let ctx = b.ctx();
    let (c, s) = (ctx.compiled.clone(), ctx.scenario.clone());
    let mut depots: Vec<Site> = s.depots.iter().enumerate().map(|(i, d)| site(&c, &d.id, &d.place, i)).collect();
    let mut shelters: Vec<Site> = s.shelters.iter().enumerate().map(|(i, x)| site(&c, &x.id, &x.place, i)).collect();
    depots.sort_by(|a, b| a.id.cmp(&b.id));
    shelters.sort_by(|a, b| a.id.cmp(&b.id));

    // Which items each holder can ever hold: recorded from the first row on.
    let mut held: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for d in &s.depots {
        let e = held.entry(d.id.clone()).or_default();
        e.extend(d.stock.keys().cloned());
        e.extend(d.agreements.iter().map(|a| a.item.clone()));
    }
    let needed: Vec<String> = s
        .needs()
        .into_iter()
        .flat_map(|n| n.per_person_per_day.keys().chain(n.per_person.keys()))
        .cloned()
        .collect();
    for sh in &s.shelters {
        let e = held.entry(sh.id.clone()).or_default();
        e.extend(sh.supplies.keys().cloned());
        e.extend(needed.iter().cloned());
    }
    let sites = Sites {
        depots,
        shelters,
        columns: Vec::new(),
        items: scenario_items(&s, &ctx.team_kinds),
    };
    for cv in &s.convoys {
        if let Some(to) = sites.holder_at(&cv.to, &c) {
            held.entry(to.id.clone()).or_default().extend(cv.cargo.keys().cloned());
        }
    }
    let actions = s
        .plan
        .rules
        .iter()
        .map(|r| &r.action)
        .chain(s.plan.orders.iter().map(|o| &o.action));
    for a in actions {
        if let Action::Resupply { to, item, .. } = a {
            held.entry(to.clone()).or_default().insert(item.clone());
        }
    }
    let columns = held
        .iter()
        .flat_map(|(h, items)| items.iter().map(move |i| (format!("stock.{h}.{i}"), h.clone(), i.clone())))
        .collect();
    let sites = Sites { columns, ..sites };

    // Stocks: other domains (teams) may have registered holders already.
    if !b.world.contains_resource::<Stocks>() {
        b.world.insert_resource(Stocks::default());
    }
    let mut agreements = Vec::new();
    {
        let mut stocks = b.world.resource_mut::<Stocks>();
        for d in &s.depots {
            let cell = sites.depot(&d.id).map(|x| x.cell).unwrap_or(0);
            stocks.register_holder(&d.id, HolderKind::Depot, cell);
            for (item, q) in &d.stock {
                stocks.add(&d.id, item, q.value());
            }
        }
        for t in &s.teams {
            // Teams hold nothing yet; registered so their shortfalls name them as teams.
            stocks.register_holder(&t.id, HolderKind::Team, 0);
        }
        for sh in &s.shelters {
            let cell = sites.holder(&sh.id).map(|x| x.cell).unwrap_or(0);
            stocks.register_holder(&sh.id, HolderKind::Shelter, cell);
            for (item, q) in &sh.supplies {
                stocks.add(&sh.id, item, q.value());
            }
        }
        for site in &sites.depots {
            for a in &s.depots[site.index].agreements {
                agreements.push(AgreementState {
                    depot: site.id.clone(),
                    supplier: a.supplier.clone(),
                    item: a.item.clone(),
                    quantity: a.quantity.value().max(0.0),
                    lead_s: a.lead_time.value().secs().max(0.0),
                    initial: stocks.level(&site.id, &a.item),
                    due_s: None,
                    done: false,
                });
            }
        }
    }
    let needs = Needs {
        used_per_s: s
            .needs()
            .into_iter()
            .flat_map(|n| &n.per_person_per_day)
            .map(|(k, v)| (k.clone(), v.value().max(0.0) / 86_400.0))
            .collect(),
        held: s
            .needs()
            .into_iter()
            .flat_map(|n| &n.per_person)
            .map(|(k, v)| (k.clone(), v.value().max(0.0)))
            .collect(),
    };
    convoys::attach_scenario_cargo(b, &sites);
    b.declare_metrics(record::metric_keys(&sites.items));
    b.add_finisher(record::metrics);
    b.world.insert_resource(sites);
    b.world.insert_resource(needs);
    b.world.insert_resource(Logistics {
        agreements,
        ..Default::default()
    });
    b.schedule.add_systems(reserves::update_reserves.in_set(CascadeStep::Consequences));
    b.add_in_step_order(CommandStep::Requests, convoys::dispatch);
    b.schedule
        .add_systems((convoys::handle_cargo, needs::consume).chain().in_set(ActStep::Supplies));
    b.schedule.add_systems(needs::team_supplies.in_set(ActStep::Upkeep));
    b.add_recorder(record::record_stocks);
}
