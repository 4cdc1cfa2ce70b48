//! Evaluating results at a point through one compiled tape.

use crate::error::CliError;
use crate::point::Point;
use symdiff::Expr;
use symdiff::compile::Tape;
use symdiff::graph::NodeId;

/// The values of `roots` (nodes of `expr`'s graph) at `point`. Every variable
/// of `expr` needs a value, even one that no root depends on.
pub(crate) fn values_at(
    expr: &Expr,
    roots: &[NodeId],
    point: &Point,
) -> Result<Vec<f64>, CliError> {
    let graph = expr.graph().borrow();
    let mut all_roots = vec![expr.id()];
    all_roots.extend_from_slice(roots);
    let vars = symdiff::variables_of(&graph, &all_roots);
    let names: Vec<String> = vars
        .iter()
        .map(|&var| graph.var_name(var).to_owned())
        .collect();
    let inputs = point.values_for(&names)?;
    let tape = Tape::new(&graph, roots, &vars)?;
    let mut outputs = vec![0.0; roots.len()];
    tape.eval(&inputs, &mut outputs)?;
    Ok(outputs)
}
