//! The one place a score is rounded (G3 leaves rounding to the policy).

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::fmt;

/// How the total is rounded to `score.places` decimal places before banding.
///
/// Worked values, to 0 places:
///
/// | total | half-up | half-even | down | up |
/// |------:|--------:|----------:|-----:|---:|
/// | 89.5  | 90      | 90        | 89   | 90 |
/// | 88.5  | 89      | 88        | 88   | 89 |
/// | 89.4  | 89      | 89        | 89   | 90 |
/// | 59.5  | 60      | 60        | 59   | 60 |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rounding {
    /// Halves go up (away from zero): 89.5 → 90, 89.4 → 89.
    HalfUp,
    /// Halves go to the even neighbour (banker's rounding): 88.5 → 88, 89.5 → 90.
    HalfEven,
    /// Toward zero (truncation): 89.9 → 89.
    Down,
    /// Away from zero: 89.1 → 90.
    Up,
}

impl Rounding {
    /// Every mode, in the order documented.
    pub const ALL: [Rounding; 4] = [
        Rounding::HalfUp,
        Rounding::HalfEven,
        Rounding::Down,
        Rounding::Up,
    ];

    /// The name used in policy files.
    pub fn as_str(self) -> &'static str {
        match self {
            Rounding::HalfUp => "half-up",
            Rounding::HalfEven => "half-even",
            Rounding::Down => "down",
            Rounding::Up => "up",
        }
    }

    /// Reads a mode as written in a policy file.
    pub fn parse(name: &str) -> Option<Rounding> {
        Rounding::ALL.into_iter().find(|r| r.as_str() == name)
    }

    /// Rounds `value` to `places` decimal places, and writes it with exactly that many places
    /// (so `85` to 1 place is `85.0`): the one rounding function of the crate.
    ///
    /// ```
    /// use ecograde::policy::Rounding;
    /// use rust_decimal::Decimal;
    /// let total = Decimal::new(895, 1); // 89.5
    /// assert_eq!(Rounding::HalfUp.apply(total, 0).to_string(), "90");
    /// assert_eq!(Rounding::HalfEven.apply(Decimal::new(885, 1), 0).to_string(), "88");
    /// assert_eq!(Rounding::Down.apply(total, 0).to_string(), "89");
    /// ```
    pub fn apply(self, value: Decimal, places: u32) -> Decimal {
        let strategy = match self {
            Rounding::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            Rounding::HalfEven => RoundingStrategy::MidpointNearestEven,
            Rounding::Down => RoundingStrategy::ToZero,
            Rounding::Up => RoundingStrategy::AwayFromZero,
        };
        let mut rounded = value.round_dp_with_strategy(places, strategy);
        rounded.rescale(places);
        rounded
    }
}

impl fmt::Display for Rounding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn worked_values_of_the_doc_table() {
        let table = [
            ("89.5", ["90", "90", "89", "90"]),
            ("88.5", ["89", "88", "88", "89"]),
            ("89.4", ["89", "89", "89", "90"]),
            ("59.5", ["60", "60", "59", "60"]),
            ("90", ["90", "90", "90", "90"]),
        ];
        for (total, expected) in table {
            for (mode, want) in Rounding::ALL.into_iter().zip(expected) {
                assert_eq!(mode.apply(d(total), 0).to_string(), want, "{total} {mode}");
            }
        }
    }

    #[test]
    fn places_are_kept_exactly() {
        assert_eq!(Rounding::HalfUp.apply(d("85"), 1).to_string(), "85.0");
        assert_eq!(Rounding::HalfUp.apply(d("74.45"), 1).to_string(), "74.5");
        assert_eq!(Rounding::HalfEven.apply(d("74.45"), 1).to_string(), "74.4");
    }
}
