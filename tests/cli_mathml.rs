//! `--format mathml`: a snapshot per command that prints formulas, every
//! line of every such command over the suite parsed as XML, and the
//! commands that refuse it.

use expect_test::{Expect, expect};

/// The presentation MathML elements the command line writes: the formula
/// printer's, and `<mtext>` for sentences and `<mtable>` for the Hessian's
/// values.
const ELEMENTS: &[&str] = &[
    "math", "mi", "mn", "mo", "mrow", "mfrac", "msup", "msub", "msqrt", "mtext", "mtable", "mtr",
    "mtd",
];

/// Checks that every line of `stdout` is one `<math>` element in the
/// MathML namespace, made of the elements above.
fn assert_mathml_lines(stdout: &str) {
    assert!(!stdout.is_empty());
    for line in stdout.lines() {
        let document = roxmltree::Document::parse(line)
            .unwrap_or_else(|error| panic!("not well-formed XML ({error}): {line}"));
        let root = document.root_element();
        assert_eq!(root.tag_name().name(), "math", "{line}");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/1998/Math/MathML"),
            "{line}"
        );
        for element in root.descendants().filter(roxmltree::Node::is_element) {
            let name = element.tag_name().name();
            assert!(ELEMENTS.contains(&name), "<{name}> in {line}");
        }
    }
}

/// Runs `symdiff ARGS --format mathml`, checks its lines as MathML and
/// snapshots them.
fn check(args: &[&str], expect: Expect) {
    let mut argv = vec!["symdiff"];
    argv.extend_from_slice(args);
    argv.extend_from_slice(&["--format", "mathml"]);
    let outcome = symdiff_cli::run(argv, &mut "".as_bytes());
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_eq!(outcome.stderr, "");
    assert_mathml_lines(&outcome.stdout);
    expect.assert_eq(&outcome.stdout);
}

