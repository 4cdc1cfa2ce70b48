#!/usr/bin/env python3
"""Compares symdiff with CasADi (SX), SymEngine and SymPy on the benchmark suite.

Usage, from the project's root after `cargo build --release`:

    python3 bench/compare_python.py [--cases neuron,mlp4] [--markdown]
        [--suite PATH] [--bin target/release/symdiff] [--venv target/compare-venv]
        [--timeout 120] [--sympy-timeout 20]

The script creates (or reuses) a virtual environment, installs sympy, symengine
and casadi into it and re-runs itself there; outside it, it uses only the
standard library. For every case it prints the instruction counts of f, the
gradient and the Hessian for symdiff (`--stats`) and for CasADi
(`casadi.Function.n_instructions`), and the derivative times in milliseconds:
medians within a budget of about 2 s, except for SymPy, which is run once under
a hard time limit. symdiff's derivative times are its derive time, from the
parsed function to the finished derivative, as CasADi's are timed from its SX
expression already built (the median of warm repetitions in one process,
`--stats --repeat N`); its parse time is a column of its own.
"""
import argparse, json, os, platform, re, statistics, subprocess, sys, time, venv
import multiprocessing as mp
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["sympy", "symengine", "casadi"]
SUITES = [ROOT / "symdiff/benches/data/suite.tsv", ROOT / "../shared/bench/suite.tsv"]
FUNCTIONS = {"exp", "log", "sqrt", "sin", "cos", "tanh", "sigmoid", "pi"}
COLUMNS = [("case", 9), ("vars", 4), ("sd f", 7), ("sd grad", 8), ("sd hess", 9), ("ca f", 6), ("ca grad", 7),
           ("ca hess", 8), ("sd parse ms", 11), ("sd g ms", 8), ("ca g ms", 8), ("se g ms", 8), ("sp g ms", 8),
           ("sd H ms", 8),
           ("ca H ms", 8), ("se H ms", 8), ("sp H ms", 8), ("ca/sd t", 7), ("sd/ca H", 7)]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", type=Path, help="the suite file (default: the first of %s that exists)" % SUITES)
    parser.add_argument("--cases", help="comma-separated case names (default: all)")
    parser.add_argument("--bin", type=Path, default=ROOT / "target/release/symdiff")
    parser.add_argument("--venv", type=Path, default=ROOT / "target/compare-venv")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per symdiff run or SymEngine measurement")
    parser.add_argument("--sympy-timeout", type=float, default=20, help="seconds per SymPy measurement")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    return parser.parse_args()


def ensure_venv(path):
    """Re-executes this script inside the virtual environment, creating it first if needed."""
    path = path.resolve()
    if Path(sys.prefix).resolve() == path:
        return
    if os.environ.get("COMPARE_PYTHON_REEXEC"):
        sys.exit(f"re-executed, but still not running inside {path}")
    python = path / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if not python.exists():
        print(f"creating a virtual environment in {path}", file=sys.stderr)
        venv.create(path, with_pip=True)
    # The packages are installed only when one of them cannot be imported, so a reused venv starts at once.
    if subprocess.run([python, "-c", "import " + ", ".join(PACKAGES)], capture_output=True).returncode != 0:
        subprocess.run([python, "-m", "pip", "install", "--quiet", *PACKAGES], check=True)
    os.environ["COMPARE_PYTHON_REEXEC"] = "1"
    os.execv(python, [str(python), *sys.argv])


def read_suite(path, wanted):
    """Returns (name, text) for each case of the suite, in order, keeping only the wanted ones if given."""
    cases = [line.split("\t", 1) for line in path.read_text().splitlines() if line.strip()]
    if wanted:
        missing = set(wanted) - {name for name, _ in cases}
        if missing:
            print(f"not in {path}: {', '.join(sorted(missing))}", file=sys.stderr)
        cases = [(name, text) for name, text in cases if name in wanted]
    return cases


