use symdiff_macros::derive_grad;

#[derive_grad]
fn pick(x: &[f64; 4], w: f64) -> f64 {
    let i = w as usize;
    w * x[i] + x[4]
}

fn main() {}
