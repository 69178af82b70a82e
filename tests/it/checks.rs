//! Policy checks end to end: one small policy per diagnostic code in `tests/bad/`, each the
//! clean `ok-minimal.toml` with one thing broken. Every file must report the code its name
//! starts with and nothing else, errors must stop the policy loading and warnings must not,
//! and every rendered report is snapshotted. The set codes (E041–E043) are checked on
//! `PolicySet`s of loaded policies.

use ecograde::check::{Code, Severity};
use ecograde::{LoadError, Policy, PolicySet, Report};
use rust_decimal::Decimal;
use std::path::Path;

/// Files where a second code necessarily comes with the one named: a band above the best
/// total (W003) needs an indicator that cannot reach its max (W001).
const ALSO: &[(&str, Code)] = &[("w003-band-above-best-total.toml", Code::UnreachableMax)];

/// `(file name, text)` of every policy in `tests/bad/`, by name.
fn bad_files() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad");
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) => panic!("{}: {e}", dir.display()),
    };
    let mut files: Vec<(String, String)> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .map(|path| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            match std::fs::read_to_string(&path) {
                Ok(text) => (name, text),
                Err(e) => panic!("{}: {e}", path.display()),
            }
        })
        .collect();
    files.sort();
    files
}

/// The code a file name promises: `e010-bands-not-decreasing.toml` → `E010`; `None` for the
/// `ok-…` files, which must be clean.
fn expected_code(name: &str) -> Option<Code> {
    let prefix = name.split('-').next().unwrap_or_default().to_uppercase();
    if prefix == "OK" {
        return None;
    }
    match Code::ALL.iter().find(|c| c.as_str() == prefix) {
        Some(code) => Some(*code),
        None => panic!("`{name}` does not start with a known code or `ok-`"),
    }
}

fn text_of(name: &str) -> String {
    match bad_files().into_iter().find(|(n, _)| n == name) {
        Some((_, text)) => text,
        None => panic!("no `tests/bad/{name}`"),
    }
}

fn load(text: &str, origin: &str) -> Policy {
    match Policy::from_toml(text, origin) {
        Ok(policy) => policy,
        Err(e) => panic!("{origin}: {e}"),
    }
}

#[test]
fn every_bad_file_reports_its_code_and_nothing_else() {
    let files = bad_files();
    assert!(files.len() > 40, "only {} files in tests/bad", files.len());
    for (name, text) in files {
        let origin = format!("tests/bad/{name}");
        let report = Policy::check(&text, &origin);
        let stem = name.trim_end_matches(".toml");
        insta::assert_snapshot!(stem, report.to_string());

        let loaded = Policy::from_toml(&text, &origin);
        let Some(code) = expected_code(&name) else {
            assert_eq!(report, Report::default(), "{name} should be clean");
            assert!(loaded.is_ok(), "{name} should load");
            continue;
        };
        assert!(
            report.diagnostics.iter().any(|d| d.code == code),
            "{name}: no {code} in\n{report}"
        );
        let allowed = |c: Code| c == code || ALSO.contains(&(name.as_str(), c));
        assert!(
            report.diagnostics.iter().all(|d| allowed(d.code)),
            "{name}: more than {code} in\n{report}"
        );
        assert!(
            report.diagnostics.iter().all(|d| d.location.is_some()),
            "{name}: a diagnostic without a place in\n{report}"
        );
        match (code.severity(), loaded) {
            (Severity::Error, Err(LoadError::Invalid(errors))) => {
                assert_eq!(errors, report, "{name}: load error and check differ");
            }
            (Severity::Warning, Ok(policy)) => {
                assert_eq!(policy.warnings(), report.diagnostics.as_slice(), "{name}");
            }
            (Severity::Error, Ok(_)) => panic!("{name}: loads despite {code}"),
            (Severity::Warning, Err(e)) => panic!("{name}: a warning stopped it loading: {e}"),
            (_, Err(e)) => panic!("{name}: {e}"),
        }
    }
}

