//! Why incidents waited for their first team: the causes each tick's
//! dispatch charges a waiting incident to, the per-tick counts recorded for
//! the report's chart and `play`'s status, and the per-incident table
//! (`tables/incidents.csv`).

use super::{Incident, IncidentKind, Incidents};
use crate::engine::{Recorder, Table, TableCell};
use bevy_ecs::prelude::*;

/// What an incident was waiting on before its first team arrived: its wait
/// (from the moment it arose to the first team on scene, or to the end of
/// the drill) is split between these, tick by tick, and summed over the
/// drill as `incidents.waited_min.<key>`. The four in the middle are what a
/// plan can change; they are tried in this order, and the first that stops
/// every team is the cause.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum WaitCause {
    /// Command did not know of it yet: the plan's reporting delay, or
    /// trapped people at a place nobody has looked at.
    Unreported,
    /// No team in the drill is of a kind able to do it (rescue needs a kind
    /// with `rescue_per_hour`; carrying casualties, one that goes by road or air).
    NoAbleTeam,
    /// Able teams exist, but the plan committed none of them.
    NotCommitted,
    /// Every able, committed team was busy, resting, lost or still
    /// mobilising; or the free ones had no way there while a busy one has
    /// one from where it is (a free ambulance, a busy boat): a team more
    /// of that kind would have gone.
    AllBusy,
    /// No able, committed team had a way there, free or busy (lost teams
    /// aside): roads cut, no water deep enough for a boat, or a gas cloud in
    /// the way of a crew without SCBA.
    NoRoute,
    /// A team was on its way.
    OnTheWay,
}

impl WaitCause {
    pub const COUNT: usize = 6;
    pub const ALL: [WaitCause; Self::COUNT] = [
        WaitCause::Unreported,
        WaitCause::NoAbleTeam,
        WaitCause::NotCommitted,
        WaitCause::AllBusy,
        WaitCause::NoRoute,
        WaitCause::OnTheWay,
    ];

    /// The metric key's last part.
    pub fn key(self) -> &'static str {
        match self {
            WaitCause::Unreported => "unreported",
            WaitCause::NoAbleTeam => "no_able_team",
            WaitCause::NotCommitted => "not_committed",
            WaitCause::AllBusy => "all_busy",
            WaitCause::NoRoute => "no_route",
            WaitCause::OnTheWay => "on_the_way",
        }
    }

    pub fn metric(self) -> String {
        format!("incidents.waited_min.{}", self.key())
    }

    /// The time-series column counting the incidents waiting on it each tick.
    pub fn series_column(self) -> &'static str {
        match self {
            WaitCause::Unreported => "incidents_waiting_unreported",
            WaitCause::NoAbleTeam => "incidents_waiting_no_able_team",
            WaitCause::NotCommitted => "incidents_waiting_not_committed",
            WaitCause::AllBusy => "incidents_waiting_all_busy",
            WaitCause::NoRoute => "incidents_waiting_no_route",
            WaitCause::OnTheWay => "incidents_waiting_on_the_way",
        }
    }

    /// The column of `tables/incidents.csv`.
    pub fn column(self) -> &'static str {
        match self {
            WaitCause::Unreported => "waited_min_unreported",
            WaitCause::NoAbleTeam => "waited_min_no_able_team",
            WaitCause::NotCommitted => "waited_min_not_committed",
            WaitCause::AllBusy => "waited_min_all_busy",
            WaitCause::NoRoute => "waited_min_no_route",
            WaitCause::OnTheWay => "waited_min_on_the_way",
        }
    }
}

/// How many incidents wait for a first team now, by cause: when waiting
/// piled up during the drill, and why (the report's chart, `play`'s status).
pub(super) fn record_waiting(inc: Res<Incidents>, mut rec: ResMut<Recorder>) {
    for cause in WaitCause::ALL {
        rec.set(cause.series_column(), f64::from(inc.waiting_now[cause as usize]));
    }
}

/// Every incident in the order it arose, with when it arose, became known,
/// got its first team and was resolved (minutes from the start; empty when
/// it never happened), and its wait for a first team by cause (minutes):
/// the analyst's list behind the report's wait table.
pub(super) fn incidents_table(list: &[Incident]) -> Table {
    use TableCell::{Num, Text};
    let min = |t: Option<f64>| Num(t.filter(|t| t.is_finite()).map_or(f64::NAN, |t| t / 60.0));
    let rows = list
        .iter()
        .map(|i| {
            let mut row = vec![
                Num(i.id as f64),
                Text(if i.kind == IncidentKind::Trapped { "trapped" } else { "casualty" }.into()),
                Num(f64::from(i.people)),
                Num(i.cell as f64),
                min(Some(i.created_s)),
                min(Some(i.reported_s)),
                min(i.first_unit_s),
                min(i.resolved_s),
            ];
            row.extend(i.waited_s.iter().map(|s| Num(s / 60.0)));
            row
        })
        .collect();
    let mut columns = vec![
        "incident",
        "kind",
        "people",
        "cell",
        "arose_min",
        "known_min",
        "first_team_min",
        "resolved_min",
    ];
    columns.extend(WaitCause::ALL.map(WaitCause::column));
    Table { columns, rows }
}
