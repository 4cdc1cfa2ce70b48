//! The run-time API: expressions that read like the math, with no arenas, ids
//! or lifetimes in sight.
//!
//! An [`Expr`] is a handle to a node of a shared, reference-counted graph.
//! Expressions derived from one another (a derivative, a gradient, a sum)
//! share their graph, so common subexpressions are stored and differentiated
//! once. Combining expressions from different graphs copies one into the other.

use crate::compile::Tape;
use crate::error::Error;
use crate::graph::{Graph, NodeId, VarId};
use crate::steps::Steps;
use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

/// A symbolic expression.
///
/// ```
/// use symdiff::Expr;
/// let loss = Expr::parse("(sigmoid(w*x + b) - t)^2").unwrap();
/// let d_loss_d_b = loss.diff("b");
/// assert_eq!(d_loss_d_b.to_string(), "2*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)");
/// let value = d_loss_d_b.eval(&[("w", 0.5), ("b", 0.1), ("x", 2.0), ("t", 0.8)]).unwrap();
/// assert!((value - -0.018639).abs() < 1e-6);
/// ```
///
/// A parsed program's named steps are things to differentiate by, as in
/// backpropagation (see [`Expr::steps`]):
///
/// ```
/// use symdiff::Expr;
/// let loss = Expr::parse("z = w*x + b; y = sigmoid(z); (y - t)^2").unwrap();
/// let adjoint = loss.diff("z");
/// assert_eq!(adjoint.to_string(), "2*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)");
/// assert_eq!(adjoint.to_steps_text(), "z = b + w*x; y = sigmoid(z); 2*y*(1 - y)*(y - t)");
/// ```
#[derive(Clone)]
pub struct Expr {
    graph: Rc<RefCell<Graph>>,
    id: NodeId,
    /// The definitions of the program this expression was parsed from (or
    /// derived from), shared by everything derived from it.
    steps: Option<Rc<Steps>>,
}

impl Expr {
    /// Parses `source` (definitions allowed: `z = w*x + b; sigmoid(z)`) into a
    /// new graph. Variables are numbered in order of first appearance.
    pub fn parse(source: &str) -> Result<Expr, Error> {
        Self::parse_with_max_nodes(source, crate::graph::DEFAULT_MAX_NODES)
    }

    /// Like [`Expr::parse`], in a graph with a node budget of `max_nodes`
    /// (see [`Expr::check_budget`]).
    pub fn parse_with_max_nodes(source: &str, max_nodes: usize) -> Result<Expr, Error> {
        let program = symdiff_parser::parse(source)?;
        let mut graph = Graph::new();
        graph.set_max_nodes(max_nodes);
        // About one node per four bytes of source, so lowering does not
        // grow the tables step by step, and room for its derivatives.
        graph.reserve_with_room(source.len() / 4);
        let lowered = crate::lower::lower_program_with(&mut graph, &program, source, &[])?;
        let id = lowered.root;
        let steps = (!lowered.definitions.is_empty()).then(|| Rc::new(Steps::new(source, lowered)));
        let expr = Expr {
            graph: Rc::new(RefCell::new(graph)),
            id,
            steps,
        };
        expr.check_budget()?;
        Ok(expr)
    }

    /// Sets the node budget of this expression's graph (at most 2^32 - 1
    /// nodes, however large `max_nodes` is: see [`Graph::set_max_nodes`]).
    pub fn set_max_nodes(&self, max_nodes: usize) {
        self.graph.borrow_mut().set_max_nodes(max_nodes);
    }

    /// `Err(Error::NodeBudget)` once anything built in this expression's
    /// graph has met its node budget: derivatives built since are NaN.
    pub fn check_budget(&self) -> Result<(), Error> {
        let graph = self.graph.borrow();
        match graph.budget_exceeded() {
            true => Err(Error::NodeBudget {
                max_nodes: graph.max_nodes(),
            }),
            false => Ok(()),
        }
    }

    /// Wraps a node of a graph (for callers that build graphs directly: the
    /// macros and the command line).
    #[doc(hidden)]
    pub fn from_graph(graph: Rc<RefCell<Graph>>, id: NodeId) -> Expr {
        Expr {
            graph,
            id,
            steps: None,
        }
    }

