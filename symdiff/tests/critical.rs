//! Eigenvalues, curvature and the second-derivative verdict: one line per case.

use expect_test::{Expect, expect};
use symdiff::critical::{AnalysisError, CriticalPointAnalysis, Tolerances, analyze};

/// Renders an analysis (or its error) as one line.
fn check(outcome: Result<CriticalPointAnalysis, AnalysisError>, expect: Expect) {
    let actual = match outcome {
        Ok(analysis) => analysis.to_string(),
        Err(error) => format!("error: {error}"),
    };
    expect.assert_eq(&actual);
}

const DEFAULT: Tolerances = Tolerances::DEFAULT;

#[test]
fn bowl_is_a_minimum() {
    // x^2 + y^2 at the origin.
    check(
        analyze(&[0.0, 0.0], &[vec![2.0, 0.0], vec![0.0, 2.0]], &DEFAULT),
        expect!["minimum (positive definite), eigenvalues [2.0, 2.0], gradient norm 0.0"],
    );
}

#[test]
fn dome_is_a_maximum() {
    // -x^2 - y^2 at the origin.
    check(
        analyze(&[0.0, 0.0], &[vec![-2.0, 0.0], vec![0.0, -2.0]], &DEFAULT),
        expect!["maximum (negative definite), eigenvalues [-2.0, -2.0], gradient norm 0.0"],
    );
}

#[test]
fn hyperbolic_paraboloid_is_a_saddle() {
    // x^2 - y^2 at the origin.
    check(
        analyze(&[0.0, 0.0], &[vec![2.0, 0.0], vec![0.0, -2.0]], &DEFAULT),
        expect!["saddle (indefinite), eigenvalues [-2.0, 2.0], gradient norm 0.0"],
    );
}

#[test]
fn rotated_saddle_with_zero_diagonal() {
    // x * y at the origin: the diagonal alone would say nothing.
    check(
        analyze(&[0.0, 0.0], &[vec![0.0, 1.0], vec![1.0, 0.0]], &DEFAULT),
        expect!["saddle (indefinite), eigenvalues [-1.0, 1.0], gradient norm 0.0"],
    );
}

#[test]
fn saddle_despite_a_zero_eigenvalue() {
    // x^2 - y^2 + z^4 at the origin.
    check(
        analyze(
            &[0.0, 0.0, 0.0],
            &[
                vec![2.0, 0.0, 0.0],
                vec![0.0, -2.0, 0.0],
                vec![0.0, 0.0, 0.0],
            ],
            &DEFAULT,
        ),
        expect!["saddle (indefinite), eigenvalues [-2.0, 0.0, 2.0], gradient norm 0.0"],
    );
}

#[test]
fn quartic_bowl_is_degenerate() {
    // x^4 + y^2 at the origin: a minimum the second-derivative test cannot see.
    check(
        analyze(&[0.0, 0.0], &[vec![0.0, 0.0], vec![0.0, 2.0]], &DEFAULT),
        expect!["degenerate (positive semidefinite), eigenvalues [0.0, 2.0], gradient norm 0.0"],
    );
}

#[test]
fn negative_semidefinite_is_degenerate() {
    // -x^4 - y^2 at the origin.
    check(
        analyze(&[0.0, 0.0], &[vec![0.0, 0.0], vec![0.0, -2.0]], &DEFAULT),
        expect!["degenerate (negative semidefinite), eigenvalues [-2.0, 0.0], gradient norm 0.0"],
    );
}

#[test]
fn monkey_saddle_has_zero_curvature() {
    // x^3 - 3 x y^2 at the origin.
    check(
        analyze(&[0.0, 0.0], &[vec![0.0, 0.0], vec![0.0, 0.0]], &DEFAULT),
        expect!["degenerate (zero), eigenvalues [0.0, 0.0], gradient norm 0.0"],
    );
}

#[test]
fn full_matrix_minimum() {
    // 2x^2 + 2xy + 2y^2: eigenvalues 2 and 6.
    check(
        analyze(&[0.0, 0.0], &[vec![4.0, 2.0], vec![2.0, 4.0]], &DEFAULT),
        expect!["minimum (positive definite), eigenvalues [2.0, 6.0], gradient norm 0.0"],
    );
}

#[test]
fn eigenvalues_ascend() {
    check(
        analyze(
            &[0.0, 0.0, 0.0],
            &[
                vec![3.0, 0.0, 0.0],
                vec![0.0, -7.0, 0.0],
                vec![0.0, 0.0, 1.0],
            ],
            &DEFAULT,
        ),
        expect!["saddle (indefinite), eigenvalues [-7.0, 1.0, 3.0], gradient norm 0.0"],
    );
}

