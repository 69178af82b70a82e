//! Civil dates as the Measures use them: a day, never a time or a time zone.
//!
//! Today this holds the one strict reader of `YYYY-MM-DD` that rosters, policies and the CLI
//! share. Working days for the publicity period (G6) and the Civil Code's month periods for
//! filing changes (F3) belong here too.

use jiff::civil::Date;

/// Reads a date written exactly `YYYY-MM-DD`: no time, no offset, no surrounding space.
///
/// # Errors
/// A message naming the text when it is not of that form or no such day exists.
///
/// # Example
/// ```
/// use ecograde::calendar::parse_date;
/// assert_eq!(parse_date("2027-01-06").map(|d| d.to_string()), Ok("2027-01-06".to_owned()));
/// assert!(parse_date("2027-02-30").is_err());
/// assert!(parse_date("2027-01-06T08:00").is_err());
/// ```
pub fn parse_date(text: &str) -> Result<Date, String> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shaped {
        return Err(format!("`{text}` is not a date of the form YYYY-MM-DD"));
    }
    text.parse::<Date>()
        .map_err(|e| format!("`{text}` is not a valid date: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_strict() {
        assert_eq!(parse_date("2026-02-28"), Ok(jiff::civil::date(2026, 2, 28)));
        for bad in [
            "2026-02-30",
            "2026-2-3",
            "20260203",
            "2026-01-01T00:00",
            " 2026-01-01",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }
}
