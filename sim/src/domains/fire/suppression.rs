//! Crews on the fireline: `AttackFire` orders become work requests at the
//! fire's origin (crews anchor at the heel and work along the edge); each
//! tick a crew's hours on the line become lined cells.
//!
//! A crew lines the nearest cell of the fire's edge — unburnt fuel touching
//! burnt ground — that it can work: the flame the fire would arrive there
//! with (the intensity at that cell's angle from the head) is under its
//! limit, so with a strong wind crews flank the fire and cannot cut off the
//! head. A cell costs its width at the builder's rate for its fuel and
//! slope ([`crate::fire::suppression`]); walking to a cell farther than the
//! next one costs the distance at 1.34 m/s, Weidmann's (1992) mean walking
//! speed. A cell takes as many ticks of work as its cost needs; hours a
//! crew cannot use (no workable edge) are not banked past the tick. Lined cells never burn; when no unlined edge is left the fire is
//! contained, the crews are released and the event log says so; crews that
//! mop up are then asked back ([`super::mopup`]).

use super::{Fire, FireRates, M_PER_FT, rates};
use crate::engine::{Clock, Ctx, EventLog, SimBuilder};
use crate::fire::spread::Front;
use crate::fire::spread::Rates;
use crate::fire::spread::azimuth;
use crate::fire::suppression::{Builder, flame_length_at};
use crate::scenario::model::Fireline;
use crate::world::sets::{ActStep, CommandStep};
use crate::world::tasks::{WorkDone, WorkKind, WorkOrder, WorkReport, WorkRequest};
use crate::world::weather::WeatherNow;
use bevy_ecs::prelude::*;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

/// Mean walking speed, m/s (Weidmann 1992).
const WALK_MS: f64 = 1.34;
/// The crew the hand-crew table is for.
const TABLE_CREW: f64 = 20.0;

/// One team on the line.
struct OnLine {
    cell: usize,
    builder: Builder,
    /// Hours of work not yet spent on a cell.
    hours: f64,
}

/// The line built on the fire and the crews building it.
pub struct Line {
    cols: usize,
    rows: usize,
    cell_m: f64,
    /// Where crews start: the middle of the first ignition (its cell, for
    /// a random one, once drawn).
    origin: Option<usize>,
    /// Each team's builder and the factor its work reports need: the team
    /// works at `amount` × factor hours of its builder's table crew.
    builders: BTreeMap<String, (Builder, f64)>,
    /// Cells lined, as a mask, with the minute each was lined, and in the order built.
    pub lined: Vec<bool>,
    /// Cells lined since the fire last stepped (their rates changed).
    pub newly_lined: Vec<usize>,
    lined_at_min: Vec<f32>,
    order: Vec<usize>,
    pub built_m: f64,
    /// Unburnt fuel touching burnt cells.
    edge: BTreeSet<usize>,
    crews: BTreeMap<usize, OnLine>,
    /// Crews asked for so far (one work site each).
    pub sites: usize,
    pub first_line_min: Option<f64>,
    contained: bool,
}

/// Every scenario team whose kind builds line: its builder and work factor.
pub fn builders(ctx: &Ctx) -> BTreeMap<String, (Builder, f64)> {
    ctx.scenario
        .teams
        .iter()
        .filter_map(|t| {
            let kind = ctx.team_kinds.iter().find(|k| k.id == t.kind)?;
            let b = match kind.fireline.as_ref()? {
                // Reports arrive scaled by team crew / kind crew; the table is per 20.
                Fireline::HandCrew(ty) => (Builder::HandCrew(*ty), kind.crew as f64 / TABLE_CREW),
                Fireline::Dozer => (Builder::Dozer, 1.0),
                Fireline::WetLine { m_per_hour } => (Builder::WetLine(m_per_hour.value()), 1.0),
            };
            Some((t.id.clone(), b))
        })
        .collect()
}

impl Line {
    /// Where crews anchor the line.
    pub fn origin(&self) -> Option<usize> {
        self.origin
    }

    /// Anchor the crews at `cell` (a random ignition, once it is drawn).
    pub fn set_origin(&mut self, cell: usize) {
        self.origin = Some(cell);
    }

