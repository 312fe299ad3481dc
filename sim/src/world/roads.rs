//! Roads as the domains share them: the run's road state (closures and
//! loads, owned by the traffic domain, also written by teams directing
//! traffic), the vehicles that travel it (households' cars and walkers,
//! convoys, resupply trucks), and orders to close or open a link.

use crate::roads::RoadState;
use crate::scenario::model::VehicleClass;
use bevy_ecs::prelude::*;
use std::collections::VecDeque;

/// Close or reopen a declared link for everyone.
#[derive(Message, Clone, Debug)]
pub struct RoadCommand {
    pub link: String,
    pub close: bool,
    pub by: String,
}

/// The run's road state (closures and loads) as a resource.
#[derive(Resource)]
pub struct Roads(pub RoadState);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VehicleState {
    Waiting,
    Moving,
    Arrived,
    Stuck,
}

#[derive(Component, Clone, Debug)]
pub struct Vehicle {
    /// Domain order: vehicles move in this order every tick.
    pub order: u32,
    pub id: String,
    /// Convoy (or other owner) this vehicle belongs to.
    pub group: String,
    pub class: VehicleClass,
    pub depart_s: f64,
    pub node: usize,
    pub dest: usize,
    pub route: VecDeque<usize>,
    pub on_arc: Option<usize>,
    pub remaining_s: f64,
    pub state: VehicleState,
    pub arrived_s: Option<f64>,
    pub reroutes: u32,
    /// Household cars and walkers are too many to log one by one.
    pub quiet: bool,
}

impl Vehicle {
    /// A vehicle waiting to leave `from` for `to` at `depart_s`, no route yet
    /// (it is planned when it leaves), logged one by one.
    pub fn waiting(order: u32, id: String, group: String, class: VehicleClass, depart_s: f64, (from, to): (usize, usize)) -> Self {
        Vehicle {
            order,
            id,
            group,
            class,
            depart_s,
            node: from,
            dest: to,
            route: VecDeque::new(),
            on_arc: None,
            remaining_s: 0.0,
            state: VehicleState::Waiting,
            arrived_s: None,
            reroutes: 0,
            quiet: false,
        }
    }
}
