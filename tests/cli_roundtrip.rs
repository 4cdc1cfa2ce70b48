//! Printed formulas read back: every formula of the JSON output, prefixed
//! with the output's definitions, parses and evaluates to the value the
//! command printed. The mlp16 Hessian (102 variables) stays small because
//! shared subexpressions are printed once, by name.

use serde_json::Value;
use symdiff::Expr;

fn run_json(args: &[&str]) -> Value {
    let mut argv = vec!["symdiff"];
    argv.extend_from_slice(args);
    let outcome = symdiff_cli::run(argv, &mut std::io::empty());
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    serde_json::from_str(&outcome.stdout).expect("stdout is one JSON object")
}

fn suite(name: &str) -> String {
    include_str!("../symdiff/benches/data/suite.tsv")
        .lines()
        .find_map(|line| {
            line.strip_prefix(name)?
                .strip_prefix('\t')
                .map(str::to_owned)
        })
        .expect("the suite has the expression")
}

fn as_f64(value: &Value) -> f64 {
    match value {
        Value::Number(number) => number.as_f64().unwrap_or(f64::NAN),
        Value::String(text) => text.parse().unwrap_or(f64::NAN),
        _ => f64::NAN,
    }
}

/// Evaluates `definitions formula` at `point`.
fn eval_printed(definitions: &str, formula: &str, point: &[(&str, f64)]) -> f64 {
    let program = format!("{definitions} {formula}");
    let expr = Expr::parse(&program).unwrap_or_else(|error| panic!("{program:.200}\n{error}"));
    expr.eval(point).expect("every variable has a value")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
}

#[test]
fn neuron_gradient_reads_back() {
    let point = [("w", 0.5), ("b", 0.1), ("x", 2.0), ("t", 0.8)];
    let json = run_json(&[
        "grad",
        "(sigmoid(w*x + b) - t)^2",
        "--at",
        "w=0.5,b=0.1,x=2,t=0.8",
        "--format",
        "json",
    ]);
    let formulas = json["formulas"].as_array().expect("formulas");
    let gradient = json["gradient"].as_array().expect("gradient");
    for (formula, value) in formulas.iter().zip(gradient) {
        let printed = eval_printed("", formula.as_str().expect("text"), &point);
        assert!(
            close(printed, as_f64(value)),
            "{formula}: {printed} vs {value}"
        );
    }
}

#[test]
fn neuron_hessian_reads_back_with_its_definitions() {
    let point = [("w", 0.5), ("b", 0.1), ("x", 2.0), ("t", 0.8)];
    let json = run_json(&[
        "hessian",
        "(sigmoid(w*x + b) - t)^2",
        "--at",
        "w=0.5,b=0.1,x=2,t=0.8",
        "--format",
        "json",
    ]);
    let definitions = json["definitions"].as_str().expect("definitions");
    let rows = json["formulas"].as_array().expect("formulas");
    assert_eq!(rows.len(), 4);
    for (row, formulas) in rows.iter().enumerate() {
        for (col, formula) in formulas.as_array().expect("a row").iter().enumerate() {
            let printed = eval_printed(definitions, formula.as_str().expect("text"), &point);
            let value = as_f64(&json["hessian"][row][col]);
            assert!(
                close(printed, value),
                "[{row}][{col}] {formula}: {printed} vs {value}"
            );
        }
    }
}

#[test]
fn mlp16_hessian_is_small_and_reads_back() {
    let expr = suite("mlp16");
    let parsed = Expr::parse(&expr).expect("mlp16 parses");
    let names = parsed.variables();
    assert_eq!(names.len(), 102);
    let point: Vec<(String, f64)> = names
        .iter()
        .enumerate()
        .map(|(index, name)| (name.clone(), ((index * 7919) % 200) as f64 / 100.0 - 1.0))
        .collect();
    let at: Vec<String> = point
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect();
    let at = at.join(",");

    let mut argv = vec![
        "symdiff",
        "hessian",
        expr.as_str(),
        "--format",
        "json",
        "--at",
        at.as_str(),
    ];
    let outcome = symdiff_cli::run(argv.clone(), &mut std::io::empty());
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let json: Value = serde_json::from_str(&outcome.stdout).expect("JSON");
    let definitions = json["definitions"]
        .as_str()
        .expect("large results name shared subexpressions");
    let formulas_size = definitions.len() + json["formulas"].to_string().len();
    assert!(formulas_size < 900_000, "formulas of {formulas_size} bytes");
    let point_refs: Vec<(&str, f64)> = point
        .iter()
        .map(|(name, value)| (name.as_str(), *value))
        .collect();
    for (row, col) in [(0, 0), (0, 101), (17, 42), (101, 101), (55, 3)] {
        let formula = json["formulas"][row][col].as_str().expect("a formula");
        let printed = eval_printed(definitions, formula, &point_refs);
        let value = as_f64(&json["hessian"][row][col]);
        assert!(close(printed, value), "[{row}][{col}] {printed} vs {value}");
    }

    argv.truncate(3);
    let text = symdiff_cli::run(argv, &mut std::io::empty());
    assert_eq!(text.code, 0);
    assert!(
        text.stdout.len() < 800_000,
        "text of {} bytes",
        text.stdout.len()
    );
}
