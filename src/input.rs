//! Reading and parsing the expression argument (`-` reads standard input).

use crate::cli::ExprArg;
use crate::error::CliError;
use crate::session::Session;
use std::io::Read;
use symdiff::Expr;

/// The expression's source text and its parsed form.
#[derive(Debug)]
pub(crate) struct Loaded {
    pub(crate) source: String,
    pub(crate) expr: Expr,
}

pub(crate) fn load(
    arg: &ExprArg,
    stdin: &mut dyn Read,
    session: &mut Session,
) -> Result<Loaded, CliError> {
    let source = read_source(&arg.expr, stdin)?;
    let max_nodes = session.max_nodes;
    let expr = session
        .stats
        .time_parse(|| Expr::parse_with_max_nodes(&source, max_nodes))?;
    Ok(Loaded { source, expr })
}

fn read_source(text: &str, stdin: &mut dyn Read) -> Result<String, CliError> {
    if text != "-" {
        return Ok(text.to_owned());
    }
    let mut bytes = Vec::new();
    stdin.read_to_end(&mut bytes).map_err(|error| {
        CliError::message(format!(
            "cannot read the expression from standard input: {error}"
        ))
    })?;
    let source = String::from_utf8(bytes).map_err(|error| {
        CliError::message(format!(
            "standard input is not UTF-8 text (invalid byte at offset {})",
            error.utf8_error().valid_up_to()
        ))
    })?;
    Ok(source.trim_end().to_owned())
}
