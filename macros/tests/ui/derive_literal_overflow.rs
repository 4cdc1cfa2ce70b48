use symdiff_macros::derive_grad;

#[derive_grad]
fn huge(x: f64) -> f64 {
    x * 1e400
}

fn main() {}
