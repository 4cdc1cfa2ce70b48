//! One line per derivative rule, on the printed result, plus the gradient,
//! Hessian, Jacobian and higher-order entry points.

use expect_test::{Expect, expect};
use symdiff::Expr;

/// Prints d input / d var.
fn check(input: &str, var: &str, expect: Expect) {
    let expr = Expr::parse(input).expect("test input parses");
    expect.assert_eq(&expr.diff(var).to_string());
}

#[test]
fn elementary_functions() {
    check("sin(x)", "x", expect!["cos(x)"]);
    check("cos(x)", "x", expect!["-sin(x)"]);
    check("tan(x)", "x", expect!["1 + tan(x)^2"]);
    check("asin(x)", "x", expect!["1/(1 - x^2)^(1/2)"]);
    check("acos(x)", "x", expect!["-1/(1 - x^2)^(1/2)"]);
    check("atan(x)", "x", expect!["1/(1 + x^2)"]);
    check("sinh(x)", "x", expect!["cosh(x)"]);
    check("cosh(x)", "x", expect!["sinh(x)"]);
    check("tanh(x)", "x", expect!["1 - tanh(x)^2"]);
    check("exp(x)", "x", expect!["exp(x)"]);
    check("log(x)", "x", expect!["1/x"]);
    check("ln(x)", "x", expect!["1/x"]);
    check("sqrt(x)", "x", expect!["1/(2*sqrt(x))"]);
}

#[test]
fn activations_and_kinks() {
    check("sigmoid(x)", "x", expect!["sigmoid(x)*(1 - sigmoid(x))"]);
    check("relu(x)", "x", expect!["heaviside(x)"]);
    check(
        "leaky_relu(x, 0.01)",
        "x",
        expect!["1/100 + 99*heaviside(x)/100"],
    );
    check("leaky_relu(x, a)", "a", expect!["min(x, 0)"]);
    check("softplus(x)", "x", expect!["sigmoid(x)"]);
    check("heaviside(x)", "x", expect!["0"]);
    check("abs(x)", "x", expect!["sign(x)"]);
    check("sign(x)", "x", expect!["0"]);
    check(
        "max(x, y)",
        "x",
        expect!["where(y < x, 1, where(x < y, 0, 1/2))"],
    );
    check(
        "max(x, y)",
        "y",
        expect!["where(y < x, 0, where(x < y, 1, 1/2))"],
    );
    check(
        "min(x, y)",
        "x",
        expect!["where(x < y, 1, where(y < x, 0, 1/2))"],
    );
    check(
        "min(x, y)",
        "y",
        expect!["where(x < y, 0, where(y < x, 1, 1/2))"],
    );
    // The course's leaky ReLU: alpha or 1, whichever argument is larger.
    check(
        "max(alpha*x, x)",
        "x",
        expect!["where(x < alpha*x, alpha, where(alpha*x < x, 1, 1/2 + alpha/2))"],
    );
}

/// The functions added with the function table, in their textbook forms.
#[test]
fn functions_of_the_table() {
    check("erf(x)", "x", expect!["2*exp(-x^2)/pi^(1/2)"]);
    check(
        "gelu(x)",
        "x",
        expect!["1/2 + x*exp(-x^2/2)/(2^(1/2)*pi^(1/2)) + erf(x/2^(1/2))/2"],
    );
    check(
        "silu(x)",
        "x",
        expect!["sigmoid(x)*(1 + x*(1 - sigmoid(x)))"],
    );
    check(
        "swish(x)",
        "x",
        expect!["sigmoid(x)*(1 + x*(1 - sigmoid(x)))"],
    );
    check(
        "elu(x, alpha)",
        "x",
        expect!["where(0 < x, 1, alpha*exp(x))"],
    );
    check(
        "elu(x, alpha)",
        "alpha",
        expect!["where(0 < x, 0, expm1(x))"],
    );
    check("softsign(x)", "x", expect!["1/(1 + abs(x))^2"]);
    check("log1p(x)", "x", expect!["1/(1 + x)"]);
    check("expm1(x)", "x", expect!["exp(x)"]);
    check("atan2(y, x)", "y", expect!["x/(x^2 + y^2)"]);
    check("atan2(y, x)", "x", expect!["-y/(x^2 + y^2)"]);
    check("hypot(x, y)", "x", expect!["x/hypot(x, y)"]);
    check("cbrt(x)", "x", expect!["1/(3*cbrt(x)^2)"]);
    check("log(x, b)", "x", expect!["1/(x*log(b))"]);
    check("log(x, b)", "b", expect!["-log(x)/(b*log(b)^2)"]);
    check("log(x, 2)", "x", expect!["1/(x*log(2))"]);
}

#[test]
fn powers() {
    check("x^3", "x", expect!["3*x^2"]);
    check("x^3/3", "x", expect!["x^2"]);
    check("x^-2", "x", expect!["-2/x^3"]);
    check("x^(1/2)", "x", expect!["1/(2*x^(1/2))"]);
    check("2^x", "x", expect!["2^x*log(2)"]);
    check("x^x", "x", expect!["x^x + x^x*log(x)"]);
    check("pow(x, n)", "x", expect!["n*x^(n - 1)"]);
    check("pow(x, n)", "n", expect!["x^n*log(x)"]);
    check("e^(2*x)", "x", expect!["2*exp(2*x)"]);
}

