//! What plan B changes from plan A, in words: the lines `drillsim compare`
//! prints and the comparison report lists, from the section changes the
//! engine found ([`drillsim::batch::differences`]). Section and item names
//! stay as the scenario file writes them (`plan.rules`, `boat_3`), in both
//! languages, so a trainer can find them in the file.

use super::{Lang, capped_list, code_list};
use drillsim::batch::differences::{SectionChange, Side};

/// How many items a line names before it counts the rest.
const LISTED: usize = 6;

fn names(list: &[String], lang: Lang) -> String {
    let refs: Vec<&str> = list.iter().map(String::as_str).collect();
    code_list(&refs, LISTED, "项", lang)
}

/// One line: `` `teams`: adds `boat_9`; removes `boat_3`; changes `boat_2` (crew) ``.
pub fn line(change: &SectionChange, lang: Lang) -> String {
    match lang {
        Lang::En => format!("`{}`: {}", change.section, what(change, lang)),
        Lang::Zh => format!("`{}`：{}", change.section, what(change, lang)),
    }
}

/// What changed in the section: `adds `boat_9`; removes `boat_3``.
pub fn what(change: &SectionChange, lang: Lang) -> String {
    let mut parts = Vec::new();
    if !change.added.is_empty() {
        parts.push(format!("{}{}", lang.pick("adds ", "新增 "), names(&change.added, lang)));
    }
    if !change.removed.is_empty() {
        parts.push(format!("{}{}", lang.pick("removes ", "删去 "), names(&change.removed, lang)));
    }
    if !change.changed.is_empty() {
        let items: Vec<String> = change
            .changed
            .iter()
            .map(|c| match (c.fields.is_empty(), lang) {
                (true, _) => format!("`{}`", c.id),
                (false, Lang::En) => format!("`{}` ({})", c.id, c.fields.join(", ")),
                (false, Lang::Zh) => format!("`{}`（{}）", c.id, c.fields.join("、")),
            })
            .collect();
        let list = capped_list(&items, LISTED, "项", lang);
        parts.push(format!("{}{list}", lang.pick("changes ", "修改 ")));
    }
    if change.value_changed {
        parts.push(lang.pick("differs", "不同").to_string());
    }
    if change.reordered {
        parts.push(lang.pick("the same items in another order", "条目相同，顺序不同").to_string());
    }
    parts.join(lang.pick("; ", "；"))
}

/// The words over one side's changes: `What B changes in the plan:`.
pub fn side_heading(side: Side, lang: Lang) -> &'static str {
    match side {
        Side::Plan => lang.pick("What B changes in the plan:", "方案 B 对预案的改动："),
        Side::Drill => lang.pick("Where B's drill itself differs from A's:", "方案 B 的演练本身与 A 的不同之处："),
    }
}

/// The one sentence when B changes nothing that could change an outcome.
pub fn no_change(lang: Lang) -> &'static str {
    lang.pick(
        "B is the same drill and plan as A (titles and seed aside): every paired difference is zero.",
        "B 与 A 是同一演练、同一预案（名称与种子除外）：所有配对差值均为零。",
    )
}

/// The warning when B changes the drill as well as the plan, else `None`:
/// two different places pair nothing in common; a changed inject, hazard
/// or population is a legitimate what-if, but its share of each difference
/// is not the plan's.
pub fn warning(changes: &[SectionChange], lang: Lang) -> Option<String> {
    let mut sections: Vec<&str> = Vec::new();
    for c in changes.iter().filter(|c| c.changes_the_drill()) {
        let top = c.section.split('.').next().unwrap_or(&c.section);
        if !sections.contains(&top) {
            sections.push(top);
        }
    }
    if sections.is_empty() {
        return None;
    }
    let list = code_list(&sections, sections.len(), "项", lang);
    let map = changes.iter().any(|c| c.changes_the_drill() && c.is_the_map());
    Some(match (map, lang) {
        (true, Lang::En) => format!(
            "A and B are different drills: they differ in {list}, the map among them, so run k of A and run k of B play out in different places and the pairing compares nothing they share. Compare plans on one drill: copy A and change only its response."
        ),
        (true, Lang::Zh) => format!(
            "A 与 B 是两场不同的演练：二者在 {list} 上不同，包括地图，A 的第 k 次与 B 的第 k 次发生在不同地点，配对比较没有共同基础。请在同一演练上对比预案：复制 A，只改应对部分。"
        ),
        (false, Lang::En) => {
            format!("B also changes the drill itself ({list}): each difference below comes from those changes as well as from B's plan.")
        }
        (false, Lang::Zh) => format!("方案 B 还改动了演练本身（{list}）：下列差值既来自这些改动，也来自 B 的预案。"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use drillsim::batch::differences::ItemChange;

    fn change(section: &str, side: Side) -> SectionChange {
        SectionChange::new(section, side)
    }

    #[test]
    fn a_line_names_what_was_added_removed_and_changed() {
        let mut c = change("plan.rules", Side::Plan);
        c.removed = vec!["cots_to_high_school".into()];
        c.changed = vec![ItemChange {
            id: "evacuate_east".into(),
            fields: vec!["when".into()],
        }];
        assert_eq!(
            line(&c, Lang::En),
            "`plan.rules`: removes `cots_to_high_school`; changes `evacuate_east` (when)"
        );
        assert_eq!(
            line(&c, Lang::Zh),
            "`plan.rules`：删去 `cots_to_high_school`；修改 `evacuate_east`（when）"
        );
        let mut many = change("teams", Side::Plan);
        many.added = (1..=8).map(|i| format!("boat_{i}")).collect();
        assert!(line(&many, Lang::En).ends_with("`boat_6` and 2 more"), "{}", line(&many, Lang::En));
        assert!(line(&many, Lang::Zh).ends_with("等 8 项"), "{}", line(&many, Lang::Zh));
    }

    #[test]
    fn only_a_changed_drill_warns() {
        let mut plan = change("teams", Side::Plan);
        plan.removed = vec!["boat_3".into()];
        let mut place = change("places", Side::Drill);
        place.added = vec!["new_yard".into()];
        assert_eq!(warning(&[plan.clone(), place.clone()], Lang::En), None);
        let mut hazard = change("hazards", Side::Drill);
        hazard.value_changed = true;
        let w = warning(&[plan.clone(), place.clone(), hazard.clone()], Lang::En).unwrap();
        assert!(w.starts_with("B also changes the drill itself (`hazards`)"), "{w}");
        let mut map = change("map.cell_size", Side::Drill);
        map.value_changed = true;
        let w = warning(&[plan, place, map, hazard], Lang::En).unwrap();
        assert!(
            w.starts_with("A and B are different drills: they differ in `map`, `hazards`, the map among them"),
            "{w}"
        );
        assert!(
            warning(&[change("map.rasters", Side::Drill)], Lang::Zh).is_none(),
            "nothing differs in it"
        );
    }
}
