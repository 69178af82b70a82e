//! E030: two overrides of equal priority give the same outcome. The highest-priority override
//! that fires decides (G4, G5); at a tie with different outcomes the file order would decide
//! silently, so the policy must say which wins.

use crate::check::{Code, Diagnostic, Report};
use crate::policy::Policy;
use crate::policy::compile::Sites;

pub(super) fn check(policy: &Policy, sites: &Sites, report: &mut Report) {
    let overrides: Vec<_> = policy.overrides.iter().zip(&sites.overrides).collect();
    for (i, (over, site)) in overrides.iter().enumerate() {
        // One diagnostic per override, against the first earlier one it conflicts with.
        let first = overrides
            .iter()
            .take(i)
            .find(|(o, _)| o.priority == over.priority && o.outcome != over.outcome);
        if let Some((first, _)) = first {
            report.push(
                Diagnostic::new(
                    Code::PriorityConflict,
                    format!(
                        "overrides `{}` and `{}` both have priority {} but decide `{}` and `{}`",
                        first.id, over.id, over.priority, first.outcome, over.outcome
                    ),
                    Some(site.priority.clone()),
                )
                .with_help(format!(
                    "give the one that should win when both fire a higher priority than {}",
                    over.priority
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
    fn equal_priority_with_different_outcomes_names_both() {
        let text = minimal_with("priority = 50", "priority = 100");
        let found = found(&text, Code::PriorityConflict);
        assert_eq!(found.len(), 1);
        assert!(found.iter().all(|m| m.contains(
            "overrides `bad-credit` and `no-business` both have priority 100 but decide `D` and `not-graded`"
        )));
    }

    #[test]
    fn equal_priority_with_one_outcome_is_no_conflict() {
        let text = minimal_with("priority = 50", "priority = 100").replacen(
            "outcome = \"not-graded\"",
            "outcome = \"D\"",
            1,
        );
        assert_eq!(found(&text, Code::PriorityConflict), Vec::<String>::new());
    }
}
