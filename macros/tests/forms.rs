//! Each form of ordinary Rust that `#[derive_grad]` accepts (issue 12), one
//! function per form over four numbers, checked by one `check`: its
//! generated gradient agrees with the same function written as an
//! expression string (the engine's gradient, at run time) to 1e-12, and with
//! central differences, at points on both sides of every branch.

#![allow(
    clippy::needless_range_loop,
    reason = "loops over indices are the forms under test"
)]

use symdiff::check::{CheckOptions, check_gradient};
use symdiff_macros::derive_grad;

/// A form: the function over `x`, its generated gradient, and the string
/// over `a, b, c, d` (= x[0], …, x[3]).
struct Form {
    name: &'static str,
    value: fn(&[f64; 4]) -> f64,
    gradient: fn(&[f64; 4]) -> [f64; 4],
    source: &'static str,
}

const POINTS: [[f64; 4]; 4] = [
    [0.3, -0.7, 1.2, 0.5],
    [-1.1, 0.4, -0.2, 2.0],
    [0.9, 1.3, -0.5, -1.3],
    [1.7, 0.6, 0.8, 0.25],
];

fn check(form: &Form) {
    let expr = symdiff::Expr::parse(form.source).expect("the string parses");
    let names = ["a", "b", "c", "d"];
    let gradient = expr.gradient(&names);
    for at in &POINTS {
        let point: Vec<(&str, f64)> = names.iter().copied().zip(at.iter().copied()).collect();
        let expected = expr.eval(&point).expect("evaluates");
        let value = (form.value)(at);
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * (1.0 + a.abs().max(b.abs()));
        assert!(
            close(value, expected),
            "{}: value {value}, string {expected}",
            form.name
        );
        let got = (form.gradient)(at);
        for (index, entry) in gradient.iter().enumerate() {
            let expected = entry.eval(&point).expect("evaluates");
            assert!(
                close(got[index], expected),
                "{} at {at:?}: d/d{} = {}, string {expected}",
                form.name,
                names[index],
                got[index]
            );
        }
        let report = check_gradient(
            |v: &[f64]| (form.value)(&[v[0], v[1], v[2], v[3]]),
            |v: &[f64]| (form.gradient)(&[v[0], v[1], v[2], v[3]]).to_vec(),
            at,
            &CheckOptions::DEFAULT,
        )
        .expect("four entries");
        assert!(report.ok(), "{} at {at:?}:\n{report}", form.name);
    }
}

#[derive_grad]
fn literal_range(x: &[f64; 4]) -> f64 {
    let mut total = 0.0;
    for i in 0..4 {
        total += x[i] * x[i];
    }
    total
}

#[derive_grad]
fn inclusive_reversed(x: &[f64; 4]) -> f64 {
    let mut acc = 0.0;
    for i in (0..=3).rev() {
        acc = acc * 0.5 + x[i];
    }
    acc
}

#[derive_grad]
fn const_and_len(x: &[f64; 4]) -> f64 {
    const N: usize = 4;
    let mut total = 0.0;
    for i in 0..N - 1 {
        total += (x[i + 1] - x[i]).powi(2);
    }
    total + x[x.len() - 1]
}

#[derive_grad]
fn nested_loops_and_local_array(x: &[f64; 4]) -> f64 {
    let mut h = [0.0; 2];
    for i in 0..2 {
        for j in 0..2 {
            h[i] += x[2 * i + j] * x[j];
        }
    }
    h[0] * h[1]
}

#[derive_grad]
#[allow(
    clippy::assign_op_pattern,
    reason = "plain reassignment is a form under test"
)]
fn compound_assignment(x: &[f64; 4]) -> f64 {
    let mut y = x[0];
    y -= x[1];
    y *= x[2];
    y /= 2.0;
    y = y + x[3];
    y
}

#[derive_grad]
fn iterators(x: &[f64; 4]) -> f64 {
    let total = x.iter().sum::<f64>();
    let squares: f64 = x.iter().map(|v| v * v).sum();
    let neighbours = x
        .iter()
        .zip(x.iter().skip(1))
        .map(|(p, q)| p * q)
        .sum::<f64>();
    let sines = x.iter().fold(0.0, |acc, v| acc + v.sin());
    total + squares + neighbours + sines + x.iter().product::<f64>()
}

#[derive_grad]
fn enumerate_and_cast(x: &[f64; 4]) -> f64 {
    x.iter()
        .enumerate()
        .map(|(i, v)| (i as f64 + 1.0) * v)
        .sum::<f64>()
}

#[derive_grad]
fn if_else_if_with_and_or(x: &[f64; 4]) -> f64 {
    if x[0] > 0.0 && x[1] > 0.0 {
        x[0] * x[1]
    } else if x[2] < 0.0 || x[3] < 0.0 {
        x[2] + x[3]
    } else {
        x[0] - x[1]
    }
}

