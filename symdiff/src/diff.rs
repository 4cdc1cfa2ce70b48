//! Forward differentiation, memoized over the DAG: every node that depends on
//! the variable is differentiated once, however often it is shared.

use crate::graph::{Graph, Ids, NodeId, VarId, VarMask};
use crate::rules::{Terms, chain_terms};
use smallvec::SmallVec;

/// Differentiates any number of expressions with respect to one variable,
/// or along a direction, remembering the derivative of every node it has
/// seen, so expressions that share subexpressions (the entries of a
/// gradient) share the work.
#[derive(Debug)]
pub struct Differentiator {
    /// The derivative of each variable that has one: `None` stands for 1
    /// (d/dx), a node for a direction's component (see [`Differentiator::along`]).
    seeds: SmallVec<[(VarId, Option<NodeId>); 1]>,
    /// The variables of `seeds` as bits (see [`Graph::var_mask`]).
    mask: VarMask,
    /// The derivative of each node seen so far, indexed by node id (a dense
    /// table: nodes are numbered from 0, and looking one up is the hot path),
    /// [`NodeId::NONE`] for the others (an id, not an `Option`, which takes
    /// twice the room in a table as long as the graph, read at random).
    memo: Vec<NodeId>,
    /// The nodes whose derivative `memo` holds, while they are few (see
    /// [`Differentiator::restart`]); `None` once they are many.
    filled: Option<Vec<NodeId>>,
    /// The derivative of each operand of the node being differentiated
    /// (`None` where it is 0), kept from node to node and filled in place
    /// (see ARCHITECTURE.md on the chain rule's lists).
    inners: Vec<Option<NodeId>>,
    /// The chain rule's terms of that node, kept the same way.
    terms: Terms,
}

/// The most derivatives a differentiator lists to clear them one by one on
/// a restart, in sixteenths of its table: past them, clearing the whole
/// table is cheaper.
const LISTED_SIXTEENTHS: usize = 1;

impl Differentiator {
    /// d/d var.
    pub fn new(var: VarId) -> Self {
        Self::seeded(SmallVec::from_slice(&[(var, None)]))
    }

    /// The derivative along a direction: d/dε of f(x + ε v) at ε = 0, that
    /// is Σ v_j ∂f/∂x_j, with `direction` giving each v_j as a node (the
    /// variables not listed have a zero component).
    pub fn along(direction: &[(VarId, NodeId)]) -> Self {
        Self::seeded(direction.iter().map(|&(var, v)| (var, Some(v))).collect())
    }

    /// A differentiator with no variable yet: [`Differentiator::restart`]
    /// gives it one, sweep after sweep.
    pub(crate) fn unseeded() -> Self {
        Self::seeded(SmallVec::new())
    }

    fn seeded(seeds: SmallVec<[(VarId, Option<NodeId>); 1]>) -> Self {
        Self {
            mask: mask_of(&seeds),
            seeds,
            memo: Vec::new(),
            filled: Some(Vec::new()),
            inners: Vec::new(),
            terms: Terms::new(),
        }
    }

    /// Forgets every derivative and differentiates with respect to `var`
    /// from now on, keeping the tables' memory: a sparse Hessian over many
    /// variables takes one sweep per variable, most of them short.
    pub fn restart(&mut self, var: VarId) {
        match &mut self.filled {
            Some(filled) => filled
                .drain(..)
                .for_each(|node| self.memo[node.index()] = NodeId::NONE),
            None => {
                self.memo.clear();
                self.filled = Some(Vec::new());
            }
        }
        self.seeds = SmallVec::from_slice(&[(var, None)]);
        self.mask = mask_of(&self.seeds);
    }

    fn may_depend(&self, graph: &Graph, node: NodeId) -> bool {
        graph.var_mask(node) & self.mask != 0
    }

    /// The derivative of `root`.
    pub fn diff(&mut self, graph: &mut Graph, root: NodeId) -> NodeId {
        // Most entries of a sparse Hessian: nothing to traverse.
        if !self.may_depend(graph, root) {
            return graph.zero();
        }
        let pending = self.pending_nodes(graph, root);
        if let Some(&last) = pending.last() {
            let needed = (last.index() + 1).max(self.memo.len());
            self.memo.resize(needed, NodeId::NONE);
        }
        for &node in &pending {
            let derivative = self.diff_node(graph, node);
            self.memo[node.index()] = derivative;
        }
        self.list_filled(&pending);
        self.derivative_of(graph, root)
    }

