//! `symdiff jacobian 'OUTPUTS' [--wrt VARS] [--at POINT]`: the Jacobian of
//! several outputs (one row per output, one column per variable), and its
//! values at a point.

use super::codegen::emit_jacobian;
use super::{as_strs, ids, values_block, warn_non_finite};
use crate::cli::{Format, JacobianArgs};
use crate::diagnostics::Mistake;
use crate::error::CliError;
use crate::output::{DerivativeOf, Formulas, formula_lines, json_numbers};
use crate::outputs::load_outputs;
use crate::point::Point;
use crate::session::Session;
use crate::wrt::Steps;
use serde_json::{Map, Value};
use std::io::Read;
use symdiff::Expr;
use symdiff::graph::NodeId;

pub(crate) fn run(
    args: &JacobianArgs,
    session: &mut Session,
    stdin: &mut dyn Read,
) -> Result<i32, CliError> {
    if !args.more.is_empty() {
        return Err(several_arguments(args));
    }
    let point = args.at.as_deref().map(Point::parse).transpose()?;
    let loaded = load_outputs(&args.outputs, stdin, session)?;
    if let Some(point) = &point {
        point.check_names(&loaded, session)?;
    }
    let expr = &loaded.expr;
    let vars = crate::wrt::variables(args.wrt.as_deref(), &loaded, Steps::Refused, session)?;
    let var_refs = as_strs(&vars);
    let rows = session
        .stats
        .time_derive(|| Expr::jacobian(&loaded.outputs, &var_refs));
    expr.check_budget()?;
    let entries: Vec<NodeId> = rows.iter().flat_map(|row| ids(row)).collect();
    session
        .stats
        .record_results(&expr.graph().borrow(), &entries);
    if session.format == Format::Rust {
        let code = emit_jacobian(&loaded.outputs, loaded.variables(), "f", &vars)?;
        session.print(&code);
        return Ok(0);
    }
    let outputs = ids(&loaded.outputs);
    let values = match &point {
        Some(point) => {
            let mut all = outputs.clone();
            all.extend_from_slice(&entries);
            Some(crate::eval::values_at(expr, &all, point)?)
        }
        None => None,
    };
    let shown = super::shaped(expr, &entries, args.shape);
    let by: Vec<_> = (0..outputs.len())
        .flat_map(|output| {
            var_refs
                .iter()
                .map(move |&var| DerivativeOf::new(output, vec![var]))
        })
        .collect();
    let formulas = Formulas::render_by_vars(expr, &shown, &by, session.format);
    let table = Table {
        n_outputs: outputs.len(),
        vars: &var_refs,
        formulas: &formulas,
        values: values.as_deref(),
    };
    match session.format {
        Format::Json => print_json(session, &table),
        _ => {
            let description = point
                .as_ref()
                .map(|point| point.describe(&loaded.variables()));
            print_lines(session, &table, description.as_deref());
        }
    }
    if let Some(values) = &values {
        warn_non_finite(session, &table.value_rows(values, Format::Text));
    }
    Ok(0)
}

/// The outputs given as separate arguments: the hint joins them.
fn several_arguments(args: &JacobianArgs) -> CliError {
    let mut all = vec![args.outputs.as_str()];
    all.extend(args.more.iter().map(String::as_str));
    let arguments = all.iter().map(|&argument| argument.to_owned()).collect();
    Mistake::SeveralArguments { arguments }.into()
}

/// The Jacobian's formulas (row by row) and, at a point, its values.
struct Table<'a> {
    n_outputs: usize,
    vars: &'a [&'a str],
    formulas: &'a Formulas,
    /// The outputs' values, then the entries', row by row.
    values: Option<&'a [f64]>,
}

impl Table<'_> {
    /// `∂f1/∂x` (text), `\frac{\partial f_{1}}{\partial x}` (LaTeX) or its
    /// `<mfrac>` (MathML), row by row.
    fn labels(&self, format: Format) -> Vec<String> {
        let mut labels = Vec::with_capacity(self.n_outputs * self.vars.len());
        for output in 1..=self.n_outputs {
            for var in self.vars {
                labels.push(match format {
                    Format::Latex => format!(
                        "\\frac{{\\partial f_{{{output}}}}}{{\\partial {}}}",
                        symdiff::latex::latex_name(var)
                    ),
                    Format::Mathml => format!(
                        "<mfrac><mrow><mo>∂</mo><msub><mi>f</mi><mn>{output}</mn></msub></mrow>\
                         <mrow><mo>∂</mo>{}</mrow></mfrac>",
                        symdiff::mathml::mathml_name(var)
                    ),
                    _ => format!("∂f{output}/∂{var}"),
                });
            }
        }
        labels
    }

    /// `f1`, `f2`, … and then each entry, with their values.
    fn value_rows(&self, values: &[f64], format: Format) -> Vec<(String, f64)> {
        let outputs = (1..=self.n_outputs).map(|output| match format {
            Format::Latex => format!("f_{{{output}}}"),
            Format::Mathml => format!("<msub><mi>f</mi><mn>{output}</mn></msub>"),
            _ => format!("f{output}"),
        });
        outputs
            .chain(self.labels(format))
            .zip(values.iter().copied())
            .collect()
    }
}

fn print_lines(session: &mut Session, table: &Table<'_>, point: Option<&str>) {
    let format = session.format;
    let mut out = if table.vars.is_empty() {
        super::no_variables_line("its Jacobian has no columns", format)
    } else {
        formula_lines(table.formulas, &table.labels(format), format)
    };
    if let (Some(point), Some(values)) = (point, table.values) {
        out.push_str(&values_block(
            point,
            &table.value_rows(values, format),
            format,
            session.precision,
        ));
    }
    session.print(&out);
}

fn print_json(session: &mut Session, table: &Table<'_>) {
    let n_vars = table.vars.len();
    let row_of = |row: usize| row * n_vars..(row + 1) * n_vars;
    let formulas: Vec<Value> = (0..table.n_outputs)
        .map(|row| {
            Value::from(
                table
                    .formulas
                    .formulas
                    .get(row_of(row))
                    .unwrap_or(&[])
                    .to_vec(),
            )
        })
        .collect();
    let mut object = Map::new();
    object.insert("vars".to_owned(), Value::from(table.vars.to_vec()));
    object.insert("formulas".to_owned(), Value::Array(formulas));
    table.formulas.add_json_definitions(&mut object);
    if let Some(values) = table.values {
        let (outputs, entries) = values.split_at(table.n_outputs.min(values.len()));
        let rows: Vec<Value> = (0..table.n_outputs)
            .map(|row| json_numbers(entries.get(row_of(row)).unwrap_or(&[])))
            .collect();
        object.insert("values".to_owned(), json_numbers(outputs));
        object.insert("jacobian".to_owned(), Value::Array(rows));
    }
    session.print(&Value::Object(object).to_string());
}
