//! W005: each grade of G3 (A, B, C, D) has a band. A policy may drop one on purpose, but
//! then that grade can come only from an override, which is rarely what was meant.

use crate::check::{Code, Diagnostic, Report};
use crate::policy::compile::Sites;
use crate::policy::{Grade, Policy};

pub(super) fn check(policy: &Policy, sites: &Sites, report: &mut Report) {
    let Some(last) = sites.bands.last() else {
        return; // No bands at all is E015.
    };
    for grade in Grade::ALL {
        if policy.bands.iter().any(|b| b.grade == grade) {
            continue;
        }
        // Point at the band that now holds the totals the missing grade would have: the
        // first band of a worse grade, else the last band.
        let at = policy
            .bands
            .iter()
            .zip(&sites.bands)
            .find(|(b, _)| b.grade > grade)
            .map_or(last, |(_, site)| site);
        report.push(
            Diagnostic::new(
                Code::MissingGrade,
                format!("no band gives grade `{grade}` (G3 grades A, B, C and D)"),
                Some(at.grade.clone()),
            )
            .with_help(format!("add a `[[band]]` with `grade = \"{grade}\"`")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{found, minimal_with};
    use crate::check::Code;

    #[test]
    fn a_missing_grade_is_pointed_at_the_band_below_it() {
        let text = minimal_with("[[band]]\ngrade = \"C\"\nmin = 60\n", "");
        let found = found(&text, Code::MissingGrade);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found.iter().all(|m| m.contains("no band gives grade `C`")));
    }
}
