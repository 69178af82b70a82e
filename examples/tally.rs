//! Grades the sample roster with the shipped policy on the grade-only path and tallies the
//! outcomes; then explains the first agency in both languages.
//!
//! `cargo run --example tally`

use ecograde::{Lang, Outcome, Policy, Roster};
use std::collections::BTreeMap;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let policy = Policy::beijing_2026();
    let roster = Roster::from_toml(include_str!("roster-2026.toml"))?;
    let cycle = roster.cycle()?;

    let mut tally: BTreeMap<String, usize> = BTreeMap::new();
    for agency in &roster.agencies {
        let verdict = policy.grade(agency, &cycle)?;
        let key = match verdict.outcome {
            Outcome::Graded { grade } => format!("graded {grade}"),
            other => other.kind().to_owned(),
        };
        *tally.entry(key).or_default() += 1;
    }
    println!(
        "{} {} (sha256 {}), cycle {}, as of {}",
        policy.id(),
        policy.version(),
        policy.sha256(),
        cycle.year(),
        cycle.as_of()
    );
    for (outcome, count) in &tally {
        println!("{outcome:>12}: {count}");
    }

    if let Some(first) = roster.agencies.first() {
        let evaluation = policy.evaluate(first, &cycle)?;
        println!("\n{}", evaluation.explanation().render(Lang::Zh));
        println!("{}", evaluation.explanation().render(Lang::En));
    }
    Ok(())
}
