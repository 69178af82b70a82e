//! The laws of grading, under proptest: bands partition the score range, a higher input never
//! gives a worse grade, an override beats the score, evaluation is deterministic, and public
//! data survives a serde round trip.

use ecograde::agency::Cycle;
use ecograde::policy::{Grade, Rounding};
use ecograde::{Agency, AgencyId, Outcome, Policy, Record, RecordKind, Roster, Service};
use jiff::civil::date;
use proptest::prelude::*;
use rust_decimal::Decimal;

const GRADES: [&str; 4] = ["A", "B", "C", "D"];

/// A policy text with the given bands (grade index, min in tenths), max, places and rounding.
fn policy_text(bands: &[(usize, i64)], max: i64, places: u32, rounding: Rounding) -> String {
    let mut text = format!(
        "schema = 1\n[policy]\nid = \"law/bands\"\nversion = \"1\"\ntitle = \"t\"\n\
         effective_from = 2026-01-01\ngraded_services = [\"self-monitoring\"]\n\
         [score]\nmax = {max}\nplaces = {places}\nrounding = \"{rounding}\"\n"
    );
    for (grade, min) in bands {
        let min = Decimal::new(*min, 1);
        text.push_str(&format!(
            "[[band]]\ngrade = \"{}\"\nmin = \"{min}\"\n",
            GRADES.get(*grade).copied().unwrap_or("A")
        ));
    }
    text.push_str(&format!(
        "[[indicator]]\nid = \"only\"\nname = \"only\"\nmax = {max}\nrule = \"points\"\n"
    ));
    text
}

/// Mostly well-formed band tables (grades in order, minima decreasing to 0), some random: the
/// law speaks of the policies that load, so both kinds must appear.
fn band_policies() -> impl Strategy<Value = (String, i64, u32)> {
    let well_formed =
        (prop::collection::btree_set(1i64..1500, 0..4), 0usize..4).prop_map(|(mins, skip)| {
            let mut mins: Vec<i64> = mins.into_iter().rev().collect();
            mins.push(0);
            let mut grades = vec![0usize, 1, 2, 3];
            while grades.len() > mins.len() {
                grades.remove(skip % grades.len());
            }
            grades.into_iter().zip(mins).collect::<Vec<_>>()
        });
    let random = prop::collection::vec((0usize..4, 0i64..1200), 1..5);
    (
        prop_oneof![3 => well_formed, 1 => random],
        prop_oneof![Just(100i64), 1i64..150],
        0u32..3,
        prop::sample::select(Rounding::ALL.to_vec()),
    )
        .prop_map(|(bands, max, places, rounding)| {
            (policy_text(&bands, max, places, rounding), max, places)
        })
}

fn agency_id(n: u32) -> AgencyId {
    let prefix = format!("91110108MA{:06}", n % 1_000_000);
    match AgencyId::complete(&prefix) {
        Ok(id) => id,
        Err(e) => panic!("{prefix}: {e}"),
    }
}

fn kind(k: &str) -> RecordKind {
    match RecordKind::new(k) {
        Ok(k) => k,
        Err(e) => panic!("{e}"),
    }
}

/// Inputs for the shipped policy: points in [0, max] (tenths), measured rates in [0, 1].
fn shipped_agency() -> impl Strategy<Value = Agency> {
    let policy = Policy::beijing_2026();
    let ranges: Vec<(String, i64, bool)> = policy
        .indicators()
        .iter()
        .filter(|i| i.rule.name() != "deduct")
        .map(|i| {
            let steps = i.rule.name() == "steps";
            let top = if steps {
                1000
            } else {
                (i.max * Decimal::from(10)).trunc().try_into().unwrap_or(0)
            };
            (i.id.to_string(), top, steps)
        })
        .collect();
    let values: Vec<_> = ranges.iter().map(|(_, top, _)| 0..=*top).collect();
    let findings = prop::collection::vec((1i8..=12, 1i8..=28), 0..4);
    (values, findings, 0u32..1000).prop_map(move |(values, findings, n)| {
        let mut agency = Agency::new(agency_id(n), "机构", vec![Service::SelfMonitoring]);
        for ((id, _, steps), v) in ranges.iter().zip(values) {
            let value = if *steps {
                Decimal::new(v, 3)
            } else {
                Decimal::new(v, 1)
            };
            agency.inputs.insert(id.clone(), value);
        }
        for (month, day) in findings {
            agency.records.push(Record::new(
                kind("inspection-finding"),
                date(2026, month, day),
            ));
        }
        agency
    })
}

fn cycle() -> Cycle {
    match Cycle::new(2026, None) {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    }
}

fn grade_of(policy: &Policy, agency: &Agency) -> Outcome {
    match policy.grade(agency, &cycle()) {
        Ok(v) => v.outcome,
        Err(e) => panic!("{e}"),
    }
}

