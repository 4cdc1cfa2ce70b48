//! The command line's errors. Every one is printed on standard error,
//! starting with `error: `, and ends the program with status 2.

use std::fmt;
use symdiff_parser::{DiagnosticStyle, Span, render_diagnostic_styled, render_message_styled};

/// Why a command failed: printed on standard error, exit status 2.
#[derive(Debug)]
pub enum CliError {
    /// A parse or semantic error of the expression (rendered with a caret),
    /// or a failure of the engine on it.
    Engine(symdiff::Error),
    /// A diagnostic with a caret under a span of a flag's value (or of the
    /// expression), rendered when it is printed.
    Diagnostic {
        /// The text the caret points into.
        source: String,
        /// The bytes of `source` the caret is under.
        span: std::ops::Range<usize>,
        /// The message, after `error: `.
        message: String,
        /// The hint, after `= help: `.
        help: Option<String>,
    },
    /// A plain message with an optional hint.
    Message {
        /// The message, after `error: `.
        message: String,
        /// The hint, after `= help: `.
        help: Option<String>,
    },
}

impl CliError {
    /// A plain message.
    pub fn message(message: impl Into<String>) -> Self {
        CliError::Message {
            message: message.into(),
            help: None,
        }
    }

    /// A plain message with a hint.
    pub fn with_help(message: impl Into<String>, help: impl Into<String>) -> Self {
        CliError::Message {
            message: message.into(),
            help: Some(help.into()),
        }
    }

    /// A caret diagnostic under `span` of a flag's value `text`.
    pub fn in_flag(
        flag: &str,
        text: &str,
        span: std::ops::Range<usize>,
        message: &str,
        help: Option<&str>,
    ) -> Self {
        CliError::at(text, span, &format!("in {flag}: {message}"), help)
    }

    /// A caret diagnostic under `span` of `text` (the expression, or a
    /// flag's value).
    pub fn at(text: &str, span: std::ops::Range<usize>, message: &str, help: Option<&str>) -> Self {
        CliError::Diagnostic {
            source: text.to_owned(),
            span,
            message: message.to_owned(),
            help: help.map(str::to_owned),
        }
    }

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
            CliError::Engine(symdiff::Error::Parse(error)) => render_diagnostic_styled(
                out,
                &error.source,
                error.span,
                &error.message(),
                error.help().as_deref(),
                style,
            ),
            CliError::Engine(symdiff::Error::Semantic(error)) => render_diagnostic_styled(
                out,
                &error.source,
                error.span,
                &error.message(),
                error.help().as_deref(),
                style,
            ),
            CliError::Engine(error) => render_message_styled(out, &error.to_string(), None, style),
            CliError::Diagnostic {
                source,
                span,
                message,
                help,
            } => {
                let span = Span {
                    start: span.start,
                    end: span.end,
                };
                render_diagnostic_styled(out, source, span, message, help.as_deref(), style)
            }
            CliError::Message { message, help } => {
                render_message_styled(out, message, help.as_deref(), style)
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
