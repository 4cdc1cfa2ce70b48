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
    /// The names the expression defines (`z` in `z = w*x + b; sigmoid(z)`).
    pub(crate) defined: Vec<String>,
}

impl Loaded {
    /// Why `name` cannot be given a value or taken a derivative by, if it
    /// is not one of the expression's variables.
    pub(crate) fn not_a_variable(&self, name: &str) -> Option<String> {
        if self.expr.variables().iter().any(|var| var == name) {
            return None;
        }
        Some(match name {
            "pi" | "e" => format!("`{name}` is a constant, not a variable"),
            _ if self.defined.iter().any(|defined| defined == name) => {
                format!("`{name}` is defined in the expression, not a variable")
            }
            _ => format!("`{name}` does not appear in the expression"),
        })
    }

    /// The expression's variables, for a hint.
    pub(crate) fn variables_hint(&self) -> String {
        let vars = self.expr.variables();
        match vars.is_empty() {
            true => "the expression has no variables".to_owned(),
            false => format!("its variables are {}", vars.join(", ")),
        }
    }
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
    let defined = symdiff_parser::parse(&source)
        .map(|program| {
            program
                .definitions()
                .iter()
                .map(|definition| definition.name.to_owned())
                .collect()
        })
        .unwrap_or_default();
    Ok(Loaded {
        source,
        expr,
        defined,
    })
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
