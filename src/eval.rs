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
    Ok(Evaluator::new(expr, roots, point)?.values(&[]))
}

/// One tape for `roots`, evaluated at a point and at points near it.
pub(crate) struct Evaluator {
    tape: Tape,
    /// The tape's inputs by name, in order.
    names: Vec<String>,
    /// The point's value of each input.
    inputs: Vec<f64>,
    n_outputs: usize,
}

impl Evaluator {
    /// Compiles `roots` (nodes of `expr`'s graph) for `point`, which needs a
    /// value for every variable of `expr`, even one that no root depends on.
    pub(crate) fn new(expr: &Expr, roots: &[NodeId], point: &Point) -> Result<Self, CliError> {
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
        Ok(Evaluator {
            tape,
            names,
            inputs,
            n_outputs: roots.len(),
        })
    }

    /// The roots' values at the point with the variables of `changes` set to
    /// other values (a name the roots do not read changes nothing).
    pub(crate) fn values(&self, changes: &[(&str, f64)]) -> Vec<f64> {
        let mut inputs = self.inputs.clone();
        for &(name, value) in changes {
            if let Some(index) = self.names.iter().position(|known| known == name) {
                inputs[index] = value;
            }
        }
        let mut outputs = vec![f64::NAN; self.n_outputs];
        // The inputs have the tape's length, so evaluation cannot fail; if it
        // did, every output would stay NaN.
        let _ = self.tape.eval(&inputs, &mut outputs);
        outputs
    }
}
