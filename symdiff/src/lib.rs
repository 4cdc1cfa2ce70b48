//! Exact derivatives, as formulas and as fast code: parse math written as
//! text, differentiate it (one variable, gradients, Hessians, Jacobians),
//! print the results, evaluate them, and check and classify what you
//! compute. `use symdiff::prelude::*;` brings in what most of the tasks
//! below use (the [`prelude`]).
//!
//! # What you can do
//!
//! ## Parse and differentiate
//!
//! [`Expr::parse`] reads a formula (definitions `name = expr;` allowed);
//! [`Expr::diff`], [`Expr::gradient`] (reverse accumulation) and
//! [`Expr::hessian`] differentiate it, and results are simplified as they
//! are built. A definition's name is a step to differentiate by, as
//! backpropagation does.
//!
//! ```
//! use symdiff::Expr;
//!
//! let loss = Expr::parse("(sigmoid(w*x + b) - t)^2")?;
//! let gradient = loss.gradient(&["w", "b"]);
//! assert_eq!(gradient[1].to_string(), "2*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)");
//! let hessian = loss.hessian(&["w", "b"]);
//! assert_eq!(hessian.len(), 2);
//!
//! let steps = Expr::parse("z = w*x + b; y = sigmoid(z); (y - t)^2")?;
//! assert_eq!(steps.diff("y").to_string(), "2*(sigmoid(b + w*x) - t)");
//! # Ok::<(), symdiff::Error>(())
//! ```
//!
//! Beyond these: [`Expr::diff_n`], [`Expr::jacobian`],
//! [`Expr::hessian_vector`] (H·v without H), [`Expr::jacobian_vector`],
//! [`Expr::vector_jacobian`] and [`Expr::sparse_hessian`] ([`SparseHessian`]).
//!
//! ## Print formulas
//!
//! An [`Expr`] prints as text that [`Expr::parse`] reads back
//! (`Display`), as LaTeX ([`Expr::to_latex`]), as presentation MathML
//! ([`Expr::to_mathml`], which browsers render), and in terms of its
//! program's named steps ([`Expr::to_steps_text`]); [`Expr::expand`] and
//! [`Expr::factor`] rewrite it as a textbook would print it.
//!
//! ```
//! use symdiff::Expr;
//!
//! let f = Expr::parse("x^3/3 + sin(x)")?;
//! assert_eq!(f.diff("x").to_string(), "x^2 + cos(x)");
//! assert_eq!(f.diff("x").to_latex(), r"x^{2} + \cos\left(x\right)");
//! let steps = Expr::parse("z = w*x + b; y = sigmoid(z); (y - t)^2")?;
//! assert_eq!(steps.diff("z").to_steps_text(), "z = b + w*x; y = sigmoid(z); 2*y*(1 - y)*(y - t)");
//! # Ok::<(), symdiff::Error>(())
//! ```
//!
//! ## Evaluate and compile
//!
//! [`Expr::eval`] evaluates at a point given by name; [`Expr::compile`]
//! turns several results into one [`Tape`] of straight-line instructions
//! that computes every shared subexpression once, at a point
//! ([`Tape::eval`]) or over many ([`Tape::eval_batch`]).
//!
//! ```
//! use symdiff::Expr;
//!
//! let loss = Expr::parse("(sigmoid(w*x + b) - t)^2")?;
//! let dl_dw = loss.diff("w").eval(&[("w", 0.5), ("b", 0.1), ("x", 2.0), ("t", 0.8)])?;
//! assert!((dl_dw - -0.037279032093396794).abs() < 1e-15);
//!
//! let gradient = loss.gradient(&["w", "b"]);
//! let tape = Expr::compile(&gradient, &["w", "b", "x", "t"])?;
//! let mut out = [0.0; 2];
//! tape.eval(&[0.5, 0.1, 2.0, 0.8], &mut out)?;
//! assert_eq!(out[0], dl_dw);
//! # Ok::<(), symdiff::Error>(())
//! ```
//!
//! ## Check a gradient
//!
//! [`check::check_gradient`] and [`check::check_hessian`] compare any
//! gradient or Hessian with central differences, entry by entry, in the
//! manner of PyTorch's `gradcheck`. They take plain closures, so generated,
//! hand-written and symbolic derivatives are checked alike, and points and
//! results as arrays, slices or vectors; [`check::CheckOptions`]' default
//! is `gradcheck`'s. [`check::check_expr`] checks an [`Expr`]'s own
//! gradient and Hessian.
//!
//! ```
//! use symdiff::check::{CheckOptions, check_gradient};
//!
//! // A hand-written gradient of x^2*y with a mistake in its second entry.
//! let f = |p: &[f64]| p[0] * p[0] * p[1];
//! let gradient = |p: &[f64]| [2.0 * p[0] * p[1], p[0]];
//! let report = check_gradient(f, gradient, [3.0, 0.5], &CheckOptions::default())?;
//! assert!(!report.ok());
//! assert_eq!(report.failures().map(|entry| entry.index[0]).collect::<Vec<_>>(), [1]);
//! # Ok::<(), symdiff::check::CheckError>(())
//! ```
//!
//! ## Classify a critical point
//!
//! [`critical::analyze`] takes a point, its gradient and its Hessian (as
//! arrays, such as `#[derive_grad(hessian)]` returns, or vectors) and gives
//! the eigenvalues and the second-derivative test's verdict, a
//! [`critical::Classification`]; [`critical::analyze_function`] takes the
//! Hessian as a function, and [`critical::newton_critical_points`] finds
//! critical points in a box.
//!
//! ```
//! use symdiff::critical::{Classification, Tolerances, analyze};
//!
//! // x^2 - y^2 at the origin.
//! let analysis = analyze([0.0, 0.0], [0.0, 0.0], [[2.0, 0.0], [0.0, -2.0]], &Tolerances::default())?;
//! assert_eq!(analysis.classification, Some(Classification::Saddle));
//! assert_eq!(analysis.eigenvalues, [-2.0, 2.0]);
//! # Ok::<(), symdiff::critical::AnalysisError>(())
//! ```
//!
//! ## Generate code
//!
//! At compile time, the `symdiff-macros` crate's `grad!`, `hessian!`,
//! `diff!` and `#[derive_grad]` write straight-line Rust for derivatives,
//! with no dependency at run time. The same code as text, for a build script
//! or another program, comes from [`emit_expr_functions`] (what `symdiff
//! codegen` prints):
//!
//! ```
//! use symdiff::{Expr, emit_expr_functions};
//!
//! let loss = Expr::parse("(w*x - t)^2")?;
//! let args: Vec<String> = ["w", "x", "t"].map(String::from).into();
//! let code = emit_expr_functions(&loss, "loss", &args, &["w".to_owned()], false)?;
//! assert!(code.contains("pub fn loss_grad(w: ::core::primitive::f64, x: ::core::primitive::f64, t: ::core::primitive::f64) -> [::core::primitive::f64; 1]"));
//! # Ok::<(), symdiff::Error>(())
//! ```
//!
//! # Errors and limits
//!
//! Nothing here panics on user input: a formula that does not parse, an
//! unknown function or a point of the wrong length is an [`Error`] that
//! renders with a caret under the column; domain problems give NaN or
//! infinities as IEEE arithmetic does. A graph holds at most a node budget
//! of distinct subexpressions ([`Expr::parse_with_max_nodes`],
//! [`Expr::check_budget`]).
//!
//! The modules hidden from this documentation are the engine's internals,
//! public only for the `symdiff` program and the macros; they may change at
//! any time.

