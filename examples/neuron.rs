//! The course notebook's single neuron, `y = sigmoid(w*x + b)` with the loss
//! `L = (y - t)^2` at w = 0.5, b = 0.1, x = 2, t = 0.8: the forward pass, the
//! gradients from `#[derive_grad]` and `grad!`, checked against a central
//! difference with ε = 1e-7 as in the notebook, and the formulas.
//! `cargo run --release --example neuron`.

use std::fmt::Write;
use symdiff_macros::{derive_grad, grad, grad_formulas};

/// The notebook's point.
pub(crate) const W: f64 = 0.5;
pub(crate) const B: f64 = 0.1;
pub(crate) const X: f64 = 2.0;
pub(crate) const T: f64 = 0.8;
/// The notebook's step for the numerical gradient.
pub(crate) const EPS: f64 = 1e-7;

/// The loss of one neuron on one example, written as the forward pass.
#[derive_grad(wrt(w, b))]
pub(crate) fn loss(w: f64, b: f64, x: f64, t: f64) -> f64 {
    let z = w * x + b;
    let y = sigmoid(z);
    (y - t).powi(2)
}

/// The numbers the notebook prints, and the ones it computes on the way.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Neuron {
    pub(crate) z: f64,
    pub(crate) y: f64,
    pub(crate) loss: f64,
    pub(crate) dl_dy: f64,
    pub(crate) dl_dz: f64,
    pub(crate) dl_dw: f64,
    pub(crate) dl_db: f64,
    /// dL/dw from `grad!` (the same formulas, generated from a string).
    pub(crate) dl_dw_grad_macro: f64,
    pub(crate) numerical_dl_dw: f64,
}

/// Computes everything once.
pub(crate) fn neuron() -> Neuron {
    let z = W * X + B;
    let y = 1.0 / (1.0 + (-z).exp());
    let (value, [dl_dw, dl_db]) = loss_value_and_grad(W, B, X, T);
    // The backward pass by the named steps: dL/dy and dL/dz.
    let backward = grad!("z = w*x + b; y = sigmoid(z); (y - t)^2", wrt = [y, z, w]);
    let [dl_dy, dl_dz, dl_dw_grad_macro] = backward(W, X, B, T);
    let numerical_dl_dw = (loss(W + EPS, B, X, T) - loss(W - EPS, B, X, T)) / (2.0 * EPS);
    Neuron {
        z,
        y,
        loss: value,
        dl_dy,
        dl_dz,
        dl_dw,
        dl_db,
        dl_dw_grad_macro,
        numerical_dl_dw,
    }
}

/// Whether two values agree as NumPy's `isclose` says (rtol 1e-5, atol 1e-8).
pub(crate) fn is_close(a: f64, b: f64) -> bool {
    approx::relative_eq!(a, b, epsilon = 1e-8, max_relative = 1e-5)
}

/// What the example prints.
pub(crate) fn report() -> String {
    let n = neuron();
    let mut out = String::new();
    let _ = writeln!(out, "Forward Pass:");
    let _ = writeln!(out, "  z = {:.4}", n.z);
    let _ = writeln!(out, "  y = {:.4}", n.y);
    let _ = writeln!(out, "  L = {:.4}", n.loss);
    let _ = writeln!(out);
    let _ = writeln!(out, "Gradients (Chain Rule):");
    let _ = writeln!(out, "  Analytical dL/dw = {:.6}", n.dl_dw);
    let _ = writeln!(out, "  Numerical  dL/dw = {:.6}", n.numerical_dl_dw);
    let _ = writeln!(out, "  Match: {}", is_close(n.dl_dw, n.numerical_dl_dw));
    let _ = writeln!(out, "  Analytical dL/db = {:.6}", n.dl_db);
    let _ = writeln!(out);
    let _ = writeln!(out, "Backward pass (grad! by the named steps):");
    let _ = writeln!(out, "  dL/dy = 2*(y - t)         = {:.6}", n.dl_dy);
    let _ = writeln!(out, "  dL/dz = dL/dy * y*(1 - y) = {:.6}", n.dl_dz);
    let _ = writeln!(
        out,
        "  dL/dw = dL/dz * x         = {:.6}",
        n.dl_dw_grad_macro
    );
    let _ = writeln!(out, "  dL/db = dL/dz             = {:.6}", n.dl_dz);
    let _ = writeln!(out);
    let [dl_dw, dl_db] = grad_formulas!("(sigmoid(w*x + b) - t)^2", wrt = [w, b]);
    let _ = writeln!(out, "Derivative formulas:");
    let _ = writeln!(out, "  dL/dw = {dl_dw}");
    let _ = writeln!(out, "  dL/db = {dl_db}");
    out
}

#[allow(
    dead_code,
    reason = "the test suite includes this file and calls `report`"
)]
fn main() {
    print!("{}", report());
}
