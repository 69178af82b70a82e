//! Policy checks: every rule a policy must keep (errors, `E…`) or should keep (warnings,
//! `W…`), one small rule per file, each with a stable code.
//!
//! Checks are data, not control flow: each rule appends [`Diagnostic`]s to a [`Report`]. A
//! policy with an error diagnostic does not load ([`crate::LoadError`]); warnings ride along
//! with the loaded [`crate::Policy`] and `ecograde check` prints them.

mod codes;
mod location;
mod rules;

pub use codes::Code;
pub use location::{Location, Span};
pub(crate) use rules::run_all;

use serde::{Deserialize, Serialize};
use std::fmt;

/// Whether a diagnostic stops the policy from loading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The policy loads; the author should look.
    Warning,
    /// The policy does not load.
    Error,
}

/// One finding about a policy: a stable code, how bad it is, what is wrong and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Stable code, e.g. `E010`.
    pub code: Code,
    /// Error or warning; fixed by the code.
    pub severity: Severity,
    /// Lower-case message naming the offending value in backticks.
    pub message: String,
    /// Where in the policy file, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// A hint on how to fix it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with the severity its code carries.
    pub fn new(code: Code, message: impl Into<String>, location: Option<Location>) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            location,
            help: None,
        }
    }

    /// Adds a hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    /// `file:line:col: error[E010]: message`, the form compilers use.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(location) = &self.location {
            write!(f, "{location}: ")?;
        }
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{level}[{}]: {}", self.code, self.message)?;
        if let Some(help) = &self.help {
            write!(f, " (help: {help})")?;
        }
        Ok(())
    }
}

/// All diagnostics about one policy, errors and warnings, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The findings.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// True when nothing stops the policy from loading.
    pub fn passed(&self) -> bool {
        self.errors().next().is_none()
    }

    /// The error diagnostics.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }

    /// The warning diagnostics.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
    }

    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Orders diagnostics by place in the file, then code, so output is stable.
    pub(crate) fn sort(&mut self) {
        self.diagnostics.sort_by(|a, b| {
            let key = |d: &Diagnostic| d.location.as_ref().map(|l| (l.line, l.column));
            key(a).cmp(&key(b)).then(a.code.cmp(&b.code))
        });
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}
