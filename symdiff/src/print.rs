//! Plain-text printing in the syntax the parser reads back to the same DAG:
//! minimal parentheses, `x^2`, `-x`, `a/b`, `2*x`, terms in a readable order.
//!
//! Large results that share subexpressions heavily are printed with each
//! shared subexpression once, named, as `t1 = ...; t2 = ...; expression`
//! (see [`Definitions`]), so a Hessian of a network does not explode into a
//! tree.

use crate::eval::nodes_below;
use crate::graph::{Graph, Node, NodeId};
use crate::number::{Number, write_float};
use rustc_hash::{FxHashMap, FxHashSet};
use std::fmt::Write;
use std::ops::Neg as _;

/// How tightly a printed form binds, loosest first; a child printed in a
/// context that binds tighter than the child gets parentheses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Precedence {
    Sum,
    Product,
    /// A leading minus sign, as in `-x` or `-2*x`.
    Unary,
    Power,
    Atom,
}

/// Shared subexpressions chosen to be printed once, by name.
#[derive(Debug, Default, Clone)]
pub struct Definitions {
    /// Named nodes in definition order (children before parents).
    pub order: Vec<NodeId>,
    names: FxHashMap<NodeId, String>,
}

impl Definitions {
    /// No names: every expression prints as one tree.
    pub fn none() -> Self {
        Self::default()
    }

    /// Names every non-trivial node used more than once below `roots` (counting
    /// all roots together), when printing them as trees would be large.
    /// Names are `t1`, `t2`, ... skipping any that a variable already uses.
    pub fn shared(graph: &Graph, roots: &[NodeId]) -> Self {
        let nodes = nodes_below(graph, roots);
        let mut uses: FxHashMap<NodeId, u32> = FxHashMap::default();
        for &root in roots {
            *uses.entry(root).or_default() += 2; // A root is printed where it stands.
        }
        for &node in &nodes {
            for &child in graph.node(node).children() {
                *uses.entry(child).or_default() += 1;
            }
        }
        let is_root: FxHashSet<NodeId> = roots.iter().copied().collect();
        let taken: FxHashSet<&str> = graph.vars().map(|var| graph.var_name(var)).collect();
        let mut definitions = Definitions::default();
        let mut counter = 0usize;
        for node in nodes {
            let worth_naming = uses.get(&node).copied().unwrap_or(0) > 1
                && !is_root.contains(&node)
                && !is_trivial(graph, node);
            if worth_naming {
                let name = loop {
                    counter += 1;
                    let candidate = format!("t{counter}");
                    if !taken.contains(candidate.as_str()) {
                        break candidate;
                    }
                };
                definitions.names.insert(node, name);
                definitions.order.push(node);
            }
        }
        definitions
    }

    /// Names shared subexpressions only when the roots printed as trees would
    /// have more than `tree_limit` nodes.
    pub fn when_large(graph: &Graph, roots: &[NodeId], tree_limit: f64) -> Self {
        let tree_size: f64 = crate::size::tree_sizes(graph, roots).iter().sum();
        if tree_size > tree_limit {
            Self::shared(graph, roots)
        } else {
            Self::none()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    pub fn name(&self, node: NodeId) -> Option<&str> {
        self.names.get(&node).map(String::as_str)
    }

    /// One definition as `t1 = ...` (no trailing separator).
    pub fn write_prefix_one(&self, graph: &Graph, node: NodeId, out: &mut String) {
        if let Some(name) = self.name(node) {
            let _ = write!(out, "{name} = ");
            Printer {
                graph,
                definitions: self,
                naming: Some(node),
            }
            .write(out, node, Precedence::Sum);
        }
    }

    /// The definitions as `t1 = ...; t2 = ...; ` (each followed by `; `).
    pub fn write_prefix(&self, graph: &Graph, out: &mut String) {
        for &node in &self.order {
            if let Some(name) = self.name(node) {
                let _ = write!(out, "{name} = ");
                Printer {
                    graph,
                    definitions: self,
                    naming: Some(node),
                }
                .write(out, node, Precedence::Sum);
                out.push_str("; ");
            }
        }
    }
}

/// A variable, a constant or a plain number is cheaper to repeat than to name;
/// so is the negation of one.
fn is_trivial(graph: &Graph, node: NodeId) -> bool {
    match graph.node(node) {
        Node::Num(_) | Node::Const(_) | Node::Var(_) => true,
        Node::Mul(factors) => {
            factors.len() == 2
                && graph
                    .as_number(factors[0])
                    .is_some_and(|n| n == Number::MINUS_ONE)
                && matches!(graph.node(factors[1]), Node::Var(_) | Node::Const(_))
        }
        _ => false,
    }
}

/// Prints `root` as one expression, with no names.
pub fn to_text(graph: &Graph, root: NodeId) -> String {
    to_text_with(graph, root, &Definitions::none())
}

/// Prints `root` using the names in `definitions` for the nodes they name
/// (without the definitions themselves; see [`Definitions::write_prefix`]).
pub fn to_text_with(graph: &Graph, root: NodeId, definitions: &Definitions) -> String {
    let mut out = String::new();
    Printer {
        graph,
        definitions,
        naming: None,
    }
    .write(&mut out, root, Precedence::Sum);
    out
}

/// Prints `root` as a self-contained program: the definitions it uses, then
/// the expression, so that the parser reads it back to the same DAG.
pub fn to_program_text(graph: &Graph, root: NodeId, tree_limit: f64) -> String {
    let definitions = Definitions::when_large(graph, &[root], tree_limit);
    let mut out = String::new();
    definitions.write_prefix(graph, &mut out);
    Printer {
        graph,
        definitions: &definitions,
        naming: None,
    }
    .write(&mut out, root, Precedence::Sum);
    out
}

struct Printer<'a> {
    graph: &'a Graph,
    definitions: &'a Definitions,
    /// The node whose definition is being printed: it must be spelled out,
    /// not replaced by its own name.
    naming: Option<NodeId>,
}

impl Printer<'_> {
    fn write(&self, out: &mut String, node: NodeId, context: Precedence) {
        if self.naming != Some(node)
            && let Some(name) = self.definitions.name(node)
        {
            out.push_str(name);
            return;
        }
        let needs_parens = self.precedence(node) < context;
        if needs_parens {
            out.push('(');
        }
        self.write_bare(out, node);
        if needs_parens {
            out.push(')');
        }
    }

