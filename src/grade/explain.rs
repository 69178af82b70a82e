//! The explanation: every indicator's points and why, the group subtotals, bonus and cap, the
//! rounding, the band, every override that fired and which one won, and what the next grade
//! needs. It is plain data (`Serialize`), rendered to text by [`super::Lang`].

use super::evaluate::{self, Totals};
use super::{InputError, Outcome};
use crate::agency::{Agency, AgencyId, Cycle, Record, RecordKind, Service};
use crate::policy::{Directed, Grade, OverrideId, Policy, PolicyRef, Rounding, Rule};
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Why one agency got its outcome, in terms it can check against the policy and its records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    /// The policy applied.
    pub policy: PolicyRef,
    /// The agency.
    pub agency: AgencyId,
    /// Its name.
    pub name: String,
    /// The business year assessed.
    pub cycle: i16,
    /// The grading date.
    #[serde(with = "crate::serde_util::date")]
    pub as_of: Date,
    /// What was decided.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// Why the agency is not subject to grading (G1), when excluded.
    pub exclusion: Option<Exclusion>,
    /// Every override that fired, highest priority first; the first one won.
    pub overrides: Vec<FiredOverride>,
    /// Every indicator, in policy order (empty when excluded).
    pub indicators: Vec<IndicatorLine>,
    /// Subtotals of the non-bonus indicators by group, in order of first appearance.
    pub groups: Vec<GroupLine>,
    /// How the total was formed, when it could be computed.
    pub score: Option<ScoreLine>,
    /// The band the score falls in (G3), when graded by score.
    pub band: Option<BandLine>,
    /// What the next higher grade needs, when graded by score below the top band.
    pub next: Option<NextGrade>,
}

impl Explanation {
    /// The override that won, if any.
    pub fn decided_by(&self) -> Option<&OverrideId> {
        self.overrides.iter().find(|o| o.won).map(|o| &o.id)
    }
}

/// Why an agency is not graded at all (G1, F4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Exclusion {
    /// It offers none of the graded services.
    NoGradedService {
        /// What it offers.
        services: Vec<Service>,
        /// What is graded.
        graded_services: Vec<Service>,
    },
    /// It filed after the grading date, so it is not yet in the register.
    NotYetFiled {
        /// When it filed.
        #[serde(with = "crate::serde_util::date")]
        filed_on: Date,
    },
}

/// A record as published: kind, date, reference and repair — never the responsible person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordRef {
    /// Its kind.
    pub kind: RecordKind,
    /// Its date.
    #[serde(with = "crate::serde_util::date")]
    pub on: Date,
    /// The document reference.
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// When repaired (D1).
    #[serde(
        default,
        with = "crate::serde_util::opt_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub repaired_on: Option<Date>,
}

impl From<&Record> for RecordRef {
    fn from(r: &Record) -> Self {
        RecordRef {
            kind: r.kind.clone(),
            on: r.on,
            reference: r.reference.clone(),
            repaired_on: r.repaired_on,
        }
    }
}

/// A condition of an override that held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "fact", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Cause {
    /// Bad credit was (or was not) active on the grading date; the active records.
    BadCredit {
        /// Whether any was active.
        active: bool,
        /// The active bad-credit records.
        records: Vec<RecordRef>,
    },
    /// Records of the named kinds were dated inside the cycle.
    RecordsInCycle {
        /// Those records.
        records: Vec<RecordRef>,
    },
    /// What the roster said of business in the cycle.
    Business {
        /// The roster's value.
        business: bool,
    },
}

/// An override that fired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FiredOverride {
    /// Its id.
    pub id: OverrideId,
    /// What it decides.
    pub outcome: Directed,
    /// Its priority.
    pub priority: i64,
    /// The rule id it rests on (G4, G5).
    pub rule: String,
    /// The policy's citation.
    pub basis: Option<String>,
    /// Years without upgrade (D5), when it won and says so.
    pub lock_years: Option<u32>,
    /// Whether it decided the outcome.
    pub won: bool,
    /// The conditions that held.
    pub because: Vec<Cause>,
}

/// How an indicator's points came about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "how", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum How {
    /// The roster gave the points.
    Given {
        /// The input.
        input: Decimal,
    },
    /// The policy's default stood in.
    Defaulted {
        /// The default.
        default: Decimal,
    },
    /// A measured value against thresholds.
    Stepped {
        /// The value.
        input: Decimal,
        /// Whether it is the policy's default.
        defaulted: bool,
        /// The threshold met, if any.
        at_least: Option<Decimal>,
    },
    /// Points off per record in the cycle.
    Deducted {
        /// The records counted.
        records: Vec<RecordRef>,
        /// Points off each.
        each: Decimal,
        /// Points off in all.
        off: Decimal,
        /// The least the indicator gives.
        floor: Decimal,
        /// Whether the floor stopped the deduction.
        floored: bool,
    },
    /// No input and no default; the score could not be computed (an override decided).
    Missing,
}

