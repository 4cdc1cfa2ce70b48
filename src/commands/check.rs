//! `symdiff check EXPR --at POINT [--eps E] [--rtol R] [--atol A] [--tol T]`:
//! the symbolic gradient and Hessian against central differences, entry by
//! entry. Exit status 0 when every entry passes (or there is no variable), 1
//! when one fails or cannot be judged, or when f is not finite at the point.

use super::{as_strs, ids, label};
use crate::cli::{CheckArgs, Format};
use crate::diagnostics::Mistake;
use crate::error::CliError;
use crate::input::load;
use crate::output::{fmt_rounded, fmt_value, json_number};
use crate::point::Point;
use crate::session::Session;
use serde_json::{Map, Value};
use std::io::Read;
use symdiff::Expr;
use symdiff::check::{CheckEntry, CheckOptions, CheckReport, EntryKind, Status};
use symdiff::print::round_significant;

pub(crate) fn run(
    args: &CheckArgs,
    session: &mut Session,
    stdin: &mut dyn Read,
) -> Result<i32, CliError> {
    let point = Point::parse(&args.at)?;
    let loaded = load(&args.expr, stdin, session)?;
    point.check_names(&loaded, session)?;
    let expr = &loaded.expr;
    let vars = expr.variables();
    let var_refs = as_strs(&vars);
    let values = point.values_for(&vars)?;
    let (gradient, hessian) = session
        .stats
        .time_derive(|| expr.gradient_and_hessian(&var_refs));
    expr.check_budget()?;
    let flat_hessian: Vec<Expr> = hessian.into_iter().flatten().collect();
    let mut results = ids(&gradient);
    results.extend(ids(&flat_hessian));
    session
        .stats
        .record_results(&expr.graph().borrow(), &results);
    if session.format == Format::Rust {
        let code = super::codegen::emit(expr, "f", &expr.variables(), &vars, true)?;
        session.print(&code);
        return Ok(0);
    }
    let options = CheckOptions {
        eps: args.eps,
        rtol: args.rtol,
        atol: args.atol,
        rounding: args.tol,
    };
    // The engine calls --tol `rounding`.
    if !(args.tol.is_finite() && args.tol >= 0.0) {
        return Err(Mistake::InvalidCheckTol { value: args.tol }.into());
    }
    let report = symdiff::check::check_expr(expr, &var_refs, &values, &options)?;
    let entries = &report.entries;
    let analytic: Vec<(String, f64)> = entries
        .iter()
        .map(|entry| (entry_label(entry, &var_refs, Format::Text), entry.analytic))
        .collect();
    super::warn_non_finite(session, &analytic);
    let value = crate::eval::values_at(expr, &[expr.id()], &point)?[0];
    let summary = summary(&report, vars.is_empty(), value);
    let description = point.describe(&vars);
    match session.format {
        Format::Json => print_json(session, &report, &summary),
        _ => print_table(
            session,
            &report,
            &var_refs,
            &description,
            &options,
            &summary,
        ),
    }
    Ok(if report.ok() { 0 } else { 1 })
}

/// The last line: the outcome in words.
fn summary(report: &CheckReport, no_variables: bool, value: f64) -> String {
    let n_entries = report.entries.len();
    let n_failed = report.failures().count();
    let n_inconclusive = report.inconclusive().count();
    let value = crate::output::fmt_value(value);
    if report.not_finite.is_some() {
        let which = if no_variables {
            "the expression has no variables and "
        } else {
            ""
        };
        return format!(
            "nothing to check: {which}f is not finite at this point (f = {value}), so it has no central difference"
        );
    }
    if no_variables {
        return format!(
            "nothing to check: the expression has no variables (f = {value} everywhere)"
        );
    }
    let inconclusive = |n: usize| {
        format!(
            "{n} of {n_entries} entries within the central difference's rounding error, without one, \
             or across a kink; try another --eps (larger against rounding, smaller for a step outside \
             the domain or across a kink)"
        )
    };
    match (n_failed, n_inconclusive) {
        (0, 0) => format!("ok: all {n_entries} entries pass"),
        (0, n_inconclusive) => format!("inconclusive: {}", inconclusive(n_inconclusive)),
        (n_failed, 0) => format!("FAILED: {n_failed} of {n_entries} entries fail"),
        (n_failed, n_inconclusive) => format!(
            "FAILED: {n_failed} of {n_entries} entries fail; inconclusive: {}",
            inconclusive(n_inconclusive)
        ),
    }
}

