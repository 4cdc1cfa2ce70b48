//! Eigenvalues, curvature and the second-derivative verdict: one line per case.

use expect_test::{Expect, expect};
use symdiff::Expr;
use symdiff::critical::{
    AnalysisError, CriticalPointAnalysis, Tolerances, analyze, analyze_function,
};

/// Renders an analysis (or its error) as one line.
fn check(outcome: Result<CriticalPointAnalysis, AnalysisError>, expect: Expect) {
    let actual = match outcome {
        Ok(analysis) => analysis.to_string(),
        Err(error) => format!("error: {error}"),
    };
    expect.assert_eq(&actual);
}

const DEFAULT: Tolerances = Tolerances::DEFAULT;

/// [`analyze`] at the origin (so a gradient must be exactly 0 to be critical).
fn at_origin(
    gradient: &[f64],
    hessian: &[Vec<f64>],
    tolerances: &Tolerances,
) -> Result<CriticalPointAnalysis, AnalysisError> {
    analyze(vec![0.0; gradient.len()], gradient, hessian, tolerances)
}

#[test]
fn bowl_is_a_minimum() {
    // x^2 + y^2 at the origin.
    check(
        at_origin(&[0.0, 0.0], &[vec![2.0, 0.0], vec![0.0, 2.0]], &DEFAULT),
        expect!["minimum (positive definite), eigenvalues [2.0, 2.0], gradient exactly 0"],
    );
}

#[test]
fn dome_is_a_maximum() {
    // -x^2 - y^2 at the origin.
    check(
        at_origin(&[0.0, 0.0], &[vec![-2.0, 0.0], vec![0.0, -2.0]], &DEFAULT),
        expect!["maximum (negative definite), eigenvalues [-2.0, -2.0], gradient exactly 0"],
    );
}

#[test]
fn hyperbolic_paraboloid_is_a_saddle() {
    // x^2 - y^2 at the origin.
    check(
        at_origin(&[0.0, 0.0], &[vec![2.0, 0.0], vec![0.0, -2.0]], &DEFAULT),
        expect!["saddle (indefinite), eigenvalues [-2.0, 2.0], gradient exactly 0"],
    );
}

#[test]
fn rotated_saddle_with_zero_diagonal() {
    // x * y at the origin: the diagonal alone would say nothing.
    check(
        at_origin(&[0.0, 0.0], &[vec![0.0, 1.0], vec![1.0, 0.0]], &DEFAULT),
        expect!["saddle (indefinite), eigenvalues [-1.0, 1.0], gradient exactly 0"],
    );
}

#[test]
fn saddle_despite_a_zero_eigenvalue() {
    // x^2 - y^2 + z^4 at the origin.
    check(
        at_origin(
            &[0.0, 0.0, 0.0],
            &[
                vec![2.0, 0.0, 0.0],
                vec![0.0, -2.0, 0.0],
                vec![0.0, 0.0, 0.0],
            ],
            &DEFAULT,
        ),
        expect!["saddle (indefinite), eigenvalues [-2.0, 0.0, 2.0], gradient exactly 0"],
    );
}

#[test]
fn quartic_bowl_is_degenerate() {
    // x^4 + y^2 at the origin: a minimum the second-derivative test cannot see.
    check(
        at_origin(&[0.0, 0.0], &[vec![0.0, 0.0], vec![0.0, 2.0]], &DEFAULT),
        expect!["degenerate (positive semidefinite), eigenvalues [0.0, 2.0], gradient exactly 0"],
    );
}

#[test]
fn negative_semidefinite_is_degenerate() {
    // -x^4 - y^2 at the origin.
    check(
        at_origin(&[0.0, 0.0], &[vec![0.0, 0.0], vec![0.0, -2.0]], &DEFAULT),
        expect!["degenerate (negative semidefinite), eigenvalues [-2.0, 0.0], gradient exactly 0"],
    );
}

