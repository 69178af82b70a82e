//! Agencies and the roster of one grading cycle (G2).

use super::{AgencyId, Record};
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// A monitoring service an agency offers (F1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Service {
    /// Self-monitoring for emitters (自行监测); only these agencies are graded (G1).
    SelfMonitoring,
    /// Public monitoring (公共监测).
    PublicMonitoring,
}

impl Service {
    /// The name used in files: `self-monitoring` or `public-monitoring`.
    pub fn as_str(self) -> &'static str {
        match self {
            Service::SelfMonitoring => "self-monitoring",
            Service::PublicMonitoring => "public-monitoring",
        }
    }

    /// Reads a service name as written in files.
    pub fn parse(name: &str) -> Option<Service> {
        match name {
            "self-monitoring" => Some(Service::SelfMonitoring),
            "public-monitoring" => Some(Service::PublicMonitoring),
            _ => None,
        }
    }
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

fn yes() -> bool {
    true
}

/// A filed agency and the facts of its cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    /// Its unified social credit code.
    pub id: AgencyId,
    /// Its registered name.
    pub name: String,
    /// The services it is filed for (F1).
    pub services: Vec<Service>,
    /// When it filed (F4). An agency filed after the grading date is not yet in the register
    /// and is excluded (G1).
    #[serde(
        default,
        with = "crate::serde_util::opt_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub filed_on: Option<Date>,
    /// Whether it had relevant business in the cycle (G5). Absent means `true`: a roster states
    /// the exception.
    #[serde(default = "yes")]
    pub business: bool,
    /// Indicator inputs keyed by indicator id: points for `points` rules, the measured value
    /// for `steps` rules.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "crate::serde_util::decimal_map"
    )]
    pub inputs: BTreeMap<String, Decimal>,
    /// Dated records: credit, findings, complaints.
    #[serde(default, rename = "record", skip_serializing_if = "Vec::is_empty")]
    pub records: Vec<Record>,
}

impl Agency {
    /// An agency with no filing date, business in the cycle, no inputs and no records.
    pub fn new(id: AgencyId, name: impl Into<String>, services: Vec<Service>) -> Self {
        Agency {
            id,
            name: name.into(),
            services,
            filed_on: None,
            business: true,
            inputs: BTreeMap::new(),
            records: Vec::new(),
        }
    }
}

/// The facts of one grading cycle: which year, the grading date, and the agencies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roster {
    /// The business year assessed (G2).
    #[serde(deserialize_with = "crate::serde_util::year")]
    pub cycle: i16,
    /// The grading date; by default the first day after the cycle.
    #[serde(
        default,
        with = "crate::serde_util::opt_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub as_of: Option<Date>,
    /// The agencies, in the order results are reported.
    #[serde(default, rename = "agency")]
    pub agencies: Vec<Agency>,
}

/// A roster text that does not parse, with the place of the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", place(*line, *column))]
pub struct ParseError {
    /// What is wrong, as the parser says it.
    pub message: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column in characters, when known.
    pub column: Option<usize>,
    /// Byte offsets of the offending text, when known.
    pub span: Option<std::ops::Range<usize>>,
}

fn place(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("{l}:{c}: "),
        (Some(l), None) => format!("{l}: "),
        _ => String::new(),
    }
}

impl ParseError {
    fn lossy(text: &str, span: std::ops::Range<usize>, literal: &str) -> ParseError {
        ParseError::new(
            format!(
                "`{literal}` has more digits than a number keeps here; write it as a string, \"{literal}\", to keep them all"
            ),
            text,
            Some(span),
        )
    }

    fn new(message: String, text: &str, span: Option<std::ops::Range<usize>>) -> ParseError {
        let at = span
            .clone()
            .map(|span| crate::check::Location::in_source("", text, span));
        ParseError {
            message,
            line: at.as_ref().map(|l| l.line),
            column: at.as_ref().map(|l| l.column),
            span,
        }
    }
}

