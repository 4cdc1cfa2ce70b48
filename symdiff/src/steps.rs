//! Derivatives with respect to a program's named steps, the backward pass.
//!
//! In `z = w*x + b; y = sigmoid(z); (y - t)^2` the derivative with respect
//! to `z` is what backpropagation calls the adjoint of `z`: the derivative
//! of the final expression with respect to the intermediate, holding the
//! inputs of its definition fixed (`2*(y - t)*y*(1 - y)`). It is found by
//! lowering the program again with `z` standing for a fresh variable,
//! differentiating by that variable, and putting `z`'s value back in its
//! place, so the result is a node in terms of the inputs like any other
//! derivative, and prints in terms of the steps (`print::Definitions::steps`).

use crate::graph::{Graph, NodeId, VarId};
use crate::lower::{LoweredProgram, lower_program_with};
use crate::rewrite::{rebuild, rewrite_bottom_up};

/// The named steps of a parsed program: its definitions, with the value of
/// each in the graph it was parsed into.
#[derive(Debug, Clone)]
pub struct Steps {
    source: String,
    root: NodeId,
    definitions: Vec<(String, NodeId)>,
}

impl Steps {
    pub fn new(source: &str, lowered: LoweredProgram) -> Steps {
        Steps {
            source: source.to_owned(),
            root: lowered.root,
            definitions: lowered.definitions,
        }
    }

    /// The program's final expression.
    pub fn root(&self) -> NodeId {
        self.root
    }

    /// Each definition's name and value, in the order written (a name
    /// defined twice appears twice; the final expression sees the last).
    pub fn definitions(&self) -> &[(String, NodeId)] {
        &self.definitions
    }

    /// The definition of `name` that the final expression sees.
    fn index(&self, name: &str) -> Option<usize> {
        self.definitions
            .iter()
            .rposition(|(defined, _)| defined == name)
    }

    /// Whether `name` is one of the program's steps.
    pub fn is_step(&self, name: &str) -> bool {
        self.index(name).is_some()
    }

    /// The value of the step `name`.
    pub fn value(&self, name: &str) -> Option<NodeId> {
        self.index(name).map(|index| self.definitions[index].1)
    }
}

/// The variable that stands for the step `name` while its adjoint is taken:
/// a name no expression can write, so it never meets a user's variable.
fn hole_name(name: &str) -> String {
    format!("{name}'")
}

/// The derivative of the program's final expression with respect to its
/// step `name` (holding the inputs of the step's definition fixed), in
/// terms of the program's variables; `None` if `name` is not a step.
/// `differentiate` takes the derivative by the variable that stands for the
/// step (once, `order` times, or up to a cap).
pub fn diff_step<E>(
    graph: &mut Graph,
    steps: &Steps,
    name: &str,
    differentiate: impl FnOnce(&mut Graph, NodeId, VarId) -> Result<NodeId, E>,
) -> Option<Result<NodeId, E>> {
    let hole_var = step_variable(graph, steps, name)?;
    let lowered = lower_with_hole(graph, steps, name, hole_var)?;
    Some(
        differentiate(graph, lowered, hole_var)
            .map(|derivative| fill_hole(graph, steps, name, hole_var, derivative)),
    )
}

/// The first derivative with respect to the step `name`, if it is one.
pub fn adjoint(graph: &mut Graph, steps: &Steps, name: &str) -> Option<NodeId> {
    let differentiate = |graph: &mut Graph, root, var| {
        Ok::<NodeId, std::convert::Infallible>(crate::diff::diff(graph, root, var))
    };
    diff_step(graph, steps, name, differentiate).and_then(Result::ok)
}

/// The derivatives of the final expression with respect to each of
/// `names`, which may mix variables and steps: variables by one reverse
/// sweep over the program as parsed, each step by [`diff_step`].
pub fn gradient_with_steps(graph: &mut Graph, steps: &Steps, names: &[&str]) -> Vec<NodeId> {
    let vars: Vec<VarId> = names
        .iter()
        .filter(|name| !steps.is_step(name))
        .map(|name| graph.var_id(name))
        .collect();
    let mut by_vars = crate::gradient::gradient(graph, steps.root, &vars).into_iter();
    names
        .iter()
        .map(|name| match adjoint(graph, steps, name) {
            Some(adjoint) => adjoint,
            None => by_vars.next().unwrap_or_else(|| graph.zero()),
        })
        .collect()
}

fn step_variable(graph: &mut Graph, steps: &Steps, name: &str) -> Option<VarId> {
    steps.index(name)?;
    Some(graph.var_id(&hole_name(name)))
}

/// The final expression with the step `name` standing for the variable
/// `hole_var`.
fn lower_with_hole(
    graph: &mut Graph,
    steps: &Steps,
    name: &str,
    hole_var: VarId,
) -> Option<NodeId> {
    let index = steps.index(name)?;
    // The source parsed and lowered once already, so neither can fail now.
    let program = symdiff_parser::parse(&steps.source).ok()?;
    let hole = graph.var_node(hole_var);
    let lowered = lower_program_with(graph, &program, &steps.source, &[(index, hole)]).ok()?;
    Some(lowered.root)
}

/// `expr` with the step's value in place of its variable.
fn fill_hole(
    graph: &mut Graph,
    steps: &Steps,
    name: &str,
    hole_var: VarId,
    expr: NodeId,
) -> NodeId {
    let Some(value) = steps.value(name) else {
        return expr;
    };
    // The summary of the variables below a node proves most nodes free of
    // the hole without a visit.
    if graph.var_mask(expr) & hole_var.bit() == 0 {
        return expr;
    }
    let hole = graph.var_node(hole_var);
    let filled = rewrite_bottom_up(graph, &[expr], |graph, node, children| match node == hole {
        true => value,
        false => rebuild(graph, node, children),
    });
    filled[0]
}
