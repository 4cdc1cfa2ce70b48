//! The symdiff engine: exact derivatives, gradients and Hessians of math
//! written as text, simplified as they are built, shared in a DAG, evaluated
//! and emitted as code.
//!
//! Start with [`Expr`]:
//!
//! ```
//! let f = symdiff::Expr::parse("sigmoid(w*x + b)").unwrap();
//! assert_eq!(f.diff("b").to_string(), "sigmoid(b + w*x)*(1 - sigmoid(b + w*x))");
//! ```

mod batch;
mod big;
mod build;
pub mod check;
pub mod compile;
#[doc(hidden)]
pub mod consistency;
pub mod critical;
pub mod diff;
mod emit_body;
pub mod emit_rust;
pub mod error;
pub mod eval;
pub mod expand;
pub mod explain;
mod expr;
pub mod factor;
pub mod func;
pub mod gradient;
pub mod graph;
pub mod import;
pub mod latex;
mod layout;
pub mod lower;
mod merge;
pub mod newton;
pub mod number;
mod order;
pub mod piecewise;
pub mod print;
pub mod products;
pub mod rewrite;
mod rules;
pub mod size;
mod spare;
pub mod sparse;
mod special;
pub mod steps;

pub use error::Error;
pub use expr::{Expr, variables_of};
