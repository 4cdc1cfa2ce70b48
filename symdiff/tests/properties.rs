//! Property tests over random expressions, all through the one shared check
//! in `symdiff::consistency` (the fuzz target calls it too).

use proptest::prelude::*;

/// The comparisons of a `where`.
fn comparison() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("<"), Just("<="), Just(">"), Just(">=")]
}

/// Random expressions in x, y, z from the grammar: numbers, variables, the
/// four operations, powers with small exponents, and calls of the smooth
/// functions (kinked ones appear too, and `where`; the check skips
/// ill-conditioned points).
fn expression() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("x".to_owned()),
        Just("y".to_owned()),
        Just("z".to_owned()),
        (1u32..6).prop_map(|n| n.to_string()),
        Just("0.5".to_owned()),
        Just("pi".to_owned()),
    ];
    leaf.prop_recursive(5, 40, 3, |inner| {
        let function = prop_oneof![
            Just("sin"),
            Just("cos"),
            Just("tanh"),
            Just("exp"),
            Just("sigmoid"),
            Just("atan"),
            Just("softplus"),
            Just("relu"),
            Just("abs"),
            Just("sinh"),
            Just("log"),
            Just("sqrt"),
            Just("erf"),
            Just("gelu"),
            Just("silu"),
            Just("softsign"),
            Just("log1p"),
            Just("expm1"),
            Just("cbrt"),
        ];
        let binary = prop_oneof![
            Just("max"),
            Just("atan2"),
            Just("hypot"),
            Just("elu"),
            Just("log"),
        ];
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} + {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} - {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} * {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} / {b})")),
            (inner.clone(), -3i32..4).prop_map(|(a, n)| format!("({a})^({n})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a})^({b})")),
            (binary, inner.clone(), inner.clone()).prop_map(|(f, a, b)| format!("{f}({a}, {b})")),
            (
                (inner.clone(), comparison(), inner.clone()),
                inner.clone(),
                inner.clone()
            )
                .prop_map(|((l, op, r), a, b)| format!("where({l} {op} {r}, {a}, {b})")),
            inner.clone().prop_map(|a| format!("-({a})")),
            (function, inner).prop_map(|(f, a)| format!("{f}({a})")),
        ]
    })
}

/// Random expressions in which every variable is written once (`x1`, `x2`,
/// … in order) and no literal is zero, so that no identity of "What
/// simplification assumes" can apply; constants include infinities and NaN.
fn single_use_expression() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        4 => Just("V".to_owned()),
        1 => (1u32..4).prop_map(|n| n.to_string()),
        1 => Just("0.5".to_owned()),
        1 => Just("(1/0)".to_owned()),
        1 => Just("(-1/0)".to_owned()),
        1 => Just("(0/0)".to_owned()),
        1 => Just("1e300".to_owned()),
        1 => Just("(-8)".to_owned()),
    ];
    let tree = leaf.prop_recursive(5, 32, 3, |inner| {
        let function = prop_oneof![
            Just("sin"),
            Just("exp"),
            Just("log"),
            Just("sqrt"),
            Just("tanh"),
            Just("abs"),
            Just("relu"),
            Just("sigmoid"),
            Just("atan"),
            Just("cosh"),
            Just("erf"),
            Just("gelu"),
            Just("silu"),
            Just("softsign"),
            Just("log1p"),
            Just("expm1"),
            Just("cbrt"),
        ];
        let binary = prop_oneof![Just("atan2"), Just("hypot"), Just("elu"), Just("log")];
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} + {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} - {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} * {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} / {b})")),
            (inner.clone(), -3i32..4).prop_map(|(a, n)| format!("({a})^({n})")),
            (
                inner.clone(),
                prop_oneof![Just("1/2"), Just("1/3"), Just("3/2"), Just("-1/2")]
            )
                .prop_map(|(a, q)| format!("({a})^({q})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a})^({b})")),
            (
                (inner.clone(), comparison(), inner.clone()),
                inner.clone(),
                inner.clone()
            )
                .prop_map(|((l, op, r), a, b)| format!("where({l} {op} {r}, {a}, {b})")),
            inner.clone().prop_map(|a| format!("-({a})")),
            (binary, inner.clone(), inner.clone()).prop_map(|(f, a, b)| format!("{f}({a}, {b})")),
            (function, inner).prop_map(|(f, a)| format!("{f}({a})")),
        ]
    });
    tree.prop_map(|text| {
        let mut count = 0;
        text.split('V')
            .enumerate()
            .map(|(index, piece)| match index {
                0 => piece.to_owned(),
                _ => {
                    count += 1;
                    format!("x{count}{piece}")
                }
            })
            .collect()
    })
}

/// Points of the edge cases: zeros, infinities, NaN, negative values and
/// extremes, with ordinary values among them.
fn edge_point() -> impl Strategy<Value = Vec<f64>> {
    let value = prop_oneof![
        Just(0.0),
        Just(-0.0),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(f64::NAN),
        Just(-2.0),
        Just(1e300),
        Just(-1e-300),
        Just(f64::MAX),
        Just(f64::MIN_POSITIVE),
        -3.0..3.0f64,
    ];
    proptest::collection::vec(value, 12)
}

fn point() -> impl Strategy<Value = Vec<f64>> {
    proptest::collection::vec(-2.0..2.0f64, 3)
}

