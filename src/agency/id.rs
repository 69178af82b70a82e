//! Agency identifiers: the unified social credit code (统一社会信用代码, GB 32100-2015).
//!
//! The register identifies every monitoring service agency by its unified social credit code
//! (F4 and C1 of the Beijing Measures). This module owns [`AgencyId`], a code that has passed
//! validation and so cannot be invalid, and [`AgencyIdError`], which says why a string was
//! rejected.
//!
//! A code is 18 characters from the 31-character alphabet `0-9 A-H J-N P-R T U W-Y`
//! (no `I`, `O`, `S`, `V`, `Z`; upper case only; no surrounding whitespace):
//!
//! | positions | meaning                                                   | checked here          |
//! |-----------|-----------------------------------------------------------|-----------------------|
//! | 1         | registration authority                                    | alphabet only         |
//! | 2         | kind of organization                                      | alphabet only         |
//! | 3–8       | administrative division                                   | alphabet only         |
//! | 9–17      | organization code (GB 11714); the 17th is its check       | 17th check character  |
//! | 18        | check character over positions 1–17 (GB 32100)           | 18th check character  |
//!
//! Only the alphabet and the two check characters are verified: whether the registration
//! authority, the kind of organization or the division exists is not.

use core::fmt;
use core::str::FromStr;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// The GB 32100 alphabet; a character's value is its index here.
const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// GB 11714 weights of the 8 characters of the organization-code body (positions 9–16).
const ORGANIZATION_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

/// GB 32100 weights of positions 1–17: `3^(i−1) mod 31` for `i = 1..=17`.
const CREDIT_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// One character of a code that is in the alphabet, with its values under both standards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Symbol {
    /// The character itself (an ASCII digit or upper-case letter).
    ascii: u8,
    /// GB 32100 value: the index in [`ALPHABET`], `0..=30`.
    credit: u32,
    /// GB 11714 value: a digit is itself; a letter is `A = 10, B = 11, …, Z = 35` by its
    /// position in the Latin alphabet, so `H = 17, J = 19, …, Y = 34` (not the index in
    /// [`ALPHABET`], which skips `I`, `O`, `S`, `V`, `Z`).
    ///
    /// GB 11714 predates GB 32100 and values every letter; the embedded organization codes are
    /// checked with its table. This is the reading under which published codes check out: with
    /// it `91110108MA01ABCD5T` has 17th character `5` (with the alphabet index, `M = 21`, it
    /// would be `8`), and so do real codes such as `914403001922038216` and
    /// `9144030071526726XG` (see the tests).
    organization: u32,
}

impl Symbol {
    /// A filler for array initialization; always overwritten.
    const FILLER: Symbol = Symbol::digit(0);

    /// `X`, the GB 11714 check character for `C9 = 10`.
    const X: Symbol = Symbol {
        ascii: b'X',
        credit: 29,
        organization: 33,
    };

    /// The symbol of a decimal digit `d` (`0..=9`).
    const fn digit(d: u8) -> Symbol {
        Symbol {
            ascii: b'0' + d,
            credit: d as u32,
            organization: d as u32,
        }
    }

    /// The symbol of `c`, or `None` if `c` is not in the alphabet.
    fn from_char(c: char) -> Option<Symbol> {
        let ascii = u8::try_from(c).ok()?;
        let (_, credit) = ALPHABET.iter().zip(0u32..).find(|&(&a, _)| a == ascii)?;
        let organization = if ascii.is_ascii_digit() {
            ascii - b'0'
        } else {
            ascii - b'A' + 10
        };
        Some(Symbol {
            ascii,
            credit,
            organization: u32::from(organization),
        })
    }

    /// The character itself.
    fn char(self) -> char {
        char::from(self.ascii)
    }
}

/// The alphabet character whose GB 32100 value is `value` (`0..=30`).
fn alphabet_char(value: u32) -> char {
    usize::try_from(value)
        .ok()
        .and_then(|index| ALPHABET.get(index))
        // Unreachable: callers pass `value < 31`. Acceptance never depends on this character
        // (check values are compared as numbers), only the text of an error message would.
        .map_or(char::REPLACEMENT_CHARACTER, |&a| char::from(a))
}

