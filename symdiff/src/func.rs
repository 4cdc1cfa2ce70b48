//! The one table of functions. Each function is one declaration in
//! `func/table.rs`, a [`FunctionInfo`] that gives its name, parameters,
//! value in IEEE arithmetic, exact values, partial derivatives, LaTeX, the
//! Rust it is emitted as, the `f64` method the macros read as it, its kink
//! convention and its documentation line. The lowering, the derivative
//! rules, the printers, the evaluators, the code emitters, the macros and
//! the README's list all read that table; nothing else names a function's
//! facts.

mod erf;
mod table;
mod tanh;

use crate::graph::{Graph, NodeId};
use crate::number::Number;
use std::fmt;

pub use erf::{ERF_HELPER, erf};
pub use table::Func;
pub(crate) use tanh::tanh_each;
pub use tanh::{TANH_HELPER, tanh};

/// A function evaluated at many points: `out[i] = f(x[i])`.
pub type EvalEach = fn(out: &mut [f64], x: &[f64]);

/// How a function is evaluated in IEEE arithmetic; its variant is the
/// function's arity.
#[derive(Clone, Copy, Debug)]
pub enum Eval {
    Unary(fn(f64) -> f64),
    Binary(fn(f64, f64) -> f64),
    /// `where(l < r, a, b)` (or `<=`), whose operands are `[l, r, a, b]`.
    Select(Comparison),
}

impl Eval {
    pub fn arity(self) -> usize {
        match self {
            Eval::Unary(_) => 1,
            Eval::Binary(_) => 2,
            Eval::Select(_) => 4,
        }
    }
}

/// How LaTeX spells a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LatexForm {
    /// An operator before `\left( … \right)`: `\sin`, `\operatorname{relu}`.
    Operator(&'static str),
    /// `\sqrt{u}`.
    Root,
    /// `\left|u\right|`.
    Bars,
    /// An operator with the last argument as its subscript:
    /// `\log_{b}\left(x\right)`.
    Subscripted(&'static str),
}

/// A Rust item that emitted code needs in scope, such as the function that
/// computes `erf`: emitted once at the top of each function body that calls
/// it, so that generated code still needs nothing beyond `::core`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Helper {
    pub name: &'static str,
    pub source: &'static str,
}

/// One call being differentiated: the call's node, its arguments and the
/// index of the argument the partial derivative is taken by.
#[derive(Clone, Copy, Debug)]
pub struct CallSite<'a> {
    pub call: NodeId,
    pub args: &'a [NodeId],
    pub index: usize,
}

impl CallSite<'_> {
    /// The first argument.
    pub fn x(&self) -> NodeId {
        self.arg(0)
    }

    /// Argument `index`. The table's arities are checked where calls are
    /// built, so the index exists; a missing one would read the call itself.
    pub fn arg(&self, index: usize) -> NodeId {
        self.args.get(index).copied().unwrap_or(self.call)
    }
}

/// Everything symdiff knows about one function.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct FunctionInfo {
    /// The canonical name, as the parser reads it and the printer writes it.
    pub name: &'static str,
    /// Other names the text syntax and the macros accept (`ln` for `log`).
    pub aliases: &'static [&'static str],
    /// The parameters' names, for documentation; their number is the arity.
    pub params: &'static [&'static str],
    /// What the function is, one line for the README.
    pub doc: &'static str,
    /// The convention at a kink or at a point where the derivative is not
    /// defined, for the README (`relu'(0) = 0`).
    pub kink: Option<&'static str>,
    pub eval: Eval,
    /// `eval` of each of many points at once (the batch's loop), where the
    /// function's own source is straight-line code that the compiler
    /// vectorises when it inlines it: the same bits as `eval`, for several
    /// points per instruction.
    pub eval_each: Option<EvalEach>,
    /// The exact value at exact numbers, where it is rational (`sin(0) = 0`).
    /// Called only where the IEEE value is finite.
    pub fold: fn(&[Number]) -> Option<Number>,
    /// ∂ call / ∂ argument `site.index`, in the form a person writes.
    pub partial: fn(&mut Graph, CallSite<'_>) -> NodeId,
    /// Whether the value is never below zero nor `-0.0` (it may be NaN):
    /// what lets `sqrt(u)^2` be `u` when `u` is such a value.
    pub never_negative: bool,
    pub latex: LatexForm,
    /// The Rust expression, with `$0`, `$1` for the arguments (plain names)
    /// and `$F` for `::core::primitive::f64`; it computes exactly what
    /// `eval` computes.
    pub rust: &'static str,
    /// Items that `rust` calls.
    pub helpers: &'static [Helper],
    /// The `f64` method the macros read as this function, with the first
    /// argument as receiver (`x.ln_1p()`, `y.atan2(x)`).
    pub method: Option<&'static str>,
}

