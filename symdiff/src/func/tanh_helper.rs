/// The hyperbolic tangent, emitted into generated code that calls `tanh` so
/// that the engine and generated code compute the same bits. Both halves
/// are written as straight-line code and one is kept (the compiler may
/// still branch between them). Below 0.625, Cephes's
/// rational approximation (Stephen L. Moshier, `tanh.c`, freely
/// distributable), with its published constants (hence the first allowed
/// lint; the second because `mul_add` would change the bits);
/// above, `1 - 2/(e^(2|x|) + 1)`, the exponential taken as `2^k e^r` with
/// `|r| <= ln(2)/2` and `e^r` its Taylor polynomial to degree 13, evaluated
/// in Estrin's scheme (short chains of dependent operations). Beyond
/// `|x| = 40` the value is 1 to the last bit, so `|x|` is clamped there.
#[allow(clippy::excessive_precision, clippy::suboptimal_flops)]
#[inline]
fn __symdiff_tanh(x: ::core::primitive::f64) -> ::core::primitive::f64 {
    type F = ::core::primitive::f64;
    const P: [F; 3] = [
        -9.64399179425052238628e-1, -9.92877231001918586564e1, -1.61468768441708447952e3,
    ];
    const Q: [F; 3] = [
        1.12811678491632931402e2, 2.23548839060100448583e3, 4.84406305325125486048e3,
    ];
    const LOG2_E: F = ::core::f64::consts::LOG2_E;
    const LN_2_HIGH: F = 6.93147180369123816490e-01;
    const LN_2_LOW: F = 1.90821492927058770002e-10;
    // Adding 1.5 * 2^52 rounds to an integer, which then sits in the low bits.
    const ROUND: F = 6755399441055744.0;
    const TAYLOR: [F; 14] = [
        1.0, 1.0, 1.0 / 2.0, 1.0 / 6.0, 1.0 / 24.0, 1.0 / 120.0, 1.0 / 720.0, 1.0 / 5040.0,
        1.0 / 40320.0, 1.0 / 362880.0, 1.0 / 3628800.0, 1.0 / 39916800.0, 1.0 / 479001600.0,
        1.0 / 6227020800.0,
    ];
    let a = F::abs(x);
    // |x| < 0.625: |x| + |x|^3 P(x^2) / Q(x^2).
    let z = a * a;
    let p = (P[0] * z + P[1]) * z + P[2];
    let q = ((z + Q[0]) * z + Q[1]) * z + Q[2];
    let small = a + a * z * (p / q);
    // Otherwise 1 - 2/(s + 1) with s = e^y, y = 2|x| (NaN stays NaN).
    let y = 2.0 * if a > 40.0 { 40.0 } else { a };
    let rounded = y * LOG2_E + ROUND;
    let k = rounded - ROUND;
    let r = (y - k * LN_2_HIGH) - k * LN_2_LOW;
    let (r2, pair) = (r * r, |i: usize| TAYLOR[i] + TAYLOR[i + 1] * r);
    let r4 = r2 * r2;
    let low = (pair(0) + pair(2) * r2) + (pair(4) + pair(6) * r2) * r4;
    let high = (pair(8) + pair(10) * r2) + pair(12) * r4;
    let e_r = low + high * (r4 * r4);
    // 2^k, its exponent bits from the low bits of `rounded` (0 <= k <= 116).
    let two_k = F::from_bits((F::to_bits(rounded) << 52).wrapping_add(1023 << 52));
    let large = 1.0 - 2.0 / (e_r * two_k + 1.0);
    F::copysign(if a < 0.625 { small } else { large }, x)
}
