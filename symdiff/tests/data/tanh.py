"""Writes tanh.tsv: points x and tanh(x) correctly rounded to the nearest double (mpmath at 200 bits),
for the accuracy test of symdiff's own tanh (symdiff/src/func/tanh.rs). Run from this directory:

    python3 tanh.py > tanh.tsv
"""
import random

import mpmath

mpmath.mp.prec = 200
random.seed(20261129)
points = set()
points.update(10 ** random.uniform(-12, 1.4) for _ in range(1000))  # every scale, up to 25
points.update(random.uniform(0.4, 1.6) for _ in range(1500))  # around the switch at 0.625
points.update(random.uniform(0.0, 0.7) for _ in range(500))  # the rational approximation
points.update(random.uniform(1.6, 20.0) for _ in range(500))  # the exponential
points = sorted(points)
points += [-x for x in points[::7]]  # the sign
print("# x\ttanh(x), correctly rounded (tanh.py)")
for x in points:
    print(f"{x!r}\t{float(mpmath.tanh(mpmath.mpf(x)))!r}")
