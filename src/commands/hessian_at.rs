//! The Hessian at a point: values, eigenvalues and the verdict of the
//! second-derivative test, rendered for `symdiff hessian --at`.

use super::hessian::upper_labels;
use super::{label, warn_non_finite};
use crate::cli::Format;
use crate::error::CliError;
use crate::output::{fmt_rounded, json_number, json_numbers};
use crate::point::Point;
use crate::session::Session;
use serde_json::{Map, Value};
use symdiff::critical::{Classification, CriticalPointAnalysis, Tolerances, analyze};
use symdiff::graph::NodeId;

/// The Hessian's values at a point, with the value and gradient there.
pub(super) struct AtPoint {
    pub(super) value: f64,
    pub(super) gradient: Vec<f64>,
    pub(super) hessian: Vec<Vec<f64>>,
    /// `None` when some value is not finite.
    pub(super) analysis: Option<CriticalPointAnalysis>,
}

pub(super) fn evaluate(
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

/// The Hessian's values as an aligned matrix (text) or a `pmatrix` (LaTeX).
pub(super) fn matrix_block(hessian: &[Vec<f64>], format: Format) -> String {
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

pub(super) fn verdict_block(analysis: Option<&CriticalPointAnalysis>, format: Format) -> String {
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

pub(super) fn add_json_values(object: &mut Map<String, Value>, at_point: &AtPoint) {
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
