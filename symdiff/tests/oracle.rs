//! Every case of the reference oracle (`data/oracle.jsonl`, computed by a
//! computer-algebra system at 50 digits): value, gradient and Hessian agree
//! within 1e-9 relative plus 1e-12 absolute, along every derivative path the
//! engine has (reverse gradient, forward `diff`, forward-over-reverse Hessian,
//! repeated `diff`), and through both evaluators (the DAG and the tape).
//! `data/oracle_where.jsonl` does the same for the piecewise node `where`, and
//! `data/oracle_functions.jsonl` for the functions added with the function
//! table.

use serde_json::Value;
use symdiff::Expr;

const VARS: [&str; 3] = ["x", "y", "z"];
const RTOL: f64 = 1e-9;
const ATOL: f64 = 1e-12;

struct Case {
    line: usize,
    expr: String,
    point: Vec<(&'static str, f64)>,
    value: f64,
    gradient: Vec<f64>,
    hessian: Vec<Vec<f64>>,
}

fn cases(jsonl: &str) -> Vec<Case> {
    jsonl
        .lines()
        .enumerate()
        .map(|(index, line)| {
            let json: Value = serde_json::from_str(line).expect("oracle line is JSON");
            let number = |value: &Value| value.as_f64().expect("oracle number");
            Case {
                line: index + 1,
                expr: json["expr"].as_str().expect("expr").to_owned(),
                point: VARS
                    .iter()
                    .map(|&var| (var, number(&json["point"][var])))
                    .collect(),
                value: number(&json["value"]),
                gradient: VARS.iter().map(|&var| number(&json["grad"][var])).collect(),
                hessian: (0..3)
                    .map(|i| (0..3).map(|j| number(&json["hessian"][i][j])).collect())
                    .collect(),
            }
        })
        .collect()
}

/// Compares one computed number with the oracle's, returning a description of
/// the mismatch if there is one.
fn compare(case: &Case, what: &str, computed: f64, expected: f64) -> Option<String> {
    let ok = (computed - expected).abs() <= ATOL + RTOL * expected.abs();
    (!ok).then(|| {
        format!(
            "line {} `{}`: {what} = {computed:e}, oracle {expected:e}",
            case.line, case.expr
        )
    })
}

/// Checks every derivative path of one case; returns its mismatches.
fn check(case: &Case) -> Vec<String> {
    let expr =
        Expr::parse(&case.expr).unwrap_or_else(|error| panic!("line {}: {error}", case.line));
    let eval = |e: &Expr| e.eval(&case.point).expect("all variables have values");
    let mut mismatches = Vec::new();
    mismatches.extend(compare(case, "value", eval(&expr), case.value));

    let reverse = expr.gradient(&VARS);
    let hessian = expr.hessian(&VARS);
    for (i, var) in VARS.iter().enumerate() {
        mismatches.extend(compare(
            case,
            &format!("reverse d/d{var}"),
            eval(&reverse[i]),
            case.gradient[i],
        ));
        let forward = expr.diff(var);
        mismatches.extend(compare(
            case,
            &format!("forward d/d{var}"),
            eval(&forward),
            case.gradient[i],
        ));
        for (j, other) in VARS.iter().enumerate() {
            let entry = eval(&hessian[i][j]);
            mismatches.extend(compare(
                case,
                &format!("hessian d2/d{var}d{other}"),
                entry,
                case.hessian[i][j],
            ));
            let repeated = eval(&forward.diff(other));
            mismatches.extend(compare(
                case,
                &format!("diff(diff) d2/d{var}d{other}"),
                repeated,
                case.hessian[i][j],
            ));
        }
    }

    // The products with a vector and the sparse Hessian, against the
    // oracle's gradient and Hessian.
    let direction = [1.0, -2.0, 0.5];
    let constants: Vec<Expr> = direction.iter().map(|&v| Expr::constant(v)).collect();
    let hvp = expr
        .hessian_vector(&VARS, &constants)
        .expect("one component per variable");
    let jvp = Expr::jacobian_vector(std::slice::from_ref(&expr), &VARS, &constants)
        .expect("one component per variable");
    let vjp = Expr::vector_jacobian(std::slice::from_ref(&expr), &constants[1..2], &VARS)
        .expect("one weight per expression");
    let dot = |row: &[f64]| row.iter().zip(direction).map(|(a, v)| a * v).sum::<f64>();
    for (i, var) in VARS.iter().enumerate() {
        mismatches.extend(compare(
            case,
            &format!("(H·v)_{var}"),
            eval(&hvp[i]),
            dot(&case.hessian[i]),
        ));
        mismatches.extend(compare(
            case,
            &format!("(uᵀJ)_{var}"),
            eval(&vjp[i]),
            -2.0 * case.gradient[i],
        ));
    }
    mismatches.extend(compare(case, "J·v", eval(&jvp[0]), dot(&case.gradient)));
    let sparse = expr.sparse_hessian(&VARS);
    for (row, col) in (0..3).flat_map(|row| (0..=row).map(move |col| (row, col))) {
        let stored = sparse.pattern.iter().position(|&entry| entry == (row, col));
        let entry = stored.map_or(0.0, |k| eval(&sparse.entries[k]));
        mismatches.extend(compare(
            case,
            &format!("sparse ({row}, {col})"),
            entry,
            case.hessian[row][col],
        ));
    }

    let mut outputs = vec![expr.clone()];
    outputs.extend(reverse.iter().cloned());
    outputs.extend(hessian.iter().flatten().cloned());
    let tape = Expr::compile(&outputs, &VARS).expect("compiles");
    let mut values = vec![0.0; outputs.len()];
    let inputs: Vec<f64> = case.point.iter().map(|&(_, value)| value).collect();
    tape.eval(&inputs, &mut values).expect("tape evaluates");
    let expected = std::iter::once(case.value)
        .chain(case.gradient.iter().copied())
        .chain(case.hessian.iter().flatten().copied());
    for (index, (computed, expected)) in values.iter().zip(expected).enumerate() {
        mismatches.extend(compare(
            case,
            &format!("tape output {index}"),
            *computed,
            expected,
        ));
    }
    mismatches
}

/// Checks every case of an oracle file, which must hold `count` of them.
fn check_file(text: &str, count: usize) {
    let cases = cases(text);
    assert_eq!(cases.len(), count, "the oracle file has {count} cases");
    let mismatches: Vec<String> = cases.iter().flat_map(check).collect();
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

#[test]
fn every_oracle_case_agrees_along_every_path() {
    check_file(include_str!("data/oracle.jsonl"), 300);
}

/// The piecewise node's cases (`data/oracle_where.py` wrote them with
/// SymPy's `Piecewise`): both branches of each `where`, the tie where it is
/// easy to hit exactly, and branches that are NaN where they are not taken.
#[test]
fn every_where_case_agrees_along_every_path() {
    check_file(include_str!("data/oracle_where.jsonl"), 52);
}

/// The cases of the functions added with the function table
/// (`data/oracle_functions.py` wrote them with SymPy): each function at
/// points on every branch, both sides of `elu`'s kink and the kink itself,
/// `log1p` near -1, cube roots of negative numbers and `atan2` in all four
/// quadrants.
#[test]
fn every_function_case_agrees_along_every_path() {
    check_file(include_str!("data/oracle_functions.jsonl"), 41);
}
