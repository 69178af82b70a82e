//! W004: every record kind the policy names does something. A kind declared in `[records]`
//! that no deduct indicator, no `records_in_cycle` and no `credit.bad` uses is accepted from
//! rosters and then ignored; and when no override looks at `bad_credit`, the kinds of
//! `credit.bad` decide nothing (C2, G4).

use crate::check::{Code, Diagnostic, Report};
use crate::policy::compile::Sites;
use crate::policy::{Policy, Rule};

pub(super) fn check(policy: &Policy, sites: &Sites, report: &mut Report) {
    for (kind, site) in policy.declared_kinds.iter().zip(&sites.declared_kinds) {
        let deducted = policy.indicators.iter().any(|i| match &i.rule {
            Rule::Deduct { kinds, .. } => kinds.contains(kind),
            _ => false,
        });
        let overridden = policy.overrides.iter().any(|o| {
            o.when
                .records_in_cycle
                .as_ref()
                .is_some_and(|kinds| kinds.contains(kind))
        });
        let bad = policy.credit_bad.contains(kind);
        if !(deducted || overridden || bad) {
            report.push(
                Diagnostic::new(
                    Code::UnusedRecordKind,
                    format!("record kind `{kind}` is declared in `[records]` but no rule uses it"),
                    Some(site.clone()),
                )
                .with_help(
                    "count it in a deduct indicator's `kinds`, an override's `records_in_cycle` or `credit.bad`, or remove it",
                ),
            );
        }
    }
    // The built-in C2 kinds stand in when there is no `[credit]` table; only a list the
    // author wrote is worth a warning, and it is reported once, at its first kind.
    let uses_bad_credit = policy.overrides.iter().any(|o| o.when.bad_credit.is_some());
    if !uses_bad_credit {
        if let Some(first) = sites.credit_bad.first() {
            let kinds: Vec<String> = policy.credit_bad.iter().map(|k| format!("`{k}`")).collect();
            report.push(
                Diagnostic::new(
                    Code::UnusedRecordKind,
                    format!(
                        "`credit.bad` lists {} but no override uses `bad_credit`, so bad credit decides nothing",
                        kinds.join(", ")
                    ),
                    Some(first.clone()),
                )
                .with_help(
                    "add an override with `when = { bad_credit = true }` and `outcome = \"D\"` (G4), or remove `[credit]`",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{found, minimal_with};
    use crate::check::Code;

    #[test]
    fn declared_kinds_count_as_used_by_any_rule() {
        let text = minimal_with(
            "[credit]",
            "[records]\nkinds = [\"finding\", \"case-filed\", \"spare\"]\n\n[credit]",
        );
        let found = found(&text, Code::UnusedRecordKind);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found
                .iter()
                .all(|m| m.contains("record kind `spare` is declared"))
        );
    }

    #[test]
    fn bad_credit_kinds_with_no_bad_credit_override_are_reported_once() {
        let text = minimal_with(
            "when = { bad_credit = true }",
            "when = { records_in_cycle = [\"fraud\"] }",
        );
        let found = found(&text, Code::UnusedRecordKind);
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn no_credit_table_means_no_warning() {
        let text = minimal_with("[credit]\nbad = [\"case-filed\"]\n", "").replacen(
            "when = { bad_credit = true }",
            "when = { records_in_cycle = [\"fraud\"] }",
            1,
        );
        assert_eq!(found(&text, Code::UnusedRecordKind), Vec::<String>::new());
    }
}
