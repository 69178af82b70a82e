//! Grading (chapter 4): a [`Policy`] applied to an [`Agency`] in a [`Cycle`] gives an
//! [`Outcome`] — graded A–D, not graded (G5) or excluded (G1) — and, on the explained path, an
//! [`Explanation`] the agency can read.
//!
//! [`Policy::grade`] is the grade-only path: no explanation, no allocation per indicator.
//! [`Policy::evaluate`] builds the explanation. Both share one evaluation order
//! (`evaluate.rs`), so they cannot disagree.

mod batch;
mod error;
mod evaluate;
mod explain;
mod render;

pub use batch::{GradeReport, ResultRow};
pub use error::{Field, InputError, RosterError};
pub use explain::{
    BandLine, Cause, Exclusion, Explanation, FiredOverride, GroupLine, How, IndicatorLine,
    NextGrade, RecordRef, ScoreLine,
};
pub use render::Lang;

use crate::agency::{Agency, Cycle, Roster};
use crate::policy::{Directed, Grade, Override, OverrideId, Policy};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What grading decided for one agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Outcome {
    /// A grade, by score (G3) or directly (G4).
    Graded {
        /// The grade.
        grade: Grade,
    },
    /// Not graded this cycle (G5).
    NotGraded,
    /// Not subject to grading: offers no graded service, or not yet filed (G1).
    Excluded,
}

impl Outcome {
    /// The grade, if graded.
    pub fn grade(self) -> Option<Grade> {
        match self {
            Outcome::Graded { grade } => Some(grade),
            _ => None,
        }
    }

    /// `graded`, `not-graded` or `excluded`, as in the JSON contract.
    pub fn kind(self) -> &'static str {
        match self {
            Outcome::Graded { .. } => "graded",
            Outcome::NotGraded => "not-graded",
            Outcome::Excluded => "excluded",
        }
    }
}

impl From<Directed> for Outcome {
    fn from(directed: Directed) -> Self {
        match directed {
            Directed::Grade(grade) => Outcome::Graded { grade },
            Directed::NotGraded => Outcome::NotGraded,
        }
    }
}

/// The grade-only result: outcome, score and the override that decided, borrowed from the
/// policy. Built without allocating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict<'p> {
    /// What was decided.
    pub outcome: Outcome,
    /// The rounded total, when it could be computed.
    pub score: Option<Decimal>,
    /// The override that decided, if one did.
    pub decided_by: Option<&'p Override>,
}

/// The explained result: outcome, score, deciding override, and the explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Evaluation {
    // Outcome, score and deciding override are read off the explanation, so they cannot
    // disagree with it.
    explanation: Explanation,
}

impl Evaluation {
    /// What was decided.
    pub fn outcome(&self) -> Outcome {
        self.explanation.outcome
    }

    /// The rounded total, when it could be computed.
    pub fn score(&self) -> Option<Decimal> {
        self.explanation.score.as_ref().map(|s| s.rounded)
    }

    /// The id of the override that decided, if one did.
    pub fn decided_by(&self) -> Option<&OverrideId> {
        self.explanation.decided_by()
    }

    /// Why.
    pub fn explanation(&self) -> &Explanation {
        &self.explanation
    }

    /// The explanation, owned.
    pub fn into_explanation(self) -> Explanation {
        self.explanation
    }
}

impl Policy {
    /// Grades one agency without building an explanation.
    ///
    /// # Errors
    /// [`InputError`] for a record kind the policy does not know, an input naming no
    /// indicator or outside its range, or (when no override decided) a missing input.
    ///
    /// # Example
    /// ```
    /// use ecograde::{Agency, AgencyId, Outcome, Policy, Service, agency::Cycle, policy::Grade};
    /// let policy = Policy::beijing_2026();
    /// let id = AgencyId::new("91110108MA01ABCD5T").unwrap();
    /// let agency = Agency::new(id, "示例", vec![Service::PublicMonitoring]);
    /// let cycle = Cycle::new(2026, None).unwrap();
    /// assert_eq!(policy.grade(&agency, &cycle).unwrap().outcome, Outcome::Excluded);
    /// ```
    pub fn grade<'p>(&'p self, agency: &Agency, cycle: &Cycle) -> Result<Verdict<'p>, InputError> {
        evaluate::validate(self, agency)?;
        if evaluate::is_excluded(self, agency, cycle) {
            return Ok(Verdict {
                outcome: Outcome::Excluded,
                score: None,
                decided_by: None,
            });
        }
        let decided_by = evaluate::winner(self, agency, cycle);
        let totals = evaluate::total(self, agency, cycle, decided_by.is_some(), |_, _, _| {})?;
        let score = totals.map(|t| t.rounded);
        let outcome = match (decided_by, score) {
            (Some(o), _) => o.outcome.into(),
            (None, Some(score)) => Outcome::Graded {
                grade: evaluate::band_of(self, score).1,
            },
            // `total` errs on a missing input when no override decided.
            (None, None) => Outcome::NotGraded,
        };
        Ok(Verdict {
            outcome,
            score,
            decided_by,
        })
    }

    /// Grades one agency and explains the result.
    ///
    /// # Errors
    /// As [`Policy::grade`].
    pub fn evaluate(&self, agency: &Agency, cycle: &Cycle) -> Result<Evaluation, InputError> {
        evaluate::validate(self, agency)?;
        let explanation = explain::explain(self, agency, cycle)?;
        Ok(Evaluation { explanation })
    }

    /// Checks a roster as a whole: no agency twice, and every agency's facts valid for this
    /// policy.
    ///
    /// # Errors
    /// [`RosterError`] naming the first problem found, in roster order.
    pub fn check_roster(&self, roster: &Roster) -> Result<Cycle, RosterError> {
        let cycle = roster.cycle()?;
        no_duplicates(roster)?;
        for (index, agency) in roster.agencies.iter().enumerate() {
            evaluate::validate(self, agency)
                .map_err(|error| RosterError::Agency { index, error })?;
        }
        Ok(cycle)
    }

    /// Grades and explains a whole roster, in roster order, as the JSON contract's document.
    ///
    /// # Errors
    /// [`RosterError`] for a duplicate agency, an invalid cycle, or the first agency whose
    /// facts cannot be graded.
    pub fn evaluate_roster(&self, roster: &Roster) -> Result<GradeReport, RosterError> {
        let cycle = roster.cycle()?;
        no_duplicates(roster)?;
        let mut results = Vec::with_capacity(roster.agencies.len());
        for (index, agency) in roster.agencies.iter().enumerate() {
            let evaluation = self
                .evaluate(agency, &cycle)
                .map_err(|error| RosterError::Agency { index, error })?;
            results.push(ResultRow::new(agency, evaluation));
        }
        Ok(GradeReport {
            policy: self.reference().clone(),
            cycle: cycle.year(),
            as_of: cycle.as_of(),
            results,
        })
    }
}

/// A roster lists each agency once.
fn no_duplicates(roster: &Roster) -> Result<(), RosterError> {
    let mut seen = HashMap::with_capacity(roster.agencies.len());
    for (index, agency) in roster.agencies.iter().enumerate() {
        if let Some(first) = seen.insert(agency.id, index) {
            return Err(RosterError::Duplicate {
                agency: agency.id,
                first: first + 1,
                second: index + 1,
            });
        }
    }
    Ok(())
}
