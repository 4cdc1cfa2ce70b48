//! Evaluation points with coordinates in [0.2, 1.2), as in the engine's and
//! the macros' own benchmarks.

/// `n_points` points of `n_inputs` coordinates each, one row per point.
pub fn points(n_points: usize, n_inputs: usize, seed: u64) -> Vec<f64> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n_points * n_inputs)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            0.2 + (state >> 11) as f64 / (1u64 << 53) as f64
        })
        .collect()
}
