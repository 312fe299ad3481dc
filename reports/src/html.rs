//! `report.html`: one self-contained file — inline CSS, charts as PNG
//! `data:` URIs, no scripts, no fonts or images fetched from anywhere — laid
//! out for A4 print (`@page`), so it can be mailed, archived or printed as
//! it is. Same content and order as `report.md`.

use crate::charts::ChartFile;
use crate::document::{
    ACTION_COLUMNS, CAPABILITY_COLUMNS, CHART_GROUPS, Document, IMPROVEMENT_PLAN_COLUMNS, IMPROVEMENT_PLAN_INTRO, OBJECTIVE_COLUMNS,
    OVERVIEW_COLUMNS, SAMPLED_COLUMNS, SECTIONS, TIMELINE_COLUMNS,
};
use crate::palette;
use crate::rules::{Finding, RULES};
use base64::Engine as _;
use std::fmt::Write as _;

pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// `code` spans of the findings' text (`like this`) as <code>.
fn inline(s: &str) -> String {
    let mut o = String::new();
    for (i, part) in esc(s).split('`').enumerate() {
        if i % 2 == 1 {
            let _ = write!(o, "<code>{part}</code>");
        } else {
            o.push_str(part);
        }
    }
    o
}

fn badge(r: &str) -> String {
    let c = palette::rating(r);
    // Dark text on the light ratings, white on the dark ones.
    let fg = if r == "U" || r == "P" { "#fff" } else { "#000" };
    format!(
        "<span class=\"badge\" style=\"background:{};color:{fg}\" title=\"{}\">{}</span>",
        palette::hex(c),
        esc(palette::rating_name(r)),
        esc(r)
    )
}

