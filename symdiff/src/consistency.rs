//! One self-check of the engine on one input, shared by the property tests and
//! the fuzz target (as regalloc2's checker is): whatever the input, the
//! engine must not panic, and on any expression it accepts
//! - canonical simplification preserves the value (against a plain evaluator
//!   of the syntax tree, which shares no code with the DAG),
//! - printing and parsing again gives the same DAG node,
//! - the reverse gradient, forward `diff` and the compiled tape agree,
//! - and derivatives agree with central differences where those are well
//!   conditioned.

use crate::compile::Tape;
use crate::graph::{Graph, NodeId, VarId};
use symdiff_parser::{AddOp, Expr as Ast, ExprId, ExprKind, MulOp, Program, UnaryOp};

/// What went wrong, in words fit for a test failure.
#[derive(Debug, Clone, PartialEq)]
pub struct Inconsistency(pub String);

/// Runs every check on `source` at a point holding one value per variable in
/// order of first appearance (missing values are 0.5).
pub fn check(source: &str, point: &[f64]) -> Result<(), Inconsistency> {
    let Some(Lowered {
        program,
        mut graph,
        root,
        values,
    }) = Lowered::new(source, point)
    else {
        return Ok(());
    };
    let vars: Vec<VarId> = graph.vars().collect();
    let evaluated = Evaluated::new(&graph, &program, root, &values);
    check_value_preserved(&program, &evaluated)?;
    check_no_invented_value(&graph, &program, &evaluated)?;
    check_print_roundtrip(&mut graph, root, &values)?;
    check_derivatives(&mut graph, root, &vars, &values)
}

/// Simplification never invents a value: wherever the literal IEEE
/// evaluation of the written tree is NaN, so is the simplified expression,
/// unless one of the identities that README's "What simplification assumes"
/// lists (`x/x = 1`, `x - x = 0`, `0*x = 0`) may have applied, which takes a
/// name written twice or a literal zero. The point may hold any values: 0,
/// infinities, NaN, extremes (missing values are 0.5).
pub fn check_never_invents(source: &str, point: &[f64]) -> Result<(), Inconsistency> {
    let Some(lowered) = Lowered::new(source, point) else {
        return Ok(());
    };
    let evaluated = Evaluated::new(
        &lowered.graph,
        &lowered.program,
        lowered.root,
        &lowered.values,
    );
    check_no_invented_value(&lowered.graph, &lowered.program, &evaluated)
}

/// The written tree evaluated literally (every node's value, by id) and the
/// simplified DAG evaluated, at one point: what the value checks compare.
struct Evaluated {
    results: Vec<f64>,
    simplified: f64,
}

impl Evaluated {
    fn new(graph: &Graph, program: &Program<'_>, root: NodeId, values: &[f64]) -> Self {
        let mut scope = AstScope {
            graph,
            values,
            definitions: Vec::new(),
        };
        Evaluated {
            results: scope.eval_nodes(program),
            simplified: crate::eval::eval_nodes(graph, &[root], values)[0],
        }
    }
}

/// An input the engine accepts, lowered, with one value per variable in
/// order of first appearance (missing values are 0.5).
struct Lowered<'src> {
    program: Program<'src>,
    graph: Graph,
    root: NodeId,
    values: Vec<f64>,
}

impl<'src> Lowered<'src> {
    /// `None` for input that does not parse or lower: nothing to check.
    fn new(source: &'src str, point: &[f64]) -> Option<Self> {
        let program = symdiff_parser::parse(source).ok()?;
        let mut graph = Graph::new();
        let root = crate::lower::lower_program(&mut graph, &program, source).ok()?;
        let values = (0..graph.vars().count())
            .map(|index| point.get(index).copied().unwrap_or(0.5))
            .collect();
        Some(Lowered {
            program,
            graph,
            root,
            values,
        })
    }
}

fn check_no_invented_value(
    graph: &Graph,
    program: &Program<'_>,
    evaluated: &Evaluated,
) -> Result<(), Inconsistency> {
    let (results, simplified) = (&evaluated.results, evaluated.simplified);
    let (plain, _) = body_and_largest(program, results);
    if plain.is_nan()
        && !simplified.is_nan()
        && !identities_may_apply(graph, program, results)
        && !(product_out_of_range(program, results)
            && (simplified.is_infinite() || simplified == 0.0))
    {
        return fail(format!(
            "simplification invented a value: NaN as written, {simplified} simplified"
        ));
    }
    Ok(())
}

