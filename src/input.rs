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
    /// The expression, or the first output of `jacobian`'s list.
    pub(crate) expr: Expr,
    /// Every output, in `expr`'s graph: `expr` alone, except for the
    /// several outputs of `jacobian` (see `outputs.rs`).
    pub(crate) outputs: Vec<Expr>,
}

/// Why a name given on the command line is not a variable of the expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NotAVariable {
    Constant,
    /// Defined in the expression (`z` in `z = w*x + b; sigmoid(z)`).
    Defined,
    Absent,
}

impl NotAVariable {
    pub(crate) fn message(self, name: &str) -> String {
        match self {
            NotAVariable::Constant => format!("`{name}` is a constant, not a variable"),
            NotAVariable::Defined => {
                format!("`{name}` is defined in the expression, not a variable")
            }
            NotAVariable::Absent => format!("`{name}` does not appear in the expression"),
        }
    }
}

impl Loaded {
    /// Why `name` cannot be given a value or taken a derivative by, if it
    /// is not one of the expression's variables.
    pub(crate) fn not_a_variable(&self, name: &str) -> Option<NotAVariable> {
        if self.variables().iter().any(|var| var == name) {
            return None;
        }
        let defines = || self.expr.steps().is_some_and(|steps| steps.is_step(name));
        Some(match () {
            () if symdiff::graph::Constant::named(name).is_some() => NotAVariable::Constant,
            () if defines() => NotAVariable::Defined,
            () => NotAVariable::Absent,
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

    /// The expression's variables, for a hint.
    pub(crate) fn variables_hint(&self) -> String {
        let vars = self.variables();
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
