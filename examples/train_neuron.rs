//! Fits a single sigmoid neuron by gradient descent, with the gradient written
//! at compile time by `#[derive_grad]`: `cargo run --release --example train_neuron`.

use std::fmt::Write;
use symdiff_macros::{derive_grad, grad_formulas};

/// The squared error of one sigmoid neuron on one example.
#[derive_grad(wrt(w, b))]
pub(crate) fn loss(w: f64, b: f64, x: f64, t: f64) -> f64 {
    let y = sigmoid(w * x + b);
    (y - t).powi(2)
}

/// The training set: inputs and targets on a sigmoid shifted to the right.
pub(crate) const EXAMPLES: [(f64, f64); 5] = [
    (-2.0, 0.05),
    (-1.0, 0.1),
    (0.0, 0.25),
    (1.0, 0.5),
    (2.0, 0.75),
];
pub(crate) const LEARNING_RATE: f64 = 0.1;
pub(crate) const EPOCHS: usize = 2000;

/// The epochs after which the loss is reported, more often early on.
const REPORTED: [usize; 10] = [0, 10, 20, 50, 100, 200, 500, 1000, 1500, 2000];

/// One report: the epoch, the summed loss before its update, and w and b.
pub(crate) type Report = (usize, f64, f64, f64);

/// The reports, and the final w and b.
pub(crate) fn train() -> (Vec<Report>, f64, f64) {
    let (mut w, mut b) = (0.0, 0.0);
    let mut history = Vec::new();
    for epoch in 0..=EPOCHS {
        let mut total = 0.0;
        let mut gradient = [0.0; 2];
        for &(x, t) in &EXAMPLES {
            let (value, [d_w, d_b]) = loss_value_and_grad(w, b, x, t);
            total += value;
            gradient[0] += d_w;
            gradient[1] += d_b;
        }
        if REPORTED.contains(&epoch) {
            history.push((epoch, total, w, b));
        }
        w -= LEARNING_RATE * gradient[0];
        b -= LEARNING_RATE * gradient[1];
    }
    (history, w, b)
}

/// What the example prints: the loss falling, with a bar for each report.
pub(crate) fn report() -> String {
    let mut out = String::new();
    let (history, w, b) = train();
    let first = history.first().map_or(1.0, |&(_, loss, _, _)| loss);
    for &(epoch, loss, w, b) in &history {
        let bar = "#".repeat((40.0 * loss / first).round() as usize);
        let _ = writeln!(
            out,
            "epoch {epoch:4}: loss {loss:.6}, w = {w:7.4}, b = {b:7.4}  {bar}"
        );
    }
    for &(x, t) in &EXAMPLES {
        let _ = writeln!(
            out,
            "x = {x:4}: target {t:4}, prediction {:.4}, squared error {:.6}",
            prediction(w, b, x),
            loss(w, b, x, t)
        );
    }
    let [d_w, d_b] = grad_formulas!("(sigmoid(w*x + b) - t)^2", wrt = [w, b]);
    let _ = writeln!(out, "dloss/dw = {d_w}\ndloss/db = {d_b}");
    out
}

/// The trained neuron's output, sigmoid(w*x + b).
pub(crate) fn prediction(w: f64, b: f64, x: f64) -> f64 {
    1.0 / (1.0 + (-(w * x + b)).exp())
}

#[allow(
    dead_code,
    reason = "the test suite includes this file and calls `report`"
)]
fn main() {
    print!("{}", report());
}
