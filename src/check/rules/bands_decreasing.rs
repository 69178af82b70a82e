//! E010: band minima strictly decrease down the list, so each band is the half-open range
//! `[min, min of the band above)` and no two bands claim one total (G3).

use crate::check::{Code, Diagnostic, Report};
use crate::policy::Policy;
use crate::policy::compile::Sites;

pub(super) fn check(policy: &Policy, sites: &Sites, report: &mut Report) {
    let bands = policy.bands.iter().zip(&sites.bands);
    for ((above, _), (band, site)) in bands.clone().zip(bands.skip(1)) {
        if band.min >= above.min {
            report.push(
                Diagnostic::new(
                    Code::BandsNotDecreasing,
                    format!(
                        "band `{}` min {} is not below band `{}` min {}",
                        band.grade, band.min, above.grade, above.min
                    ),
                    Some(site.min.clone()),
                )
                .with_help("list bands from the highest `min` down, each below the one before"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{found, minimal_with};
    use crate::check::Code;

    #[test]
    fn a_band_not_below_the_one_before_is_named_with_both_minima() {
        let text = minimal_with("min = 75", "min = 95");
        assert_eq!(
            found(&text, Code::BandsNotDecreasing),
            [
                "t.toml:21:7: error[E010]: band `B` min 95 is not below band `A` min 90 \
              (help: list bands from the highest `min` down, each below the one before)"
            ]
        );
    }

    #[test]
    fn equal_minima_are_not_decreasing() {
        let text = minimal_with("min = 75", "min = 90");
        assert_eq!(found(&text, Code::BandsNotDecreasing).len(), 1);
    }
}
