//! `symdiff explain` as data: each case one invocation with a snapshot of
//! what it printed; the benchmark suite explained case by case, with its
//! step counts and sizes.

use expect_test::{Expect, expect};

const NEURON: &str = "z = w*x + b; y = sigmoid(z); (y - t)^2";
const NEURON_AT: &str = "w=0.5,b=0.1,x=2,t=0.8";

mod common;

/// Runs `symdiff explain ARGS` and renders what it printed.
fn run(args: &[&str]) -> String {
    let mut argv = vec!["explain"];
    argv.extend_from_slice(args);
    common::rendered(&argv, "")
}

fn check(args: &[&str], expect: Expect) {
    expect.assert_eq(&run(args));
}

/// The notebook's backward pass, with its numbers: z = 1.1000, y = 0.7503,
/// L = 0.0025, dL/dw = -0.037279, dL/db = -0.018640.
#[test]
fn the_notebooks_neuron() {
    check(
        &[NEURON, "--wrt", "w,b", "--at", NEURON_AT],
        expect![[r#"
        status 0
        --- stdout
        Forward pass at w = 0.5, x = 2, b = 0.1, t = 0.8:
          z = b + w*x    = 1.1000
          y = sigmoid(z) = 0.7503
          L = (y - t)^2  = 0.0025

        Backward pass, last step first:
          dL/dy = ∂L/∂y
                = 2*(y - t)
                = -0.099480
          dL/dz = dL/dy * ∂y/∂z   where ∂y/∂z = y*(1 - y)
                = 2*y*(y - t)*(1 - y)
                = -0.018640
          dL/dw = dL/dz * ∂z/∂w   where ∂z/∂w = x
                = 2*x*y*(y - t)*(1 - y)
                = -0.037279
          dL/db = dL/dz * ∂z/∂b   where ∂z/∂b = 1
                = 2*y*(y - t)*(1 - y)
                = -0.018640

        2 steps before the result (the expression's definitions), 4 local derivatives; the expression has 12 nodes as a tree, 12 distinct
    "#]],
    );
    check(
        &[
            NEURON, "--wrt", "w,b", "--at", NEURON_AT, "--format", "latex",
        ],
        expect![[r#"
            status 0
            --- stdout
            \begin{align*}
            z &= b + w x = 1.1000 \\
            y &= \operatorname{sigmoid}\left(z\right) = 0.7503 \\
            L &= \left(y - t\right)^{2} = 0.0025 \\
            \frac{\partial L}{\partial y} &= 2 \left(y - t\right) = -0.099480 \\
            \frac{\partial L}{\partial z} &= \frac{\partial L}{\partial y} \cdot y \left(1 - y\right) = 2 y \left(y - t\right) \left(1 - y\right) = -0.018640 \\
            \frac{\partial L}{\partial w} &= \frac{\partial L}{\partial z} \cdot x = 2 x y \left(y - t\right) \left(1 - y\right) = -0.037279 \\
            \frac{\partial L}{\partial b} &= \frac{\partial L}{\partial z} \cdot 1 = 2 y \left(y - t\right) \left(1 - y\right) = -0.018640
            \end{align*}
        "#]],
    );
    check(
        &[NEURON, "--wrt", "w", "--at", NEURON_AT, "--format", "json"],
        expect![[r#"
            status 0
            --- stdout
            {"backward":[{"adjoint":"2*(y - t)","name":"y","terms":[{"local":"2*(y - t)","through":"L"}],"value":-0.09947978880976471,"variable":false},{"adjoint":"2*y*(y - t)*(1 - y)","name":"z","terms":[{"local":"y*(1 - y)","through":"y"}],"value":-0.018639516046698397,"variable":false},{"adjoint":"2*x*y*(y - t)*(1 - y)","name":"w","terms":[{"local":"x","through":"z"}],"value":-0.037279032093396794,"variable":true}],"forward":[{"formula":"b + w*x","name":"z","value":1.1},{"formula":"sigmoid(z)","name":"y","value":0.7502601055951177},{"formula":"(y - t)^2","name":"L","value":0.002474057095408847}],"result":"L","sizes":{"dag":12,"local_derivatives":3,"steps":3,"tree":12.0}}
        "#]],
    );
}

/// Without definitions the steps are the calls, their arguments and the
/// shared subexpressions, named u1, u2, ...
#[test]
fn natural_steps() {
    check(
        &["(sigmoid(w*x + b) - t)^2", "--wrt", "w"],
        expect![[r#"
        status 0
        --- stdout
        Forward pass:
          u1 = b + w*x
          u2 = sigmoid(u1)
          L  = (u2 - t)^2

        Backward pass, last step first:
          dL/du2 = ∂L/∂u2
                 = 2*(u2 - t)
          dL/du1 = dL/du2 * ∂u2/∂u1   where ∂u2/∂u1 = u2*(1 - u2)
                 = 2*u2*(u2 - t)*(1 - u2)
          dL/dw = dL/du1 * ∂u1/∂w   where ∂u1/∂w = x
                = 2*u2*x*(u2 - t)*(1 - u2)

        2 steps before the result (its calls, their arguments and its shared subexpressions), 3 local derivatives; the expression has 12 nodes as a tree, 12 distinct
    "#]],
    );
    check(
        &["sin(x)^2 + exp(sin(x))"],
        expect![[r#"
        status 0
        --- stdout
        Forward pass:
          u1 = sin(x)
          u2 = exp(u1)
          L  = u1^2 + u2

        Backward pass, last step first:
          dL/du2 = ∂L/∂u2
                 = 1
          dL/du1 = dL/du2 * ∂u2/∂u1   where ∂u2/∂u1 = u2
                 + ∂L/∂u1   where ∂L/∂u1 = 2*u1
                 = 2*u1 + u2
          dL/dx = dL/du1 * ∂u1/∂x   where ∂u1/∂x = cos(x)
                = cos(x)*(2*u1 + u2)

        2 steps before the result (its calls, their arguments and its shared subexpressions), 4 local derivatives; the expression has 8 nodes as a tree, 6 distinct
    "#]],
    );
    check(
        &["2^3^2"],
        expect![[r#"
        status 0
        --- stdout
        Forward pass:
          L = 512

        Backward pass, last step first:
          (nothing to differentiate by: no variables)

        0 steps before the result, 0 local derivatives; the expression has 1 node as a tree, 1 distinct
    "#]],
    );
    check(
        &["x*y"],
        expect![[r#"
        status 0
        --- stdout
        Forward pass:
          L = x*y

        Backward pass, last step first:
          dL/dx = ∂L/∂x
                = y
          dL/dy = ∂L/∂y
                = x

        0 steps before the result, 2 local derivatives; the expression has 3 nodes as a tree, 3 distinct
    "#]],
    );
}

#[test]
fn mistakes() {
    check(
        &[NEURON, "--format", "rust"],
        expect![[r#"
            status 2
            --- stderr
            error: `explain` does not print Rust
              |
              = help: use `--format text`, `--format latex` or `--format json`
        "#]],
    );
    check(
        &[NEURON, "--at", "w=1"],
        expect![[r#"
        status 2
        --- stderr
        error: no value given for variable `x`
    "#]],
    );
    check(
        &["sigmoid(w*x + )"],
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
}

/// Every case of the benchmark suite explains, its large ones folded: the
/// summary line of each.
#[test]
fn the_suite() {
    let suite = include_str!("../symdiff/benches/data/suite.tsv");
    let mut summaries = String::new();
    for line in suite.lines() {
        let Some((name, source)) = line.split_once('\t') else {
            continue;
        };
        let outcome = symdiff_cli::run(["symdiff", "explain", source], &mut "".as_bytes());
        assert_eq!(outcome.code, 0, "{name}: {}", outcome.stderr);
        let summary = outcome.stdout.lines().last().unwrap_or_default();
        summaries.push_str(&format!("{name}: {summary}\n"));
    }
    expect![[r#"
        neuron: 2 steps before the result (its calls, their arguments and its shared subexpressions), 6 local derivatives; the expression has 12 nodes as a tree, 12 distinct
        gauss2d: 2 steps before the result (its calls, their arguments and its shared subexpressions), 10 local derivatives; the expression has 39 nodes as a tree, 28 distinct
        saddle: 0 steps before the result, 2 local derivatives; the expression has 14 nodes as a tree, 11 distinct
        rosen10: 0 steps before the result, 10 local derivatives; the expression has 163 nodes as a tree, 87 distinct
        rosen100: 0 steps before the result, 100 local derivatives; the expression has 1783 nodes as a tree, 897 distinct
        nested20: 5 steps before the result (its calls, their arguments and its shared subexpressions), 6 local derivatives; the expression has 33 nodes as a tree, 29 distinct
        product30: 0 steps before the result, 30 local derivatives; the expression has 31 nodes as a tree, 31 distinct
        softmax5: 12 steps before the result (its calls, their arguments and its shared subexpressions), 27 local derivatives; the expression has 43 nodes as a tree, 32 distinct
        mlp4: 10 steps before the result (its calls, their arguments and its shared subexpressions), 52 local derivatives; the expression has 77 nodes as a tree, 65 distinct
        mlp16: 17 steps before the result (its calls, their arguments and its shared subexpressions), 179 local derivatives; the expression has 281 nodes as a tree, 221 distinct
        rnn200: 199 steps before the result (its calls, their arguments and its shared subexpressions), 600 local derivatives; the expression has 1001 nodes as a tree, 603 distinct
        ode200: 402 steps before the result (the expression's definitions), 1602 local derivatives; the expression has 6.43e83 nodes as a tree, 1398 distinct
        deepmlp8: 32 steps before the result (the expression's definitions), 298 local derivatives; the expression has 1.22e6 nodes as a tree, 373 distinct
    "#]].assert_eq(&summaries);
}
