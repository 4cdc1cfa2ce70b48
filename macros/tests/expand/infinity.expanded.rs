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
    let _ = Scaled;
    let __t0: ::core::primitive::f64 = ::core::primitive::f64::INFINITY;
    [__t0]
}
#[allow(non_snake_case)]
#[cfg(test)]
/// The value of `Scaled` and its gradient.
///
/// The value is computed by the body of `Scaled` itself, so it is NaN or infinite exactly where `Scaled` is; the gradient is `Scaled_grad`'s.
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
fn Scaled_value_and_grad(
    x: ::core::primitive::f64,
) -> (::core::primitive::f64, [::core::primitive::f64; 1]) {
    (
        Scaled(x),
        {
            let __t0: ::core::primitive::f64 = ::core::primitive::f64::INFINITY;
            [__t0]
        },
    )
}
#[allow(non_snake_case)]
#[cfg(test)]
/// The variables of `Scaled`'s derivatives, in the order of their entries.
const SCALED_WRT: [&::core::primitive::str; 1] = ["x"];
