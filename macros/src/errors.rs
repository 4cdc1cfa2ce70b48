//! The catalogue of everything the macros reject, each with a message and a
//! hint, and a collector that gathers every error before any is reported
//! (after serde's `Ctxt`), combined into one `syn::Error`.

use proc_macro2::Span;
use quote::ToTokens;
use std::fmt;
use symdiff::error::{NameMistake, SemanticErrorKind};

/// The operations `#[derive_grad]` can differentiate, for hints; the
/// functions called by name are the function table's that are no `f64`
/// method.
fn supported() -> String {
    let functions: Vec<String> = symdiff::func::Func::CALLABLE
        .iter()
        .map(|func| func.info())
        .filter(|info| info.method.is_none())
        .map(|info| format!("`{}`", info.name))
        .collect();
    format!(
        "derive_grad differentiates `let` and `let mut` bindings, assignments, + - * /, number \
         literals, f64 methods such as `exp`, `powi` and `max`, the functions {}, `for` loops \
         over ranges known at compile time, iterators over arrays (`iter`, `zip`, `map`, `sum`, \
         `fold`), and `if` on comparisons",
        functions.join(", ")
    )
}

/// One kind of mistake, with what the message says about it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Problem {
    /// `#[derive_grad]` on something that is not a function.
    NotAFunction,
    UnknownOption {
        name: String,
    },
    WrtNotAParameter {
        name: String,
        params: Vec<String>,
    },
    /// A mistake in a list of names (`wrt`, `args = [..]`), in the words
    /// the command line uses for the same mistake.
    Name {
        mistake: NameMistake,
        list: NameList,
    },
    Generic,
    Receiver,
    Qualifier {
        which: &'static str,
    },
    ParamPattern,
    ParamType,
    ReturnType,
    /// `-> [f64; 0]` or `-> ()`: nothing to differentiate.
    EmptyOutput,
    /// A returned tuple with an entry that is not `f64`.
    TupleEntryType,
    /// `hessian` or `hvp` on a function of several outputs.
    ScalarOnlyOption {
        name: String,
    },
    /// The body returns a number, or another number of outputs, than the
    /// declared `[f64; M]` or tuple.
    OutputArity {
        expected: usize,
        /// How many values the body returns; `None` for a single number.
        found: Option<usize>,
    },
    MissingReturn {
        after_semicolon: bool,
    },
    Match,
    Loop,
    EarlyReturn,
    ReturnInClosure,
    MacroCall,
    NestedItem,
    UselessStatement,
    LetPattern,
    LetWithoutValue,
    LetType,
    Operator {
        op: String,
    },
    Literal,
    LiteralOverflow {
        literal: String,
    },
    UnknownName {
        name: String,
    },
    ArrayAsValue {
        name: String,
    },
    NotAnArray {
        name: String,
    },
    DynamicIndex,
    IndexOutOfBounds {
        index: i64,
        len: usize,
    },
    /// A loop bound, range end or index that is an `f64`, not an integer
    /// known at expansion time.
    LoopBound,
    LoopTooLong {
        limit: usize,
    },
    ArrayTooLong {
        limit: usize,
    },
    StepByZero,
    NotIterable,
    /// The branches of an `if` on data leave an integer or an array shape
    /// different.
    BranchMismatch,
    NotACondition,
    ConditionAsNumber,
    Cast,
    ClosureExpected,
    IteratorMethod {
        name: String,
    },
    IntegerOverflow,
    AssignTarget,
    /// An unknown function or a wrong number of arguments: the engine's
    /// kinds, with the engine's messages.
    Semantic(SemanticErrorKind),
    UnknownMethod {
        name: String,
    },
    PowiExponent,
    Unsupported {
        what: &'static str,
    },
    /// An expression string that the engine cannot read, rendered with the
    /// engine's caret diagnostic.
    InvalidExpression(symdiff::Error),
    VariableNotAnIdentifier {
        name: String,
    },
    /// The order of `diff!` is not a non-negative integer literal.
    DiffOrder,
    /// The order of `diff!` is above the engine's cap and the derivative is
    /// not 0 by then: the engine's error.
    DiffOrderTooHigh(symdiff::Error),
    /// The engine failed where it should not: its error.
    Engine(symdiff::Error),
    /// Rust the engine emitted that does not lex (a bug).
    EmittedTokens {
        message: String,
    },
}

impl Problem {
    /// The Rust the engine emitted, as tokens: or its error, the node budget
    /// met while emitting (every node past it is NaN, so the code would be
    /// wrong), or text that does not lex, as the problem to report.
    pub(crate) fn from_emitted(
        graph: &symdiff::graph::Graph,
        emitted: Result<String, symdiff::Error>,
    ) -> Result<proc_macro2::TokenStream, Problem> {
        let source = emitted.map_err(Problem::Engine)?;
        if graph.budget_exceeded() {
            let max_nodes = graph.max_nodes();
            return Err(Problem::Engine(symdiff::Error::NodeBudget { max_nodes }));
        }
        source
            .parse()
            .map_err(|error: proc_macro2::LexError| Problem::EmittedTokens {
                message: error.to_string(),
            })
    }
}

