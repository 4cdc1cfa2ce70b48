//! Every example runs here with its key numbers asserted: each example file
//! is included as a module, and its `report` (what `main` prints) or the
//! functions behind it are called.

#[allow(dead_code, reason = "each example's `main` is its own entry point")]
#[path = "../examples/neuron.rs"]
mod neuron;

#[allow(dead_code, reason = "each example's `main` is its own entry point")]
#[path = "../examples/activations.rs"]
mod activations;

#[allow(dead_code, reason = "each example's `main` is its own entry point")]
#[path = "../examples/gradient_check.rs"]
mod gradient_check;

#[allow(dead_code, reason = "each example's `main` is its own entry point")]
#[path = "../examples/hessian.rs"]
mod hessian;

#[allow(dead_code, reason = "each example's `main` is its own entry point")]
#[path = "../examples/train_neuron.rs"]
mod train_neuron;

#[allow(dead_code, reason = "each example's `main` is its own entry point")]
#[path = "../examples/dense_layer.rs"]
mod dense_layer;

use expect_test::expect;

/// The README's Rust example, included as items of this module (so that its
/// private `main` can be called), with warnings denied: it must compile with
/// no conversion and no warning, `loss` used only as the user uses it.
#[deny(warnings)]
mod readme {
    include!("../examples/readme.rs");

    /// It runs, and its verdict is the valley's: degenerate.
    #[test]
    fn the_readme_example_runs() {
        assert!(main().is_ok());
        let (x, t): (f64, f64) = (2.0, 0.8);
        let (w, b) = (0.5, (t / (1.0 - t)).ln() - 0.5 * x);
        let verdict = analyze(
            [w, b],
            loss_grad(w, b, x, t),
            loss_hessian(w, b, x, t),
            &Tolerances::default(),
        );
        let rendered = match verdict {
            Ok(analysis) => analysis.to_string(),
            Err(error) => error.to_string(),
        };
        expect_test::expect![
            "degenerate (positive semidefinite), eigenvalues [0.0, 0.256], gradient exactly 0"
        ]
        .assert_eq(&rendered);
    }

    /// The README shows the example file as it is.
    #[test]
    fn the_readme_shows_the_example() {
        let readme = include_str!("../README.md");
        let example = include_str!("../examples/readme.rs");
        let code = example
            .lines()
            .skip_while(|line| line.starts_with("//") || line.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            readme.contains(&format!("```rust\n{code}\n```")),
            "README.md's Rust example differs from examples/readme.rs"
        );
    }
}

/// The notebook's numbers: z = 1.1000, y = 0.7503, L = 0.0025,
/// dL/dw = -0.037279 both ways, dL/db = -0.018640.
#[test]
fn neuron_prints_the_notebook_numbers() {
    let n = neuron::neuron();
    assert!((n.dl_dw - -0.037279032093396794).abs() < 1e-15);
    assert_eq!(n.dl_dw, n.dl_dw_grad_macro);
    assert!((n.dl_dz - n.dl_db).abs() < 1e-15);
    expect![[r#"
        Forward Pass:
          z = 1.1000
          y = 0.7503
          L = 0.0025

        Gradients (Chain Rule):
          Analytical dL/dw = -0.037279
          Numerical  dL/dw = -0.037279
          Match: true
          Analytical dL/db = -0.018640

        Backward pass (grad! by the named steps):
          dL/dy = 2*(y - t)         = -0.099480
          dL/dz = dL/dy * y*(1 - y) = -0.018640
          dL/dw = dL/dz * x         = -0.037279
          dL/db = dL/dz             = -0.018640

        Derivative formulas:
          dL/dw = 2*x*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)
          dL/db = 2*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)
    "#]]
    .assert_eq(&neuron::report());
}

#[test]
fn activations_derivatives_check_out() {
    let rows = activations::rows().expect("the activations parse");
    assert_eq!(rows.len(), activations::ACTIVATIONS.len());
    for row in &rows {
        assert!(row.checked, "{} fails its check", row.name);
    }
    let derivatives: Vec<String> = rows
        .iter()
        .map(|row| format!("{}: {}", row.name, row.derivative))
        .collect();
    expect![[r#"
        Sigmoid: sigmoid(x)*(1 - sigmoid(x))
        Tanh: 1 - tanh(x)^2
        ReLU: heaviside(x)
        Leaky ReLU: alpha*(1 - heaviside(x)) + heaviside(x)
        Leaky ReLU (max): where(x < alpha*x, alpha, where(alpha*x < x, 1, 1/2 + alpha/2))"#]]
    .assert_eq(&derivatives.join("\n"));
    // Both leaky ReLUs have slope alpha below 0 and 1 above.
    assert_eq!(rows[3].values, [0.01, 0.01, 1.0, 1.0]);
    assert_eq!(rows[4].values, rows[3].values);
}

#[test]
fn gradient_check_passes_the_suite_and_catches_the_mistake() {
    let results = gradient_check::suite_results().expect("the suite parses");
    assert_eq!(results.len(), gradient_check::SMALL_CASES.len());
    for case in &results {
        assert!(case.ok, "{} fails", case.name);
        assert!(
            case.max_abs_err < 1e-6,
            "{}: {}",
            case.name,
            case.max_abs_err
        );
    }
    let (good, bad) = gradient_check::neuron_reports().expect("the neuron's checks run");
    assert!(good.ok());
    let failures: Vec<Vec<usize>> = bad.failures().map(|entry| entry.index.clone()).collect();
    assert_eq!(failures, [vec![1]]);
}

#[test]
fn hessian_verdicts() {
    let verdicts: Vec<String> = hessian::analyses()
        .expect("every case is analysed")
        .iter()
        .map(|judged| {
            let verdict = judged
                .analysis
                .classification
                .map_or("not critical".to_owned(), |c| c.to_string());
            format!(
                "{}: {:?} {verdict}",
                judged.formula, judged.analysis.eigenvalues
            )
        })
        .collect();
    expect![[r#"
        x^2 + y^2: [2.0, 2.0] minimum
        -(x^2 + y^2): [-2.0, -2.0] maximum
        x^2 - y^2: [-2.0, 2.0] saddle
        x^2 - y^2 + x*y^3: [-2.0, 2.0] saddle"#]]
    .assert_eq(&verdicts.join("\n"));
}

#[test]
fn training_makes_the_loss_fall() {
    let (history, w, b) = train_neuron::train();
    let losses: Vec<f64> = history.iter().map(|&(_, loss, _, _)| loss).collect();
    assert!(losses.windows(2).all(|pair| pair[1] <= pair[0]));
    assert!(losses[losses.len() - 1] < losses[0] / 1000.0);
    for &(x, t) in &train_neuron::EXAMPLES {
        assert!((train_neuron::prediction(w, b, x) - t).abs() < 0.02);
    }
}

/// The dense layer learns XOR: the loss falls at every report, below a
/// thousandth of where it starts, and every example's error is small.
#[test]
fn the_dense_layer_learns_xor() {
    let (history, network) = dense_layer::train();
    let losses: Vec<f64> = history.iter().map(|&(_, loss)| loss).collect();
    assert!(
        losses.windows(2).all(|pair| pair[1] < pair[0]),
        "{losses:?}"
    );
    assert!(losses[losses.len() - 1] < losses[0] / 1000.0, "{losses:?}");
    assert!(
        dense_layer::errors(&network)
            .iter()
            .all(|&error| error < 0.01)
    );
}
