//! Grading end to end through the public API: the sample roster against an independent
//! oracle, explanations in both languages, and each rule of evaluation on small cases.

use ecograde::agency::Cycle;
use ecograde::grade::{Field, InputError, RosterError};
use ecograde::policy::Grade;
use ecograde::{
    Agency, AgencyId, Lang, Outcome, Policy, PolicySet, Record, RecordKind, Roster, Service,
};
use jiff::civil::{Date, date};
use rust_decimal::Decimal;
use std::str::FromStr;

const SAMPLE_TOML: &str = include_str!("../../examples/roster-2026.toml");
const SAMPLE_JSON: &str = include_str!("../fixtures/roster-2026.json");
const EXPECTED: &str = include_str!("../fixtures/roster-2026.expected.json");

fn sample() -> Roster {
    match Roster::from_toml(SAMPLE_TOML) {
        Ok(r) => r,
        Err(e) => panic!("examples/roster-2026.toml: {e}"),
    }
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn id(prefix16: &str) -> AgencyId {
    AgencyId::complete(prefix16).unwrap_or_else(|e| panic!("{prefix16}: {e}"))
}

fn kind(k: &str) -> RecordKind {
    RecordKind::new(k).unwrap_or_else(|e| panic!("{e}"))
}

fn cycle(as_of: Option<Date>) -> Cycle {
    Cycle::new(2026, as_of).unwrap_or_else(|e| panic!("{e}"))
}

/// A small policy: two points indicators (one with a default), one deduct, one steps, a bonus,
/// and the three overrides of the contract.
const SMALL: &str = r#"
schema = 1
[policy]
id = "test/small"
version = "1"
title = "small"
effective_from = 2026-01-01
graded_services = ["self-monitoring"]
[score]
max = 100
places = 0
rounding = "half-up"
[[band]]
grade = "A"
min = 90
[[band]]
grade = "B"
min = 75
[[band]]
grade = "C"
min = 60
[[band]]
grade = "D"
min = 0
[[indicator]]
id = "staff"
name = "staff"
group = "g1"
max = 40
rule = "points"
[[indicator]]
id = "lims"
name = "lims"
group = "g1"
max = 10
rule = "points"
default = 0
[[indicator]]
id = "blind"
name = "blind"
group = "g2"
max = 30
rule = "steps"
steps = [[0.95, 30], [0.90, 20]]
range = [0, 1]
[[indicator]]
id = "findings"
name = "findings"
group = "g2"
max = 20
rule = "deduct"
each = 8
kinds = ["inspection-finding"]
floor = 2
[[indicator]]
id = "bonus"
name = "bonus"
max = 5
rule = "points"
bonus = true
default = 0
[[override]]
id = "bad-credit"
when = { bad_credit = true }
outcome = "D"
priority = 100
lock_years = 3
[[override]]
id = "data-fraud"
when = { records_in_cycle = ["data-fraud"] }
outcome = "D"
priority = 90
[[override]]
id = "no-business"
when = { business = false }
outcome = "not-graded"
priority = 50
"#;

fn small() -> Policy {
    Policy::from_toml(SMALL, "small.toml").unwrap_or_else(|e| panic!("{e}"))
}

fn agency(inputs: &[(&str, &str)]) -> Agency {
    let mut a = Agency::new(
        id("91110108MA01TE5T"),
        "测试机构",
        vec![Service::SelfMonitoring],
    );
    for (k, v) in inputs {
        a.inputs.insert((*k).to_owned(), d(v));
    }
    a
}

fn full() -> Agency {
    agency(&[("staff", "35"), ("lims", "5"), ("blind", "0.93")])
}

#[test]
fn sample_roster_matches_the_oracle() {
    let policy = Policy::beijing_2026();
    let report = policy
        .evaluate_roster(&sample())
        .unwrap_or_else(|e| panic!("{e}"));
    let expected: Vec<serde_json::Value> =
        serde_json::from_str(EXPECTED).unwrap_or_else(|e| panic!("{e}"));
    let actual: serde_json::Value =
        serde_json::from_str(&report.to_json()).unwrap_or_else(|e| panic!("{e}"));
    let at = |path: &str| actual.pointer(path).cloned().unwrap_or_default();
    let rows = at("/results").as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len(), expected.len());
    for (row, want) in rows.iter().zip(&expected) {
        for key in ["agency", "outcome", "grade", "score", "override"] {
            assert_eq!(
                row.get(key),
                want.get(key),
                "{key} of {:?}",
                want.get("agency")
            );
        }
    }
    assert_eq!(at("/cycle"), 2026);
    assert_eq!(at("/as_of"), "2027-01-06");
    assert_eq!(at("/policy/sha256").as_str().map(str::len), Some(64));
}

