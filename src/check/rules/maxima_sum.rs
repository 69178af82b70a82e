//! E020: the non-bonus indicator maxima add up to `score.max`, so a perfect agency scores
//! exactly the cap and the bands of G3 mean what they say; bonus indicators ride on top.

use crate::check::{Code, Diagnostic, Report};
use crate::policy::Policy;
use crate::policy::compile::Sites;
use rust_decimal::Decimal;

pub(super) fn check(policy: &Policy, sites: &Sites, report: &mut Report) {
    if policy.indicators.is_empty() {
        return; // E029 says it.
    }
    let max = policy.score.max;
    let sum = policy
        .indicators
        .iter()
        .filter(|i| !i.bonus)
        .try_fold(Decimal::ZERO, |sum, i| sum.checked_add(i.max));
    let (message, over) = match sum {
        Some(sum) if sum == max => return,
        Some(sum) if sum < max => (
            format!(
                "the non-bonus indicator maxima sum to {sum}, not `score.max` {max} ({} short)",
                (max - sum).normalize()
            ),
            false,
        ),
        Some(sum) => (
            format!(
                "the non-bonus indicator maxima sum to {sum}, not `score.max` {max} ({} over)",
                (sum - max).normalize()
            ),
            true,
        ),
        None => (
            format!(
                "the non-bonus indicator maxima sum to more than a decimal holds, not `score.max` {max}"
            ),
            true,
        ),
    };
    let help = if over {
        format!(
            "lower the non-bonus indicators' `max` so they add up to {max}, or mark extras `bonus = true`"
        )
    } else {
        format!("raise the non-bonus indicators' `max` so they add up to {max}")
    };
    report.push(
        Diagnostic::new(Code::MaximaSum, message, Some(sites.score_max.clone())).with_help(help),
    );
}

#[cfg(test)]
mod tests {
    use super::super::tests::{found, minimal_with};
    use crate::check::Code;

    #[test]
    fn the_sum_the_max_and_the_gap_are_named() {
        let text = minimal_with("max = 50", "max = 45.5");
        let found = found(&text, Code::MaximaSum);
        assert_eq!(found.len(), 1);
        assert!(
            found.iter().all(|m| m.contains(
                "the non-bonus indicator maxima sum to 95.5, not `score.max` 100 (4.5 short)"
            )),
            "{found:?}"
        );
    }

    #[test]
    fn bonus_indicators_are_not_counted() {
        let text = minimal_with(
            "[[override]]",
            "[[indicator]]\nid = \"extra\"\nname = \"extra\"\nmax = 5\nrule = \"points\"\nbonus = true\n\n[[override]]",
        );
        assert_eq!(found(&text, Code::MaximaSum), Vec::<String>::new());
    }
}
