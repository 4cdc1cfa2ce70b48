//! Deep chains: the engine's one self-check (`symdiff::consistency::check`)
//! on a chain of named steps built from the input (`consistency::chain_source`,
//! as the property tests build them), up to 2,000 steps deep.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // The first three bytes choose the point, the rest the steps.
    let (point, steps) = data.split_at(data.len().min(3));
    let point: Vec<f64> = point.iter().map(|&byte| f64::from(byte) / 64.0 - 2.0).collect();
    let steps = &steps[..steps.len().min(2000)];
    let source = symdiff::consistency::chain_source(steps);
    if let Err(inconsistency) = symdiff::consistency::check(&source, &point) {
        panic!("chain {steps:?} at {point:?}: {}", inconsistency.0);
    }
});
