//! Gradient and Hessian checks against central differences: one line per case.

use expect_test::{Expect, expect};
use symdiff::check::{
    CheckError, CheckOptions, CheckReport, central_difference_gradient, check_gradient,
    check_hessian, check_hessian_in_domain,
};

/// Renders a check's outcome: its report, one entry per line, or its error.
fn check(outcome: Result<CheckReport, CheckError>, expect: Expect) {
    let actual = match outcome {
        Ok(report) => format!(
            "ok={} failures={}{}\n{report}",
            report.ok(),
            report.failures().count(),
            match report.inconclusive().count() {
                0 => String::new(),
                n_inconclusive => format!(" inconclusive={n_inconclusive}"),
            }
        ),
        Err(error) => format!("error: {error}"),
    };
    expect.assert_eq(&actual);
}

const DEFAULT: CheckOptions = CheckOptions::DEFAULT;

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// The course's neuron: `L = (sigmoid(w*x + b) - t)^2` over `[w, b, x, t]`.
fn neuron_loss(vars: &[f64]) -> f64 {
    let [w, b, x, t] = [vars[0], vars[1], vars[2], vars[3]];
    (sigmoid(w * x + b) - t).powi(2)
}

/// The hand-derived gradient; `forget_x` drops the factor `x` from `dL/dw`.
fn neuron_gradient(vars: &[f64], forget_x: bool) -> Vec<f64> {
    let [w, b, x, t] = [vars[0], vars[1], vars[2], vars[3]];
    let s = sigmoid(w * x + b);
    let dl_dz = 2.0 * (s - t) * s * (1.0 - s);
    let dl_dw = if forget_x { dl_dz } else { dl_dz * x };
    vec![dl_dw, dl_dz, dl_dz * w, -2.0 * (s - t)]
}

const NEURON_POINT: [f64; 4] = [0.5, 0.1, 2.0, 0.8];

/// `f = x^2 y + exp(x)`.
fn cubic(vars: &[f64]) -> f64 {
    vars[0] * vars[0] * vars[1] + vars[0].exp()
}

fn cubic_gradient(vars: &[f64]) -> Vec<f64> {
    let [x, y] = [vars[0], vars[1]];
    vec![2.0 * x * y + x.exp(), x * x]
}

/// The Hessian of `cubic`, plus `mistake` on the off-diagonal `[0, 1]` entry only.
fn cubic_hessian(vars: &[f64], mistake: f64) -> Vec<Vec<f64>> {
    let [x, y] = [vars[0], vars[1]];
    vec![
        vec![2.0 * y + x.exp(), 2.0 * x + mistake],
        vec![2.0 * x, 0.0],
    ]
}

