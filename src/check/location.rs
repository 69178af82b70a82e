//! Places in a policy file: byte spans turned into `file:line:column`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A byte range in a source text.
pub type Span = std::ops::Range<usize>;

/// A place in a file: its name, the 1-based line and column (in characters), and the byte
/// span, so a renderer can underline it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Location {
    /// The file name as the user gave it (or `<policy>` for text with no file).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// Byte offsets of the offending text.
    pub span: Span,
}

impl Location {
    /// Locates `span` in `source`, a file called `file`.
    pub fn in_source(file: &str, source: &str, span: Span) -> Location {
        let start = span.start.min(source.len());
        let before = source.get(..start).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
        Location {
            file: file.to_owned(),
            line,
            column,
            span,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_are_one_based_in_characters() {
        let source = "a = 1\n名 = 2\n";
        let at = source.find('2').unwrap_or(0);
        let location = Location::in_source("p.toml", source, at..at + 1);
        assert_eq!((location.line, location.column), (2, 5));
        assert_eq!(location.to_string(), "p.toml:2:5");
    }
}
