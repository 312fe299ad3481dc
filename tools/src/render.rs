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
            "  {} {} {:>10} {:>10} {:<3} {:>6.1} {:>7.1}\n",
            cell(&o.id, 18),
            cell(&o.capability, 28),
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
            out.push_str(&format!("    {} after {} {}\n", cell(&a.action, 24), cell(&a.inject, 18), d));
        }
    }
    out.push_str("  Ratings: P performed without challenges, S with some, M with major challenges, U unable to perform.\n");
    out
}

/// `s` in exactly `width` terminal columns: cut with `…` when wider, padded
/// with spaces when narrower. Widths are display columns (a Chinese character
/// takes two), so columns line up whatever script the ids are in.
fn cell(s: &str, width: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    let mut out = String::new();
    let mut used = 0;
    if s.width() <= width {
        out.push_str(s);
        used = s.width();
    } else {
        for c in s.chars() {
            let w = c.width().unwrap_or(0);
            if used + w + 1 > width {
                break;
            }
            out.push(c);
            used += w;
        }
        out.push('…');
        used += 1;
    }
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

#[cfg(test)]
mod tests {
    use super::cell;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn cells_fill_their_width_in_display_columns() {
        for (text, width) in [
            ("boat_1", 10),
            ("冲锋舟_1", 10),
            ("山顶避难所山顶避难所", 7),
            ("Logistics and supply chain management", 28),
        ] {
            let c = cell(text, width);
            assert_eq!(c.width(), width, "{text:?} → {c:?}");
        }
        assert_eq!(cell("冲锋舟", 10), "冲锋舟    ");
        assert!(cell("山顶避难所山顶避难所", 7).ends_with('…'));
    }
}
