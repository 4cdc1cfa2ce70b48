//! Rust source emission from the compiled [`Tape`]: straight-line `let`
//! statements, one per instruction, using only `f64` and its methods by
//! absolute path. The command line's `codegen` and the macros both call this
//! module, so what `symdiff codegen` prints is what `#[derive_grad]` expands to.

use crate::compile::{Instr, Reg, Tape};
use crate::emit_body::{F64, Part};
use crate::error::Error;
use crate::func::{Comparison, Helper};
use crate::graph::{Graph, NodeId, VarId};
use crate::print::{Definitions, to_text_with};
use std::fmt::Write;

/// How a generated function takes one of its parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    /// `name: f64`, read as the variable `name`.
    Scalar,
    /// `name: &f64`, likewise.
    ScalarRef,
    /// `name: [f64; N]`, whose entries are the variables `name[0]` … `name[N-1]`.
    Array(usize),
    /// `name: &[f64; N]`, likewise.
    ArrayRef(usize),
    /// `name: [[f64; C]; R]` (rows, columns), whose entries are the
    /// variables `name[0][0]` … `name[R-1][C-1]`, row by row.
    Matrix(usize, usize),
    /// `name: &[[f64; C]; R]`, likewise.
    MatrixRef(usize, usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Param {
    pub name: String,
    pub kind: ParamKind,
}

/// What to generate for one function.
#[derive(Clone, Debug)]
pub struct RustSpec<'a> {
    /// The base name: `loss` gives `loss_grad`, `loss_value_and_grad`, `loss_hessian`.
    pub name: &'a str,
    /// `""`, `"pub"`, `"pub(crate)"`, …
    pub visibility: &'a str,
    pub params: &'a [Param],
    /// The variables of the gradient, in order.
    pub wrt: &'a [VarId],
    pub hessian: bool,
    /// Also `NAME_hvp(params…, v: [f64; N]) -> [f64; N]`, the Hessian times
    /// a direction without the Hessian.
    pub hvp: bool,
    /// Also `NAME_hessian_sparse(params…) -> [f64; NNZ]`, the lower
    /// triangle's entries that are not identically zero, row by row, and
    /// `NAME_HESSIAN_PATTERN: [(usize, usize); NNZ]`, where they are.
    pub sparse_hessian: bool,
}

/// The shape of what a generated closure body returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputShape {
    /// The single root's value.
    Scalar,
    /// `[f64; N]` of the roots.
    Vector,
    /// `[[f64; N]; N]` of N*N roots, row-major.
    Matrix(usize),
}

/// The graph variables of `params`, in order, with the Rust expression that
/// reads each one.
pub fn param_inputs(graph: &mut Graph, params: &[Param]) -> Vec<(VarId, String)> {
    let mut inputs = Vec::new();
    for param in params {
        match param.kind {
            ParamKind::Scalar => inputs.push((graph.var_id(&param.name), param.name.clone())),
            ParamKind::ScalarRef => {
                inputs.push((graph.var_id(&param.name), format!("*{}", param.name)));
            }
            ParamKind::Array(len) | ParamKind::ArrayRef(len) => {
                for index in 0..len {
                    let entry = format!("{}[{index}]", param.name);
                    inputs.push((graph.var_id(&entry), entry));
                }
            }
            ParamKind::Matrix(rows, cols) | ParamKind::MatrixRef(rows, cols) => {
                for row in 0..rows {
                    for col in 0..cols {
                        let entry = format!("{}[{row}][{col}]", param.name);
                        inputs.push((graph.var_id(&entry), entry));
                    }
                }
            }
        }
    }
    inputs
}