fn entry_label(entry: &CheckEntry, vars: &[&str], format: Format) -> String {
    let names: Vec<&str> = entry
        .index
        .iter()
        .filter_map(|&index| vars.get(index).copied())
        .collect();
    label(&names, format)
}

fn print_table(
    session: &mut Session,
    report: &CheckReport,
    vars: &[&str],
    point: &str,
    options: &CheckOptions,
    summary: &str,
) {
    let entries = &report.entries;
    let format = session.format;
    let number = |value: f64, digits: usize| {
        if format == Format::Latex {
            let mut latex = String::new();
            symdiff::latex::write_float(&mut latex, round_significant(value, digits));
            latex
        } else {
            fmt_rounded(value, digits)
        }
    };
    let header = ["entry", "analytic", "numeric", "abs err", "rel err", ""].map(str::to_owned);
    let mut rows = vec![header.to_vec()];
    for entry in entries {
        let verdict = status_word(entry.status);
        rows.push(vec![
            entry_label(entry, vars, format),
            number(entry.analytic, 8),
            number(entry.numeric, 8),
            number(entry.abs_err, 2),
            number(entry.rel_err, 2),
            if format == Format::Latex {
                format!("\\text{{{verdict}}}")
            } else {
                verdict.to_owned()
            },
        ]);
    }
    let table = if entries.is_empty() {
        String::new()
    } else {
        text_table(&rows)
    };
    let out = match format {
        // `--` would print as a dash.
        Format::Latex if entries.is_empty() => {
            format!("\\text{{{}}}", summary.replace("--", "-{}-"))
        }
        Format::Latex => latex_table(&rows, &summary.replace("--", "-{}-")),
        _ => format!(
            "at {point} (eps {}, rtol {}, atol {}):\n{table}{summary}",
            fmt_value(options.eps),
            fmt_value(options.rtol),
            fmt_value(options.atol),
        ),
    };
    session.print(&out);
}

fn status_word(status: Status) -> &'static str {
    match status {
        Status::Pass => "pass",
        Status::Fail => "FAIL",
        Status::Inconclusive => "inconclusive",
    }
}

fn text_table(rows: &[Vec<String>]) -> String {
    let n_cols = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..n_cols)
        .map(|col| {
            rows.iter()
                .map(|row| row.get(col).map_or(0, |cell| cell.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, &width)| format!("{cell}{}", " ".repeat(width - cell.chars().count())))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

fn latex_table(rows: &[Vec<String>], summary: &str) -> String {
    let mut out = String::from("\\begin{array}{lrrrrl}\n");
    for (index, row) in rows.iter().enumerate() {
        let cells: Vec<String> = if index == 0 {
            row.iter().map(|cell| format!("\\text{{{cell}}}")).collect()
        } else {
            row.clone()
        };
        out.push_str(&format!("{} \\\\\n", cells.join(" & ")));
    }
    out.push_str(&format!("\\end{{array}}\n\\text{{{summary}}}"));
    out
}

fn print_json(session: &mut Session, report: &CheckReport, summary: &str) {
    let entries: Vec<Value> = report.entries.iter().map(entry_json).collect();
    let mut object = Map::new();
    object.insert("ok".to_owned(), Value::from(report.ok()));
    object.insert("entries".to_owned(), Value::Array(entries));
    object.insert("summary".to_owned(), Value::from(summary));
    session.print(&Value::Object(object).to_string());
}

fn entry_json(entry: &CheckEntry) -> Value {
    let kind = match entry.kind {
        EntryKind::Gradient => "gradient",
        EntryKind::Hessian => "hessian",
    };
    let mut object = Map::new();
    object.insert("kind".to_owned(), Value::from(kind));
    object.insert("index".to_owned(), Value::from(entry.index.clone()));
    object.insert("analytic".to_owned(), json_number(entry.analytic));
    object.insert("numeric".to_owned(), json_number(entry.numeric));
    object.insert("abs_err".to_owned(), json_number(entry.abs_err));
    object.insert("rel_err".to_owned(), json_number(entry.rel_err));
    object.insert("rounding_err".to_owned(), json_number(entry.rounding_err));
    if let Some(one_sided) = entry.one_sided {
        let one_sided = one_sided.map(json_number).to_vec();
        object.insert("one_sided".to_owned(), Value::from(one_sided));
    }
    object.insert("ok".to_owned(), Value::from(entry.ok()));
    object.insert("status".to_owned(), Value::from(status_word(entry.status)));
    Value::Object(object)
}
