//! Compile-time derivatives: the symdiff engine runs inside the compiler and
//! writes straight-line Rust for gradients and Hessians.
//!
//! - `grad!("sigmoid(w*x + b)")` is a closure `|w, x, b| -> [f64; 3]`;
//!   `grad!("...", wrt = [w, b])` returns only those partials.
//! - `hessian!("x^2 - y^2 + x*y^3")` is a closure returning `[[f64; N]; N]`.
//! - `diff!("x^3", x)` is a closure returning the derivative as `f64`.
//! - `grad_formulas!("sigmoid(w*x + b)")` is an array of the partial
//!   derivatives as text, in the engine's syntax.
//! - `#[derive_grad]` on an `f64` function writes `NAME_grad` and
//!   `NAME_value_and_grad` beside it, and `NAME_hessian` with
//!   `#[derive_grad(hessian)]`; `#[derive_grad(wrt(w, b))]` picks the
//!   parameters of the gradient. On a function returning `[f64; M]` or a
//!   tuple of `f64` it writes `NAME_jacobian` (`[[f64; N]; M]`) and
//!   `NAME_value_and_jacobian`. The body may use loops over arrays,
//!   mutable accumulators, iterators and `if` on data: [`derive_grad`]
//!   lists exactly which Rust is accepted, with an example of each form.
//!
//! ```
//! use symdiff_macros::{derive_grad, grad};
//!
//! #[derive_grad(wrt(w, b))]
//! fn loss(w: f64, b: f64, x: f64, t: f64) -> f64 {
//!     let y = sigmoid(w * x + b);
//!     (y - t).powi(2)
//! }
//!
//! let (value, gradient) = loss_value_and_grad(0.5, 0.1, 2.0, 0.8);
//! assert_eq!(value, loss(0.5, 0.1, 2.0, 0.8));
//! assert_eq!(gradient, loss_grad(0.5, 0.1, 2.0, 0.8));
//! let neuron = grad!("(sigmoid(w*x + b) - t)^2", wrt = [w, b]);
//! assert!((neuron(0.5, 2.0, 0.1, 0.8)[1] - gradient[1]).abs() < 1e-15);
//!
//! #[derive_grad]
//! fn residuals(a: f64, b: f64) -> [f64; 3] {
//!     let xs = [0.0, 1.0, 2.0];
//!     let ys = [1.0, 3.0, 5.5];
//!     let mut r = [0.0; 3];
//!     for i in 0..3 {
//!         r[i] = a * xs[i] + b - ys[i];
//!     }
//!     r
//! }
//!
//! // One row per residual, one column per parameter.
//! assert_eq!(residuals_jacobian(2.0, 1.0), [[0.0, 1.0], [1.0, 1.0], [2.0, 1.0]]);
//! ```
//!
//! Every entry point below is three lines over a pure function on
//! `proc_macro2::TokenStream`, which the unit tests call directly.

use proc_macro::TokenStream;

mod derive_grad;
mod emitted_items;
mod errors;
mod string_macros;
#[cfg(test)]
mod tests;

/// A closure computing the gradient of a math expression given as a string.
///
/// `grad!("sigmoid(w*x + b)")` is `|w: f64, x: f64, b: f64| -> [f64; 3]`
/// (variables in order of first appearance); `grad!("...", wrt = [w, b])`
/// returns only those partial derivatives and still takes every variable.
#[proc_macro]
pub fn grad(input: TokenStream) -> TokenStream {
    string_macros::grad(input.into()).into()
}

/// A closure computing the Hessian `[[f64; N]; N]` of a math expression,
/// over all its variables or over `wrt = [..]`.
#[proc_macro]
pub fn hessian(input: TokenStream) -> TokenStream {
    string_macros::hessian(input.into()).into()
}

/// A closure computing one derivative: `diff!("x^3", x)`, or the `n`-th with
/// `diff!("x^3", x, 2)`. It takes every variable of the expression.
#[proc_macro]
pub fn diff(input: TokenStream) -> TokenStream {
    string_macros::diff(input.into()).into()
}

/// The partial derivatives of a math expression as text, `[&'static str; N]`.
#[proc_macro]
pub fn grad_formulas(input: TokenStream) -> TokenStream {
    string_macros::grad_formulas(input.into()).into()
}

#[doc = include_str!("../docs/derive_grad.md")]
#[proc_macro_attribute]
pub fn derive_grad(attr: TokenStream, item: TokenStream) -> TokenStream {
    derive_grad::expand(attr.into(), item.into()).into()
}
