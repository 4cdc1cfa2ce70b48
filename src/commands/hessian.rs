//! `symdiff hessian EXPR [--wrt VARS] [--at POINT]`: the formulas, and at a
//! point the values, the eigenvalues and the second-derivative test.

use super::hessian_at::{
    AtPoint, add_json_values, evaluate, invalid_tol, matrix_block, verdict_block,
};
use super::{as_strs, label, values_block};
use crate::cli::{Format, HessianArgs};
use crate::error::CliError;
use crate::input::load;
use crate::output::{Formulas, formula_lines};
use crate::point::Point;
use crate::session::Session;
use crate::wrt::Steps;
use serde_json::{Map, Value};
use std::io::Read;
use symdiff::graph::NodeId;

pub(crate) fn run(
    args: &HessianArgs,
    session: &mut Session,
    stdin: &mut dyn Read,
) -> Result<i32, CliError> {
    if symdiff::critical::Tolerances::relative(args.tol)
        .validate()
        .is_err()
    {
        return Err(invalid_tol(args.tol));
    }
    let tol = args.tol;
    let args = &args.derivative;
    let point = args.at.as_deref().map(Point::parse).transpose()?;
    let loaded = load(&args.expr, stdin, session)?;
    if let Some(point) = &point {
        point.check_names(&loaded, session)?;
    }
    let expr = &loaded.expr;
    let vars = crate::wrt::variables(args.wrt.as_deref(), &loaded, Steps::Refused, session)?;
    let var_refs = as_strs(&vars);
    let (gradient, matrix) = session
        .stats
        .time_derive(|| expr.gradient_and_hessian_ids(&var_refs));
    expr.check_budget()?;
    session.stats.repeat_warm(&loaded.source, |expr| {
        std::hint::black_box(expr.gradient_and_hessian_ids(&var_refs));
    });
    let upper = upper_triangle(&matrix);
    session.stats.record_results(&expr.graph().borrow(), &upper);
    let shown_matrix: Vec<Vec<NodeId>> = matrix
        .iter()
        .map(|row| super::shaped(expr, row, args.shape))
        .collect();
    let shown_upper = upper_triangle(&shown_matrix);
    if session.format == Format::Rust {
        let code = super::codegen::emit(expr, "f", &expr.variables(), &vars, true)?;
        session.print(&code);
        return Ok(0);
    }
    let at_point = match &point {
        Some(point) => Some(evaluate(
            session, expr, &var_refs, &gradient, &matrix, point, tol,
        )?),
        None => None,
    };
    match session.format {
        Format::Json => print_json(session, expr, &vars, &shown_matrix, at_point.as_ref()),
        _ => {
            let description = point
                .as_ref()
                .map(|point| point.describe(&expr.variables()));
            print_lines(
                session,
                expr,
                &var_refs,
                &shown_upper,
                description.as_deref(),
                at_point.as_ref(),
            );
        }
    }
    Ok(0)
}

/// The entries with `i <= j`, row by row.
fn upper_triangle(matrix: &[Vec<NodeId>]) -> Vec<NodeId> {
    matrix
        .iter()
        .enumerate()
        .flat_map(|(row, entries)| entries.iter().skip(row).copied())
        .collect()
}

/// The places `(row, column)` of an `n × n` upper triangle, row by row.
fn upper_places(n: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..n).flat_map(move |row| (row..n).map(move |col| (row, col)))
}

pub(super) fn upper_labels(vars: &[&str], format: Format) -> Vec<String> {
    upper_places(vars.len())
        .map(|(row, col)| label(&[vars[row], vars[col]], format))
        .collect()
}

fn print_lines(
    session: &mut Session,
    expr: &symdiff::Expr,
    vars: &[&str],
    upper: &[NodeId],
    point: Option<&str>,
    at_point: Option<&AtPoint>,
) {
    let format = session.format;
    let mut out = if vars.is_empty() {
        super::no_variables_line("its Hessian is empty", format)
    } else {
        let by = crate::output::by_pairs(vars, upper_places(vars.len()), false);
        let formulas = Formulas::render_by_vars(expr, upper, &by, format);
        formula_lines(&formulas, &upper_labels(vars, format), format)
    };
    if let (Some(point), Some(at_point)) = (point, at_point) {
        let mut rows = vec![(label(&[], format), at_point.value)];
        rows.extend(
            vars.iter()
                .zip(&at_point.gradient)
                .map(|(var, &value)| (label(&[var], format), value)),
        );
        out.push_str(&values_block(point, &rows, format, session.precision));
        if !vars.is_empty() {
            out.push_str(&matrix_block(&at_point.hessian, format));
        }
        out.push_str(&verdict_block(&at_point.judgement, vars, format));
    }
    session.print(&out);
}

fn print_json(
    session: &mut Session,
    expr: &symdiff::Expr,
    vars: &[String],
    matrix: &[Vec<NodeId>],
    at_point: Option<&AtPoint>,
) {
    let all: Vec<NodeId> = matrix.iter().flatten().copied().collect();
    let var_refs = as_strs(vars);
    let n = var_refs.len();
    let places = (0..n).flat_map(|row| (0..n).map(move |col| (row, col)));
    let by = crate::output::by_pairs(&var_refs, places, false);
    let formulas = Formulas::render_by_vars(expr, &all, &by, Format::Json);
    let n_vars = vars.len().max(1);
    let rows: Vec<Value> = formulas
        .formulas
        .chunks(n_vars)
        .map(|row| Value::from(row.to_vec()))
        .collect();
    let mut object = Map::new();
    object.insert("vars".to_owned(), Value::from(vars.to_vec()));
    object.insert("formulas".to_owned(), Value::Array(rows));
    formulas.add_json_definitions(&mut object);
    if let Some(at_point) = at_point {
        add_json_values(&mut object, at_point);
    }
    session.print(&Value::Object(object).to_string());
}
