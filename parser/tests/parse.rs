//! Parsing and printing, one line per case: the snapshot shows the tree
//! (fully parenthesised) and the canonical printed text.

use expect_test::{Expect, expect};
use symdiff_parser::fuzzing::{check_roundtrip, tree};
use symdiff_parser::{ExprId, ExprKind, Program, parse, parse_expr};

fn check(input: &str, expect: Expect) {
    let actual = match parse(input) {
        Ok(program) => {
            check_roundtrip(input);
            format!("{}\n{program}", tree(&program))
        }
        Err(error) => format!("{error}"),
    };
    expect.assert_eq(&actual);
}

#[test]
fn numbers() {
    check(
        "2",
        expect![[r#"
        2
        2"#]],
    );
    check(
        "0.5",
        expect![[r#"
        0.5
        0.5"#]],
    );
    check(
        ".5",
        expect![[r#"
        .5
        .5"#]],
    );
    check(
        "1e-3",
        expect![[r#"
        1e-3
        1e-3"#]],
    );
    check(
        "2.5E+4",
        expect![[r#"
        2.5E+4
        2.5E+4"#]],
    );
    check(
        "12e3*x",
        expect![[r#"
        (12e3 * x)
        12e3*x"#]],
    );
}

#[test]
fn names_and_calls() {
    check(
        "x",
        expect![[r#"
        x
        x"#]],
    );
    check(
        "_w1_b",
        expect![[r#"
        _w1_b
        _w1_b"#]],
    );
    check(
        "max(a, b)",
        expect![[r#"
        max(a, b)
        max(a, b)"#]],
    );
    check(
        "leaky_relu(x,0.01)",
        expect![[r#"
        leaky_relu(x, 0.01)
        leaky_relu(x, 0.01)"#]],
    );
    check(
        "sin (x)",
        expect![[r#"
        sin(x)
        sin(x)"#]],
    );
    check(
        "f(g(h(x)), y + 1)",
        expect![[r#"
        f(g(h(x)), (y + 1))
        f(g(h(x)), y + 1)"#]],
    );
}

#[test]
fn precedence() {
    check(
        "a + b*c",
        expect![[r#"
        (a + (b * c))
        a + b*c"#]],
    );
    check(
        "a*b + c",
        expect![[r#"
        ((a * b) + c)
        a*b + c"#]],
    );
    check(
        "2^3^2",
        expect![[r#"
        (2 ^ (3 ^ 2))
        2^3^2"#]],
    );
    check(
        "2**3**2",
        expect![[r#"
        (2 ^ (3 ^ 2))
        2^3^2"#]],
    );
    check(
        "2^3**2",
        expect![[r#"
        (2 ^ (3 ^ 2))
        2^3^2"#]],
    );
    check(
        "-x^2",
        expect![[r#"
        (-(x ^ 2))
        -x^2"#]],
    );
    check(
        "2^-x",
        expect![[r#"
        (2 ^ (-x))
        2^-x"#]],
    );
    check(
        "2^-x^2*y",
        expect![[r#"
        ((2 ^ (-(x ^ 2))) * y)
        2^-x^2*y"#]],
    );
    check(
        "-a*b",
        expect![[r#"
        ((-a) * b)
        -a*b"#]],
    );
    check(
        "a * -b",
        expect![[r#"
        (a * (-b))
        a*-b"#]],
    );
    check(
        "a - -b",
        expect![[r#"
        (a - (-b))
        a - -b"#]],
    );
    check(
        "a+-+b",
        expect![[r#"
        (a + (-(+b)))
        a + -+b"#]],
    );
    check(
        "a - b - c",
        expect![[r#"
        (a - b - c)
        a - b - c"#]],
    );
    check(
        "a / b / c * d",
        expect![[r#"
        (a / b / c * d)
        a/b/c*d"#]],
    );
}

#[test]
fn parentheses_kept_only_where_needed() {
    check(
        "(-x)^2",
        expect![[r#"
        ((-x) ^ 2)
        (-x)^2"#]],
    );
    check(
        "(a^b)^c",
        expect![[r#"
        ((a ^ b) ^ c)
        (a^b)^c"#]],
    );
    check(
        "a - (b - c)",
        expect![[r#"
        (a - (b - c))
        a - (b - c)"#]],
    );
    check(
        "(a - b) - c",
        expect![[r#"
        ((a - b) - c)
        (a - b) - c"#]],
    );
    check(
        "a/(b*c)",
        expect![[r#"
        (a / (b * c))
        a/(b*c)"#]],
    );
    check(
        "(a*b)*c",
        expect![[r#"
        ((a * b) * c)
        (a*b)*c"#]],
    );
    check(
        "((x))",
        expect![[r#"
        x
        x"#]],
    );
    check(
        "(a + b)*(c - d)",
        expect![[r#"
        ((a + b) * (c - d))
        (a + b)*(c - d)"#]],
    );
    check(
        "-(a + b)",
        expect![[r#"
        (-(a + b))
        -(a + b)"#]],
    );
    check(
        "-(a*b)",
        expect![[r#"
        (-(a * b))
        -(a*b)"#]],
    );
    check(
        "2^(a*b)",
        expect![[r#"
        (2 ^ (a * b))
        2^(a*b)"#]],
    );
    check(
        "f(x)^2",
        expect![[r#"
        (f(x) ^ 2)
        f(x)^2"#]],
    );
}

#[test]
fn whitespace() {
    check(
        " \t\n x\n*\ty \r\n",
        expect![[r#"
        (x * y)
        x*y"#]],
    );
    check(
        "x ^ 2 ** 3",
        expect![[r#"
        (x ^ (2 ^ 3))
        x^2^3"#]],
    );
}

#[test]
fn definitions() {
    check(
        "z = w*x + b; y = sigmoid(z); (y - t)^2",
        expect![[r#"
        z = ((w * x) + b); y = sigmoid(z); ((y - t) ^ 2)
        z = w*x + b; y = sigmoid(z); (y - t)^2"#]],
    );
    check(
        "a=1;b=a;\na*b",
        expect![[r#"
        a = 1; b = a; (a * b)
        a = 1; b = a; a*b"#]],
    );
}

/// The spans of a call, a parenthesised group and a definition.
#[test]
fn spans() {
    let program = match parse("z = (a + b); max(z, 2)") {
        Ok(program) => program,
        Err(error) => panic!("{error}"),
    };
    let describe = |program: &Program<'_>, id: ExprId| {
        let span = program.expr(id).span;
        format!("{}..{}", span.start, span.end)
    };
    let ExprKind::Call {
        name_span, args, ..
    } = program.expr(program.body()).kind
    else {
        panic!("not a call")
    };
    let args = program.args(args);
    let definition = program.definitions()[0];
    let actual = format!(
        "def {:?} value {}; body {} name {:?} args {} {}",
        definition.name_span,
        describe(&program, definition.value),
        describe(&program, program.body()),
        name_span,
        describe(&program, args[0]),
        describe(&program, args[1]),
    );
    expect![[r#"def Span { start: 0, end: 1 } value 4..11; body 13..22 name Span { start: 13, end: 16 } args 17..18 20..21"#]]
        .assert_eq(&actual);
}

#[test]
fn lone_expression() {
    let actual = match parse_expr(" x + 1 ") {
        Ok(expr) => expr.to_string(),
        Err(error) => error.to_string(),
    };
    expect!["x + 1"].assert_eq(&actual);
    let actual = match parse_expr("z = 1; z") {
        Ok(expr) => expr.to_string(),
        Err(error) => error.to_string(),
    };
    expect![[r#"
        error: expected end of input, found `=`
         --> <input>:1:3
          |
        1 | z = 1; z
          |   ^
          |
          = help: only a single name can be defined, as in `z = w*x; z^2`"#]]
    .assert_eq(&actual);
}

/// A comparison is an argument of a call, the loosest operator there, and
/// prints back with its sides grouped only where they must be.
#[test]
fn comparisons_in_calls() {
    check(
        "where(x > 0, x, 0)",
        expect![[r#"
        where((x > 0), x, 0)
        where(x > 0, x, 0)"#]],
    );
    check(
        "where(a + b <= c*d, 1, 2)",
        expect![[r#"
        where(((a + b) <= (c * d)), 1, 2)
        where(a + b <= c*d, 1, 2)"#]],
    );
    check(
        "where(-x >= y^2, x, y)",
        expect![[r#"
        where(((-x) >= (y ^ 2)), x, y)
        where(-x >= y^2, x, y)"#]],
    );
    check(
        "where(x<y, x, y)",
        expect![[r#"
        where((x < y), x, y)
        where(x < y, x, y)"#]],
    );
    check(
        "f(1, x < y)",
        expect![[r#"
        f(1, (x < y))
        f(1, x < y)"#]],
    );
}
