//! Versions of one indicator system over time (D2), and which one governs a cycle.

use super::{LoadError, Policy};
use crate::agency::Cycle;
use crate::check::{Code, Diagnostic, Report};

/// The versions of one policy id, none in force on the same day as another.
///
/// # Example
/// ```
/// use ecograde::{Policy, PolicySet, agency::Cycle};
/// let set = PolicySet::new(vec![Policy::beijing_2026()]).unwrap();
/// let cycle = Cycle::new(2026, None).unwrap();
/// assert_eq!(set.for_cycle(&cycle).map(|p| p.version()), Some("2026.1"));
/// ```
#[derive(Debug, Clone)]
pub struct PolicySet {
    /// Ordered by `effective_from`.
    versions: Vec<Policy>,
}

impl PolicySet {
    /// Gathers versions of one policy.
    ///
    /// # Errors
    /// [`LoadError::Invalid`] when the versions have different ids (E042), repeat a version
    /// (E043), or two are in force on the same day (E041).
    pub fn new(mut versions: Vec<Policy>) -> Result<PolicySet, LoadError> {
        versions
            .sort_by(|a, b| (a.effective_from, a.version()).cmp(&(b.effective_from, b.version())));
        let mut report = Report::default();
        if let Some(first) = versions.first() {
            for other in versions.iter().filter(|p| p.id() != first.id()) {
                report.push(Diagnostic::new(
                    Code::MixedPolicies,
                    format!(
                        "`{}` holds policy `{}` but the set is of `{}` (from `{}`)",
                        other.origin,
                        other.id(),
                        first.id(),
                        first.origin
                    ),
                    None,
                ));
            }
        }
        for (i, a) in versions.iter().enumerate() {
            for b in versions.iter().skip(i + 1) {
                if a.id() != b.id() {
                    continue;
                }
                if a.version() == b.version() {
                    report.push(Diagnostic::new(
                        Code::DuplicateVersion,
                        format!(
                            "version `{}` of `{}` is given twice (`{}` and `{}`)",
                            a.version(),
                            a.id(),
                            a.origin,
                            b.origin
                        ),
                        None,
                    ));
                } else if a
                    .effective_until
                    .is_none_or(|until| until >= b.effective_from)
                {
                    report.push(Diagnostic::new(
                        Code::OverlappingVersions,
                        format!(
                            "versions `{}` (`{}`) and `{}` (`{}`) of `{}` are both in force on {}",
                            a.version(),
                            a.origin,
                            b.version(),
                            b.origin,
                            a.id(),
                            b.effective_from
                        ),
                        None,
                    ).with_help(format!(
                        "end `{}` with `effective_until` before {}",
                        a.version(),
                        b.effective_from
                    )));
                }
            }
        }
        if report.passed() {
            Ok(PolicySet { versions })
        } else {
            Err(LoadError::Invalid(report))
        }
    }

    /// The version that governs `cycle` (D2): of the versions in force on some day of the
    /// business year, the one in force latest in it, so a mid-year revision governs the year it
    /// was revised in.
    pub fn for_cycle(&self, cycle: &Cycle) -> Option<&Policy> {
        self.versions.iter().rev().find(|p| p.governs(cycle))
    }

    /// The versions, oldest first.
    pub fn versions(&self) -> &[Policy] {
        &self.versions
    }
}
