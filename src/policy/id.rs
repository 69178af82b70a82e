//! Names inside a policy: the policy's own id, indicator ids and override ids.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! name_type {
    ($(#[$doc:meta])* $name:ident, $what:literal, $extra:pat, $allowed:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Checks the spelling: starts with a lower-case ASCII letter, then lower-case
            /// letters, digits and the punctuation listed in the error.
            ///
            /// # Errors
            /// A message naming the text and what is allowed.
            pub fn new(text: &str) -> Result<Self, String> {
                let mut chars = text.chars();
                let starts_well = chars.next().is_some_and(|c| c.is_ascii_lowercase());
                let rest_ok = chars.all(|c| {
                    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, $extra)
                });
                if starts_well && rest_ok {
                    Ok($name(text.to_owned()))
                } else {
                    Err(format!(
                        concat!($what, " `{}` must start with a lower-case letter and hold only a-z, 0-9 and ", $allowed),
                        text
                    ))
                }
            }

            /// The id as written.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                $name::new(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}

name_type!(
    /// The stable identity of an indicator system, e.g. `beijing/self-monitoring` (D2: one id,
    /// many versions).
    PolicyId, "policy id", '-' | '_' | '.' | '/', "`-`, `_`, `.`, `/`"
);
name_type!(
    /// An indicator's id, e.g. `capability.staff`; roster inputs are keyed by it.
    IndicatorId, "indicator id", '-' | '_' | '.', "`-`, `_`, `.`"
);
name_type!(
    /// An override's id, e.g. `bad-credit`; results name the override that decided them.
    OverrideId, "override id", '-' | '_' | '.', "`-`, `_`, `.`"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_spelled_plainly() {
        assert!(PolicyId::new("beijing/self-monitoring").is_ok());
        assert!(IndicatorId::new("quality.blind-sample").is_ok());
        assert_eq!(
            IndicatorId::new("Quality"),
            Err("indicator id `Quality` must start with a lower-case letter and hold only a-z, 0-9 and `-`, `_`, `.`".to_owned())
        );
        assert!(OverrideId::new("bad credit").is_err());
        assert!(IndicatorId::new("a/b").is_err());
    }
}
