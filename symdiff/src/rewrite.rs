//! Rewriting expressions bottom-up through the canonical constructors: the
//! one traversal that `expand` and `factor` (and any later rewrite) share.

use crate::graph::{Graph, Ids, Node, NodeId};
use rustc_hash::FxHashMap;

/// Rewrites every node below `roots`, children before parents: `rewrite`
/// receives a node with its children already rewritten and returns the node
/// that replaces it. Returns the replacements of the roots.
pub fn rewrite_bottom_up(
    graph: &mut Graph,
    roots: &[NodeId],
    mut rewrite: impl FnMut(&mut Graph, NodeId, &[NodeId]) -> NodeId,
) -> Vec<NodeId> {
    let mut rewritten: FxHashMap<NodeId, NodeId> = FxHashMap::default();
    for node in graph.nodes_below(roots) {
        let children: Ids = graph
            .node(node)
            .children()
            .iter()
            .map(|child| rewritten.get(child).copied().unwrap_or(*child))
            .collect();
        let replacement = rewrite(graph, node, &children);
        rewritten.insert(node, replacement);
    }
    roots
        .iter()
        .map(|root| rewritten.get(root).copied().unwrap_or(*root))
        .collect()
}

/// `node` with its children replaced by `children`, rebuilt through the
/// canonical constructors (the node itself when nothing changed).
pub fn rebuild(graph: &mut Graph, node: NodeId, children: &[NodeId]) -> NodeId {
    if children == graph.node(node).children() {
        return node;
    }
    match graph.node(node) {
        Node::Num(_) | Node::Const(_) | Node::Var(_) => node,
        Node::Add(_) => graph.add(children),
        Node::Mul(_) => graph.mul(children),
        Node::Pow(_) => graph.pow(children[0], children[1]),
        Node::Call(func, _) => {
            let func = *func;
            graph.call(func, children)
        }
    }
}
