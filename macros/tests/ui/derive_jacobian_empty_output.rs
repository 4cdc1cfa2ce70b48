use symdiff_macros::derive_grad;

#[derive_grad]
fn nothing(_x: f64) -> [f64; 0] {
    []
}

#[derive_grad]
fn unit(_x: f64) -> () {}

fn main() {
    let _ = nothing(1.0);
    unit(1.0);
}