def split_case(text):
    """Splits `a = e1; b = e2; final` into its definitions, the final expression and the sorted variables."""
    *definitions, final = [part.strip() for part in text.split(";") if part.strip()]
    definitions = [tuple(side.strip() for side in d.split("=", 1)) for d in definitions]
    names = set(re.findall(r"[A-Za-z_]\w*", text)) - FUNCTIONS - {name for name, _ in definitions}
    return definitions, final, sorted(names)


def build(lib, text):
    """Builds f with one library, evaluating the definitions in order; returns f and the list of variables."""
    definitions, final, names = split_case(text)
    symbols = [lib.Symbol(name) if lib.__name__ != "casadi" else lib.SX.sym(name) for name in names]
    # Integer literals become the library's own numbers, so that SymPy and SymEngine keep them exact.
    number = float if lib.__name__ == "casadi" else lib.Integer
    namespace = {name: getattr(lib, name) for name in FUNCTIONS - {"sigmoid"}}
    namespace.update(zip(names, symbols), _n=number, sigmoid=lambda u: 1 / (1 + namespace["exp"](-u)))
    for name, expression in definitions + [("_f", final)]:
        python = re.sub(r"(?<![\w.])(\d+)(?![\w.])", r"_n(\1)", expression.replace("^", "**"))
        namespace[name] = eval(python, {"__builtins__": {}}, namespace)
    return namespace["_f"], symbols


def median_ms(work, budget_s=2.0, min_runs=5, max_runs=200):
    """The median time of work() in milliseconds, over at least min_runs and at most max_runs runs."""
    times, start = [], time.perf_counter()
    while len(times) < max_runs and (len(times) < min_runs or time.perf_counter() - start < budget_s):
        t0 = time.perf_counter()
        work()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def gradient(f, symbols):
    return [f.diff(x) for x in symbols]


def hessian(f, symbols):
    # The Hessian is timed from f, as casadi.hessian is: the gradient first, then its upper triangle.
    g = gradient(f, symbols)
    return [g[i].diff(symbols[j]) for i in range(len(symbols)) for j in range(i, len(symbols))]


def measure(library, text, kind, once):
    """Times the gradient or the Hessian of one case with SymPy or SymEngine (run in a child process)."""
    sys.setrecursionlimit(100_000)
    lib = __import__(library)
    f, symbols = build(lib, text)
    work = lambda: (gradient if kind == "grad" else hessian)(f, symbols)
    return median_ms(work, min_runs=1, max_runs=1) if once else median_ms(work)


def _child(connection, *args):
    try:
        connection.send(measure(*args))
    except Exception as error:
        connection.send(f"error ({type(error).__name__})")


def measure_with_limit(library, text, kind, once, timeout):
    """Runs measure() in a child process; a string stands for a timeout or an error instead of milliseconds."""
    receiver, sender = mp.Pipe(duplex=False)
    child = mp.Process(target=_child, args=(sender, library, text, kind, once), daemon=True)
    child.start()
    sender.close()
    try:
        return receiver.recv() if receiver.poll(timeout) else f"> {timeout:g} s"
    except EOFError:
        return "crashed"
    finally:
        child.kill()
        child.join()


def casadi_case(text):
    """CasADi's gradient and Hessian times and the instruction counts of f, the gradient and the Hessian."""
    import casadi as ca
    f, symbols = build(ca, text)
    x = ca.vertcat(*symbols)
    grad_ms = median_ms(lambda: ca.gradient(f, x))
    hess_ms = median_ms(lambda: ca.hessian(f, x))
    H, g = ca.hessian(f, x)
    counts = [ca.Function(name, [x], [e]).n_instructions() for name, e in (("f", f), ("g", g), ("h", H))]
    return grad_ms, hess_ms, counts


