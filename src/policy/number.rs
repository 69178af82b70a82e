//! Exact decimals from a policy file: TOML numbers are re-read from their source text, strings
//! are parsed as written, so `0.95`, `89.5` and `"0.9499"` mean exactly those values and no
//! value ever passes through `f64`.

use rust_decimal::Decimal;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;
use std::str::FromStr;

/// A number as the TOML deserializer saw it. Integers are exact already; floats are re-read
/// from the source text; strings hold the decimal as the author wrote it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Num {
    Int(i128),
    Float,
    Text(String),
}

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct NumVisitor;
        impl Visitor<'_> for NumVisitor {
            type Value = Num;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a decimal number or a string holding one")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Num, E> {
                Ok(Num::Int(v.into()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Num, E> {
                Ok(Num::Int(v.into()))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Num, E> {
                Ok(Num::Float)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Num, E> {
                Ok(Num::Text(v.to_owned()))
            }
        }
        d.deserialize_any(NumVisitor)
    }
}

/// The exact value of `num`, whose literal is `literal` in the source.
pub(crate) fn exact(num: &Num, literal: &str) -> Result<Decimal, String> {
    match num {
        Num::Int(i) => Decimal::try_from_i128_with_scale(*i, 0)
            .map_err(|_| format!("`{i}` is too large for a decimal")),
        Num::Float => float_literal(literal),
        Num::Text(text) => text_decimal(text),
    }
}

/// A decimal written as a string: digits with an optional sign and point, nothing else.
pub(crate) fn text_decimal(text: &str) -> Result<Decimal, String> {
    let plain = !text.is_empty()
        && text
            .trim_start_matches(['-', '+'])
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.')
        && text.chars().filter(|c| *c == '.').count() <= 1
        && text.chars().filter(|c| matches!(c, '-' | '+')).count() <= 1;
    if !plain {
        return Err(format!("`{text}` is not a decimal number"));
    }
    Decimal::from_str_exact(text).map_err(|e| format!("`{text}` is not a decimal number: {e}"))
}

/// A TOML float literal (`0.95`, `+1_000.5`, `9e1`) read exactly.
pub(crate) fn float_literal(literal: &str) -> Result<Decimal, String> {
    let cleaned: String = literal
        .trim()
        .trim_start_matches('+')
        .chars()
        .filter(|c| *c != '_')
        .collect();
    if cleaned.contains(['e', 'E']) {
        return Decimal::from_scientific(&cleaned)
            .map_err(|e| format!("`{literal}` is not a decimal number: {e}"));
    }
    if cleaned.contains("inf") || cleaned.contains("nan") {
        return Err(format!("`{literal}` is not a finite decimal number"));
    }
    Decimal::from_str(&cleaned).map_err(|e| format!("`{literal}` is not a decimal number: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn floats_are_read_from_their_text() {
        assert_eq!(exact(&Num::Float, "0.95"), Ok(d("0.95")));
        assert_eq!(exact(&Num::Float, "0.1"), Ok(d("0.1")));
        assert_eq!(exact(&Num::Float, "+1_000.25"), Ok(d("1000.25")));
        assert_eq!(exact(&Num::Float, "9e1"), Ok(d("90")));
        assert!(exact(&Num::Float, "inf").is_err());
        assert!(exact(&Num::Float, "nan").is_err());
    }

    #[test]
    fn strings_are_plain_decimals() {
        assert_eq!(exact(&Num::Text("0.9499".into()), ""), Ok(d("0.9499")));
        assert_eq!(exact(&Num::Text("-2".into()), ""), Ok(d("-2")));
        for bad in ["", "1e2", "0x10", "1,5", "abc", "1.2.3", " 1"] {
            assert!(exact(&Num::Text(bad.into()), "").is_err(), "{bad}");
        }
    }

    #[test]
    fn integers_are_exact() {
        assert_eq!(exact(&Num::Int(100), "0x64"), Ok(d("100")));
    }
}
