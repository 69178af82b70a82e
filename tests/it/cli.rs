//! The `ecograde` binary end to end: the contract's JSON, tables and CSV, `check`'s
//! rustc-style diagnostics, `explain`, and exit status 2 with a placed message for every kind
//! of bad input (and nothing on stdout).
//!
//! Fixtures live in `tests/fixtures/cli/`; paths are given relative to the package root, as a
//! user would type them, so messages name them the same way on every machine.

use ecograde::{Policy, Roster};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::process::Command;

/// What one run of the binary did.
struct Run {
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

fn ecograde(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_ecograde"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run ecograde: {e}"));
    Run {
        status: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs and expects exit 0; returns stdout.
fn ok(args: &[&str]) -> String {
    let run = ecograde(args);
    assert_eq!(run.status, Some(0), "{args:?}\nstderr: {}", run.stderr);
    run.stdout
}

/// Runs and expects exit 2 with nothing on stdout; returns stderr.
fn bad_input(args: &[&str]) -> String {
    let run = ecograde(args);
    assert_eq!(run.status, Some(2), "{args:?}\nstdout: {}", run.stdout);
    assert_eq!(run.stdout, "", "{args:?}: stdout must be empty on exit 2");
    assert!(
        run.stderr.starts_with("error: "),
        "{args:?}: {}",
        run.stderr
    );
    run.stderr
}

fn fixture(name: &str) -> String {
    format!("tests/fixtures/cli/{name}")
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

fn field<'v>(value: &'v Value, key: &str) -> &'v Value {
    value
        .get(key)
        .unwrap_or_else(|| panic!("no `{key}` in {value}"))
}

fn results(report: &Value) -> &Vec<Value> {
    field(report, "results")
        .as_array()
        .unwrap_or_else(|| panic!("`results` is not an array"))
}

