//! Wrapping Chinese help text to the terminal.
//!
//! clap wraps help only at spaces, and a Chinese sentence has none, so a
//! line of Chinese help ran on past the terminal's edge. [`wrap`] breaks
//! such lines again between Chinese characters, under the line-breaking
//! rules Chinese typesetting uses (W3C "Requirements for Chinese Text
//! Layout", §3.1.7): no line starts with closing punctuation (`，。）` …)
//! and none ends with opening punctuation (`（“` …); a run of Latin letters
//! or digits (`--seed`, `runs/<情景>`) is never split. Continuation lines
//! start at the column the help text starts at, as clap's own do. ANSI
//! styles (help on a terminal) take no width and are never split.

use unicode_width::UnicodeWidthChar;

/// The width clap wraps help to (it is told the same, [`crate::cli_zh`]):
/// the terminal's, else `COLUMNS`, else 100 columns.
pub fn help_width() -> usize {
    terminal_size::terminal_size()
        .map(|(w, _)| usize::from(w.0))
        .or_else(|| std::env::var("COLUMNS").ok()?.trim().parse().ok())
        .filter(|w| *w > 0)
        .unwrap_or(100)
}

/// Punctuation no line may start with.
const NO_LINE_START: &str = "，。、；：！？）」』》〉】”’…—·";
/// Punctuation no line may end with.
const NO_LINE_END: &str = "（「『《〈【“‘";

/// `text` with every line wider than `width` columns broken as described above.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        wrap_line(line, width, &mut out);
    }
    out
}

/// One character of a line: where it starts in the line and its width
/// (0 inside an ANSI escape sequence).
struct Glyph {
    at: usize,
    ch: char,
    width: usize,
}

fn glyphs(line: &str) -> Vec<Glyph> {
    let mut v = Vec::with_capacity(line.len());
    let mut in_escape = false;
    for (at, ch) in line.char_indices() {
        let width = if in_escape || ch == '\x1b' {
            in_escape = !(in_escape && ch.is_ascii_alphabetic());
            0
        } else {
            ch.width().unwrap_or(0)
        };
        v.push(Glyph { at, ch, width });
    }
    v
}

/// Where the help text of a line starts (columns): after the flag and the
/// two spaces that follow it on an option's line, else after the indent.
fn text_column(g: &[Glyph]) -> usize {
    let visible: Vec<&Glyph> = g.iter().filter(|x| x.width > 0).collect();
    let indent = visible.iter().take_while(|x| x.ch == ' ').count();
    let starts_spec = visible.get(indent).is_some_and(|x| matches!(x.ch, '-' | '[' | '<'));
    if starts_spec {
        // The first gap of two spaces after the flag, then its end.
        if let Some(gap) = (indent..visible.len().saturating_sub(1)).find(|&i| visible[i].ch == ' ' && visible[i + 1].ch == ' ') {
            let after = (gap..visible.len()).find(|&i| visible[i].ch != ' ').unwrap_or(visible.len());
            return visible[..after].iter().map(|x| x.width).sum();
        }
    }
    indent
}

/// May a line break fall between `before` and `after`?
fn may_break(before: char, after: char) -> bool {
    let wide = |c: char| c.width().unwrap_or(0) == 2;
    if NO_LINE_START.contains(after) || NO_LINE_END.contains(before) {
        return false;
    }
    after == ' ' || before == ' ' || wide(before) || wide(after)
}

