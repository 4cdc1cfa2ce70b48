//! PLACEHOLDER: the parser helper replaces this file.
use crate::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseErrorKind {
    Empty,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub kind: ParseErrorKind,
    pub span: Span,
    pub source: Box<str>,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        crate::diagnostic::Rendered {
            source: &self.source,
            span: self.span,
            message: "empty",
            help: None,
        }
        .fmt(f)
    }
}
impl std::error::Error for ParseError {}
