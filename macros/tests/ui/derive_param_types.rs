use symdiff_macros::derive_grad;

#[derive_grad(wrt(w, q), hesian)]
fn weighted(w: f64, xs: &[f64], n: usize) -> f32 {
    1.0
}

fn main() {}
