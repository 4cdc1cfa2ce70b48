use symdiff_macros::hessian;

fn main() {
    let _ = hessian!("w*x + b", args = [x, w]);
}
