//! Copying an expression from one graph into another, through the canonical
//! constructors, matching variables by name.

use crate::graph::{Graph, Node, NodeId};
use rustc_hash::FxHashMap;

/// The node in `target` that equals `root` of `source`.
pub fn import(target: &mut Graph, source: &Graph, root: NodeId) -> NodeId {
    let mut mapped: FxHashMap<NodeId, NodeId> = FxHashMap::default();
    for node in source.nodes_below(&[root]) {
        let children: Vec<NodeId> = source
            .node(node)
            .children()
            .iter()
            .map(|child| mapped.get(child).copied().unwrap_or(*child))
            .collect();
        let copy = match source.node(node) {
            Node::Num(number) => target.num(*number),
            Node::Const(constant) => target.constant(*constant),
            Node::Var(var) => target.var(source.var_name(*var)),
            Node::Add(_) => target.add(&children),
            Node::Mul(_) => target.mul(&children),
            Node::Pow(_) => target.pow(children[0], children[1]),
            Node::Call(func, _) => target.call(*func, &children),
        };
        mapped.insert(node, copy);
    }
    mapped.get(&root).copied().unwrap_or(root)
}
