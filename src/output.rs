//! Rendering shared by the commands: numbers, labels, aligned columns, and
//! formulas printed once with shared subexpressions named.

use crate::cli::Format;
use serde_json::Value;
use symdiff::Expr;
use symdiff::graph::{Graph, NodeId};
use symdiff::latex::{definitions_to_latex, to_latex_with};
use symdiff::mathml::{definitions_to_mathml, math};
use symdiff::print::{Definitions, to_text_with};

/// A number for people: shortest round-trip digits, `2` not `2.0`,
/// exponents for very large and small values, `NaN`, `inf`, `-inf`.
pub(crate) fn fmt_value(value: f64) -> String {
    if value.is_nan() {
        return "NaN".to_owned();
    }
    if value.is_infinite() {
        return if value > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    // `-0` is zero for people.
    let value = if value == 0.0 { 0.0 } else { value };
    let text = format!("{value:?}");
    match text.strip_suffix(".0") {
        Some(integer) => integer.to_owned(),
        None => text,
    }
}

/// A computed value as the user asked to see it: rounded to `precision`
/// significant digits (`--precision`), or with every digit.
pub(crate) fn fmt_printed(value: f64, precision: Option<usize>) -> String {
    match precision {
        Some(digits) => fmt_rounded(value, digits),
        None => fmt_value(value),
    }
}

/// A number rounded to `digits` significant digits, for tables.
pub(crate) fn fmt_rounded(value: f64, digits: usize) -> String {
    fmt_value(symdiff::print::round_significant(value, digits))
}

/// A JSON number, or the string `"NaN"`, `"inf"` or `"-inf"`.
pub(crate) fn json_number(value: f64) -> Value {
    if value == 0.0 {
        Value::from(0.0)
    } else if value.is_finite() {
        Value::from(value)
    } else {
        Value::from(fmt_value(value))
    }
}

pub(crate) fn json_numbers(values: &[f64]) -> Value {
    Value::Array(values.iter().map(|&value| json_number(value)).collect())
}

pub(crate) use symdiff::print::{partial_label, superscript};

/// The LaTeX of the same label: `\frac{\partial^{2} f}{\partial w \partial b}`.
pub(crate) fn partial_label_latex(vars: &[&str]) -> String {
    let order = vars.len();
    if order == 0 {
        return "f".to_owned();
    }
    let parts: Vec<String> = symdiff::print::runs(vars)
        .into_iter()
        .map(|(var, run)| {
            let name = symdiff::latex::latex_name(var);
            match run {
                1 => format!("\\partial {name}"),
                _ => format!("\\partial {name}^{{{run}}}"),
            }
        })
        .collect();
    let power = if order > 1 {
        format!("^{{{order}}}")
    } else {
        String::new()
    };
    format!("\\frac{{\\partial{power} f}}{{{}}}", parts.join(" \\, "))
}

/// The MathML of the same label, as the content of a `<math>` element:
/// `<mfrac><mrow><msup><mo>∂</mo><mn>2</mn></msup><mi>f</mi></mrow>…`.
pub(crate) fn partial_label_mathml(vars: &[&str]) -> String {
    let order = vars.len();
    if order == 0 {
        return "<mi>f</mi>".to_owned();
    }
    let mut denominator = String::new();
    for (var, run) in symdiff::print::runs(vars) {
        let name = symdiff::mathml::mathml_name(var);
        denominator.push_str("<mo>∂</mo>");
        match run {
            1 => denominator.push_str(&name),
            _ => denominator.push_str(&format!("<msup><mrow>{name}</mrow><mn>{run}</mn></msup>")),
        }
    }
    let numerator = if order > 1 {
        format!("<msup><mo>∂</mo><mn>{order}</mn></msup><mi>f</mi>")
    } else {
        "<mo>∂</mo><mi>f</mi>".to_owned()
    };
    format!("<mfrac><mrow>{numerator}</mrow><mrow>{denominator}</mrow></mfrac>")
}

/// One MathML equation `label = value`, as a `<math>` element; `label` and
/// `value` are MathML content.
pub(crate) fn mathml_equation(label: &str, value: &str) -> String {
    math(&format!("{label}<mo>=</mo>{value}"))
}

/// A number as MathML content: `<mn>0.5</mn>`, `<mo>-</mo><mn>2</mn>`.
pub(crate) fn mathml_number(value: f64) -> String {
    let mut out = String::new();
    symdiff::mathml::write_float(&mut out, value);
    out
}

/// A sentence as a `<math>` element of text, with `<`, `>` and `&` escaped.
pub(crate) fn mathml_text(sentence: &str) -> String {
    math(&format!(
        "<mtext>{}</mtext>",
        symdiff::mathml::escape(sentence)
    ))
}

/// `label = value` lines with the labels padded to one width, and a space
/// before non-negative values so that the digits line up.
pub(crate) fn aligned(rows: &[(String, String)]) -> String {
    let width = rows
        .iter()
        .map(|(label, _)| label.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (label, value) in rows {
        let padding = " ".repeat(width - label.chars().count());
        let sign_space = if value.starts_with('-') { "" } else { " " };
        out.push_str(&format!("{label}{padding} = {sign_space}{value}\n"));
    }
    out
}

/// A result as a derivative: the output it belongs to (0 for one function)
/// and the variables it is taken by (see [`Formulas::render_by_vars`]).
#[derive(Debug, Clone)]
pub(crate) struct DerivativeOf<'a> {
    output: usize,
    vars: Vec<&'a str>,
    /// Whether results are listed as a lower triangle is, row by row: then
    /// the variable that appears later in the expression compares first.
    lower: bool,
}

impl<'a> DerivativeOf<'a> {
    /// A derivative of output `output` by `vars`.
    pub(crate) fn new(output: usize, vars: Vec<&'a str>) -> Self {
        DerivativeOf {
            output,
            vars,
            lower: false,
        }
    }
}

/// One derivative of one function by each of `vars`, in order.
pub(crate) fn by_each<'a>(vars: &[&'a str]) -> Vec<DerivativeOf<'a>> {
    vars.iter()
        .map(|&var| DerivativeOf::new(0, vec![var]))
        .collect()
}

