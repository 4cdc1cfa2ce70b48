//! The derivative rules: one arm per function, giving the partial derivative
//! of a node with respect to one of its operands. The chain rule is applied
//! once, generically, by the callers in `diff.rs` and `gradient.rs`.

use crate::func::{CallSite, Func};
use crate::graph::{Graph, Ids, Node, NodeId};
use crate::number::Number;
use crate::piecewise;
use smallvec::SmallVec;

/// (∂ node / ∂ operand `index`) * `inner`: the chain rule's term for one
/// operand. For a product this is one product (the other factors and
/// `inner`), not a product of the others multiplied again.
fn chain_term(graph: &mut Graph, node: NodeId, index: usize, inner: NodeId) -> NodeId {
    chain_term_at(graph, node, index, inner, 0)
}

/// [`chain_term`] inside `depth` conditions (see [`piecewise::masked`]).
fn chain_term_at(
    graph: &mut Graph,
    node: NodeId,
    index: usize,
    inner: NodeId,
    depth: usize,
) -> NodeId {
    if graph.has_conditions()
        && let Some(term) = conditional_term(graph, node, index, inner, depth)
    {
        return term;
    }
    if let Node::Mul(factors) = graph.node(node) {
        // Two factors (most products) need no list (see ARCHITECTURE.md on
        // the chain rule's lists).
        if let &[first, second] = factors.as_slice() {
            let other = if index == 0 { second } else { first };
            return graph.mul(&[other, inner]);
        }
        let mut term = all_but(factors, index);
        term.push(inner);
        return graph.mul(&term);
    }
    // A partial that is a condition with a zero branch (`elu`'s in alpha,
    // `where(0 < x, 0, expm1(x))`) keeps that branch exactly zero too, even
    // where `inner` is infinite.
    let outer = partial(graph, node, index);
    scaled(graph, inner, outer, depth)
}

/// [`chain_term_at`] where `inner` holds conditions or `node` is one: the
/// conditions of `inner` stay outermost, so that a condition that is NaN
/// where its branch is not taken does not reach the term.
fn conditional_term(
    graph: &mut Graph,
    node: NodeId,
    index: usize,
    inner: NodeId,
    depth: usize,
) -> Option<NodeId> {
    let mut term = |graph: &mut Graph, inner: NodeId, depth: usize| {
        chain_term_at(graph, node, index, inner, depth)
    };
    match piecewise::masked(graph, inner, depth, &mut term) {
        Some(term) => Some(term),
        None => piecewise::where_term(graph, node, index, inner),
    }
}

/// The factors of a product but the one at `index`.
fn all_but(factors: &[NodeId], index: usize) -> Ids {
    // One id at a time: the lists are short, and copying them as slices
    // costs a call to `memcpy` each.
    let mut others = Ids::new();
    for (position, &factor) in factors.iter().enumerate() {
        if position != index {
            others.push(factor);
        }
    }
    others
}

/// From this many wanted factors on, the terms of a product share its
/// prefix and suffix products instead of each holding all other factors.
const SHARED_PRODUCTS_FROM: usize = 4;

/// The chain rule's terms of a node, as `(operand index, term)`.
pub(crate) type Terms = Vec<(usize, NodeId)>;

/// The chain rule's term for every operand of `node` that has an inner
/// derivative (`inners[index]`): `terms` is emptied and filled with them (a
/// list of the caller's, filled in place, see ARCHITECTURE.md on the chain
/// rule's lists). Each term of a product holds all other factors: when many
/// are wanted, they are built from the products of the factors before and
/// after each one, so that the terms of a product with k factors cost O(k)
/// nodes and instructions, not O(k²).
pub(crate) fn chain_terms(
    graph: &mut Graph,
    node: NodeId,
    inners: &[Option<NodeId>],
    terms: &mut Terms,
) {
    terms.clear();
    let wanted = inners.iter().flatten().count();
    if let Node::Mul(factors) = graph.node(node)
        && wanted >= SHARED_PRODUCTS_FROM
    {
        let factors = Ids::from_slice(factors);
        let others = products_of_others(graph, &factors);
        for (index, (inner, others)) in inners.iter().zip(others).enumerate() {
            if let Some(inner) = *inner {
                terms.push((index, scaled(graph, others, inner, 0)));
            }
        }
        return;
    }
    for (index, inner) in inners.iter().enumerate() {
        if let Some(inner) = *inner {
            terms.push((index, chain_term(graph, node, index, inner)));
        }
    }
}

/// `factor * inner`, with the conditions of `inner` kept outside (see
/// [`piecewise::masked`]).
fn scaled(graph: &mut Graph, factor: NodeId, inner: NodeId, depth: usize) -> NodeId {
    if !graph.has_conditions() {
        return graph.mul2(factor, inner);
    }
    let mut term =
        |graph: &mut Graph, inner: NodeId, depth: usize| scaled(graph, factor, inner, depth);
    match piecewise::masked(graph, inner, depth, &mut term) {
        Some(term) => term,
        None => graph.mul2(factor, inner),
    }
}

/// For each position, the product of all factors but that one, as the
/// product of a prefix and a suffix: each prefix is the one before it times
/// one factor, so all of them together take about 3k multiplications.
fn products_of_others(graph: &mut Graph, factors: &[NodeId]) -> Vec<NodeId> {
    let one = graph.one();
    let mut prefixes = Vec::with_capacity(factors.len());
    let mut prefix = one;
    for &factor in factors {
        prefixes.push(prefix);
        prefix = graph.mul2(prefix, factor);
    }
    let mut others = vec![one; factors.len()];
    let mut suffix = one;
    for (index, &factor) in factors.iter().enumerate().rev() {
        others[index] = graph.mul2(prefixes[index], suffix);
        suffix = graph.mul2(factor, suffix);
    }
    others
}

/// ∂ node / ∂ (its operand number `index`).
pub(crate) fn partial(graph: &mut Graph, node: NodeId, index: usize) -> NodeId {
    match graph.node(node) {
        Node::Num(_) | Node::Const(_) | Node::Var(_) => graph.zero(),
        Node::Add(_) => graph.one(),
        Node::Mul(factors) => {
            let others = all_but(factors, index);
            graph.mul(&others)
        }
        &Node::Pow([base, exponent]) => {
            if index == 0 {
                power_partial_base(graph, base, exponent)
            } else {
                power_partial_exponent(graph, node, base)
            }
        }
        Node::Call(func, args) => {
            let (func, args): (Func, SmallVec<[NodeId; 2]>) = (*func, SmallVec::from_slice(args));
            call_partial(graph, node, func, &args, index)
        }
    }
}

/// d/du u^n = n*u^(n-1).
fn power_partial_base(graph: &mut Graph, base: NodeId, exponent: NodeId) -> NodeId {
    let minus_one = graph.num(Number::MINUS_ONE);
    let lowered = graph.add2(exponent, minus_one);
    let power = graph.pow(base, lowered);
    graph.mul2(exponent, power)
}

/// d/dv u^v = u^v*log(u).
fn power_partial_exponent(graph: &mut Graph, power: NodeId, base: NodeId) -> NodeId {
    let log_base = graph.call(Func::Log, &[base]);
    graph.mul2(power, log_base)
}

/// The outer derivative of a function call with respect to argument `index`,
/// from the function's entry in the table (`func/table.rs`).
fn call_partial(
    graph: &mut Graph,
    call: NodeId,
    func: Func,
    args: &[NodeId],
    index: usize,
) -> NodeId {
    let site = CallSite { call, args, index };
    (func.info().partial)(graph, site)
}
