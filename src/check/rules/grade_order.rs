//! E014: bands are listed in grade order A, B, C, D, so a higher total never gives a worse
//! grade (G3).

use crate::check::{Code, Diagnostic, Report};
use crate::policy::Policy;
use crate::policy::compile::Sites;

pub(super) fn check(policy: &Policy, sites: &Sites, report: &mut Report) {
    let mut worst_so_far = None;
    for (band, site) in policy.bands.iter().zip(&sites.bands) {
        match worst_so_far {
            Some(worse) if band.grade < worse => report.push(
                Diagnostic::new(
                    Code::GradesOutOfOrder,
                    format!(
                        "band `{}` is listed after band `{worse}`, a worse grade",
                        band.grade
                    ),
                    Some(site.grade.clone()),
                )
                .with_help("list bands in grade order A, B, C, D, from the highest `min` down"),
            ),
            // Equal or worse: the new worst so far.
            _ => worst_so_far = Some(band.grade),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{found, minimal_with};
    use crate::check::Code;

    #[test]
    fn a_better_grade_after_a_worse_one_is_reported() {
        let text = minimal_with("grade = \"B\"", "grade = \"X\"")
            .replacen("grade = \"C\"", "grade = \"B\"", 1)
            .replacen("grade = \"X\"", "grade = \"C\"", 1);
        let found = found(&text, Code::GradesOutOfOrder);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found
                .iter()
                .all(|m| m.contains("band `B` is listed after band `C`"))
        );
    }
}
