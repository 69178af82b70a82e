//! E022: a `steps` rule lists its thresholds from the highest down, strictly: a measured value
//! earns the points of the first threshold it meets, so a lower threshold listed earlier
//! would hide the ones after it (G3 indicator system). And points must not rise as thresholds
//! fall: a better measured value must never earn fewer points.

use crate::check::{Code, Diagnostic, Report};
use crate::policy::compile::Sites;
use crate::policy::{Policy, Rule};

pub(super) fn check(policy: &Policy, sites: &Sites, report: &mut Report) {
    for (indicator, site) in policy.indicators.iter().zip(&sites.indicators) {
        let Rule::Steps { steps, .. } = &indicator.rule else {
            continue;
        };
        let steps = steps.iter().zip(&site.steps);
        for ((above, _), (step, at)) in steps.clone().zip(steps.skip(1)) {
            if step.at_least >= above.at_least {
                report.push(
                    Diagnostic::new(
                        Code::StepsNotDecreasing,
                        format!(
                            "indicator `{}` step threshold {} is not below the threshold before it, {}",
                            indicator.id, step.at_least, above.at_least
                        ),
                        Some(at.clone()),
                    )
                    .with_help("list steps from the highest threshold down"),
                );
            } else if step.points > above.points {
                report.push(
                    Diagnostic::new(
                        Code::StepsNotDecreasing,
                        format!(
                            "indicator `{}` step at {} gives {} points, more than the higher step at {} ({} points)",
                            indicator.id, step.at_least, step.points, above.at_least, above.points
                        ),
                        Some(at.clone()),
                    )
                    .with_help("a better measured value must never earn fewer points"),
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
    fn points_rising_as_thresholds_fall_are_reported() {
        let text = minimal_with("[0.90, 20]", "[0.90, 40]");
        let found = found(&text, Code::StepsNotDecreasing);
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn a_threshold_not_below_the_previous_is_reported() {
        let text = minimal_with("[0.90, 20]", "[0.95, 20]");
        let found = found(&text, Code::StepsNotDecreasing);
        assert_eq!(found.len(), 1);
        assert!(found.iter().all(|m| m.contains(
            "indicator `quality` step threshold 0.95 is not below the threshold before it, 0.95"
        )));
    }
}
