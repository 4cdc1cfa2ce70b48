//! The chain rule step by step, as the course notebook writes a backward
//! pass by hand: the forward pass as named steps (the program's own
//! definitions, or else its natural subexpressions, `u1`, `u2`, ...), the
//! local derivative of each step by each step or variable it uses, and how
//! they multiply into the adjoint of every step and the final partials.
//!
//! The steps are lowered with each step's name standing for a variable of
//! its own (`lower::lower_program_with`), so a step's formula reads in terms
//! of the steps before it (`y = sigmoid(z)`), and a local derivative is an
//! ordinary derivative by such a variable, printed in terms of the steps
//! where one of them appears in it (`∂y/∂z = y*(1 - y)`).

use crate::error::Error;
use crate::graph::{Graph, Node, NodeId, VarId, post_order};
use crate::lower::lower_program_with;
use crate::print::{Definitions, is_trivial};
use crate::rewrite::{rebuild, rewrite_bottom_up};
use rustc_hash::{FxHashMap, FxHashSet};

/// Without definitions, natural steps are folded into their parents when
/// there are more than this many: a small expression shows every step.
const FOLD_ABOVE: usize = 12;

/// A natural step used once and printing as at most this many nodes (its
/// own steps counting as one) is folded into its parent when folding.
const SMALL_STEP: f64 = 5.0;

/// What a step or the final expression uses: an earlier step or a variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operand {
    Step(usize),
    Input(VarId),
}

/// One step of the forward pass.
#[derive(Debug, Clone)]
pub struct Step {
    pub name: String,
    /// The variable that stands for the step in later steps (none for the
    /// final expression).
    pub var: Option<VarId>,
    /// The step's formula in terms of earlier steps and the variables.
    pub formula: NodeId,
    /// The local derivative by each operand that leads to a variable of
    /// the backward pass, in terms of the steps.
    pub locals: Vec<(Operand, NodeId)>,
}

/// A program's forward and backward pass.
#[derive(Debug)]
pub struct Explanation {
    pub graph: Graph,
    /// The steps in forward order; the last is the final expression.
    pub steps: Vec<Step>,
    /// The variables of the backward pass, in the order asked for.
    pub inputs: Vec<VarId>,
    /// The adjoint of each step (d final / d step), in terms of the steps.
    pub step_adjoints: Vec<NodeId>,
    /// The derivative of the final expression by each input.
    pub input_adjoints: Vec<NodeId>,
    /// Whether the steps are the program's own definitions (rather than
    /// natural subexpressions named `u1`, `u2`, ...).
    pub named_by_user: bool,
}

/// The values of one pass at a point.
#[derive(Debug, Clone, PartialEq)]
pub struct PassValues {
    /// Each step's value, in forward order.
    pub steps: Vec<f64>,
    /// Each step's adjoint.
    pub step_adjoints: Vec<f64>,
    /// Each input's adjoint: the gradient.
    pub input_adjoints: Vec<f64>,
}

impl Explanation {
    /// Explains `source` with respect to `wrt` (every variable, in order of
    /// first appearance, when `None`).
    pub fn new(source: &str, wrt: Option<&[&str]>, max_nodes: usize) -> Result<Self, Error> {
        let program = symdiff_parser::parse(source)?;
        if program.definitions().is_empty() {
            // The variables in order of first appearance in `source`, not
            // in the program of natural steps.
            let variables = crate::Expr::parse_with_max_nodes(source, max_nodes)?.variables();
            let all: Vec<&str> = variables.iter().map(String::as_str).collect();
            let natural = natural_steps(source, max_nodes)?;
            if let Some(text) = natural {
                return Self::from_program(&text, Some(wrt.unwrap_or(&all)), max_nodes, false);
            }
        }
        Self::from_program(source, wrt, max_nodes, true)
    }

    fn from_program(
        source: &str,
        wrt: Option<&[&str]>,
        max_nodes: usize,
        named_by_user: bool,
    ) -> Result<Self, Error> {
        let plain = crate::Expr::parse_with_max_nodes(source, max_nodes)?;
        let variables = plain.variables();
        let program = symdiff_parser::parse(source)?;
        let mut graph = Graph::new();
        graph.set_max_nodes(max_nodes);
        let names: Vec<&str> = program.definitions().iter().map(|d| d.name).collect();
        let bind: Vec<(usize, NodeId)> = names
            .iter()
            .enumerate()
            .map(|(index, name)| (index, graph.var(name)))
            .collect();
        let lowered = lower_program_with(&mut graph, &program, source, &bind)?;
        // The steps are all shown; the backward pass ends at the variables.
        let inputs: Vec<VarId> = match wrt {
            Some(list) => list.to_vec(),
            None => variables.iter().map(String::as_str).collect(),
        }
        .into_iter()
        .filter(|name| !names.contains(name))
        .map(|name| graph.var_id(name))
        .collect();
        let final_name = ["L", "f", "loss"]
            .into_iter()
            .find(|name| !names.contains(name) && !variables.iter().any(|var| var == name))
            .unwrap_or("result");
        let mut steps: Vec<Step> = lowered
            .definitions
            .iter()
            .zip(&bind)
            .map(|((name, formula), &(_, var_node))| Step {
                name: name.clone(),
                var: var_of(&graph, var_node),
                formula: *formula,
                locals: Vec::new(),
            })
            .collect();
        steps.push(Step {
            name: final_name.to_owned(),
            var: None,
            formula: lowered.root,
            locals: Vec::new(),
        });
        let mut explanation = Explanation {
            graph,
            steps,
            inputs,
            step_adjoints: Vec::new(),
            input_adjoints: Vec::new(),
            named_by_user,
        };
        explanation.differentiate_locally();
        explanation.accumulate();
        Ok(explanation)
    }