/// Whether a variable is written twice or a part without variables is zero
/// (`(2 - 2)*x`, `x/(1/0)`), which the documented identities need; `results` holds
/// the value of every node of the tree.
fn identities_may_apply(graph: &Graph, program: &Program<'_>, results: &[f64]) -> bool {
    let mut names = rustc_hash::FxHashSet::default();
    let mut constant: Vec<bool> = Vec::with_capacity(program.len());
    for (id, ast) in program.iter() {
        let is_constant = match ast.kind {
            ExprKind::Name(name) if graph.find_var(name).is_some() => {
                if !names.insert(name) {
                    return true;
                }
                false
            }
            ExprKind::Name(_) | ExprKind::Number(_) => true,
            _ => children(program, ast).all(|child| constant[child.index()]),
        };
        if is_constant && results.get(id.index()).is_some_and(|&value| value == 0.0) {
            return true;
        }
        // A power that overflows to infinity or underflows to zero from
        // finite operands may meet another power of its base (`x^a/x^b`,
        // the power form of `x/x`).
        if power_out_of_range(ast, id, results) {
            return true;
        }
        // `where(c, a, a)` is `a` even where `c` is NaN.
        if let ExprKind::Call { name, args, .. } = ast.kind
            && name == crate::func::WHERE
            && let &[_, a, b] = program.args(args)
            && constant.get(a.index()).copied().unwrap_or(false)
            && constant.get(b.index()).copied().unwrap_or(false)
            && results.get(a.index()) == results.get(b.index())
        {
            return true;
        }
        // Dividing by a constant infinity multiplies by zero.
        if let ExprKind::Product { rest, .. } = ast.kind {
            let infinite = |id: ExprId| {
                results
                    .get(id.index())
                    .is_some_and(|value| value.is_infinite())
            };
            if program.factors(rest).iter().any(|&(op, factor)| {
                op == MulOp::Div && constant[factor.index()] && infinite(factor)
            }) {
                return true;
            }
        }
        constant.push(is_constant);
    }
    false
}

/// Whether `ast` is a power that overflows to infinity or underflows to zero
/// from finite operands and a base that is not zero.
fn power_out_of_range(ast: &Ast<'_>, id: ExprId, results: &[f64]) -> bool {
    let ExprKind::Power { base, exponent } = ast.kind else {
        return false;
    };
    let value = |id: ExprId| result_of(results, id);
    let operands_finite = value(base).is_finite() && value(exponent).is_finite();
    let power = value(id);
    operands_finite && value(base) != 0.0 && (power.is_infinite() || power == 0.0)
}

/// Whether a condition compares two sides equal up to rounding, relative to
/// the largest intermediate value: `(pi + x) - pi < x` holds in IEEE
/// arithmetic at x = 0.9431496423740723, and not once simplified to
/// `x < x`, as it does not exactly; the values compared would then be those
/// of different branches.
fn condition_near_tie(program: &Program<'_>, results: &[f64], largest: f64) -> bool {
    let value = |id: ExprId| result_of(results, id);
    program.iter().any(|(_, ast)| {
        let ExprKind::Compare { left, right, .. } = ast.kind else {
            return false;
        };
        let (l, r) = (value(left), value(right));
        l.is_finite() && r.is_finite() && (l - r).abs() <= 1e-6 * (1.0 + largest)
    })
}

/// Whether a product or quotient of finite, non-zero factors overflows to
/// infinity or underflows to zero as written: products are reassociated
/// (`x/(y/z)` is `x*z/y`), which moves where the overflow or underflow
/// happens, so an infinity or a zero may stand where the written order meets
/// `inf/inf` or `0/0` (never another number).
fn product_out_of_range(program: &Program<'_>, results: &[f64]) -> bool {
    let value = |id: ExprId| result_of(results, id);
    program.iter().any(|(id, ast)| {
        let ExprKind::Product { first, rest } = ast.kind else {
            return false;
        };
        let factors =
            std::iter::once(first).chain(program.factors(rest).iter().map(|&(_, factor)| factor));
        let ordinary = factors
            .map(value)
            .all(|factor| factor.is_finite() && factor != 0.0);
        ordinary && (value(id).is_infinite() || value(id) == 0.0)
    })
}

