//! Reading and parsing the expression argument (`-` reads standard input).

use crate::cli::ExprArg;
use crate::diagnostics::Mistake;
use crate::error::CliError;
use crate::session::Session;
use std::io::Read;
use symdiff::Expr;
use symdiff::error::NameMistake;

/// The expression's source text and its parsed form.
#[derive(Debug)]
pub(crate) struct Loaded {
    pub(crate) source: String,
    /// The expression, or the first output of `jacobian`'s list.
    pub(crate) expr: Expr,
    /// Every output, in `expr`'s graph: `expr` alone, except for the
    /// several outputs of `jacobian` (see `outputs.rs`).
    pub(crate) outputs: Vec<Expr>,
}

impl Loaded {
    /// Why `name` cannot be given a value or taken a derivative by, if it
    /// is not one of the expression's `variables` (from [`Loaded::variables`],
    /// which a caller checking several names computes once): a constant, a
    /// defined name or an absent one.
    pub(crate) fn not_a_variable(&self, name: &str, variables: &[String]) -> Option<NameMistake> {
        if variables.iter().any(|var| var == name) {
            return None;
        }
        let defines = || self.expr.steps().is_some_and(|steps| steps.is_step(name));
        let name = name.to_owned();
        Some(match () {
            () if symdiff::graph::Constant::named(&name).is_some() => {
                NameMistake::Constant { name }
            }
            () if defines() => NameMistake::Defined { name },
            () => NameMistake::Absent { name },
        })
    }

    /// The variables of every output, in order of first appearance.
    pub(crate) fn variables(&self) -> Vec<String> {
        if self.outputs.len() <= 1 {
            return self.expr.variables();
        }
        let graph = self.expr.graph().borrow();
        let roots: Vec<_> = self.outputs.iter().map(Expr::id).collect();
        symdiff::variables_of(&graph, &roots)
            .into_iter()
            .map(|var| graph.var_name(var).to_owned())
            .collect()
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
    Ok(Loaded {
        source,
        outputs: vec![expr.clone()],
        expr,
    })
}

pub(crate) fn read_source(text: &str, stdin: &mut dyn Read) -> Result<String, CliError> {
    if text != "-" {
        return Ok(text.to_owned());
    }
    let mut bytes = Vec::new();
    stdin
        .read_to_end(&mut bytes)
        .map_err(|error| Mistake::CannotReadInput {
            error: error.to_string(),
        })?;
    let source = String::from_utf8(bytes).map_err(|error| Mistake::InputNotUtf8 {
        offset: error.utf8_error().valid_up_to(),
    })?;
    // A file saved on Windows may start with a byte-order mark and end its
    // lines with `\r\n`: both are read as text editors show them, so that
    // an error's column and the line it quotes are what the user sees.
    let source = source.strip_prefix('\u{feff}').unwrap_or(&source);
    Ok(source.trim_end().replace("\r\n", "\n"))
}
