//! E028 (G3 indicator system): a `steps` rule's `range` is `[low, high]` with `low <= high`,
//! and every threshold lies inside it; a threshold outside could never be met, or is always
//! met, by a value the roster may give.

use super::interval;
use crate::check::{Code, Diagnostic, Report};
use crate::policy::compile::Sites;
use crate::policy::{Policy, Rule};

pub(super) fn check(policy: &Policy, sites: &Sites, report: &mut Report) {
    for (indicator, site) in policy.indicators.iter().zip(&sites.indicators) {
        let Rule::Steps {
            steps,
            range: Some((low, high)),
        } = &indicator.rule
        else {
            continue;
        };
        if low > high {
            report.push(
                Diagnostic::new(
                    Code::InvalidRange,
                    format!(
                        "indicator `{}` has `range` {}: its low end {low} is above its high end {high}",
                        indicator.id,
                        interval(*low, *high)
                    ),
                    Some(site.range.clone().unwrap_or_else(|| site.id.clone())),
                )
                .with_help(format!("write it low to high: `range = [{high}, {low}]`")),
            );
            continue;
        }
        for (step, at) in steps.iter().zip(&site.steps) {
            if step.at_least < *low || step.at_least > *high {
                report.push(
                    Diagnostic::new(
                        Code::InvalidRange,
                        format!(
                            "indicator `{}` step threshold {} is outside its `range` {}",
                            indicator.id,
                            step.at_least,
                            interval(*low, *high)
                        ),
                        Some(at.clone()),
                    )
                    .with_help("move the threshold inside the range, or widen the `range`"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{found, minimal_with};
    use crate::check::Code;

    #[test]
    fn an_inverted_range_is_reported_once() {
        let text = minimal_with("range = [0, 1]", "range = [1, 0]");
        let found = found(&text, Code::InvalidRange);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found
                .iter()
                .all(|m| m.contains("its low end 1 is above its high end 0"))
        );
    }

    #[test]
    fn thresholds_outside_the_range_are_reported() {
        let text = minimal_with("range = [0, 1]", "range = [0.85, 1]");
        let found = found(&text, Code::InvalidRange);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found
                .iter()
                .all(|m| m.contains("step threshold 0.80 is outside its `range` [0.85, 1]"))
        );
    }
}