/// The value of the program's body, and the largest finite magnitude of any
/// intermediate value.
fn body_and_largest(program: &Program<'_>, results: &[f64]) -> (f64, f64) {
    let largest = results
        .iter()
        .filter(|value| value.is_finite())
        .fold(0.0, |max: f64, value| max.max(value.abs()));
    (result_of(results, program.body()), largest)
}

/// The plain value of node `id` of the syntax tree (NaN past the values
/// computed).
fn result_of(results: &[f64], id: ExprId) -> f64 {
    results.get(id.index()).copied().unwrap_or(f64::NAN)
}

/// The operands of one node of the tree.
fn children<'p>(program: &'p Program<'_>, ast: &Ast<'_>) -> Box<dyn Iterator<Item = ExprId> + 'p> {
    match ast.kind {
        ExprKind::Number(_) | ExprKind::Name(_) => Box::new(std::iter::empty()),
        ExprKind::Unary { operand, .. } => Box::new(std::iter::once(operand)),
        ExprKind::Sum { first, rest } => Box::new(
            std::iter::once(first).chain(program.terms(rest).iter().map(|&(_, term)| term)),
        ),
        ExprKind::Product { first, rest } => Box::new(
            std::iter::once(first).chain(program.factors(rest).iter().map(|&(_, factor)| factor)),
        ),
        ExprKind::Power { base, exponent } => Box::new([base, exponent].into_iter()),
        ExprKind::Call { args, .. } => Box::new(program.args(args).iter().copied()),
        ExprKind::Compare { left, right, .. } => Box::new([left, right].into_iter()),
    }
}

fn fail(message: String) -> Result<(), Inconsistency> {
    Err(Inconsistency(message))
}

fn close(a: f64, b: f64, rtol: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a == b || (a - b).abs() <= rtol * (1.0 + a.abs().max(b.abs()))
}

fn check_value_preserved(
    program: &Program<'_>,
    evaluated: &Evaluated,
) -> Result<(), Inconsistency> {
    let (results, simplified) = (&evaluated.results, evaluated.simplified);
    let (plain, largest) = body_and_largest(program, results);
    // Exact rationals do not underflow or overflow where `f64` does
    // (`0^(40^-511)` is 0, as `40^-511` is not 0): no comparison there.
    if program
        .iter()
        .any(|(id, ast)| power_out_of_range(ast, id, results))
    {
        return Ok(());
    }
    // A condition decided by rounding may go the other way once simplified:
    // no comparison there either.
    if condition_near_tie(program, results, largest) {
        return Ok(());
    }
    // Simplification may widen the domain (x/x is 1 even at 0), and sums may
    // cancel differently in floating point: compare where the plain value is
    // finite and moderate, with an error allowed in proportion to the largest
    // intermediate value (`1e210*x - 1e210*x + y` loses `y` when evaluated
    // from left to right, not when simplified).
    let tolerance = 1e-6 * (1.0 + plain.abs().max(simplified.abs()).max(largest));
    // A NaN after simplification where the plain value is finite fails too.
    let agrees = (plain - simplified).abs() <= tolerance;
    if plain.is_finite() && plain.abs() < 1e6 && !agrees {
        return fail(format!(
            "simplification changed the value: {plain} before, {simplified} after"
        ));
    }
    Ok(())
}

/// A plain evaluator of the syntax tree: one loop over its arena in id
/// order, children before parents.
struct AstScope<'a> {
    graph: &'a Graph,
    values: &'a [f64],
    definitions: Vec<(&'a str, f64)>,
}

