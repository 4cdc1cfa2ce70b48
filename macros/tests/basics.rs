//! The macros compiled and run: values agree with the hand-derived formulas.

use symdiff_macros::{derive_grad, diff, grad, grad_formulas, hessian};

#[derive_grad(wrt(w, b), hessian)]
fn loss(w: f64, b: f64, x: f64, t: f64) -> f64 {
    let z = w * x + b;
    let y = sigmoid(z);
    (y - t).powi(2)
}

#[test]
fn neuron_gradient() {
    let (w, b, x, t): (f64, f64, f64, f64) = (0.5, 0.1, 2.0, 0.8);
    let y = 1.0 / (1.0 + (-(w * x + b)).exp());
    let d_z = 2.0 * (y - t) * y * (1.0 - y);
    let gradient = loss_grad(w, b, x, t);
    assert!((gradient[0] - d_z * x).abs() < 1e-14);
    assert!((gradient[1] - d_z).abs() < 1e-14);
    let (value, gradient_again) = loss_value_and_grad(w, b, x, t);
    assert_eq!(value, loss(w, b, x, t));
    assert_eq!(gradient, gradient_again);
    let hessian = loss_hessian(w, b, x, t);
    assert_eq!(hessian[0][1], hessian[1][0]);
}

#[test]
fn string_macros() {
    let g = grad!("sigmoid(w*x + b)");
    let h = hessian!("x^2 - y^2 + x*y^3");
    let d = diff!("x^3", x);
    let f = grad_formulas!("sigmoid(w*x + b)");
    assert_eq!(d(2.0), 12.0);
    assert_eq!(h(1.0, 2.0), [[2.0, 12.0], [12.0, 10.0]]);
    assert_eq!(g(0.0, 1.0, 0.0), [0.25, 0.0, 0.25]);
    assert_eq!(f.len(), 3);
}
