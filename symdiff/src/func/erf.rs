//! The error function, from one source text (`erf_helper.rs`) that the
//! engine compiles here and the emitter writes into generated code (which
//! may name nothing beyond `::core`, and `f64` has no `erf` method): so the
//! interpreter and generated code agree bit for bit, as for every other
//! function. The text is FreeBSD's algorithm as the `libm` crate ports it,
//! with the same constants and `std`'s `exp`; the tests hold it to `libm`'s
//! `erf` within an ulp on every branch.

use super::Helper;

include!("erf_helper.rs");

/// `erf(x)`, within an ulp of `libm::erf`.
pub fn erf(x: f64) -> f64 {
    __symdiff_erf(x)
}

/// The item that emitted code calls for `erf` (and `gelu`).
pub const ERF_HELPER: Helper = Helper {
    name: "__symdiff_erf",
    source: include_str!("erf_helper.rs"),
};

#[cfg(test)]
mod tests {
    use super::erf;
    use crate::func::{check_odd_unit_limits, worst_ulps};

    #[test]
    fn erf_agrees_with_libm_within_an_ulp_over_every_branch() {
        let grid = (-80_000..=80_000).map(|step| f64::from(step) * 1e-4);
        let far = [1e-300, -1e-30, 27.9, -30.0, 1e300];
        let worst = worst_ulps(erf, libm::erf, grid.chain(far));
        assert!(worst <= 1, "{worst} ulps");
    }

    #[test]
    fn erf_keeps_ieee_special_values() {
        check_odd_unit_limits(erf);
    }
}
