//! The command line's errors. Every one is printed on standard error,
//! starting with `error: `, and ends the program with status 2.

use std::fmt;

/// Why a command failed: printed on standard error, exit status 2.
#[derive(Debug)]
pub enum CliError {
    /// A parse or semantic error of the expression (rendered with a caret),
    /// or a failure of the engine on it.
    Engine(symdiff::Error),
    /// A diagnostic already rendered with a caret under a flag's text.
    Rendered(String),
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
}

impl From<symdiff::Error> for CliError {
    fn from(error: symdiff::Error) -> Self {
        CliError::Engine(error)
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // These render their own `error: ` header and caret.
            CliError::Engine(error @ (symdiff::Error::Parse(_) | symdiff::Error::Semantic(_))) => {
                write!(f, "{error}")
            }
            CliError::Engine(error) => write!(f, "error: {error}"),
            CliError::Rendered(text) => f.write_str(text),
            CliError::Message { message, help } => {
                write!(f, "error: {message}")?;
                if let Some(help) = help {
                    write!(f, "\n  = help: {help}")?;
                }
                Ok(())
            }
        }
    }
}

impl CliError {
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
        let mut rendered = String::new();
        let span = symdiff_parser::Span {
            start: span.start,
            end: span.end,
        };
        // Writing into a String cannot fail.
        let _ = symdiff_parser::render_diagnostic(&mut rendered, text, span, message, help);
        CliError::Rendered(rendered)
    }
}
