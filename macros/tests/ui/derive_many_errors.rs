use symdiff_macros::derive_grad;

const SCALE: f64 = 2.0;

#[derive_grad(hessian)]
pub fn messy(w: f64, x: [f64; 2]) -> f64 {
    let _y = x;
    let z = w % 2.0 + SCALE * x[0];
    println!("{z}");
    match w as i32 {
        0 => z,
        _ => relu(z),
    }
}

fn main() {
    // The original function and the generated ones still exist.
    let _ = messy(1.0, [2.0, 3.0]);
    let _ = messy_hessian(1.0, [2.0, 3.0]);
}
