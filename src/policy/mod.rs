//! The indicator system: a versioned TOML policy, parsed, compiled and checked once into an
//! immutable [`Policy`] (G3, G4, G5, D2).
//!
//! Data flows one way: text → [`doc`](self) (a serde mirror keeping spans) → `compile` →
//! [`Policy`]. A `Policy` has passed every error check of [`crate::check`], so evaluation
//! never meets a malformed one. [`PolicySet`] holds the versions of one policy id and picks
//! the one in force for a cycle (D2).

pub(crate) mod compile;
mod doc;
mod id;
pub(crate) mod number;
mod rounding;
mod set;

pub use id::{IndicatorId, OverrideId, PolicyId};
pub use rounding::Rounding;
pub use set::PolicySet;

use crate::agency::{Cycle, RecordKind, Service};
use crate::check::{Diagnostic, Report};
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// The text of the shipped default policy (illustrative; see its header).
pub const BEIJING_2026_TOML: &str =
    include_str!("../../policies/beijing-self-monitoring-2026.toml");

/// A grade of G3, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Grade {
    /// 90 and above in the Measures' own scheme; fewer spot checks (S2).
    A,
    /// Routine supervision (S3).
    B,
    /// More spot checks (S4).
    C,
    /// Strict supervision (S5); also the direct grade for bad credit or fraud (G4).
    D,
}

impl Grade {
    /// All grades, best first.
    pub const ALL: [Grade; 4] = [Grade::A, Grade::B, Grade::C, Grade::D];

    /// The letter.
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
        }
    }

    /// Reads a letter.
    pub fn parse(text: &str) -> Option<Grade> {
        Grade::ALL.into_iter().find(|g| g.as_str() == text)
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an override decides: a grade directly (G4) or no grade (G5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Directed {
    /// Direct grading.
    Grade(Grade),
    /// Not graded this cycle.
    NotGraded,
}

impl fmt::Display for Directed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Directed::Grade(g) => write!(f, "{g}"),
            Directed::NotGraded => f.write_str("not-graded"),
        }
    }
}

/// How the total is formed: the cap and the rounding (G3).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ScoreRule {
    /// The total is capped here; non-bonus maxima sum to it.
    pub max: Decimal,
    /// Decimal places the total is rounded to before banding.
    pub places: u32,
    /// How it is rounded.
    pub rounding: Rounding,
}

/// A band `[min, min of the next higher band)`; the top band reaches `score.max` (G3).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Band {
    /// The grade given.
    pub grade: Grade,
    /// The least rounded total in the band.
    pub min: Decimal,
}

/// How an indicator turns roster facts into points.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// The roster gives the points, in `[0, max]`.
    Points,
    /// `max` less `each` per record of `kinds` dated inside the cycle, not below `floor`.
    Deduct {
        /// Points off per record.
        each: Decimal,
        /// Record kinds counted.
        kinds: Vec<RecordKind>,
        /// The least the indicator gives.
        floor: Decimal,
    },
    /// A measured value mapped through thresholds, high to low; below the last gives 0.
    Steps {
        /// `(at least, points)`, thresholds strictly decreasing.
        steps: Vec<Step>,
        /// The values the measured input may take, when the policy says.
        range: Option<(Decimal, Decimal)>,
    },
}

impl Rule {
    /// The rule's name in policy files.
    pub fn name(&self) -> &'static str {
        match self {
            Rule::Points => "points",
            Rule::Deduct { .. } => "deduct",
            Rule::Steps { .. } => "steps",
        }
    }
}

/// One threshold of a `steps` rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Step {
    /// The least measured value that earns `points`.
    pub at_least: Decimal,
    /// The points earned.
    pub points: Decimal,
}

