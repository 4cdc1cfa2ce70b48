//! LaTeX printing: the layout shared with the plain-text printer
//! (`layout.rs` decides term order, signs, the split of a product into
//! numerator and denominator, and grouping), spelled in LaTeX.
//!
//! The spelling, chosen once here:
//! - A quotient is `\frac{numerator}{denominator}`; `x^{-1/2}` is
//!   `\frac{1}{x^{\frac{1}{2}}}` and `sqrt(x)` is `\sqrt{x}`.
//! - Exponents are always in braces: `x^{2}`, `e^{…}` is never used for
//!   `exp`, which prints as `\exp\left(…\right)`.
//! - A product is written by juxtaposition with a space (`2 x y`), which
//!   reads as multiplication in ordinary mathematical notation; `\cdot`
//!   separates two factors only when the right one starts with a digit or a
//!   sign (`x \cdot 2^{y}`), where juxtaposition would merge the numbers.
//! - Parentheses are `\left( \right)` so that they grow with fractions.
//! - Functions with a standard LaTeX operator use it (`\sin`, `\cosh`,
//!   `\arctan`, `\exp`, `\max`, `\min`); `log` is the natural logarithm and
//!   prints as `\ln`; `abs(u)` is `\left|u\right|`. The activation functions
//!   have no standard symbol (`\sigma` would be ambiguous with a standard
//!   deviation, `H` with a Hessian), so sigmoid, relu, softplus, leaky_relu,
//!   heaviside and sign all print by name, as `\operatorname{sigmoid}`,
//!   `\operatorname{leaky\_relu}` and so on.
//! - A variable of one letter prints as itself, a Greek letter's name as the
//!   letter (`alpha` is `\alpha`), a longer name upright (`\mathrm{lr}`).
//!   Trailing digits and the part after an underscore become a subscript:
//!   `x1` is `x_{1}`, `w_out` is `w_{\mathrm{out}}`.
//! - Named shared subexpressions (see [`Definitions`]) print as their name
//!   in the same style: `t3` is `t_{3}`.

use crate::func::{Comparison, Func, LatexForm};
use crate::graph::{Constant, Graph, NodeId};
use crate::layout::{self, Precedence, Syntax};
use crate::number::Number;
use crate::print::{Definitions, TREE_LIMIT};
use std::fmt::Write;

/// Prints `root` as one LaTeX formula (math mode, without delimiters); a
/// formula larger than [`TREE_LIMIT`] as a tree first defines its shared
/// subexpressions, `t_{1} = …;\quad … ;\quad` and then uses their names.
pub fn to_latex(graph: &Graph, root: NodeId) -> String {
    let definitions = Definitions::when_large(graph, &[root], TREE_LIMIT);
    let mut parts = definitions_to_latex(graph, &definitions);
    parts.push(to_latex_with(graph, root, &definitions));
    parts.join(";\\quad ")
}

/// Prints `root` using the names in `definitions` for the nodes they name.
pub fn to_latex_with(graph: &Graph, root: NodeId, definitions: &Definitions) -> String {
    let mut out = String::new();
    layout::write_expression::<Latex>(&mut out, graph, definitions, root);
    out
}

/// The definitions as LaTeX equations `t_{1} = …`, one per named node, in
/// definition order (each uses only names defined before it).
pub fn definitions_to_latex(graph: &Graph, definitions: &Definitions) -> Vec<String> {
    definitions
        .order
        .iter()
        .filter_map(|&node| {
            let mut out = String::new();
            layout::write_definition::<Latex>(&mut out, graph, definitions, node).then_some(out)
        })
        .collect()
}

/// A variable's or definition's name in LaTeX (see the module documentation).
pub fn latex_name(name: &str) -> String {
    if let Some((stem, rest)) = name.split_once('_')
        && !stem.is_empty()
        && !rest.is_empty()
    {
        return format!("{}_{{{}}}", latex_stem(stem), latex_subscript(rest));
    }
    let stem_len = name.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if stem_len > 0 && stem_len < name.len() {
        return format!(
            "{}_{{{}}}",
            latex_stem(&name[..stem_len]),
            &name[stem_len..]
        );
    }
    latex_stem(name)
}

fn latex_subscript(text: &str) -> String {
    if text.chars().all(|c| c.is_ascii_digit()) {
        text.to_owned()
    } else {
        latex_name(text)
    }
}

