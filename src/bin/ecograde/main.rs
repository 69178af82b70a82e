//! The `ecograde` command-line tool: grade a roster, check policy files, explain one result.
//!
//! The tool only reads files, calls the library and prints; every grading rule lives in the
//! library. Exit status: 0 done, 1 a check failed, 2 bad input (nothing on stdout, a message
//! naming the file, line and column on stderr).

mod check;
mod explain;
mod grade;
mod locate;
mod roster;
mod source;

use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::process::ExitCode;

/// Grade Beijing ecological-environment monitoring agencies from a versioned TOML policy.
#[derive(Debug, Parser)]
#[command(name = "ecograde", version)]
#[command(after_help = "Exit status: 0 done, 1 a check failed, 2 bad input.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Grade every agency of a roster.
    Grade(grade::Args),
    /// Check policy files and print every diagnostic.
    Check(check::Args),
    /// Explain one agency's result.
    Explain(explain::Args),
}

/// The language of headers and explanations.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
enum LangArg {
    /// Simplified Chinese.
    #[default]
    Zh,
    /// English.
    En,
}

impl From<LangArg> for ecograde::Lang {
    fn from(lang: LangArg) -> Self {
        match lang {
            LangArg::Zh => ecograde::Lang::Zh,
            LangArg::En => ecograde::Lang::En,
        }
    }
}

/// What a subcommand produced: the text for stdout and the exit status.
struct Output {
    /// Written to stdout in one piece.
    stdout: String,
    /// 0 done, 1 a check failed.
    status: u8,
}

impl Output {
    /// Success with `stdout`.
    fn done(stdout: String) -> Output {
        Output { stdout, status: 0 }
    }
}

/// Bad input (exit 2): the full text for stderr, each line already starting with `error:`
/// or the file's place. Nothing goes to stdout.
#[derive(Debug)]
struct Failure(String);

impl Failure {
    /// `error: {message}`.
    fn new(message: impl std::fmt::Display) -> Failure {
        Failure(format!("error: {message}"))
    }

    /// `error: {file}: {message}`.
    fn in_file(file: &str, message: impl std::fmt::Display) -> Failure {
        Failure(format!("error: {file}: {message}"))
    }

    /// `error: {file}:{line}:{column}: {message}`.
    fn at(location: &ecograde::Location, message: impl std::fmt::Display) -> Failure {
        Failure(format!("error: {location}: {message}"))
    }
}

/// Prints a warning to stderr; warnings never change stdout or the exit status.
fn warn(message: impl std::fmt::Display) {
    eprintln!("warning: {message}");
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Grade(args) => grade::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Explain(args) => explain::run(&args),
    };
    match result {
        Ok(output) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`ecograde grade … | head`) is not an error worth reporting.
            let _ = stdout
                .write_all(output.stdout.as_bytes())
                .and_then(|()| stdout.flush());
            ExitCode::from(output.status)
        }
        Err(Failure(message)) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}
