//! One module per subcommand; each reads its arguments, does the symbolic
//! work through the engine and prints in the chosen format.

mod check;
mod codegen;
mod diff;
mod eval;
mod explain;
mod explain_render;
mod functions;
mod grad;
mod hessian;
mod hessian_at;
mod hessian_sparse;
mod hvp;
mod jacobian;
mod parse;
mod plot;
mod shell_support;

use crate::cli::Command;
use crate::error::CliError;
use crate::session::Session;
use std::io::Read;

/// Runs one subcommand, returning the exit status (0, or 1 for a failed check).
pub(crate) fn dispatch(
    command: &Command,
    session: &mut Session,
    stdin: &mut dyn Read,
) -> Result<i32, CliError> {
    if session.format == crate::cli::Format::Mathml
        && let Some(name) = without_mathml(command)
    {
        return Err(crate::diagnostics::Mistake::FormatRefused {
            command: name,
            format: "MathML",
        }
        .into());
    }
    match command {
        Command::Parse(args) => parse::run(args, session, stdin),
        Command::Diff(args) => diff::run(args, session, stdin),
        Command::Grad(args) => grad::run(args, session, stdin),
        Command::Hessian(args) if args.sparse => hessian_sparse::run(args, session, stdin),
        Command::Hessian(args) => hessian::run(args, session, stdin),
        Command::Jacobian(args) => jacobian::run(args, session, stdin),
        Command::Hvp(args) => hvp::run(args, session, stdin),
        Command::Eval(args) => eval::run(args, session, stdin),
        Command::Check(args) => check::run(args, session, stdin),
        Command::Codegen(args) => codegen::run(args, session, stdin),
        Command::Explain(args) => explain::run(args, session, stdin),
        Command::Plot(args) => plot::run(args, session, stdin),
        Command::Completions { shell } => shell_support::completions(*shell, session),
        Command::Man => shell_support::man(session),
        Command::Functions => functions::run(session),
    }
}

/// The name of a command whose output is not formulas (a table or a story),
/// which `--format mathml` does not apply to.
fn without_mathml(command: &Command) -> Option<&'static str> {
    match command {
        Command::Check(_) => Some("check"),
        Command::Explain(_) => Some("explain"),
        Command::Functions => Some("functions"),
        _ => None,
    }
}

/// The roots as `--expand` or `--factor` asks them shown (the engine's
/// `expand` and `factor`), or as they are.
fn shaped(
    expr: &symdiff::Expr,
    roots: &[symdiff::graph::NodeId],
    shape: crate::cli::ShapeArgs,
) -> Vec<symdiff::graph::NodeId> {
    let mut graph = expr.graph().borrow_mut();
    match (shape.expand, shape.factor) {
        (true, _) => roots
            .iter()
            .map(|&root| symdiff::expand::expand(&mut graph, root))
            .collect(),
        (false, true) => symdiff::factor::factor_common(&mut graph, roots),
        (false, false) => roots.to_vec(),
    }
}

/// The ids of several expressions of one graph.
fn ids(exprs: &[symdiff::Expr]) -> Vec<symdiff::graph::NodeId> {
    exprs.iter().map(symdiff::Expr::id).collect()
}

fn as_strs(names: &[String]) -> Vec<&str> {
    names.iter().map(String::as_str).collect()
}

/// The values section printed after the formulas when `--at` is given:
/// `at w = 0.5, b = 0.1:` and aligned `label = value` rows (text), or one
/// LaTeX equation per value.
fn values_block(
    point: &str,
    rows: &[(String, f64)],
    format: crate::cli::Format,
    precision: Option<usize>,
) -> String {
    match format {
        crate::cli::Format::Latex => {
            let mut out = String::new();
            for (label, value) in rows {
                let mut number = String::new();
                symdiff::latex::write_float(&mut number, *value);
                out.push_str(&format!("{label} = {number}\n"));
            }
            return out;
        }
        crate::cli::Format::Mathml => {
            let mut out = String::new();
            for (label, value) in rows {
                let number = crate::output::mathml_number(*value);
                out.push_str(&crate::output::mathml_equation(label, &number));
                out.push('\n');
            }
            return out;
        }
        _ => {}
    }
    let rows: Vec<(String, String)> = rows
        .iter()
        .map(|(label, value)| (label.clone(), crate::output::fmt_printed(*value, precision)))
        .collect();
    format!("\nat {point}:\n{}", crate::output::aligned(&rows))
}

/// The sentence that stands for an empty result: `the expression has no
/// variables: {what}`, as `\text{…}` in LaTeX and `<mtext>` in MathML.
fn no_variables_line(what: &str, format: crate::cli::Format) -> String {
    let sentence = format!("the expression has no variables: {what}");
    match format {
        crate::cli::Format::Latex => format!("\\text{{{sentence}}}\n"),
        crate::cli::Format::Mathml => format!("{}\n", crate::output::mathml_text(&sentence)),
        _ => format!("{sentence}\n"),
    }
}

/// `∂/∂w` in text, `\frac{\partial f}{\partial w}` in LaTeX, an `<mfrac>`
/// in MathML.
fn label(vars: &[&str], format: crate::cli::Format) -> String {
    match format {
        crate::cli::Format::Latex => crate::output::partial_label_latex(vars),
        crate::cli::Format::Mathml => crate::output::partial_label_mathml(vars),
        _ => crate::output::partial_label(vars),
    }
}

/// Warns on standard error about values that are not finite.
fn warn_non_finite(session: &mut Session, rows: &[(String, f64)]) {
    let labels: Vec<String> = rows.iter().map(|(label, _)| label.clone()).collect();
    let values: Vec<f64> = rows.iter().map(|&(_, value)| value).collect();
    if let Some(warning) = crate::output::non_finite_warning(&labels, &values) {
        session.warn(&warning);
    }
}
