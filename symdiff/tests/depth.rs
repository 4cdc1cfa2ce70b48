//! The engine's core guarantees, as sizes (deterministic, unlike times):
//! derivatives of deep chains cost a small constant times the function, and
//! the canonical form depends only on the expression, not on the order in
//! which it or its variables were met.

use std::collections::BTreeMap;
use symdiff::Expr;

const SUITE: &str = include_str!("../benches/data/suite.tsv");

/// `a_i = tanh(w*a_(i-1) + u)` unrolled `n` times from `x`.
fn rnn(n: usize) -> String {
    let mut text = String::from("a1 = tanh(w*x + u);");
    for step in 2..=n {
        text += &format!(" a{step} = tanh(w*a{} + u);", step - 1);
    }
    text + &format!(" a{n}")
}

/// `n` explicit Euler steps of a damped oscillator, under a squared loss.
fn ode(n: usize) -> String {
    let mut text = String::from("x0 = 1; v0 = 0;");
    for step in 1..=n {
        let before = step - 1;
        text += &format!(
            " x{step} = x{before} + h*v{before}; v{step} = v{before} - h*(k*x{before} + c*v{before});"
        );
    }
    text + &format!(" (x{n} - target)^2")
}

/// Tape instructions of the function, its gradient and the upper triangle
/// of its Hessian over `wrt`.
fn sizes(source: &str, wrt: &[&str]) -> [usize; 3] {
    let f = Expr::parse(source).expect("parses");
    let inputs = f.variables();
    let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    let count = |outputs: &[Expr]| {
        Expr::compile(outputs, &inputs)
            .expect("compiles")
            .instructions()
            .len()
    };
    let hessian = f.hessian(wrt);
    let upper: Vec<Expr> = (0..wrt.len())
        .flat_map(|row| hessian[row][row..].to_vec())
        .collect();
    [
        count(std::slice::from_ref(&f)),
        count(&f.gradient(wrt)),
        count(&upper),
    ]
}

/// Checks the cheap-gradient bounds on one chain at depths 100 to 1,600 and
/// returns the sizes, for a snapshot of the growth.
fn check_chain(make: fn(usize) -> String, wrt: &[&str]) -> String {
    let mut report = String::new();
    let mut previous: Option<[usize; 3]> = None;
    for n in [100, 200, 400, 800, 1600] {
        let [f, gradient, hessian] = sizes(&make(n), wrt);
        assert!(gradient <= 4 * f, "n = {n}: gradient {gradient}, f {f}");
        assert!(hessian <= 16 * f, "n = {n}: Hessian {hessian}, f {f}");
        if let Some(before) = previous {
            for (now, then) in [f, gradient, hessian].iter().zip(before) {
                assert!(*now * 10 <= then * 23, "n = {n}: {now} after {then}");
            }
        }
        previous = Some([f, gradient, hessian]);
        report += &format!("n = {n}: f {f}, gradient {gradient}, Hessian {hessian}\n");
    }
    report
}

