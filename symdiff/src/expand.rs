//! Expansion, the one simplification that is never automatic: products of
//! sums and positive integer powers of sums are multiplied out, bottom-up.
//! It is bounded: a product whose expansion would exceed [`MAX_TERMS`] terms
//! is left factored, so `expand` always terminates quickly.

use crate::graph::{Graph, Node, NodeId};
use crate::rewrite::{rebuild, rewrite_bottom_up};

/// The most terms one expanded product may have.
pub const MAX_TERMS: usize = 10_000;

/// `root` with products of sums multiplied out (like terms collected).
pub fn expand(graph: &mut Graph, root: NodeId) -> NodeId {
    let expanded = rewrite_bottom_up(graph, &[root], |graph, node, children| {
        match graph.node(node) {
            Node::Mul(_) => expand_product(graph, children),
            Node::Pow(_) => expand_power(graph, children[0], children[1]),
            _ => rebuild(graph, node, children),
        }
    });
    expanded[0]
}

/// `base^n` for a small positive integer `n` and a sum `base`, multiplied out.
fn expand_power(graph: &mut Graph, base: NodeId, exponent: NodeId) -> NodeId {
    let repeat = graph
        .as_number(exponent)
        .and_then(|n| n.as_integer())
        .filter(|&n| (2..=64).contains(&n));
    match (graph.node(base), repeat) {
        (Node::Add(_), Some(n)) => {
            let factors = vec![base; usize::try_from(n).unwrap_or(0)];
            expand_product(graph, &factors)
        }
        _ => graph.pow(base, exponent),
    }
}

/// The product of `factors` as a sum of products, or the plain product if
/// that sum would have more than [`MAX_TERMS`] terms.
fn expand_product(graph: &mut Graph, factors: &[NodeId]) -> NodeId {
    let mut terms: Vec<NodeId> = vec![graph.one()];
    for &factor in factors {
        let addends: Vec<NodeId> = match graph.node(factor) {
            Node::Add(addends) => addends.to_vec(),
            _ => vec![factor],
        };
        if terms.len().saturating_mul(addends.len()) > MAX_TERMS {
            return graph.mul(factors);
        }
        let mut next = Vec::with_capacity(terms.len() * addends.len());
        for &term in &terms {
            for &addend in &addends {
                next.push(graph.mul2(term, addend));
            }
        }
        // Collect like terms as we go, so powers of sums stay small.
        let collected = graph.add(&next);
        terms = match graph.node(collected) {
            Node::Add(collected_terms) => collected_terms.to_vec(),
            _ => vec![collected],
        };
    }
    graph.add(&terms)
}
