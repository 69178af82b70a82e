//! Grading speed: the grade-only path against the explained path, on the sample roster and on
//! a synthetic roster of 10 000 agencies; and how long a policy takes to load.
//!
//! Run with `cargo bench --bench grade`; figures are kept in `benches/README.md`.

#![allow(missing_docs)] // `criterion_group!` defines an undocumented function

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ecograde::agency::Cycle;
use ecograde::policy::BEIJING_2026_TOML;
use ecograde::{Agency, AgencyId, Policy, Record, RecordKind, Roster, Service};
use rust_decimal::Decimal;
use std::hint::black_box;

const SAMPLE: &str = include_str!("../examples/roster-2026.toml");

/// `n` agencies with every input of the shipped policy and a few findings, varied so that
/// every band and some overrides occur.
fn synthetic(policy: &Policy, n: u32) -> Vec<Agency> {
    let finding = RecordKind::new("inspection-finding").ok();
    let bad = RecordKind::new("case-filed").ok();
    (0..n)
        .filter_map(|i| {
            let id = AgencyId::complete(&format!("91110108MA{:06}", i)).ok()?;
            let mut agency = Agency::new(id, "机构", vec![Service::SelfMonitoring]);
            for indicator in policy.indicators() {
                let value = match indicator.rule.name() {
                    "steps" => Decimal::new(i64::from(80 + i % 21), 2),
                    "points" => indicator.max * Decimal::new(i64::from(i % 11), 1),
                    _ => continue,
                };
                agency.inputs.insert(indicator.id.to_string(), value);
            }
            for k in 0..(i % 4) {
                let month = i8::try_from(k + 1).ok()?;
                agency.records.push(Record::new(
                    finding.clone()?,
                    jiff::civil::date(2026, month, 1),
                ));
            }
            if i % 50 == 0 {
                agency
                    .records
                    .push(Record::new(bad.clone()?, jiff::civil::date(2026, 6, 1)));
            }
            agency.business = i % 97 != 0;
            Some(agency)
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let policy = Policy::beijing_2026();

    c.bench_function("policy/load-shipped", |b| {
        b.iter(|| Policy::from_toml(black_box(BEIJING_2026_TOML), "p.toml"))
    });

    let Ok(roster) = Roster::from_toml(SAMPLE) else {
        return;
    };
    let Ok(cycle) = roster.cycle() else { return };
    let mut group = c.benchmark_group("sample-roster");
    group.throughput(Throughput::Elements(roster.agencies.len() as u64));
    group.bench_function("grade", |b| {
        b.iter(|| {
            for agency in &roster.agencies {
                let _ = black_box(policy.grade(agency, &cycle));
            }
        })
    });
    group.bench_function("evaluate", |b| {
        b.iter(|| {
            for agency in &roster.agencies {
                let _ = black_box(policy.evaluate(agency, &cycle));
            }
        })
    });
    group.finish();

    let Ok(cycle) = Cycle::new(2026, None) else {
        return;
    };
    let agencies = synthetic(&policy, 10_000);
    let mut group = c.benchmark_group("synthetic");
    group.throughput(Throughput::Elements(agencies.len() as u64));
    group.sample_size(20);
    for (name, explain) in [("grade", false), ("evaluate", true)] {
        group.bench_with_input(
            BenchmarkId::new(name, agencies.len()),
            &explain,
            |b, &explain| {
                b.iter(|| {
                    for agency in &agencies {
                        if explain {
                            let _ = black_box(policy.evaluate(agency, &cycle));
                        } else {
                            let _ = black_box(policy.grade(agency, &cycle));
                        }
                    }
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
