//! `report.md`: the report for people who paste into documents. Same
//! content and order as `report.html`; charts are linked as `charts/*.png`
//! next to the file. Nothing in it depends on when or where it was made.

use crate::document::{
    ACTION_COLUMNS, CAPABILITY_COLUMNS, CHART_GROUPS, Document, IMPROVEMENT_PLAN_COLUMNS, IMPROVEMENT_PLAN_INTRO, OBJECTIVE_COLUMNS,
    OVERVIEW_COLUMNS, SAMPLED_COLUMNS, SECTIONS, TIMELINE_COLUMNS,
};
use crate::palette;
use crate::rules::{Finding, RULES};
use std::fmt::Write as _;

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn table(out: &mut String, head: &[&str], rows: impl IntoIterator<Item = Vec<String>>) {
    let _ = writeln!(out, "| {} |", head.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(head.len()));
    for r in rows {
        let _ = writeln!(out, "| {} |", r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | "));
    }
    out.push('\n');
}

fn findings(out: &mut String, list: &[Finding], none: &str) {
    if list.is_empty() {
        let _ = writeln!(out, "{none}\n");
        return;
    }
    for f in list {
        let _ = writeln!(out, "- **{}** — {} *(rule {})*", f.capability, f.text, f.rule);
    }
    out.push('\n');
}

pub fn render(doc: &Document) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", doc.title);
    let _ = writeln!(o, "## {}\n", SECTIONS[0]);
    table(
        &mut o,
        &OVERVIEW_COLUMNS,
        doc.overview.iter().map(|(k, v)| vec![k.clone(), format!("`{v}`")]),
    );
    if !doc.sampled.is_empty() {
        let _ = writeln!(o, "Uncertain parameters as sampled for this run:\n");
        table(
            &mut o,
            &SAMPLED_COLUMNS,
            doc.sampled.iter().map(|(k, v)| vec![format!("`{k}`"), v.clone()]),
        );
    }
    let _ = writeln!(o, "## {}\n", SECTIONS[1]);
    for p in &doc.summary {
        let _ = writeln!(o, "{p}\n");
    }
    let _ = writeln!(o, "## {}\n", SECTIONS[2]);
    if doc.objectives.is_empty() {
        let _ = writeln!(o, "The scenario defines no objectives.\n");
    } else {
        table(
            &mut o,
            &OBJECTIVE_COLUMNS,
            doc.objectives.iter().map(|r| {
                vec![
                    r.id.clone(),
                    r.capability.clone(),
                    format!("`{}`", r.metric),
                    r.value.clone(),
                    r.target.clone(),
                    format!("**{}**", r.rating),
                    r.weight.clone(),
                    r.points.clone(),
                ]
            }),
        );
        let _ = writeln!(o, "Core capabilities (each rated by its worst objective):\n");
        table(
            &mut o,
            &CAPABILITY_COLUMNS,
            doc.capabilities
                .iter()
                .map(|(c, r, ids)| vec![c.clone(), format!("**{r}** — {}", palette::rating_name(r)), ids.join(", ")]),
        );
    }
    chart_links(&mut o, doc, "Scorecard");
    if !doc.actions.is_empty() {
        let _ = writeln!(o, "Expected actions (minutes from the inject to the action):\n");
        table(
            &mut o,
            &ACTION_COLUMNS,
            doc.actions
                .iter()
                .map(|(i, a, d, v)| vec![i.clone(), a.clone(), d.clone(), v.clone()]),
        );
    }
    let _ = writeln!(o, "## {}\n", SECTIONS[3]);
    let _ = writeln!(o, "### Strengths\n");
    findings(&mut o, &doc.strengths, "None found by the rules of Appendix B.");
    let _ = writeln!(o, "### Areas for improvement\n");
    findings(&mut o, &doc.improvements, "None found by the rules of Appendix B.");
    let _ = writeln!(o, "## {}\n", SECTIONS[4]);
    chart_links(&mut o, doc, "MSEL");
    if doc.timeline.is_empty() {
        let _ = writeln!(o, "No timeline events were recorded.\n");
    } else {
        table(
            &mut o,
            &TIMELINE_COLUMNS,
            doc.timeline
                .iter()
                .map(|r| vec![r.time.clone(), r.what.clone(), r.subject.clone(), r.detail.clone()]),
        );
    }
    let _ = writeln!(o, "## {}\n", SECTIONS[5]);
    for g in CHART_GROUPS {
        let _ = writeln!(o, "### {g}\n");
        for n in doc.notes_for(g) {
            let _ = writeln!(o, "{n}\n");
        }
        chart_links(&mut o, doc, g);
        if g == "Teams" && !doc.team_hours.is_empty() {
            let states: Vec<&str> = doc.team_hours[0].1.iter().map(|(s, _)| *s).collect();
            let mut head = vec!["Team"];
            head.extend(states);
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
    }
    let _ = writeln!(o, "## {}\n", SECTIONS[6]);
    let _ = writeln!(o, "{IMPROVEMENT_PLAN_INTRO}\n");
    table(
        &mut o,
        &IMPROVEMENT_PLAN_COLUMNS,
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
    let _ = writeln!(o, "## {}\n", SECTIONS[7]);
    for (i, r) in RULES.iter().enumerate() {
        let _ = writeln!(o, "{}. {r}", i + 1);
    }
    o.push('\n');
    let _ = writeln!(
        o,
        "Ratings (HSEEP): P performed without challenges, S performed with some challenges, M performed with major challenges, U unable to be performed."
    );
    o
}

fn chart_links(o: &mut String, doc: &Document, group: &str) {
    for c in doc.charts_in(group) {
        let _ = writeln!(o, "![{}](charts/{}.png)\n", c.title, c.stem);
        let _ = writeln!(o, "*{}* ([SVG](charts/{}.svg))\n", c.title, c.stem);
    }
}
