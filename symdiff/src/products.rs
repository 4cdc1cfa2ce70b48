//! Products with a vector, built without forming the matrix: the
//! Jacobian-vector product (one forward sweep along the vector), the
//! vector-Jacobian product (one reverse sweep of the weighted sum of the
//! outputs), and the Hessian-vector product (forward over reverse: the
//! gradient, then its derivative along the vector). Each costs a small
//! constant times the function or its gradient, whatever the number of
//! variables; the Jacobian itself is built by whichever sweeps are fewer.

use crate::diff::Differentiator;
use crate::graph::{Graph, NodeId, VarId};

/// J·v: the derivative of each of `roots` along `direction` (each variable
/// with its component; the others have none).
pub fn jacobian_vector(
    graph: &mut Graph,
    roots: &[NodeId],
    direction: &[(VarId, NodeId)],
) -> Vec<NodeId> {
    let mut differentiator = Differentiator::along(direction);
    roots
        .iter()
        .map(|&root| differentiator.diff(graph, root))
        .collect()
}

/// uᵀ·J: the gradient over `vars` of Σ u_i root_i, one reverse sweep.
pub fn vector_jacobian(
    graph: &mut Graph,
    roots: &[NodeId],
    weights: &[NodeId],
    vars: &[VarId],
) -> Vec<NodeId> {
    let terms: Vec<NodeId> = roots
        .iter()
        .zip(weights)
        .map(|(&root, &weight)| graph.mul2(weight, root))
        .collect();
    let weighted = graph.add(&terms);
    crate::gradient::gradient(graph, weighted, vars)
}

/// H·v over `vars`: the derivative of the gradient along `direction` (one
/// component per variable of `vars`, in order).
pub fn hessian_vector(
    graph: &mut Graph,
    root: NodeId,
    vars: &[VarId],
    direction: &[NodeId],
) -> Vec<NodeId> {
    let gradient = crate::gradient::gradient(graph, root, vars);
    hessian_vector_from_gradient(graph, &gradient, vars, direction)
}

/// H·v given the gradient already computed over the same `vars`.
pub fn hessian_vector_from_gradient(
    graph: &mut Graph,
    gradient: &[NodeId],
    vars: &[VarId],
    direction: &[NodeId],
) -> Vec<NodeId> {
    let along: Vec<(VarId, NodeId)> = vars
        .iter()
        .copied()
        .zip(direction.iter().copied())
        .collect();
    jacobian_vector(graph, gradient, &along)
}

/// The Jacobian of `roots` over `vars`, one row per root: a reverse sweep per
/// root when there are no more roots than variables, else a forward sweep
/// per variable (each shared by all roots).
pub fn jacobian(graph: &mut Graph, roots: &[NodeId], vars: &[VarId]) -> Vec<Vec<NodeId>> {
    if roots.len() <= vars.len() {
        return roots
            .iter()
            .map(|&root| crate::gradient::gradient(graph, root, vars))
            .collect();
    }
    let mut differentiator = Differentiator::unseeded();
    let columns: Vec<Vec<NodeId>> = vars
        .iter()
        .map(|&var| {
            differentiator.restart(var);
            roots
                .iter()
                .map(|&root| differentiator.diff(graph, root))
                .collect()
        })
        .collect();
    (0..roots.len())
        .map(|row| columns.iter().map(|column| column[row]).collect())
        .collect()
}
