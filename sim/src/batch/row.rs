//! One replication reduced to what a batch keeps: a `runs.csv` row and the
//! cells that count towards each probability raster. The full outcome
//! (events, time series) is dropped as soon as this is taken, so memory does
//! not grow with the number of runs.

use crate::engine::ProbabilityRaster;
use crate::engine::RunOutcome;
use crate::output::fmt_num;
use std::fmt::Write as _;

/// What a batch keeps of one replication.
pub struct RunRow {
    pub replication: u64,
    pub columns: Vec<String>,
    /// The CSV line, newline included.
    pub line: String,
    /// Per declared probability raster: the hit cells as a bit set, or `None` when the
    /// run has no such raster.
    pub hits: Vec<Option<Vec<u64>>>,
}

/// Quote a CSV field when it needs it (RFC 4180).
pub fn csv_field(out: &mut String, text: &str) {
    if text.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}

/// Split one CSV line (no trailing newline) into fields, honouring quotes.
pub fn split_csv(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if cur.is_empty() => quoted = true,
            (',', false) => fields.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    fields.push(cur);
    fields
}

pub fn header_line(columns: &[String]) -> String {
    let mut s = String::new();
    for (i, c) in columns.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        csv_field(&mut s, c);
    }
    s.push('\n');
    s
}

impl RunRow {
    /// Reduce `o`; `layers` are the scenario's declared probability rasters.
    pub fn from_outcome(o: &RunOutcome, layers: &[ProbabilityRaster]) -> RunRow {
        let mut columns: Vec<String> = vec!["replication".into(), "seed".into()];
        let mut line = format!("{},{}", o.spec.replication, o.spec.seed);
        let num = |columns: &mut Vec<String>, line: &mut String, name: String, v: f64| {
            columns.push(name);
            line.push(',');
            fmt_num(line, v);
        };
        for (path, v) in &o.sampled {
            num(&mut columns, &mut line, format!("param.{path}"), *v);
        }
        for (key, v) in &o.metrics {
            num(&mut columns, &mut line, format!("metric.{key}"), *v);
        }
        if let Some(card) = &o.scorecard {
            for obj in &card.objectives {
                num(
                    &mut columns,
                    &mut line,
                    format!("objective.{}.value", obj.id),
                    obj.value.unwrap_or(f64::NAN),
                );
                columns.push(format!("objective.{}.rating", obj.id));
                line.push(',');
                let _ = write!(line, "{:?}", obj.rating);
                num(
                    &mut columns,
                    &mut line,
                    format!("objective.{}.met", obj.id),
                    if obj.met { 1.0 } else { 0.0 },
                );
            }
            for a in &card.expected_actions {
                let key = format!("action.{}.{}.delay_min", a.inject, a.action);
                num(&mut columns, &mut line, key, a.delay_min.unwrap_or(f64::NAN));
            }
        }
        let score = o.scorecard.as_ref().map_or(f64::NAN, |c| c.score);
        num(&mut columns, &mut line, "score".into(), score);
        line.push('\n');
        let hits = layers
            .iter()
            .map(|layer| {
                o.rasters.get(&layer.source).map(|r| {
                    let mut bits = vec![0u64; r.len().div_ceil(64)];
                    for (i, v) in r.iter().enumerate() {
                        if layer.hit(*v) {
                            bits[i / 64] |= 1 << (i % 64);
                        }
                    }
                    bits
                })
            })
            .collect();
        RunRow {
            replication: o.spec.replication,
            columns,
            line,
            hits,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_round_trips_awkward_fields() {
        let fields = ["plain", "with,comma", "with \"quote\"", ""];
        let mut line = String::new();
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                line.push(',');
            }
            csv_field(&mut line, f);
        }
        assert_eq!(split_csv(&line), fields);
    }
}
