//! LaTeX printing, with the same structure as the plain-text printer in
//! `print.rs`: the same precedence levels, the same term order (a positive
//! term leads a sum) and the same split of a product into numerator and
//! denominator.
//!
//! The choices, made once here:
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

use crate::func::Func;
use crate::graph::{Constant, Graph, Node, NodeId};
use crate::number::Number;
use crate::print::Definitions;
use std::fmt::Write;

/// How tightly a printed form binds, loosest first (as in `print.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Precedence {
    Sum,
    Product,
    Unary,
    Power,
    Atom,
}

/// Prints `root` as one LaTeX formula (math mode, without delimiters).
pub fn to_latex(graph: &Graph, root: NodeId) -> String {
    to_latex_with(graph, root, &Definitions::none())
}

/// Prints `root` using the names in `definitions` for the nodes they name.
pub fn to_latex_with(graph: &Graph, root: NodeId, definitions: &Definitions) -> String {
    let mut out = String::new();
    LatexPrinter {
        graph,
        definitions,
        naming: None,
    }
    .write(&mut out, root, Precedence::Sum);
    out
}

/// The definitions as LaTeX equations `t_{1} = …`, one per named node, in
/// definition order (each uses only names defined before it).
pub fn definitions_to_latex(graph: &Graph, definitions: &Definitions) -> Vec<String> {
    definitions
        .order
        .iter()
        .filter_map(|&node| {
            let name = definitions.name(node)?;
            let mut out = format!("{} = ", latex_name(name));
            LatexPrinter {
                graph,
                definitions,
                naming: Some(node),
            }
            .write(&mut out, node, Precedence::Sum);
            Some(out)
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

/// The LaTeX operator for a function, printed before `\left( … \right)`
/// (`sqrt` and `abs` wrap their argument themselves instead).
fn func_operator(func: Func) -> &'static str {
    match func {
        Func::Sin => "\\sin",
        Func::Cos => "\\cos",
        Func::Tan => "\\tan",
        Func::Asin => "\\arcsin",
        Func::Acos => "\\arccos",
        Func::Atan => "\\arctan",
        Func::Sinh => "\\sinh",
        Func::Cosh => "\\cosh",
        Func::Tanh => "\\tanh",
        Func::Exp => "\\exp",
        Func::Log => "\\ln",
        Func::Max => "\\max",
        Func::Min => "\\min",
        Func::Sign => "\\operatorname{sign}",
        Func::Sigmoid => "\\operatorname{sigmoid}",
        Func::Relu => "\\operatorname{relu}",
        Func::LeakyRelu => "\\operatorname{leaky\\_relu}",
        Func::Softplus => "\\operatorname{softplus}",
        Func::Heaviside => "\\operatorname{heaviside}",
        // Printed specially by `write_call`; never reached.
        Func::Sqrt => "\\sqrt",
        Func::Abs => "\\operatorname{abs}",
    }
}

struct LatexPrinter<'a> {
    graph: &'a Graph,
    definitions: &'a Definitions,
    /// The node whose definition is being printed: spelled out, not named.
    naming: Option<NodeId>,
}

enum Factor {
    Number(Number),
    Node(NodeId),
    /// `base^exponent` in a denominator, with the exponent's sign flipped.
    Power(NodeId, Number),
}

impl LatexPrinter<'_> {
    fn write(&self, out: &mut String, node: NodeId, context: Precedence) {
        if self.naming != Some(node)
            && let Some(name) = self.definitions.name(node)
        {
            out.push_str(&latex_name(name));
            return;
        }
        if self.precedence(node) < context {
            out.push_str("\\left(");
            self.write_bare(out, node);
            out.push_str("\\right)");
        } else {
            self.write_bare(out, node);
        }
    }

    fn is_named(&self, node: NodeId) -> bool {
        self.naming != Some(node) && self.definitions.name(node).is_some()
    }

    fn precedence(&self, node: NodeId) -> Precedence {
        if self.is_named(node) {
            return Precedence::Atom;
        }
        match self.graph.node(node) {
            Node::Num(number) => number_precedence(*number),
            Node::Const(_) | Node::Var(_) | Node::Call(..) => Precedence::Atom,
            Node::Add(_) => Precedence::Sum,
            Node::Mul(_) if self.coefficient(node).is_negative() => Precedence::Unary,
            Node::Mul(_) => Precedence::Product,
            Node::Pow(_) if self.reciprocal_part(node).is_some() => Precedence::Product,
            Node::Pow(_) => Precedence::Power,
        }
    }

    fn coefficient(&self, node: NodeId) -> Number {
        match self.graph.node(node) {
            Node::Mul(factors) => self.graph.as_number(factors[0]).unwrap_or(Number::ONE),
            Node::Num(number) => *number,
            _ => Number::ONE,
        }
    }

    fn write_bare(&self, out: &mut String, node: NodeId) {
        match self.graph.node(node) {
            Node::Num(number) => write_number(out, *number),
            Node::Const(Constant::Pi) => out.push_str("\\pi"),
            Node::Const(Constant::E) => out.push('e'),
            Node::Var(var) => out.push_str(&latex_name(self.graph.var_name(*var))),
            Node::Add(terms) => self.write_sum(out, terms),
            Node::Mul(_) => self.write_product(out, node),
            Node::Pow([base, exponent]) => {
                if self.reciprocal_part(node).is_some() {
                    self.write_product(out, node);
                } else {
                    self.write(out, *base, Precedence::Atom);
                    out.push_str("^{");
                    self.write(out, *exponent, Precedence::Sum);
                    out.push('}');
                }
            }
            Node::Call(func, args) => self.write_call(out, *func, args),
        }
    }

    fn write_call(&self, out: &mut String, func: Func, args: &[NodeId]) {
        match func {
            Func::Sqrt => {
                out.push_str("\\sqrt{");
                self.write_args(out, args);
                out.push('}');
            }
            Func::Abs => {
                out.push_str("\\left|");
                self.write_args(out, args);
                out.push_str("\\right|");
            }
            _ => {
                out.push_str(func_operator(func));
                out.push_str("\\left(");
                self.write_args(out, args);
                out.push_str("\\right)");
            }
        }
    }

    fn write_args(&self, out: &mut String, args: &[NodeId]) {
        for (index, &arg) in args.iter().enumerate() {
            if index > 0 {
                out.push_str(", ");
            }
            self.write(out, arg, Precedence::Sum);
        }
    }

    /// Terms in canonical order, rotated so that a positive term leads.
    fn write_sum(&self, out: &mut String, terms: &[NodeId]) {
        let lead = terms
            .iter()
            .position(|&term| !self.term_is_negative(term))
            .unwrap_or(0);
        let ordered = terms[lead..].iter().chain(&terms[..lead]);
        for (index, &term) in ordered.enumerate() {
            let negative = self.term_is_negative(term);
            match (index, negative) {
                (0, true) => out.push('-'),
                (0, false) => {}
                (_, true) => out.push_str(" - "),
                (_, false) => out.push_str(" + "),
            }
            if negative {
                self.write_negated(out, term);
            } else {
                self.write(out, term, Precedence::Sum);
            }
        }
    }

    fn term_is_negative(&self, term: NodeId) -> bool {
        !self.is_named(term) && self.coefficient(term).is_negative()
    }

    fn write_negated(&self, out: &mut String, term: NodeId) {
        match self.graph.node(term) {
            Node::Num(number) => write_number(out, negated(*number)),
            _ => self.write_product_parts(out, term, true),
        }
    }

    fn write_product(&self, out: &mut String, node: NodeId) {
        let negative = self.coefficient(node).is_negative();
        if negative {
            out.push('-');
        }
        self.write_product_parts(out, node, negative);
    }

    /// Writes a product as its factors, or as `\frac{numerator}{denominator}`
    /// when some factor is a reciprocal or the coefficient is a fraction.
    fn write_product_parts(&self, out: &mut String, node: NodeId, drop_sign: bool) {
        let (numerator, denominator) = self.split_factors(node, drop_sign);
        if denominator.is_empty() {
            self.write_factors(out, &numerator, false);
            return;
        }
        out.push_str("\\frac{");
        if numerator.is_empty() {
            out.push('1');
        } else {
            self.write_factors(out, &numerator, true);
        }
        out.push_str("}{");
        self.write_factors(out, &denominator, true);
        out.push('}');
    }

    fn split_factors(&self, node: NodeId, drop_sign: bool) -> (Vec<Factor>, Vec<Factor>) {
        let mut coefficient = self.coefficient(node);
        if drop_sign {
            coefficient = negated(coefficient);
        }
        let factors: &[NodeId] = match self.graph.node(node) {
            Node::Mul(factors) => factors,
            _ => std::slice::from_ref(&node),
        };
        let mut numerator = Vec::new();
        let mut denominator = Vec::new();
        match coefficient {
            Number::Rational { numer, denom } => {
                if numer != 1 {
                    numerator.push(Factor::Number(Number::int(numer)));
                }
                if denom != 1 {
                    denominator.push(Factor::Number(Number::int(denom)));
                }
            }
            float if !float.is_one() => numerator.push(Factor::Number(float)),
            _ => {}
        }
        for &factor in factors {
            if self.graph.as_number(factor).is_some() {
                continue;
            }
            match self.reciprocal_part(factor) {
                Some((base, exponent)) => denominator.push(Factor::Power(base, exponent)),
                None => numerator.push(Factor::Node(factor)),
            }
        }
        (numerator, denominator)
    }

    /// For `b^(-e)` with a negative numeric exponent, `(b, e)`.
    fn reciprocal_part(&self, factor: NodeId) -> Option<(NodeId, Number)> {
        if self.is_named(factor) {
            return None;
        }
        match self.graph.node(factor) {
            Node::Pow([base, exponent]) => {
                let exponent = self.graph.as_number(*exponent)?;
                exponent.is_negative().then(|| (*base, negated(exponent)))
            }
            _ => None,
        }
    }

    /// Factors by juxtaposition, with `\cdot` before a factor that starts
    /// with a digit or a sign. A lone factor in the braces of a `\frac`
    /// needs no parentheses.
    fn write_factors(&self, out: &mut String, factors: &[Factor], in_fraction: bool) {
        for (index, factor) in factors.iter().enumerate() {
            let mut text = String::new();
            let context = if in_fraction && factors.len() == 1 {
                Precedence::Sum
            } else if index == 0 {
                Precedence::Product
            } else {
                Precedence::Power
            };
            self.write_factor(&mut text, factor, context);
            if index > 0 {
                let starts_numeric = text.starts_with(|c: char| c.is_ascii_digit() || c == '-');
                out.push_str(if starts_numeric { " \\cdot " } else { " " });
            }
            out.push_str(&text);
        }
    }

    fn write_factor(&self, out: &mut String, factor: &Factor, context: Precedence) {
        match *factor {
            Factor::Number(number) => {
                if number_precedence(number) < context {
                    out.push_str("\\left(");
                    write_number(out, number);
                    out.push_str("\\right)");
                } else {
                    write_number(out, number);
                }
            }
            Factor::Node(node) => self.write(out, node, context),
            Factor::Power(base, exponent) if exponent.is_one() => self.write(out, base, context),
            Factor::Power(base, exponent) => {
                self.write(out, base, Precedence::Atom);
                out.push_str("^{");
                write_number(out, exponent);
                out.push('}');
            }
        }
    }
}

/// `-number`, exactly for rationals (a numerator of `i64::MIN` becomes a float).
fn negated(number: Number) -> Number {
    match number {
        Number::Rational { numer, denom } => match numer.checked_neg() {
            Some(numer) => Number::ratio(numer, denom),
            None => Number::Float(-(numer as f64) / denom as f64),
        },
        Number::Float(value) => Number::Float(-value),
    }
}

fn number_precedence(number: Number) -> Precedence {
    match number {
        _ if number.is_negative() => Precedence::Unary,
        Number::Rational { denom: 1, .. } => Precedence::Atom,
        // `\frac{1}{2}` needs parentheses only as the base of a power.
        Number::Rational { .. } => Precedence::Power,
        Number::Float(value) if value.is_finite() => Precedence::Atom,
        Number::Float(_) => Precedence::Product,
    }
}

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
        Number::Float(value) => write_float(out, value),
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
