//! `symdiff grad EXPR [--wrt VARS] [--at POINT]`.

use super::{as_strs, ids, label, values_block, warn_non_finite};
use crate::cli::{DerivativeArgs, Format};
use crate::error::CliError;
use crate::input::load;
use crate::output::{Formulas, formula_lines, json_number, json_numbers};
use crate::point::Point;
use crate::session::Session;
use crate::wrt::Steps;
use serde_json::{Map, Value};
use std::io::Read;

pub(crate) fn run(
    args: &DerivativeArgs,
    session: &mut Session,
    stdin: &mut dyn Read,
) -> Result<i32, CliError> {
    let point = args.at.as_deref().map(Point::parse).transpose()?;
    let loaded = load(&args.expr, stdin, session)?;
    if let Some(point) = &point {
        point.check_names(&loaded, session)?;
    }
    let expr = &loaded.expr;
    let steps = match session.format {
        Format::Rust => Steps::Refused,
        _ => Steps::Allowed,
    };
    let vars = crate::wrt::variables(args.wrt.as_deref(), &loaded, steps, session)?;
    let var_refs = as_strs(&vars);
    let gradient = session.stats.time_derive(|| expr.gradient(&var_refs));
    expr.check_budget()?;
    session.stats.repeat_warm(&loaded.source, |expr| {
        std::hint::black_box(expr.gradient(&var_refs));
    });
    let roots = ids(&gradient);
    session.stats.record_results(&expr.graph().borrow(), &roots);
    if session.format == Format::Rust {
        let code = super::codegen::emit(expr, "f", &expr.variables(), &vars, false)?;
        session.print(&code);
        return Ok(0);
    }
    let values = match &point {
        Some(point) => {
            let mut all = vec![expr.id()];
            all.extend_from_slice(&roots);
            Some(crate::eval::values_at(expr, &all, point)?)
        }
        None => None,
    };
    let shown = super::shaped(expr, &roots, args.shape);
    let by = crate::output::by_each(&var_refs);
    let formulas = Formulas::render_by_vars(expr, &shown, &by, session.format);
    match session.format {
        Format::Json => print_json(session, &vars, &formulas, values.as_deref()),
        _ => print_lines(
            session,
            &var_refs,
            &formulas,
            point.as_ref(),
            values.as_deref(),
            expr,
        ),
    }
    if let Some(values) = &values {
        let rows = value_rows(&var_refs, values, Format::Text);
        warn_non_finite(session, &rows);
    }
    Ok(0)
}

/// `f` and one row per gradient entry, for `values` = [value, gradient...].
fn value_rows(vars: &[&str], values: &[f64], format: Format) -> Vec<(String, f64)> {
    let mut rows = vec![(
        label(&[], format),
        values.first().copied().unwrap_or(f64::NAN),
    )];
    for (var, &value) in vars.iter().zip(values.iter().skip(1)) {
        rows.push((label(&[var], format), value));
    }
    rows
}

fn print_lines(
    session: &mut Session,
    vars: &[&str],
    formulas: &Formulas,
    point: Option<&Point>,
    values: Option<&[f64]>,
    expr: &symdiff::Expr,
) {
    let format = session.format;
    let mut out = if vars.is_empty() {
        super::no_variables_line("its gradient is empty", format)
    } else {
        let labels: Vec<String> = vars.iter().map(|var| label(&[var], format)).collect();
        formula_lines(formulas, &labels, format)
    };
    if let (Some(point), Some(values)) = (point, values) {
        let rows = value_rows(vars, values, format);
        out.push_str(&values_block(
            &point.describe(&expr.variables()),
            &rows,
            format,
            session.precision,
        ));
    }
    session.print(&out);
}

fn print_json(session: &mut Session, vars: &[String], formulas: &Formulas, values: Option<&[f64]>) {
    let mut object = Map::new();
    object.insert("vars".to_owned(), Value::from(vars.to_vec()));
    object.insert(
        "formulas".to_owned(),
        Value::from(formulas.formulas.clone()),
    );
    formulas.add_json_definitions(&mut object);
    if let Some(values) = values {
        let value = values.first().copied().unwrap_or(f64::NAN);
        object.insert("value".to_owned(), json_number(value));
        object.insert(
            "gradient".to_owned(),
            json_numbers(values.get(1..).unwrap_or(&[])),
        );
    }
    session.print(&Value::Object(object).to_string());
}