    fn precedence(&self, node: NodeId) -> Precedence {
        match self.graph.node(node) {
            Node::Num(number) => number_precedence(*number),
            Node::Const(_) | Node::Var(_) | Node::Call(..) => Precedence::Atom,
            Node::Add(_) => Precedence::Sum,
            Node::Mul(_) => {
                if self.coefficient(node).is_negative() {
                    Precedence::Unary
                } else {
                    Precedence::Product
                }
            }
            Node::Pow([_, exponent]) => {
                if self
                    .graph
                    .as_number(*exponent)
                    .is_some_and(Number::is_negative)
                {
                    Precedence::Product
                } else {
                    Precedence::Power
                }
            }
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
            Node::Const(constant) => out.push_str(constant.name()),
            Node::Var(var) => out.push_str(self.graph.var_name(*var)),
            Node::Add(terms) => self.write_sum(out, terms),
            Node::Mul(_) => self.write_product(out, node),
            Node::Pow([base, _]) if self.graph.as_number(*base).is_some_and(Number::is_zero) => {
                out.push_str("1/0")
            }
            Node::Pow([base, exponent]) => {
                if self.reciprocal_part(node).is_some() {
                    self.write_product(out, node);
                } else {
                    self.write(out, *base, Precedence::Atom);
                    out.push('^');
                    self.write(out, *exponent, Precedence::Unary);
                }
            }
            Node::Call(func, args) => {
                out.push_str(func.name());
                out.push('(');
                for (index, &arg) in args.iter().enumerate() {
                    if index > 0 {
                        out.push_str(", ");
                    }
                    self.write(out, arg, Precedence::Sum);
                }
                out.push(')');
            }
        }
    }

