use symdiff_macros::derive_grad;

#[derive_grad]
fn running(x: [f64; 4], w: f64) -> f64 {
    let mut total = 0.0;
    while total < w {
        total += x[0];
    }
    for i in 0..(w as usize) {
        total += x[i];
    }
    total
}

fn main() {}
