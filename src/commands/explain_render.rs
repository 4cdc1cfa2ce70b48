//! Printing `symdiff explain`: the forward pass, then the backward pass with
//! each adjoint as the sum of its users' adjoints times their local
//! derivatives, as text, LaTeX `align*` lines or JSON.

use crate::cli::Format;
use serde_json::{Map, Value, json};

/// One step of the forward pass.
#[derive(Debug)]
pub(super) struct Forward {
    pub(super) name: String,
    pub(super) formula: String,
    pub(super) value: Option<f64>,
}

/// The adjoint of one step or variable.
#[derive(Debug)]
pub(super) struct Backward {
    pub(super) name: String,
    /// Each step that uses it, with the local derivative of that step by it.
    pub(super) terms: Vec<(String, String)>,
    /// The adjoint multiplied out, unless it is large.
    pub(super) adjoint: Option<String>,
    pub(super) adjoint_size: f64,
    pub(super) value: Option<f64>,
    /// A variable (a final partial) rather than a step.
    pub(super) is_input: bool,
}

#[derive(Debug)]
pub(super) struct Explained {
    pub(super) final_name: String,
    pub(super) forward: Vec<Forward>,
    pub(super) backward: Vec<Backward>,
    pub(super) named_by_user: bool,
    pub(super) n_locals: usize,
    pub(super) tree_size: f64,
    pub(super) dag_size: usize,
}

pub(super) fn render(explained: &Explained, point: Option<&str>, format: Format) -> String {
    match format {
        Format::Latex => latex(explained),
        Format::Json => json(explained),
        _ => text(explained, point),
    }
}

/// A value as the notebook prints it: 4 decimals in the forward pass, 6 in
/// the backward pass, in scientific notation when that would hide it.
fn number(value: f64, decimals: usize) -> String {
    let magnitude = value.abs();
    if value == 0.0 || !value.is_finite() || (1e-3..1e9).contains(&magnitude) {
        let text = format!("{value:.decimals$}");
        return if value.is_finite() {
            text
        } else {
            crate::output::fmt_value(value)
        };
    }
    format!("{value:.decimals$e}")
}

fn text(explained: &Explained, point: Option<&str>) -> String {
    let l = &explained.final_name;
    let mut out = String::from("Forward pass");
    if let Some(point) = point {
        out.push_str(&format!(" at {point}"));
    }
    out.push_str(":\n");
    let width = explained
        .forward
        .iter()
        .map(|step| step.formula.chars().count())
        .max()
        .unwrap_or(0)
        .min(40);
    let name_width = explained
        .forward
        .iter()
        .map(|step| step.name.chars().count())
        .max()
        .unwrap_or(0);
    for step in &explained.forward {
        let name = format!("{:<name_width$}", step.name);
        match step.value {
            Some(value) => out.push_str(&format!(
                "  {name} = {:<width$} = {}\n",
                step.formula,
                number(value, 4)
            )),
            None => out.push_str(&format!("  {name} = {}\n", step.formula)),
        }
    }
    out.push_str("\nBackward pass, last step first:\n");
    if explained.backward.is_empty() {
        out.push_str("  (nothing to differentiate by: no variables)\n");
    }
    for adjoint in &explained.backward {
        backward_text(&mut out, l, adjoint);
    }
    out.push('\n');
    out.push_str(&summary(explained));
    out
}

/// One adjoint: each term on a line of its own with its local derivative,
/// then the adjoint multiplied out (unless large) and its value.
fn backward_text(out: &mut String, l: &str, adjoint: &Backward) {
    let name = &adjoint.name;
    let label = format!("d{l}/d{name}");
    let indent = " ".repeat(label.chars().count() + 3);
    if adjoint.terms.is_empty() {
        out.push_str(&format!("  {label} = 0 ({l} does not depend on {name})\n"));
        return;
    }
    for (position, (user, local)) in adjoint.terms.iter().enumerate() {
        let lead = match position {
            0 => format!("  {label} = "),
            _ => format!("{indent}+ "),
        };
        // Through the result alone, the local derivative is the adjoint,
        // printed on the next line.
        let term = match (user == l, adjoint.terms.len()) {
            (true, 1) => format!("∂{l}/∂{name}"),
            (true, _) => format!("∂{l}/∂{name}   where ∂{l}/∂{name} = {local}"),
            (false, _) => {
                format!("d{l}/d{user} * ∂{user}/∂{name}   where ∂{user}/∂{name} = {local}")
            }
        };
        out.push_str(&format!("{lead}{term}\n"));
    }
    match &adjoint.adjoint {
        Some(formula) => out.push_str(&format!("{indent}= {formula}\n")),
        None => out.push_str(&format!(
            "{indent}= (too large to print as one formula: {} nodes as a tree)\n",
            size(adjoint.adjoint_size)
        )),
    }
    if let Some(value) = adjoint.value {
        out.push_str(&format!("{indent}= {}\n", number(value, 6)));
    }
}

