//! E021: indicator ids are unique: roster inputs and the explanation of a G3 score are keyed
//! by them.

use crate::check::{Code, Diagnostic, Report};
use crate::policy::Policy;
use crate::policy::compile::Sites;

pub(super) fn check(policy: &Policy, sites: &Sites, report: &mut Report) {
    let indicators: Vec<_> = policy.indicators.iter().zip(&sites.indicators).collect();
    for (i, (indicator, site)) in indicators.iter().enumerate() {
        let first = indicators
            .iter()
            .take(i)
            .find(|(f, _)| f.id == indicator.id);
        if let Some((_, first_site)) = first {
            report.push(
                Diagnostic::new(
                    Code::DuplicateIndicator,
                    format!(
                        "indicator id `{}` is used twice; the first is on line {}",
                        indicator.id, first_site.id.line
                    ),
                    Some(site.id.clone()),
                )
                .with_help("give each indicator its own `id`"),
            );
        }
    }
}
