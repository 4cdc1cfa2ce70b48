use symdiff_macros::derive_grad;

#[derive_grad]
fn differences(x: [f64; 4]) -> f64 {
    let mut total = 0.0;
    for i in 0..4 {
        total += (x[i + 1] - x[i]).powi(2);
    }
    total
}

fn main() {}
