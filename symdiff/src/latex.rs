//! LaTeX printing (being written).
