//! `symdiff diff EXPR --wrt VAR [--order N]`.

use crate::cli::{DiffArgs, Format};
use crate::error::CliError;
use crate::input::load;
use crate::output::{Formulas, formula_lines, partial_label, partial_label_latex};
use crate::session::Session;
use serde_json::{Map, Value};
use std::io::Read;

/// Higher orders are allowed, but each one differentiates the last result
/// again; this bound keeps a typo like `--order 1000000` from running for hours.
use symdiff::diff::MAX_ORDER;

pub(crate) fn run(
    args: &DiffArgs,
    session: &mut Session,
    stdin: &mut dyn Read,
) -> Result<i32, CliError> {
    let var = crate::wrt::parse_one(&args.wrt)?;
    if args.order > MAX_ORDER {
        return Err(CliError::message(format!(
            "--order {} is too high (at most {MAX_ORDER})",
            args.order
        )));
    }
    let loaded = load(&args.expr, stdin, session)?;
    crate::wrt::check_listed(&args.wrt, std::slice::from_ref(&var), &loaded)?;
    let expr = &loaded.expr;
    let derivative = session.stats.time_derive(|| expr.diff_n(&var, args.order));
    expr.check_budget()?;
    session
        .stats
        .record_results(&expr.graph().borrow(), &[derivative.id()]);
    let vars = vec![var.as_str(); args.order];
    match session.format {
        Format::Text | Format::Latex => {
            let formulas = Formulas::render(expr, &[derivative.id()], session.format);
            let label = match session.format {
                Format::Latex => partial_label_latex(&vars),
                _ => partial_label(&vars),
            };
            session.print(&formula_lines(&formulas, &[label], session.format));
        }
        Format::Json => {
            let formulas = Formulas::render(expr, &[derivative.id()], Format::Json);
            let mut object = Map::new();
            object.insert("var".to_owned(), Value::from(var.clone()));
            object.insert("order".to_owned(), Value::from(args.order));
            object.insert(
                "formula".to_owned(),
                Value::from(formulas.formulas.concat()),
            );
            formulas.add_json_definitions(&mut object);
            session.print(&Value::Object(object).to_string());
        }
        Format::Rust => {
            if args.order != 1 {
                session.warn("the generated Rust computes first derivatives; --order is ignored");
            }
            let code = super::codegen::emit(expr, "f", &[var], false)?;
            session.print(&code);
        }
    }
    Ok(0)
}
