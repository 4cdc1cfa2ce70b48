//! `#[derive_grad]`: a Rust function in, the function and its derivatives out.
//!
//! The phases, one file each: `valid` checks the options and the signature,
//! `ast` translates the body into the engine's graph, `expand` asks the
//! engine's Rust emitter for the derivative functions, `rewrite` re-emits the
//! user's function with engine calls inlined, and `fallback` emits what
//! callers need when anything failed. `calls` is the table of functions and
//! methods that `ast` and `rewrite` share.

mod ast;
pub(crate) mod calls;
mod expand;
mod fallback;
mod rewrite;
mod valid;

pub(crate) use expand::expand;
