//! Exact numbers: integers and ratios of integers stay exact; arithmetic that
//! would overflow `i64` falls back to `f64` instead of panicking.

use crate::big::{self, BigId};
use num_rational::BigRational;
use num_traits::ToPrimitive;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

/// A numeric constant of an expression.
///
/// `Rational` is always normalised: the denominator is positive and the
/// fraction is in lowest terms, so equal values have equal representations
/// and hash-consing can compare numbers structurally.
#[derive(Clone, Copy, Debug)]
pub enum Number {
    Rational {
        numer: i64,
        denom: i64,
    },
    /// A normalised rational too large for `i64`s (see `big.rs`).
    Big(BigId),
    Float(f64),
}

impl Number {
    pub const ZERO: Number = Number::Rational { numer: 0, denom: 1 };
    pub const ONE: Number = Number::Rational { numer: 1, denom: 1 };
    pub const MINUS_ONE: Number = Number::Rational {
        numer: -1,
        denom: 1,
    };
    pub const HALF: Number = Number::Rational { numer: 1, denom: 2 };

    pub const fn int(value: i64) -> Number {
        Number::Rational {
            numer: value,
            denom: 1,
        }
    }

    /// A normalised fraction (see `Number::from_big` for large ones; a
    /// zero denominator gives the IEEE result).
    pub fn ratio(numer: i64, denom: i64) -> Number {
        Self::ratio_i128(i128::from(numer), i128::from(denom))
    }

    fn ratio_i128(numer: i128, denom: i128) -> Number {
        if denom == 0 {
            return Number::float(numer as f64 / 0.0);
        }
        let divisor = gcd(numer.unsigned_abs(), denom.unsigned_abs());
        let sign = if denom < 0 { -1 } else { 1 };
        // `divisor` divides both, so neither division can overflow; the
        // conversions below can, and then the value is a big rational.
        let divisor = divisor as i128;
        let (numer, denom) = (sign * (numer / divisor), sign * (denom / divisor));
        match (i64::try_from(numer), i64::try_from(denom)) {
            (Ok(numer), Ok(denom)) => Number::Rational { numer, denom },
            _ => Self::from_big(BigRational::new(numer.into(), denom.into())),
        }
    }

    /// An exact rational: small ones as `Rational`, others interned as
    /// `Big`, and beyond `big::MAX_BITS` the nearest float.
    pub(crate) fn from_big(value: BigRational) -> Number {
        match (value.numer().to_i64(), value.denom().to_i64()) {
            (Some(numer), Some(denom)) => Number::Rational { numer, denom },
            _ if big::fits(&value) => Number::Big(big::intern(value)),
            _ => Number::float(big::to_f64(&value)),
        }
    }

    /// The numerator and denominator of an exact number (the denominator
    /// positive), as numbers.
    pub fn numer_denom(self) -> Option<(Number, Number)> {
        match self {
            Number::Rational { numer, denom } => Some((Number::int(numer), Number::int(denom))),
            Number::Big(id) => {
                let value = big::value(id);
                let part = |int: &num_bigint::BigInt| {
                    Self::from_big(BigRational::from_integer(int.clone()))
                };
                Some((part(value.numer()), part(value.denom())))
            }
            Number::Float(_) => None,
        }
    }

    /// The exact value, if the number is exact.
    fn to_big(self) -> Option<BigRational> {
        match self {
            Number::Rational { numer, denom } => Some(BigRational::new(numer.into(), denom.into())),
            Number::Big(id) => Some(big::value(id)),
            Number::Float(_) => None,
        }
    }

    /// The exact result of `op` on two exact numbers, or `None`.
    fn big_op(
        self,
        other: Number,
        op: impl Fn(BigRational, BigRational) -> BigRational,
    ) -> Option<Number> {
        Some(Self::from_big(op(self.to_big()?, other.to_big()?)))
    }

    /// Reads a decimal literal as written in the source (`2`, `0.5`, `.5`,
    /// `1e-3`, `2.5E+4`). A literal without an exponent, integer or decimal,
    /// is exact whatever its length (up to `big::MAX_BITS`:
    /// `0.3333333333333333333333333` is that many thirds of 10^25), as is one
    /// with an exponent whose numerator and denominator fit in `i64`; others
    /// are the nearest `f64` (normalised by [`Number::float`]). A literal
    /// beyond the range of `f64` (`1e400`), or not 0 but rounding to 0
    /// (`1e-400`), is `None`.
    pub fn from_decimal(text: &str) -> Option<Number> {
        if let Some(exact) = Self::exact_positional(text) {
            return Some(exact);
        }
        // Out of range either way: beyond `f64`, or not 0 but rounding to 0
        // (`1e-400`, which would silently delete what it multiplies).
        let mantissa = text.split(['e', 'E']).next().unwrap_or(text);
        let written_zero = !mantissa.bytes().any(|byte| (b'1'..=b'9').contains(&byte));
        let float = text
            .parse::<f64>()
            .ok()
            .filter(|float| float.is_finite() && (*float != 0.0 || written_zero))?;
        Some(Self::exact_decimal(text).unwrap_or_else(|| Number::float(float)))
    }