    /// The graph this expression lives in (for the macros and the command
    /// line, which work on the graph directly).
    #[doc(hidden)]
    pub fn graph(&self) -> &Rc<RefCell<Graph>> {
        &self.graph
    }

    /// The expression's node in its graph.
    #[doc(hidden)]
    pub fn id(&self) -> NodeId {
        self.id
    }

    fn with(&self, id: NodeId) -> Expr {
        Expr {
            graph: Rc::clone(&self.graph),
            id,
            steps: self.steps.clone(),
        }
    }

    /// The named steps (definitions) of the program this expression was
    /// parsed from, if it had any.
    pub fn steps(&self) -> Option<&Steps> {
        self.steps.as_deref()
    }

    /// The steps, if this is a parsed program's final expression and `name`
    /// is one of its steps: then derivatives by `name` are taken with respect
    /// to that step.
    fn steps_with(&self, name: &str) -> Option<&Steps> {
        self.steps()
            .filter(|steps| steps.root() == self.id && steps.is_step(name))
    }

    /// Printed in terms of the program's named steps that it uses, as a
    /// program (`z = b + w*x; y = sigmoid(z); 2*y*(1 - y)*(y - t)`), which
    /// reads back to the same value; plain text when it uses none.
    pub fn to_steps_text(&self) -> String {
        let graph = self.graph.borrow();
        let definitions = crate::print::Definitions::steps(&graph, &[self.id], self.steps())
            .used_in_print(&graph, &[self.id]);
        let mut out = String::new();
        definitions.write_prefix(&graph, &mut out);
        out.push_str(&crate::print::to_text_with(&graph, self.id, &definitions));
        out
    }

    /// The variables this expression depends on, in order of first appearance.
    pub fn variables(&self) -> Vec<String> {
        let graph = self.graph.borrow();
        variables_of(&graph, &[self.id])
            .into_iter()
            .map(|var| graph.var_name(var).to_owned())
            .collect()
    }

    fn var_ids(&self, names: &[&str]) -> Vec<VarId> {
        let mut graph = self.graph.borrow_mut();
        names.iter().map(|name| graph.var_id(name)).collect()
    }

    /// d self / d var (zero when `var` does not occur). For a parsed
    /// program, `var` may name one of its steps: `z` in `z = w*x + b;
    /// sigmoid(z)` gives the derivative by `z` holding `w`, `x` and `b`
    /// fixed (the adjoint of `z`).
    pub fn diff(&self, var: &str) -> Expr {
        self.diff_n(var, 1)
    }

    /// The `order`-th derivative with respect to `var` (a variable, or a
    /// step as for [`Expr::diff`]). It stops as soon as it is 0.
    pub fn diff_n(&self, var: &str, order: usize) -> Expr {
        let differentiate = |graph: &mut Graph, root, var| {
            Ok::<NodeId, std::convert::Infallible>(crate::diff::diff_n(graph, root, var, order))
        };
        match self.diff_by(var, differentiate) {
            Ok(expr) => expr,
            Err(never) => match never {},
        }
    }

    /// Like [`Expr::diff_n`], for an order from the user: above
    /// [`crate::diff::MAX_ORDER`], an error unless the derivative is 0 by then.
    pub fn try_diff_n(&self, var: &str, order: usize) -> Result<Expr, Error> {
        self.diff_by(var, |graph, root, var| {
            crate::diff::diff_n_capped(graph, root, var, order)
        })
    }

    fn diff_by<E>(
        &self,
        name: &str,
        differentiate: impl FnOnce(&mut Graph, NodeId, VarId) -> Result<NodeId, E>,
    ) -> Result<Expr, E> {
        if let Some(steps) = self.steps_with(name) {
            let by_step =
                crate::steps::diff_step(&mut self.graph.borrow_mut(), steps, name, differentiate);
            if let Some(result) = by_step {
                return result.map(|id| self.with(id));
            }
            return Ok(self.with(self.graph.borrow_mut().zero()));
        }
        let var = self.var_ids(&[name])[0];
        let id = differentiate(&mut self.graph.borrow_mut(), self.id, var)?;
        Ok(self.with(id))
    }

