//! `symdiff hessian EXPR --sparse`: only the entries of the Hessian's lower
//! triangle that are not identically zero, row by row (as IPOPT and most
//! solvers take them), with their indices from 0 and the pattern's density;
//! at a point, their values.

use super::codegen::{Product, emit_product};
use super::{as_strs, ids, label, values_block, warn_non_finite};
use crate::cli::{Format, HessianArgs};
use crate::error::CliError;
use crate::input::load;
use crate::output::{Formulas, fmt_rounded, formula_lines, json_number, json_numbers};
use crate::point::Point;
use crate::session::Session;
use crate::wrt::Steps;
use serde_json::{Map, Value};
use std::io::Read;
use symdiff::sparse::SparseHessian;

pub(crate) fn run(
    args: &HessianArgs,
    session: &mut Session,
    stdin: &mut dyn Read,
) -> Result<i32, CliError> {
    let args = &args.derivative;
    let point = args.at.as_deref().map(Point::parse).transpose()?;
    let loaded = load(&args.expr, stdin, session)?;
    if let Some(point) = &point {
        point.check_names(&loaded, session)?;
    }
    let expr = &loaded.expr;
    let vars = crate::wrt::variables(args.wrt.as_deref(), &loaded, Steps::Refused, session)?;
    let var_refs = as_strs(&vars);
    let sparse = session.stats.time_derive(|| expr.sparse_hessian(&var_refs));
    expr.check_budget()?;
    session.stats.repeat_warm(&loaded.source, |expr| {
        std::hint::black_box(expr.sparse_hessian(&var_refs));
    });
    let entries = ids(&sparse.entries);
    session
        .stats
        .record_results(&expr.graph().borrow(), &entries);
    if session.format == Format::Rust {
        let code = emit_product(expr, "f", &vars, Product::SparseHessian)?;
        session.print(&code);
        return Ok(0);
    }
    let values = match &point {
        Some(point) => Some(crate::eval::values_at(expr, &entries, point)?),
        None => None,
    };
    let shown = super::shaped(expr, &entries, args.shape);
    let by = crate::output::by_pairs(&var_refs, sparse.pattern.iter().copied(), true);
    let formulas = Formulas::render_by_vars(expr, &shown, &by, session.format);
    match session.format {
        Format::Json => print_json(session, &vars, &sparse, &formulas, values.as_deref()),
        _ => {
            let description = point
                .as_ref()
                .map(|point| point.describe(&loaded.variables()));
            let out = lines(
                (session.format, session.precision),
                &var_refs,
                &sparse,
                &formulas,
                description.as_deref().zip(values.as_deref()),
            );
            session.print(&out);
        }
    }
    if let Some(values) = &values {
        let rows = labels(&var_refs, &sparse, Format::Text)
            .into_iter()
            .zip(values.iter().copied())
            .collect::<Vec<_>>();
        warn_non_finite(session, &rows);
    }
    Ok(0)
}

/// `(1, 0) ∂²/∂y∂x` (text) or `H_{1,0} = \frac{…}{…}` (LaTeX) for each
/// stored entry.
fn labels<T>(vars: &[&str], sparse: &SparseHessian<T>, format: Format) -> Vec<String> {
    sparse
        .pattern
        .iter()
        .map(|&(row, col)| {
            let partial = label(&[vars[row], vars[col]], format);
            match format {
                Format::Latex => format!("H_{{{row},{col}}} = {partial}"),
                Format::Mathml => format!(
                    "<msub><mi>H</mi><mrow><mn>{row}</mn><mo>,</mo><mn>{col}</mn></mrow></msub>\
                     <mo>=</mo>{partial}"
                ),
                _ => format!("({row}, {col}) {partial}"),
            }
        })
        .collect()
}

/// `2 of the 3 entries of the lower triangle are not identically zero
/// (density 0.6667)`.
fn summary<T>(sparse: &SparseHessian<T>) -> String {
    let triangle = sparse.order * (sparse.order + 1) / 2;
    let nnz = sparse.pattern.len();
    format!(
        "{nnz} of the {triangle} {} of the lower triangle {} not identically zero (density {})",
        if triangle == 1 { "entry" } else { "entries" },
        if nnz == 1 { "is" } else { "are" },
        fmt_rounded(sparse.density(), 4)
    )
}

fn lines<T>(
    (format, precision): (Format, Option<usize>),
    vars: &[&str],
    sparse: &SparseHessian<T>,
    formulas: &Formulas,
    at_point: Option<(&str, &[f64])>,
) -> String {
    if vars.is_empty() {
        return super::no_variables_line("its Hessian is empty", format);
    }
    let labels = labels(vars, sparse, format);
    let mut out = match format {
        Format::Latex => format!("\\text{{{}}}\n", summary(sparse)),
        Format::Mathml => format!("{}\n", crate::output::mathml_text(&summary(sparse))),
        _ if labels.is_empty() => format!("{}\n", summary(sparse)),
        _ => format!("{}:\n", summary(sparse)),
    };
    out.push_str(&formula_lines(formulas, &labels, format));
    if let Some((point, values)) = at_point {
        let rows: Vec<(String, f64)> = labels.into_iter().zip(values.iter().copied()).collect();
        out.push_str(&values_block(point, &rows, format, precision));
    }
    out
}

fn print_json<T>(
    session: &mut Session,
    vars: &[String],
    sparse: &SparseHessian<T>,
    formulas: &Formulas,
    values: Option<&[f64]>,
) {
    let (rows, cols): (Vec<usize>, Vec<usize>) = sparse.pattern.iter().copied().unzip();
    let mut object = Map::new();
    object.insert("vars".to_owned(), Value::from(vars.to_vec()));
    object.insert("rows".to_owned(), Value::from(rows));
    object.insert("cols".to_owned(), Value::from(cols));
    object.insert(
        "formulas".to_owned(),
        Value::from(formulas.formulas.clone()),
    );
    object.insert("density".to_owned(), json_number(sparse.density()));
    formulas.add_json_definitions(&mut object);
    if let Some(values) = values {
        object.insert("values".to_owned(), json_numbers(values));
    }
    session.print(&Value::Object(object).to_string());
}
