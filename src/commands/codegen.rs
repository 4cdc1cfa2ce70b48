//! `symdiff codegen EXPR [--name NAME] [--wrt VARS] [--args VARS]
//! [--hessian]`: the Rust functions that `#[derive_grad]` generates, from
//! the same emitter.

use super::{as_strs, ids, label};
use crate::cli::{CodegenArgs, Format};
use crate::diagnostics::Mistake;
use crate::error::CliError;
use crate::input::load;
use crate::output::{Formulas, formula_lines};
use crate::session::Session;
use crate::wrt::Steps;
use serde_json::json;
use std::io::Read;
use symdiff::Expr;
use symdiff::emit_rust::{
    Param, ParamKind, RustSpec, emit_derivative_functions, emit_expr_functions,
    emit_jacobian_functions,
};

/// Words that cannot name a Rust function or parameter.
const RUST_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield", "_",
];

pub(crate) fn run(
    args: &CodegenArgs,
    session: &mut Session,
    stdin: &mut dyn Read,
) -> Result<i32, CliError> {
    let loaded = load(&args.expr, stdin, session)?;
    let expr = &loaded.expr;
    let vars = crate::wrt::variables(args.wrt.as_deref(), &loaded, Steps::Refused, session)?;
    let params = match &args.args {
        Some(text) => crate::wrt::parameter_order(text, &expr.variables())?,
        None => expr.variables(),
    };
    let code = session
        .stats
        .time_derive(|| emit(expr, &args.name, &params, &vars, args.hessian))?;
    expr.check_budget()?;
    let gradient = expr.gradient(&as_strs(&vars));
    session
        .stats
        .record_results(&expr.graph().borrow(), &ids(&gradient));
    match session.format {
        Format::Json => session.print(&json!({ "name": args.name, "code": code }).to_string()),
        format @ (Format::Latex | Format::Mathml) => {
            let by = crate::output::by_each(&as_strs(&vars));
            let formulas = Formulas::render_by_vars(expr, &ids(&gradient), &by, format);
            let labels: Vec<String> = vars.iter().map(|var| label(&[var], format)).collect();
            session.print(&formula_lines(&formulas, &labels, format));
        }
        Format::Text | Format::Rust => session.print(&code),
    }
    Ok(0)
}

/// `NAME_grad`, `NAME_value_and_grad` (and `NAME_hessian`) with the
/// variables `params` (every variable of the expression once) as `f64`
/// parameters, differentiating by `wrt`.
pub(crate) fn emit(
    expr: &Expr,
    name: &str,
    params: &[String],
    wrt: &[String],
    hessian: bool,
) -> Result<String, CliError> {
    check_rust_name(name, "--name")?;
    for variable in params {
        check_rust_name(variable, "the variable")?;
    }
    Ok(emit_expr_functions(expr, name, params, wrt, hessian)?)
}

/// What `emit_product` generates besides `NAME_grad` and
/// `NAME_value_and_grad`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Product {
    /// `NAME_hvp(…, v: [f64; N])`, the Hessian times a direction.
    HessianVector,
    /// `NAME_hessian_sparse` and `NAME_HESSIAN_PATTERN`.
    SparseHessian,
}

/// Like [`emit`], with `product` in place of the dense Hessian.
pub(crate) fn emit_product(
    expr: &Expr,
    name: &str,
    wrt: &[String],
    product: Product,
) -> Result<String, CliError> {
    check_rust_name(name, "--name")?;
    let params = scalar_params(expr.variables())?;
    let mut graph = expr.graph().borrow_mut();
    let wrt: Vec<_> = wrt.iter().map(|name| graph.var_id(name)).collect();
    let spec = RustSpec {
        name,
        visibility: "pub",
        params: &params,
        wrt: &wrt,
        hessian: false,
        hvp: product == Product::HessianVector,
        sparse_hessian: product == Product::SparseHessian,
    };
    Ok(emit_derivative_functions(&mut graph, expr.id(), &spec)?)
}

/// `NAME_jacobian` and `NAME_value_and_jacobian` of several outputs (all in
/// one graph), with the variables of all of them as parameters in order of
/// first appearance.
pub(crate) fn emit_jacobian(
    outputs: &[Expr],
    variables: Vec<String>,
    name: &str,
    wrt: &[String],
) -> Result<String, CliError> {
    check_rust_name(name, "--name")?;
    let params = scalar_params(variables)?;
    let Some(first) = outputs.first() else {
        return Err(Mistake::ExpectedOutput.into());
    };
    let mut graph = first.graph().borrow_mut();
    let wrt: Vec<_> = wrt.iter().map(|name| graph.var_id(name)).collect();
    let spec = RustSpec {
        name,
        visibility: "pub",
        params: &params,
        wrt: &wrt,
        hessian: false,
        hvp: false,
        sparse_hessian: false,
    };
    let roots: Vec<_> = outputs.iter().map(Expr::id).collect();
    let output_names: Vec<String> = (0..outputs.len())
        .map(|index| format!("{name}[{index}]"))
        .collect();
    Ok(emit_jacobian_functions(
        &mut graph,
        &roots,
        &output_names,
        &spec,
    )?)
}

/// One `f64` parameter per variable, each checked to be a Rust name.
fn scalar_params(variables: Vec<String>) -> Result<Vec<Param>, CliError> {
    let params: Vec<Param> = variables
        .into_iter()
        .map(|name| Param {
            name,
            kind: ParamKind::Scalar,
        })
        .collect();
    for param in &params {
        check_rust_name(&param.name, "the variable")?;
    }
    Ok(params)
}

fn check_rust_name(name: &str, what: &'static str) -> Result<(), CliError> {
    if !crate::wrt::is_identifier(name) {
        let name = name.to_owned();
        return Err(Mistake::NotARustIdentifier { what, name }.into());
    }
    if RUST_KEYWORDS.contains(&name) {
        let name = name.to_owned();
        return Err(Mistake::RustKeyword { what, name }.into());
    }
    Ok(())
}
