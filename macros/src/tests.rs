//! Expansion tests: the macros as pure functions on token streams, their
//! output parsed as a `syn::File` and pretty-printed for a readable snapshot.
