//! `#[derive_grad]` on functions of several outputs: each form of returning
//! them (an array literal, a tuple, a local array built in a loop, `return`,
//! branches on data), over four numbers, checked by one `check`: the
//! generated Jacobian agrees with the engine's Jacobian and with each
//! output's gradient of the same function written as expression strings (at
//! run time) to 1e-12, and each row with central differences;
//! `NAME_value_and_jacobian` gives the function's own values and the same
//! Jacobian to the bit.

#![allow(
    clippy::needless_range_loop,
    reason = "loops over indices are the forms under test"
)]

use symdiff::Expr;
use symdiff::check::{CheckOptions, check_gradient};
use symdiff_macros::derive_grad;

/// A Jacobian's rows, or the values with them.
type Rows = Vec<[f64; 4]>;

/// A form: the function over `x`, its generated Jacobian and values with
/// Jacobian (as rows of four), and one string per output over `a, b, c, d`
/// (= x[0], …, x[3]).
struct Form {
    name: &'static str,
    values: fn(&[f64; 4]) -> Vec<f64>,
    jacobian: fn(&[f64; 4]) -> Rows,
    values_and_jacobian: fn(&[f64; 4]) -> (Vec<f64>, Rows),
    sources: &'static [&'static str],
}

const NAMES: [&str; 4] = ["a", "b", "c", "d"];

const POINTS: [[f64; 4]; 4] = [
    [0.3, -0.7, 1.2, 0.5],
    [-1.1, 0.4, -0.2, 2.0],
    [0.9, 1.3, -0.5, -1.3],
    [1.7, 0.6, 0.8, 0.25],
];

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * (1.0 + a.abs().max(b.abs()))
}

fn check(form: &Form) {
    let outputs: Vec<Expr> = form
        .sources
        .iter()
        .map(|source| Expr::parse(source).expect("the string parses"))
        .collect();
    let engine_jacobian = Expr::jacobian(&outputs, &NAMES);
    let gradients: Vec<Vec<Expr>> = outputs
        .iter()
        .map(|output| output.gradient(&NAMES))
        .collect();
    for at in &POINTS {
        let point: Vec<(&str, f64)> = NAMES.iter().copied().zip(at.iter().copied()).collect();
        let eval = |expr: &Expr| expr.eval(&point).expect("evaluates");
        let values = (form.values)(at);
        let jacobian = (form.jacobian)(at);
        assert_eq!(values.len(), outputs.len(), "{}", form.name);
        assert_eq!(jacobian.len(), outputs.len(), "{}", form.name);
        for (row, output) in outputs.iter().enumerate() {
            let expected = eval(output);
            assert!(
                close(values[row], expected),
                "{} at {at:?}: output {row} is {}, string {expected}",
                form.name,
                values[row]
            );
            for col in 0..4 {
                let by_jacobian = eval(&engine_jacobian[row][col]);
                let by_gradient = eval(&gradients[row][col]);
                let got = jacobian[row][col];
                assert!(
                    close(got, by_jacobian) && close(got, by_gradient),
                    "{} at {at:?}: d{row}/d{} = {got}, engine Jacobian {by_jacobian}, \
                     gradient {by_gradient}",
                    form.name,
                    NAMES[col]
                );
            }
        }
        check_rows_by_differences(form, at);
        check_values_and_jacobian(form, at);
    }
}

/// Each row of the Jacobian is the gradient of its output, by central
/// differences.
fn check_rows_by_differences(form: &Form, at: &[f64; 4]) {
    let as_array = |v: &[f64]| [v[0], v[1], v[2], v[3]];
    for row in 0..(form.values)(at).len() {
        let report = check_gradient(
            |v: &[f64]| (form.values)(&as_array(v))[row],
            |v: &[f64]| (form.jacobian)(&as_array(v))[row],
            at,
            &CheckOptions::DEFAULT,
        )
        .expect("four entries");
        assert!(report.ok(), "{} row {row} at {at:?}:\n{report}", form.name);
    }
}

/// `NAME_value_and_jacobian` is the function's values and `NAME_jacobian`,
/// to the bit.
fn check_values_and_jacobian(form: &Form, at: &[f64; 4]) {
    let bits = |values: &[f64]| values.iter().map(|v| v.to_bits()).collect::<Vec<u64>>();
    let (values, jacobian) = (form.values_and_jacobian)(at);
    assert_eq!(bits(&values), bits(&(form.values)(at)), "{}", form.name);
    let expected = (form.jacobian)(at);
    for (got, expected) in jacobian.iter().zip(&expected) {
        assert_eq!(bits(got), bits(expected), "{} at {at:?}", form.name);
    }
}

#[derive_grad]
fn array_literal(x: &[f64; 4]) -> [f64; 3] {
    [x[0] * x[1], x[2].sin() + x[3], (x[0] - x[3]).powi(2)]
}

#[derive_grad]
fn tuple(a: f64, b: f64, c: f64, d: f64) -> (f64, f64) {
    let s = a + b;
    (s * c.exp(), d / (1.0 + s * s))
}

/// Four outputs of four inputs: one reverse sweep per output.
#[derive_grad]
fn local_array_in_a_loop(x: [f64; 4]) -> [f64; 4] {
    let mut out = [0.0; 4];
    for i in 0..4 {
        out[i] = x[i] * x[(i + 1) % 4];
        out[i] += sigmoid(x[i]);
    }
    out
}

