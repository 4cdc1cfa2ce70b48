use symdiff_macros::grad;

fn main() {
    let _ = grad!("w*x + b", wrt = [w, q, r]);
}