#[test]
fn each_formula_command_prints_mathml() {
    check(
        &["parse", "where(x < 1, x, 2)"],
        expect![[
            r#"<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>where</mi><mo>&#x2061;</mo><mrow><mo>(</mo><mi>x</mi><mo>&lt;</mo><mn>1</mn><mo>,</mo><mi>x</mi><mo>,</mo><mn>2</mn><mo>)</mo></mrow></math>
"#
        ]],
    );
    check(
        &["diff", "sin(x)", "--wrt", "x", "--order", "3"],
        expect![[r#"
        <math xmlns="http://www.w3.org/1998/Math/MathML"><mfrac><mrow><msup><mo>∂</mo><mn>3</mn></msup><mi>f</mi></mrow><mrow><mo>∂</mo><msup><mrow><mi>x</mi></mrow><mn>3</mn></msup></mrow></mfrac><mo>=</mo><mo>-</mo><mi>cos</mi><mo>&#x2061;</mo><mrow><mo>(</mo><mi>x</mi><mo>)</mo></mrow></math>
    "#]],
    );
    check(
        &["grad", "sqrt(x)/y", "--at", "x=4,y=2"],
        expect![[r#"
        <math xmlns="http://www.w3.org/1998/Math/MathML"><mfrac><mrow><mo>∂</mo><mi>f</mi></mrow><mrow><mo>∂</mo><mi>x</mi></mrow></mfrac><mo>=</mo><mfrac><mrow><mn>1</mn></mrow><mrow><mn>2</mn><mo>&#x2062;</mo><mi>y</mi><mo>&#x2062;</mo><msqrt><mi>x</mi></msqrt></mrow></mfrac></math>
        <math xmlns="http://www.w3.org/1998/Math/MathML"><mfrac><mrow><mo>∂</mo><mi>f</mi></mrow><mrow><mo>∂</mo><mi>y</mi></mrow></mfrac><mo>=</mo><mo>-</mo><mfrac><mrow><msqrt><mi>x</mi></msqrt></mrow><mrow><msup><mrow><mi>y</mi></mrow><mrow><mn>2</mn></mrow></msup></mrow></mfrac></math>
        <math xmlns="http://www.w3.org/1998/Math/MathML"><mi>f</mi><mo>=</mo><mn>1</mn></math>
        <math xmlns="http://www.w3.org/1998/Math/MathML"><mfrac><mrow><mo>∂</mo><mi>f</mi></mrow><mrow><mo>∂</mo><mi>x</mi></mrow></mfrac><mo>=</mo><mn>0.125</mn></math>
        <math xmlns="http://www.w3.org/1998/Math/MathML"><mfrac><mrow><mo>∂</mo><mi>f</mi></mrow><mrow><mo>∂</mo><mi>y</mi></mrow></mfrac><mo>=</mo><mo>-</mo><mn>0.5</mn></math>
    "#]],
    );
    check(
        &["hessian", "x^2*y - y^3/3", "--at", "x=0,y=1"],
        expect![[r#"
        <math xmlns="http://www.w3.org/1998/Math/MathML"><mfrac><mrow><msup><mo>∂</mo><mn>2</mn></msup><mi>f</mi></mrow><mrow><mo>∂</mo><msup><mrow><mi>x</mi></mrow><mn>2</mn></msup></mrow></mfrac><mo>=</mo><mn>2</mn><mo>&#x2062;</mo><mi>y</mi></math>
        <math xmlns="http://www.w3.org/1998/Math/MathML"><mfrac><mrow><msup><mo>∂</mo><mn>2</mn></msup><mi>f</mi></mrow><mrow><mo>∂</mo><mi>x</mi><mo>∂</mo><mi>y</mi></mrow></mfrac><mo>=</mo><mn>2</mn><mo>&#x2062;</mo><mi>x</mi></math>
        <math xmlns="http://www.w3.org/1998/Math/MathML"><mfrac><mrow><msup><mo>∂</mo><mn>2</mn></msup><mi>f</mi></mrow><mrow><mo>∂</mo><msup><mrow><mi>y</mi></mrow><mn>2</mn></msup></mrow></mfrac><mo>=</mo><mo>-</mo><mn>2</mn><mo>&#x2062;</mo><mi>y</mi></math>
        <math xmlns="http://www.w3.org/1998/Math/MathML"><mi>f</mi><mo>=</mo><mo>-</mo><mn>0.3333333333333333</mn></math>
        <math xmlns="http://www.w3.org/1998/Math/MathML"><mfrac><mrow><mo>∂</mo><mi>f</mi></mrow><mrow><mo>∂</mo><mi>x</mi></mrow></mfrac><mo>=</mo><mn>0</mn></math>
        <math xmlns="http://www.w3.org/1998/Math/MathML"><mfrac><mrow><mo>∂</mo><mi>f</mi></mrow><mrow><mo>∂</mo><mi>y</mi></mrow></mfrac><mo>=</mo><mo>-</mo><mn>1</mn></math>
        <math xmlns="http://www.w3.org/1998/Math/MathML"><mi>H</mi><mo>=</mo><mrow><mo>(</mo><mtable><mtr><mtd><mn>2</mn></mtd><mtd><mn>0</mn></mtd></mtr><mtr><mtd><mn>0</mn></mtd><mtd><mo>-</mo><mn>2</mn></mtd></mtr></mtable><mo>)</mo></mrow></math>
        <math xmlns="http://www.w3.org/1998/Math/MathML"><mi>λ</mi><mo>=</mo><mo>-</mo><mn>2</mn><mo>,</mo><mn>2</mn></math>
        <math xmlns="http://www.w3.org/1998/Math/MathML"><mtext>verdict: not a critical point: the gradient does not vanish; the curvature is indefinite</mtext></math>
        <math xmlns="http://www.w3.org/1998/Math/MathML"><mtext>tolerance: |∂/∂y| = 1 &gt; 2e-8 = 1e-8 (--tol) × 2 (Σ_v |∂²/∂y∂v · v|)</mtext></math>
    "#]],
    );
    check(
        &["hessian", "x^2 + y", "--sparse"],
        expect![[r#"
        <math xmlns="http://www.w3.org/1998/Math/MathML"><mtext>1 of the 3 entries of the lower triangle is not identically zero (density 0.3333)</mtext></math>
        <math xmlns="http://www.w3.org/1998/Math/MathML"><msub><mi>H</mi><mrow><mn>0</mn><mo>,</mo><mn>0</mn></mrow></msub><mo>=</mo><mfrac><mrow><msup><mo>∂</mo><mn>2</mn></msup><mi>f</mi></mrow><mrow><mo>∂</mo><msup><mrow><mi>x</mi></mrow><mn>2</mn></msup></mrow></mfrac><mo>=</mo><mn>2</mn></math>
    "#]],
    );
    check(
        &["jacobian", "x*y; x + y"],
        expect![[r#"
        <math xmlns="http://www.w3.org/1998/Math/MathML"><mfrac><mrow><mo>∂</mo><msub><mi>f</mi><mn>1</mn></msub></mrow><mrow><mo>∂</mo><mi>x</mi></mrow></mfrac><mo>=</mo><mi>y</mi></math>
        <math xmlns="http://www.w3.org/1998/Math/MathML"><mfrac><mrow><mo>∂</mo><msub><mi>f</mi><mn>1</mn></msub></mrow><mrow><mo>∂</mo><mi>y</mi></mrow></mfrac><mo>=</mo><mi>x</mi></math>
        <math xmlns="http://www.w3.org/1998/Math/MathML"><mfrac><mrow><mo>∂</mo><msub><mi>f</mi><mn>2</mn></msub></mrow><mrow><mo>∂</mo><mi>x</mi></mrow></mfrac><mo>=</mo><mn>1</mn></math>
        <math xmlns="http://www.w3.org/1998/Math/MathML"><mfrac><mrow><mo>∂</mo><msub><mi>f</mi><mn>2</mn></msub></mrow><mrow><mo>∂</mo><mi>y</mi></mrow></mfrac><mo>=</mo><mn>1</mn></math>
    "#]],
    );
    check(
        &["hvp", "x^2*y", "--dir", "1,0"],
        expect![[r#"
        <math xmlns="http://www.w3.org/1998/Math/MathML"><msub><mrow><mo>(</mo><mi>H</mi><mo>&#x2062;</mo><mi>v</mi><mo>)</mo></mrow><mrow><mi>x</mi></mrow></msub><mo>=</mo><mn>2</mn><mo>&#x2062;</mo><mi>y</mi></math>
        <math xmlns="http://www.w3.org/1998/Math/MathML"><msub><mrow><mo>(</mo><mi>H</mi><mo>&#x2062;</mo><mi>v</mi><mo>)</mo></mrow><mrow><mi>y</mi></mrow></msub><mo>=</mo><mn>2</mn><mo>&#x2062;</mo><mi>x</mi></math>
    "#]],
    );
    check(
        &["eval", "x/2", "--at", "x=3"],
        expect![[r#"
        <math xmlns="http://www.w3.org/1998/Math/MathML"><mfrac><mrow><mi>x</mi></mrow><mrow><mn>2</mn></mrow></mfrac><mo>=</mo><mn>1.5</mn></math>
    "#]],
    );
    check(
        &["codegen", "x1*alpha"],
        expect![[r#"
        <math xmlns="http://www.w3.org/1998/Math/MathML"><mfrac><mrow><mo>∂</mo><mi>f</mi></mrow><mrow><mo>∂</mo><msub><mi>x</mi><mn>1</mn></msub></mrow></mfrac><mo>=</mo><mi>α</mi></math>
        <math xmlns="http://www.w3.org/1998/Math/MathML"><mfrac><mrow><mo>∂</mo><mi>f</mi></mrow><mrow><mo>∂</mo><mi>α</mi></mrow></mfrac><mo>=</mo><msub><mi>x</mi><mn>1</mn></msub></math>
    "#]],
    );
    check(
        &["grad", "1"],
        expect![[r#"
        <math xmlns="http://www.w3.org/1998/Math/MathML"><mtext>the expression has no variables: its gradient is empty</mtext></math>
    "#]],
    );
}

/// Every command that prints formulas, over every expression of the suite,
/// prints well-formed MathML (large results with their shared
/// subexpressions as definitions).
#[test]
fn the_suite_prints_well_formed_mathml() {
    for line in include_str!("../symdiff/benches/data/suite.tsv").lines() {
        let (name, expression) = line.split_once('\t').expect("name, tab, expression");
        for command in ["parse", "grad", "hessian", "codegen"] {
            let outcome = symdiff_cli::run(
                ["symdiff", command, expression, "--format", "mathml"],
                &mut "".as_bytes(),
            );
            assert_eq!(outcome.code, 0, "{name} {command}: {}", outcome.stderr);
            assert_mathml_lines(&outcome.stdout);
        }
    }
}

#[test]
fn tables_and_stories_refuse_mathml() {
    for command in [
        vec!["check", "x^2", "--at", "x=1"],
        vec!["explain", "x^2"],
        vec!["functions"],
    ] {
        let mut argv = vec!["symdiff"];
        argv.extend_from_slice(&command);
        argv.extend_from_slice(&["--format", "mathml", "--color", "never"]);
        let outcome = symdiff_cli::run(argv, &mut "".as_bytes());
        assert_eq!(outcome.code, 2, "{command:?}");
        assert!(
            outcome
                .stderr
                .starts_with(&format!("error: `{}` does not print MathML", command[0])),
            "{}",
            outcome.stderr
        );
    }
}
