use symdiff_macros::derive_grad;

#[derive_grad(hessian = dense, hvp)]
fn loss(w: f64, b: f64) -> f64 {
    (w * b).sin()
}

fn main() {
    let _ = loss_hvp(1.0, 2.0, [1.0, 0.0]);
}
