//! Presentation MathML printing: the layout shared with the plain-text and
//! LaTeX printers (`layout.rs` decides term order, signs, the split of a
//! product into numerator and denominator, and grouping), spelled in MathML
//! elements, which browsers and notebooks render natively.
//!
//! The spelling, chosen once here:
//! - Each formula is one `<math>` element; numbers are `<mn>`, names and
//!   constants `<mi>`, operators and parentheses `<mo>`.
//! - A quotient is `<mfrac>`, a power `<msup>`, `sqrt(u)` is `<msqrt>`,
//!   `abs(u)` is `|u|`; each part of a fraction or power is an `<mrow>`.
//! - A function is its name from the function table, as `<mi>`, then the
//!   invisible function application `&#x2061;`, then its arguments in
//!   parentheses: `<mi>sin</mi><mo>&#x2061;</mo>`.
//! - Factors are joined by the invisible times `&#x2062;`, or by a visible
//!   `⋅` before a factor that starts with a number or a sign, where
//!   juxtaposition would merge the numbers.
//! - Names are spelled as in LaTeX: a Greek letter's name is the letter,
//!   trailing digits and the part after an underscore are a subscript
//!   (`x1` is `<msub><mi>x</mi><mn>1</mn></msub>`).
//! - `<`, `>` and `&` in text are escaped (`where`'s comparisons are
//!   `&lt;` and `≤`), so that every formula is well-formed XML.

use crate::func::{Comparison, Func, LatexForm};
use crate::graph::{Constant, Graph, NodeId};
use crate::layout::{self, Precedence, Syntax};
use crate::number::Number;
use crate::print::{Definitions, TREE_LIMIT};
use std::fmt::Write;

/// The `<math>` element's opening tag, with the MathML namespace.
const MATH_OPEN: &str = "<math xmlns=\"http://www.w3.org/1998/Math/MathML\">";

/// Prints `root` as one `<math>` element; a formula larger than
/// [`TREE_LIMIT`] as a tree first defines its shared subexpressions, `t₁ =
/// … ; …`, and then uses their names.
pub fn to_mathml(graph: &Graph, root: NodeId) -> String {
    let definitions = Definitions::when_large(graph, &[root], TREE_LIMIT);
    let mut parts = definitions_content(graph, &definitions);
    parts.push(content_with(graph, root, &definitions));
    math(&parts.join("<mo>;</mo>"))
}

/// Prints `root` as one `<math>` element, using the names in `definitions`
/// for the nodes they name.
pub fn to_mathml_with(graph: &Graph, root: NodeId, definitions: &Definitions) -> String {
    math(&content_with(graph, root, definitions))
}

/// The content of `root`'s `<math>` element (without it), to be joined with
/// a label: `<mi>x</mi><mo>+</mo><mn>1</mn>`.
pub fn content_with(graph: &Graph, root: NodeId, definitions: &Definitions) -> String {
    let mut out = String::new();
    layout::write_expression::<MathMl>(&mut out, graph, definitions, root);
    out
}

/// The definitions as `<math>` elements `t₁ = …`, one per named node, in
/// definition order (each uses only names defined before it).
pub fn definitions_to_mathml(graph: &Graph, definitions: &Definitions) -> Vec<String> {
    definitions_content(graph, definitions)
        .iter()
        .map(|content| math(content))
        .collect()
}

/// The definitions' contents `t₁ = …`, without `<math>` elements.
fn definitions_content(graph: &Graph, definitions: &Definitions) -> Vec<String> {
    definitions
        .order
        .iter()
        .filter_map(|&node| {
            let mut out = String::new();
            layout::write_definition::<MathMl>(&mut out, graph, definitions, node).then_some(out)
        })
        .collect()
}

/// Wraps MathML content (such as a label and a formula) in one `<math>`
/// element.
pub fn math(content: &str) -> String {
    format!("{MATH_OPEN}{content}</math>")
}