    /// Lists `nodes` as filled in, unless the list grows past
    /// `LISTED_SIXTEENTHS` of the table.
    fn list_filled(&mut self, nodes: &[NodeId]) {
        let limit = self.memo.len() * LISTED_SIXTEENTHS / 16;
        if let Some(filled) = &mut self.filled {
            match filled.len() + nodes.len() <= limit {
                true => filled.extend_from_slice(nodes),
                false => self.filled = None,
            }
        }
    }

    /// The nodes below `root` that may depend on the variable and have no
    /// derivative yet, children before parents.
    fn pending_nodes(&self, graph: &Graph, root: NodeId) -> Vec<NodeId> {
        graph.nodes_below_where(&[root], |node| {
            self.may_depend(graph, node) && self.memo_of(node).is_none()
        })
    }

    fn memo_of(&self, node: NodeId) -> Option<NodeId> {
        memo_entry(&self.memo, node)
    }

    fn derivative_of(&self, graph: &mut Graph, node: NodeId) -> NodeId {
        self.memo_of(node).unwrap_or_else(|| graph.zero())
    }

    /// The chain rule, once for every kind of node: the sum over operands of
    /// (∂ node / ∂ operand) * (d operand / d var).
    fn diff_node(&mut self, graph: &mut Graph, node: NodeId) -> NodeId {
        if let crate::graph::Node::Var(var) = graph.node(node) {
            let seed = self.seeds.iter().find(|(seeded, _)| seeded == var);
            return match seed {
                Some((_, Some(component))) => *component,
                Some((_, None)) => graph.one(),
                None => graph.zero(),
            };
        }
        // A branch's derivative is taken where the branch is: one `where`.
        if let Some((comparison, [l, r, a, b])) = graph.as_where(node) {
            let (a, b) = (self.derivative_of(graph, a), self.derivative_of(graph, b));
            return graph.select(comparison, l, r, a, b);
        }
        // Nodes without a derivative yet do not depend on the variable.
        let memo = &self.memo;
        let inner = |operand: &NodeId| {
            let derivative = memo_entry(memo, *operand)?;
            let zero = graph
                .as_number(derivative)
                .is_some_and(|number| number.is_zero());
            (!zero).then_some(derivative)
        };
        self.inners.clear();
        self.inners
            .extend(graph.node(node).children().iter().map(inner));
        chain_terms(graph, node, &self.inners, &mut self.terms);
        match self.terms.as_slice() {
            [] => graph.zero(),
            [(_, only)] => *only,
            [(_, first), (_, second)] => crate::piecewise::sum(graph, &[*first, *second]),
            terms => {
                let terms: Ids = terms.iter().map(|&(_, term)| term).collect();
                crate::piecewise::sum(graph, &terms)
            }
        }
    }
}

/// The derivative `memo` holds for `node`, if any.
fn memo_entry(memo: &[NodeId], node: NodeId) -> Option<NodeId> {
    memo.get(node.index())
        .copied()
        .filter(|&derivative| derivative != NodeId::NONE)
}

/// The variables of `seeds` as bits (see [`Graph::var_mask`]).
fn mask_of(seeds: &[(VarId, Option<NodeId>)]) -> VarMask {
    VarId::mask_of(seeds.iter().map(|&(var, _)| var))
}

/// d root / d var.
pub fn diff(graph: &mut Graph, root: NodeId, var: VarId) -> NodeId {
    Differentiator::new(var).diff(graph, root)
}

/// The highest order of derivative the command line and `diff!` compute
/// while the result is not 0: the derivatives of most expressions grow with
/// the order, and beyond this they are larger than any use justifies.
pub const MAX_ORDER: usize = 64;

/// The `order`-th derivative of root with respect to var (order 0 is root).
/// Differentiation stops as soon as the result is 0, since every further
/// derivative is 0 too: the 10^8-th derivative of `x` is found at once.
pub fn diff_n(graph: &mut Graph, root: NodeId, var: VarId, order: usize) -> NodeId {
    let mut expr = root;
    for _ in 0..order {
        if is_zero(graph, expr) {
            break;
        }
        expr = diff(graph, expr, var);
    }
    expr
}

/// Like [`diff_n`], for orders from the user: an order above [`MAX_ORDER`]
/// is an error unless the derivative becomes 0 by then.
pub fn diff_n_capped(
    graph: &mut Graph,
    root: NodeId,
    var: VarId,
    order: usize,
) -> Result<NodeId, crate::Error> {
    let derivative = diff_n(graph, root, var, order.min(MAX_ORDER));
    match order > MAX_ORDER && !is_zero(graph, derivative) {
        true => Err(crate::Error::OrderTooHigh {
            order,
            max: MAX_ORDER,
        }),
        false => Ok(derivative),
    }
}

fn is_zero(graph: &Graph, expr: NodeId) -> bool {
    graph.as_number(expr).is_some_and(|number| number.is_zero())
}