#[test]
fn sample_roster_reaches_every_outcome_and_override() {
    let report = Policy::beijing_2026()
        .evaluate_roster(&sample())
        .unwrap_or_else(|e| panic!("{e}"));
    for grade in Grade::ALL {
        assert!(
            report
                .results
                .iter()
                .any(|r| r.grade == Some(grade) && r.decided_by.is_none()),
            "{grade} by score"
        );
    }
    for outcome in ["graded", "not-graded", "excluded"] {
        assert!(
            report.results.iter().any(|r| r.outcome == outcome),
            "{outcome}"
        );
    }
    for over in Policy::beijing_2026().overrides() {
        assert!(
            report
                .results
                .iter()
                .any(|r| r.decided_by.as_ref() == Some(&over.id)),
            "override {} never decides",
            over.id
        );
    }
}

#[test]
fn json_roster_grades_like_the_toml_one() {
    let json = Roster::from_json(SAMPLE_JSON).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json, sample());
}

#[test]
fn grade_only_and_explained_paths_agree() {
    let policy = Policy::beijing_2026();
    let roster = sample();
    let cycle = roster.cycle().unwrap_or_else(|e| panic!("{e}"));
    for agency in &roster.agencies {
        let verdict = policy
            .grade(agency, &cycle)
            .unwrap_or_else(|e| panic!("{e}"));
        let evaluation = policy
            .evaluate(agency, &cycle)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(verdict.outcome, evaluation.outcome(), "{}", agency.id);
        assert_eq!(verdict.score, evaluation.score(), "{}", agency.id);
        assert_eq!(verdict.decided_by.map(|o| &o.id), evaluation.decided_by());
    }
}

#[test]
fn explanations_of_the_sample_roster() {
    let policy = Policy::beijing_2026();
    let report = policy
        .evaluate_roster(&sample())
        .unwrap_or_else(|e| panic!("{e}"));
    for (lang, name) in [
        (Lang::Zh, "sample_explanations_zh"),
        (Lang::En, "sample_explanations_en"),
    ] {
        let text: Vec<String> = report
            .results
            .iter()
            .map(|r| r.explanation.render(lang))
            .collect();
        insta::assert_snapshot!(
            name,
            text.join("\n----------------------------------------\n")
        );
    }
}

#[test]
fn explanation_json_of_a_graded_agency() {
    let mut a = full();
    a.records
        .push(Record::new(kind("inspection-finding"), date(2026, 4, 10)));
    let evaluation = small()
        .evaluate(&a, &cycle(None))
        .unwrap_or_else(|e| panic!("{e}"));
    insta::assert_json_snapshot!("small_graded_explanation", evaluation.explanation());
}

#[test]
fn scores_sum_cap_and_round() {
    let policy = small();
    // 35 + 5 + 20 (0.93 ≥ 0.90) + 20 (no findings) = 80 → B, 10 short of A.
    let e = policy
        .evaluate(&full(), &cycle(None))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(e.outcome(), Outcome::Graded { grade: Grade::B });
    assert_eq!(e.score(), Some(d("80")));
    let next = e.explanation().next.as_ref().map(|n| (n.grade, n.lacking));
    assert_eq!(next, Some((Grade::A, d("10"))));

    // 89.5 rounds half-up into A.
    let a = agency(&[("staff", "39.5"), ("lims", "10"), ("blind", "0.9")]);
    let e = policy
        .evaluate(&a, &cycle(None))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (e.outcome(), e.score()),
        (Outcome::Graded { grade: Grade::A }, Some(d("90")))
    );
    let rounding = e.explanation().score.as_ref().map(|s| (s.total, s.rounded));
    assert_eq!(rounding, Some((d("89.5"), d("90"))));

    // Bonus above the cap: 40 + 10 + 30 + 20 + 5 = 105 → 100.
    let a = agency(&[
        ("staff", "40"),
        ("lims", "10"),
        ("blind", "1"),
        ("bonus", "5"),
    ]);
    let e = policy
        .evaluate(&a, &cycle(None))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(e.score(), Some(d("100")));
    assert_eq!(e.explanation().score.as_ref().map(|s| s.capped), Some(true));
}

