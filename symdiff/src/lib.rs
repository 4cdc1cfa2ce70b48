//! The symdiff engine.
