//! The notebook's table of activation functions and their derivatives, from
//! the engine in plain text and LaTeX, each derivative checked against
//! central differences at points away from the kinks.
//! `cargo run --release --example activations`.

use std::fmt::Write;
use symdiff::Expr;
use symdiff::check::{CheckOptions, check_gradient};

/// The notebook's activations, as symdiff writes them (leaky ReLU twice: as
/// the function symdiff has and as the notebook's `max(alpha*x, x)`).
pub(crate) const ACTIVATIONS: [(&str, &str); 5] = [
    ("Sigmoid", "sigmoid(x)"),
    ("Tanh", "tanh(x)"),
    ("ReLU", "relu(x)"),
    ("Leaky ReLU", "leaky_relu(x, alpha)"),
    ("Leaky ReLU (max)", "max(alpha*x, x)"),
];

/// The points of the check: away from the kink at 0.
pub(crate) const POINTS: [f64; 4] = [-2.0, -0.5, 0.5, 2.0];

/// The slope of leaky ReLU below 0, as PyTorch's default.
pub(crate) const ALPHA: f64 = 0.01;

/// One row of the table.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub(crate) name: &'static str,
    pub(crate) function: &'static str,
    pub(crate) derivative: String,
    pub(crate) latex: String,
    /// The derivative's value at each of [`POINTS`].
    pub(crate) values: Vec<f64>,
    /// Whether every value agrees with central differences.
    pub(crate) checked: bool,
}

/// Differentiates and checks each activation.
pub(crate) fn rows() -> Result<Vec<Row>, symdiff::Error> {
    ACTIVATIONS
        .iter()
        .map(|&(name, function)| {
            let f = Expr::parse(function)?;
            let derivative = f.diff("x");
            let at = |x: f64| [("x", x), ("alpha", ALPHA)];
            let value = |x: f64| f.eval(&at(x)).unwrap_or(f64::NAN);
            let slope = |x: f64| derivative.eval(&at(x)).unwrap_or(f64::NAN);
            let mut checked = true;
            for x in POINTS {
                let report = check_gradient(
                    |p: &[f64]| value(p[0]),
                    |p: &[f64]| [slope(p[0])],
                    [x],
                    &CheckOptions::default(),
                )?;
                checked &= report.ok();
            }
            Ok(Row {
                name,
                function,
                derivative: derivative.to_string(),
                latex: derivative.to_latex(),
                values: POINTS.iter().map(|&x| slope(x)).collect(),
                checked,
            })
        })
        .collect()
}

/// What the example prints.
pub(crate) fn report() -> Result<String, symdiff::Error> {
    let mut out = String::new();
    let points: Vec<String> = POINTS.iter().map(|x| format!("{x}")).collect();
    let _ = writeln!(
        out,
        "Derivatives, checked by central differences at x = {} (alpha = {ALPHA}):",
        points.join(", ")
    );
    for row in rows()? {
        let _ = writeln!(out);
        let _ = writeln!(out, "{}: f(x) = {}", row.name, row.function);
        let _ = writeln!(out, "  f'(x) = {}", row.derivative);
        let _ = writeln!(out, "  LaTeX: {}", row.latex);
        let values: Vec<String> = row.values.iter().map(|v| format!("{v:.6}")).collect();
        let _ = writeln!(out, "  values: {}", values.join(", "));
        let verdict = if row.checked { "pass" } else { "FAIL" };
        let _ = writeln!(out, "  check: {verdict}");
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "At the kink x = 0 symdiff follows PyTorch: relu'(0) = heaviside(0) = 0, \
         leaky_relu'(0) = alpha, and max gives each tied argument half the derivative."
    );
    let _ = writeln!(
        out,
        "max(alpha*x, x) is leaky_relu(x, alpha) only for alpha < 1, which symdiff does not \
         assume: its derivative is written for every alpha, alpha where alpha*x is the larger \
         argument, 1 where x is, and their mean at the tie."
    );
    Ok(out)
}

#[allow(
    dead_code,
    reason = "the test suite includes this file and calls `report`"
)]
fn main() {
    match report() {
        Ok(text) => print!("{text}"),
        Err(error) => eprintln!("{error}"),
    }
}
