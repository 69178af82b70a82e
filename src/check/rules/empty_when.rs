//! E032: an override's `when` names at least one condition. With none, every condition
//! "holds" and the override would decide every agency, whatever its score (G4, G5).

use crate::check::{Code, Diagnostic, Report};
use crate::policy::Policy;
use crate::policy::compile::Sites;

pub(super) fn check(policy: &Policy, sites: &Sites, report: &mut Report) {
    for (over, site) in policy.overrides.iter().zip(&sites.overrides) {
        let when = &over.when;
        if when.bad_credit.is_none() && when.records_in_cycle.is_none() && when.business.is_none() {
            report.push(
                Diagnostic::new(
                    Code::EmptyWhen,
                    format!(
                        "override `{}` has no condition in `when`, so it would decide `{}` for every agency",
                        over.id, over.outcome
                    ),
                    Some(site.when.clone()),
                )
                .with_help("name `bad_credit`, `records_in_cycle` or `business` in `when`"),
            );
        }
    }
}
