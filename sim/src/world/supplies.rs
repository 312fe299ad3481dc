//! Supplies as the domains ask for them: a plan's resupply order (command to
//! logistics) and what working teams use up (teams to logistics).

use bevy_ecs::prelude::*;

/// A plan asks for supplies to be moved (`Action::Resupply`).
#[derive(Message, Clone, Debug)]
pub struct ResupplyOrder {
    /// Depot id.
    pub from: String,
    /// Shelter or depot id.
    pub to: String,
    pub item: String,
    pub quantity: f64,
    /// Rule or order id.
    pub by: String,
}

/// A working team wants `amount` of `item` this tick, from the depot nearest `cell`.
#[derive(Message, Clone, Debug)]
pub struct SupplyUse {
    /// Team id: what the depots cannot give is its shortfall.
    pub holder: String,
    pub cell: usize,
    pub item: String,
    pub amount: f64,
}
