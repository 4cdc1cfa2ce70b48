//! Property tests: printed trees parse back to themselves, and no input makes
//! the parser panic. The second property is the same check that the fuzz
//! target runs (`symdiff_parser::fuzzing::check_roundtrip`).

use proptest::prelude::*;
use proptest::sample::select;
use symdiff_parser::fuzzing::{check_roundtrip, tree};
use symdiff_parser::{AddOp, Definition, Expr, ExprKind, MulOp, Program, Span, UnaryOp, parse};

fn node(kind: ExprKind<'static>) -> Expr<'static> {
    Expr {
        kind,
        span: Span::default(),
    }
}

fn leaf() -> impl Strategy<Value = Expr<'static>> {
    prop_oneof![
        select(vec!["x", "y", "w_1", "_b", "pi"]).prop_map(|name| node(ExprKind::Name(name))),
        select(vec!["2", "0.5", ".5", "1e-3", "2.5E+4", "10"])
            .prop_map(|number| node(ExprKind::Number(number))),
    ]
}

fn arb_expr() -> impl Strategy<Value = Expr<'static>> {
    leaf().prop_recursive(6, 48, 4, |inner| {
        let add_op = prop_oneof![Just(AddOp::Add), Just(AddOp::Sub)];
        let mul_op = prop_oneof![Just(MulOp::Mul), Just(MulOp::Div)];
        let unary_op = prop_oneof![Just(UnaryOp::Neg), Just(UnaryOp::Plus)];
        prop_oneof![
            (unary_op, inner.clone()).prop_map(|(op, operand)| node(ExprKind::Unary {
                op,
                operand: Box::new(operand),
            })),
            (
                inner.clone(),
                prop::collection::vec((add_op, inner.clone()), 1..4)
            )
                .prop_map(|(first, rest)| node(ExprKind::Sum {
                    first: Box::new(first),
                    rest,
                })),
            (
                inner.clone(),
                prop::collection::vec((mul_op, inner.clone()), 1..4)
            )
                .prop_map(|(first, rest)| node(ExprKind::Product {
                    first: Box::new(first),
                    rest,
                })),
            (inner.clone(), inner.clone()).prop_map(|(base, exponent)| node(ExprKind::Power {
                base: Box::new(base),
                exponent: Box::new(exponent),
            })),
            (
                select(vec!["sin", "max", "leaky_relu"]),
                prop::collection::vec(inner, 1..3)
            )
                .prop_map(|(name, args)| node(ExprKind::Call {
                    name,
                    name_span: Span::default(),
                    args,
                })),
        ]
    })
}

fn arb_program() -> impl Strategy<Value = Program<'static>> {
    (prop::collection::vec(arb_expr(), 0..3), arb_expr()).prop_map(|(values, body)| {
        let names = ["d0", "d1", "d2"];
        let definitions = names
            .iter()
            .zip(values)
            .map(|(name, value)| Definition {
                name,
                name_span: Span::default(),
                value,
            })
            .collect();
        Program { definitions, body }
    })
}

/// Source-like strings: tokens of the grammar, mistakes and stray characters.
fn arb_source() -> impl Strategy<Value = String> {
    let tokens = vec![
        "x", "y1", "_", "2", ".5", "0.5", "1e-3", "2E+4", "e", "E", "+", "-", "*", "/", "^", "**",
        "(", ")", ",", ";", "=", " ", "\t", "\n", "sin(", "max(", "z = ", "1e", "1.2.3", ".", "#",
        "α", "\0",
    ];
    prop::collection::vec(select(tokens), 0..24).prop_map(|tokens| tokens.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn printed_trees_parse_back_to_themselves(program in arb_program()) {
        let printed = program.to_string();
        let reparsed = match parse(&printed) {
            Ok(reparsed) => reparsed,
            Err(error) => panic!("{printed:?} does not parse:\n{error}"),
        };
        prop_assert_eq!(tree(&reparsed), tree(&program), "printed as {}", printed);
        prop_assert_eq!(reparsed.to_string(), printed);
    }

    #[test]
    fn token_soup_never_panics(source in arb_source()) {
        check_roundtrip(&source);
    }

    #[test]
    fn character_soup_never_panics(source in "[0-9a-zA-Z_+\\-*/^().,;= \t\neE#α\0]{0,40}") {
        check_roundtrip(&source);
    }
}
