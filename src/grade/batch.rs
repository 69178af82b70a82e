//! The document `ecograde grade --format json` prints: the JSON contract, section 3.

use super::{Evaluation, Explanation};
use crate::agency::{Agency, AgencyId};
use crate::policy::{Grade, OverrideId, PolicyRef};
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Results of a whole roster, in roster order, naming the policy and the grading date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradeReport {
    /// The policy applied.
    pub policy: PolicyRef,
    /// The business year.
    pub cycle: i16,
    /// The grading date.
    #[serde(with = "crate::serde_util::date")]
    pub as_of: Date,
    /// One row per agency.
    pub results: Vec<ResultRow>,
}

/// One agency's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultRow {
    /// The agency.
    pub agency: AgencyId,
    /// `graded`, `not-graded` or `excluded`.
    pub outcome: String,
    /// The grade, when graded.
    pub grade: Option<Grade>,
    /// The rounded total as a decimal string, when computed.
    pub score: Option<Decimal>,
    /// The override that decided, if any.
    #[serde(rename = "override")]
    pub decided_by: Option<OverrideId>,
    /// Why.
    pub explanation: Explanation,
}

impl ResultRow {
    pub(crate) fn new(agency: &Agency, evaluation: Evaluation) -> ResultRow {
        ResultRow {
            agency: agency.id,
            outcome: evaluation.outcome().kind().to_owned(),
            grade: evaluation.outcome().grade(),
            score: evaluation.score(),
            decided_by: evaluation.decided_by().cloned(),
            explanation: evaluation.into_explanation(),
        }
    }
}

impl GradeReport {
    /// The contract's JSON, pretty-printed, ending in a newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}