impl<'a> AstScope<'a> {
    /// The value of the program's body, and the largest finite magnitude of
    /// any intermediate value; each definition's name stands for its value
    /// from the node after it on.
    /// The value of every node of the tree, by id.
    fn eval_nodes(&mut self, program: &Program<'a>) -> Vec<f64> {
        let mut results: Vec<f64> = Vec::with_capacity(program.len());
        let mut definitions = program.definitions().iter().peekable();
        for (id, ast) in program.iter() {
            let value = self.eval(program, ast, &results);
            results.push(value);
            if let Some(definition) = definitions.next_if(|definition| definition.value == id) {
                self.definitions.push((definition.name, value));
            }
        }
        results
    }

    /// The value of one node, given the values of the nodes before it.
    fn eval(&self, program: &Program<'_>, ast: &Ast<'_>, results: &[f64]) -> f64 {
        let value = |id: ExprId| result_of(results, id);
        match ast.kind {
            ExprKind::Number(text) => text.parse().unwrap_or(f64::NAN),
            ExprKind::Name(name) => self.name(name),
            ExprKind::Unary {
                op: UnaryOp::Neg,
                operand,
            } => -value(operand),
            ExprKind::Unary {
                op: UnaryOp::Plus,
                operand,
            } => value(operand),
            ExprKind::Sum { first, rest } => {
                program
                    .terms(rest)
                    .iter()
                    .fold(value(first), |sum, &(op, term)| match op {
                        AddOp::Add => sum + value(term),
                        AddOp::Sub => sum - value(term),
                    })
            }
            ExprKind::Product { first, rest } => {
                program
                    .factors(rest)
                    .iter()
                    .fold(value(first), |product, &(op, factor)| match op {
                        MulOp::Mul => product * value(factor),
                        MulOp::Div => product / value(factor),
                    })
            }
            ExprKind::Power { base, exponent } => value(base).powf(value(exponent)),
            // The `where` it is the condition of reads its sides.
            ExprKind::Compare { .. } => f64::NAN,
            ExprKind::Call { name, args, .. } if name == crate::func::WHERE => {
                let args = program.args(args);
                match (args, args.first().map(|&arg| program.expr(arg).kind)) {
                    (&[_, a, b], Some(ExprKind::Compare { op, left, right })) => {
                        let (comparison, swap) = crate::piecewise::comparison_of(op);
                        let (l, r) = if swap { (right, left) } else { (left, right) };
                        crate::func::select(comparison, value(l), value(r), value(a), value(b))
                    }
                    _ => f64::NAN,
                }
            }
            ExprKind::Call { name, args, .. } => {
                let args: Vec<f64> = program.args(args).iter().map(|&arg| value(arg)).collect();
                match (crate::func::lookup(name, args.len()), args.as_slice()) {
                    (crate::func::Lookup::Found(crate::func::Callable::Pow), [a, b]) => a.powf(*b),
                    (crate::func::Lookup::Found(crate::func::Callable::Func(func)), args) => {
                        func.eval(args)
                    }
                    _ => f64::NAN,
                }
            }
        }
    }

    fn name(&self, name: &str) -> f64 {
        if let Some(&(_, value)) = self
            .definitions
            .iter()
            .rev()
            .find(|(defined, _)| *defined == name)
        {
            return value;
        }
        match name {
            "pi" => std::f64::consts::PI,
            "e" => std::f64::consts::E,
            _ => self
                .graph
                .find_var(name)
                .and_then(|var| self.values.get(var.index()).copied())
                .unwrap_or(f64::NAN),
        }
    }
}

/// Printing `root` and parsing the text into the same graph gives `root`,
/// or, where sums and products nest (see `Graph::merges_nested`), a
/// node with the same value: the printer spells nested sums in place and
/// prints a small result from a fully merged copy (see `layout.rs`).
fn check_print_roundtrip(
    graph: &mut Graph,
    root: NodeId,
    values: &[f64],
) -> Result<(), Inconsistency> {
    let text = crate::print::to_program_text(graph, root, 2000.0);
    let program = match symdiff_parser::parse(&text) {
        Ok(program) => program,
        // A printed expression deeper than the parser's nesting limit is not
        // read back; anything else is a printer bug.
        Err(error) if matches!(error.kind, symdiff_parser::ParseErrorKind::TooDeep) => {
            return Ok(());
        }
        Err(error) => return fail(format!("printed text does not parse: {text}\n{error}")),
    };
    match crate::lower::lower_program(graph, &program, &text) {
        Ok(reparsed) if reparsed == root => Ok(()),
        // Nested sums and products may read back nested otherwise (a small
        // result prints from a fully merged copy, a large one spells nested
        // sums in place): the same formula, with the same value.
        Ok(reparsed) => same_value(graph, &text, root, reparsed, values),
        Err(error) => fail(format!("printed text is rejected: {text}\n{error}")),
    }
}

