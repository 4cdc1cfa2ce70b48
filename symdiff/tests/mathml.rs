//! MathML printing: snapshots of a few formulas, and every formula of the
//! benchmark suite (the expressions, their gradients and their shared
//! subexpressions) and every function of the table parsed as XML.

use expect_test::{Expect, expect};
use symdiff::Expr;
use symdiff::func::Func;
use symdiff::mathml::{definitions_to_mathml, to_mathml, to_mathml_with};
use symdiff::print::Definitions;

const SUITE: &str = include_str!("../benches/data/suite.tsv");

/// The presentation MathML elements the printer writes.
const ELEMENTS: &[&str] = &[
    "math", "mi", "mn", "mo", "mrow", "mfrac", "msup", "msub", "msqrt",
];

/// Parses `mathml` as XML and checks that it is one `<math>` element in the
/// MathML namespace made of the printer's elements, each `<msup>`, `<msub>`
/// and `<mfrac>` with two children.
fn assert_well_formed(mathml: &str) {
    let document = roxmltree::Document::parse(mathml)
        .unwrap_or_else(|error| panic!("not well-formed XML ({error}): {mathml}"));
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "math", "{mathml}");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/1998/Math/MathML"),
        "{mathml}"
    );
    for node in root.descendants().filter(roxmltree::Node::is_element) {
        let name = node.tag_name().name();
        assert!(ELEMENTS.contains(&name), "<{name}> in {mathml}");
        if matches!(name, "msup" | "msub" | "mfrac") {
            let children = node.children().filter(roxmltree::Node::is_element).count();
            assert_eq!(children, 2, "<{name}> with {children} children in {mathml}");
        }
    }
}

/// Parses `input` and snapshots its MathML, checked as XML.
fn check(input: &str, expect: Expect) {
    let expr = Expr::parse(input).expect("the case parses");
    let actual = to_mathml(&expr.graph().borrow(), expr.id());
    assert_well_formed(&actual);
    expect.assert_eq(&actual);
}

#[test]
fn atoms_and_names() {
    check(
        "x",
        expect![[r#"<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi></math>"#]],
    );
    check(
        "0.25 + pi",
        expect![[
            r#"<math xmlns="http://www.w3.org/1998/Math/MathML"><mfrac><mn>1</mn><mn>4</mn></mfrac><mo>+</mo><mi>π</mi></math>"#
        ]],
    );
    check(
        "alpha*x1 + lr*w_out",
        expect![[
            r#"<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>α</mi><mo>&#x2062;</mo><msub><mi>x</mi><mn>1</mn></msub><mo>+</mo><mi>lr</mi><mo>&#x2062;</mo><msub><mi>w</mi><mi>out</mi></msub></math>"#
        ]],
    );
    check(
        "2.5e30*x",
        expect![[
            r#"<math xmlns="http://www.w3.org/1998/Math/MathML"><mn>2.5</mn><mo>⋅</mo><msup><mn>10</mn><mn>30</mn></msup><mo>&#x2062;</mo><mi>x</mi></math>"#
        ]],
    );
}

#[test]
fn powers_quotients_and_calls() {
    check(
        "x^2 - 1/y",
        expect![[
            r#"<math xmlns="http://www.w3.org/1998/Math/MathML"><msup><mrow><mi>x</mi></mrow><mrow><mn>2</mn></mrow></msup><mo>-</mo><mfrac><mrow><mn>1</mn></mrow><mrow><mi>y</mi></mrow></mfrac></math>"#
        ]],
    );
    check(
        "sqrt(x)*sin(x + y)",
        expect![[
            r#"<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>sin</mi><mo>&#x2061;</mo><mrow><mo>(</mo><mi>x</mi><mo>+</mo><mi>y</mi><mo>)</mo></mrow><mo>&#x2062;</mo><msqrt><mi>x</mi></msqrt></math>"#
        ]],
    );
    check(
        "abs(x)*(a + b)^-1",
        expect![[
            r#"<math xmlns="http://www.w3.org/1998/Math/MathML"><mfrac><mrow><mrow><mo>|</mo><mi>x</mi><mo>|</mo></mrow></mrow><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow></mfrac></math>"#
        ]],
    );
}

/// The comparisons of `where` are escaped, so that the output stays XML.
#[test]
fn comparisons_are_escaped() {
    check(
        "where(x < 0, -x, x) + where(y <= 1, y, 2)",
        expect![[
            r#"<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>where</mi><mo>&#x2061;</mo><mrow><mo>(</mo><mi>x</mi><mo>&lt;</mo><mn>0</mn><mo>,</mo><mo>-</mo><mi>x</mi><mo>,</mo><mi>x</mi><mo>)</mo></mrow><mo>+</mo><mi>where</mi><mo>&#x2061;</mo><mrow><mo>(</mo><mi>y</mi><mo>≤</mo><mn>1</mn><mo>,</mo><mi>y</mi><mo>,</mo><mn>2</mn><mo>)</mo></mrow></math>"#
        ]],
    );
}

/// Every function of the table prints as well-formed MathML, by the name
/// the table gives it.
#[test]
fn every_function_of_the_table() {
    for &func in Func::CALLABLE {
        let args = ["x", "y", "z"][..func.arity()].join(", ");
        let source = format!("{}({args})", func.name());
        let expr = Expr::parse(&source).expect("a call of a table function parses");
        let mathml = to_mathml(&expr.graph().borrow(), expr.id());
        assert_well_formed(&mathml);
        if !matches!(func.name(), "sqrt" | "abs") {
            let name = format!("<mi>{}</mi><mo>&#x2061;</mo>", func.name());
            assert!(mathml.contains(&name), "{source}: {mathml}");
        }
    }
}

/// Every case of the suite, its gradient and the shared subexpressions that
/// name its parts print as well-formed MathML.
#[test]
fn the_suite_is_well_formed() {
    for line in SUITE.lines() {
        let Some((name, source)) = line.split_once('\t') else {
            continue;
        };
        let expr = Expr::parse(source).unwrap_or_else(|error| panic!("{name}: {error}"));
        let names = expr.variables();
        let vars: Vec<&str> = names.iter().map(String::as_str).collect();
        let gradient = expr.gradient(&vars);
        let graph = expr.graph().borrow();
        let mut roots = vec![expr.id()];
        roots.extend(gradient.iter().map(Expr::id));
        assert_well_formed(&to_mathml(&graph, expr.id()));
        let definitions = Definitions::shared(&graph, &roots);
        for definition in definitions_to_mathml(&graph, &definitions) {
            assert_well_formed(&definition);
        }
        for &root in &roots {
            assert_well_formed(&to_mathml_with(&graph, root, &definitions));
        }
    }
}
