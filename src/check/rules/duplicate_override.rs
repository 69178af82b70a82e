//! E031: override ids are unique: results name the override that decided (G4, G5).

use crate::check::{Code, Diagnostic, Report};
use crate::policy::Policy;
use crate::policy::compile::Sites;

pub(super) fn check(policy: &Policy, sites: &Sites, report: &mut Report) {
    let overrides: Vec<_> = policy.overrides.iter().zip(&sites.overrides).collect();
    for (i, (over, site)) in overrides.iter().enumerate() {
        let first = overrides.iter().take(i).find(|(f, _)| f.id == over.id);
        if let Some((_, first_site)) = first {
            report.push(
                Diagnostic::new(
                    Code::DuplicateOverride,
                    format!(
                        "override id `{}` is used twice; the first is on line {}",
                        over.id, first_site.id.line
                    ),
                    Some(site.id.clone()),
                )
                .with_help("give each override its own `id`"),
            );
        }
    }
}
