//! `symdiff parse EXPR`: the expression back as the parser read it, in
//! normalised text (the program's steps, operand order and grouping kept,
//! so that one sees how precedence bound); LaTeX, MathML and Rust show the
//! engine's simplified, canonical form.

use crate::cli::{ExprArg, Format};
use crate::error::CliError;
use crate::input::load;
use crate::session::Session;
use serde_json::json;
use std::io::Read;

pub(crate) fn run(
    arg: &ExprArg,
    session: &mut Session,
    stdin: &mut dyn Read,
) -> Result<i32, CliError> {
    // Lowering into the engine also checks function names and arities.
    let loaded = load(arg, stdin, session)?;
    let program = symdiff_parser::parse(&loaded.source).map_err(symdiff::Error::from)?;
    let text = program.to_string();
    let expr = &loaded.expr;
    session
        .stats
        .record_results(&expr.graph().borrow(), &[expr.id()]);
    match session.format {
        Format::Text => session.print(&text),
        Format::Latex => {
            let latex = symdiff::latex::to_latex(&expr.graph().borrow(), expr.id());
            session.print(&latex);
        }
        Format::Mathml => {
            let mathml = symdiff::mathml::to_mathml(&expr.graph().borrow(), expr.id());
            session.print(&mathml);
        }
        Format::Json => {
            let object = json!({ "text": text, "variables": expr.variables() });
            session.print(&object.to_string());
        }
        Format::Rust => {
            let code =
                super::codegen::emit(expr, "f", &expr.variables(), &expr.variables(), false)?;
            session.print(&code);
        }
    }
    Ok(0)
}