#[test]
fn monkey_saddle_has_zero_curvature() {
    // x^3 - 3 x y^2 at the origin.
    check(
        at_origin(&[0.0, 0.0], &[vec![0.0, 0.0], vec![0.0, 0.0]], &DEFAULT),
        expect!["degenerate (zero), eigenvalues [0.0, 0.0], gradient exactly 0"],
    );
}

#[test]
fn full_matrix_minimum() {
    // 2x^2 + 2xy + 2y^2: eigenvalues 2 and 6.
    check(
        at_origin(&[0.0, 0.0], &[vec![4.0, 2.0], vec![2.0, 4.0]], &DEFAULT),
        expect!["minimum (positive definite), eigenvalues [2.0, 6.0], gradient exactly 0"],
    );
}

#[test]
fn eigenvalues_ascend() {
    check(
        at_origin(
            &[0.0, 0.0, 0.0],
            &[
                vec![3.0, 0.0, 0.0],
                vec![0.0, -7.0, 0.0],
                vec![0.0, 0.0, 1.0],
            ],
            &DEFAULT,
        ),
        expect!["saddle (indefinite), eigenvalues [-7.0, 1.0, 3.0], gradient exactly 0"],
    );
}

#[test]
fn bowl_away_from_origin_is_not_critical() {
    // x^2 + y^2 at (1, 0).
    check(
        analyze(
            [1.0, 0.0],
            [2.0, 0.0],
            &[vec![2.0, 0.0], vec![0.0, 2.0]],
            &DEFAULT,
        ),
        expect![
            "not critical (positive definite), eigenvalues [2.0, 2.0], gradient[0] = 2.0 > tolerance 2e-8"
        ],
    );
}

#[test]
fn gradient_within_tolerance_is_critical() {
    // sin(x) at the f64 nearest to pi/2: cos there is 6.1e-17, rounding.
    check(
        analyze(
            [std::f64::consts::FRAC_PI_2],
            [std::f64::consts::FRAC_PI_2.cos()],
            &[vec![-1.0]],
            &DEFAULT,
        ),
        expect![
            "maximum (negative definite), eigenvalues [-1.0], gradient[0] = 6.12323e-17 <= tolerance 1.5708e-8"
        ],
    );
}

#[test]
fn gradient_tolerance_scales_with_the_point_and_the_hessian() {
    // The same gradient, 1e-9, is within 1e-8 of 2 * 1.0 but not of 2 * 0.01.
    for point in [1.0, 0.01] {
        let tolerance = 1e-8 * 2.0 * point;
        let analysis = analyze([point], [1e-9], &[vec![2.0]], &DEFAULT);
        assert_eq!(
            analysis.map(|analysis| analysis.critical),
            Ok(1e-9 <= tolerance),
            "at {point}"
        );
    }
}

#[test]
fn gradient_at_the_origin_must_be_exactly_zero() {
    // The tolerance is relative to the point: at the origin it is 0.
    check(
        at_origin(&[1e-9, -1e-9], &[vec![2.0, 0.0], vec![0.0, 2.0]], &DEFAULT),
        expect![
            "not critical (positive definite), eigenvalues [2.0, 2.0], gradient[0] = 1e-9 > tolerance 0.0"
        ],
    );
}

#[test]
fn roundoff_eigenvalue_counts_as_zero() {
    check(
        at_origin(&[0.0, 0.0], &[vec![1e-12, 0.0], vec![0.0, 2.0]], &DEFAULT),
        expect![
            "degenerate (positive semidefinite), eigenvalues [1e-12, 2.0], gradient exactly 0, 1 eigenvalue(s) within 2e-8 (relative) count as 0"
        ],
    );
}

#[test]
fn eigenvalue_tolerance_is_relative_to_the_largest() {
    // 1e-3 is below 1e-8 * 1e12.
    check(
        at_origin(&[0.0, 0.0], &[vec![1e-3, 0.0], vec![0.0, 1e12]], &DEFAULT),
        expect![
            "degenerate (positive semidefinite), eigenvalues [0.001, 1000000000000.0], gradient exactly 0, 1 eigenvalue(s) within 10000.0 (relative) count as 0"
        ],
    );
}