#[test]
fn deductions_count_records_in_the_cycle_down_to_the_floor() {
    let policy = small();
    let mut a = full();
    for (y, m) in [(2025, 12), (2026, 1), (2026, 6), (2026, 12), (2027, 1)] {
        a.records
            .push(Record::new(kind("inspection-finding"), date(y, m, 1)));
    }
    // Three in 2026: 20 − 24 → floor 2. Total 35 + 5 + 20 + 2 = 62 → C.
    let e = policy
        .evaluate(&a, &cycle(Some(date(2027, 1, 6))))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(e.score(), Some(d("62")));
    let line = e
        .explanation()
        .indicators
        .iter()
        .find(|l| l.id == "findings");
    assert_eq!(line.and_then(|l| l.points), Some(d("2")));
    assert!(
        e.explanation()
            .render(Lang::En)
            .contains("3 records × 8 = 24 off, held at the floor of 2")
    );
    assert!(
        e.explanation()
            .render(Lang::Zh)
            .contains("3 条记录 × 8 = 扣 24 分")
    );
}

#[test]
fn missing_inputs_are_errors_unless_an_override_decides() {
    let policy = small();
    let a = agency(&[("staff", "35")]);
    assert_eq!(
        policy.grade(&a, &cycle(None)).err(),
        policy
            .indicators()
            .get(2)
            .map(|i| InputError::MissingInput {
                agency: a.id,
                indicator: i.id.clone()
            })
    );
    let mut idle = a.clone();
    idle.business = false;
    let v = policy
        .grade(&idle, &cycle(None))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((v.outcome, v.score), (Outcome::NotGraded, None));
    // With every input, a not-graded agency still shows its score.
    let mut idle = full();
    idle.business = false;
    let v = policy
        .grade(&idle, &cycle(None))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((v.outcome, v.score), (Outcome::NotGraded, Some(d("80"))));
}

#[test]
fn inputs_out_of_range_are_errors_never_clamped() {
    let policy = small();
    for (key, value) in [("staff", "40.01"), ("staff", "-1"), ("blind", "1.2")] {
        let mut a = full();
        a.inputs.insert(key.to_owned(), d(value));
        // Even when an override decides, bad data is bad data.
        a.business = false;
        let err = policy.grade(&a, &cycle(None)).err();
        assert!(
            matches!(err, Some(InputError::OutOfRange { .. })),
            "{key} = {value}: {err:?}"
        );
        let text = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(
            text.contains(&format!("input `{value}` for indicator `{key}`")),
            "{text}"
        );
    }
}

#[test]
fn unknown_inputs_and_record_kinds_are_caught_with_a_suggestion() {
    let policy = small();
    let mut a = full();
    a.inputs.insert("stafff".to_owned(), d("1"));
    let err = policy.grade(&a, &cycle(None)).err();
    assert_eq!(
        err.as_ref().map(|e| e.field()),
        Some(Field::Input("stafff"))
    );
    insta::assert_snapshot!(
        "unknown_input",
        err.map(|e| e.to_string()).unwrap_or_default()
    );

    let mut a = full();
    a.records
        .push(Record::new(kind("inspection-findng"), date(2026, 3, 1)));
    let err = policy.grade(&a, &cycle(None)).err();
    assert_eq!(err.as_ref().map(|e| e.field()), Some(Field::RecordKind(0)));
    insta::assert_snapshot!(
        "unknown_record_kind",
        err.map(|e| e.to_string()).unwrap_or_default()
    );

    let mut a = full();
    a.inputs.insert("findings".to_owned(), d("3"));
    let err = policy.grade(&a, &cycle(None)).err();
    insta::assert_snapshot!(
        "input_for_deduct",
        err.map(|e| e.to_string()).unwrap_or_default()
    );

    // The seven C2 kinds are known to every policy, even one that does not name them.
    let mut a = full();
    a.records
        .push(Record::new(kind("serious-dishonesty"), date(2026, 3, 1)));
    assert!(policy.grade(&a, &cycle(None)).is_ok());
}