proptest! {
    /// G3: for any policy that loads, every rounded total in [0, max] lies in exactly one band.
    #[test]
    fn bands_partition_the_scores((text, max, places) in band_policies(), raw in 0u32..=100_000) {
        let Ok(policy) = Policy::from_toml(&text, "law.toml") else { return Ok(()) };
        let max = Decimal::from(max);
        let total = max * Decimal::from(raw) / Decimal::from(100_000);
        let rounded = policy.score_rule().rounding.apply(total, places);
        let bands = policy.bands();
        let holding = bands
            .iter()
            .enumerate()
            .filter(|(i, band)| {
                let upper = i.checked_sub(1).and_then(|j| bands.get(j)).map(|b| b.min);
                band.min <= rounded && upper.is_none_or(|u| rounded < u)
            })
            .count();
        prop_assert!(rounded <= max);
        prop_assert_eq!(holding, 1, "{} in {:?}", rounded, bands);
        prop_assert!(policy.band_for(rounded).is_some());
    }

    /// Raising any one input never gives a worse grade.
    #[test]
    fn raising_an_input_never_lowers_the_grade(agency in shipped_agency(), which in 0usize..16, up in 1i64..100) {
        let policy = Policy::beijing_2026();
        let before = grade_of(&policy, &agency);
        let mut raised = agency.clone();
        let Some(key) = raised.inputs.keys().nth(which % raised.inputs.len().max(1)).cloned() else { return Ok(()) };
        let indicator = policy.indicators().iter().find(|i| i.id.as_str() == key);
        let Some(indicator) = indicator else { return Ok(()) };
        let ceiling = if indicator.rule.name() == "steps" { Decimal::ONE } else { indicator.max };
        if let Some(value) = raised.inputs.get_mut(&key) {
            *value = (*value + Decimal::new(up, 2)).min(ceiling);
        }
        let after = grade_of(&policy, &raised);
        match (before.grade(), after.grade()) {
            (Some(b), Some(a)) => prop_assert!(a <= b, "{key}: {b} → {a}"),
            _ => prop_assert!(false, "both should be graded: {before:?} {after:?}"),
        }
    }

    /// Removing a finding (a deduction) never gives a worse grade.
    #[test]
    fn fewer_findings_never_lower_the_grade(agency in shipped_agency()) {
        let policy = Policy::beijing_2026();
        let mut fewer = agency.clone();
        if fewer.records.pop().is_none() { return Ok(()) }
        let (before, after) = (grade_of(&policy, &agency), grade_of(&policy, &fewer));
        prop_assert!(after.grade() <= before.grade());
    }

    /// G4, G5: an override that fires decides, whatever the score.
    #[test]
    fn an_override_beats_the_score(agency in shipped_agency(), repaired in proptest::bool::ANY) {
        let policy = Policy::beijing_2026();
        let mut bad = agency.clone();
        let mut record = Record::new(kind("case-filed"), date(2026, 5, 1));
        // Repaired after the grading date: still active on it (D1).
        if repaired { record.repaired_on = Some(date(2027, 2, 1)); }
        bad.records.push(record);
        prop_assert_eq!(grade_of(&policy, &bad), Outcome::Graded { grade: Grade::D });

        let mut idle = agency.clone();
        idle.business = false;
        prop_assert_eq!(grade_of(&policy, &idle), Outcome::NotGraded);

        let mut fraud = agency;
        fraud.records.push(Record::new(kind("data-fraud"), date(2026, 7, 1)));
        prop_assert_eq!(grade_of(&policy, &fraud), Outcome::Graded { grade: Grade::D });
    }

    /// Same policy, agency and date: same result, to the byte; and the grade-only path agrees
    /// with the explained one.
    #[test]
    fn evaluation_is_deterministic(agency in shipped_agency()) {
        let policy = Policy::beijing_2026();
        let first = policy.evaluate(&agency, &cycle());
        let second = policy.evaluate(&agency, &cycle());
        prop_assert_eq!(&first, &second);
        let Ok(first) = first else { return Err(TestCaseError::fail("evaluate failed")) };
        let verdict = policy.grade(&agency, &cycle());
        prop_assert_eq!(verdict.map(|v| (v.outcome, v.score)), Ok((first.outcome(), first.score())));
        let json = |e: &ecograde::Evaluation| serde_json::to_string(e).unwrap_or_default();
        prop_assert_eq!(json(&first), json(&first.clone()));
    }

    /// Public data survives a serde round trip: agencies, rosters, evaluations, reports.
    #[test]
    fn public_types_round_trip(agency in shipped_agency()) {
        let policy = Policy::beijing_2026();
        let roster = Roster { cycle: 2026, as_of: Some(date(2027, 1, 6)), agencies: vec![agency.clone()] };
        let back: Roster = serde_json::from_str(&serde_json::to_string(&roster).unwrap_or_default())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back, &roster);
        let toml_back: Roster = toml::from_str(&toml::to_string(&roster).unwrap_or_default())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&toml_back, &roster);

        let evaluation = policy.evaluate(&agency, &cycle()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back: ecograde::Evaluation = serde_json::from_str(&serde_json::to_string(&evaluation).unwrap_or_default())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back, &evaluation);

        let report = policy.evaluate_roster(&roster).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back: ecograde::grade::GradeReport = serde_json::from_str(&report.to_json())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, report);
    }
}

#[test]
fn small_types_round_trip() {
    fn round<T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(
        value: T,
    ) {
        let text = serde_json::to_string(&value).unwrap_or_default();
        let back: Result<T, _> = serde_json::from_str(&text);
        assert_eq!(back.ok(), Some(value), "{text}");
    }
    round(Grade::B);
    round(Outcome::Graded { grade: Grade::A });
    round(Outcome::NotGraded);
    round(Outcome::Excluded);
    round(Service::PublicMonitoring);
    round(ecograde::Lang::En);
    round(Rounding::HalfEven);
    round(cycle());
    round(agency_id(7));
    round(kind("case-filed"));
    round(Policy::beijing_2026().reference().clone());
    round(ecograde::policy::Directed::NotGraded);
    let report = Policy::check("schema = 2\n", "x.toml");
    round(report);
}
