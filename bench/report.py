#!/usr/bin/env python3
"""Prints the tables of BENCHMARKS.md from one run of `cargo bench --bench peers` (in bench/).

Usage: python3 bench/report.py [bench/target/criterion]

Reads criterion's median (`median.point_estimate` of each `new/estimates.json`) of every benchmark and
prints, as Markdown: parsing, symbolic gradient and Hessian, evaluation at one point, generated code, and
the batch. Ratios are of medians from the same run; above 1 means symdiff is faster.
"""
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = ["neuron", "gauss2d", "saddle", "rosen10", "rosen100", "nested20", "product30", "softmax5", "mlp4",
         "mlp16", "rnn200", "ode200", "deepmlp8"]
BATCH = 10_000


def medians(root):
    """{(group, function): median in ns} for every benchmark under root."""
    found = {}
    for bench in root.glob("**/new/benchmark.json"):
        meta = json.loads(bench.read_text())
        estimates = json.loads((bench.parent / "estimates.json").read_text())
        found[(meta["group_id"], meta["function_id"])] = estimates["median"]["point_estimate"]
    return found


def t(ns):
    if ns is None:
        return "—"
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            value = ns / scale
            return f"{value:.3g} {unit}" if value < 1000 else f"{value:,.0f} {unit}"
    return f"{ns:.3g} ns"


def r(a, b):
    """a / b as a ratio, or a dash."""
    return f"{a / b:.2f}×" if a is not None and b else "—"


def table(header, rows):
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()


def main():
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "target/criterion"
    m = medians(root)
    get = lambda group, fn: m.get((group, fn))

    print("### Parsing\n")
    rows = []
    for case in CASES:
        g = f"parse/{case}"
        sd, reused = get(g, "symdiff"), get(g, "symdiff_reused")
        rows.append([case, t(sd), t(reused), t(get(g, "fasteval")), t(get(g, "meval")), t(get(g, "exmex")),
                     r(get(g, "fasteval"), sd), r(get(g, "fasteval"), reused), r(get(g, "meval"), sd),
                     r(get(g, "exmex"), sd)])
    table(["case", "symdiff", "symdiff, buffers reused", "fasteval", "meval", "exmex", "fasteval / symdiff",
           "fasteval / symdiff reused", "meval / symdiff", "exmex / symdiff"], rows)

    print("### Symbolic gradient and Hessian, from the parsed function\n")
    rows = []
    for case in CASES:
        g, h = f"gradient/{case}", f"hessian/{case}"
        rows.append([case, t(get(g, "symdiff")), t(get(g, "exmex")), r(get(g, "exmex"), get(g, "symdiff")),
                     t(get(h, "symdiff")), t(get(h, "exmex")), r(get(h, "exmex"), get(h, "symdiff"))])
    table(["case", "symdiff gradient", "exmex gradient", "exmex / symdiff", "symdiff Hessian", "exmex Hessian",
           "exmex / symdiff"], rows)

    print("### Value + gradient (and Hessian) at one point: run-time peers\n")
    rows = []
    for case in CASES:
        g = f"point/{case}"
        tape = get(g, "tape_value_grad")
        rows.append([case, t(tape), t(get(g, "tape_value_grad_hessian")), t(get(g, "exmex_value_grad")),
                     r(get(g, "exmex_value_grad"), tape), t(get(g, "exmex_value_grad_hessian")),
                     r(get(g, "exmex_value_grad_hessian"), get(g, "tape_value_grad_hessian")),
                     t(get(g, "fasteval_value")), t(get(g, "num_dual_value_grad")),
                     r(get(g, "num_dual_value_grad"), tape), t(get(g, "hand_grad"))])
    table(["case", "tape v+g", "tape v+g+H", "exmex v+g", "exmex / tape", "exmex v+g+H", "exmex / tape (H)",
           "fasteval value", "num-dual v+g", "num-dual / tape", "hand gradient"], rows)

    print("### Generated code at one point\n")
    rows = []
    for case in CASES:
        g = f"point/{case}"
        gen = get(g, "generated_grad")
        if gen is None:
            continue
        hand, crates = get(g, "hand_grad"), get(g, "crates_io_grad")
        rows.append([case, t(get(g, "function")), t(gen), t(get(g, "generated_value_grad")),
                     t(get(g, "string_grad")), t(hand), t(crates), t(get(g, "num_dual_value_grad")),
                     r(gen, hand), r(gen, crates), r(gen, get(g, "function")),
                     r(get(g, "tape_value_grad"), get(g, "generated_value_grad")),
                     r(get(g, "num_dual_value_grad"), get(g, "generated_value_grad"))])
    table(["case", "function", "derive_grad gradient", "derive_grad v+g", "grad! gradient", "hand gradient",
           "2.1 crate gradient", "num-dual v+g", "generated / hand", "generated / 2.1", "generated / function",
           "tape v+g / generated v+g", "num-dual / generated v+g"], rows)

    print(f"### The tape over {BATCH:,} points (per point)\n")
    rows = []
    for case in CASES:
        g = f"batch/{case}"
        single, batch = get(g, "tape_single"), get(g, "tape_batch")
        rows.append([case, t(single and single / BATCH), t(batch and batch / BATCH), r(single, batch),
                     t(get(f"point/{case}", "tape_value_grad"))])
    table(["case", "one point at a time", "batch", "speed-up", "one point (point group)"], rows)


if __name__ == "__main__":
    main()
