use symdiff_macros::derive_grad;

#[derive_grad]
fn hinge(w: f64, x: f64) -> f64 {
    let margin = w * x;
    if margin < 1.0 { 1.0 - margin } else { 0.0 }
}

fn main() {
    let _ = hinge_grad(1.0, 2.0);
}
