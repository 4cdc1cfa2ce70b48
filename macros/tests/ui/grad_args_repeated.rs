use symdiff_macros::diff;

fn main() {
    let _ = diff!("x*y", x, 2, args = [y, x, y]);
}
