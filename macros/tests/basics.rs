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

/// `where` in the string macros: each branch's derivative where it is taken,
/// the comparison deciding the tie, NaN where a side is NaN.
#[test]
fn string_macros_with_where() {
    let g = grad!("where(x > 0, x^2*y, -y)");
    assert_eq!(g(2.0, 3.0), [12.0, 4.0]);
    assert_eq!(g(-2.0, 3.0), [0.0, -1.0]);
    assert_eq!(g(0.0, 3.0), [0.0, -1.0]);
    assert!(g(f64::NAN, 3.0).iter().all(|entry| entry.is_nan()));
    let safe_log = diff!("where(x > 0, log(x), 0)", x);
    assert_eq!(safe_log(-1.0), 0.0);
    assert_eq!(safe_log(0.5), 2.0);
}

/// The backward pass of the course's neuron: `wrt` may name a step, whose
/// derivative holds the inputs of its definition fixed (dL/dz, dL/dy).
#[test]
fn grad_by_named_steps() {
    let backward = grad!("z = w*x + b; y = sigmoid(z); (y - t)^2", wrt = [w, z, y]);
    let [dl_dw, dl_dz, dl_dy] = backward(0.5, 2.0, 0.1, 0.8);
    let y = 1.0 / (1.0 + (-1.1_f64).exp());
    assert!((dl_dy - 2.0 * (y - 0.8)).abs() < 1e-15);
    assert!((dl_dz - dl_dy * y * (1.0 - y)).abs() < 1e-15);
    assert!((dl_dw - dl_dz * 2.0).abs() < 1e-15);
}

/// `diff!` stops once the derivative is 0, whatever the order, and
/// differentiates by a named step as `grad!` does.
#[test]
fn diff_orders_and_steps() {
    let zero = diff!("x^2", x, 1000);
    assert_eq!(zero(3.0), 0.0);
    let by_step = diff!("z = x^2; sin(z)", z);
    assert_eq!(by_step(3.0), 9.0_f64.cos());
}

/// Central differences of a one-variable function.
fn numeric_derivative(f: impl Fn(f64) -> f64, x: f64) -> f64 {
    let h = 1e-6 * x.abs().max(1.0);
    (f(x + h) - f(x - h)) / ((x + h) - (x - h))
}

fn assert_derivative(name: &str, f: impl Fn(f64) -> f64, derivative: f64, x: f64) {
    let numeric = numeric_derivative(f, x);
    assert!(
        (derivative - numeric).abs() <= 1e-5 + 1e-5 * numeric.abs(),
        "{name} at {x}: generated {derivative}, central difference {numeric}"
    );
}

/// Every function of the engine's table through `grad!` (value by the
/// engine's interpreter, derivative by the generated closure).
#[test]
fn every_engine_function_in_grad() {
    macro_rules! check {
        ($($source:literal),* $(,)?) => {$(
            let expr = symdiff::Expr::parse($source).expect("the test's expressions parse");
            let value = |x: f64| expr.eval(&[("x", x)]).unwrap_or(f64::NAN);
            let gradient = grad!($source);
            for x in [0.3, 0.7, 1.9] {
                assert_derivative($source, value, gradient(x)[0], x);
            }
        )*};
    }
    check!(
        "sin(x)",
        "cos(x)",
        "tan(x)",
        "asin(x/2)",
        "acos(x/2)",
        "atan(x)",
        "sinh(x)",
        "cosh(x)",
        "tanh(x)",
        "exp(x)",
        "log(x)",
        "ln(x)",
        "sqrt(x)",
        "abs(x - 1)",
        "sign(x - 1)*x",
        "sigmoid(x)",
        "relu(x - 1)",
        "leaky_relu(x - 1, 0.1)",
        "softplus(x)",
        "heaviside(x - 1)*x",
        "max(x, 1)",
        "min(x, 1)",
        "pow(x, 2.5)",
        "x^x",
        "e^x",
        "pi*x",
        "x^-2",
        "x^(1/3)",
        "2^x",
    );
}

/// Every f64 method that `#[derive_grad]` knows, against central differences
/// of the function itself.
#[test]
fn every_method_in_derive_grad() {
    #[derive_grad]
    fn methods(x: f64) -> f64 {
        let a = x.exp() + x.ln() + x.log10() + x.log2() + x.log(3.0) + x.sqrt();
        let b = x.sin() + x.cos() + x.tan() + (x / 2.0).asin() + (x / 2.0).acos() + x.atan();
        let c = x.sinh() + x.cosh() + x.tanh() + (x - 1.0).abs() + x.powi(3) + x.powf(1.5);
        let d = x.max(1.0) + x.min(1.0) + x.recip() + x.exp_m1() + x.ln_1p() + x.exp2();
        let e = x.hypot(2.0) + x.mul_add(3.0, 1.0) + f64::sqrt(x) + f64::powi(x, -2);
        let f = sigmoid(x) + relu(x - 1.0) + leaky_relu(x - 1.0, 0.1) + softplus(x);
        let g = heaviside(x - 1.0) * x + sign(x - 1.0) * x + max(x, 1.0) + min(x, 1.0);
        let h = exp(x) + ln(x) + log(x) + pow(x, 2.0) + std::f64::consts::FRAC_PI_2 * x;
        a + b + c + d + e + f + g + h
    }
    for x in [0.3, 0.7, 1.9] {
        assert_derivative("methods", methods, methods_grad(x)[0], x);
        // The value is the function's own, to the bit.
        let (value, _) = methods_value_and_grad(x);
        assert_eq!(value.to_bits(), methods(x).to_bits());
    }
}

