#!/usr/bin/env python3
"""symdiff's and CasADi's Hessian times, measured in turns, for cases too close to call from one run.

Usage, from the project's root after `cargo build --release` and one run of `compare_python.py` (which
creates the virtual environment):

    target/compare-venv/bin/python bench/interleaved.py rosen100,rnn200 [ROUNDS]

Each round times `symdiff hessian - --stats --repeat N` (its derive time, from the parsed function) and
then CasADi's `casadi.hessian` (from its built expression), both as `compare_python.py` does: warm, the
median of repetitions in one process. It then times both cold: one `symdiff hessian - --stats` (the first
derivative of a fresh process) against CasADi's first `casadi.hessian` in a fresh Python process. On a
shared machine a slowed round slows the two sides differently; each side's best time is kept, and all
rounds are printed.
"""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import compare_python as cp  # noqa: E402
import casadi as ca  # noqa: E402


# CasADi's first Hessian in a fresh process, its expression built first (the case's text on stdin).
CASADI_FIRST = """
import sys, time
sys.path.insert(0, {bench!r})
import compare_python as cp, casadi as ca
f, symbols = cp.build(ca, sys.stdin.read())
x = ca.vertcat(*symbols)
start = time.perf_counter()
ca.hessian(f, x)
print((time.perf_counter() - start) * 1e3)
"""


def casadi_first_ms(text):
    """Milliseconds of CasADi's first `casadi.hessian` in a fresh Python process."""
    code = CASADI_FIRST.format(bench=str(ROOT / "bench"))
    done = subprocess.run([sys.executable, "-c", code], input=text, text=True, capture_output=True, check=True)
    return float(done.stdout)


def rounds_text(values):
    return ", ".join(f"{v:.3f}" for v in values)


def main():
    names = sys.argv[1].split(",")
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    suite = next(path for path in cp.SUITES if path.exists())
    cases = dict(cp.read_suite(suite, names))
    binary = ROOT / "target/release/symdiff"
    for name in names:
        f, symbols = cp.build(ca, cases[name])
        x = ca.vertcat(*symbols)
        ours, theirs, parses, ours_cold, theirs_cold = [], [], [], [], []
        for _ in range(rounds):
            derive, _, parse = cp.symdiff_run(binary, "hessian", cases[name], [], 60)
            ours.append(derive)
            parses.append(parse)
            theirs.append(cp.median_ms(lambda: ca.hessian(f, x)))
            ours_cold.append(cp.symdiff_run(binary, "hessian", cases[name], [], 60, warm=False)[0])
            theirs_cold.append(casadi_first_ms(cases[name]))
        print(f"{name}: symdiff {min(ours):.3f} ms (rounds {rounds_text(ours)}), "
              f"parse {min(parses):.3f} ms; CasADi {min(theirs):.3f} ms "
              f"(rounds {rounds_text(theirs)}); CasADi / symdiff {min(theirs) / min(ours):.2f}x, "
              f"with the parse {min(theirs) / (min(ours) + min(parses)):.2f}x", flush=True)
        print(f"{name}, cold: symdiff {min(ours_cold):.3f} ms (rounds {rounds_text(ours_cold)}); CasADi's first "
              f"{min(theirs_cold):.3f} ms (rounds {rounds_text(theirs_cold)}); CasADi / symdiff "
              f"{min(theirs_cold) / min(ours_cold):.2f}x", flush=True)


if __name__ == "__main__":
    main()