#[test]
fn the_chain_rule_in_the_forms_a_person_writes() {
    check(
        "sigmoid(w*x + b)",
        "w",
        expect!["x*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))"],
    );
    check("tanh(3*x)", "x", expect!["3*(1 - tanh(3*x)^2)"]);
    check("sqrt(1 + x^2)", "x", expect!["x/sqrt(1 + x^2)"]);
    check("exp(-x^2/2)", "x", expect!["-x*exp(-x^2/2)"]);
    check("log(sigmoid(x))", "x", expect!["1 - sigmoid(x)"]);
    check(
        "(sigmoid(w*x + b) - t)^2",
        "w",
        expect!["2*x*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)"],
    );
    check("sin(cos(x))", "x", expect!["-cos(cos(x))*sin(x)"]);
}

#[test]
fn variables_that_do_not_occur_have_derivative_zero() {
    check("x^2", "y", expect!["0"]);
    check("pi*x", "x", expect!["pi"]);
    check("e", "e", expect!["0"]);
}

#[test]
fn higher_order_derivatives() {
    let expr = Expr::parse("x^4 + sin(x)").expect("parses");
    let orders: Vec<String> = (0..=4)
        .map(|order| expr.diff_n("x", order).to_string())
        .collect();
    expect![[r#"
        [
            "x^4 + sin(x)",
            "4*x^3 + cos(x)",
            "12*x^2 - sin(x)",
            "24*x - cos(x)",
            "24 + sin(x)",
        ]
    "#]]
    .assert_debug_eq(&orders);
}

/// The reverse sweep writes `max`'s partials as the forward one does: one
/// nest of conditions per partial, not a sum of two.
#[test]
fn gradient_of_a_maximum() {
    let leaky = Expr::parse("max(alpha*x, x)").expect("parses");
    let gradient: Vec<String> = leaky
        .gradient(&["x", "alpha"])
        .iter()
        .map(ToString::to_string)
        .collect();
    expect![[r#"
        [
            "where(x < alpha*x, alpha, where(alpha*x < x, 1, 1/2 + alpha/2))",
            "where(x < alpha*x, x, where(alpha*x < x, 0, x/2))",
        ]
    "#]]
    .assert_debug_eq(&gradient);
}

#[test]
fn gradient_hessian_and_jacobian() {
    let saddle = Expr::parse("x^2 - y^2 + x*y^3").expect("parses");
    let gradient: Vec<String> = saddle
        .gradient(&["x", "y"])
        .iter()
        .map(ToString::to_string)
        .collect();
    expect![[r#"
        [
            "2*x + y^3",
            "3*x*y^2 - 2*y",
        ]
    "#]]
    .assert_debug_eq(&gradient);
    let hessian: Vec<Vec<String>> = saddle
        .hessian(&["x", "y"])
        .iter()
        .map(|row| row.iter().map(ToString::to_string).collect())
        .collect();
    expect![[r#"
        [
            [
                "2",
                "3*y^2",
            ],
            [
                "3*y^2",
                "6*x*y - 2",
            ],
        ]
    "#]]
    .assert_debug_eq(&hessian);
    let polar = [
        Expr::parse("r*cos(theta)").expect("parses"),
        Expr::parse("r*sin(theta)").expect("parses"),
    ];
    let jacobian: Vec<Vec<String>> = Expr::jacobian(&polar, &["r", "theta"])
        .iter()
        .map(|row| row.iter().map(ToString::to_string).collect())
        .collect();
    expect![[r#"
        [
            [
                "cos(theta)",
                "-r*sin(theta)",
            ],
            [
                "sin(theta)",
                "r*cos(theta)",
            ],
        ]
    "#]]
    .assert_debug_eq(&jacobian);
}

#[test]
fn kinks_follow_pytorch_at_zero() {
    let at_zero = |source: &str, var: &str| {
        let expr = Expr::parse(source).expect("parses");
        expr.diff(var)
            .eval(&[("x", 0.0), ("y", 0.0), ("a", 0.25)])
            .expect("evaluates")
    };
    assert_eq!(at_zero("relu(x)", "x"), 0.0);
    assert_eq!(at_zero("abs(x)", "x"), 0.0);
    assert_eq!(at_zero("leaky_relu(x, a)", "x"), 0.25);
    assert_eq!(at_zero("heaviside(x)", "x"), 0.0);
    // At a tie, max and min give each argument half, as torch.maximum and
    // torch.minimum do (PyTorch's relu'(0) is 0 all the same).
    assert_eq!(at_zero("max(x, y)", "x"), 0.5);
    assert_eq!(at_zero("max(x, y)", "y"), 0.5);
    assert_eq!(at_zero("min(x, y)", "x"), 0.5);
    assert_eq!(at_zero("min(x, y)", "y"), 0.5);
    assert_eq!(at_zero("max(x, 0)", "x"), 0.5);
}