/// Whether `root` and what its printed `text` read back as have the same
/// value, up to the rounding of the largest intermediate value (they may
/// add the same terms in another order).
fn same_value(
    graph: &Graph,
    text: &str,
    root: NodeId,
    reparsed: NodeId,
    values: &[f64],
) -> Result<(), Inconsistency> {
    let [before, after] =
        [root, reparsed].map(|node| crate::eval::eval_nodes(graph, &[node], values)[0]);
    let every_node = graph.nodes_below(&[root, reparsed]);
    let largest = crate::eval::eval_nodes(graph, &every_node, values)
        .into_iter()
        .filter(|value| value.is_finite())
        .fold(0.0, |max: f64, value| max.max(value.abs()));
    // Where the value is NaN, the printed formula, whose nested products
    // and sums merge, may apply an identity of "What simplification
    // assumes" (`m*m^p` prints as `m^(1 + p)`, infinite at m = 0).
    let identity_at_nan = before.is_nan();
    if identity_at_nan || close(before, after, 1e-9) || (before - after).abs() <= 1e-9 * largest {
        Ok(())
    } else {
        fail(format!(
            "{text} reads back with value {after}, not {before}"
        ))
    }
}

fn check_derivatives(
    graph: &mut Graph,
    root: NodeId,
    vars: &[VarId],
    values: &[f64],
) -> Result<(), Inconsistency> {
    let reverse = crate::gradient::gradient(graph, root, vars);
    let forward: Vec<NodeId> = vars
        .iter()
        .map(|&var| crate::diff::diff(graph, root, var))
        .collect();
    let mut roots = vec![root];
    roots.extend(&reverse);
    roots.extend(&forward);
    let direct = crate::eval::eval_nodes(graph, &roots, values);
    // Paths that add the same terms in different orders may differ by the
    // rounding of the largest intermediate value.
    let every_node = graph.nodes_below(&roots);
    let largest = crate::eval::eval_nodes(graph, &every_node, values)
        .into_iter()
        .filter(|value| value.is_finite())
        .fold(0.0, |max: f64, value| max.max(value.abs()));
    let close = |a: f64, b: f64, rtol: f64| close(a, b, rtol) || (a - b).abs() <= rtol * largest;
    let tape =
        Tape::new(graph, &roots, vars).map_err(|error| Inconsistency(format!("tape: {error}")))?;
    let mut taped = vec![0.0; roots.len()];
    tape.eval(values, &mut taped)
        .map_err(|error| Inconsistency(format!("tape: {error}")))?;
    // A point's evaluation regroups the tape's instructions into runs (see
    // `point.rs`), the batch keeps their order: the same operations on the
    // same operands, so the same bits (a NaN's sign and payload aside,
    // which Rust leaves to the compiler).
    let mut batched = vec![0.0; roots.len()];
    tape.eval_batch(values, &mut batched)
        .map_err(|error| Inconsistency(format!("tape: {error}")))?;
    let same = |a: f64, b: f64| a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan());
    if let Some(index) = (0..roots.len()).find(|&i| !same(taped[i], batched[i])) {
        let (point, batch) = (taped[index], batched[index]);
        return fail(format!(
            "output {index}: tape at a point {point}, in a batch {batch}"
        ));
    }
    // Where the function is not finite, a derivative may multiply an
    // infinity by a rounding residue in one evaluation order and by an exact
    // zero in the other (`log(2, log(x, x))`): an infinity against NaN. Two
    // infinities of opposite signs are still a disagreement.
    let undefined_there = |index: usize, a: f64, b: f64| {
        index > 0
            && !direct[0].is_finite()
            && !a.is_finite()
            && !b.is_finite()
            && a.is_nan() != b.is_nan()
    };
    for (index, (&a, &b)) in direct.iter().zip(&taped).enumerate() {
        if !close(a, b, 1e-9) && !undefined_there(index, a, b) {
            return fail(format!("output {index}: DAG evaluation {a}, tape {b}"));
        }
    }
    // Where the function itself is undefined (0/0, log(-1)) its derivatives
    // are too, and different paths may reach NaN or infinity differently.
    if !direct[0].is_finite() {
        return Ok(());
    }
    check_products(graph, root, vars, &reverse, values)?;
    let n = vars.len();
    for (index, &var) in vars.iter().enumerate() {
        let (reverse_value, forward_value) = (direct[1 + index], direct[1 + n + index]);
        // Where the derivative is infinite or undefined (a singular point of
        // a finite function), the two paths may reach it as an infinity or
        // as NaN: both say there is no finite derivative.
        let both_singular = !reverse_value.is_finite() && !forward_value.is_finite();
        if !both_singular && !close(reverse_value, forward_value, 1e-9) {
            return fail(format!(
                "d/d{}: reverse {reverse_value}, forward {forward_value}",
                graph.var_name(var)
            ));
        }
        // The chain rule through a kink can give 0*inf = NaN (sqrt(max(x, 0))
        // at x < 0), as in PyTorch; that is IEEE arithmetic, not a wrong
        // number, so only finite derivatives are compared with differences.
        if let Some(numeric) = well_conditioned_difference(graph, root, values, index)
            && reverse_value.is_finite()
            && !close(reverse_value, numeric, 1e-4)
        {
            return fail(format!(
                "d/d{}: symbolic {reverse_value}, central difference {numeric}",
                graph.var_name(var)
            ));
        }
    }
    Ok(())
}

