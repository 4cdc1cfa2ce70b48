//! `symdiff diff EXPR --wrt VAR [--order N] [--expand | --factor]`.

use crate::cli::{DiffArgs, Format};
use crate::error::CliError;
use crate::input::load;
use crate::output::{
    Formulas, formula_lines, partial_label, partial_label_latex, partial_label_mathml,
};
use crate::session::Session;
use crate::wrt::Steps;
use serde_json::{Map, Value};
use std::io::Read;

pub(crate) fn run(
    args: &DiffArgs,
    session: &mut Session,
    stdin: &mut dyn Read,
) -> Result<i32, CliError> {
    let var = crate::wrt::parse_one(&args.wrt)?;
    let loaded = load(&args.expr, stdin, session)?;
    let steps = match session.format {
        Format::Rust => Steps::Refused,
        _ => Steps::Allowed,
    };
    crate::wrt::check_listed(
        &args.wrt,
        std::slice::from_ref(&var),
        &loaded,
        steps,
        session,
    )?;
    let expr = &loaded.expr;
    // Differentiation stops once the derivative is 0; orders beyond
    // `symdiff::diff::MAX_ORDER` are refused only if it is not 0 by then.
    let derivative = session
        .stats
        .time_derive(|| expr.try_diff_n(&var, args.order))?;
    expr.check_budget()?;
    session
        .stats
        .record_results(&expr.graph().borrow(), &[derivative.id()]);
    let shown = super::shaped(expr, &[derivative.id()], args.shape);
    let vars = vec![var.as_str(); args.order.min(symdiff::diff::MAX_ORDER)];
    match session.format {
        Format::Text | Format::Latex | Format::Mathml => {
            let formulas = Formulas::render(expr, &shown, session.format);
            let label = match session.format {
                Format::Latex if args.order == vars.len() => partial_label_latex(&vars),
                Format::Latex => order_label_latex(&var, args.order),
                Format::Mathml if args.order == vars.len() => partial_label_mathml(&vars),
                Format::Mathml => order_label_mathml(&var, args.order),
                _ if args.order == vars.len() => partial_label(&vars),
                _ => {
                    let power = crate::output::superscript(args.order);
                    format!("∂{power}/∂{var}{power}")
                }
            };
            session.print(&formula_lines(&formulas, &[label], session.format));
        }
        Format::Json => {
            let formulas = Formulas::render(expr, &shown, Format::Json);
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
                session.warn(&crate::diagnostics::Warning::OrderIgnored);
            }
            let code = super::codegen::emit(expr, "f", &expr.variables(), &[var], false)?;
            session.print(&code);
        }
    }
    Ok(0)
}

/// `\frac{\partial^{N} f}{\partial x^{N}}` for an order too high to spell
/// out variable by variable.
fn order_label_latex(var: &str, order: usize) -> String {
    let name = symdiff::latex::latex_name(var);
    format!("\\frac{{\\partial^{{{order}}} f}}{{\\partial {name}^{{{order}}}}}")
}

/// The MathML of the same label: `∂ᴺf/∂xᴺ` as an `<mfrac>`.
fn order_label_mathml(var: &str, order: usize) -> String {
    let name = symdiff::mathml::mathml_name(var);
    format!(
        "<mfrac><mrow><msup><mo>∂</mo><mn>{order}</mn></msup><mi>f</mi></mrow>\
         <mrow><mo>∂</mo><msup><mrow>{name}</mrow><mn>{order}</mn></msup></mrow></mfrac>"
    )
}
