//! W003: every band can be reached by some rounded total (G3). A band misses when no multiple
//! of `10^-places` lies in `[min, min of the band above)` (e.g. `[89.6, 90)` with whole
//! points), or when its `min` is above the greatest total the indicators can give: each
//! indicator's best points, bonus included, capped at `score.max`, then rounded.

use super::best_points;
use crate::check::{Code, Diagnostic, Report};
use crate::policy::Policy;
use crate::policy::compile::Sites;
use rust_decimal::{Decimal, RoundingStrategy};

pub(super) fn check(policy: &Policy, sites: &Sites, report: &mut Report) {
    if policy.indicators.is_empty() {
        return; // E029 says it; every band but the lowest would be reported here too.
    }
    let score = &policy.score;
    let greatest = greatest_total(policy);
    let top = score.rounding.apply(greatest, score.places);
    for (i, (band, site)) in policy.bands.iter().zip(&sites.bands).enumerate() {
        let ceiling = policy.band_ceiling(i);
        // A band above the cap is E012's, a band not below the one above E010's.
        if band.min > score.max || ceiling.is_some_and(|c| c <= band.min) {
            continue;
        }
        let Some(least) = least_on_grid(band.min.max(Decimal::ZERO), score.places) else {
            continue;
        };
        let diagnostic = match ceiling {
            Some(ceiling) if least >= ceiling => {
                let lower = band
                    .min
                    .round_dp_with_strategy(score.places, RoundingStrategy::ToNegativeInfinity);
                Diagnostic::new(
                    Code::UnreachableBand,
                    format!(
                        "no total rounded to {} falls in band `{}` [{}, {ceiling})",
                        places(score.places),
                        band.grade,
                        band.min
                    ),
                    Some(site.min.clone()),
                )
                .with_help(format!(
                    "lower its `min` to {lower}, or round totals to more `places`"
                ))
            }
            // `top` is a rounded total, so `least > top` exactly when `min > top`.
            _ if least > top => {
                let whence = if greatest < score.max {
                    "the greatest total the indicators can give"
                } else {
                    "the greatest total"
                };
                let unrounded = match (greatest < score.max, top == greatest) {
                    (true, true) => String::new(),
                    (true, false) => {
                        format!(" ({}, rounded {})", greatest.normalize(), score.rounding)
                    }
                    (false, true) => " (`score.max`)".to_owned(),
                    (false, false) => {
                        format!(" (`score.max` {}, rounded {})", score.max, score.rounding)
                    }
                };
                Diagnostic::new(
                    Code::UnreachableBand,
                    format!(
                        "band `{}` min {} is above {top}, {whence}{unrounded}",
                        band.grade, band.min
                    ),
                    Some(site.min.clone()),
                )
                .with_help(format!(
                    "no score can earn grade `{}`; lower its `min` to {top} or below",
                    band.grade
                ))
            }
            _ => continue,
        };
        report.push(diagnostic);
    }
}

/// The least multiple of `10^-places` not below `value`, when a decimal can hold it.
fn least_on_grid(value: Decimal, places: u32) -> Option<Decimal> {
    let least = value.round_dp_with_strategy(places, RoundingStrategy::ToPositiveInfinity);
    (least >= value).then_some(least)
}

/// The greatest total before rounding: every indicator's best points, capped at `score.max`.
fn greatest_total(policy: &Policy) -> Decimal {
    policy
        .indicators
        .iter()
        .try_fold(Decimal::ZERO, |sum, i| sum.checked_add(best_points(i)))
        .map_or(policy.score.max, |sum| sum.min(policy.score.max))
}

fn places(places: u32) -> String {
    match places {
        0 => "whole points".to_owned(),
        1 => "1 decimal place".to_owned(),
        n => format!("{n} decimal places"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{found, minimal_with};
    use crate::check::Code;

    #[test]
    fn a_band_between_two_whole_points_is_unreachable() {
        let text = minimal_with("min = 75", "min = 89.6");
        let found = found(&text, Code::UnreachableBand);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found.iter().all(
                |m| m.contains("no total rounded to whole points falls in band `B` [89.6, 90)")
            )
        );
    }

    #[test]
    fn the_same_band_is_reachable_with_one_place() {
        let text = minimal_with("min = 75", "min = 89.6").replacen("places = 0", "places = 1", 1);
        assert_eq!(found(&text, Code::UnreachableBand), Vec::<String>::new());
    }

    #[test]
    fn a_band_above_the_best_total_is_unreachable() {
        // The steps indicator gives at most 25 of its 30: the best total is 95.
        let text = minimal_with("[0.95, 30]", "[0.95, 25]").replacen("min = 90", "min = 96", 1);
        let found = found(&text, Code::UnreachableBand);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found.iter().all(|m| {
            m.contains("band `A` min 96 is above 95, the greatest total the indicators can give")
        }));
    }

    #[test]
    fn rounding_up_to_the_band_counts_as_reaching_it() {
        // Best total 89.5 rounds half-up to 90: band A is reachable.
        let text = minimal_with("[0.95, 30]", "[0.95, 19.5]");
        assert_eq!(found(&text, Code::UnreachableBand), Vec::<String>::new());
    }

    #[test]
    fn bonus_points_count_towards_the_greatest_total() {
        let text = minimal_with("[0.95, 30]", "[0.95, 25]").replacen("min = 90", "min = 96", 1).replacen(
            "[[override]]",
            "[[indicator]]\nid = \"extra\"\nname = \"extra\"\nmax = 5\nrule = \"points\"\nbonus = true\n\n[[override]]",
            1,
        );
        assert_eq!(found(&text, Code::UnreachableBand), Vec::<String>::new());
    }

    #[test]
    fn a_top_band_above_the_rounded_cap_is_unreachable() {
        // Totals are capped at 99.5 and rounded down: 99 is the greatest rounded total.
        let text = minimal_with("max = 100", "max = 99.5")
            .replacen("max = 50", "max = 49.5", 1)
            .replacen("rounding = \"half-up\"", "rounding = \"down\"", 1)
            .replacen("min = 90", "min = 99.2", 1);
        let found = found(&text, Code::UnreachableBand);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found.iter().all(|m| m.contains(
                "band `A` min 99.2 is above 99, the greatest total (`score.max` 99.5, rounded down)"
            )),
            "{found:?}"
        );
    }
}