#[derive_grad]
fn if_statement_and_early_return(x: &[f64; 4]) -> f64 {
    let mut s = x[0];
    if x[1] > s {
        s = x[1];
    }
    if s > 1.0 {
        return s * s;
    }
    s + x[2]
}

#[derive_grad]
fn clamp_max_min(x: &[f64; 4]) -> f64 {
    x[0].clamp(-0.5, 0.5) + x[1].max(x[2]) + f64::min(x[2], x[3])
}

#[derive_grad]
fn branches_on_loop_indices(x: &[f64; 4]) -> f64 {
    let mut acc = 0.0;
    for i in 0..4 {
        for j in 0..4 {
            if i == j {
                acc += x[i] * x[j];
            } else if i < j {
                acc += 0.5 * x[i] * x[j];
            }
        }
    }
    acc
}

#[derive_grad]
fn matrix(m: &[[f64; 2]; 2]) -> f64 {
    m[0][0] * m[1][1] - m[0][1] * m[1][0]
}

fn as_matrix(x: &[f64; 4]) -> [[f64; 2]; 2] {
    [[x[0], x[1]], [x[2], x[3]]]
}

#[test]
fn every_form_agrees_with_its_string_and_central_differences() {
    let forms = [
        Form {
            name: "literal range",
            value: literal_range,
            gradient: literal_range_grad,
            source: "a^2 + b^2 + c^2 + d^2",
        },
        Form {
            name: "..= and rev",
            value: inclusive_reversed,
            gradient: inclusive_reversed_grad,
            source: "((d/2 + c)/2 + b)/2 + a",
        },
        Form {
            name: "const N and len",
            value: const_and_len,
            gradient: const_and_len_grad,
            source: "(b - a)^2 + (c - b)^2 + (d - c)^2 + d",
        },
        Form {
            name: "nested loops, local array",
            value: nested_loops_and_local_array,
            gradient: nested_loops_and_local_array_grad,
            source: "(a^2 + b^2)*(c*a + d*b)",
        },
        Form {
            name: "compound assignment",
            value: compound_assignment,
            gradient: compound_assignment_grad,
            source: "(a - b)*c/2 + d",
        },
        Form {
            name: "iterators",
            value: iterators,
            gradient: iterators_grad,
            source: "a + b + c + d + a^2 + b^2 + c^2 + d^2 + a*b + b*c + c*d \
                     + sin(a) + sin(b) + sin(c) + sin(d) + a*b*c*d",
        },
        Form {
            name: "enumerate and as f64",
            value: enumerate_and_cast,
            gradient: enumerate_and_cast_grad,
            source: "a + 2*b + 3*c + 4*d",
        },
        Form {
            name: "if, else if, && and ||",
            value: if_else_if_with_and_or,
            gradient: if_else_if_with_and_or_grad,
            source: "r = where(c < 0, c + d, where(d < 0, c + d, a - b)); \
                     where(a > 0, where(b > 0, a*b, r), r)",
        },
        Form {
            name: "if statement and early return",
            value: if_statement_and_early_return,
            gradient: if_statement_and_early_return_grad,
            source: "s = where(b > a, b, a); where(s > 1, s^2, s + c)",
        },
        Form {
            name: "clamp, max, min",
            value: clamp_max_min,
            gradient: clamp_max_min_grad,
            source: "where(a < -1/2, -1/2, where(1/2 < a, 1/2, a)) + max(b, c) + min(c, d)",
        },
        Form {
            name: "branches on loop indices",
            value: branches_on_loop_indices,
            gradient: branches_on_loop_indices_grad,
            source: "a^2 + b^2 + c^2 + d^2 + (a*b + a*c + a*d + b*c + b*d + c*d)/2",
        },
        Form {
            name: "2-D array",
            value: |x| matrix(&as_matrix(x)),
            gradient: |x| matrix_grad(&as_matrix(x)),
            source: "a*d - b*c",
        },
    ];
    for form in &forms {
        check(form);
    }
}

/// `value_and_grad`'s value is the function's own, loops and branches
/// included; the Hessian of a loop is symmetric.
#[test]
fn value_and_grad_and_hessian_of_loops() {
    for at in &POINTS {
        let (value, gradient) = if_statement_and_early_return_value_and_grad(at);
        assert_eq!(value.to_bits(), if_statement_and_early_return(at).to_bits());
        assert_eq!(gradient, if_statement_and_early_return_grad(at));
        let (value, _) = hessian_of_a_loop_value_and_grad(at);
        assert_eq!(value.to_bits(), hessian_of_a_loop(at).to_bits());
        let hessian = hessian_of_a_loop_hessian(at);
        for i in 0..4 {
            for j in 0..4 {
                assert_eq!(hessian[i][j], hessian[j][i]);
            }
        }
    }
}

#[derive_grad(hessian)]
fn hessian_of_a_loop(x: &[f64; 4]) -> f64 {
    let mut product = 1.0;
    for v in x {
        product *= 1.0 + v * v;
    }
    product.ln()
}
