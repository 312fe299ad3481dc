//! Work a hazard domain needs teams for (flood: sandbag lines, pumps; fire
//! and chemical work follows), and the messages between the domain that owns
//! the site and the teams domain that sends a crew.
//!
//! The round trip: command turns a plan action into a [`WorkOrder`] naming
//! the site; the hazard domain that owns such sites resolves it to a
//! [`WorkRequest`] (site index and cell); teams assign a capable crew, and
//! report [`WorkReport`]s as it arrives, works and leaves; the owning domain
//! changes its own state and says [`WorkDone`] when the site needs no more.
//! Neither side reaches into the other's resources.

use crate::scenario::model::TeamKind;
use bevy_ecs::prelude::*;

/// A kind of work at a hazard's site.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum WorkKind {
    /// Lay a sandbag line on a breached levee (metres of line).
    Sandbag,
    /// Run a pump (open-ended: until the team is relieved).
    Pump,
    /// Build fireline on a wildfire (crew-hours; the fire domain turns them
    /// into metres for the fuel and slope where the crew is).
    Fireline,
    /// Mop up a contained fire (hectares of burnt ground made safe).
    MopUp,
    /// Seal a chemical leak (the share of the job done: 1 when sealed).
    SealLeak,
    /// Measure the air at a place (open-ended: until the crew is relieved).
    Monitor,
    /// Run a decontamination line at a place (people washable per hour:
    /// the owning domain reads the line's throughput from the reports).
    Decon,
}

impl WorkKind {
    /// The rate at which a team of kind `k` does this work (units per hour),
    /// `None` when it cannot.
    pub fn rate(self, k: &TeamKind) -> Option<f64> {
        match self {
            WorkKind::Sandbag => k.sandbag_m_per_hour.as_ref().map(|r| r.value()),
            WorkKind::Pump => k.pump_m3s.as_ref().map(|r| r.value()),
            WorkKind::Fireline => k.fireline.as_ref().map(|_| 1.0),
            WorkKind::MopUp => k.mop_up_ha_per_hour.as_ref().map(|r| r.value()),
            WorkKind::Decon => k.decon_people_per_hour.as_ref().map(|r| r.value()),
            // The loader refuses a sealer without SCBA; the check stands
            // here too so no unprotected crew is ever sent into the cloud.
            WorkKind::SealLeak => k
                .seal_leak
                .as_ref()
                .filter(|_| k.protection.is_some_and(|p| p.scba()))
                .map(|t| 3600.0 / t.value().secs().max(1.0)),
            WorkKind::Monitor => (k.gas_monitor && k.protection.is_some_and(|p| p.scba())).then_some(1.0),
        }
    }

    /// How the task reads in events and charts.
    pub fn label(self, site: usize) -> String {
        match self {
            WorkKind::Sandbag => format!("sandbag levee #{site}"),
            WorkKind::Pump => format!("pump #{site}"),
            WorkKind::Fireline => format!("fireline #{site}"),
            WorkKind::MopUp => format!("mop-up #{site}"),
            WorkKind::SealLeak => format!("seal leak #{site}"),
            WorkKind::Monitor => format!("monitor air #{site}"),
            WorkKind::Decon => format!("decon line #{site}"),
        }
    }

    /// Work that never finishes by quantity: the team stays until relieved.
    pub fn open_ended(self) -> bool {
        matches!(self, WorkKind::Pump | WorkKind::Monitor)
    }
}

/// Command asks for work at a site the scenario names (a levee id, a pump id).
#[derive(Message, Clone, Debug)]
pub struct WorkOrder {
    pub kind: WorkKind,
    pub site: String,
}

/// The owning domain has resolved a [`WorkOrder`]: a team is wanted at `cell`.
#[derive(Message, Clone, Debug)]
pub struct WorkRequest {
    pub kind: WorkKind,
    /// Index of the site in the owning domain's list.
    pub site: usize,
    pub cell: usize,
}

/// What a team did at a site this tick.
#[derive(Message, Clone, Debug)]
pub enum WorkReport {
    /// A team has arrived and starts work.
    Arrived { kind: WorkKind, site: usize },
    /// `amount` of work done (units of [`WorkKind::rate`] × hours) by `team`.
    Worked {
        kind: WorkKind,
        site: usize,
        team: String,
        amount: f64,
    },
    /// The team has left (relieved, lost): open-ended work stops.
    Left { kind: WorkKind, site: usize },
}

/// The owning domain says a site needs no more work; its team is free at `at_s`.
#[derive(Message, Clone, Debug)]
pub struct WorkDone {
    pub kind: WorkKind,
    pub site: usize,
    pub at_s: f64,
}
