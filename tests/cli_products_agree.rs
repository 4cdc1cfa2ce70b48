//! The products agree with the dense results, through the command line at a
//! point, on every case of the suite (`symdiff/benches/data/suite.tsv`): each row of
//! `jacobian` with `grad` of its output, each entry of `hessian --sparse`
//! with the dense entry (and every entry of the lower triangle outside the
//! pattern is exactly 0), and `hvp` with the dense Hessian times the
//! direction.

use serde_json::Value;

fn suite() -> Vec<(&'static str, &'static str)> {
    include_str!("../symdiff/benches/data/suite.tsv")
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .collect()
}

/// `symdiff ARGS`, which must succeed, as JSON.
fn run_json(args: &[&str]) -> Value {
    let mut argv = vec!["symdiff"];
    argv.extend_from_slice(args);
    argv.extend(["--format", "json"]);
    let outcome = symdiff_cli::run(argv, &mut std::io::empty());
    assert_eq!(outcome.code, 0, "{args:?}: {}", outcome.stderr);
    serde_json::from_str(&outcome.stdout).expect("stdout is one JSON object")
}

/// The variables of `expr`, as `parse` lists them.
fn variables(expr: &str) -> Vec<String> {
    let json = run_json(&["parse", expr]);
    strings(&json["variables"])
}

fn strings(value: &Value) -> Vec<String> {
    let items = value.as_array().expect("an array");
    items
        .iter()
        .map(|item| item.as_str().expect("a string").to_owned())
        .collect()
}

fn numbers(value: &Value) -> Vec<f64> {
    let items = value.as_array().expect("an array");
    items.iter().map(number).collect()
}

fn number(value: &Value) -> f64 {
    match value {
        Value::Number(number) => number.as_f64().unwrap_or(f64::NAN),
        Value::String(text) => text.parse().unwrap_or(f64::NAN),
        _ => f64::NAN,
    }
}

fn matrix(value: &Value) -> Vec<Vec<f64>> {
    let rows = value.as_array().expect("rows");
    rows.iter().map(numbers).collect()
}

/// A point in (0.1, 1.1) for every variable, away from the kinks and the
/// poles of the suite.
fn point(vars: &[String]) -> String {
    let entries: Vec<String> = vars
        .iter()
        .enumerate()
        .map(|(index, var)| format!("{var}={}", 0.1 + ((index * 7919) % 100) as f64 / 100.0))
        .collect();
    entries.join(",")
}

/// Equal up to rounding, relative to `scale` (the size of the terms that
/// were summed).
fn close(a: f64, b: f64, scale: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + scale.abs())
}

#[test]
fn jacobian_rows_are_the_outputs_gradients() {
    // The cases without definitions (which would have to come first) as
    // outputs of one Jacobian.
    let all: Vec<&str> = suite()
        .iter()
        .map(|&(_, expr)| expr)
        .filter(|expr| !expr.contains('='))
        .collect();
    // Eleven outputs over many variables (a reverse sweep per output), and
    // four outputs over two variables (a forward sweep per variable).
    let lists = [all.join("; "), "sin(x*y); x^y; x/y; exp(x - y)".to_owned()];
    for outputs in &lists {
        let vars: Vec<String> = {
            let mut union: Vec<String> = Vec::new();
            for output in outputs.split(';') {
                for var in variables(output) {
                    if !union.contains(&var) {
                        union.push(var);
                    }
                }
            }
            union
        };
        let at = point(&vars);
        let wrt = vars.join(",");
        let jacobian = run_json(&["jacobian", outputs, "--wrt", &wrt, "--at", &at]);
        assert_eq!(strings(&jacobian["vars"]), vars);
        let rows = matrix(&jacobian["jacobian"]);
        let values = numbers(&jacobian["values"]);
        for (index, output) in outputs.split(';').enumerate() {
            let grad = run_json(&["grad", output, "--wrt", &wrt, "--at", &at]);
            let gradient = numbers(&grad["gradient"]);
            assert_eq!(rows[index].len(), gradient.len(), "{output}");
            assert!(
                close(values[index], number(&grad["value"]), 0.0),
                "{output}"
            );
            for (col, (&entry, &expected)) in rows[index].iter().zip(&gradient).enumerate() {
                assert!(
                    close(entry, expected, expected),
                    "{output}: ∂/∂{} {entry} vs {expected}",
                    vars[col]
                );
            }
        }
    }
}

#[test]
fn sparse_hessian_entries_are_the_dense_entries() {
    for (name, expr) in suite() {
        let at = point(&variables(expr));
        let dense = matrix(&run_json(&["hessian", expr, "--at", &at])["hessian"]);
        let sparse = run_json(&["hessian", expr, "--sparse", "--at", &at]);
        let rows = numbers(&sparse["rows"]);
        let cols = numbers(&sparse["cols"]);
        let values = numbers(&sparse["values"]);
        assert_eq!(strings(&sparse["formulas"]).len(), values.len(), "{name}");
        let pattern: Vec<(usize, usize)> = rows
            .iter()
            .zip(&cols)
            .map(|(&row, &col)| (row as usize, col as usize))
            .collect();
        assert!(
            pattern.windows(2).all(|pair| pair[0] < pair[1]),
            "{name}: row-major, each entry once"
        );
        for (&(row, col), &value) in pattern.iter().zip(&values) {
            assert!(
                row >= col,
                "{name}: ({row}, {col}) is in the lower triangle"
            );
            let expected = dense[row][col];
            assert!(
                close(value, expected, expected),
                "{name}: ({row}, {col}) {value} vs {expected}"
            );
        }
        for (row, dense_row) in dense.iter().enumerate() {
            for (col, &value) in dense_row.iter().enumerate().take(row + 1) {
                if !pattern.contains(&(row, col)) {
                    assert_eq!(value, 0.0, "{name}: ({row}, {col}) is outside the pattern");
                }
            }
        }
        let triangle = dense.len() * (dense.len() + 1) / 2;
        let density = number(&sparse["density"]);
        assert!(
            close(density, pattern.len() as f64 / triangle as f64, 0.0),
            "{name}"
        );
    }
}

#[test]
fn hvp_is_the_hessian_times_the_direction() {
    for (name, expr) in suite() {
        let vars = variables(expr);
        let at = point(&vars);
        // Integers from -3 to 3, zeros among them.
        let direction: Vec<f64> = (0..vars.len())
            .map(|index| ((index * 5) % 7) as f64 - 3.0)
            .collect();
        let dir: Vec<String> = direction.iter().map(|value| format!("{value}")).collect();
        let dense = matrix(&run_json(&["hessian", expr, "--at", &at])["hessian"]);
        let product =
            numbers(&run_json(&["hvp", expr, "--dir", &dir.join(","), "--at", &at])["values"]);
        assert_eq!(product.len(), vars.len(), "{name}");
        for (row, &value) in product.iter().enumerate() {
            let terms = dense[row].iter().zip(&direction).map(|(h, v)| h * v);
            let expected: f64 = terms.clone().sum();
            let scale: f64 = terms.map(f64::abs).sum();
            assert!(
                close(value, expected, scale),
                "{name}: (H·v)_{} {value} vs {expected}",
                vars[row]
            );
        }
        // By name, the direction along one variable is that column of H.
        let first = &vars[0];
        let by_name = run_json(&["hvp", expr, "--dir", &format!("{first}=1"), "--at", &at]);
        for (row, &value) in numbers(&by_name["values"]).iter().enumerate() {
            assert!(
                close(value, dense[row][0], dense[row][0]),
                "{name}: column 0, row {row}"
            );
        }
    }
}
