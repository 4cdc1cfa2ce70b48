fn layer(weights: &[f64; 2], input: [f64; 2], bias: f64) -> f64 {
    let pre = weights[0] * input[0] + weights[1] * input[(1)] + bias;
    let act = {
        let __symdiff_0: ::core::primitive::f64 = pre;
        if __symdiff_0 > 0.0_f64 || ::core::primitive::f64::is_nan(__symdiff_0) {
            __symdiff_0
        } else {
            0.0_f64
        }
    }
        .max({
            let __symdiff_0: ::core::primitive::f64 = pre;
            let __symdiff_1: ::core::primitive::f64 = 0.01;
            if __symdiff_0 > 0.0_f64 { __symdiff_0 } else { __symdiff_1 * __symdiff_0 }
        });
    f64::ln(act.exp() + 1.0) - pre.log10() / std::f64::consts::PI
}
/// The gradient of `layer` with respect to (weights[0], weights[1], bias).
///
/// ```text
/// t1 = bias + input[0]*weights[0] + input[1]*weights[1]
/// t2 = leaky_relu(t1, 1/100)
/// t3 = relu(t1)
/// t4 = exp(max(t3, t2))
/// t5 = (1 + t4)^-1
/// t6 = t4*t5
/// t7 = heaviside(t1)
/// t8 = t4*t5/2
/// t9 = where(t2 < t3, t6*t7, where(t3 < t2, t6, t8)*((1 - t7)/100 + t7) + where(t3 < t2, 0, t8*t7)) - 1/(pi*log(10)*t1)
/// ∂/∂weights[0] = input[0]*t9
/// ∂/∂weights[1] = input[1]*t9
/// ∂/∂bias = t9
/// ```
#[allow(
    unused_variables,
    unused_parens,
    non_snake_case,
    clippy::all,
    clippy::pedantic,
    clippy::nursery
)]
fn layer_grad(
    weights: &[::core::primitive::f64; 2],
    input: [::core::primitive::f64; 2],
    bias: ::core::primitive::f64,
) -> [::core::primitive::f64; 3] {
    let _ = layer;
    let [__t_weights_0, __t_weights_1] = *weights;
    let [__t_input_0, __t_input_1] = input;
    let __t0: ::core::primitive::f64 = __t_input_0;
    let __t1: ::core::primitive::f64 = 2.302585092994046_f64;
    let __t2: ::core::primitive::f64 = 1.0_f64;
    let __t3: ::core::primitive::f64 = bias;
    let __t4: ::core::primitive::f64 = __t_weights_0;
    let __t5: ::core::primitive::f64 = __t4 * __t0;
    let __t6: ::core::primitive::f64 = __t_input_1;
    let __t7: ::core::primitive::f64 = __t_weights_1;
    let __t8: ::core::primitive::f64 = __t7 * __t6;
    let __t9: ::core::primitive::f64 = __t3 + __t5;
    let __t10: ::core::primitive::f64 = __t9 + __t8;
    let __t11: ::core::primitive::f64 = __t1 * __t10;
    let __t12: ::core::primitive::f64 = 3.141592653589793_f64;
    let __t13: ::core::primitive::f64 = __t11 * __t12;
    let __t14: ::core::primitive::f64 = __t2 / __t13;
    let __t15: ::core::primitive::f64 = 0.01_f64;
    let __t16: ::core::primitive::f64 = if __t10 > 0.0_f64 {
        __t10
    } else {
        __t15 * __t10
    };
    let __t17: ::core::primitive::f64 = if __t10 > 0.0_f64
        || ::core::primitive::f64::is_nan(__t10)
    {
        __t10
    } else {
        0.0_f64
    };
    let __t18: ::core::primitive::f64 = if ::core::primitive::f64::is_nan(__t17)
        || ::core::primitive::f64::is_nan(__t16)
    {
        ::core::primitive::f64::NAN
    } else if __t16 > __t17 {
        __t16
    } else {
        __t17
    };
    let __t19: ::core::primitive::f64 = ::core::primitive::f64::exp(__t18);
    let __t20: ::core::primitive::f64 = __t2 + __t19;
    let __t21: ::core::primitive::f64 = __t19 / __t20;
    let __t22: ::core::primitive::f64 = if __t10 > 0.0_f64 {
        1.0_f64
    } else if ::core::primitive::f64::is_nan(__t10) {
        __t10
    } else {
        0.0_f64
    };
    let __t23: ::core::primitive::f64 = __t22 * __t21;
    let __t24: ::core::primitive::f64 = 0.5_f64;
    let __t25: ::core::primitive::f64 = __t19 * __t24;
    let __t26: ::core::primitive::f64 = __t25 / __t20;
    let __t27: ::core::primitive::f64 = if __t17 < __t16 {
        __t21
    } else if __t16 <= __t17 {
        __t26
    } else {
        ::core::primitive::f64::NAN
    };
    let __t28: ::core::primitive::f64 = __t2 - __t22;
    let __t29: ::core::primitive::f64 = __t28 * __t15;
    let __t30: ::core::primitive::f64 = __t29 + __t22;
    let __t31: ::core::primitive::f64 = __t30 * __t27;
    let __t32: ::core::primitive::f64 = 0.0_f64;
    let __t33: ::core::primitive::f64 = __t26 * __t22;
    let __t34: ::core::primitive::f64 = if __t17 < __t16 {
        __t32
    } else if __t16 <= __t17 {
        __t33
    } else {
        ::core::primitive::f64::NAN
    };
    let __t35: ::core::primitive::f64 = __t31 + __t34;
    let __t36: ::core::primitive::f64 = if __t16 < __t17 {
        __t23
    } else if __t17 <= __t16 {
        __t35
    } else {
        ::core::primitive::f64::NAN
    };
    let __t37: ::core::primitive::f64 = __t36 - __t14;
    let __t38: ::core::primitive::f64 = __t37 * __t0;
    let __t39: ::core::primitive::f64 = __t37 * __t6;
    [__t38, __t39, __t37]
}
/// The value of `layer` and its gradient.
///
/// The value is computed by the body of `layer` itself, so it is NaN or infinite exactly where `layer` is; the gradient is `layer_grad`'s.
///
/// ```text
/// t1 = bias + input[0]*weights[0] + input[1]*weights[1]
/// t2 = leaky_relu(t1, 1/100)
/// t3 = relu(t1)
/// t4 = exp(max(t3, t2))
/// t5 = (1 + t4)^-1
/// t6 = t4*t5
/// t7 = heaviside(t1)
/// t8 = t4*t5/2
/// t9 = where(t2 < t3, t6*t7, where(t3 < t2, t6, t8)*((1 - t7)/100 + t7) + where(t3 < t2, 0, t8*t7)) - 1/(pi*log(10)*t1)
/// ∂/∂weights[0] = input[0]*t9
/// ∂/∂weights[1] = input[1]*t9
/// ∂/∂bias = t9
/// ```
#[allow(
    unused_variables,
    unused_parens,
    non_snake_case,
    clippy::all,
    clippy::pedantic,
    clippy::nursery
)]
fn layer_value_and_grad(
    weights: &[::core::primitive::f64; 2],
    input: [::core::primitive::f64; 2],
    bias: ::core::primitive::f64,
) -> (::core::primitive::f64, [::core::primitive::f64; 3]) {
    (
        layer(weights, input, bias),
        {
            let [__t_weights_0, __t_weights_1] = *weights;
            let [__t_input_0, __t_input_1] = input;
            let __t0: ::core::primitive::f64 = __t_input_0;
            let __t1: ::core::primitive::f64 = 2.302585092994046_f64;
            let __t2: ::core::primitive::f64 = 1.0_f64;
            let __t3: ::core::primitive::f64 = bias;
            let __t4: ::core::primitive::f64 = __t_weights_0;
            let __t5: ::core::primitive::f64 = __t4 * __t0;
            let __t6: ::core::primitive::f64 = __t_input_1;
            let __t7: ::core::primitive::f64 = __t_weights_1;
            let __t8: ::core::primitive::f64 = __t7 * __t6;
            let __t9: ::core::primitive::f64 = __t3 + __t5;
            let __t10: ::core::primitive::f64 = __t9 + __t8;
            let __t11: ::core::primitive::f64 = __t1 * __t10;
            let __t12: ::core::primitive::f64 = 3.141592653589793_f64;
            let __t13: ::core::primitive::f64 = __t11 * __t12;
            let __t14: ::core::primitive::f64 = __t2 / __t13;
            let __t15: ::core::primitive::f64 = 0.01_f64;
            let __t16: ::core::primitive::f64 = if __t10 > 0.0_f64 {
                __t10
            } else {
                __t15 * __t10
            };
            let __t17: ::core::primitive::f64 = if __t10 > 0.0_f64
                || ::core::primitive::f64::is_nan(__t10)
            {
                __t10
            } else {
                0.0_f64
            };
            let __t18: ::core::primitive::f64 = if ::core::primitive::f64::is_nan(__t17)
                || ::core::primitive::f64::is_nan(__t16)
            {
                ::core::primitive::f64::NAN
            } else if __t16 > __t17 {
                __t16
            } else {
                __t17
            };
            let __t19: ::core::primitive::f64 = ::core::primitive::f64::exp(__t18);
            let __t20: ::core::primitive::f64 = __t2 + __t19;
            let __t21: ::core::primitive::f64 = __t19 / __t20;
            let __t22: ::core::primitive::f64 = if __t10 > 0.0_f64 {
                1.0_f64
            } else if ::core::primitive::f64::is_nan(__t10) {
                __t10
            } else {
                0.0_f64
            };
            let __t23: ::core::primitive::f64 = __t22 * __t21;
            let __t24: ::core::primitive::f64 = 0.5_f64;
            let __t25: ::core::primitive::f64 = __t19 * __t24;
            let __t26: ::core::primitive::f64 = __t25 / __t20;
            let __t27: ::core::primitive::f64 = if __t17 < __t16 {
                __t21
            } else if __t16 <= __t17 {
                __t26
            } else {
                ::core::primitive::f64::NAN
            };
            let __t28: ::core::primitive::f64 = __t2 - __t22;
            let __t29: ::core::primitive::f64 = __t28 * __t15;
            let __t30: ::core::primitive::f64 = __t29 + __t22;
            let __t31: ::core::primitive::f64 = __t30 * __t27;
            let __t32: ::core::primitive::f64 = 0.0_f64;
            let __t33: ::core::primitive::f64 = __t26 * __t22;
            let __t34: ::core::primitive::f64 = if __t17 < __t16 {
                __t32
            } else if __t16 <= __t17 {
                __t33
            } else {
                ::core::primitive::f64::NAN
            };
            let __t35: ::core::primitive::f64 = __t31 + __t34;
            let __t36: ::core::primitive::f64 = if __t16 < __t17 {
                __t23
            } else if __t17 <= __t16 {
                __t35
            } else {
                ::core::primitive::f64::NAN
            };
            let __t37: ::core::primitive::f64 = __t36 - __t14;
            let __t38: ::core::primitive::f64 = __t37 * __t0;
            let __t39: ::core::primitive::f64 = __t37 * __t6;
            [__t38, __t39, __t37]
        },
    )
}
/// The variables of `layer`'s derivatives, in the order of their entries.
const LAYER_WRT: [&::core::primitive::str; 3] = ["weights[0]", "weights[1]", "bias"];
