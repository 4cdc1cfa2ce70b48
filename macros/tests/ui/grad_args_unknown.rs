use symdiff_macros::grad;

fn main() {
    let _ = grad!("x*y", args = [y, q, x]);
}
