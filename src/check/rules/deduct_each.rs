//! E024: a `deduct` rule takes a positive number of points off per record; `each` of 0 or
//! below would make findings free or even reward them in the G3 score.

use crate::check::{Code, Diagnostic, Report};
use crate::policy::compile::Sites;
use crate::policy::{Policy, Rule};
use rust_decimal::Decimal;

pub(super) fn check(policy: &Policy, sites: &Sites, report: &mut Report) {
    for (indicator, site) in policy.indicators.iter().zip(&sites.indicators) {
        let Rule::Deduct { each, .. } = &indicator.rule else {
            continue;
        };
        if *each <= Decimal::ZERO {
            report.push(
                Diagnostic::new(
                    Code::DeductEach,
                    format!(
                        "indicator `{}` has `each` {each}; points off per record must be above 0",
                        indicator.id
                    ),
                    Some(site.each.clone().unwrap_or_else(|| site.id.clone())),
                )
                .with_help("set `each` to the points taken off per record, e.g. `each = 1`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{found, minimal_with};
    use crate::check::Code;

    #[test]
    fn zero_and_negative_each_are_reported() {
        for each in ["0", "-1"] {
            let text = minimal_with("each = 5", &format!("each = {each}"));
            let found = found(&text, Code::DeductEach);
            assert_eq!(found.len(), 1, "{each}");
            assert!(
                found
                    .iter()
                    .all(|m| m.contains(&format!("has `each` {each};")))
            );
        }
    }
}