/// The second derivatives of one function at the `(row, column)` places of
/// a matrix over `vars`, listed as an upper triangle or a full matrix is
/// (`lower` false), or as a lower triangle is.
pub(crate) fn by_pairs<'a>(
    vars: &[&'a str],
    places: impl IntoIterator<Item = (usize, usize)>,
    lower: bool,
) -> Vec<DerivativeOf<'a>> {
    places
        .into_iter()
        .map(|(row, col)| DerivativeOf {
            lower,
            ..DerivativeOf::new(0, vec![vars[row], vars[col]])
        })
        .collect()
}

/// Formulas printed together: the definitions of shared subexpressions
/// (empty unless the formulas are large) and one string per root.
#[derive(Debug, Clone)]
pub(crate) struct Formulas {
    /// `t1 = …` (text) or `t_{1} = …` (LaTeX), in order.
    pub(crate) definitions: Vec<String>,
    pub(crate) formulas: Vec<String>,
}

impl Formulas {
    /// Plain text that parses back; for LaTeX `format`, LaTeX. The
    /// program's named steps that the results use are printed by name (`y =
    /// sigmoid(z);` first, then `2*y*(1 - y)*(y - t)`). Large results are
    /// factored (see `factor.rs`) and print their other shared
    /// subexpressions once, by name too.
    pub(crate) fn render(expr: &Expr, roots: &[NodeId], format: Format) -> Formulas {
        let in_order: Vec<usize> = (0..roots.len()).collect();
        Self::render_naming(expr, roots, &in_order, format)
    }

