//! Rust source emission from the compiled tape (being written).
