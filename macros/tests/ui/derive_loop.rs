use symdiff_macros::derive_grad;

#[derive_grad]
fn sum_of_squares(x: [f64; 3]) -> f64 {
    let mut total = 0.0;
    for value in x {
        total += value * value;
    }
    total
}

fn main() {}