/// The list a [`Problem::Name`] is in, which decides the hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NameList {
    /// `wrt(..)` or `wrt = ..`.
    Wrt,
    /// A string macro's `args = [..]`.
    Args,
    /// A list that must name the expression's variables, which are these.
    Variables(Vec<String>),
}

impl Problem {
    pub(crate) fn message(&self) -> String {
        match self {
            Problem::NotAFunction => "#[derive_grad] applies to functions".to_owned(),
            Problem::UnknownOption { name } => format!("unknown derive_grad option `{name}`"),
            Problem::WrtNotAParameter { name, .. } => {
                format!("`{name}` in wrt(..) is not a parameter of this function")
            }
            Problem::Name { mistake, .. } => mistake.message(),
            Problem::Generic => "derive_grad cannot differentiate a generic function".to_owned(),
            Problem::Receiver => "derive_grad cannot differentiate a method".to_owned(),
            Problem::Qualifier { which } => format!("derive_grad cannot differentiate {which}"),
            Problem::ParamPattern => "a parameter must be a plain name".to_owned(),
            Problem::ParamType => "derive_grad cannot differentiate this parameter type".to_owned(),
            Problem::ReturnType => {
                "derive_grad needs a function returning f64, [f64; M] or a tuple of f64".to_owned()
            }
            Problem::EmptyOutput => "a function with no outputs has no derivatives".to_owned(),
            Problem::TupleEntryType => {
                "derive_grad differentiates tuples of f64 only, and this is not f64".to_owned()
            }
            Problem::ScalarOnlyOption { name } => {
                format!("`{name}` needs a function returning one f64, and this one returns several")
            }
            Problem::OutputArity {
                expected,
                found: Some(found),
            } => format!(
                "the function is declared to return {expected} value{}, but this returns {found}",
                plural(*expected)
            ),
            Problem::OutputArity {
                expected,
                found: None,
            } => format!(
                "the function is declared to return {expected} value{}, but this returns one number",
                plural(*expected)
            ),
            Problem::MissingReturn { .. } => {
                "the function has no final expression to differentiate".to_owned()
            }
            Problem::Match => "`match` cannot be differentiated".to_owned(),
            Problem::Loop => "`while` and `loop` cannot be differentiated".to_owned(),
            Problem::EarlyReturn => {
                "`return` in the middle of a block cannot be differentiated".to_owned()
            }
            Problem::ReturnInClosure => {
                "a closure that returns early cannot be differentiated".to_owned()
            }
            Problem::MacroCall => "macros cannot be differentiated".to_owned(),
            Problem::NestedItem => "items inside the function cannot be differentiated".to_owned(),
            Problem::UselessStatement => {
                "this statement does not contribute to the result".to_owned()
            }
            Problem::LetPattern => "`let` must bind a single name".to_owned(),
            Problem::LetWithoutValue => "`let` without a value cannot be differentiated".to_owned(),
            Problem::LetType => "a `let` binding must have type f64".to_owned(),
            Problem::Operator { op } => format!("operator `{op}` cannot be differentiated"),
            Problem::Literal => "only number literals can be differentiated".to_owned(),
            Problem::LiteralOverflow { literal } => {
                format!("the literal `{literal}` overflows `f64`")
            }
            Problem::UnknownName { name } => {
                format!("`{name}` is neither a parameter nor a `let` binding of this function")
            }
            Problem::ArrayAsValue { name } => format!("array `{name}` used as a number"),
            Problem::NotAnArray { name } => format!("`{name}` is not an array parameter"),
            Problem::DynamicIndex => "an array index must be a constant integer".to_owned(),
            Problem::IndexOutOfBounds { index, len } => {
                format!("index {index} is out of bounds for an array of length {len}")
            }
            Problem::LoopBound => "this must be an integer known at compile time".to_owned(),
            Problem::LoopTooLong { limit } => {
                format!("the loops unroll to more than {limit} iterations")
            }
            Problem::ArrayTooLong { limit } => {
                format!("this array has more than {limit} entries")
            }
            Problem::StepByZero => "`step_by(0)` panics".to_owned(),
            Problem::NotIterable => "this cannot be iterated at compile time".to_owned(),
            Problem::BranchMismatch => {
                "the branches of this `if` on data leave an integer, or an array's or a tuple's shape, different"
                    .to_owned()
            }
            Problem::NotACondition => "expected a condition".to_owned(),
            Problem::ConditionAsNumber => "a condition used as a number".to_owned(),
            Problem::Cast => "this cast cannot be differentiated".to_owned(),
            Problem::ClosureExpected => "expected a closure such as `|v| v * v`".to_owned(),
            Problem::IteratorMethod { name } => format!("unknown iterator method `{name}`"),
            Problem::IntegerOverflow => "integer overflow at compile time".to_owned(),
            Problem::AssignTarget => "cannot assign to this".to_owned(),
            Problem::Semantic(kind) => kind.message(),
            Problem::UnknownMethod { name } => format!("unknown f64 method `{name}`"),
            Problem::PowiExponent => "`powi` needs a constant integer exponent".to_owned(),
            Problem::Unsupported { what } => format!("{what} cannot be differentiated"),
            Problem::InvalidExpression(error) => {
                let rendered = error.to_string();
                rendered
                    .strip_prefix("error: ")
                    .unwrap_or(&rendered)
                    .to_owned()
            }
            Problem::VariableNotAnIdentifier { name } => {
                format!("variable `{name}` cannot be a Rust parameter name")
            }
            Problem::DiffOrder => {
                "the order of differentiation must be a non-negative integer literal".to_owned()
            }
            Problem::DiffOrderTooHigh(error) => error.to_string(),
            Problem::Engine(error) => format!("symdiff failed: {error}"),
            Problem::EmittedTokens { message } => {
                format!("symdiff emitted Rust that does not lex: {message}")
            }
        }
    }

