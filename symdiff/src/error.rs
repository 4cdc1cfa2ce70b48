//! The engine's errors: every failure on user input is one of these typed
//! values, never a panic.

use std::fmt;
use symdiff_parser::{
    DiagnosticStyle, ParseError, Span, render_diagnostic, render_diagnostic_styled,
    render_message_styled,
};

/// A name or call that parses but means nothing to the engine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SemanticErrorKind {
    /// A call of a function that does not exist, with the closest known name.
    UnknownFunction {
        /// The name as written.
        name: String,
        /// The known function whose name is closest, if one is close.
        suggestion: Option<&'static str>,
    },
    /// A call with the wrong number of arguments; `expected` lists the
    /// numbers the name takes (`log` takes 1 or 2).
    WrongArity {
        /// The function's name.
        name: String,
        /// The numbers of arguments it takes.
        expected: Vec<usize>,
        /// How many it was given.
        found: usize,
    },
    /// A definition that would hide the constant `pi` or `e`.
    RedefinedConstant {
        /// The constant's name.
        name: String,
    },
    /// A definition that would hide a function (`sin = x`).
    RedefinedFunction {
        /// The function's name.
        name: String,
    },
    /// A function's name used as a value (`sin` without arguments).
    FunctionAsValue {
        /// The function's name.
        name: String,
    },
    /// A number literal the engine cannot read.
    InvalidNumber {
        /// The literal as written.
        text: String,
    },
    /// `where` whose first argument is not a comparison.
    WhereCondition,
    /// A comparison that is not the first argument of `where`.
    ComparisonOutsideWhere,
}

/// The message of a call with `found` arguments of a function that takes
/// one of the numbers `expected`: "`log` takes 1 or 2 arguments, but 3 were
/// given".
fn wrong_arity_message(name: &str, expected: &[usize], found: usize) -> String {
    let numbers: Vec<String> = expected.iter().map(usize::to_string).collect();
    let plural = expected.last().is_none_or(|&last| last != 1);
    format!(
        "`{name}` takes {} argument{}, but {found} {} given",
        numbers.join(" or "),
        if plural { "s" } else { "" },
        if found == 1 { "was" } else { "were" },
    )
}

/// A mistake in a list of variable names, as the command line (`--wrt`,
/// `--args`, `--at`, `--dir`) and the macros (`wrt = ..`, `args = [..]`)
/// read them: one message each, shared by both.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameMistake {
    /// An empty entry (`--wrt w,,b`).
    Empty,
    /// An empty name before `=` (`--at =1`).
    EmptyBeforeEquals,
    /// An entry that is not a name (`--wrt 2x`).
    NotAName {
        /// The entry as written.
        name: String,
    },
    /// A name listed twice.
    Repeated {
        /// The name.
        name: String,
    },
    /// A name that is not a variable of the expression, for a list that must
    /// name variables only (`args`).
    NotAVariable {
        /// The name.
        name: String,
    },
    /// The constant `pi` or `e`, which has no derivative and no value to give.
    Constant {
        /// The name.
        name: String,
    },
    /// A name the expression defines (`z` in `z = w*x + b; sigmoid(z)`).
    Defined {
        /// The name.
        name: String,
    },
    /// A name that does not appear in the expression.
    Absent {
        /// The name.
        name: String,
    },
    /// Variables a list that must name every variable leaves out.
    Missing {
        /// The variables left out, in order.
        names: Vec<String>,
    },
}

impl NameMistake {
    /// The variables of `variables` that `names` leaves out, for a list
    /// that must name every variable, or `None` when it names them all.
    pub fn missing_from(variables: &[String], names: &[String]) -> Option<NameMistake> {
        let missing: Vec<String> = variables
            .iter()
            .filter(|variable| !names.contains(variable))
            .cloned()
            .collect();
        (!missing.is_empty()).then_some(NameMistake::Missing { names: missing })
    }

