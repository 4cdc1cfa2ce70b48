//! Never a panic: a catalogue of malformed inputs and a few thousand random
//! strings go to every subcommand, in-process. Each run must end with status
//! 0, 1 or 2 and print something; status 2 must come with an `error:` (or
//! clap's usage, for an empty command line).

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const TOKENS: &[&str] = &[
    "x",
    "y",
    "w",
    "b",
    "t",
    "z",
    "0",
    "1",
    "2",
    "0.5",
    "1e400",
    "1e-300",
    "3.",
    ".5",
    "+",
    "-",
    "*",
    "/",
    "^",
    "**",
    "(",
    ")",
    "(",
    ")",
    ",",
    " ",
    "=",
    ";",
    "sin(",
    "sigmoid(",
    "log(",
    "sqrt(",
    "max(",
    "leaky_relu(",
    "sigmod(",
    "pi",
    "e",
    "abs(",
    "relu(",
    "tanh(",
    "exp(",
    "pow(",
    "\u{0}",
    "é",
    "∂",
    "\t",
    "\n",
    "$",
    "_",
    "9999999999999999999999",
    "x1",
    "--",
    "-x",
];

const POINTS: &[&str] = &[
    "x=1,y=2,w=0.5,b=0.1,t=0.8,z=-1,x1=3",
    "x=0,y=0,w=0,b=0,t=0,z=0,x1=0",
    "x=-1,y=1e308,w=nan,b=inf,t=-inf,z=1e-320,x1=2",
];

/// The argument lists that exercise every subcommand on `expr`.
fn invocations<'a>(expr: &'a str, point: &'a str, wrt: &'a str) -> Vec<Vec<&'a str>> {
    vec![
        vec!["parse", expr],
        vec!["parse", expr, "--format", "latex"],
        vec!["diff", expr, "--wrt", wrt, "--order", "2"],
        vec!["grad", expr, "--at", point, "--format", "json"],
        vec!["grad", expr, "--wrt", wrt, "--format", "latex"],
        vec!["hessian", expr, "--at", point],
        vec!["eval", expr, "--at", point, "--stats"],
        vec!["check", expr, "--at", point],
        vec!["codegen", expr, "--hessian"],
        vec!["explain", expr, "--at", point],
        vec!["explain", expr, "--wrt", wrt, "--format", "latex"],
        vec!["jacobian", expr, "--at", point, "--format", "json"],
        vec!["jacobian", expr, "--wrt", wrt, "--format", "latex"],
        vec!["hessian", expr, "--sparse", "--at", point],
        vec!["hvp", expr, "--dir", "x=1", "--at", point],
    ]
}

fn assert_well_behaved(args: &[&str]) {
    let mut argv = vec!["symdiff"];
    argv.extend_from_slice(args);
    let outcome = symdiff_cli::run(argv, &mut &b"x + 1"[..]);
    assert!(
        matches!(outcome.code, 0..=2),
        "status {} for {args:?}",
        outcome.code
    );
    assert!(
        !(outcome.stdout.is_empty() && outcome.stderr.is_empty()),
        "no output for {args:?}"
    );
    if outcome.code == 2 {
        assert!(
            outcome.stderr.lines().any(|line| line.starts_with("error"))
                || outcome.stderr.contains("Usage:"),
            "status 2 without an error message for {args:?}: {}",
            outcome.stderr
        );
    }
}

#[test]
fn catalogue_of_malformed_expressions() {
    let catalogue = [
        "",
        " ",
        "(",
        ")",
        "()",
        "x +",
        "+",
        "* x",
        "x y",
        "x ^",
        "x ^^ 2",
        "sin",
        "sin()",
        "sin(x, y)",
        "max(x)",
        "sigmod(x)",
        "foo(x)",
        "pi = 1; pi",
        "e = 2; e",
        "z = ; z",
        "z = x",
        "z = x;",
        ";",
        "x;;y",
        "1e400",
        "1e-400",
        "0x10",
        "1.2.3",
        "x..y",
        "x,y",
        "x = 1; x = 2; x",
        "((((((((((x))))))))))",
        &"(".repeat(10_000),
        &format!("{}x{}", "(".repeat(300), ")".repeat(300)),
        &"-".repeat(5_000),
        &"x+".repeat(3_000),
        "x\u{0}y",
        "∂x",
        "x @ y",
        "\"x\"",
        "x # comment",
        "x = y; y = x; x",
        "pow(x)",
        "leaky_relu(x)",
        "x^y^z^w",
        "0/0",
        "1/0",
        "log(0)",
        "sqrt(-1)",
        "x^-1",
        "--x",
        "x--y",
    ];
    for expr in catalogue {
        for point in POINTS {
            for args in invocations(expr, point, "x") {
                assert_well_behaved(&args);
            }
        }
    }
}