/// Defaults for the fields most functions leave alone.
pub(crate) const PLAIN: FunctionInfo = FunctionInfo {
    name: "",
    aliases: &[],
    params: &["x"],
    doc: "",
    kink: None,
    eval: Eval::Unary(|_| f64::NAN),
    eval_each: None,
    fold: |_| None,
    partial: |graph, _| graph.zero(),
    never_negative: false,
    latex: LatexForm::Operator(""),
    rust: "$F::NAN",
    helpers: &[],
    method: None,
};

/// The comparison of a [`Func::Where`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Comparison {
    Less,
    LessEq,
}

impl Comparison {
    /// Whether `l < r` (or `l <= r`); false where either is NaN.
    pub fn holds(self, l: f64, r: f64) -> bool {
        match self {
            Comparison::Less => l < r,
            Comparison::LessEq => l <= r,
        }
    }

    /// The operator as the text syntax and Rust write it.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::Less => "<",
            Comparison::LessEq => "<=",
        }
    }
}

/// The name of the piecewise function, which is not among the callable
/// names: its first argument is a comparison, not a value.
pub const WHERE: &str = "where";

/// What a name in the source means when it is called like a function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Callable {
    Func(Func),
    /// `pow(a, b)` is `a^b`.
    Pow,
}

/// The name of the power function, which is the operator `^`, not a node.
pub const POW: &str = "pow";

impl Callable {
    pub fn arity(self) -> usize {
        match self {
            Callable::Func(func) => func.arity(),
            Callable::Pow => 2,
        }
    }
}

/// Every callable name (canonical names, aliases and `pow`) with what it
/// means, in the table's order. A name may mean several functions of
/// different arities (`log(x)` and `log(x, base)`).
pub fn callables() -> impl Iterator<Item = (&'static str, Callable)> {
    let functions = Func::CALLABLE.iter().flat_map(|&func| {
        let info = func.info();
        std::iter::once(info.name)
            .chain(info.aliases.iter().copied())
            .map(move |name| (name, Callable::Func(func)))
    });
    functions.chain(std::iter::once((POW, Callable::Pow)))
}

/// The distinct callable names, in the table's order.
pub fn callable_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for (name, _) in callables() {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// What a call of `name` with `n_args` arguments means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    Found(Callable),
    /// The name is known, but not with this many arguments: these are the
    /// numbers it takes, in increasing order.
    WrongArity(Vec<usize>),
    Unknown,
}

/// Looks the call `name(…)` with `n_args` arguments up.
pub fn lookup(name: &str, n_args: usize) -> Lookup {
    let mut arities: Vec<usize> = Vec::new();
    for (_, callable) in callables().filter(|&(known, _)| known == name) {
        if callable.arity() == n_args {
            return Lookup::Found(callable);
        }
        arities.push(callable.arity());
    }
    if arities.is_empty() {
        return Lookup::Unknown;
    }
    arities.sort_unstable();
    arities.dedup();
    Lookup::WrongArity(arities)
}

/// Whether `name` is a callable name, with any number of arguments.
pub fn is_callable(name: &str) -> bool {
    callables().any(|(known, _)| known == name)
}

/// Functions that other libraries name, and how to write them here: the
/// nearest name by spelling would be another function (`log10` is not
/// `log1p`, `asinh` not `asin`).
const OTHER_SPELLINGS: &[(&str, &str)] = &[
    ("log10", "log(x, 10)"),
    ("log2", "log(x, 2)"),
    ("sgn", "sign"),
    ("signum", "sign"),
    ("power", "pow"),
    ("exp2", "2^x"),
    ("asinh", "log(x + sqrt(x^2 + 1))"),
    ("acosh", "log(x + sqrt(x^2 - 1))"),
    ("atanh", "log((1 + x)/(1 - x))/2"),
    ("arcsin", "asin"),
    ("arccos", "acos"),
    ("arctan", "atan"),
];

