//! Syntax errors in plain words.
//!
//! `ron` finds syntax errors; this module places them on the character a
//! trainer has to look at and says what to do. A missing `,` is usually at the
//! end of the previous line, a missing `:` after a field name, a missing `]`
//! shows up as a field name inside a list, and an unclosed `"` swallows the
//! next line: each gets its own hint.

use super::diagnostics::{Said, byte_offset, line_col};
use super::tree::Span;
use crate::said;
use ron::error::{Error as E, SpannedError};

/// The span to underline, the message and the hint for a `ron` syntax error.
pub(super) fn explain(source: &str, e: &SpannedError) -> (Span, Said, Option<Said>) {
    let start = byte_offset(source, e.span.start.line, e.span.start.col);
    let at = match &e.code {
        // `ron` reports where the value ended; the stray text follows.
        E::TrailingCharacters => skip_ws(source, byte_offset(source, e.span.end.line, e.span.end.col)),
        // Point just after the last thing written.
        E::Eof => source.trim_end().len(),
        _ => skip_ws(source, start),
    };
    // A full-width space counts as white space when skipping, but the
    // syntax does not take it: point at it.
    let at = match source.get(start..at).and_then(|gap| gap.find('\u{3000}')) {
        Some(i) => start + i,
        None => at,
    };
    let width = source[at..].chars().next().map_or(0, char::len_utf8);
    let (message, hint) = full_width(source, at).unwrap_or_else(|| words(&e.code, source, at));
    (Span::new(at, at + width), message, hint)
}

/// Full-width punctuation a Chinese input method types, and the ASCII the
/// syntax needs in its place.
const FULL_WIDTH: [(char, char); 14] = [
    ('，', ','),
    ('：', ':'),
    ('“', '"'),
    ('”', '"'),
    ('‘', '\''),
    ('’', '\''),
    ('（', '('),
    ('）', ')'),
    ('【', '['),
    ('】', ']'),
    ('［', '['),
    ('］', ']'),
    ('｛', '{'),
    ('｝', '}'),
];

/// A syntax error on full-width punctuation or a full-width space: the
/// commonest slip of a trainer writing with a Chinese input method, which
/// `ron`'s own words ("expected `,`") do not name.
fn full_width(source: &str, at: usize) -> Option<(Said, Option<Said>)> {
    let c = source.get(at..)?.chars().next()?;
    let (message, fix) = if c == '\u{3000}' {
        (
            said!(
                "a full-width space (U+3000) where an ordinary space is needed",
                "这里是全角空格（U+3000），应为半角空格"
            ),
            said!("delete it or type an ordinary space", "删去或换成半角空格"),
        )
    } else {
        let ascii = FULL_WIDTH.iter().find(|(f, _)| *f == c)?.1;
        (
            said!(
                "full-width `{c}` where `{ascii}` is needed",
                "这里是全角标点 `{c}`，应为半角的 `{ascii}`"
            ),
            said!("write `{ascii}` instead", "改为 `{ascii}`"),
        )
    };
    let hint = Said::new(
        format!("{}; outside \"quotes\", switch the input method to English punctuation", fix.en),
        format!("{}；在引号外书写时，把输入法切换为英文标点", fix.zh),
    );
    Some((message, Some(hint)))
}

fn skip_ws(source: &str, at: usize) -> usize {
    let at = at.min(source.len());
    let mut at = (0..=at).rev().find(|i| source.is_char_boundary(*i)).unwrap_or(0);
    while let Some(c) = source[at..].chars().next().filter(|c| c.is_whitespace()) {
        at += c.len_utf8();
    }
    at
}

