//! `--dir`: the direction of `hvp`, one number per variable in order
//! (`1,0,-1/2`), or by name (`y=1`, the variables not named taken as 0).

use crate::diagnostics::{Mistake, NameHelp};
use crate::error::CliError;
use crate::input::Loaded;
use crate::point::{split_commas, trimmed};
use std::ops::Range;
use symdiff::Expr;
use symdiff::error::NameMistake;

/// The direction's components, one per variable of `vars`, in order.
pub(crate) fn parse(text: &str, vars: &[String], loaded: &Loaded) -> Result<Vec<Expr>, CliError> {
    if text.trim().is_empty() {
        return Err(Mistake::ExpectedDirection.in_flag("--dir", text, 0..text.len()));
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
        let mistake = Mistake::DirectionLength {
            components: pieces.len(),
            variables: vars.to_vec(),
        };
        return Err(mistake.in_flag("--dir", text, span));
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
            let span = trimmed(text, piece.clone());
            return Err(Mistake::ExpectedNameNumber.in_flag("--dir", text, span));
        };
        let name_range = trimmed(text, piece.start..piece.start + equals);
        let name = &text[name_range.clone()];
        let Some(index) = vars.iter().position(|var| var == name) else {
            return Err(unknown_name(text, name_range, name, vars, loaded));
        };
        if components[index].is_some() {
            let mistake = Mistake::Name {
                mistake: NameMistake::Repeated {
                    name: name.to_owned(),
                },
                help: NameHelp::None,
            };
            return Err(mistake.in_flag("--dir", text, name_range));
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
    let name = name.to_owned();
    let mistake = if !crate::wrt::is_identifier(&name) {
        let mistake = match name.is_empty() {
            true => NameMistake::EmptyBeforeEquals,
            false => NameMistake::NotAName { name },
        };
        let help = NameHelp::None;
        Mistake::Name { mistake, help }
    } else {
        match loaded.not_a_variable(&name, &loaded.variables()) {
            Some(mistake) => {
                let help = NameHelp::Hessian(vars.to_vec());
                Mistake::Name { mistake, help }
            }
            None => Mistake::NotInWrt {
                name,
                variables: vars.to_vec(),
            },
        }
    };
    mistake.in_flag("--dir", text, span)
}

/// The number at `range` of `text`, exact where it is written exactly
/// (`1/3`, `0.1`): an expression without variables.
fn number(text: &str, range: Range<usize>) -> Result<Expr, CliError> {
    let span = trimmed(text, range.clone());
    let written = &text[span.clone()];
    if written.is_empty() {
        let span = range.start.saturating_sub(1)..range.start.max(1);
        return Err(Mistake::ExpectedNumber.in_flag("--dir", text, span));
    }
    // A component is a finite constant: `1/0` is refused as `inf` is.
    let finite = |expr: &Expr| expr.eval(&[]).is_ok_and(f64::is_finite);
    match Expr::parse(written) {
        Ok(expr) if expr.variables().is_empty() && finite(&expr) => Ok(expr),
        _ => {
            let written = written.to_owned();
            Err(Mistake::NotANumber { text: written }.in_flag("--dir", text, span))
        }
    }
}
