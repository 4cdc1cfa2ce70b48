//! LaTeX printing: one line per case, parsed text in, LaTeX out.

use expect_test::{Expect, expect};
use symdiff::Expr;
use symdiff::latex::{definitions_to_latex, to_latex, to_latex_with};
use symdiff::print::Definitions;

/// Parses `input` and snapshots its LaTeX (or the parse error).
fn check(input: &str, expect: Expect) {
    let actual = match Expr::parse(input) {
        Ok(expr) => to_latex(&expr.graph().borrow(), expr.id()),
        Err(error) => error.to_string(),
    };
    expect.assert_eq(&actual);
}

/// Snapshots the LaTeX of `d input / d var`.
fn check_diff(input: &str, var: &str, expect: Expect) {
    let actual = match Expr::parse(input) {
        Ok(expr) => {
            let derivative = expr.diff(var);
            to_latex(&derivative.graph().borrow(), derivative.id())
        }
        Err(error) => format!("error: {error}"),
    };
    expect.assert_eq(&actual);
}

#[test]
fn atoms() {
    check("x", expect!["x"]);
    check("42", expect!["42"]);
    check("0.25", expect![[r#"\frac{1}{4}"#]]);
    check("pi", expect![[r#"\pi"#]]);
    check("e", expect!["e"]);
    check("1.5e-9*x", expect![[r#"\frac{3 x}{2000000000}"#]]);
    check("2.5e30*x", expect![[r#"2.5 \cdot 10^{30} x"#]]);
    check("x/0", expect![[r#"\frac{x}{0}"#]]);
}

#[test]
fn names() {
    check("x1 + x10", expect!["x_{1} + x_{10}"]);
    check("alpha*beta", expect![[r#"\alpha \beta"#]]);
    check("lr*w_out", expect![[r#"\mathrm{lr} w_{\mathrm{out}}"#]]);
    check("w_i", expect!["w_{i}"]);
    check(
        "leaky_relu(x, a)",
        expect![[r#"\operatorname{leaky\_relu}\left(x, a\right)"#]],
    );
}

#[test]
fn sums_and_products() {
    check("a + b - c", expect!["a + b - c"]);
    check("-x", expect!["-x"]);
    check(
        "t - sigmoid(z)",
        expect![[r#"t - \operatorname{sigmoid}\left(z\right)"#]],
    );
    check("2*x*y", expect!["2 x y"]);
    check("x*2^y", expect!["2^{y} x"]);
    check(
        "(a + b)*(c - d)",
        expect![[r#"\left(a + b\right) \left(c - d\right)"#]],
    );
    check("-(a + b)*c", expect![[r#"-c \left(a + b\right)"#]]);
}

#[test]
fn quotients() {
    check("1/x", expect![[r#"\frac{1}{x}"#]]);
    check("x/2", expect![[r#"\frac{x}{2}"#]]);
    check(
        "(a + b)/(c + d)",
        expect![[r#"\frac{\left(a + b\right)}{c + d}"#]],
    );
    check("3*x/(y^2*z)", expect![[r#"\frac{3 x}{y^{2} z}"#]]);
    check("-x/y", expect![[r#"-\frac{x}{y}"#]]);
    check("x^(-1/2)", expect![[r#"\frac{1}{x^{\frac{1}{2}}}"#]]);
}

#[test]
fn powers() {
    check("x^2", expect!["x^{2}"]);
    check("x^(y + 1)", expect![[r#"x^{\left(1 + y\right)}"#]]);
    check("(x + 1)^2", expect![[r#"\left(1 + x\right)^{2}"#]]);
    check("(x^2)^y", expect![[r#"\left(x^{2}\right)^{y}"#]]);
    check("x^(-y)", expect!["x^{-y}"]);
    check("(2*x)^y", expect![[r#"\left(2 x\right)^{y}"#]]);
    check("(-2)^x", expect![[r#"\left(-2\right)^{x}"#]]);
    check("0.5^x", expect![[r#"\left(\frac{1}{2}\right)^{x}"#]]);
    check("sin(x)^2", expect![[r#"\sin\left(x\right)^{2}"#]]);
}

#[test]
fn functions() {
    check("sqrt(x + 1)", expect![[r#"\sqrt{1 + x}"#]]);
    check("abs(x - y)", expect![[r#"\left|x - y\right|"#]]);
    check("exp(-x^2)", expect![[r#"\exp\left(-x^{2}\right)"#]]);
    check(
        "log(x) + ln(y)",
        expect![[r#"\ln\left(x\right) + \ln\left(y\right)"#]],
    );
    check(
        "tanh(asin(x))",
        expect![[r#"\tanh\left(\arcsin\left(x\right)\right)"#]],
    );
    check(
        "max(x, y) - min(x, 0)",
        expect![[r#"\max\left(x, y\right) - \min\left(x, 0\right)"#]],
    );
    check(
        "sigmoid(x) + relu(x) + softplus(x) + heaviside(x) + sign(x)",
        expect![[
            r#"\operatorname{heaviside}\left(x\right) + \operatorname{relu}\left(x\right) + \operatorname{sigmoid}\left(x\right) + \operatorname{sign}\left(x\right) + \operatorname{softplus}\left(x\right)"#
        ]],
    );
}

#[test]
fn derivatives() {
    check_diff(
        "(sigmoid(w*x + b) - t)^2",
        "w",
        expect![[
            r#"2 x \operatorname{sigmoid}\left(b + w x\right) \left(1 - \operatorname{sigmoid}\left(b + w x\right)\right) \left(\operatorname{sigmoid}\left(b + w x\right) - t\right)"#
        ]],
    );
    check_diff("sqrt(x)", "x", expect![[r#"\frac{1}{2 \sqrt{x}}"#]]);
    check_diff("log(x^2 + 1)", "x", expect![[r#"\frac{2 x}{1 + x^{2}}"#]]);
}

#[test]
fn definitions_print_once_by_name() {
    let expr = Expr::parse("z = w*x + b; s = sigmoid(z); (s - t)^2 + s*z").expect("parses");
    let gradient = expr.gradient(&["w", "b"]);
    let graph = expr.graph().borrow();
    let roots: Vec<_> = gradient.iter().map(Expr::id).collect();
    let definitions = Definitions::shared(&graph, &roots);
    let mut lines = definitions_to_latex(&graph, &definitions);
    lines.extend(
        roots
            .iter()
            .map(|&root| to_latex_with(&graph, root, &definitions)),
    );
    expect![[r#"
        t_{1} = b + w x
        t_{2} = \operatorname{sigmoid}\left(t_{1}\right)
        t_{3} = t_{2} \left(2 \left(t_{2} - t\right) + t_{1}\right) \left(1 - t_{2}\right) + t_{2}
        x t_{3}
        t_{3}"#]]
    .assert_eq(&lines.join("\n"));
}

#[test]
fn parse_errors_render_as_text() {
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
}

/// The functions added with the function table, with their operators.
#[test]
fn functions_of_the_table() {
    check(
        "erf(x) + gelu(x) + silu(x) + softsign(x)",
        expect![[
            r#"\operatorname{erf}\left(x\right) + \operatorname{gelu}\left(x\right) + \operatorname{silu}\left(x\right) + \operatorname{softsign}\left(x\right)"#
        ]],
    );
    check(
        "elu(x, a) + log1p(x) + expm1(x) + cbrt(x)",
        expect![[
            r#"\operatorname{cbrt}\left(x\right) + \operatorname{elu}\left(x, a\right) + \operatorname{expm1}\left(x\right) + \operatorname{log1p}\left(x\right)"#
        ]],
    );
    check(
        "atan2(y, x) + hypot(x, y) + log(x, 2)",
        expect![[
            r#"\operatorname{atan2}\left(y, x\right) + \operatorname{hypot}\left(x, y\right) + \log_{2}\left(x\right)"#
        ]],
    );
    check_diff(
        "gelu(x)",
        "x",
        expect![[
            r#"\frac{1}{2} + \frac{x \exp\left(-\frac{x^{2}}{2}\right)}{2^{\frac{1}{2}} \pi^{\frac{1}{2}}} + \frac{\operatorname{erf}\left(\frac{x}{2^{\frac{1}{2}}}\right)}{2}"#
        ]],
    );
}
