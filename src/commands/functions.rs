//! `symdiff functions`: every function the formulas may call, from the
//! engine's function table, with its derivative rules (each partial, as the
//! engine writes it) and its convention at a kink.

use crate::cli::Format;
use crate::error::CliError;
use crate::session::Session;
use serde_json::{Value, json};
use symdiff::Expr;
use symdiff::func::{Func, FunctionInfo};

pub(crate) fn run(session: &mut Session) -> Result<i32, CliError> {
    let entries: Vec<Entry> = Func::CALLABLE
        .iter()
        .map(|func| Entry::new(func.info()))
        .collect();
    match session.format {
        Format::Json => {
            let list: Vec<Value> = entries.iter().map(Entry::to_json).collect();
            session.print(&Value::Array(list).to_string());
        }
        Format::Latex => {
            for entry in &entries {
                session.print(&entry.latex());
            }
        }
        // `dispatch` refuses MathML here.
        Format::Text | Format::Rust | Format::Mathml => {
            let text: Vec<String> = entries.iter().map(Entry::text).collect();
            session.print(&text.join("\n"));
        }
    }
    Ok(0)
}

/// One function and its partial derivatives, printed by the engine.
struct Entry {
    info: &'static FunctionInfo,
    /// The call with its parameters' names, `leaky_relu(x, alpha)`.
    call: Expr,
    /// `(parameter, ∂ call / ∂ parameter)` for each parameter.
    partials: Vec<(&'static str, Expr)>,
}

impl Entry {
    fn new(info: &'static FunctionInfo) -> Entry {
        let source = format!("{}({})", info.name, info.params.join(", "));
        // Every entry's call parses: the table's own test
        // (`tests/function_table.rs`) reads each one back.
        let call = Expr::parse(&source).unwrap_or_else(|_| Expr::constant(f64::NAN));
        let partials = info
            .params
            .iter()
            .map(|&param| (param, call.diff(param)))
            .collect();
        Entry {
            info,
            call,
            partials,
        }
    }

    /// `sigmoid(x)  the logistic function …`, then one line per partial,
    /// the other names, the Rust method and the kink convention.
    fn text(&self) -> String {
        let mut lines = vec![format!("{}: {}", self.call, self.info.doc)];
        for (param, partial) in &self.partials {
            lines.push(format!("  ∂/∂{param} = {partial}"));
        }
        if !self.info.aliases.is_empty() {
            lines.push(format!("  also written {}", self.info.aliases.join(", ")));
        }
        if let Some(method) = self.rust_method() {
            lines.push(format!("  in Rust: {method}"));
        }
        if let Some(kink) = self.info.kink {
            lines.push(format!("  at a kink: {kink}"));
        }
        lines.join("\n")
    }

    /// `x.ln_1p()` or `y.atan2(x)`: the `f64` method the macros read.
    fn rust_method(&self) -> Option<String> {
        let method = self.info.method?;
        let receiver = self.info.params.first().copied().unwrap_or("x");
        let rest = self.info.params.get(1..).unwrap_or_default().join(", ");
        Some(format!("{receiver}.{method}({rest})"))
    }

    /// The partials as LaTeX equations, one per line.
    fn latex(&self) -> String {
        let call = self.call.to_latex();
        self.partials
            .iter()
            .map(|(param, partial)| {
                format!(
                    "\\frac{{\\partial}}{{\\partial {}}} {call} = {}",
                    symdiff::latex::latex_name(param),
                    partial.to_latex()
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn to_json(&self) -> Value {
        let partials: serde_json::Map<String, Value> = self
            .partials
            .iter()
            .map(|(param, partial)| ((*param).to_owned(), Value::String(partial.to_string())))
            .collect();
        json!({
            "name": self.info.name,
            "params": self.info.params,
            "aliases": self.info.aliases,
            "doc": self.info.doc,
            "partials": partials,
            "kink": self.info.kink,
            "rust_method": self.rust_method(),
        })
    }
}
