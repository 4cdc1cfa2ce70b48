use symdiff_macros::grad;

fn main() {
    // `gen` is reserved since edition 2024, like `fn` in every edition.
    let _ = grad!("gen*x");
    let _ = grad!("fn*x");
}
