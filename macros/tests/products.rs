//! `#[derive_grad(hvp)]` and `#[derive_grad(hessian = sparse)]`: the
//! Hessian-vector product agrees with the dense Hessian times the vector,
//! and the sparse Hessian holds exactly the dense one's non-zero entries of
//! the lower triangle, where its pattern says.

use symdiff_macros::derive_grad;

#[derive_grad(hessian = sparse, hvp)]
#[allow(dead_code, reason = "only the generated functions are called")]
fn rosen(x: [f64; 6]) -> f64 {
    let mut total = 0.0;
    for i in 0..5 {
        total += 100.0 * (x[i + 1] - x[i] * x[i]).powi(2) + (1.0 - x[i]).powi(2);
    }
    total
}

/// A parameter called `v`: the direction is called `direction`.
#[derive_grad(wrt(u, v), hvp)]
#[allow(dead_code, reason = "only the generated functions are called")]
fn with_v(u: f64, v: f64, scale: f64) -> f64 {
    scale * (u * v).sin() + u.powi(3)
}

const POINTS: [[f64; 6]; 3] = [
    [0.5, -1.2, 0.3, 2.0, -0.7, 1.1],
    [1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
    [-2.0, 0.25, 0.0, 0.75, 1.5, -0.5],
];

#[test]
fn hessian_vector_products_are_the_hessian_times_the_vector() {
    let direction = [0.3, -1.0, 0.5, 2.0, 0.0, -0.25];
    for x in POINTS {
        let hessian = rosen_hessian(x);
        let product = rosen_hvp(x, direction);
        for (row, &value) in hessian.iter().zip(&product) {
            let expected: f64 = row.iter().zip(&direction).map(|(a, v)| a * v).sum();
            assert!(
                (value - expected).abs() <= 1e-12 * (1.0 + expected.abs()),
                "{value} vs {expected}"
            );
        }
    }
    let (u, v, scale) = (0.7, -0.4, 1.5);
    let hessian = with_v_hessian_by_differences(u, v, scale);
    let product = with_v_hvp(u, v, scale, [1.0, 2.0]);
    for (row, value) in hessian.iter().zip(product) {
        let expected = row[0] + 2.0 * row[1];
        assert!((value - expected).abs() <= 1e-6, "{value} vs {expected}");
    }
}

/// `with_v`'s Hessian over (u, v) by central differences of its gradient.
fn with_v_hessian_by_differences(u: f64, v: f64, scale: f64) -> [[f64; 2]; 2] {
    let h = 1e-6;
    let du = |u: f64| with_v_grad(u, v, scale);
    let dv = |v: f64| with_v_grad(u, v, scale);
    let (plus_u, minus_u) = (du(u + h), du(u - h));
    let (plus_v, minus_v) = (dv(v + h), dv(v - h));
    [
        [
            (plus_u[0] - minus_u[0]) / (2.0 * h),
            (plus_v[0] - minus_v[0]) / (2.0 * h),
        ],
        [
            (plus_u[1] - minus_u[1]) / (2.0 * h),
            (plus_v[1] - minus_v[1]) / (2.0 * h),
        ],
    ]
}

#[test]
fn sparse_hessians_hold_the_non_zero_entries_of_the_lower_triangle() {
    // A chain: the diagonal and the first subdiagonal.
    assert_eq!(ROSEN_HESSIAN_PATTERN.len(), 6 + 5);
    assert!(
        ROSEN_HESSIAN_PATTERN
            .windows(2)
            .all(|pair| pair[0] < pair[1])
    );
    for x in POINTS {
        let dense = rosen_hessian(x);
        let sparse = rosen_hessian_sparse(x);
        for (row, values) in dense.iter().enumerate() {
            for (col, &expected) in values.iter().enumerate().take(row + 1) {
                let stored = ROSEN_HESSIAN_PATTERN
                    .iter()
                    .position(|&entry| entry == (row, col));
                let value = stored.map_or(0.0, |k| sparse[k]);
                assert_eq!(value.to_bits(), expected.to_bits(), "({row}, {col})");
            }
        }
    }
}