    fn step_of_var(&self) -> FxHashMap<VarId, usize> {
        self.steps
            .iter()
            .enumerate()
            .filter_map(|(index, step)| Some((step.var?, index)))
            .collect()
    }

    /// Each step's derivative by each operand, in terms of the steps.
    fn differentiate_locally(&mut self) {
        let step_of_var = self.step_of_var();
        let inputs: FxHashSet<VarId> = self.inputs.iter().copied().collect();
        // A local derivative that contains a step's formula shows the step.
        let by_formula: FxHashMap<NodeId, NodeId> = self
            .steps
            .iter()
            .filter(|step| !is_trivial(&self.graph, step.formula))
            .filter_map(|step| Some((step.formula, self.graph.var_node(step.var?))))
            .collect();
        for index in 0..self.steps.len() {
            let formula = self.steps[index].formula;
            let operands: Vec<(Operand, VarId)> = crate::variables_of(&self.graph, &[formula])
                .into_iter()
                .filter_map(|var| match step_of_var.get(&var) {
                    Some(&step) => Some((Operand::Step(step), var)),
                    None => inputs.contains(&var).then_some((Operand::Input(var), var)),
                })
                .collect();
            let vars: Vec<VarId> = operands.iter().map(|&(_, var)| var).collect();
            let partials = crate::gradient::gradient(&mut self.graph, formula, &vars);
            let shown = rewrite_bottom_up(&mut self.graph, &partials, |graph, node, children| {
                match by_formula.get(&node) {
                    Some(&var) => var,
                    None => rebuild(graph, node, children),
                }
            });
            self.steps[index].locals = operands
                .iter()
                .zip(shown)
                .filter(|&(_, local)| !self.is_zero(local))
                .map(|(&(operand, _), local)| (operand, local))
                .collect();
        }
    }

    fn is_zero(&self, node: NodeId) -> bool {
        self.graph.as_number(node).is_some_and(|n| n.is_zero())
    }

    /// The adjoints, last step first: each is the sum over the steps that
    /// use it of their adjoint times their local derivative by it.
    fn accumulate(&mut self) {
        let n_steps = self.steps.len();
        let mut step_terms: Vec<Vec<NodeId>> = vec![Vec::new(); n_steps];
        let mut input_terms: FxHashMap<VarId, Vec<NodeId>> = FxHashMap::default();
        let mut step_adjoints = vec![self.graph.zero(); n_steps];
        for index in (0..n_steps).rev() {
            let adjoint = match index + 1 == n_steps {
                true => self.graph.one(),
                false => self.graph.add(&step_terms[index]),
            };
            step_adjoints[index] = adjoint;
            for &(operand, local) in &self.steps[index].locals {
                let term = self.graph.mul2(adjoint, local);
                match operand {
                    Operand::Step(step) => step_terms[step].push(term),
                    Operand::Input(var) => input_terms.entry(var).or_default().push(term),
                }
            }
        }
        self.input_adjoints = self
            .inputs
            .iter()
            .map(|var| {
                let terms = input_terms.get(var).cloned().unwrap_or_default();
                self.graph.add(&terms)
            })
            .collect();
        self.step_adjoints = step_adjoints;
    }

    /// The steps that use step `index` (or the input `var`), with their
    /// local derivatives by it, in forward order.
    pub fn users(&self, operand: Operand) -> Vec<(usize, NodeId)> {
        self.steps
            .iter()
            .enumerate()
            .flat_map(|(index, step)| {
                step.locals
                    .iter()
                    .filter(move |(used, _)| *used == operand)
                    .map(move |&(_, local)| (index, local))
            })
            .collect()
    }

