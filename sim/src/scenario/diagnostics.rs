//! Errors in a scenario, each tied to the exact text it concerns.
//!
//! A [`Diagnostic`] carries the byte span, the 1-based line and column
//! (columns counted in characters, as editors do), the offending text, what
//! was expected and an optional hint. [`Diagnostics`] keeps the source so a
//! front end can draw the familiar underlined excerpt.
//!
//! Every message and hint is written in both languages the tools speak
//! ([`Said`], built with [`said!`](crate::said)): a trainer whose drill says
//! `language: "zh"` reads its mistakes in Chinese, and no check can add a
//! message in one language only, since the types ask for both.

use super::tree::Span;
use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// One sentence in English and in Chinese.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Said {
    pub en: String,
    pub zh: String,
}

impl Said {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Self {
        Said {
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// The English text, or the Chinese one.
    pub fn pick(&self, zh: bool) -> &str {
        if zh { &self.zh } else { &self.en }
    }

    /// Both texts with `f` applied to each, in its language.
    pub fn map(&self, f: impl Fn(&str, bool) -> String) -> Said {
        Said {
            en: f(&self.en, false),
            zh: f(&self.zh, true),
        }
    }
}

/// `said!("en {x}", "中文 {x}", args..)`: a [`Said`] formatted in both
/// languages from the same arguments (implicit captures work in both).
#[macro_export]
macro_rules! said {
    ($en:literal, $zh:literal $(, $arg:expr)* $(,)?) => {
        $crate::scenario::diagnostics::Said {
            en: format!($en $(, $arg)*),
            zh: format!($zh $(, $arg)*),
        }
    };
}

/// Which language a scenario asks its messages in: its top-level
/// `language: "zh"`, found even when the file does not parse (the first
/// `language:` at the start of a line, before any other text on it), so a
/// syntax error in a Chinese drill is explained in Chinese too.
pub fn declares_chinese(source: &str) -> bool {
    source
        .lines()
        .take(200)
        .map(str::trim_start)
        .find_map(|l| l.strip_prefix("language"))
        .and_then(|rest| rest.trim_start().strip_prefix(':'))
        .is_some_and(|v| v.trim_start().starts_with("\"zh"))
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Diagnostic {
    /// Stable machine-readable kind, e.g. `unknown-id`.
    pub code: &'static str,
    /// What is wrong, in English (`message_zh` in Chinese).
    pub message: String,
    pub message_zh: String,
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    #[serde(skip)]
    pub span: Span,
    /// The text the span covers (shortened to one line).
    pub text: String,
    pub hint: Option<String>,
    pub hint_zh: Option<String>,
}

impl Diagnostic {
    /// The message in English or in Chinese.
    pub fn message_in(&self, zh: bool) -> &str {
        if zh { &self.message_zh } else { &self.message }
    }

    /// The hint in English or in Chinese.
    pub fn hint_in(&self, zh: bool) -> Option<&str> {
        if zh { self.hint_zh.as_deref() } else { self.hint.as_deref() }
    }

    /// Why the Chinese text does not say what the English one says, if it
    /// does not: it must be Chinese, and carry every number and every
    /// `quoted` name of the English (a translation that dropped or swapped
    /// an argument loses one). The loader's tests run it on every diagnostic.
    pub fn translation_problem(&self) -> Option<String> {
        let pairs = [
            (Some(&self.message), Some(&self.message_zh)),
            (self.hint.as_ref(), self.hint_zh.as_ref()),
        ];
        for (en, zh) in pairs {
            match (en, zh) {
                (None, None) => {}
                (Some(en), Some(zh)) => {
                    if !zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
                        return Some(format!("{zh:?} (for {en:?}) is not Chinese"));
                    }
                    let quoted = en.split('`').skip(1).step_by(2);
                    let numbers = en.split(|c: char| !c.is_ascii_digit()).filter(|n| !n.is_empty());
                    if let Some(lost) = quoted.chain(numbers).find(|t| !zh.contains(t)) {
                        return Some(format!("{zh:?} lacks {lost:?} of {en:?}"));
                    }
                }
                _ => return Some(format!("a hint in one language only: {:?} / {:?}", self.hint, self.hint_zh)),
            }
        }
        None
    }
}

/// Every problem found in one scenario file.
#[derive(Clone, Debug, Serialize)]
pub struct Diagnostics {
    pub file: PathBuf,
    #[serde(skip)]
    pub source: String,
    pub errors: Vec<Diagnostic>,
    /// Byte offset of each line's start, built at the first error so that
    /// thousands of errors in a big file cost one pass, not one pass each.
    #[serde(skip)]
    line_starts: Vec<usize>,
}

impl Diagnostics {
    pub fn new(file: &Path, source: &str) -> Self {
        Diagnostics {
            file: file.to_path_buf(),
            source: source.to_string(),
            errors: Vec::new(),
            line_starts: Vec::new(),
        }
    }

    /// 1-based line and character column of a byte offset, as [`line_col`].
    fn position(&mut self, byte: usize) -> (usize, usize) {
        if self.line_starts.is_empty() {
            self.line_starts = std::iter::once(0)
                .chain(self.source.match_indices('\n').map(|(i, _)| i + 1))
                .collect();
        }
        let mut b = byte.min(self.source.len());
        while !self.source.is_char_boundary(b) {
            b -= 1;
        }
        let line = self.line_starts.partition_point(|start| *start <= b);
        let start = self.line_starts[line - 1];
        (line, self.source[start..b].chars().count() + 1)
    }

