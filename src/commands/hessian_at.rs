//! The Hessian at a point: values, eigenvalues and the verdict of the
//! second-derivative test, rendered for `symdiff hessian --at`.

use super::hessian::upper_labels;
use super::{label, warn_non_finite};
use crate::cli::Format;
use crate::diagnostics::{Mistake, Warning};
use crate::error::CliError;
use crate::eval::Evaluator;
use crate::output::{fmt_rounded, json_number, json_numbers};
use crate::point::Point;
use crate::session::Session;
use serde_json::{Map, Value};
use symdiff::critical::{
    AnalysisError, Classification, CriticalPointAnalysis, GradientEntry, GradientTest, Tolerances,
    analyze_function,
};
use symdiff::graph::NodeId;

/// The Hessian's values at a point, with the value and gradient there.
pub(super) struct AtPoint {
    pub(super) value: f64,
    pub(super) gradient: Vec<f64>,
    pub(super) hessian: Vec<Vec<f64>>,
    pub(super) judgement: Judgement,
}

/// What can be said about the point.
pub(super) enum Judgement {
    /// There are no variables, so nothing to judge.
    NoVariables,
    /// The engine could not judge the point (a value is not finite, or the
    /// eigenvalues could not be computed).
    None,
    Verdict {
        analysis: CriticalPointAnalysis,
        /// Every entry of the symbolic gradient is the constant 0.
        identically_zero: bool,
        /// The relative tolerance (`--tol`).
        tol: f64,
    },
}

impl Judgement {
    fn analysis(&self) -> Option<&CriticalPointAnalysis> {
        match self {
            Judgement::Verdict { analysis, .. } => Some(analysis),
            _ => None,
        }
    }
}

pub(super) fn evaluate(
    session: &mut Session,
    expr: &symdiff::Expr,
    vars: &[&str],
    gradient: &[NodeId],
    matrix: &[Vec<NodeId>],
    point: &Point,
    tol: f64,
) -> Result<AtPoint, CliError> {
    let n_vars = gradient.len();
    let mut roots = vec![expr.id()];
    roots.extend_from_slice(gradient);
    roots.extend(matrix.iter().flatten().copied());
    let evaluator = Evaluator::new(expr, &roots, point)?;
    let values = evaluator.values(&[]);
    let gradient_values = values[1..=n_vars].to_vec();
    let hessian_of = |values: &[f64]| -> Vec<Vec<f64>> {
        values[1 + n_vars..]
            .chunks(n_vars.max(1))
            .take(n_vars)
            .map(<[f64]>::to_vec)
            .collect()
    };
    let hessian_values = hessian_of(&values);
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
    let judgement = if vars.is_empty() {
        Judgement::NoVariables
    } else if !values[0].is_finite() {
        // A function that is not finite at the point has no extremum there,
        // whatever its derivatives' formulas give.
        session.warn(&Warning::NoVerdictNotFinite);
        Judgement::None
    } else {
        // A variable that only --wrt names has no value and no effect.
        let coordinates: Vec<f64> = vars
            .iter()
            .map(|var| point.get(var).unwrap_or(0.0))
            .collect();
        let hessian_near = |near: &[f64]| {
            let changes: Vec<(&str, f64)> =
                vars.iter().copied().zip(near.iter().copied()).collect();
            hessian_of(&evaluator.values(&changes))
        };
        let tolerances = Tolerances::relative(tol);
        match analyze_function(&coordinates, &gradient_values, hessian_near, &tolerances) {
            Ok(analysis) => {
                let graph = expr.graph().borrow();
                let identically_zero = gradient
                    .iter()
                    .all(|&id| graph.as_number(id).is_some_and(|number| number.is_zero()));
                Judgement::Verdict {
                    analysis,
                    identically_zero,
                    tol,
                }
            }
            Err(AnalysisError::InvalidTolerance { .. }) => {
                return Err(invalid_tol(tol));
            }
            Err(
                AnalysisError::NonFinitePoint { .. }
                | AnalysisError::NonFiniteGradient { .. }
                | AnalysisError::NonFiniteHessian { .. },
            ) => {
                session.warn(&Warning::NoVerdictNotFinite);
                Judgement::None
            }
            Err(error) => {
                session.warn(&Warning::NoVerdict { error });
                Judgement::None
            }
        }
    };
    Ok(AtPoint {
        value: values[0],
        gradient: gradient_values,
        hessian: hessian_values,
        judgement,
    })
}