/// The products with a vector agree with the matrices they stand for: the
/// derivative along a direction v with the gradient times v, and H·v with
/// the Hessian (built from `gradient`) times v. The sparse Hessian and the
/// Jacobian's forward sweep agree with the dense Hessian too.
fn check_products(
    graph: &mut Graph,
    root: NodeId,
    vars: &[VarId],
    gradient: &[NodeId],
    values: &[f64],
) -> Result<(), Inconsistency> {
    let components: Vec<f64> = (0..vars.len())
        .map(|index| if index % 2 == 0 { 1.0 } else { -0.5 } / (1 + index / 2) as f64)
        .collect();
    let direction: Vec<NodeId> = components
        .iter()
        .map(|&v| graph.num(crate::number::Number::float(v)))
        .collect();
    let along: Vec<(VarId, NodeId)> = vars
        .iter()
        .copied()
        .zip(direction.iter().copied())
        .collect();
    let jvp = crate::products::jacobian_vector(graph, &[root], &along);
    let hvp = crate::products::hessian_vector_from_gradient(graph, gradient, vars, &direction);
    let hessian = crate::gradient::hessian_from_gradient(graph, gradient, vars);
    check_sparse(graph, gradient, vars, &hessian)?;
    // The Jacobian of the gradient over the first variable alone: more
    // outputs than variables, so a forward sweep; it is the Hessian's first
    // column.
    let column: Vec<NodeId> =
        crate::products::jacobian(graph, gradient, &vars[..vars.len().min(1)])
            .into_iter()
            .flatten()
            .collect();
    let mut roots = jvp.clone();
    roots.extend(gradient);
    roots.extend(&hvp);
    roots.extend(hessian.iter().flatten());
    roots.extend(&column);
    let computed = crate::eval::eval_nodes(graph, &roots, values);
    let largest = crate::eval::eval_nodes(graph, &graph.nodes_below(&roots), values)
        .into_iter()
        .filter(|value| value.is_finite())
        .fold(1.0, |max: f64, value| max.max(value.abs()));
    let agree =
        |a: f64, b: f64| (!a.is_finite() && !b.is_finite()) || (a - b).abs() <= 1e-9 * largest;
    let n = vars.len();
    let dot = |row: &[f64]| row.iter().zip(&components).map(|(a, v)| a * v).sum::<f64>();
    let expected = dot(&computed[1..=n]);
    if !agree(computed[0], expected) {
        return fail(format!("J·v {}, gradient times v {expected}", computed[0]));
    }
    let matrix = &computed[1 + 2 * n..1 + 2 * n + n * n];
    for (index, &value) in computed[1 + n..1 + 2 * n].iter().enumerate() {
        let expected = dot(&matrix[index * n..(index + 1) * n]);
        if !agree(value, expected) {
            return fail(format!("(H·v)_{index} {value}, Hessian times v {expected}"));
        }
    }
    for (row, &value) in computed[1 + 2 * n + n * n..].iter().enumerate() {
        let expected = matrix[row * n];
        if !agree(value, expected) {
            return fail(format!(
                "Jacobian of the gradient at ({row}, 0) {value}, Hessian {expected}"
            ));
        }
    }
    Ok(())
}

