//! The `ecograde` command-line tool (being written).
fn main() {}
