//! The math syntax of symdiff: text in, a typed syntax tree with byte spans out.
//!
//! ```
//! let program = symdiff_parser::parse("sigmoid(w*x + b)").unwrap();
//! assert_eq!(program.to_string(), "sigmoid(w*x + b)");
//! ```
//!
//! Errors render as a caret diagnostic:
//!
//! ```
//! let error = symdiff_parser::parse("sigmoid(w*x + )").unwrap_err();
//! assert_eq!(error.line_column(), (1, 15));
//! assert!(error.to_string().starts_with("error: expected an operand after `+`"));
//! ```

#![warn(missing_docs)]

mod ast;
mod diagnostic;
mod error;
mod parse;
mod print;

#[doc(hidden)]
pub mod fuzzing;

pub use ast::{
    AddOp, ArgList, CompareOp, Definition, DisplayExpr, Expr, ExprId, ExprKind, FactorList, MulOp,
    Program, ProgramBuilder, Span, TermList, UnaryOp,
};
pub use diagnostic::{
    DiagnosticStyle, render_diagnostic, render_diagnostic_styled, render_message_styled,
};
pub use error::{Expected, Found, NumberProblem, ParseError, ParseErrorKind};
pub use parse::{MAX_DEPTH, MAX_SOURCE_LEN, ParseBuffers, parse, parse_expr};
