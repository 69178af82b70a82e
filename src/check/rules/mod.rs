//! One file per check. Each is a plain function over the compiled policy and the places its
//! parts were written; [`run_all`] runs them in code order.

use crate::check::{Code, Report};
use crate::policy::Policy;
use crate::policy::compile::Sites;

/// A check: reads the policy, appends what it finds.
pub(crate) type Check = fn(&Policy, &Sites, &mut Report);

/// Every check, each under the code it reports.
pub(crate) const CHECKS: &[(Code, Check)] = &[];

/// Runs every check.
pub(crate) fn run_all(policy: &Policy, sites: &Sites, report: &mut Report) {
    for (_, check) in CHECKS {
        check(policy, sites, report);
    }
}