    /// The one name the mistake is about, if it is about one.
    pub fn name(&self) -> Option<&str> {
        match self {
            NameMistake::NotAName { name }
            | NameMistake::Repeated { name }
            | NameMistake::NotAVariable { name }
            | NameMistake::Constant { name }
            | NameMistake::Defined { name }
            | NameMistake::Absent { name } => Some(name),
            NameMistake::Empty | NameMistake::EmptyBeforeEquals | NameMistake::Missing { .. } => {
                None
            }
        }
    }

    /// The one-line message.
    pub fn message(&self) -> String {
        match self {
            NameMistake::Empty => "expected a variable name here".to_owned(),
            NameMistake::EmptyBeforeEquals => "missing the variable's name before `=`".to_owned(),
            NameMistake::NotAName { name } => format!("`{name}` is not a variable name"),
            NameMistake::Repeated { name } => format!("`{name}` is listed twice"),
            NameMistake::NotAVariable { name } => {
                format!("`{name}` is not a variable of the expression")
            }
            NameMistake::Constant { name } => format!("`{name}` is a constant, not a variable"),
            NameMistake::Defined { name } => {
                format!("`{name}` is defined in the expression, not a variable")
            }
            NameMistake::Absent { name } => format!("`{name}` does not appear in the expression"),
            NameMistake::Missing { names } if names.len() == 1 => {
                format!("the variable `{}` is missing", names.join(""))
            }
            NameMistake::Missing { names } => {
                format!("the variables `{}` are missing", names.join("`, `"))
            }
        }
    }
}

/// A semantic error with the span it is about and the source, so that it can
/// render itself with a caret like a parse error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SemanticError {
    /// What is wrong.
    pub kind: SemanticErrorKind,
    /// Where, in bytes of `source`.
    pub span: Span,
    /// The whole source text, for the caret.
    pub source: Box<str>,
}

impl SemanticErrorKind {
    /// The one-line message, without the caret.
    pub fn message(&self) -> String {
        match self {
            SemanticErrorKind::UnknownFunction { name, .. } => format!("unknown function `{name}`"),
            SemanticErrorKind::WrongArity {
                name,
                expected,
                found,
            } => wrong_arity_message(name, expected, *found),
            SemanticErrorKind::RedefinedConstant { name } => {
                format!("`{name}` is a constant and cannot be redefined")
            }
            SemanticErrorKind::RedefinedFunction { name } => {
                format!("`{name}` is a function and cannot be redefined")
            }
            SemanticErrorKind::FunctionAsValue { name } => {
                format!("`{name}` is a function, not a value")
            }
            SemanticErrorKind::InvalidNumber { text } => match text.get(..24) {
                // A literal of a million digits is quoted by its start.
                Some(start) if text.len() > 40 => format!(
                    "the number `{start}…` ({} characters) is out of range",
                    text.len()
                ),
                _ => format!("the number `{text}` is out of range"),
            },
            SemanticErrorKind::WhereCondition => {
                "the first argument of `where` must be a comparison".to_owned()
            }
            SemanticErrorKind::ComparisonOutsideWhere => {
                "a comparison is only allowed as the first argument of `where`".to_owned()
            }
        }
    }

    /// A hint on how to fix it, if there is one.
    pub fn help(&self) -> Option<String> {
        match self {
            SemanticErrorKind::UnknownFunction {
                suggestion: Some(known),
                ..
            } => Some(format!("did you mean `{known}`?")),
            SemanticErrorKind::UnknownFunction {
                suggestion: None, ..
            } => Some(format!(
                "known functions: {}",
                crate::func::callable_names().join(", ")
            )),
            SemanticErrorKind::RedefinedConstant { .. }
            | SemanticErrorKind::RedefinedFunction { .. } => Some("choose another name".to_owned()),
            SemanticErrorKind::FunctionAsValue { name } => Some(format!(
                "call it, as in `{name}(x)`, or choose another name for a variable"
            )),
            SemanticErrorKind::InvalidNumber { .. } => Some(
                "numbers other than 0 must be between 4.9e-324 and 1.8e308 in magnitude".to_owned(),
            ),
            SemanticErrorKind::WhereCondition | SemanticErrorKind::ComparisonOutsideWhere => Some(
                "write `where(x > 0, a, b)`: `a` where the comparison holds, else `b`".to_owned(),
            ),
            _ => None,
        }
    }
}

