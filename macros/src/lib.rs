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
//!   parameters of the gradient.
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

/// Writes `NAME_grad`, `NAME_value_and_grad` (and with `hessian`,
/// `NAME_hessian`) beside an `f64` function. Options: `wrt(a, b)` and
/// `hessian`. `NAME_value_and_grad`'s value is computed by the function's own
/// body, so it is `NAME`'s to the bit, NaN and infinities included.
///
/// Parameters are `f64`, `&f64`, `[f64; N]` or `&[f64; N]`; the gradient
/// lists them in order, array entries in order. The body may use `let`
/// bindings (shared, not copied), `+ - * /`, unary minus, `*` on a reference,
/// parentheses, number literals (finite as `f64`),
/// constant indices `x[0]`, the `f64` methods `exp ln log10 log2 log sqrt sin
/// cos tan asin acos atan sinh cosh tanh abs powi powf max min recip exp_m1
/// ln_1p exp2 hypot mul_add` (also as `f64::exp(x)`), the constants of
/// `f64::consts`, and the engine's functions by name (`sigmoid`, `relu`,
/// `leaky_relu`, `softplus`, `heaviside`, `sign`, and the others of
/// `symdiff::func::CALLABLES`). The function itself is emitted again with
/// those calls replaced by inline `f64` code, so it needs no definitions of
/// them. Anything else (`if`, `match`, loops, other calls, variable indices,
/// other parameter types) is a compile error at the construct, with a hint;
/// all of a function's errors are reported together, and the function and
/// stand-ins for the generated ones are still emitted.
#[proc_macro_attribute]
pub fn derive_grad(attr: TokenStream, item: TokenStream) -> TokenStream {
    derive_grad::expand(attr.into(), item.into()).into()
}
