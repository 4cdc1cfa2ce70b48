//! The hyperbolic tangent, from one source text (`tanh_helper.rs`) that the
//! engine compiles here and the emitter writes into generated code, as for
//! `erf`: so the interpreter and generated code agree bit for bit. Its own
//! rather than the C library's because the networks of the suite spend a
//! third of their evaluation in it: called through a pointer, as the tape
//! calls it, the C library's takes about 10 ns here and this one 7 ns; and
//! it is correctly rounded more often (at 91 % of the points of
//! `tests/data/tanh.tsv`, against the C library's 74 %; both within 2 ulp).

use super::Helper;

include!("tanh_helper.rs");

/// `tanh(x)`, within 2 ulp of the correctly rounded value.
pub fn tanh(x: f64) -> f64 {
    __symdiff_tanh(x)
}

/// `tanh` of each of `x` into `out`, in one loop that the compiler
/// vectorises (the batch's: 18 % of mlp16's batch time against 29 % when
/// it called `tanh` point by point).
pub(crate) fn tanh_each(out: &mut [f64], x: &[f64]) {
    out.iter_mut()
        .zip(x)
        .for_each(|(out, &x)| *out = __symdiff_tanh(x));
}

/// The item that emitted code calls for `tanh`.
pub const TANH_HELPER: Helper = Helper {
    name: "__symdiff_tanh",
    source: include_str!("tanh_helper.rs"),
};

#[cfg(test)]
mod tests {
    use super::{tanh, tanh_each};
    use crate::func::{check_odd_unit_limits, ulps, worst_ulps};

    /// The points of `tests/data/tanh.tsv` and their correctly rounded
    /// values.
    fn cases() -> impl Iterator<Item = (f64, f64)> {
        let text = include_str!("../../tests/data/tanh.tsv");
        text.lines()
            .filter(|line| !line.starts_with('#'))
            .map(|line| {
                let mut fields = line.split('\t').map(|field| field.parse::<f64>());
                match (fields.next(), fields.next()) {
                    (Some(Ok(x)), Some(Ok(value))) => (x, value),
                    _ => panic!("a malformed line in tanh.tsv: {line}"),
                }
            })
    }

    #[test]
    fn tanh_is_within_two_ulp_of_the_correctly_rounded_value() {
        let (mut points, mut exact) = (0, 0);
        for (x, value) in cases() {
            let distance = ulps(tanh(x), value);
            assert!(distance <= 2, "tanh({x}) = {} against {value}", tanh(x));
            points += 1;
            exact += usize::from(distance == 0);
        }
        assert_eq!(points, 4000);
        // The C library's tanh is correctly rounded at 74 % of these points.
        assert!(
            exact * 10 >= points * 9,
            "correctly rounded at {exact} of {points}"
        );
    }

    #[test]
    fn tanh_agrees_with_libm_over_every_range() {
        let grid = (-400_000..=400_000).map(|step| f64::from(step) * 1e-4);
        let far = [
            1e-300, -1e-30, 5e-9, 0.625, -0.625, 19.06, 22.0, -40.0, 41.0, 1e300,
        ];
        let worst = worst_ulps(tanh, libm::tanh, grid.chain(far));
        assert!(worst <= 2, "{worst} ulps");
    }

    #[test]
    fn tanh_keeps_ieee_special_values() {
        check_odd_unit_limits(tanh);
        let subnormal = f64::from_bits(1);
        assert_eq!(tanh(-subnormal), -subnormal);
        assert_eq!(tanh(19.1), 1.0);
        assert_eq!(tanh(-1e300), -1.0);
    }

    #[test]
    fn tanh_each_gives_the_bits_of_tanh() {
        let special = [
            f64::NAN,
            -f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.0,
            -0.0,
            f64::from_bits(1),
            -f64::from_bits(1),
            f64::MIN_POSITIVE,
            0.625,
            -0.625,
            0.624_999_999_999_999_9,
            40.0,
            -40.0,
            40.000_000_000_001,
            1e300,
        ];
        let grid = (-2000..=2000).map(|step| f64::from(step) * 0.011);
        let x: Vec<f64> = special.into_iter().chain(grid).collect();
        let mut each = vec![0.0; x.len()];
        tanh_each(&mut each, &x);
        for (&x, value) in x.iter().zip(each) {
            assert_eq!(value.to_bits(), tanh(x).to_bits(), "tanh({x})");
        }
    }
}
