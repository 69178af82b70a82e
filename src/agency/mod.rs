//! The facts of one grading cycle: agencies, their records, the roster (chapters 2–3).
//!
//! An [`Agency`] is identified by its unified social credit code ([`AgencyId`], F4); it offers
//! self-monitoring and/or public-monitoring services (F1, G1); its dated [`Record`]s carry
//! bad credit (C2, C3), findings and complaints, and credit repair (D1). A [`Roster`] holds the
//! agencies of one [`Cycle`] (G2). All of it is plain serde data, read from TOML or JSON alike.

mod exact;
mod id;
mod record;
mod roster;

pub use id::{AgencyId, AgencyIdError};
pub use record::{BUILT_IN_BAD_CREDIT, Record, RecordKind, RecordKindError};
pub use roster::{Agency, Cycle, CycleError, ParseError, Roster, Service};
