//! Reproducible pseudo-random coordinates (xorshift), shared by the tests
//! and benchmarks that evaluate at many points.

/// `count` values uniform in [low, low + width), from `seed`.
pub(crate) fn uniform(count: usize, seed: u64, low: f64, width: f64) -> Vec<f64> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..count)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            low + width * ((state >> 11) as f64 / (1u64 << 53) as f64)
        })
        .collect()
}
