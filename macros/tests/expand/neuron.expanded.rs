pub fn loss(w: f64, b: f64, x: f64, t: f64) -> f64 {
    let z = w * x + b;
    let y = {
        let __symdiff_0: ::core::primitive::f64 = z;
        1.0_f64 / (1.0_f64 + ::core::primitive::f64::exp(-__symdiff_0))
    };
    (y - t).powi(2)
}
/// The gradient of `loss` with respect to (w, b).
///
/// ```text
/// ∂/∂w = 2*x*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)
/// ∂/∂b = 2*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)
/// ```
#[allow(
    unused_variables,
    unused_parens,
    non_snake_case,
    clippy::all,
    clippy::pedantic,
    clippy::nursery
)]
pub fn loss_grad(
    w: ::core::primitive::f64,
    b: ::core::primitive::f64,
    x: ::core::primitive::f64,
    t: ::core::primitive::f64,
) -> [::core::primitive::f64; 2] {
    let _ = loss;
    let __t0: ::core::primitive::f64 = x;
    let __t1: ::core::primitive::f64 = b;
    let __t2: ::core::primitive::f64 = w;
    let __t3: ::core::primitive::f64 = __t2 * __t0;
    let __t4: ::core::primitive::f64 = __t1 + __t3;
    let __t5: ::core::primitive::f64 = 1.0_f64
        / (1.0_f64 + ::core::primitive::f64::exp(-__t4));
    let __t6: ::core::primitive::f64 = 1.0_f64;
    let __t7: ::core::primitive::f64 = __t6 - __t5;
    let __t8: ::core::primitive::f64 = __t7 * __t5;
    let __t9: ::core::primitive::f64 = 2.0_f64;
    let __t10: ::core::primitive::f64 = t;
    let __t11: ::core::primitive::f64 = __t5 - __t10;
    let __t12: ::core::primitive::f64 = __t11 * __t9;
    let __t13: ::core::primitive::f64 = __t12 * __t8;
    let __t14: ::core::primitive::f64 = __t13 * __t0;
    [__t14, __t13]
}
/// The value of `loss` and its gradient.
///
/// The value is computed by the body of `loss` itself, so it is NaN or infinite exactly where `loss` is; the gradient is `loss_grad`'s.
///
/// ```text
/// ∂/∂w = 2*x*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)
/// ∂/∂b = 2*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)
/// ```
#[allow(
    unused_variables,
    unused_parens,
    non_snake_case,
    clippy::all,
    clippy::pedantic,
    clippy::nursery
)]
pub fn loss_value_and_grad(
    w: ::core::primitive::f64,
    b: ::core::primitive::f64,
    x: ::core::primitive::f64,
    t: ::core::primitive::f64,
) -> (::core::primitive::f64, [::core::primitive::f64; 2]) {
    (
        loss(w, b, x, t),
        {
            let __t0: ::core::primitive::f64 = x;
            let __t1: ::core::primitive::f64 = b;
            let __t2: ::core::primitive::f64 = w;
            let __t3: ::core::primitive::f64 = __t2 * __t0;
            let __t4: ::core::primitive::f64 = __t1 + __t3;
            let __t5: ::core::primitive::f64 = 1.0_f64
                / (1.0_f64 + ::core::primitive::f64::exp(-__t4));
            let __t6: ::core::primitive::f64 = 1.0_f64;
            let __t7: ::core::primitive::f64 = __t6 - __t5;
            let __t8: ::core::primitive::f64 = __t7 * __t5;
            let __t9: ::core::primitive::f64 = 2.0_f64;
            let __t10: ::core::primitive::f64 = t;
            let __t11: ::core::primitive::f64 = __t5 - __t10;
            let __t12: ::core::primitive::f64 = __t11 * __t9;
            let __t13: ::core::primitive::f64 = __t12 * __t8;
            let __t14: ::core::primitive::f64 = __t13 * __t0;
            [__t14, __t13]
        },
    )
}
/// The Hessian of `loss` with respect to (w, b).
///
/// ```text
/// t1 = sigmoid(b + w*x)
/// t2 = 2*(t1 - t)
/// t3 = 1 - t1
/// t4 = t1*t3
/// t5 = t2*(x*t4*t3 - x*t4*t1) + t4*(2*x*t4)
/// ∂²/∂w² = x*t5
/// ∂²/∂w∂b = t5
/// ∂²/∂b∂w = t5
/// ∂²/∂b² = 2*t4*t1*t3 + t2*((-t1*t3)*t1 + t4*t3)
/// ```
#[allow(
    unused_variables,
    unused_parens,
    non_snake_case,
    clippy::all,
    clippy::pedantic,
    clippy::nursery
)]
pub fn loss_hessian(
    w: ::core::primitive::f64,
    b: ::core::primitive::f64,
    x: ::core::primitive::f64,
    t: ::core::primitive::f64,
) -> [[::core::primitive::f64; 2]; 2] {
    let _ = loss;
    let __t0: ::core::primitive::f64 = x;
    let __t1: ::core::primitive::f64 = 2.0_f64;
    let __t2: ::core::primitive::f64 = 1.0_f64;
    let __t3: ::core::primitive::f64 = t;
    let __t4: ::core::primitive::f64 = b;
    let __t5: ::core::primitive::f64 = w;
    let __t6: ::core::primitive::f64 = __t5 * __t0;
    let __t7: ::core::primitive::f64 = __t4 + __t6;
    let __t8: ::core::primitive::f64 = 1.0_f64
        / (1.0_f64 + ::core::primitive::f64::exp(-__t7));
    let __t9: ::core::primitive::f64 = __t8 - __t3;
    let __t10: ::core::primitive::f64 = __t9 * __t1;
    let __t11: ::core::primitive::f64 = __t2 - __t8;
    let __t12: ::core::primitive::f64 = __t11 * __t8;
    let __t13: ::core::primitive::f64 = __t12 * __t0;
    let __t14: ::core::primitive::f64 = __t13 * __t11;
    let __t15: ::core::primitive::f64 = __t13 * __t8;
    let __t16: ::core::primitive::f64 = __t14 - __t15;
    let __t17: ::core::primitive::f64 = __t16 * __t10;
    let __t18: ::core::primitive::f64 = __t13 * __t1;
    let __t19: ::core::primitive::f64 = __t18 * __t12;
    let __t20: ::core::primitive::f64 = __t17 + __t19;
    let __t21: ::core::primitive::f64 = __t20 * __t0;
    let __t22: ::core::primitive::f64 = __t12 * __t1;
    let __t23: ::core::primitive::f64 = __t22 * __t12;
    let __t24: ::core::primitive::f64 = __t12 * __t8;
    let __t25: ::core::primitive::f64 = __t12 * __t11;
    let __t26: ::core::primitive::f64 = __t25 - __t24;
    let __t27: ::core::primitive::f64 = __t26 * __t10;
    let __t28: ::core::primitive::f64 = __t23 + __t27;
    [[__t21, __t20], [__t20, __t28]]
}
/// The variables of `loss`'s derivatives, in the order of their entries.
pub const LOSS_WRT: [&::core::primitive::str; 2] = ["w", "b"];