    pub fn new(cols: usize, rows: usize, cell_m: f64, origin: Option<usize>, builders: BTreeMap<String, (Builder, f64)>) -> Line {
        Line {
            cols,
            rows,
            cell_m,
            origin,
            builders,
            lined: vec![false; cols * rows],
            newly_lined: Vec::new(),
            lined_at_min: vec![f32::NAN; cols * rows],
            order: Vec::new(),
            built_m: 0.0,
            edge: BTreeSet::new(),
            crews: BTreeMap::new(),
            sites: 0,
            first_line_min: None,
            contained: false,
        }
    }

    fn neighbours(&self, cell: usize) -> impl Iterator<Item = usize> + '_ {
        let (c, r) = ((cell % self.cols) as i64, (cell / self.cols) as i64);
        (-1..=1i64)
            .flat_map(move |dr| (-1..=1i64).map(move |dc| (c + dc, r + dr)))
            .filter(move |&(nc, nr)| (nc, nr) != (c, r) && nc >= 0 && nr >= 0 && nc < self.cols as i64 && nr < self.rows as i64)
            .map(|(nc, nr)| nr as usize * self.cols + nc as usize)
    }

    /// Cells that ignited this tick leave the edge; their unburnt fuel joins it.
    pub fn burnt(&mut self, lit: &[usize], front: &Front, fuel: &[Option<u8>]) {
        for &cell in lit {
            self.edge.remove(&cell);
            let fresh: Vec<usize> = self
                .neighbours(cell)
                .filter(|n| !front.burnt(*n) && fuel[*n].is_some() && !self.lined[*n])
                .collect();
            self.edge.extend(fresh);
        }
    }

    /// Share of the fire's edge that is line (NaN before the fire has an edge).
    pub fn containment(&self, front: &Front) -> f64 {
        let lined_edge = self.order.iter().filter(|c| self.neighbours(**c).any(|n| front.burnt(n))).count();
        let all = lined_edge + self.edge.len();
        if all == 0 { f64::NAN } else { lined_edge as f64 / all as f64 }
    }

    /// 1 on lined cells, NaN elsewhere.
    /// The `fire_line` raster: the minute each cell was lined (NaN elsewhere),
    /// so a map at any time can show the line built by then.
    pub fn raster(&self) -> Vec<f32> {
        self.lined_at_min.clone()
    }

    /// Flame (m) the fire would reach `cell` with from its burnt neighbours.
    fn flame_into(&self, cell: usize, front: &Front, rates: &FireRates) -> Option<f64> {
        if rates.structure(cell) {
            return None;
        }
        let (s, head_az) = rates.head(cell)?;
        let (c, r) = ((cell % self.cols) as i32, (cell / self.cols) as i32);
        let flame_ft = self
            .neighbours(cell)
            .filter(|n| front.burnt(*n))
            .map(|n| {
                let (nc, nr) = ((n % self.cols) as i32, (n / self.cols) as i32);
                flame_length_at(&s, azimuth(c - nc, r - nr) - head_az)
            })
            .fold(0.0, f64::max);
        Some(flame_ft * M_PER_FT)
    }

    fn distance_m(&self, a: usize, b: usize) -> f64 {
        let (dc, dr) = (
            (a % self.cols) as f64 - (b % self.cols) as f64,
            (a / self.cols) as f64 - (b / self.cols) as f64,
        );
        (dc * dc + dr * dr).sqrt() * self.cell_m
    }
}

pub fn build(b: &mut SimBuilder) {
    b.add_in_step_order(CommandStep::Requests, request_line);
    b.add_in_step_order(ActStep::SiteWork, (build_line, contain).chain());
}

/// Each `AttackFire` team wanted becomes a work request of its own at the origin.
fn request_line(mut fire: ResMut<Fire>, mut orders: MessageReader<WorkOrder>, mut requests: MessageWriter<WorkRequest>) {
    for o in orders.read().filter(|o| o.kind == WorkKind::Fireline) {
        let Some(cell) = fire.line.origin else { continue };
        let site = fire.line.sites;
        fire.line.sites += 1;
        requests.write(WorkRequest { kind: o.kind, site, cell });
    }
}

