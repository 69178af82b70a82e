//! Dated records against an agency: bad credit (C2), inspection findings, complaints, and the
//! credit repair that ends a record's effect (D1).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The seven bad-credit situations of C2, as record kinds every policy knows.
///
/// In order: false filing materials; employing a person banned from the trade; penalised for
/// monitoring-data fraud; a lead of a violation placed on file; refusing supervision or
/// inspection; breaking the written commitment; serious dishonesty.
pub const BUILT_IN_BAD_CREDIT: [&str; 7] = [
    "false-filing",
    "banned-person-employed",
    "data-fraud-penalty",
    "case-filed",
    "inspection-refused",
    "commitment-breached",
    "serious-dishonesty",
];

/// The kind of a record, such as `inspection-finding`: lower-case ASCII letters, digits and
/// `-`, `_`, `.`, starting with a letter.
///
/// Which kinds a roster may use is decided by the policy (its rules name them) and by the
/// built-in bad-credit kinds of C2 ([`BUILT_IN_BAD_CREDIT`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct RecordKind(String);

/// A record kind that is not well formed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "record kind `{0}` must start with a lower-case letter and hold only a-z, 0-9, `-`, `_` and `.`"
)]
pub struct RecordKindError(pub String);

impl RecordKind {
    /// Checks the spelling of a record kind.
    ///
    /// # Errors
    /// [`RecordKindError`] when the kind is empty or holds other characters.
    pub fn new(kind: &str) -> Result<Self, RecordKindError> {
        let mut chars = kind.chars();
        let starts_well = chars.next().is_some_and(|c| c.is_ascii_lowercase());
        let rest_ok = chars
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'));
        if starts_well && rest_ok {
            Ok(RecordKind(kind.to_owned()))
        } else {
            Err(RecordKindError(kind.to_owned()))
        }
    }

    /// The kind as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is one of the seven bad-credit kinds of C2.
    pub fn is_built_in_bad_credit(&self) -> bool {
        BUILT_IN_BAD_CREDIT.contains(&self.0.as_str())
    }
}

impl fmt::Display for RecordKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for RecordKind {
    type Err = RecordKindError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RecordKind::new(s)
    }
}

impl<'de> Deserialize<'de> for RecordKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        RecordKind::new(&text).map_err(serde::de::Error::custom)
    }
}

/// A dated fact about an agency: a credit record, an inspection finding, a complaint.
///
/// A record is *active* on a date `d` when it is dated on or before `d` and was not repaired
/// on or before `d` (D1). Repair ends a record's credit effect; it does not erase the fact that
/// it happened, so rules that count records inside the cycle still count it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// What happened.
    pub kind: RecordKind,
    /// The date of the document that found it.
    #[serde(with = "crate::serde_util::date")]
    pub on: Date,
    /// The document's reference number, e.g. `京环监查〔2026〕31号`.
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// A responsible person (C3), e.g. an ID number. Kept for the register, never published:
    /// explanations leave it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    /// When credit repair was granted (D1).
    #[serde(
        default,
        with = "crate::serde_util::opt_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub repaired_on: Option<Date>,
}

impl Record {
    /// A record of `kind` dated `on`, with no reference, person or repair.
    pub fn new(kind: RecordKind, on: Date) -> Self {
        Record {
            kind,
            on,
            reference: None,
            person: None,
            repaired_on: None,
        }
    }

    /// Whether the record is in effect on `date`: dated on or before it and not repaired on or
    /// before it (D1).
    pub fn is_active_on(&self, date: Date) -> bool {
        self.on <= date && self.repaired_on.is_none_or(|repaired| repaired > date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn kinds_are_spelled_plainly() {
        assert!(RecordKind::new("inspection-finding").is_ok());
        assert!(RecordKind::new("a.b_c-1").is_ok());
        for bad in ["", "Inspection", "1st", "data fraud", "数据造假"] {
            assert_eq!(RecordKind::new(bad), Err(RecordKindError(bad.to_owned())));
        }
    }

    #[test]
    fn built_in_kinds_are_well_formed() {
        for kind in BUILT_IN_BAD_CREDIT {
            let kind = RecordKind::new(kind);
            assert!(kind.is_ok_and(|k| k.is_built_in_bad_credit()));
        }
    }

    #[test]
    fn repair_ends_activity_on_its_day() {
        let Ok(kind) = RecordKind::new("case-filed") else {
            panic!("well-formed kind rejected")
        };
        let mut record = Record::new(kind, date(2026, 3, 1));
        assert!(!record.is_active_on(date(2026, 2, 28)));
        assert!(record.is_active_on(date(2026, 3, 1)));
        record.repaired_on = Some(date(2026, 6, 1));
        assert!(record.is_active_on(date(2026, 5, 31)));
        assert!(!record.is_active_on(date(2026, 6, 1)));
    }
}
