//! How long a team takes to reach a cell, by its travel mode.

use super::Team;
use crate::engine::Ctx;
use crate::roads::RoadState;
use crate::scenario::model::{TravelMode, VehicleClass};
use crate::world::hazard::{Hazards, WATER_DEPTH};
use std::collections::{BTreeMap, VecDeque};

/// Depth a rescue boat needs under it (m); shallower water is waded or driven.
pub const BOAT_DRAFT_M: f64 = 0.3;
/// Dry cells within this many cells of the launch or the target may be crossed
/// (carrying the boat to the water, wading to the house).
const LAND_REACH: i64 = 4;
/// Margin (cells) around start and target that a boat search may use.
const BOAT_SEARCH_MARGIN: i64 = 30;

fn dist_m(ctx: &Ctx, a: usize, b: usize) -> f64 {
    let d = ctx.compiled.terrain.dims;
    let (ac, ar) = d.cell(a);
    let (bc, br) = d.cell(b);
    (((ac - bc).pow(2) + (ar - br).pow(2)) as f64).sqrt() * ctx.compiled.terrain.cell_m
}

/// Straight-line flight time (s) between two cells at `speed_ms`.
pub fn straight_time(ctx: &Ctx, from: usize, to: usize, speed_ms: f64) -> f64 {
    dist_m(ctx, from, to) / speed_ms.max(0.1)
}

/// Travel time (s) from the team's cell to `target`, or `None` if unreachable
/// now — as a target inside a gas cloud's closed zone is for a crew
/// without SCBA, however it would get there.
pub fn travel_time(ctx: &Ctx, roads: &RoadState, hazards: &Hazards, team: &Team, target: usize) -> Option<f64> {
    if !team.scba && hazards.bars_unprotected(target) {
        return None;
    }
    match team.mode {
        TravelMode::Air => Some(straight_time(ctx, team.cell, target, team.speed_ms)),
        TravelMode::Road => road_time(ctx, roads, team, team.cell, target),
        TravelMode::Water => {
            // Drive the boat to the road node nearest the target that trucks can reach, then boat across.
            let net = &ctx.compiled.roads;
            let cols = ctx.compiled.terrain.dims.cols;
            let start = net.nearest_node(team.cell, cols)?;
            let mut nodes: Vec<(f64, usize)> = (0..net.nodes.len()).map(|n| (dist_m(ctx, net.nodes[n].cell, target), n)).collect();
            nodes.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            for (_, n) in nodes {
                let Some((road_s, _)) = roads.route_for(net, start, n, VehicleClass::Truck, team.scba) else {
                    continue;
                };
                let launch = net.nodes[n].cell;
                // No water path from this launch point: try the next nearest.
                let Some(boat_cells) = boat_path_cells(ctx, hazards, launch, target) else {
                    continue;
                };
                return Some(road_s + boat_cells as f64 * ctx.compiled.terrain.cell_m / team.speed_ms);
            }
            None
        }
    }
}

/// Whether some team could reach a cell this tick, remembered by what
/// [`travel_time`]'s answer (`Some` or `None`) depends on besides the tick's
/// hazards and roads: the team's travel mode, the road node nearest it
/// (where its route starts; a crew in the air starts nowhere), whether it
/// wears SCBA, and the target cell. Teams that share these share the answer.
#[derive(Default)]
pub struct ReachCache(BTreeMap<(u8, Option<usize>, bool, usize), bool>);

impl ReachCache {
    /// [`travel_time`]`(…).is_some()`, asked once per key and tick.
    pub fn can_reach(&mut self, ctx: &Ctx, roads: &RoadState, hazards: &Hazards, team: &Team, target: usize) -> bool {
        let (mode, start) = match team.mode {
            TravelMode::Air => (0, None),
            TravelMode::Road => (1, ctx.compiled.roads.nearest_node(team.cell, ctx.compiled.terrain.dims.cols)),
            TravelMode::Water => (2, ctx.compiled.roads.nearest_node(team.cell, ctx.compiled.terrain.dims.cols)),
        };
        *self
            .0
            .entry((mode, start, team.scba, target))
            .or_insert_with(|| travel_time(ctx, roads, hazards, team, target).is_some())
    }
}

/// Road route time for the team's truck between the nodes nearest two
/// cells, plus the straight last leg at the team's speed. A crew in SCBA
/// drives through roads a gas cloud has closed.
pub fn road_time(ctx: &Ctx, roads: &RoadState, team: &Team, from: usize, to: usize) -> Option<f64> {
    let speed_ms = team.speed_ms;
    let net = &ctx.compiled.roads;
    let cols = ctx.compiled.terrain.dims.cols;
    let (a, b) = (net.nearest_node(from, cols)?, net.nearest_node(to, cols)?);
    let (t, _) = roads.route_for(net, a, b, VehicleClass::Truck, team.scba)?;
    Some(t + (dist_m(ctx, from, net.nodes[a].cell) + dist_m(ctx, net.nodes[b].cell, to)) / speed_ms.max(0.1))
}

/// Length (cells) of the shortest 4-connected path over water at least
/// [`BOAT_DRAFT_M`] deep from `from` to `to` (both ends may be dry: launch and
/// landing), searched in a bounded window; `None` without a water path.
pub fn boat_path_cells(ctx: &Ctx, hazards: &Hazards, from: usize, to: usize) -> Option<usize> {
    let d = ctx.compiled.terrain.dims;
    let water = hazards.find(WATER_DEPTH);
    let (fc, fr) = d.cell(from);
    let (tc, tr) = d.cell(to);
    let (c0, c1) = (
        (fc.min(tc) - BOAT_SEARCH_MARGIN).max(0),
        (fc.max(tc) + BOAT_SEARCH_MARGIN).min(d.cols as i64 - 1),
    );
    let (r0, r1) = (
        (fr.min(tr) - BOAT_SEARCH_MARGIN).max(0),
        (fr.max(tr) + BOAT_SEARCH_MARGIN).min(d.rows as i64 - 1),
    );
    let w = (c1 - c0 + 1) as usize;
    let h = (r1 - r0 + 1) as usize;
    let local = |c: i64, r: i64| (r - r0) as usize * w + (c - c0) as usize;
    let mut dist = vec![u32::MAX; w * h];
    let mut queue = VecDeque::new();
    dist[local(fc, fr)] = 0;
    queue.push_back((fc, fr));
    // Launch: the boat may cross dry cells next to the start until it meets water.
    while let Some((c, r)) = queue.pop_front() {
        let here = dist[local(c, r)];
        if (c, r) == (tc, tr) {
            return Some(here as usize);
        }
        for (dc, dr) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
            let (nc, nr) = (c + dc, r + dr);
            if nc < c0 || nc > c1 || nr < r0 || nr > r1 {
                continue;
            }
            let cell = d.index((nc, nr));
            let wet = water.is_some_and(|w| hazards.at(w, cell) >= BOAT_DRAFT_M);
            let near_end = (nc - tc).abs() + (nr - tr).abs() <= LAND_REACH || (nc - fc).abs() + (nr - fr).abs() <= LAND_REACH;
            if !(wet || near_end) {
                continue;
            }
            let li = local(nc, nr);
            if dist[li] == u32::MAX {
                dist[li] = here + 1;
                queue.push_back((nc, nr));
            }
        }
    }
    None
}