/// Crews' hours on the line become lined cells.
fn build_line(
    clock: Res<Clock>,
    weather: Res<WeatherNow>,
    mut fire: ResMut<Fire>,
    mut reports: MessageReader<WorkReport>,
    mut log: ResMut<EventLog>,
) {
    let fire = &mut *fire;
    let now_min = clock.now_s() / 60.0;
    for r in reports.read() {
        match r {
            WorkReport::Worked {
                kind: WorkKind::Fireline,
                site,
                team,
                amount,
            } => {
                let Some(&(builder, factor)) = fire.line.builders.get(team) else {
                    continue;
                };
                let start = fire.line.origin.unwrap_or(0);
                let crew = fire.line.crews.entry(*site).or_insert(OnLine {
                    cell: start,
                    builder,
                    hours: 0.0,
                });
                let this_tick = amount * factor;
                crew.hours += this_tick;
                loop {
                    let rates = rates(
                        &fire.fuel,
                        fire.blocks.as_ref(),
                        &fire.line.lined,
                        &fire.slope,
                        &fire.models,
                        &weather,
                    );
                    let line = &fire.line;
                    let crew = &line.crews[site];
                    let best = line
                        .edge
                        .iter()
                        .filter(|c| {
                            line.flame_into(**c, &fire.front, &rates)
                                .is_some_and(|f| f <= crew.builder.max_flame_m())
                        })
                        .filter_map(|&c| {
                            let k = fire.fuel[c].filter(|k| *k != super::STRUCTURE)? as usize;
                            let rate = crew.builder.m_per_hour(fire.models[k].number, fire.slope[c].0);
                            (rate > 0.0).then(|| (line.distance_m(crew.cell, c), c, rate))
                        })
                        .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                    let Some((dist, cell, rate)) = best else {
                        // Nothing workable: idle time is not banked for later.
                        fire.line.crews.get_mut(site).expect("entered above").hours = this_tick.min(crew.hours);
                        break;
                    };
                    let walk_h = (dist - line.cell_m * std::f64::consts::SQRT_2).max(0.0) / WALK_MS / 3600.0;
                    let cost_h = line.cell_m / rate + walk_h;
                    if crew.hours < cost_h {
                        break;
                    }
                    let line = &mut fire.line;
                    let crew = line.crews.get_mut(site).expect("entered above");
                    crew.hours -= cost_h;
                    crew.cell = cell;
                    line.lined[cell] = true;
                    line.newly_lined.push(cell);
                    line.lined_at_min[cell] = now_min as f32;
                    fire.front.obstruct();
                    line.edge.remove(&cell);
                    line.order.push(cell);
                    line.built_m += line.cell_m;
                    if line.first_line_min.is_none() {
                        line.first_line_min = Some(now_min);
                        log.push(clock.now_s(), "fireline_started", team, &[("cell", json!(cell))]);
                    }
                }
            }
            WorkReport::Left {
                kind: WorkKind::Fireline,
                site,
            } => {
                fire.line.crews.remove(site);
            }
            _ => {}
        }
    }
}

/// When no unlined edge is left, the fire is contained (or burnt out) and
/// its crews are released; a contained fire is then mopped up.
fn contain(clock: Res<Clock>, mut fire: ResMut<Fire>, mut done: MessageWriter<WorkDone>, mut log: ResMut<EventLog>) {
    let fire = &mut *fire;
    if fire.line.contained || fire.burnt_cells == 0 || !fire.line.edge.is_empty() || !fire.pending.is_empty() {
        return;
    }
    fire.line.contained = true;
    let at = clock.next_s();
    let what = if fire.line.order.is_empty() { "fire_out" } else { "fire_contained" };
    log.push(
        at,
        what,
        "fire",
        &[
            ("area_km2", json!(fire.burnt_cells as f64 * fire.cell_km2)),
            ("line_km", json!(fire.line.built_m / 1000.0)),
        ],
    );
    for site in 0..fire.line.sites {
        done.write(WorkDone {
            kind: WorkKind::Fireline,
            site,
            at_s: at,
        });
    }
    if fire.line.order.is_empty() {
        fire.out_min = Some(at / 60.0);
    } else {
        super::mopup::contained(fire, at, &mut log);
    }
}
