//! The one check shared by the property tests and the cargo-fuzz target.

use crate::{MAX_DEPTH, ParseErrorKind, parse};

pub use crate::print::tree;

/// Parses `source` and checks what must hold for every input:
///
/// - on success, printing and parsing again gives the same tree, and printing
///   that gives the same text (the printer is a fixpoint);
/// - on failure, the span lies on character boundaries within the source,
///   and the error renders.
///
/// Panics if one of these fails.
pub fn check_roundtrip(source: &str) {
    match parse(source) {
        Ok(program) => {
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
