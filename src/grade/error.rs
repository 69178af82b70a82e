//! What can be wrong with the facts given for an agency or a roster.

use crate::agency::{AgencyId, CycleError, RecordKind};
use crate::policy::IndicatorId;
use rust_decimal::Decimal;

/// A fact about one agency that the policy cannot grade from. Never clamped, never skipped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// A `points` or `steps` indicator has no input and no default, and no override decided.
    #[error("agency `{agency}`: no input for indicator `{indicator}`, which has no `default`")]
    MissingInput {
        /// The agency.
        agency: AgencyId,
        /// The indicator.
        indicator: IndicatorId,
    },
    /// An input outside what the indicator accepts.
    #[error(
        "agency `{agency}`: input `{value}` for indicator `{indicator}` is outside [{min}, {max}]"
    )]
    OutOfRange {
        /// The agency.
        agency: AgencyId,
        /// The indicator.
        indicator: IndicatorId,
        /// The value given.
        value: Decimal,
        /// The least accepted.
        min: Decimal,
        /// The most accepted.
        max: Decimal,
    },
    /// An input key naming no indicator.
    #[error("agency `{agency}`: input `{key}` names no indicator of the policy{}", did_you_mean(.suggestion))]
    UnknownInput {
        /// The agency.
        agency: AgencyId,
        /// The key as written.
        key: String,
        /// The nearest indicator id, when one is close.
        suggestion: Option<String>,
    },
    /// An input for an indicator that counts records instead.
    #[error(
        "agency `{agency}`: indicator `{indicator}` is counted from records and takes no input"
    )]
    InputForDeduct {
        /// The agency.
        agency: AgencyId,
        /// The indicator.
        indicator: IndicatorId,
    },
    /// A record kind neither the policy nor the built-in bad-credit kinds (C2) know.
    #[error(
        "agency `{agency}`: record {number} has kind `{kind}`, which the policy does not know{}",
        did_you_mean(.suggestion)
    )]
    UnknownRecordKind {
        /// The agency.
        agency: AgencyId,
        /// 1-based position among the agency's records.
        number: usize,
        /// The kind as written.
        kind: RecordKind,
        /// The nearest known kind, when one is close.
        suggestion: Option<String>,
    },
    /// A record repaired before it was made (D1).
    #[error(
        "agency `{agency}`: record {number} is repaired on {repaired_on}, before its date {on}"
    )]
    RepairBeforeRecord {
        /// The agency.
        agency: AgencyId,
        /// 1-based position among the agency's records.
        number: usize,
        /// The record's date.
        on: jiff::civil::Date,
        /// The repair date given.
        repaired_on: jiff::civil::Date,
    },
}

fn did_you_mean(suggestion: &Option<String>) -> String {
    match suggestion {
        Some(s) => format!(" (did you mean `{s}`?)"),
        None => String::new(),
    }
}

/// Which field of an agency entry an [`InputError`] is about, so a reader of the file can
/// point at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Field<'a> {
    /// The entry as a whole.
    Agency,
    /// `inputs.<key>`.
    Input(&'a str),
    /// The `kind` of the record at this 0-based position.
    RecordKind(usize),
    /// The `repaired_on` of the record at this 0-based position.
    RecordRepair(usize),
}

impl InputError {
    /// The agency the error is about.
    pub fn agency(&self) -> &AgencyId {
        match self {
            InputError::MissingInput { agency, .. }
            | InputError::OutOfRange { agency, .. }
            | InputError::UnknownInput { agency, .. }
            | InputError::InputForDeduct { agency, .. }
            | InputError::UnknownRecordKind { agency, .. }
            | InputError::RepairBeforeRecord { agency, .. } => agency,
        }
    }

    /// The field the error is about.
    pub fn field(&self) -> Field<'_> {
        match self {
            InputError::MissingInput { .. } => Field::Agency,
            InputError::OutOfRange { indicator, .. }
            | InputError::InputForDeduct { indicator, .. } => Field::Input(indicator.as_str()),
            InputError::UnknownInput { key, .. } => Field::Input(key),
            InputError::UnknownRecordKind { number, .. } => {
                Field::RecordKind(number.saturating_sub(1))
            }
            InputError::RepairBeforeRecord { number, .. } => {
                Field::RecordRepair(number.saturating_sub(1))
            }
        }
    }
}

/// A roster that cannot be graded as a whole.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RosterError {
    /// One agency listed twice.
    #[error("agency `{agency}` is listed twice (entries {first} and {second})")]
    Duplicate {
        /// The agency.
        agency: AgencyId,
        /// 1-based entry of the first listing.
        first: usize,
        /// 1-based entry of the second.
        second: usize,
    },
    /// An agency's facts cannot be graded.
    #[error("{error}")]
    Agency {
        /// 0-based entry in the roster.
        index: usize,
        /// What is wrong.
        error: InputError,
    },
    /// The cycle or grading date cannot be graded.
    #[error(transparent)]
    Cycle(#[from] CycleError),
}
