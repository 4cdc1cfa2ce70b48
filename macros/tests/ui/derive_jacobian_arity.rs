use symdiff_macros::derive_grad;

#[derive_grad]
fn three(x: f64, y: f64) -> [f64; 3] {
    let mut out = [0.0; 2];
    out[0] = x * y;
    out[1] = x + y;
    out
}

#[derive_grad]
fn pair(x: f64) -> (f64, f64) {
    x.sin()
}

fn main() {
    // The stand-ins keep callers compiling: no error here.
    let _ = three_jacobian(1.0, 2.0);
    let _ = pair_value_and_jacobian(1.0);
}
