//! `ecograde check`: every diagnostic of each policy file, rustc-style under its source line,
//! then a summary line per file.

use crate::{Failure, Output, source};
use annotate_snippets::{Level, Renderer, Snippet};
use ecograde::{Diagnostic, Policy, PolicySet, Report, Severity};
use std::io::IsTerminal;
use std::path::PathBuf;

/// Check policy files and print every diagnostic.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 0 no errors (warnings allowed), 1 an error, 2 a file cannot be read."
)]
pub(crate) struct Args {
    /// Policy files (TOML).
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
}

/// Runs `ecograde check`.
///
/// # Errors
/// A [`Failure`] when a file cannot be read; then nothing is printed to stdout.
pub(crate) fn run(args: &Args) -> Result<Output, Failure> {
    // Read everything first, so an unreadable file leaves stdout empty.
    let files = args
        .files
        .iter()
        .map(|path| Ok((source::shown(path), source::read(path)?)))
        .collect::<Result<Vec<_>, Failure>>()?;
    let renderer = if colors() {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    let mut failed = false;
    let mut loaded: Vec<Policy> = Vec::new();
    for (file, text) in &files {
        let report = match Policy::from_toml(text, file) {
            Ok(policy) => {
                let report = Report {
                    diagnostics: policy.warnings().to_vec(),
                };
                loaded.push(policy);
                report
            }
            Err(e) => e.report().clone(),
        };
        for diagnostic in &report.diagnostics {
            if !out.is_empty() && !out.ends_with("\n\n") {
                out.push('\n');
            }
            out.push_str(&render(&renderer, diagnostic, file, text));
            out.push_str("\n\n");
        }
        let errors = report.errors().count();
        let warnings = report.warnings().count();
        failed |= errors > 0;
        out.push_str(&summary(file, errors, warnings));
        out.push('\n');
    }
    failed |= check_versions(loaded, &renderer, &mut out);
    Ok(Output {
        stdout: out,
        status: u8::from(failed),
    })
}

/// Versions of one policy id checked together (D2): none in force on the same day as
/// another, no version twice. Returns whether any such error was found.
fn check_versions(mut loaded: Vec<Policy>, renderer: &Renderer, out: &mut String) -> bool {
    let mut failed = false;
    loaded.sort_by(|a, b| a.id().cmp(b.id()));
    let mut rest = loaded.as_slice();
    while let Some(first) = rest.first() {
        let same = rest.iter().take_while(|p| p.id() == first.id()).count();
        let (group, tail) = rest.split_at(same);
        rest = tail;
        if group.len() < 2 {
            continue;
        }
        if let Err(e) = PolicySet::new(group.to_vec()) {
            failed = true;
            for diagnostic in &e.report().diagnostics {
                let level = Level::Error
                    .title(&diagnostic.message)
                    .id(diagnostic.code.as_str());
                let help = diagnostic.help.as_deref().map(|h| Level::Help.title(h));
                out.push_str(&renderer.render(level.footers(help)).to_string());
                out.push_str("\n\n");
            }
            let count = e.report().errors().count();
            out.push_str(&format!(
                "versions of `{}`: {count} error{}\n",
                first.id(),
                if count == 1 { "" } else { "s" }
            ));
        }
    }
    failed
}

/// Colors only for a terminal, and never when `NO_COLOR` is set; piped output is plain.
fn colors() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// `policies/x.toml: 2 errors, 1 warning`, or `policies/x.toml: ok`.
fn summary(file: &str, errors: usize, warnings: usize) -> String {
    let count = |n: usize, noun: &str| format!("{n} {noun}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, 0) => format!("{file}: ok"),
        (e, 0) => format!("{file}: {}", count(e, "error")),
        (0, w) => format!("{file}: {}", count(w, "warning")),
        (e, w) => format!("{file}: {}, {}", count(e, "error"), count(w, "warning")),
    }
}

/// One diagnostic: `error[E010]: message`, `--> file:line:col`, the source line with the span
/// underlined, and the help as a footer.
fn render(renderer: &Renderer, diagnostic: &Diagnostic, file: &str, text: &str) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
    };
    let code = diagnostic.code.as_str();
    let mut message = level.title(&diagnostic.message).id(code);
    let note;
    match &diagnostic.location {
        Some(location) => {
            let span = char_span(text, location.span.clone());
            message = message.snippet(
                Snippet::source(text)
                    .line_start(1)
                    .origin(&location.file)
                    .fold(true)
                    .annotation(level.span(span)),
            );
        }
        None => {
            note = format!("in {file}");
            message = message.footer(Level::Note.title(&note));
        }
    }
    if let Some(help) = &diagnostic.help {
        message = message.footer(Level::Help.title(help));
    }
    renderer.render(message).to_string()
}

/// `span` clamped to `text` and widened to character boundaries, so the renderer never meets
/// a range it cannot slice.
fn char_span(text: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_count_plurals() {
        assert_eq!(summary("p.toml", 0, 0), "p.toml: ok");
        assert_eq!(summary("p.toml", 1, 0), "p.toml: 1 error");
        assert_eq!(summary("p.toml", 0, 2), "p.toml: 2 warnings");
        assert_eq!(summary("p.toml", 2, 1), "p.toml: 2 errors, 1 warning");
    }

    #[test]
    fn spans_stay_on_boundaries() {
        let text = "a = \"名\"";
        assert_eq!(char_span(text, 5..6), 5..8);
        assert_eq!(char_span(text, 6..99), 5..text.len());
    }
}