/// Every 64-hex-digit run (a policy's sha256) replaced, so snapshots survive edits to the
/// shipped policy's comments.
fn redact_sha256(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    for c in text.chars().chain(['\n']) {
        if c.is_ascii_hexdigit() {
            run.push(c);
            continue;
        }
        if run.len() == 64 {
            out.push_str("[sha256]");
        } else {
            out.push_str(&run);
        }
        run.clear();
        out.push(c);
    }
    out.pop();
    out
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// grade
// ---------------------------------------------------------------------------------------------

#[test]
fn grade_json_follows_the_contract() {
    let report = json(&ok(&["grade", "--roster", &fixture("roster.toml")]));

    let policy = field(&report, "policy");
    assert_eq!(field(policy, "id"), "beijing/self-monitoring");
    assert_eq!(field(policy, "version"), "2026.1");
    let sha = field(policy, "sha256").as_str().unwrap_or_default();
    assert_eq!(sha.len(), 64);
    assert!(
        sha.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f')),
        "{sha}"
    );
    // The default policy's hash is over the embedded bytes.
    assert_eq!(
        sha,
        sha256_hex(ecograde::policy::BEIJING_2026_TOML.as_bytes())
    );
    assert_eq!(sha, Policy::beijing_2026().sha256());
    assert_eq!(field(&report, "cycle"), 2026);
    assert_eq!(field(&report, "as_of"), "2027-01-06");

    // (agency, outcome, grade, score, override), in roster order.
    let expected = [
        (
            "91110105MA7C1E2FXT",
            "graded",
            Value::from("B"),
            Value::from("86"),
            Value::Null,
        ),
        (
            "91110106MA8D3G4H8C",
            "graded",
            Value::from("B"),
            Value::from("75"),
            Value::Null,
        ),
        (
            "91110107MA9E5J6K7U",
            "not-graded",
            Value::Null,
            Value::Null,
            Value::from("no-business"),
        ),
        (
            "91110108MA6F7L8M8Q",
            "excluded",
            Value::Null,
            Value::Null,
            Value::Null,
        ),
        (
            "91110109MA5G9N0P73",
            "graded",
            Value::from("D"),
            Value::from("100"),
            Value::from("bad-credit"),
        ),
    ];
    let rows = results(&report);
    assert_eq!(rows.len(), expected.len());
    for (row, (agency, outcome, grade, score, decided_by)) in rows.iter().zip(expected) {
        assert_eq!(field(row, "agency"), agency);
        assert_eq!(field(row, "outcome"), outcome, "{agency}");
        assert_eq!(field(row, "grade"), &grade, "{agency}");
        assert_eq!(field(row, "score"), &score, "{agency}");
        assert_eq!(field(row, "override"), &decided_by, "{agency}");
        let explanation = field(row, "explanation");
        assert_eq!(field(explanation, "agency"), agency);
        assert_eq!(field(explanation, "outcome"), outcome);
    }
}

#[test]
fn grade_with_a_policy_file_hashes_its_bytes() {
    let path = "policies/beijing-self-monitoring-2026.toml";
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let report = json(&ok(&[
        "grade",
        "--policy",
        path,
        "--roster",
        &fixture("roster.toml"),
    ]));
    assert_eq!(
        field(field(&report, "policy"), "sha256"),
        sha256_hex(&bytes).as_str()
    );
}

#[test]
fn grade_output_is_byte_identical_across_runs() {
    for format in ["json", "table", "csv"] {
        let args = [
            "grade",
            "--roster",
            "examples/roster-2026.toml",
            "--format",
            format,
        ];
        assert_eq!(ok(&args), ok(&args), "--format {format}");
    }
}

#[test]
fn json_rosters_grade_like_toml_rosters() {
    let toml = ok(&["grade", "--roster", &fixture("roster.toml")]);
    assert_eq!(toml, ok(&["grade", "--roster", &fixture("roster.json")]));

    let sample = ok(&["grade", "--roster", "examples/roster-2026.toml"]);
    assert_eq!(
        sample,
        ok(&["grade", "--roster", "tests/fixtures/roster-2026.json"])
    );
}

#[test]
fn results_come_in_roster_order() {
    let text = std::fs::read_to_string("examples/roster-2026.toml")
        .unwrap_or_else(|e| panic!("examples/roster-2026.toml: {e}"));
    let roster: Roster =
        toml::from_str(&text).unwrap_or_else(|e| panic!("examples/roster-2026.toml: {e}"));
    let report = json(&ok(&["grade", "--roster", "examples/roster-2026.toml"]));
    let graded: Vec<&str> = results(&report)
        .iter()
        .map(|row| field(row, "agency").as_str().unwrap_or_default())
        .collect();
    let listed: Vec<&str> = roster.agencies.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(graded, listed);
}

#[test]
fn as_of_overrides_the_roster_date() {
    let roster = fixture("roster.toml");
    let later = json(&ok(&[
        "grade",
        "--roster",
        &roster,
        "--as-of",
        "2027-03-01",
    ]));
    assert_eq!(field(&later, "as_of"), "2027-03-01");
    for row in results(&later) {
        assert_eq!(field(field(row, "explanation"), "as_of"), "2027-03-01");
    }

    // Graded before its case was filed (2026-10-12), the last agency has no active bad credit
    // and is graded by score.
    let earlier = json(&ok(&[
        "grade",
        "--roster",
        &roster,
        "--as-of",
        "2026-10-01",
    ]));
    let last = results(&earlier).last().cloned().unwrap_or_default();
    assert_eq!(field(&last, "grade"), "A");
    assert_eq!(field(&last, "override"), &Value::Null);
}

#[test]
fn grade_table_zh() {
    let table = ok(&[
        "grade",
        "--roster",
        &fixture("roster.toml"),
        "--format",
        "table",
    ]);
    insta::assert_snapshot!("grade_table_zh", table);
}

#[test]
fn grade_table_en() {
    let args = [
        "grade",
        "--roster",
        &fixture("roster.toml"),
        "--format",
        "table",
        "--lang",
        "en",
    ];
    insta::assert_snapshot!("grade_table_en", ok(&args));
}

#[test]
fn grade_csv() {
    let csv = ok(&[
        "grade",
        "--roster",
        &fixture("roster.json"),
        "--format",
        "csv",
    ]);
    assert!(csv.starts_with("agency,name,outcome,grade,score,override\n"));
    insta::assert_snapshot!("grade_csv", csv);
}

#[test]
fn a_policy_that_does_not_govern_the_cycle_warns_and_grades() {
    let run = ecograde(&["grade", "--roster", &fixture("old-cycle.toml")]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "warning: tests/fixtures/cli/old-cycle.toml: policy `beijing/self-monitoring` 2026.1 \
         (in force 2026-01-01 to 2026-12-31) does not govern cycle 2025; grading anyway\n"
    );
    assert_eq!(field(&json(&run.stdout), "cycle"), 2025);
}

// ---------------------------------------------------------------------------------------------
// check
// ---------------------------------------------------------------------------------------------

#[test]
fn check_passes_the_shipped_policy() {
    let out = ok(&["check", "policies/beijing-self-monitoring-2026.toml"]);
    assert_eq!(out, "policies/beijing-self-monitoring-2026.toml: ok\n");
}

#[test]
fn check_with_warnings_only_exits_0() {
    let out = ok(&["check", &fixture("warn-policy.toml")]);
    assert!(out.contains("warning[W006]"), "{out}");
    assert!(
        out.ends_with("tests/fixtures/cli/warn-policy.toml: 2 warnings\n"),
        "{out}"
    );
}

#[test]
fn check_reads_versions_of_one_policy_together() {
    let v1 = fixture("versions/2026.1.toml");
    let v2 = fixture("versions/2026.2.toml");
    let out = ok(&["check", &v1, &v2]);
    assert!(out.ends_with("2026.2.toml: ok\n"), "{out}");
    // The shipped 2026.1 runs to 2026-12-31, so it overlaps 2026.2 from 2026-07-01 (D2).
    let run = ecograde(&["check", "policies/beijing-self-monitoring-2026.toml", &v2]);
    assert_eq!(run.status, Some(1), "{}", run.stderr);
    insta::assert_snapshot!("check_overlapping_versions", run.stdout);
}

#[test]
fn check_fails_a_bad_policy_rustc_style() {
    let run = ecograde(&["check", &fixture("bad-policy.toml")]);
    assert_eq!(run.status, Some(1), "{}", run.stderr);
    assert_eq!(run.stderr, "");
    insta::assert_snapshot!("check_bad_policy", run.stdout);
}

#[test]
fn check_reports_every_file() {
    let bad = fixture("bad-policy.toml");
    let run = ecograde(&["check", "policies/beijing-self-monitoring-2026.toml", &bad]);
    assert_eq!(run.status, Some(1));
    assert!(
        run.stdout
            .starts_with("policies/beijing-self-monitoring-2026.toml: ok\n")
    );
    assert!(
        run.stdout
            .ends_with("tests/fixtures/cli/bad-policy.toml: 2 errors, 2 warnings\n")
    );
}

#[test]
fn check_of_an_unreadable_file_prints_nothing_to_stdout() {
    let stderr = bad_input(&[
        "check",
        "policies/beijing-self-monitoring-2026.toml",
        &fixture("no-such-policy.toml"),
    ]);
    assert!(
        stderr.starts_with("error: tests/fixtures/cli/no-such-policy.toml: cannot read the file"),
        "{stderr}"
    );
}

// ---------------------------------------------------------------------------------------------
// explain
// ---------------------------------------------------------------------------------------------

#[test]
fn explain_zh() {
    let args = [
        "explain",
        "--roster",
        &fixture("roster.toml"),
        "--agency",
        "91110105MA7C1E2FXT",
    ];
    insta::assert_snapshot!("explain_zh", redact_sha256(&ok(&args)));
}

#[test]
fn explain_en() {
    let roster = fixture("roster.toml");
    let args = [
        "explain",
        "--roster",
        &roster,
        "--agency",
        "91110105MA7C1E2FXT",
        "--lang",
        "en",
    ];
    insta::assert_snapshot!("explain_en", redact_sha256(&ok(&args)));
}

#[test]
fn explain_en_override() {
    let roster = fixture("roster.toml");
    let args = [
        "explain",
        "--roster",
        &roster,
        "--agency",
        "91110109MA5G9N0P73",
        "--lang",
        "en",
    ];
    insta::assert_snapshot!("explain_en_override", redact_sha256(&ok(&args)));
}

#[test]
fn explain_json_is_the_explanation_grade_prints() {
    let roster = fixture("roster.json");
    let report = json(&ok(&["grade", "--roster", &roster]));
    for row in results(&report) {
        let agency = field(row, "agency").as_str().unwrap_or_default();
        let args = [
            "explain", "--roster", &roster, "--agency", agency, "--format", "json",
        ];
        assert_eq!(&json(&ok(&args)), field(row, "explanation"), "{agency}");
    }
}

// ---------------------------------------------------------------------------------------------
// bad input: exit 2, nothing on stdout, the file and place on stderr
// ---------------------------------------------------------------------------------------------

#[test]
fn bad_input_names_the_file_and_place() {
    let grade = |file: &str| vec!["grade".to_owned(), "--roster".to_owned(), fixture(file)];
    let explain = |file: &str, agency: &str| {
        ["explain", "--roster", &fixture(file), "--agency", agency]
            .map(str::to_owned)
            .to_vec()
    };
    let with = |mut args: Vec<String>, more: &[&str]| {
        args.extend(more.iter().map(|s| (*s).to_owned()));
        args
    };
    // (what, arguments, how stderr starts)
    let cases: Vec<(&str, Vec<String>, &str)> = vec![
        (
            "malformed roster TOML",
            grade("bad-syntax.toml"),
            "error: tests/fixtures/cli/bad-syntax.toml:5:21: ",
        ),
        (
            "malformed roster JSON",
            grade("bad-syntax.json"),
            "error: tests/fixtures/cli/bad-syntax.json:4:84: trailing comma",
        ),
        (
            "invalid agency code",
            grade("bad-id.toml"),
            "error: tests/fixtures/cli/bad-id.toml:4:6: credit-code check character (18th) is `A`, expected `T`",
        ),
        (
            "unknown record kind",
            grade("bad-kind.toml"),
            "error: tests/fixtures/cli/bad-kind.toml:22:8: agency `91110105MA7C1E2FXT`: record 2 has kind `inspection-findng`",
        ),
        (
            "unknown record kind, JSON roster",
            grade("bad-kind.json"),
            "error: tests/fixtures/cli/bad-kind.json:25:19: agency `91110105MA7C1E2FXT`: record 2 has kind `inspection-findng`",
        ),
        (
            "input out of range",
            grade("out-of-range.toml"),
            "error: tests/fixtures/cli/out-of-range.toml:10:26: agency `91110105MA7C1E2FXT`: input `12`",
        ),
        (
            "missing input",
            grade("missing-input.toml"),
            "error: tests/fixtures/cli/missing-input.toml:4:6: agency `91110105MA7C1E2FXT`: no input for indicator `management.contract`",
        ),
        (
            "duplicate agency",
            grade("duplicate.toml"),
            "error: tests/fixtures/cli/duplicate.toml:18:6: agency `91110105MA7C1E2FXT` is listed twice",
        ),
        (
            "unknown input key",
            grade("unknown-input.toml"),
            "error: tests/fixtures/cli/unknown-input.toml:9:1: agency `91110105MA7C1E2FXT`: input `capability.staf`",
        ),
        (
            "unreadable roster",
            grade("no-such-roster.toml"),
            "error: tests/fixtures/cli/no-such-roster.toml: cannot read the file: no such file",
        ),
        (
            "roster that is not UTF-8",
            grade("not-utf8.toml"),
            "error: tests/fixtures/cli/not-utf8.toml: cannot read the file: not UTF-8 text",
        ),
        (
            "unknown roster extension",
            grade("roster.csv"),
            "error: tests/fixtures/cli/roster.csv: unknown roster format",
        ),
        (
            "bad --as-of",
            with(grade("roster.toml"), &["--as-of", "2027-1-6"]),
            "error: invalid value '2027-1-6' for '--as-of <YYYY-MM-DD>'",
        ),
        (
            "--as-of before the cycle",
            with(grade("roster.toml"), &["--as-of", "2025-12-31"]),
            "error: tests/fixtures/cli/roster.toml: grading date `2025-12-31` is before cycle 2026 begins",
        ),
        (
            "policy that does not load",
            with(
                grade("roster.toml"),
                &["--policy", "tests/fixtures/cli/bad-policy.toml"],
            ),
            "error: tests/fixtures/cli/bad-policy.toml: the policy does not load (2 errors):\n\
             tests/fixtures/cli/bad-policy.toml:13:7: error[E020]: ",
        ),
        (
            "explain: invalid --agency",
            explain("roster.toml", "91110105MA7C1E2FX"),
            "error: --agency `91110105MA7C1E2FX`: unified social credit code must have 18 characters, found 17",
        ),
        (
            "explain: unknown agency, with the nearest id",
            explain("roster.toml", "91110106MA7C1E2FX9"),
            "error: tests/fixtures/cli/roster.toml: no agency `91110106MA7C1E2FX9` in the roster (did you mean `91110105MA7C1E2FXT`?)",
        ),
        (
            "explain: unknown agency, nothing near",
            explain("roster.json", "91110108MA01ABCD5T"),
            "error: tests/fixtures/cli/roster.json: no agency `91110108MA01ABCD5T` in the roster\n",
        ),
        (
            "explain: the agency's facts cannot be graded",
            explain("bad-kind.json", "91110105MA7C1E2FXT"),
            "error: tests/fixtures/cli/bad-kind.json:25:19: ",
        ),
    ];
    let mut all = String::new();
    for (what, args, starts) in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let stderr = bad_input(&args);
        assert!(
            stderr.starts_with(starts),
            "{what}: expected `{starts}…`, got:\n{stderr}"
        );
        all.push_str(&format!("# {what}\n{stderr}\n"));
    }
    insta::assert_snapshot!("bad_input_messages", all);
}

// ---------------------------------------------------------------------------------------------
// help and version
// ---------------------------------------------------------------------------------------------

#[test]
fn help_and_version() {
    assert_eq!(
        ok(&["--version"]),
        format!("ecograde {}\n", env!("CARGO_PKG_VERSION"))
    );
    let help = ok(&["--help"]);
    for word in ["grade", "check", "explain"] {
        assert!(help.contains(word), "{help}");
    }
    for command in ["grade", "check", "explain"] {
        let help = ok(&[command, "--help"]);
        assert!(
            help.contains(&format!("Usage: ecograde {command}")),
            "{help}"
        );
    }
    let run = ecograde(&[]);
    assert_eq!(run.status, Some(2));
    assert_eq!(run.stdout, "");
}
