//! Print-time factoring of large results: in every sum whose terms share
//! factors, the shared factors are pulled out,
//! `a*b*c + 2*a*b*d` → `a*b*(c + 2*d)`.
//!
//! Second derivatives by the product rule are sums of products that repeat
//! the same factors term after term; pulled out, the remaining sum is often
//! the same node in many entries of a Hessian, so the definitions name it
//! once. For the mlp16 Hessian this divides the printed size by about four.
//! The value is unchanged (up to rounding); only large outputs are factored,
//! so small formulas print exactly as the engine builds them.

use std::collections::{HashMap, HashSet};
use symdiff::graph::{Graph, Node, NodeId};

/// The roots rebuilt bottom-up with common factors pulled out of sums.
pub(crate) fn factor_common(graph: &mut Graph, roots: &[NodeId]) -> Vec<NodeId> {
    let mut rebuilt: HashMap<NodeId, NodeId> = HashMap::new();
    for node in nodes_below(graph, roots) {
        let new_node = rebuild(graph, node, &rebuilt);
        rebuilt.insert(node, new_node);
    }
    roots
        .iter()
        .map(|root| rebuilt.get(root).copied().unwrap_or(*root))
        .collect()
}

/// Every node reachable from `roots`, children before parents.
fn nodes_below(graph: &Graph, roots: &[NodeId]) -> Vec<NodeId> {
    let mut seen: HashSet<NodeId> = HashSet::new();
    let mut stack: Vec<NodeId> = roots.to_vec();
    while let Some(node) = stack.pop() {
        if seen.insert(node) {
            stack.extend_from_slice(graph.node(node).children());
        }
    }
    let mut nodes: Vec<NodeId> = seen.into_iter().collect();
    nodes.sort_unstable();
    nodes
}

fn rebuild(graph: &mut Graph, node: NodeId, rebuilt: &HashMap<NodeId, NodeId>) -> NodeId {
    let original = graph.node(node).clone();
    let children: Vec<NodeId> = original
        .children()
        .iter()
        .map(|child| rebuilt.get(child).copied().unwrap_or(*child))
        .collect();
    let unchanged = children.as_slice() == original.children();
    match original {
        Node::Add(_) => factor_sum(graph, &children).unwrap_or_else(|| {
            if unchanged {
                node
            } else {
                graph.add(&children)
            }
        }),
        _ if unchanged => node,
        Node::Mul(_) => graph.mul(&children),
        Node::Pow(_) => graph.pow(children[0], children[1]),
        Node::Call(func, _) => graph.call(func, &children),
        Node::Num(_) | Node::Const(_) | Node::Var(_) => node,
    }
}

/// A term as its numeric coefficient (if any) and its other factors.
fn split_term(graph: &Graph, term: NodeId) -> (Option<NodeId>, Vec<NodeId>) {
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
        Node::Num(_) => (Some(term), Vec::new()),
        _ => (None, vec![term]),
    }
}

/// `common * (sum of the rest)` when every term shares some factor.
fn factor_sum(graph: &mut Graph, terms: &[NodeId]) -> Option<NodeId> {
    let split: Vec<(Option<NodeId>, Vec<NodeId>)> =
        terms.iter().map(|&term| split_term(graph, term)).collect();
    let (_, first_factors) = split.first()?;
    let common: Vec<NodeId> = first_factors
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
            let mut rest: Vec<NodeId> = coefficient.iter().copied().collect();
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
