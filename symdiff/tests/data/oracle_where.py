"""Writes oracle_where.jsonl: reference cases for the piecewise node `where`.

Each expression is evaluated at points in both branches, and at the tie
where one is easy to hit exactly, by SymPy (Piecewise, 50 digits), in the
format of oracle.jsonl. At a tie SymPy's Piecewise takes the branch the
comparison gives, as symdiff does. Run: python3 oracle_where.py > oracle_where.jsonl
"""

import sympy as sp

from oracle_cases import write, x, y, z

CASES = [
    ("where(x > 0, x^2*y, sin(y)*z)", [(0.7, -1.2, 0.4), (-0.9, 0.3, 1.1), (0, 0.5, -0.8)]),
    ("where(x >= y, exp(x*y), log(1 + y^2) - z)", [(0.9, 0.2, 0.3), (-0.4, 0.8, -1.3), (0.6, 0.6, 0.1)]),
    ("where(x*y < z, sqrt(x^2 + 1)*z, tanh(x + y))", [(0.5, 0.5, 1.0), (1.2, 1.1, -0.3), (0.5, 1.0, 0.5)]),
    ("where(x <= 0.5, x^3, 3*x - 1)", [(0.1, 0.0, 0.0), (1.7, 0.0, 0.0), (0.5, 0.0, 0.0)]),
    ("where(sin(x) > cos(y), sigmoid(x*z), y^2*z^2)", [(1.2, 0.3, -0.6), (-0.4, 0.2, 1.5)]),
    ("where(x > 0, where(y > 0, x*y, x - y), where(z > 0, z^2, -z))",
     [(0.5, 0.8, 0.3), (0.5, -0.8, 0.3), (-0.5, 0.8, 0.3), (-0.5, 0.8, -0.3)]),
    ("where(x > 0, sqrt(x), -x^2) + y*z", [(0.64, 1.5, -0.5), (-1.3, 0.4, 2.0)]),
    ("where(x > 0, log(x), 0)*y", [(1.9, 0.7, 0.0), (-1.0, 0.7, 0.0), (0, 0.7, 0.0)]),
    ("where(abs(x - y) <= 1, (x - y)^2/2, abs(x - y) - 1/2)*z",
     [(0.3, -0.2, 1.5), (2.5, -0.2, 1.5), (-1.4, 1.1, 0.8), (1.5, 0.5, 2.0)]),
    ("where(x + y > 1, (x + y)^2, 2*(x + y) - 1)", [(0.9, 0.6, 0.0), (0.1, 0.2, 0.0), (0.25, 0.75, 0.0)]),
    ("x*where(y < z, y, z)", [(1.3, 0.2, 0.9), (1.3, 0.9, 0.2), (-0.7, 0.4, 0.4)]),
    ("where(x^2 + y^2 < 1, 1 - x^2 - y^2, 0)*exp(z)", [(0.3, 0.4, 0.5), (1.1, 0.4, 0.5)]),
    ("where(exp(x) >= 2, x*y*z, x + y + z)", [(0.9, -1.1, 0.6), (0.1, -1.1, 0.6)]),
    ("where(x > y, x, y)", [(0.8, 0.3, 0.0), (0.3, 0.8, 0.0), (0.7, 0.7, 0.0)]),
    ("sigmoid(where(x < y, x*z, y*z))^2", [(0.2, 0.9, 1.7), (1.4, -0.3, 0.6)]),
    ("where(cos(x*y) <= 0, x^2, y^2) + where(cos(x*y) <= 0, z, -z)", [(1.5, 1.5, 0.3), (0.3, 0.5, 0.3)]),
    ("where(x > 0, x*log(x), 0) + z", [(0.4, 0.0, 1.0), (-1.0, 0.0, 1.0)]),
    ("where(x >= 0, sqrt(x)*y, y)", [(2.25, 0.6, 0.0), (-2.0, 0.6, 0.0)]),
    ("where(z < 0, sqrt(-z)*x, sqrt(z)*y)", [(0.3, 0.8, -0.49), (0.3, 0.8, 1.44)]),
    ("where(x*y > z^2, x/y, y/x)*z", [(2.0, 1.5, 0.5), (0.5, 0.2, 1.3)]),
]


def where(condition, a, b):
    return sp.Piecewise((a, condition), (b, True))


LOCALS = {
    "where": where,
    "sigmoid": lambda u: 1 / (1 + sp.exp(-u)),
}


write(CASES, LOCALS)
