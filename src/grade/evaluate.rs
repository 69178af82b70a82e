//! The evaluation order of chapter 4: exclusion (G1) → overrides by priority (G4, G5) →
//! score (sum, bonus, cap, one rounding) → band (G3).
//!
//! The same functions serve the grade-only path and the explained path: the explained path
//! passes a closure that records each indicator's line; the grade-only path passes one that
//! does nothing, so it allocates nothing per indicator.

use super::InputError;
use crate::agency::{Agency, Cycle, Record};
use crate::policy::{Grade, Indicator, Override, Policy, Rule, When};
use crate::suggest::nearest;
use rust_decimal::Decimal;

/// How one indicator's points came about; `Copy`, so the grade-only path builds nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum How {
    /// The roster gave the points.
    Given(Decimal),
    /// The indicator's default stood in for a missing input.
    Defaulted(Decimal),
    /// A measured value met the threshold `at_least` (or none).
    Stepped {
        input: Decimal,
        defaulted: bool,
        at_least: Option<Decimal>,
    },
    /// `count` records took `off` points off; `floored` when the floor stopped it.
    Deducted {
        count: usize,
        off: Decimal,
        floored: bool,
    },
    /// No input and no default; the score cannot be computed.
    Missing,
}

/// The sums behind a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Totals {
    /// Sum of non-bonus points.
    pub base: Decimal,
    /// Sum of bonus points.
    pub bonus: Decimal,
    /// `base + bonus`, capped at `score.max`.
    pub capped: Decimal,
    /// `capped` rounded: the score.
    pub rounded: Decimal,
}

/// Checks the facts given for `agency` against the policy: every record kind known, every
/// input key an indicator that takes one, every input in range. Runs for every agency, graded
/// or not, so a typo never passes silently.
pub(crate) fn validate(policy: &Policy, agency: &Agency) -> Result<(), InputError> {
    for (number, record) in (1..).zip(&agency.records) {
        if !policy.known_kinds.contains(&record.kind) {
            return Err(InputError::UnknownRecordKind {
                agency: agency.id,
                number,
                kind: record.kind.clone(),
                suggestion: nearest(
                    record.kind.as_str(),
                    policy.known_kinds.iter().map(|k| k.as_str()),
                )
                .map(str::to_owned),
            });
        }
        if let Some(repaired_on) = record.repaired_on.filter(|r| *r < record.on) {
            return Err(InputError::RepairBeforeRecord {
                agency: agency.id,
                number,
                on: record.on,
                repaired_on,
            });
        }
    }
    for (key, value) in &agency.inputs {
        let Some(indicator) = policy.indicators.iter().find(|i| i.id.as_str() == key) else {
            return Err(InputError::UnknownInput {
                agency: agency.id,
                key: key.clone(),
                suggestion: nearest(key, policy.indicators.iter().map(|i| i.id.as_str()))
                    .map(str::to_owned),
            });
        };
        check_range(agency, indicator, *value)?;
    }
    Ok(())
}

/// The values an indicator's input may take: points in `[0, max]`; a measured value in the
/// declared `range`, or any value not below 0.
pub(crate) fn input_range(indicator: &Indicator) -> Option<(Decimal, Option<Decimal>)> {
    match &indicator.rule {
        Rule::Points => Some((Decimal::ZERO, Some(indicator.max))),
        Rule::Steps { range, .. } => Some(match range {
            Some((lo, hi)) => (*lo, Some(*hi)),
            None => (Decimal::ZERO, None),
        }),
        Rule::Deduct { .. } => None,
    }
}

fn check_range(agency: &Agency, indicator: &Indicator, value: Decimal) -> Result<(), InputError> {
    let Some((min, max)) = input_range(indicator) else {
        return Err(InputError::InputForDeduct {
            agency: agency.id,
            indicator: indicator.id.clone(),
        });
    };
    if value < min || max.is_some_and(|max| value > max) {
        return Err(InputError::OutOfRange {
            agency: agency.id,
            indicator: indicator.id.clone(),
            value,
            min,
            max: max.unwrap_or(Decimal::MAX),
        });
    }
    Ok(())
}

/// G1: only filed agencies offering a graded service are graded. An agency filed after the
/// grading date is not in the register yet (F4).
pub(crate) fn is_excluded(policy: &Policy, agency: &Agency, cycle: &Cycle) -> bool {
    let offers_graded = agency
        .services
        .iter()
        .any(|s| policy.graded_services.contains(s));
    !offers_graded || agency.filed_on.is_some_and(|filed| filed > cycle.as_of())
}

/// Whether a record is bad credit active on the grading date (C2, D1).
pub(crate) fn is_active_bad_credit(policy: &Policy, record: &Record, cycle: &Cycle) -> bool {
    policy.credit_bad.contains(&record.kind) && record.is_active_on(cycle.as_of())
}