/// One indicator's line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorLine {
    /// Indicator id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Group.
    pub group: Option<String>,
    /// `points`, `deduct` or `steps`.
    pub rule: String,
    /// Whether it is a bonus.
    pub bonus: bool,
    /// Points earned, when known.
    pub points: Option<Decimal>,
    /// Most points.
    pub max: Decimal,
    /// How.
    #[serde(flatten)]
    pub how: How,
}

/// A group's subtotal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupLine {
    /// The group; `None` for the indicators that name none.
    pub group: Option<String>,
    /// Points, when every indicator in the group is known.
    pub points: Option<Decimal>,
    /// The group's maximum.
    pub max: Decimal,
}

/// How the total was formed (G3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreLine {
    /// Sum of non-bonus points.
    pub base: Decimal,
    /// Sum of bonus points.
    pub bonus: Decimal,
    /// `score.max`.
    pub cap: Decimal,
    /// Whether the cap cut the sum.
    pub capped: bool,
    /// The total before rounding: `min(base + bonus, cap)`.
    pub total: Decimal,
    /// The rounding mode.
    pub rounding: Rounding,
    /// Decimal places rounded to.
    pub places: u32,
    /// The score.
    pub rounded: Decimal,
}

/// The band of the score (G3): `[min, upper)`, or `[min, upper]` for the top band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BandLine {
    /// The grade.
    pub grade: Grade,
    /// The band's least total.
    pub min: Decimal,
    /// The next band's least total, or `score.max` for the top band.
    pub upper: Decimal,
    /// Whether `upper` is in the band (top band only).
    pub upper_inclusive: bool,
}

/// The next higher grade and the rounded points lacking for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextGrade {
    /// The grade.
    pub grade: Grade,
    /// Its band's least total.
    pub min: Decimal,
    /// `min` less the score.
    pub lacking: Decimal,
}

pub(crate) fn explain(
    policy: &Policy,
    agency: &Agency,
    cycle: &Cycle,
) -> Result<Explanation, InputError> {
    let mut explanation = Explanation {
        policy: policy.reference().clone(),
        agency: agency.id,
        name: agency.name.clone(),
        cycle: cycle.year(),
        as_of: cycle.as_of(),
        outcome: Outcome::Excluded,
        exclusion: None,
        overrides: Vec::new(),
        indicators: Vec::new(),
        groups: Vec::new(),
        score: None,
        band: None,
        next: None,
    };
    if evaluate::is_excluded(policy, agency, cycle) {
        explanation.exclusion = Some(exclusion(policy, agency, cycle));
        return Ok(explanation);
    }

    // In priority order, the first override that fires wins (as `evaluate::winner`).
    let mut winner = None;
    for &i in &policy.by_priority {
        let Some(over) = policy.overrides.get(i) else {
            continue;
        };
        if !evaluate::fires(policy, &over.when, agency, cycle) {
            continue;
        }
        let won = winner.is_none();
        if won {
            winner = Some(over);
        }
        explanation.overrides.push(FiredOverride {
            id: over.id.clone(),
            outcome: over.outcome,
            priority: over.priority,
            rule: over.rule.clone(),
            basis: over.basis.clone(),
            lock_years: over.lock_years,
            won,
            because: causes(policy, over, agency, cycle),
        });
    }

    let mut lines = Vec::with_capacity(policy.indicators.len());
    let totals = evaluate::total(
        policy,
        agency,
        cycle,
        winner.is_some(),
        |indicator, points, how| {
            lines.push(IndicatorLine {
                id: indicator.id.to_string(),
                name: indicator.name.clone(),
                group: indicator.group.clone(),
                rule: indicator.rule.name().to_owned(),
                bonus: indicator.bonus,
                points: points.map(|p| p.normalize()),
                max: indicator.max.normalize(),
                how: how_of(indicator, how, agency, cycle),
            });
        },
    )?;
    explanation.groups = groups(&lines);
    explanation.indicators = lines;
    explanation.score = totals.map(|t| score_line(policy, t));

    match (winner, totals) {
        (Some(over), _) => explanation.outcome = over.outcome.into(),
        (None, Some(totals)) => {
            let (index, grade) = evaluate::band_of(policy, totals.rounded);
            explanation.outcome = Outcome::Graded { grade };
            if let Some(band) = policy.bands.get(index) {
                let ceiling = policy.band_ceiling(index);
                explanation.band = Some(BandLine {
                    grade,
                    min: band.min.normalize(),
                    upper: ceiling.unwrap_or(policy.score.max).normalize(),
                    upper_inclusive: ceiling.is_none(),
                });
            }
            explanation.next = index
                .checked_sub(1)
                .and_then(|above| policy.bands.get(above))
                .map(|above| NextGrade {
                    grade: above.grade,
                    min: above.min.normalize(),
                    lacking: (above.min - totals.rounded).normalize(),
                });
        }
        (None, None) => {}
    }
    Ok(explanation)
}