#[test]
fn bad_credit_is_judged_on_the_grading_date() {
    let policy = small();
    let as_of = date(2027, 1, 6);
    let graded = |repaired: Option<Date>, on: Date| {
        let mut a = full();
        let mut r = Record::new(kind("case-filed"), on);
        r.repaired_on = repaired;
        a.records.push(r);
        policy
            .grade(&a, &cycle(Some(as_of)))
            .map(|v| v.outcome)
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let d_grade = Outcome::Graded { grade: Grade::D };
    let b_grade = Outcome::Graded { grade: Grade::B };
    assert_eq!(graded(None, date(2026, 5, 1)), d_grade);
    assert_eq!(
        graded(None, date(2024, 5, 1)),
        d_grade,
        "an old unrepaired record is active"
    );
    assert_eq!(
        graded(Some(date(2026, 12, 1)), date(2026, 5, 1)),
        b_grade,
        "repaired before"
    );
    assert_eq!(
        graded(Some(as_of), date(2026, 5, 1)),
        b_grade,
        "repaired on the day"
    );
    assert_eq!(
        graded(Some(date(2027, 1, 7)), date(2026, 5, 1)),
        d_grade,
        "repaired after"
    );
    assert_eq!(
        graded(None, date(2027, 1, 7)),
        b_grade,
        "dated after the grading date"
    );
}

#[test]
fn fraud_in_the_cycle_is_not_erased_by_repair() {
    let policy = small();
    let mut a = full();
    let mut r = Record::new(kind("data-fraud"), date(2026, 8, 1));
    r.repaired_on = Some(date(2026, 9, 1));
    a.records.push(r);
    let e = policy
        .evaluate(&a, &cycle(None))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(e.outcome(), Outcome::Graded { grade: Grade::D });
    assert_eq!(e.decided_by().map(|o| o.as_str()), Some("data-fraud"));
    // Fraud in an earlier cycle does not fire this override.
    let mut a = full();
    a.records
        .push(Record::new(kind("data-fraud"), date(2025, 8, 1)));
    assert_eq!(
        policy.grade(&a, &cycle(None)).map(|v| v.outcome),
        Ok(Outcome::Graded { grade: Grade::B })
    );
}

#[test]
fn the_highest_priority_override_wins_and_all_fired_are_shown() {
    let policy = small();
    let mut a = full();
    a.business = false;
    a.records
        .push(Record::new(kind("case-filed"), date(2026, 5, 1)));
    let e = policy
        .evaluate(&a, &cycle(None))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(e.outcome(), Outcome::Graded { grade: Grade::D });
    let fired: Vec<(&str, bool)> = e
        .explanation()
        .overrides
        .iter()
        .map(|o| (o.id.as_str(), o.won))
        .collect();
    assert_eq!(fired, [("bad-credit", true), ("no-business", false)]);
    assert!(e.explanation().band.is_none() && e.explanation().next.is_none());
    insta::assert_snapshot!("two_overrides_en", e.explanation().render(Lang::En));
    insta::assert_snapshot!("two_overrides_zh", e.explanation().render(Lang::Zh));
}

#[test]
fn excluded_agencies_need_no_inputs() {
    let policy = small();
    let mut a = agency(&[]);
    a.services = vec![Service::PublicMonitoring];
    let e = policy
        .evaluate(&a, &cycle(None))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (e.outcome(), e.score(), e.decided_by()),
        (Outcome::Excluded, None, None)
    );
    // Filed after the grading date: not yet in the register (G1, F4).
    let mut late = full();
    late.filed_on = Some(date(2027, 2, 1));
    assert_eq!(
        policy.grade(&late, &cycle(None)).map(|v| v.outcome),
        Ok(Outcome::Excluded)
    );
    // Both services: graded.
    let mut both = full();
    both.services = vec![Service::PublicMonitoring, Service::SelfMonitoring];
    assert_eq!(
        policy.grade(&both, &cycle(None)).map(|v| v.outcome),
        Ok(Outcome::Graded { grade: Grade::B })
    );
}