#[test]
fn tiny_hessians_keep_their_signs() {
    // 1e-20*(x^2 - y^2) at the origin: no absolute floor makes it zero.
    check(
        at_origin(
            &[0.0, 0.0],
            &[vec![2e-20, 0.0], vec![0.0, -2e-20]],
            &DEFAULT,
        ),
        expect!["saddle (indefinite), eigenvalues [-2e-20, 2e-20], gradient exactly 0"],
    );
}

#[test]
fn custom_tolerances_apply() {
    check(
        analyze(
            [1.0],
            [1e-3],
            &[vec![1e-3]],
            &Tolerances {
                gradient: 2.0,
                eigenvalue: 1e-6,
            },
        ),
        expect![
            "minimum (positive definite), eigenvalues [0.001], gradient[0] = 0.001 <= tolerance 0.002"
        ],
    );
    check(
        at_origin(
            &[0.0, 0.0],
            &[vec![1e-3, 0.0], vec![0.0, 1.0]],
            &Tolerances::relative(1e-2),
        ),
        expect![
            "degenerate (positive semidefinite), eigenvalues [0.001, 1.0], gradient exactly 0, 1 eigenvalue(s) within 0.01 (relative) count as 0"
        ],
    );
}

/// The verdict on `source` at `point` (values in the order of `vars`), from
/// its symbolic gradient and Hessian through [`analyze_function`].
fn verdict(source: &str, vars: &[&str], point: &[f64], tolerances: &Tolerances) -> String {
    let expr = match Expr::parse(source) {
        Ok(expr) => expr,
        Err(error) => return format!("error: {error}"),
    };
    let (gradient, hessian) = expr.gradient_and_hessian(vars);
    let flat: Vec<Expr> = hessian.into_iter().flatten().collect();
    let (Ok(gradient_tape), Ok(hessian_tape)) =
        (Expr::compile(&gradient, vars), Expr::compile(&flat, vars))
    else {
        return "error: cannot compile".to_owned();
    };
    let mut gradient_values = vec![f64::NAN; vars.len()];
    let _ = gradient_tape.eval(point, &mut gradient_values);
    let hessian_at = |at: &[f64]| {
        let mut values = vec![f64::NAN; vars.len() * vars.len()];
        let _ = hessian_tape.eval(at, &mut values);
        values
            .chunks(vars.len().max(1))
            .map(<[f64]>::to_vec)
            .collect::<Vec<_>>()
    };
    match analyze_function(point, &gradient_values, hessian_at, tolerances) {
        Ok(analysis) => analysis.to_string(),
        Err(error) => format!("error: {error}"),
    }
}

