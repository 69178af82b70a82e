//! `ecograde explain`: why one agency of a roster got its result, as text or JSON.

use crate::{Failure, LangArg, Output, roster, source};
use clap::ValueEnum;
use ecograde::{AgencyId, Lang};
use jiff::civil::Date;
use std::path::PathBuf;

/// Explain one agency's result.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Roster file, `.toml` or `.json`.
    #[arg(long, value_name = "FILE")]
    roster: PathBuf,
    /// The agency's unified social credit code.
    #[arg(long, value_name = "ID")]
    agency: String,
    /// Policy file (TOML); default: the embedded Beijing 2026 policy.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Grading date, overriding the roster's `as_of`.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = ecograde::calendar::parse_date)]
    as_of: Option<Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Language of the text.
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    lang: LangArg,
}

/// How the explanation is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Text in the chosen language.
    Text,
    /// The explanation as JSON, as in `grade --format json`.
    Json,
}

/// Runs `ecograde explain`.
///
/// # Errors
/// A [`Failure`] for an invalid `--agency` code, an agency the roster does not list, or any
/// bad input in the policy or roster.
pub(crate) fn run(args: &Args) -> Result<Output, Failure> {
    let id = AgencyId::new(&args.agency)
        .map_err(|e| Failure::new(format_args!("--agency `{}`: {e}", args.agency)))?;
    let policy = source::policy(args.policy.as_deref())?;
    let file = roster::load(&args.roster, args.as_of)?;
    let cycle = file.cycle(&policy)?;
    let Some((index, agency)) = file.roster.find(&id) else {
        let hint = (file.roster.nearest_id(id.as_str()))
            .map(|near| format!(" (did you mean `{near}`?)"))
            .unwrap_or_default();
        return Err(Failure::in_file(
            &file.file,
            format_args!("no agency `{id}` in the roster{hint}"),
        ));
    };
    // Only this agency's facts are checked: one broken entry elsewhere does not stop an
    // explanation (`grade` checks the whole roster).
    let evaluation = policy
        .evaluate(agency, &cycle)
        .map_err(|e| file.input_failure(index, &e))?;
    let explanation = evaluation.explanation();
    let mut text = match args.format {
        Format::Text => explanation.render(Lang::from(args.lang)),
        Format::Json => serde_json::to_string_pretty(explanation)
            .map_err(|e| Failure::new(format_args!("cannot write the explanation: {e}")))?,
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(Output::done(text))
}