/// One indicator of the system.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Indicator {
    /// Its id; roster inputs are keyed by it.
    pub id: IndicatorId,
    /// Its name as published.
    pub name: String,
    /// The group it is subtotalled under, e.g. `基本素质`.
    pub group: Option<String>,
    /// The most points it gives.
    pub max: Decimal,
    /// Added on top of the others; the total is still capped.
    pub bonus: bool,
    /// The input used when the roster gives none.
    pub default: Option<Decimal>,
    /// How points are computed.
    pub rule: Rule,
    /// Where the indicator comes from.
    pub basis: Option<String>,
    /// A longer description.
    pub description: Option<String>,
}

/// When an override fires: every condition given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct When {
    /// Fires when bad credit is (or, with `false`, is not) active on the grading date (G4).
    pub bad_credit: Option<bool>,
    /// Fires when a record of one of these kinds is dated inside the cycle (G4, D5).
    pub records_in_cycle: Option<Vec<RecordKind>>,
    /// Fires when the roster's `business` equals this (G5).
    pub business: Option<bool>,
}

/// A direct outcome that beats the score (G4, G5).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Override {
    /// Its id, named in results.
    pub id: OverrideId,
    /// The conditions.
    pub when: When,
    /// What it decides.
    pub outcome: Directed,
    /// The highest-priority override that fires wins.
    pub priority: i64,
    /// Years an agency so graded may not be upgraded (D5).
    pub lock_years: Option<u32>,
    /// The citation shown in explanations.
    pub basis: Option<String>,
    /// The rule id it rests on, e.g. `G4`; when the file gives none it is derived from the
    /// conditions (`business` → G5, otherwise G4).
    pub rule: String,
}

/// The identity of a loaded policy: what every result names.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PolicyRef {
    /// The policy id.
    pub id: PolicyId,
    /// The version.
    pub version: String,
    /// Lower-case hex SHA-256 of the policy file's bytes.
    pub sha256: String,
}

/// A compiled, validated, immutable indicator system.
///
/// # Example
/// ```
/// let policy = ecograde::Policy::beijing_2026();
/// assert_eq!(policy.id().as_str(), "beijing/self-monitoring");
/// assert!(policy.warnings().is_empty());
/// ```
#[derive(Debug, Clone)]
pub struct Policy {
    pub(crate) reference: PolicyRef,
    pub(crate) title: String,
    pub(crate) description: Option<String>,
    pub(crate) basis: Option<String>,
    pub(crate) effective_from: Date,
    pub(crate) effective_until: Option<Date>,
    pub(crate) graded_services: Vec<Service>,
    pub(crate) score: ScoreRule,
    /// High to low.
    pub(crate) bands: Vec<Band>,
    pub(crate) credit_bad: Vec<RecordKind>,
    pub(crate) declared_kinds: Vec<RecordKind>,
    pub(crate) indicators: Vec<Indicator>,
    /// In file order.
    pub(crate) overrides: Vec<Override>,
    /// Override indices, highest priority first, file order among equals.
    pub(crate) by_priority: Vec<usize>,
    /// Every kind a roster may use: the built-in C2 kinds and every kind the policy names.
    pub(crate) known_kinds: BTreeSet<RecordKind>,
    pub(crate) warnings: Vec<Diagnostic>,
    /// The file name given when loading, for messages.
    pub(crate) origin: String,
}

/// A policy that does not load.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The file breaks the format or a rule; every error found is listed, with warnings.
    #[error("{}", report_errors(.0))]
    Invalid(Report),
}

fn report_errors(report: &Report) -> String {
    let lines: Vec<String> = report.errors().map(ToString::to_string).collect();
    lines.join("\n")
}

impl LoadError {
    /// The diagnostics behind the error.
    pub fn report(&self) -> &Report {
        match self {
            LoadError::Invalid(report) => report,
        }
    }
}

impl Policy {
    /// Parses, compiles and checks a policy file. `origin` names the file in messages.
    ///
    /// # Errors
    /// [`LoadError::Invalid`] listing every error diagnostic (`E…`) with file, line and column.
    ///
    /// # Example
    /// ```
    /// let text = ecograde::policy::BEIJING_2026_TOML.replace("places = 0", "places = -1");
    /// let err = ecograde::Policy::from_toml(&text, "p.toml").unwrap_err();
    /// assert!(err.to_string().starts_with("p.toml:"));
    /// ```
    pub fn from_toml(source: &str, origin: &str) -> Result<Policy, LoadError> {
        compile::compile(source, origin)
    }

