//! Rendering scenario diagnostics for people (miette) and machines (JSON).

use drillsim::Diagnostics;
use drillsim::scenario::Said;
use drillsim_reports::Lang;
use miette::{LabeledSpan, MietteDiagnostic, MietteError, MietteSpanContents, Report, SourceCode, SourceSpan, SpanContents};
use std::process::ExitCode;

/// `error: …` and `  = hint: …` on stderr, in `lang`: what a command
/// refuses that is not a scenario's mistake (an argument, a directory).
pub fn say_error(lang: Lang, message: &Said, hint: Option<&Said>) {
    let zh = lang == Lang::Zh;
    let (error, hint_word) = if zh { ("错误：", "提示：") } else { ("error: ", "hint: ") };
    match hint {
        None => eprintln!("{error}{}", message.pick(zh)),
        Some(h) => eprintln!("{error}{}\n  = {hint_word}{}", message.pick(zh), h.pick(zh)),
    }
}

/// [`say_error`] with a hint, and exit code 2: the user's input is refused.
pub fn refuse(message: Said, hint: Said, lang: Lang) -> ExitCode {
    say_error(lang, &message, Some(&hint));
    ExitCode::from(2)
}

/// One miette report per error, with the excerpt underlined.
pub fn human(d: &Diagnostics, lang: Lang) -> String {
    let mut out = reports(d, miette::Severity::Error, lang);
    let (n, file) = (d.errors.len(), d.file.display());
    out.push_str(&match lang {
        Lang::En => format!("{n} error(s) in {file}\n"),
        Lang::Zh => format!("{file} 中有 {n} 处错误\n"),
    });
    out
}

/// The same as warnings: valid, but not what `run` can do yet.
pub fn warnings(d: &Diagnostics, lang: Lang) -> String {
    let mut out = reports(d, miette::Severity::Warning, lang);
    let (n, file) = (d.errors.len(), d.file.display());
    out.push_str(&match lang {
        Lang::En => format!("{n} warning(s) in {file}: valid, but `drillsim run` refuses it until this is simulated\n"),
        Lang::Zh => format!("{file} 中有 {n} 处警告：校验通过，但在模拟出这些内容之前 `drillsim run` 不会运行它\n"),
    });
    out
}

fn reports(d: &Diagnostics, severity: miette::Severity, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    let name = d.file.display().to_string();
    for e in &d.errors {
        let len = e.span.end.saturating_sub(e.span.start).max(1);
        let start = e.span.start.min(d.source.len());
        let len = len
            .min(d.source.len().saturating_sub(start))
            .max(if d.source.is_empty() { 0 } else { 1 });
        let len = first_line_of_long_span(&d.source, start, len);
        let mut diag = MietteDiagnostic::new(format!("{}:{}:{}: {}", name, e.line, e.column, e.message_in(zh)))
            .with_code(format!("drillsim::{}", e.code))
            .with_severity(severity);
        if !d.source.is_empty() {
            let here = if zh { "此处" } else { "here" };
            diag = diag.with_label(LabeledSpan::at(start..start + len.min(d.source.len() - start), here));
        }
        if let Some(h) = e.hint_in(zh) {
            diag = diag.with_help(h.to_string());
        }
        let report = Report::new(diag).with_source_code(CharColumns {
            name: name.clone(),
            text: d.source.clone(),
        });
        let mut text = format!("{report:?}\n");
        // miette labels the hint `help:` in English; its footer comes last.
        if zh && let Some(at) = text.rfind(MIETTE_HELP) {
            text.replace_range(at..at + MIETTE_HELP.len(), "  提示：");
        }
        out.push_str(&text);
    }
    out
}

/// Past [`MAX_EXCERPT_LINES`] lines, a span is underlined on its first line
/// only: a missing field of `Scenario(…)` used to print the whole
/// hundred-line drill, burying the one line that matters (where the
/// struct opens).
fn first_line_of_long_span(source: &str, start: usize, len: usize) -> usize {
    let Some(text) = source.get(start..start + len) else {
        return len;
    };
    if text.lines().count() <= MAX_EXCERPT_LINES {
        return len;
    }
    text.find(['\n', '\r']).map_or(len, |end| end.max(1))
}

/// How miette opens a diagnostic's footer (its hint); `提示：` is as wide.
const MIETTE_HELP: &str = "  help: ";

/// The longest span still shown whole.
const MAX_EXCERPT_LINES: usize = 6;

/// A named scenario text whose excerpt header (`[file:line:column]`) counts
/// the column in characters, as the message above it does. miette counts
/// bytes there, so a line with Chinese text before the error showed two
/// different columns for one place (`11:21` in the message, `11:33` in the
/// header); its underline already counts display width.
struct CharColumns {
    name: String,
    text: String,
}

impl SourceCode for CharColumns {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.read_span(span, context_lines_before, context_lines_after)?;
        // miette reports a column only for an excerpt without lines before
        // it (else 0); that column is the one to count in characters.
        let column = if inner.column() == 0 {
            0
        } else {
            let at = span.offset().min(self.text.len());
            let line_start = self.text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
            self.text.get(line_start..at).map_or(inner.column(), |s| s.chars().count())
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

/// Per file: valid or not, its errors, and its warnings (`Ok` holds a valid
/// file's warnings, `Err` an invalid file's errors).
pub fn json(results: &[(String, Result<&Diagnostics, &Diagnostics>)]) -> String {
    let items: Vec<serde_json::Value> = results
        .iter()
        .map(|(file, d)| {
            let (errors, warnings) = match d {
                Ok(w) => (Vec::new(), w.errors.clone()),
                Err(e) => (e.errors.clone(), Vec::new()),
            };
            serde_json::json!({
                "file": file,
                "valid": d.is_ok(),
                "errors": errors,
                "warnings": warnings,
            })
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_default()
}