    /// The exact rational of a literal written without an exponent (`42`,
    /// `12345678901234567890123.5`), if it fits in `big::MAX_BITS`.
    fn exact_positional(text: &str) -> Option<Number> {
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
        if !digits(whole) || !digits(fraction) || whole.len() + fraction.len() == 0 {
            return None;
        }
        // Digits beyond what `MAX_BITS` bits hold cannot be exact: such a
        // literal is the nearest `f64`, without big arithmetic on a
        // million digits first.
        let (whole, fraction) = (
            whole.trim_start_matches('0'),
            fraction.trim_end_matches('0'),
        );
        let max_digits = usize::try_from(big::MAX_BITS * 3 / 10 + 1).unwrap_or(usize::MAX);
        if whole.len() + fraction.len() > max_digits {
            return None;
        }
        let numer = format!("{whole}{fraction}")
            .parse::<num_bigint::BigInt>()
            .ok()?;
        let denom = num_traits::Pow::pow(num_bigint::BigInt::from(10), fraction.len());
        match Self::from_big(BigRational::new(numer, denom)) {
            exact @ (Number::Rational { .. } | Number::Big(_)) => Some(exact),
            Number::Float(_) => None,
        }
    }

    /// The exact rational a decimal literal denotes, if it fits in `i64`s.
    fn exact_decimal(text: &str) -> Option<Number> {
        let (mantissa, exponent) = match text.find(['e', 'E']) {
            Some(at) => (&text[..at], text[at + 1..].parse::<i32>().ok()?),
            None => (text, 0),
        };
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let numer = format!("{whole}{fraction}").parse::<i128>().ok()?;
        let scale = exponent.checked_sub(i32::try_from(fraction.len()).ok()?)?;
        let power = 10_i128.checked_pow(scale.unsigned_abs())?;
        let exact = if scale >= 0 {
            Self::ratio_i128(numer.checked_mul(power)?, 1)
        } else {
            Self::ratio_i128(numer, power)
        };
        matches!(exact, Number::Rational { .. }).then_some(exact)
    }

    /// The number for an `f64` computed from other numbers: a float whose
    /// shortest decimal form is an exact ratio of `i64`s is that rational,
    /// exactly as the parser reads the printed float back, so printing and
    /// parsing give the same number (`1.0` is `1`, `0.25` is `1/4`); others
    /// (`1e-38`, `inf`) stay floats.
    pub fn float(value: f64) -> Number {
        // Non-finite values and the negative zero stay floats.
        if !value.is_finite() || is_negative_zero(value) {
            return Number::Float(value);
        }
        let mut text = String::new();
        let _ = write_float(&mut text, value);
        Self::exact_decimal(&text).unwrap_or(Number::Float(value))
    }

    pub fn to_f64(self) -> f64 {
        match self {
            Number::Rational { numer, denom } => numer as f64 / denom as f64,
            Number::Big(id) => big::to_f64(&big::value(id)),
            Number::Float(value) => value,
        }
    }

    /// Whether the number is finite: exact numbers always are, however
    /// far beyond the `f64` range.
    pub fn is_finite(self) -> bool {
        match self {
            Number::Float(value) => value.is_finite(),
            Number::Rational { .. } | Number::Big(_) => true,
        }
    }

    pub fn is_zero(self) -> bool {
        match self {
            Number::Rational { numer, .. } => numer == 0,
            // A big rational is never 0 (0 fits in an `i64`).
            Number::Big(_) => false,
            Number::Float(value) => value == 0.0,
        }
    }

    pub fn is_one(self) -> bool {
        matches!(self, Number::Rational { numer: 1, denom: 1 })
    }

    /// The magnitude: the number without its sign.
    pub fn abs(self) -> Number {
        if self.is_negative() { -self } else { self }
    }

    #[inline]
    pub fn is_negative(self) -> bool {
        match self {
            Number::Rational { numer, .. } => numer < 0,
            Number::Big(id) => big_is_negative(id),
            Number::Float(value) => value < 0.0,
        }
    }

    /// The value as an integer, if it is an exact integer.
    pub fn as_integer(self) -> Option<i64> {
        match self {
            Number::Rational { numer, denom: 1 } => Some(numer),
            _ => None,
        }
    }

    pub fn is_integer(self) -> bool {
        match self {
            Number::Big(id) => big::value(id).is_integer(),
            _ => self.as_integer().is_some(),
        }
    }

