//! `--dir`: the direction of `hvp`, one number per variable in order
//! (`1,0,-1/2`), or by name (`y=1`, the variables not named taken as 0).

use crate::error::CliError;
use crate::input::Loaded;
use crate::point::{split_commas, trimmed};
use std::ops::Range;
use symdiff::Expr;

const NUMBER_HELP: &str = "components are numbers such as `1`, `-0.5`, `1e-3` or `1/3`";

/// The direction's components, one per variable of `vars`, in order.
pub(crate) fn parse(text: &str, vars: &[String], loaded: &Loaded) -> Result<Vec<Expr>, CliError> {
    if text.trim().is_empty() {
        return Err(dir_error(
            text,
            0..text.len(),
            "expected a direction",
            Some("give one number per variable (`--dir 1,0`) or name them (`--dir x=1`)"),
        ));
    }
    let pieces = split_commas(text);
    let named = pieces.iter().any(|piece| text[piece.clone()].contains('='));
    if named {
        parse_named(text, &pieces, vars, loaded)
    } else {
        parse_ordered(text, &pieces, vars)
    }
}

/// `1,0,-1/2`: exactly one number per variable.
fn parse_ordered(
    text: &str,
    pieces: &[Range<usize>],
    vars: &[String],
) -> Result<Vec<Expr>, CliError> {
    if pieces.len() != vars.len() {
        let span = match pieces.get(vars.len()) {
            Some(extra) => extra.start..text.len(),
            None => text.len()..text.len(),
        };
        let message = format!(
            "the direction has {} component{}, but the Hessian is over {} variable{} ({})",
            pieces.len(),
            plural(pieces.len()),
            vars.len(),
            plural(vars.len()),
            vars.join(", ")
        );
        let zeros = vec!["0"; vars.len()].join(",");
        let help = format!(
            "give one number per variable, in the order of --wrt (`--dir {zeros}`), or name them (`--dir name=1`)"
        );
        return Err(dir_error(text, span, &message, Some(&help)));
    }
    pieces
        .iter()
        .map(|piece| number(text, piece.clone()))
        .collect()
}

/// `y=1,x=-2`: each a variable of `vars`, once; the others are 0.
fn parse_named(
    text: &str,
    pieces: &[Range<usize>],
    vars: &[String],
    loaded: &Loaded,
) -> Result<Vec<Expr>, CliError> {
    let mut components: Vec<Option<Expr>> = vec![None; vars.len()];
    for piece in pieces {
        let raw = &text[piece.clone()];
        let Some(equals) = raw.find('=') else {
            return Err(dir_error(
                text,
                trimmed(text, piece.clone()),
                "expected `name=number`",
                Some("name every component or none: `--dir x=1,y=0.5` or `--dir 1,0.5`"),
            ));
        };
        let name_range = trimmed(text, piece.start..piece.start + equals);
        let name = &text[name_range.clone()];
        let Some(index) = vars.iter().position(|var| var == name) else {
            return Err(unknown_name(text, name_range, name, vars, loaded));
        };
        if components[index].is_some() {
            return Err(dir_error(
                text,
                name_range,
                &format!("`{name}` is given twice"),
                None,
            ));
        }
        components[index] = Some(number(text, piece.start + equals + 1..piece.end)?);
    }
    Ok(components
        .into_iter()
        .map(|component| component.unwrap_or_else(|| Expr::constant(0.0)))
        .collect())
}

/// Why `name` cannot be a component: not a variable, or not among --wrt.
fn unknown_name(
    text: &str,
    span: Range<usize>,
    name: &str,
    vars: &[String],
    loaded: &Loaded,
) -> CliError {
    let span = if span.is_empty() {
        span.start..span.start + 1
    } else {
        span
    };
    if !crate::wrt::is_identifier(name) {
        let message = match name.is_empty() {
            true => "missing the variable's name before `=`".to_owned(),
            false => format!("`{name}` is not a variable name"),
        };
        return dir_error(text, span, &message, None);
    }
    let message = match loaded.not_a_variable(name) {
        Some(kind) => kind.message(name),
        None => format!("`{name}` is not one of the variables of --wrt"),
    };
    let help = format!("the Hessian is over {}", vars.join(", "));
    dir_error(text, span, &message, Some(&help))
}

/// The number at `range` of `text`, exact where it is written exactly
/// (`1/3`, `0.1`): an expression without variables.
fn number(text: &str, range: Range<usize>) -> Result<Expr, CliError> {
    let span = trimmed(text, range.clone());
    let written = &text[span.clone()];
    if written.is_empty() {
        let span = range.start.saturating_sub(1)..range.start.max(1);
        return Err(dir_error(
            text,
            span,
            "expected a number here",
            Some(NUMBER_HELP),
        ));
    }
    match Expr::parse(written) {
        Ok(expr) if expr.variables().is_empty() => Ok(expr),
        _ => Err(dir_error(
            text,
            span,
            &format!("`{written}` is not a number"),
            Some(NUMBER_HELP),
        )),
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

fn dir_error(text: &str, span: Range<usize>, message: &str, help: Option<&str>) -> CliError {
    CliError::in_flag("--dir", text, span, message, help)
}
