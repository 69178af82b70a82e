#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
//!
//! # Crate features
//!
//! - `cli` (off by default): the `ecograde` command-line tool (`clap`, `annotate-snippets`).
//!   The library itself needs neither.

pub mod agency;
pub mod calendar;
pub mod check;
pub mod grade;
pub mod policy;
mod serde_util;
mod suggest;

pub use agency::{Agency, AgencyId, AgencyIdError, Record, RecordKind, Roster, Service};
pub use check::{Diagnostic, Location, Report, Severity};
pub use grade::{Evaluation, Explanation, Lang, Outcome, Verdict};
pub use policy::{Grade, LoadError, Policy, PolicySet};
