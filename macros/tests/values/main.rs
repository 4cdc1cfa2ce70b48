//! `NAME_value_and_grad` returns `NAME`'s own value: NaN and infinities
//! exactly where `NAME` has them, and the precise `f64` methods' results,
//! where the simplified graph would give another number (issue 10's cases);
//! and a property test over random bodies (`bodies.rs`, written by
//! `tests/sourcegen.rs`) at random points, zeros, infinities and NaN among
//! them.

#[rustfmt::skip]
mod bodies;

use proptest::prelude::*;
use symdiff_macros::derive_grad;

#[derive_grad]
fn hypot(x: f64, y: f64) -> f64 {
    x.hypot(y)
}

#[derive_grad]
fn ln_1p(x: f64) -> f64 {
    x.ln_1p()
}

#[derive_grad]
fn exp_m1(x: f64) -> f64 {
    x.exp_m1()
}

#[derive_grad]
fn fused(x: f64, y: f64, z: f64) -> f64 {
    x.mul_add(y, z)
}

#[derive_grad]
fn cube_root_of_minus_8(x: f64) -> f64 {
    (-8.0_f64).powf(1.0 / 3.0) * x
}

#[derive_grad]
#[allow(clippy::eq_op, reason = "x/x at 0 is the case")]
fn ratio(x: f64) -> f64 {
    x / x
}

#[derive_grad]
fn zero_over(x: f64) -> f64 {
    0.0 / x
}

#[derive_grad]
fn times_zero(x: f64) -> f64 {
    x * 0.0
}

#[derive_grad]
fn half_powers(x: f64) -> f64 {
    x.powf(0.5) * x.powf(0.5)
}

/// Equal, or both NaN.
fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

#[test]
fn value_and_grad_returns_the_functions_own_value() {
    // (case, the function's value, value_and_grad's value, the exact value)
    let cases = [
        (
            "x.hypot(y) at (1e200, 1e200)",
            hypot(1e200, 1e200),
            hypot_value_and_grad(1e200, 1e200).0,
            std::f64::consts::SQRT_2 * 1e200,
        ),
        (
            "x.ln_1p() at 1e-17",
            ln_1p(1e-17),
            ln_1p_value_and_grad(1e-17).0,
            1e-17,
        ),
        (
            "x.exp_m1() at 1e-17",
            exp_m1(1e-17),
            exp_m1_value_and_grad(1e-17).0,
            1e-17,
        ),
        (
            "x.mul_add(y, z) at (0.1, 10, -1), fused",
            fused(0.1, 10.0, -1.0),
            fused_value_and_grad(0.1, 10.0, -1.0).0,
            5.551115123125783e-17,
        ),
        (
            "(-8.0_f64).powf(1.0/3.0)*x at 1",
            cube_root_of_minus_8(1.0),
            cube_root_of_minus_8_value_and_grad(1.0).0,
            f64::NAN,
        ),
        (
            "x/x at 0",
            ratio(0.0),
            ratio_value_and_grad(0.0).0,
            f64::NAN,
        ),
        (
            "0.0/x at 0",
            zero_over(0.0),
            zero_over_value_and_grad(0.0).0,
            f64::NAN,
        ),
        (
            "x*0.0 at inf",
            times_zero(f64::INFINITY),
            times_zero_value_and_grad(f64::INFINITY).0,
            f64::NAN,
        ),
        (
            "x.powf(0.5)*x.powf(0.5) at -2",
            half_powers(-2.0),
            half_powers_value_and_grad(-2.0).0,
            f64::NAN,
        ),
    ];
    for (case, function, value, exact) in cases {
        assert!(
            same(value, function),
            "{case}: value_and_grad gives {value}, the function {function}"
        );
        let close = (value - exact).abs() <= 4.0 * f64::EPSILON * exact.abs();
        assert!(
            same(value, exact) || close,
            "{case}: {value}, expected {exact}"
        );
    }
}

#[test]
fn value_and_grad_keeps_the_gradient_of_grad() {
    assert_eq!(ratio_value_and_grad(2.0).1, ratio_grad(2.0));
    assert_eq!(fused_value_and_grad(1.0, 2.0, 3.0), (5.0, [2.0, 1.0, 1.0]));
    assert_eq!(half_powers_value_and_grad(4.0).1, half_powers_grad(4.0));
}

/// The same value: NaN for NaN, the same infinity, or within 4 ulps.
fn agrees(value: f64, function: f64) -> bool {
    if value.is_nan() || function.is_nan() || value.is_infinite() || function.is_infinite() {
        return same(value, function);
    }
    let ulp = f64::EPSILON * value.abs().max(function.abs()).max(f64::MIN_POSITIVE);
    (value - function).abs() <= 4.0 * ulp
}

/// `value_and_grad`'s value agrees with the function's, and its gradient is
/// `grad`'s, bit for bit.
fn check_body(body: &bodies::Body, at: &bodies::Point) -> Result<(), String> {
    let (value, gradient) = (body.value_and_grad)(at);
    let function = (body.function)(at);
    if !agrees(value, function) {
        return Err(format!(
            "{} `{}` at {at:?}: value_and_grad gives {value}, the function {function}",
            body.name, body.source
        ));
    }
    let grad = (body.grad)(at);
    if !gradient.iter().zip(&grad).all(|(&a, &b)| same(a, b)) {
        return Err(format!(
            "{} `{}` at {at:?}: value_and_grad's gradient {gradient:?}, grad's {grad:?}",
            body.name, body.source
        ));
    }
    Ok(())
}

/// Zeros, infinities, NaN, negative values and extremes, and ordinary values.
const EDGES: [f64; 11] = [
    0.0,
    -0.0,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::NAN,
    -2.0,
    1e300,
    -1e-300,
    f64::MAX,
    f64::MIN_POSITIVE,
    0.7,
];

#[test]
fn every_body_at_every_edge() {
    for body in bodies::BODIES {
        for edge in EDGES {
            if let Err(message) = check_body(body, &[edge; 5]) {
                panic!("{message}");
            }
        }
    }
}

fn point() -> impl Strategy<Value = bodies::Point> {
    let value = prop_oneof![
        3 => proptest::sample::select(EDGES.to_vec()),
        3 => -3.0..3.0f64,
        1 => any::<f64>(),
    ];
    [
        value.clone(),
        value.clone(),
        value.clone(),
        value.clone(),
        value,
    ]
}

proptest! {
    // 400 cases by default; PROPTEST_CASES runs more.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(400),
        ..ProptestConfig::default()
    })]

    #[test]
    fn value_and_grad_agrees_with_the_function(
        index in 0..bodies::BODIES.len(),
        at in point(),
    ) {
        if let Err(message) = check_body(&bodies::BODIES[index], &at) {
            prop_assert!(false, "{}", message);
        }
    }
}
