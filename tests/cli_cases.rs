//! The command line as data: each case is one invocation, run in-process,
//! with a snapshot of its exit status, standard output and standard error.

use expect_test::{Expect, expect};

const NEURON: &str = "(sigmoid(w*x + b) - t)^2";
const NEURON_AT: &str = "w=0.5,b=0.1,x=2,t=0.8";

mod common;

/// Runs `symdiff ARGS` with `stdin` and renders what it printed.
fn run_with_stdin(args: &[&str], stdin: &str) -> String {
    common::rendered(args, stdin)
}

fn check(args: &[&str], expect: Expect) {
    expect.assert_eq(&run_with_stdin(args, ""));
}

// --- parse

#[test]
fn parse_prints_normalised_text() {
    check(
        &["parse", "z = w*x+b;  sigmoid( z )"],
        expect![[r#"
        status 0
        --- stdout
        z = w*x + b; sigmoid(z)
    "#]],
    );
    check(
        &["parse", "((x))^2 - -y"],
        expect![[r#"
        status 0
        --- stdout
        x^2 - -y
    "#]],
    );
    check(
        &["parse", "sigmoid(w*x + b)", "--format", "latex"],
        expect![[r#"
            status 0
            --- stdout
            \operatorname{sigmoid}\left(b + w x\right)
        "#]],
    );
    check(
        &["parse", "x*y + 1", "--format", "json"],
        expect![[r#"
        status 0
        --- stdout
        {"text":"x*y + 1","variables":["x","y"]}
    "#]],
    );
}

/// A file from Windows: a byte-order mark and `\r\n` line ends are read
/// as an editor shows them, so the caret's column is the one the user sees.
#[test]
fn stdin_from_windows_points_at_the_right_column() {
    let rendered = run_with_stdin(&["parse", "-"], "\u{feff}z = x\r\n  + );\r\nz\r\n");
    expect![[r#"
        status 2
        --- stderr
        error: expected an operand after `+`
         --> <input>:2:5
          |
        2 |   + );
          |     ^
          |
          = help: found `)`; `+` needs an operand on its right
    "#]]
    .assert_eq(&rendered);
}

#[test]
fn parse_errors_have_carets() {
    check(
        &["parse", "sigmoid(w*x + )"],
        expect![[r#"
            status 2
            --- stderr
            error: expected an operand after `+`
             --> <input>:1:15
              |
            1 | sigmoid(w*x + )
              |               ^
              |
              = help: found `)`; `+` needs an operand on its right
        "#]],
    );
    check(
        &["parse", "sigmod(x)"],
        expect![[r#"
            status 2
            --- stderr
            error: unknown function `sigmod`
             --> <input>:1:1
              |
            1 | sigmod(x)
              | ^^^^^^
              |
              = help: did you mean `sigmoid`?
        "#]],
    );
    check(
        &["parse", "max(x)"],
        expect![[r#"
            status 2
            --- stderr
            error: `max` takes 2 arguments, but 1 was given
             --> <input>:1:1
              |
            1 | max(x)
              | ^^^
        "#]],
    );
    check(
        &["parse", "pi = 3; pi"],
        expect![[r#"
            status 2
            --- stderr
            error: `pi` is a constant and cannot be redefined
             --> <input>:1:1
              |
            1 | pi = 3; pi
              | ^^
              |
              = help: choose another name
        "#]],
    );
    check(
        &["parse", ""],
        expect![[r#"
            status 2
            --- stderr
            error: empty input: expected an expression
             --> <input>:1:1
              |
            1 |
              | ^
              |
              = help: write an expression such as `sigmoid(w*x + b)`
        "#]],
    );
    check(
        &["parse", "x $ y"],
        expect![[r#"
            status 2
            --- stderr
            error: unexpected character `$`
             --> <input>:1:3
              |
            1 | x $ y
              |   ^
              |
              = help: the syntax has numbers, names, `+ - * / ^ **`, `( )`, `,`, `name = expr;`, and `< <= > >=` in conditions
        "#]],
    );
}

// --- diff

#[test]
fn diff_text_latex_json() {
    check(
        &["diff", NEURON, "--wrt", "b"],
        expect![[r#"
            status 0
            --- stdout
            ∂/∂b = 2*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)
        "#]],
    );
    check(
        &["diff", "x^3*y", "--wrt", "x", "--order", "2"],
        expect![[r#"
        status 0
        --- stdout
        ∂²/∂x² = 6*x*y
    "#]],
    );
    check(
        &["diff", "x^3", "--wrt", "x", "--order", "0"],
        expect![[r#"
            status 0
            --- stdout
            f = x^3
        "#]],
    );
    check(
        &["diff", "x^3", "--wrt", "y"],
        expect![[r#"
            status 0
            --- stdout
            ∂/∂y = 0
            --- stderr
            warning: --wrt: `y` does not appear in the expression, so its derivative is 0 (its variables are x)
        "#]],
    );
    check(
        &["diff", "sqrt(x)/y", "--wrt", "x", "--format", "latex"],
        expect![[r#"
            status 0
            --- stdout
            \frac{\partial f}{\partial x} = \frac{1}{2 y \sqrt{x}}
        "#]],
    );
    check(
        &["diff", "log(x)", "--wrt", "x", "--format", "json"],
        expect![[r#"
        status 0
        --- stdout
        {"formula":"1/x","order":1,"var":"x"}
    "#]],
    );
}

#[test]
fn diff_errors() {
    check(
        &["diff", "x^2", "--wrt", "x,y"],
        expect![[r#"
            status 2
            --- stderr
            error: `diff --wrt` takes one variable, got 2
              |
              = help: use `grad --wrt` for several first derivatives, or `--order` for higher ones
        "#]],
    );
    check(
        &["diff", "x^2", "--wrt", "2x"],
        expect![[r#"
            status 2
            --- stderr
            error: in --wrt: `2x` is not a variable name
             --> <input>:1:1
              |
            1 | 2x
              | ^^
              |
              = help: list variables separated by commas: `--wrt w,b`
        "#]],
    );
    check(
        &["diff", "x^2", "--wrt", "x", "--order", "1000"],
        expect![[r#"
            status 0
            --- stdout
            ∂¹⁰⁰⁰/∂x¹⁰⁰⁰ = 0
        "#]],
    );
    check(
        &["diff", "x^2", "--wrt", "x", "--order", "-1"],
        expect![[r#"
        status 2
        --- stderr
        error: unexpected argument '-1' found

          tip: to pass '-1' as a value, use '-- -1'

        Usage: symdiff diff [OPTIONS] --wrt <VAR> <EXPR>

        For more information, try '--help'.
    "#]],
    );
    check(
        &["diff", "x^2"],
        expect![[r#"
        status 2
        --- stderr
        error: the following required arguments were not provided:
          --wrt <VAR>

        Usage: symdiff diff --wrt <VAR> <EXPR>

        For more information, try '--help'.
    "#]],
    );
}

// --- grad

#[test]
fn grad_neuron() {
    check(
        &["grad", NEURON],
        expect![[r#"
            status 0
            --- stdout
            ∂/∂w = 2*x*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)
            ∂/∂x = 2*w*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)
            ∂/∂b = 2*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)
            ∂/∂t = -2*(sigmoid(b + w*x) - t)
        "#]],
    );
    check(
        &["grad", NEURON, "--at", NEURON_AT],
        expect![[r#"
            status 0
            --- stdout
            ∂/∂w = 2*x*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)
            ∂/∂x = 2*w*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)
            ∂/∂b = 2*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)
            ∂/∂t = -2*(sigmoid(b + w*x) - t)

            at w = 0.5, x = 2, b = 0.1, t = 0.8:
            f    =  0.002474057095408847
            ∂/∂w = -0.037279032093396794
            ∂/∂x = -0.009319758023349198
            ∂/∂b = -0.018639516046698397
            ∂/∂t =  0.09947978880976471
        "#]],
    );
    check(
        &[
            "grad", NEURON, "--wrt", "w,b", "--at", NEURON_AT, "--format", "json",
        ],
        expect![[r#"
            status 0
            --- stdout
            {"formulas":["2*x*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)","2*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)"],"gradient":[-0.037279032093396794,-0.018639516046698397],"value":0.002474057095408847,"vars":["w","b"]}
        "#]],
    );
    check(
        &[
            "grad", NEURON, "--wrt", "b", "--at", NEURON_AT, "--format", "latex",
        ],
        expect![[r#"
            status 0
            --- stdout
            \frac{\partial f}{\partial b} = 2 \operatorname{sigmoid}\left(b + w x\right) \left(1 - \operatorname{sigmoid}\left(b + w x\right)\right) \left(\operatorname{sigmoid}\left(b + w x\right) - t\right)
            f = 0.002474057095408847
            \frac{\partial f}{\partial b} = -0.018639516046698397
        "#]],
    );
}

#[test]
fn grad_wrt_absent_variable_warns() {
    check(
        &["grad", "x*y", "--wrt", "x,z", "--at", "x=1,y=2"],
        expect![[r#"
            status 0
            --- stdout
            ∂/∂x = y
            ∂/∂z = 0

            at x = 1, y = 2:
            f    =  2
            ∂/∂x =  2
            ∂/∂z =  0
            --- stderr
            warning: --wrt: `z` does not appear in the expression, so its derivative is 0 (its variables are x, y)
        "#]],
    );
}

#[test]
fn grad_domain_problems_warn() {
    check(
        &["grad", "log(x) + 1/y", "--at", "x=-1,y=0"],
        expect![[r#"
        status 0
        --- stdout
        ∂/∂x = 1/x
        ∂/∂y = -1/y^2

        at x = -1, y = 0:
        f    =  NaN
        ∂/∂x = -1
        ∂/∂y = -inf
        --- stderr
        warning: not finite at this point (a function outside its domain, a division by zero or an overflow): f = NaN, ∂/∂y = -inf
    "#]],
    );
    check(
        &["grad", "sqrt(x)", "--at", "x=0", "--format", "json"],
        expect![[r#"
        status 0
        --- stdout
        {"formulas":["1/(2*sqrt(x))"],"gradient":["inf"],"value":0.0,"vars":["x"]}
        --- stderr
        warning: not finite at this point (a function outside its domain, a division by zero or an overflow): ∂/∂x = inf
    "#]],
    );
}

/// A step that a printed formula merges into its user (`2*z*d` prints
/// `2*x*y*z`) is not defined above it; one used by another step is.
#[test]
fn unused_steps_are_not_printed() {
    check(
        &["diff", "d = x*y; t*(2*z*d)", "--wrt", "t"],
        expect![[r#"
            status 0
            --- stdout
            ∂/∂t = 2*x*y*z
        "#]],
    );
    check(
        &["grad", "d = x*y; g = 2*z*d; t*g"],
        expect![[r#"
            status 0
            --- stdout
            g = 2*x*y*z;
            ∂/∂x = 2*t*y*z
            ∂/∂y = 2*t*x*z
            ∂/∂z = 2*t*x*y
            ∂/∂t = g
        "#]],
    );
    check(
        &[
            "grad",
            "d = x*y; e2 = d + 1; t*sin(e2)*(2*z*d)",
            "--wrt",
            "t",
        ],
        expect![[r#"
            status 0
            --- stdout
            d = x*y;
            e2 = 1 + d;
            ∂/∂t = 2*x*y*z*sin(e2)
        "#]],
    );
}

#[test]
fn grad_errors() {
    check(
        &["grad", NEURON, "--at", "w=0.5,b=0.1"],
        expect![[r#"
            status 2
            --- stderr
            error: --at gives no value for the variable `x`
              |
              = help: every variable needs a value: --at w=…,x=…,b=…,t=…
        "#]],
    );
    check(
        &["grad", NEURON, "--wrt", "w,,b"],
        expect![[r#"
            status 2
            --- stderr
            error: in --wrt: expected a variable name here
             --> <input>:1:3
              |
            1 | w,,b
              |   ^
              |
              = help: list variables separated by commas: `--wrt w,b`
        "#]],
    );
    check(
        &["grad", NEURON, "--wrt", "w,w"],
        expect![[r#"
            status 2
            --- stderr
            error: in --wrt: `w` is listed twice
             --> <input>:1:3
              |
            1 | w,w
              |   ^
              |
              = help: list variables separated by commas: `--wrt w,b`
        "#]],
    );
    check(
        &["grad", NEURON, "--at", "w=0.5;b=1"],
        expect![[r#"
            status 2
            --- stderr
            error: in --at: `0.5;b=1` is not a number
             --> <input>:1:3
              |
            1 | w=0.5;b=1
              |   ^^^^^^^
              |
              = help: values are decimal numbers such as `0.5`, `-2`, `1e-3`, `inf` or `nan`
        "#]],
    );
    check(
        &["grad", "x", "--format", "yaml"],
        expect![[r#"
            status 2
            --- stderr
            error: invalid value 'yaml' for '--format <FORMAT>'
              [possible values: text, latex, mathml, rust, json]

            For more information, try '--help'.
        "#]],
    );
}

/// An expression of the benchmark suite (symdiff/benches/data/suite.tsv).
fn suite(name: &str) -> &'static str {
    include_str!("../symdiff/benches/data/suite.tsv")
        .lines()
        .find_map(|line| line.strip_prefix(name)?.strip_prefix('\t'))
        .expect("the suite has the expression")
}

#[test]
fn large_results_print_shared_subexpressions_once() {
    check(
        &["grad", suite("mlp4"), "--wrt", "v1,W1_1,d"],
        expect![[r#"
            status 0
            --- stdout
            t1 = tanh(W1_1*x1 + W1_2*x2 + W1_3*x3 + W1_4*x4 + c1);
            t2 = sigmoid(d + v1*t1 + v2*tanh(W2_1*x1 + W2_2*x2 + W2_3*x3 + W2_4*x4 + c2) + v3*tanh(W3_1*x1 + W3_2*x2 + W3_3*x3 + W3_4*x4 + c3) + v4*tanh(W4_1*x1 + W4_2*x2 + W4_3*x3 + W4_4*x4 + c4));
            t3 = 2*t2*(1 - t2)*(t2 - t);
            ∂/∂v1 = t3*t1
            ∂/∂W1_1 = v1*x1*t3*(1 - t1^2)
            ∂/∂d = t3
        "#]],
    );
    check(
        &["grad", suite("mlp4"), "--wrt", "v1,d", "--format", "json"],
        expect![[r#"
            status 0
            --- stdout
            {"definitions":"t1 = tanh(W1_1*x1 + W1_2*x2 + W1_3*x3 + W1_4*x4 + c1); t2 = sigmoid(d + v1*t1 + v2*tanh(W2_1*x1 + W2_2*x2 + W2_3*x3 + W2_4*x4 + c2) + v3*tanh(W3_1*x1 + W3_2*x2 + W3_3*x3 + W3_4*x4 + c3) + v4*tanh(W4_1*x1 + W4_2*x2 + W4_3*x3 + W4_4*x4 + c4)); t3 = 2*t2*(1 - t2)*(t2 - t);","formulas":["t3*t1","t3"],"vars":["v1","d"]}
        "#]],
    );
    check(
        &["grad", suite("mlp4"), "--wrt", "d", "--format", "latex"],
        expect![[r#"
            status 0
            --- stdout
            \frac{\partial f}{\partial d} = 2 \operatorname{sigmoid}\left(d + v_{1} \tanh\left(\mathrm{W1}_{1} x_{1} + \mathrm{W1}_{2} x_{2} + \mathrm{W1}_{3} x_{3} + \mathrm{W1}_{4} x_{4} + c_{1}\right) + v_{2} \tanh\left(\mathrm{W2}_{1} x_{1} + \mathrm{W2}_{2} x_{2} + \mathrm{W2}_{3} x_{3} + \mathrm{W2}_{4} x_{4} + c_{2}\right) + v_{3} \tanh\left(\mathrm{W3}_{1} x_{1} + \mathrm{W3}_{2} x_{2} + \mathrm{W3}_{3} x_{3} + \mathrm{W3}_{4} x_{4} + c_{3}\right) + v_{4} \tanh\left(\mathrm{W4}_{1} x_{1} + \mathrm{W4}_{2} x_{2} + \mathrm{W4}_{3} x_{3} + \mathrm{W4}_{4} x_{4} + c_{4}\right)\right) \left(1 - \operatorname{sigmoid}\left(d + v_{1} \tanh\left(\mathrm{W1}_{1} x_{1} + \mathrm{W1}_{2} x_{2} + \mathrm{W1}_{3} x_{3} + \mathrm{W1}_{4} x_{4} + c_{1}\right) + v_{2} \tanh\left(\mathrm{W2}_{1} x_{1} + \mathrm{W2}_{2} x_{2} + \mathrm{W2}_{3} x_{3} + \mathrm{W2}_{4} x_{4} + c_{2}\right) + v_{3} \tanh\left(\mathrm{W3}_{1} x_{1} + \mathrm{W3}_{2} x_{2} + \mathrm{W3}_{3} x_{3} + \mathrm{W3}_{4} x_{4} + c_{3}\right) + v_{4} \tanh\left(\mathrm{W4}_{1} x_{1} + \mathrm{W4}_{2} x_{2} + \mathrm{W4}_{3} x_{3} + \mathrm{W4}_{4} x_{4} + c_{4}\right)\right)\right) \left(\operatorname{sigmoid}\left(d + v_{1} \tanh\left(\mathrm{W1}_{1} x_{1} + \mathrm{W1}_{2} x_{2} + \mathrm{W1}_{3} x_{3} + \mathrm{W1}_{4} x_{4} + c_{1}\right) + v_{2} \tanh\left(\mathrm{W2}_{1} x_{1} + \mathrm{W2}_{2} x_{2} + \mathrm{W2}_{3} x_{3} + \mathrm{W2}_{4} x_{4} + c_{2}\right) + v_{3} \tanh\left(\mathrm{W3}_{1} x_{1} + \mathrm{W3}_{2} x_{2} + \mathrm{W3}_{3} x_{3} + \mathrm{W3}_{4} x_{4} + c_{3}\right) + v_{4} \tanh\left(\mathrm{W4}_{1} x_{1} + \mathrm{W4}_{2} x_{2} + \mathrm{W4}_{3} x_{3} + \mathrm{W4}_{4} x_{4} + c_{4}\right)\right) - t\right)
        "#]],
    );
}

// --- hessian

#[test]
fn hessian_verdicts() {
    check(
        &["hessian", "x^2 + y^2", "--at", "x=0,y=0"],
        expect![[r#"
            status 0
            --- stdout
            ∂²/∂x² = 2
            ∂²/∂x∂y = 0
            ∂²/∂y² = 2

            at x = 0, y = 0:
            f    =  0
            ∂/∂x =  0
            ∂/∂y =  0
            hessian =
              [ 2  0 ]
              [ 0  2 ]
            eigenvalues = 2, 2
            verdict: local minimum: the gradient is exactly 0 and the Hessian is positive definite
        "#]],
    );
    check(
        &["hessian", "-x^2 - y^2", "--at", "x=0,y=0"],
        expect![[r#"
            status 0
            --- stdout
            ∂²/∂x² = -2
            ∂²/∂x∂y = 0
            ∂²/∂y² = -2

            at x = 0, y = 0:
            f    =  0
            ∂/∂x =  0
            ∂/∂y =  0
            hessian =
              [ -2   0 ]
              [  0  -2 ]
            eigenvalues = -2, -2
            verdict: local maximum: the gradient is exactly 0 and the Hessian is negative definite
        "#]],
    );
    check(
        &["hessian", "x^2 - y^2 + x*y^3", "--at", "x=0,y=0"],
        expect![[r#"
            status 0
            --- stdout
            ∂²/∂x² = 2
            ∂²/∂x∂y = 3*y^2
            ∂²/∂y² = 6*x*y - 2

            at x = 0, y = 0:
            f    =  0
            ∂/∂x =  0
            ∂/∂y =  0
            hessian =
              [  2   0 ]
              [  0  -2 ]
            eigenvalues = -2, 2
            verdict: saddle point: the gradient is exactly 0 and the Hessian is indefinite
        "#]],
    );
    check(
        &["hessian", "x^4 + y^2", "--at", "x=0,y=0"],
        expect![[r#"
            status 0
            --- stdout
            ∂²/∂x² = 12*x^2
            ∂²/∂x∂y = 0
            ∂²/∂y² = 2

            at x = 0, y = 0:
            f    =  0
            ∂/∂x =  0
            ∂/∂y =  0
            hessian =
              [ 0  0 ]
              [ 0  2 ]
            eigenvalues = 0, 2
            verdict: degenerate critical point: the gradient is exactly 0 and the Hessian is positive semidefinite; the second-derivative test is inconclusive
        "#]],
    );
    check(
        &["hessian", "x^2 + y^2", "--at", "x=1,y=0"],
        expect![[r#"
            status 0
            --- stdout
            ∂²/∂x² = 2
            ∂²/∂x∂y = 0
            ∂²/∂y² = 2

            at x = 1, y = 0:
            f    =  1
            ∂/∂x =  2
            ∂/∂y =  0
            hessian =
              [ 2  0 ]
              [ 0  2 ]
            eigenvalues = 2, 2
            verdict: not a critical point: the gradient does not vanish; the curvature is positive definite
            tolerance: |∂/∂x| = 2 > 2e-8 = 1e-8 (--tol) × 2 (Σ_v |∂²/∂x∂v · v|)
        "#]],
    );
}

/// The verdict's tolerances are relative to the point and the Hessian, an
/// exact 0 needs none, and `--tol` sets them: one invocation per line, with
/// only the verdict and the lines that say what decided it.
#[test]
fn hessian_verdict_tolerances() {
    let cases: &[&[&str]] = &[
        // Beside the minimum, not at it.
        &["x^2 + y^2", "--at", "x=1e-9,y=0"],
        // A gradient of 1e-12 at the origin is not 0.
        &["1e-12*x + x^2 - y^2", "--at", "x=0,y=0"],
        // A tiny function keeps its gradient and its curvature.
        &["1e-20*(x^2 - y^2) + 1e-20*x", "--at", "x=1,y=1"],
        &["1e-20*(x^2 - y^2)", "--at", "x=0,y=0"],
        // Rounding of the point is within tolerance.
        &["sin(x)", "--at", "x=1.5707963267948966"],
        // An eigenvalue below the Hessian's change near the point counts as 0.
        &["sin(x)^3", "--at", "x=3.141592653589793"],
        // An eigenvalue below --tol times the largest counts as 0.
        &["x^2 + 1e-9*y^2", "--at", "x=0,y=0", "--tol", "1e-6"],
        // --tol accepts a point given to fewer digits.
        &["(x - 1/3)^2", "--at", "x=0.3333333"],
        &["(x - 1/3)^2", "--at", "x=0.3333333", "--tol", "1e-6"],
        // A gradient that is 0 as a formula (heaviside' = 0).
        &["y^2 + heaviside(x)", "--wrt", "x", "--at", "x=1,y=2"],
    ];
    let mut rendered = String::new();
    for case in cases {
        let mut args = vec!["hessian"];
        args.extend_from_slice(case);
        let output = run_with_stdin(&args, "");
        rendered.push_str(&format!("$ {}\n", case.join(" ")));
        for line in output.lines().filter(|line| {
            line.starts_with("verdict")
                || line.starts_with("tolerance")
                || line.starts_with("status 2")
        }) {
            rendered.push_str(&format!("{line}\n"));
        }
    }
    expect![[r#"
        $ x^2 + y^2 --at x=1e-9,y=0
        verdict: not a critical point: the gradient does not vanish; the curvature is positive definite
        tolerance: |∂/∂x| = 2e-9 > 2e-17 = 1e-8 (--tol) × 2e-9 (Σ_v |∂²/∂x∂v · v|)
        $ 1e-12*x + x^2 - y^2 --at x=0,y=0
        verdict: not a critical point: the gradient does not vanish; the curvature is indefinite
        tolerance: |∂/∂x| = 1e-12 > 0 = 1e-8 (--tol) × 0 (Σ_v |∂²/∂x∂v · v|)
        $ 1e-20*(x^2 - y^2) + 1e-20*x --at x=1,y=1
        verdict: not a critical point: the gradient does not vanish; the curvature is indefinite
        tolerance: |∂/∂x| = 3e-20 > 2e-28 = 1e-8 (--tol) × 2e-20 (Σ_v |∂²/∂x∂v · v|)
        $ 1e-20*(x^2 - y^2) --at x=0,y=0
        verdict: saddle point: the gradient is exactly 0 and the Hessian is indefinite
        $ sin(x) --at x=1.5707963267948966
        verdict: local maximum: the gradient vanishes within tolerance and the Hessian is negative definite
        tolerance: |∂/∂x| = 6.12323e-17 <= 1.5708e-8 = 1e-8 (--tol) × 1.5708 (Σ_v |∂²/∂x∂v · v|)
        $ sin(x)^3 --at x=3.141592653589793
        verdict: degenerate critical point: the gradient vanishes within tolerance and the Hessian is zero; the second-derivative test is inconclusive
        tolerance: |∂/∂x| = 4.49928e-32 <= 2.3084e-23 = 1e-8 (--tol) × 2.3084e-15 (Σ_v |∂²/∂x∂v · v|)
        tolerance: 1 eigenvalue counts as 0: |λ| <= 1.88496e-7, the Hessian's change as each variable moves by 1e-8 (--tol) of itself
        $ x^2 + 1e-9*y^2 --at x=0,y=0 --tol 1e-6
        verdict: degenerate critical point: the gradient is exactly 0 and the Hessian is positive semidefinite; the second-derivative test is inconclusive
        tolerance: 1 eigenvalue counts as 0: |λ| <= 2e-6, 1e-6 (--tol) × the largest |λ|
        $ (x - 1/3)^2 --at x=0.3333333
        verdict: not a critical point: the gradient does not vanish; the curvature is positive definite
        tolerance: |∂/∂x| = 6.66667e-8 > 6.66667e-9 = 1e-8 (--tol) × 0.666667 (Σ_v |∂²/∂x∂v · v|)
        $ (x - 1/3)^2 --at x=0.3333333 --tol 1e-6
        verdict: local minimum: the gradient vanishes within tolerance and the Hessian is positive definite
        tolerance: |∂/∂x| = 6.66667e-8 <= 6.66667e-7 = 1e-6 (--tol) × 0.666667 (Σ_v |∂²/∂x∂v · v|)
        $ y^2 + heaviside(x) --wrt x --at x=1,y=2
        verdict: degenerate critical point: the gradient is identically 0 and the Hessian is zero; the second-derivative test is inconclusive
    "#]].assert_eq(&rendered);
}

#[test]
fn hessian_tol_errors() {
    check(
        &["hessian", "x^2", "--at", "x=1", "--tol", "-1"],
        expect![[r#"
            status 2
            --- stderr
            error: --tol must be finite and non-negative, got -1
        "#]],
    );
    check(
        &["hessian", "x^2", "--tol", "1e-6"],
        expect![[r#"
        status 2
        --- stderr
        error: the following required arguments were not provided:
          --at <POINT>

        Usage: symdiff hessian --at <POINT> --tol <TOL> <EXPR>

        For more information, try '--help'.
    "#]],
    );
    check(
        &[
            "hessian", "x^2", "--at", "x=1", "--tol", "1e-6", "--format", "json",
        ],
        expect![[r#"
            status 0
            --- stdout
            {"classification":null,"critical":false,"curvature":"positive definite","eigenvalue_threshold":2e-6,"eigenvalues":[2.0],"formulas":[["2"]],"gradient":[2.0],"gradient_test":"exceeds tolerance","hessian":[[2.0]],"tol":1e-6,"value":1.0,"vars":["x"]}
        "#]],
    );
}

/// An empty result says so.
#[test]
fn empty_results_say_so() {
    check(
        &["grad", "x - x"],
        expect![[r#"
        status 0
        --- stdout
        the expression has no variables: its gradient is empty
    "#]],
    );
    check(
        &["grad", "x - x", "--at", "x=1"],
        expect![[r#"
            status 0
            --- stdout
            the expression has no variables: its gradient is empty

            at x = 1:
            f =  0
            --- stderr
            warning: --at gives a value to `x`, which is ignored: `x` does not appear in the expression
        "#]],
    );
    check(
        &["grad", "x - x", "--format", "latex"],
        expect![[r#"
        status 0
        --- stdout
        \text{the expression has no variables: its gradient is empty}
    "#]],
    );
    check(
        &["hessian", "x - x + 1"],
        expect![[r#"
        status 0
        --- stdout
        the expression has no variables: its Hessian is empty
    "#]],
    );
    check(
        &["hessian", "x - x + 1", "--at", "x=1"],
        expect![[r#"
            status 0
            --- stdout
            the expression has no variables: its Hessian is empty

            at x = 1:
            f =  1
            no eigenvalues and no verdict: the expression has no variables
            --- stderr
            warning: --at gives a value to `x`, which is ignored: `x` does not appear in the expression
        "#]],
    );
    check(
        &["hessian", "x - x + 1", "--at", "x=1", "--format", "json"],
        expect![[r#"
            status 0
            --- stdout
            {"classification":null,"critical":null,"curvature":null,"eigenvalues":[],"formulas":[],"gradient":[],"hessian":[],"value":1.0,"vars":[]}
            --- stderr
            warning: --at gives a value to `x`, which is ignored: `x` does not appear in the expression
        "#]],
    );
}

#[test]
fn hessian_formats() {
    check(
        &["hessian", NEURON, "--wrt", "w,b", "--at", NEURON_AT],
        expect![[r#"
            status 0
            --- stdout
            ∂²/∂w² = x*(2*x*sigmoid(b + w*x)^2*(1 - sigmoid(b + w*x))^2 + 2*(x*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))^2 - x*sigmoid(b + w*x)^2*(1 - sigmoid(b + w*x)))*(sigmoid(b + w*x) - t))
            ∂²/∂w∂b = 2*x*sigmoid(b + w*x)^2*(1 - sigmoid(b + w*x))^2 + 2*(x*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))^2 - x*sigmoid(b + w*x)^2*(1 - sigmoid(b + w*x)))*(sigmoid(b + w*x) - t)
            ∂²/∂b² = 2*sigmoid(b + w*x)^2*(1 - sigmoid(b + w*x))^2 + 2*(sigmoid(b + w*x)*(1 - sigmoid(b + w*x))^2 - sigmoid(b + w*x)^2*(1 - sigmoid(b + w*x)))*(sigmoid(b + w*x) - t)

            at w = 0.5, x = 2, b = 0.1, t = 0.8:
            f    =  0.002474057095408847
            ∂/∂w = -0.037279032093396794
            ∂/∂b = -0.018639516046698397
            hessian =
              [  0.318178   0.159089 ]
              [  0.159089  0.0795444 ]
            eigenvalues = 0, 0.397722
            verdict: not a critical point: the gradient does not vanish; the curvature is positive semidefinite
            tolerance: |∂/∂w| = 0.037279 > 1.74998e-9 = 1e-8 (--tol) × 0.174998 (Σ_v |∂²/∂w∂v · v|)
        "#]],
    );
    check(
        &["hessian", "x^2*y", "--at", "x=1,y=2", "--format", "json"],
        expect![[r#"
            status 0
            --- stdout
            {"classification":null,"critical":false,"curvature":"indefinite","eigenvalue_threshold":6.828427083246622e-8,"eigenvalues":[-0.8284271247461903,4.82842712474619],"formulas":[["2*y","2*x"],["2*x","0"]],"gradient":[4.0,1.0],"gradient_test":"exceeds tolerance","hessian":[[4.0,2.0],[2.0,0.0]],"tol":1e-8,"value":2.0,"vars":["x","y"]}
        "#]],
    );
    check(
        &["hessian", "x^2*y", "--at", "x=0,y=0", "--format", "json"],
        expect![[r#"
            status 0
            --- stdout
            {"classification":"degenerate","critical":true,"curvature":"zero","eigenvalue_threshold":0.0,"eigenvalues":[0.0,0.0],"formulas":[["2*y","2*x"],["2*x","0"]],"gradient":[0.0,0.0],"gradient_test":"exactly zero","hessian":[[0.0,0.0],[0.0,0.0]],"tol":1e-8,"value":0.0,"vars":["x","y"]}
        "#]],
    );
    check(
        &["hessian", "x^2*y", "--format", "latex"],
        expect![[r#"
        status 0
        --- stdout
        \frac{\partial^{2} f}{\partial x^{2}} = 2 y
        \frac{\partial^{2} f}{\partial x \, \partial y} = 2 x
        \frac{\partial^{2} f}{\partial y^{2}} = 0
    "#]],
    );
    check(
        &["hessian", "x^2*y", "--at", "x=1,y=2", "--format", "latex"],
        expect![[r#"
            status 0
            --- stdout
            \frac{\partial^{2} f}{\partial x^{2}} = 2 y
            \frac{\partial^{2} f}{\partial x \, \partial y} = 2 x
            \frac{\partial^{2} f}{\partial y^{2}} = 0
            f = 2
            \frac{\partial f}{\partial x} = 4
            \frac{\partial f}{\partial y} = 1
            H = \begin{pmatrix} 4 & 2 \\ 2 & 0 \end{pmatrix}
            \lambda = -0.828427, 4.82843
            \text{verdict: not a critical point: the gradient does not vanish; the curvature is indefinite}
            \text{tolerance: \textbar{}d/dx\textbar{} = 4 > 8e-8 = 1e-8 (-{}-tol) $\times$ 8 ($\Sigma$\_v \textbar{}d2/dxdv $\cdot$ v\textbar{})}
        "#]],
    );
}

#[test]
fn hessian_not_finite() {
    check(
        &["hessian", "log(x)*y", "--at", "x=0,y=1"],
        expect![[r#"
            status 0
            --- stdout
            ∂²/∂x² = -y/x^2
            ∂²/∂x∂y = 1/x
            ∂²/∂y² = 0

            at x = 0, y = 1:
            f    = -inf
            ∂/∂x =  inf
            ∂/∂y = -inf
            hessian =
              [ -inf   inf ]
              [  inf     0 ]
            verdict: none (some value is not finite)
            --- stderr
            warning: not finite at this point (a function outside its domain, a division by zero or an overflow): f = -inf, ∂/∂x = inf, ∂/∂y = -inf, ∂²/∂x² = -inf, ∂²/∂x∂y = inf
            warning: no eigenvalues or verdict: the function, its gradient or its Hessian is not finite at this point
        "#]],
    );
    check(
        &["hessian", "log(x)*y", "--at", "x=0,y=1", "--format", "json"],
        expect![[r#"
            status 0
            --- stdout
            {"classification":null,"critical":null,"curvature":null,"eigenvalues":null,"formulas":[["-y/x^2","1/x"],["1/x","0"]],"gradient":["inf","-inf"],"hessian":[["-inf","inf"],["inf",0.0]],"value":"-inf","vars":["x","y"]}
            --- stderr
            warning: not finite at this point (a function outside its domain, a division by zero or an overflow): f = -inf, ∂/∂x = inf, ∂/∂y = -inf, ∂²/∂x² = -inf, ∂²/∂x∂y = inf
            warning: no eigenvalues or verdict: the function, its gradient or its Hessian is not finite at this point
        "#]],
    );
    // Only the function is NaN (log of a negative number everywhere): its
    // derivatives' formulas are finite, but there is no extremum to judge.
    check(
        &["hessian", "log(-x^2 - 1)", "--at", "x=0"],
        expect![[r#"
            status 0
            --- stdout
            ∂²/∂x² = -2/(-1 - x^2) - 4*x^2/(-1 - x^2)^2

            at x = 0:
            f    =  NaN
            ∂/∂x =  0
            hessian =
              [ 2 ]
            verdict: none (some value is not finite)
            --- stderr
            warning: not finite at this point (a function outside its domain, a division by zero or an overflow): f = NaN
            warning: no eigenvalues or verdict: the function, its gradient or its Hessian is not finite at this point
        "#]],
    );
}

// --- eval

#[test]
fn eval_values() {
    check(
        &["eval", NEURON, "--at", NEURON_AT],
        expect![[r#"
        status 0
        --- stdout
        0.002474057095408847
    "#]],
    );
    check(
        &["eval", "2^0.5", "--at", ""],
        expect![[r#"
        status 0
        --- stdout
        1.4142135623730951
    "#]],
    );
    check(
        &["eval", "x*1e300*1e300", "--at", "x=1"],
        expect![[r#"
        status 0
        --- stdout
        inf
        --- stderr
        warning: not finite at this point (a function outside its domain, a division by zero or an overflow): f = inf
    "#]],
    );
    check(
        &["eval", "x", "--at", "x=1e-7,unused=5"],
        expect![[r#"
            status 0
            --- stdout
            1e-7
            --- stderr
            warning: --at gives a value to `unused`, which is ignored: `unused` does not appear in the expression
        "#]],
    );
    check(
        &["eval", "x/2", "--at", "x=3", "--format", "latex"],
        expect![[r#"
        status 0
        --- stdout
        \frac{x}{2} = 1.5
    "#]],
    );
    check(
        &["eval", "x/2", "--at", "x=3", "--format", "json"],
        expect![[r#"
        status 0
        --- stdout
        {"value":1.5}
    "#]],
    );
}

#[test]
fn eval_domain_problems_warn() {
    check(
        &["eval", "log(x)", "--at", "x=-1"],
        expect![[r#"
        status 0
        --- stdout
        NaN
        --- stderr
        warning: not finite at this point (a function outside its domain, a division by zero or an overflow): f = NaN
    "#]],
    );
    check(
        &["eval", "1/x", "--at", "x=0", "--format", "json"],
        expect![[r#"
        status 0
        --- stdout
        {"value":"inf"}
        --- stderr
        warning: not finite at this point (a function outside its domain, a division by zero or an overflow): f = inf
    "#]],
    );
    check(
        &["eval", "-1/x", "--at", "x=0", "--format", "json"],
        expect![[r#"
        status 0
        --- stdout
        {"value":"-inf"}
        --- stderr
        warning: not finite at this point (a function outside its domain, a division by zero or an overflow): f = -inf
    "#]],
    );
}

#[test]
fn eval_point_errors() {
    check(
        &["eval", "x + y", "--at", "x=1"],
        expect![[r#"
            status 2
            --- stderr
            error: --at gives no value for the variable `y`
              |
              = help: every variable needs a value: --at x=…,y=…
        "#]],
    );
    check(
        &["eval", "x", "--at", "x"],
        expect![[r#"
            status 2
            --- stderr
            error: in --at: expected `name=value`
             --> <input>:1:1
              |
            1 | x
              | ^
              |
              = help: write each value as `name=value`, e.g. `x=1.5`
        "#]],
    );
    check(
        &["eval", "x", "--at", "x=abc"],
        expect![[r#"
            status 2
            --- stderr
            error: in --at: `abc` is not a number
             --> <input>:1:3
              |
            1 | x=abc
              |   ^^^
              |
              = help: values are decimal numbers such as `0.5`, `-2`, `1e-3`, `inf` or `nan`
        "#]],
    );
    check(
        &["eval", "x", "--at", "x="],
        expect![[r#"
            status 2
            --- stderr
            error: in --at: missing the value of `x` after `=`
             --> <input>:1:2
              |
            1 | x=
              |  ^
              |
              = help: values are decimal numbers such as `0.5`, `-2`, `1e-3`, `inf` or `nan`
        "#]],
    );
    check(
        &["eval", "x", "--at", "=1"],
        expect![[r#"
            status 2
            --- stderr
            error: in --at: missing the variable's name before `=`
             --> <input>:1:1
              |
            1 | =1
              | ^
        "#]],
    );
    check(
        &["eval", "x", "--at", "x=1,x=2"],
        expect![[r#"
            status 2
            --- stderr
            error: in --at: `x` is listed twice
             --> <input>:1:5
              |
            1 | x=1,x=2
              |     ^^^
        "#]],
    );
    check(
        &["eval", "x", "--at", "x=1,"],
        expect![[r#"
            status 2
            --- stderr
            error: in --at: expected `name=value` here
             --> <input>:1:5
              |
            1 | x=1,
              |     ^
              |
              = help: entries are separated by single commas: `w=0.5,b=0.1`
        "#]],
    );
    check(
        &["eval", "x", "--at", "1x=1"],
        expect![[r#"
            status 2
            --- stderr
            error: in --at: `1x` is not a variable name
             --> <input>:1:1
              |
            1 | 1x=1
              | ^^
        "#]],
    );
    check(
        &["eval", "x"],
        expect![[r#"
            status 2
            --- stderr
            error: --at gives no value for the variable `x`
              |
              = help: every variable needs a value: --at x=…
        "#]],
    );
}

#[test]
fn eval_reads_standard_input() {
    expect![[r#"
        status 0
        --- stdout
        9
    "#]]
    .assert_eq(&run_with_stdin(&["eval", "-", "--at", "x=3"], "x^2\n"));
    expect![[r#"
        status 2
        --- stderr
        error: expected an operand after `^`
         --> <input>:1:3
          |
        1 | x^
          |   ^
          |
          = help: found end of input; `^` needs an operand on its right
    "#]]
    .assert_eq(&run_with_stdin(&["eval", "-", "--at", "x=3"], "x^\n"));
}

#[test]
fn standard_input_must_be_utf8() {
    let outcome = symdiff_cli::run(["symdiff", "eval", "-", "--at", "x=1"], &mut &b"x\xff"[..]);
    expect![[r#"
        status 2
        error: standard input is not UTF-8 text (invalid byte at offset 1)
    "#]]
    .assert_eq(&format!("status {}\n{}", outcome.code, outcome.stderr));
}

// --- check

#[test]
fn check_passes_and_fails() {
    check(
        &["check", NEURON, "--at", NEURON_AT, "--format", "json"],
        expect![[r#"
            status 0
            --- stdout
            {"entries":[{"abs_err":7.416851854902262e-12,"analytic":-0.037279032093396794,"index":[0],"kind":"gradient","numeric":-0.037279032100813646,"ok":true,"rel_err":1.989550542740723e-10,"rounding_err":5.49351030346806e-13,"status":"pass"},{"abs_err":7.034251653381673e-13,"analytic":-0.009319758023349198,"index":[1],"kind":"gradient","numeric":-0.009319758024052624,"ok":true,"rel_err":7.547676275743997e-11,"rounding_err":2.746755151677789e-13,"status":"pass"},{"abs_err":8.895002789888196e-13,"analytic":-0.018639516046698397,"index":[2],"kind":"gradient","numeric":-0.018639516047587897,"ok":true,"rel_err":4.772121103991474e-11,"rounding_err":5.493510303203101e-13,"status":"pass"},{"abs_err":6.362965709882928e-14,"analytic":0.09947978880976471,"index":[3],"kind":"gradient","numeric":0.09947978880970108,"ok":true,"rel_err":6.396239664375347e-13,"rounding_err":5.493510305182756e-13,"status":"pass"},{"abs_err":6.038974875721692e-11,"analytic":0.31817759212592794,"index":[0,0],"kind":"hessian","numeric":0.3181775921863177,"ok":true,"rel_err":1.8979887408870087e-10,"rounding_err":8.277607953249185e-12,"status":"pass"},{"abs_err":1.0065830113870078e-11,"analytic":0.06090488198478359,"index":[0,1],"kind":"hessian","numeric":0.06090488199484942,"ok":true,"rel_err":1.6527131790061297e-10,"rounding_err":3.1041029824822107e-12,"status":"pass"},{"abs_err":1.8919171784759214e-11,"analytic":0.15908879606296397,"index":[0,2],"kind":"hessian","numeric":0.15908879608188314,"ok":true,"rel_err":1.189220878572838e-10,"rounding_err":6.208205964902533e-12,"status":"pass"},{"abs_err":7.235523291626578e-11,"analytic":-0.7494795181900822,"index":[0,3],"kind":"hessian","numeric":-0.7494795182624374,"ok":true,"rel_err":9.654064074227296e-11,"rounding_err":1.518327917863942e-11,"status":"pass"},{"abs_err":1.5073844950030946e-12,"analytic":0.019886099507870496,"index":[1,1],"kind":"hessian","numeric":0.01988609950937788,"ok":true,"rel_err":7.580091280807695e-11,"rounding_err":1.034700994176278e-12,"status":"pass"},{"abs_err":2.4628146744198887e-12,"analytic":0.03977219901574099,"index":[1,2],"kind":"hessian","numeric":0.03977219901820381,"ok":true,"rel_err":6.192301997917324e-11,"rounding_err":2.069401988323837e-12,"status":"pass"},{"abs_err":6.811301522802182e-12,"analytic":-0.18736987954752055,"index":[1,3],"kind":"hessian","numeric":-0.18736987955433185,"ok":true,"rel_err":3.6352168977229354e-11,"rounding_err":6.556938595341375e-12,"status":"pass"},{"abs_err":3.821734595454984e-12,"analytic":0.07954439803148199,"index":[2,2],"kind":"hessian","numeric":0.07954439803530372,"ok":true,"rel_err":4.804530161581971e-11,"rounding_err":4.138803976590237e-12,"status":"pass"},{"abs_err":8.422040842503975e-12,"analytic":-0.3747397590950411,"index":[2,3],"kind":"hessian","numeric":-0.37473975910346313,"ok":true,"rel_err":2.247437224876559e-11,"rounding_err":1.3113877190376204e-11,"status":"pass"},{"abs_err":0.0,"analytic":2.0,"index":[3,3],"kind":"hessian","numeric":2.0,"ok":true,"rel_err":0.0,"rounding_err":2.2088950403654574e-11,"status":"pass"}],"ok":true,"summary":"ok: all 14 entries pass"}
        "#]],
    );
    check(
        &["check", "abs(x)*y", "--at", "x=0,y=1"],
        expect![[r#"
        status 1
        --- stdout
        at x = 0, y = 1 (eps 1e-6, rtol 0.001, atol 1e-5):
        entry    analytic  numeric  abs err  rel err
        ∂/∂x     0         0        0        0        pass
        ∂/∂y     0         0        0        0        pass
        ∂²/∂x²   0         1000000  1000000  1        FAIL
        ∂²/∂x∂y  0         0        0        0        pass
        ∂²/∂y²   0         0        0        0        pass
        FAILED: 1 of 5 entries fail
    "#]],
    );
    check(
        &["check", "x^3", "--at", "x=2", "--rtol", "0", "--atol", "0"],
        expect![[r#"
            status 1
            --- stdout
            at x = 2 (eps 1e-6, rtol 0, atol 0):
            entry   analytic  numeric  abs err  rel err
            ∂/∂x    12        12       2.2e-10  1.9e-11  inconclusive
            ∂²/∂x²  12        12       2.2e-10  1.9e-11  inconclusive
            inconclusive: 2 of 2 entries within the central difference's rounding error, without one, or across a kink; try another --eps (larger against rounding, smaller for a step outside the domain or across a kink)
        "#]],
    );
    check(
        &["check", "x^3", "--at", "x=2", "--format", "latex"],
        expect![[r#"
            status 0
            --- stdout
            \begin{array}{lrrrrl}
            \text{entry} & \text{analytic} & \text{numeric} & \text{abs err} & \text{rel err} & \text{} \\
            \frac{\partial f}{\partial x} & 12 & 12 & 2.2 \cdot 10^{-10} & 1.9 \cdot 10^{-11} & \text{pass} \\
            \frac{\partial^{2} f}{\partial x^{2}} & 12 & 12 & 2.2 \cdot 10^{-10} & 1.9 \cdot 10^{-11} & \text{pass} \\
            \end{array}
            \text{ok: all 2 entries pass}
        "#]],
    );
}

/// What the check cannot judge it says so: a central difference that
/// cancels, a function that is not finite at the point, no variables.
#[test]
fn check_says_what_it_cannot_judge() {
    // A step across a kink, and a step out of the domain (`1/x`, the
    // gradient of `log(x)`, is a number at `x - h < 0`, where `log` is not).
    check(
        &["check", "abs(x)*y", "--at", "x=1e-7,y=2"],
        expect![[r#"
            status 1
            --- stdout
            at x = 1e-7, y = 2 (eps 1e-6, rtol 0.001, atol 1e-5):
            entry    analytic  numeric  abs err  rel err
            ∂/∂x     2         0.2      1.8      9        inconclusive
            ∂/∂y     1e-7      1e-7     1.5e-18  1.5e-11  pass
            ∂²/∂x²   0         2000000  2000000  1        inconclusive
            ∂²/∂x∂y  1         0.55     0.45     0.82     inconclusive
            ∂²/∂y²   0         0        0        0        pass
            inconclusive: 3 of 5 entries within the central difference's rounding error, without one, or across a kink; try another --eps (larger against rounding, smaller for a step outside the domain or across a kink)
        "#]],
    );
    check(
        &["check", "log(x)", "--at", "x=1e-7"],
        expect![[r#"
        status 1
        --- stdout
        at x = 1e-7 (eps 1e-6, rtol 0.001, atol 1e-5):
        entry   analytic          numeric  abs err  rel err
        ∂/∂x    10000000          NaN      NaN      NaN      inconclusive
        ∂²/∂x²  -100000000000000  NaN      NaN      NaN      inconclusive
        inconclusive: 2 of 2 entries within the central difference's rounding error, without one, or across a kink; try another --eps (larger against rounding, smaller for a step outside the domain or across a kink)
    "#]],
    );
    check(
        &["check", "max(x, 0)^2", "--at", "x=3e-7", "--format", "json"],
        expect![[r#"
            status 1
            --- stdout
            {"entries":[{"abs_err":2.449999999999999e-7,"analytic":6e-7,"index":[0],"kind":"gradient","numeric":8.449999999999999e-7,"ok":true,"rel_err":0.2899408284023668,"rounding_err":1.8762769116165142e-22,"status":"pass"},{"abs_err":0.7000000000000002,"analytic":2.0,"index":[0,0],"kind":"hessian","numeric":1.2999999999999998,"ok":false,"one_sided":[2.0,0.6],"rel_err":0.5384615384615387,"rounding_err":2.8865798640254066e-16,"status":"inconclusive"}],"ok":false,"summary":"inconclusive: 1 of 2 entries within the central difference's rounding error, without one, or across a kink; try another --eps (larger against rounding, smaller for a step outside the domain or across a kink)"}
        "#]],
    );
    check(
        &["check", "x^2 + 1e12", "--at", "x=1"],
        expect![[r#"
            status 1
            --- stdout
            at x = 1 (eps 1e-6, rtol 0.001, atol 1e-5):
            entry   analytic  numeric  abs err  rel err
            ∂/∂x    2         0        2        inf      inconclusive
            ∂²/∂x²  2         2        0        0        pass
            inconclusive: 1 of 2 entries within the central difference's rounding error, without one, or across a kink; try another --eps (larger against rounding, smaller for a step outside the domain or across a kink)
        "#]],
    );
    check(
        &["check", "x^2 + 1e12", "--at", "x=1", "--eps", "1e-2"],
        expect![[r#"
            status 0
            --- stdout
            at x = 1 (eps 0.01, rtol 0.001, atol 1e-5):
            entry   analytic  numeric    abs err  rel err
            ∂/∂x    2         2.0019531  0.002    0.00098  pass
            ∂²/∂x²  2         2          0        0        pass
            ok: all 2 entries pass
        "#]],
    );
    check(
        &["check", "x^2 + 1e12", "--at", "x=1", "--tol", "0"],
        expect![[r#"
            status 1
            --- stdout
            at x = 1 (eps 1e-6, rtol 0.001, atol 1e-5):
            entry   analytic  numeric  abs err  rel err
            ∂/∂x    2         0        2        inf      FAIL
            ∂²/∂x²  2         2        0        0        pass
            FAILED: 1 of 2 entries fail
        "#]],
    );
    check(
        &["check", "x/x", "--at", "x=0"],
        expect![[r#"
            status 0
            --- stdout
            at x = 0 (eps 1e-6, rtol 0.001, atol 1e-5):
            nothing to check: the expression has no variables (f = 1 everywhere)
            --- stderr
            warning: --at gives a value to `x`, which is ignored: `x` does not appear in the expression
        "#]],
    );
    check(
        &["check", "log(x)*y", "--at", "x=-1,y=1"],
        expect![[r#"
        status 1
        --- stdout
        at x = -1, y = 1 (eps 1e-6, rtol 0.001, atol 1e-5):
        nothing to check: f is not finite at this point (f = NaN), so it has no central difference
    "#]],
    );
    check(
        &["check", "0/0 + 0*x", "--at", "x=1"],
        expect![[r#"
            status 1
            --- stdout
            at x = 1 (eps 1e-6, rtol 0.001, atol 1e-5):
            nothing to check: the expression has no variables and f is not finite at this point (f = NaN), so it has no central difference
            --- stderr
            warning: --at gives a value to `x`, which is ignored: `x` does not appear in the expression
        "#]],
    );
    check(
        &["check", "1/x", "--at", "x=0", "--format", "json"],
        expect![[r#"
            status 1
            --- stdout
            {"entries":[],"ok":false,"summary":"nothing to check: f is not finite at this point (f = inf), so it has no central difference"}
        "#]],
    );
    check(
        &["check", "x^2 + 1e12", "--at", "x=1", "--format", "latex"],
        expect![[r#"
            status 1
            --- stdout
            \begin{array}{lrrrrl}
            \text{entry} & \text{analytic} & \text{numeric} & \text{abs err} & \text{rel err} & \text{} \\
            \frac{\partial f}{\partial x} & 2 & 0 & 2 & \infty & \text{inconclusive} \\
            \frac{\partial^{2} f}{\partial x^{2}} & 2 & 2 & 0 & 0 & \text{pass} \\
            \end{array}
            \text{inconclusive: 1 of 2 entries within the central difference's rounding error, without one, or across a kink; try another -{}-eps (larger against rounding, smaller for a step outside the domain or across a kink)}
        "#]],
    );
    check(
        &["check", "x^2", "--at", "x=1", "--tol", "-1"],
        expect![[r#"
        status 2
        --- stderr
        error: option `tol` must be finite and non-negative, got -1
    "#]],
    );
}

#[test]
fn check_errors() {
    check(
        &["check", "x^2", "--at", "x=1", "--eps", "0"],
        expect![[r#"
        status 2
        --- stderr
        error: option `eps` must be finite and positive, got 0
    "#]],
    );
    check(
        &["check", "x^2", "--at", "x=1", "--rtol", "-1"],
        expect![[r#"
        status 2
        --- stderr
        error: option `rtol` must be finite and non-negative, got -1
    "#]],
    );
    check(
        &["check", "x^2", "--at", "x=1", "--atol", "nope"],
        expect![[r#"
        status 2
        --- stderr
        error: invalid value 'nope' for '--atol <A>': invalid float literal

        For more information, try '--help'.
    "#]],
    );
    check(
        &["check", "x^2*y", "--at", "x=1"],
        expect![[r#"
            status 2
            --- stderr
            error: --at gives no value for the variable `y`
              |
              = help: every variable needs a value: --at x=…,y=…
        "#]],
    );
}

// --- codegen and --format rust

#[test]
fn codegen_small() {
    check(
        &["codegen", "x*y^2", "--name", "f2", "--wrt", "y"],
        expect![[r#"
            status 0
            --- stdout
            /// The gradient of `f2` with respect to (y).
            ///
            /// ```text
            /// ∂/∂y = 2*x*y
            /// ```
            #[allow(unused_variables, unused_parens, non_snake_case, clippy::all, clippy::pedantic, clippy::nursery)]
            pub fn f2_grad(x: ::core::primitive::f64, y: ::core::primitive::f64) -> [::core::primitive::f64; 1] {
                let __t0: ::core::primitive::f64 = x;
                let __t1: ::core::primitive::f64 = 2.0_f64;
                let __t2: ::core::primitive::f64 = y;
                let __t3: ::core::primitive::f64 = __t2 * __t1;
                let __t4: ::core::primitive::f64 = __t3 * __t0;
                [__t4]
            }

            /// The value of `f2` and its gradient, sharing one forward pass.
            ///
            /// ```text
            /// f2 = x*y^2
            /// ∂/∂y = 2*x*y
            /// ```
            #[allow(unused_variables, unused_parens, non_snake_case, clippy::all, clippy::pedantic, clippy::nursery)]
            pub fn f2_value_and_grad(x: ::core::primitive::f64, y: ::core::primitive::f64) -> (::core::primitive::f64, [::core::primitive::f64; 1]) {
                let __t0: ::core::primitive::f64 = x;
                let __t1: ::core::primitive::f64 = y;
                let __t2: ::core::primitive::f64 = 2.0_f64;
                let __t3: ::core::primitive::f64 = __t1 * __t1;
                let __t4: ::core::primitive::f64 = __t3 * __t0;
                let __t5: ::core::primitive::f64 = __t1 * __t2;
                let __t6: ::core::primitive::f64 = __t5 * __t0;
                (__t4, [__t6])
            }

            /// The variables of `f2`'s derivatives, in the order of their entries.
            pub const F2_WRT: [&::core::primitive::str; 1] = ["y"];

        "#]],
    );
    check(
        &["codegen", "x^2", "--name", "sq", "--format", "json"],
        expect![[r#"
            status 0
            --- stdout
            {"code":"/// The gradient of `sq` with respect to (x).\n///\n/// ```text\n/// ∂/∂x = 2*x\n/// ```\n#[allow(unused_variables, unused_parens, non_snake_case, clippy::all, clippy::pedantic, clippy::nursery)]\npub fn sq_grad(x: ::core::primitive::f64) -> [::core::primitive::f64; 1] {\n    let __t0: ::core::primitive::f64 = 2.0_f64;\n    let __t1: ::core::primitive::f64 = x;\n    let __t2: ::core::primitive::f64 = __t1 * __t0;\n    [__t2]\n}\n\n/// The value of `sq` and its gradient, sharing one forward pass.\n///\n/// ```text\n/// sq = x^2\n/// ∂/∂x = 2*x\n/// ```\n#[allow(unused_variables, unused_parens, non_snake_case, clippy::all, clippy::pedantic, clippy::nursery)]\npub fn sq_value_and_grad(x: ::core::primitive::f64) -> (::core::primitive::f64, [::core::primitive::f64; 1]) {\n    let __t0: ::core::primitive::f64 = x;\n    let __t1: ::core::primitive::f64 = 2.0_f64;\n    let __t2: ::core::primitive::f64 = __t0 * __t0;\n    let __t3: ::core::primitive::f64 = __t0 * __t1;\n    (__t2, [__t3])\n}\n\n/// The variables of `sq`'s derivatives, in the order of their entries.\npub const SQ_WRT: [&::core::primitive::str; 1] = [\"x\"];\n\n","name":"sq"}
        "#]],
    );
}

/// `where` on the command line: its gradient follows the branch taken, and
/// codegen writes it as an `if` that gives NaN where a side is NaN.
#[test]
fn codegen_and_grad_of_where() {
    check(
        &["grad", "where(x > 0, x^2*y, -y)", "--at", "x=0,y=3"],
        expect![[r#"
            status 0
            --- stdout
            ∂/∂x = where(0 < x, 2*x*y, 0)
            ∂/∂y = where(0 < x, x^2, -1)

            at x = 0, y = 3:
            f    = -3
            ∂/∂x =  0
            ∂/∂y = -1
        "#]],
    );
    check(
        &["codegen", "where(x >= 1, log(x), 0)", "--name", "safe_log"],
        expect![[r#"
            status 0
            --- stdout
            /// The gradient of `safe_log` with respect to (x).
            ///
            /// ```text
            /// ∂/∂x = where(1 <= x, 1/x, 0)
            /// ```
            #[allow(unused_variables, unused_parens, non_snake_case, clippy::all, clippy::pedantic, clippy::nursery)]
            pub fn safe_log_grad(x: ::core::primitive::f64) -> [::core::primitive::f64; 1] {
                let __t0: ::core::primitive::f64 = 1.0_f64;
                let __t1: ::core::primitive::f64 = x;
                let __t2: ::core::primitive::f64 = __t0 / __t1;
                let __t3: ::core::primitive::f64 = 0.0_f64;
                let __t4: ::core::primitive::f64 = if __t0 <= __t1 { __t2 } else if __t1 < __t0 { __t3 } else { ::core::primitive::f64::NAN };
                [__t4]
            }

            /// The value of `safe_log` and its gradient, sharing one forward pass.
            ///
            /// ```text
            /// safe_log = where(1 <= x, log(x), 0)
            /// ∂/∂x = where(1 <= x, 1/x, 0)
            /// ```
            #[allow(unused_variables, unused_parens, non_snake_case, clippy::all, clippy::pedantic, clippy::nursery)]
            pub fn safe_log_value_and_grad(x: ::core::primitive::f64) -> (::core::primitive::f64, [::core::primitive::f64; 1]) {
                let __t0: ::core::primitive::f64 = 1.0_f64;
                let __t1: ::core::primitive::f64 = x;
                let __t2: ::core::primitive::f64 = ::core::primitive::f64::ln(__t1);
                let __t3: ::core::primitive::f64 = 0.0_f64;
                let __t4: ::core::primitive::f64 = if __t0 <= __t1 { __t2 } else if __t1 < __t0 { __t3 } else { ::core::primitive::f64::NAN };
                let __t5: ::core::primitive::f64 = __t0 / __t1;
                let __t6: ::core::primitive::f64 = if __t0 <= __t1 { __t5 } else if __t1 < __t0 { __t3 } else { ::core::primitive::f64::NAN };
                (__t4, [__t6])
            }

            /// The variables of `safe_log`'s derivatives, in the order of their entries.
            pub const SAFE_LOG_WRT: [&::core::primitive::str; 1] = ["x"];

        "#]],
    );
}

#[test]
fn codegen_errors() {
    check(
        &["codegen", "x", "--name", "fn"],
        expect![[r#"
            status 2
            --- stderr
            error: --name `fn` is a Rust keyword, so it cannot name a function or parameter
              |
              = help: rename it to generate Rust
        "#]],
    );
    check(
        &["codegen", "x", "--name", "my-name"],
        expect![[r#"
        status 2
        --- stderr
        error: --name `my-name` is not a Rust identifier
    "#]],
    );
    check(
        &["codegen", "type*2"],
        expect![[r#"
            status 2
            --- stderr
            error: the variable `type` is a Rust keyword, so it cannot name a function or parameter
              |
              = help: rename it to generate Rust
        "#]],
    );
}

/// `--args` orders the functions' parameters; it must list every variable
/// once.
#[test]
fn codegen_args_orders_the_parameters() {
    let code = run_with_stdin(&["codegen", NEURON, "--args", "w,b,x,t", "--wrt", "w"], "");
    let signatures: Vec<&str> = code
        .lines()
        .filter(|line| line.starts_with("pub "))
        .collect();
    expect![[r#"
        pub fn f_grad(w: ::core::primitive::f64, b: ::core::primitive::f64, x: ::core::primitive::f64, t: ::core::primitive::f64) -> [::core::primitive::f64; 1] {
        pub fn f_value_and_grad(w: ::core::primitive::f64, b: ::core::primitive::f64, x: ::core::primitive::f64, t: ::core::primitive::f64) -> (::core::primitive::f64, [::core::primitive::f64; 1]) {
        pub const F_WRT: [&::core::primitive::str; 1] = ["w"];"#]].assert_eq(&signatures.join("\n"));
    check(
        &["codegen", "x*y + z", "--args", "y,q,x"],
        expect![[r#"
            status 2
            --- stderr
            error: in --args: `q` is not a variable of the expression
             --> <input>:1:3
              |
            1 | y,q,x
              |   ^
              |
              = help: list every variable once, in the order the functions take them; the variables are: x, y, z
        "#]],
    );
    check(
        &["codegen", "x*y + z", "--args", "z,x"],
        expect![[r#"
            status 2
            --- stderr
            error: in --args: the variable `y` is missing
             --> <input>:1:4
              |
            1 | z,x
              |    ^
              |
              = help: list every variable once, in the order the functions take them; the variables are: x, y, z
        "#]],
    );
    check(
        &["codegen", "x*y", "--args", "y,x,y"],
        expect![[r#"
            status 2
            --- stderr
            error: in --args: `y` is listed twice
             --> <input>:1:5
              |
            1 | y,x,y
              |     ^
              |
              = help: list every variable once, in the order the functions take them; the variables are: x, y
        "#]],
    );
    check(
        &["codegen", "x*y", "--args", "y,,x"],
        expect![[r#"
            status 2
            --- stderr
            error: in --args: expected a variable name here
             --> <input>:1:3
              |
            1 | y,,x
              |   ^
              |
              = help: list every variable once, in the order the functions take them; the variables are: x, y
        "#]],
    );
}

#[test]
fn rust_format_is_codegen() {
    let codegen = run_with_stdin(&["codegen", NEURON, "--hessian"], "");
    let hessian = run_with_stdin(&["hessian", NEURON, "--format", "rust"], "");
    assert_eq!(codegen, hessian);
}

// --- usage

#[test]
fn usage_errors() {
    check(
        &[],
        expect![[r#"
            status 2
            --- stderr
            The symdiff command line: exact derivatives, gradient checks and Hessian verdicts.

            Usage: symdiff [OPTIONS] <COMMAND>

            Commands:
              parse        Print the expression back as parsed (text), or simplified (other formats)
              diff         The derivative with respect to one variable
              grad         The gradient, and its value at a point
              hessian      The Hessian; at a point also its eigenvalues and the verdict
              jacobian     The Jacobian of several outputs, and its value at a point
              hvp          The Hessian times a direction (H·v), without forming the Hessian
              eval         The value at a point
              check        Compare the symbolic gradient and Hessian with central differences
              codegen      Rust functions computing the gradient (and Hessian)
              explain      The chain rule step by step: the forward and the backward pass
              plot         Draw the function and its derivatives, or its contours, as SVG
              completions  A completion script for a shell
              man          The manual page, in roff
              functions    Every function the formulas may call, with its derivatives
              help         Print this message or the help of the given subcommand(s)

            Options:
                  --format <FORMAT>  How to print the result [default: text] [possible values: text, latex, mathml, rust, json]
                  --stats            Print timings and sizes as one JSON line on standard error
                  --repeat <N>       With `--stats`: parse and derive N times more, each time in a fresh graph, and report the median times (warm, as a benchmark running in one process measures them) [default: 1]
                  --max-nodes <N>    The most distinct subexpressions a command may build (about 150 bytes each) before it stops with an error [default: 10000000]
                  --precision <N>    Print values rounded to N significant digits (1 to 17; default: the shortest digits that read back as the same number). JSON keeps every digit
                  --color <WHEN>     When to colour error messages: `auto` colours them on a terminal unless the `NO_COLOR` environment variable is set [default: auto] [possible values: auto, always, never]
              -h, --help             Print help (see more with '--help')
              -V, --version          Print version

            Examples:
              symdiff grad '(sigmoid(w*x + b) - t)^2' --at w=0.5,b=0.1,x=2,t=0.8
              symdiff hessian 'x^2 - y^2 + x*y^3' --at x=0,y=0
              symdiff explain 'z = w*x + b; y = sigmoid(z); (y - t)^2' --at w=0.5,b=0.1,x=2,t=0.8
        "#]],
    );
    check(
        &["frobnicate", "x"],
        expect![[r#"
        status 2
        --- stderr
        error: unrecognized subcommand 'frobnicate'

        Usage: symdiff [OPTIONS] <COMMAND>

        For more information, try '--help'.
    "#]],
    );
    check(
        &["grad"],
        expect![[r#"
        status 2
        --- stderr
        error: the following required arguments were not provided:
          <EXPR>

        Usage: symdiff grad <EXPR>

        For more information, try '--help'.
    "#]],
    );
}

#[test]
fn names_mean_one_thing() {
    // A constant, a defined name or a name the expression lacks is not a
    // variable: an error, or a warning where the result is still meaningful.
    let cases: &[&[&str]] = &[
        &["grad", "x*y", "--wrt", "q"],
        &["grad", "x*pi", "--wrt", "x,pi"],
        &["grad", "z = x*y; z^2", "--wrt", "z"],
        &["eval", "x*pi", "--at", "pi=3,x=1"],
        &["eval", "x = 3; x*y", "--at", "x=5,y=1"],
        &["grad", "sin"],
        &["grad", "sin = x; sin(sin)"],
    ];
    let mut rendered = String::new();
    for case in cases {
        rendered.push_str(&format!(
            "$ {}\n{}",
            case.join(" "),
            run_with_stdin(case, "")
        ));
    }
    expect![[r#"
        $ grad x*y --wrt q
        status 0
        --- stdout
        ∂/∂q = 0
        --- stderr
        warning: --wrt: `q` does not appear in the expression, so its derivative is 0 (its variables are x, y)
        $ grad x*pi --wrt x,pi
        status 2
        --- stderr
        error: in --wrt: `pi` is a constant, not a variable
         --> <input>:1:3
          |
        1 | x,pi
          |   ^^
          |
          = help: its variables are x
        $ grad z = x*y; z^2 --wrt z
        status 0
        --- stdout
        ∂/∂z = 2*x*y
        $ eval x*pi --at pi=3,x=1
        status 2
        --- stderr
        error: --at gives a value to `pi`: `pi` is a constant, not a variable
          |
          = help: its variables are x
        $ eval x = 3; x*y --at x=5,y=1
        status 0
        --- stdout
        3
        --- stderr
        warning: --at gives a value to `x`, which is ignored: `x` is defined in the expression, not a variable
        $ grad sin
        status 2
        --- stderr
        error: `sin` is a function, not a value
         --> <input>:1:1
          |
        1 | sin
          | ^^^
          |
          = help: call it, as in `sin(x)`, or choose another name for a variable
        $ grad sin = x; sin(sin)
        status 2
        --- stderr
        error: `sin` is a function and cannot be redefined
         --> <input>:1:1
          |
        1 | sin = x; sin(sin)
          | ^^^
          |
          = help: choose another name
    "#]].assert_eq(&rendered);
}

/// The course's cases (issue 11): derivatives by named steps (the backward
/// pass), expressions without variables, results expanded or factored as a
/// textbook prints them, and orders that end in 0.
#[test]
fn course_cases() {
    let neuron = "z = w*x + b; y = sigmoid(z); (y - t)^2";
    let cases: &[&[&str]] = &[
        &["diff", neuron, "--wrt", "z"],
        &["diff", neuron, "--wrt", "y", "--format", "json"],
        &["diff", neuron, "--wrt", "z", "--format", "latex"],
        &["diff", neuron, "--wrt", "z", "--order", "2"],
        &["grad", neuron, "--wrt", "w,b,z,y", "--at", NEURON_AT],
        &["hessian", neuron, "--wrt", "z"],
        &["grad", neuron, "--wrt", "z", "--format", "rust"],
        &["eval", "2^3^2"],
        &["eval", "sigmoid(0)"],
        &[
            "diff",
            "3*(x^2 - 2)*cos(x) + x*(x^2 - 6)*sin(x)",
            "--wrt",
            "x",
            "--expand",
        ],
        &["grad", "(x + y)^2", "--expand"],
        &["hessian", "(x + y)^3", "--factor"],
        &["diff", "x", "--wrt", "x", "--order", "100000000"],
        &["diff", "sin(x)", "--wrt", "x", "--order", "100000000"],
        &["diff", "x", "--wrt", "x", "--expand", "--factor"],
    ];
    let mut rendered = String::new();
    for case in cases {
        rendered.push_str(&format!(
            "$ {}\n{}",
            case.join(" "),
            run_with_stdin(case, "")
        ));
    }
    expect![[r#"
        $ diff z = w*x + b; y = sigmoid(z); (y - t)^2 --wrt z
        status 0
        --- stdout
        z = b + w*x;
        y = sigmoid(z);
        ∂/∂z = 2*y*(1 - y)*(y - t)
        $ diff z = w*x + b; y = sigmoid(z); (y - t)^2 --wrt y --format json
        status 0
        --- stdout
        {"definitions":"z = b + w*x; y = sigmoid(z);","formula":"2*(y - t)","order":1,"var":"y"}
        $ diff z = w*x + b; y = sigmoid(z); (y - t)^2 --wrt z --format latex
        status 0
        --- stdout
        z = b + w x
        y = \operatorname{sigmoid}\left(z\right)
        \frac{\partial f}{\partial z} = 2 y \left(1 - y\right) \left(y - t\right)
        $ diff z = w*x + b; y = sigmoid(z); (y - t)^2 --wrt z --order 2
        status 0
        --- stdout
        z = b + w*x;
        y = sigmoid(z);
        ∂²/∂z² = 2*y^2*(1 - y)^2 + 2*(y*(1 - y)^2 - y^2*(1 - y))*(y - t)
        $ grad z = w*x + b; y = sigmoid(z); (y - t)^2 --wrt w,b,z,y --at w=0.5,b=0.1,x=2,t=0.8
        status 0
        --- stdout
        z = b + w*x;
        y = sigmoid(z);
        ∂/∂w = 2*x*y*(1 - y)*(y - t)
        ∂/∂b = 2*y*(1 - y)*(y - t)
        ∂/∂z = 2*y*(1 - y)*(y - t)
        ∂/∂y = 2*(y - t)

        at w = 0.5, x = 2, b = 0.1, t = 0.8:
        f    =  0.002474057095408847
        ∂/∂w = -0.037279032093396794
        ∂/∂b = -0.018639516046698397
        ∂/∂z = -0.018639516046698397
        ∂/∂y = -0.09947978880976471
        $ hessian z = w*x + b; y = sigmoid(z); (y - t)^2 --wrt z
        status 2
        --- stderr
        error: in --wrt: `z` is defined in the expression, not a variable (derivatives with respect to defined names are given by `diff` and `grad`)
         --> <input>:1:1
          |
        1 | z
          | ^
          |
          = help: its variables are w, x, b, t
        $ grad z = w*x + b; y = sigmoid(z); (y - t)^2 --wrt z --format rust
        status 2
        --- stderr
        error: in --wrt: `z` is defined in the expression, not a variable (derivatives with respect to defined names are given by `diff` and `grad`)
         --> <input>:1:1
          |
        1 | z
          | ^
          |
          = help: its variables are w, x, b, t
        $ eval 2^3^2
        status 0
        --- stdout
        512
        $ eval sigmoid(0)
        status 0
        --- stdout
        0.5
        $ diff 3*(x^2 - 2)*cos(x) + x*(x^2 - 6)*sin(x) --wrt x --expand
        status 0
        --- stdout
        ∂/∂x = x^3*cos(x)
        $ grad (x + y)^2 --expand
        status 0
        --- stdout
        ∂/∂x = 2*x + 2*y
        ∂/∂y = 2*x + 2*y
        $ hessian (x + y)^3 --factor
        status 0
        --- stdout
        ∂²/∂x² = 6*(x + y)
        ∂²/∂x∂y = 6*(x + y)
        ∂²/∂y² = 6*(x + y)
        $ diff x --wrt x --order 100000000
        status 0
        --- stdout
        ∂¹⁰⁰⁰⁰⁰⁰⁰⁰/∂x¹⁰⁰⁰⁰⁰⁰⁰⁰ = 0
        $ diff sin(x) --wrt x --order 100000000
        status 2
        --- stderr
        error: the derivative of order 100000000 is too large to compute: it is not 0 after 64 differentiations, the most symdiff takes (higher orders are answered only once the derivative is 0)
        $ diff x --wrt x --expand --factor
        status 2
        --- stderr
        error: the argument '--expand' cannot be used with '--factor'

        Usage: symdiff diff --wrt <VAR> --expand <EXPR>

        For more information, try '--help'.
    "#]].assert_eq(&rendered);
}

// --- the functions added with the function table

#[test]
fn the_new_functions_through_the_command_line() {
    check(
        &[
            "grad",
            "gelu(x)*elu(y, a) + atan2(y, x)",
            "--at",
            "x=0.5,y=-1,a=2",
        ],
        expect![[r#"
            status 0
            --- stdout
            ∂/∂x = elu(y, a)*(1/2 + x*exp(-x^2/2)/(2^(1/2)*pi^(1/2)) + erf(x/2^(1/2))/2) - y/(x^2 + y^2)
            ∂/∂y = gelu(x)*where(0 < y, 1, a*exp(y)) + x/(x^2 + y^2)
            ∂/∂a = where(0 < y, 0, expm1(y)*gelu(x))

            at x = 0.5, y = -1, a = 2:
            f    = -1.5442363552235894
            ∂/∂x = -0.29672300595740597
            ∂/∂y =  0.6543748238445141
            ∂/∂a = -0.21854381871474954
        "#]],
    );
    check(
        &["diff", "log(x, b) + cbrt(x)", "--wrt", "x"],
        expect![[r#"
        status 0
        --- stdout
        ∂/∂x = 1/(3*cbrt(x)^2) + 1/(x*log(b))
    "#]],
    );
    check(
        &["eval", "cbrt(x) + log1p(y)", "--at", "x=-8,y=-1"],
        expect![[r#"
            status 0
            --- stdout
            -inf
            --- stderr
            warning: not finite at this point (a function outside its domain, a division by zero or an overflow): f = -inf
        "#]],
    );
    check(
        &[
            "check",
            "silu(x)*softsign(y) + hypot(x, y) + log1p(x) - expm1(y)",
            "--at",
            "x=0.3,y=0.7",
        ],
        expect![[r#"
            status 0
            --- stdout
            at x = 0.3, y = 0.7 (eps 1e-6, rtol 0.001, atol 1e-5):
            entry    analytic     numeric      abs err  rel err
            ∂/∂x     1.429883     1.429883     1.8e-11  1.3e-11  pass
            ∂/∂y     -1.034977    -1.034977    6.9e-11  6.6e-11  pass
            ∂²/∂x²   0.7144196    0.7144196    2.1e-11  2.9e-11  pass
            ∂²/∂x∂y  -0.25127451  -0.25127451  6.9e-11  2.7e-10  pass
            ∂²/∂y²   -1.8801551   -1.8801551   1.3e-10  6.8e-11  pass
            ok: all 5 entries pass
        "#]],
    );
    check(
        &["grad", "atan2(x)"],
        expect![[r#"
            status 2
            --- stderr
            error: `atan2` takes 2 arguments, but 1 was given
             --> <input>:1:1
              |
            1 | atan2(x)
              | ^^^^^
        "#]],
    );
    check(
        &["codegen", "log1p(x)*cbrt(y)", "--name", "f"],
        expect![[r#"
            status 0
            --- stdout
            /// The gradient of `f` with respect to (x, y).
            ///
            /// ```text
            /// ∂/∂x = cbrt(y)/(1 + x)
            /// ∂/∂y = log1p(x)/(3*cbrt(y)^2)
            /// ```
            #[allow(unused_variables, unused_parens, non_snake_case, clippy::all, clippy::pedantic, clippy::nursery)]
            pub fn f_grad(x: ::core::primitive::f64, y: ::core::primitive::f64) -> [::core::primitive::f64; 2] {
                let __t0: ::core::primitive::f64 = y;
                let __t1: ::core::primitive::f64 = ::core::primitive::f64::cbrt(__t0);
                let __t2: ::core::primitive::f64 = 1.0_f64;
                let __t3: ::core::primitive::f64 = x;
                let __t4: ::core::primitive::f64 = __t2 + __t3;
                let __t5: ::core::primitive::f64 = __t1 / __t4;
                let __t6: ::core::primitive::f64 = 0.3333333333333333_f64;
                let __t7: ::core::primitive::f64 = __t1 * __t1;
                let __t8: ::core::primitive::f64 = __t6 / __t7;
                let __t9: ::core::primitive::f64 = ::core::primitive::f64::ln_1p(__t3);
                let __t10: ::core::primitive::f64 = __t9 * __t8;
                [__t5, __t10]
            }

            /// The value of `f` and its gradient, sharing one forward pass.
            ///
            /// ```text
            /// f = cbrt(y)*log1p(x)
            /// ∂/∂x = cbrt(y)/(1 + x)
            /// ∂/∂y = log1p(x)/(3*cbrt(y)^2)
            /// ```
            #[allow(unused_variables, unused_parens, non_snake_case, clippy::all, clippy::pedantic, clippy::nursery)]
            pub fn f_value_and_grad(x: ::core::primitive::f64, y: ::core::primitive::f64) -> (::core::primitive::f64, [::core::primitive::f64; 2]) {
                let __t0: ::core::primitive::f64 = y;
                let __t1: ::core::primitive::f64 = ::core::primitive::f64::cbrt(__t0);
                let __t2: ::core::primitive::f64 = x;
                let __t3: ::core::primitive::f64 = ::core::primitive::f64::ln_1p(__t2);
                let __t4: ::core::primitive::f64 = __t3 * __t1;
                let __t5: ::core::primitive::f64 = 1.0_f64;
                let __t6: ::core::primitive::f64 = __t5 + __t2;
                let __t7: ::core::primitive::f64 = __t1 / __t6;
                let __t8: ::core::primitive::f64 = 0.3333333333333333_f64;
                let __t9: ::core::primitive::f64 = __t1 * __t1;
                let __t10: ::core::primitive::f64 = __t8 / __t9;
                let __t11: ::core::primitive::f64 = __t10 * __t3;
                (__t4, [__t7, __t11])
            }

            /// The variables of `f`'s derivatives, in the order of their entries.
            pub const F_WRT: [&::core::primitive::str; 2] = ["x", "y"];

        "#]],
    );
}

/// `--precision N` rounds printed values to N significant digits; JSON keeps
/// every digit, and 0 is a usage error.
#[test]
fn precision_rounds_printed_values() {
    check(
        &[
            "grad",
            "(sigmoid(w*x + b) - t)^2",
            "--at",
            "w=0.5,b=0.1,x=2,t=0.8",
            "--wrt",
            "w,b",
            "--precision",
            "3",
        ],
        expect![[r#"
            status 0
            --- stdout
            ∂/∂w = 2*x*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)
            ∂/∂b = 2*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)

            at w = 0.5, x = 2, b = 0.1, t = 0.8:
            f    =  0.00247
            ∂/∂w = -0.0373
            ∂/∂b = -0.0186
        "#]],
    );
    check(
        &["eval", "pi", "--precision", "5"],
        expect![[r#"
        status 0
        --- stdout
        3.1416
    "#]],
    );
    check(
        &["eval", "pi", "--precision", "5", "--format", "json"],
        expect![[r#"
        status 0
        --- stdout
        {"value":3.141592653589793}
    "#]],
    );
    check(
        &["eval", "pi", "--precision", "0"],
        expect![[r#"
        status 2
        --- stderr
        error: invalid value '0' for '--precision <N>': 0 is not in 1..=17

        For more information, try '--help'.
    "#]],
    );
}

/// `--color auto` colours errors on a terminal, unless `NO_COLOR` is set;
/// `--color never` never does, and a plain message is coloured like a caret
/// diagnostic.
#[test]
fn color_auto_follows_the_terminal_and_no_color() {
    let stderr = |args: &[&str], terminal: symdiff_cli::Terminal| {
        let mut argv = vec!["symdiff"];
        argv.extend_from_slice(args);
        symdiff_cli::run_on(argv, &mut std::io::empty(), terminal).stderr
    };
    let terminal = symdiff_cli::Terminal {
        stderr_is_terminal: true,
        no_color: false,
    };
    let no_color = symdiff_cli::Terminal {
        no_color: true,
        ..terminal
    };
    let caret = ["parse", "sinn(x)"];
    let message = ["diff", "x^2", "--wrt", "x,y"];
    for args in [&caret[..], &message[..]] {
        assert!(stderr(args, terminal).contains('\x1b'), "{args:?}");
        assert!(!stderr(args, no_color).contains('\x1b'), "{args:?}");
        let never = [args, &["--color", "never"]].concat();
        assert!(!stderr(&never, terminal).contains('\x1b'), "{args:?}");
        let always = [args, &["--color", "always"]].concat();
        assert!(stderr(&always, no_color).contains('\x1b'), "{args:?}");
        // Without colour it is exactly what `run` prints into a pipe.
        assert_eq!(
            stderr(args, no_color),
            stderr(args, symdiff_cli::Terminal::default())
        );
    }
}
