//! The road network: a directed graph of named nodes and links, built once per
//! scenario and shared by every run; shortest travel-time routing over the
//! links open to a vehicle class; BPR link travel times.
//!
//! Per-run state (closures, current flows) lives in [`RoadState`], never in
//! the shared network. Routes are found with petgraph's A* (zero heuristic,
//! i.e. Dijkstra), whose expansion order depends only on the graph, so equal
//! inputs give equal routes.

mod build;
mod reach;

pub use build::build_network;
pub use reach::reaches;

use crate::scenario::model::{LinkKind, VehicleClass};
use petgraph::graph::{DiGraph, NodeIndex};

/// BPR link performance function `t = t0 (1 + 0.15 (v/c)^4)`, Bureau of
/// Public Roads (1964), reference/hazard-models.md §6.
pub fn bpr_travel_time(t0_s: f64, flow_veh_h: f64, capacity_veh_h: f64) -> f64 {
    const ALPHA: f64 = 0.15;
    const BETA: i32 = 4;
    if capacity_veh_h <= 0.0 {
        return f64::INFINITY;
    }
    t0_s * (1.0 + ALPHA * (flow_veh_h / capacity_veh_h).powi(BETA))
}

/// Passenger-car equivalents: a bus counts as 2 cars (KLD TR-497/528, reference §6);
/// trucks are taken as buses. Pedestrians do not load the carriageway.
pub fn pcu(class: VehicleClass) -> f64 {
    match class {
        VehicleClass::Car => 1.0,
        VehicleClass::Bus | VehicleClass::Truck => 2.0,
        _ => 0.0,
    }
}

/// Walking speed: Weidmann (1992) mean 1.34 m/s (reference §6).
pub const WALK_SPEED_MS: f64 = 1.34;

#[derive(Clone, Debug)]
pub struct RoadNodeInfo {
    pub id: String,
    pub cell: usize,
}

/// One direction of a declared link.
#[derive(Clone, Debug)]
pub struct Arc {
    /// Index of the declared link (shared by both directions).
    pub link: usize,
    pub from: usize,
    pub to: usize,
    pub length_m: f64,
    pub free_speed_ms: f64,
    /// Capacity of the whole carriageway in this direction, pcu/h.
    pub capacity_pcu_h: f64,
    pub classes: u8,
    pub kind: LinkKind,
    /// Map cells the arc runs over (for flooding and fire checks).
    pub cells: Vec<usize>,
}

impl Arc {
    pub fn allows(&self, class: VehicleClass) -> bool {
        self.classes & class_bit(class) != 0
    }
    /// Free-flow travel time for a class; pedestrians walk.
    pub fn free_time_s(&self, class: VehicleClass) -> f64 {
        let speed = if class == VehicleClass::Foot {
            WALK_SPEED_MS.min(self.free_speed_ms)
        } else {
            self.free_speed_ms
        };
        self.length_m / speed.max(0.1)
    }
}

pub fn class_bit(c: VehicleClass) -> u8 {
    1 << (c as u8)
}

/// The immutable road graph.
#[derive(Clone, Debug, Default)]
pub struct RoadNetwork {
    pub nodes: Vec<RoadNodeInfo>,
    pub link_ids: Vec<String>,
    pub arcs: Vec<Arc>,
    pub(crate) graph: DiGraph<usize, usize>,
}

impl RoadNetwork {
    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.id == id)
    }
    pub fn link_index(&self, id: &str) -> Option<usize> {
        self.link_ids.iter().position(|n| n == id)
    }
    /// Arcs (both directions) of a declared link.
    pub fn arcs_of_link(&self, link: usize) -> impl Iterator<Item = usize> + '_ {
        self.arcs.iter().enumerate().filter(move |(_, a)| a.link == link).map(|(i, _)| i)
    }

    /// The node nearest to a cell (ties broken by node order), if any exist.
    pub fn nearest_node(&self, cell: usize, cols: usize) -> Option<usize> {
        let (c, r) = ((cell % cols) as i64, (cell / cols) as i64);
        self.nodes
            .iter()
            .enumerate()
            .min_by_key(|(i, n)| {
                let (nc, nr) = ((n.cell % cols) as i64, (n.cell / cols) as i64);
                ((nc - c).pow(2) + (nr - r).pow(2), *i)
            })
            .map(|(i, _)| i)
    }

    /// Fastest route from `from` to `to` for `class`, as arc indices, given each
    /// arc's current cost (`None` = closed). Returns `None` when unreachable.
    pub fn route(&self, from: usize, to: usize, class: VehicleClass, cost: impl Fn(usize) -> Option<f64>) -> Option<(f64, Vec<usize>)> {
        if from == to {
            return Some((0.0, Vec::new()));
        }
        let (total, path) = petgraph::algo::astar(
            &self.graph,
            NodeIndex::new(from),
            |n| n.index() == to,
            |e| {
                let arc = *e.weight();
                if !self.arcs[arc].allows(class) {
                    return f64::INFINITY;
                }
                cost(arc).unwrap_or(f64::INFINITY)
            },
            |_| 0.0,
        )?;
        if !total.is_finite() {
            return None;
        }
        let arcs = path
            .windows(2)
            .map(|w| {
                // Cheapest arc between consecutive nodes (parallel links possible).
                self.graph
                    .edges_connecting(w[0], w[1])
                    .map(|e| *e.weight())
                    .filter(|a| self.arcs[*a].allows(class))
                    .min_by(|a, b| {
                        let (ca, cb) = (cost(*a).unwrap_or(f64::INFINITY), cost(*b).unwrap_or(f64::INFINITY));
                        ca.total_cmp(&cb).then(a.cmp(b))
                    })
                    .unwrap_or(usize::MAX)
            })
            .collect::<Vec<_>>();
        if arcs.contains(&usize::MAX) {
            return None;
        }
        Some((total, arcs))
    }
}

