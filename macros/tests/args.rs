//! One argument-order story: `args = [..]` orders the parameters of the
//! string macros' closures, `grad_names!` and `NAME_WRT` name the entries,
//! and a function used only through its generated siblings does not warn.

#![deny(warnings)]

use symdiff_macros::{derive_grad, diff, grad, grad_formulas, grad_names, hessian};

const NEURON: &str = "(sigmoid(w*x + b) - t)^2";

#[test]
fn args_orders_the_closure_and_the_gradient() {
    let first_appearance = grad!("(sigmoid(w*x + b) - t)^2");
    let reordered = grad!("(sigmoid(w*x + b) - t)^2", args = [w, b, x, t]);
    let [dw, dx, db, dt] = first_appearance(0.5, 2.0, 0.1, 0.8);
    assert_eq!(reordered(0.5, 0.1, 2.0, 0.8), [dw, db, dx, dt]);
    assert_eq!(
        grad_names!("(sigmoid(w*x + b) - t)^2"),
        ["w", "x", "b", "t"]
    );
    assert_eq!(
        grad_names!("(sigmoid(w*x + b) - t)^2", args = [w, b, x, t]),
        ["w", "b", "x", "t"]
    );
    assert!(NEURON.contains("sigmoid"));
}

#[test]
fn wrt_picks_the_entries_and_args_the_parameters() {
    let gradient = grad!("x^2*y + z", wrt = [z, x], args = [z, y, x]);
    assert_eq!(gradient(5.0, 3.0, 2.0), [1.0, 12.0]);
    assert_eq!(
        grad_names!("x^2*y + z", args = [z, y, x], wrt = [z, x]),
        ["z", "x"]
    );
    assert_eq!(
        grad_formulas!("x^2*y + z", args = [z, y, x]),
        ["1", "x^2", "2*x*y"]
    );
}

#[test]
fn hessian_and_diff_take_args() {
    let h = hessian!("x^3*y", args = [y, x]);
    assert_eq!(h(1.0, 2.0), [[0.0, 12.0], [12.0, 12.0]]);
    let first = diff!("x^3*y", x, args = [y, x]);
    assert_eq!(first(1.0, 2.0), 12.0);
    let second = diff!("x^3*y", x, 2, args = [y, x]);
    assert_eq!(second(1.0, 2.0), 12.0);
}

#[derive_grad(wrt(w, b), hessian)]
fn loss(w: f64, b: f64, x: f64, t: f64) -> f64 {
    let y = sigmoid(w * x + b);
    (y - t).powi(2)
}

#[derive_grad]
fn layer(weights: [f64; 2], bias: f64) -> [f64; 2] {
    [weights[0] + bias, weights[1] * bias]
}

/// Used only through `scale_grad` (so that a `function is never used`
/// warning would fail this file), with a parameter of the function's own
/// name, which must not hide the function from its generated siblings.
#[derive_grad]
fn scale(scale: f64, x: f64) -> f64 {
    scale * x
}

#[test]
fn generated_items_name_their_variables() {
    assert_eq!(LOSS_WRT, ["w", "b"]);
    assert_eq!(LAYER_WRT, ["weights[0]", "weights[1]", "bias"]);
    assert_eq!(SCALE_WRT, ["scale", "x"]);
    assert_eq!(loss_grad(0.5, 0.1, 2.0, 0.8).len(), LOSS_WRT.len());
    assert_eq!(layer_jacobian([1.0, 2.0], 3.0)[1], [0.0, 3.0, 2.0]);
}

#[test]
fn a_function_used_only_through_its_siblings_does_not_warn() {
    assert_eq!(scale_grad(2.0, 3.0), [3.0, 2.0]);
    let (value, _) = loss_value_and_grad(0.5, 0.1, 2.0, 0.8);
    assert_eq!(
        loss_hessian(0.5, 0.1, 2.0, 0.8)[0][1],
        loss_hessian(0.5, 0.1, 2.0, 0.8)[1][0]
    );
    assert!(value > 0.0);
}
