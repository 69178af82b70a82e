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
        // A separately loaded policy and a copied agency give the same bytes.
        let again = Policy::beijing_2026().evaluate(&agency.clone(), &cycle())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let json = |e: &ecograde::Evaluation| serde_json::to_string(e).unwrap_or_default();
        prop_assert!(!json(&first).is_empty());
        prop_assert_eq!(json(&first), json(&again));
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

/// A random small policy: a points indicator, a steps indicator and a deduct indicator whose
/// maxima sum to 100, a bonus, random bands, places and rounding. Many do not load (the
/// checks refuse them); the laws speak of those that do.
fn random_policy() -> impl Strategy<Value = String> {
    (
        10i64..60,
        prop::collection::vec((1i64..100, 0i64..40), 1..4),
        (1i64..10, 0i64..10),
        prop::collection::btree_set(1i64..99, 0..4),
        0u32..2,
        prop::sample::select(Rounding::ALL.to_vec()),
    )
        .prop_map(|(points_max, steps, (each, floor), mins, places, rounding)| {
            let steps_max = (100 - points_max) / 2;
            let deduct_max = 100 - points_max - steps_max;
            let mut steps: Vec<(i64, i64)> = steps;
            steps.sort_by(|a, b| b.cmp(a));
            steps.dedup_by_key(|s| s.0);
            let steps: Vec<String> = steps
                .iter()
                .map(|(t, p)| format!("[\"{}\", {}]", Decimal::new(*t, 2), p.min(&steps_max)))
                .collect();
            let mut text = format!(
                "schema = 1\n[policy]\nid = \"law/random\"\nversion = \"1\"\ntitle = \"t\"\n\
                 effective_from = 2026-01-01\ngraded_services = [\"self-monitoring\"]\n\
                 [score]\nmax = 100\nplaces = {places}\nrounding = \"{rounding}\"\n"
            );
            let mut mins: Vec<i64> = mins.into_iter().rev().collect();
            mins.push(0);
            for (grade, min) in GRADES.iter().skip(4 - mins.len()).zip(&mins) {
                text.push_str(&format!("[[band]]\ngrade = \"{grade}\"\nmin = {min}\n"));
            }
            text.push_str(&format!(
                "[[indicator]]\nid = \"p\"\nname = \"p\"\nmax = {points_max}\nrule = \"points\"\n\
                 [[indicator]]\nid = \"s\"\nname = \"s\"\nmax = {steps_max}\nrule = \"steps\"\n\
                 steps = [{}]\nrange = [0, 1]\n\
                 [[indicator]]\nid = \"d\"\nname = \"d\"\nmax = {deduct_max}\nrule = \"deduct\"\n\
                 each = {each}\nfloor = {}\nkinds = [\"finding\"]\n\
                 [[indicator]]\nid = \"b\"\nname = \"b\"\nmax = 5\nrule = \"points\"\nbonus = true\n",
                steps.join(", "),
                floor.min(deduct_max)
            ));
            text
        })
}

proptest! {
    /// For any policy that loads: raising an input, or removing a finding, never gives a
    /// worse grade.
    #[test]
    fn monotone_for_any_policy_that_loads(
        text in random_policy(),
        p in 0i64..=1000, s in 0i64..=100, b in 0i64..=50, findings in 0usize..6,
        which in 0usize..4, up in 1i64..50,
    ) {
        let Ok(policy) = Policy::from_toml(&text, "random.toml") else { return Ok(()) };
        let p_max = policy.indicators().first().map_or(Decimal::ZERO, |i| i.max);
        let mut agency = Agency::new(agency_id(1), "机构", vec![Service::SelfMonitoring]);
        agency.inputs.insert("p".into(), (Decimal::new(p, 3) * p_max).round_dp(2));
        agency.inputs.insert("s".into(), Decimal::new(s, 2));
        agency.inputs.insert("b".into(), Decimal::new(b, 1));
        for month in 0..findings {
            let month = i8::try_from(month + 1).unwrap_or(1);
            agency.records.push(Record::new(kind("finding"), date(2026, month, 1)));
        }
        let before = grade_of(&policy, &agency).grade();
        let mut better = agency.clone();
        match which {
            0 => { better.inputs.insert("p".into(), (Decimal::new(p, 3) * p_max + Decimal::new(up, 1)).min(p_max).round_dp(2)); }
            1 => { better.inputs.insert("s".into(), (Decimal::new(s + up, 2)).min(Decimal::ONE)); }
            2 => { better.inputs.insert("b".into(), (Decimal::new(b + up, 1)).min(Decimal::from(5))); }
            _ => { better.records.pop(); }
        }
        let after = grade_of(&policy, &better).grade();
        prop_assert!(after <= before, "{:?} → {:?}\n{}", before, after, text);
    }

    /// Whatever the text, checking a policy never panics: a mangled copy of the shipped
    /// policy gives diagnostics, not a crash.
    #[test]
    fn checking_mangled_policies_never_panics(cut in 0usize..6000, len in 0usize..40, insert in "[ -~\\n]{0,8}") {
        let text = ecograde::policy::BEIJING_2026_TOML;
        let start = (0..=cut.min(text.len())).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
        let end = (start + len..=text.len()).find(|i| text.is_char_boundary(*i)).unwrap_or(text.len());
        let mangled = format!("{}{insert}{}", text.get(..start).unwrap_or(""), text.get(end..).unwrap_or(""));
        let report = Policy::check(&mangled, "mangled.toml");
        for d in &report.diagnostics {
            prop_assert!(d.location.as_ref().is_none_or(|l| l.line >= 1 && l.column >= 1));
        }
    }

    /// Whatever the text, reading a roster never panics.
    #[test]
    fn reading_mangled_rosters_never_panics(cut in 0usize..4000, len in 0usize..40, insert in "[ -~\\n]{0,8}") {
        let text = include_str!("../../examples/roster-2026.toml");
        let start = (0..=cut.min(text.len())).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
        let end = (start + len..=text.len()).find(|i| text.is_char_boundary(*i)).unwrap_or(text.len());
        let mangled = format!("{}{insert}{}", text.get(..start).unwrap_or(""), text.get(end..).unwrap_or(""));
        if let Ok(roster) = Roster::from_toml(&mangled) {
            let _ = Policy::beijing_2026().evaluate_roster(&roster);
        }
    }
}

/// The policy laws are not vacuous: a good share of the generated policies load.
#[test]
fn generated_policies_often_load() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut random, mut bands) = (0, 0);
    for _ in 0..300 {
        let text = random_policy()
            .new_tree(&mut runner)
            .map(|t| t.current())
            .unwrap_or_default();
        random += usize::from(Policy::from_toml(&text, "r.toml").is_ok());
        let text = band_policies()
            .new_tree(&mut runner)
            .map(|t| t.current().0)
            .unwrap_or_default();
        bands += usize::from(Policy::from_toml(&text, "b.toml").is_ok());
    }
    assert!(random >= 60, "only {random} of 300 random policies load");
    assert!(bands >= 60, "only {bands} of 300 band policies load");
}
