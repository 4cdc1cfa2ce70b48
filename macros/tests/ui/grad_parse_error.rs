use symdiff_macros::grad;

fn main() {
    let gradient = grad!("sigmoid(w*x + )");
    let _ = gradient(1.0, 2.0, 3.0);
}
