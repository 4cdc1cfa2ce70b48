//! Forward differentiation, memoized over the DAG: every node that depends on
//! the variable is differentiated once, however often it is shared.

use crate::graph::{Graph, Ids, NodeId, VarId};
use crate::rules::chain_terms;
use smallvec::SmallVec;

/// Differentiates any number of expressions with respect to one variable,
/// remembering the derivative of every node it has seen, so expressions that
/// share subexpressions (the entries of a gradient) share the work.
#[derive(Debug)]
pub struct Differentiator {
    var: VarId,
    /// The derivative of each node seen so far, indexed by node id (a dense
    /// table: nodes are numbered from 0, and looking one up is the hot path).
    memo: Vec<Option<NodeId>>,
}

impl Differentiator {
    pub fn new(var: VarId) -> Self {
        Self {
            var,
            memo: Vec::new(),
        }
    }

    /// d root / d var.
    pub fn diff(&mut self, graph: &mut Graph, root: NodeId) -> NodeId {
        // Most entries of a sparse Hessian: nothing to traverse.
        if !graph.may_depend_on(root, self.var) {
            return graph.zero();
        }
        let pending = self.pending_nodes(graph, root);
        if let Some(&last) = pending.last() {
            let needed = (last.index() + 1).max(self.memo.len());
            self.memo.resize(needed, None);
        }
        for node in pending {
            let derivative = self.diff_node(graph, node);
            self.memo[node.index()] = Some(derivative);
        }
        self.derivative_of(graph, root)
    }

    /// The nodes below `root` that may depend on the variable and have no
    /// derivative yet, children before parents.
    fn pending_nodes(&self, graph: &Graph, root: NodeId) -> Vec<NodeId> {
        graph.nodes_below_where(&[root], |node| {
            graph.may_depend_on(node, self.var) && self.memo_of(node).is_none()
        })
    }

    fn memo_of(&self, node: NodeId) -> Option<NodeId> {
        self.memo.get(node.index()).copied().flatten()
    }

    fn derivative_of(&self, graph: &mut Graph, node: NodeId) -> NodeId {
        self.memo_of(node).unwrap_or_else(|| graph.zero())
    }

    /// The chain rule, once for every kind of node: the sum over operands of
    /// (∂ node / ∂ operand) * (d operand / d var).
    fn diff_node(&mut self, graph: &mut Graph, node: NodeId) -> NodeId {
        if let crate::graph::Node::Var(var) = graph.node(node) {
            return if *var == self.var {
                graph.one()
            } else {
                graph.zero()
            };
        }
        let mut inners: SmallVec<[Option<NodeId>; 8]> = SmallVec::new();
        for &operand in graph.node(node).children() {
            // Nodes without a derivative yet do not depend on the variable.
            let inner = self.memo_of(operand).filter(|&inner| {
                !graph
                    .as_number(inner)
                    .is_some_and(|number| number.is_zero())
            });
            inners.push(inner);
        }
        match chain_terms(graph, node, &inners).as_slice() {
            [] => graph.zero(),
            [(_, only)] => *only,
            [(_, first), (_, second)] => graph.add(&[*first, *second]),
            terms => {
                let terms: Ids = terms.iter().map(|&(_, term)| term).collect();
                graph.add(&terms)
            }
        }
    }
}

/// d root / d var.
pub fn diff(graph: &mut Graph, root: NodeId, var: VarId) -> NodeId {
    Differentiator::new(var).diff(graph, root)
}

/// The highest order of derivative the command line and `diff!` take: the
/// derivatives of most expressions grow with the order, and beyond this they
/// are larger than any use justifies.
pub const MAX_ORDER: usize = 64;

/// The `order`-th derivative of root with respect to var (order 0 is root).
pub fn diff_n(graph: &mut Graph, root: NodeId, var: VarId, order: usize) -> NodeId {
    (0..order).fold(root, |expr, _| diff(graph, expr, var))
}
