pub fn polar(r: f64, theta: f64) -> [f64; 2] {
    [r * theta.cos(), r * theta.sin()]
}
/// The Jacobian of `polar` with respect to (r, theta): one row per output, 2 by 2.
///
/// ```text
/// ∂polar[0]/∂r = cos(theta)
/// ∂polar[0]/∂theta = -r*sin(theta)
/// ∂polar[1]/∂r = sin(theta)
/// ∂polar[1]/∂theta = r*cos(theta)
/// ```
#[allow(
    unused_variables,
    unused_parens,
    non_snake_case,
    clippy::all,
    clippy::pedantic,
    clippy::nursery
)]
pub fn polar_jacobian(
    r: ::core::primitive::f64,
    theta: ::core::primitive::f64,
) -> [[::core::primitive::f64; 2]; 2] {
    let _ = polar;
    let __t0: ::core::primitive::f64 = theta;
    let __t1: ::core::primitive::f64 = ::core::primitive::f64::cos(__t0);
    let __t2: ::core::primitive::f64 = r;
    let __t3: ::core::primitive::f64 = ::core::primitive::f64::sin(__t0);
    let __t4: ::core::primitive::f64 = __t3 * __t2;
    let __t5: ::core::primitive::f64 = __t2 * __t1;
    let __t6: ::core::primitive::f64 = -__t4;
    [[__t1, __t6], [__t3, __t5]]
}
/// The values of `polar` and its Jacobian.
///
/// The values are computed by the body of `polar` itself, so they are NaN or infinite exactly where `polar`'s are; the Jacobian is `polar_jacobian`'s.
///
/// ```text
/// ∂polar[0]/∂r = cos(theta)
/// ∂polar[0]/∂theta = -r*sin(theta)
/// ∂polar[1]/∂r = sin(theta)
/// ∂polar[1]/∂theta = r*cos(theta)
/// ```
#[allow(
    unused_variables,
    unused_parens,
    non_snake_case,
    clippy::all,
    clippy::pedantic,
    clippy::nursery
)]
pub fn polar_value_and_jacobian(
    r: ::core::primitive::f64,
    theta: ::core::primitive::f64,
) -> ([::core::primitive::f64; 2], [[::core::primitive::f64; 2]; 2]) {
    (
        polar(r, theta),
        {
            let __t0: ::core::primitive::f64 = theta;
            let __t1: ::core::primitive::f64 = ::core::primitive::f64::cos(__t0);
            let __t2: ::core::primitive::f64 = r;
            let __t3: ::core::primitive::f64 = ::core::primitive::f64::sin(__t0);
            let __t4: ::core::primitive::f64 = __t3 * __t2;
            let __t5: ::core::primitive::f64 = __t2 * __t1;
            let __t6: ::core::primitive::f64 = -__t4;
            [[__t1, __t6], [__t3, __t5]]
        },
    )
}
/// The variables of `polar`'s derivatives, in the order of their entries.
pub const POLAR_WRT: [&::core::primitive::str; 2] = ["r", "theta"];

fn pair(x: [f64; 2]) -> (f64, f64) {
    let s = x[0] + x[1];
    (s * s, x[0] / x[1])
}
/// The Jacobian of `pair` with respect to (x[0], x[1]): one row per output, 2 by 2.
///
/// ```text
/// ∂pair.0/∂x[0] = 2*(x[0] + x[1])
/// ∂pair.0/∂x[1] = 2*(x[0] + x[1])
/// ∂pair.1/∂x[0] = 1/x[1]
/// ∂pair.1/∂x[1] = -x[0]/x[1]^2
/// ```
#[allow(
    unused_variables,
    unused_parens,
    non_snake_case,
    clippy::all,
    clippy::pedantic,
    clippy::nursery
)]
fn pair_jacobian(x: [::core::primitive::f64; 2]) -> [[::core::primitive::f64; 2]; 2] {
    let _ = pair;
    let [__t_x_0, __t_x_1] = x;
    let __t0: ::core::primitive::f64 = 2.0_f64;
    let __t1: ::core::primitive::f64 = __t_x_0;
    let __t2: ::core::primitive::f64 = __t_x_1;
    let __t3: ::core::primitive::f64 = __t1 + __t2;
    let __t4: ::core::primitive::f64 = __t3 * __t0;
    let __t5: ::core::primitive::f64 = 1.0_f64;
    let __t6: ::core::primitive::f64 = __t5 / __t2;
    let __t7: ::core::primitive::f64 = __t2 * __t2;
    let __t8: ::core::primitive::f64 = __t1 / __t7;
    let __t9: ::core::primitive::f64 = -__t8;
    [[__t4, __t4], [__t6, __t9]]
}
/// The values of `pair` and its Jacobian.
///
/// The values are computed by the body of `pair` itself, so they are NaN or infinite exactly where `pair`'s are; the Jacobian is `pair_jacobian`'s.
///
/// ```text
/// ∂pair.0/∂x[0] = 2*(x[0] + x[1])
/// ∂pair.0/∂x[1] = 2*(x[0] + x[1])
/// ∂pair.1/∂x[0] = 1/x[1]
/// ∂pair.1/∂x[1] = -x[0]/x[1]^2
/// ```
#[allow(
    unused_variables,
    unused_parens,
    non_snake_case,
    clippy::all,
    clippy::pedantic,
    clippy::nursery
)]
fn pair_value_and_jacobian(
    x: [::core::primitive::f64; 2],
) -> ([::core::primitive::f64; 2], [[::core::primitive::f64; 2]; 2]) {
    (
        {
            let (__symdiff_value_0, __symdiff_value_1) = pair(x);
            [__symdiff_value_0, __symdiff_value_1]
        },
        {
            let [__t_x_0, __t_x_1] = x;
            let __t0: ::core::primitive::f64 = 2.0_f64;
            let __t1: ::core::primitive::f64 = __t_x_0;
            let __t2: ::core::primitive::f64 = __t_x_1;
            let __t3: ::core::primitive::f64 = __t1 + __t2;
            let __t4: ::core::primitive::f64 = __t3 * __t0;
            let __t5: ::core::primitive::f64 = 1.0_f64;
            let __t6: ::core::primitive::f64 = __t5 / __t2;
            let __t7: ::core::primitive::f64 = __t2 * __t2;
            let __t8: ::core::primitive::f64 = __t1 / __t7;
            let __t9: ::core::primitive::f64 = -__t8;
            [[__t4, __t4], [__t6, __t9]]
        },
    )
}
/// The variables of `pair`'s derivatives, in the order of their entries.
const PAIR_WRT: [&::core::primitive::str; 2] = ["x[0]", "x[1]"];