#[test]
fn duplicate_agencies_are_an_error() {
    let roster = Roster {
        cycle: 2026,
        as_of: None,
        agencies: vec![full(), agency(&[]), full()],
    };
    let err = small().evaluate_roster(&roster).err();
    assert!(
        matches!(
            err,
            Some(RosterError::Duplicate {
                first: 1,
                second: 2,
                ..
            })
        ),
        "{err:?}"
    );
}

#[test]
fn as_of_defaults_to_the_day_after_the_cycle() {
    let roster = Roster {
        cycle: 2026,
        as_of: None,
        agencies: vec![full()],
    };
    let report = small()
        .evaluate_roster(&roster)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.as_of, date(2027, 1, 1));
}

#[test]
fn policy_sets_pick_the_version_in_force() {
    let v1 = SMALL.replace(
        "effective_from = 2026-01-01",
        "effective_from = 2025-01-01\neffective_until = 2026-06-30",
    );
    let v2 = SMALL
        .replace("version = \"1\"", "version = \"2\"")
        .replace("2026-01-01", "2026-07-01");
    let load = |t: &str| Policy::from_toml(t, "v.toml").unwrap_or_else(|e| panic!("{e}"));
    let set = PolicySet::new(vec![load(&v2), load(&v1)]).unwrap_or_else(|e| panic!("{e}"));
    let pick = |year| {
        Cycle::new(year, None)
            .ok()
            .and_then(|c| set.for_cycle(&c).map(|p| p.version().to_owned()))
    };
    assert_eq!(pick(2025).as_deref(), Some("1"));
    assert_eq!(
        pick(2026).as_deref(),
        Some("2"),
        "the mid-year revision governs its year"
    );
    assert_eq!(pick(2030).as_deref(), Some("2"));
    assert_eq!(pick(2024), None);
}

#[test]
fn sample_roster_round_trips_through_serde() {
    let roster = sample();
    let json = serde_json::to_string(&roster).unwrap_or_default();
    assert_eq!(Roster::from_json(&json).ok(), Some(roster));
}

#[test]
fn a_repair_before_the_record_is_an_error() {
    let mut a = full();
    let mut r = Record::new(kind("case-filed"), date(2026, 5, 1));
    r.repaired_on = Some(date(2026, 4, 30));
    a.records.push(r);
    let err = small().grade(&a, &cycle(None)).err();
    assert_eq!(
        err.as_ref().map(|e| e.field()),
        Some(Field::RecordRepair(0))
    );
    insta::assert_snapshot!(
        "repair_before_record",
        err.map(|e| e.to_string()).unwrap_or_default()
    );
}

#[test]
fn numbers_a_float_would_change_are_refused_with_their_place() {
    let toml = "cycle = 2026\n[[agency]]\nid = \"91110108MA01ABCD5T\"\nname = \"x\"\n\
                services = [\"self-monitoring\"]\ninputs = { staff = 10.00000000000000000001 }\n";
    let err = Roster::from_toml(toml).err();
    assert_eq!(
        err.as_ref().map(|e| (e.line, e.column)),
        Some((Some(6), Some(20)))
    );
    insta::assert_snapshot!(
        "lossy_float",
        err.map(|e| e.to_string()).unwrap_or_default()
    );
    // The same digits as a string are kept exactly.
    let quoted = toml.replace("10.00000000000000000001", "\"10.00000000000000000001\"");
    let roster = Roster::from_toml(&quoted).unwrap_or_else(|e| panic!("{e}"));
    let staff = roster
        .agencies
        .first()
        .and_then(|a| a.inputs.get("staff").copied());
    assert_eq!(staff, Some(d("10.00000000000000000001")));
}