#[test]
fn catalogue_of_malformed_flags() {
    let points = [
        "",
        ",",
        "x",
        "x=",
        "=1",
        "x=1,",
        ",x=1",
        "x=1,,y=2",
        "x=1,x=2",
        "x=abc",
        "x=1e",
        "x==1",
        "1x=1",
        "x=1;y=2",
        "x = 1 , y = 2",
        "x=∞",
        "é=1",
        "x=0x10",
        "x=--1",
        "x=\u{0}",
    ];
    let wrts = ["", ",", "x,", ",x", "x,,y", "x,x", "1x", "x y", "é", "x-y"];
    for point in points {
        for args in invocations("x*y + sin(x)", point, "x") {
            assert_well_behaved(&args);
        }
    }
    for wrt in wrts {
        for args in invocations("x*y + sin(x)", "x=1,y=2", wrt) {
            assert_well_behaved(&args);
        }
    }
    let directions = [
        "", ",", "1", "1,", "x=", "=1", "x=1,,", "x=nan", "x==1", "1,2,3", "é=1", "x=1/0", "x=1,y",
        "y=x", "x=1;y=2",
    ];
    for direction in directions {
        assert_well_behaved(&["hvp", "x*y + sin(x)", "--dir", direction, "--at", "x=1,y=2"]);
    }
    for outputs in [
        "x;",
        ";",
        "x;;y",
        "z = 1;",
        "z = x; ; z",
        "x; z = 1",
        "; z = 1",
        "x\n;y",
        "(x; y)",
    ] {
        assert_well_behaved(&["jacobian", outputs, "--at", "x=1,y=2"]);
    }
    for extra in [
        vec!["jacobian", "x", "y"],
        vec!["diff", "x", "--wrt", "x", "--order", "65"],
        vec![
            "diff",
            "x",
            "--wrt",
            "x",
            "--order",
            "99999999999999999999999",
        ],
        vec!["check", "x", "--at", "x=1", "--eps", "nan"],
        vec!["check", "x", "--at", "x=1", "--eps", "inf"],
        vec!["check", "x", "--at", "x=1", "--rtol", "-0.1"],
        vec!["codegen", "x", "--name", ""],
        vec!["codegen", "x", "--name", "self"],
        vec!["grad", "x", "--format", "xml"],
        vec!["grad"],
        vec![],
        vec!["--help"],
        vec!["--version"],
    ] {
        assert_well_behaved(&extra);
    }
}

/// A random well-formed expression of at most `depth` levels.
fn random_expression(rng: &mut Rng, depth: usize) -> String {
    const LEAVES: &[&str] = &["x", "y", "w", "2", "0.5", "0", "1", "pi", "e", "1e300"];
    const UNARY: &[&str] = &[
        "sin",
        "cos",
        "tan",
        "asin",
        "acos",
        "atan",
        "sinh",
        "cosh",
        "tanh",
        "exp",
        "log",
        "sqrt",
        "abs",
        "sign",
        "sigmoid",
        "relu",
        "softplus",
        "heaviside",
    ];
    const BINARY: &[&str] = &["+", "-", "*", "/", "^"];
    if depth == 0 || rng.below(4) == 0 {
        return rng.pick(LEAVES).to_owned();
    }
    match rng.below(4) {
        0 => format!("{}({})", rng.pick(UNARY), random_expression(rng, depth - 1)),
        1 => format!(
            "{}({}, {})",
            rng.pick(&["max", "min", "leaky_relu"]),
            random_expression(rng, depth - 1),
            random_expression(rng, depth - 1)
        ),
        2 => format!("-({})", random_expression(rng, depth - 1)),
        _ => format!(
            "({}) {} ({})",
            random_expression(rng, depth - 1),
            rng.pick(BINARY),
            random_expression(rng, depth - 1)
        ),
    }
}

#[test]
fn random_expressions_at_every_subcommand() {
    let n_cases: usize = std::env::var("SYMDIFF_CLI_RANDOM_CASES")
        .ok()
        .and_then(|text| text.parse().ok())
        .map_or(300, |n: usize| n / 10);
    let mut rng = Rng(0x5EED_CAFE_F00D_0002);
    for _ in 0..n_cases {
        let expr = random_expression(&mut rng, 5);
        let point = rng.pick(POINTS);
        for args in invocations(&expr, point, "x") {
            assert_well_behaved(&args);
        }
    }
}

#[test]
fn random_strings_at_every_subcommand() {
    // `SYMDIFF_CLI_RANDOM_CASES=100000 cargo test --release` searches longer.
    let n_cases: usize = std::env::var("SYMDIFF_CLI_RANDOM_CASES")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(3_000);
    let mut rng = Rng(0x5EED_CAFE_F00D_0001);
    for _ in 0..n_cases {
        let n_tokens = rng.below(12);
        let expr: String = (0..n_tokens).map(|_| rng.pick(TOKENS)).collect();
        let point = rng.pick(POINTS);
        let wrt = rng.pick(&["x", "y", "w", "q"]);
        let invocations = invocations(&expr, point, wrt);
        let args = &invocations[rng.below(invocations.len())];
        assert_well_behaved(args);
    }
}
