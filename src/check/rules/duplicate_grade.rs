//! E013: each grade of G3 is given by one band at most; two bands with one grade would make
//! the grade two disjoint ranges.

use crate::check::{Code, Diagnostic, Report};
use crate::policy::Policy;
use crate::policy::compile::Sites;

pub(super) fn check(policy: &Policy, sites: &Sites, report: &mut Report) {
    let bands: Vec<_> = policy.bands.iter().zip(&sites.bands).collect();
    for (i, (band, site)) in bands.iter().enumerate() {
        let first = bands.iter().take(i).find(|(b, _)| b.grade == band.grade);
        if let Some((_, first_site)) = first {
            report.push(
                Diagnostic::new(
                    Code::DuplicateGrade,
                    format!(
                        "grade `{}` has a second band (min {}); the first is on line {}",
                        band.grade, band.min, first_site.grade.line
                    ),
                    Some(site.grade.clone()),
                )
                .with_help("give each grade one band, or remove this one"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{found, minimal_with};
    use crate::check::Code;

    #[test]
    fn the_second_band_of_a_grade_is_reported_once() {
        let text = minimal_with("grade = \"C\"", "grade = \"B\"");
        let found = found(&text, Code::DuplicateGrade);
        assert_eq!(found.len(), 1);
        assert!(
            found
                .iter()
                .all(|m| m.contains("grade `B` has a second band (min 60)"))
        );
    }
}
