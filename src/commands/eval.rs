//! `symdiff eval EXPR --at POINT`.

use super::warn_non_finite;
use crate::cli::{EvalArgs, Format};
use crate::error::CliError;
use crate::input::load;
use crate::output::json_number;
use crate::point::Point;
use crate::session::Session;
use serde_json::json;
use std::io::Read;

pub(crate) fn run(
    args: &EvalArgs,
    session: &mut Session,
    stdin: &mut dyn Read,
) -> Result<i32, CliError> {
    let point = match &args.at {
        Some(text) => Point::parse(text)?,
        None => Point::default(),
    };
    let loaded = load(&args.expr, stdin, session)?;
    point.check_names(&loaded, session)?;
    let expr = &loaded.expr;
    session
        .stats
        .record_results(&expr.graph().borrow(), &[expr.id()]);
    let value = crate::eval::values_at(expr, &[expr.id()], &point)?[0];
    match session.format {
        Format::Text => {
            let text = crate::output::fmt_printed(value, session.precision);
            session.print(&text);
        }
        Format::Latex => {
            let mut number = String::new();
            symdiff::latex::write_float(&mut number, value);
            let formula = symdiff::latex::to_latex(&expr.graph().borrow(), expr.id());
            session.print(&format!("{formula} = {number}"));
        }
        Format::Mathml => {
            let formula = symdiff::mathml::content_with(
                &expr.graph().borrow(),
                expr.id(),
                &symdiff::print::Definitions::none(),
            );
            let number = crate::output::mathml_number(value);
            session.print(&crate::output::mathml_equation(&formula, &number));
        }
        Format::Json => session.print(&json!({ "value": json_number(value) }).to_string()),
        Format::Rust => {
            let code =
                super::codegen::emit(expr, "f", &expr.variables(), &expr.variables(), false)?;
            session.print(&code);
        }
    }
    warn_non_finite(session, &[("f".to_owned(), value)]);
    Ok(0)
}
