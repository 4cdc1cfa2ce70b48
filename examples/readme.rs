// The README's Rust example: the course's neuron with `#[derive_grad]`, its
// gradient checked by central differences, and the second-derivative test.
// `cargo run --example readme`.

use symdiff::prelude::*;
use symdiff_macros::derive_grad;

#[derive_grad(wrt(w, b), hessian)]
fn loss(w: f64, b: f64, x: f64, t: f64) -> f64 {
    let z = w * x + b;
    let y = sigmoid(z);
    (y - t).powi(2)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (x, t) = (2.0, 0.8);
    let (value, gradient) = loss_value_and_grad(0.5, 0.1, x, t);
    println!("loss = {value:.6}, gradient over {LOSS_WRT:?} = {gradient:.6?}");

    // The generated gradient against central differences, entry by entry.
    let report = check_gradient(
        |p: &[f64]| loss(p[0], p[1], x, t),
        |p: &[f64]| loss_grad(p[0], p[1], x, t),
        [0.5, 0.1],
        &CheckOptions::default(),
    )?;
    println!("{report}");

    // Where sigmoid(w*x + b) = t the loss is 0: a valley of minima along a
    // line, so the Hessian has a zero eigenvalue and the test is degenerate.
    let (w, b) = (0.5, (t / (1.0 - t)).ln() - 0.5 * x);
    let (gradient, hessian) = (loss_grad(w, b, x, t), loss_hessian(w, b, x, t));
    let verdict = analyze([w, b], gradient, hessian, &Tolerances::default())?;
    println!("at (w, b) = ({w}, {b:.6}): {verdict}");
    Ok(())
}
