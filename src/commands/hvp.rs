//! `symdiff hvp EXPR --dir DIRECTION [--wrt VARS] [--at POINT]`: the Hessian
//! times a direction, built as the gradient's derivative along it, without
//! the Hessian; at a point, its values.

use super::codegen::{Product, emit_product};
use super::{as_strs, ids, values_block, warn_non_finite};
use crate::cli::{Format, HvpArgs};
use crate::error::CliError;
use crate::input::load;
use crate::output::{Formulas, formula_lines, json_numbers};
use crate::point::Point;
use crate::session::Session;
use crate::wrt::Steps;
use serde_json::{Map, Value};
use std::io::Read;
use symdiff::Expr;

pub(crate) fn run(
    args: &HvpArgs,
    session: &mut Session,
    stdin: &mut dyn Read,
) -> Result<i32, CliError> {
    let derivative = &args.derivative;
    let point = derivative.at.as_deref().map(Point::parse).transpose()?;
    let loaded = load(&derivative.expr, stdin, session)?;
    if let Some(point) = &point {
        point.check_names(&loaded, session)?;
    }
    let expr = &loaded.expr;
    let vars = crate::wrt::variables(derivative.wrt.as_deref(), &loaded, Steps::Refused, session)?;
    let var_refs = as_strs(&vars);
    let direction = crate::direction::parse(&args.dir, &vars, &loaded)?;
    let product = session
        .stats
        .time_derive(|| expr.hessian_vector(&var_refs, &direction))?;
    expr.check_budget()?;
    session.stats.repeat_warm(&loaded.source, |expr| {
        std::hint::black_box(expr.hessian_vector(&var_refs, &direction).ok());
    });
    let roots = ids(&product);
    session.stats.record_results(&expr.graph().borrow(), &roots);
    if session.format == Format::Rust {
        let code = emit_product(expr, "f", &vars, Product::HessianVector)?;
        session.print(&code);
        return Ok(0);
    }
    let values = match &point {
        Some(point) => Some(crate::eval::values_at(expr, &roots, point)?),
        None => None,
    };
    let shown = super::shaped(expr, &roots, derivative.shape);
    let by = crate::output::by_each(&var_refs);
    let formulas = Formulas::render_by_vars(expr, &shown, &by, session.format);
    match session.format {
        Format::Json => print_json(session, &vars, &direction, &formulas, values.as_deref()),
        format => {
            let mut out = if vars.is_empty() {
                super::no_variables_line("its Hessian is empty", format)
            } else {
                formula_lines(&formulas, &labels(&var_refs, format), format)
            };
            if let (Some(point), Some(values)) = (&point, &values) {
                let rows = rows(&var_refs, values, format);
                let description = point.describe(&loaded.variables());
                out.push_str(&values_block(
                    &description,
                    &rows,
                    format,
                    session.precision,
                ));
            }
            session.print(&out);
        }
    }
    if let Some(values) = &values {
        warn_non_finite(session, &rows(&var_refs, values, Format::Text));
    }
    Ok(0)
}

/// `(H·v)_x` (text), `(H v)_{x}` (LaTeX) or its `<msub>` (MathML): the
/// product's component by `x`.
fn labels(vars: &[&str], format: Format) -> Vec<String> {
    vars.iter()
        .map(|var| match format {
            Format::Latex => format!("\\left(H v\\right)_{{{}}}", symdiff::latex::latex_name(var)),
            Format::Mathml => format!(
                "<msub><mrow><mo>(</mo><mi>H</mi><mo>&#x2062;</mo><mi>v</mi><mo>)</mo></mrow>\
                 <mrow>{}</mrow></msub>",
                symdiff::mathml::mathml_name(var)
            ),
            _ => format!("(H·v)_{var}"),
        })
        .collect()
}

fn rows(vars: &[&str], values: &[f64], format: Format) -> Vec<(String, f64)> {
    labels(vars, format)
        .into_iter()
        .zip(values.iter().copied())
        .collect()
}

fn print_json(
    session: &mut Session,
    vars: &[String],
    direction: &[Expr],
    formulas: &Formulas,
    values: Option<&[f64]>,
) {
    let direction: Vec<String> = direction.iter().map(Expr::to_string).collect();
    let mut object = Map::new();
    object.insert("vars".to_owned(), Value::from(vars.to_vec()));
    object.insert("direction".to_owned(), Value::from(direction));
    object.insert(
        "formulas".to_owned(),
        Value::from(formulas.formulas.clone()),
    );
    formulas.add_json_definitions(&mut object);
    if let Some(values) = values {
        object.insert("values".to_owned(), json_numbers(values));
    }
    session.print(&Value::Object(object).to_string());
}