fn table(o: &mut String, head: &[&str], rows: impl IntoIterator<Item = Vec<String>>) {
    o.push_str("<table><thead><tr>");
    for h in head {
        let _ = write!(o, "<th>{}</th>", esc(h));
    }
    o.push_str("</tr></thead><tbody>\n");
    for r in rows {
        o.push_str("<tr>");
        for c in r {
            let _ = write!(o, "<td>{c}</td>");
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody></table>\n");
}

fn findings(o: &mut String, list: &[Finding]) {
    if list.is_empty() {
        o.push_str("<p>None found by the rules of Appendix B.</p>\n");
        return;
    }
    o.push_str("<ul>\n");
    for f in list {
        let _ = writeln!(
            o,
            "<li><strong>{}</strong> — {} <span class=\"rule\">(rule {})</span></li>",
            esc(&f.capability),
            inline(&f.text),
            f.rule
        );
    }
    o.push_str("</ul>\n");
}

const CSS: &str = "
@page { size: A4; margin: 15mm; }
body { font-family: 'DejaVu Sans', 'WenQuanYi Micro Hei', sans-serif; font-size: 11pt; line-height: 1.4; color: #111; max-width: 190mm; margin: 0 auto; padding: 8mm; }
h1 { font-size: 20pt; border-bottom: 3px solid #0072b2; padding-bottom: 4px; }
h2 { font-size: 15pt; margin-top: 1.6em; border-bottom: 1px solid #999; page-break-after: avoid; }
h3 { font-size: 12.5pt; page-break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1em; font-size: 9.5pt; }
th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eee; }
td.blank { height: 2.2em; }
code { font-family: 'DejaVu Sans Mono', monospace; font-size: 9pt; word-break: break-all; }
.badge { display: inline-block; min-width: 1.6em; text-align: center; font-weight: bold; border-radius: 3px; padding: 0 4px; }
.rule { color: #555; font-size: 9pt; }
figure { margin: 1em 0; page-break-inside: avoid; }
figure img { width: 100%; height: auto; border: 1px solid #ddd; }
figcaption { font-size: 9.5pt; color: #333; text-align: center; }
.note { font-style: italic; color: #444; }
";

pub fn render(doc: &Document, charts: &[ChartFile]) -> String {
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        esc(&doc.title),
        esc(&doc.title)
    );
    section(&mut o, 0);
    table(
        &mut o,
        &OVERVIEW_COLUMNS,
        doc.overview.iter().map(|(k, v)| vec![esc(k), format!("<code>{}</code>", esc(v))]),
    );
    if !doc.sampled.is_empty() {
        o.push_str("<p>Uncertain parameters as sampled for this run:</p>\n");
        table(
            &mut o,
            &SAMPLED_COLUMNS,
            doc.sampled.iter().map(|(k, v)| vec![format!("<code>{}</code>", esc(k)), esc(v)]),
        );
    }
    section(&mut o, 1);
    for p in &doc.summary {
        let _ = writeln!(o, "<p>{}</p>", esc(p));
    }
    section(&mut o, 2);
    if doc.objectives.is_empty() {
        o.push_str("<p>The scenario defines no objectives.</p>\n");
    } else {
        table(
            &mut o,
            &OBJECTIVE_COLUMNS,
            doc.objectives.iter().map(|r| {
                vec![
                    esc(&r.id),
                    esc(&r.capability),
                    format!("<code>{}</code>", esc(&r.metric)),
                    esc(&r.value),
                    esc(&r.target),
                    badge(&r.rating),
                    esc(&r.weight),
                    esc(&r.points),
                ]
            }),
        );
        o.push_str("<p>Core capabilities (each rated by its worst objective):</p>\n");
        table(
            &mut o,
            &CAPABILITY_COLUMNS,
            doc.capabilities.iter().map(|(c, r, ids)| {
                vec![
                    esc(c),
                    format!("{} {}", badge(r), esc(palette::rating_name(r))),
                    esc(&ids.join(", ")),
                ]
            }),
        );
    }
    figures(&mut o, doc, charts, "Scorecard");
    if !doc.actions.is_empty() {
        o.push_str("<p>Expected actions (minutes from the inject to the action):</p>\n");
        table(
            &mut o,
            &ACTION_COLUMNS,
            doc.actions.iter().map(|(i, a, d, v)| vec![esc(i), esc(a), esc(d), esc(v)]),
        );
    }
    section(&mut o, 3);
    o.push_str("<h3>Strengths</h3>\n");
    findings(&mut o, &doc.strengths);
    o.push_str("<h3>Areas for improvement</h3>\n");
    findings(&mut o, &doc.improvements);
    section(&mut o, 4);
    figures(&mut o, doc, charts, "MSEL");
    if doc.timeline.is_empty() {
        o.push_str("<p>No timeline events were recorded.</p>\n");
    } else {
        table(
            &mut o,
            &TIMELINE_COLUMNS,
            doc.timeline
                .iter()
                .map(|r| vec![esc(&r.time), esc(&r.what), esc(&r.subject), esc(&r.detail)]),
        );
    }
    section(&mut o, 5);
    for g in CHART_GROUPS {
        let _ = writeln!(o, "<h3>{}</h3>", esc(g));
        for n in doc.notes_for(g) {
            let _ = writeln!(o, "<p class=\"note\">{}</p>", esc(n));
        }
        figures(&mut o, doc, charts, g);
        if g == "Teams" && !doc.team_hours.is_empty() {
            let mut head = vec!["Team"];
            head.extend(doc.team_hours[0].1.iter().map(|(s, _)| *s));
            table(
                &mut o,
                &head,
                doc.team_hours
                    .iter()
                    .map(|(t, hs)| std::iter::once(esc(t)).chain(hs.iter().map(|(_, h)| format!("{h:.1} h"))).collect()),
            );
        }
    }
    section(&mut o, 6);
    let _ = writeln!(o, "<p>{}</p>", esc(IMPROVEMENT_PLAN_INTRO));
    table(
        &mut o,
        &IMPROVEMENT_PLAN_COLUMNS,
        doc.improvements.iter().map(|f| {
            vec![
                esc(&f.capability),
                inline(&f.text),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]
        }),
    );
    section(&mut o, 7);
    o.push_str("<ol>\n");
    for r in RULES {
        let _ = writeln!(o, "<li>{}</li>", esc(r));
    }
    o.push_str("</ol>\n<p>Ratings (HSEEP): ");
    for r in ["P", "S", "M", "U"] {
        let _ = write!(o, "{} {}. ", badge(r), esc(palette::rating_name(r)));
    }
    o.push_str("</p>\n</body>\n</html>\n");
    o
}

fn section(o: &mut String, i: usize) {
    let _ = writeln!(o, "<h2 id=\"s{}\">{}</h2>", i + 1, esc(SECTIONS[i]));
}

fn figures(o: &mut String, doc: &Document, charts: &[ChartFile], group: &str) {
    for c in doc.charts_in(group) {
        let Some(file) = charts.iter().find(|f| f.stem == c.stem) else {
            continue;
        };
        let b64 = base64::engine::general_purpose::STANDARD.encode(&file.png);
        let _ = writeln!(
            o,
            "<figure id=\"chart-{}\"><img src=\"data:image/png;base64,{b64}\" width=\"{}\" height=\"{}\" alt=\"{}\"><figcaption>{}</figcaption></figure>",
            esc(&c.stem),
            file.width,
            file.height,
            esc(&c.title),
            esc(&c.title)
        );
    }
}
