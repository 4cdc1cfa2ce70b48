//! Compile-time differentiation.
