//! Serde helpers shared by the data types: civil dates that read from TOML dates and from
//! `YYYY-MM-DD` strings alike, so one roster type serves TOML and JSON.

use crate::calendar::parse_date;
use jiff::civil::Date;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserializer, Serializer};
use std::fmt;

/// The key under which the `toml` crate hands a TOML date-time to a visitor.
const TOML_DATETIME_KEY: &str = "$__toml_private_datetime";

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

/// A whole number in a file, with a message that says so rather than naming a Rust type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Whole(pub i64);

impl<'de> serde::Deserialize<'de> for Whole {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct WholeVisitor;
        impl Visitor<'_> for WholeVisitor {
            type Value = Whole;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a whole number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Whole, E> {
                Ok(Whole(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Whole, E> {
                i64::try_from(v)
                    .map(Whole)
                    .map_err(|_| E::custom(format!("`{v}` is too large")))
            }
        }
        d.deserialize_any(WholeVisitor)
    }
}

/// `#[serde(deserialize_with = "crate::serde_util::year")]`: a cycle year such as 2026.
pub(crate) fn year<'de, D: Deserializer<'de>>(d: D) -> Result<i16, D::Error> {
    let Whole(year) = serde::Deserialize::deserialize(d)?;
    i16::try_from(year)
        .ok()
        .filter(|y| (1..=9998).contains(y))
        .ok_or_else(|| {
            de::Error::custom(format!("cycle `{year}` is not a year between 1 and 9998"))
        })
}

/// A decimal given as a number or a string. Numbers that arrive as binary floats are read
/// back through their shortest round-trip text, so `0.97` is exactly 0.97; strings are read
/// as written (`"0.9499"`), and nothing but plain decimals is accepted.
struct DecimalValue(rust_decimal::Decimal);

impl<'de> serde::Deserialize<'de> for DecimalValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct DecimalVisitor;
        impl Visitor<'_> for DecimalVisitor {
            type Value = DecimalValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a decimal number, or a string holding one")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<DecimalValue, E> {
                Ok(DecimalValue(v.into()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<DecimalValue, E> {
                Ok(DecimalValue(v.into()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<DecimalValue, E> {
                crate::policy::number::text_decimal(&v.to_string())
                    .map(DecimalValue)
                    .map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DecimalValue, E> {
                crate::policy::number::text_decimal(v)
                    .map(DecimalValue)
                    .map_err(E::custom)
            }
        }
        d.deserialize_any(DecimalVisitor)
    }
}

/// `#[serde(deserialize_with = "crate::serde_util::decimal_map")]` for indicator inputs.
pub(crate) fn decimal_map<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<std::collections::BTreeMap<String, rust_decimal::Decimal>, D::Error> {
    let raw: std::collections::BTreeMap<String, DecimalValue> = serde::Deserialize::deserialize(d)?;
    Ok(raw.into_iter().map(|(k, DecimalValue(v))| (k, v)).collect())
}