    fn sum(self, other: Number) -> Number {
        if let (Number::Rational { numer: a, denom: 1 }, Number::Rational { numer: b, denom: 1 }) =
            (self, other)
            && let Some(sum) = a.checked_add(b)
        {
            return Number::int(sum);
        }
        match (self, other) {
            (Number::Rational { numer: a, denom: b }, Number::Rational { numer: c, denom: d }) => {
                let (a, b, c, d) = (i128::from(a), i128::from(b), i128::from(c), i128::from(d));
                Self::ratio_i128(a * d + c * b, b * d)
            }
            _ => self
                .big_op(other, |a, b| a + b)
                .unwrap_or_else(|| Number::float(self.to_f64() + other.to_f64())),
        }
    }

    fn product(self, other: Number) -> Number {
        if let (Number::Rational { numer: a, denom: 1 }, Number::Rational { numer: b, denom: 1 }) =
            (self, other)
            && let Some(product) = a.checked_mul(b)
        {
            return Number::int(product);
        }
        match (self, other) {
            (Number::Rational { numer: a, denom: b }, Number::Rational { numer: c, denom: d }) => {
                Self::ratio_i128(i128::from(a) * i128::from(c), i128::from(b) * i128::from(d))
            }
            _ => self.big_op(other, |a, b| a * b).unwrap_or_else(|| {
                let float = self.to_f64() * other.to_f64();
                let underflowed = float == 0.0 && !self.is_zero() && !other.is_zero();
                underflowed
                    .then(|| self.exact_product(other))
                    .flatten()
                    .unwrap_or_else(|| Number::float(float))
            }),
        }
    }

    /// The exact product of two numbers whose product in floating point
    /// underflows to zero (a float is a dyadic rational), so that it stays
    /// non-zero: folded to zero, it would annihilate the rest of a product
    /// (`1e-300/(1e300*x)` is NaN where `x` is, not `0`). `None` beyond the
    /// size of a big rational.
    fn exact_product(self, other: Number) -> Option<Number> {
        let exact = |number: Number| match number {
            Number::Float(value) => BigRational::from_float(value),
            _ => number.to_big(),
        };
        let product = exact(self)? * exact(other)?;
        big::fits(&product).then(|| Self::from_big(product))
    }

    pub fn recip(self) -> Number {
        match self {
            Number::Rational { numer, denom } => Self::ratio(denom, numer),
            Number::Big(id) => Self::from_big(big::value(id).recip()),
            Number::Float(value) => Number::float(1.0 / value),
        }
    }

    /// `self ^ exponent` when the result is exact (an integer power of a
    /// rational, or a perfect root such as `4^(1/2)`), a float when either side
    /// is a float, and `None` when the exact result is irrational.
    pub fn pow(self, exponent: Number) -> Option<Number> {
        // IEEE `powf`: a negative base to a non-integer power is NaN, even
        // where a real odd root exists (`(-8)^(1/3)`).
        if self.is_negative() && !exponent.is_integer() {
            return Some(Number::Float(f64::NAN));
        }
        match (self, exponent) {
            (Number::Rational { .. } | Number::Big(_), Number::Rational { numer, denom: 1 }) => {
                Some(self.powi(numer))
            }
            // A root of a big rational is left symbolic.
            (Number::Big(_), Number::Rational { .. }) => None,
            (Number::Rational { numer, denom }, Number::Rational { numer: p, denom: q }) => {
                let root_numer = exact_root(numer, q)?;
                let root_denom = exact_root(denom, q)?;
                Some(Number::ratio(root_numer, root_denom).powi(p))
            }
            _ => Some(Number::float(crate::eval::power(
                self.to_f64(),
                Some(exponent),
                exponent.to_f64(),
            ))),
        }
    }

    fn powi(self, exponent: i64) -> Number {
        let Number::Rational { numer, denom } = self else {
            return self.big_powi(exponent).unwrap_or_else(|| {
                let exact = Number::int(exponent);
                Number::float(crate::eval::power(
                    self.to_f64(),
                    Some(exact),
                    exponent as f64,
                ))
            });
        };
        // Powers of 1 and -1 are exact for any exponent, however large.
        match (numer, denom) {
            (1, 1) => return Number::ONE,
            (-1, 1) => {
                return if exponent % 2 == 0 {
                    Number::ONE
                } else {
                    Number::MINUS_ONE
                };
            }
            _ => {}
        }
        let (numer, denom) = if exponent < 0 {
            (denom, numer)
        } else {
            (numer, denom)
        };
        let exact = u32::try_from(exponent.unsigned_abs())
            .ok()
            .and_then(|power| {
                Some(Self::ratio_i128(
                    i128::from(numer).checked_pow(power)?,
                    i128::from(denom).checked_pow(power)?,
                ))
            });
        exact
            .or_else(|| self.big_powi(exponent))
            .unwrap_or_else(|| {
                Number::float((numer as f64 / denom as f64).powf(exponent.unsigned_abs() as f64))
            })
    }