    pub(crate) fn hint(&self) -> Option<String> {
        let hint = match self {
            Problem::NotAFunction => "write #[derive_grad] above `fn name(x: f64, ..) -> f64`",
            Problem::UnknownOption { .. } => {
                "the options are `wrt(a, b)`, `hessian`, `hessian = sparse` and `hvp`"
            }
            Problem::WrtNotAParameter { params, .. } => {
                return Some(format!("the parameters are: {}", params.join(", ")));
            }
            Problem::Name {
                list: NameList::Wrt,
                ..
            } => "list each name once",
            Problem::Name {
                list: NameList::Args,
                ..
            } => {
                "`args` lists every variable of the expression once, in the order the closure \
                 takes them"
            }
            Problem::Name {
                list: NameList::Variables(variables),
                ..
            } => {
                return Some(format!(
                    "the variables of the expression are: {}",
                    variables.join(", ")
                ));
            }
            Problem::Generic | Problem::Qualifier { .. } => {
                "derive_grad differentiates plain functions of f64 values"
            }
            Problem::Receiver => "write a free function and pass the fields as parameters",
            Problem::ParamPattern => "write `name: f64`",
            Problem::ParamType => "use f64, &f64, [f64; N] or &[f64; N]",
            Problem::ReturnType => {
                "return `f64` for a gradient, or for a Jacobian `[f64; M]` with a literal M or a \
                 tuple of f64 such as `(f64, f64)`"
            }
            Problem::EmptyOutput => "return at least one f64",
            Problem::TupleEntryType => "write `f64` for every entry of the tuple",
            Problem::ScalarOnlyOption { .. } => {
                "a function of several outputs gets `NAME_jacobian` and `NAME_value_and_jacobian`; \
                 remove the option, or write a function for the one output whose Hessian you need"
            }
            Problem::OutputArity { .. } => {
                "return one value per output: `[a, b, c]`, `(a, b)` or a local array of that length"
            }
            Problem::MissingReturn {
                after_semicolon: true,
            } => "remove the semicolon after the last expression",
            Problem::MissingReturn {
                after_semicolon: false,
            } => "end the body with the expression to differentiate",
            Problem::Match => "use max, min, relu or heaviside instead of match",
            Problem::Loop => {
                "write a `for` loop over a range known at compile time: `for i in 0..N`, with N \
                 a literal, an array parameter's `len()` or a `const N: usize` in the body"
            }
            Problem::EarlyReturn => "return only at the end of the function or of an `if` branch",
            Problem::ReturnInClosure => {
                "give the closure its value as its last expression: `if c { a } else { b }`"
            }
            Problem::MacroCall | Problem::NestedItem | Problem::Unsupported { .. } => {
                return Some(supported());
            }
            Problem::UselessStatement => "bind it with `let` or remove it",
            Problem::LetPattern => "write `let name = ...;`",
            Problem::LetWithoutValue => "write `let name = value;`",
            Problem::LetType => "write `let name: f64 = ...;` or leave the type out",
            Problem::Operator { .. } => "use + - * / and the f64 methods powi and powf",
            Problem::Literal => "write the number as an f64 literal such as `2.0`",
            Problem::LiteralOverflow { .. } => {
                "write `f64::INFINITY` for an infinite value, or `f64::MAX` for the largest finite one"
            }
            Problem::UnknownName { .. } => "pass the value as an f64 parameter",
            Problem::ArrayAsValue { name } => {
                return Some(format!("index it by a constant: `{name}[0]`"));
            }
            Problem::NotAnArray { .. } => "only [f64; N] and &[f64; N] parameters can be indexed",
            Problem::DynamicIndex => {
                "write `x[0]`, `x[1]`, ...; variable indices cannot be differentiated"
            }
            Problem::IndexOutOfBounds { .. } => "indices count from 0",
            Problem::LoopBound => {
                "use a literal, an array's `len()`, a `const N: usize` in the body, or a loop \
                 index; a bound or index that depends on the arguments cannot be differentiated"
            }
            Problem::LoopTooLong { .. } => {
                "loops are unrolled at compile time: split the computation or use fewer iterations"
            }
            Problem::ArrayTooLong { .. } => {
                "arrays are kept entry by entry at compile time: use fewer entries"
            }
            Problem::StepByZero => "step by 1 or more",
            Problem::NotIterable => {
                "iterate over a range such as `0..N` or over an array: `x.iter()`, `&x`"
            }
            Problem::BranchMismatch => {
                "an `if` on f64 values may change f64 values only; decide integers and array \
                 lengths by constants"
            }
            Problem::NotACondition => "compare numbers: `x > 0.0`, `a <= b && b < c`",
            Problem::ConditionAsNumber => "write `if c { 1.0 } else { 0.0 }`",
            Problem::Cast => "use `as f64` on an integer such as a loop index",
            Problem::ClosureExpected => "write the closure inline: `.map(|v| v * v)`",
            Problem::IteratorMethod { .. } => {
                "the iterator methods are iter, into_iter, copied, cloned, zip, enumerate, rev, \
                 skip, take, step_by, map, sum, product, fold and len"
            }
            Problem::IntegerOverflow => "use smaller integers",
            Problem::AssignTarget => {
                "assign to a `let mut` local or to an entry of a local array: `h[j] = ...`"
            }
            Problem::Semantic(SemanticErrorKind::UnknownFunction {
                suggestion: None, ..
            }) => {
                return Some(format!(
                    "the known functions are {}, and f64 methods such as `x.exp()`; a call of \
                     another function cannot be differentiated, even of one marked \
                     #[derive_grad]: write the helper's body inline, or as a `let` binding",
                    crate::derive_grad::calls::function_names().join(", ")
                ));
            }
            Problem::UnknownMethod { .. } => {
                return Some(format!(
                    "the known methods are {}",
                    crate::derive_grad::calls::method_names().join(", ")
                ));
            }
            Problem::Semantic(kind) => return kind.help(),
            Problem::InvalidExpression(_) => return None,
            Problem::PowiExponent => "use `powf` for an exponent that is not a constant integer",
            Problem::VariableNotAnIdentifier { .. } => "rename the variable",
            Problem::DiffOrder => "write `diff!(\"x^3\", x, 2)` for the second derivative",
            Problem::DiffOrderTooHigh { .. } => {
                "differentiate fewer times, or write the derivative you need"
            }
            Problem::Engine(_) | Problem::EmittedTokens { .. } => {
                "this is a bug in symdiff; please report it with the input"
            }
        };
        Some(hint.to_owned())
    }
}