    /// Every diagnostic for a policy file, errors and warnings alike, in file order.
    pub fn check(source: &str, origin: &str) -> Report {
        match compile::compile(source, origin) {
            Ok(policy) => Report {
                diagnostics: policy.warnings,
            },
            Err(LoadError::Invalid(report)) => report,
        }
    }

    /// The shipped default policy, `policies/beijing-self-monitoring-2026.toml`, embedded in
    /// the library. Illustrative: the bureau has not published its indicator system.
    #[allow(clippy::expect_used)] // the embedded file is loaded by a test on every build
    pub fn beijing_2026() -> Policy {
        Policy::from_toml(
            BEIJING_2026_TOML,
            "policies/beijing-self-monitoring-2026.toml",
        )
        .expect("the embedded default policy loads")
    }

    /// Id, version and SHA-256: what every result names.
    pub fn reference(&self) -> &PolicyRef {
        &self.reference
    }

    /// The policy id.
    pub fn id(&self) -> &PolicyId {
        &self.reference.id
    }

    /// The version.
    pub fn version(&self) -> &str {
        &self.reference.version
    }

    /// Lower-case hex SHA-256 of the policy file's bytes.
    pub fn sha256(&self) -> &str {
        &self.reference.sha256
    }

    /// The title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The description, if any.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The citation the policy rests on, if any.
    pub fn basis(&self) -> Option<&str> {
        self.basis.as_deref()
    }

    /// First day of the business period governed.
    pub fn effective_from(&self) -> Date {
        self.effective_from
    }

    /// Last day governed (inclusive), if bounded.
    pub fn effective_until(&self) -> Option<Date> {
        self.effective_until
    }

    /// Whether the policy governs any day of the cycle's business year (D2).
    pub fn governs(&self, cycle: &Cycle) -> bool {
        self.effective_from <= cycle.end()
            && self.effective_until.is_none_or(|u| u >= cycle.start())
    }

    /// Services whose agencies are graded (G1).
    pub fn graded_services(&self) -> &[Service] {
        &self.graded_services
    }

    /// Cap and rounding.
    pub fn score_rule(&self) -> &ScoreRule {
        &self.score
    }

    /// Bands, high to low.
    pub fn bands(&self) -> &[Band] {
        &self.bands
    }

    /// Record kinds that are bad credit (C2).
    pub fn bad_credit_kinds(&self) -> &[RecordKind] {
        &self.credit_bad
    }

    /// Indicators in file order.
    pub fn indicators(&self) -> &[Indicator] {
        &self.indicators
    }

    /// Overrides in file order.
    pub fn overrides(&self) -> &[Override] {
        &self.overrides
    }

    /// Every record kind a roster may use with this policy.
    pub fn known_record_kinds(&self) -> impl Iterator<Item = &RecordKind> {
        self.known_kinds.iter()
    }

    /// The file name given when loading.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Warnings found when loading (`W…`).
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// The band a rounded total falls in: the one with the greatest `min` not above it.
    pub fn band_for(&self, rounded: Decimal) -> Option<&Band> {
        self.bands.iter().find(|b| b.min <= rounded)
    }

    /// The lower bound of the band above `index`, if there is one.
    pub(crate) fn band_ceiling(&self, index: usize) -> Option<Decimal> {
        index
            .checked_sub(1)
            .and_then(|above| self.bands.get(above))
            .map(|b| b.min)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_policy_loads_without_warnings() {
        let policy = Policy::from_toml(BEIJING_2026_TOML, "beijing.toml");
        match policy {
            Ok(policy) => assert!(policy.warnings().is_empty(), "{:?}", policy.warnings()),
            Err(e) => panic!("{e}"),
        }
    }
}