#[test]
fn neuron_correct_gradient_passes() {
    check(
        check_gradient(
            neuron_loss,
            |v| neuron_gradient(v, false),
            NEURON_POINT,
            &DEFAULT,
        ),
        expect![[r#"
        ok=true failures=0
        gradient[0] ok: analytic -0.037279, numeric -0.037279
        gradient[1] ok: analytic -0.0186395, numeric -0.0186395
        gradient[2] ok: analytic -0.00931976, numeric -0.00931976
        gradient[3] ok: analytic 0.0994798, numeric 0.0994798"#]],
    );
}

#[test]
fn neuron_gradient_missing_factor_x_fails_on_dw_only() {
    check(
        check_gradient(
            neuron_loss,
            |v| neuron_gradient(v, true),
            NEURON_POINT,
            &DEFAULT,
        ),
        expect![[r#"
        ok=false failures=1
        gradient[0] FAIL: analytic -0.0186395, numeric -0.037279 (abs_err 0.0186, rel_err 0.5)
        gradient[1] ok: analytic -0.0186395, numeric -0.0186395
        gradient[2] ok: analytic -0.00931976, numeric -0.00931976
        gradient[3] ok: analytic 0.0994798, numeric 0.0994798"#]],
    );
}

#[test]
fn hessian_correct_passes() {
    check(
        check_hessian(
            cubic_gradient,
            |v| cubic_hessian(v, 0.0),
            [0.3, -1.2],
            &DEFAULT,
        ),
        expect![[r#"
        ok=true failures=0
        hessian[0, 0] ok: analytic -1.05014, numeric -1.05014
        hessian[0, 1] ok: analytic 0.6, numeric 0.6
        hessian[1, 1] ok: analytic 0.0, numeric 0.0"#]],
    );
}

#[test]
fn hessian_wrong_off_diagonal_fails_on_that_entry() {
    check(
        check_hessian(
            cubic_gradient,
            |v| cubic_hessian(v, 0.5),
            [0.3, -1.2],
            &DEFAULT,
        ),
        expect![[r#"
        ok=false failures=1
        hessian[0, 0] ok: analytic -1.05014, numeric -1.05014
        hessian[0, 1] FAIL: analytic 1.1, numeric 0.6 (abs_err 0.5, rel_err 0.833)
        hessian[1, 1] ok: analytic 0.0, numeric 0.0"#]],
    );
}

#[test]
fn hessian_gradient_mistake_shows_in_symmetrised_entry() {
    check(
        check_hessian(
            |v| vec![2.0 * v[0] * v[1] + v[0].exp(), 0.0],
            |v| cubic_hessian(v, 0.0),
            [0.3, -1.2],
            &DEFAULT,
        ),
        expect![[r#"
        ok=false failures=1
        hessian[0, 0] ok: analytic -1.05014, numeric -1.05014
        hessian[0, 1] FAIL: analytic 0.6, numeric 0.3 (abs_err 0.3, rel_err 1.0)
        hessian[1, 1] ok: analytic 0.0, numeric 0.0"#]],
    );
}

#[test]
fn step_scales_with_large_coordinates() {
    check(
        check_gradient(
            |v| v[0].powi(3),
            |v| vec![3.0 * v[0].powi(2)],
            [1e10],
            &DEFAULT,
        ),
        expect![[r#"
        ok=true failures=0
        gradient[0] ok: analytic 3e20, numeric 3e20"#]],
    );
}

#[test]
fn step_is_absolute_near_zero() {
    check(
        check_gradient(
            |v| (1e3 * v[0]).sin(),
            |v| vec![1e3 * (1e3 * v[0]).cos()],
            [1e-9],
            &DEFAULT,
        ),
        expect![[r#"
        ok=true failures=0
        gradient[0] ok: analytic 1000.0, numeric 1000.0"#]],
    );
}

#[test]
fn atol_forgives_tiny_absolute_error_where_numeric_is_zero() {
    check(
        check_gradient(|_| 1.0, |_| vec![1e-6], [0.5], &DEFAULT),
        expect![[r#"
        ok=true failures=0
        gradient[0] ok: analytic 1e-6, numeric 0.0"#]],
    );
}

#[test]
fn nonzero_analytic_against_zero_numeric_has_infinite_rel_err() {
    check(
        check_gradient(|_| 1.0, |_| vec![0.1], [0.5], &DEFAULT),
        expect![[r#"
        ok=false failures=1
        gradient[0] FAIL: analytic 0.1, numeric 0.0 (abs_err 0.1, rel_err inf)"#]],
    );
}

#[test]
fn nan_analytic_fails() {
    check(
        check_gradient(|v| v[0] * v[0], |_| vec![f64::NAN], [1.0], &DEFAULT),
        expect![[r#"
        ok=false failures=1
        gradient[0] FAIL: analytic NaN, numeric 2.0 (abs_err NaN, rel_err NaN)"#]],
    );
}

#[test]
fn sqrt_at_zero_is_inconclusive_without_a_difference_quotient() {
    check(
        check_gradient(
            |v| v[0].sqrt(),
            |v| vec![0.5 / v[0].sqrt()],
            [0.0],
            &DEFAULT,
        ),
        expect![[r#"
            ok=false failures=0 inconclusive=1
            gradient[0] inconclusive: analytic inf, numeric NaN (no difference quotient: not a number at a step)"#]],
    );
}

#[test]
fn nan_function_has_nothing_to_check() {
    check(
        check_gradient(|_| f64::NAN, |_| vec![0.0, 0.0], [1.0, 2.0], &DEFAULT),
        expect![[r#"
            ok=false failures=0
            nothing to check: f is not finite at the point (NaN)"#]],
    );
}

#[test]
fn infinite_function_has_nothing_to_check() {
    check(
        check_gradient(
            |v| 1.0 / v[0],
            |v| vec![-1.0 / (v[0] * v[0])],
            [0.0],
            &DEFAULT,
        ),
        expect![[r#"
            ok=false failures=0
            nothing to check: f is not finite at the point (inf)"#]],
    );
}

/// `x^2 + 1e12` at 1: the values around 1e12 move by 4e-6, below their
/// rounding error, so the difference is noise that cannot judge a 2.
#[test]
fn cancellation_is_inconclusive() {
    let f = |v: &[f64]| v[0] * v[0] + 1e12;
    check(
        check_gradient(f, |v| vec![2.0 * v[0]], [1.0], &DEFAULT),
        expect![[r#"
            ok=false failures=0 inconclusive=1
            gradient[0] inconclusive: analytic 2.0, numeric 0.0 (abs_err 2.0, within rounding_err 222.0)"#]],
    );
    // A larger step resolves it.
    check(
        check_gradient(
            f,
            |v| vec![2.0 * v[0]],
            [1.0],
            &CheckOptions {
                eps: 1e-2,
                ..DEFAULT
            },
        ),
        expect![[r#"
            ok=true failures=0
            gradient[0] ok: analytic 2.0, numeric 2.00195"#]],
    );
    // Taking the values as exact turns the noise into a failure.
    check(
        check_gradient(
            f,
            |v| vec![2.0 * v[0]],
            [1.0],
            &CheckOptions {
                rounding: 0.0,
                ..DEFAULT
            },
        ),
        expect![[r#"
            ok=false failures=1
            gradient[0] FAIL: analytic 2.0, numeric 0.0 (abs_err 2.0, rel_err inf)"#]],
    );
}

/// The noisy difference still bounds the derivative: 1000 is beyond it.
#[test]
fn cancellation_does_not_hide_a_large_mistake() {
    check(
        check_gradient(|v| v[0] * v[0] + 1e12, |_| vec![1000.0], [1.0], &DEFAULT),
        expect![[r#"
            ok=false failures=1
            gradient[0] FAIL: analytic 1000.0, numeric 0.0 (abs_err 1000.0, rel_err inf)"#]],
    );
}

/// The Hessian's differences are of the gradient: `2*x + 1e12` cancels too.
#[test]
fn hessian_cancellation_is_inconclusive() {
    check(
        check_hessian(
            |v| vec![2.0 * v[0] + 1e12],
            |_| vec![vec![2.0]],
            [1.0],
            &DEFAULT,
        ),
        expect![[r#"
            ok=false failures=0 inconclusive=1
            hessian[0, 0] inconclusive: analytic 2.0, numeric 0.0 (abs_err 2.0, within rounding_err 222.0)"#]],
    );
}

/// `|x|` at 1e-7, a step of 1e-6: the central difference measures neither
/// side's slope (0.1). The one-sided ones disagree (1 and -0.8) and the
/// analytic slope is one of them: inconclusive, not a failure.
#[test]
fn kink_within_the_step_is_inconclusive() {
    check(
        check_gradient(|v| v[0].abs(), |v| vec![v[0].signum()], [1e-7], &DEFAULT),
        expect![[r#"
            ok=false failures=0 inconclusive=1
            gradient[0] inconclusive: analytic 1.0, numeric 0.1 (one-sided 1.0 and -0.8: a kink within the step)"#]],
    );
}

/// A wrong slope agrees with neither side of the kink.
#[test]
fn kink_does_not_hide_a_wrong_slope() {
    check(
        check_gradient(|v| v[0].abs(), |_| vec![-1.0], [1e-7], &DEFAULT),
        expect![[r#"
            ok=false failures=1
            gradient[0] FAIL: analytic -1.0, numeric 0.1 (abs_err 1.1, rel_err 11.0)"#]],
    );
}

/// A smaller step stays on one side of the kink, and decides.
#[test]
fn kink_outside_a_smaller_step_passes() {
    check(
        check_gradient(
            |v| v[0].abs(),
            |v| vec![v[0].signum()],
            [1e-7],
            &CheckOptions {
                eps: 1e-8,
                ..DEFAULT
            },
        ),
        expect![[r#"
            ok=true failures=0
            gradient[0] ok: analytic 1.0, numeric 1.0"#]],
    );
}

/// `max(x, 0)^2`: the gradient's kink at 0 lies within the step around
/// 3e-7, in the Hessian's column.
#[test]
fn hessian_kink_within_the_step_is_inconclusive() {
    check(
        check_hessian(
            |v| vec![2.0 * v[0].max(0.0)],
            |v| vec![vec![if v[0] > 0.0 { 2.0 } else { 0.0 }]],
            [3e-7],
            &DEFAULT,
        ),
        expect![[r#"
            ok=false failures=0 inconclusive=1
            hessian[0, 0] inconclusive: analytic 2.0, numeric 1.3 (one-sided 2.0 and 0.6: a kink within the step)"#]],
    );
}

/// `log(x)` at 1e-7: its gradient `1/x` is a number at `x - h < 0`, where
/// `log` is not. Given only the gradient, the difference reads it there and
/// fails a right Hessian; given the function too, it knows better.
#[test]
fn hessian_step_out_of_the_domain_is_inconclusive_given_the_function() {
    let gradient = |v: &[f64]| vec![1.0 / v[0]];
    let hessian = |v: &[f64]| vec![vec![-1.0 / (v[0] * v[0])]];
    check(
        check_hessian(gradient, hessian, [1e-7], &DEFAULT),
        expect![[r#"
            ok=false failures=1
            hessian[0, 0] FAIL: analytic -100000000000000.0, numeric 1010100000000.0 (abs_err 101000000000000.0, rel_err 100.0)"#]],
    );
    check(
        check_hessian_in_domain(|v| v[0].ln(), gradient, hessian, [1e-7], &DEFAULT),
        expect![[r#"
            ok=false failures=0 inconclusive=1
            hessian[0, 0] inconclusive: analytic -100000000000000.0, numeric NaN (no difference quotient: not a number at a step)"#]],
    );
    check(
        check_hessian_in_domain(|v| v[0].ln(), gradient, hessian, [-1.0], &DEFAULT),
        expect![[r#"
            ok=false failures=0
            nothing to check: f is not finite at the point (NaN)"#]],
    );
}

/// With no tolerance at all, an error at the level of rounding cannot be
/// told from a mistake.
#[test]
fn rounding_level_error_with_zero_tolerance_is_inconclusive() {
    check(
        check_gradient(
            |v| v[0].powi(3),
            |v| vec![3.0 * v[0] * v[0]],
            [2.0],
            &CheckOptions {
                rtol: 0.0,
                atol: 0.0,
                ..DEFAULT
            },
        ),
        expect![[r#"
            ok=false failures=0 inconclusive=1
            gradient[0] inconclusive: analytic 12.0, numeric 12.0 (abs_err 2.22e-10, within rounding_err 8.88e-10)"#]],
    );
}

#[test]
fn same_sign_infinities_pass() {
    check(
        check_gradient(
            |v| v[0] * 1e308 * 1e308,
            |_| vec![f64::INFINITY],
            [0.0],
            &DEFAULT,
        ),
        expect![[r#"
        ok=true failures=0
        gradient[0] ok: analytic inf, numeric inf"#]],
    );
}

#[test]
fn opposite_sign_infinities_fail() {
    check(
        check_gradient(
            |v| v[0] * 1e308 * 1e308,
            |_| vec![f64::NEG_INFINITY],
            [0.0],
            &DEFAULT,
        ),
        expect![[r#"
        ok=false failures=1
        gradient[0] FAIL: analytic -inf, numeric inf (abs_err inf, rel_err inf)"#]],
    );
}

#[test]
fn finite_analytic_against_infinite_numeric_fails() {
    check(
        check_gradient(|v| v[0] * 1e308 * 1e308, |_| vec![1e300], [0.0], &DEFAULT),
        expect![[r#"
        ok=false failures=1
        gradient[0] FAIL: analytic 1e300, numeric inf (abs_err inf, rel_err inf)"#]],
    );
}

#[test]
fn no_variables_is_an_empty_passing_report() {
    check(
        check_gradient(|_| 1.0, |_| vec![], [], &DEFAULT),
        expect![[r#"
        ok=true failures=0
    "#]],
    );
}

#[test]
fn gradient_of_wrong_length_is_an_error() {
    check(
        check_gradient(|v| v[0] + v[1], |_| vec![1.0], [1.0, 2.0], &DEFAULT),
        expect![
            "error: the gradient closure returned a vector of length 1, expected 2 (one entry per variable)"
        ],
    );
}

#[test]
fn gradient_of_wrong_length_at_perturbed_point_is_an_error() {
    check(
        check_hessian(
            |v| if v[0] == 1.0 { vec![0.0] } else { vec![] },
            |_| vec![vec![0.0]],
            [1.0],
            &DEFAULT,
        ),
        expect![
            "error: the gradient closure returned a vector of length 0, expected 1 (one entry per variable)"
        ],
    );
}

#[test]
fn hessian_with_wrong_row_count_is_an_error() {
    check(
        check_hessian(
            cubic_gradient,
            |_| vec![vec![0.0, 0.0]],
            [0.3, -1.2],
            &DEFAULT,
        ),
        expect![
            "error: the Hessian closure returned a matrix with row count 1, expected 2 (one row per variable)"
        ],
    );
}

#[test]
fn hessian_with_ragged_row_is_an_error() {
    check(
        check_hessian(
            cubic_gradient,
            |_| vec![vec![0.0, 0.0], vec![0.0]],
            [0.3, -1.2],
            &DEFAULT,
        ),
        expect!["error: row 1 of the Hessian has length 1, expected 2 (one entry per variable)"],
    );
}

#[test]
fn zero_eps_is_an_error() {
    check(
        check_gradient(
            cubic,
            cubic_gradient,
            [0.3, -1.2],
            &CheckOptions {
                eps: 0.0,
                ..DEFAULT
            },
        ),
        expect!["error: option `eps` must be finite and positive, got 0"],
    );
}

#[test]
fn nan_rtol_is_an_error() {
    check(
        check_gradient(
            cubic,
            cubic_gradient,
            [0.3, -1.2],
            &CheckOptions {
                rtol: f64::NAN,
                ..DEFAULT
            },
        ),
        expect!["error: option `rtol` must be finite and non-negative, got NaN"],
    );
}

#[test]
fn negative_atol_is_an_error() {
    check(
        check_gradient(
            cubic,
            cubic_gradient,
            [0.3, -1.2],
            &CheckOptions {
                atol: -1.0,
                ..DEFAULT
            },
        ),
        expect!["error: option `atol` must be finite and non-negative, got -1"],
    );
}

#[test]
fn negative_rounding_is_an_error() {
    check(
        check_gradient(
            cubic,
            cubic_gradient,
            [0.3, -1.2],
            &CheckOptions {
                rounding: -1.0,
                ..DEFAULT
            },
        ),
        expect!["error: option `rounding` must be finite and non-negative, got -1"],
    );
}

#[test]
fn central_difference_gradient_of_a_product() {
    let gradient = central_difference_gradient(|v| v[0] * v[1], [3.0, 4.0], 1e-6);
    approx::assert_relative_eq!(
        gradient.as_slice(),
        [4.0, 3.0].as_slice(),
        max_relative = 1e-9
    );
}

/// Only the upper triangle of the analytic Hessian is compared, so a wrong
/// lower entry goes unnoticed.
#[test]
fn hessian_lower_triangle_is_not_read() {
    check(
        check_hessian(
            cubic_gradient,
            |v| {
                let mut h = cubic_hessian(v, 0.0);
                h[1][0] = 99.0;
                h
            },
            [0.3, -1.2],
            &DEFAULT,
        ),
        expect![[r#"
        ok=true failures=0
        hessian[0, 0] ok: analytic -1.05014, numeric -1.05014
        hessian[0, 1] ok: analytic 0.6, numeric 0.6
        hessian[1, 1] ok: analytic 0.0, numeric 0.0"#]],
    );
}

/// The symbolic path: the engine's own gradient and Hessian of the course's
/// neuron pass the check; so does every suite-like expression below.
#[test]
fn symbolic_derivatives_pass_the_check() {
    let cases: [(&str, &[(&str, f64)]); 4] = [
        (
            "(sigmoid(w*x + b) - t)^2",
            &[("w", 0.5), ("x", 2.0), ("b", 0.1), ("t", 0.8)],
        ),
        ("x^2 - y^2 + x*y^3", &[("x", 0.3), ("y", -1.2)]),
        (
            "exp(-((x - mx)^2/(2*sx^2)))/(sx*sqrt(2*pi))",
            &[("x", 0.4), ("mx", 0.1), ("sx", 1.3)],
        ),
        (
            "softplus(a*x) + leaky_relu(x - 1, 0.1)",
            &[("a", 0.7), ("x", -0.4)],
        ),
    ];
    for (source, point) in cases {
        let expr = symdiff::Expr::parse(source).expect("parses");
        let vars: Vec<&str> = point.iter().map(|&(name, _)| name).collect();
        let values: Vec<f64> = point.iter().map(|&(_, value)| value).collect();
        let report = symdiff::check::check_expr(&expr, &vars, &values, &CheckOptions::default())
            .expect("checks");
        assert!(report.ok(), "{source}:\n{report}");
        let n = vars.len();
        assert_eq!(report.entries.len(), n + n * (n + 1) / 2, "{source}");
    }
}

/// Symbolic expressions: one line each, the formula, its variables and the
/// point, then the report on one line.
#[test]
fn symbolic_checks_say_what_they_could_not_check() {
    let cases: &[(&str, &[(&str, f64)])] = &[
        // The finite difference cancels: inconclusive, not a failure.
        ("x^2 + 1e12", &[("x", 1.0)]),
        // Not finite at the point: nothing to check.
        ("log(x)*y", &[("x", -1.0), ("y", 1.0)]),
        ("1/x", &[("x", 0.0)]),
        // No variables once simplified (x/x = 1): nothing to check, and no failure.
        ("x/x", &[]),
    ];
    let mut rendered = Vec::new();
    for (source, point) in cases {
        let expr = symdiff::Expr::parse(source).expect("parses");
        let vars: Vec<&str> = point.iter().map(|&(name, _)| name).collect();
        let values: Vec<f64> = point.iter().map(|&(_, value)| value).collect();
        let outcome = symdiff::check::check_expr(&expr, &vars, &values, &DEFAULT)
            .map(|report| {
                let lines = report.to_string().replace('\n', "; ");
                format!("ok={} {lines}", report.ok()).trim_end().to_owned()
            })
            .unwrap_or_else(|error| format!("error: {error}"));
        rendered.push(format!("{source}: {outcome}"));
    }
    expect![[r#"
        x^2 + 1e12: ok=false gradient[0] inconclusive: analytic 2.0, numeric 0.0 (abs_err 2.0, within rounding_err 222.0); hessian[0, 0] ok: analytic 2.0, numeric 2.0
        log(x)*y: ok=false nothing to check: f is not finite at the point (NaN)
        1/x: ok=false nothing to check: f is not finite at the point (inf)
        x/x: ok=true"#]].assert_eq(&rendered.join("\n"));
}
