//! The typed event log and the time-series recorder of a run.

use bevy_ecs::prelude::Resource;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One timestamped event: `kind` is a stable name (`inject_fired`,
/// `convoy_arrived`, ...), `subject` the id it concerns, `data` typed details.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    pub t_s: f64,
    pub kind: String,
    pub subject: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub data: BTreeMap<String, serde_json::Value>,
}

#[derive(Resource, Default)]
pub struct EventLog {
    pub records: Vec<EventRecord>,
}

impl EventLog {
    pub fn push(&mut self, t_s: f64, kind: &str, subject: &str, data: &[(&str, serde_json::Value)]) {
        self.records.push(EventRecord {
            t_s,
            kind: kind.into(),
            subject: subject.into(),
            data: data.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
        });
    }
}

/// Columns of numbers over time; column order fixed at the first row.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TimeSeries {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<f64>>,
}

impl TimeSeries {
    pub fn column(&self, name: &str) -> Option<Vec<f64>> {
        let i = self.columns.iter().position(|c| c == name)?;
        Some(self.rows.iter().map(|r| r[i]).collect())
    }
}

/// Collects one row per recorded tick from the values domains set this tick.
#[derive(Resource, Default)]
pub struct Recorder {
    pub series: TimeSeries,
    pending: BTreeMap<String, f64>,
}

impl Recorder {
    pub fn set(&mut self, column: &str, value: f64) {
        self.pending.insert(column.to_string(), value);
    }

    /// Drop the values set this tick without writing a row.
    pub fn discard(&mut self) {
        self.pending.clear();
    }

    /// Close the row for time `t_s`. Columns are sorted by name after `t_min`;
    /// a column first seen later is an engine bug, recorded as NaN in earlier rows.
    pub fn commit(&mut self, t_s: f64) {
        let pending = std::mem::take(&mut self.pending);
        if self.series.columns.is_empty() {
            self.series.columns.push("t_min".into());
            self.series.columns.extend(pending.keys().cloned());
        }
        for k in pending.keys() {
            if !self.series.columns.contains(k) {
                self.series.columns.push(k.clone());
                for r in &mut self.series.rows {
                    r.push(f64::NAN);
                }
            }
        }
        let row = self
            .series
            .columns
            .iter()
            .map(|c| {
                if c == "t_min" {
                    t_s / 60.0
                } else {
                    pending.get(c).copied().unwrap_or(f64::NAN)
                }
            })
            .collect();
        self.series.rows.push(row);
    }
}