    /// The partial derivatives with respect to `vars`, in order, by one
    /// reverse sweep (a parsed program's steps may be among them, as for
    /// [`Expr::diff`]).
    pub fn gradient(&self, vars: &[&str]) -> Vec<Expr> {
        if let Some(steps) = self
            .steps
            .as_deref()
            .filter(|steps| steps.root() == self.id)
        {
            let ids = crate::steps::gradient_with_steps(&mut self.graph.borrow_mut(), steps, vars);
            return ids.into_iter().map(|id| self.with(id)).collect();
        }
        let vars = self.var_ids(vars);
        let ids = crate::gradient::gradient(&mut self.graph.borrow_mut(), self.id, &vars);
        ids.into_iter().map(|id| self.with(id)).collect()
    }

    /// The symmetric matrix of second derivatives with respect to `vars`.
    ///
    /// `vars` are variables. Unlike [`Expr::diff`] and [`Expr::gradient`],
    /// this does not take derivatives by a program's steps: a step's name
    /// is a variable that does not occur, and its entries are 0 (the
    /// command line refuses such names; take a step's derivatives with
    /// [`Expr::diff_n`]).
    pub fn hessian(&self, vars: &[&str]) -> Vec<Vec<Expr>> {
        self.gradient_and_hessian(vars).1
    }

    /// The gradient and the Hessian with respect to `vars`, the Hessian built
    /// from the gradient (one reverse sweep for both).
    ///
    /// `vars` are variables, not a program's steps (see [`Expr::hessian`]).
    pub fn gradient_and_hessian(&self, vars: &[&str]) -> (Vec<Expr>, Vec<Vec<Expr>>) {
        let (gradient, hessian) = self.gradient_and_hessian_ids(vars);
        let hessian = hessian
            .into_iter()
            .map(|row| row.into_iter().map(|id| self.with(id)).collect())
            .collect();
        (
            gradient.into_iter().map(|id| self.with(id)).collect(),
            hessian,
        )
    }

    /// Like [`Expr::gradient_and_hessian`], as the ids of the results in this
    /// expression's graph: a Hessian over a hundred variables is ten
    /// thousand entries, and handles to them cost more than building the
    /// sparse ones.
    pub fn gradient_and_hessian_ids(&self, vars: &[&str]) -> (Vec<NodeId>, Vec<Vec<NodeId>>) {
        let vars = self.var_ids(vars);
        let mut graph = self.graph.borrow_mut();
        let gradient = crate::gradient::gradient(&mut graph, self.id, &vars);
        let hessian = crate::gradient::hessian_from_gradient(&mut graph, &gradient, &vars);
        (gradient, hessian)
    }

    /// The Jacobian of several expressions over `vars`, one row per
    /// expression, built by the fewer sweeps: one reverse sweep per
    /// expression, or one forward sweep per variable when there are more
    /// expressions than variables.
    ///
    /// `vars` are variables, not a program's steps (see [`Expr::hessian`]).
    pub fn jacobian(exprs: &[Expr], vars: &[&str]) -> Vec<Vec<Expr>> {
        let Some(first) = exprs.first() else {
            return Vec::new();
        };
        let roots: Vec<NodeId> = exprs.iter().map(|expr| first.adopt(expr)).collect();
        let vars = first.var_ids(vars);
        let rows = crate::products::jacobian(&mut first.graph.borrow_mut(), &roots, &vars);
        rows.into_iter()
            .map(|row| row.into_iter().map(|id| first.with(id)).collect())
            .collect()
    }

    /// A number, as an expression of its own (for directions and weights).
    pub fn constant(value: f64) -> Expr {
        let mut graph = Graph::new();
        let id = graph.num(crate::number::Number::float(value));
        Expr {
            graph: Rc::new(RefCell::new(graph)),
            id,
            steps: None,
        }
    }

    /// H·v, the Hessian over `vars` times `direction` (one component per
    /// variable), without forming the Hessian: the gradient's derivative
    /// along the direction, a small constant times the gradient's cost.
    ///
    /// `vars` are variables, not a program's steps (see [`Expr::hessian`]).
    pub fn hessian_vector(&self, vars: &[&str], direction: &[Expr]) -> Result<Vec<Expr>, Error> {
        let components = self.components(direction, vars.len(), "variable")?;
        let vars = self.var_ids(vars);
        let ids = crate::products::hessian_vector(
            &mut self.graph.borrow_mut(),
            self.id,
            &vars,
            &components,
        );
        Ok(ids.into_iter().map(|id| self.with(id)).collect())
    }