/// `NAME_grad`, `NAME_value_and_grad` and (with `spec.hessian`) `NAME_hessian`
/// for `root`, as Rust source.
pub fn emit_derivative_functions(
    graph: &mut Graph,
    root: NodeId,
    spec: &RustSpec<'_>,
) -> Result<String, Error> {
    let inputs = param_inputs(graph, spec.params);
    let n = spec.wrt.len();
    let gradient = crate::gradient::gradient(graph, root, spec.wrt);
    let params = param_list(spec.params);
    let vis = visibility_prefix(spec);
    let wrt_names = var_names(graph, spec.wrt);
    let mut out = String::new();

    let labels: Vec<String> = wrt_names.iter().map(|name| format!("∂/∂{name}")).collect();
    write_doc(
        &mut out,
        graph,
        &format!(
            "The gradient of `{}` with respect to ({}).",
            spec.name,
            wrt_names.join(", ")
        ),
        &gradient,
        &labels,
    );
    let body = emit_block(graph, &gradient, &inputs, OutputShape::Vector, spec.params)?;
    let _ = writeln!(
        out,
        "{ALLOW}\n{vis}fn {}_grad({params}) -> [{F64}; {n}] {body}\n",
        spec.name
    );

    let mut value_and_gradient = vec![root];
    value_and_gradient.extend_from_slice(&gradient);
    let mut labels_with_value = vec![spec.name.to_owned()];
    labels_with_value.extend(labels.iter().cloned());
    write_doc(
        &mut out,
        graph,
        &format!(
            "The value of `{}` and its gradient, sharing one forward pass.",
            spec.name
        ),
        &value_and_gradient,
        &labels_with_value,
    );
    let parts = [Part::Scalar, Part::Vector(n)];
    let body = emit_body(graph, &value_and_gradient, &inputs, spec.params, &parts)?;
    let _ = writeln!(
        out,
        "{ALLOW}\n{vis}fn {}_value_and_grad({params}) -> ({F64}, [{F64}; {n}]) {body}\n",
        spec.name
    );

    if spec.hessian {
        let hessian = crate::gradient::hessian_from_gradient(graph, &gradient, spec.wrt);
        let entries: Vec<NodeId> = hessian.iter().flatten().copied().collect();
        let labels: Vec<String> = (0..n * n)
            .map(|k| crate::print::partial_label(&[&wrt_names[k / n], &wrt_names[k % n]]))
            .collect();
        write_doc(
            &mut out,
            graph,
            &format!(
                "The Hessian of `{}` with respect to ({}).",
                spec.name,
                wrt_names.join(", ")
            ),
            &entries,
            &labels,
        );
        let body = emit_block(
            graph,
            &entries,
            &inputs,
            OutputShape::Matrix(n),
            spec.params,
        )?;
        let _ = writeln!(
            out,
            "{ALLOW}\n{vis}fn {}_hessian({params}) -> [[{F64}; {n}]; {n}] {body}\n",
            spec.name
        );
    }
    if spec.hvp {
        emit_hessian_vector(&mut out, graph, &gradient, spec, &vis, &wrt_names)?;
    }
    if spec.sparse_hessian {
        let sparse = crate::sparse::sparse_hessian(graph, &gradient, spec.wrt);
        emit_sparse_hessian(&mut out, graph, &sparse, spec, &inputs, &vis, &wrt_names)?;
    }
    emit_wrt_names(&mut out, spec, &vis, &wrt_names);
    Ok(out)
}

/// `NAME_jacobian(params…) -> [[f64; N]; M]` and
/// `NAME_value_and_jacobian(params…) -> ([f64; M], [[f64; N]; M])` for a
/// function of M outputs `roots`, named `output_names` in the docs (`f[0]`,
/// `f.1`), over the N variables `spec.wrt`, as Rust source. The Jacobian is
/// built by [`crate::products::jacobian`], by whichever sweeps are fewer.
/// The Hessian options of `spec` concern one output and are ignored here.
pub fn emit_jacobian_functions(
    graph: &mut Graph,
    roots: &[NodeId],
    output_names: &[String],
    spec: &RustSpec<'_>,
) -> Result<String, Error> {
    let inputs = param_inputs(graph, spec.params);
    let (n_outputs, n_vars) = (roots.len(), spec.wrt.len());
    let jacobian = crate::products::jacobian(graph, roots, spec.wrt);
    let entries: Vec<NodeId> = jacobian.iter().flatten().copied().collect();
    let params = param_list(spec.params);
    let vis = visibility_prefix(spec);
    let wrt_names = var_names(graph, spec.wrt);
    let labels: Vec<String> = output_names
        .iter()
        .flat_map(|output| wrt_names.iter().map(move |var| format!("∂{output}/∂{var}")))
        .collect();
    let mut out = String::new();
    write_doc(
        &mut out,
        graph,
        &format!(
            "The Jacobian of `{}` with respect to ({}): one row per output, {n_outputs} by {n_vars}.",
            spec.name,
            wrt_names.join(", ")
        ),
        &entries,
        &labels,
    );
    let matrix = Part::Matrix {
        rows: n_outputs,
        cols: n_vars,
    };
    let body = emit_body(graph, &entries, &inputs, spec.params, &[matrix])?;
    let _ = writeln!(
        out,
        "{ALLOW}\n{vis}fn {}_jacobian({params}) -> [[{F64}; {n_vars}]; {n_outputs}] {body}\n",
        spec.name
    );

    let mut values_and_entries = roots.to_vec();
    values_and_entries.extend_from_slice(&entries);
    let mut labels_with_values = output_names.to_vec();
    labels_with_values.extend(labels);
    write_doc(
        &mut out,
        graph,
        &format!(
            "The values of `{}` and its Jacobian, sharing one forward pass.",
            spec.name
        ),
        &values_and_entries,
        &labels_with_values,
    );
    let parts = [Part::Vector(n_outputs), matrix];
    let body = emit_body(graph, &values_and_entries, &inputs, spec.params, &parts)?;
    let _ = writeln!(
        out,
        "{ALLOW}\n{vis}fn {}_value_and_jacobian({params}) -> ([{F64}; {n_outputs}], [[{F64}; {n_vars}]; {n_outputs}]) {body}\n",
        spec.name
    );
    emit_wrt_names(&mut out, spec, &vis, &wrt_names);
    Ok(out)
}

