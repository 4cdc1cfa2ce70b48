"""Times CasADi's full symbolic Hessian (SX) of every suite case, for a
side-by-side comparison with `cargo bench -p symdiff --bench derive`.

    pip install casadi && python3 symdiff/benches/compare/casadi_hessian.py

Each case is built from its text (with `^` read as `**`), then
`casadi.hessian` is timed; the median of many repetitions is printed in
milliseconds, with the number of nodes of the resulting expression graph.
"""

import re
import statistics
import sys
import time
from pathlib import Path

import casadi as ca

SUITE = Path(__file__).resolve().parent.parent / "data" / "suite.tsv"
FUNCTIONS = {
    "exp": ca.exp, "log": ca.log, "sqrt": ca.sqrt, "sin": ca.sin, "cos": ca.cos,
    "tanh": ca.tanh, "pi": ca.pi, "sigmoid": lambda u: 1 / (1 + ca.exp(-u)),
}


def build(expression):
    names = sorted(set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", expression)) - set(FUNCTIONS))
    symbols = {name: ca.SX.sym(name) for name in names}
    value = eval(expression.replace("^", "**"), {"__builtins__": {}}, {**FUNCTIONS, **symbols})
    return value, ca.vertcat(*[symbols[name] for name in names])


def median_ms(work, budget_s=2.0, max_runs=200):
    times = []
    start = time.perf_counter()
    while len(times) < max_runs and (time.perf_counter() - start < budget_s or len(times) < 5):
        t0 = time.perf_counter()
        work()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times), len(times)


def main():
    print(f"casadi {ca.__version__}")
    print(f"{'case':<10} {'hessian ms (median)':>20} {'build+hessian ms':>17} {'runs':>5} {'nodes':>7}")
    for line in SUITE.read_text().splitlines():
        name, expression = line.split("\t")
        value, variables = build(expression)
        hessian_only, runs = median_ms(lambda: ca.hessian(value, variables))
        both, _ = median_ms(lambda: ca.hessian(*build(expression)))
        hessian, _ = ca.hessian(value, variables)
        nodes = ca.Function("h", [variables], [hessian]).n_nodes()
        print(f"{name:<10} {hessian_only:>20.3f} {both:>17.3f} {runs:>5} {nodes:>7}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
