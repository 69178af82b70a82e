//! Serde helpers shared by the data types: civil dates that read from TOML dates and from
//! `YYYY-MM-DD` strings alike, so one roster type serves TOML and JSON.

use jiff::civil::Date;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserializer, Serializer};
use std::fmt;

/// The key under which the `toml` crate hands a TOML date-time to a visitor.
const TOML_DATETIME_KEY: &str = "$__toml_private_datetime";

/// Parses `YYYY-MM-DD` strictly: no time, no offset, no surrounding space.
pub(crate) fn parse_date(text: &str) -> Result<Date, String> {
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

struct DateVisitor;

impl<'de> Visitor<'de> for DateVisitor {
    type Value = Date;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date (YYYY-MM-DD)")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
        parse_date(v).map_err(E::custom)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
        // A TOML date arrives as a one-entry map holding its text.
        match map.next_key::<String>()? {
            Some(key) if key == TOML_DATETIME_KEY => {
                let text: String = map.next_value()?;
                parse_date(&text).map_err(de::Error::custom)
            }
            _ => Err(de::Error::custom("expected a date (YYYY-MM-DD)")),
        }
    }
}

/// `#[serde(with = "crate::serde_util::date")]` for a [`Date`].
pub(crate) mod date {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(d)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        d.deserialize_any(DateVisitor)
    }
}

/// `#[serde(with = "crate::serde_util::opt_date", default)]` for an `Option<Date>`.
pub(crate) mod opt_date {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.collect_str(d),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        struct OptVisitor;
        impl<'de> Visitor<'de> for OptVisitor {
            type Value = Option<Date>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date (YYYY-MM-DD) or null")
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                date::deserialize(d).map(Some)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                DateVisitor.visit_str(v).map(Some)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                DateVisitor.visit_map(map).map(Some)
            }
        }
        d.deserialize_option(OptVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_strict() {
        assert_eq!(parse_date("2026-02-28"), Ok(jiff::civil::date(2026, 2, 28)));
        assert!(parse_date("2026-02-30").is_err());
        assert!(parse_date("2026-2-3").is_err());
        assert!(parse_date("2026-01-01T00:00").is_err());
        assert!(parse_date(" 2026-01-01").is_err());
    }
}
