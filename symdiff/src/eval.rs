//! Direct evaluation of the DAG in IEEE arithmetic: one loop over the nodes
//! below the roots, children before parents. (The compiled form in
//! `compile.rs` is faster for repeated evaluation; this one is the simple
//! reference that tests compare it with.)

use crate::graph::{Graph, Node, NodeId};
use crate::number::Number;
use rustc_hash::FxHashMap;

/// The values of `roots`, given a value for every variable of the graph
/// (indexed by `VarId`). Domain errors give NaN or infinities.
pub fn eval_nodes(graph: &Graph, roots: &[NodeId], var_values: &[f64]) -> Vec<f64> {
    let nodes = graph.nodes_below(roots);
    let mut values: FxHashMap<NodeId, f64> = FxHashMap::default();
    for node in nodes {
        let value = eval_node(graph, node, var_values, &values);
        values.insert(node, value);
    }
    roots
        .iter()
        .map(|root| values.get(root).copied().unwrap_or(f64::NAN))
        .collect()
}

fn eval_node(
    graph: &Graph,
    node: NodeId,
    var_values: &[f64],
    values: &FxHashMap<NodeId, f64>,
) -> f64 {
    let value_of = |id: &NodeId| values.get(id).copied().unwrap_or(f64::NAN);
    match graph.node(node) {
        Node::Num(number) => number.to_f64(),
        Node::Const(constant) => constant.value(),
        Node::Var(var) => var_values.get(var.index()).copied().unwrap_or(f64::NAN),
        Node::Add(terms) => terms.iter().map(value_of).sum(),
        Node::Mul(factors) => product(graph, factors, value_of),
        Node::Pow([base, exponent]) => power(
            value_of(base),
            graph.as_number(*exponent),
            value_of(exponent),
        ),
        Node::Call(func, args) => {
            let values: smallvec::SmallVec<[f64; 4]> = args.iter().map(value_of).collect();
            func.eval(&values)
        }
    }
}

/// A product as the tape computes it (`compile.rs`): the factors, the
/// coefficient last, divided by the powers with negative numeric exponents.
/// So `1e300*(x*y)` at x = 1e300, y = -1e-300 is -1e300, not -inf, and `x/y`
/// at x = y = 1e-310 is 1, not `x*(1/y)`, infinite. (The tape orders the
/// other factors by register, so overflows may still differ.)
fn product(graph: &Graph, factors: &[NodeId], value_of: impl Fn(&NodeId) -> f64) -> f64 {
    let (mut numerator, mut coefficient, mut denominator) = (1.0, 1.0, None);
    for factor in factors {
        if let Some(number) = graph.as_number(*factor) {
            coefficient = number.to_f64();
            continue;
        }
        match divisor(graph, *factor, &value_of) {
            Some(divisor) => *denominator.get_or_insert(1.0) *= divisor,
            None => numerator *= value_of(factor),
        }
    }
    let numerator = numerator * coefficient;
    denominator.map_or(numerator, |denominator| numerator / denominator)
}

/// What the tape divides by for a reciprocal factor: `b^e` for `b^-e`, and
/// the product of those for a product of reciprocals only (`1/(y*z)` kept
/// as one factor); `None` for any other factor.
fn divisor(graph: &Graph, factor: NodeId, value_of: &impl Fn(&NodeId) -> f64) -> Option<f64> {
    match graph.node(factor) {
        Node::Pow([base, exponent]) if !graph.is_infinity(factor) => graph
            .as_number(*exponent)
            .filter(|exact| exact.is_negative())
            .map(|exact| power(value_of(base), Some(-exact), -value_of(exponent))),
        Node::Mul(factors) => factors
            .iter()
            .map(|&inner| divisor(graph, inner, value_of))
            .product(),
        _ => None,
    }
}

/// `base ^ exponent` as the tape computes it (`compile.rs`), the one
/// definition of a power's value, which folding uses too: a negative exact
/// exponent divides 1 by the positive power; `1/2` is `sqrt` (the node that
/// `sqrt(x)` and `x^(1/2)` both build), so it is NaN at -inf and -0 at -0;
/// an integer exponent is `powi`; any other, `powf`.
pub(crate) fn power(base: f64, exact_exponent: Option<Number>, exponent: f64) -> f64 {
    match exact_exponent {
        Some(exact) if exact.is_negative() => 1.0 / power(base, Some(-exact), -exponent),
        Some(Number::Rational { numer: 1, denom: 2 }) => base.sqrt(),
        Some(exact) => match exact.as_integer().and_then(|n| i32::try_from(n).ok()) {
            Some(n) => base.powi(n),
            None => base.powf(exponent),
        },
        None => base.powf(exponent),
    }
}