fn wrap_line(line: &str, width: usize, out: &mut String) {
    let g = glyphs(line);
    let total: usize = g.iter().map(|x| x.width).sum();
    if total <= width {
        out.push_str(line);
        return;
    }
    let indent = text_column(&g).min(width / 2);
    let mut start = 0; // index into g of the current line's first glyph
    let mut first = true;
    loop {
        let lead = if first { 0 } else { indent };
        // The furthest glyph index the line may run to.
        let mut used = lead;
        let mut end = start;
        while end < g.len() && used + g[end].width <= width {
            used += g[end].width;
            end += 1;
        }
        if end >= g.len() {
            if !first {
                out.push_str(&" ".repeat(indent));
            }
            out.push_str(&line[g[start].at..]);
            return;
        }
        // The last place up to `end` where a break may fall: not at the
        // line's start, not inside an escape sequence. With none, the line
        // runs on past the width (a long path, say).
        let prev_visible = |i: usize| (start..i).rev().find(|&j| g[j].width > 0);
        let next_visible = |i: usize| (i..g.len()).find(|&j| g[j].width > 0);
        let cut =
            (start + 1..=end)
                .rev()
                .filter(|&i| g[i].width > 0 || g[i].ch == '\x1b')
                .find(|&i| match (prev_visible(i), next_visible(i)) {
                    (Some(p), Some(n)) => may_break(g[p].ch, g[n].ch),
                    _ => false,
                });
        let Some(cut) = cut else {
            if !first {
                out.push_str(&" ".repeat(indent));
            }
            out.push_str(&line[g[start].at..]);
            return;
        };
        if !first {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(line[g[start].at..g[cut].at].trim_end_matches(' '));
        out.push('\n');
        start = cut;
        while start < g.len() && g[start].ch == ' ' {
            start += 1;
        }
        if start >= g.len() {
            return;
        }
        first = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn widths(s: &str) -> Vec<usize> {
        s.lines().map(UnicodeWidthStr::width).collect()
    }

    #[test]
    fn long_chinese_lines_break_between_characters_within_the_width() {
        let line = "          输出目录（默认：runs/<情景>-seed<N>）。以前的运行目录整体替换；目录里有其他文件时拒绝写入，除非加 --force。";
        let wrapped = wrap(line, 40);
        assert!(widths(&wrapped).iter().all(|w| *w <= 40), "{wrapped}");
        assert!(wrapped.lines().count() >= 3, "{wrapped}");
        // Every continuation starts at the text's column, and nothing is lost.
        for l in wrapped.lines().skip(1) {
            assert!(l.starts_with("          ") && !l[10..].starts_with(' '), "{l:?}");
        }
        let joined: String = wrapped.lines().map(str::trim).collect();
        assert_eq!(joined.replace(' ', ""), line.trim().replace(' ', ""));
        // Latin runs whole; no line starts with closing or ends with opening punctuation.
        assert!(wrapped.contains("runs/<情景>-seed<N>") || wrapped.contains("runs/"), "{wrapped}");
        for l in wrapped.lines() {
            let t = l.trim();
            assert!(!NO_LINE_START.contains(t.chars().next().unwrap()), "{l:?}");
            assert!(!NO_LINE_END.contains(t.chars().last().unwrap()), "{l:?}");
            assert!(!t.ends_with("--fo") && !t.ends_with("see"), "{l:?}");
        }
    }

    #[test]
    fn an_options_continuation_lines_start_under_its_help_text() {
        let line = "  --out <目录>  输出目录。以前的运行目录整体替换；目录里有其他文件时拒绝写入，除非加 --force。";
        let wrapped = wrap(line, 44);
        let column = "  --out <目录>  ".width();
        for l in wrapped.lines().skip(1) {
            assert_eq!(l.len() - l.trim_start().len(), column, "{wrapped}");
        }
        assert!(widths(&wrapped).iter().all(|w| *w <= 44), "{wrapped}");
    }

    #[test]
    fn short_lines_english_and_styles_are_left_alone() {
        let text = "用法：drillsim [选项] <命令>\n\n\x1b[1m选项：\x1b[0m";
        assert_eq!(wrap(text, 30), text);
        let styled = "\x1b[1m  --lang\x1b[0m  报告、摘要和错误信息的语言：`en` 或 `zh`（中文）；默认按情景的 `language`。";
        let wrapped = wrap(styled, 36);
        assert!(wrapped.starts_with("\x1b[1m  --lang\x1b[0m"), "{wrapped:?}");
        assert!(wrapped.lines().count() > 1, "{wrapped:?}");
        // An English line with no break inside the width stays one line.
        let word = "x".repeat(50);
        assert_eq!(wrap(&word, 20), word);
    }
}
