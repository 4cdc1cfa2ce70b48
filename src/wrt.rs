//! `--wrt VARS`: the variables to differentiate by.

use crate::error::CliError;
use crate::input::{Loaded, NotAVariable};
use crate::session::Session;

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
    for name in names {
        let kind = match loaded.not_a_variable(name) {
            None => continue,
            Some(NotAVariable::Defined) if steps == Steps::Allowed => continue,
            Some(NotAVariable::Absent) => {
                session.warn(&format!(
                    "--wrt: `{name}` does not appear in the expression, so its derivative is 0 ({})",
                    loaded.variables_hint()
                ));
                continue;
            }
            Some(kind) => kind,
        };
        let mut problem = kind.message(name);
        if kind == NotAVariable::Defined {
            problem.push_str(
                " (derivatives with respect to defined names are given by `diff` and `grad`)",
            );
        }
        return Err(CliError::in_flag(
            "--wrt",
            text,
            span_of(text, name),
            &problem,
            Some(&loaded.variables_hint()),
        ));
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
    parse_names(text, &|span, message| wrt_error(text, span, message))
}

/// Reads `codegen --args w,b,x,t`, the order of the generated functions'
/// parameters: every variable of the expression (`variables`) once.
pub(crate) fn parameter_order(text: &str, variables: &[String]) -> Result<Vec<String>, CliError> {
    let hint = format!(
        "list every variable once, in the order the functions take them; the variables are: {}",
        variables.join(", ")
    );
    let error = |span, message: &str| CliError::in_flag("--args", text, span, message, Some(&hint));
    let names = parse_names(text, &error)?;
    if let Some(name) = names.iter().find(|name| !variables.contains(name)) {
        let message = format!("`{name}` is not a variable of the expression");
        return Err(error(span_of(text, name), &message));
    }
    let missing: Vec<&str> = variables
        .iter()
        .filter(|variable| !names.contains(variable))
        .map(String::as_str)
        .collect();
    if !missing.is_empty() {
        let message = format!("missing `{}`", missing.join("`, `"));
        return Err(error(text.len()..text.len() + 1, &message));
    }
    Ok(names)
}

/// Parses a comma-separated list of names, no duplicates, at least one,
/// reporting a mistake at its span through `error`.
fn parse_names(
    text: &str,
    error: &dyn Fn(std::ops::Range<usize>, &str) -> CliError,
) -> Result<Vec<String>, CliError> {
    let mut names: Vec<String> = Vec::new();
    let mut start = 0;
    for piece in text.split(',') {
        let range = start..start + piece.len();
        start = range.end + 1;
        let name = piece.trim();
        let offset = range.start + (piece.len() - piece.trim_start().len());
        let span = offset..offset + name.len().max(1);
        if name.is_empty() {
            return Err(error(span, "expected a variable name here"));
        }
        if !is_identifier(name) {
            return Err(error(span, &format!("`{name}` is not a variable name")));
        }
        if names.iter().any(|known| known == name) {
            return Err(error(span, &format!("`{name}` is listed twice")));
        }
        names.push(name.to_owned());
    }
    Ok(names)
}

/// Checks the single variable of `diff --wrt`.
pub(crate) fn parse_one(text: &str) -> Result<String, CliError> {
    let names = parse_list(text)?;
    match names.as_slice() {
        [name] => Ok(name.clone()),
        _ => Err(CliError::with_help(
            format!("`diff --wrt` takes one variable, got {}", names.len()),
            "use `grad --wrt` for several first derivatives, or `--order` for higher ones",
        )),
    }
}

fn wrt_error(text: &str, span: std::ops::Range<usize>, message: &str) -> CliError {
    CliError::in_flag(
        "--wrt",
        text,
        span,
        message,
        Some("list variables separated by commas: `--wrt w,b`"),
    )
}
