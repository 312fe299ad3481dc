//! The scenario language: parsing, typed model, validation and sampling.
//!
//! Loading goes text → `ron` syntax check → spanned tree ([`tree`]) → typed
//! [`model::Scenario`] ([`de`]) → semantic checks ([`validate`], plus map and
//! road checks) → [`crate::CompiledScenario`]. Every stage reports into one
//! [`Diagnostics`] so a trainer sees all mistakes with file:line:column.

pub mod de;
pub mod diagnostics;
pub mod model;
pub mod normal;
pub mod param_names;
pub mod params;
pub mod recover;
mod syntax;
pub mod tree;
pub mod units;
pub mod validate;

use crate::said;
pub use diagnostics::{Diagnostic, Diagnostics, Said};
pub use model::Scenario;
use std::collections::BTreeMap;
use tree::{Node, Path};

/// Largest scenario file accepted (bytes).
pub const MAX_SCENARIO_BYTES: usize = 16 * 1024 * 1024;

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    Missing,
    /// A directory, device or pipe.
    NotAFile,
    TooLarge(u64),
    Io(String),
}

/// Read a regular file of at most `limit` bytes. Directories and devices are
/// refused and at most `limit + 1` bytes are ever read (a device such as
/// `/dev/zero` reports size 0), so nothing a scenario names is read without bound.
pub fn read_limited(path: &std::path::Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::Missing,
        _ => ReadError::Io(e.to_string()),
    })?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile);
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| ReadError::Io(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// A semantic problem found before spans are known: where, what kind, what, and a hint.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub path: Path,
    pub code: &'static str,
    pub message: Said,
    pub hint: Option<Said>,
    /// Character index inside the text value at `path` (a legend character in
    /// an ASCII row), so the column points at that character.
    pub char_at: Option<usize>,
    /// Another value the problem concerns (the first declaration of a
    /// duplicate id); its line is added to the hint.
    pub related: Option<Path>,
}

impl Problem {
    pub fn new(path: Path, code: &'static str, message: Said, hint: Option<Said>) -> Self {
        Problem {
            path,
            code,
            message,
            hint,
            char_at: None,
            related: None,
        }
    }

    /// Point at character `i` of the text value rather than at its opening quote.
    pub fn at_char(mut self, i: usize) -> Self {
        self.char_at = Some(i);
        self
    }

    /// Mention the line of `path` in the hint.
    pub fn related(mut self, path: Path) -> Self {
        self.related = Some(path);
        self
    }
}

/// Text parsed as far as the typed model, with its tree kept for locating problems.
pub struct Parsed {
    pub scenario: Scenario,
    pub tree: Node,
}

/// Parse `source` into the typed model, or report syntax and type errors.
pub fn parse(source: &str, file: &std::path::Path) -> Result<Parsed, Diagnostics> {
    let mut diags = Diagnostics::new(file, source);
    if source.len() > MAX_SCENARIO_BYTES {
        diags.push(
            "too-large",
            tree::Span::new(0, 0),
            said!(
                "the file is {} bytes; the limit is {MAX_SCENARIO_BYTES} bytes (16 MiB)",
                "文件有 {} 字节，上限是 {MAX_SCENARIO_BYTES} 字节（16 MiB）",
                source.len()
            ),
            Some(said!(
                "move large grids into an `.asc` data file",
                "把大的网格移到 `.asc` 数据文件中"
            )),
        );
        return Err(diags);
    }
    let Some(node) = syntax_tree(source, &mut diags) else {
        return Err(diags);
    };
    match de::from_node::<Scenario>(&node) {
        Ok(scenario) => Ok(Parsed { scenario, tree: node }),
        Err(first) => {
            // serde stops at the first mistake; check the sections one by one
            // so that every type error is reported at once.
            for e in std::iter::once(first).chain(recover::type_errors(&node)) {
                let span = e.span.unwrap_or_default();
                let (code, message, hint) = explain_serde(&e);
                diags.push(code, span, message, hint);
            }
            diags.sort();
            Err(diags)
        }
    }
}

/// The spanned tree of `source`, or its first syntax error pushed to `diags`.
/// `ron` is the reference grammar: its syntax errors come first.
fn syntax_tree(source: &str, diags: &mut Diagnostics) -> Option<Node> {
    if let Err(e) = ron::from_str::<ron::Value>(source) {
        let (span, message, hint) = syntax::explain(source, &e);
        diags.push("syntax", span, message, hint);
        return None;
    }
    match tree::parse(source) {
        Ok(n) => Some(n),
        Err(e) => {
            diags.push("syntax", e.span, e.message, None);
            None
        }
    }
}

/// Parse `source` as any value of the scenario language (a session file, an
/// order typed at a prompt): the same syntax check, spanned tree and typed
/// model as a scenario, with the first type error located. The tree is kept
/// for locating later problems.
pub fn parse_value<T: serde::de::DeserializeOwned>(source: &str, file: &std::path::Path, limit: usize) -> Result<(T, Node), Diagnostics> {
    let mut diags = Diagnostics::new(file, source);
    if source.len() > limit {
        diags.push(
            "too-large",
            tree::Span::new(0, 0),
            said!(
                "the text is {} bytes; the limit is {limit} bytes",
                "文本有 {} 字节，上限是 {limit} 字节",
                source.len()
            ),
            None,
        );
        return Err(diags);
    }
    let Some(node) = syntax_tree(source, &mut diags) else {
        return Err(diags);
    };
    match de::from_node::<T>(&node) {
        Ok(v) => Ok((v, node)),
        Err(e) => {
            let (code, message, hint) = explain_serde(&e);
            diags.push(code, e.span.unwrap_or_default(), message, hint);
            Err(diags)
        }
    }
}