/// The byte offset of serde_json's 1-based line and byte column, on a character boundary.
fn json_offset(text: &str, line: usize, column: usize) -> Option<usize> {
    let line_start = match line.checked_sub(1)? {
        0 => 0,
        before => text
            .match_indices('\n')
            .nth(before - 1)
            .map(|(i, _)| i + 1)?,
    };
    let mut offset = (line_start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    Some(offset)
}

impl Roster {
    /// Reads a roster written in TOML (the contract's form).
    ///
    /// # Errors
    /// [`ParseError`] with line and column for bad TOML, unknown keys, an invalid agency code
    /// or date, or a value of the wrong type.
    pub fn from_toml(text: &str) -> Result<Roster, ParseError> {
        let error = |e: toml::de::Error| {
            ParseError::new(e.message().trim_end_matches('.').to_owned(), text, e.span())
        };
        // One parse serves both the float scan and deserialization.
        let table = toml::de::DeTable::parse(text).map_err(error)?;
        let lossy = super::exact::lossy_toml(&table, text);
        let roster = <Roster as Deserialize>::deserialize(toml::de::Deserializer::from(table))
            .map_err(error)?;
        match lossy {
            Some((span, literal)) => Err(ParseError::lossy(text, span, &literal)),
            None => Ok(roster),
        }
    }

    /// Reads a roster written in JSON, with the same keys as the TOML form and dates as
    /// `"YYYY-MM-DD"` strings.
    ///
    /// # Errors
    /// [`ParseError`] with line and column (in characters), as for [`Roster::from_toml`].
    pub fn from_json(text: &str) -> Result<Roster, ParseError> {
        let roster = serde_json::from_str(text).map_err(|e| {
            let message = e.to_string();
            // serde_json appends " at line L column C" (a byte column); the place is kept apart.
            let suffix = format!(" at line {} column {}", e.line(), e.column());
            let message = message.strip_suffix(&suffix).unwrap_or(&message).to_owned();
            let span = json_offset(text, e.line(), e.column()).map(|at| at..at);
            ParseError::new(message, text, span)
        })?;
        match super::exact::lossy_json(text) {
            Some((span, literal)) => Err(ParseError::lossy(text, span, &literal)),
            None => Ok(roster),
        }
    }

    /// The agency with this id and its 0-based entry number.
    pub fn find(&self, id: &AgencyId) -> Option<(usize, &Agency)> {
        self.agencies.iter().enumerate().find(|(_, a)| a.id == *id)
    }

    /// The listed id nearest to `code`, when `code` looks like a typo of one: a hint for an
    /// agency the roster does not list.
    pub fn nearest_id(&self, code: &str) -> Option<&AgencyId> {
        let near = crate::suggest::nearest(code, self.agencies.iter().map(|a| a.id.as_str()))?;
        self.agencies
            .iter()
            .map(|a| &a.id)
            .find(|id| id.as_str() == near)
    }

    /// The cycle this roster describes, with its grading date.
    ///
    /// # Errors
    /// [`CycleError`] when the year is outside 1..=9998 or `as_of` falls before the cycle
    /// starts.
    pub fn cycle(&self) -> Result<Cycle, CycleError> {
        Cycle::new(self.cycle, self.as_of)
    }
}

/// A grading cycle: one calendar year of business (G2) and the date grades are decided on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Cycle {
    year: i16,
    #[serde(with = "crate::serde_util::date")]
    as_of: Date,
}

/// A cycle that cannot be graded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CycleError {
    /// The year is outside the supported range.
    #[error("cycle `{0}` is outside the supported years 1..=9998")]
    Year(i16),
    /// The grading date comes before the cycle has begun.
    #[error("grading date `{as_of}` is before cycle {year} begins")]
    AsOfBeforeCycle {
        /// The cycle year.
        year: i16,
        /// The grading date given.
        as_of: Date,
    },
}

