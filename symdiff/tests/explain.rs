//! The step-by-step backward pass agrees with the gradient: on every case of
//! the benchmark suite, the adjoints that `explain` accumulates step by step
//! are the gradient's values.

use symdiff::Expr;
use symdiff::explain::Explanation;

const SUITE: &str = include_str!("../benches/data/suite.tsv");

/// The explained gradient and the engine's gradient at one point of `source`.
fn both_gradients(source: &str) -> (Vec<f64>, Vec<f64>) {
    let expr = Expr::parse(source).expect("suite cases parse");
    let names = expr.variables();
    let vars: Vec<&str> = names.iter().map(String::as_str).collect();
    let point: Vec<(&str, f64)> = vars
        .iter()
        .enumerate()
        .map(|(index, &name)| (name, 0.1 + 0.05 * index as f64))
        .collect();
    let explanation = Explanation::new(source, None, symdiff::graph::DEFAULT_MAX_NODES)
        .expect("suite cases explain");
    let explained = explanation
        .values(&point)
        .expect("every variable has a value");
    let gradient = expr
        .gradient(&vars)
        .iter()
        .map(|entry| entry.eval(&point).expect("every variable has a value"))
        .collect();
    (explained.input_adjoints, gradient)
}

#[test]
fn explained_adjoints_are_the_gradient() {
    for line in SUITE.lines() {
        let Some((name, source)) = line.split_once('\t') else {
            continue;
        };
        let (explained, gradient) = both_gradients(source);
        assert_eq!(explained.len(), gradient.len(), "{name}");
        for (index, (a, b)) in explained.iter().zip(&gradient).enumerate() {
            let scale = a.abs().max(b.abs()).max(1e-300);
            assert!((a - b).abs() <= 1e-9 * scale, "{name}[{index}]: {a} vs {b}");
        }
    }
}

/// The notebook's numbers, step by step.
#[test]
fn the_neuron() {
    let explanation = Explanation::new(
        "z = w*x + b; y = sigmoid(z); (y - t)^2",
        Some(&["w", "b"]),
        symdiff::graph::DEFAULT_MAX_NODES,
    )
    .expect("the neuron explains");
    let point = [("w", 0.5), ("b", 0.1), ("x", 2.0), ("t", 0.8)];
    let values = explanation
        .values(&point)
        .expect("every variable has a value");
    let rounded: Vec<String> = values.steps.iter().map(|v| format!("{v:.4}")).collect();
    assert_eq!(rounded, ["1.1000", "0.7503", "0.0025"]);
    let gradient: Vec<String> = values
        .input_adjoints
        .iter()
        .map(|v| format!("{v:.6}"))
        .collect();
    assert_eq!(gradient, ["-0.037279", "-0.018640"]);
}
