//! `report.html`: one self-contained file — inline CSS, charts as PNG
//! `data:` URIs, no scripts, no fonts or images fetched from anywhere — laid
//! out for A4 print (`@page`), so it can be mailed, archived or printed as
//! it is. Same content and order as `report.md`. The Chinese report carries
//! the embedded WenQuanYi subset as a `data:` font (about 0.9 MB), so its
//! text shows on a machine with no Chinese font installed; characters
//! outside the subset fall back to the system's fonts.

use crate::charts::ChartFile;
use crate::document::{CHART_GROUPS, Document, group_name};
use crate::labels::{Labels, rating_name};
use crate::palette;
use crate::rules::{Finding, rules_text};
use crate::words::Lang;
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
pub(crate) fn inline(s: &str) -> String {
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

fn badge(r: &str, lang: Lang) -> String {
    let c = palette::rating(r);
    // Dark text on the light ratings, white on the dark ones.
    let fg = if r == "U" || r == "P" { "#fff" } else { "#000" };
    format!(
        "<span class=\"badge\" style=\"background:{};color:{fg}\" title=\"{}\">{}</span>",
        palette::hex(c),
        esc(rating_name(r, lang)),
        esc(r)
    )
}

pub(crate) fn table(o: &mut String, head: &[&str], rows: impl IntoIterator<Item = Vec<String>>) {
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

fn findings(o: &mut String, list: &[Finding], t: &Labels) {
    if list.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", esc(t.none_found));
        return;
    }
    o.push_str("<ul>\n");
    for f in list {
        let _ = writeln!(
            o,
            "<li><strong>{}</strong> — {} <span class=\"rule\">({} {})</span></li>",
            esc(&f.capability),
            inline(&f.text),
            esc(t.rule),
            f.rule
        );
    }
    o.push_str("</ul>\n");
}

/// The embedded Chinese font for the Chinese report, under the family
/// name the CSS asks for after DejaVu Sans.
/// A self-contained page up to its `<h1>`: language, title, the embedded
/// font and the style sheet.
pub(crate) fn page_head(lang: Lang, title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width\">\n<title>{}</title>\n<style>{}{CSS}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        lang.code(),
        esc(title),
        font_face(lang),
        esc(title)
    )
}

fn font_face(lang: Lang) -> String {
    match lang {
        Lang::En => String::new(),
        Lang::Zh => format!(
            "\n@font-face {{ font-family: 'Drillsim CJK'; src: url(data:font/ttf;base64,{}) format('truetype'); }}",
            base64::engine::general_purpose::STANDARD.encode(crate::fonts::cjk_ttf())
        ),
    }
}