/// A variable's or definition's name as MathML (see the module
/// documentation).
pub fn mathml_name(name: &str) -> String {
    if let Some((stem, rest)) = name.split_once('_')
        && !stem.is_empty()
        && !rest.is_empty()
    {
        return format!("<msub>{}{}</msub>", stem_mathml(stem), subscript(rest));
    }
    let stem_len = name.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if stem_len > 0 && stem_len < name.len() {
        return format!(
            "<msub>{}<mn>{}</mn></msub>",
            stem_mathml(&name[..stem_len]),
            &name[stem_len..]
        );
    }
    stem_mathml(name)
}

fn subscript(text: &str) -> String {
    if text.chars().all(|c| c.is_ascii_digit()) {
        format!("<mn>{text}</mn>")
    } else {
        mathml_name(text)
    }
}

/// The Greek letters by name, as `latex.rs` knows them, with their symbols.
const GREEK: &[(&str, char)] = &[
    ("alpha", 'α'),
    ("beta", 'β'),
    ("gamma", 'γ'),
    ("delta", 'δ'),
    ("epsilon", 'ε'),
    ("zeta", 'ζ'),
    ("eta", 'η'),
    ("theta", 'θ'),
    ("iota", 'ι'),
    ("kappa", 'κ'),
    ("lambda", 'λ'),
    ("mu", 'μ'),
    ("nu", 'ν'),
    ("xi", 'ξ'),
    ("rho", 'ρ'),
    ("sigma", 'σ'),
    ("tau", 'τ'),
    ("upsilon", 'υ'),
    ("phi", 'φ'),
    ("chi", 'χ'),
    ("psi", 'ψ'),
    ("omega", 'ω'),
    ("Gamma", 'Γ'),
    ("Delta", 'Δ'),
    ("Theta", 'Θ'),
    ("Lambda", 'Λ'),
    ("Xi", 'Ξ'),
    ("Sigma", 'Σ'),
    ("Upsilon", 'Υ'),
    ("Phi", 'Φ'),
    ("Psi", 'Ψ'),
    ("Omega", 'Ω'),
];

fn stem_mathml(stem: &str) -> String {
    match GREEK.iter().find(|(name, _)| *name == stem) {
        Some((_, letter)) => format!("<mi>{letter}</mi>"),
        None => format!("<mi>{}</mi>", escape(stem)),
    }
}

/// Text with `&`, `<` and `>` escaped for XML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Presentation MathML: `<mn>2</mn><mo>&#x2062;</mo><mi>x</mi>`,
/// `<msup>`, `<mfrac>`, `<mo>(</mo> … <mo>)</mo>`.
struct MathMl;

