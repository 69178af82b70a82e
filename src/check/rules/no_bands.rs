//! E015: a policy has bands; without them no total gets a grade (G3).

use crate::check::{Code, Diagnostic, Report};
use crate::policy::Policy;
use crate::policy::compile::Sites;

pub(super) fn check(policy: &Policy, sites: &Sites, report: &mut Report) {
    if policy.bands.is_empty() {
        report.push(
            Diagnostic::new(
                Code::NoBands,
                "the policy has no bands, so no total gets a grade (G3)",
                Some(sites.policy.clone()),
            )
            .with_help("add a `[[band]]` with `grade` and `min` for each of A, B, C and D"),
        );
    }
}