impl Cycle {
    /// The cycle `year`, graded on `as_of` or, by default, on the first day after it.
    ///
    /// # Errors
    /// [`CycleError`] when the year is outside 1..=9998 or `as_of` is before the cycle starts.
    ///
    /// # Example
    /// ```
    /// use ecograde::agency::Cycle;
    /// let cycle = Cycle::new(2026, None).unwrap();
    /// assert_eq!(cycle.as_of().to_string(), "2027-01-01");
    /// ```
    pub fn new(year: i16, as_of: Option<Date>) -> Result<Cycle, CycleError> {
        if !(1..=9998).contains(&year) {
            return Err(CycleError::Year(year));
        }
        let start = Date::constant(year, 1, 1);
        let as_of = as_of.unwrap_or_else(|| Date::constant(year + 1, 1, 1));
        if as_of < start {
            return Err(CycleError::AsOfBeforeCycle { year, as_of });
        }
        Ok(Cycle { year, as_of })
    }

    /// The business year.
    pub fn year(&self) -> i16 {
        self.year
    }

    /// The grading date: bad credit is judged active or not on this day.
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// The first day of the business year.
    pub fn start(&self) -> Date {
        Date::constant(self.year, 1, 1)
    }

    /// The last day of the business year.
    pub fn end(&self) -> Date {
        Date::constant(self.year, 12, 31)
    }

    /// Whether `date` falls inside the business year.
    pub fn contains(&self, date: Date) -> bool {
        date.year() == self.year
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn json_errors_are_placed_in_characters() {
        let text = "{\"cycle\": 2026, \"名\": 1}";
        let err = Roster::from_json(text).err();
        let place = err.as_ref().map(|e| (e.line, e.column));
        // serde_json points at the key's closing quote: byte column 21, character column 19.
        assert_eq!(place, Some((Some(1), Some(19))), "{err:?}");
        assert!(err.is_some_and(|e| e.message.starts_with("unknown field `名`")));
    }

    #[test]
    fn json_columns_are_bytes_made_boundaries() {
        let text = "{\n  \"名\": x\n}";
        let at = text.find('x').unwrap_or(0);
        // serde_json counts `"名": ` as 7 bytes before `x` on line 2: column 10.
        assert_eq!(json_offset(text, 2, 10), Some(at));
        assert_eq!(json_offset(text, 1, 0), Some(0));
        assert_eq!(json_offset(text, 9, 1), None);
    }

    #[test]
    fn toml_errors_carry_their_place() {
        let err =
            Roster::from_toml("cycle = 2026\n[[agency]]\nid = \"91110108MA01ABCD5X\"\n").err();
        assert_eq!(err.as_ref().map(|e| e.line), Some(Some(3)), "{err:?}");
    }

    #[test]
    fn agencies_are_found_by_id_with_a_hint_for_typos() {
        let ids = ["91110108MA01ABCD5T", "52110000MJ0123AB38"];
        let agencies = ids
            .iter()
            .filter_map(|code| AgencyId::new(code).ok())
            .map(|id| Agency::new(id, "x", vec![Service::SelfMonitoring]))
            .collect();
        let roster = Roster {
            cycle: 2026,
            as_of: None,
            agencies,
        };
        let second = AgencyId::new("52110000MJ0123AB38").ok();
        assert_eq!(
            second.and_then(|id| roster.find(&id)).map(|(i, _)| i),
            Some(1)
        );
        let near = roster
            .nearest_id("91110108MA01ABCD6T")
            .map(AgencyId::as_str);
        assert_eq!(near, Some("91110108MA01ABCD5T"));
        assert_eq!(roster.nearest_id("11111111111111111X"), None);
    }

    #[test]
    fn cycle_defaults_to_the_day_after() {
        let cycle = Cycle::new(2026, None);
        assert_eq!(cycle.map(|c| c.as_of()), Ok(date(2027, 1, 1)));
    }

    #[test]
    fn cycle_rejects_early_grading_date() {
        assert_eq!(
            Cycle::new(2026, Some(date(2025, 12, 31))),
            Err(CycleError::AsOfBeforeCycle {
                year: 2026,
                as_of: date(2025, 12, 31)
            })
        );
        assert_eq!(Cycle::new(0, None), Err(CycleError::Year(0)));
    }
}