/// `"s"` after a count other than one.
fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// The message, and the hint on a line of its own.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())?;
        match self.hint() {
            Some(hint) => write!(f, "\n= help: {hint}"),
            None => Ok(()),
        }
    }
}

/// Collects every error of one macro call, to report them together.
#[derive(Default)]
pub(crate) struct Errors {
    combined: Option<syn::Error>,
}

impl Errors {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    pub(crate) fn push(&mut self, error: syn::Error) {
        match &mut self.combined {
            Some(combined) => combined.combine(error),
            None => self.combined = Some(error),
        }
    }

    /// Reports `problem`, underlining all of `tokens`.
    pub(crate) fn report(&mut self, tokens: impl ToTokens, problem: Problem) {
        self.push(syn::Error::new_spanned(tokens, problem));
    }

    /// Reports `problem` like [`Errors::report`], for a caller that then
    /// has no value.
    pub(crate) fn report_none<T>(&mut self, tokens: impl ToTokens, problem: Problem) -> Option<T> {
        self.report(tokens, problem);
        None
    }

    /// Reports `problem` at one span.
    pub(crate) fn report_at(&mut self, span: Span, problem: Problem) {
        self.push(syn::Error::new(span, problem));
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.combined.is_none()
    }

    /// All errors combined, or `Ok` when there were none.
    pub(crate) fn finish(self) -> Result<(), syn::Error> {
        match self.combined {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }
}
