//! Rosters may give decimals as bare numbers, which TOML and JSON parsers hand over as binary
//! floats. A literal with more digits than a float carries (`10.00000000000000000001`) would
//! be changed without a word; these scans find such a literal so it is refused, with its
//! place, instead of being graded as a different value.

use crate::policy::number::{float_literal, text_decimal};
use std::ops::Range;

/// Whether reading `literal` through a binary float changes its value.
fn is_lossy(literal: &str) -> bool {
    let cleaned: String = literal.chars().filter(|c| *c != '_').collect();
    let through_float = cleaned
        .trim_start_matches('+')
        .parse::<f64>()
        .ok()
        .and_then(|f| text_decimal(&f.to_string()).ok());
    match (float_literal(literal), through_float) {
        (Ok(exact), Some(read)) => exact != read,
        _ => true,
    }
}

/// The first float literal of a parsed TOML text that a float would change, with its span.
pub(crate) fn lossy_toml(
    table: &toml::Spanned<toml::de::DeTable<'_>>,
    text: &str,
) -> Option<(Range<usize>, String)> {
    use toml::de::DeValue;
    fn walk(value: &toml::Spanned<DeValue<'_>>, text: &str) -> Option<(Range<usize>, String)> {
        match value.get_ref() {
            DeValue::Float(_) => {
                let span = value.span();
                let literal = text.get(span.clone())?.trim();
                is_lossy(literal).then(|| (span, literal.to_owned()))
            }
            DeValue::Array(items) => items.iter().find_map(|item| walk(item, text)),
            DeValue::Table(table) => table.values().find_map(|item| walk(item, text)),
            _ => None,
        }
    }
    table.get_ref().values().find_map(|value| walk(value, text))
}

/// The first number literal of a JSON text that a float would change, with its span.
pub(crate) fn lossy_json(text: &str) -> Option<(Range<usize>, String)> {
    let bytes = text.as_bytes();
    let mut in_string = false;
    let mut escaped = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            i += 1;
        } else if b == b'"' {
            in_string = true;
            i += 1;
        } else if b == b'-' || b.is_ascii_digit() {
            let start = i;
            while bytes.get(i).is_some_and(|c| {
                c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E')
            }) {
                i += 1;
            }
            let literal = text.get(start..i)?;
            if literal.contains(['.', 'e', 'E']) && is_lossy(literal) {
                return Some((start..i, literal.to_owned()));
            }
        } else {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_decimals_survive_a_float() {
        for literal in ["0.97", "89.5", "0.9499", "1e2", "+1_000.25", "0.1"] {
            assert!(!is_lossy(literal), "{literal}");
        }
        for literal in ["10.00000000000000000001", "0.12345678901234567890", "1e400"] {
            assert!(is_lossy(literal), "{literal}");
        }
    }

    #[test]
    fn scans_find_the_place() {
        let toml = "cycle = 2026\n[[agency]]\ninputs = { a = 0.5, b = 10.00000000000000000001 }\n";
        let scan = |text| {
            toml::de::DeTable::parse(text)
                .ok()
                .and_then(|table| lossy_toml(&table, text))
        };
        let (span, literal) = scan(toml).unwrap_or_default();
        assert_eq!(literal, "10.00000000000000000001");
        assert_eq!(toml.get(span), Some("10.00000000000000000001"));
        assert_eq!(scan("a = 0.5\nb = \"10.00000000000000000001\"\n"), None);

        let json = r#"{"x": "1.00000000000000000001", "y": [0.5, -2.000000000000000000001e3]}"#;
        let (span, literal) = lossy_json(json).unwrap_or_default();
        assert_eq!(literal, "-2.000000000000000000001e3");
        assert_eq!(json.get(span), Some("-2.000000000000000000001e3"));
        assert_eq!(
            lossy_json(r#"{"a": 0.97, "b": "0.12345678901234567890"}"#),
            None
        );
    }
}