/// Six outputs of four inputs: one forward sweep per input.
#[derive_grad]
fn more_outputs_than_inputs(x: &[f64; 4]) -> [f64; 6] {
    let mut pairs = [0.0; 6];
    let mut k = 0;
    for i in 0..4 {
        for j in i + 1..4 {
            pairs[k] = (x[i] * x[j]).tanh();
            k += 1;
        }
    }
    pairs
}

#[derive_grad]
#[allow(
    clippy::needless_return,
    reason = "a final `return` is a form under test"
)]
fn final_return(x: &[f64; 4]) -> (f64, f64) {
    let r = x.iter().map(|v| v * v).sum::<f64>();
    return (r.sqrt(), x[0].atan() * x[1]);
}

#[derive_grad]
fn branches_and_early_return(x: &[f64; 4]) -> [f64; 2] {
    if x[0] > 1.0 {
        return [x[0] * x[0], x[1]];
    }
    let mut out = [x[2], x[3]];
    if x[1] < 0.0 {
        out[0] = x[1] * x[2];
    }
    if x[3] > 0.0 {
        [out[0], out[1] * x[0]]
    } else {
        out
    }
}

#[test]
fn every_form_agrees_with_the_engine_and_central_differences() {
    let forms = [
        Form {
            name: "array literal",
            values: |x| array_literal(x).to_vec(),
            jacobian: |x| array_literal_jacobian(x).to_vec(),
            values_and_jacobian: |x| {
                let (values, jacobian) = array_literal_value_and_jacobian(x);
                (values.to_vec(), jacobian.to_vec())
            },
            sources: &["a*b", "sin(c) + d", "(a - d)^2"],
        },
        Form {
            name: "tuple",
            values: |x| {
                let (first, second) = tuple(x[0], x[1], x[2], x[3]);
                vec![first, second]
            },
            jacobian: |x| tuple_jacobian(x[0], x[1], x[2], x[3]).to_vec(),
            values_and_jacobian: |x| {
                let (values, jacobian) = tuple_value_and_jacobian(x[0], x[1], x[2], x[3]);
                (values.to_vec(), jacobian.to_vec())
            },
            sources: &["(a + b)*exp(c)", "d/(1 + (a + b)^2)"],
        },
        Form {
            name: "local array in a loop",
            values: |x| local_array_in_a_loop(*x).to_vec(),
            jacobian: |x| local_array_in_a_loop_jacobian(*x).to_vec(),
            values_and_jacobian: |x| {
                let (values, jacobian) = local_array_in_a_loop_value_and_jacobian(*x);
                (values.to_vec(), jacobian.to_vec())
            },
            sources: &[
                "a*b + sigmoid(a)",
                "b*c + sigmoid(b)",
                "c*d + sigmoid(c)",
                "d*a + sigmoid(d)",
            ],
        },
        Form {
            name: "more outputs than inputs",
            values: |x| more_outputs_than_inputs(x).to_vec(),
            jacobian: |x| more_outputs_than_inputs_jacobian(x).to_vec(),
            values_and_jacobian: |x| {
                let (values, jacobian) = more_outputs_than_inputs_value_and_jacobian(x);
                (values.to_vec(), jacobian.to_vec())
            },
            sources: &[
                "tanh(a*b)",
                "tanh(a*c)",
                "tanh(a*d)",
                "tanh(b*c)",
                "tanh(b*d)",
                "tanh(c*d)",
            ],
        },
        Form {
            name: "final return",
            values: |x| {
                let (first, second) = final_return(x);
                vec![first, second]
            },
            jacobian: |x| final_return_jacobian(x).to_vec(),
            values_and_jacobian: |x| {
                let (values, jacobian) = final_return_value_and_jacobian(x);
                (values.to_vec(), jacobian.to_vec())
            },
            sources: &["sqrt(a^2 + b^2 + c^2 + d^2)", "atan(a)*b"],
        },
        Form {
            name: "branches and early return",
            values: |x| branches_and_early_return(x).to_vec(),
            jacobian: |x| branches_and_early_return_jacobian(x).to_vec(),
            values_and_jacobian: |x| {
                let (values, jacobian) = branches_and_early_return_value_and_jacobian(x);
                (values.to_vec(), jacobian.to_vec())
            },
            sources: &[
                "where(a > 1, a^2, where(b < 0, b*c, c))",
                "where(a > 1, b, where(d > 0, d*a, d))",
            ],
        },
    ];
    for form in &forms {
        check(form);
    }
}

/// `wrt` picks the columns: the Jacobian over `w` only.
#[derive_grad(wrt(w))]
fn scaled(w: [f64; 2], x: f64) -> (f64, f64, f64) {
    (w[0] * x, w[1] * x, w[0] * w[1])
}

#[test]
fn wrt_picks_the_columns_of_the_jacobian() {
    let x = 3.0;
    let jacobian: [[f64; 2]; 3] = scaled_jacobian([2.0, 5.0], x);
    assert_eq!(jacobian, [[x, 0.0], [0.0, x], [5.0, 2.0]]);
    let (values, _) = scaled_value_and_jacobian([2.0, 5.0], x);
    assert_eq!(values, [6.0, 15.0, 10.0]);
    assert_eq!(scaled([2.0, 5.0], x), (6.0, 15.0, 10.0));
}