/// `NAME_WRT`: the names of the variables that the derivatives' entries
/// follow, in order, so that code can tell which entry is which.
fn emit_wrt_names(out: &mut String, spec: &RustSpec<'_>, vis: &str, wrt_names: &[String]) {
    let quoted: Vec<String> = wrt_names.iter().map(|name| format!("{name:?}")).collect();
    let _ = writeln!(
        out,
        "/// The variables of `{name}`'s derivatives, in the order of their entries.\n\
         {vis}const {upper}_WRT: [&::core::primitive::str; {n}] = [{names}];\n",
        name = spec.name,
        upper = spec.name.to_uppercase(),
        n = wrt_names.len(),
        names = quoted.join(", "),
    );
}

/// `"pub "` for `pub`, nothing for private items.
fn visibility_prefix(spec: &RustSpec<'_>) -> String {
    if spec.visibility.is_empty() {
        String::new()
    } else {
        format!("{} ", spec.visibility)
    }
}

fn var_names(graph: &Graph, vars: &[VarId]) -> Vec<String> {
    vars.iter()
        .map(|&var| graph.var_name(var).to_owned())
        .collect()
}

/// `NAME_hvp`: the Hessian times a direction `v` (named `direction` when a
/// parameter is called `v`), built as the gradient's derivative along it.
fn emit_hessian_vector(
    out: &mut String,
    graph: &mut Graph,
    gradient: &[NodeId],
    spec: &RustSpec<'_>,
    vis: &str,
    wrt_names: &[String],
) -> Result<(), Error> {
    let n = spec.wrt.len();
    let taken = |name: &str| spec.params.iter().any(|param| param.name == name);
    let direction = ["v", "direction", "__direction"]
        .into_iter()
        .find(|name| !taken(name))
        .unwrap_or("__direction");
    let mut params = spec.params.to_vec();
    params.push(Param {
        name: direction.to_owned(),
        kind: ParamKind::Array(n),
    });
    let inputs = param_inputs(graph, &params);
    let components: Vec<NodeId> = (0..n)
        .map(|index| graph.var(&format!("{direction}[{index}]")))
        .collect();
    let product =
        crate::products::hessian_vector_from_gradient(graph, gradient, spec.wrt, &components);
    let labels: Vec<String> = wrt_names
        .iter()
        .map(|name| format!("(H·{direction})_{name}"))
        .collect();
    write_doc(
        out,
        graph,
        &format!(
            "The Hessian of `{}` with respect to ({}) times `{direction}`, without forming the Hessian.",
            spec.name,
            wrt_names.join(", ")
        ),
        &product,
        &labels,
    );
    let body = emit_block(graph, &product, &inputs, OutputShape::Vector, &params)?;
    let _ = writeln!(
        out,
        "{ALLOW}\n{vis}fn {}_hvp({}) -> [{F64}; {n}] {body}\n",
        spec.name,
        param_list(&params)
    );
    Ok(())
}

