use symdiff_macros::hessian;

fn main() {
    let _ = hessian!("sigmod(w*x) + x^2");
}