/// A size for people: digits, or powers of ten beyond a million.
fn size(value: f64) -> String {
    match value < 1e6 {
        true => format!("{value}"),
        false => format!("{value:.2e}"),
    }
}

fn summary(explained: &Explained) -> String {
    let n_steps = explained.forward.len().saturating_sub(1);
    let kind = match (n_steps, explained.named_by_user) {
        (0, _) => "",
        (_, true) => " (the expression's definitions)",
        (_, false) => " (its calls, their arguments and its shared subexpressions)",
    };
    format!(
        "{n_steps} step{} before the result{kind}, {} local derivative{}; \
         the expression has {} node{} as a tree, {} distinct\n",
        if n_steps == 1 { "" } else { "s" },
        explained.n_locals,
        if explained.n_locals == 1 { "" } else { "s" },
        size(explained.tree_size),
        if explained.tree_size == 1.0 { "" } else { "s" },
        explained.dag_size
    )
}

fn latex_name(name: &str) -> String {
    symdiff::latex::latex_name(name)
}

fn latex(explained: &Explained) -> String {
    let l = latex_name(&explained.final_name);
    let partial =
        |top: &str, bottom: &str| format!("\\frac{{\\partial {top}}}{{\\partial {bottom}}}");
    let mut lines = Vec::new();
    for step in &explained.forward {
        let mut line = format!("{} &= {}", latex_name(&step.name), step.formula);
        if let Some(value) = step.value {
            line.push_str(&format!(" = {}", number(value, 4)));
        }
        lines.push(line);
    }
    for adjoint in &explained.backward {
        let name = latex_name(&adjoint.name);
        let chain: Vec<String> = adjoint
            .terms
            .iter()
            .map(|(user, local)| {
                let user = latex_name(user);
                match user == l {
                    true => local.clone(),
                    false => format!("{} \\cdot {}", partial(&l, &user), local),
                }
            })
            .collect();
        let mut line = format!("{} &= {}", partial(&l, &name), chain.join(" + "));
        if chain.is_empty() {
            line = format!("{} &= 0", partial(&l, &name));
        }
        let only_through_result =
            matches!(adjoint.terms.as_slice(), [(user, _)] if latex_name(user) == l);
        if let Some(formula) = &adjoint.adjoint
            && !only_through_result
        {
            line.push_str(&format!(" = {formula}"));
        }
        if let Some(value) = adjoint.value {
            line.push_str(&format!(" = {}", number(value, 6)));
        }
        lines.push(line);
    }
    format!(
        "\\begin{{align*}}\n{}\n\\end{{align*}}\n",
        lines.join(" \\\\\n")
    )
}

fn json(explained: &Explained) -> String {
    let number = crate::output::json_number;
    let forward: Vec<Value> = explained
        .forward
        .iter()
        .map(|step| {
            let mut object = Map::new();
            object.insert("name".to_owned(), Value::from(step.name.clone()));
            object.insert("formula".to_owned(), Value::from(step.formula.clone()));
            if let Some(value) = step.value {
                object.insert("value".to_owned(), number(value));
            }
            Value::Object(object)
        })
        .collect();
    let backward: Vec<Value> = explained
        .backward
        .iter()
        .map(|adjoint| {
            let terms: Vec<Value> = adjoint
                .terms
                .iter()
                .map(|(user, local)| json!({ "through": user, "local": local }))
                .collect();
            let mut object = Map::new();
            object.insert("name".to_owned(), Value::from(adjoint.name.clone()));
            object.insert("variable".to_owned(), Value::from(adjoint.is_input));
            object.insert("terms".to_owned(), Value::Array(terms));
            if let Some(formula) = &adjoint.adjoint {
                object.insert("adjoint".to_owned(), Value::from(formula.clone()));
            }
            if let Some(value) = adjoint.value {
                object.insert("value".to_owned(), number(value));
            }
            Value::Object(object)
        })
        .collect();
    json!({
        "result": explained.final_name,
        "forward": forward,
        "backward": backward,
        "sizes": {
            "steps": explained.forward.len(),
            "local_derivatives": explained.n_locals,
            "tree": explained.tree_size,
            "dag": explained.dag_size,
        },
    })
    .to_string()
}
