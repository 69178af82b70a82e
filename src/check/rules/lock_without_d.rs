//! W006: `lock_years` belongs on overrides that grade D: D5 bars upgrading a D grade given
//! for bad credit or fraud, and says nothing of other outcomes.

use crate::check::{Code, Diagnostic, Report};
use crate::policy::compile::Sites;
use crate::policy::{Directed, Grade, Policy};

pub(super) fn check(policy: &Policy, sites: &Sites, report: &mut Report) {
    for (over, site) in policy.overrides.iter().zip(&sites.overrides) {
        let Some(years) = over.lock_years else {
            continue;
        };
        if over.outcome == Directed::Grade(Grade::D) {
            continue;
        }
        report.push(
            Diagnostic::new(
                Code::LockWithoutD,
                format!(
                    "override `{}` has `lock_years` {years} but decides `{}`; D5 locks only D grades",
                    over.id, over.outcome
                ),
                Some(site.lock_years.clone().unwrap_or_else(|| site.id.clone())),
            )
            .with_help("remove `lock_years`, or set `outcome = \"D\"`"),
        );
    }
}
