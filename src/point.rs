//! `--at name=value,...`: a point at which to evaluate.

use crate::diagnostics::{Mistake, NameHelp, Warning};
use crate::error::CliError;
use crate::input::Loaded;
use crate::session::Session;
use std::ops::Range;
use symdiff::error::NameMistake;

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
                let mistake = NameMistake::Repeated { name };
                return Err(name_error(text, piece, mistake));
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
        let variables = loaded.variables();
        for (name, _) in &self.entries {
            let Some(mistake) = loaded.not_a_variable(name, &variables) else {
                continue;
            };
            if let NameMistake::Constant { name } = mistake {
                return Err(Mistake::ValueForConstant { name, variables }.into());
            }
            session.warn(&Warning::IgnoredValue { mistake });
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
    Mistake::NoValueFor {
        name: name.to_owned(),
        names: names.to_vec(),
    }
    .into()
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
        return Err(Mistake::ExpectedEntry.in_flag("--at", text, span));
    }
    let Some(equals) = raw.find('=') else {
        return Err(Mistake::ExpectedNameValue.in_flag("--at", text, trimmed(text, piece)));
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
        let mistake = if name.is_empty() {
            NameMistake::EmptyBeforeEquals
        } else {
            NameMistake::NotAName {
                name: name.to_owned(),
            }
        };
        return Err(name_error(text, span, mistake));
    }
    let value_text = &text[value_range.clone()];
    if value_text.is_empty() {
        let mistake = Mistake::MissingValue {
            name: name.to_owned(),
        };
        let equals_sign = piece.start + equals..piece.start + equals + 1;
        return Err(mistake.in_flag("--at", text, equals_sign));
    }
    match value_text.parse::<f64>() {
        Ok(value) => Ok((name.to_owned(), value)),
        Err(_) => {
            let mistake = Mistake::NotAValue {
                text: value_text.to_owned(),
            };
            Err(mistake.in_flag("--at", text, value_range))
        }
    }
}

/// `range` without the whitespace at either end.
pub(crate) fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let raw = &text[range.clone()];
    let start = range.start + (raw.len() - raw.trim_start().len());
    let end = range.end - (raw.len() - raw.trim_end().len());
    start..end.max(start)
}

/// A mistake in a name of `--at`, without a hint.
fn name_error(text: &str, span: Range<usize>, mistake: NameMistake) -> CliError {
    let help = NameHelp::None;
    Mistake::Name { mistake, help }.in_flag("--at", text, span)
}
