use symdiff_macros::derive_grad;

#[derive_grad]
fn square(x: f64) -> f64 {
    x * x
}

#[derive_grad]
fn energy(x: f64, y: f64) -> f64 {
    square(x) + square(y)
}

fn main() {}