    /// As [`Formulas::render`], for derivatives: `by` gives, for each root,
    /// the output it belongs to (0 for one function) and the variables it is
    /// a derivative by. The shared subexpressions are named (`t1`, `t2`, ...)
    /// going through the roots output by output, in the order in which
    /// their variables first appear in the expression, whatever order
    /// `--wrt` asked for them in. So each entry prints the same in any
    /// order, and in the default order the names follow the printed order.
    pub(crate) fn render_by_vars(
        expr: &Expr,
        roots: &[NodeId],
        by: &[DerivativeOf<'_>],
        format: Format,
    ) -> Formulas {
        let appearance = expr.variables();
        let ranks: std::collections::HashMap<&str, usize> = appearance
            .iter()
            .enumerate()
            .map(|(rank, name)| (name.as_str(), rank))
            .collect();
        // A variable absent from the expression goes after the others.
        let rank = |var: &str| ranks.get(var).copied().unwrap_or(usize::MAX);
        let key = |index: usize| {
            let Some(of) = by.get(index) else {
                return (0, Vec::new());
            };
            let mut ranks: Vec<(usize, &str)> =
                of.vars.iter().map(|&var| (rank(var), var)).collect();
            ranks.sort_unstable();
            if of.lower {
                ranks.reverse();
            }
            (of.output, ranks)
        };
        let mut naming: Vec<usize> = (0..roots.len()).collect();
        naming.sort_by_cached_key(|&index| key(index));
        Self::render_naming(expr, roots, &naming, format)
    }

    /// Renders `roots`, naming shared subexpressions going through them in
    /// the order `naming` gives (indices into `roots`).
    fn render_naming(expr: &Expr, roots: &[NodeId], naming: &[usize], format: Format) -> Formulas {
        let large =
            symdiff::print::is_large(&expr.graph().borrow(), roots, symdiff::print::TREE_LIMIT);
        let roots = if large {
            symdiff::factor::factor_common(&mut expr.graph().borrow_mut(), roots)
        } else {
            roots.to_vec()
        };
        let named: Vec<NodeId> = naming
            .iter()
            .filter_map(|&index| roots.get(index).copied())
            .collect();
        let steps = Definitions::steps(&expr.graph().borrow(), &named, expr.steps());
        let definitions = if large {
            Definitions::shared_with(&expr.graph().borrow(), &named, steps)
        } else {
            steps.used_in_print(&expr.graph().borrow(), &named)
        };
        let graph = expr.graph().borrow();
        match format {
            Format::Latex => Formulas {
                definitions: definitions_to_latex(&graph, &definitions),
                formulas: roots
                    .iter()
                    .map(|&root| to_latex_with(&graph, root, &definitions))
                    .collect(),
            },
            Format::Mathml => Formulas {
                definitions: definitions_to_mathml(&graph, &definitions),
                formulas: roots
                    .iter()
                    .map(|&root| symdiff::mathml::content_with(&graph, root, &definitions))
                    .collect(),
            },
            _ => Formulas {
                definitions: text_definitions(&graph, &definitions),
                formulas: roots
                    .iter()
                    .map(|&root| to_text_with(&graph, root, &definitions))
                    .collect(),
            },
        }
    }

    /// The definitions as one prefix `t1 = …; t2 = …;` that makes any formula
    /// a program the parser reads back.
    pub(crate) fn prefix(&self) -> String {
        self.definitions
            .iter()
            .map(|line| format!("{line};"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Definition lines (`t1 = …;`, `t_{1} = …` in LaTeX, one `<math>`
    /// element in MathML), each ending in a newline.
    pub(crate) fn definition_lines(&self, format: Format) -> String {
        let terminator = match format {
            Format::Latex | Format::Mathml => "",
            _ => ";",
        };
        self.definitions
            .iter()
            .map(|line| format!("{line}{terminator}\n"))
            .collect()
    }

    /// Adds `"definitions"` to a JSON object when there are any.
    pub(crate) fn add_json_definitions(&self, object: &mut serde_json::Map<String, Value>) {
        if !self.definitions.is_empty() {
            object.insert("definitions".to_owned(), Value::from(self.prefix()));
        }
    }
}

/// The definitions one per string (`t1 = …`), from `write_prefix`'s
/// `t1 = …; t2 = …; ` (a printed expression never contains `;`).
fn text_definitions(graph: &Graph, definitions: &Definitions) -> Vec<String> {
    if definitions.is_empty() {
        return Vec::new();
    }
    let mut prefix = String::new();
    definitions.write_prefix(graph, &mut prefix);
    prefix
        .split("; ")
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `label = formula` lines, after the definitions (in MathML, each line
/// one `<math>` element).
pub(crate) fn formula_lines(formulas: &Formulas, labels: &[String], format: Format) -> String {
    let mut out = formulas.definition_lines(format);
    for (label, formula) in labels.iter().zip(&formulas.formulas) {
        if format == Format::Mathml {
            out.push_str(&mathml_equation(label, formula));
            out.push('\n');
        } else {
            out.push_str(&format!("{label} = {formula}\n"));
        }
    }
    out
}

/// A warning about the values that are not finite, or `None` if all are.
pub(crate) fn non_finite_warning(
    labels: &[String],
    values: &[f64],
) -> Option<crate::diagnostics::Warning> {
    let values: Vec<String> = labels
        .iter()
        .zip(values)
        .filter(|(_, value)| !value.is_finite())
        .map(|(label, &value)| format!("{label} = {}", fmt_value(value)))
        .collect();
    (!values.is_empty()).then_some(crate::diagnostics::Warning::NotFinite { values })
}