/// A stable code, a message and a did-you-mean hint for serde's messages.
///
/// serde hands over one string; the scenario's own deserializers write both
/// languages into it ([`de::bilingual`]), serde's few fixed phrases (unknown
/// or missing field, unknown variant, duplicates) are recognised here.
fn explain_serde(e: &de::DeError) -> (&'static str, Said, Option<Said>) {
    let msg = e.message.as_str();
    for (what, code, zh_what) in [
        ("unknown field `", "unknown-field", "未知字段"),
        ("unknown variant `", "unknown-variant", "未知的取值"),
    ] {
        if let Some(rest) = msg.strip_prefix(what) {
            let wrong = rest.split('`').next().unwrap_or("");
            let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
            let hint = diagnostics::suggest(wrong, expected.iter().copied())
                .map(|s| said!("did you mean `{s}`?", "是不是想写 `{s}`？"))
                .or_else(|| {
                    (!expected.is_empty()).then(|| {
                        let names = de::list_names(&expected);
                        said!("expected one of {names}", "应为以下之一：{names}")
                    })
                });
            let en_what = what.trim_end_matches('`');
            return (code, said!("{en_what}`{wrong}`", "{zh_what} `{wrong}`"), hint);
        }
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let f = rest.split('`').next().unwrap_or("");
        return (
            "missing-field",
            said!("missing field `{f}`", "缺少字段 `{f}`"),
            Some(said!(
                "add `{f}: ...` inside the parentheses that open here",
                "在此处开始的括号内加上 `{f}: ...`"
            )),
        );
    }
    if let Some(rest) = msg.strip_prefix("duplicate key `") {
        let k = rest.split('`').next().unwrap_or("");
        return (
            "duplicate-key",
            said!("key `{k}` is given twice in this map", "这个映射中键 `{k}` 出现了两次"),
            Some(said!("remove one of them", "删去其中一个")),
        );
    }
    if let Some(rest) = msg.strip_prefix("duplicate field `") {
        let f = rest.split('`').next().unwrap_or("");
        return (
            "duplicate-field",
            said!("field `{f}` is given twice", "字段 `{f}` 出现了两次"),
            Some(said!("remove one of them", "删去其中一个")),
        );
    }
    // serde's remaining phrases ("invalid type: …") come in English only.
    let message = Said::new(msg, e.message_zh.clone().unwrap_or_else(|| format!("类型不符（{msg}）")));
    // A number written in quotes.
    if let Some(rest) = message.en.strip_prefix("expected a number, found the text \"")
        && rest.strip_suffix('"').is_some_and(|t| t.trim().parse::<f64>().is_ok())
    {
        return ("type", message, Some(said!("write the number without quotes", "数字不要加引号")));
    }
    ("type", message, None)
}

/// Turn problems into located diagnostics.
///
/// The same problem on several lines (one bad row copied nine times) is
/// reported once, at its first place, with the other lines in the hint.
pub fn locate(diags: &mut Diagnostics, tree: &Node, problems: Vec<Problem>) {
    let mut first: BTreeMap<(&'static str, Said, Option<Said>), usize> = BTreeMap::new();
    let mut located: Vec<(Problem, tree::Span, Vec<usize>)> = Vec::new();
    for p in problems {
        let node = tree.locate(&p.path);
        let span = p.char_at.and_then(|i| char_span(&diags.source, node, i)).unwrap_or(node.span);
        let key = (p.code, p.message.clone(), p.hint.clone());
        // Duplicate ids are each a problem of their own place.
        if p.related.is_none()
            && let Some(&i) = first.get(&key)
        {
            let (line, _) = diagnostics::line_col(&diags.source, span.start);
            located[i].2.push(line);
            continue;
        }
        first.insert(key, located.len());
        located.push((p, span, Vec::new()));
    }
    for (p, span, also) in located {
        let hint = match (p.hint, &p.related) {
            (Some(h), Some(r)) => {
                let (line, _) = diagnostics::line_col(&diags.source, tree.locate(r).span.start);
                Some(h.map(|h, zh| {
                    if zh {
                        format!("{h}（首次声明在第 {line} 行）")
                    } else {
                        format!("{h} (first declared on line {line})")
                    }
                }))
            }
            (h, _) => h,
        };
        let hint = if also.is_empty() {
            hint
        } else {
            let mut lines: Vec<String> = also.iter().take(8).map(|l| l.to_string()).collect();
            if also.len() > 8 {
                lines.push("…".into());
            }
            let (n, lines) = (also.len(), lines.join(", "));
            let same = said!("the same problem on {n} more line(s): {lines}", "另有 {n} 行有同样的问题：{lines}");
            Some(match hint {
                Some(h) => Said::new(format!("{}; {}", h.en, same.en), format!("{}；{}", h.zh, same.zh)),
                None => same,
            })
        };
        let path = &p.path;
        diags.push(p.code, span, p.message.map(|m, _| format!("{path}: {m}")), hint);
    }
}

/// The span of character `i` inside a plain `"..."` text node (none for
/// escaped or raw strings, where characters and bytes do not line up).
fn char_span(source: &str, node: &Node, i: usize) -> Option<tree::Span> {
    let tree::Value::Str(_) = &node.value else { return None };
    let raw = source.get(node.span.start..node.span.end)?;
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    if inner.contains('\\') {
        return None;
    }
    let (off, ch) = inner.char_indices().nth(i)?;
    let start = node.span.start + 1 + off;
    Some(tree::Span::new(start, start + ch.len_utf8()))
}
