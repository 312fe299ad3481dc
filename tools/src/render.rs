//! Rendering scenario diagnostics for people (miette) and machines (JSON).

use drillsim::Diagnostics;
use miette::{LabeledSpan, MietteDiagnostic, NamedSource, Report};

/// One miette report per error, with the excerpt underlined.
pub fn human(d: &Diagnostics) -> String {
    let mut out = String::new();
    let name = d.file.display().to_string();
    for e in &d.errors {
        let len = e.span.end.saturating_sub(e.span.start).max(1);
        let start = e.span.start.min(d.source.len());
        let len = len
            .min(d.source.len().saturating_sub(start))
            .max(if d.source.is_empty() { 0 } else { 1 });
        let mut diag =
            MietteDiagnostic::new(format!("{}:{}:{}: {}", name, e.line, e.column, e.message)).with_code(format!("drillsim::{}", e.code));
        if !d.source.is_empty() {
            diag = diag.with_label(LabeledSpan::at(start..start + len.min(d.source.len() - start), "here"));
        }
        if let Some(h) = &e.hint {
            diag = diag.with_help(h.clone());
        }
        let report = Report::new(diag).with_source_code(NamedSource::new(name.clone(), d.source.clone()));
        out.push_str(&format!("{report:?}\n"));
    }
    out.push_str(&format!("{} error(s) in {name}\n", d.errors.len()));
    out
}

pub fn json(results: &[(String, Option<&Diagnostics>)]) -> String {
    let items: Vec<serde_json::Value> = results
        .iter()
        .map(|(file, d)| {
            serde_json::json!({
                "file": file,
                "valid": d.is_none(),
                "errors": d.map(|d| d.errors.clone()).unwrap_or_default(),
            })
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_default()
}

/// The scorecard as a plain-text table for the terminal.
pub fn scorecard(card: &drillsim::scoring::Scorecard) -> String {
    let mut out = String::new();
    out.push_str(&format!("\nScorecard — drill score {:.1} / 100\n", card.score));
    out.push_str(&format!(
        "  {:<18} {:<28} {:>10} {:>10} {:<3} {:>6} {:>7}\n",
        "objective", "capability", "value", "target", "", "weight", "points"
    ));
    for o in &card.objectives {
        let value = o.value.map(|v| format!("{v:.3}")).unwrap_or_else(|| "n/a".into());
        out.push_str(&format!(
            "  {:<18} {:<28} {:>10} {:>10} {:<3} {:>6.1} {:>7.1}\n",
            truncate(&o.id, 18),
            truncate(&o.capability, 28),
            value,
            o.target,
            format!("{:?}", o.rating),
            o.weight,
            o.points
        ));
    }
    if !card.expected_actions.is_empty() {
        out.push_str("  Expected actions (delay after their inject):\n");
        for a in &card.expected_actions {
            let d = a.delay_min.map(|d| format!("{d:.0} min")).unwrap_or_else(|| "not done".into());
            out.push_str(&format!("    {:<24} after {:<18} {}\n", a.action, a.inject, d));
        }
    }
    out.push_str("  Ratings: P performed without challenges, S with some, M with major challenges, U unable to perform.\n");
    out
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).collect::<String>() + "…"
    }
}
