//! The one check shared by the property tests and the cargo-fuzz target.

use crate::{ExprId, ExprKind, MAX_DEPTH, ParseBuffers, ParseErrorKind, Program, parse};
use std::cell::RefCell;

pub use crate::print::tree;

/// Parses `source` and checks what must hold for every input:
///
/// - on success, the arena is in the documented post-order (see
///   [`check_arena_order`]), and printing and parsing again gives the same
///   tree, and printing that gives the same text (the printer is a fixpoint);
/// - on failure, the span lies on character boundaries within the source,
///   and the error renders;
/// - parsing into kept buffers ([`ParseBuffers`], reused from earlier
///   inputs) gives the same program or the same error.
///
/// Panics if one of these fails.
pub fn check_roundtrip(source: &str) {
    check_buffers_agree(source);
    match parse(source) {
        Ok(program) => {
            check_arena_order(&program);
            let printed = program.to_string();
            let reparsed = match parse(&printed) {
                Ok(reparsed) => reparsed,
                Err(error) => panic!("printed form of {source:?} fails to parse:\n{error}"),
            };
            assert_eq!(tree(&program), tree(&reparsed), "tree changed: {printed:?}");
            assert_eq!(reparsed.to_string(), printed, "printing is not a fixpoint");
        }
        Err(error) => {
            let span = error.span;
            assert!(
                span.start <= span.end && span.end <= source.len(),
                "{span:?}"
            );
            assert!(source.is_char_boundary(span.start) && source.is_char_boundary(span.end));
            assert!(!error.to_string().is_empty());
            if error.kind == ParseErrorKind::TooDeep {
                assert!(source.len() > MAX_DEPTH);
            }
        }
    }
}

thread_local! {
    /// Buffers kept across the checks of one thread, so that each parse
    /// into them reuses vectors that earlier inputs filled.
    static BUFFERS: RefCell<ParseBuffers> = RefCell::new(ParseBuffers::new());
}

/// [`ParseBuffers::parse`] agrees with [`parse`] on `source`.
fn check_buffers_agree(source: &str) {
    BUFFERS.with(|buffers| {
        let mut buffers = buffers.borrow_mut();
        match (parse(source), buffers.parse(source)) {
            (Ok(fresh), Ok(reused)) => {
                assert_eq!(tree(&fresh), tree(&reused), "{source:?}");
                assert_eq!(fresh.to_string(), reused.to_string(), "{source:?}");
                let spans = |program: &Program<'_>| -> Vec<_> {
                    program.iter().map(|(_, expr)| expr.span).collect()
                };
                assert_eq!(spans(&fresh), spans(&reused), "{source:?}");
                buffers.recycle(reused);
            }
            (Err(fresh), Err(reused)) => assert_eq!(fresh, reused, "{source:?}"),
            (fresh, reused) => panic!("{source:?}: {fresh:?} against {reused:?}"),
        }
    });
}

/// Checks the order that consumers of a [`Program`] rely on: the nodes are
/// the definitions' values and then the body, each tree a contiguous run in
/// post-order with its root last, every node in exactly one tree.
///
/// Panics if it does not hold.
pub fn check_arena_order(program: &Program<'_>) {
    // The roots of the finished subtrees that no node has taken yet; each
    // node must take exactly the latest ones, in order, as its children.
    let mut roots: Vec<ExprId> = Vec::new();
    let mut tree_roots = program
        .definitions()
        .iter()
        .map(|definition| definition.value)
        .chain([program.body()]);
    let mut next_root = tree_roots.next();
    for (id, expr) in program.iter() {
        let children: Vec<ExprId> = match expr.kind {
            ExprKind::Number(_) | ExprKind::Name(_) => Vec::new(),
            ExprKind::Unary { operand, .. } => vec![operand],
            ExprKind::Sum { first, rest } => std::iter::once(first)
                .chain(program.terms(rest).iter().map(|&(_, term)| term))
                .collect(),
            ExprKind::Product { first, rest } => std::iter::once(first)
                .chain(program.factors(rest).iter().map(|&(_, factor)| factor))
                .collect(),
            ExprKind::Power { base, exponent } => vec![base, exponent],
            ExprKind::Call { args, .. } => program.args(args).to_vec(),
            ExprKind::Compare { left, right, .. } => vec![left, right],
        };
        let split = roots.len().checked_sub(children.len());
        assert_eq!(
            split.and_then(|split| roots.get(split..)),
            Some(children.as_slice()),
            "{id:?} does not take the latest subtrees {roots:?} as children"
        );
        roots.truncate(split.unwrap_or(0));
        roots.push(id);
        if next_root == Some(id) {
            assert_eq!(roots, [id], "{id:?} ends a tree with others unfinished");
            roots.clear();
            next_root = tree_roots.next();
        }
    }
    assert_eq!(
        next_root, None,
        "a tree's root is not in the arena in order"
    );
    assert!(roots.is_empty(), "nodes after the body: {roots:?}");
}
