//! Any input: the engine's one self-check (`symdiff::consistency::check`, the
//! same that the property tests run) never panics and finds no
//! inconsistency: simplification preserves value, print then parse gives the
//! same node, and every derivative path agrees. It checks expressions, and
//! deep chains of named steps (`consistency::chain_source`, as the property
//! tests build them) of up to 2,000 steps.
#![no_main]

/// The byte that makes the rest of an input a chain's steps: never in
/// UTF-8 text, so no expression is read as a chain.
const CHAIN: u8 = 0xFF;

/// The most steps of a chain.
const MAX_STEPS: usize = 2000;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // The first three bytes choose the point, the rest is the expression,
    // or the chain's steps after `CHAIN`.
    let (point, rest) = data.split_at(data.len().min(3));
    let point: Vec<f64> = point
        .iter()
        .map(|&byte| f64::from(byte) / 64.0 - 2.0)
        .collect();
    let source = match rest.split_first() {
        Some((&CHAIN, steps)) => {
            symdiff::consistency::chain_source(&steps[..steps.len().min(MAX_STEPS)])
        }
        _ => match std::str::from_utf8(rest) {
            Ok(text) => text.to_owned(),
            Err(_) => return,
        },
    };
    if let Err(inconsistency) = symdiff::consistency::check(&source, &point) {
        panic!("{source:?} at {point:?}: {}", inconsistency.0);
    }
});
