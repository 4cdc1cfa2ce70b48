//! Every case of the benchmark suite (`symdiff/benches/data/suite.tsv`), compiled by the
//! macros and run: the generated gradients agree with central differences
//! (`symdiff::check`) and with the engine's run-time evaluation, as `grad!`
//! strings and as `#[derive_grad]` functions; Hessians likewise. The loop
//! versions of rosen100, mlp4 and mlp16 and an `if`-based Huber loss
//! (`loops.rs`) agree with the strings to 1e-12.

#[rustfmt::skip]
mod generated;
mod handwritten;
mod loops;

use symdiff::check::{CheckOptions, check_gradient, check_hessian};

/// A reproducible point with coordinates in [0.2, 1.2): inside every
/// function's domain and away from kinks.
fn point(n_vars: usize, seed: u64) -> Vec<f64> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n_vars)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            0.2 + (state >> 11) as f64 / (1u64 << 53) as f64
        })
        .collect()
}

/// A point for `case`, with the Euler step `h` of `ode200` small enough for
/// 200 steps to stay stable (explicit Euler explodes for h near 1, and so do
/// its derivatives, beyond what central differences can check).
fn point_for(case: &generated::Case, seed: u64) -> Vec<f64> {
    let mut at = point(case.names.len(), seed);
    for (value, &name) in at.iter_mut().zip(case.names) {
        if name == "h" {
            *value /= 50.0;
        }
    }
    at
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 + 1e-9 * a.abs().max(b.abs())
}

fn assert_all_close(case: &str, what: &str, got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "{case}: {what} length");
    for (index, (&g, &w)) in got.iter().zip(want).enumerate() {
        assert!(close(g, w), "{case}: {what}[{index}] = {g}, expected {w}");
    }
}

#[test]
fn the_suite_file_is_the_shared_one() {
    let cases: Vec<(&str, &str)> = include_str!("../../../symdiff/benches/data/suite.tsv")
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .collect();
    assert_eq!(cases.len(), generated::CASES.len());
    for (case, (name, source)) in generated::CASES.iter().zip(cases) {
        assert_eq!((case.name, case.source), (name, source));
    }
}

#[test]
fn gradients_agree_with_central_differences() {
    for case in generated::CASES {
        for seed in 1..=3 {
            let at = point_for(case, seed);
            let report = check_gradient(case.value, case.gradient, &at, &CheckOptions::DEFAULT)
                .expect("the gradient has one entry per variable");
            assert!(report.ok(), "{} at {at:?}:\n{report}", case.name);
        }
    }
}

#[test]
fn gradients_agree_with_the_engine_at_run_time() {
    for case in generated::CASES {
        let expr = symdiff::Expr::parse(case.source).expect("suite expressions parse");
        let gradient = expr.gradient(case.names);
        let at = point_for(case, 7);
        let values: Vec<(&str, f64)> = case.names.iter().copied().zip(at.iter().copied()).collect();
        let engine: Vec<f64> = gradient
            .iter()
            .map(|entry| entry.eval(&values).expect("every variable has a value"))
            .collect();
        let engine_value = expr.eval(&values).expect("every variable has a value");
        assert!(
            close((case.value)(&at), engine_value),
            "{}: value",
            case.name
        );
        assert_all_close(
            case.name,
            "derive_grad gradient",
            &(case.gradient)(&at),
            &engine,
        );
        assert_all_close(
            case.name,
            "grad! gradient",
            &(case.gradient_from_string)(&at),
            &engine,
        );
        let (value, gradient) = (case.value_and_gradient)(&at);
        assert!(
            close(value, engine_value),
            "{}: value_and_grad value",
            case.name
        );
        assert_all_close(case.name, "value_and_grad gradient", &gradient, &engine);
    }
}

#[test]
fn hessians_agree_with_central_differences_and_the_engine() {
    for case in generated::CASES {
        let (Some(hessian), Some(hessian_from_string)) = (case.hessian, case.hessian_from_string)
        else {
            continue;
        };
        let at = point_for(case, 11);
        let report = check_hessian(case.gradient, hessian, &at, &CheckOptions::DEFAULT)
            .expect("the Hessian is square");
        assert!(report.ok(), "{} at {at:?}:\n{report}", case.name);
        let expr = symdiff::Expr::parse(case.source).expect("suite expressions parse");
        let values: Vec<(&str, f64)> = case.names.iter().copied().zip(at.iter().copied()).collect();
        for (row, (got, from_string)) in expr
            .hessian(case.names)
            .iter()
            .zip(hessian(&at).iter().zip(hessian_from_string(&at)))
        {
            let engine: Vec<f64> = row
                .iter()
                .map(|entry| entry.eval(&values).expect("every variable has a value"))
                .collect();
            assert_all_close(case.name, "derive_grad Hessian row", got, &engine);
            assert_all_close(case.name, "hessian! row", &from_string, &engine);
        }
    }
}

