//! PLACEHOLDER: the parser helper replaces this file.
use crate::{ParseError, ParseErrorKind, Program, Span};
pub const MAX_DEPTH: usize = 256;
pub fn parse(source: &str) -> Result<Program<'_>, ParseError> {
    Err(ParseError {
        kind: ParseErrorKind::Empty,
        span: Span::new(0, 0),
        source: source.into(),
    })
}