/// The error for a `--tol` that is not finite and non-negative.
pub(super) fn invalid_tol(tol: f64) -> CliError {
    Mistake::InvalidTol { value: tol }.into()
}

/// The Hessian's values as an aligned matrix (text), a `pmatrix` (LaTeX) or
/// an `<mtable>` in parentheses (MathML).
pub(super) fn matrix_block(hessian: &[Vec<f64>], format: Format) -> String {
    let cells: Vec<Vec<String>> = hessian
        .iter()
        .map(|row| row.iter().map(|&value| fmt_rounded(value, 6)).collect())
        .collect();
    if format == Format::Mathml {
        let rows: String = hessian
            .iter()
            .map(|row| {
                let cells: String = row
                    .iter()
                    .map(|&value| format!("<mtd>{}</mtd>", mathml_rounded(value)))
                    .collect();
                format!("<mtr>{cells}</mtr>")
            })
            .collect();
        let matrix = format!("<mrow><mo>(</mo><mtable>{rows}</mtable><mo>)</mo></mrow>");
        return format!(
            "{}\n",
            crate::output::mathml_equation("<mi>H</mi>", &matrix)
        );
    }
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

/// The eigenvalues, the verdict and the tolerances that decided it.
pub(super) fn verdict_block(judgement: &Judgement, vars: &[&str], format: Format) -> String {
    let (analysis, identically_zero, tol) = match judgement {
        Judgement::NoVariables => {
            return text_line(
                "no eigenvalues and no verdict: the expression has no variables",
                format,
            );
        }
        Judgement::None => return text_line("verdict: none (some value is not finite)", format),
        Judgement::Verdict {
            analysis,
            identically_zero,
            tol,
        } => (analysis, *identically_zero, *tol),
    };
    let eigenvalues: Vec<String> = analysis
        .eigenvalues
        .iter()
        .map(|&value| fmt_rounded(value, 6))
        .collect();
    let gradient = match (&analysis.gradient_test, identically_zero) {
        (GradientTest::ExactlyZero, true) => "the gradient is identically 0",
        (GradientTest::ExactlyZero, false) => "the gradient is exactly 0",
        _ => "the gradient vanishes within tolerance",
    };
    let verdict = match analysis.classification {
        Some(classification) => format!(
            "verdict: {}: {gradient} and the Hessian is {}{}",
            verdict_name(classification),
            analysis.curvature,
            if classification == Classification::Degenerate {
                "; the second-derivative test is inconclusive"
            } else {
                ""
            }
        ),
        None => format!(
            "verdict: not a critical point: the gradient does not vanish; the curvature is {}",
            analysis.curvature
        ),
    };
    let mut lines = vec![verdict];
    lines.extend(tolerance_lines(analysis, vars, tol));
    match format {
        Format::Latex => {
            let mut out = format!("\\lambda = {}\n", eigenvalues.join(", "));
            for line in &lines {
                out.push_str(&text_line(line, format));
            }
            out
        }
        Format::Mathml => {
            let values: Vec<String> = analysis
                .eigenvalues
                .iter()
                .map(|&value| mathml_rounded(value))
                .collect();
            let mut out = crate::output::mathml_equation("<mi>λ</mi>", &values.join("<mo>,</mo>"));
            out.push('\n');
            for line in &lines {
                out.push_str(&text_line(line, format));
            }
            out
        }
        _ => format!(
            "eigenvalues = {}\n{}\n",
            eigenvalues.join(", "),
            lines.join("\n")
        ),
    }
}

/// A value rounded to 6 significant digits, as MathML content.
fn mathml_rounded(value: f64) -> String {
    crate::output::mathml_number(symdiff::print::round_significant(value, 6))
}

/// `line` and a newline, as `\text{…}` in LaTeX and `<mtext>` in MathML.
fn text_line(line: &str, format: Format) -> String {
    match format {
        Format::Latex => {}
        Format::Mathml => return format!("{}\n", crate::output::mathml_text(line)),
        _ => return format!("{line}\n"),
    }
    let latex = line
        .replace('_', "\\_")
        .replace("--", "-{}-")
        .replace('|', "\\textbar{}")
        .replace('∂', "d")
        .replace('²', "2")
        .replace('×', "$\\times$")
        .replace('·', "$\\cdot$")
        .replace('Σ', "$\\Sigma$")
        .replace('λ', "$\\lambda$");
    format!("\\text{{{latex}}}\n")
}

/// The lines that say which tolerance decided: the gradient entry nearest to
/// (or beyond) its tolerance, and the eigenvalues that count as 0 although
/// they are not.
fn tolerance_lines(analysis: &CriticalPointAnalysis, vars: &[&str], tol: f64) -> Vec<String> {
    let mut lines = Vec::new();
    // A name for "any variable" that is none of them.
    let other = ["v", "u", "w", "z"]
        .into_iter()
        .find(|name| !vars.contains(name))
        .unwrap_or("v_");
    let entry_line = |entry: &GradientEntry, relation: &str| {
        let var = vars.get(entry.index).copied().unwrap_or("?");
        format!(
            "tolerance: |{}| = {} {relation} {} = {} (--tol) × {} (Σ_{other} |{} · {other}|)",
            label(&[var], Format::Text),
            fmt_rounded(entry.value.abs(), 6),
            fmt_rounded(entry.tolerance, 6),
            fmt_rounded(tol, 6),
            fmt_rounded(entry.scale, 6),
            label(&[var, other], Format::Text),
        )
    };
    match &analysis.gradient_test {
        GradientTest::ExactlyZero => {}
        GradientTest::WithinTolerance { closest } => lines.push(entry_line(closest, "<=")),
        GradientTest::Exceeds { worst } => lines.push(entry_line(worst, ">")),
    }
    let test = &analysis.eigenvalue_test;
    if test.n_rounded_to_zero > 0 {
        let counted = if test.n_rounded_to_zero == 1 {
            "1 eigenvalue counts".to_owned()
        } else {
            format!("{} eigenvalues count", test.n_rounded_to_zero)
        };
        let reason = if test.decided_by_change() {
            format!(
                "the Hessian's change as each variable moves by {} (--tol) of itself",
                fmt_rounded(tol, 6)
            )
        } else {
            format!("{} (--tol) × the largest |λ|", fmt_rounded(tol, 6))
        };
        lines.push(format!(
            "tolerance: {counted} as 0: |λ| <= {}, {reason}",
            fmt_rounded(test.threshold, 6)
        ));
    }
    lines
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
    let judgement = &at_point.judgement;
    let analysis = judgement.analysis();
    let eigenvalues = match judgement {
        Judgement::NoVariables => Value::Array(Vec::new()),
        _ => analysis.map_or(Value::Null, |analysis| json_numbers(&analysis.eigenvalues)),
    };
    object.insert("eigenvalues".to_owned(), eigenvalues);
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
    if let Judgement::Verdict {
        analysis,
        identically_zero,
        tol,
    } = judgement
    {
        let gradient_test = match (&analysis.gradient_test, identically_zero) {
            (GradientTest::ExactlyZero, true) => "identically zero",
            (GradientTest::ExactlyZero, false) => "exactly zero",
            (GradientTest::WithinTolerance { .. }, _) => "within tolerance",
            (GradientTest::Exceeds { .. }, _) => "exceeds tolerance",
        };
        object.insert("tol".to_owned(), json_number(*tol));
        object.insert("gradient_test".to_owned(), Value::from(gradient_test));
        object.insert(
            "eigenvalue_threshold".to_owned(),
            json_number(analysis.eigenvalue_test.threshold),
        );
    }
}
