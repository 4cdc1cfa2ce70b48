//! The suite's small cases for the `symdiff` 2.1 crate on crates.io, over
//! the same flat point as `coded` (all the variables in one slice).
//!
//! Its `#[gradient]` attribute takes slices and knows `exp`, `ln`, `sqrt`,
//! `sin`, `cos` and `powi`: `sigmoid(z)` is written `1/(1 + exp(-z))` and
//! `tanh(u)` is written `2/(1 + exp(-2u)) - 1`. It compiles slowly on large
//! functions (about 650 s for rosen100 and mlp16 together, issue 14), so
//! only neuron, rosen10 and mlp4 are here.

#![allow(
    dead_code,
    reason = "only the generated `_gradient` functions are called"
)]
#![allow(
    clippy::all,
    reason = "the 2.1 crate's generated code is not ours to lint"
)]

use symdiff_crates_io::gradient;

/// The neuron over `p = [w, b, x, t]`.
#[gradient(var = p, dim = 4)]
pub(crate) fn neuron(p: &[f64]) -> f64 {
    (1.0 / (1.0 + (-(p[0] * p[2] + p[1])).exp()) - p[3]).powi(2)
}

/// The Rosenbrock function in 10 variables, unrolled.
#[gradient(var = x, dim = 10)]
pub(crate) fn rosen10(x: &[f64]) -> f64 {
    100.0 * (x[1] - x[0].powi(2)).powi(2)
        + (1.0 - x[0]).powi(2)
        + 100.0 * (x[2] - x[1].powi(2)).powi(2)
        + (1.0 - x[1]).powi(2)
        + 100.0 * (x[3] - x[2].powi(2)).powi(2)
        + (1.0 - x[2]).powi(2)
        + 100.0 * (x[4] - x[3].powi(2)).powi(2)
        + (1.0 - x[3]).powi(2)
        + 100.0 * (x[5] - x[4].powi(2)).powi(2)
        + (1.0 - x[4]).powi(2)
        + 100.0 * (x[6] - x[5].powi(2)).powi(2)
        + (1.0 - x[5]).powi(2)
        + 100.0 * (x[7] - x[6].powi(2)).powi(2)
        + (1.0 - x[6]).powi(2)
        + 100.0 * (x[8] - x[7].powi(2)).powi(2)
        + (1.0 - x[7]).powi(2)
        + 100.0 * (x[9] - x[8].powi(2)).powi(2)
        + (1.0 - x[8]).powi(2)
}

/// `mlp4` over `p = [W (16, row by row), c (4), v (4), d, x (4), t]`.
#[gradient(var = p, dim = 30)]
pub(crate) fn mlp4(p: &[f64]) -> f64 {
    (1.0 / (1.0
        + (-(p[20]
            * (2.0
                / (1.0
                    + (-2.0
                        * (p[0] * p[25] + p[1] * p[26] + p[2] * p[27] + p[3] * p[28] + p[16]))
                        .exp())
                - 1.0)
            + p[21]
                * (2.0
                    / (1.0
                        + (-2.0
                            * (p[4] * p[25]
                                + p[5] * p[26]
                                + p[6] * p[27]
                                + p[7] * p[28]
                                + p[17]))
                            .exp())
                    - 1.0)
            + p[22]
                * (2.0
                    / (1.0
                        + (-2.0
                            * (p[8] * p[25]
                                + p[9] * p[26]
                                + p[10] * p[27]
                                + p[11] * p[28]
                                + p[18]))
                            .exp())
                    - 1.0)
            + p[23]
                * (2.0
                    / (1.0
                        + (-2.0
                            * (p[12] * p[25]
                                + p[13] * p[26]
                                + p[14] * p[27]
                                + p[15] * p[28]
                                + p[19]))
                            .exp())
                    - 1.0)
            + p[24]))
            .exp())
        - p[29])
        .powi(2)
}
