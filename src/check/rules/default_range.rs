//! E027 (G3 indicator system): an indicator's `default` is a value its rule accepts from a
//! roster: points in `[0, max]`; a measured value inside `range` when one is given, else not
//! below 0. A default the roster could not give would grade agencies on a fact that cannot be.

use super::interval;
use crate::check::{Code, Diagnostic, Report};
use crate::policy::compile::Sites;
use crate::policy::{Policy, Rule};
use rust_decimal::Decimal;

pub(super) fn check(policy: &Policy, sites: &Sites, report: &mut Report) {
    for (indicator, site) in policy.indicators.iter().zip(&sites.indicators) {
        let Some(default) = indicator.default else {
            continue;
        };
        let (low, high, what) = match &indicator.rule {
            Rule::Points => (
                Decimal::ZERO,
                Some(indicator.max),
                "the points it can give,",
            ),
            // An inverted range is E028's to report.
            Rule::Steps {
                range: Some((low, high)),
                ..
            } if low <= high => (*low, Some(*high), "its `range`"),
            Rule::Steps { range: Some(_), .. } => continue,
            Rule::Steps { range: None, .. } => (Decimal::ZERO, None, "a measured value"),
            // `default` on a deduct indicator is E026, reported when compiling.
            Rule::Deduct { .. } => continue,
        };
        let inside = default >= low && high.is_none_or(|high| default <= high);
        if inside {
            continue;
        }
        let message = match high {
            Some(high) => format!(
                "indicator `{}` has `default` {default}, outside {what} {}",
                indicator.id,
                interval(low, high)
            ),
            None => format!(
                "indicator `{}` has `default` {default}, below 0, the least {what} may be",
                indicator.id
            ),
        };
        let help = match high {
            Some(high) => format!("use a default between {low} and {high}"),
            None => "use a default of 0 or more, or give the indicator a `range`".to_owned(),
        };
        report.push(
            Diagnostic::new(
                Code::DefaultOutOfRange,
                message,
                Some(site.default.clone().unwrap_or_else(|| site.id.clone())),
            )
            .with_help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{found, minimal_with};
    use crate::check::Code;

    #[test]
    fn points_defaults_lie_in_zero_to_max() {
        for (default, bad) in [("-1", true), ("0", false), ("50", false), ("50.5", true)] {
            let text = minimal_with(
                "rule = \"points\"",
                &format!("rule = \"points\"\ndefault = {default}"),
            );
            assert_eq!(
                found(&text, Code::DefaultOutOfRange).len(),
                usize::from(bad),
                "{default}"
            );
        }
    }

    #[test]
    fn steps_defaults_lie_in_the_range_or_not_below_zero() {
        for (range, default, bad) in [
            ("range = [0, 1]", "1.5", true),
            ("range = [0, 1]", "1", false),
            ("range = [0.5, 1]", "0.2", true),
            ("", "1.5", false),
            ("", "-0.1", true),
        ] {
            let text = minimal_with("range = [0, 1]", &format!("{range}\ndefault = {default}"));
            assert_eq!(
                found(&text, Code::DefaultOutOfRange).len(),
                usize::from(bad),
                "{range} {default}"
            );
        }
    }
}
