//! Three cases of the suite written as a person would, with array
//! parameters, and their gradients derived by hand. Shared with the
//! benchmarks (`benches/gradients.rs`), which compare the generated gradients
//! with these.

use symdiff_macros::derive_grad;

/// The single neuron under squared loss.
#[derive_grad(wrt(w, b))]
pub(crate) fn neuron(w: f64, b: f64, x: f64, t: f64) -> f64 {
    let y = sigmoid(w * x + b);
    (y - t).powi(2)
}

pub(crate) fn neuron_grad_by_hand(w: f64, b: f64, x: f64, t: f64) -> [f64; 2] {
    let y = 1.0 / (1.0 + (-(w * x + b)).exp());
    let d_z = 2.0 * (y - t) * y * (1.0 - y);
    [d_z * x, d_z]
}

/// The Rosenbrock function in 10 variables, unrolled.
#[derive_grad]
pub(crate) fn rosen10(x: &[f64; 10]) -> f64 {
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

pub(crate) fn rosen10_grad_by_hand(x: &[f64; 10]) -> [f64; 10] {
    let mut gradient = [0.0; 10];
    for i in 0..9 {
        let gap = x[i + 1] - x[i] * x[i];
        gradient[i] += -400.0 * gap * x[i] - 2.0 * (1.0 - x[i]);
        gradient[i + 1] += 200.0 * gap;
    }
    gradient
}

/// A 4-4-1 network: tanh hidden layer, sigmoid output, squared loss.
/// `w` holds the hidden weights row by row.
#[derive_grad(wrt(w, c, v, d))]
pub(crate) fn mlp4(w: &[f64; 16], c: &[f64; 4], v: &[f64; 4], d: f64, x: &[f64; 4], t: f64) -> f64 {
    let h1 = (w[0] * x[0] + w[1] * x[1] + w[2] * x[2] + w[3] * x[3] + c[0]).tanh();
    let h2 = (w[4] * x[0] + w[5] * x[1] + w[6] * x[2] + w[7] * x[3] + c[1]).tanh();
    let h3 = (w[8] * x[0] + w[9] * x[1] + w[10] * x[2] + w[11] * x[3] + c[2]).tanh();
    let h4 = (w[12] * x[0] + w[13] * x[1] + w[14] * x[2] + w[15] * x[3] + c[3]).tanh();
    let y = sigmoid(v[0] * h1 + v[1] * h2 + v[2] * h3 + v[3] * h4 + d);
    (y - t).powi(2)
}

/// The gradient of `mlp4` by backpropagation written out by hand: 16 hidden
/// weights, 4 hidden biases, 4 output weights and the output bias.
pub(crate) fn mlp4_grad_by_hand(
    w: &[f64; 16],
    c: &[f64; 4],
    v: &[f64; 4],
    d: f64,
    x: &[f64; 4],
    t: f64,
) -> [f64; 25] {
    let mut hidden = [0.0; 4];
    for (unit, h) in hidden.iter_mut().enumerate() {
        let row = &w[4 * unit..4 * unit + 4];
        *h = (row[0] * x[0] + row[1] * x[1] + row[2] * x[2] + row[3] * x[3] + c[unit]).tanh();
    }
    let z = v[0] * hidden[0] + v[1] * hidden[1] + v[2] * hidden[2] + v[3] * hidden[3] + d;
    let y = 1.0 / (1.0 + (-z).exp());
    let d_z = 2.0 * (y - t) * y * (1.0 - y);
    let mut gradient = [0.0; 25];
    for unit in 0..4 {
        let d_pre = d_z * v[unit] * (1.0 - hidden[unit] * hidden[unit]);
        for input in 0..4 {
            gradient[4 * unit + input] = d_pre * x[input];
        }
        gradient[16 + unit] = d_pre;
        gradient[20 + unit] = d_z * hidden[unit];
    }
    gradient[24] = d_z;
    gradient
}
