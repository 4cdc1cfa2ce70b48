//! The side-by-side comparison of issue 14: what the benchmark
//! (`benches/peers.rs`) and the probe (`examples/probe.rs`) share.
//!
//! - [`suite`]: the benchmark suite, and each case in the dialect of each
//!   peer that reads text (fasteval, meval, exmex);
//! - [`coded`]: the cases that are also written as Rust (neuron, rosen10,
//!   rosen100, mlp4, mlp16, rnn200, deepmlp8), each by hand, for num-dual,
//!   with `#[derive_grad]`, with `grad!` and, for the small ones, with the
//!   `symdiff` 2.1 crate from crates.io;
//! - [`points`]: the evaluation points.
//!
//! Every Rust-coded case takes one flat slice of all its variables, in the
//! order of its `names()`, and its gradients are over all of them in that
//! order, so that every peer does the same work.

pub mod coded;
mod crates_io;
pub mod points;
#[rustfmt::skip]
mod strings;
pub mod suite;
