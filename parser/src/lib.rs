//! The math syntax of symdiff: text in, a typed syntax tree with byte spans out.
//!
//! ```
//! let program = symdiff_parser::parse("sigmoid(w*x + b)").unwrap();
//! assert_eq!(program.to_string(), "sigmoid(w*x + b)");
//! ```

mod ast;
mod diagnostic;
mod error;
mod parse;
mod print;

pub use ast::{AddOp, Definition, Expr, ExprKind, MulOp, Program, Span, UnaryOp};
pub use diagnostic::render_diagnostic;
pub use error::{ParseError, ParseErrorKind};
pub use parse::{MAX_DEPTH, parse};
