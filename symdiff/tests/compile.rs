//! The compiled form: one tape for many outputs, every common subexpression
//! computed once, evaluated at a point and over batches.

use symdiff::Expr;
use symdiff::compile::Instr;

#[path = "support/uniform.rs"]
mod uniform;

fn neuron_outputs() -> (Vec<Expr>, [&'static str; 4]) {
    let vars = ["w", "x", "b", "t"];
    let loss = Expr::parse("(sigmoid(w*x + b) - t)^2").expect("parses");
    let mut outputs = vec![loss.clone()];
    outputs.extend(loss.gradient(&vars));
    (outputs, vars)
}

#[test]
fn value_and_gradient_share_one_forward_pass() {
    let (outputs, vars) = neuron_outputs();
    let tape = Expr::compile(&outputs, &vars).expect("compiles");
    let sigmoids = tape
        .instructions()
        .iter()
        .filter(|instr| {
            matches!(
                instr,
                symdiff::compile::Instr::Call1(symdiff::func::Func::Sigmoid, _)
            )
        })
        .count();
    assert_eq!(
        sigmoids, 1,
        "sigmoid(w*x + b) is computed once for the value and all four partials"
    );
    assert!(
        tape.instructions().len() <= 24,
        "{} instructions",
        tape.instructions().len()
    );
}

#[test]
fn the_course_example_matches_the_notebook() {
    let (outputs, vars) = neuron_outputs();
    let tape = Expr::compile(&outputs, &vars).expect("compiles");
    let mut values = [0.0; 5];
    tape.eval(&[0.5, 2.0, 0.1, 0.8], &mut values)
        .expect("evaluates");
    // The notebook prints L = 0.0025 and dL/dw = -0.037279.
    assert_eq!(format!("{:.4}", values[0]), "0.0025");
    assert_eq!(format!("{:.6}", values[1]), "-0.037279");
}

#[test]
fn batches_agree_with_single_points() {
    let (outputs, vars) = neuron_outputs();
    let tape = Expr::compile(&outputs, &vars).expect("compiles");
    let points: Vec<[f64; 4]> = (0..7)
        .map(|k| [0.1 * k as f64, 2.0 - 0.3 * k as f64, -0.2, 0.5])
        .collect();
    let inputs: Vec<f64> = points.iter().flatten().copied().collect();
    let mut batch = vec![0.0; points.len() * outputs.len()];
    tape.eval_batch(&inputs, &mut batch)
        .expect("evaluates the batch");
    for (index, point) in points.iter().enumerate() {
        let mut single = vec![0.0; outputs.len()];
        tape.eval(point, &mut single).expect("evaluates");
        assert_eq!(
            &batch[index * outputs.len()..(index + 1) * outputs.len()],
            single.as_slice()
        );
        let direct: Vec<f64> = outputs
            .iter()
            .map(|output| {
                output
                    .eval(
                        &vars
                            .iter()
                            .copied()
                            .zip(point.iter().copied())
                            .collect::<Vec<_>>(),
                    )
                    .expect("evaluates")
            })
            .collect();
        for (taped, direct) in single.iter().zip(&direct) {
            assert!(
                (taped - direct).abs() <= 1e-15 * direct.abs().max(1.0),
                "{taped} vs {direct}"
            );
        }
    }
}

#[test]
fn wrong_lengths_and_missing_variables_are_errors() {
    let (outputs, vars) = neuron_outputs();
    let tape = Expr::compile(&outputs, &vars).expect("compiles");
    let mut values = [0.0; 5];
    assert_eq!(
        tape.eval(&[1.0, 2.0], &mut values)
            .map_err(|error| error.to_string()),
        Err("expected 4 input values, got 2".to_owned())
    );
    assert_eq!(
        tape.eval_batch(&[1.0; 7], &mut [0.0; 10])
            .map_err(|error| error.to_string()),
        Err("expected 4 input values, got 7".to_owned())
    );
    assert_eq!(
        Expr::compile(&outputs, &["w", "x"])
            .map(|_| ())
            .map_err(|error| error.to_string()),
        Err("no value given for variable `b`".to_owned())
    );
    let loss = &outputs[0];
    assert_eq!(
        loss.eval(&[("w", 1.0)]).map_err(|error| error.to_string()),
        Err("no value given for variable `x`".to_owned())
    );
}

#[test]
fn domain_problems_follow_ieee() {
    let point = [("x", -1.0)];
    let value = |source: &str| {
        Expr::parse(source)
            .expect("parses")
            .eval(&point)
            .expect("evaluates")
    };
    assert!(value("log(x)").is_nan());
    assert_eq!(value("1/(x + 1)"), f64::INFINITY);
    assert!(value("sqrt(x)").is_nan());
    assert_eq!(value("exp(-1000*x)"), f64::INFINITY);
}

#[test]
fn sizes_are_reportable() {
    let loss = Expr::parse("(sigmoid(w*x + b) - t)^2").expect("parses");
    let hessian: Vec<Expr> = loss.hessian(&["w", "b"]).into_iter().flatten().collect();
    let tree: f64 = hessian.iter().map(Expr::tree_size).sum();
    let distinct = hessian.iter().map(Expr::dag_size).max().unwrap_or(0);
    assert!(
        tree > distinct as f64,
        "sharing makes the DAG smaller than the tree: {tree} vs {distinct}"
    );
}

/// The tape of one expression, one instruction per line after the register
/// it writes, constants as numbers.
fn check_tape(source: &str, expect: expect_test::Expect) {
    let expr = Expr::parse(source).expect("parses");
    let vars = expr.variables();
    let names: Vec<&str> = vars.iter().map(String::as_str).collect();
    let tape = Expr::compile(std::slice::from_ref(&expr), &names).expect("compiles");
    let lines: Vec<String> = tape
        .instructions()
        .iter()
        .enumerate()
        .map(|(reg, instr)| match instr {
            Instr::Const(bits) => format!("{reg}: {}", f64::from_bits(*bits)),
            _ => format!("{reg}: {instr:?}"),
        })
        .chain(std::iter::once(format!("out {:?}", tape.outputs())))
        .collect();
    expect.assert_eq(&lines.join("\n"));
}

#[test]
fn signs_are_carried_not_computed() {
    // Two negated factors cancel; a negated term is subtracted.
    check_tape(
        "(-a - b)*(-c - d) - 3*a",
        expect_test::expect![[r#"
            0: 3
            1: Input(0)
            2: Mul(1, 0)
            3: Input(1)
            4: Add(1, 3)
            5: Input(2)
            6: Input(3)
            7: Add(5, 6)
            8: Mul(7, 4)
            9: Sub(8, 2)
            out [9]"#]],
    );
    // A product needed as it is, as a function's argument, takes the sign
    // into its coefficient; a sum of negated terms is subtracted from 0, so
    // that where it is zero it is +0, as the written (-a) - b is.
    check_tape(
        "exp(-2*a) + sin(-a - b)",
        expect_test::expect![[r#"
            0: Input(0)
            1: -2
            2: Mul(0, 1)
            3: Call1(Exp, 2)
            4: Input(1)
            5: Add(0, 4)
            6: 0
            7: Sub(6, 5)
            8: Call1(Sin, 7)
            9: Add(3, 8)
            out [9]"#]],
    );
    // A reciprocal among the factors divides.
    check_tape(
        "a*(1/(b*c))",
        expect_test::expect![[r#"
        0: Input(0)
        1: Input(1)
        2: Input(2)
        3: Mul(1, 2)
        4: Div(0, 3)
        out [4]"#]],
    );
}

/// Points spread over [-2, 2], with zeros, one row per point.
fn scattered_points(n_points: usize, n_inputs: usize) -> Vec<f64> {
    let mut values = uniform::uniform(n_points * n_inputs, 7, -2.0, 4.0);
    values.iter_mut().step_by(17).for_each(|value| *value = 0.0);
    values
}

/// Whether two values are the same bits (all NaNs alike).
fn same_bits(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

#[test]
fn batches_of_every_size_agree_bit_for_bit_with_single_points() {
    let suite = include_str!("../benches/data/suite.tsv");
    for (name, source) in suite.lines().filter_map(|line| line.split_once('\t')) {
        let expr = Expr::parse(source).expect("suite case parses");
        let vars = expr.variables();
        let names: Vec<&str> = vars.iter().map(String::as_str).collect();
        let mut outputs = vec![expr.clone()];
        outputs.extend(expr.gradient(&names));
        let tape = Expr::compile(&outputs, &names).expect("suite case compiles");
        let (n_inputs, n_outputs) = (names.len(), outputs.len());
        // One point, a partial block, and enough blocks to use the threads.
        for n_points in [1, 13, 3001] {
            let inputs = scattered_points(n_points, n_inputs);
            let mut batch = vec![0.0; n_points * n_outputs];
            tape.eval_batch(&inputs, &mut batch).expect("evaluates");
            let mut single = vec![0.0; n_outputs];
            for (point, row) in inputs.chunks(n_inputs).zip(batch.chunks(n_outputs)) {
                tape.eval(point, &mut single).expect("evaluates");
                let agree = single.iter().zip(row).all(|(&a, &b)| same_bits(a, b));
                assert!(agree, "{name}, {n_points} points: {single:?} vs {row:?}");
            }
        }
    }
}

/// Evaluations at a point reuse one buffer per thread: a tape evaluated
/// after a longer one, and the longer one again, each give the values of a
/// tape evaluated alone (an instruction reads only values written before
/// it in the same evaluation).
#[test]
fn evaluations_on_one_thread_do_not_see_each_other() {
    let long = Expr::parse("sin(x)*exp(y) + x^3 - y/x").expect("parses");
    let short = Expr::parse("x + 1").expect("parses");
    let long_tape = Expr::compile(std::slice::from_ref(&long), &["x", "y"]).expect("compiles");
    let short_tape = Expr::compile(std::slice::from_ref(&short), &["x"]).expect("compiles");
    let mut out = [0.0];
    long_tape.eval(&[0.5, 2.0], &mut out).expect("evaluates");
    let expected_long = 0.5f64.sin() * 2.0f64.exp() + 0.125 - 4.0;
    assert!((out[0] - expected_long).abs() < 1e-12, "{}", out[0]);
    short_tape.eval(&[3.0], &mut out).expect("evaluates");
    assert_eq!(out[0], 4.0);
    long_tape.eval(&[1.0, 0.0], &mut out).expect("evaluates");
    let expected = 1.0f64.sin() + 1.0;
    assert!((out[0] - expected).abs() < 1e-12, "{}", out[0]);
}
