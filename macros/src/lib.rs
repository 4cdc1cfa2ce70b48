//! Derivatives at compile time: the symdiff engine runs inside the compiler
//! and writes straight-line Rust for gradients, Hessians and Jacobians, with
//! no parsing, no allocation and no dependency at run time.
//!
//! # What you can do
//!
//! ## Differentiate a Rust function
//!
//! [`macro@derive_grad`] on a function of `f64` values writes `NAME_grad`,
//! `NAME_value_and_grad` (and `NAME_hessian` with `hessian`) beside it, and
//! `NAME_WRT`, the names of the gradient's entries in order. The body may use
//! loops over arrays, mutable accumulators, iterators and `if` on data; its
//! documentation lists exactly which Rust is accepted.
//!
//! ```
//! use symdiff_macros::derive_grad;
//!
//! #[derive_grad(wrt(w, b), hessian)]
//! fn loss(w: f64, b: f64, x: f64, t: f64) -> f64 {
//!     let y = sigmoid(w * x + b);
//!     (y - t).powi(2)
//! }
//!
//! let (value, gradient) = loss_value_and_grad(0.5, 0.1, 2.0, 0.8);
//! assert_eq!(value, loss(0.5, 0.1, 2.0, 0.8));
//! assert_eq!(gradient, loss_grad(0.5, 0.1, 2.0, 0.8));
//! assert_eq!(LOSS_WRT, ["w", "b"]);
//! let hessian: [[f64; 2]; 2] = loss_hessian(0.5, 0.1, 2.0, 0.8);
//! assert_eq!(hessian[0][1], hessian[1][0]);
//! ```
//!
//! ## Differentiate a function of several outputs
//!
//! On a function returning `[f64; M]` or a tuple of `f64`,
//! [`macro@derive_grad`] writes `NAME_jacobian` (`[[f64; N]; M]`, one row per
//! output) and `NAME_value_and_jacobian`.
//!
//! ```
//! use symdiff_macros::derive_grad;
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
//! assert_eq!(residuals_jacobian(2.0, 1.0), [[0.0, 1.0], [1.0, 1.0], [2.0, 1.0]]);
//! ```
//!
//! ## Differentiate a formula written as text
//!
//! [`grad!`], [`hessian!`] and [`diff!`] turn a formula in the engine's
//! syntax into a closure over its variables, in order of first appearance or
//! in the order of `args = [..]`; `wrt = [..]` picks the derivatives.
//! [`grad_names!`] gives the names of `grad!`'s entries in order, and
//! [`grad_formulas!`] the entries as text.
//!
//! ```
//! use symdiff_macros::{diff, grad, grad_formulas, grad_names, hessian};
//!
//! let neuron = grad!("(sigmoid(w*x + b) - t)^2", args = [w, b, x, t]);
//! let [dl_dw, dl_db, _, _] = neuron(0.5, 0.1, 2.0, 0.8);
//! assert!((dl_dw - -0.037279032093396794).abs() < 1e-15);
//! assert_eq!(grad_names!("(sigmoid(w*x + b) - t)^2", args = [w, b, x, t]), ["w", "b", "x", "t"]);
//! assert!(dl_db < 0.0);
//!
//! let saddle = hessian!("x^2 - y^2 + x*y^3");
//! assert_eq!(saddle(0.0, 0.0), [[2.0, 0.0], [0.0, -2.0]]);
//! let cube = diff!("x^3", x, 2);
//! assert_eq!(cube(2.0), 12.0);
//! assert_eq!(grad_formulas!("x^2*y"), ["2*x*y", "x^2"]);
//! ```
//!
//! ## Check and classify what they compute
//!
//! The generated functions return arrays, which the engine's checks and
//! critical-point analysis (the `symdiff` crate's `check` and `critical`
//! modules, also in `symdiff::prelude`) take as they are:
//!
//! ```
//! use symdiff::prelude::*;
//! use symdiff_macros::derive_grad;
//!
//! #[derive_grad(hessian)]
//! fn monkey(x: f64, y: f64) -> f64 {
//!     x * x - y * y + x * y.powi(3)
//! }
//!
//! let report = check_gradient(
//!     |p: &[f64]| monkey(p[0], p[1]),
//!     |p: &[f64]| monkey_grad(p[0], p[1]),
//!     [0.3, -0.7],
//!     &CheckOptions::default(),
//! )?;
//! assert!(report.ok());
//! let analysis = analyze([0.0, 0.0], monkey_grad(0.0, 0.0), monkey_hessian(0.0, 0.0), &Tolerances::default())?;
//! assert_eq!(analysis.classification, Some(Classification::Saddle));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Mistakes are compile errors at the offending code (for a formula, with
//! the column and a caret in the message), never panics.

