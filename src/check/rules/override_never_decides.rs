//! W002: every override can decide some agency (G4, G5). It cannot when its conditions can
//! never hold together (`records_in_cycle = []`; `bad_credit = true` with no bad-credit
//! kinds), or when an override tried before it (higher priority, or equal priority earlier in
//! the file) fires whenever it fires: the other one's conditions are implied by its own.

use crate::check::{Code, Diagnostic, Report};
use crate::policy::compile::Sites;
use crate::policy::{Override, Policy, When};

pub(super) fn check(policy: &Policy, sites: &Sites, report: &mut Report) {
    for (rank, &index) in policy.by_priority.iter().enumerate() {
        let (Some(over), Some(site)) = (policy.overrides.get(index), sites.overrides.get(index))
        else {
            continue;
        };
        if is_empty(&over.when) {
            continue; // E032 says it.
        }
        if let Some(why) = never_fires(policy, &over.when) {
            report.push(
                Diagnostic::new(
                    Code::OverrideNeverFires,
                    format!("override `{}` can never fire: {why}", over.id),
                    Some(site.when.clone()),
                )
                .with_help("fix its `when`, or remove the override"),
            );
            continue;
        }
        let shadow = policy
            .by_priority
            .iter()
            .take(rank)
            .filter_map(|&i| policy.overrides.get(i))
            .find(|earlier| !is_empty(&earlier.when) && implies(&over.when, &earlier.when));
        if let Some(shadow) = shadow {
            report.push(
                Diagnostic::new(
                    Code::OverrideNeverFires,
                    format!(
                        "override `{}` never decides: `{}` (priority {}) fires whenever it does, and is tried first",
                        over.id, shadow.id, shadow.priority
                    ),
                    Some(site.id.clone()),
                )
                .with_help(shadow_help(over, shadow)),
            );
        }
    }
}

fn is_empty(when: &When) -> bool {
    when.bad_credit.is_none() && when.records_in_cycle.is_none() && when.business.is_none()
}

/// Why `when` can hold for no agency, if it cannot.
fn never_fires(policy: &Policy, when: &When) -> Option<String> {
    if when.records_in_cycle.as_ref().is_some_and(Vec::is_empty) {
        return Some("`records_in_cycle` is empty, so no record matches".to_owned());
    }
    if when.bad_credit == Some(true) && policy.credit_bad.is_empty() {
        return Some("it needs `bad_credit` but `credit.bad` lists no kind".to_owned());
    }
    None
}

/// Whether every agency meeting `this` also meets `that`: each condition `that` has, `this`
/// has with the same value, and `this` looks for records among `that`'s kinds only.
fn implies(this: &When, that: &When) -> bool {
    let bad_credit = that.bad_credit.is_none() || this.bad_credit == that.bad_credit;
    let business = that.business.is_none() || this.business == that.business;
    let records = match (&this.records_in_cycle, &that.records_in_cycle) {
        (_, None) => true,
        (Some(mine), Some(theirs)) => mine.iter().all(|k| theirs.contains(k)),
        (None, Some(_)) => false,
    };
    bad_credit && business && records
}

fn shadow_help(over: &Override, shadow: &Override) -> String {
    if over.outcome == shadow.outcome {
        format!("both decide `{}`; remove `{}`", over.outcome, over.id)
    } else {
        format!(
            "if `{}` should win, give it a priority above {}",
            over.id, shadow.priority
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{found, minimal_with};
    use crate::check::Code;

    const FRAUD: &str = "[[override]]\nid = \"fraud\"\nwhen = { records_in_cycle = [\"data-fraud\"] }\noutcome = \"D\"\npriority = 90\n\n[[override]]\nid = \"no-business\"";

    #[test]
    fn an_empty_records_list_never_fires() {
        let text = minimal_with("[[override]]\nid = \"no-business\"", FRAUD).replacen(
            "[\"data-fraud\"]",
            "[]",
            1,
        );
        let found = found(&text, Code::OverrideNeverFires);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found.iter().all(|m| m.contains("override `fraud` can never fire: `records_in_cycle` is empty")));
    }

    #[test]
    fn bad_credit_with_no_bad_kinds_never_fires() {
        let text = minimal_with("bad = [\"case-filed\"]", "bad = []");
        let found = found(&text, Code::OverrideNeverFires);
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn narrower_conditions_below_a_broader_override_are_shadowed() {
        // `fraud` lower than `bad-credit`, and also needing bad credit: never decides.
        let text = minimal_with("[[override]]\nid = \"no-business\"", FRAUD).replacen(
            "[\"data-fraud\"] }",
            "[\"data-fraud\"], bad_credit = true }",
            1,
        );
        let found = found(&text, Code::OverrideNeverFires);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found.iter().all(|m| m.contains(
            "override `fraud` never decides: `bad-credit` (priority 100) fires whenever it does"
        )));
    }

    #[test]
    fn a_narrower_override_tried_first_is_not_shadowed() {
        let text = minimal_with("[[override]]\nid = \"no-business\"", FRAUD)
            .replacen(
                "[\"data-fraud\"] }",
                "[\"data-fraud\"], bad_credit = true }",
                1,
            )
            .replacen("priority = 90", "priority = 110", 1);
        assert_eq!(found(&text, Code::OverrideNeverFires), Vec::<String>::new());
    }

    #[test]
    fn fewer_kinds_below_more_kinds_are_shadowed_but_not_the_reverse() {
        let broad = "[[override]]\nid = \"broad\"\nwhen = { records_in_cycle = [\"a\", \"b\"] }\noutcome = \"D\"\npriority = 95\n\n";
        let text = minimal_with("[[override]]\nid = \"no-business\"", FRAUD)
            .replacen("[\"data-fraud\"]", "[\"a\"]", 1)
            .replacen(
                "[[override]]\nid = \"fraud\"",
                &format!("{broad}[[override]]\nid = \"fraud\""),
                1,
            );
        assert_eq!(found(&text, Code::OverrideNeverFires).len(), 1);
        let reversed = text.replacen("priority = 95", "priority = 80", 1);
        assert_eq!(
            found(&reversed, Code::OverrideNeverFires),
            Vec::<String>::new()
        );
    }

    #[test]
    fn equal_priority_earlier_in_the_file_shadows() {
        let text = minimal_with("[[override]]\nid = \"no-business\"", FRAUD)
            .replacen(
                "[\"data-fraud\"] }",
                "[\"data-fraud\"], bad_credit = true }",
                1,
            )
            .replacen("priority = 90", "priority = 100", 1);
        assert_eq!(found(&text, Code::OverrideNeverFires).len(), 1);
    }
}
