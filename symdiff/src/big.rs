//! Rationals too large for `i64`: interned in a table of this thread, so
//! that [`Number`](crate::number::Number) stays a 16-byte `Copy` value and
//! equal numbers have equal ids (hash-consing compares numbers by value).
//! A number whose numerator or denominator would need more than
//! [`MAX_BITS`] bits becomes the nearest `f64` instead, so memory stays
//! bounded; the table lives as long as its thread (a program that meets
//! millions of distinct big numbers keeps them all).

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::ToPrimitive;
use rustc_hash::FxHashMap;
use smallvec::SmallVec;
use std::cell::RefCell;
use std::hash::{Hash, Hasher};

/// The most bits a numerator or denominator keeps exactly (about 1,200
/// decimal digits: the coefficients of a 200th derivative of `sigmoid`).
pub(crate) const MAX_BITS: u64 = 4096;

/// An interned big rational.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BigId(u32);

#[derive(Default)]
struct Table {
    values: Vec<BigRational>,
    /// A hash of each value, by value (see [`value_hash`]).
    hashes: Vec<u64>,
    /// The ids of the values with each hash. `BigRational`'s own hash walks
    /// the continued fraction, a division a step, which made interning a
    /// 4,000-bit number cost a millisecond; the numerator's and
    /// denominator's digits hash in one pass (values are kept reduced, as
    /// num-rational's constructors and operations leave them).
    ids: FxHashMap<u64, SmallVec<[BigId; 1]>>,
}

thread_local! {
    static TABLE: RefCell<Table> = RefCell::new(Table::default());
}

/// The id of `value`, interning it if it is new.
pub(crate) fn intern(value: BigRational) -> BigId {
    let mut hasher = rustc_hash::FxHasher::default();
    (value.numer(), value.denom()).hash(&mut hasher);
    let hash = hasher.finish();
    TABLE.with(|table| {
        let table = &mut *table.borrow_mut();
        let same_hash = table.ids.entry(hash).or_default();
        if let Some(&id) = same_hash.iter().find(|id| {
            // By digits, not by `Ratio`'s order, which divides.
            table.values.get(id.0 as usize).is_some_and(|known| {
                known.numer() == value.numer() && known.denom() == value.denom()
            })
        }) {
            return id;
        }
        let id = BigId(u32::try_from(table.values.len()).unwrap_or(u32::MAX));
        same_hash.push(id);
        table.values.push(value);
        table.hashes.push(hash);
        id
    })
}

/// A hash of the value behind `id` that depends on the value only, not on
/// the order in which the thread met big numbers (structural keys hash
/// numbers), computed once when it was interned.
pub(crate) fn value_hash(id: BigId) -> u64 {
    TABLE.with(|table| {
        table
            .borrow()
            .hashes
            .get(id.0 as usize)
            .copied()
            .unwrap_or(0)
    })
}

/// The value behind `id`.
pub(crate) fn value(id: BigId) -> BigRational {
    TABLE.with(|table| {
        let table = table.borrow();
        table
            .values
            .get(id.0 as usize)
            .cloned()
            .unwrap_or_else(|| BigRational::from_integer(BigInt::from(0)))
    })
}

/// Whether `value` is small enough to keep exactly.
pub(crate) fn fits(value: &BigRational) -> bool {
    value.numer().bits() <= MAX_BITS && value.denom().bits() <= MAX_BITS
}

/// The nearest `f64`, computed from the integers' leading bits so that
/// numerators and denominators beyond the `f64` range still give a correct
/// quotient.
pub(crate) fn to_f64(value: &BigRational) -> f64 {
    if let Some(float) = value.to_f64()
        && float.is_finite()
    {
        return float;
    }
    let (numer, denom) = (value.numer(), value.denom());
    let shift = |int: &BigInt| int.bits().saturating_sub(1000);
    let (shift_numer, shift_denom) = (shift(numer), shift(denom));
    let scaled = |int: &BigInt, by: u64| (int >> by).to_f64().unwrap_or(f64::NAN);
    let quotient = scaled(numer, shift_numer) / scaled(denom, shift_denom);
    let exponent = i64::try_from(shift_numer).unwrap_or(i64::MAX)
        - i64::try_from(shift_denom).unwrap_or(i64::MAX);
    quotient * 2f64.powi(i32::try_from(exponent.clamp(-2000, 2000)).unwrap_or(0))
}