    /// Terms in canonical order, rotated so that a positive term leads:
    /// `1 - sigmoid(u)`, `sigmoid(u) - t`.
    fn write_sum(&self, out: &mut String, terms: &[NodeId]) {
        let is_negative = |term: NodeId| self.term_is_negative(term);
        let lead = terms
            .iter()
            .position(|&term| !is_negative(term))
            .unwrap_or(0);
        let ordered = terms[lead..].iter().chain(&terms[..lead]);
        for (index, &term) in ordered.enumerate() {
            let negative = is_negative(term);
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
        self.definitions.name(term).is_none() && self.coefficient(term).is_negative()
    }

    /// Writes `-term` for a term with a negative coefficient, without its sign.
    fn write_negated(&self, out: &mut String, term: NodeId) {
        match self.graph.node(term) {
            Node::Num(number) => write_number(out, number.neg()),
            _ => self.write_product_parts(out, term, true),
        }
    }

    fn write_product(&self, out: &mut String, node: NodeId) {
        if self.coefficient(node).is_negative() {
            out.push('-');
            self.write_product_parts(out, node, true);
        } else {
            self.write_product_parts(out, node, false);
        }
    }

    /// Writes a product as `numerator/denominator`, with the sign of its
    /// coefficient dropped when `drop_sign` is set.
    fn write_product_parts(&self, out: &mut String, node: NodeId, drop_sign: bool) {
        let mut coefficient = self.coefficient(node);
        if drop_sign {
            coefficient = coefficient.neg();
        }
        let factors: &[NodeId] = match self.graph.node(node) {
            Node::Mul(factors) => factors,
            _ => std::slice::from_ref(&node),
        };
        let mut numerator: Vec<Factor> = Vec::new();
        let mut denominator: Vec<Factor> = Vec::new();
        let (numer_coefficient, denom_coefficient) = split_coefficient(coefficient);
        if let Some(number) = numer_coefficient {
            numerator.push(Factor::Number(number));
        }
        if let Some(number) = denom_coefficient {
            denominator.push(Factor::Number(number));
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
        if numerator.is_empty() {
            out.push('1');
        } else {
            self.write_factors(out, &numerator, Precedence::Product);
        }
        if !denominator.is_empty() {
            out.push('/');
            let context = if denominator.len() > 1 {
                Precedence::Product
            } else {
                Precedence::Power
            };
            if denominator.len() > 1 {
                out.push('(');
            }
            self.write_factors(out, &denominator, context);
            if denominator.len() > 1 {
                out.push(')');
            }
        }
    }

    /// For `b^(-e)` with a negative numeric exponent, `(b, e)` to print as `1/b^e`.
    fn reciprocal_part(&self, factor: NodeId) -> Option<(NodeId, Number)> {
        if self.definitions.name(factor).is_some() {
            return None;
        }
        match self.graph.node(factor) {
            // `1/0` stays a factor of its own: merged into a denominator it
            // would read back as a product with 0.
            Node::Pow([base, _]) if self.graph.as_number(*base).is_some_and(Number::is_zero) => {
                None
            }
            Node::Pow([base, exponent]) => {
                let exponent = self.graph.as_number(*exponent)?;
                exponent.is_negative().then(|| (*base, exponent.neg()))
            }
            _ => None,
        }
    }

    fn write_factors(&self, out: &mut String, factors: &[Factor], context: Precedence) {
        for (index, factor) in factors.iter().enumerate() {
            if index > 0 {
                out.push('*');
            }
            // A factor after `*` must not start with a minus sign.
            let context = if index > 0 {
                context.max(Precedence::Power)
            } else {
                context
            };
            match *factor {
                Factor::Number(number) => {
                    let parens = number_precedence(number) < context;
                    if parens {
                        out.push('(');
                    }
                    write_number(out, number);
                    if parens {
                        out.push(')');
                    }
                }
                Factor::Node(node) => self.write(out, node, context),
                Factor::Power(base, exponent) if exponent.is_one() => {
                    self.write(out, base, context.max(Precedence::Power))
                }
                Factor::Power(base, exponent) => {
                    let parens = Precedence::Power < context;
                    if parens {
                        out.push('(');
                    }
                    self.write(out, base, Precedence::Atom);
                    out.push('^');
                    let exponent_parens = number_precedence(exponent) < Precedence::Atom;
                    if exponent_parens {
                        out.push('(');
                    }
                    write_number(out, exponent);
                    if exponent_parens {
                        out.push(')');
                    }
                    if parens {
                        out.push(')');
                    }
                }
            }
        }
    }
}

enum Factor {
    Number(Number),
    Node(NodeId),
    /// `base^exponent` in a denominator, with the exponent's sign flipped.
    Power(NodeId, Number),
}

/// Splits a positive coefficient `p/q` into the parts printed above and below
/// the fraction bar: `(p, q)`, each omitted when it is 1.
fn split_coefficient(coefficient: Number) -> (Option<Number>, Option<Number>) {
    match coefficient {
        Number::Rational { numer, denom } => (
            (numer != 1).then_some(Number::int(numer)),
            (denom != 1).then_some(Number::int(denom)),
        ),
        float => ((!float.is_one()).then_some(float), None),
    }
}

fn number_precedence(number: Number) -> Precedence {
    match number {
        _ if number.is_negative() => Precedence::Unary,
        Number::Rational { denom: 1, .. } => Precedence::Atom,
        Number::Rational { .. } => Precedence::Product,
        Number::Float(value) if value.is_finite() => Precedence::Atom,
        // `1/0` and `0/0` are how non-finite values read back.
        Number::Float(_) => Precedence::Product,
    }
}

fn write_number(out: &mut String, number: Number) {
    match number {
        Number::Float(value) if value.is_nan() => out.push_str("0/0"),
        Number::Float(value) if value.is_infinite() => {
            out.push_str(if value > 0.0 { "1/0" } else { "-1/0" })
        }
        Number::Float(value) => {
            let _ = write_float(out, value);
        }
        rational => {
            let _ = write!(out, "{rational}");
        }
    }
}
