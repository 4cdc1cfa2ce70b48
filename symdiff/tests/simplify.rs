//! Canonical simplification, one line per rule, on the printed result.

use expect_test::{Expect, expect};

/// Parses `input` and prints its canonical form (or the error).
fn check(input: &str, expect: Expect) {
    let printed = match symdiff::Expr::parse(input) {
        Ok(expr) => expr.to_string(),
        Err(error) => error.to_string(),
    };
    expect.assert_eq(&printed);
}

#[test]
fn constants_fold() {
    check("2 + 3*4", expect!["14"]);
    check("2^3^2", expect!["512"]);
    check("1/3 + 1/6", expect!["1/2"]);
    check("0.1 + 0.2", expect!["3/10"]);
    check("2^-2", expect!["1/4"]);
    check("4^(1/2)", expect!["2"]);
    check("2^(1/2)", expect!["2^(1/2)"]);
    check("sin(0) + cos(0) + exp(0) + log(1)", expect!["2"]);
    check("sigmoid(0)", expect!["1/2"]);
    check("max(2, 3) - min(2, 3)", expect!["1"]);
    check("relu(-2) + heaviside(0) + sign(-5) + abs(-3)", expect!["2"]);
    check("sin(1)", expect!["sin(1)"]);
    check("1e-3", expect!["1/1000"]);
    check("2.5E+4", expect!["25000"]);
}

