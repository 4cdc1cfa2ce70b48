use symdiff_macros::diff;

fn main() {
    let _ = diff!("x^3", x, -1);
    let _ = diff!("x^3", x, 1.5);
    let n = 2;
    let _ = diff!("x^3", x, n);
    let _ = diff!("sigmoid(x)*tan(x)/x", x, 200);
}
