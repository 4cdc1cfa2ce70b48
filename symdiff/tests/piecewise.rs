//! The piecewise node `where(cond, a, b)`, one line per behaviour: what it
//! simplifies to, how it prints (text and LaTeX), its derivatives, its
//! values at both branches, at the tie and at NaN, through the DAG and the
//! tape.

use expect_test::{Expect, expect};
use symdiff::Expr;

/// The canonical form, its LaTeX, and d/dx.
fn check(input: &str, expect: Expect) {
    let actual = match Expr::parse(input) {
        Ok(expr) => format!("{expr}\n{}\nd/dx = {}", expr.to_latex(), expr.diff("x")),
        Err(error) => error.to_string(),
    };
    expect.assert_eq(&actual);
}

/// The value and the gradient over x and y at `x`, `y`, by the DAG and the
/// tape (which must agree bit for bit, NaN with NaN).
fn check_at(input: &str, x: f64, y: f64, expect: Expect) {
    let expr = Expr::parse(input).expect("parses");
    let mut outputs = vec![expr.clone()];
    outputs.extend(expr.gradient(&["x", "y"]));
    let point = [("x", x), ("y", y)];
    let direct: Vec<f64> = outputs
        .iter()
        .map(|output| output.eval(&point).expect("evaluates"))
        .collect();
    let tape = Expr::compile(&outputs, &["x", "y"]).expect("compiles");
    let mut taped = vec![0.0; outputs.len()];
    tape.eval(&[x, y], &mut taped).expect("tape evaluates");
    for (a, b) in direct.iter().zip(&taped) {
        assert!(
            a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()),
            "{direct:?} {taped:?}"
        );
    }
    expect.assert_eq(&format!("{direct:?}"));
}

/// Batches evaluate `where` as single points do, bit for bit, with points on
/// both sides, at the tie and at NaN in one block.
#[test]
fn batches_agree_with_single_points() {
    let expr = Expr::parse("where(x > 0, log(x)*y, y^2) + where(y <= x, x, y)").expect("parses");
    let mut outputs = vec![expr.clone()];
    outputs.extend(expr.gradient(&["x", "y"]));
    let tape = Expr::compile(&outputs, &["x", "y"]).expect("compiles");
    let points: Vec<[f64; 2]> = (0..300)
        .map(|k| match k % 5 {
            0 => [0.0, 1.0],
            1 => [f64::NAN, 2.0],
            2 => [-1.5, k as f64 / 100.0],
            _ => [k as f64 / 50.0, 1.0 - k as f64 / 150.0],
        })
        .collect();
    let inputs: Vec<f64> = points.iter().flatten().copied().collect();
    let mut batch = vec![0.0; points.len() * outputs.len()];
    tape.eval_batch(&inputs, &mut batch).expect("evaluates");
    for (point, row) in points.iter().zip(batch.chunks(outputs.len())) {
        let mut single = vec![0.0; outputs.len()];
        tape.eval(point, &mut single).expect("evaluates");
        for (a, b) in single.iter().zip(row) {
            assert_eq!(a.to_bits(), b.to_bits(), "{point:?}");
        }
    }
}

