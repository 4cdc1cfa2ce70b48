//! Every diagnostic of the parser, one line per case: the snapshot is the
//! rendered error with its caret.

use expect_test::{Expect, expect};
use symdiff_parser::parse;

fn check(input: &str, expect: Expect) {
    let actual = match parse(input) {
        Ok(program) => format!("parsed: {program}"),
        Err(error) => error.to_string(),
    };
    expect.assert_eq(&actual);
}

#[test]
fn empty() {
    check(
        "",
        expect![[r#"
            error: empty input: expected an expression
             --> <input>:1:1
              |
            1 |
              | ^
              |
              = help: write an expression such as `sigmoid(w*x + b)`"#]],
    );
    check(
        " \n\t",
        expect![[r#"
            error: empty input: expected an expression
             --> <input>:2:2
              |
            2 |  
              |  ^
              |
              = help: write an expression such as `sigmoid(w*x + b)`"#]],
    );
}

#[test]
fn unbalanced_parentheses() {
    check(
        "(x + 1",
        expect![[r#"
            error: unclosed `(`
             --> <input>:1:1
              |
            1 | (x + 1
              | ^
              |
              = help: add a `)` to close it"#]],
    );
    check(
        "sigmoid((w*x + b)",
        expect![[r#"
            error: unclosed `(`
             --> <input>:1:8
              |
            1 | sigmoid((w*x + b)
              |        ^
              |
              = help: add a `)` to close it"#]],
    );
    check(
        "max(a, b",
        expect![[r#"
            error: unclosed `(`
             --> <input>:1:4
              |
            1 | max(a, b
              |    ^
              |
              = help: add a `)` to close it"#]],
    );
    check(
        "(x + 1; x",
        expect![[r#"
            error: unclosed `(`
             --> <input>:1:1
              |
            1 | (x + 1; x
              | ^
              |
              = help: add a `)` to close it"#]],
    );
    check(
        "x + 1)",
        expect![[r#"
            error: unmatched `)`
             --> <input>:1:6
              |
            1 | x + 1)
              |      ^
              |
              = help: remove it, or add a `(` before it"#]],
    );
    check(
        "(x))",
        expect![[r#"
            error: unmatched `)`
             --> <input>:1:4
              |
            1 | (x))
              |    ^
              |
              = help: remove it, or add a `(` before it"#]],
    );
    check(
        ")",
        expect![[r#"
            error: unmatched `)`
             --> <input>:1:1
              |
            1 | )
              | ^
              |
              = help: remove it, or add a `(` before it"#]],
    );
    check(
        "(a, b)",
        expect![[r#"
            error: expected `)`, found `,`
             --> <input>:1:3
              |
            1 | (a, b)
              |   ^
              |
              = help: `,` separates the arguments of a call, as in `max(a, b)`"#]],
    );
}

#[test]
fn trailing_input() {
    check(
        "x;",
        expect![[r#"
            error: expected end of input, found `;`
             --> <input>:1:2
              |
            1 | x;
              |  ^
              |
              = help: only a definition `name = expr;` ends with `;`; the final expression does not"#]],
    );
    check(
        "x, y",
        expect![[r#"
            error: expected end of input, found `,`
             --> <input>:1:2
              |
            1 | x, y
              |  ^
              |
              = help: `,` separates the arguments of a call, as in `max(a, b)`"#]],
    );
    check(
        "x + y = 2",
        expect![[r#"
            error: expected end of input, found `=`
             --> <input>:1:7
              |
            1 | x + y = 2
              |       ^
              |
              = help: only a single name can be defined, as in `z = w*x; z^2`"#]],
    );
    check(
        "2 = x; x",
        expect![[r#"
            error: expected end of input, found `=`
             --> <input>:1:3
              |
            1 | 2 = x; x
              |   ^
              |
              = help: only a single name can be defined, as in `z = w*x; z^2`"#]],
    );
}

#[test]
fn dangling_operator() {
    check(
        "x +",
        expect![[r#"
            error: expected an operand after `+`
             --> <input>:1:4
              |
            1 | x +
              |    ^
              |
              = help: found end of input; `+` needs an operand on its right"#]],
    );
    check(
        "sigmoid(w*x + )",
        expect![[r#"
            error: expected an operand after `+`
             --> <input>:1:15
              |
            1 | sigmoid(w*x + )
              |               ^
              |
              = help: found `)`; `+` needs an operand on its right"#]],
    );
    check(
        "x * * y",
        expect![[r#"
            error: expected an operand after `*`
             --> <input>:1:5
              |
            1 | x * * y
              |     ^
              |
              = help: found `*`; `*` needs an operand on its right"#]],
    );
    check(
        "* x",
        expect![[r#"
            error: expected an expression
             --> <input>:1:1
              |
            1 | * x
              | ^
              |
              = help: found `*`"#]],
    );
    check(
        "-",
        expect![[r#"
            error: expected an operand after `-`
             --> <input>:1:2
              |
            1 | -
              |  ^
              |
              = help: found end of input; `-` needs an operand on its right"#]],
    );
    check(
        "x^",
        expect![[r#"
            error: expected an operand after `^`
             --> <input>:1:3
              |
            1 | x^
              |   ^
              |
              = help: found end of input; `^` needs an operand on its right"#]],
    );
    check(
        "()",
        expect![[r#"
            error: expected an expression after `(`
             --> <input>:1:2
              |
            1 | ()
              |  ^
              |
              = help: found `)`"#]],
    );
    check(
        "max(, a)",
        expect![[r#"
            error: expected an expression after `(`
             --> <input>:1:5
              |
            1 | max(, a)
              |     ^
              |
              = help: found `,`"#]],
    );
    check(
        "max(a, , b)",
        expect![[r#"
            error: expected an argument after `,`
             --> <input>:1:8
              |
            1 | max(a, , b)
              |        ^
              |
              = help: found `,`"#]],
    );
    check(
        "z = ; z",
        expect![[r#"
            error: expected an expression after `=`
             --> <input>:1:5
              |
            1 | z = ; z
              |     ^
              |
              = help: found `;`"#]],
    );
}

#[test]
fn power_operator_combinations() {
    check(
        "x^^2",
        expect![[r#"
            error: expected an operand after `^`
             --> <input>:1:3
              |
            1 | x^^2
              |   ^
              |
              = help: `^` and `**` both mean power: use one of them alone, as in `x^2` or `x**2`"#]],
    );
    check(
        "x***2",
        expect![[r#"
            error: expected an operand after `**`
             --> <input>:1:4
              |
            1 | x***2
              |    ^
              |
              = help: `^` and `**` both mean power: use one of them alone, as in `x^2` or `x**2`"#]],
    );
    check(
        "x^**2",
        expect![[r#"
            error: expected an operand after `^`
             --> <input>:1:3
              |
            1 | x^**2
              |   ^
              |
              = help: `^` and `**` both mean power: use one of them alone, as in `x^2` or `x**2`"#]],
    );
    check(
        "x**^2",
        expect![[r#"
            error: expected an operand after `**`
             --> <input>:1:4
              |
            1 | x**^2
              |    ^
              |
              = help: `^` and `**` both mean power: use one of them alone, as in `x^2` or `x**2`"#]],
    );
    check(
        "x*^2",
        expect![[r#"
            error: expected an operand after `*`
             --> <input>:1:3
              |
            1 | x*^2
              |   ^
              |
              = help: `^` and `**` both mean power: use one of them alone, as in `x^2` or `x**2`"#]],
    );
}

#[test]
fn empty_call() {
    check(
        "sin()",
        expect![[r#"
            error: `sin()` has no arguments
             --> <input>:1:4
              |
            1 | sin()
              |    ^^
              |
              = help: write its argument inside the parentheses, as in `sin(x)`"#]],
    );
    check(
        "1 + max( )",
        expect![[r#"
            error: `max()` has no arguments
             --> <input>:1:8
              |
            1 | 1 + max( )
              |        ^^^
              |
              = help: write its argument inside the parentheses, as in `max(x)`"#]],
    );
}

#[test]
fn malformed_number() {
    check(
        "1e",
        expect![[r#"
            error: malformed number `1e`: the exponent has no digits
             --> <input>:1:1
              |
            1 | 1e
              | ^^
              |
              = help: write the exponent's digits, as in `1e-3`"#]],
    );
    check(
        "2.5E+ * x",
        expect![[r#"
            error: malformed number `2.5E+`: the exponent has no digits
             --> <input>:1:1
              |
            1 | 2.5E+ * x
              | ^^^^^
              |
              = help: write the exponent's digits, as in `1e-3`"#]],
    );
    check(
        "1e-x",
        expect![[r#"
            error: malformed number `1e-`: the exponent has no digits
             --> <input>:1:1
              |
            1 | 1e-x
              | ^^^
              |
              = help: write the exponent's digits, as in `1e-3`"#]],
    );
    check(
        "1.2.3",
        expect![[r#"
            error: malformed number `1.2.3`: more than one decimal point
             --> <input>:1:1
              |
            1 | 1.2.3
              | ^^^^^
              |
              = help: a number has at most one decimal point"#]],
    );
    check(
        "1e5.2",
        expect![[r#"
            error: malformed number `1e5.2`: more than one decimal point
             --> <input>:1:1
              |
            1 | 1e5.2
              | ^^^^^
              |
              = help: a number has at most one decimal point"#]],
    );
    check(
        "x + 1.",
        expect![[r#"
            error: malformed number `1.`: no digits after the decimal point
             --> <input>:1:5
              |
            1 | x + 1.
              |     ^^
              |
              = help: write digits after the point, as in `0.5`"#]],
    );
    check(
        ".",
        expect![[r#"
            error: malformed number `.`: no digits after the decimal point
             --> <input>:1:1
              |
            1 | .
              | ^
              |
              = help: write digits after the point, as in `0.5`"#]],
    );
}

#[test]
fn stray_character() {
    check(
        "x # y",
        expect![[r#"
            error: unexpected character `#`
             --> <input>:1:3
              |
            1 | x # y
              |   ^
              |
              = help: the syntax has numbers, names, `+ - * / ^ **`, `( )`, `,`, `name = expr;`, and `< <= > >=` in conditions"#]],
    );
    check(
        "α + 1",
        expect![[r#"
            error: unexpected character `α`
             --> <input>:1:1
              |
            1 | α + 1
              | ^
              |
              = help: names are ASCII: letters, digits and `_`"#]],
    );
    check(
        "x + α",
        expect![[r#"
            error: unexpected character `α`
             --> <input>:1:5
              |
            1 | x + α
              |     ^
              |
              = help: names are ASCII: letters, digits and `_`"#]],
    );
    check(
        "x\0",
        expect![[r#"
            error: unexpected character `\0`
             --> <input>:1:2
              |
            1 | x�
              |  ^
              |
              = help: the input contains a NUL byte"#]],
    );
    check(
        "x.y",
        expect![[r#"
            error: expected end of input, found `.`
             --> <input>:1:2
              |
            1 | x.y
              |  ^"#]],
    );
    check(
        "x == y",
        expect![[r#"
            error: expected end of input, found `=`
             --> <input>:1:3
              |
            1 | x == y
              |   ^
              |
              = help: only a single name can be defined, as in `z = w*x; z^2`"#]],
    );
}

#[test]
fn missing_comma() {
    check(
        "max(a b)",
        expect![[r#"
            error: expected `,` between the arguments of `max`
             --> <input>:1:7
              |
            1 | max(a b)
              |       ^
              |
              = help: separate arguments with `,`; to multiply, write `*`"#]],
    );
    check(
        "leaky_relu(x 0.01)",
        expect![[r#"
            error: expected `,` between the arguments of `leaky_relu`
             --> <input>:1:14
              |
            1 | leaky_relu(x 0.01)
              |              ^^^^
              |
              = help: separate arguments with `,`; to multiply, write `*`"#]],
    );
    check(
        "max(a + b 2)",
        expect![[r#"
            error: expected `,` between the arguments of `max`
             --> <input>:1:11
              |
            1 | max(a + b 2)
              |           ^
              |
              = help: separate arguments with `,`; to multiply, write `*`"#]],
    );
    check(
        "max(a, (b c))",
        expect![[r#"
            error: implicit multiplication is not supported: write `b*c`
             --> <input>:1:11
              |
            1 | max(a, (b c))
              |           ^
              |
              = help: write `*` between the two operands, or `b(c)` if `b` is a function"#]],
    );
}

#[test]
fn trailing_comma() {
    check(
        "max(a, b,)",
        expect![[r#"
            error: trailing comma in the arguments of `max`
             --> <input>:1:9
              |
            1 | max(a, b,)
              |         ^
              |
              = help: remove the last `,`"#]],
    );
    check(
        "max(a, b, )",
        expect![[r#"
            error: trailing comma in the arguments of `max`
             --> <input>:1:9
              |
            1 | max(a, b, )
              |         ^
              |
              = help: remove the last `,`"#]],
    );
}

#[test]
fn implicit_multiplication() {
    check(
        "2x",
        expect![[r#"
            error: implicit multiplication is not supported: write `2*x`
             --> <input>:1:2
              |
            1 | 2x
              |  ^
              |
              = help: write `*` between the two operands"#]],
    );
    check(
        "x y",
        expect![[r#"
            error: implicit multiplication is not supported: write `x*y`
             --> <input>:1:3
              |
            1 | x y
              |   ^
              |
              = help: write `*` between the two operands, or `x(y)` if `x` is a function"#]],
    );
    check(
        "2(x)",
        expect![[r#"
            error: implicit multiplication is not supported: write `2*(x)`
             --> <input>:1:2
              |
            1 | 2(x)
              |  ^
              |
              = help: write `*` between the two operands"#]],
    );
    check(
        "(a)(b)",
        expect![[r#"
            error: implicit multiplication is not supported: write `(a)*(b)`
             --> <input>:1:4
              |
            1 | (a)(b)
              |    ^
              |
              = help: write `*` between the two operands"#]],
    );
    check(
        "2sin(x)",
        expect![[r#"
            error: implicit multiplication is not supported: write `2*sin(x)`
             --> <input>:1:2
              |
            1 | 2sin(x)
              |  ^^^
              |
              = help: write `*` between the two operands"#]],
    );
    check(
        "a + x^2 y",
        expect![[r#"
            error: implicit multiplication is not supported: write `x^2*y`
             --> <input>:1:9
              |
            1 | a + x^2 y
              |         ^
              |
              = help: write `*` between the two operands"#]],
    );
    check(
        "max(2x, y)",
        expect![[r#"
            error: implicit multiplication is not supported: write `2*x`
             --> <input>:1:6
              |
            1 | max(2x, y)
              |      ^
              |
              = help: write `*` between the two operands"#]],
    );
    check(
        "2 .5",
        expect![[r#"
            error: implicit multiplication is not supported: write `2*.5`
             --> <input>:1:3
              |
            1 | 2 .5
              |   ^^
              |
              = help: write `*` between the two operands"#]],
    );
    // Numbers as other languages write them.
    check(
        "1_000 + x",
        expect![[r#"
        error: `1_000` is not a number here: digit separators and hexadecimal are not supported
         --> <input>:1:1
          |
        1 | 1_000 + x
          | ^^^^^
          |
          = help: write `1000`"#]],
    );
    check(
        "0x1F*y",
        expect![[r#"
        error: `0x1F` is not a number here: digit separators and hexadecimal are not supported
         --> <input>:1:1
          |
        1 | 0x1F*y
          | ^^^^
          |
          = help: write `31`"#]],
    );
    // Apart, they are a number times a name; `0x` without hex digits has none.
    check(
        "0 x1F + 3 _5",
        expect![[r#"
        error: implicit multiplication is not supported: write `0*x1F`
         --> <input>:1:3
          |
        1 | 0 x1F + 3 _5
          |   ^^^
          |
          = help: write `*` between the two operands"#]],
    );
    check(
        "0xZZ",
        expect![[r#"
        error: `0xZZ` is not a number here: digit separators and hexadecimal are not supported
         --> <input>:1:1
          |
        1 | 0xZZ
          | ^^^^
          |
          = help: write the number in decimal digits"#]],
    );
}

#[test]
fn definitions() {
    check(
        "a = b + 1; b = 2; a",
        expect![[r#"
            error: `b` is used before its definition
             --> <input>:1:5
              |
            1 | a = b + 1; b = 2; a
              |     ^
              |
              = help: it is defined at 1:12; move that definition before this use"#]],
    );
    check(
        "a = a + 1; a",
        expect![[r#"
            error: `a` is used in its own definition
             --> <input>:1:5
              |
            1 | a = a + 1; a
              |     ^
              |
              = help: a definition uses only names defined before it; to update a value, give the new one another name: `a2 = a + 1` after a first `a = ...`"#]],
    );
    check(
        "z = x; z = 2*z; z",
        expect![[r#"
            error: `z` is defined twice
             --> <input>:1:8
              |
            1 | z = x; z = 2*z; z
              |        ^
              |
              = help: first defined at 1:1; use a different name"#]],
    );
    check(
        "z = x;",
        expect![[r#"
            error: expected the final expression after the definitions
             --> <input>:1:7
              |
            1 | z = x;
              |       ^
              |
              = help: the input ends with the expression to differentiate, as in `z = w*x; z^2`"#]],
    );
    check(
        "z = x; y = z;\n",
        expect![[r#"
            error: expected the final expression after the definitions
             --> <input>:2:1
              |
            2 |
              | ^
              |
              = help: the input ends with the expression to differentiate, as in `z = w*x; z^2`"#]],
    );
    check(
        "z = x",
        expect![[r#"
            error: expected `;` after the definition of `z`
             --> <input>:1:6
              |
            1 | z = x
              |      ^
              |
              = help: end each definition `name = expr;` with `;`, then write the final expression"#]],
    );
    check(
        "z = x\ny = z; y",
        expect![[r#"
            error: expected `;` after the definition of `z`
             --> <input>:1:6
              |
            1 | z = x
              |      ^
              |
              = help: end each definition `name = expr;` with `;`, then write the final expression"#]],
    );
    check(
        "z = x; y = 2*z\n  t = y; t",
        expect![[r#"
            error: expected `;` after the definition of `y`
             --> <input>:1:15
              |
            1 | z = x; y = 2*z
              |               ^
              |
              = help: end each definition `name = expr;` with `;`, then write the final expression"#]],
    );
    check(
        "z = x; z\nw = 1; w",
        expect![[r#"
            error: expected `;` before the next definition
             --> <input>:1:9
              |
            1 | z = x; z
              |         ^
              |
              = help: end each definition `name = expr;` with `;`, then write the final expression"#]],
    );
    check(
        "z = x, y; z",
        expect![[r#"
            error: expected `;`, found `,`
             --> <input>:1:6
              |
            1 | z = x, y; z
              |      ^
              |
              = help: `,` separates the arguments of a call, as in `max(a, b)`"#]],
    );
}

#[test]
fn multi_line_caret() {
    check(
        "z = w*x + b;\ny = sigmoid(z);\n(y - t)^^2",
        expect![[r#"
            error: expected an operand after `^`
             --> <input>:3:9
              |
            3 | (y - t)^^2
              |         ^
              |
              = help: `^` and `**` both mean power: use one of them alone, as in `x^2` or `x**2`"#]],
    );
}

#[test]
fn too_deep() {
    let deep = format!("{}x", "(\n".repeat(symdiff_parser::MAX_DEPTH + 1));
    check(
        &deep,
        expect![[r#"
            error: expression nested too deeply: more than 256 levels
               --> <input>:257:1
                |
            257 | (
                | ^
                |
                = help: each `(`, call, sign and `^` counts as a level; name a part with a definition such as `t = ...;`"#]],
    );
    let signs = format!("{}x", "-".repeat(symdiff_parser::MAX_DEPTH + 1));
    let error = parse(&signs)
        .err()
        .map(|error| (error.message(), error.line_column()));
    expect![[r#"
        Some(
            (
                "expression nested too deeply: more than 256 levels",
                (
                    1,
                    257,
                ),
            ),
        )
    "#]]
    .assert_debug_eq(&error);
}

/// An input over [`symdiff_parser::MAX_SOURCE_LEN`] bytes (4 GiB) is refused
/// before parsing, so that every node's id fits in 32 bits. Such an input is
/// too large to build in a test: only the message is checked.
#[test]
fn too_long() {
    let kind = symdiff_parser::ParseErrorKind::TooLong;
    expect!["input too long: more than 4294967295 bytes"].assert_eq(&kind.message());
    assert_eq!(kind.help(""), None);
}

#[test]
fn a_byte_order_mark_starts_a_file_and_tabs_show_as_spaces() {
    check("\u{feff}x*y", expect!["parsed: x*y"]);
    check(
        "x +\t* y",
        expect![[r#"
            error: expected an operand after `+`
             --> <input>:1:5
              |
            1 | x + * y
              |     ^
              |
              = help: found `*`; `+` needs an operand on its right"#]],
    );
}

/// A comparison outside a call's arguments, and a chain of comparisons, are
/// errors at the operator.
#[test]
fn comparisons() {
    check(
        "x < 1",
        expect![[r#"
            error: a comparison is only allowed as a condition
             --> <input>:1:3
              |
            1 | x < 1
              |   ^
              |
              = help: write it as the first argument of `where`, as in `where(x > 0, x, 0)`"#]],
    );
    check(
        "(x >= 1)*y",
        expect![[r#"
            error: a comparison is only allowed as a condition
             --> <input>:1:4
              |
            1 | (x >= 1)*y
              |    ^^
              |
              = help: write it as the first argument of `where`, as in `where(x > 0, x, 0)`"#]],
    );
    check(
        "where(sin(x) + (x < 1), 1, 2)",
        expect![[r#"
            error: a comparison is only allowed as a condition
             --> <input>:1:19
              |
            1 | where(sin(x) + (x < 1), 1, 2)
              |                   ^
              |
              = help: write it as the first argument of `where`, as in `where(x > 0, x, 0)`"#]],
    );
    check(
        "where(a < b < c, 1, 2)",
        expect![[r#"
            error: comparisons cannot be chained
             --> <input>:1:13
              |
            1 | where(a < b < c, 1, 2)
              |             ^
              |
              = help: nest the conditions: `where(a < b, where(b < c, x, y), y)`"#]],
    );
    check(
        "where(a <, 1, 2)",
        expect![[r#"
            error: expected an operand after `<`
             --> <input>:1:10
              |
            1 | where(a <, 1, 2)
              |          ^
              |
              = help: found `,`; `<` needs an operand on its right"#]],
    );
    check(
        "where(<= a, 1, 2)",
        expect![[r#"
            error: expected an expression after `(`
             --> <input>:1:7
              |
            1 | where(<= a, 1, 2)
              |       ^
              |
              = help: found `<`"#]],
    );
    check(
        "where(a => b, 1, 2)",
        expect![[r#"
            error: expected `,` or `)`, found `=`
             --> <input>:1:9
              |
            1 | where(a => b, 1, 2)
              |         ^
              |
              = help: only a single name can be defined, as in `z = w*x; z^2`"#]],
    );
}
