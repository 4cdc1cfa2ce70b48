//! Simplification never invents a number: constants fold as IEEE 754 says,
//! and a rewrite never turns a point where the written formula is NaN into a
//! number (README, "What simplification assumes", lists the identities that
//! may). One line per case: the input, the point, and the value `eval`
//! gives, which must be the value of the formula as written.

use expect_test::expect;
use symdiff::Expr;

/// Each input evaluated at its point, one line per case.
fn table(cases: &[(&str, &[(&str, f64)])]) -> String {
    let lines: Vec<String> = cases
        .iter()
        .map(|&(input, point)| {
            let value = match Expr::parse(input) {
                Ok(expr) => match expr.eval(point) {
                    Ok(value) => format!("{value:?}"),
                    Err(error) => format!("error: {error}"),
                },
                Err(error) => format!("error: {error}"),
            };
            format!("{input} at {point:?} = {value}")
        })
        .collect();
    lines.join("\n")
}

#[test]
fn constants_fold_as_ieee_754_says() {
    expect![[r#"
        0/0 at [] = NaN
        (1/0)/(1/0) at [] = NaN
        1/0 - 1/0 at [] = NaN
        1e308*10 - 1e308*10 at [] = NaN
        sqrt(-1) - sqrt(-1) at [] = NaN
        log(0) - log(0) at [] = NaN
        (1/0)*0 at [] = NaN
        (-8)^(1/3) at [] = NaN
        1 + 1/0 at [] = inf
        exp(-1/0) at [] = 0.0
        log(0) at [] = -inf
        1/(-0.0) at [] = -inf
        1/(-0.0 + -0.0) at [] = -inf
        1/(-x - y) at [("x", 1.0), ("y", -1.0)] = inf
        x*(0/0) at [("x", 0.0)] = NaN
        x + 1/0 - 1/0 at [("x", 1.0)] = NaN"#]]
    .assert_eq(&table(&[
        ("0/0", &[]),
        ("(1/0)/(1/0)", &[]),
        ("1/0 - 1/0", &[]),
        ("1e308*10 - 1e308*10", &[]),
        ("sqrt(-1) - sqrt(-1)", &[]),
        ("log(0) - log(0)", &[]),
        ("(1/0)*0", &[]),
        ("(-8)^(1/3)", &[]),
        ("1 + 1/0", &[]),
        ("exp(-1/0)", &[]),
        ("log(0)", &[]),
        ("1/(-0.0)", &[]),
        ("1/(-0.0 + -0.0)", &[]),
        ("1/(-x - y)", &[("x", 1.0), ("y", -1.0)]),
        ("x*(0/0)", &[("x", 0.0)]),
        ("x + 1/0 - 1/0", &[("x", 1.0)]),
    ]));
}

#[test]
fn rewrites_keep_the_value_where_the_formula_has_none() {
    expect![[r#"
        x^(1/2)*x^(1/2) at [("x", -2.0)] = NaN
        sqrt(x)*sqrt(x) at [("x", -2.0)] = NaN
        (x^y)^2 at [("x", -2.0), ("y", 0.5)] = NaN
        x^y*x^y at [("x", -2.0), ("y", 0.5)] = NaN
        x^(1/3) at [("x", -8.0)] = NaN
        (x*y)^2 at [("x", 1e200), ("y", 1e-200)] = 1.0
        sqrt(x)^2 at [("x", -1.0)] = NaN
        sqrt(1 + x^2)^2 at [("x", 3.0)] = 10.0
        (-x)^3 at [("x", 2.0)] = -8.0
        (1/1e300)/(1e300*x) at [("x", NaN)] = NaN
        2*((1/1e300)/(1e300*x)) at [("x", NaN)] = NaN
        1e-300*(1e-300*x + y) - 1e-300*y at [("x", NaN), ("y", 1.0)] = NaN"#]]
    .assert_eq(&table(&[
        ("x^(1/2)*x^(1/2)", &[("x", -2.0)]),
        ("sqrt(x)*sqrt(x)", &[("x", -2.0)]),
        ("(x^y)^2", &[("x", -2.0), ("y", 0.5)]),
        ("x^y*x^y", &[("x", -2.0), ("y", 0.5)]),
        ("x^(1/3)", &[("x", -8.0)]),
        ("(x*y)^2", &[("x", 1e200), ("y", 1e-200)]),
        ("sqrt(x)^2", &[("x", -1.0)]),
        ("sqrt(1 + x^2)^2", &[("x", 3.0)]),
        ("(-x)^3", &[("x", 2.0)]),
        // Numbers whose product underflows stay factors: the product is not
        // `0*x`, and keeps the NaN of `x`.
        ("(1/1e300)/(1e300*x)", &[("x", f64::NAN)]),
        ("2*((1/1e300)/(1e300*x))", &[("x", f64::NAN)]),
        (
            "1e-300*(1e-300*x + y) - 1e-300*y",
            &[("x", f64::NAN), ("y", 1.0)],
        ),
    ]));
}

#[test]
fn the_documented_identities_apply_everywhere() {
    // `x/x = 1`, `x - x = 0` and `0*x = 0`, even where x is 0 or infinite
    // (README, "What simplification assumes").
    expect![[r#"
        x/x at [("x", 0.0)] = 1.0
        x - x at [("x", inf)] = 0.0
        0*x at [("x", inf)] = 0.0
        x^2/x^2 at [("x", 0.0)] = 1.0"#]]
    .assert_eq(&table(&[
        ("x/x", &[("x", 0.0)]),
        ("x - x", &[("x", f64::INFINITY)]),
        ("0*x", &[("x", f64::INFINITY)]),
        ("x^2/x^2", &[("x", 0.0)]),
    ]));
}

#[test]
fn large_results_stop_at_the_node_budget() {
    // A chain whose Hessian needs some thousands of nodes, under a budget of
    // 500: the derivation stops with the error, and what was built is NaN.
    let steps: Vec<String> = (1..=40)
        .map(|i| format!("a{i} = sin(a{})*y + x;", i - 1))
        .collect();
    let source = format!("a0 = x; {} a40", steps.join(" "));
    let expr = Expr::parse_with_max_nodes(&source, 500).expect("the function fits");
    let (_, hessian) = expr.gradient_and_hessian(&["x", "y"]);
    expect![[r#"
        the result needs more than 500 distinct subexpressions, the node budget; raise it with `--max-nodes N` (`Expr::set_max_nodes` in Rust) if there is memory for it, about 150 bytes a node
        NaN"#]].assert_eq(&format!(
        "{}\n{}",
        expr.check_budget().map_or_else(|error| error.to_string(), |()| "ok".to_owned()),
        hessian[1][1].eval(&[("x", 0.5), ("y", 0.5)]).map_or_else(|error| error.to_string(), |value| value.to_string()),
    ));
    // The same text under a budget too small for the function itself.
    let error = Expr::parse_with_max_nodes(&source, 50).err();
    expect!["Some(NodeBudget { max_nodes: 50 })"].assert_eq(&format!("{error:?}"));
}

#[test]
fn high_order_derivatives_keep_exact_coefficients() {
    // SymPy: d^n/dx^n sigmoid(x) at x = 1/2 (137262366336842709.655519428726
    // and -4.03950906586322085211294634977e56 to 30 digits).
    let sigmoid = Expr::parse("sigmoid(x)").expect("parses");
    for (order, expected) in [
        (30, 1.372_623_663_368_427e17),
        (64, -4.039_509_065_863_221e56),
    ] {
        let value = sigmoid
            .diff_n("x", order)
            .eval(&[("x", 0.5)])
            .expect("evaluates");
        let error = ((value - expected) / expected).abs();
        assert!(error < 1e-9, "order {order}: relative error {error:e}");
    }
    // Coefficients beyond i64 stay exact: 100!/36! has 117 digits.
    let power = Expr::parse("x^100").expect("parses").diff_n("x", 64);
    expect!["250881423732243547389597550937891267865985766806639028794893211504149631696254769750883361624497848320000000000000000*x^36"].assert_eq(&power.to_string());
    let sum = Expr::parse("9223372036854775807 + 1").expect("parses");
    expect!["9223372036854775808"].assert_eq(&sum.to_string());
}

#[test]
fn big_numbers_order_by_value() {
    // Big rationals are interned per thread; the canonical order of a sum
    // must not depend on which big number the thread met first.
    let print = |warm_up: &'static str| {
        std::thread::spawn(move || {
            let _ = Expr::parse(warm_up);
            Expr::parse("sin(3^100) + sin(3^90) + sin(3^80) + x")
                .expect("parses")
                .to_string()
        })
        .join()
        .expect("the thread ends")
    };
    assert_eq!(print("3^80 + 3^90 + 3^100"), print("3^100 + 3^90 + 3^80"));
}

/// An input, the variable to differentiate by and the point.
type DerivativeCase<'a> = (&'a str, &'a str, &'a [(&'a str, f64)]);

/// Each input's derivative by `var` evaluated at its point, one line per
/// case.
fn derivative_table(cases: &[DerivativeCase<'_>]) -> String {
    let lines: Vec<String> = cases
        .iter()
        .map(|&(input, var, point)| {
            let value = match Expr::parse(input) {
                Ok(expr) => match expr.diff(var).eval(point) {
                    Ok(value) => format!("{value:?}"),
                    Err(error) => format!("error: {error}"),
                },
                Err(error) => format!("error: {error}"),
            };
            format!("d/d{var} {input} at {point:?} = {value}")
        })
        .collect();
    lines.join("\n")
}

/// The functions of the table at the edges of their domains: exact folds
/// (`cbrt(-8)` is -2), infinities where IEEE arithmetic gives them, and NaN
/// where the formula has no value (`gelu`, `silu` and `softsign` at the
/// infinities compute `inf/inf` or `inf*0`, as PyTorch's formulas do).
#[test]
fn the_functions_of_the_table_at_their_domain_edges() {
    expect![[r#"
        cbrt(-8) at [] = -2.0
        cbrt(x) at [("x", -8.0)] = -2.0
        cbrt(27/8) at [] = 1.5
        log1p(-1) at [] = -inf
        log1p(x) at [("x", -2.0)] = NaN
        expm1(x) at [("x", 1e-10)] = 1.00000000005e-10
        softsign(3) at [] = 0.75
        hypot(3, 4) at [] = 5.0
        hypot(x, x) at [("x", 1e300)] = 1.4142135623730952e300
        atan2(0, -1) at [] = 3.141592653589793
        log(8, 2) at [] = 3.0
        log(1, 1) at [] = NaN
        1/log(1, 1/2) at [] = -inf
        erf(1/0) at [] = 1.0
        gelu(-1/0) at [] = NaN
        silu(-1/0) at [] = NaN
        softsign(1/0) at [] = NaN
        elu(x, 2) at [("x", NaN)] = NaN"#]]
    .assert_eq(&table(&[
        ("cbrt(-8)", &[]),
        ("cbrt(x)", &[("x", -8.0)]),
        ("cbrt(27/8)", &[]),
        ("log1p(-1)", &[]),
        ("log1p(x)", &[("x", -2.0)]),
        ("expm1(x)", &[("x", 1e-10)]),
        ("softsign(3)", &[]),
        ("hypot(3, 4)", &[]),
        ("hypot(x, x)", &[("x", 1e300)]),
        ("atan2(0, -1)", &[]),
        ("log(8, 2)", &[]),
        ("log(1, 1)", &[]),
        ("1/log(1, 1/2)", &[]),
        ("erf(1/0)", &[]),
        ("gelu(-1/0)", &[]),
        ("silu(-1/0)", &[]),
        ("softsign(1/0)", &[]),
        ("elu(x, 2)", &[("x", f64::NAN)]),
    ]));
}

/// Derivatives at the same edges: `cbrt'(0)` and `log1p'(-1)` are infinite,
/// `atan2` and `hypot` have none at the origin, and `elu`'s branch that is
/// not taken (`alpha*exp(x)` overflows for large x) never reaches the value.
#[test]
fn derivatives_of_the_table_at_their_domain_edges() {
    expect![[r#"
        d/dx cbrt(x) at [("x", 0.0)] = inf
        d/dx cbrt(x) at [("x", -8.0)] = 0.08333333333333333
        d/dx log1p(x) at [("x", -1.0)] = inf
        d/dx atan2(y, x) at [("x", 0.0), ("y", 0.0)] = NaN
        d/dx hypot(x, y) at [("x", 0.0), ("y", 0.0)] = NaN
        d/dx elu(x, a) at [("x", 1000.0), ("a", 1.0)] = 1.0
        d/da elu(x, a) at [("x", 1000.0), ("a", 1.0)] = 0.0
        d/dx elu(x, a) at [("x", 0.0), ("a", 0.5)] = 0.5
        d/dx elu(x, a) at [("x", NaN), ("a", 0.5)] = NaN
        d/dx gelu(x) at [("x", 0.0)] = 0.5
        d/dx silu(x) at [("x", 0.0)] = 0.5"#]]
    .assert_eq(&derivative_table(&[
        ("cbrt(x)", "x", &[("x", 0.0)]),
        ("cbrt(x)", "x", &[("x", -8.0)]),
        ("log1p(x)", "x", &[("x", -1.0)]),
        ("atan2(y, x)", "x", &[("x", 0.0), ("y", 0.0)]),
        ("hypot(x, y)", "x", &[("x", 0.0), ("y", 0.0)]),
        ("elu(x, a)", "x", &[("x", 1000.0), ("a", 1.0)]),
        ("elu(x, a)", "a", &[("x", 1000.0), ("a", 1.0)]),
        ("elu(x, a)", "x", &[("x", 0.0), ("a", 0.5)]),
        ("elu(x, a)", "x", &[("x", f64::NAN), ("a", 0.5)]),
        ("gelu(x)", "x", &[("x", 0.0)]),
        ("silu(x)", "x", &[("x", 0.0)]),
    ]));
}

#[test]
fn the_reference_evaluator_agrees_with_the_tape_at_the_edges() {
    // `Expr::eval` (what `explain` shows) and the compiled tape (what `eval`,
    // `grad` and the generated code compute) give the same bits: `x^(1/2)`
    // is `sqrt(x)`, a negative power divides, and a quotient divides rather
    // than multiplying by an overflowing reciprocal, also one kept as a
    // product of reciprocals (`1/(y*(y + 1))`). Folding a float agrees as
    // well (an exact rational folds to its correctly rounded value, as the
    // README says numbers stay exact).
    let edges = [
        0.0,
        -0.0,
        4.0,
        -4.0,
        1e-310,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
    ];
    let cases = [
        "x^(1/2)",
        "x^(-1/2)",
        "sqrt(x)",
        "1/sqrt(x)",
        "x^(-3)",
        "x^0.7",
        "x/y",
        "3*x*y^-2",
        "x*(1/(y*(y + 1)))",
    ];
    for case in cases {
        let expr = Expr::parse(case).expect("parses");
        let tape = Expr::compile(std::slice::from_ref(&expr), &["x", "y"]).expect("compiles");
        for x in edges {
            for y in [1e-310, -0.0, 2.0] {
                let reference = expr.eval(&[("x", x), ("y", y)]).expect("evaluates");
                let mut computed = [0.0];
                tape.eval(&[x, y], &mut computed).expect("evaluates");
                assert!(
                    reference.to_bits() == computed[0].to_bits()
                        || reference.is_nan() && computed[0].is_nan(),
                    "{case} at x = {x:?}, y = {y:?}: {reference:?} against the tape's {:?}",
                    computed[0]
                );
                if case.contains('y') {
                    continue;
                }
                let folded = Expr::parse(&case.replace('x', &format!("({})", literal(x))))
                    .and_then(|constant| constant.eval(&[]));
                let folded = folded.expect("folds");
                assert!(
                    folded.to_bits() == reference.to_bits()
                        || folded.is_nan() && reference.is_nan(),
                    "{case} folded at x = {x:?}: {folded:?} against {reference:?}"
                );
            }
        }
    }
}

/// `value` as the syntax writes it (`1/0` for infinity, `0/0` for NaN).
fn literal(value: f64) -> String {
    match value {
        value if value.is_nan() => "0/0".to_owned(),
        f64::INFINITY => "1/0".to_owned(),
        f64::NEG_INFINITY => "-1/0".to_owned(),
        value if value == 0.0 && value.is_sign_negative() => "-0.0".to_owned(),
        value => format!("{value:e}"),
    }
}

#[test]
fn signed_zeros_that_the_canonical_form_does_not_keep() {
    // README, "What simplification assumes": `x + 0 = x`, `0 - x = -x` and
    // sums of zeros may change a zero's sign, and an exact zero has none.
    expect![[r#"
        1/(x + 0) at [("x", -0.0)] = -inf
        1/(0 - x) at [("x", 0.0)] = -inf
        1/(-x - y) at [("x", 0.0), ("y", 0.0)] = -inf
        1/(0*-1) at [] = inf
        1/(-0.0) at [] = -inf
        1/(-x) at [("x", 0.0)] = -inf"#]]
    .assert_eq(&table(&[
        ("1/(x + 0)", &[("x", -0.0)]),
        ("1/(0 - x)", &[("x", 0.0)]),
        ("1/(-x - y)", &[("x", 0.0), ("y", 0.0)]),
        ("1/(0*-1)", &[]),
        ("1/(-0.0)", &[]),
        ("1/(-x)", &[("x", 0.0)]),
    ]));
}