/// `NAME_hessian_sparse` and `NAME_HESSIAN_PATTERN`.
fn emit_sparse_hessian(
    out: &mut String,
    graph: &Graph,
    sparse: &crate::sparse::SparseHessian<NodeId>,
    spec: &RustSpec<'_>,
    inputs: &[(VarId, String)],
    vis: &str,
    wrt_names: &[String],
) -> Result<(), Error> {
    let nnz = sparse.pattern.len();
    let pattern: Vec<String> = sparse
        .pattern
        .iter()
        .map(|(row, col)| format!("({row}, {col})"))
        .collect();
    let _ = writeln!(
        out,
        "/// Where the entries of `{}_hessian_sparse` are: (row, column) in the lower\n\
         /// triangle, row by row; {nnz} of the {} entries of the triangle over ({}).\n\
         {vis}const {}_HESSIAN_PATTERN: [(usize, usize); {nnz}] = [{}];\n",
        spec.name,
        sparse.order * (sparse.order + 1) / 2,
        wrt_names.join(", "),
        spec.name.to_uppercase(),
        pattern.join(", ")
    );
    let labels: Vec<String> = sparse
        .pattern
        .iter()
        .map(|&(row, col)| crate::print::partial_label(&[&wrt_names[row], &wrt_names[col]]))
        .collect();
    write_doc(
        out,
        graph,
        &format!(
            "The Hessian of `{}`: the {nnz} entries of its lower triangle that are not identically zero, row by row (see `{}_HESSIAN_PATTERN`).",
            spec.name,
            spec.name.to_uppercase()
        ),
        &sparse.entries,
        &labels,
    );
    let body = emit_block(
        graph,
        &sparse.entries,
        inputs,
        OutputShape::Vector,
        spec.params,
    )?;
    let _ = writeln!(
        out,
        "{ALLOW}\n{vis}fn {}_hessian_sparse({}) -> [{F64}; {nnz}] {body}\n",
        spec.name,
        param_list(spec.params)
    );
    Ok(())
}

/// Lints that straight-line generated code trips by design (long bodies,
/// parameters a derivative does not use, many temporaries).
const ALLOW: &str = "#[allow(unused_variables, unused_parens, non_snake_case, clippy::all, clippy::pedantic, clippy::nursery)]";

/// A block `{ let …; output }` computing `roots` from the variables `inputs`
/// (each read by the Rust expression given with it).
pub fn emit_closure_body(
    graph: &Graph,
    roots: &[NodeId],
    inputs: &[(VarId, String)],
    shape: OutputShape,
) -> Result<String, Error> {
    emit_block(graph, roots, inputs, shape, &[])
}

fn emit_block(
    graph: &Graph,
    roots: &[NodeId],
    inputs: &[(VarId, String)],
    shape: OutputShape,
    params: &[Param],
) -> Result<String, Error> {
    let part = match shape {
        OutputShape::Scalar => Part::Scalar,
        OutputShape::Vector => Part::Vector(roots.len()),
        OutputShape::Matrix(n) => Part::Matrix { rows: n, cols: n },
    };
    emit_body(graph, roots, inputs, params, &[part])
}

/// The body computing `roots` from the variables `inputs` (each read by the
/// Rust expression given with it), its result made of `parts` in order.
fn emit_body(
    graph: &Graph,
    roots: &[NodeId],
    inputs: &[(VarId, String)],
    params: &[Param],
    parts: &[Part],
) -> Result<String, Error> {
    let input_vars: Vec<VarId> = inputs.iter().map(|(var, _)| *var).collect();
    let tape = Tape::new(graph, roots, &input_vars)?;
    let prefix = temporary_prefix(params, inputs);
    let name = |reg: Reg| format!("{prefix}{reg}");
    let (destructuring, locals) = destructure_params(params, &prefix);
    // The inputs are read from the parameters' locals when every input is
    // one of them, as it is for a generated function's own parameters.
    let reads: Vec<(VarId, String)> = if locals.len() == inputs.len() {
        input_vars.iter().copied().zip(locals).collect()
    } else {
        inputs.to_vec()
    };
    let statement = |index: usize| instr_expr(&tape.instructions()[index], &name, &reads);
    let helpers = helper_items(&tape);
    Ok(crate::emit_body::body(
        &tape,
        parts,
        &prefix,
        &helpers,
        &destructuring,
        &statement,
    ))
}