/// Whether a record of one of `kinds` is dated inside the cycle; repair does not erase it.
pub(crate) fn is_in_cycle_of(
    record: &Record,
    kinds: &[crate::agency::RecordKind],
    cycle: &Cycle,
) -> bool {
    cycle.contains(record.on) && kinds.contains(&record.kind)
}

/// Whether every condition of `when` holds.
pub(crate) fn fires(policy: &Policy, when: &When, agency: &Agency, cycle: &Cycle) -> bool {
    let bad_credit_holds = when.bad_credit.is_none_or(|wanted| {
        let has = agency
            .records
            .iter()
            .any(|r| is_active_bad_credit(policy, r, cycle));
        has == wanted
    });
    let records_hold = when.records_in_cycle.as_ref().is_none_or(|kinds| {
        agency
            .records
            .iter()
            .any(|r| is_in_cycle_of(r, kinds, cycle))
    });
    let business_holds = when.business.is_none_or(|wanted| agency.business == wanted);
    bad_credit_holds && records_hold && business_holds
}

/// The override that decides: the highest priority that fires (G4, G5).
pub(crate) fn winner<'p>(
    policy: &'p Policy,
    agency: &Agency,
    cycle: &Cycle,
) -> Option<&'p Override> {
    policy
        .by_priority
        .iter()
        .filter_map(|&i| policy.overrides.get(i))
        .find(|o| fires(policy, &o.when, agency, cycle))
}

/// One indicator's points, or `None` when its input is missing.
pub(crate) fn points(
    indicator: &Indicator,
    agency: &Agency,
    cycle: &Cycle,
) -> (Option<Decimal>, How) {
    let given = agency.inputs.get(indicator.id.as_str()).copied();
    match &indicator.rule {
        Rule::Points => match (given, indicator.default) {
            (Some(v), _) => (Some(v), How::Given(v)),
            (None, Some(d)) => (Some(d), How::Defaulted(d)),
            (None, None) => (None, How::Missing),
        },
        Rule::Steps { steps, .. } => {
            let (input, defaulted) = match (given, indicator.default) {
                (Some(v), _) => (v, false),
                (None, Some(d)) => (d, true),
                (None, None) => return (None, How::Missing),
            };
            let met = steps.iter().find(|s| s.at_least <= input);
            let how = How::Stepped {
                input,
                defaulted,
                at_least: met.map(|s| s.at_least),
            };
            (Some(met.map_or(Decimal::ZERO, |s| s.points)), how)
        }
        Rule::Deduct { each, kinds, floor } => {
            let count = agency
                .records
                .iter()
                .filter(|r| is_in_cycle_of(r, kinds, cycle))
                .count();
            let off = *each * Decimal::from(count);
            let left = indicator.max - off;
            let floored = left < *floor;
            let points = if floored { *floor } else { left };
            (
                Some(points),
                How::Deducted {
                    count,
                    off,
                    floored,
                },
            )
        }
    }
}

/// Sums, caps and rounds. `each` sees every indicator in file order. Returns `Ok(None)` when
/// an input is missing and `lenient` (an override decided, so no score is needed).
pub(crate) fn total(
    policy: &Policy,
    agency: &Agency,
    cycle: &Cycle,
    lenient: bool,
    mut each: impl FnMut(&Indicator, Option<Decimal>, How),
) -> Result<Option<Totals>, InputError> {
    let mut base = Decimal::ZERO;
    let mut bonus = Decimal::ZERO;
    let mut complete = true;
    for indicator in &policy.indicators {
        let (points, how) = points(indicator, agency, cycle);
        each(indicator, points, how);
        match points {
            Some(p) if indicator.bonus => bonus += p,
            Some(p) => base += p,
            None if lenient => complete = false,
            None => {
                return Err(InputError::MissingInput {
                    agency: agency.id,
                    indicator: indicator.id.clone(),
                });
            }
        }
    }
    if !complete {
        return Ok(None);
    }
    let capped = (base + bonus).min(policy.score.max);
    let rounded = policy.score.rounding.apply(capped, policy.score.places);
    Ok(Some(Totals {
        base,
        bonus,
        capped,
        rounded,
    }))
}

/// The band of a rounded total (G3). Every policy that loads has a band for every total in
/// `[0, max]`; the fallback to D is for totals no policy can produce.
pub(crate) fn band_of(policy: &Policy, rounded: Decimal) -> (usize, Grade) {
    policy
        .bands
        .iter()
        .enumerate()
        .find(|(_, b)| b.min <= rounded)
        .map_or((policy.bands.len(), Grade::D), |(i, b)| (i, b.grade))
}