#![warn(missing_docs)]

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
/// (variables in order of first appearance); `grad!("...", args = [b, w, x])`
/// takes them (and lists the gradient) in that order, which must name every
/// variable once; `grad!("...", wrt = [w, b])` returns only those partial
/// derivatives and still takes every variable. [`grad_names!`] with the same
/// arguments gives the entries' names.
///
/// ```
/// use symdiff_macros::grad;
///
/// let f = grad!("x^2*y", args = [y, x]);
/// assert_eq!(f(3.0, 2.0), [4.0, 12.0]);
/// let by_x = grad!("x^2*y", wrt = [x]);
/// assert_eq!(by_x(2.0, 3.0), [12.0]);
/// ```
#[proc_macro]
pub fn grad(input: TokenStream) -> TokenStream {
    string_macros::grad(input.into()).into()
}

/// A closure computing the Hessian `[[f64; N]; N]` of a math expression,
/// over all its variables or over `wrt = [..]`; `args = [..]` orders the
/// closure's parameters as [`grad!`]'s.
///
/// ```
/// use symdiff_macros::hessian;
///
/// let h = hessian!("x^3*y", args = [y, x]);
/// assert_eq!(h(1.0, 2.0), [[0.0, 12.0], [12.0, 12.0]]);
/// ```
#[proc_macro]
pub fn hessian(input: TokenStream) -> TokenStream {
    string_macros::hessian(input.into()).into()
}

/// A closure computing one derivative: `diff!("x^3", x)`, or the `n`-th with
/// `diff!("x^3", x, 2)`. It takes every variable of the expression, in
/// order of first appearance or of `args = [..]`.
///
/// ```
/// use symdiff_macros::diff;
///
/// let d = diff!("x^3*y", x, 2, args = [y, x]);
/// assert_eq!(d(1.0, 2.0), 12.0);
/// ```
#[proc_macro]
pub fn diff(input: TokenStream) -> TokenStream {
    string_macros::diff(input.into()).into()
}

/// The partial derivatives of a math expression as text, `[&'static str; N]`,
/// in the order of [`grad!`]'s entries for the same arguments.
///
/// ```
/// use symdiff_macros::grad_formulas;
///
/// assert_eq!(grad_formulas!("sin(x)*y", wrt = [x]), ["y*cos(x)"]);
/// ```
#[proc_macro]
pub fn grad_formulas(input: TokenStream) -> TokenStream {
    string_macros::grad_formulas(input.into()).into()
}

/// The names of [`grad!`]'s entries for the same arguments, in order, as
/// `[&'static str; N]`: the variables in order of first appearance (or of
/// `args = [..]`), or the names of `wrt = [..]`.
///
/// ```
/// use symdiff_macros::{grad, grad_names};
///
/// let gradient = grad!("(w*x + b - t)^2")(1.0, 2.0, 0.5, 1.0);
/// let names = grad_names!("(w*x + b - t)^2");
/// assert_eq!(names, ["w", "x", "b", "t"]);
/// assert_eq!(names.iter().zip(gradient).find(|(name, _)| **name == "b"), Some((&"b", 3.0)));
/// ```
#[proc_macro]
pub fn grad_names(input: TokenStream) -> TokenStream {
    string_macros::grad_names(input.into()).into()
}

#[doc = include_str!("../docs/derive_grad.md")]
#[proc_macro_attribute]
pub fn derive_grad(attr: TokenStream, item: TokenStream) -> TokenStream {
    derive_grad::expand(attr.into(), item.into()).into()
}
