//! `report.md`: the report for people who paste into documents. Same
//! content and order as `report.html`; charts are linked as `charts/*.png`
//! next to the file. Nothing in it depends on when or where it was made.

use crate::document::{CHART_GROUPS, Document, group_name};
use crate::labels::rating_name;
use crate::rules::{Finding, rules_text};
use std::fmt::Write as _;

pub(crate) fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub(crate) fn table(out: &mut String, head: &[&str], rows: impl IntoIterator<Item = Vec<String>>) {
    let _ = writeln!(out, "| {} |", head.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(head.len()));
    for r in rows {
        let _ = writeln!(out, "| {} |", r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | "));
    }
    out.push('\n');
}

fn findings(out: &mut String, list: &[Finding], none: &str, rule: &str) {
    if list.is_empty() {
        let _ = writeln!(out, "{none}\n");
        return;
    }
    for f in list {
        let _ = writeln!(out, "- **{}** — {} *({rule} {})*", f.capability, f.text, f.rule);
    }
    out.push('\n');
}

pub fn render(doc: &Document) -> String {
    let t = doc.t;
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", doc.title);
    let _ = writeln!(o, "## {}\n", t.sections[0]);
    table(
        &mut o,
        &t.overview_columns,
        doc.overview.iter().map(|(k, v)| vec![k.clone(), format!("`{v}`")]),
    );
    if !doc.sampled.is_empty() {
        let _ = writeln!(o, "{}\n", t.sampled_intro);
        table(
            &mut o,
            &t.sampled_columns,
            doc.sampled
                .iter()
                .map(|(k, v, path)| vec![k.clone(), v.clone(), format!("`{path}`")]),
        );
    }
    let _ = writeln!(o, "## {}\n", t.sections[1]);
    for p in &doc.summary {
        let _ = writeln!(o, "{p}\n");
    }
    let _ = writeln!(o, "## {}\n", t.sections[2]);
    if doc.objectives.is_empty() {
        let _ = writeln!(o, "{}\n", t.no_objectives);
    } else {
        table(
            &mut o,
            &t.objective_columns,
            doc.objectives.iter().map(|r| {
                vec![
                    r.id.clone(),
                    r.capability.clone(),
                    r.metric.clone(),
                    r.value.clone(),
                    r.target.clone(),
                    format!("**{}**", r.rating),
                    r.weight.clone(),
                    r.points.clone(),
                ]
            }),
        );
        let _ = writeln!(o, "{}\n", t.capabilities_intro);
        table(
            &mut o,
            &t.capability_columns,
            doc.capabilities.iter().map(|(c, r, ids)| {
                let ids = ids.join(doc.lang.pick(", ", "、"));
                vec![c.clone(), format!("**{r}** — {}", rating_name(r, doc.lang)), ids]
            }),
        );
    }
    chart_links(&mut o, doc, "Scorecard");
    if !doc.actions.is_empty() {
        let _ = writeln!(o, "{}\n", t.actions_intro);
        table(
            &mut o,
            &t.action_columns,
            doc.actions
                .iter()
                .map(|(i, a, d, v)| vec![i.clone(), a.clone(), d.clone(), v.clone()]),
        );
    }
    let _ = writeln!(o, "## {}\n", t.sections[3]);
    let _ = writeln!(o, "### {}\n", t.strengths);
    findings(&mut o, &doc.strengths, t.none_found, t.rule);
    let _ = writeln!(o, "### {}\n", t.improvements);
    findings(&mut o, &doc.improvements, t.none_found, t.rule);
    let _ = writeln!(o, "## {}\n", t.sections[4]);
    chart_links(&mut o, doc, "MSEL");
    if !doc.decisions.is_empty() {
        let _ = writeln!(o, "### {}\n", t.decisions);
        table(&mut o, &t.decision_columns, doc.decisions.iter().map(|r| r.to_vec()));
        let _ = writeln!(o, "### {}\n", t.events_heading);
    }
    if doc.timeline.is_empty() {
        let _ = writeln!(o, "{}\n", t.no_timeline);
    } else {
        table(
            &mut o,
            &t.timeline_columns,
            doc.timeline
                .iter()
                .map(|r| vec![r.time.clone(), r.what.clone(), r.subject.clone(), r.detail.clone()]),
        );
    }
    let _ = writeln!(o, "## {}\n", t.sections[5]);
    for g in CHART_GROUPS {
        let _ = writeln!(o, "### {}\n", group_name(g, doc.lang));
        for n in doc.notes_for(g) {
            let _ = writeln!(o, "{n}\n");
        }
        chart_links(&mut o, doc, g);
        if g == "Teams" && !doc.team_hours.is_empty() {
            let mut head = vec![t.team.to_string()];
            head.extend(doc.team_hours[0].1.iter().map(|(s, _)| crate::labels::chart(doc.lang, s)));
            let head: Vec<&str> = head.iter().map(String::as_str).collect();
            table(
                &mut o,
                &head,
                doc.team_hours.iter().map(|(t, hs)| {
                    std::iter::once(t.clone())
                        .chain(hs.iter().map(|(_, h)| format!("{h:.1} h")))
                        .collect()
                }),
            );
        }
        if g == "Teams" && !doc.waits.is_empty() {
            let _ = writeln!(
                o,
                "{}
",
                t.waits_intro
            );
            table(&mut o, &t.waits_columns, doc.waits.iter().map(|r| r.to_vec()));
        }
    }
    let _ = writeln!(o, "## {}\n", t.sections[6]);
    let _ = writeln!(o, "{}\n", t.improvement_plan_intro);
    table(
        &mut o,
        &t.improvement_plan_columns,
        doc.improvements.iter().map(|f| {
            vec![
                f.capability.clone(),
                f.text.clone(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]
        }),
    );
    let _ = writeln!(o, "## {}\n", t.sections[7]);
    for (i, r) in rules_text(doc.lang).iter().enumerate() {
        let _ = writeln!(o, "{}. {r}", i + 1);
    }
    o.push('\n');
    let _ = writeln!(o, "{}", t.ratings_line);
    o
}

fn chart_links(o: &mut String, doc: &Document, group: &str) {
    for c in doc.charts_in(group) {
        let _ = writeln!(o, "![{}](charts/{}.png)\n", c.title, c.stem);
        let _ = writeln!(o, "*{}* ([SVG](charts/{}.svg))\n", c.title, c.stem);
    }
}