    /// The forward and backward values at a point given as `(name,
    /// value)` pairs; every variable needs a value.
    pub fn values(&self, point: &[(&str, f64)]) -> Result<PassValues, Error> {
        let graph = &self.graph;
        let step_vars: FxHashSet<VarId> = self.steps.iter().filter_map(|step| step.var).collect();
        let mut env = vec![f64::NAN; graph.vars().count()];
        for var in graph.vars().filter(|var| !step_vars.contains(var)) {
            let name = graph.var_name(var);
            match point.iter().find(|(given, _)| *given == name) {
                Some(&(_, value)) => env[var.index()] = value,
                None if self.is_used(var) => {
                    return Err(Error::MissingValue {
                        name: name.to_owned(),
                    });
                }
                None => {}
            }
        }
        let eval = |env: &[f64], node: NodeId| crate::eval::eval_nodes(graph, &[node], env)[0];
        let mut steps = Vec::with_capacity(self.steps.len());
        for step in &self.steps {
            let value = eval(&env, step.formula);
            if let Some(var) = step.var {
                env[var.index()] = value;
            }
            steps.push(value);
        }
        let n_steps = self.steps.len();
        let mut step_adjoints = vec![0.0; n_steps];
        let mut input_adjoints: FxHashMap<VarId, f64> = FxHashMap::default();
        for index in (0..n_steps).rev() {
            if index + 1 == n_steps {
                step_adjoints[index] = 1.0;
            }
            let adjoint = step_adjoints[index];
            for &(operand, local) in &self.steps[index].locals {
                let term = adjoint * eval(&env, local);
                match operand {
                    Operand::Step(step) => step_adjoints[step] += term,
                    Operand::Input(var) => *input_adjoints.entry(var).or_default() += term,
                }
            }
        }
        Ok(PassValues {
            steps,
            step_adjoints,
            input_adjoints: self
                .inputs
                .iter()
                .map(|var| input_adjoints.get(var).copied().unwrap_or(0.0))
                .collect(),
        })
    }

    /// Whether some step's formula reads `var`.
    fn is_used(&self, var: VarId) -> bool {
        let formulas: Vec<NodeId> = self.steps.iter().map(|step| step.formula).collect();
        crate::variables_of(&self.graph, &formulas).contains(&var)
    }
}

fn var_of(graph: &Graph, node: NodeId) -> Option<VarId> {
    match graph.node(node) {
        Node::Var(var) => Some(*var),
        _ => None,
    }
}

/// The expression as a program of natural steps (`u1 = b + w*x; u2 =
/// sigmoid(u1); (u2 - t)^2`): every call and every argument of a call that
/// is not a variable or a number, and every subexpression used more than
/// once; with many of them, the small ones used once are folded into their
/// parents. `None` when there is no such step.
fn natural_steps(source: &str, max_nodes: usize) -> Result<Option<String>, Error> {
    let expr = crate::Expr::parse_with_max_nodes(source, max_nodes)?;
    let graph = expr.graph().borrow();
    let root = expr.id();
    let nodes = post_order(&graph, &[root]);
    let mut uses: FxHashMap<NodeId, usize> = FxHashMap::default();
    let mut call_operands: FxHashSet<NodeId> = FxHashSet::default();
    for &node in &nodes {
        let is_call = matches!(graph.node(node), Node::Call(..));
        for &child in graph.node(node).children() {
            *uses.entry(child).or_default() += 1;
            if is_call {
                call_operands.insert(child);
            }
        }
    }
    let candidate = |node: NodeId| {
        node != root
            && !is_trivial(&graph, node)
            && (matches!(graph.node(node), Node::Call(..))
                || call_operands.contains(&node)
                || uses.get(&node).copied().unwrap_or(0) > 1)
    };
    let fold = nodes.iter().filter(|&&node| candidate(node)).count() > FOLD_ABOVE;
    let mut sizes: FxHashMap<NodeId, f64> = FxHashMap::default();
    let taken: FxHashSet<&str> = graph.vars().map(|var| graph.var_name(var)).collect();
    let mut named: Vec<(NodeId, String)> = Vec::new();
    let mut named_set: FxHashSet<NodeId> = FxHashSet::default();
    let mut counter = 0;
    for &node in &nodes {
        let size = 1.0
            + graph
                .node(node)
                .children()
                .iter()
                .map(|child| match named_set.contains(child) {
                    true => 1.0,
                    false => sizes.get(child).copied().unwrap_or(1.0),
                })
                .sum::<f64>();
        sizes.insert(node, size);
        let used_once = uses.get(&node).copied().unwrap_or(0) <= 1;
        let folded = fold && used_once && size <= SMALL_STEP;
        if candidate(node) && !folded {
            let name = loop {
                counter += 1;
                let name = format!("u{counter}");
                if !taken.contains(name.as_str()) {
                    break name;
                }
            };
            named.push((node, name));
            named_set.insert(node);
        }
    }
    if named.is_empty() {
        return Ok(None);
    }
    let definitions = Definitions::named(named);
    let mut text = String::new();
    definitions.write_prefix(&graph, &mut text);
    text.push_str(&crate::print::to_text_with(&graph, root, &definitions));
    Ok(Some(text))
}