    pub fn push(&mut self, code: &'static str, span: Span, message: Said, hint: Option<Said>) {
        let (line, column) = self.position(span.start);
        let end = span.end.min(self.source.len()).max(span.start.min(self.source.len()));
        let start = span.start.min(end);
        let mut text: String = self.source.get(start..end).unwrap_or("").lines().next().unwrap_or("").to_string();
        if text.chars().count() > 80 {
            text = text.chars().take(77).collect::<String>() + "...";
        }
        self.errors.push(Diagnostic {
            code,
            message: message.en,
            message_zh: message.zh,
            file: self.file.clone(),
            line,
            column,
            span,
            text,
            hint_zh: hint.as_ref().map(|h| h.zh.clone()),
            hint: hint.map(|h| h.en),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// Sort by position so messages read top to bottom.
    pub fn sort(&mut self) {
        self.errors.sort_by(|a, b| (a.span.start, a.code).cmp(&(b.span.start, b.code)));
        self.errors.dedup_by(|a, b| a.span == b.span && a.message == b.message);
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.errors {
            writeln!(f, "{}:{}:{}: error[{}]: {}", d.file.display(), d.line, d.column, d.code, d.message)?;
            if !d.text.is_empty() {
                writeln!(f, "    | {}", d.text)?;
            }
            if let Some(h) = &d.hint {
                writeln!(f, "    = hint: {h}")?;
            }
        }
        write!(f, "{} error(s) in {}", self.errors.len(), self.file.display())
    }
}

impl std::error::Error for Diagnostics {}

/// 1-based line and character column of a byte offset.
pub fn line_col(src: &str, byte: usize) -> (usize, usize) {
    let byte = byte.min(src.len());
    let mut b = byte;
    while !src.is_char_boundary(b) {
        b -= 1;
    }
    let before = &src[..b];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    (line, before[line_start..].chars().count() + 1)
}

/// Byte offset of a 1-based (line, character column) position, as `ron` reports them.
pub fn byte_offset(src: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in src.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return offset + l.char_indices().nth(column.saturating_sub(1)).map(|(b, _)| b).unwrap_or(l.len());
        }
        offset += l.len();
    }
    src.len()
}

/// The closest known name to `wrong`, if it is close enough to be a typo.
pub fn suggest<'a>(wrong: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = wrong.to_lowercase();
    let known: Vec<&'a str> = known.into_iter().collect();
    let by_distance = known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&lower, &k.to_lowercase()), *k))
        .filter(|(d, k)| (*d > 0 && *d <= (k.chars().count() / 3).max(2)) || (*d == 0 && *k != wrong))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k);
    // A truncated or extended name ("high_school" for "high_school_shelter").
    by_distance.or_else(|| {
        known
            .iter()
            .copied()
            .filter(|k| lower.len() >= 3 && (k.to_lowercase().contains(&lower) || lower.contains(&k.to_lowercase())))
            .min_by_key(|k| k.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexed_positions_match_line_col() {
        let src = "ab\n河畔 x\n\n末";
        let mut d = Diagnostics::new(Path::new("f"), src);
        for b in 0..=src.len() + 2 {
            assert_eq!(d.position(b), line_col(src, b), "byte {b}");
        }
    }

    #[test]
    fn columns_count_characters() {
        let src = "a\n河畔 x";
        let b = src.find('x').unwrap();
        assert_eq!(line_col(src, b), (2, 4));
        assert_eq!(byte_offset(src, 2, 4), b);
    }

    #[test]
    fn a_chinese_drill_is_recognised_even_when_it_does_not_parse() {
        assert!(declares_chinese("Scenario(\n  name: \"x\",\n  language: \"zh\",\n  start: (("));
        assert!(declares_chinese("(language:\"zh-CN\")".trim_start_matches('(')));
        assert!(!declares_chinese("Scenario(\n  language: \"en\",\n)"));
        assert!(!declares_chinese("Scenario(\n  // language: \"zh\"\n)"));
        assert!(!declares_chinese("Scenario(name: \"language: zh\")"));
    }

    #[test]
    fn a_translation_that_drops_an_argument_is_caught() {
        let mut d = Diagnostics::new(Path::new("f"), "abc");
        d.push(
            "x",
            Span::new(0, 1),
            said!("unknown place `ridge` at 12", "第 12 处的未知地点 `ridge`"),
            None,
        );
        d.push("x", Span::new(0, 1), Said::new("unknown place `ridge`", "未知地点 `rigde`"), None);
        d.push("x", Span::new(0, 1), Said::new("tick 5s", "tick 5s"), None);
        d.push("x", Span::new(0, 1), said!("a", "甲"), Some(Said::new("b 3", "乙")));
        let problems: Vec<Option<String>> = d.errors.iter().map(Diagnostic::translation_problem).collect();
        assert_eq!(problems[0], None);
        assert!(problems[1].as_deref().is_some_and(|p| p.contains("ridge")), "{problems:?}");
        assert!(problems[2].as_deref().is_some_and(|p| p.contains("not Chinese")), "{problems:?}");
        assert!(problems[3].as_deref().is_some_and(|p| p.contains("\"3\"")), "{problems:?}");
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest("water_resuce", ["water_rescue", "hazmat"]), Some("water_rescue"));
        assert_eq!(suggest("zzz", ["water_rescue", "hazmat"]), None);
    }
}