    /// `self ^ exponent` exactly, when the result fits in `big::MAX_BITS`.
    fn big_powi(self, exponent: i64) -> Option<Number> {
        let value = self.to_big()?;
        let bits = value.numer().bits().max(value.denom().bits());
        let power = i32::try_from(exponent).ok()?;
        if bits.saturating_mul(u64::from(power.unsigned_abs())) > big::MAX_BITS {
            return None;
        }
        Some(Self::from_big(num_traits::Pow::pow(value, power)))
    }
}

/// The integer `q`-th root of `value` if it is exact (`None` for an even root
/// of a negative number).
fn exact_root(value: i64, q: i64) -> Option<i64> {
    if q <= 0 || (value < 0 && q % 2 == 0) {
        return None;
    }
    let q32 = u32::try_from(q).ok()?;
    let guess = (value.unsigned_abs() as f64).powf(1.0 / q as f64).round() as i64;
    (guess.saturating_sub(1)..=guess.saturating_add(1))
        .find(|root| root.checked_pow(q32) == Some(value.unsigned_abs() as i64))
        .map(|root| if value < 0 { -root } else { root })
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

impl std::ops::Add for Number {
    type Output = Number;
    fn add(self, other: Number) -> Number {
        self.sum(other)
    }
}

impl std::ops::Mul for Number {
    type Output = Number;
    fn mul(self, other: Number) -> Number {
        self.product(other)
    }
}

impl std::ops::Neg for Number {
    type Output = Number;
    fn neg(self) -> Number {
        self.product(Number::MINUS_ONE)
    }
}

/// Whether `value` is the negative zero, which no exact number stands for.
pub(crate) fn is_negative_zero(value: f64) -> bool {
    value == 0.0 && value.is_sign_negative()
}

impl Number {
    /// A total order that depends only on the numbers: by value (as `f64`,
    /// NaN after every other value), then, for different numbers of the same
    /// `f64` value (`1/10` and `0.1`), by how they print.
    pub(crate) fn total_cmp(&self, other: &Number) -> Ordering {
        if self == other {
            return Ordering::Equal;
        }
        self.to_f64()
            .total_cmp(&other.to_f64())
            .then_with(|| self.to_string().cmp(&other.to_string()))
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Number::Rational { numer: a, denom: b }, Number::Rational { numer: c, denom: d }) => {
                a == c && b == d
            }
            (Number::Big(a), Number::Big(b)) => a == b,
            (Number::Float(a), Number::Float(b)) => a.to_bits() == b.to_bits(),
            _ => false,
        }
    }
}

impl Eq for Number {}

impl Hash for Number {
    fn hash<H: Hasher>(&self, state: &mut H) {
        match self {
            Number::Rational { numer, denom } => (0u8, numer, denom).hash(state),
            // By value, not by id: the id depends on the order in which the
            // thread met big numbers, and structural keys hash numbers.
            Number::Big(id) => (2u8, big::value_hash(*id)).hash(state),
            Number::Float(value) => (1u8, value.to_bits()).hash(state),
        }
    }
}

impl PartialOrd for Number {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        self.to_f64().partial_cmp(&other.to_f64())
    }
}

/// Prints integers as integers, other rationals as `p/q`, and floats in the
/// shortest form that reads back to the same `f64` (with an exponent when
/// very large or small). Non-finite floats print as `NaN`, `inf`, `-inf`.
impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Number::Rational { numer, denom: 1 } => write!(f, "{numer}"),
            Number::Rational { numer, denom } => write!(f, "{numer}/{denom}"),
            Number::Big(id) => {
                let value = big::value(id);
                match value.is_integer() {
                    true => write!(f, "{}", value.numer()),
                    false => write!(f, "{}/{}", value.numer(), value.denom()),
                }
            }
            Number::Float(value) => write_float(f, value),
        }
    }
}

pub(crate) fn write_float(f: &mut dyn fmt::Write, value: f64) -> fmt::Result {
    if value.is_nan() {
        write!(f, "NaN")
    } else if value.is_infinite() {
        write!(f, "{}", if value > 0.0 { "inf" } else { "-inf" })
    } else if value != 0.0 && !(1e-5..1e16).contains(&value.abs()) {
        write!(f, "{value:e}")
    } else if value.fract() == 0.0 {
        write!(f, "{value:.1}")
    } else {
        write!(f, "{value}")
    }
}

/// The sign test of a big rational, kept out of line: the constructors ask
/// for signs constantly, and big numbers are rare.
#[cold]
fn big_is_negative(id: big::BigId) -> bool {
    big::value(id).numer().sign() == num_bigint::Sign::Minus
}
