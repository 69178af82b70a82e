//! Finding a key or value of a roster file by its path (`agency[2].inputs."capability.staff"`),
//! so an error found after parsing can still name the line and column.
//!
//! TOML is re-parsed with `toml::de::DeTable`, which keeps spans. JSON is scanned: the text has
//! already parsed, so the scanner only has to find its way, not validate.

use ecograde::check::Span;
use toml::de::{DeTable, DeValue};

/// One step of a path into a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step<'a> {
    /// A key of a table (object).
    Key(&'a str),
    /// An element of an array, 0-based.
    Index(usize),
}

/// Whether to point at the last key or at its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// The key itself (the last step must be a [`Step::Key`]).
    Key,
    /// The value.
    Value,
}

/// The span of `path` in a TOML text, if it is there.
pub(crate) fn toml(text: &str, path: &[Step<'_>], part: Part) -> Option<Span> {
    let root = DeValue::Table(DeTable::parse(text).ok()?.into_inner());
    let (last, parents) = path.split_last()?;
    let mut value = &root;
    for step in parents {
        value = match *step {
            Step::Key(key) => value.get(key)?,
            Step::Index(index) => value.get(index)?,
        }
        .get_ref();
    }
    match *last {
        Step::Key(key) => {
            let (k, v) = value.as_table()?.get_key_value(key)?;
            Some(match part {
                Part::Key => k.span(),
                Part::Value => v.span(),
            })
        }
        Step::Index(index) => Some(value.get(index)?.span()),
    }
}

/// The span of `path` in a JSON text, if it is there.
pub(crate) fn json(text: &str, path: &[Step<'_>], part: Part) -> Option<Span> {
    let mut scan = Scan {
        bytes: text.as_bytes(),
        at: 0,
    };
    scan.find(path, part)
}

/// A cursor over JSON text that is known to be well formed.
struct Scan<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Scan<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn space(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.at += 1;
        }
    }

    /// Consumes `byte` (after whitespace) or fails.
    fn expect(&mut self, byte: u8) -> Option<()> {
        self.space();
        (self.peek() == Some(byte)).then(|| self.at += 1)
    }

    /// Follows `path` from the value at the cursor.
    fn find(&mut self, path: &[Step<'_>], part: Part) -> Option<Span> {
        self.space();
        let Some((first, rest)) = path.split_first() else {
            let start = self.at;
            self.skip_value()?;
            return Some(start..self.at);
        };
        match *first {
            Step::Key(wanted) => {
                self.expect(b'{')?;
                loop {
                    self.space();
                    if self.peek() == Some(b'}') {
                        return None;
                    }
                    let key_start = self.at;
                    let key = self.string()?;
                    let key_span = key_start..self.at;
                    self.expect(b':')?;
                    if key == wanted {
                        if rest.is_empty() && part == Part::Key {
                            return Some(key_span);
                        }
                        return self.find(rest, part);
                    }
                    self.space();
                    self.skip_value()?;
                    self.space();
                    if self.peek() == Some(b',') {
                        self.at += 1;
                    }
                }
            }
            Step::Index(wanted) => {
                self.expect(b'[')?;
                for _ in 0..wanted {
                    self.space();
                    if self.peek() == Some(b']') {
                        return None;
                    }
                    self.skip_value()?;
                    self.expect(b',')?;
                }
                self.space();
                if self.peek() == Some(b']') {
                    return None;
                }
                self.find(rest, part)
            }
        }
    }

    /// Reads a string at the cursor and decodes its escapes.
    fn string(&mut self) -> Option<String> {
        if self.peek() != Some(b'"') {
            return None;
        }
        self.at += 1;
        let mut out = Vec::new();
        let mut pending_high: Option<u32> = None;
        loop {
            let byte = self.peek()?;
            self.at += 1;
            match byte {
                b'"' => return String::from_utf8(out).ok(),
                b'\\' => {
                    let escape = self.peek()?;
                    self.at += 1;
                    let decoded = match escape {
                        b'n' => '\n',
                        b't' => '\t',
                        b'r' => '\r',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'u' => {
                            let hex = self.bytes.get(self.at..self.at + 4)?;
                            self.at += 4;
                            let unit =
                                u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
                            if (0xD800..0xDC00).contains(&unit) {
                                pending_high = Some(unit);
                                continue;
                            }
                            let code = match pending_high.take() {
                                Some(high) if (0xDC00..0xE000).contains(&unit) => {
                                    0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
                                }
                                _ => unit,
                            };
                            char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
                        }
                        other => char::from(other),
                    };
                    let mut buffer = [0; 4];
                    out.extend_from_slice(decoded.encode_utf8(&mut buffer).as_bytes());
                }
                other => out.push(other),
            }
        }
    }

    /// Skips the value at the cursor: a string, a number or literal, or a whole array or
    /// object (bracket counting, so no recursion).
    fn skip_value(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.string().map(drop),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match self.peek()? {
                        b'"' => {
                            self.string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                self.at += 1;
                                return Some(());
                            }
                        }
                        _ => {}
                    }
                    self.at += 1;
                }
            }
            _ => {
                while self
                    .peek()
                    .is_some_and(|b| !matches!(b, b',' | b']' | b'}') && !b.is_ascii_whitespace())
                {
                    self.at += 1;
                }
                Some(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOML: &str = r#"cycle = 2026

[[agency]]
id = "A"

[[agency]]
id = "B"
inputs = { "capability.staff" = 11 }

[[agency.record]]
kind = "x"
on = 2026-01-01
"#;

    const JSON: &str = r#"{ "cycle": 2026,
  "agency": [
    { "id": "A", "inputs": { "k": [1, {"x": "]"}] } },
    { "id": "B", "inputs": { "capability.staff": 11 },
      "record": [ { "kind": "x", "on": "2026-01-01" } ] } ] }"#;

    fn shown(text: &str, span: Option<Span>) -> Option<&str> {
        text.get(span?)
    }

    #[test]
    fn toml_paths() {
        let input = [
            Step::Key("agency"),
            Step::Index(1),
            Step::Key("inputs"),
            Step::Key("capability.staff"),
        ];
        assert_eq!(shown(TOML, toml(TOML, &input, Part::Value)), Some("11"));
        assert_eq!(
            shown(TOML, toml(TOML, &input, Part::Key)),
            Some("\"capability.staff\"")
        );
        let kind = [
            Step::Key("agency"),
            Step::Index(1),
            Step::Key("record"),
            Step::Index(0),
            Step::Key("kind"),
        ];
        assert_eq!(shown(TOML, toml(TOML, &kind, Part::Value)), Some("\"x\""));
        let missing = [Step::Key("agency"), Step::Index(2), Step::Key("id")];
        assert_eq!(toml(TOML, &missing, Part::Value), None);
    }

    #[test]
    fn json_paths() {
        let input = [
            Step::Key("agency"),
            Step::Index(1),
            Step::Key("inputs"),
            Step::Key("capability.staff"),
        ];
        assert_eq!(shown(JSON, json(JSON, &input, Part::Value)), Some("11"));
        assert_eq!(
            shown(JSON, json(JSON, &input, Part::Key)),
            Some("\"capability.staff\"")
        );
        let kind = [
            Step::Key("agency"),
            Step::Index(1),
            Step::Key("record"),
            Step::Index(0),
            Step::Key("kind"),
        ];
        assert_eq!(shown(JSON, json(JSON, &kind, Part::Value)), Some("\"x\""));
        let missing = [Step::Key("agency"), Step::Index(2), Step::Key("id")];
        assert_eq!(json(JSON, &missing, Part::Value), None);
        let escaped = r#"{"\u0061gency": [{"id": "\ud83d\ude00"}]}"#;
        let id = [Step::Key("agency"), Step::Index(0), Step::Key("id")];
        assert_eq!(
            shown(escaped, json(escaped, &id, Part::Value)),
            Some(r#""\ud83d\ude00""#)
        );
    }
}