/// The statements that take the array parameters apart into one local per
/// entry (`let [__t_x_0, __t_x_1] = *x;`), and the Rust expression that
/// reads each parameter's entries afterwards, in the order of [`param_inputs`].
///
/// Reading `x[0]`, `x[1]`, … throughout a long body gives the type checker
/// one indexing expression per read to resolve; one pattern per parameter is
/// cheaper (issue 12: 45 ms against 27 ms for the loop versions of rosen100
/// and mlp16, see BENCHMARKS.md).
/// A local is named by the prefix, the parameter and the entry's position
/// in it, flattened: the digits after the last underscore tell the entries
/// of one parameter apart and what comes before them the parameters, and no
/// temporary (the prefix and digits) has an underscore after the prefix.
fn destructure_params(params: &[Param], prefix: &str) -> (String, Vec<String>) {
    let mut statements = String::new();
    let mut locals = Vec::new();
    for param in params {
        // A raw identifier (`r#type`) names its locals without the `r#`.
        let bare = param.name.trim_start_matches("r#");
        let local = |position: usize| format!("{prefix}_{bare}_{position}");
        let (pattern, by_reference) = match param.kind {
            ParamKind::Scalar => {
                locals.push(param.name.clone());
                continue;
            }
            ParamKind::ScalarRef => {
                locals.push(format!("*{}", param.name));
                continue;
            }
            ParamKind::Array(len) | ParamKind::ArrayRef(len) => {
                let names: Vec<String> = (0..len).map(local).collect();
                let pattern = format!("[{}]", names.join(", "));
                locals.extend(names);
                (pattern, matches!(param.kind, ParamKind::ArrayRef(_)))
            }
            ParamKind::Matrix(rows, cols) | ParamKind::MatrixRef(rows, cols) => {
                let rows: Vec<String> = (0..rows)
                    .map(|row| {
                        let names: Vec<String> =
                            (row * cols..(row + 1) * cols).map(local).collect();
                        let pattern = format!("[{}]", names.join(", "));
                        locals.extend(names);
                        pattern
                    })
                    .collect();
                let pattern = format!("[{}]", rows.join(", "));
                (pattern, matches!(param.kind, ParamKind::MatrixRef(..)))
            }
        };
        let dereference = if by_reference { "*" } else { "" };
        let _ = writeln!(
            statements,
            "    let {pattern} = {dereference}{};",
            param.name
        );
    }
    (statements, locals)
}

/// The items that the tape's calls need (the function computing `erf`),
/// each once, indented as statements.
fn helper_items(tape: &Tape) -> String {
    let mut helpers: Vec<Helper> = Vec::new();
    for instr in tape.instructions() {
        let func = match *instr {
            Instr::Call1(func, _) | Instr::Call2(func, _, _) => func,
            _ => continue,
        };
        for helper in func.info().helpers {
            if !helpers.contains(helper) {
                helpers.push(*helper);
            }
        }
    }
    let mut items = String::new();
    for helper in helpers {
        for line in helper.source.lines() {
            let _ = writeln!(items, "    {line}");
        }
    }
    items
}

/// A prefix for temporaries that no parameter name starts with, so that a
/// temporary never shadows a parameter still to be read.
fn temporary_prefix(params: &[Param], inputs: &[(VarId, String)]) -> String {
    let mut prefix = String::from("__t");
    while params
        .iter()
        .map(|p| p.name.as_str())
        .chain(inputs.iter().map(|(_, e)| e.as_str()))
        .any(|name| name.starts_with(&prefix))
    {
        prefix.push('t');
    }
    prefix
}

fn instr_expr(instr: &Instr, name: &impl Fn(Reg) -> String, inputs: &[(VarId, String)]) -> String {
    match *instr {
        Instr::Const(bits) => float_literal(f64::from_bits(bits)),
        Instr::Input(position) => inputs
            .get(position as usize)
            .map(|(_, expr)| expr.clone())
            .unwrap_or_else(|| format!("{F64}::NAN")),
        Instr::Add(a, b) => format!("{} + {}", name(a), name(b)),
        Instr::Sub(a, b) => format!("{} - {}", name(a), name(b)),
        Instr::Mul(a, b) => format!("{} * {}", name(a), name(b)),
        Instr::Div(a, b) => format!("{} / {}", name(a), name(b)),
        Instr::Neg(a) => format!("-{}", name(a)),
        Instr::Powi(a, n) => format!("{F64}::powi({}, {n}_i32)", name(a)),
        Instr::Powf(a, b) => format!("{F64}::powf({}, {})", name(a), name(b)),
        Instr::Call1(func, a) => func.rust_expr(&[&name(a)]),
        Instr::Call2(func, a, b) => func.rust_expr(&[&name(a), &name(b)]),
        Instr::Select(comparison, [l, r, a, b]) => {
            select_expr(comparison, &name(l), &name(r), &name(a), &name(b))
        }
    }
}

