//! Loading a roster (TOML or JSON, by extension) and turning roster errors into messages that
//! name the file, line and column.

use crate::locate::{self, Part, Step};
use crate::source::{read, shown};
use crate::{Failure, warn};
use ecograde::agency::{Cycle, CycleError, ParseError};
use ecograde::grade::{Field, InputError, RosterError};
use ecograde::{Location, Policy, Roster};
use jiff::civil::Date;
use std::path::Path;

/// How a roster file is written, decided by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    /// `.toml`, the contract's form.
    Toml,
    /// `.json`, the same keys.
    Json,
}

/// A roster together with the text it came from, so errors found later can be placed.
pub(crate) struct RosterFile {
    /// The file name as given.
    pub(crate) file: String,
    text: String,
    format: Format,
    /// The roster, with `--as-of` applied.
    pub(crate) roster: Roster,
    /// Whether the grading date came from `--as-of` rather than the file.
    as_of_given: bool,
}

/// Reads and parses the roster in `path`; `as_of` overrides the file's grading date.
///
/// # Errors
/// A [`Failure`] for an unknown extension, an unreadable file, or a roster that does not
/// parse (with line and column).
pub(crate) fn load(path: &Path, as_of: Option<Date>) -> Result<RosterFile, Failure> {
    let file = shown(path);
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let format = match extension.as_deref() {
        Some("toml") => Format::Toml,
        Some("json") => Format::Json,
        _ => {
            return Err(Failure::in_file(
                &file,
                "unknown roster format: the file name must end in `.toml` or `.json`",
            ));
        }
    };
    let text = read(path)?;
    let mut roster = match format {
        Format::Toml => parse_toml(&file, &text)?,
        Format::Json => parse_json(&file, &text)?,
    };
    if as_of.is_some() {
        roster.as_of = as_of;
    }
    Ok(RosterFile {
        file,
        text,
        format,
        roster,
        as_of_given: as_of.is_some(),
    })
}

fn parse_toml(file: &str, text: &str) -> Result<Roster, Failure> {
    Roster::from_toml(text).map_err(|e| placed(file, text, e))
}

fn parse_json(file: &str, text: &str) -> Result<Roster, Failure> {
    Roster::from_json(text).map_err(|e| placed(file, text, e))
}

fn placed(file: &str, text: &str, e: ParseError) -> Failure {
    match e.span {
        Some(span) => Failure::at(&Location::in_source(file, text, span), e.message),
        None => Failure::in_file(file, e.message),
    }
}

impl RosterFile {
    /// The place of `path` in the file, if it can be found.
    fn locate(&self, path: &[Step<'_>], part: Part) -> Option<Location> {
        let span = match self.format {
            Format::Toml => locate::toml(&self.text, path, part),
            Format::Json => locate::json(&self.text, path, part),
        }?;
        Some(Location::in_source(&self.file, &self.text, span))
    }

    /// A failure at `path`, or at the agency entry when the place cannot be found.
    fn failure_at(
        &self,
        path: &[Step<'_>],
        part: Part,
        entry: Option<usize>,
        message: impl std::fmt::Display,
    ) -> Failure {
        match (self.locate(path, part), entry) {
            (Some(location), _) => Failure::at(&location, message),
            (None, Some(index)) => {
                Failure::in_file(&self.file, format_args!("agency {}: {message}", index + 1))
            }
            (None, None) => Failure::in_file(&self.file, message),
        }
    }

    /// The roster's cycle; warns (and goes on) when `policy` does not govern it (D2), since
    /// policy authors try new versions on old rosters.
    ///
    /// # Errors
    /// A [`Failure`] when the cycle year or grading date cannot be graded.
    pub(crate) fn cycle(&self, policy: &Policy) -> Result<Cycle, Failure> {
        let cycle = self.roster.cycle().map_err(|e| self.cycle_failure(&e))?;
        if !policy.governs(&cycle) {
            let until = policy
                .effective_until()
                .map_or_else(|| "open-ended".to_owned(), |d| d.to_string());
            warn(format_args!(
                "{}: policy `{}` {} (in force {} to {until}) does not govern cycle {}; grading anyway",
                self.file,
                policy.id(),
                policy.version(),
                policy.effective_from(),
                cycle.year(),
            ));
        }
        Ok(cycle)
    }

    fn cycle_failure(&self, error: &CycleError) -> Failure {
        match error {
            CycleError::AsOfBeforeCycle { .. } if self.as_of_given => {
                Failure::in_file(&self.file, format_args!("{error} (date from --as-of)"))
            }
            CycleError::AsOfBeforeCycle { .. } => {
                self.failure_at(&[Step::Key("as_of")], Part::Value, None, error)
            }
            _ => self.failure_at(&[Step::Key("cycle")], Part::Value, None, error),
        }
    }

    /// A roster error, placed in the file.
    pub(crate) fn roster_failure(&self, error: &RosterError) -> Failure {
        match error {
            RosterError::Duplicate { second, .. } => {
                let index = second.saturating_sub(1);
                let path = [Step::Key("agency"), Step::Index(index), Step::Key("id")];
                self.failure_at(&path, Part::Value, Some(index), error)
            }
            RosterError::Agency { index, error } => self.input_failure(*index, error),
            RosterError::Cycle(error) => self.cycle_failure(error),
            _ => Failure::in_file(&self.file, error),
        }
    }

    /// An error in the facts of the agency at `index` (0-based), placed at the field it is
    /// about: the input's key (its value when the value is wrong), the record's `kind`, or
    /// the agency's `id`.
    pub(crate) fn input_failure(&self, index: usize, error: &InputError) -> Failure {
        let agency = [Step::Key("agency"), Step::Index(index)];
        let (field, part) = match error.field() {
            Field::Input(key) => {
                let part = match error {
                    InputError::OutOfRange { .. } | InputError::InputForDeduct { .. } => {
                        Part::Value
                    }
                    _ => Part::Key,
                };
                (vec![Step::Key("inputs"), Step::Key(key)], part)
            }
            Field::RecordKind(record) => (
                vec![Step::Key("record"), Step::Index(record), Step::Key("kind")],
                Part::Value,
            ),
            _ => (vec![Step::Key("id")], Part::Value),
        };
        let path: Vec<Step<'_>> = agency.into_iter().chain(field).collect();
        self.failure_at(&path, part, Some(index), error)
    }
}
