//! `ecograde grade`: grade every agency of a roster and print the results as the contract's
//! JSON, a table or CSV.

use crate::{Failure, LangArg, Output, roster, source};
use clap::ValueEnum;
use ecograde::Lang;
use ecograde::grade::{GradeReport, ResultRow};
use jiff::civil::Date;
use std::path::PathBuf;

/// Grade every agency of a roster.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Policy file (TOML); default: the embedded Beijing 2026 policy.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Roster file, `.toml` or `.json`.
    #[arg(long, value_name = "FILE")]
    roster: PathBuf,
    /// Grading date, overriding the roster's `as_of`.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = ecograde::calendar::parse_date)]
    as_of: Option<Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Language of the table's headers and outcomes.
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    lang: LangArg,
}

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// The contract's JSON document, with every explanation.
    Json,
    /// An aligned table for people.
    Table,
    /// CSV: agency,name,outcome,grade,score,override.
    Csv,
}

/// Runs `ecograde grade`.
///
/// # Errors
/// A [`Failure`] for any bad input: policy, roster, or facts the policy cannot grade from.
pub(crate) fn run(args: &Args) -> Result<Output, Failure> {
    let policy = source::policy(args.policy.as_deref())?;
    let file = roster::load(&args.roster, args.as_of)?;
    file.cycle(&policy)?;
    let report = policy
        .evaluate_roster(&file.roster)
        .map_err(|e| file.roster_failure(&e))?;
    let stdout = match args.format {
        Format::Json => report.to_json(),
        Format::Table => table(&report, args.lang.into()),
        Format::Csv => csv(&report),
    };
    Ok(Output::done(stdout))
}

/// The printed form of an optional value: the value, or `-` in a table.
fn or_dash(value: Option<String>) -> String {
    value.unwrap_or_else(|| "-".to_owned())
}

/// The six columns of a row, as text.
fn columns(row: &ResultRow, lang: Lang) -> [String; 6] {
    let outcome = match (row.outcome.as_str(), lang) {
        ("graded", Lang::Zh) => "已定级",
        ("not-graded", Lang::Zh) => "不予定级",
        ("excluded", Lang::Zh) => "不参与分级",
        ("not-graded", _) => "not graded",
        (other, _) => other,
    };
    [
        row.agency.to_string(),
        row.explanation.name.clone(),
        outcome.to_owned(),
        or_dash(row.grade.map(|g| g.to_string())),
        or_dash(row.score.map(|s| s.to_string())),
        or_dash(row.decided_by.as_ref().map(ToString::to_string)),
    ]
}

/// The score's column in [`columns`].
const SCORE: usize = 4;

/// A table, one row per agency, columns aligned by display width (CJK counts double).
fn table(report: &GradeReport, lang: Lang) -> String {
    let header = match lang {
        Lang::Zh => ["机构代码", "机构名称", "结果", "等级", "得分", "直接判定"],
        Lang::En => ["agency", "name", "outcome", "grade", "score", "override"],
    }
    .map(str::to_owned);
    let rows: Vec<[String; 6]> = std::iter::once(header)
        .chain(report.results.iter().map(|row| columns(row, lang)))
        .map(|cells| cells.map(|cell| printable(&cell)))
        .collect();
    let mut widths = [0usize; 6];
    for cells in &rows {
        for (width, cell) in widths.iter_mut().zip(cells) {
            *width = (*width).max(display_width(cell));
        }
    }
    let rule = widths.map(|w| "-".repeat(w));
    let mut out = String::new();
    for cells in rows
        .iter()
        .take(1)
        .chain([&rule])
        .chain(rows.iter().skip(1))
    {
        let mut line = String::new();
        for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            let pad = std::iter::repeat_n(' ', width.saturating_sub(display_width(cell)));
            // Scores are numbers: right-aligned, so their digits line up.
            if i == SCORE {
                line.extend(pad);
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.extend(pad);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `text` with control characters (a newline in a name) shown as spaces, so a row stays a row.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Columns a terminal gives `text`: 2 for East Asian wide and fullwidth characters, 0 for
/// combining marks and zero-width characters, 1 otherwise.
fn display_width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    let code = u32::from(c);
    let zero = matches!(code,
        0x0300..=0x036F | 0x200B..=0x200F | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F);
    let wide = matches!(code,
        0x1100..=0x115F       // Hangul Jamo initials
        | 0x2E80..=0x303E     // CJK radicals, Kangxi, CJK symbols and punctuation
        | 0x3041..=0x33FF     // kana, bopomofo, Hangul compatibility, CJK compatibility
        | 0x3400..=0x4DBF     // CJK extension A
        | 0x4E00..=0x9FFF     // CJK unified ideographs
        | 0xA000..=0xA4CF     // Yi
        | 0xAC00..=0xD7A3     // Hangul syllables
        | 0xF900..=0xFAFF     // CJK compatibility ideographs
        | 0xFE30..=0xFE4F     // CJK compatibility forms
        | 0xFF00..=0xFF60     // fullwidth forms
        | 0xFFE0..=0xFFE6     // fullwidth signs
        | 0x1F300..=0x1F64F   // pictographs, emoticons
        | 0x1F900..=0x1F9FF   // supplemental pictographs
        | 0x20000..=0x2FFFD   // CJK extensions B–F
        | 0x30000..=0x3FFFD); // CJK extension G and on
    if zero {
        0
    } else if wide {
        2
    } else {
        1
    }
}

/// CSV with the header `agency,name,outcome,grade,score,override`, quoted per RFC 4180.
fn csv(report: &GradeReport) -> String {
    let mut out = String::from("agency,name,outcome,grade,score,override\n");
    for row in &report.results {
        let cells = [
            row.agency.to_string(),
            row.explanation.name.clone(),
            row.outcome.clone(),
            row.grade.map(|g| g.to_string()).unwrap_or_default(),
            row.score.map(|s| s.to_string()).unwrap_or_default(),
            row.decided_by
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        ];
        let quoted: Vec<String> = cells.iter().map(|cell| csv_field(cell)).collect();
        out.push_str(&quoted.join(","));
        out.push('\n');
    }
    out
}

/// A field quoted when it holds a comma, a quote or a line break; quotes are doubled.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_cjk_double() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("北京示例"), 8);
        assert_eq!(display_width("（示例）"), 8);
        assert_eq!(display_width("京环监查〔2026〕31号"), 20);
        assert_eq!(display_width("e\u{301}"), 1);
    }

    #[test]
    fn csv_quotes_per_rfc_4180() {
        assert_eq!(csv_field("plain 名称"), "plain 名称");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }
}