    /// J·v, each expression's derivative along `direction` (one component
    /// per variable of `vars`): one forward sweep.
    pub fn jacobian_vector(
        exprs: &[Expr],
        vars: &[&str],
        direction: &[Expr],
    ) -> Result<Vec<Expr>, Error> {
        let Some(first) = exprs.first() else {
            return Ok(Vec::new());
        };
        let components = first.components(direction, vars.len(), "variable")?;
        let roots: Vec<NodeId> = exprs.iter().map(|expr| first.adopt(expr)).collect();
        let along: Vec<(VarId, NodeId)> = first.var_ids(vars).into_iter().zip(components).collect();
        let ids = crate::products::jacobian_vector(&mut first.graph.borrow_mut(), &roots, &along);
        Ok(ids.into_iter().map(|id| first.with(id)).collect())
    }

    /// uᵀ·J, the gradient over `vars` of `Σ weights[i]·exprs[i]`: one reverse
    /// sweep.
    pub fn vector_jacobian(
        exprs: &[Expr],
        weights: &[Expr],
        vars: &[&str],
    ) -> Result<Vec<Expr>, Error> {
        let Some(first) = exprs.first() else {
            return Ok(vec![Expr::constant(0.0); vars.len()]);
        };
        let weights = first.components(weights, exprs.len(), "expression")?;
        let roots: Vec<NodeId> = exprs.iter().map(|expr| first.adopt(expr)).collect();
        let vars = first.var_ids(vars);
        let ids = crate::products::vector_jacobian(
            &mut first.graph.borrow_mut(),
            &roots,
            &weights,
            &vars,
        );
        Ok(ids.into_iter().map(|id| first.with(id)).collect())
    }

    /// The Hessian over `vars` as its lower triangle's entries that are not
    /// identically zero, row by row (see [`crate::sparse`]).
    ///
    /// `vars` are variables, not a program's steps (see [`Expr::hessian`]).
    pub fn sparse_hessian(&self, vars: &[&str]) -> crate::sparse::SparseHessian<Expr> {
        let vars = self.var_ids(vars);
        let mut graph = self.graph.borrow_mut();
        let gradient = crate::gradient::gradient(&mut graph, self.id, &vars);
        let sparse = crate::sparse::sparse_hessian(&mut graph, &gradient, &vars);
        drop(graph);
        sparse.map(|id| self.with(id))
    }

    /// The ids of `parts` in this expression's graph, if there are `count`.
    fn components(
        &self,
        parts: &[Expr],
        count: usize,
        per: &'static str,
    ) -> Result<Vec<NodeId>, Error> {
        if parts.len() != count {
            return Err(Error::WrongComponentCount {
                expected: count,
                found: parts.len(),
                per,
            });
        }
        Ok(parts.iter().map(|part| self.adopt(part)).collect())
    }

    /// The value at a point given as `(name, value)` pairs; every variable of
    /// the expression needs a value, extra names are ignored.
    pub fn eval(&self, point: &[(&str, f64)]) -> Result<f64, Error> {
        let graph = self.graph.borrow();
        let mut values = vec![f64::NAN; graph.vars().count()];
        for &(name, value) in point {
            if let Some(var) = graph.find_var(name) {
                values[var.index()] = value;
            }
        }
        let given: Vec<&str> = point.iter().map(|&(name, _)| name).collect();
        if let Some(missing) = variables_of(&graph, &[self.id])
            .into_iter()
            .find(|&var| !given.contains(&graph.var_name(var)))
        {
            return Err(Error::MissingValue {
                name: graph.var_name(missing).to_owned(),
            });
        }
        Ok(crate::eval::eval_nodes(&graph, &[self.id], &values)[0])
    }

    /// Compiles several expressions of one graph into a [`Tape`] reading the
    /// variables `inputs` in this order.
    pub fn compile(outputs: &[Expr], inputs: &[&str]) -> Result<Tape, Error> {
        let Some(first) = outputs.first() else {
            return Tape::new(&Graph::new(), &[], &[]);
        };
        let ids: Vec<NodeId> = outputs.iter().map(|expr| first.adopt(expr)).collect();
        let inputs = first.var_ids(inputs);
        Tape::new(&first.graph.borrow(), &ids, &inputs)
    }

