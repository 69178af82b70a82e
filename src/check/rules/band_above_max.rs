//! E012: no band starts above `score.max`: totals are capped there, so such a band could
//! never be reached (G3).

use crate::check::{Code, Diagnostic, Report};
use crate::policy::Policy;
use crate::policy::compile::Sites;

pub(super) fn check(policy: &Policy, sites: &Sites, report: &mut Report) {
    let max = policy.score.max;
    for (band, site) in policy.bands.iter().zip(&sites.bands) {
        if band.min > max {
            report.push(
                Diagnostic::new(
                    Code::BandAboveMax,
                    format!(
                        "band `{}` min {} is above `score.max` {max}",
                        band.grade, band.min
                    ),
                    Some(site.min.clone()),
                )
                .with_help(format!(
                    "totals are capped at {max}; lower the band's `min`"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{found, minimal_with};
    use crate::check::Code;

    #[test]
    fn a_band_above_the_cap_is_reported() {
        let text = minimal_with("min = 90", "min = 100.5");
        let found = found(&text, Code::BandAboveMax);
        assert_eq!(found.len(), 1);
        assert!(
            found
                .iter()
                .all(|m| m.contains("band `A` min 100.5 is above `score.max` 100"))
        );
    }

    #[test]
    fn a_band_at_the_cap_is_fine() {
        let text = minimal_with("min = 90", "min = 100");
        assert_eq!(found(&text, Code::BandAboveMax), Vec::<String>::new());
    }
}