/// What `name` may have meant: how to write a function other libraries
/// have (`log10` → `log(x, 10)`), a known name in other letter case
/// (`RELU` → `relu`), or the known name closest to it if it is a plausible
/// typo (`sigmod` → `sigmoid`).
pub fn suggest(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    if let Some(&(_, spelling)) = OTHER_SPELLINGS.iter().find(|(other, _)| *other == lower) {
        return Some(spelling);
    }
    if let Some((known, _)) = callables().find(|(known, _)| *known == lower) {
        return Some(known);
    }
    let limit = (name.len() / 3).clamp(1, 3);
    callables()
        .map(|(known, _)| (edit_distance(name, known), known))
        .filter(|&(distance, _)| distance <= limit)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, known)| known)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

/// A call built with the wrong number of arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArityError {
    pub func: Func,
    pub found: usize,
}

impl fmt::Display for ArityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let expected = self.func.arity();
        write!(
            f,
            "`{}` takes {expected} argument{}, but {} {} given",
            self.func.name(),
            if expected == 1 { "" } else { "s" },
            self.found,
            if self.found == 1 { "was" } else { "were" },
        )
    }
}

impl std::error::Error for ArityError {}

impl Func {
    /// The canonical name, as the parser reads it and the printer writes it.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    pub fn arity(self) -> usize {
        self.info().eval.arity()
    }

    /// Whether the function's value is never below zero nor `-0.0` (it may
    /// be NaN). (`sqrt(-0.0)` is `-0.0`, whose reciprocal is minus infinity.)
    pub fn never_negative(self) -> bool {
        self.info().never_negative
    }

    /// Evaluates a one-argument function in IEEE arithmetic (NaN for a
    /// function of another arity).
    pub fn eval1(self, x: f64) -> f64 {
        match self.info().eval {
            Eval::Unary(eval) => eval(x),
            Eval::Binary(_) | Eval::Select(_) => f64::NAN,
        }
    }

    /// Evaluates a two-argument function in IEEE arithmetic (NaN for a
    /// function of another arity).
    pub fn eval2(self, a: f64, b: f64) -> f64 {
        match self.info().eval {
            Eval::Binary(eval) => eval(a, b),
            Eval::Unary(_) | Eval::Select(_) => f64::NAN,
        }
    }

    /// Evaluates the function at `args` in IEEE arithmetic (NaN for the
    /// wrong number of arguments).
    pub fn eval(self, args: &[f64]) -> f64 {
        match (self.info().eval, args) {
            (Eval::Unary(eval), &[x]) => eval(x),
            (Eval::Binary(eval), &[a, b]) => eval(a, b),
            (Eval::Select(comparison), &[l, r, a, b]) => select(comparison, l, r, a, b),
            _ => f64::NAN,
        }
    }

    /// The Rust expression for a call with the arguments `args` (plain
    /// names), reading `f64` by absolute path.
    pub fn rust_expr(self, args: &[&str]) -> String {
        fill_template(self.info().rust, args)
    }
}

/// `template` with `$F` replaced by `::core::primitive::f64` and `$0`, `$1`
/// by the arguments.
fn fill_template(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(dollar) = rest.find('$') {
        out.push_str(&rest[..dollar]);
        let after = &rest[dollar + 1..];
        let mut chars = after.chars();
        match chars.next() {
            Some('F') => out.push_str("::core::primitive::f64"),
            Some(digit @ '0'..='9') => {
                let index = digit as usize - '0' as usize;
                out.push_str(
                    args.get(index)
                        .copied()
                        .unwrap_or("::core::primitive::f64::NAN"),
                );
            }
            Some(other) => {
                out.push('$');
                out.push(other);
            }
            None => out.push('$'),
        }
        rest = chars.as_str();
    }
    out.push_str(rest);
    out
}

