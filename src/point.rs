//! `--at name=value,...`: a point at which to evaluate.

use crate::error::CliError;
use crate::input::{Loaded, NotAVariable};
use crate::session::Session;
use std::ops::Range;

const VALUE_HELP: &str = "values are decimal numbers such as `0.5`, `-2`, `1e-3`, `inf` or `nan`";

/// The values given on the command line, in the order given.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Point {
    entries: Vec<(String, f64)>,
}

impl Point {
    /// Parses `name=value,...`; an empty text is the empty point.
    pub(crate) fn parse(text: &str) -> Result<Point, CliError> {
        let mut entries: Vec<(String, f64)> = Vec::new();
        if text.trim().is_empty() {
            return Ok(Point { entries });
        }
        for piece in split_commas(text) {
            let (name, value) = parse_entry(text, piece.clone())?;
            if entries.iter().any(|(known, _)| *known == name) {
                return Err(at_error(
                    text,
                    piece,
                    &format!("`{name}` is given twice"),
                    None,
                ));
            }
            entries.push((name, value));
        }
        Ok(Point { entries })
    }

    /// A value for a constant is an error; a value for a defined name or
    /// for a name the expression does not have is ignored, with a warning.
    pub(crate) fn check_names(
        &self,
        loaded: &Loaded,
        session: &mut Session,
    ) -> Result<(), CliError> {
        for (name, _) in &self.entries {
            let Some(kind) = loaded.not_a_variable(name) else {
                continue;
            };
            let problem = kind.message(name);
            if kind == NotAVariable::Constant {
                return Err(CliError::with_help(
                    format!("--at gives a value to `{name}`: {problem}"),
                    loaded.variables_hint(),
                ));
            }
            session.warn(&format!(
                "--at gives a value to `{name}`, which is ignored: {problem}"
            ));
        }
        Ok(())
    }

    /// The values given, as `(name, value)` pairs.
    pub(crate) fn pairs(&self) -> Vec<(&str, f64)> {
        self.entries
            .iter()
            .map(|(name, value)| (name.as_str(), *value))
            .collect()
    }

    pub(crate) fn get(&self, name: &str) -> Option<f64> {
        self.entries
            .iter()
            .find(|(known, _)| known == name)
            .map(|&(_, value)| value)
    }

    /// The values of `names`, in order; a missing one is an error naming it.
    pub(crate) fn values_for(&self, names: &[String]) -> Result<Vec<f64>, CliError> {
        names
            .iter()
            .map(|name| self.get(name).ok_or_else(|| missing(name, names)))
            .collect()
    }

    /// `w = 0.5, b = 0.1` for the given names (those that have values), or
    /// for every value given when there are no names (an expression without
    /// variables).
    pub(crate) fn describe(&self, names: &[String]) -> String {
        let entry =
            |name: &str, value: f64| format!("{name} = {}", crate::output::fmt_value(value));
        if names.is_empty() {
            let all: Vec<String> = self
                .entries
                .iter()
                .map(|(name, value)| entry(name, *value))
                .collect();
            return all.join(", ");
        }
        names
            .iter()
            .filter_map(|name| Some(entry(name, self.get(name)?)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn missing(name: &str, names: &[String]) -> CliError {
    let example: Vec<String> = names.iter().map(|name| format!("{name}=…")).collect();
    CliError::with_help(
        format!("--at gives no value for the variable `{name}`"),
        format!("every variable needs a value: --at {}", example.join(",")),
    )
}

/// The byte ranges of the comma-separated pieces of `text`.
pub(crate) fn split_commas(text: &str) -> Vec<Range<usize>> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for (index, c) in text.char_indices() {
        if c == ',' {
            pieces.push(start..index);
            start = index + 1;
        }
    }
    pieces.push(start..text.len());
    pieces
}

fn parse_entry(text: &str, piece: Range<usize>) -> Result<(String, f64), CliError> {
    let raw = &text[piece.clone()];
    if raw.trim().is_empty() {
        let span = if piece.is_empty() {
            piece.start..piece.start + 1
        } else {
            piece
        };
        return Err(at_error(
            text,
            span,
            "expected `name=value` here",
            Some("entries are separated by single commas: `w=0.5,b=0.1`"),
        ));
    }
    let Some(equals) = raw.find('=') else {
        return Err(at_error(
            text,
            trimmed(text, piece),
            "expected `name=value`",
            Some("write each value as `name=value`, e.g. `x=1.5`"),
        ));
    };
    let name_range = trimmed(text, piece.start..piece.start + equals);
    let value_range = trimmed(text, piece.start + equals + 1..piece.end);
    let name = &text[name_range.clone()];
    if !crate::wrt::is_identifier(name) {
        let span = if name_range.is_empty() {
            piece.start + equals..piece.start + equals + 1
        } else {
            name_range
        };
        let message = if name.is_empty() {
            "missing the variable's name before `=`".to_owned()
        } else {
            format!("`{name}` is not a variable name")
        };
        return Err(at_error(text, span, &message, None));
    }
    let value_text = &text[value_range.clone()];
    if value_text.is_empty() {
        return Err(at_error(
            text,
            piece.start + equals..piece.start + equals + 1,
            &format!("missing the value of `{name}` after `=`"),
            Some(VALUE_HELP),
        ));
    }
    match value_text.parse::<f64>() {
        Ok(value) => Ok((name.to_owned(), value)),
        Err(_) => Err(at_error(
            text,
            value_range,
            &format!("`{value_text}` is not a number"),
            Some(VALUE_HELP),
        )),
    }
}

/// `range` without the whitespace at either end.
pub(crate) fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let raw = &text[range.clone()];
    let start = range.start + (raw.len() - raw.trim_start().len());
    let end = range.end - (raw.len() - raw.trim_end().len());
    start..end.max(start)
}

fn at_error(text: &str, span: Range<usize>, message: &str, help: Option<&str>) -> CliError {
    CliError::in_flag("--at", text, span, message, help)
}
