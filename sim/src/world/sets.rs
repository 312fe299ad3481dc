//! Public steps inside the engine's phases. Domains order against these,
//! never against another domain's systems; [`super::build`] chains them.

use bevy_ecs::prelude::*;

/// Inside [`crate::engine::Phase::Command`], in order.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CommandStep {
    /// Command carries out the plan: scheduled orders, levels, rules.
    Plan,
    /// Domains turn this tick's orders into their own requests (work sites, convoys).
    Requests,
    /// Road closures and openings by order take effect.
    Roads,
    /// Teams take orders, learn of incidents and are assigned.
    Teams,
}

/// Inside [`crate::engine::Phase::Cascade`], in order.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CascadeStep {
    /// Roads close and reopen under the hazards.
    Closures,
    /// What follows from the hazards and closures (lost depots, reserves).
    Consequences,
}

/// Inside [`crate::engine::Phase::Act`], in order.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActStep {
    /// Cargo unloads and shelters use supplies.
    Supplies,
    /// Households receive warnings, leave and arrive.
    People,
    /// Teams travel, work and rest.
    Teams,
    /// Domains act on the teams' reports (work at their sites, supplies used).
    SiteWork,
    /// Teams whose work is done are released; those still working use supplies.
    Release,
    /// Domains act on what was used (supplies drawn from depots).
    Upkeep,
}

/// Inside [`crate::engine::Phase::Harm`], in order.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HarmStep {
    /// Hazards that harm by what a household has taken in (a toxic load)
    /// bring its exposure up to the end of the tick.
    Exposure,
    /// Harm is applied.
    Apply,
}
