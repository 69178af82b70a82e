//! W001: every indicator can reach its `max`. A `steps` indicator whose best step gives less
//! keeps even a perfect agency below `score.max`, which shifts every band of G3 in effect.
//! `points` and `deduct` indicators always can (a perfect input; no records).

use super::best_points;
use crate::check::{Code, Diagnostic, Report};
use crate::policy::compile::Sites;
use crate::policy::{Policy, Rule};

pub(super) fn check(policy: &Policy, sites: &Sites, report: &mut Report) {
    for (indicator, site) in policy.indicators.iter().zip(&sites.indicators) {
        if !matches!(indicator.rule, Rule::Steps { .. }) {
            continue;
        }
        let best = best_points(indicator);
        if best < indicator.max {
            report.push(
                Diagnostic::new(
                    Code::UnreachableMax,
                    format!(
                        "indicator `{}` has `max` {} but its best step gives {best}",
                        indicator.id, indicator.max
                    ),
                    Some(site.max.clone()),
                )
                .with_help(format!(
                    "give the top step {} points, or lower `max` to {best}",
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
    fn a_steps_indicator_short_of_its_max_is_reported() {
        let text = minimal_with("[0.95, 30]", "[0.95, 25]");
        let found = found(&text, Code::UnreachableMax);
        assert_eq!(found.len(), 1);
        assert!(
            found
                .iter()
                .all(|m| m.contains("indicator `quality` has `max` 30 but its best step gives 25"))
        );
    }

    #[test]
    fn the_best_step_need_not_be_the_first() {
        let text = minimal_with("[0.95, 30], [0.90, 20]", "[0.95, 20], [0.90, 30]");
        assert_eq!(found(&text, Code::UnreachableMax), Vec::<String>::new());
    }
}
