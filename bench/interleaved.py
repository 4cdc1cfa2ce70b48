#!/usr/bin/env python3
"""symdiff's and CasADi's Hessian times, measured in turns, for cases too close to call from one run.

Usage, from the project's root after `cargo build --release` and one run of `compare_python.py` (which
creates the virtual environment):

    target/compare-venv/bin/python bench/interleaved.py rosen100,rnn200 [ROUNDS]

Each round times `symdiff hessian - --stats --repeat N` (its derive time, from the parsed function) and
then CasADi's `casadi.hessian` (from its built expression), both as `compare_python.py` does. On a shared
machine a slowed round slows the two sides differently; each side's best median is kept, and all rounds
are printed.
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import compare_python as cp  # noqa: E402
import casadi as ca  # noqa: E402


def main():
    names = sys.argv[1].split(",")
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    suite = next(path for path in cp.SUITES if path.exists())
    cases = dict(cp.read_suite(suite, names))
    binary = ROOT / "target/release/symdiff"
    for name in names:
        f, symbols = cp.build(ca, cases[name])
        x = ca.vertcat(*symbols)
        ours, theirs, parses = [], [], []
        for _ in range(rounds):
            derive, _, parse = cp.symdiff_run(binary, "hessian", cases[name], [], 60)
            ours.append(derive)
            parses.append(parse)
            theirs.append(cp.median_ms(lambda: ca.hessian(f, x)))
        print(f"{name}: symdiff {min(ours):.3f} ms (rounds {', '.join(f'{v:.3f}' for v in ours)}), "
              f"parse {min(parses):.3f} ms; CasADi {min(theirs):.3f} ms "
              f"(rounds {', '.join(f'{v:.3f}' for v in theirs)}); CasADi / symdiff {min(theirs) / min(ours):.2f}x, "
              f"with the parse {min(theirs) / (min(ours) + min(parses)):.2f}x", flush=True)


if __name__ == "__main__":
    main()
