use symdiff_macros::derive_grad;

#[derive_grad]
fn pair(x: f64, y: f64) -> (f64, f32, usize) {
    (x * y, 1.0, 2)
}

fn main() {
    let _ = pair(1.0, 2.0);
}
