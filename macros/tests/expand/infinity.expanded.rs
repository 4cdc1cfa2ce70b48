#[allow(non_snake_case)]
#[cfg(test)]
fn Scaled(x: f64) -> f64 {
    x * f64::INFINITY
}
#[allow(non_snake_case)]
#[cfg(test)]
/// The gradient of `Scaled` with respect to (x).
///
/// ```text
/// ∂/∂x = 1/0
/// ```
#[allow(
    unused_variables,
    unused_parens,
    non_snake_case,
    clippy::all,
    clippy::pedantic,
    clippy::nursery
)]
fn Scaled_grad(x: ::core::primitive::f64) -> [::core::primitive::f64; 1] {
    let __t0: ::core::primitive::f64 = ::core::primitive::f64::INFINITY;
    [__t0]
}
#[allow(non_snake_case)]
#[cfg(test)]
/// The value of `Scaled` and its gradient, sharing one forward pass.
///
/// ```text
/// Scaled = 1/0*x
/// ∂/∂x = 1/0
/// ```
#[allow(
    unused_variables,
    unused_parens,
    non_snake_case,
    clippy::all,
    clippy::pedantic,
    clippy::nursery
)]
fn Scaled_value_and_grad(
    x: ::core::primitive::f64,
) -> (::core::primitive::f64, [::core::primitive::f64; 1]) {
    let __t0: ::core::primitive::f64 = ::core::primitive::f64::INFINITY;
    let __t1: ::core::primitive::f64 = x;
    let __t2: ::core::primitive::f64 = __t1 * __t0;
    (__t2, [__t0])
}
