//! Fits a single sigmoid neuron by gradient descent, with the gradient written
//! at compile time by `#[derive_grad]`: `cargo run --example train_neuron`.

use symdiff_macros::{derive_grad, grad_formulas};

/// The squared error of one sigmoid neuron on one example.
#[derive_grad(wrt(w, b))]
fn loss(w: f64, b: f64, x: f64, t: f64) -> f64 {
    let y = sigmoid(w * x + b);
    (y - t).powi(2)
}

fn main() {
    let examples = [(-2.0, 0.1), (-1.0, 0.2), (0.0, 0.5), (1.0, 0.8), (2.0, 0.9)];
    let (mut w, mut b) = (0.0, 0.0);
    let learning_rate = 0.5;
    for epoch in 0..=2000 {
        let mut total = 0.0;
        let mut gradient = [0.0; 2];
        for &(x, t) in &examples {
            let (value, [d_w, d_b]) = loss_value_and_grad(w, b, x, t);
            total += value;
            gradient[0] += d_w;
            gradient[1] += d_b;
        }
        w -= learning_rate * gradient[0];
        b -= learning_rate * gradient[1];
        if epoch % 500 == 0 {
            println!("epoch {epoch:4}: loss {total:.6}, w = {w:.4}, b = {b:.4}");
        }
    }
    for &(x, t) in &examples {
        println!(
            "x = {x:4}: target {t}, squared error {:.6}",
            loss(w, b, x, t)
        );
    }
    let [d_w, d_b] = grad_formulas!("(sigmoid(w*x + b) - t)^2", wrt = [w, b]);
    println!("dloss/dw = {d_w}\ndloss/db = {d_b}");
}
