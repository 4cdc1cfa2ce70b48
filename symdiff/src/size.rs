//! How big an expression is: as a tree (every shared subexpression counted
//! each time it is used), as a DAG (counted once), and as instructions after
//! the lowering (`compile.rs`).

use crate::graph::{Graph, Node, NodeId};
use rustc_hash::FxHashMap;

/// The number of nodes of each root printed as a tree. Counted in `f64`, so
/// trees of astronomical size saturate instead of overflowing. A sum nested
/// in a sum (or a product in a product) counts as part of it, as the flat
/// formula it prints as (see `Graph::merges_nested`), so the size does
/// not depend on how the formula is nested.
pub fn tree_sizes(graph: &Graph, roots: &[NodeId]) -> Vec<f64> {
    let mut sizes: FxHashMap<NodeId, f64> = FxHashMap::default();
    let same_kind = |a: &Node, b: &Node| {
        matches!(
            (a, b),
            (Node::Add(_), Node::Add(_)) | (Node::Mul(_), Node::Mul(_))
        )
    };
    for node in graph.nodes_below(roots) {
        let children: f64 = graph
            .node(node)
            .children()
            .iter()
            .map(|child| {
                let size = sizes.get(child).copied().unwrap_or(0.0);
                match same_kind(graph.node(node), graph.node(*child)) {
                    true => size - 1.0,
                    false => size,
                }
            })
            .sum();
        sizes.insert(node, 1.0 + children);
    }
    roots
        .iter()
        .map(|root| sizes.get(root).copied().unwrap_or(0.0))
        .collect()
}

/// The number of distinct nodes below all of `roots` together.
pub fn dag_size(graph: &Graph, roots: &[NodeId]) -> usize {
    graph.nodes_below(roots).len()
}