#[test]
fn derivatives_of_a_recurrence_grow_linearly() {
    expect_test::expect![[r#"
        n = 100: f 303, gradient 1000, Hessian 3085
        n = 200: f 603, gradient 2000, Hessian 6185
        n = 400: f 1203, gradient 4000, Hessian 12385
        n = 800: f 2403, gradient 8000, Hessian 24785
        n = 1600: f 4803, gradient 16000, Hessian 49585
    "#]]
    .assert_eq(&check_chain(rnn, &["w", "u"]));
}

#[test]
fn derivatives_of_euler_steps_grow_linearly() {
    expect_test::expect![[r#"
        n = 100: f 695, gradient 1773, Hessian 5660
        n = 200: f 1395, gradient 3573, Hessian 11460
        n = 400: f 2795, gradient 7173, Hessian 23060
        n = 800: f 5595, gradient 14373, Hessian 46260
        n = 1600: f 11195, gradient 28773, Hessian 92660
    "#]]
    .assert_eq(&check_chain(ode, &["k", "c"]));
}

/// CasADi 3.8's instruction counts for each suite case's Hessian over all
/// its variables (`casadi.hessian` compiled to a `casadi.Function`, with
/// its own CSE), as `../shared/bench/README.md` gives them.
const CASADI_HESSIANS: [(&str, usize); 13] = [
    ("neuron", 79),
    ("gauss2d", 223),
    ("saddle", 20),
    ("rosen10", 135),
    ("rosen100", 1_441),
    ("nested20", 183),
    ("product30", 1_934),
    ("softmax5", 470),
    ("mlp4", 2_261),
    ("mlp16", 20_389),
    ("rnn200", 8_988),
    ("ode200", 21_994),
    ("deepmlp8", 113_117),
];

/// On every suite case, over all its variables in the order they first
/// appear and reversed: the gradient's tape stays within 4x the function's,
/// and the Hessian's (its upper triangle, as `symdiff hessian --stats`
/// counts it) has no more instructions than CasADi's.
#[test]
fn suite_derivatives_keep_their_bounds() {
    let mut report = String::new();
    for line in SUITE.lines() {
        let (name, source) = line.split_once('\t').expect("a tab");
        let casadi = CASADI_HESSIANS
            .iter()
            .find(|(case, _)| *case == name)
            .map(|(_, count)| *count)
            .expect("every suite case has CasADi's count");
        let variables = Expr::parse(source).expect("parses").variables();
        let reversed: Vec<String> = variables.iter().rev().cloned().collect();
        let mut counts = Vec::new();
        for order in [&variables, &reversed] {
            let wrt: Vec<&str> = order.iter().map(String::as_str).collect();
            let [f, gradient, hessian] = sizes(source, &wrt);
            assert!(gradient <= 4 * f, "{name}: gradient {gradient}, f {f}");
            assert!(
                hessian <= casadi,
                "{name}: Hessian {hessian}, CasADi's {casadi}"
            );
            counts.push([f, gradient, hessian]);
        }
        assert_eq!(
            counts[0], counts[1],
            "{name}: the order of the variables matters"
        );
        let [f, gradient, hessian] = counts[0];
        report +=
            &format!("{name}: f {f}, gradient {gradient}, Hessian {hessian} (CasADi {casadi})\n");
    }
    expect_test::expect![[r#"
        neuron: f 9, gradient 18, Hessian 45 (CasADi 79)
        gauss2d: f 25, gradient 53, Hessian 172 (CasADi 223)
        saddle: f 8, gradient 12, Hessian 10 (CasADi 20)
        rosen10: f 83, gradient 95, Hessian 97 (CasADi 135)
        rosen100: f 893, gradient 995, Hessian 997 (CasADi 1441)
        nested20: f 28, gradient 61, Hessian 152 (CasADi 183)
        product30: f 59, gradient 114, Hessian 895 (CasADi 1934)
        softmax5: f 33, gradient 57, Hessian 337 (CasADi 470)
        mlp4: f 77, gradient 148, Hessian 1231 (CasADi 2261)
        mlp16: f 281, gradient 556, Hessian 9493 (CasADi 20389)
        rnn200: f 603, gradient 2001, Hessian 8580 (CasADi 8988)
        ode200: f 1395, gradient 4371, Hessian 21970 (CasADi 21994)
        deepmlp8: f 469, gradient 932, Hessian 83323 (CasADi 113117)
    "#]]
    .assert_eq(&report);
}

/// A deterministic shuffle (a linear congruential generator).
fn shuffled(mut names: Vec<String>, mut seed: u64) -> Vec<String> {
    for index in (1..names.len()).rev() {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        names.swap(index, (seed >> 33) as usize % (index + 1));
    }
    names
}

/// Every Hessian entry, keyed by its pair of names (in name order), as the
/// instructions that compute it with the inputs in name order.
fn hessian_by_names(source: &str, wrt: &[String]) -> BTreeMap<(String, String), String> {
    let f = Expr::parse(source).expect("parses");
    let mut inputs = f.variables();
    inputs.sort();
    let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    let wrt_refs: Vec<&str> = wrt.iter().map(String::as_str).collect();
    let hessian = f.hessian(&wrt_refs);
    let mut entries = BTreeMap::new();
    for (row, a) in wrt.iter().enumerate() {
        for (col, b) in wrt.iter().enumerate().skip(row) {
            let tape = Expr::compile(&[hessian[row][col].clone()], &inputs).expect("compiles");
            let pair = if a <= b {
                (a.clone(), b.clone())
            } else {
                (b.clone(), a.clone())
            };
            entries.insert(pair, format!("{:?}", tape.instructions()));
        }
    }
    entries
}

#[test]
fn hessian_entries_do_not_depend_on_the_variable_order() {
    for line in SUITE.lines() {
        let (name, source) = line.split_once('\t').expect("a tab");
        if matches!(name, "rosen100" | "mlp16" | "deepmlp8") {
            continue; // the same shapes as rosen10 and mlp4, at a debug build's cost
        }
        let first_appearance = Expr::parse(source).expect("parses").variables();
        let mut sorted = first_appearance.clone();
        sorted.sort();
        let reversed: Vec<String> = sorted.iter().rev().cloned().collect();
        let random = shuffled(sorted.clone(), 7);
        let reference = hessian_by_names(source, &sorted);
        for order in [&first_appearance, &reversed, &random] {
            assert!(
                hessian_by_names(source, order) == reference,
                "{name}: the Hessian over {order:?} differs from the one over {sorted:?}"
            );
        }
    }
}

fn check_same(a: &str, b: &str) {
    let (a_expr, b_expr) = (
        Expr::parse(a).expect("parses"),
        Expr::parse(b).expect("parses"),
    );
    assert_eq!(a_expr.to_string(), b_expr.to_string(), "{a} and {b}");
}

#[test]
fn the_canonical_form_does_not_depend_on_what_was_built_first() {
    // Each pair builds the same expression with its parts met in another order.
    check_same(
        "z = b; y = w*x; sigmoid(y + z)",
        "y = w*x; z = b; sigmoid(z + y)",
    );
    check_same(
        "u = cos(y); v = cos(x); u + v",
        "v = cos(x); u = cos(y); v + u",
    );
    check_same(
        "q = t - s; p = s*t*u*v; p*q",
        "p = v*u*t*s; q = -s + t; q*p",
    );
    // A long sum is sorted by a summary of each term's order first.
    let terms: Vec<String> = (1..=40)
        .map(|index| match index % 4 {
            0 => format!("x{index}*y"),
            1 => format!("y*sin(x{index})"),
            2 => format!("{index}*w*x{index}"),
            _ => format!("x{index}^2"),
        })
        .collect();
    let reversed: Vec<String> = terms.iter().rev().cloned().collect();
    check_same(&terms.join(" + "), &reversed.join(" + "));
    check_same(&shuffled(terms.clone(), 3).join(" + "), &terms.join(" + "));
    // Names that share their first fifteen bytes have equal keys.
    let long: Vec<String> = ('a'..='t')
        .map(|letter| format!("long_variable_name_{letter}"))
        .collect();
    check_same(&long.join(" + "), &shuffled(long.clone(), 5).join(" + "));
    let f = Expr::parse("sin(x) + sin(y)").expect("parses");
    let (dy, dx) = (f.diff("y"), f.diff("x"));
    let g = Expr::parse("sin(x) + sin(y)").expect("parses");
    let (dx_first, dy_then) = (g.diff("x"), g.diff("y"));
    assert_eq!(
        Expr::compile(&[dx + dy], &["x", "y"]).map(|tape| format!("{:?}", tape.instructions())),
        Expr::compile(&[dx_first + dy_then], &["x", "y"])
            .map(|tape| format!("{:?}", tape.instructions()))
    );
}

#[test]
fn gradients_of_many_variables_find_each_variable_by_hash() {
    // A sum of 20,000 squares: quadratic work here would take seconds.
    let names: Vec<String> = (0..20_000).map(|index| format!("x{index}")).collect();
    let source: Vec<String> = names.iter().map(|name| format!("{name}^2")).collect();
    let f = Expr::parse(&source.join(" + ")).expect("parses");
    let wrt: Vec<&str> = names.iter().map(String::as_str).collect();
    let gradient = f.gradient(&wrt);
    assert_eq!(gradient[12_345].to_string(), "2*x12345");
}

/// `t_i = sin(t_{i-1})*t_{i-1}`, n steps: every step uses the previous one
/// twice, so that as a tree the expression doubles with each step.
fn doubling(n: usize) -> String {
    let mut source = String::from("t0 = sin(x) + x; ");
    for step in 1..n {
        source.push_str(&format!("t{step} = sin(t{0})*t{0}; ", step - 1));
    }
    source.push_str(&format!("t{}", n - 1));
    source
}

/// Printed as text, LaTeX and MathML, a formula that doubles with each step
/// as a tree names its shared subexpressions, so that its text grows
/// linearly with the number of steps (as trees, 30 steps would be 10⁹
/// nodes).
#[test]
fn printed_formulas_grow_linearly_with_depth() {
    let lengths = |n: usize| {
        let expr = Expr::parse(&doubling(n)).expect("the chain parses");
        [
            expr.to_string().len(),
            expr.to_latex().len(),
            expr.to_mathml().len(),
        ]
    };
    let (short, long) = (lengths(15), lengths(30));
    for (printer, (short, long)) in ["text", "latex", "mathml"]
        .iter()
        .zip(short.iter().zip(long))
    {
        assert!(long < 120 * 30 * 8, "{printer}: {long} bytes for 30 steps");
        assert!(
            long <= short * 5 / 2,
            "{printer}: {short} → {long} bytes from 15 to 30 steps"
        );
    }
}

/// A chain of 20,000 nested calls prints, even as one tree without names
/// (`to_text_with` and no definitions), without overflowing the stack; by
/// default it prints as named steps that the parser reads back.
#[test]
fn printing_any_depth_keeps_to_the_stack() {
    let mut source = String::from("t0 = sin(x); ");
    for step in 1..20_000 {
        source.push_str(&format!("t{step} = sin(t{}); ", step - 1));
    }
    source.push_str("t19999");
    let expr = Expr::parse(&source).expect("the chain parses");
    let graph = expr.graph().borrow();
    let none = symdiff::print::Definitions::none();
    let tree = symdiff::print::to_text_with(&graph, expr.id(), &none);
    assert_eq!(tree.len(), "sin()".len() * 20_000 + 1);
    let latex = symdiff::latex::to_latex_with(&graph, expr.id(), &none);
    assert!(
        latex.starts_with("\\sin\\left(\\sin\\left("),
        "{}",
        &latex[..40]
    );
    drop(graph);
    let program = expr.to_string();
    assert_eq!(Expr::parse(&program).expect("the program reads back"), expr);
}
