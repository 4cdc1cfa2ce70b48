//! `symdiff check EXPR --at POINT [--eps E] [--rtol R] [--atol A]`: the
//! symbolic gradient and Hessian against central differences, entry by entry.

use super::{as_strs, ids, label};
use crate::cli::{CheckArgs, Format};
use crate::error::CliError;
use crate::input::load;
use crate::output::{fmt_rounded, fmt_value, json_number};
use crate::point::Point;
use crate::session::Session;
use serde_json::{Map, Value};
use std::io::Read;
use symdiff::Expr;
use symdiff::check::{CheckEntry, CheckOptions, EntryKind};

pub(crate) fn run(
    args: &CheckArgs,
    session: &mut Session,
    stdin: &mut dyn Read,
) -> Result<i32, CliError> {
    let point = Point::parse(&args.at)?;
    let loaded = load(&args.expr, stdin, session)?;
    let expr = &loaded.expr;
    let vars = expr.variables();
    let var_refs = as_strs(&vars);
    let values = point.values_for(&vars)?;
    let (gradient, hessian) = session
        .stats
        .time_derive(|| expr.gradient_and_hessian(&var_refs));
    let flat_hessian: Vec<Expr> = hessian.into_iter().flatten().collect();
    let mut results = ids(&gradient);
    results.extend(ids(&flat_hessian));
    session
        .stats
        .record_results(&expr.graph().borrow(), &results);
    if session.format == Format::Rust {
        let code = super::codegen::emit(expr, "f", &vars, true)?;
        session.print(&code);
        return Ok(0);
    }
    let options = CheckOptions {
        eps: args.eps,
        rtol: args.rtol,
        atol: args.atol,
    };
    let entries = symdiff::check::check_expr(expr, &var_refs, &values, &options)
        .map_err(|error| CliError::message(error.to_string()))?
        .entries;
    let ok = entries.iter().all(|entry| entry.ok);
    let analytic: Vec<(String, f64)> = entries
        .iter()
        .map(|entry| (entry_label(entry, &var_refs, Format::Text), entry.analytic))
        .collect();
    super::warn_non_finite(session, &analytic);
    let description = point.describe(&vars);
    match session.format {
        Format::Json => print_json(session, ok, &entries),
        _ => print_table(session, &entries, &var_refs, &description, &options),
    }
    Ok(if ok { 0 } else { 1 })
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
    entries: &[CheckEntry],
    vars: &[&str],
    point: &str,
    options: &CheckOptions,
) {
    let format = session.format;
    let number = |value: f64, digits: usize| {
        let rounded = fmt_rounded(value, digits);
        if format == Format::Latex {
            let mut latex = String::new();
            symdiff::latex::write_float(&mut latex, rounded.parse().unwrap_or(value));
            latex
        } else {
            rounded
        }
    };
    let header = ["entry", "analytic", "numeric", "abs err", "rel err", ""].map(str::to_owned);
    let mut rows = vec![header.to_vec()];
    for entry in entries {
        let verdict = if entry.ok { "pass" } else { "FAIL" };
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
    let n_failed = entries.iter().filter(|entry| !entry.ok).count();
    let summary = if n_failed == 0 {
        format!("ok: all {} entries pass", entries.len())
    } else {
        format!("FAILED: {n_failed} of {} entries fail", entries.len())
    };
    let out = match format {
        Format::Latex => latex_table(&rows, &summary),
        _ => format!(
            "at {point} (eps {}, rtol {}, atol {}):\n{}{summary}",
            fmt_value(options.eps),
            fmt_value(options.rtol),
            fmt_value(options.atol),
            text_table(&rows)
        ),
    };
    session.print(&out);
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

fn print_json(session: &mut Session, ok: bool, entries: &[CheckEntry]) {
    let entries: Vec<Value> = entries.iter().map(entry_json).collect();
    let mut object = Map::new();
    object.insert("ok".to_owned(), Value::from(ok));
    object.insert("entries".to_owned(), Value::Array(entries));
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
    object.insert("ok".to_owned(), Value::from(entry.ok));
    Value::Object(object)
}
