//! Gradients by reverse accumulation over the DAG, and Hessians by forward
//! differentiation of the gradient (forward over reverse): a gradient over n
//! variables is one backward sweep, not n forward passes.

use crate::diff::Differentiator;
use crate::graph::{Graph, Ids, NodeId, VarId, VarMask};
use crate::rules::{Terms, chain_terms};
use smallvec::SmallVec;

/// How many new nodes a gradient is expected to create at most for each
/// node below its root that depends on its variables, for
/// [`Graph::reserve_at_most`] (a Hessian reserves as many again as the
/// graph holds, see [`Graph::reserve`]: sparse ones create few). Going
/// beyond it costs a rehash of the interning table, nothing else.
const GROWTH: usize = 4;

/// The partial derivatives of `root` with respect to each of `vars`, in order.
pub fn gradient(graph: &mut Graph, root: NodeId, vars: &[VarId]) -> Vec<NodeId> {
    let wrt_mask = VarId::mask_of(vars.iter().copied());
    let relevant = relevant_nodes(graph, root, wrt_mask);
    graph.reserve_at_most(GROWTH * relevant.len());
    // Contributions and adjoints are indexed by node id (no id below the
    // root exceeds it). Most nodes have a few parents: up to four
    // contributions stay inline, in the room of a heap pointer and length.
    let mut contributions: Vec<SmallVec<[NodeId; 4]>> = vec![SmallVec::new(); root.index() + 1];
    let one = graph.one();
    contributions[root.index()].push(one);
    let mut adjoints: Vec<Option<NodeId>> = vec![None; root.index() + 1];
    // The chain rule's lists for the node being visited are kept from node
    // to node and filled in place (see ARCHITECTURE.md on the chain rule's
    // lists). The loop stays in one function: a struct holding the sweep's
    // tables, visited node by node, was 2% slower on ode200.
    let (mut inners, mut terms) = (Vec::new(), Terms::new());
    for &node in relevant.iter().rev() {
        let parts = std::mem::take(&mut contributions[node.index()]);
        if parts.is_empty() {
            continue;
        }
        let adjoint = crate::piecewise::sum(graph, &parts);
        adjoints[node.index()] = Some(adjoint);
        if graph
            .as_number(adjoint)
            .is_some_and(|number| number.is_zero())
        {
            continue;
        }
        let operands: Ids = SmallVec::from_slice(graph.node(node).children());
        inners.clear();
        inners.extend(
            operands
                .iter()
                .map(|&operand| (graph.var_mask(operand) & wrt_mask != 0).then_some(adjoint)),
        );
        chain_terms(graph, node, &inners, &mut terms);
        for &(index, contribution) in &terms {
            contributions[operands[index].index()].push(contribution);
        }
    }
    vars.iter()
        .map(|&var| {
            let var_node = graph.var_node(var);
            adjoints
                .get(var_node.index())
                .copied()
                .flatten()
                .unwrap_or_else(|| graph.zero())
        })
        .collect()
}

/// The nodes below `root` whose variables meet `wrt_mask`, in ascending
/// (topological) order.
fn relevant_nodes(graph: &Graph, root: NodeId, wrt_mask: VarMask) -> Vec<NodeId> {
    graph.nodes_below_where(&[root], |node| graph.var_mask(node) & wrt_mask != 0)
}

/// The symmetric Hessian of `root`: each pair (i, j) with i <= j is computed
/// once, as d(∂root/∂x_i)/dx_j, by one sweep per x_j whose memo all the
/// gradient entries share.
pub fn hessian(graph: &mut Graph, root: NodeId, vars: &[VarId]) -> Vec<Vec<NodeId>> {
    let gradient = gradient(graph, root, vars);
    hessian_from_gradient(graph, &gradient, vars)
}

/// The Hessian given the gradient already computed over the same `vars`.
pub fn hessian_from_gradient(
    graph: &mut Graph,
    gradient: &[NodeId],
    vars: &[VarId],
) -> Vec<Vec<NodeId>> {
    let zero = graph.zero();
    let mut hessian = vec![vec![zero; vars.len()]; vars.len()];
    for_each_hessian_entry(graph, gradient, vars, |row, col, entry| {
        hessian[row][col] = entry;
        hessian[col][row] = entry;
    });
    hessian
}

/// Builds each entry of the Hessian's triangle once and hands it to `visit`
/// as `(row, col, entry)`, by the positions in `vars` (either may be the
/// larger).
///
/// Each entry is built as ∂/∂q (∂root/∂p), where p is the one of the pair
/// whose name sorts first: the rule depends on the names, not on the order
/// of `vars`, so every entry is the same node whatever that order. An entry
/// whose gradient entry cannot depend on its variable costs no traversal
/// (see `Differentiator::diff`), so a sparse Hessian costs about its
/// non-zero entries.
pub(crate) fn for_each_hessian_entry(
    graph: &mut Graph,
    gradient: &[NodeId],
    vars: &[VarId],
    mut visit: impl FnMut(usize, usize, NodeId),
) {
    graph.reserve(graph.len());
    let mut by_name: Vec<usize> = (0..vars.len()).collect();
    by_name.sort_by(|&a, &b| graph.var_name(vars[a]).cmp(graph.var_name(vars[b])));
    let mut differentiator = Differentiator::unseeded();
    for (rank, &col) in by_name.iter().enumerate() {
        differentiator.restart(vars[col]);
        for &row in &by_name[..=rank] {
            let entry = differentiator.diff(graph, gradient[row]);
            visit(row, col, entry);
        }
    }
}
