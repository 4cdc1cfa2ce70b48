"""What the oracle scripts share: the variables, and writing each case's
value, gradient and Hessian at its points as one JSON line in the format of
oracle.jsonl, evaluated by SymPy with 50 digits at the exact binary value of
each coordinate."""

import json

import sympy as sp

x, y, z = sp.symbols("x y z", real=True)
VARS = [x, y, z]


def number(value):
    value = sp.N(value, 50)
    if not value.is_real:
        raise ValueError(f"not real: {value}")
    return float(value)


def write(cases, local_names):
    """Prints one JSON line per (expression, point) of `cases`, reading the
    expressions with SymPy and the functions of `local_names`."""
    local_names = {**local_names, "x": x, "y": y, "z": z}
    for text, points in cases:
        expr = sp.sympify(text.replace("^", "**"), locals=local_names)
        gradient = [sp.diff(expr, var) for var in VARS]
        hessian = [[sp.diff(g, var) for var in VARS] for g in gradient]
        for point in points:
            subs = {var: sp.Rational(repr(float(value))) for var, value in zip(VARS, point)}
            at = lambda e: number(e.subs(subs))
            print(json.dumps({
                "expr": text,
                "point": {"x": point[0], "y": point[1], "z": point[2]},
                "value": at(expr),
                "grad": {str(var): at(g) for var, g in zip(VARS, gradient)},
                "hessian": [[at(h) for h in row] for row in hessian],
            }))