/// The GB 11714 check character of an organization-code body (positions 9–16).
///
/// `C9 = 11 − (Σ value × weight mod 11)`; `C9 = 10` is written `X` and `C9 = 11` is written `0`.
fn organization_check(body: &[Symbol; 8]) -> Symbol {
    let sum: u32 = body
        .iter()
        .zip(ORGANIZATION_WEIGHTS)
        .map(|(symbol, weight)| symbol.organization * weight)
        .sum();
    match sum % 11 {
        0 => Symbol::digit(0), // C9 = 11
        1 => Symbol::X,        // C9 = 10
        2 => Symbol::digit(9),
        3 => Symbol::digit(8),
        4 => Symbol::digit(7),
        5 => Symbol::digit(6),
        6 => Symbol::digit(5),
        7 => Symbol::digit(4),
        8 => Symbol::digit(3),
        9 => Symbol::digit(2),
        _ => Symbol::digit(1), // remainder 10
    }
}

/// The GB 32100 check value of positions 1–17: `(31 − Σ value × weight mod 31) mod 31`.
fn credit_check<'a>(first17: impl Iterator<Item = &'a Symbol>) -> u32 {
    let sum: u32 = first17
        .zip(CREDIT_WEIGHTS)
        .map(|(symbol, weight)| symbol.credit * weight)
        .sum();
    (31 - sum % 31) % 31
}

/// Splits `code` into `N` alphabet symbols: first the length (in characters), then each
/// character in order.
fn symbols<const N: usize>(
    code: &str,
    length_error: impl FnOnce(usize) -> AgencyIdError,
) -> Result<[Symbol; N], AgencyIdError> {
    let found = code.chars().count();
    if found != N {
        return Err(length_error(found));
    }
    let mut symbols = [Symbol::FILLER; N];
    for ((position, c), slot) in (1..).zip(code.chars()).zip(&mut symbols) {
        *slot = Symbol::from_char(c).ok_or(AgencyIdError::Character { position, found: c })?;
    }
    Ok(symbols)
}

/// An agency's unified social credit code (统一社会信用代码, GB 32100-2015), the key by which the
/// register identifies agencies (F4, C1).
///
/// A value of this type is always a valid code: 18 characters from `0-9 A-H J-N P-R T U W-Y`
/// whose 17th character is the GB 11714 check of the embedded organization code and whose 18th
/// is the GB 32100 check of the first 17. Every way to make one either validates a string
/// ([`AgencyId::new`], [`FromStr`], [`TryFrom`], deserialization) or computes the check
/// characters ([`AgencyId::complete`]).
///
/// It is `Copy`, compares, orders and hashes like its string, displays as the bare code,
/// serializes as a string and deserializes from one (rejecting invalid codes).
///
/// ```
/// use ecograde::AgencyId;
///
/// let id: AgencyId = "91110108MA01ABCD5T".parse()?;
/// assert_eq!(id.as_str(), "91110108MA01ABCD5T");
/// assert!(AgencyId::new("91110108MA01ABCD5A").is_err()); // wrong 18th character
/// # Ok::<(), ecograde::AgencyIdError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AgencyId([u8; 18]);

impl AgencyId {
    /// Validates `code` as a unified social credit code.
    ///
    /// Nothing is trimmed or upper-cased. The checks run in order and the first failure is
    /// reported: the length (18 characters), each character (in the alphabet), the 17th
    /// character (GB 11714 check of positions 9–16), the 18th (GB 32100 check of positions
    /// 1–17).
    ///
    /// # Errors
    ///
    /// [`AgencyIdError::Length`], [`AgencyIdError::Character`],
    /// [`AgencyIdError::OrganizationCheck`] or [`AgencyIdError::CreditCheck`], as above.
    pub fn new(code: &str) -> Result<AgencyId, AgencyIdError> {
        let symbols: [Symbol; 18] = symbols(code, |found| AgencyIdError::Length { found })?;
        let [head @ .., c17, c18] = symbols;
        let [_, _, _, _, _, _, _, _, body @ ..] = head;
        let expected17 = organization_check(&body);
        if c17 != expected17 {
            return Err(AgencyIdError::OrganizationCheck {
                found: c17.char(),
                expected: expected17.char(),
            });
        }
        let expected18 = credit_check(head.iter().chain([&c17]));
        if c18.credit != expected18 {
            return Err(AgencyIdError::CreditCheck {
                found: c18.char(),
                expected: alphabet_char(expected18),
            });
        }
        Ok(AgencyId(symbols.map(|symbol| symbol.ascii)))
    }

