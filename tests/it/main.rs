//! Integration tests: one binary, one module per concern.

mod alloc;
mod checks;
#[cfg(feature = "cli")]
mod cli;
mod grade;
mod laws;
