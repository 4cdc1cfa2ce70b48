//! Depth and length limits: deep nesting is a typed error, never a stack
//! overflow, and long flat chains parse (and drop) without deep recursion.
//! Each case runs on a thread with a 2 MiB stack, as small as a default
//! test thread, in debug builds too.

use symdiff_parser::fuzzing::check_roundtrip;
use symdiff_parser::{ExprKind, MAX_DEPTH, ParseErrorKind, parse};

fn on_small_stack(name: &str, test: impl FnOnce() + Send + 'static) {
    let handle = std::thread::Builder::new()
        .name(name.to_owned())
        .stack_size(2 * 1024 * 1024)
        .spawn(test)
        .expect("spawn a test thread");
    if let Err(panic) = handle.join() {
        std::panic::resume_unwind(panic);
    }
}

/// The kind of error `source` gives, or `None` if it parses.
fn error_kind(source: &str) -> Option<ParseErrorKind> {
    parse(source).err().map(|error| error.kind)
}

fn nested(open: &str, close: &str, levels: usize) -> String {
    format!("{}x{}", open.repeat(levels), close.repeat(levels))
}

#[test]
fn nesting_up_to_max_depth_parses() {
    on_small_stack("max_depth", || {
        for (open, close) in [("(", ")"), ("sin(", ")"), ("-", ""), ("+", "")] {
            let source = nested(open, close, MAX_DEPTH);
            assert_eq!(error_kind(&source), None, "{open}");
        }
        let powers = vec!["x"; MAX_DEPTH + 1].join("^");
        assert_eq!(error_kind(&powers), None);
    });
}

/// Printing, comparing and dropping the deepest trees that parse.
#[test]
fn deepest_trees_print_and_drop() {
    on_small_stack("deepest_trees", || {
        let half = MAX_DEPTH / 2;
        let sources = [
            nested("-(", ")", half),
            nested("(a - ", ")", MAX_DEPTH),
            nested("f(1, ", ")", MAX_DEPTH),
            format!("{}x", "(x)^".repeat(MAX_DEPTH)),
            format!("{}x", "x^-".repeat(half)),
        ];
        for source in sources {
            check_roundtrip(&source);
        }
    });
}

#[test]
fn nesting_past_max_depth_is_an_error() {
    on_small_stack("too_deep", || {
        for (open, close) in [("(", ")"), ("sin(", ")"), ("-", ""), ("-(", ")")] {
            for levels in [MAX_DEPTH + 1, 100_000] {
                let source = nested(open, close, levels);
                assert_eq!(error_kind(&source), Some(ParseErrorKind::TooDeep), "{open}");
            }
        }
        let powers = vec!["x"; MAX_DEPTH + 2].join("^");
        assert_eq!(error_kind(&powers), Some(ParseErrorKind::TooDeep));
        let unclosed = "(".repeat(100_000);
        assert_eq!(error_kind(&unclosed), Some(ParseErrorKind::TooDeep));
    });
}

#[test]
fn too_deep_points_at_the_first_level_too_many() {
    let source = nested("(", ")", MAX_DEPTH + 1);
    let error = match parse(&source) {
        Ok(_) => panic!("parsed"),
        Err(error) => error,
    };
    assert_eq!(error.span.start, MAX_DEPTH);
    assert_eq!(
        error.message(),
        "expression nested too deeply: more than 256 levels"
    );
}

#[test]
fn long_flat_chains_parse_and_drop() {
    on_small_stack("long_chains", || {
        for op in ["+", "-", "*", "/"] {
            let source = vec!["x"; 100_000].join(op);
            let program = match parse(&source) {
                Ok(program) => program,
                Err(error) => panic!("{error}"),
            };
            let n_terms = match program.expr(program.body()).kind {
                ExprKind::Sum { rest, .. } => program.terms(rest).len() + 1,
                ExprKind::Product { rest, .. } => program.factors(rest).len() + 1,
                _ => 0,
            };
            assert_eq!(n_terms, 100_000);
            // One chain node over 100,000 leaves.
            assert_eq!(program.len(), 100_001);
            assert_eq!(
                program.to_string().len(),
                source.len()
                    + if op.len() == 1 && (op == "+" || op == "-") {
                        2 * 99_999
                    } else {
                        0
                    }
            );
            drop(program);
        }
        let sum_of_products = vec!["2*x^2"; 100_000].join(" + ");
        assert_eq!(error_kind(&sum_of_products), None);
        let many_definitions: String = (0..10_000).map(|i| format!("v{i} = x*{i}; ")).collect();
        assert_eq!(error_kind(&format!("{many_definitions}v9999")), None);
    });
}
