//! Any input: the parser returns a tree that prints and parses back to
//! itself, or an error with a valid span, and never panics.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(source) = std::str::from_utf8(data) {
        symdiff_parser::fuzzing::check_roundtrip(source);
    }
});
