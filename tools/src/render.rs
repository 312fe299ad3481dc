//! Rendering scenario diagnostics for people (miette) and machines (JSON).

use drillsim::Diagnostics;
use miette::{LabeledSpan, MietteDiagnostic, NamedSource, Report};

/// One miette report per error, with the excerpt underlined.
pub fn human(d: &Diagnostics) -> String {
    let mut out = reports(d, miette::Severity::Error);
    out.push_str(&format!("{} error(s) in {}\n", d.errors.len(), d.file.display()));
    out
}

/// The same as warnings: valid, but not what `run` can do yet.
pub fn warnings(d: &Diagnostics) -> String {
    let mut out = reports(d, miette::Severity::Warning);
    out.push_str(&format!(
        "{} warning(s) in {}: valid, but `drillsim run` refuses it until this is simulated\n",
        d.errors.len(),
        d.file.display()
    ));
    out
}

fn reports(d: &Diagnostics, severity: miette::Severity) -> String {
    let mut out = String::new();
    let name = d.file.display().to_string();
    for e in &d.errors {
        let len = e.span.end.saturating_sub(e.span.start).max(1);
        let start = e.span.start.min(d.source.len());
        let len = len
            .min(d.source.len().saturating_sub(start))
            .max(if d.source.is_empty() { 0 } else { 1 });
        let mut diag = MietteDiagnostic::new(format!("{}:{}:{}: {}", name, e.line, e.column, e.message))
            .with_code(format!("drillsim::{}", e.code))
            .with_severity(severity);
        if !d.source.is_empty() {
            diag = diag.with_label(LabeledSpan::at(start..start + len.min(d.source.len() - start), "here"));
        }
        if let Some(h) = &e.hint {
            diag = diag.with_help(h.clone());
        }
        let report = Report::new(diag).with_source_code(NamedSource::new(name.clone(), d.source.clone()));
        out.push_str(&format!("{report:?}\n"));
    }
    out
}

/// Per file: valid or not, its errors, and its warnings (`Ok` holds a valid
/// file's warnings, `Err` an invalid file's errors).
pub fn json(results: &[(String, Result<&Diagnostics, &Diagnostics>)]) -> String {
    let items: Vec<serde_json::Value> = results
        .iter()
        .map(|(file, d)| {
            let (errors, warnings) = match d {
                Ok(w) => (Vec::new(), w.errors.clone()),
                Err(e) => (e.errors.clone(), Vec::new()),
            };
            serde_json::json!({
                "file": file,
                "valid": d.is_ok(),
                "errors": errors,
                "warnings": warnings,
            })
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_default()
}