def symdiff_run(binary, command, text, extra, timeout, warm=True):
    """Parse and derive milliseconds and instructions from `symdiff COMMAND - --stats`, or a string.

    With `warm`, the time is the median of `--repeat N` runs in one process (N fitted to about a second), as
    CasADi's is timed in this process; the first run of a process pays for fresh memory."""
    def run(repeat):
        try:
            done = subprocess.run([str(binary), command, "-", "--stats", "--repeat", str(repeat), *extra], input=text,
                                  text=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout)
        except subprocess.TimeoutExpired:
            return f"> {timeout:g} s"
        lines = [line for line in done.stderr.splitlines() if line.startswith("{")]
        if done.returncode != 0 or not lines:
            return f"exit {done.returncode}"
        return json.loads(lines[-1])

    stats = run(1)
    if isinstance(stats, str):
        return stats, None, stats
    cold_ms = (stats["parse_us"] + stats["derive_us"]) / 1e3
    if warm:
        stats = run(max(3, min(201, int(1000 / max(cold_ms, 0.005)))))
        if isinstance(stats, str):
            return stats, None, stats
    return stats["derive_us"] / 1e3, stats["instructions"], stats["parse_us"] / 1e3


def ms(value):
    if isinstance(value, str):
        return value
    return f"{value:,.3f}" if value < 1 else f"{value:,.2f}" if value < 100 else f"{value:,.0f}"


def ratio(a, b):
    # Either side may be a string (a timeout or an error), then there is no ratio.
    return f"{a / b:.2f}x" if isinstance(a, (int, float)) and isinstance(b, (int, float)) and b else "-"


def row(cells, markdown):
    if markdown:
        return "| " + " | ".join(str(c) for c in cells) + " |"
    return " ".join(f"{str(c):<{w}}" if i == 0 else f"{str(c):>{w}}" for i, (c, (_, w)) in enumerate(zip(cells, COLUMNS)))


def count(value):
    return f"{value:,}" if isinstance(value, int) else "-"


def compare(name, text, args):
    """Measures one case with every tool and returns its row of the table."""
    _, _, names = split_case(text)
    at = ",".join(f"{n}=0.5" for n in names)
    sd_f = symdiff_run(args.bin, "eval", text, ["--at", at], args.timeout, warm=False)
    sd_g = symdiff_run(args.bin, "grad", text, [], args.timeout)
    sd_h = symdiff_run(args.bin, "hessian", text, [], args.timeout)
    try:
        ca_g, ca_h, ca_counts = casadi_case(text)
    except Exception as error:
        ca_g = ca_h = f"error ({type(error).__name__})"
        ca_counts = [None] * 3
    se_g, se_h, sp_g, sp_h = (measure_with_limit(lib, text, kind, lib == "sympy", limit)
                              for lib, limit in (("symengine", args.timeout), ("sympy", args.sympy_timeout))
                              for kind in ("grad", "hessian"))
    return [name, len(names), count(sd_f[1]), count(sd_g[1]), count(sd_h[1]), *map(count, ca_counts),
            ms(sd_h[2]), ms(sd_g[0]), ms(ca_g), ms(se_g), ms(sp_g), ms(sd_h[0]), ms(ca_h), ms(se_h), ms(sp_h),
            ratio(ca_h, sd_h[0]), ratio(sd_h[1], ca_counts[2])]


def main():
    args = parse_args()
    ensure_venv(args.venv)
    import casadi, symengine, sympy
    suite = args.suite or next((path for path in SUITES if path.exists()), SUITES[0])
    if not args.bin.exists():
        sys.exit(f"no symdiff binary at {args.bin}: run `cargo build --release` or pass --bin")
    print(f"sympy {sympy.__version__}, symengine {symengine.__version__}, casadi {casadi.__version__}, "
          f"python {platform.python_version()}")
    print(f"machine: {platform.platform()}, {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs")
    print(f"suite: {suite}; symdiff: {args.bin}")
    print("sd = symdiff, ca = CasADi (SX), se = SymEngine, sp = SymPy (run once, limit "
          f"{args.sympy_timeout:g} s); f/grad/hess: instructions; g ms, H ms: gradient and Hessian times\n")
    headers = [title for title, _ in COLUMNS]
    print(row(headers, args.markdown))
    print("|" + "|".join("---" for _ in headers) + "|" if args.markdown else "-" * len(row(headers, False)))
    for name, text in read_suite(suite, args.cases.split(",") if args.cases else None):
        print(row(compare(name, text, args), args.markdown), flush=True)


if __name__ == "__main__":
    main()
