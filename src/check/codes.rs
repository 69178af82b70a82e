//! The stable diagnostic codes. A code never changes meaning; retired codes are not reused.

use super::Severity;
use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! codes {
    ($($variant:ident = $text:literal, $severity:ident, $doc:literal;)*) => {
        /// A stable diagnostic code. `E…` stop a policy from loading; `W…` are warnings.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[non_exhaustive]
        pub enum Code {
            $(
                #[doc = $doc]
                #[serde(rename = $text)]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code as printed, e.g. `E010`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $text),* }
            }

            /// Whether the code is an error or a warning.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity),* }
            }

            /// One line on what the code means.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $doc),* }
            }
        }
    };
}

codes! {
    Syntax = "E001", Error, "the file is not valid TOML, or a value has the wrong type or is missing";
    UnknownKey = "E002", Error, "a key the policy format does not know";
    Schema = "E003", Error, "an unsupported `schema` version";
    InvalidValue = "E004", Error, "a value out of its domain: a decimal, id, date, service or outcome";
    UnknownRounding = "E005", Error, "a rounding mode other than half-up, half-even, down, up";
    BandsNotDecreasing = "E010", Error, "band minima are not strictly decreasing";
    LowestBandNotZero = "E011", Error, "the lowest band does not start at 0 (G3: every score gets a band)";
    BandAboveMax = "E012", Error, "a band minimum is above `score.max`";
    DuplicateGrade = "E013", Error, "two bands give the same grade";
    GradesOutOfOrder = "E014", Error, "bands are not listed in grade order A, B, C, D";
    NoBands = "E015", Error, "the policy has no bands";
    MaximaSum = "E020", Error, "the non-bonus indicator maxima do not sum to `score.max`";
    DuplicateIndicator = "E021", Error, "two indicators share an id";
    StepsNotDecreasing = "E022", Error, "`steps` are out of order: thresholds must strictly decrease and points must not rise";
    StepPoints = "E023", Error, "a step gives points below 0 or above the indicator's `max`";
    DeductEach = "E024", Error, "`each` is not above 0";
    DeductFloor = "E025", Error, "`floor` is outside [0, max]";
    RuleFields = "E026", Error, "a key that does not belong to the indicator's rule, or one it needs is missing";
    DefaultOutOfRange = "E027", Error, "an indicator's `default` is outside what its rule accepts";
    InvalidRange = "E028", Error, "a `range` whose low end is above its high end";
    NoIndicators = "E029", Error, "the policy has no indicators";
    PriorityConflict = "E030", Error, "two overrides of equal priority give different outcomes";
    DuplicateOverride = "E031", Error, "two overrides share an id";
    EmptyWhen = "E032", Error, "an override whose `when` names no condition";
    EffectiveRange = "E040", Error, "`effective_until` is before `effective_from`";
    OverlappingVersions = "E041", Error, "two versions of one policy are in force on the same day";
    MixedPolicies = "E042", Error, "a policy set holds versions of different policy ids";
    DuplicateVersion = "E043", Error, "a policy set holds the same version twice";
    UnreachableMax = "W001", Warning, "an indicator can never reach its `max`";
    OverrideNeverFires = "W002", Warning, "an override can never fire, or never decides because a higher one always fires with it";
    UnreachableBand = "W003", Warning, "no rounded total can land in a band";
    UnusedRecordKind = "W004", Warning, "a record kind that no rule uses";
    MissingGrade = "W005", Warning, "a grade of G3 (A, B, C, D) that no band gives";
    LockWithoutD = "W006", Warning, "`lock_years` on an override whose outcome is not D (D5 locks D grades)";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_prefixed_by_severity() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "{code} twice");
            let prefix = match code.severity() {
                Severity::Error => 'E',
                Severity::Warning => 'W',
            };
            assert!(code.as_str().starts_with(prefix), "{code}");
        }
    }
}