pub(crate) const CSS: &str = "
@page { size: A4; margin: 15mm; }
body { font-family: 'DejaVu Sans', 'Drillsim CJK', 'WenQuanYi Micro Hei', sans-serif; font-size: 11pt; line-height: 1.4; color: #111; max-width: 190mm; margin: 0 auto; padding: 8mm; }
h1 { font-size: 20pt; border-bottom: 3px solid #0072b2; padding-bottom: 4px; }
h2 { font-size: 15pt; margin-top: 1.6em; border-bottom: 1px solid #999; page-break-after: avoid; }
h3 { font-size: 12.5pt; page-break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1em; font-size: 9.5pt; }
th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eee; }
td.blank { height: 2.2em; }
code { font-family: 'DejaVu Sans Mono', monospace; font-size: 9pt; word-break: break-all; }
/* A row's name (an id, a section) keeps its words whole unless it cannot fit at all. */
td:first-child code { word-break: normal; overflow-wrap: break-word; }
.badge { display: inline-block; min-width: 1.6em; text-align: center; font-weight: bold; border-radius: 3px; padding: 0 4px; }
.rule { color: #555; font-size: 9pt; }
figure { margin: 1em 0; page-break-inside: avoid; }
figure img { width: 100%; height: auto; border: 1px solid #ddd; }
figcaption { font-size: 9.5pt; color: #333; text-align: center; }
.note { font-style: italic; color: #444; }
.warning { border-left: 4px solid #D55E00; background: #FBEDE5; padding: 0.4em 0.8em; }
";

pub fn render(doc: &Document, charts: &[ChartFile]) -> String {
    let t = doc.t;
    let lang = doc.lang;
    let mut o = page_head(lang, &doc.title);
    section(&mut o, t, 0);
    table(
        &mut o,
        &t.overview_columns,
        doc.overview.iter().map(|(k, v)| vec![esc(k), format!("<code>{}</code>", esc(v))]),
    );
    if !doc.sampled.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", esc(t.sampled_intro));
        table(
            &mut o,
            &t.sampled_columns,
            doc.sampled
                .iter()
                .map(|(k, v, path)| vec![esc(k), esc(v), format!("<code>{}</code>", esc(path))]),
        );
    }
    section(&mut o, t, 1);
    for p in &doc.summary {
        let _ = writeln!(o, "<p>{}</p>", esc(p));
    }
    section(&mut o, t, 2);
    if doc.objectives.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", esc(t.no_objectives));
    } else {
        table(
            &mut o,
            &t.objective_columns,
            doc.objectives.iter().map(|r| {
                vec![
                    esc(&r.id),
                    esc(&r.capability),
                    esc(&r.metric),
                    esc(&r.value),
                    esc(&r.target),
                    badge(&r.rating, lang),
                    esc(&r.weight),
                    esc(&r.points),
                ]
            }),
        );
        let _ = writeln!(o, "<p>{}</p>", esc(t.capabilities_intro));
        table(
            &mut o,
            &t.capability_columns,
            doc.capabilities.iter().map(|(c, r, ids)| {
                vec![
                    esc(c),
                    format!("{} {}", badge(r, lang), esc(rating_name(r, lang))),
                    esc(&ids.join(lang.pick(", ", "、"))),
                ]
            }),
        );
    }
    figures(&mut o, doc, charts, "Scorecard");
    if !doc.actions.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", esc(t.actions_intro));
        table(
            &mut o,
            &t.action_columns,
            doc.actions.iter().map(|(i, a, d, v)| vec![esc(i), esc(a), esc(d), esc(v)]),
        );
    }
    section(&mut o, t, 3);
    let _ = writeln!(o, "<h3>{}</h3>", esc(t.strengths));
    findings(&mut o, &doc.strengths, t);
    let _ = writeln!(o, "<h3>{}</h3>", esc(t.improvements));
    findings(&mut o, &doc.improvements, t);
    section(&mut o, t, 4);
    figures(&mut o, doc, charts, "MSEL");
    if !doc.decisions.is_empty() {
        let _ = writeln!(o, "<h3>{}</h3>", esc(t.decisions));
        table(
            &mut o,
            &t.decision_columns,
            doc.decisions.iter().map(|r| r.iter().map(|c| esc(c)).collect()),
        );
        let _ = writeln!(o, "<h3>{}</h3>", esc(t.events_heading));
    }
    if doc.timeline.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", esc(t.no_timeline));
    } else {
        table(
            &mut o,
            &t.timeline_columns,
            doc.timeline
                .iter()
                .map(|r| vec![esc(&r.time), esc(&r.what), esc(&r.subject), esc(&r.detail)]),
        );
    }
    section(&mut o, t, 5);
    for g in CHART_GROUPS {
        let _ = writeln!(o, "<h3>{}</h3>", esc(group_name(g, lang)));
        for n in doc.notes_for(g) {
            let _ = writeln!(o, "<p class=\"note\">{}</p>", esc(n));
        }
        figures(&mut o, doc, charts, g);
        if g == "Teams" && !doc.team_hours.is_empty() {
            let mut head = vec![t.team.to_string()];
            head.extend(doc.team_hours[0].1.iter().map(|(s, _)| crate::labels::chart(lang, s)));
            let head: Vec<&str> = head.iter().map(String::as_str).collect();
            table(
                &mut o,
                &head,
                doc.team_hours
                    .iter()
                    .map(|(t, hs)| std::iter::once(esc(t)).chain(hs.iter().map(|(_, h)| format!("{h:.1} h"))).collect()),
            );
        }
        if g == "Teams" && !doc.waits.is_empty() {
            let _ = writeln!(o, "<p>{}</p>", esc(t.waits_intro));
            table(
                &mut o,
                &t.waits_columns,
                doc.waits.iter().map(|r| r.iter().map(|c| esc(c)).collect()),
            );
        }
    }
    section(&mut o, t, 6);
    let _ = writeln!(o, "<p>{}</p>", esc(t.improvement_plan_intro));
    table(
        &mut o,
        &t.improvement_plan_columns,
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
    section(&mut o, t, 7);
    o.push_str("<ol>\n");
    for r in rules_text(lang) {
        let _ = writeln!(o, "<li>{}</li>", esc(r));
    }
    let _ = write!(
        o,
        "</ol>\n<p>{} ",
        esc(t.ratings_line.split([':', '：']).next().unwrap_or_default())
    );
    for r in ["P", "S", "M", "U"] {
        let _ = write!(o, "{} {}. ", badge(r, lang), esc(rating_name(r, lang)));
    }
    o.push_str("</p>\n</body>\n</html>\n");
    o
}

fn section(o: &mut String, t: &Labels, i: usize) {
    let _ = writeln!(o, "<h2 id=\"s{}\">{}</h2>", i + 1, esc(t.sections[i]));
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