#[test]
fn simplifies_and_prints() {
    check(
        "where(x > 0, x^2, -x)",
        expect![[r#"
            where(0 < x, x^2, -x)
            \operatorname{where}\left(0 < x, x^{2}, -x\right)
            d/dx = where(0 < x, 2*x, -1)"#]],
    );
    check(
        "where(x >= y, x, y)",
        expect![[r#"
            where(y <= x, x, y)
            \operatorname{where}\left(y \le x, x, y\right)
            d/dx = where(y <= x, 1, 0)"#]],
    );
    // Equal branches are the branch, even where the condition is NaN (the
    // documented identity), so a derivative on the condition alone is 0.
    check(
        "where(x > 0, y, y)",
        expect![[r#"
            y
            y
            d/dx = 0"#]],
    );
    check(
        "where(x > 0, 1, 2)",
        expect![[r#"
            where(0 < x, 1, 2)
            \operatorname{where}\left(0 < x, 1, 2\right)
            d/dx = 0"#]],
    );
    // Constant conditions pick a branch, exactly; NaN picks none.
    check(
        "where(1/3 < 0.3333333333333333333, x, y)",
        expect![[r#"
            y
            y
            d/dx = 0"#]],
    );
    check(
        "where(2 <= 2, x, y)",
        expect![[r#"
            x
            x
            d/dx = 1"#]],
    );
    check(
        "where(0/0 < 1, x, y)",
        expect![[r#"
            sqrt(-1)
            \sqrt{-1}
            d/dx = 0"#]],
    );
}

#[test]
fn comparisons_outside_where_are_errors() {
    check(
        "where(x, 1, 2)",
        expect![[r#"
            error: the first argument of `where` must be a comparison
             --> <input>:1:7
              |
            1 | where(x, 1, 2)
              |       ^
              |
              = help: write `where(x > 0, a, b)`: `a` where the comparison holds, else `b`"#]],
    );
    check(
        "where(x < 1, 2)",
        expect![[r#"
            error: `where` takes 3 arguments, but 2 were given
             --> <input>:1:1
              |
            1 | where(x < 1, 2)
              | ^^^^^"#]],
    );
    check(
        "max(x < 1, 2)",
        expect![[r#"
            error: a comparison is only allowed as the first argument of `where`
             --> <input>:1:5
              |
            1 | max(x < 1, 2)
              |     ^^^^^
              |
              = help: write `where(x > 0, a, b)`: `a` where the comparison holds, else `b`"#]],
    );
    check(
        "where(x < 1, y > 2, 3)",
        expect![[r#"
            error: a comparison is only allowed as the first argument of `where`
             --> <input>:1:14
              |
            1 | where(x < 1, y > 2, 3)
              |              ^^^^^
              |
              = help: write `where(x > 0, a, b)`: `a` where the comparison holds, else `b`"#]],
    );
    check(
        "where = 2; where",
        expect![[r#"
            error: `where` is a function and cannot be redefined
             --> <input>:1:1
              |
            1 | where = 2; where
              | ^^^^^
              |
              = help: choose another name"#]],
    );
}

/// The value and every derivative follow the branch the comparison takes; at
/// a tie the comparison decides (`x > 0` is false at 0); a NaN side gives
/// NaN; a branch that is NaN where it is not taken does not leak.
#[test]
fn values_and_gradients_follow_the_branch_taken() {
    let relu_like = "where(x > 0, x*y, 0)";
    check_at(relu_like, 2.0, 3.0, expect!["[6.0, 3.0, 2.0]"]);
    check_at(relu_like, -2.0, 3.0, expect!["[0.0, 0.0, 0.0]"]);
    check_at(relu_like, 0.0, 3.0, expect!["[0.0, 0.0, 0.0]"]);
    check_at(relu_like, f64::NAN, 3.0, expect!["[NaN, NaN, NaN]"]);
    let at_least = "where(x >= 0, x*y, 0)";
    check_at(at_least, 0.0, 3.0, expect!["[0.0, 3.0, 0.0]"]);
    let safe_log = "where(x > 0, log(x)*y, y^2)";
    check_at(safe_log, -1.0, 3.0, expect!["[9.0, 0.0, 6.0]"]);
    check_at(safe_log, 0.0, 3.0, expect!["[9.0, 0.0, 6.0]"]);
    check_at(safe_log, 1.0, 3.0, expect!["[0.0, 3.0, 0.0]"]);
    let safe_sqrt = "sin(where(x > 0, sqrt(x), 0)) + where(y < x, y, 2*y)";
    check_at(safe_sqrt, -4.0, 1.0, expect!["[2.0, 0.0, 2.0]"]);
    // A NaN condition in a branch that is not taken does not reach the
    // derivatives.
    let nested = "where(y > -1/2, x, where(x < sqrt(x), x, y))";
    check_at(nested, -0.9, 0.0, expect!["[-0.9, 1.0, 0.0]"]);
}
