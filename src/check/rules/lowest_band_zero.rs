//! E011: the lowest band starts at 0, so every total in `[0, score.max]` gets a grade (G3).

use crate::check::{Code, Diagnostic, Report};
use crate::policy::Policy;
use crate::policy::compile::Sites;
use rust_decimal::Decimal;

pub(super) fn check(policy: &Policy, sites: &Sites, report: &mut Report) {
    // The band with the least `min`, wherever it is listed: a misordered list is E010's to say.
    let lowest = policy
        .bands
        .iter()
        .zip(&sites.bands)
        .min_by_key(|(band, _)| band.min);
    let Some((band, site)) = lowest else {
        return;
    };
    if band.min == Decimal::ZERO {
        return;
    }
    let why = if band.min > Decimal::ZERO {
        format!("totals below {} get no grade", band.min)
    } else {
        "totals are never below 0".to_owned()
    };
    report.push(
        Diagnostic::new(
            Code::LowestBandNotZero,
            format!(
                "lowest band `{}` min {} is not 0: {why}",
                band.grade, band.min
            ),
            Some(site.min.clone()),
        )
        .with_help(format!("set `min = 0` on band `{}`", band.grade)),
    );
}

#[cfg(test)]
mod tests {
    use super::super::tests::{found, minimal_with};
    use crate::check::Code;

    #[test]
    fn a_lowest_band_above_zero_leaves_totals_ungraded() {
        let text = minimal_with("min = 0", "min = 10");
        let found = found(&text, Code::LowestBandNotZero);
        assert_eq!(found.len(), 1);
        assert!(
            found.iter().all(|m| m.contains("band `D` min 10 is not 0")),
            "{found:?}"
        );
    }

    #[test]
    fn the_lowest_band_is_found_wherever_it_is_listed() {
        // D listed first with min 0: the list is out of order (E010, E014) but starts at 0.
        let text = minimal_with("grade = \"A\"\nmin = 90", "grade = \"D\"\nmin = 0").replacen(
            "grade = \"D\"\nmin = 0\n\n",
            "grade = \"A\"\nmin = 90\n\n",
            1,
        );
        assert_eq!(found(&text, Code::LowestBandNotZero), Vec::<String>::new());
    }
}