    /// Completes the first 16 characters of a code with its two check characters (for
    /// generating test data).
    ///
    /// ```
    /// use ecograde::AgencyId;
    ///
    /// let id = AgencyId::complete("91110108MA01ABCD")?;
    /// assert_eq!(id.as_str(), "91110108MA01ABCD5T");
    /// # Ok::<(), ecograde::AgencyIdError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`AgencyIdError::PrefixLength`] if `first16` does not have 16 characters, and
    /// [`AgencyIdError::Character`] for the first character outside the alphabet.
    pub fn complete(first16: &str) -> Result<AgencyId, AgencyIdError> {
        let head: [Symbol; 16] = symbols(first16, |found| AgencyIdError::PrefixLength { found })?;
        let [_, _, _, _, _, _, _, _, body @ ..] = head;
        let c17 = organization_check(&body);
        let c18 = alphabet_char(credit_check(head.iter().chain([&c17])));
        let mut code = String::with_capacity(18);
        code.extend(head.iter().map(|symbol| symbol.char()));
        code.push(c17.char());
        code.push(c18);
        // Validating again keeps `new` the only way to an `AgencyId`.
        AgencyId::new(&code)
    }

    /// The code, 18 ASCII characters.
    #[must_use]
    pub fn as_str(&self) -> &str {
        // The bytes are always ASCII from the alphabet, so this never falls back.
        core::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl FromStr for AgencyId {
    type Err = AgencyIdError;

    /// Same as [`AgencyId::new`].
    fn from_str(code: &str) -> Result<AgencyId, AgencyIdError> {
        AgencyId::new(code)
    }
}

impl TryFrom<&str> for AgencyId {
    type Error = AgencyIdError;

    /// Same as [`AgencyId::new`].
    fn try_from(code: &str) -> Result<AgencyId, AgencyIdError> {
        AgencyId::new(code)
    }
}

impl TryFrom<String> for AgencyId {
    type Error = AgencyIdError;

    /// Same as [`AgencyId::new`].
    fn try_from(code: String) -> Result<AgencyId, AgencyIdError> {
        AgencyId::new(&code)
    }
}

impl AsRef<str> for AgencyId {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for AgencyId {
    /// The bare code.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for AgencyId {
    /// `AgencyId("91110108MA01ABCD5T")`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("AgencyId").field(&self.as_str()).finish()
    }
}

impl Serialize for AgencyId {
    /// As the code string.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for AgencyId {
    /// From a string, validated by [`AgencyId::new`]; an invalid code is an error whose
    /// message is the [`AgencyIdError`]'s (the format adds its position).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<AgencyId, D::Error> {
        /// Accepts strings only.
        struct CodeVisitor;

        impl Visitor<'_> for CodeVisitor {
            type Value = AgencyId;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a unified social credit code (18-character string)")
            }

            fn visit_str<E: de::Error>(self, code: &str) -> Result<AgencyId, E> {
                AgencyId::new(code).map_err(E::custom)
            }
        }

        deserializer.deserialize_str(CodeVisitor)
    }
}

/// Why a string is not a valid unified social credit code.
///
/// Messages are lower case without a final period and quote the input in backticks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AgencyIdError {
    /// The code does not have 18 characters.
    #[error("unified social credit code must have 18 characters, found {found}")]
    Length {
        /// Number of characters (not bytes) found.
        found: usize,
    },
    /// A character is not in the alphabet `0-9 A-H J-N P-R T U W-Y` (this includes lower-case
    /// letters and whitespace).
    #[error(
        "character {position} `{}` is not allowed in a unified social credit code (allowed: 0-9 A-H J-N P-R T U W-Y){}",
        Shown(*.found),
        case_hint(*.found)
    )]
    Character {
        /// 1-based position, counted in characters.
        position: usize,
        /// The character found there.
        found: char,
    },
    /// The 17th character is not the GB 11714 check character of positions 9–16 (the embedded
    /// organization code).
    #[error(
        "organization-code check character (17th) is `{found}`, expected `{expected}` (GB 11714)"
    )]
    OrganizationCheck {
        /// The 17th character of the code.
        found: char,
        /// The check character positions 9–16 call for.
        expected: char,
    },
    /// The 18th character is not the GB 32100 check character of positions 1–17.
    #[error("credit-code check character (18th) is `{found}`, expected `{expected}` (GB 32100)")]
    CreditCheck {
        /// The 18th character of the code.
        found: char,
        /// The check character positions 1–17 call for.
        expected: char,
    },
    /// The prefix given to [`AgencyId::complete`] does not have 16 characters.
    #[error(
        "unified social credit code without its check characters must have 16 characters, found {found}"
    )]
    PrefixLength {
        /// Number of characters (not bytes) found.
        found: usize,
    },
}

/// A character as quoted in an error message: itself, or an escape if it is invisible
/// (whitespace other than a space, control and other unprintable characters).
struct Shown(char);

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.0;
        if matches!(c, ' ' | '"' | '\'' | '\\') {
            fmt::Write::write_char(f, c)
        } else if c.is_whitespace() {
            write!(f, "{}", c.escape_default())
        } else {
            write!(f, "{}", c.escape_debug())
        }
    }
}