#[test]
fn integers_beyond_i64_stay_exact() {
    check("9223372036854775807 + 1", expect!["9223372036854775808"]);
    check("10^30", expect!["1000000000000000000000000000000"]);
    // A literal too long to quote is quoted by its start.
    let huge = "9".repeat(1300);
    let error = symdiff::Expr::parse(&huge)
        .err()
        .map(|error| error.to_string());
    let first_line = error.as_deref().and_then(|text| text.lines().next());
    expect![
        "Some(\"error: the number `999999999999999999999999…` (1300 characters) is out of range\")"
    ]
    .assert_eq(&format!("{first_line:?}"));
    // A decimal with more digits than 4,096 bits hold is the nearest `f64`.
    let long = format!("0.{}", "3".repeat(5000));
    let value = symdiff::Expr::parse(&long).and_then(|expr| expr.eval(&[]));
    expect!["Ok(0.3333333333333333)"].assert_eq(&format!("{value:?}"));
    // So do decimals without an exponent, however many digits they have.
    check(
        "0.3333333333333333333333333*3 - 1",
        expect!["-1/10000000000000000000000000"],
    );
    check(
        "12345678901234567890123.5 - 12345678901234567890123",
        expect!["1/2"],
    );
    check(
        "1e-400*x",
        expect![[r#"
        error: the number `1e-400` is out of range
         --> <input>:1:1
          |
        1 | 1e-400*x
          | ^^^^^^
          |
          = help: numbers other than 0 must be between 4.9e-324 and 1.8e308 in magnitude"#]],
    );
    check(
        "1e400",
        expect![[r#"
            error: the number `1e400` is out of range
             --> <input>:1:1
              |
            1 | 1e400
              | ^^^^^
              |
              = help: numbers other than 0 must be between 4.9e-324 and 1.8e308 in magnitude"#]],
    );
}

#[test]
fn neutral_elements_vanish() {
    check("x + 0", expect!["x"]);
    check("x*1", expect!["x"]);
    check("x^1", expect!["x"]);
    check("x^0", expect!["1"]);
    check("--x", expect!["x"]);
    check("x*0", expect!["0"]);
    check("0/x", expect!["0"]);
    check("+x", expect!["x"]);
}

#[test]
fn like_terms_collect() {
    check("2*x + 3*x", expect!["5*x"]);
    check("x - x", expect!["0"]);
    check("x + y - x", expect!["y"]);
    check("x - (x + y)", expect!["-y"]);
    check("-(x - y) + x", expect!["y"]);
    check("2*(x + y) - 2*x", expect!["2*y"]);
    check("x*y + y*x", expect!["2*x*y"]);
    check("x/2 + x/2", expect!["x"]);
    // A sum of more than sixteen terms, where like terms are far apart.
    check(
        "x3 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + b1 + b2 + b3 + b4 + b5 + b6 + b7 + 2*x3 - a5 + 5*x3",
        expect!["a1 + a2 + a3 + a4 + a6 + a7 + a8 + a9 + b1 + b2 + b3 + b4 + b5 + b6 + b7 + 8*x3"],
    );
}

#[test]
fn like_factors_collect() {
    check("x*x", expect!["x^2"]);
    check("x*y/x", expect!["y"]);
    check("x^2*x^3", expect!["x^5"]);
    check("x^a*x^b", expect!["x^a*x^b"]);
    check("x/x^3", expect!["1/x^2"]);
    check("(x*y)^2", expect!["(x*y)^2"]);
    check("a/(b*c)", expect!["a/(b*c)"]);
    check("a/b/c", expect!["a/(b*c)"]);
}

#[test]
fn powers_of_powers_fold_where_valid() {
    check("(x^2)^3", expect!["x^6"]);
    check("(x^3)^(1/3)", expect!["(x^3)^(1/3)"]);
    check("(x^(1/2))^2", expect!["(x^(1/2))^2"]);
    check("(x^(1/2))^3", expect!["x^(3/2)"]);
    check("e^x", expect!["exp(x)"]);
}

/// A number cancels with one inside a multiple of a sum: the constructors'
/// fast path for a number and a term leaves sums and their multiples to the
/// general machinery, which merges them and folds their numbers together
/// (`1 + 1e308` is the float 1e308). So the derivation graph holds the node
/// it prints, and its value at x = 0.7 is that node's (-inf), not the NaN
/// of the sums left nested (where 1e308 absorbs x, and 0*(1/0)).
#[test]
fn a_number_cancels_inside_a_multiple_of_a_sum() {
    check("1e308 - (1 + (x + 1e308))", expect!["-x"]);
    let value = symdiff::Expr::parse("(1e308 - (1 + (x + 1e308)))*(1/0)")
        .and_then(|expr| expr.eval(&[("x", 0.7)]))
        .map_or_else(|error| error.to_string(), |value| format!("{value:?}"));
    expect!["-inf"].assert_eq(&value);
}

#[test]
fn nothing_is_expanded() {
    check("(x + 1)^2", expect!["(1 + x)^2"]);
    check("2*(y - t)", expect!["2*(y - t)"]);
    check("(a + b)*(a - b)", expect!["(a + b)*(a - b)"]);
}

/// Prints the expansion of `input`.
fn check_expand(input: &str, expect: Expect) {
    let expr = symdiff::Expr::parse(input).expect("test input parses");
    expect.assert_eq(&expr.expand().to_string());
}

#[test]
fn expand_is_explicit_and_bounded() {
    check_expand("(x + 1)^2", expect!["1 + x^2 + 2*x"]);
    check_expand("(a + b)*(a - b)", expect!["a^2 - b^2"]);
    check_expand("2*(y - t)", expect!["2*y - 2*t"]);
    check_expand("(x + y)^3 - x^3", expect!["3*x*y^2 + 3*x^2*y + y^3"]);
    check_expand("sin((x + 1)*(x - 1))", expect!["sin(x^2 - 1)"]);
    check_expand("(1 + x)^-2", expect!["1/(1 + x)^2"]);
    // 2^14 = 16384 terms would exceed the bound: the product stays factored.
    let binomials = "(a1 + b1)*(a2 + b2)*(a3 + b3)*(a4 + b4)*(a5 + b5)*(a6 + b6)*(a7 + b7)*(a8 + b8)*(a9 + b9)*(a10 + b10)*(a11 + b11)*(a12 + b12)*(a13 + b13)*(a14 + b14)";
    let expr = symdiff::Expr::parse(binomials).expect("parses");
    assert_eq!(expr.expand(), expr);
    // 2^13 = 8192 terms are within it.
    let smaller =
        symdiff::Expr::parse(&binomials[..binomials.len() - "*(a14 + b14)".len()]).expect("parses");
    assert_eq!(
        smaller.expand().to_string().matches(" + ").count() + 1,
        8192
    );
}

#[test]
fn printing_reads_like_math() {
    check("-x^2", expect!["-x^2"]);
    check("(-x)^2", expect!["x^2"]);
    check("(-x)^3", expect!["-x^3"]);
    check("x^-1", expect!["1/x"]);
    check("2^-x", expect!["2^-x"]);
    check("x^(y^z)", expect!["x^y^z"]);
    check("(x^y)^z", expect!["(x^y)^z"]);
    check("1 - sigmoid(u)", expect!["1 - sigmoid(u)"]);
    check("-t + y", expect!["y - t"]);
    check("x^0.5", expect!["x^(1/2)"]);
    check("3*x/4", expect!["3*x/4"]);
    check("-x/(2*y)", expect!["-x/(2*y)"]);
    check("leaky_relu(x, 0.01)", expect!["leaky_relu(x, 1/100)"]);
    check("pi*r^2", expect!["pi*r^2"]);
    check("1/0", expect!["1/0"]);
    check("0^x", expect!["0^x"]);
    check("x*0^(y + 1)", expect!["0^(1 + y)*x"]);
    check("3*x*0^y", expect!["3*0^y*x"]);
    check("1e-38 + 1 - 1e-38", expect!["1"]);
    check("1 - 01e-38", expect!["1"]);
    check("pow(x, 3) + ln(x)", expect!["x^3 + log(x)"]);
}

#[test]
fn definitions_are_shared_subexpressions() {
    check(
        "z = w*x + b; y = sigmoid(z); (y - t)^2",
        expect!["(sigmoid(b + w*x) - t)^2"],
    );
    check("a = x^2; a + a", expect!["2*x^2"]);
}

#[test]
fn semantic_errors_point_at_the_name() {
    check(
        "2*sin + x",
        expect![[r#"
            error: `sin` is a function, not a value
             --> <input>:1:3
              |
            1 | 2*sin + x
              |   ^^^
              |
              = help: call it, as in `sin(x)`, or choose another name for a variable"#]],
    );
    check(
        "sin = x; sin(sin)",
        expect![[r#"
            error: `sin` is a function and cannot be redefined
             --> <input>:1:1
              |
            1 | sin = x; sin(sin)
              | ^^^
              |
              = help: choose another name"#]],
    );
    check(
        "sigmod(w*x + b)",
        expect![[r#"
            error: unknown function `sigmod`
             --> <input>:1:1
              |
            1 | sigmod(w*x + b)
              | ^^^^^^
              |
              = help: did you mean `sigmoid`?"#]],
    );
    check(
        "max(x)",
        expect![[r#"
            error: `max` takes 2 arguments, but 1 was given
             --> <input>:1:1
              |
            1 | max(x)
              | ^^^"#]],
    );
    check(
        "log(x, b, c)",
        expect![[r#"
            error: `log` takes 1 or 2 arguments, but 3 were given
             --> <input>:1:1
              |
            1 | log(x, b, c)
              | ^^^"#]],
    );
    check(
        "cbrt(x, y)",
        expect![[r#"
            error: `cbrt` takes 1 argument, but 2 were given
             --> <input>:1:1
              |
            1 | cbrt(x, y)
              | ^^^^"#]],
    );
    check(
        "foo(x)",
        expect![[r#"
            error: unknown function `foo`
             --> <input>:1:1
              |
            1 | foo(x)
              | ^^^
              |
              = help: known functions: sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, exp, log, ln, sqrt, abs, sign, sigmoid, relu, leaky_relu, softplus, heaviside, max, min, erf, gelu, silu, swish, elu, softsign, log1p, expm1, atan2, hypot, cbrt, pow"#]],
    );
    check(
        "pi = 3; pi",
        expect![[r#"
            error: `pi` is a constant and cannot be redefined
             --> <input>:1:1
              |
            1 | pi = 3; pi
              | ^^
              |
              = help: choose another name"#]],
    );
}

/// Prints `input` with common factors pulled out of its sums.
fn check_factor(input: &str, expect: Expect) {
    let expr = symdiff::Expr::parse(input).expect("test input parses");
    expect.assert_eq(&expr.factor().to_string());
}

#[test]
fn factor_is_explicit() {
    check_factor("a*b*c + 2*a*b*d", expect!["a*b*(c + 2*d)"]);
    check_factor("x*y + x", expect!["x*(1 + y)"]);
    check_factor("x + y", expect!["x + y"]);
    check_factor("sin(a*x + a*y)", expect!["sin(a*(x + y))"]);
}

#[test]
fn square_roots_of_never_negative_values_square_back() {
    check("sqrt(1 + x^2)^2", expect!["1 + x^2"]);
    check("sqrt(exp(x))*sqrt(exp(x))", expect!["exp(x)"]);
    check("(exp(x)^(1/2))^2", expect!["exp(x)"]);
    check("sqrt(x^2 + y^4)^4", expect!["(x^2 + y^4)^2"]);
    // Where the radicand may be negative the power is NaN and the radicand
    // a number, so the power stays.
    check("sqrt(x)^2", expect!["sqrt(x)^2"]);
    check("sqrt(1 - x^2)^2", expect!["sqrt(1 - x^2)^2"]);
    check("(x^(1/2))^2", expect!["(x^(1/2))^2"]);
}

/// Building a call through the graph checks its arity: `try_call` gives the
/// error, and `call` (for callers that checked it) the canonical NaN, never
/// a panic or a node that indexes past its arguments.
#[test]
fn calls_with_the_wrong_arity_are_refused_where_nodes_are_built() {
    use symdiff::func::Func;
    use symdiff::graph::Graph;
    let mut graph = Graph::new();
    let x = graph.var("x");
    let error = graph.try_call(Func::Atan2, &[x]).map(|_| ());
    expect!["Err(ArityError { func: Atan2, found: 1 })"].assert_eq(&format!("{error:?}"));
    let refused = graph.call(Func::Sin, &[]);
    let nan = graph.num(symdiff::number::Number::float(f64::NAN));
    assert_eq!(refused, nan);
}

/// An unknown function's help: how to write here a function that other
/// libraries have, the known name in another letter case, or the nearest
/// name when it is a plausible typo. One line per input.
#[test]
fn unknown_functions_suggest_how_to_write_them() {
    let inputs = ["log10(x)", "asinh(x)", "sgn(x)", "RELU(x)", "sigmod(x)"];
    let helps: Vec<String> = inputs
        .iter()
        .map(|input| {
            let error = symdiff::Expr::parse(input)
                .err()
                .map(|error| error.to_string());
            let error = error.unwrap_or_default();
            let help = error
                .lines()
                .find_map(|line| line.trim().strip_prefix("= help: "));
            format!("{input}: {}", help.unwrap_or("none"))
        })
        .collect();
    expect![[r#"
        log10(x): did you mean `log(x, 10)`?
        asinh(x): did you mean `log(x + sqrt(x^2 + 1))`?
        sgn(x): did you mean `sign`?
        RELU(x): did you mean `relu`?
        sigmod(x): did you mean `sigmoid`?"#]]
    .assert_eq(&helps.join("\n"));
}
