//! `#[derive_grad]`: a Rust function in, the function and its derivatives out.
//!
//! The phases, one file each: `valid` checks the options and the signature,
//! `ast` (with `statements` and `iter`) translates the body into the
//! engine's graph, evaluating loops, integers and branches known at
//! expansion time and building `where` nodes for branches on data (`value`), `expand` asks the
//! engine's Rust emitter for the derivative functions, `rewrite` re-emits the
//! user's function with engine calls inlined, and `fallback` emits what
//! callers need when anything failed. `calls` is the table of functions and
//! methods that `ast` and `rewrite` share.

mod ast;
pub(crate) mod calls;
mod expand;
mod fallback;
mod iter;
mod rewrite;
mod statements;
mod valid;
mod value;

pub(crate) use expand::expand;
pub(crate) use valid::Output;
