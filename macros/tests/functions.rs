//! The functions added with the function table, through both macros:
//! `#[derive_grad]` reads them as free functions (`erf`, `gelu`, `silu`,
//! `swish`, `elu`, `softsign`) and as `f64` methods (`ln_1p`, `exp_m1`,
//! `atan2`, `hypot`, `cbrt`, `log`), `grad!` by their text names; both agree
//! with the engine, and the re-emitted functions compute the engine's values
//! bit for bit (`erf` through the same source text, see `symdiff::func`).

use symdiff::Expr;
use symdiff_macros::{derive_grad, grad};

#[derive_grad]
fn activations(x: f64, y: f64, a: f64) -> f64 {
    erf(x) * gelu(y) + silu(x * y) - swish(y) + elu(x, a) * softsign(y)
}

#[derive_grad]
fn methods(x: f64, y: f64, b: f64) -> f64 {
    x.ln_1p() + y.exp_m1() * y.atan2(x) + x.hypot(y) - (x * y).cbrt() + x.log(b)
}

#[derive_grad]
fn gelu_alone(x: f64) -> f64 {
    gelu(x)
}

/// The engine's value and gradient of `text` at `point`.
fn engine(text: &str, point: &[(&str, f64)]) -> (f64, Vec<f64>) {
    let expr = Expr::parse(text).expect("the formula parses");
    let names: Vec<&str> = point.iter().map(|&(name, _)| name).collect();
    let value = expr.eval(point).expect("every variable has a value");
    let gradient = expr
        .gradient(&names)
        .iter()
        .map(|entry| entry.eval(point).expect("every variable has a value"))
        .collect();
    (value, gradient)
}

fn assert_close(case: &str, computed: &[f64], expected: &[f64]) {
    for (index, (a, b)) in computed.iter().zip(expected).enumerate() {
        let close = (a - b).abs() <= 1e-13 * (1.0 + b.abs());
        assert!(close, "{case}, entry {index}: {a} against the engine's {b}");
    }
}

#[test]
fn derive_grad_reads_the_new_functions_as_the_engine_does() {
    let text = "erf(x)*gelu(y) + silu(x*y) - swish(y) + elu(x, a)*softsign(y)";
    for (x, y, a) in [(0.4, -1.3, 0.7), (-0.8, 0.6, 1.5), (0.0, 2.0, 0.3)] {
        let (value, gradient) = engine(text, &[("x", x), ("y", y), ("a", a)]);
        let (own, derived) = activations_value_and_grad(x, y, a);
        assert_eq!(own.to_bits(), activations(x, y, a).to_bits());
        assert_close("activations value", &[own], &[value]);
        assert_close("activations gradient", &derived, &gradient);
    }
    let text = "log1p(x) + expm1(y)*atan2(y, x) + hypot(x, y) - cbrt(x*y) + log(x, b)";
    for (x, y, b) in [(0.5, 1.5, 3.0), (2.0, -0.7, 10.0)] {
        let (value, gradient) = engine(text, &[("x", x), ("y", y), ("b", b)]);
        let (own, derived) = methods_value_and_grad(x, y, b);
        assert_eq!(own.to_bits(), methods(x, y, b).to_bits());
        assert_close("methods value", &[own], &[value]);
        assert_close("methods gradient", &derived, &gradient);
    }
}

#[test]
fn the_re_emitted_erf_is_the_engine_s_bit_for_bit() {
    for x in [-7.0, -2.9, -1.0, -0.3, 0.0, 1e-9, 0.8, 1.2, 2.5, 5.9, 30.0] {
        let expected = x * 0.5 * (1.0 + symdiff::func::erf(x * std::f64::consts::FRAC_1_SQRT_2));
        assert_eq!(gelu_alone(x).to_bits(), expected.to_bits(), "gelu({x})");
        assert_eq!(gelu_alone(x).to_bits(), symdiff::func::gelu(x).to_bits());
    }
}

#[test]
fn grad_reads_the_new_functions_and_log_with_a_base() {
    let g = grad!("gelu(x)*y + log(x, y) + elu(x - 1, y)");
    let point = [("x", 0.7), ("y", 2.5)];
    let (_, expected) = engine("gelu(x)*y + log(x, y) + elu(x - 1, y)", &point);
    assert_close("grad!", &g(0.7, 2.5), &expected);
    let cube_root = grad!("cbrt(x)");
    assert_eq!(cube_root(-8.0), [1.0 / 12.0]);
    assert_eq!(cube_root(0.0), [f64::INFINITY]);
}

#[derive_grad]
fn each_free_function(x: f64, a: f64) -> [f64; 7] {
    [
        erf(x),
        gelu(x),
        silu(x),
        swish(x),
        elu(x, a),
        softsign(x),
        tanh(x),
    ]
}

/// The functions called by name are re-emitted as the table's Rust, which
/// computes exactly what the engine's evaluation does.
#[test]
fn inlined_functions_compute_the_engine_s_values_bit_for_bit() {
    use symdiff::func::Func;
    for x in [
        -30.0,
        -2.5,
        -0.7,
        -0.0,
        0.0,
        1e-300,
        0.4,
        1.9,
        6.5,
        0.625,
        19.5,
        f64::INFINITY,
        f64::NAN,
    ] {
        let computed = each_free_function(x, 1.3);
        let expected = [
            Func::Erf.eval(&[x]),
            Func::Gelu.eval(&[x]),
            Func::Silu.eval(&[x]),
            Func::Silu.eval(&[x]),
            Func::Elu.eval(&[x, 1.3]),
            Func::Softsign.eval(&[x]),
            Func::Tanh.eval(&[x]),
        ];
        for (index, (a, b)) in computed.iter().zip(expected).enumerate() {
            assert_eq!(a.to_bits(), b.to_bits(), "function {index} at {x}");
        }
    }
}
