"""Writes oracle_functions.jsonl: reference cases for the functions added
with the function table (erf, gelu, silu and its alias swish, elu, softsign,
log1p, expm1, atan2, hypot, cbrt and log with a base).

Each expression is evaluated by SymPy (50 digits) at points chosen to cover
its branches: both sides of elu's kink and the kink itself (SymPy's
Piecewise takes `alpha*(exp(x) - 1)` there, as symdiff does, so
elu'(0) = alpha), log1p near -1, cube roots of negative numbers
(cbrt(-8) = -2), atan2 in all four quadrants, in the format of
oracle.jsonl. Run: python3 oracle_functions.py > oracle_functions.jsonl
"""

import sympy as sp

from oracle_cases import write, x, y, z

CASES = [
    ("erf(x*y) + z", [(0.3, 1.2, 0.5), (-1.1, 0.9, 0.0), (2.0, 1.5, -1.0)]),
    ("gelu(x)*y + gelu(z)", [(0.7, 1.3, -0.4), (-1.8, 0.5, 2.2), (0, 2.0, -3.5)]),
    ("silu(x*y) - swish(z)", [(0.6, 1.4, 0.3), (-2.0, 1.5, -4.0)]),
    ("elu(x, y)*z", [(0.8, 1.5, 2.0), (-0.6, 1.5, 2.0), (0, 1.5, 2.0), (-3.0, 0.2, -1.0)]),
    ("elu(x*z, 1.5) + y^2", [(0.5, 0.3, 1.2), (-0.5, 0.3, 1.2)]),
    ("softsign(x - y)*z", [(1.5, 0.2, 0.7), (-0.4, 0.9, -1.3)]),
    ("log1p(x) + y*z", [(-0.999, 0.5, 2.0), (3.0, -1.0, 0.5), (-0.5, 0.0, 1.0), (1e-8, 1.0, 1.0)]),
    ("expm1(x*y) + z^2", [(1e-6, 2.0, 0.5), (1.3, -0.7, 1.1), (-2.0, 1.5, 0.0)]),
    ("atan2(y, x)*z", [(1.0, 0.5, 1.5), (-1.0, 0.5, 1.5), (-1.0, -0.5, 1.5), (0.3, -2.0, -0.7)]),
    ("hypot(x, y) + hypot(y*z, 1)", [(3.0, 4.0, 0.5), (-0.6, 0.8, -2.0), (1e-3, -2.5, 0.1)]),
    ("cbrt(x) + cbrt(y*z)", [(-8.0, 2.0, 4.0), (27.0, -0.5, 0.25), (-0.001, 3.0, -9.0)]),
    ("log(x, y) + log(z, 2)", [(8.0, 2.0, 0.5), (0.3, 5.0, 3.0), (2.5, 0.4, 10.0)]),
    ("gelu(erf(x) + y)*softsign(z)", [(0.4, -0.3, 1.1), (-1.2, 0.6, -0.8)]),
    ("silu(x)*elu(y, z)", [(1.1, 0.4, 0.9), (-0.7, -1.3, 0.9), (0.2, 0.0, 2.5)]),
]


def elu(u, alpha):
    return sp.Piecewise((u, u > 0), (alpha * (sp.exp(u) - 1), True))


def cbrt(u):
    return sp.Piecewise((u ** sp.Rational(1, 3), u >= 0), (-((-u) ** sp.Rational(1, 3)), True))


def silu(u):
    return u / (1 + sp.exp(-u))


LOCALS = {
    "erf": sp.erf,
    "gelu": lambda u: u * (1 + sp.erf(u / sp.sqrt(2))) / 2,
    "silu": silu,
    "swish": silu,
    "elu": elu,
    "softsign": lambda u: u / (1 + sp.Abs(u)),
    "log1p": lambda u: sp.log(1 + u),
    "expm1": lambda u: sp.exp(u) - 1,
    "atan2": sp.atan2,
    "hypot": lambda a, b: sp.sqrt(a**2 + b**2),
    "cbrt": cbrt,
    "log": lambda u, base=None: sp.log(u) if base is None else sp.log(u) / sp.log(base),
}


write(CASES, LOCALS)