/// The sparse Hessian holds the dense one's entries, the very same nodes (the
/// graph shares them), at the positions of its pattern, row by row in the
/// lower triangle, and every entry of the triangle it leaves out is zero.
fn check_sparse(
    graph: &mut Graph,
    gradient: &[NodeId],
    vars: &[VarId],
    hessian: &[Vec<NodeId>],
) -> Result<(), Inconsistency> {
    let sparse = crate::sparse::sparse_hessian(graph, gradient, vars);
    let zero = graph.zero();
    let mut stored = sparse.pattern.iter().zip(&sparse.entries).peekable();
    for (row, entries) in hessian.iter().enumerate() {
        for (col, &dense) in entries.iter().enumerate().take(row + 1) {
            let expected = match stored.next_if(|&(&position, _)| position == (row, col)) {
                Some((_, &entry)) if entry != zero => entry,
                Some(_) => return fail(format!("sparse Hessian stores a zero at ({row}, {col})")),
                None => zero,
            };
            if dense != expected {
                return fail(format!(
                    "sparse Hessian at ({row}, {col}) differs from the dense entry"
                ));
            }
        }
    }
    match stored.next() {
        Some((position, _)) => fail(format!(
            "sparse Hessian entry at {position:?} is out of order or outside the triangle"
        )),
        None => Ok(()),
    }
}

/// The central difference in variable `index`, if two step sizes agree (so
/// the function is smooth and well scaled there); `None` otherwise.
fn well_conditioned_difference(
    graph: &Graph,
    root: NodeId,
    values: &[f64],
    index: usize,
) -> Option<f64> {
    let at = |offset: f64| {
        let mut shifted = values.to_vec();
        shifted[index] += offset;
        crate::eval::eval_nodes(graph, &[root], &shifted)[0]
    };
    let difference = |step: f64| (at(step) - at(-step)) / (2.0 * step);
    let scale = values[index].abs().max(1.0);
    let coarse = difference(1e-4 * scale);
    let fine = difference(1e-5 * scale);
    let magnitude = at(0.0).abs().max(coarse.abs()).max(1.0);
    let agree = coarse.is_finite() && fine.is_finite() && (coarse - fine).abs() <= 1e-6 * magnitude;
    (agree && magnitude < 1e6).then_some(fine)
}

/// A deep chain of named steps for the check: each byte of `steps` picks the
/// form of one step from the step before it (and the one before that), in
/// the variables `x` (the start), `w`, `u` and `h`: recurrences, Euler steps
/// and activations, the shapes whose derivatives once grew as n² with the
/// depth. Each step contracts for parameters in [-2, 2], so values and
/// derivatives stay well conditioned however deep the chain. The proptests
/// and the `engine` fuzz target build chains with it.
pub fn chain_source(steps: &[u8]) -> String {
    let mut source = String::from("a0 = x; a1 = x;");
    for (index, &step) in steps.iter().enumerate() {
        let (now, before, earlier) = (index + 2, index + 1, index);
        let value = match step % 6 {
            0 => format!("tanh(w*a{before}/2 + u)"),
            1 => format!("a{before} + h*sin(a{before})/32"),
            2 => format!("sigmoid(a{before})*w - u*a{before}/4"),
            3 => format!("a{before} - h*(w*a{earlier} + u*a{before})/32"),
            4 => format!("sin(w*a{before})/2 + a{earlier}/3"),
            _ => format!("a{before}*(1 - a{before}^2/4)*h/4"),
        };
        source += &format!(" a{now} = {value};");
    }
    source + &format!(" a{}", steps.len() + 1)
}
