//! Any input: the engine's one self-check (`symdiff::consistency::check`, the
//! same that the property tests run) never panics and finds no
//! inconsistency: simplification preserves value, print then parse gives the
//! same node, and every derivative path agrees.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // The first three bytes choose the point, the rest is the expression.
    let (point, text) = data.split_at(data.len().min(3));
    let point: Vec<f64> = point.iter().map(|&byte| f64::from(byte) / 64.0 - 2.0).collect();
    if let Ok(source) = std::str::from_utf8(text)
        && let Err(inconsistency) = symdiff::consistency::check(source, &point)
    {
        panic!("{source:?} at {point:?}: {}", inconsistency.0);
    }
});