/// The hint added to a character error for a lower-case ASCII letter.
fn case_hint(c: char) -> &'static str {
    if c.is_ascii_lowercase() {
        "; codes are upper case"
    } else {
        ""
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const VALID: &str = "91110108MA01ABCD5T";

    // ----- reference implementation, written independently of the one above -----

    /// GB 32100 values, spelled out.
    const REF_CREDIT_VALUES: [(char, u32); 31] = [
        ('0', 0),
        ('1', 1),
        ('2', 2),
        ('3', 3),
        ('4', 4),
        ('5', 5),
        ('6', 6),
        ('7', 7),
        ('8', 8),
        ('9', 9),
        ('A', 10),
        ('B', 11),
        ('C', 12),
        ('D', 13),
        ('E', 14),
        ('F', 15),
        ('G', 16),
        ('H', 17),
        ('J', 18),
        ('K', 19),
        ('L', 20),
        ('M', 21),
        ('N', 22),
        ('P', 23),
        ('Q', 24),
        ('R', 25),
        ('T', 26),
        ('U', 27),
        ('W', 28),
        ('X', 29),
        ('Y', 30),
    ];

    /// GB 11714 letter values (A = 10 … Z = 35), spelled out for the whole Latin alphabet.
    const REF_ORG_LETTER_VALUES: [(char, u32); 26] = [
        ('A', 10),
        ('B', 11),
        ('C', 12),
        ('D', 13),
        ('E', 14),
        ('F', 15),
        ('G', 16),
        ('H', 17),
        ('I', 18),
        ('J', 19),
        ('K', 20),
        ('L', 21),
        ('M', 22),
        ('N', 23),
        ('O', 24),
        ('P', 25),
        ('Q', 26),
        ('R', 27),
        ('S', 28),
        ('T', 29),
        ('U', 30),
        ('V', 31),
        ('W', 32),
        ('X', 33),
        ('Y', 34),
        ('Z', 35),
    ];

    fn ref_credit_value(c: char) -> u32 {
        REF_CREDIT_VALUES.iter().find(|(k, _)| *k == c).unwrap().1
    }

    fn ref_org_value(c: char) -> u32 {
        c.to_digit(10)
            .or_else(|| {
                REF_ORG_LETTER_VALUES
                    .iter()
                    .find(|(k, _)| *k == c)
                    .map(|(_, v)| *v)
            })
            .unwrap()
    }

    fn ref_org_sum(code: &[char]) -> u32 {
        let weights = [3, 7, 9, 10, 5, 8, 4, 2];
        (0..8)
            .map(|i| ref_org_value(code[8 + i]) * weights[i])
            .sum()
    }

    /// The GB 11714 check value written by a check character, if it is one (`X` = 10).
    fn ref_org_check_value(c: char) -> Option<u32> {
        if c == 'X' { Some(10) } else { c.to_digit(10) }
    }

    /// The check character c with `Σ + value(c) ≡ 0 (mod 11)`, found by search.
    fn ref_org_expected(code: &[char]) -> char {
        let sum = ref_org_sum(code);
        "0123456789X"
            .chars()
            .find(|&c| (sum + ref_org_check_value(c).unwrap()) % 11 == 0)
            .unwrap()
    }

    fn ref_org_ok(code: &[char]) -> bool {
        ref_org_check_value(code[16]).is_some_and(|v| (ref_org_sum(code) + v) % 11 == 0)
    }

    fn ref_credit_sum(code: &[char]) -> u32 {
        let mut weight = 1;
        let mut sum = 0;
        for &c in &code[..17] {
            sum += ref_credit_value(c) * weight;
            weight = weight * 3 % 31;
        }
        sum
    }

    /// The check character c with `Σ + value(c) ≡ 0 (mod 31)`, found by search.
    fn ref_credit_expected(code: &[char]) -> char {
        let sum = ref_credit_sum(code);
        REF_CREDIT_VALUES
            .iter()
            .find(|(_, v)| (sum + v) % 31 == 0)
            .unwrap()
            .0
    }

    fn ref_credit_ok(code: &[char]) -> bool {
        (ref_credit_sum(code) + ref_credit_value(code[17])) % 31 == 0
    }

    fn ref_valid(code: &str) -> bool {
        let chars: Vec<char> = code.chars().collect();
        chars.len() == 18 && ref_org_ok(&chars) && ref_credit_ok(&chars)
    }

    fn alphabet() -> Vec<char> {
        REF_CREDIT_VALUES.iter().map(|(c, _)| *c).collect()
    }

    fn alphabet_char_strategy() -> impl Strategy<Value = char> {
        proptest::sample::select(alphabet())
    }

    fn prefix16() -> impl Strategy<Value = String> {
        proptest::collection::vec(alphabet_char_strategy(), 16)
            .prop_map(|chars| chars.into_iter().collect())
    }

    // ----- unit tests -----

    #[test]
    fn known_valid_code() {
        let chars: Vec<char> = VALID.chars().collect();
        // Hand computation: organization body `MA01ABCD` with M = 22 … D = 13 sums to 358,
        // 358 mod 11 = 6, C9 = 5; positions 1–17 sum to 1927, 1927 mod 31 = 5, 31 − 5 = 26 = `T`.
        assert_eq!(ref_org_sum(&chars), 358);
        assert_eq!(ref_credit_sum(&chars), 1927);
        assert!(ref_valid(VALID));
        let id = AgencyId::new(VALID).unwrap();
        assert_eq!(id.as_str(), VALID);
        assert_eq!(id.to_string(), VALID);
        assert_eq!(format!("{id:?}"), "AgencyId(\"91110108MA01ABCD5T\")");
        assert_eq!(AsRef::<str>::as_ref(&id), VALID);
    }

    #[test]
    fn alphabet_index_letter_values_would_reject_the_known_code() {
        // With the alphabet index for letters (M = 21) the body sums to 355, giving C9 = 8,
        // which would reject the known-valid code: GB 11714's own letter values are right.
        let index_sum: u32 = "MA01ABCD"
            .chars()
            .zip([3, 7, 9, 10, 5, 8, 4, 2])
            .map(|(c, w)| ref_credit_value(c) * w)
            .sum();
        assert_eq!(index_sum, 355);
        assert_eq!(11 - index_sum % 11, 8);
    }

    #[test]
    fn published_codes() {
        // Huawei Technologies Co., Ltd. (华为技术有限公司), as listed on Wikipedia.
        // Tencent Technology (Shenzhen) Co., Ltd. (腾讯科技（深圳）有限公司): 17th character `X`.
        // `91110000600037341L`: a Beijing code; both checks hold.
        for code in [
            "914403001922038216",
            "9144030071526726XG",
            "91110000600037341L",
        ] {
            assert!(ref_valid(code), "{code}");
            assert_eq!(AgencyId::new(code).unwrap().as_str(), code);
        }
    }

    #[test]
    fn organization_check_zero_and_x() {
        // Σ ≡ 0 (mod 11) gives C9 = 11, written `0`.
        let zero = AgencyId::complete("9111010800000000").unwrap();
        assert_eq!(zero.as_str().as_bytes()[16], b'0');
        assert!(ref_valid(zero.as_str()));
        // Σ ≡ 1 (mod 11) gives C9 = 10, written `X`.
        let x = AgencyId::complete("9144030071526726").unwrap();
        assert_eq!(x.as_str(), "9144030071526726XG");
    }

    #[test]
    fn weights_and_tables() {
        let mut power = 1;
        for weight in CREDIT_WEIGHTS {
            assert_eq!(weight, power);
            power = power * 3 % 31;
        }
        for (c, value) in REF_CREDIT_VALUES {
            let symbol = Symbol::from_char(c).unwrap();
            assert_eq!(symbol.credit, value);
            assert_eq!(symbol.organization, ref_org_value(c));
            assert_eq!(alphabet_char(value), c);
        }
        assert_eq!(Symbol::from_char('X'), Some(Symbol::X));
        for d in 0..=9 {
            assert_eq!(
                Symbol::from_char(char::from(b'0' + d)),
                Some(Symbol::digit(d))
            );
        }
        for c in ['I', 'O', 'S', 'V', 'Z', 'a', 'y', ' ', 'Ｏ', '٣'] {
            assert_eq!(Symbol::from_char(c), None, "{c}");
        }
    }

    #[test]
    fn length_errors() {
        assert_eq!(
            AgencyId::new("91110108MA01ABCD5").unwrap_err(),
            AgencyIdError::Length { found: 17 }
        );
        assert_eq!(
            AgencyId::new("91110108MA01ABCD5").unwrap_err().to_string(),
            "unified social credit code must have 18 characters, found 17"
        );
        assert_eq!(
            AgencyId::new("91110108MA01ABCD5TT")
                .unwrap_err()
                .to_string(),
            "unified social credit code must have 18 characters, found 19"
        );
        assert_eq!(
            AgencyId::new("").unwrap_err(),
            AgencyIdError::Length { found: 0 }
        );
        // Whitespace is not trimmed.
        assert_eq!(
            AgencyId::new(" 91110108MA01ABCD5T\n").unwrap_err(),
            AgencyIdError::Length { found: 20 }
        );
        // Characters, not bytes: 18 characters in 22 bytes is not a length error.
        let wide = "91110108MA01ABＣＤ5T";
        assert_eq!(wide.len(), 22);
        assert_eq!(
            AgencyId::new(wide).unwrap_err(),
            AgencyIdError::Character {
                position: 15,
                found: 'Ｃ'
            }
        );
        // Length is checked before characters.
        assert_eq!(
            AgencyId::new("i").unwrap_err(),
            AgencyIdError::Length { found: 1 }
        );
    }

    #[test]
    fn character_errors() {
        let err = AgencyId::new("9111I108MA01ABCD5T").unwrap_err();
        assert_eq!(
            err,
            AgencyIdError::Character {
                position: 5,
                found: 'I'
            }
        );
        assert_eq!(
            err.to_string(),
            "character 5 `I` is not allowed in a unified social credit code (allowed: 0-9 A-H J-N P-R T U W-Y)"
        );
        // The first bad character is reported.
        assert_eq!(
            AgencyId::new("9O1S0108MA01ABCD5T").unwrap_err(),
            AgencyIdError::Character {
                position: 2,
                found: 'O'
            }
        );
        for (i, bad) in ['V', 'Z', '-', '*'].into_iter().enumerate() {
            let code: String = VALID
                .chars()
                .enumerate()
                .map(|(j, c)| if j == i { bad } else { c })
                .collect();
            assert_eq!(
                AgencyId::new(&code).unwrap_err(),
                AgencyIdError::Character {
                    position: i + 1,
                    found: bad
                }
            );
        }
    }

    #[test]
    fn lower_case_is_rejected_with_a_hint() {
        let err = AgencyId::new("91110108ma01abcd5t").unwrap_err();
        assert_eq!(
            err,
            AgencyIdError::Character {
                position: 9,
                found: 'm'
            }
        );
        assert_eq!(
            err.to_string(),
            "character 9 `m` is not allowed in a unified social credit code (allowed: 0-9 A-H J-N P-R T U W-Y); codes are upper case"
        );
    }

    #[test]
    fn multi_byte_and_invisible_characters() {
        // Full-width `Ｏ` (U+FF2F) in place of `0`.
        let err = AgencyId::new("9111Ｏ108MA01ABCD5T").unwrap_err();
        assert_eq!(
            err,
            AgencyIdError::Character {
                position: 5,
                found: 'Ｏ'
            }
        );
        assert_eq!(
            err.to_string(),
            "character 5 `Ｏ` is not allowed in a unified social credit code (allowed: 0-9 A-H J-N P-R T U W-Y)"
        );
        // Chinese characters, an emoji, a combining accent: no panic, a character error.
        for code in [
            "统一社会信用代码统一社会信用代码统一",
            "🦀🦀🦀🦀🦀🦀🦀🦀🦀🦀🦀🦀🦀🦀🦀🦀🦀🦀",
        ] {
            assert!(matches!(
                AgencyId::new(code).unwrap_err(),
                AgencyIdError::Character { position: 1, .. }
            ));
        }
        let shown = |code: &str| AgencyId::new(code).unwrap_err().to_string();
        assert!(shown("91 10108MA01ABCD5T").starts_with("character 3 ` ` is not"));
        assert!(shown("91\t10108MA01ABCD5T").starts_with("character 3 `\\t` is not"));
        assert!(shown("91\u{3000}10108MA01ABCD5T").starts_with("character 3 `\\u{3000}` is not"));
        assert!(shown("91\u{301}10108MA01ABCD5T").starts_with("character 3 `\\u{301}` is not"));
        assert!(shown("91\u{0}10108MA01ABCD5T").starts_with("character 3 `\\0` is not"));
    }

    #[test]
    fn organization_check_error() {
        let err = AgencyId::new("91110108MA01ABCD4T").unwrap_err();
        assert_eq!(
            err,
            AgencyIdError::OrganizationCheck {
                found: '4',
                expected: '5'
            }
        );
        assert_eq!(
            err.to_string(),
            "organization-code check character (17th) is `4`, expected `5` (GB 11714)"
        );
        // A letter other than `X` can never be the 17th character.
        assert_eq!(
            AgencyId::new("91110108MA01ABCDAT").unwrap_err(),
            AgencyIdError::OrganizationCheck {
                found: 'A',
                expected: '5'
            }
        );
        // When both checks fail only the 17th is reported.
        assert_eq!(
            AgencyId::new("91110108MA01ABCD4A").unwrap_err(),
            AgencyIdError::OrganizationCheck {
                found: '4',
                expected: '5'
            }
        );
    }

    #[test]
    fn credit_check_error() {
        let err = AgencyId::new("91110108MA01ABCD5A").unwrap_err();
        assert_eq!(
            err,
            AgencyIdError::CreditCheck {
                found: 'A',
                expected: 'T'
            }
        );
        assert_eq!(
            err.to_string(),
            "credit-code check character (18th) is `A`, expected `T` (GB 32100)"
        );
    }

    #[test]
    fn a_change_the_mod_11_check_misses_is_caught_by_the_mod_31_check() {
        // `0` → `B` at position 11 changes the organization sum by 11 × 9 ≡ 0 (mod 11), and
        // the credit sum by 11 × 25 = 275: 1927 + 275 = 2202 ≡ 1 (mod 31), 31 − 1 = 30 = `Y`.
        let code = "91110108MAB1ABCD5T";
        let chars: Vec<char> = code.chars().collect();
        assert!(ref_org_ok(&chars));
        assert_eq!(ref_credit_expected(&chars), 'Y');
        assert_eq!(
            AgencyId::new(code).unwrap_err(),
            AgencyIdError::CreditCheck {
                found: 'T',
                expected: 'Y'
            }
        );
    }

    #[test]
    fn complete_errors_and_result() {
        assert_eq!(
            AgencyId::complete("91110108MA01ABCD").unwrap().as_str(),
            VALID
        );
        let err = AgencyId::complete("91110108MA01ABC").unwrap_err();
        assert_eq!(err, AgencyIdError::PrefixLength { found: 15 });
        assert_eq!(
            err.to_string(),
            "unified social credit code without its check characters must have 16 characters, found 15"
        );
        assert_eq!(
            AgencyId::complete(VALID).unwrap_err(),
            AgencyIdError::PrefixLength { found: 18 }
        );
        assert_eq!(
            AgencyId::complete("91110108MA01ABCd").unwrap_err(),
            AgencyIdError::Character {
                position: 16,
                found: 'd'
            }
        );
    }

    #[test]
    fn conversions() {
        let id = AgencyId::new(VALID).unwrap();
        assert_eq!(VALID.parse::<AgencyId>(), Ok(id));
        assert_eq!(AgencyId::try_from(VALID), Ok(id));
        assert_eq!(AgencyId::try_from(VALID.to_owned()), Ok(id));
        assert_eq!(
            "91110108MA01ABCD5".parse::<AgencyId>(),
            Err(AgencyIdError::Length { found: 17 })
        );
        assert_eq!(
            AgencyId::try_from(String::from("91110108MA01ABCD5A")),
            Err(AgencyIdError::CreditCheck {
                found: 'A',
                expected: 'T'
            })
        );
    }

    #[test]
    fn ordering_follows_the_string() {
        let mut ids: Vec<AgencyId> = ["914403001922038216", VALID, "9144030071526726XG"]
            .into_iter()
            .map(|c| AgencyId::new(c).unwrap())
            .collect();
        ids.sort();
        let strs: Vec<&str> = ids.iter().map(AgencyId::as_str).collect();
        assert_eq!(strs, [VALID, "914403001922038216", "9144030071526726XG"]);
    }

    #[test]
    fn serde_round_trip() {
        let id = AgencyId::new(VALID).unwrap();
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, "\"91110108MA01ABCD5T\"");
        assert_eq!(serde_json::from_str::<AgencyId>(&json).unwrap(), id);
        // Owned (non-borrowed) strings too.
        let value = serde_json::Value::String(VALID.to_owned());
        assert_eq!(serde_json::from_value::<AgencyId>(value).unwrap(), id);
    }

    #[test]
    fn deserializing_an_invalid_code_fails_with_its_message() {
        let err = serde_json::from_str::<AgencyId>("\"91110108MA01ABCD5A\"").unwrap_err();
        assert_eq!(
            err.to_string(),
            "credit-code check character (18th) is `A`, expected `T` (GB 32100) at line 1 column 20"
        );
        let err = serde_json::from_str::<Vec<AgencyId>>("[\n\"91110108ma01abcd5t\"]").unwrap_err();
        assert_eq!(
            err.to_string(),
            "character 9 `m` is not allowed in a unified social credit code (allowed: 0-9 A-H J-N P-R T U W-Y); codes are upper case at line 2 column 20"
        );
        let err = serde_json::from_str::<AgencyId>("91110108").unwrap_err();
        assert!(
            err.to_string().starts_with(
                "invalid type: integer `91110108`, expected a unified social credit code"
            ),
            "{err}"
        );
    }

    // ----- laws -----

    proptest! {
        /// Law 1: an 18-character string over the alphabet is accepted iff the reference finds
        /// both checks hold; when rejected, the error is the reference's first failure. Each
        /// check character is either random or the one the reference computes, so valid,
        /// half-valid and random codes all occur.
        #[test]
        fn new_agrees_with_the_reference(
            prefix in prefix16(),
            c17 in proptest::option::of(alphabet_char_strategy()),
            c18 in proptest::option::of(alphabet_char_strategy()),
        ) {
            let mut chars: Vec<char> = prefix.chars().collect();
            chars.push(c17.unwrap_or_else(|| ref_org_expected(&chars)));
            chars.push('0');
            let c18 = c18.unwrap_or_else(|| ref_credit_expected(&chars));
            chars[17] = c18;
            let code: String = chars.iter().collect();

            let result = AgencyId::new(&code);
            prop_assert_eq!(result.is_ok(), ref_valid(&code));
            if !ref_org_ok(&chars) {
                prop_assert_eq!(result, Err(AgencyIdError::OrganizationCheck {
                    found: chars[16],
                    expected: ref_org_expected(&chars),
                }));
            } else if !ref_credit_ok(&chars) {
                prop_assert_eq!(result, Err(AgencyIdError::CreditCheck {
                    found: chars[17],
                    expected: ref_credit_expected(&chars),
                }));
            } else {
                prop_assert_eq!(result.map(|id| id.to_string()), Ok(code));
            }
        }

        /// Law 1 on arbitrary strings: never a panic, and acceptance only of reference-valid
        /// codes.
        #[test]
        fn new_on_arbitrary_strings(code in ".{0,20}") {
            match AgencyId::new(&code) {
                Ok(id) => prop_assert!(ref_valid(&code) && id.as_str() == code),
                Err(AgencyIdError::Length { found }) => {
                    prop_assert_eq!(found, code.chars().count());
                    prop_assert_ne!(found, 18);
                }
                Err(AgencyIdError::Character { position, found }) => {
                    prop_assert_eq!(code.chars().nth(position - 1), Some(found));
                    prop_assert!(!alphabet().contains(&found));
                    prop_assert!(code.chars().take(position - 1).all(|c| alphabet().contains(&c)));
                }
                Err(_) => prop_assert!(!ref_valid(&code)),
            }
        }

        /// Law 2: every 16-character prefix over the alphabet (positions 9–16 accept the whole
        /// alphabet) completes to a code that `new` accepts, that starts with the prefix and
        /// that round-trips through `as_str`, `Display` and serde.
        #[test]
        fn complete_gives_valid_codes(prefix in prefix16()) {
            let id = AgencyId::complete(&prefix).unwrap();
            prop_assert!(id.as_str().starts_with(&prefix));
            prop_assert!(ref_valid(id.as_str()));
            prop_assert_eq!(AgencyId::new(id.as_str()), Ok(id));
            prop_assert_eq!(id.to_string().parse::<AgencyId>(), Ok(id));
            let json = serde_json::to_string(&id).unwrap();
            prop_assert_eq!(serde_json::from_str::<AgencyId>(&json).unwrap(), id);
        }

        /// Law 3: changing any one character of a valid code to another alphabet character
        /// makes it invalid. Precisely: a change in positions 1–17 is always caught by the
        /// 18th (mod-31) check on its own, because every weight 3^(i−1) and every difference
        /// of values is a unit mod the prime 31; the 17th character is also pinned by the 11th
        /// check, and the 18th is determined by the rest. So `new` reports the 17th check for a
        /// change at 17, the 18th check for changes at 1–8 and 18, and either for 9–16 (the
        /// mod-11 check alone misses changes whose value difference times weight is a multiple
        /// of 11, e.g. `0` ↔ `B` at any of 9–16).
        #[test]
        fn single_substitutions_are_detected(
            prefix in prefix16(),
            index in 0usize..18,
            shift in 1u32..31,
        ) {
            let valid = AgencyId::complete(&prefix).unwrap();
            let mut chars: Vec<char> = valid.as_str().chars().collect();
            let old = ref_credit_value(chars[index]);
            chars[index] = alphabet()[usize::try_from((old + shift) % 31).unwrap()];
            let code: String = chars.iter().collect();

            let err = AgencyId::new(&code).unwrap_err();
            if index < 17 {
                prop_assert!(!ref_credit_ok(&chars));
            }
            match index {
                16 => prop_assert!(
                    matches!(err, AgencyIdError::OrganizationCheck { .. }),
                    "{:?}",
                    err
                ),
                8..=15 => prop_assert!(
                    matches!(err, AgencyIdError::OrganizationCheck { .. } | AgencyIdError::CreditCheck { .. }),
                    "{:?}",
                    err
                ),
                _ => prop_assert!(matches!(err, AgencyIdError::CreditCheck { .. }), "{:?}", err),
            }
        }
    }
}