/// A finite float as a typed literal; non-finite values by name (`quote!`
/// would panic on them, and `inf` is no literal).
pub fn float_literal(value: f64) -> String {
    if value.is_nan() {
        format!("{F64}::NAN")
    } else if value == f64::INFINITY {
        format!("{F64}::INFINITY")
    } else if value == f64::NEG_INFINITY {
        format!("{F64}::NEG_INFINITY")
    } else {
        format!("{value:?}_f64")
    }
}

/// `where(l < r, a, b)` as `if`: the second test is the comparison's
/// complement on numbers, so that NaN (for which both fail) gives NaN.
fn select_expr(comparison: Comparison, l: &str, r: &str, a: &str, b: &str) -> String {
    let complement = match comparison {
        Comparison::Less => "<=",
        Comparison::LessEq => "<",
    };
    let symbol = comparison.symbol();
    format!(
        "if {l} {symbol} {r} {{ {a} }} else if {r} {complement} {l} {{ {b} }} else {{ {F64}::NAN }}"
    )
}

fn param_list(params: &[Param]) -> String {
    params
        .iter()
        .map(|param| match param.kind {
            ParamKind::Scalar => format!("{}: {F64}", param.name),
            ParamKind::ScalarRef => format!("{}: &{F64}", param.name),
            ParamKind::Array(len) => format!("{}: [{F64}; {len}]", param.name),
            ParamKind::ArrayRef(len) => format!("{}: &[{F64}; {len}]", param.name),
            ParamKind::Matrix(rows, cols) => {
                format!("{}: [[{F64}; {cols}]; {rows}]", param.name)
            }
            ParamKind::MatrixRef(rows, cols) => {
                format!("{}: &[[{F64}; {cols}]; {rows}]", param.name)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Doc comments beyond this many bytes of formulas are cut, with a note.
const DOC_LIMIT: usize = 16 * 1024;

/// A doc comment with a summary line and one formula per output (shared
/// subexpressions named when the formulas are large).
fn write_doc(out: &mut String, graph: &Graph, summary: &str, roots: &[NodeId], labels: &[String]) {
    let definitions = Definitions::when_large(graph, roots, crate::print::TREE_LIMIT);
    let mut lines: Vec<String> = Vec::new();
    for &node in &definitions.order {
        let mut line = String::new();
        Definitions::write_prefix_one(&definitions, graph, node, &mut line);
        lines.push(line);
    }
    for (label, &root) in labels.iter().zip(roots) {
        lines.push(format!(
            "{label} = {}",
            to_text_with(graph, root, &definitions)
        ));
    }
    let _ = writeln!(out, "/// {summary}\n///\n/// ```text");
    let mut written = 0;
    for line in &lines {
        if written + line.len() > DOC_LIMIT {
            let _ = writeln!(
                out,
                "/// … ({} more formulas; `symdiff` prints them all)",
                lines.len()
                    - lines
                        .iter()
                        .position(|l| std::ptr::eq(l, line))
                        .unwrap_or(0)
            );
            break;
        }
        written += line.len();
        let _ = writeln!(out, "/// {}", line.replace('\n', " "));
    }
    let _ = writeln!(out, "/// ```");
}

/// The derivative functions of a parsed expression as Rust source, exactly
/// as `symdiff codegen` prints them: `NAME_grad`, `NAME_value_and_grad`,
/// `NAME_hessian` when `hessian` is set, and `NAME_WRT`, the names of
/// `wrt` in order. Each function takes one `f64` parameter per name of
/// `args` (usually [`Expr::variables`](crate::Expr::variables), the
/// variables in order of first appearance, or the same names in another
/// order), and differentiates with respect to `wrt`.
///
/// Names are not checked here: the caller makes sure that they are Rust
/// identifiers and that `args` lists each variable once (the command line
/// does).
///
/// # Errors
///
/// The emitter's [`Error`] when the expression cannot be compiled, for
/// instance when `args` leaves out a variable.
pub fn emit_expr_functions(
    expr: &crate::Expr,
    name: &str,
    args: &[String],
    wrt: &[String],
    hessian: bool,
) -> Result<String, Error> {
    let params: Vec<Param> = args
        .iter()
        .map(|name| Param {
            name: name.clone(),
            kind: ParamKind::Scalar,
        })
        .collect();
    let mut graph = expr.graph().borrow_mut();
    let wrt: Vec<VarId> = wrt.iter().map(|name| graph.var_id(name)).collect();
    let spec = RustSpec {
        name,
        visibility: "pub",
        params: &params,
        wrt: &wrt,
        hessian,
        hvp: false,
        sparse_hessian: false,
    };
    emit_derivative_functions(&mut graph, expr.id(), &spec)
}