#[test]
fn bowl_away_from_origin_is_not_critical() {
    // x^2 + y^2 at (1, 0).
    check(
        analyze(&[2.0, 0.0], &[vec![2.0, 0.0], vec![0.0, 2.0]], &DEFAULT),
        expect!["not critical (positive definite), eigenvalues [2.0, 2.0], gradient norm 2.0"],
    );
}

#[test]
fn gradient_below_tolerance_is_critical() {
    check(
        analyze(&[1e-9, -1e-9], &[vec![2.0, 0.0], vec![0.0, 2.0]], &DEFAULT),
        expect!["minimum (positive definite), eigenvalues [2.0, 2.0], gradient norm 1e-9"],
    );
}

#[test]
fn gradient_above_tolerance_is_not_critical() {
    check(
        analyze(&[0.0, -1e-7], &[vec![2.0, 0.0], vec![0.0, 2.0]], &DEFAULT),
        expect!["not critical (positive definite), eigenvalues [2.0, 2.0], gradient norm 1e-7"],
    );
}

#[test]
fn roundoff_eigenvalue_counts_as_zero() {
    check(
        analyze(&[0.0, 0.0], &[vec![1e-12, 0.0], vec![0.0, 2.0]], &DEFAULT),
        expect!["degenerate (positive semidefinite), eigenvalues [1e-12, 2.0], gradient norm 0.0"],
    );
}

#[test]
fn eigenvalue_tolerance_is_relative_to_the_largest() {
    // 1e-3 is below 1e-10 * 1e12.
    check(
        analyze(&[0.0, 0.0], &[vec![1e-3, 0.0], vec![0.0, 1e12]], &DEFAULT),
        expect![
            "degenerate (positive semidefinite), eigenvalues [0.001, 1000000000000.0], gradient norm 0.0"
        ],
    );
}

#[test]
fn custom_tolerances_apply() {
    check(
        analyze(
            &[1e-3],
            &[vec![1e-3]],
            &Tolerances {
                gradient: 1e-2,
                eigenvalue: 1e-6,
            },
        ),
        expect!["minimum (positive definite), eigenvalues [0.001], gradient norm 0.001"],
    );
}

#[test]
fn asymmetric_hessian_uses_its_symmetric_part() {
    check(
        analyze(&[0.0, 0.0], &[vec![2.0, 1.0], vec![-1.0, 2.0]], &DEFAULT),
        expect!["minimum (positive definite), eigenvalues [2.0, 2.0], gradient norm 0.0"],
    );
}

#[test]
fn huge_entries_stay_finite() {
    check(
        analyze(
            &[0.0, 0.0],
            &[vec![1e300, 1e300], vec![1e300, -1e300]],
            &DEFAULT,
        ),
        expect!["saddle (indefinite), eigenvalues [-1.41421e300, 1.41421e300], gradient norm 0.0"],
    );
}

#[test]
fn overflowing_eigenvalues_are_an_error() {
    check(
        analyze(
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
        analyze(&[0.0], &[vec![-3.0]], &DEFAULT),
        expect!["maximum (negative definite), eigenvalues [-3.0], gradient norm 0.0"],
    );
}

#[test]
fn no_variables_is_critical_and_degenerate() {
    check(
        analyze(&[], &[], &DEFAULT),
        expect!["degenerate (zero), eigenvalues [], gradient norm 0.0"],
    );
}

#[test]
fn nan_gradient_is_an_error() {
    check(
        analyze(
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
        analyze(
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
        analyze(
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
        analyze(&[0.0, 0.0], &[vec![2.0, 0.0]], &DEFAULT),
        expect!["error: the Hessian has row count 1, expected 2 (the gradient's length)"],
    );
}

#[test]
fn ragged_hessian_is_an_error() {
    check(
        analyze(&[0.0, 0.0], &[vec![2.0, 0.0], vec![2.0]], &DEFAULT),
        expect!["error: row 1 of the Hessian has length 1, but the Hessian must be 2x2"],
    );
}

#[test]
fn non_square_hessian_is_an_error() {
    check(
        analyze(&[0.0], &[vec![2.0, 0.0]], &DEFAULT),
        expect!["error: row 0 of the Hessian has length 2, but the Hessian must be 1x1"],
    );
}

#[test]
fn nan_tolerance_is_an_error() {
    check(
        analyze(
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
        analyze(
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
