//! Checks that every entry of the function table passes, whatever the
//! function: so a new function is checked by being declared. Its partial
//! derivatives agree with central differences of its own value, its exact
//! folds with its IEEE value, and it has its own documentation, LaTeX and
//! Rust (none left at the table's defaults).

use symdiff::Expr;
use symdiff::func::{Eval, Func, LatexForm};
use symdiff::graph::Graph;
use symdiff::number::Number;

/// Points away from every kink and tie, inside every domain (`acos`,
/// `log1p`, a logarithm's base other than 1): argument `index` of point
/// `k` is `BASES[k] + index/4`.
const BASES: [f64; 3] = [0.3, 0.55, 2.2];

fn point(func: Func, base: f64) -> Vec<(&'static str, f64)> {
    func.info()
        .params
        .iter()
        .enumerate()
        .map(|(index, &name)| (name, base + index as f64 / 4.0))
        .collect()
}

#[test]
fn every_partial_agrees_with_central_differences() {
    let mut failures = Vec::new();
    for &func in Func::CALLABLE {
        let info = func.info();
        let text = format!("{}({})", info.name, info.params.join(", "));
        let expr = Expr::parse(&text).expect("every function parses by its name");
        for base in BASES {
            let at = point(func, base);
            for (index, &(name, value)) in at.iter().enumerate() {
                let analytic = expr.diff(name).eval(&at).expect("values for all");
                let h = 1e-6 * value.abs().max(1.0);
                let shifted = |delta: f64| {
                    let mut moved = at.clone();
                    moved[index].1 = value + delta;
                    expr.eval(&moved).expect("values for all")
                };
                let numeric = (shifted(h) - shifted(-h)) / (2.0 * h);
                if (analytic - numeric).abs() > 1e-6 * (1.0 + numeric.abs()) {
                    failures.push(format!(
                        "d/d{name} {text} at {at:?}: {analytic} against {numeric}"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Exact numbers at which the folds are tried: zeros, ones, a perfect cube
/// and square, fractions, negatives.
const EXACT: [(i64, i64); 7] = [(0, 1), (1, 1), (-8, 1), (4, 1), (1, 2), (-3, 4), (27, 8)];

#[test]
fn every_exact_fold_is_the_ieee_value() {
    let mut failures = Vec::new();
    for &func in Func::CALLABLE {
        let info = func.info();
        let arity = info.params.len();
        for first in EXACT {
            for second in EXACT.iter().take(if arity == 2 { EXACT.len() } else { 1 }) {
                let numbers: Vec<Number> = [first, *second][..arity]
                    .iter()
                    .map(|&(numer, denom)| Number::ratio(numer, denom))
                    .collect();
                let floats: Vec<f64> = numbers.iter().map(|number| number.to_f64()).collect();
                let value = func.eval(&floats);
                let Some(exact) = (info.fold)(&numbers).filter(|_| value.is_finite()) else {
                    continue;
                };
                let exact = exact.to_f64();
                if (exact - value).abs() > 1e-15 * value.abs() {
                    failures.push(format!(
                        "{}{floats:?}: folds to {exact}, is {value}",
                        info.name
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_function_has_its_own_documentation_latex_and_rust() {
    for &func in Func::CALLABLE {
        let info = func.info();
        assert!(!info.doc.is_empty(), "{}: documentation", info.name);
        assert_ne!(info.latex, LatexForm::Operator(""), "{}: LaTeX", info.name);
        assert_ne!(info.rust, "$F::NAN", "{}: Rust", info.name);
        let arity = match info.eval {
            Eval::Unary(_) => 1,
            Eval::Binary(_) => 2,
            Eval::Select(_) => 4,
        };
        assert_eq!(arity, info.params.len(), "{}: arity", info.name);
        let names: Vec<String> = (0..arity).map(|index| format!("a{index}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let rust = func.rust_expr(&names);
        for name in &names {
            assert!(rust.contains(name), "{}: Rust reads {name}", info.name);
        }
    }
}

/// Building a call checks its arity for every function.
#[test]
fn every_function_refuses_the_wrong_number_of_arguments() {
    let mut graph = Graph::new();
    let x = graph.var("x");
    for &func in Func::CALLABLE {
        let args = vec![x; func.arity() + 1];
        assert!(graph.try_call(func, &args).is_err(), "{func}");
        assert!(
            graph.try_call(func, &args[..func.arity()]).is_ok(),
            "{func}"
        );
    }
}