/// The array-parameter versions agree with the hand-written gradients and
/// with the scalar-parameter versions of the same suite cases.
#[test]
fn array_parameters_agree_with_hand_written_gradients() {
    let at = point(40, 5);
    let (w, b, x, t) = (at[0], at[1], at[2], at[3]);
    assert_all_close(
        "neuron",
        "gradient",
        &handwritten::neuron_grad(w, b, x, t),
        &handwritten::neuron_grad_by_hand(w, b, x, t),
    );
    let x10: [f64; 10] = std::array::from_fn(|i| at[i] * 2.0 - 0.5);
    let x10_in_suite_order: Vec<f64> = generated::rosen10::NAMES
        .iter()
        .map(|name| x10[name[1..].parse::<usize>().unwrap_or(1) - 1])
        .collect();
    assert!(close(
        handwritten::rosen10(&x10),
        generated::rosen10::value(&x10_in_suite_order)
    ));
    assert_all_close(
        "rosen10",
        "gradient",
        &handwritten::rosen10_grad(&x10),
        &handwritten::rosen10_grad_by_hand(&x10),
    );
    let w16: [f64; 16] = std::array::from_fn(|i| at[i] - 0.7);
    let c4: [f64; 4] = std::array::from_fn(|i| at[16 + i] - 0.7);
    let v4: [f64; 4] = std::array::from_fn(|i| at[20 + i] * 2.0 - 1.0);
    let x4: [f64; 4] = std::array::from_fn(|i| at[24 + i]);
    let (d, target) = (at[28] - 0.7, at[29]);
    assert_all_close(
        "mlp4",
        "gradient",
        &handwritten::mlp4_grad(&w16, &c4, &v4, d, &x4, target),
        &handwritten::mlp4_grad_by_hand(&w16, &c4, &v4, d, &x4, target),
    );
    let (value, _) = handwritten::mlp4_value_and_grad(&w16, &c4, &v4, d, &x4, target);
    assert!(close(
        value,
        handwritten::mlp4(&w16, &c4, &v4, d, &x4, target)
    ));
}

/// A hand-written gradient with a deliberate mistake (the factor 2 of the
/// square dropped from d/db) is caught by the same check.
#[test]
fn a_wrong_gradient_is_caught() {
    let loss = |v: &[f64]| handwritten::neuron(v[0], v[1], v[2], v[3]);
    let wrong = |v: &[f64]| {
        let y = 1.0 / (1.0 + (-(v[0] * v[2] + v[1])).exp());
        let d_z = 2.0 * (y - v[3]) * y * (1.0 - y);
        vec![d_z * v[2], d_z / 2.0]
    };
    let at = [0.5, 0.1, 2.0, 0.8];
    let wrt_w_b = |gradient: &dyn Fn(&[f64]) -> Vec<f64>| {
        check_gradient(
            |wb: &[f64]| loss(&[wb[0], wb[1], at[2], at[3]]),
            |wb: &[f64]| gradient(&[wb[0], wb[1], at[2], at[3]]),
            &at[..2],
            &CheckOptions::DEFAULT,
        )
        .expect("two entries")
    };
    let report = wrt_w_b(&wrong);
    assert!(!report.ok());
    assert_eq!(
        report
            .failures()
            .map(|entry| entry.index[0])
            .collect::<Vec<_>>(),
        [1]
    );
    let generated = |v: &[f64]| handwritten::neuron_grad(v[0], v[1], v[2], v[3]).to_vec();
    assert!(wrt_w_b(&generated).ok());
}

/// The suite's expression string of `name`.
fn suite_source(name: &str) -> String {
    generated::CASES
        .iter()
        .find(|case| case.name == name)
        .map(|case| case.source.to_owned())
        .unwrap_or_default()
}

/// Relative agreement to 1e-12 (with an absolute floor of 1e-12).
fn close_to_12_digits(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * (1.0 + a.abs().max(b.abs()))
}

/// A point for a loop case: Huber's residuals spread over both branches.
fn loop_point(case: &loops::LoopCase, seed: u64) -> Vec<f64> {
    let mut at = point(case.names.len(), seed);
    if case.name == "huber" {
        for value in at.iter_mut().take(8) {
            *value = (*value - 0.7) * 4.0;
        }
        at[8] = 0.9;
    }
    at
}

#[test]
fn loop_versions_agree_with_the_strings_and_central_differences() {
    for case in loops::cases(suite_source) {
        let expr = symdiff::Expr::parse(&case.source).expect("the string parses");
        let names: Vec<&str> = case.names.iter().map(String::as_str).collect();
        let (gradient, hessian) = expr.gradient_and_hessian(&names);
        let mut outputs = vec![expr.clone()];
        outputs.extend(gradient);
        outputs.extend(hessian.into_iter().flatten());
        let tape = symdiff::Expr::compile(&outputs, &names).expect("compiles");
        for seed in 1..=2 {
            let at = loop_point(&case, seed);
            let mut expected = vec![0.0; outputs.len()];
            tape.eval(&at, &mut expected).expect("evaluates");
            let n = names.len();
            let got: Vec<f64> = std::iter::once((case.value)(&at))
                .chain((case.gradient)(&at))
                .chain((case.hessian)(&at).into_iter().flatten())
                .collect();
            assert_eq!(got.len(), 1 + n + n * n, "{}", case.name);
            for (index, (&g, &e)) in got.iter().zip(&expected).enumerate() {
                assert!(
                    close_to_12_digits(g, e),
                    "{} output {index}: loop version {g}, string {e}",
                    case.name
                );
            }
            let report = check_gradient(case.value, case.gradient, &at, &CheckOptions::DEFAULT)
                .expect("one entry per variable");
            assert!(report.ok(), "{} gradient at {at:?}:\n{report}", case.name);
            let report = check_hessian(case.gradient, case.hessian, &at, &CheckOptions::DEFAULT)
                .expect("square");
            assert!(report.ok(), "{} Hessian at {at:?}:\n{report}", case.name);
        }
    }
}
