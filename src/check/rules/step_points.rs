//! E023: each step of a `steps` rule gives points in `[0, max]` of its indicator, so no
//! indicator outweighs its share of the G3 score.

use super::interval;
use crate::check::{Code, Diagnostic, Report};
use crate::policy::compile::Sites;
use crate::policy::{Policy, Rule};
use rust_decimal::Decimal;

pub(super) fn check(policy: &Policy, sites: &Sites, report: &mut Report) {
    for (indicator, site) in policy.indicators.iter().zip(&sites.indicators) {
        let Rule::Steps { steps, .. } = &indicator.rule else {
            continue;
        };
        for (step, at) in steps.iter().zip(&site.steps) {
            let head = format!(
                "indicator `{}` step at {} gives {} points",
                indicator.id, step.at_least, step.points
            );
            let message = if step.points < Decimal::ZERO {
                format!("{head}, below 0")
            } else if step.points > indicator.max {
                format!("{head}, above its `max` {}", indicator.max)
            } else {
                continue;
            };
            report.push(
                Diagnostic::new(Code::StepPoints, message, Some(at.clone())).with_help(format!(
                    "a step gives points in {}",
                    interval(Decimal::ZERO, indicator.max)
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
    fn points_above_max_and_below_zero_are_reported() {
        let text = minimal_with("[0.95, 30]", "[0.95, 31]").replacen("[0.80, 10]", "[0.80, -1]", 1);
        let found = found(&text, Code::StepPoints);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().any(|m| {
            m.contains("indicator `quality` step at 0.95 gives 31 points, above its `max` 30")
        }));
        assert!(
            found
                .iter()
                .any(|m| m.contains("indicator `quality` step at 0.80 gives -1 points, below 0 ("))
        );
    }
}
