#!/usr/bin/env python3
"""Writes bench/src/strings.rs: `grad!` on the suite's text for each Rust-coded case of bench/src/coded.rs.

Usage, from the project's root: python3 bench/gen_strings.py

`grad!`'s closure takes the variables in order of first appearance in the text; each generated function
takes the flat point of `coded` (the case's `names()` order) and returns the gradient in that order.
"""
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
FUNCTIONS = {"exp", "log", "sqrt", "sin", "cos", "tanh", "sigmoid", "pi"}


def appearance(text):
    """The variables of a case in order of first appearance (definitions' names are not variables)."""
    definitions = set(re.findall(r"([A-Za-z_]\w*)\s*=", text))
    seen = []
    for name in re.findall(r"[A-Za-z_]\w*", text):
        if name not in FUNCTIONS and name not in definitions and name not in seen:
            seen.append(name)
    return seen


def mlp_names(hidden):
    names = [f"W{i}_{j}" for i in range(1, hidden + 1) for j in range(1, 5)]
    names += [f"c{i}" for i in range(1, hidden + 1)] + [f"v{i}" for i in range(1, hidden + 1)] + ["d"]
    return names + [f"x{j}" for j in range(1, 5)] + ["t"]


def deep_names():
    names = [f"W{l}_{i}_{j}" for l in range(1, 9) for i in range(1, 5) for j in range(1, 5)]
    names += [f"c{l}_{i}" for l in range(1, 9) for i in range(1, 5)] + [f"v{i}" for i in range(1, 5)] + ["d"]
    return names + [f"x{j}" for j in range(1, 5)] + ["t"]


ORDER = {
    "neuron": ["w", "b", "x", "t"],
    "rosen10": [f"x{i}" for i in range(1, 11)],
    "rosen100": [f"x{i}" for i in range(1, 101)],
    "mlp4": mlp_names(4),
    "mlp16": mlp_names(16),
    "rnn200": ["u", "w", "x"],
    "deepmlp8": deep_names(),
}

HEADER = '''//! `grad!` on the suite's text, one function per Rust-coded case, over the
//! flat point of `coded`: the closure takes the variables in order of first
//! appearance in the text, and its gradient is put back in the flat order.
//!
//! Written by `bench/gen_strings.py` from the suite; do not edit.

use symdiff_macros::grad;
'''


def main():
    lines = (HERE.parent / "symdiff/benches/data/suite.tsv").read_text().splitlines()
    suite = dict(line.split("\t", 1) for line in lines if line.strip())
    out = [HEADER]
    for name, order in ORDER.items():
        text = suite[name]
        seen = appearance(text)
        assert sorted(seen) == sorted(order), (name, set(seen) ^ set(order))
        args = ", ".join(f"p[{order.index(v)}]" for v in seen)
        back = ", ".join(f"g[{seen.index(v)}]" for v in order)
        out.append(f'''
pub(crate) fn {name}(p: &[f64]) -> [f64; {len(order)}] {{
    let gradient = grad!("{text}");
    let g = gradient({args});
    [{back}]
}}
''')
    (HERE / "src/strings.rs").write_text("".join(out))


if __name__ == "__main__":
    main()