    /// The id of `other` in this expression's graph, copying it if needed.
    fn adopt(&self, other: &Expr) -> NodeId {
        if Rc::ptr_eq(&self.graph, &other.graph) {
            return other.id;
        }
        crate::import::import(
            &mut self.graph.borrow_mut(),
            &other.graph.borrow(),
            other.id,
        )
    }

    /// Products of sums multiplied out, like terms collected (bounded; see
    /// [`crate::expand::MAX_TERMS`]). Never done automatically.
    pub fn expand(&self) -> Expr {
        let id = crate::expand::expand(&mut self.graph.borrow_mut(), self.id);
        self.with(id)
    }

    /// Common factors pulled out of every sum (`a*b + a*c` is `a*(b + c)`).
    /// Never done automatically.
    pub fn factor(&self) -> Expr {
        let id = crate::factor::factor_common(&mut self.graph.borrow_mut(), &[self.id])[0];
        self.with(id)
    }

    /// The expression as LaTeX.
    pub fn to_latex(&self) -> String {
        crate::latex::to_latex(&self.graph.borrow(), self.id)
    }

    /// The expression as one presentation MathML `<math>` element.
    ///
    /// ```
    /// let f = symdiff::Expr::parse("x^2")?;
    /// assert_eq!(
    ///     f.to_mathml(),
    ///     "<math xmlns=\"http://www.w3.org/1998/Math/MathML\">\
    ///      <msup><mrow><mi>x</mi></mrow><mrow><mn>2</mn></mrow></msup></math>"
    /// );
    /// # Ok::<(), symdiff::Error>(())
    /// ```
    pub fn to_mathml(&self) -> String {
        crate::mathml::to_mathml(&self.graph.borrow(), self.id)
    }

    /// The number of nodes when printed as a tree.
    pub fn tree_size(&self) -> f64 {
        crate::size::tree_sizes(&self.graph.borrow(), &[self.id])[0]
    }

    /// The number of distinct nodes.
    pub fn dag_size(&self) -> usize {
        crate::size::dag_size(&self.graph.borrow(), &[self.id])
    }

    fn binary(
        &self,
        other: &Expr,
        build: impl FnOnce(&mut Graph, NodeId, NodeId) -> NodeId,
    ) -> Expr {
        let other = self.adopt(other);
        let id = build(&mut self.graph.borrow_mut(), self.id, other);
        self.with(id)
    }

    /// `self ^ exponent`.
    pub fn pow(&self, exponent: &Expr) -> Expr {
        self.binary(exponent, Graph::pow)
    }
}

/// The variables below `roots`, in order of creation (first appearance for a
/// parsed expression).
#[doc(hidden)]
pub fn variables_of(graph: &Graph, roots: &[NodeId]) -> Vec<VarId> {
    let mut vars: Vec<VarId> = graph
        .nodes_below(roots)
        .into_iter()
        .filter_map(|node| match graph.node(node) {
            crate::graph::Node::Var(var) => Some(*var),
            _ => None,
        })
        .collect();
    vars.sort_unstable();
    vars
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::print::to_text(&self.graph.borrow(), self.id))
    }
}

impl fmt::Debug for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Expr({self})")
    }
}

/// Structural equality: equal expressions are the same canonical node.
impl PartialEq for Expr {
    fn eq(&self, other: &Self) -> bool {
        self.adopt(other) == self.id
    }
}

macro_rules! binary_operator {
    ($trait:ident, $method:ident, $build:path) => {
        impl std::ops::$trait<&Expr> for &Expr {
            type Output = Expr;
            fn $method(self, other: &Expr) -> Expr {
                self.binary(other, $build)
            }
        }
        impl std::ops::$trait for Expr {
            type Output = Expr;
            fn $method(self, other: Expr) -> Expr {
                (&self).$method(&other)
            }
        }
    };
}

binary_operator!(Add, add, Graph::add2);
binary_operator!(Sub, sub, Graph::sub);
binary_operator!(Mul, mul, Graph::mul2);
binary_operator!(Div, div, Graph::div);

impl std::ops::Neg for &Expr {
    type Output = Expr;
    fn neg(self) -> Expr {
        let id = self.graph.borrow_mut().neg(self.id);
        self.with(id)
    }
}
