//! `--wrt VARS`: the variables to differentiate by.

use crate::diagnostics::{Mistake, NameHelp, Warning};
use crate::error::CliError;
use crate::input::Loaded;
use crate::session::Session;
use symdiff::error::NameMistake;

/// Whether `name` can be a variable: a letter or `_`, then letters, digits
/// and `_`.
pub(crate) fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// What a command accepts in `--wrt` besides the expression's variables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Steps {
    /// The program's named steps too (`z` in `z = w*x + b; sigmoid(z)`): the
    /// derivative by one holds the inputs of its definition fixed.
    Allowed,
    /// Variables only (second derivatives and generated code).
    Refused,
}

/// The names of a comma-separated list, each one of the expression's
/// variables (or steps, where allowed) or absent from it (with a warning:
/// its derivative is 0), or the expression's variables (in order of first
/// appearance) when there is no list.
pub(crate) fn variables(
    list: Option<&str>,
    loaded: &Loaded,
    steps: Steps,
    session: &mut Session,
) -> Result<Vec<String>, CliError> {
    match list {
        Some(text) => {
            let names = parse_list(text)?;
            check_listed(text, &names, loaded, steps, session)?;
            Ok(names)
        }
        None => Ok(loaded.variables()),
    }
}

/// An error at the first listed name that cannot be differentiated by: a
/// constant, or a defined name where steps are refused. A name that does
/// not appear gets a warning, so that a misspelling does not look like a
/// result.
pub(crate) fn check_listed(
    text: &str,
    names: &[String],
    loaded: &Loaded,
    steps: Steps,
    session: &mut Session,
) -> Result<(), CliError> {
    let variables = loaded.variables();
    for name in names {
        let mistake = match loaded.not_a_variable(name, &variables) {
            None => continue,
            Some(NameMistake::Defined { .. }) if steps == Steps::Allowed => continue,
            Some(NameMistake::Absent { .. }) => {
                session.warn(&Warning::AbsentInWrt {
                    name: name.clone(),
                    variables: variables.clone(),
                });
                continue;
            }
            Some(NameMistake::Defined { name }) => Mistake::DefinedInWrt { name, variables },
            Some(mistake) => Mistake::Name {
                mistake,
                help: NameHelp::Variables(variables),
            },
        };
        return Err(mistake.in_flag("--wrt", text, span_of(text, name)));
    }
    Ok(())
}

/// Where `name` is listed in `text`.
fn span_of(text: &str, name: &str) -> std::ops::Range<usize> {
    let mut start = 0;
    for piece in text.split(',') {
        let offset = start + (piece.len() - piece.trim_start().len());
        if piece.trim() == name {
            return offset..offset + name.len();
        }
        start += piece.len() + 1;
    }
    0..text.len()
}

/// Parses `w,b,x`: names, no duplicates, at least one.
pub(crate) fn parse_list(text: &str) -> Result<Vec<String>, CliError> {
    parse_names(text).map_err(|(mistake, span)| {
        let help = NameHelp::WrtSyntax;
        Mistake::Name { mistake, help }.in_flag("--wrt", text, span)
    })
}

/// Reads `codegen --args w,b,x,t`, the order of the generated functions'
/// parameters: every variable of the expression (`variables`) once.
pub(crate) fn parameter_order(text: &str, variables: &[String]) -> Result<Vec<String>, CliError> {
    let error = |mistake, span| {
        let help = NameHelp::Args(variables.to_vec());
        Mistake::Name { mistake, help }.in_flag("--args", text, span)
    };
    let names = parse_names(text).map_err(|(mistake, span)| error(mistake, span))?;
    if let Some(name) = names.iter().find(|name| !variables.contains(name)) {
        let span = span_of(text, name);
        let name = name.clone();
        return Err(error(NameMistake::NotAVariable { name }, span));
    }
    if let Some(mistake) = NameMistake::missing_from(variables, &names) {
        return Err(error(mistake, text.len()..text.len() + 1));
    }
    Ok(names)
}

/// Parses a comma-separated list of names, no duplicates, at least one; a
/// mistake comes with its span.
fn parse_names(text: &str) -> Result<Vec<String>, (NameMistake, std::ops::Range<usize>)> {
    let mut names: Vec<String> = Vec::new();
    let mut start = 0;
    for piece in text.split(',') {
        let range = start..start + piece.len();
        start = range.end + 1;
        let name = piece.trim();
        let offset = range.start + (piece.len() - piece.trim_start().len());
        let span = offset..offset + name.len().max(1);
        let name = name.to_owned();
        if name.is_empty() {
            return Err((NameMistake::Empty, span));
        }
        if !is_identifier(&name) {
            return Err((NameMistake::NotAName { name }, span));
        }
        if names.contains(&name) {
            return Err((NameMistake::Repeated { name }, span));
        }
        names.push(name);
    }
    Ok(names)
}

/// Checks the single variable of `diff --wrt`.
pub(crate) fn parse_one(text: &str) -> Result<String, CliError> {
    let names = parse_list(text)?;
    match names.as_slice() {
        [name] => Ok(name.clone()),
        _ => Err(Mistake::DiffTakesOne { count: names.len() }.into()),
    }
}