/// The re-emitted function has the engine's semantics at the kinks and for
/// NaN: `relu(0) = 0`, `heaviside(0) = 0`, `max` and `min` propagate NaN.
#[test]
fn inlined_engine_functions_keep_their_semantics() {
    #[derive_grad]
    fn kinks(x: f64, y: f64) -> f64 {
        relu(x) + heaviside(x) + 10.0 * max(x, y) + 100.0 * min(x, y)
    }
    assert_eq!(kinks(0.0, 0.0), 0.0);
    assert!(kinks(f64::NAN, 1.0).is_nan());
    assert!(kinks(1.0, f64::NAN).is_nan());
    assert_eq!(kinks(2.0, 1.0), 2.0 + 1.0 + 20.0 + 100.0);
    assert_eq!(kinks_grad(2.0, 1.0), [1.0 + 10.0, 100.0]);
}

/// The generated code's own names (the closure's inner function, the value's
/// nested function, temporaries) cannot collide with the user's names.
#[test]
fn internal_names_do_not_collide_with_the_users() {
    let gradient = grad!("__symdiff_generated * x + x^2");
    assert_eq!(gradient(3.0, 2.0), [2.0, 3.0 + 4.0]);
    let hessian = hessian!("__t0 * __symdiff_generated^2");
    assert_eq!(hessian(3.0, 2.0), [[0.0, 4.0], [4.0, 6.0]]);

    #[derive_grad]
    fn f(f: f64, __symdiff_value: f64, __t0: f64) -> f64 {
        let __symdiff_x = sigmoid(f);
        __symdiff_x * __symdiff_value + __t0
    }
    let (value, gradient) = f_value_and_grad(0.0, 2.0, 3.0);
    assert_eq!(value, f(0.0, 2.0, 3.0));
    assert_eq!(gradient, [0.5, 0.5, 1.0]);
}

/// `&f64` parameters, read as they are or through `*`, and `(*a)[i]` on an
/// `&[f64; N]`.
#[test]
fn reference_parameters() {
    #[derive_grad(hessian)]
    fn scaled(x: &f64, y: &f64, a: &[f64; 2]) -> f64 {
        let z = *x * y + (*a)[0];
        z * a[1] + sigmoid(*y)
    }
    let (x, y, a) = (2.0, 0.0, [1.0, 3.0]);
    let (value, gradient) = scaled_value_and_grad(&x, &y, &a);
    assert_eq!(value, scaled(&x, &y, &a));
    assert_eq!(value, 3.0 + 0.5);
    assert_eq!(gradient, scaled_grad(&x, &y, &a));
    assert_eq!(gradient, [0.0, 6.0 + 0.25, 3.0, 1.0]);
    assert_eq!(scaled_hessian(&x, &y, &a)[0][1], 3.0);
}

/// A `return` at the end of a closure gives the closure's value, not the
/// function's (the gradient was [1, 0, 0]: the fold's first step).
#[derive_grad]
#[allow(clippy::needless_return, reason = "the return is the case")]
fn closure_return(x: [f64; 3]) -> f64 {
    let total = x.iter().fold(0.0, |acc, v| {
        return acc + v;
    });
    total * 2.0
}

/// An `if` on data may give a tuple: each entry is selected.
#[derive_grad]
fn tuple_branches(x: f64, y: f64) -> f64 {
    let (a, b) = if x > y { (x * y, x) } else { (x + y, y * y) };
    a + 3.0 * b
}

/// A raw identifier names an array parameter.
#[derive_grad]
fn raw_name(r#type: [f64; 2]) -> f64 {
    r#type[0] * r#type[1]
}

#[test]
fn closures_branches_and_raw_names() {
    assert_eq!(closure_return_grad([1.0, 2.0, 3.0]), [2.0, 2.0, 2.0]);
    assert_eq!(closure_return_value_and_grad([1.0, 2.0, 3.0]).0, 12.0);
    assert_eq!(tuple_branches_grad(2.0, 1.0), [1.0 + 3.0, 2.0]);
    assert_eq!(tuple_branches_grad(1.0, 2.0), [1.0, 1.0 + 12.0]);
    assert_eq!(raw_name_grad([2.0, 5.0]), [5.0, 2.0]);
}
