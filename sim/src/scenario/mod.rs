//! The scenario language: parsing, typed model, validation and sampling.
//!
//! Loading goes text → `ron` syntax check → spanned tree ([`tree`]) → typed
//! [`model::Scenario`] ([`de`]) → semantic checks ([`validate`], plus map and
//! road checks) → [`crate::CompiledScenario`]. Every stage reports into one
//! [`Diagnostics`] so a trainer sees all mistakes with file:line:column.

pub mod de;
pub mod diagnostics;
pub mod model;
pub mod params;
pub mod recover;
pub mod tree;
pub mod units;
pub mod validate;

pub use diagnostics::{Diagnostic, Diagnostics};
pub use model::Scenario;
use tree::{Node, Path};

/// Largest scenario file accepted (bytes).
pub const MAX_SCENARIO_BYTES: usize = 16 * 1024 * 1024;

/// A semantic problem found before spans are known: where, what kind, what, and a hint.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub path: Path,
    pub code: &'static str,
    pub message: String,
    pub hint: Option<String>,
}

impl Problem {
    pub fn new(path: Path, code: &'static str, message: impl Into<String>, hint: Option<String>) -> Self {
        Problem {
            path,
            code,
            message: message.into(),
            hint,
        }
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
            format!("the file is {} bytes; the limit is {MAX_SCENARIO_BYTES}", source.len()),
            None,
        );
        return Err(diags);
    }
    // `ron` is the reference grammar: its syntax errors come first.
    if let Err(e) = ron::from_str::<ron::Value>(source) {
        let start = diagnostics::byte_offset(source, e.span.start.line, e.span.start.col);
        let end = diagnostics::byte_offset(source, e.span.end.line, e.span.end.col).max(start);
        diags.push(
            "syntax",
            tree::Span::new(start, end.max(start + 1).min(source.len())),
            e.code.to_string(),
            syntax_hint(&e.code),
        );
        return Err(diags);
    }
    let node = match tree::parse(source) {
        Ok(n) => n,
        Err(e) => {
            diags.push("syntax", e.span, e.message, None);
            return Err(diags);
        }
    };
    match de::from_node::<Scenario>(&node) {
        Ok(scenario) => Ok(Parsed { scenario, tree: node }),
        Err(first) => {
            // serde stops at the first mistake; check the sections one by one
            // so that every type error is reported at once.
            for e in std::iter::once(first).chain(recover::type_errors(&node)) {
                let span = e.span.unwrap_or_default();
                let (message, hint) = explain_serde(&e.message);
                diags.push("type", span, message, hint);
            }
            diags.sort();
            Err(diags)
        }
    }
}

fn syntax_hint(code: &ron::error::Error) -> Option<String> {
    use ron::error::Error as E;
    match code {
        E::ExpectedComma => Some("separate items with `,`".into()),
        E::ExpectedStringEnd => Some("close the text with `\"`".into()),
        E::Eof => Some("a bracket is not closed".into()),
        _ => None,
    }
}

/// Add a did-you-mean hint to serde's "unknown field/variant" messages.
fn explain_serde(msg: &str) -> (String, Option<String>) {
    for what in ["unknown field `", "unknown variant `"] {
        if let Some(rest) = msg.strip_prefix(what) {
            let wrong = rest.split('`').next().unwrap_or("");
            let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
            let hint = diagnostics::suggest(wrong, expected.iter().copied())
                .map(|s| format!("did you mean `{s}`?"))
                .or_else(|| (!expected.is_empty()).then(|| format!("expected one of {}", de::list_names(&expected))));
            return (format!("{}`{wrong}`", what.trim_end_matches('`')), hint);
        }
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let f = rest.split('`').next().unwrap_or("");
        return (msg.to_string(), Some(format!("add `{f}: ...` here")));
    }
    (msg.to_string(), None)
}

/// Turn problems into located diagnostics.
pub fn locate(diags: &mut Diagnostics, tree: &Node, problems: Vec<Problem>) {
    for p in problems {
        let node = tree.locate(&p.path);
        diags.push(p.code, node.span, format!("{}: {}", p.path, p.message), p.hint);
    }
}
