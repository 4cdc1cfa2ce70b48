//! `symdiff hessian EXPR [--wrt VARS] [--at POINT]`: the formulas, and at a
//! point the values, the eigenvalues and the second-derivative test.

use super::{as_strs, ids, label, values_block, warn_non_finite};
use crate::cli::{DerivativeArgs, Format};
use crate::error::CliError;
use crate::input::load;
use crate::output::{Formulas, fmt_rounded, formula_lines, json_number, json_numbers};
use crate::point::Point;
use crate::session::Session;
use serde_json::{Map, Value};
use std::io::Read;
use symdiff::critical::{Classification, CriticalPointAnalysis, Tolerances, analyze};
use symdiff::graph::NodeId;

/// The Hessian's values at a point, with the value and gradient there.
struct AtPoint {
    value: f64,
    gradient: Vec<f64>,
    hessian: Vec<Vec<f64>>,
    /// `None` when some value is not finite.
    analysis: Option<CriticalPointAnalysis>,
}

pub(crate) fn run(
    args: &DerivativeArgs,
    session: &mut Session,
    stdin: &mut dyn Read,
) -> Result<i32, CliError> {
    let point = args.at.as_deref().map(Point::parse).transpose()?;
    let loaded = load(&args.expr, stdin, session)?;
    let expr = &loaded.expr;
    let vars = crate::wrt::variables(args.wrt.as_deref(), expr.variables())?;
    let var_refs = as_strs(&vars);
    let (gradient, hessian) = session.stats.time_derive(|| {
        let gradient = expr.gradient(&var_refs);
        let hessian = expr.hessian(&var_refs);
        (gradient, hessian)
    });
    let matrix: Vec<Vec<NodeId>> = hessian.iter().map(|row| ids(row)).collect();
    let upper = upper_triangle(&matrix);
    session.stats.record_results(&expr.graph().borrow(), &upper);
    if session.format == Format::Rust {
        let code = super::codegen::emit(expr, "f", &vars, true)?;
        session.print(&code);
        return Ok(0);
    }
    let at_point = match &point {
        Some(point) => Some(evaluate(
            session,
            expr,
            &var_refs,
            &ids(&gradient),
            &matrix,
            point,
        )?),
        None => None,
    };
    match session.format {
        Format::Json => print_json(session, expr, &vars, &matrix, at_point.as_ref()),
        _ => {
            let description = point
                .as_ref()
                .map(|point| point.describe(&expr.variables()));
            print_lines(
                session,
                expr,
                &var_refs,
                &upper,
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

fn upper_labels(vars: &[&str], format: Format) -> Vec<String> {
    let mut labels = Vec::new();
    for (row, first) in vars.iter().enumerate() {
        for second in vars.iter().skip(row) {
            labels.push(label(&[first, second], format));
        }
    }
    labels
}

fn evaluate(
    session: &mut Session,
    expr: &symdiff::Expr,
    vars: &[&str],
    gradient: &[NodeId],
    matrix: &[Vec<NodeId>],
    point: &Point,
) -> Result<AtPoint, CliError> {
    let n_vars = gradient.len();
    let mut roots = vec![expr.id()];
    roots.extend_from_slice(gradient);
    roots.extend(matrix.iter().flatten().copied());
    let values = crate::eval::values_at(expr, &roots, point)?;
    let gradient_values = values[1..=n_vars].to_vec();
    let hessian_values: Vec<Vec<f64>> = values[1 + n_vars..]
        .chunks(n_vars.max(1))
        .take(n_vars)
        .map(<[f64]>::to_vec)
        .collect();
    let mut rows = vec![("f".to_owned(), values[0])];
    rows.extend(
        vars.iter()
            .zip(&gradient_values)
            .map(|(var, &value)| (label(&[var], Format::Text), value)),
    );
    let labels = upper_labels(vars, Format::Text);
    let upper_values = hessian_values
        .iter()
        .enumerate()
        .flat_map(|(row, entries)| entries.iter().skip(row).copied());
    rows.extend(labels.into_iter().zip(upper_values));
    warn_non_finite(session, &rows);
    let analysis = analyze(&gradient_values, &hessian_values, &Tolerances::DEFAULT).ok();
    if analysis.is_none() {
        session.warn(
            "no eigenvalues or verdict: the gradient or the Hessian is not finite at this point",
        );
    }
    Ok(AtPoint {
        value: values[0],
        gradient: gradient_values,
        hessian: hessian_values,
        analysis,
    })
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
    let formulas = Formulas::render(expr, upper, format);
    let mut out = formula_lines(&formulas, &upper_labels(vars, format), format);
    if let (Some(point), Some(at_point)) = (point, at_point) {
        let mut rows = vec![("f".to_owned(), at_point.value)];
        rows.extend(
            vars.iter()
                .zip(&at_point.gradient)
                .map(|(var, &value)| (label(&[var], format), value)),
        );
        out.push_str(&values_block(point, &rows, format));
        out.push_str(&matrix_block(&at_point.hessian, format));
        out.push_str(&verdict_block(at_point.analysis.as_ref(), format));
    }
    session.print(&out);
}

/// The Hessian's values as an aligned matrix (text) or a `pmatrix` (LaTeX).
fn matrix_block(hessian: &[Vec<f64>], format: Format) -> String {
    let cells: Vec<Vec<String>> = hessian
        .iter()
        .map(|row| row.iter().map(|&value| fmt_rounded(value, 6)).collect())
        .collect();
    if format == Format::Latex {
        let rows: Vec<String> = cells.iter().map(|row| row.join(" & ")).collect();
        return format!(
            "H = \\begin{{pmatrix}} {} \\end{{pmatrix}}\n",
            rows.join(" \\\\ ")
        );
    }
    let width = cells.iter().flatten().map(String::len).max().unwrap_or(0);
    let mut out = String::from("hessian =\n");
    for row in &cells {
        let padded: Vec<String> = row.iter().map(|cell| format!("{cell:>width$}")).collect();
        out.push_str(&format!("  [ {} ]\n", padded.join("  ")));
    }
    out
}

fn verdict_block(analysis: Option<&CriticalPointAnalysis>, format: Format) -> String {
    let Some(analysis) = analysis else {
        return "verdict: none (some value is not finite)\n".to_owned();
    };
    let eigenvalues: Vec<String> = analysis
        .eigenvalues
        .iter()
        .map(|&value| fmt_rounded(value, 6))
        .collect();
    let verdict = match analysis.classification {
        Some(classification) => format!(
            "{}: the gradient vanishes and the Hessian is {}{}",
            verdict_name(classification),
            analysis.curvature,
            if classification == Classification::Degenerate {
                "; the second-derivative test is inconclusive"
            } else {
                ""
            }
        ),
        None => format!(
            "not a critical point: the gradient does not vanish (largest |∂f/∂x| = {}); the curvature is {}",
            fmt_rounded(analysis.gradient_norm, 6),
            analysis.curvature
        ),
    };
    match format {
        Format::Latex => format!(
            "\\lambda = {}\n\\text{{{}}}\n",
            eigenvalues.join(", "),
            verdict
                .replace('|', "\\textbar{}")
                .replace("∂f/∂x", "df/dx")
        ),
        _ => format!(
            "eigenvalues = {}\nverdict: {verdict}\n",
            eigenvalues.join(", ")
        ),
    }
}

fn verdict_name(classification: Classification) -> &'static str {
    match classification {
        Classification::Minimum => "local minimum",
        Classification::Maximum => "local maximum",
        Classification::Saddle => "saddle point",
        Classification::Degenerate => "degenerate critical point",
    }
}

fn print_json(
    session: &mut Session,
    expr: &symdiff::Expr,
    vars: &[String],
    matrix: &[Vec<NodeId>],
    at_point: Option<&AtPoint>,
) {
    let all: Vec<NodeId> = matrix.iter().flatten().copied().collect();
    let formulas = Formulas::render(expr, &all, Format::Json);
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

fn add_json_values(object: &mut Map<String, Value>, at_point: &AtPoint) {
    object.insert("value".to_owned(), json_number(at_point.value));
    object.insert("gradient".to_owned(), json_numbers(&at_point.gradient));
    let hessian: Vec<Value> = at_point
        .hessian
        .iter()
        .map(|row| json_numbers(row))
        .collect();
    object.insert("hessian".to_owned(), Value::Array(hessian));
    let analysis = at_point.analysis.as_ref();
    object.insert(
        "eigenvalues".to_owned(),
        analysis.map_or(Value::Null, |analysis| json_numbers(&analysis.eigenvalues)),
    );
    object.insert(
        "critical".to_owned(),
        analysis.map_or(Value::Null, |analysis| Value::from(analysis.critical)),
    );
    object.insert(
        "classification".to_owned(),
        analysis
            .and_then(|analysis| analysis.classification)
            .map_or(Value::Null, |classification| {
                Value::from(classification.to_string())
            }),
    );
    object.insert(
        "curvature".to_owned(),
        analysis.map_or(Value::Null, |analysis| {
            Value::from(analysis.curvature.to_string())
        }),
    );
}
