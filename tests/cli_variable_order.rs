//! Printed derivatives do not depend on the order the variables are asked
//! for in (issue 8): each gradient and Hessian entry prints the same, and so
//! do the named steps and shared subexpressions (`t1 = …`) above them, for
//! sorted, reversed, first-appearance and dealt `--wrt` orders.

use serde_json::Value;
use std::collections::BTreeMap;

/// What `symdiff COMMAND SOURCE --format json [--wrt ORDER]` printed: its
/// definitions, its variables, and each entry keyed by its variables'
/// names, sorted (a Hessian's upper triangle; a Jacobian's output first).
struct Printed {
    definitions: String,
    vars: Vec<String>,
    entries: BTreeMap<Vec<String>, String>,
}

fn printed(command: &str, source: &str, wrt: Option<&[String]>) -> Printed {
    let mut args = vec![command, source, "--format", "json"];
    let order = wrt.map(|names| names.join(","));
    if let Some(order) = &order {
        args.extend(["--wrt", order]);
    }
    let mut argv = vec!["symdiff"];
    argv.extend_from_slice(&args);
    let outcome = symdiff_cli::run(argv, &mut "".as_bytes());
    assert_eq!(outcome.code, 0, "{args:?}: {}", outcome.stderr);
    let json: Value = serde_json::from_str(&outcome.stdout).expect("JSON");
    let vars: Vec<String> = json["vars"]
        .as_array()
        .expect("vars")
        .iter()
        .map(|var| var.as_str().expect("a name").to_owned())
        .collect();
    let text = |value: &Value| value.as_str().expect("a formula").to_owned();
    let mut entries = BTreeMap::new();
    for (row, formulas) in json["formulas"]
        .as_array()
        .expect("formulas")
        .iter()
        .enumerate()
    {
        match formulas.as_array() {
            // A Jacobian's rows are its outputs.
            Some(row_formulas) if command == "jacobian" => {
                for (col, formula) in row_formulas.iter().enumerate() {
                    entries.insert(
                        vec![format!("output {row}"), vars[col].clone()],
                        text(formula),
                    );
                }
            }
            Some(row_formulas) => {
                for (col, formula) in row_formulas.iter().enumerate().skip(row) {
                    let mut pair = vec![vars[row].clone(), vars[col].clone()];
                    pair.sort();
                    entries.insert(pair, text(formula));
                }
            }
            None => {
                entries.insert(vec![vars[row].clone()], text(formulas));
            }
        }
    }
    Printed {
        definitions: json["definitions"].as_str().unwrap_or_default().to_owned(),
        vars,
        entries,
    }
}

/// Every other name, then the rest: an order that is none of the others.
fn dealt(names: &[String]) -> Vec<String> {
    let odd = names.iter().skip(1).step_by(2);
    let even = names.iter().step_by(2);
    odd.chain(even).cloned().collect()
}

fn check_any_order(command: &str, source: &str) {
    let first_appearance = printed(command, source, None).vars;
    let mut sorted = first_appearance.clone();
    sorted.sort();
    let reference = printed(command, source, Some(&sorted));
    let reversed: Vec<String> = sorted.iter().rev().cloned().collect();
    for order in [first_appearance, reversed, dealt(&sorted)] {
        let other = printed(command, source, Some(&order));
        assert_eq!(
            other.definitions, reference.definitions,
            "{command} {source} --wrt {order:?}: the definitions differ"
        );
        assert_eq!(
            other.entries, reference.entries,
            "{command} {source} --wrt {order:?}: an entry differs"
        );
    }
}

/// Programs whose derivatives print with named steps or shared
/// subexpressions, where the names' numbering could follow the order.
const PROGRAMS: &[&str] = &[
    "s1 = tanh(w*x + b); s2 = tanh(w*s1 + b); s2",
    "s1 = tanh(w*x + u*x + b); s2 = tanh(w*s1 + u*x + b); s3 = tanh(w*s2 + u*x + b); s3^2",
    "z = w*x + b; y = sigmoid(z); (y - t)^2",
    "1/((y + z)*x*y*z*log(3))",
];

#[test]
fn entries_print_the_same_in_any_variable_order() {
    let suite = include_str!("../symdiff/benches/data/suite.tsv");
    let cases = suite.lines().filter_map(|line| {
        let (name, source) = line.split_once('\t')?;
        // The same shapes as rosen10 and mlp4, at a test build's cost.
        (!matches!(name, "rosen100" | "mlp16" | "deepmlp8")).then_some(source)
    });
    for source in cases.chain(PROGRAMS.iter().copied()) {
        check_any_order("grad", source);
        check_any_order("hessian", source);
        check_any_order("jacobian", source);
    }
}
