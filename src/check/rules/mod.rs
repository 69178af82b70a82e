//! One file per check. Each is a plain function over the compiled policy and the places its
//! parts were written; [`run_all`] runs them in code order.
//!
//! The checks only run on a policy that compiled without error, so every `Sites` list lines
//! up index for index with the policy's bands, indicators and overrides.

mod band_above_max;
mod bands_decreasing;
mod deduct_each;
mod deduct_floor;
mod default_range;
mod duplicate_grade;
mod duplicate_indicator;
mod duplicate_override;
mod effective_range;
mod empty_when;
mod grade_order;
mod lock_without_d;
mod lowest_band_zero;
mod maxima_sum;
mod missing_grade;
mod no_bands;
mod no_indicators;
mod override_never_decides;
mod priority_conflict;
mod step_points;
mod steps_decreasing;
mod steps_range;
mod unreachable_band;
mod unreachable_max;
mod unused_record_kind;

use crate::check::{Code, Report};
use crate::policy::compile::Sites;
use crate::policy::{Indicator, Policy, Rule};
use rust_decimal::Decimal;

/// A check: reads the policy, appends what it finds.
pub(crate) type Check = fn(&Policy, &Sites, &mut Report);

/// Every check, each under the code it reports.
pub(crate) const CHECKS: &[(Code, Check)] = &[
    (Code::BandsNotDecreasing, bands_decreasing::check),
    (Code::LowestBandNotZero, lowest_band_zero::check),
    (Code::BandAboveMax, band_above_max::check),
    (Code::DuplicateGrade, duplicate_grade::check),
    (Code::GradesOutOfOrder, grade_order::check),
    (Code::NoBands, no_bands::check),
    (Code::MaximaSum, maxima_sum::check),
    (Code::DuplicateIndicator, duplicate_indicator::check),
    (Code::StepsNotDecreasing, steps_decreasing::check),
    (Code::StepPoints, step_points::check),
    (Code::DeductEach, deduct_each::check),
    (Code::DeductFloor, deduct_floor::check),
    (Code::DefaultOutOfRange, default_range::check),
    (Code::InvalidRange, steps_range::check),
    (Code::NoIndicators, no_indicators::check),
    (Code::PriorityConflict, priority_conflict::check),
    (Code::DuplicateOverride, duplicate_override::check),
    (Code::EmptyWhen, empty_when::check),
    (Code::EffectiveRange, effective_range::check),
    (Code::UnreachableMax, unreachable_max::check),
    (Code::OverrideNeverFires, override_never_decides::check),
    (Code::UnreachableBand, unreachable_band::check),
    (Code::UnusedRecordKind, unused_record_kind::check),
    (Code::MissingGrade, missing_grade::check),
    (Code::LockWithoutD, lock_without_d::check),
];

/// Runs every check.
pub(crate) fn run_all(policy: &Policy, sites: &Sites, report: &mut Report) {
    for (_, check) in CHECKS {
        check(policy, sites, report);
    }
}

/// The most points an indicator can give: `max` for `points` and `deduct` (no records); for
/// `steps`, the most any step gives, and never below 0 (a value under the last step gets 0).
fn best_points(indicator: &Indicator) -> Decimal {
    match &indicator.rule {
        Rule::Points | Rule::Deduct { .. } => indicator.max,
        Rule::Steps { steps, .. } => steps
            .iter()
            .map(|s| s.points)
            .fold(Decimal::ZERO, Decimal::max),
    }
}

/// A closed interval as messages write it: `[0, 10]`.
fn interval(low: Decimal, high: Decimal) -> String {
    format!("[{low}, {high}]")
}

#[cfg(test)]
pub(super) mod tests {
    use super::CHECKS;
    use crate::check::{Code, Diagnostic};
    use crate::policy::Policy;

    /// A small policy that loads with no diagnostics; tests break one thing with `replace`.
    pub(crate) const MINIMAL: &str = r#"schema = 1

[policy]
id = "test/minimal"
version = "1"
title = "minimal"
effective_from = 2026-01-01
effective_until = 2026-12-31
graded_services = ["self-monitoring"]

[score]
max = 100
places = 0
rounding = "half-up"

[[band]]
grade = "A"
min = 90
[[band]]
grade = "B"
min = 75
[[band]]
grade = "C"
min = 60
[[band]]
grade = "D"
min = 0

[credit]
bad = ["case-filed"]

[[indicator]]
id = "staff"
name = "staff"
max = 50
rule = "points"

[[indicator]]
id = "quality"
name = "quality"
max = 30
rule = "steps"
steps = [[0.95, 30], [0.90, 20], [0.80, 10]]
range = [0, 1]

[[indicator]]
id = "conduct"
name = "conduct"
max = 20
rule = "deduct"
each = 5
kinds = ["finding"]

[[override]]
id = "bad-credit"
when = { bad_credit = true }
outcome = "D"
priority = 100
lock_years = 3

[[override]]
id = "no-business"
when = { business = false }
outcome = "not-graded"
priority = 50
"#;

    /// Every diagnostic for `text`.
    pub(crate) fn diagnostics(text: &str) -> Vec<Diagnostic> {
        Policy::check(text, "t.toml").diagnostics
    }

    /// The diagnostics of one code for `text`, as rendered.
    pub(crate) fn found(text: &str, code: Code) -> Vec<String> {
        diagnostics(text)
            .into_iter()
            .filter(|d| d.code == code)
            .map(|d| d.to_string())
            .collect()
    }

    /// `MINIMAL` with `from` replaced by `to`; fails the test when `from` is not in it.
    pub(crate) fn minimal_with(from: &str, to: &str) -> String {
        assert!(
            MINIMAL.contains(from),
            "`{from}` is not in the minimal policy"
        );
        MINIMAL.replacen(from, to, 1)
    }

    #[test]
    fn minimal_policy_is_clean() {
        assert_eq!(diagnostics(MINIMAL), Vec::new());
    }

    #[test]
    fn checks_are_listed_in_code_order_once_each() {
        let codes: Vec<Code> = CHECKS.iter().map(|(c, _)| *c).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(codes, sorted);
    }
}
