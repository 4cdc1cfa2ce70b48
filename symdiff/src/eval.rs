//! Direct evaluation of the DAG in IEEE arithmetic: one loop over the nodes
//! below the roots, children before parents. (The compiled form in
//! `compile.rs` is faster for repeated evaluation; this one is the simple
//! reference that tests compare it with.)

use crate::graph::{Graph, Node, NodeId};
use rustc_hash::FxHashMap;

/// The values of `roots`, given a value for every variable of the graph
/// (indexed by `VarId`). Domain errors give NaN or infinities.
pub fn eval_nodes(graph: &Graph, roots: &[NodeId], var_values: &[f64]) -> Vec<f64> {
    let nodes = graph.nodes_below(roots);
    let mut values: FxHashMap<NodeId, f64> = FxHashMap::default();
    for node in nodes {
        let value = eval_node(graph, node, var_values, &values);
        values.insert(node, value);
    }
    roots
        .iter()
        .map(|root| values.get(root).copied().unwrap_or(f64::NAN))
        .collect()
}

fn eval_node(
    graph: &Graph,
    node: NodeId,
    var_values: &[f64],
    values: &FxHashMap<NodeId, f64>,
) -> f64 {
    let value_of = |id: &NodeId| values.get(id).copied().unwrap_or(f64::NAN);
    match graph.node(node) {
        Node::Num(number) => number.to_f64(),
        Node::Const(constant) => constant.value(),
        Node::Var(var) => var_values.get(var.index()).copied().unwrap_or(f64::NAN),
        Node::Add(terms) => terms.iter().map(value_of).sum(),
        // The coefficient multiplies last, as the tape multiplies it
        // (`compile.rs`): `1e300*(x*y)` at x = 1e300, y = -1e-300 is -1e300,
        // not -inf. (The tape orders the other factors by register and
        // divides by reciprocals, so overflows may still differ there.)
        Node::Mul(factors) => match factors.split_first() {
            Some((first, rest)) if graph.as_number(*first).is_some() => {
                rest.iter().map(value_of).product::<f64>() * value_of(first)
            }
            _ => factors.iter().map(value_of).product(),
        },
        Node::Pow([base, exponent]) => power(
            value_of(base),
            graph.as_number(*exponent),
            value_of(exponent),
        ),
        Node::Call(func, args) => {
            let values: smallvec::SmallVec<[f64; 4]> = args.iter().map(value_of).collect();
            func.eval(&values)
        }
    }
}

/// `base ^ exponent`, with an exact integer exponent computed by `powi`.
pub(crate) fn power(
    base: f64,
    exact_exponent: Option<crate::number::Number>,
    exponent: f64,
) -> f64 {
    match exact_exponent
        .and_then(|number| number.as_integer())
        .and_then(|n| i32::try_from(n).ok())
    {
        Some(n) => base.powi(n),
        None => base.powf(exponent),
    }
}