/// Per-run road state: which links are closed and to whom, and current load.
#[derive(Clone, Debug, Default)]
pub struct RoadState {
    /// Closed by an inject or an order, for everyone.
    pub closed_by_order: Vec<bool>,
    /// Classes the hazard currently keeps off each arc (bitmask).
    pub hazard_blocked: Vec<u8>,
    /// The same for crews in SCBA, whom a gas cloud does not stop.
    pub hazard_blocked_scba: Vec<u8>,
    /// Vehicles currently on each arc, in pcu.
    pub load_pcu: Vec<f64>,
    /// Capacity multiplier per declared link (traffic control), 1 by default.
    pub capacity_factor: Vec<f64>,
}

impl RoadState {
    pub fn new(net: &RoadNetwork) -> Self {
        RoadState {
            closed_by_order: vec![false; net.link_ids.len()],
            hazard_blocked: vec![0; net.arcs.len()],
            hazard_blocked_scba: vec![0; net.arcs.len()],
            load_pcu: vec![0.0; net.arcs.len()],
            capacity_factor: vec![1.0; net.link_ids.len()],
        }
    }

    pub fn is_open(&self, net: &RoadNetwork, arc: usize, class: VehicleClass) -> bool {
        self.is_open_for(net, arc, class, false)
    }

    /// [`Self::is_open`] for a crew that may (`scba`) or may not breathe
    /// from its own air.
    pub fn is_open_for(&self, net: &RoadNetwork, arc: usize, class: VehicleClass, scba: bool) -> bool {
        let a = &net.arcs[arc];
        let blocked = if scba {
            self.hazard_blocked_scba[arc]
        } else {
            self.hazard_blocked[arc]
        };
        a.allows(class) && !self.closed_by_order[a.link] && blocked & class_bit(class) == 0
    }

    /// Current flow on an arc (pcu/h), estimated as load / free-flow time:
    /// the vehicles now on the link would pass in one free-flow traversal.
    pub fn flow_pcu_h(&self, net: &RoadNetwork, arc: usize) -> f64 {
        let t0_h = net.arcs[arc].free_time_s(VehicleClass::Car) / 3600.0;
        if t0_h <= 0.0 { 0.0 } else { self.load_pcu[arc] / t0_h }
    }

    /// BPR travel time on an arc for a class given the current load, or `None` if closed.
    pub fn travel_time_s(&self, net: &RoadNetwork, arc: usize, class: VehicleClass) -> Option<f64> {
        self.travel_time_s_for(net, arc, class, false)
    }

    fn travel_time_s_for(&self, net: &RoadNetwork, arc: usize, class: VehicleClass, scba: bool) -> Option<f64> {
        if !self.is_open_for(net, arc, class, scba) {
            return None;
        }
        let a = &net.arcs[arc];
        let t0 = a.free_time_s(class);
        if class == VehicleClass::Foot {
            return Some(t0);
        }
        Some(bpr_travel_time(
            t0,
            self.flow_pcu_h(net, arc),
            a.capacity_pcu_h * self.capacity_factor[a.link],
        ))
    }

    pub fn route(&self, net: &RoadNetwork, from: usize, to: usize, class: VehicleClass) -> Option<(f64, Vec<usize>)> {
        self.route_for(net, from, to, class, false)
    }

    /// A route for a crew in SCBA (`scba`), which drives through roads a gas
    /// cloud has closed (OSHA 29 CFR 1910.120(q)(3)(iv)), or for anyone else.
    pub fn route_for(&self, net: &RoadNetwork, from: usize, to: usize, class: VehicleClass, scba: bool) -> Option<(f64, Vec<usize>)> {
        net.route(from, to, class, |arc| self.travel_time_s_for(net, arc, class, scba))
    }
}

#[cfg(test)]
mod tests;
