//! The starter scenarios `drillsim new` writes: one per kind of drill, each
//! a small valid drill that runs as written, commented for the trainer who
//! edits it. A template keeps both languages in one file: every `⟦en‖zh⟧`
//! is replaced by the side `--lang` asks for, so the English and Chinese
//! starters cannot drift apart. Keywords and built-in names (`Evacuate`,
//! `water_rescue`, `water_l`) stay as the scenario language has them; the
//! ids are the trainer's own names, so the Chinese starter's are Chinese.

use drillsim_reports::Lang;

/// What the starter drill is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Hazard {
    /// No hazard: a town, a road, a bus and a shelter (the smallest drill).
    None,
    /// A river flood with a levee an inject breaches.
    Flood,
    /// A wildland fire on a hill above a village (打早、打小、打了).
    Fire,
    /// A chlorine leak at a chemical park upwind of a town.
    Release,
}

impl Hazard {
    #[cfg(test)]
    const ALL: [Hazard; 4] = [Hazard::None, Hazard::Flood, Hazard::Fire, Hazard::Release];

    fn source(self) -> &'static str {
        match self {
            Hazard::None => include_str!("templates/basic.ron"),
            Hazard::Flood => include_str!("templates/flood.ron"),
            Hazard::Fire => include_str!("templates/fire.ron"),
            Hazard::Release => include_str!("templates/release.ron"),
        }
    }
}

/// The starter for `hazard` in `lang`, its drill named `name` (a file
/// name may hold what a RON string cannot: quotes and backslashes become
/// `'`, control characters spaces).
pub fn starter(hazard: Hazard, lang: Lang, name: &str) -> String {
    let name: String = name
        .chars()
        .map(|c| match c {
            '"' | '\\' => '\'',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    pick_language(hazard.source(), lang).replace("{{NAME}}", &name)
}

/// Each `⟦en‖zh⟧` replaced by one side. The templates are ours, so a
/// malformed marker is a bug the tests catch, not user input.
fn pick_language(text: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('⟦') {
        out.push_str(&rest[..open]);
        let inner = &rest[open + '⟦'.len_utf8()..];
        let close = inner.find('⟧').unwrap_or(inner.len());
        let (en, zh) = inner[..close].split_once('‖').unwrap_or((&inner[..close], &inner[..close]));
        out.push_str(match lang {
            Lang::En => en,
            Lang::Zh => zh,
        });
        rest = inner.get(close + '⟧'.len_utf8()..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_marker_gives_one_side() {
        let t = "a ⟦one‖一⟧ b ⟦two‖二⟧ c";
        assert_eq!(pick_language(t, Lang::En), "a one b two c");
        assert_eq!(pick_language(t, Lang::Zh), "a 一 b 二 c");
        assert_eq!(pick_language("plain", Lang::Zh), "plain");
    }

    #[test]
    fn any_file_name_makes_a_valid_drill_name() {
        let text = starter(Hazard::None, Lang::En, "a\"b\\c\nd\te");
        assert!(text.contains("name: \"a'b'c d e\","), "{text}");
        let loaded = drillsim::CompiledScenario::from_source(&text, std::path::Path::new("x.ron"), std::path::Path::new("."));
        assert!(loaded.is_ok_and(|c| c.scenario.name == "a'b'c d e"));
    }

    #[test]
    fn every_template_is_well_formed() {
        for h in Hazard::ALL {
            let src = h.source();
            assert_eq!(src.matches('⟦').count(), src.matches('⟧').count(), "{h:?}");
            assert_eq!(src.matches('⟦').count(), src.matches('‖').count(), "{h:?}: one ‖ per marker");
            for lang in [Lang::En, Lang::Zh] {
                let text = starter(h, lang, "x");
                assert!(!text.contains(['⟦', '‖', '⟧']) && !text.contains("{{"), "{h:?} {lang:?}");
            }
        }
    }
}