#[test]
fn every_policy_code_has_a_bad_file() {
    let set_codes = [
        Code::OverlappingVersions,
        Code::MixedPolicies,
        Code::DuplicateVersion,
    ];
    let covered: Vec<Code> = bad_files()
        .iter()
        .filter_map(|(name, _)| expected_code(name))
        .collect();
    for code in Code::ALL {
        if !set_codes.contains(code) {
            assert!(covered.contains(code), "no tests/bad file for {code}");
        }
    }
}

/// Versions of `ok-minimal.toml` with another version, period or id.
fn version(id: &str, version: &str, from: &str, until: &str) -> Policy {
    let text = text_of("ok-minimal.toml")
        .replacen("id = \"test/minimal\"", &format!("id = \"{id}\""), 1)
        .replacen("version = \"1\"", &format!("version = \"{version}\""), 1)
        .replacen(
            "effective_from = 2026-01-01",
            &format!("effective_from = {from}"),
            1,
        )
        .replacen(
            "effective_until = 2026-12-31",
            &format!("effective_until = {until}"),
            1,
        );
    load(
        &text,
        &format!("policies/{}-{version}.toml", id.replace('/', "-")),
    )
}

#[test]
fn policy_sets_report_their_codes() {
    let cases = [
        (
            "set-e041-overlapping-versions",
            Code::OverlappingVersions,
            vec![
                version("test/minimal", "2026.1", "2026-01-01", "2026-12-31"),
                version("test/minimal", "2026.2", "2026-07-01", "2027-06-30"),
            ],
        ),
        (
            "set-e042-mixed-policies",
            Code::MixedPolicies,
            vec![
                version("test/minimal", "2026.1", "2026-01-01", "2026-12-31"),
                version("test/other", "2027.1", "2027-01-01", "2027-12-31"),
            ],
        ),
        (
            "set-e043-duplicate-version",
            Code::DuplicateVersion,
            vec![
                version("test/minimal", "2026.1", "2026-01-01", "2026-12-31"),
                version("test/minimal", "2026.1", "2026-01-01", "2026-06-30"),
            ],
        ),
    ];
    for (name, code, policies) in cases {
        let report = match PolicySet::new(policies) {
            Ok(_) => panic!("{name}: the set was accepted"),
            Err(e) => e.report().clone(),
        };
        assert!(
            report.diagnostics.iter().all(|d| d.code == code),
            "{name}: not only {code} in\n{report}"
        );
        assert!(!report.diagnostics.is_empty(), "{name}");
        insta::assert_snapshot!(name, report.to_string());
    }
}

#[test]
fn consecutive_versions_make_a_set() {
    let set = PolicySet::new(vec![
        version("test/minimal", "2027.1", "2027-01-01", "2027-12-31"),
        version("test/minimal", "2026.1", "2026-01-01", "2026-12-31"),
    ]);
    match set {
        Ok(set) => {
            let versions: Vec<&str> = set.versions().iter().map(Policy::version).collect();
            assert_eq!(versions, ["2026.1", "2027.1"]);
        }
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn a_band_min_keeps_its_exact_decimal() {
    let text = text_of("ok-minimal.toml").replacen("min = 90", "min = 89.5", 1);
    let policy = load(&text, "exact-band.toml");
    let min = policy.bands().first().map(|b| b.min);
    assert_eq!(min, Some(Decimal::new(895, 1)));
    assert_eq!(min.map(|m| m.to_string()).as_deref(), Some("89.5"));
    assert!(policy.warnings().is_empty(), "{:?}", policy.warnings());
}

#[test]
fn a_step_threshold_string_keeps_its_exact_decimal() {
    let text = text_of("ok-minimal.toml").replacen("[0.95, 30]", "[\"0.9499\", 30]", 1);
    let policy = load(&text, "exact-step.toml");
    let threshold = policy
        .indicators()
        .iter()
        .find(|i| i.id.as_str() == "quality")
        .and_then(|i| match &i.rule {
            ecograde::policy::Rule::Steps { steps, .. } => steps.first().map(|s| s.at_least),
            _ => None,
        });
    assert_eq!(threshold, Some(Decimal::new(9499, 4)));
    assert_eq!(threshold.map(|t| t.to_string()).as_deref(), Some("0.9499"));
    assert!(policy.warnings().is_empty(), "{:?}", policy.warnings());
}