/// The cases of issue 10 and their neighbours: one line each, the formula,
/// its variables, the point, then the verdict.
#[test]
fn verdicts_on_formulas() {
    let cases: &[(&str, &[&str], &[f64])] = &[
        // Beside the minimum, not at it: the tolerance is relative to the point.
        ("x^2 + y^2", &["x", "y"], &[1e-9, 0.0]),
        ("x^2 + y^2", &["x", "y"], &[0.0, 0.0]),
        // A gradient of 1e-12 at the origin is not 0.
        ("1e-12*x + x^2 - y^2", &["x", "y"], &[0.0, 0.0]),
        // Tiny functions keep their gradients and their curvature.
        ("1e-20*(x^2 - y^2) + 1e-20*x", &["x", "y"], &[1.0, 1.0]),
        ("1e-20*(x^2 - y^2)", &["x", "y"], &[0.0, 0.0]),
        // Rounding of the point: the f64 nearest to pi/2 is a maximum of sin.
        ("sin(x)", &["x"], &[std::f64::consts::FRAC_PI_2]),
        // The Hessian there, 7.3e-16, is smaller than its change when x
        // moves by 1e-8 of itself: degenerate, as at pi itself.
        ("sin(x)^3", &["x"], &[std::f64::consts::PI]),
        ("(x^2 - 0.01)^3", &["x"], &[0.1]),
        // Degenerate with an exact 0.
        ("x^4 + y^2", &["x", "y"], &[0.0, 0.0]),
        ("x^4", &["x"], &[1e-5]),
        // Rescaling the function or a coordinate changes nothing.
        ("1e30*(x^2 - y^2)", &["x", "y"], &[0.0, 0.0]),
        ("(x - 1e10)^2 + y^2", &["x", "y"], &[1e10, 0.0]),
        ("x*y", &["x", "y"], &[0.0, 0.0]),
    ];
    let rendered: Vec<String> = cases
        .iter()
        .map(|(source, vars, point)| {
            format!(
                "{source} at {point:?}: {}",
                verdict(source, vars, point, &DEFAULT)
            )
        })
        .collect();
    expect![[r#"
        x^2 + y^2 at [1e-9, 0.0]: not critical (positive definite), eigenvalues [2.0, 2.0], gradient[0] = 2e-9 > tolerance 2e-17
        x^2 + y^2 at [0.0, 0.0]: minimum (positive definite), eigenvalues [2.0, 2.0], gradient exactly 0
        1e-12*x + x^2 - y^2 at [0.0, 0.0]: not critical (indefinite), eigenvalues [-2.0, 2.0], gradient[0] = 1e-12 > tolerance 0.0
        1e-20*(x^2 - y^2) + 1e-20*x at [1.0, 1.0]: not critical (indefinite), eigenvalues [-2e-20, 2e-20], gradient[0] = 3e-20 > tolerance 2e-28
        1e-20*(x^2 - y^2) at [0.0, 0.0]: saddle (indefinite), eigenvalues [-2e-20, 2e-20], gradient exactly 0
        sin(x) at [1.5707963267948966]: maximum (negative definite), eigenvalues [-1.0], gradient[0] = 6.12323e-17 <= tolerance 1.5708e-8
        sin(x)^3 at [3.141592653589793]: degenerate (zero), eigenvalues [7.34788e-16], gradient[0] = -4.49928e-32 <= tolerance 2.3084e-23, 1 eigenvalue(s) within 1.88496e-7 (the Hessian's change) count as 0
        (x^2 - 0.01)^3 at [0.1]: degenerate (zero), eigenvalues [4.16334e-19], gradient[0] = 1.80556e-36 <= tolerance 4.16334e-28, 1 eigenvalue(s) within 4.8e-11 (the Hessian's change) count as 0
        x^4 + y^2 at [0.0, 0.0]: degenerate (positive semidefinite), eigenvalues [0.0, 2.0], gradient exactly 0
        x^4 at [1e-5]: not critical (positive definite), eigenvalues [1.2e-9], gradient[0] = 4e-15 > tolerance 1.2e-22
        1e30*(x^2 - y^2) at [0.0, 0.0]: saddle (indefinite), eigenvalues [-2e30, 2e30], gradient exactly 0
        (x - 1e10)^2 + y^2 at [10000000000.0, 0.0]: minimum (positive definite), eigenvalues [2.0, 2.0], gradient exactly 0
        x*y at [0.0, 0.0]: saddle (indefinite), eigenvalues [-1.0, 1.0], gradient exactly 0"#]].assert_eq(&rendered.join("\n"));
}

#[test]
fn a_larger_tolerance_accepts_a_point_given_to_fewer_digits() {
    // 1/3 to 7 digits: the gradient, 6.7e-8, is 1e-7 of its scale.
    for (tolerance, expected) in [(1e-8, false), (1e-6, true)] {
        let verdict = verdict(
            "(x - 1/3)^2",
            &["x"],
            &[0.3333333],
            &Tolerances::relative(tolerance),
        );
        assert_eq!(verdict.starts_with("minimum"), expected, "{verdict}");
    }
}

#[test]
fn asymmetric_hessian_uses_its_symmetric_part() {
    check(
        at_origin(&[0.0, 0.0], &[vec![2.0, 1.0], vec![-1.0, 2.0]], &DEFAULT),
        expect!["minimum (positive definite), eigenvalues [2.0, 2.0], gradient exactly 0"],
    );
}

#[test]
fn huge_entries_stay_finite() {
    check(
        at_origin(
            &[0.0, 0.0],
            &[vec![1e300, 1e300], vec![1e300, -1e300]],
            &DEFAULT,
        ),
        expect!["saddle (indefinite), eigenvalues [-1.41421e300, 1.41421e300], gradient exactly 0"],
    );
}

#[test]
fn overflowing_eigenvalues_are_an_error() {
    check(
        at_origin(
            &[0.0, 0.0],
            &[vec![f64::MAX, f64::MAX], vec![f64::MAX, f64::MAX]],
            &DEFAULT,
        ),
        expect!["error: the Hessian's eigenvalues overflow f64"],
    );
}

#[test]
fn one_variable() {
    check(
        at_origin(&[0.0], &[vec![-3.0]], &DEFAULT),
        expect!["maximum (negative definite), eigenvalues [-3.0], gradient exactly 0"],
    );
}

#[test]
fn no_variables_is_critical_and_degenerate() {
    check(
        at_origin(&[], &[], &DEFAULT),
        expect!["degenerate (zero), eigenvalues [], gradient exactly 0"],
    );
}

#[test]
fn nan_gradient_is_an_error() {
    check(
        at_origin(
            &[0.0, f64::NAN],
            &[vec![2.0, 0.0], vec![0.0, 2.0]],
            &DEFAULT,
        ),
        expect!["error: gradient entry [1] is not finite: NaN"],
    );
}

#[test]
fn nan_hessian_is_an_error() {
    check(
        at_origin(
            &[0.0, 0.0],
            &[vec![2.0, 0.0], vec![f64::NAN, 2.0]],
            &DEFAULT,
        ),
        expect!["error: Hessian entry [1, 0] is not finite: NaN"],
    );
}

#[test]
fn infinite_hessian_is_an_error() {
    check(
        at_origin(
            &[0.0, 0.0],
            &[vec![2.0, f64::NEG_INFINITY], vec![0.0, 2.0]],
            &DEFAULT,
        ),
        expect!["error: Hessian entry [0, 1] is not finite: -inf"],
    );
}

#[test]
fn hessian_row_count_mismatch_is_an_error() {
    check(
        at_origin(&[0.0, 0.0], &[vec![2.0, 0.0]], &DEFAULT),
        expect!["error: the Hessian has row count 1, expected 2 (the gradient's length)"],
    );
}

#[test]
fn ragged_hessian_is_an_error() {
    check(
        at_origin(&[0.0, 0.0], &[vec![2.0, 0.0], vec![2.0]], &DEFAULT),
        expect!["error: row 1 of the Hessian has length 1, but the Hessian must be 2x2"],
    );
}

#[test]
fn non_square_hessian_is_an_error() {
    check(
        at_origin(&[0.0], &[vec![2.0, 0.0]], &DEFAULT),
        expect!["error: row 0 of the Hessian has length 2, but the Hessian must be 1x1"],
    );
}

#[test]
fn nan_tolerance_is_an_error() {
    check(
        at_origin(
            &[0.0],
            &[vec![2.0]],
            &Tolerances {
                gradient: f64::NAN,
                ..DEFAULT
            },
        ),
        expect!["error: tolerance `gradient` must be finite and non-negative, got NaN"],
    );
}

#[test]
fn negative_tolerance_is_an_error() {
    check(
        at_origin(
            &[0.0],
            &[vec![2.0]],
            &Tolerances {
                eigenvalue: -1.0,
                ..DEFAULT
            },
        ),
        expect!["error: tolerance `eigenvalue` must be finite and non-negative, got -1"],
    );
}