impl Syntax for MathMl {
    const GROUP: [&'static str; 2] = ["<mrow><mo>(</mo>", "<mo>)</mo></mrow>"];
    const POWER: [&'static str; 2] = ["</mrow><mrow>", "</mrow></msup>"];
    const POWER_BEFORE: &'static str = "<msup><mrow>";
    const EXPONENT_GROUPS: bool = true;
    const QUOTIENT: [&'static str; 3] = ["<mfrac><mrow>", "</mrow><mrow>", "</mrow></mfrac>"];
    const QUOTIENT_GROUPS: bool = true;
    // A fraction needs parentheses only as the base of a power.
    const RATIO_PRECEDENCE: Precedence = Precedence::Power;
    const ZERO_POWER_IS_INFINITY: bool = false;
    const DEFINITION_KEEPS_POWER: bool = false;
    const SIGNS: [&'static str; 3] = ["<mo>-</mo>", "<mo>-</mo>", "<mo>+</mo>"];
    const EQUALS: &'static str = "<mo>=</mo>";
    const ARGUMENT_SEPARATOR: &'static str = "<mo>,</mo>";

    fn write_number(out: &mut String, number: Number) {
        match number {
            Number::Rational { numer, denom: 1 } if numer < 0 => {
                let _ = write!(out, "<mo>-</mo><mn>{}</mn>", numer.unsigned_abs());
            }
            Number::Rational { numer, denom: 1 } => {
                let _ = write!(out, "<mn>{numer}</mn>");
            }
            Number::Rational { numer, denom } => {
                let sign = if numer < 0 { "<mo>-</mo>" } else { "" };
                let _ = write!(
                    out,
                    "{sign}<mfrac><mn>{}</mn><mn>{denom}</mn></mfrac>",
                    numer.unsigned_abs()
                );
            }
            Number::Big(_) => match number.numer_denom() {
                Some((numer, denom)) if !denom.is_one() => {
                    let sign = if numer.is_negative() {
                        "<mo>-</mo>"
                    } else {
                        ""
                    };
                    let _ = write!(
                        out,
                        "{sign}<mfrac><mn>{}</mn><mn>{denom}</mn></mfrac>",
                        numer.abs()
                    );
                }
                _ if number.is_negative() => {
                    let _ = write!(out, "<mo>-</mo><mn>{}</mn>", -number);
                }
                _ => {
                    let _ = write!(out, "<mn>{number}</mn>");
                }
            },
            Number::Float(value) => write_float(out, value),
        }
    }

    fn write_name(out: &mut String, name: &str) {
        out.push_str(&mathml_name(name));
    }

    fn constant(constant: Constant) -> &'static str {
        match constant {
            Constant::Pi => "<mi>π</mi>",
            Constant::E => "<mi>e</mi>",
        }
    }

    fn comparison(comparison: Comparison) -> &'static str {
        match comparison {
            Comparison::Less => "<mo>&lt;</mo>",
            Comparison::LessEq => "<mo>≤</mo>",
        }
    }

    /// `sqrt(u)` is `<msqrt>`, `abs(u)` is `|u|`, any other function its
    /// name from the function table before its arguments in parentheses.
    fn call(func: Func) -> [&'static str; 3] {
        match func.info().latex {
            LatexForm::Root => ["", "<msqrt>", "</msqrt>"],
            LatexForm::Bars => ["", "<mrow><mo>|</mo>", "<mo>|</mo></mrow>"],
            LatexForm::Operator(_) | LatexForm::Subscripted(_) => {
                ["", "<mrow><mo>(</mo>", "<mo>)</mo></mrow>"]
            }
        }
    }

    fn write_function_name(out: &mut String, func: Func) {
        if let LatexForm::Operator(_) | LatexForm::Subscripted(_) = func.info().latex {
            let _ = write!(
                out,
                "<mi>{}</mi><mo>&#x2061;</mo>",
                escape(func.info().name)
            );
        }
    }

    /// The invisible times, or a visible `⋅` before a factor that starts
    /// with a number or a sign, where juxtaposition would merge the numbers.
    fn factor_separator(next_factor: &str) -> &'static str {
        let mut first = next_factor;
        while let Some(rest) = first
            .strip_prefix("<msup>")
            .or_else(|| first.strip_prefix("<mrow>"))
            .or_else(|| first.strip_prefix("<mfrac>"))
        {
            first = rest;
        }
        if first.starts_with("<mn>") || first.starts_with("<mo>-</mo>") {
            "<mo>⋅</mo>"
        } else {
            "<mo>&#x2062;</mo>"
        }
    }
}

/// A float as MathML: `<mn>0.5</mn>`, `1.5⋅10⁻⁷` as a power of 10,
/// `<mi>∞</mi>`, `<mi>NaN</mi>`.
pub fn write_float(out: &mut String, value: f64) {
    if value.is_nan() {
        out.push_str("<mi>NaN</mi>");
        return;
    }
    if value.is_sign_negative() && value != 0.0 {
        out.push_str("<mo>-</mo>");
    }
    let magnitude = value.abs();
    if magnitude.is_infinite() {
        out.push_str("<mi>∞</mi>");
    } else if magnitude != 0.0 && !(1e-5..1e16).contains(&magnitude) {
        let text = format!("{magnitude:e}");
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        let exponent = match exponent.strip_prefix('-') {
            Some(digits) => format!("<mrow><mo>-</mo><mn>{digits}</mn></mrow>"),
            None => format!("<mn>{exponent}</mn>"),
        };
        let _ = write!(
            out,
            "<mn>{mantissa}</mn><mo>⋅</mo><msup><mn>10</mn>{exponent}</msup>"
        );
    } else {
        let _ = write!(out, "<mn>{magnitude}</mn>");
    }
}
