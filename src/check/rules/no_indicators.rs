//! E029: a policy has indicators; the score of G3 is their sum.

use crate::check::{Code, Diagnostic, Report};
use crate::policy::Policy;
use crate::policy::compile::Sites;

pub(super) fn check(policy: &Policy, sites: &Sites, report: &mut Report) {
    if policy.indicators.is_empty() {
        report.push(
            Diagnostic::new(
                Code::NoIndicators,
                "the policy has no indicators, so every score would be 0 (G3)",
                Some(sites.policy.clone()),
            )
            .with_help(format!(
                "add `[[indicator]]` tables whose non-bonus `max` values add up to `score.max` {}",
                policy.score.max
            )),
        );
    }
}