fn words(code: &E, source: &str, at: usize) -> (Said, Option<Said>) {
    let (here, _) = line_col(source, at);
    if let Some(line) = open_string_line(source, at)
        && line < here
    {
        return (
            said!(
                "this looks like the inside of a text: a `\"` is probably missing",
                "这里像是一段文本的中间：可能少了一个 `\"`"
            ),
            Some(said!(
                "the text that starts on line {line} runs over a line break: close it with `\"`",
                "从第 {line} 行开始的文本跨过了换行：用 `\"` 把它结束"
            )),
        );
    }
    match code {
        E::ExpectedComma | E::ExpectedStructLikeEnd | E::ExpectedArrayEnd | E::ExpectedMapEnd => {
            let before = source[..at].trim_end();
            let next = source[at..].chars().next();
            if next == Some(':') {
                return (
                    said!(
                        "unexpected `:`: a field name where a value was expected",
                        "多余的 `:`：这里应是一个值，却写了字段名"
                    ),
                    Some(said!(
                        "a closing `]` or `)` is probably missing before this field",
                        "这个字段之前可能少了一个 `]` 或 `)`"
                    )),
                );
            }
            if let Some(field) = field_name_before(before) {
                return (
                    said!("expected `:` after the field name `{field}`", "字段名 `{field}` 后面应有 `:`"),
                    Some(said!("write `{field}: value`", "写成 `{field}: value`（value 填取值）")),
                );
            }
            let (line, _) = line_col(source, before.len());
            let hint = if before.is_empty() || line == here {
                said!("add `,` before this", "在这里之前加上 `,`")
            } else {
                said!("add `,` at the end of line {line}", "在第 {line} 行末尾加上 `,`")
            };
            (said!("expected `,` between two items", "两项之间应有 `,`"), Some(hint))
        }
        E::ExpectedStringEnd => (
            said!("this text is not closed", "这段文本没有结束"),
            Some(said!("end it with `\"`", "用 `\"` 结束它")),
        ),
        E::Eof => (
            said!("the file ends before every bracket is closed", "文件结束时还有括号没有闭合"),
            Some(said!(
                "check that every `(`, `[` and `{{` has its closing `)`, `]` or `}}`",
                "检查每个 `(`、`[` 和 `{{` 是否都有对应的 `)`、`]` 或 `}}`"
            )),
        ),
        E::ExpectedMapColon => (
            said!("expected `:` after the key", "键后面应有 `:`"),
            Some(said!(
                "write map entries as `key: value`",
                "映射的每一项写成 `key: value`（键: 值）"
            )),
        ),
        E::TrailingCharacters => (
            said!("unexpected text after the end of the scenario", "情景结束之后还有多余的文字"),
            Some(said!(
                "the whole file is one `Scenario( .. )`: look for an extra `)` or `]` above",
                "整个文件是一个 `Scenario( .. )`：在上面找一找多出来的 `)` 或 `]`"
            )),
        ),
        E::UnexpectedChar(c) => (
            said!("unexpected character `{c}`", "意外的字符 `{c}`"),
            Some(said!(
                "values are numbers, \"text\", [lists], {{maps}}, (structs) or Names",
                "值可以是数字、\"文本\"、[列表]、{{映射}}、(结构) 或名称"
            )),
        ),
        E::ExceededRecursionLimit => (said!("brackets are nested too deeply", "括号嵌套太深"), None),
        E::UnclosedBlockComment => (
            said!("this `/*` comment is never closed", "这个 `/*` 注释没有结束"),
            Some(said!("end it with `*/`", "用 `*/` 结束它")),
        ),
        other => {
            // ron's own wording, for the rarer mistakes.
            let text = other.to_string();
            let mut chars = text.chars();
            let lower = chars
                .next()
                .map(|c| c.to_lowercase().collect::<String>() + chars.as_str())
                .unwrap_or_default();
            (Said::new(lower, format!("语法错误（{text}）")), None)
        }
    }
}