const GREEK: &[&str] = &[
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
    "lambda", "mu", "nu", "xi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
    "Gamma", "Delta", "Theta", "Lambda", "Xi", "Sigma", "Upsilon", "Phi", "Psi", "Omega",
];

fn latex_stem(stem: &str) -> String {
    if stem.chars().count() == 1 {
        stem.to_owned()
    } else if GREEK.contains(&stem) {
        format!("\\{stem}")
    } else {
        format!("\\mathrm{{{}}}", stem.replace('_', "\\_"))
    }
}

/// LaTeX math: `2 x`, `x^{2}`, `\frac{a}{b}`, `\left( … \right)`, `\sin`.
struct Latex;

impl Syntax for Latex {
    const GROUP: [&'static str; 2] = ["\\left(", "\\right)"];
    const POWER: [&'static str; 2] = ["^{", "}"];
    const EXPONENT_GROUPS: bool = true;
    const QUOTIENT: [&'static str; 3] = ["\\frac{", "}{", "}"];
    const QUOTIENT_GROUPS: bool = true;
    // `\frac{1}{2}` needs parentheses only as the base of a power.
    const RATIO_PRECEDENCE: Precedence = Precedence::Power;
    const ZERO_POWER_IS_INFINITY: bool = false;
    const DEFINITION_KEEPS_POWER: bool = false;

    fn write_number(out: &mut String, number: Number) {
        match number {
            Number::Rational { numer, denom: 1 } => {
                let _ = write!(out, "{numer}");
            }
            Number::Rational { numer, denom } if numer < 0 => {
                let _ = write!(out, "-\\frac{{{}}}{{{denom}}}", numer.unsigned_abs());
            }
            Number::Rational { numer, denom } => {
                let _ = write!(out, "\\frac{{{numer}}}{{{denom}}}");
            }
            Number::Big(_) => match number.numer_denom() {
                Some((numer, denom)) if !denom.is_one() => {
                    let sign = if numer.is_negative() { "-" } else { "" };
                    let _ = write!(out, "{sign}\\frac{{{}}}{{{denom}}}", numer.abs());
                }
                _ => {
                    let _ = write!(out, "{number}");
                }
            },
            Number::Float(value) => write_float(out, value),
        }
    }

    fn write_name(out: &mut String, name: &str) {
        out.push_str(&latex_name(name));
    }

    fn constant(constant: Constant) -> &'static str {
        match constant {
            Constant::Pi => "\\pi",
            Constant::E => "e",
        }
    }

    /// `sqrt(u)` is `\sqrt{u}` and `abs(u)` is `\left|u\right|`.
    fn comparison(comparison: Comparison) -> &'static str {
        match comparison {
            Comparison::Less => " < ",
            Comparison::LessEq => " \\le ",
        }
    }

    fn call(func: Func) -> [&'static str; 3] {
        match func.info().latex {
            LatexForm::Root => ["\\sqrt", "{", "}"],
            LatexForm::Bars => ["", "\\left|", "\\right|"],
            LatexForm::Operator(operator) | LatexForm::Subscripted(operator) => {
                [operator, "\\left(", "\\right)"]
            }
        }
    }

    /// `log(x, b)` is `\log_{b}\left(x\right)`.
    fn last_argument_subscript(func: Func) -> Option<[&'static str; 2]> {
        matches!(func.info().latex, LatexForm::Subscripted(_)).then_some(["_{", "}"])
    }

    /// Juxtaposition, with `\cdot` before a factor that starts with a digit
    /// or a sign, where juxtaposition would merge the numbers.
    fn factor_separator(next_factor: &str) -> &'static str {
        if next_factor.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
            " \\cdot "
        } else {
            " "
        }
    }
}

/// A float as LaTeX: `0.5`, `1.5 \cdot 10^{-7}`, `\infty`, `\mathrm{NaN}`.
pub fn write_float(out: &mut String, value: f64) {
    if value.is_nan() {
        out.push_str("\\mathrm{NaN}");
    } else if value.is_infinite() {
        out.push_str(if value > 0.0 { "\\infty" } else { "-\\infty" });
    } else if value != 0.0 && !(1e-5..1e16).contains(&value.abs()) {
        let text = format!("{value:e}");
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        let _ = write!(out, "{mantissa} \\cdot 10^{{{exponent}}}");
    } else {
        let _ = write!(out, "{value}");
    }
}
