//! Property tests: printed trees parse back to themselves, and no input makes
//! the parser panic. The second property is the same check that the fuzz
//! target runs (`symdiff_parser::fuzzing::check_roundtrip`).

use proptest::prelude::*;
use proptest::sample::select;
use symdiff_parser::fuzzing::{check_roundtrip, tree};
use symdiff_parser::{AddOp, ExprId, MulOp, Program, ProgramBuilder, Span, UnaryOp, parse};

/// A tree as the strategies generate it, built into a [`Program`] by
/// [`build`].
#[derive(Clone, Debug)]
enum Tree {
    Number(&'static str),
    Name(&'static str),
    Unary(UnaryOp, Box<Tree>),
    Sum(Box<Tree>, Vec<(AddOp, Tree)>),
    Product(Box<Tree>, Vec<(MulOp, Tree)>),
    Power(Box<Tree>, Box<Tree>),
    Call(&'static str, Vec<Tree>),
}

/// Adds `tree` to `builder`, children first.
fn build(builder: &mut ProgramBuilder<'static>, tree: &Tree) -> ExprId {
    let span = Span::default();
    match tree {
        Tree::Number(text) => builder.number(text, span),
        Tree::Name(name) => builder.name(name, span),
        Tree::Unary(op, operand) => {
            let operand = build(builder, operand);
            builder.unary(*op, operand, span)
        }
        Tree::Sum(first, rest) => {
            let first = build(builder, first);
            let rest: Vec<(AddOp, ExprId)> = rest
                .iter()
                .map(|(op, term)| (*op, build(builder, term)))
                .collect();
            builder.sum(first, &rest, span)
        }
        Tree::Product(first, rest) => {
            let first = build(builder, first);
            let rest: Vec<(MulOp, ExprId)> = rest
                .iter()
                .map(|(op, factor)| (*op, build(builder, factor)))
                .collect();
            builder.product(first, &rest, span)
        }
        Tree::Power(base, exponent) => {
            let base = build(builder, base);
            let exponent = build(builder, exponent);
            builder.power(base, exponent, span)
        }
        Tree::Call(name, args) => {
            let args: Vec<ExprId> = args.iter().map(|arg| build(builder, arg)).collect();
            builder.call(name, span, &args, span)
        }
    }
}

fn leaf() -> impl Strategy<Value = Tree> {
    prop_oneof![
        select(vec!["x", "y", "w_1", "_b", "pi"]).prop_map(Tree::Name),
        select(vec!["2", "0.5", ".5", "1e-3", "2.5E+4", "10"]).prop_map(Tree::Number),
    ]
}

fn arb_expr() -> impl Strategy<Value = Tree> {
    leaf().prop_recursive(6, 48, 4, |inner| {
        let add_op = prop_oneof![Just(AddOp::Add), Just(AddOp::Sub)];
        let mul_op = prop_oneof![Just(MulOp::Mul), Just(MulOp::Div)];
        let unary_op = prop_oneof![Just(UnaryOp::Neg), Just(UnaryOp::Plus)];
        prop_oneof![
            (unary_op, inner.clone()).prop_map(|(op, operand)| Tree::Unary(op, Box::new(operand))),
            (
                inner.clone(),
                prop::collection::vec((add_op, inner.clone()), 1..4)
            )
                .prop_map(|(first, rest)| Tree::Sum(Box::new(first), rest)),
            (
                inner.clone(),
                prop::collection::vec((mul_op, inner.clone()), 1..4)
            )
                .prop_map(|(first, rest)| Tree::Product(Box::new(first), rest)),
            (inner.clone(), inner.clone())
                .prop_map(|(base, exponent)| Tree::Power(Box::new(base), Box::new(exponent))),
            (
                select(vec!["sin", "max", "leaky_relu"]),
                prop::collection::vec(inner, 1..3)
            )
                .prop_map(|(name, args)| Tree::Call(name, args)),
        ]
    })
}

fn arb_program() -> impl Strategy<Value = Program<'static>> {
    (prop::collection::vec(arb_expr(), 0..3), arb_expr()).prop_map(|(values, body)| {
        let names = ["d0", "d1", "d2"];
        let mut builder = ProgramBuilder::new();
        for (name, value) in names.iter().zip(&values) {
            let value = build(&mut builder, value);
            builder.define(name, Span::default(), value);
        }
        let body = build(&mut builder, &body);
        builder.finish(body)
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