proptest! {
    // 400 cases by default (about half a second); PROPTEST_CASES runs more.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(400),
        ..ProptestConfig::default()
    })]

    #[test]
    fn simplification_never_invents_a_value(source in single_use_expression(), at in edge_point()) {
        if let Err(inconsistency) = symdiff::consistency::check_never_invents(&source, &at) {
            panic!("{source:?} at {at:?}: {}", inconsistency.0);
        }
    }

    #[test]
    fn random_expressions_are_consistent(source in expression(), at in point()) {
        if let Err(inconsistency) = symdiff::consistency::check(&source, &at) {
            prop_assert!(false, "{source} at {at:?}: {}", inconsistency.0);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(source in "[xyz0-9.+*/^() ,;=a-z_-]{0,40}") {
        // Whatever the text, the check returns instead of panicking.
        let _ = symdiff::consistency::check(&source, &[0.3, -0.7, 1.1]);
    }
}

proptest! {
    // Chains are up to 2,000 steps deep: a few per run (PROPTEST_CASES / 50).
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse::<u32>().ok()).map_or(4, |n| n / 50 + 1),
        max_shrink_iters: 64,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_deep_chains_are_consistent(
        steps in proptest::collection::vec(any::<u8>(), 1..2000),
        at in point(),
    ) {
        let source = symdiff::consistency::chain_source(&steps);
        if let Err(inconsistency) = symdiff::consistency::check(&source, &at) {
            prop_assert!(false, "chain {steps:?} at {at:?}: {}", inconsistency.0);
        }
    }
}

/// Inputs the fuzz targets found, each with its point: they pass the same
/// check for good.
#[test]
fn fuzz_findings_stay_fixed() {
    let findings: &[(&str, &[f64])] = &[
        // A rational beyond i64 printed as digits the parser must read back.
        ("80/5^558", &[0.0, -0.359375, 1.984375]),
        // A coefficient beyond the f64 range is exact, not an overflow
        // (which looped between `mul` and `finish_product`).
        ("555/tanh55II*5^.581/5^558", &[0.0, 0.0, 0.0]),
        ("510^-40-40^-511", &[-1.25, -0.53125, -0.421875]),
        // Exact, 40^-511 is not 0: 0 to its power is 0, where f64 says 1.
        ("0^40^-511", &[-1.1875, -0.53125, -1.296875]),
        // NaN at m = 0, where the printed m^(1 + p) is infinite.
        ("-pWp-m*-m^p-m^z44^t", &[-1.171875, 0.0, -0.25]),
        // A singular point: one derivative path reaches -inf, the other NaN.
        (
            "p--p-e-p--p-e-m^p-e^z2z3r^zp-mr^tm^p-k-ppp-m4pp-m-ppp-m4pp-m-m4^-m-m4^-mte^z2z3r^zp-mr^t",
            &[0.0, -1.171875, 0.0],
        ),
        // The forward sweep multiplied log(0) by a nest of `max`'s conditions
        // that is 0 there (NaN), where the reverse sweep kept the 0 branch.
        ("((x / sin(1)))^((max(x, max(x, 1)))^(1))", &[0.0, 0.0, 0.0]),
        // elu's partial in alpha is 0 for x > 0: the forward sweep kept it
        // outside sqrt(y)'s infinite derivative at y = 0 (0*inf, NaN).
        ("elu(x, (y)^(0.5))", &[1.1485197669396696, 0.0, 0.0]),
        // Found by the property test: the function is infinite at x = 1/16
        // (log(x, x) is 1), and its derivative multiplies that infinity by
        // a rounding residue in the DAG's order, by an exact 0 in the tape's:
        // -inf against NaN, neither a value.
        ("log(2, log(x, x))", &[0.062480411846700154, 0.0, 0.0]),
        // Found by the property test: log(1, 1/2) is -0 in IEEE arithmetic;
        // folded to an exact 0, x/0 had the wrong infinity, and the
        // condition took the other branch.
        (
            "where(x < (x / log(1, 0.5)), x, y)",
            &[-1.6992683632168473, 0.0, 0.0],
        ),
        // Found by the property test: the condition's sides are equal up to
        // rounding, `(pi + x) - pi` just below x in IEEE arithmetic, equal
        // once simplified: a tie decided by rounding is not compared.
        (
            "where(((pi + x) - pi) < where(x < 1, x, x), x, y)",
            &[0.9431496423740723, 0.0, 0.0],
        ),
    ];
    for &(source, at) in findings {
        if let Err(inconsistency) = symdiff::consistency::check(source, at) {
            panic!("{source:?} at {at:?}: {}", inconsistency.0);
        }
    }
}

/// Cases the never-invents property found, kept as regressions.
#[test]
fn never_invents_findings_stay_fixed() {
    let findings: &[(&str, &[f64])] = &[
        // `x3/x4` overflows as written, so `x2/(x3/x4)` is inf/inf = NaN;
        // reassociated as `x2*x4/x3` it is infinite, never a finite number.
        (
            "x1^(-1) + x2/(x3/x4)",
            &[f64::MAX, f64::INFINITY, f64::MAX, f64::MIN_POSITIVE],
        ),
        // `x2/x3` underflows to 0 as written, so `x1/(x2/x3)` is 0/0 = NaN at
        // x1 = 0; reassociated as `x1*x3/x2` it is 0, its exact value.
        ("x1/(x2/x3)", &[0.0, f64::MIN_POSITIVE, f64::MAX]),
        // `1e300*(x1*x2)` is -1e300 as written, its square root NaN; the
        // reference evaluation multiplied the coefficient first, overflowed
        // to -inf, and `(-inf)^(1/2)` is inf. It multiplies it last now, as
        // the tape does.
        ("((1e300 * (x1 * x2)))^(1/2)", &[1e300, -1e-300]),
    ];
    for &(source, at) in findings {
        if let Err(inconsistency) = symdiff::consistency::check_never_invents(source, at) {
            panic!("{source:?} at {at:?}: {}", inconsistency.0);
        }
    }
}