impl SemanticError {
    /// The one-line message, without the caret.
    pub fn message(&self) -> String {
        self.kind.message()
    }

    /// A hint on how to fix it, if there is one.
    pub fn help(&self) -> Option<String> {
        self.kind.help()
    }
}

impl fmt::Display for SemanticError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        render_diagnostic(
            f,
            &self.source,
            self.span,
            &self.message(),
            self.help().as_deref(),
        )
    }
}

impl std::error::Error for SemanticError {}

/// Everything that can go wrong in the engine.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Error {
    /// The text does not parse.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// The text parses but means nothing to the engine (an unknown
    /// function, a wrong number of arguments).
    #[error(transparent)]
    Semantic(#[from] SemanticError),
    /// Evaluation needs a value for every variable of the expression.
    #[error("no value given for variable `{name}`")]
    MissingValue {
        /// The variable without a value.
        name: String,
    },
    /// Invalid options for a gradient check.
    #[error(transparent)]
    Check(#[from] crate::check::CheckError),
    /// A point has a different number of values than the expression has inputs.
    #[error("expected {expected} input values, got {found}")]
    WrongInputLength {
        /// The number of inputs.
        expected: usize,
        /// The number of values given.
        found: usize,
    },
    /// A direction or a list of weights of another length than it must have.
    #[error("expected {expected} components (one per {per}), got {found}")]
    WrongComponentCount {
        /// The number of components it must have.
        expected: usize,
        /// The number it has.
        found: usize,
        /// What each component stands for (`variable`, `output`).
        per: &'static str,
    },
    /// The graph reached its node budget (see `graph::DEFAULT_MAX_NODES`).
    #[error(
        "the result needs more than {max_nodes} distinct subexpressions, the node budget; \
         raise it with `--max-nodes N` (`Expr::set_max_nodes` in Rust) if there is memory \
         for it, about 150 bytes a node"
    )]
    NodeBudget {
        /// The budget, in distinct subexpressions.
        max_nodes: usize,
    },
    /// A derivative of an order above `MAX_ORDER` (64) that is not 0 by then.
    #[error(
        "the derivative of order {order} is too large to compute: it is not 0 after {max} \
         differentiations, the most symdiff takes (higher orders are answered only once the \
         derivative is 0)"
    )]
    OrderTooHigh {
        /// The order asked for.
        order: usize,
        /// The highest order computed.
        max: usize,
    },
}

impl Error {
    /// Writes the error as `Display` does, in `style`: a parse or semantic
    /// error with a caret under its span, any other as its message.
    pub fn write_styled(&self, out: &mut dyn fmt::Write, style: DiagnosticStyle) -> fmt::Result {
        let (source, span, message, help) = match self {
            Error::Parse(error) => (&error.source, error.span, error.message(), error.help()),
            Error::Semantic(error) => (&error.source, error.span, error.message(), error.help()),
            other => return render_message_styled(out, &other.to_string(), None, style),
        };
        render_diagnostic_styled(out, source, span, &message, help.as_deref(), style)
    }

    /// The span in the source that the error is about, if any.
    pub fn span(&self) -> Option<Span> {
        match self {
            Error::Parse(error) => Some(error.span),
            Error::Semantic(error) => Some(error.span),
            Error::MissingValue { .. }
            | Error::WrongInputLength { .. }
            | Error::WrongComponentCount { .. }
            | Error::Check(_)
            | Error::NodeBudget { .. }
            | Error::OrderTooHigh { .. } => None,
        }
    }
}