fn exclusion(policy: &Policy, agency: &Agency, cycle: &Cycle) -> Exclusion {
    match agency.filed_on {
        Some(filed_on) if filed_on > cycle.as_of() => Exclusion::NotYetFiled { filed_on },
        _ => Exclusion::NoGradedService {
            services: agency.services.clone(),
            graded_services: policy.graded_services.clone(),
        },
    }
}

fn causes(
    policy: &Policy,
    over: &crate::policy::Override,
    agency: &Agency,
    cycle: &Cycle,
) -> Vec<Cause> {
    let mut causes = Vec::new();
    if over.when.bad_credit.is_some() {
        let records: Vec<RecordRef> = agency
            .records
            .iter()
            .filter(|r| evaluate::is_active_bad_credit(policy, r, cycle))
            .map(RecordRef::from)
            .collect();
        causes.push(Cause::BadCredit {
            active: !records.is_empty(),
            records,
        });
    }
    if let Some(kinds) = &over.when.records_in_cycle {
        causes.push(Cause::RecordsInCycle {
            records: agency
                .records
                .iter()
                .filter(|r| evaluate::is_in_cycle_of(r, kinds, cycle))
                .map(RecordRef::from)
                .collect(),
        });
    }
    if over.when.business.is_some() {
        causes.push(Cause::Business {
            business: agency.business,
        });
    }
    causes
}

fn how_of(
    indicator: &crate::policy::Indicator,
    how: evaluate::How,
    agency: &Agency,
    cycle: &Cycle,
) -> How {
    match how {
        // Inputs and thresholds are shown as written (`0.90` stays `0.90`).
        evaluate::How::Given(input) => How::Given { input },
        evaluate::How::Defaulted(default) => How::Defaulted { default },
        evaluate::How::Stepped {
            input,
            defaulted,
            at_least,
        } => How::Stepped {
            input,
            defaulted,
            at_least,
        },
        evaluate::How::Deducted { off, floored, .. } => {
            let (each, floor, records) = match &indicator.rule {
                Rule::Deduct { each, kinds, floor } => (
                    *each,
                    *floor,
                    agency
                        .records
                        .iter()
                        .filter(|r| evaluate::is_in_cycle_of(r, kinds, cycle))
                        .map(RecordRef::from)
                        .collect(),
                ),
                _ => (Decimal::ZERO, Decimal::ZERO, Vec::new()),
            };
            How::Deducted {
                records,
                each: each.normalize(),
                off: off.normalize(),
                floor: floor.normalize(),
                floored,
            }
        }
        evaluate::How::Missing => How::Missing,
    }
}

fn groups(lines: &[IndicatorLine]) -> Vec<GroupLine> {
    let mut groups: Vec<GroupLine> = Vec::new();
    for line in lines.iter().filter(|l| !l.bonus) {
        let index = match groups.iter().position(|g| g.group == line.group) {
            Some(index) => index,
            None => {
                groups.push(GroupLine {
                    group: line.group.clone(),
                    points: Some(Decimal::ZERO),
                    max: Decimal::ZERO,
                });
                groups.len() - 1
            }
        };
        let Some(group) = groups.get_mut(index) else {
            continue;
        };
        group.max = (group.max + line.max).normalize();
        group.points = match (group.points, line.points) {
            (Some(sum), Some(p)) => Some((sum + p).normalize()),
            _ => None,
        };
    }
    groups
}

fn score_line(policy: &Policy, totals: Totals) -> ScoreLine {
    ScoreLine {
        base: totals.base.normalize(),
        bonus: totals.bonus.normalize(),
        cap: policy.score.max.normalize(),
        capped: totals.base + totals.bonus > policy.score.max,
        total: totals.capped.normalize(),
        rounding: policy.score.rounding,
        places: policy.score.places,
        rounded: totals.rounded,
    }
}