/// `name` when `before` ends with `( name` or `, name`: a field name missing its `:`.
fn field_name_before(before: &str) -> Option<&str> {
    let start = before.trim_end_matches(|c: char| c == '_' || c.is_ascii_alphanumeric()).len();
    let name = &before[start..];
    let lead = before[..start].trim_end();
    let first = name.chars().next()?;
    ((first == '_' || first.is_ascii_alphabetic()) && (lead.ends_with('(') || lead.ends_with(','))).then_some(name)
}

/// The line a `"..."` text starts on when the text spanning `at` (or ending
/// just before it) runs over a line break: the usual sign of a missing `"`.
fn open_string_line(source: &str, at: usize) -> Option<usize> {
    let b = source.as_bytes();
    let mut i = 0;
    let mut last: Option<(usize, usize)> = None; // (start, end) of the last text before `at`
    while i < at.min(b.len()) {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    i += 1;
                }
                i += 2;
            }
            b'\'' => {
                // A character literal such as '"' or '\''.
                i += if b.get(i + 1) == Some(&b'\\') {
                    4
                } else {
                    1 + source[i + 1..].chars().next().map_or(1, char::len_utf8) + 1
                };
            }
            b'"' => {
                let s = i;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
                last = Some((s, i.min(b.len())));
            }
            _ => i += 1,
        }
    }
    let (s, e) = last?;
    let text = source.get(s..e)?;
    // The text must run over a line break and reach the error position (or end right before it).
    let reaches = e > at || source.get(e..at).is_some_and(|gap| gap.trim().is_empty());
    (text.contains('\n') && reaches).then(|| line_col(source, s).0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explain_src(src: &str) -> (usize, usize, String, Option<String>) {
        let e = ron::from_str::<ron::Value>(src).unwrap_err();
        let (span, m, h) = explain(src, &e);
        let (l, c) = line_col(src, span.start);
        (l, c, m.en, h.map(|h| h.en))
    }

    #[test]
    fn missing_comma_points_at_the_previous_line() {
        let (l, c, m, h) = explain_src("(\n  a: 1\n  b: 2\n)");
        assert_eq!((l, c), (3, 3));
        assert!(m.contains("expected `,`"));
        assert_eq!(h.as_deref(), Some("add `,` at the end of line 2"));
    }

    #[test]
    fn missing_colon_and_bracket_and_quote() {
        let (_, _, m, h) = explain_src("(a 1)");
        assert!(m.contains("`:` after the field name `a`"), "{m}");
        assert_eq!(h.as_deref(), Some("write `a: value`"));
        let (l, c, m, _) = explain_src("(a: [1, 2,\n b: 3)");
        assert_eq!((l, c), (2, 3));
        assert!(m.contains("unexpected `:`"), "{m}");
        let (_, _, m, h) = explain_src("(a: \"x,\n b: \"y\")");
        assert!(m.contains("`\"` is probably missing"), "{m}");
        assert!(h.unwrap().contains("line 1"));
    }

    /// A Chinese input method's punctuation is named as such, at its place.
    #[test]
    fn full_width_punctuation_is_named() {
        for (src, at, wanted) in [
            ("(a：1)", 3, "full-width `：` where `:` is needed"),
            ("(a: 1，\n b: 2)", 6, "full-width `，` where `,` is needed"),
            ("(a: “x”)", 5, "full-width `“` where `\"` is needed"),
            ("(a: 1,\u{3000}b: 2)", 7, "a full-width space (U+3000)"),
        ] {
            let (l, c, m, h) = explain_src(src);
            assert_eq!((l, c), (1, at), "{src}");
            assert!(m.contains(wanted), "{src}: {m}");
            assert!(h.unwrap().contains("English punctuation"), "{src}");
        }
    }

    #[test]
    fn trailing_text_and_end_of_file() {
        let (l, c, m, _) = explain_src("(a: 1)\n)");
        assert_eq!((l, c), (2, 1));
        assert!(m.contains("after the end"));
        let (l, c, m, _) = explain_src("(a: [1,\n");
        assert_eq!((l, c), (1, 8));
        assert!(m.contains("ends before"));
    }
}
