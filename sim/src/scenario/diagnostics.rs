//! Errors in a scenario, each tied to the exact text it concerns.
//!
//! A [`Diagnostic`] carries the byte span, the 1-based line and column
//! (columns counted in characters, as editors do), the offending text, what
//! was expected and an optional hint. [`Diagnostics`] keeps the source so a
//! front end can draw the familiar underlined excerpt.

use super::tree::Span;
use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Diagnostic {
    /// Stable machine-readable kind, e.g. `unknown-id`.
    pub code: &'static str,
    pub message: String,
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    #[serde(skip)]
    pub span: Span,
    /// The text the span covers (shortened to one line).
    pub text: String,
    pub hint: Option<String>,
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

    pub fn push(&mut self, code: &'static str, span: Span, message: impl Into<String>, hint: Option<String>) {
        let (line, column) = self.position(span.start);
        let end = span.end.min(self.source.len()).max(span.start.min(self.source.len()));
        let start = span.start.min(end);
        let mut text: String = self.source.get(start..end).unwrap_or("").lines().next().unwrap_or("").to_string();
        if text.chars().count() > 80 {
            text = text.chars().take(77).collect::<String>() + "...";
        }
        self.errors.push(Diagnostic {
            code,
            message: message.into(),
            file: self.file.clone(),
            line,
            column,
            span,
            text,
            hint,
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
    fn suggestions() {
        assert_eq!(suggest("water_resuce", ["water_rescue", "hazmat"]), Some("water_rescue"));
        assert_eq!(suggest("zzz", ["water_rescue", "hazmat"]), None);
    }
}
