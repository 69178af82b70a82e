//! E025: a `deduct` rule's `floor` lies in `[0, max]`: the indicator never gives less than
//! nothing, and never more than its share of the G3 score.

use super::interval;
use crate::check::{Code, Diagnostic, Report};
use crate::policy::compile::Sites;
use crate::policy::{Policy, Rule};
use rust_decimal::Decimal;

pub(super) fn check(policy: &Policy, sites: &Sites, report: &mut Report) {
    for (indicator, site) in policy.indicators.iter().zip(&sites.indicators) {
        let Rule::Deduct { floor, .. } = &indicator.rule else {
            continue;
        };
        if *floor < Decimal::ZERO || *floor > indicator.max {
            report.push(
                Diagnostic::new(
                    Code::DeductFloor,
                    format!(
                        "indicator `{}` has `floor` {floor}, outside {}",
                        indicator.id,
                        interval(Decimal::ZERO, indicator.max)
                    ),
                    Some(site.floor.clone().unwrap_or_else(|| site.id.clone())),
                )
                .with_help(format!(
                    "`floor` is the least the indicator gives after deductions; set it between 0 and {}",
                    indicator.max
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{found, minimal_with};
    use crate::check::Code;

    #[test]
    fn floors_outside_zero_to_max_are_reported() {
        for (floor, bad) in [("-1", true), ("0", false), ("20", false), ("21", true)] {
            let text = minimal_with("each = 5", &format!("each = 5\nfloor = {floor}"));
            assert_eq!(
                found(&text, Code::DeductFloor).len(),
                usize::from(bad),
                "{floor}"
            );
        }
    }
}
