//! Trains a tiny two-layer network (2 inputs, 4 tanh units, 1 sigmoid output)
//! on XOR, with the loss written as ordinary Rust (a dense layer as nested
//! loops over a 2-D weight array) and its gradient written at compile time
//! by `#[derive_grad]`: `cargo run --example dense_layer`.

use symdiff_macros::derive_grad;

const HIDDEN: usize = 4;

/// The squared error of the network on one example.
#[derive_grad(wrt(w1, b1, w2, b2))]
fn loss(w1: &[[f64; 2]; 4], b1: &[f64; 4], w2: &[f64; 4], b2: f64, x: &[f64; 2], t: f64) -> f64 {
    let mut hidden = [0.0; 4];
    for i in 0..w1.len() {
        let mut pre = b1[i];
        for j in 0..x.len() {
            pre += w1[i][j] * x[j];
        }
        hidden[i] = pre.tanh();
    }
    let out = sigmoid(
        w2.iter()
            .zip(hidden.iter())
            .map(|(w, h)| w * h)
            .sum::<f64>()
            + b2,
    );
    (out - t).powi(2)
}

/// XOR's four examples: the inputs and the target.
pub(crate) const EXAMPLES: [([f64; 2], f64); 4] = [
    ([0.0, 0.0], 0.0),
    ([0.0, 1.0], 1.0),
    ([1.0, 0.0], 1.0),
    ([1.0, 1.0], 0.0),
];

/// The network's weights and biases: `w1`, `b1`, `w2`, `b2`.
pub(crate) type Network = ([[f64; 2]; HIDDEN], [f64; HIDDEN], [f64; HIDDEN], f64);

/// Trains by gradient descent over the four examples from a fixed,
/// asymmetric start (so that the run is reproducible), and returns the
/// total loss every 500 epochs and the trained network.
pub(crate) fn train() -> (Vec<(usize, f64)>, Network) {
    let mut w1 = [[0.5, -0.4], [-0.3, 0.8], [0.9, 0.2], [-0.7, -0.6]];
    let mut b1 = [0.1, -0.1, 0.05, 0.0];
    let mut w2 = [0.3, -0.2, 0.4, -0.5];
    let mut b2 = 0.0;
    let learning_rate = 0.5;
    let mut history = Vec::new();
    for epoch in 0..=3000 {
        let mut total = 0.0;
        let mut gradient = [0.0; 2 * HIDDEN + HIDDEN + HIDDEN + 1];
        for (x, t) in &EXAMPLES {
            let (value, example_gradient) = loss_value_and_grad(&w1, &b1, &w2, b2, x, *t);
            total += value;
            for (sum, entry) in gradient.iter_mut().zip(example_gradient) {
                *sum += entry;
            }
        }
        // The gradient lists w1 row by row, then b1, w2 and b2.
        let mut entries = gradient.iter().map(|entry| learning_rate * entry);
        for row in &mut w1 {
            for weight in row {
                *weight -= entries.next().unwrap_or(0.0);
            }
        }
        for bias in &mut b1 {
            *bias -= entries.next().unwrap_or(0.0);
        }
        for weight in &mut w2 {
            *weight -= entries.next().unwrap_or(0.0);
        }
        b2 -= entries.next().unwrap_or(0.0);
        if epoch % 500 == 0 {
            history.push((epoch, total));
        }
    }
    (history, (w1, b1, w2, b2))
}

/// The squared error of the trained network on each example.
pub(crate) fn errors((w1, b1, w2, b2): &Network) -> [f64; 4] {
    EXAMPLES.map(|(x, t)| loss(w1, b1, w2, *b2, &x, t))
}

fn main() {
    let (history, network) = train();
    for (epoch, total) in history {
        println!("epoch {epoch:4}: loss {total:.6}");
    }
    for ((x, t), error) in EXAMPLES.iter().zip(errors(&network)) {
        println!("x = {x:?}: target {t}, squared error {error:.6}");
    }
}
