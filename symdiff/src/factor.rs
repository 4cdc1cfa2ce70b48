//! Factoring, explicit like `expand`: in every sum whose terms share factors,
//! the shared factors are pulled out, `a*b*c + 2*a*b*d` → `a*b*(c + 2*d)`.
//!
//! Second derivatives by the product rule are sums of products that repeat
//! the same factors term after term; pulled out, the remaining sum is often
//! the same node in many entries of a Hessian, so printing with named shared
//! subexpressions names it once (the printed mlp16 Hessian shrinks about
//! fourfold). The value is unchanged up to rounding.

use crate::graph::{Graph, Ids, Node, NodeId};
use crate::rewrite::{rebuild, rewrite_bottom_up};

/// The roots with common factors pulled out of every sum, bottom-up.
pub fn factor_common(graph: &mut Graph, roots: &[NodeId]) -> Vec<NodeId> {
    rewrite_bottom_up(graph, roots, |graph, node, children| {
        match graph.node(node) {
            Node::Add(_) => {
                factor_sum(graph, children).unwrap_or_else(|| rebuild(graph, node, children))
            }
            _ => rebuild(graph, node, children),
        }
    })
}

/// A term as its numeric coefficient (if any) and its other factors.
fn split_term(graph: &Graph, term: NodeId) -> (Option<NodeId>, Ids) {
    match graph.node(term) {
        Node::Mul(factors) => {
            let coefficient = factors
                .first()
                .copied()
                .filter(|&first| graph.as_number(first).is_some());
            let rest = factors
                .iter()
                .copied()
                .filter(|&factor| graph.as_number(factor).is_none())
                .collect();
            (coefficient, rest)
        }
        Node::Num(_) => (Some(term), Ids::new()),
        _ => (None, Ids::from_slice(&[term])),
    }
}

/// `common * (sum of the rest)` when every term shares some factor.
fn factor_sum(graph: &mut Graph, terms: &[NodeId]) -> Option<NodeId> {
    let split: Vec<(Option<NodeId>, Ids)> =
        terms.iter().map(|&term| split_term(graph, term)).collect();
    let (_, first_factors) = split.first()?;
    let common: Ids = first_factors
        .iter()
        .copied()
        .filter(|factor| split.iter().all(|(_, factors)| factors.contains(factor)))
        .collect();
    if common.is_empty() {
        return None;
    }
    let reduced: Vec<NodeId> = split
        .iter()
        .map(|(coefficient, factors)| {
            let mut rest: Ids = coefficient.iter().copied().collect();
            rest.extend(
                factors
                    .iter()
                    .copied()
                    .filter(|factor| !common.contains(factor)),
            );
            if rest.is_empty() {
                graph.one()
            } else {
                graph.mul(&rest)
            }
        })
        .collect();
    let inner = graph.add(&reduced);
    let mut factors = common;
    factors.push(inner);
    Some(graph.mul(&factors))
}