#![warn(missing_docs)]

mod batch;
mod batch_plan;
mod big;
mod build;
pub mod check;
#[doc(hidden)]
pub mod compile;
#[doc(hidden)]
pub mod consistency;
pub mod critical;
#[doc(hidden)]
pub mod diff;
mod emit_body;
#[doc(hidden)]
pub mod emit_rust;
pub mod error;
#[doc(hidden)]
pub mod eval;
#[doc(hidden)]
pub mod expand;
#[doc(hidden)]
pub mod explain;
mod expr;
#[doc(hidden)]
pub mod factor;
#[cfg(test)]
mod fast_paths;
#[doc(hidden)]
pub mod func;
#[doc(hidden)]
pub mod gradient;
#[doc(hidden)]
pub mod graph;
#[doc(hidden)]
pub mod import;
mod kept;
#[doc(hidden)]
pub mod latex;
mod layout;
#[doc(hidden)]
pub mod lower;
#[doc(hidden)]
pub mod mathml;
mod merge;
#[doc(hidden)]
pub mod newton;
#[doc(hidden)]
pub mod number;
mod order;
#[doc(hidden)]
pub mod piecewise;
mod point;
#[doc(hidden)]
pub mod print;
#[doc(hidden)]
pub mod products;
#[doc(hidden)]
pub mod rewrite;
mod rules;
#[doc(hidden)]
pub mod size;
mod spare;
#[doc(hidden)]
pub mod sparse;
mod special;
#[doc(hidden)]
pub mod steps;

pub use compile::Tape;
pub use emit_rust::emit_expr_functions;
pub use error::Error;
pub use expr::Expr;
#[doc(hidden)]
pub use expr::variables_of;
pub use sparse::SparseHessian;
pub use steps::Steps;

/// The functions of the formulas that Rust's `f64` lacks, at a point, as
/// the engine evaluates them and the generated code computes them (with
/// PyTorch's conventions at the kinks: `relu'(0) = 0`, `heaviside(0) = 0`).
///
/// ```
/// use symdiff::functions::{relu, sigmoid};
///
/// assert_eq!(sigmoid(0.0), 0.5);
/// assert_eq!(relu(-1.0), 0.0);
/// ```
pub mod functions {
    pub use crate::func::{heaviside, leaky_relu, max, min, relu, sigmoid, sign, softplus};
}

/// Everything the tasks of the [crate documentation](crate) use:
/// `use symdiff::prelude::*;`.
///
/// ```
/// use symdiff::prelude::*;
///
/// let f = Expr::parse("x^2 - y^2")?;
/// let gradient = Expr::compile(&f.gradient(&["x", "y"]), &["x", "y"])?;
/// let hessian = f.hessian(&["x", "y"]);
/// let mut g = [1.0; 2];
/// gradient.eval(&[0.0, 0.0], &mut g)?;
/// let h: Vec<Vec<f64>> = hessian
///     .iter()
///     .map(|row| row.iter().map(|entry| entry.eval(&[("x", 0.0), ("y", 0.0)])).collect())
///     .collect::<Result<_, _>>()?;
/// let analysis = analyze([0.0, 0.0], g, &h, &Tolerances::default())?;
/// assert_eq!(analysis.classification, Some(Classification::Saddle));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub mod prelude {
    pub use crate::check::{
        CheckError, CheckOptions, CheckReport, central_difference_gradient, check_expr,
        check_gradient, check_hessian, check_hessian_in_domain,
    };
    pub use crate::critical::{
        AnalysisError, Classification, CriticalPointAnalysis, Curvature, Tolerances, analyze,
        analyze_function,
    };
    pub use crate::functions::{heaviside, leaky_relu, relu, sigmoid, softplus};
    pub use crate::{Error, Expr, SparseHessian, Tape};
}
