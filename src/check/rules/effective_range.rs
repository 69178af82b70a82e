//! E040: a policy's `effective_until` is not before its `effective_from`; otherwise the
//! version governs no day at all (D2).

use crate::check::{Code, Diagnostic, Report};
use crate::policy::Policy;
use crate::policy::compile::Sites;

pub(super) fn check(policy: &Policy, sites: &Sites, report: &mut Report) {
    let Some(until) = policy.effective_until else {
        return;
    };
    if until < policy.effective_from {
        let at = sites
            .effective_until
            .clone()
            .unwrap_or_else(|| sites.effective_from.clone());
        report.push(
            Diagnostic::new(
                Code::EffectiveRange,
                format!(
                    "`effective_until` {until} is before `effective_from` {}, so the policy governs no day",
                    policy.effective_from
                ),
                Some(at),
            )
            .with_help("`effective_until` is the last day governed, inclusive"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{found, minimal_with};
    use crate::check::Code;

    #[test]
    fn a_one_day_policy_is_fine_and_a_negative_one_is_not() {
        let one_day = minimal_with(
            "effective_until = 2026-12-31",
            "effective_until = 2026-01-01",
        );
        assert_eq!(found(&one_day, Code::EffectiveRange), Vec::<String>::new());
        let before = minimal_with(
            "effective_until = 2026-12-31",
            "effective_until = 2025-12-31",
        );
        assert_eq!(found(&before, Code::EffectiveRange).len(), 1);
    }
}