impl fmt::Display for Func {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

// The activation functions, written once; the table's Rust templates spell
// the same operations, so generated code and the interpreter agree.

pub fn sign(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else {
        x * 0.0 // 0 for ±0, NaN for NaN.
    }
}

pub fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

pub fn relu(x: f64) -> f64 {
    if x > 0.0 || x.is_nan() { x } else { 0.0 }
}

pub fn leaky_relu(x: f64, alpha: f64) -> f64 {
    if x > 0.0 { x } else { alpha * x }
}

pub fn softplus(x: f64) -> f64 {
    // log(1 + exp(x)) without overflow for large x.
    if x > 30.0 {
        x + (-x).exp()
    } else {
        x.exp().ln_1p()
    }
}

pub fn heaviside(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x.is_nan() {
        x
    } else {
        0.0
    }
}

/// `gelu(x) = x*Φ(x)` with the normal distribution's `Φ` through `erf`, as
/// PyTorch computes it by default.
pub fn gelu(x: f64) -> f64 {
    x * 0.5 * (1.0 + erf(x * std::f64::consts::FRAC_1_SQRT_2))
}

/// `silu(x) = x*sigmoid(x)`, with one rounding fewer as `x/(1 + exp(-x))`.
pub fn silu(x: f64) -> f64 {
    x / (1.0 + (-x).exp())
}

/// `elu(x, alpha)`: `x` for `x > 0`, else `alpha*(exp(x) - 1)`.
pub fn elu(x: f64, alpha: f64) -> f64 {
    if x > 0.0 { x } else { alpha * x.exp_m1() }
}

pub fn softsign(x: f64) -> f64 {
    x / (1.0 + x.abs())
}

/// `max(a, b)`; NaN in either argument gives NaN.
pub fn max(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else if b > a {
        b
    } else {
        a
    }
}

/// `min(a, b)`; NaN in either argument gives NaN.
pub fn min(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else if b < a {
        b
    } else {
        a
    }
}

/// `where(l < r, a, b)` (or `<=`): the branch the comparison picks, and NaN
/// where it cannot pick (`l` or `r` is NaN). The other branch's value does
/// not matter, NaN or not.
pub fn select(comparison: Comparison, l: f64, r: f64, a: f64, b: f64) -> f64 {
    if l.is_nan() || r.is_nan() {
        f64::NAN
    } else if comparison.holds(l, r) {
        a
    } else {
        b
    }
}

/// The distance in units in the last place between two floats of the same
/// sign (for the tests of the functions computed from their own source).
#[cfg(test)]
fn ulps(a: f64, b: f64) -> u64 {
    a.to_bits().abs_diff(b.to_bits())
}

/// The largest distance in ulps between `own` and `reference` at `points`.
#[cfg(test)]
fn worst_ulps(
    own: fn(f64) -> f64,
    reference: fn(f64) -> f64,
    points: impl IntoIterator<Item = f64>,
) -> u64 {
    let distances = points.into_iter().map(|x| ulps(own(x), reference(x)));
    distances.max().unwrap_or(0)
}

/// Checks the IEEE special values of an odd function that tends to ±1 (the
/// functions computed from their own source, `erf` and `tanh`): ±1 at ±∞,
/// NaN at NaN, and ±0 kept with its sign.
#[cfg(test)]
fn check_odd_unit_limits(f: fn(f64) -> f64) {
    assert_eq!(f(f64::INFINITY), 1.0);
    assert_eq!(f(f64::NEG_INFINITY), -1.0);
    assert!(f(f64::NAN).is_nan());
    assert_eq!(f(-0.0).to_bits(), (-0.0_f64).to_bits());
    assert_eq!(f(0.0).to_bits(), 0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_arguments_and_the_f64_path() {
        assert_eq!(
            fill_template("$F::atan2($0, $1)", &["y", "x"]),
            "::core::primitive::f64::atan2(y, x)"
        );
    }

    #[test]
    fn every_function_agrees_with_its_arity_and_has_its_documentation() {
        for &func in Func::CALLABLE {
            let info = func.info();
            assert_eq!(info.params.len(), info.eval.arity(), "{}", info.name);
            assert!(!info.doc.is_empty(), "{}", info.name);
            assert!(!info.name.is_empty());
        }
    }

    #[test]
    fn a_name_with_two_arities_finds_each_and_lists_both() {
        assert_eq!(lookup("log", 1), Lookup::Found(Callable::Func(Func::Log)));
        assert_eq!(
            lookup("log", 2),
            Lookup::Found(Callable::Func(Func::LogBase))
        );
        assert_eq!(lookup("log", 3), Lookup::WrongArity(vec![1, 2]));
        assert_eq!(
            lookup("swish", 1),
            Lookup::Found(Callable::Func(Func::Silu))
        );
        assert_eq!(lookup("nope", 1), Lookup::Unknown);
    }
}
