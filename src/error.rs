//! The command line's errors. Every one is printed on standard error,
//! starting with `error: `, and ends the program with status 2.

use crate::diagnostics::Mistake;
use std::fmt;
use std::ops::Range;
use symdiff_parser::{DiagnosticStyle, Span, render_diagnostic_styled, render_message_styled};

/// Why a command failed: printed on standard error, exit status 2. Both
/// kinds stay typed until they are printed.
#[derive(Debug)]
pub enum CliError {
    /// A parse or semantic error of the expression (rendered with a caret),
    /// or a failure of the engine on it.
    Engine(symdiff::Error),
    /// A mistake of the catalogue (`diagnostics.rs`), with a caret under a
    /// span of a flag's value or of the expression when it has a place.
    Mistake {
        /// What is wrong.
        mistake: Mistake,
        /// Where, if it is in a text.
        place: Option<Place>,
    },
}

/// Where a mistake is: a span of the expression or of a flag's value.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// The flag whose value it is in (`--wrt`), or `None` for the
    /// expression.
    pub flag: Option<&'static str>,
    /// The text the caret points into.
    pub source: String,
    /// The bytes of `source` the caret is under.
    pub span: Range<usize>,
}

impl Mistake {
    /// The mistake with a caret under `span` of the value `text` of `flag`.
    pub(crate) fn in_flag(self, flag: &'static str, text: &str, span: Range<usize>) -> CliError {
        self.placed(Some(flag), text, span)
    }

    /// The mistake with a caret under `span` of the expression `source`.
    pub(crate) fn at(self, source: &str, span: Range<usize>) -> CliError {
        self.placed(None, source, span)
    }

    fn placed(self, flag: Option<&'static str>, source: &str, span: Range<usize>) -> CliError {
        CliError::Mistake {
            mistake: self,
            place: Some(Place {
                flag,
                source: source.to_owned(),
                span,
            }),
        }
    }
}

impl From<Mistake> for CliError {
    fn from(mistake: Mistake) -> Self {
        CliError::Mistake {
            mistake,
            place: None,
        }
    }
}

impl CliError {
    /// The error as printed: in colour with [`DiagnosticStyle::Colored`],
    /// as `Display` writes it with [`DiagnosticStyle::Plain`].
    pub fn render(&self, style: DiagnosticStyle) -> String {
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = self.write(&mut out, style);
        out
    }

    fn write(&self, out: &mut dyn fmt::Write, style: DiagnosticStyle) -> fmt::Result {
        match self {
            CliError::Engine(error) => error.write_styled(out, style),
            CliError::Mistake {
                mistake,
                place: None,
            } => render_message_styled(out, &mistake.message(), mistake.help().as_deref(), style),
            CliError::Mistake {
                mistake,
                place: Some(place),
            } => {
                let message = match place.flag {
                    Some(flag) => format!("in {flag}: {}", mistake.message()),
                    None => mistake.message(),
                };
                let span = Span {
                    start: place.span.start,
                    end: place.span.end,
                };
                render_diagnostic_styled(
                    out,
                    &place.source,
                    span,
                    &message,
                    mistake.help().as_deref(),
                    style,
                )
            }
        }
    }
}

impl From<symdiff::Error> for CliError {
    fn from(error: symdiff::Error) -> Self {
        CliError::Engine(error)
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, DiagnosticStyle::Plain)
    }
}
