//! Newton's search for critical points, on functions whose critical points
//! are known, with starts on a grid that misses them.

use symdiff::newton::newton_critical_points;

/// The points found from a 7 × 7 grid of starts over the box `-r..=r`
/// (which never contains 0 exactly), rounded to 6 digits.
fn found(
    gradient: impl Fn(&[f64]) -> [f64; 2],
    hessian: impl Fn(&[f64]) -> [[f64; 2]; 2],
    r: f64,
) -> Vec<String> {
    let coords: Vec<f64> = (0..7)
        .map(|i| -r + 2.0 * r * (i as f64 + 0.3) / 7.0)
        .collect();
    let starts: Vec<Vec<f64>> = coords
        .iter()
        .flat_map(|&y| coords.iter().map(move |&x| vec![x, y]))
        .collect();
    let mut points: Vec<String> =
        newton_critical_points(gradient, hessian, &starts, &[-r, -r], &[r, r])
            .iter()
            .map(|p| format!("({:.6}, {:.6})", p[0] + 0.0, p[1] + 0.0))
            .collect();
    points.sort();
    points
}

#[test]
fn waves_have_four_critical_points_in_the_box() {
    let gradient = |p: &[f64]| [p[0].cos() * p[1].cos(), -p[0].sin() * p[1].sin()];
    let hessian = |p: &[f64]| {
        let (s, c) = (p[0].sin() * p[1].cos(), p[0].cos() * p[1].sin());
        [[-s, -c], [-c, -s]]
    };
    assert_eq!(
        found(gradient, hessian, 3.0),
        [
            "(-1.570796, 0.000000)",
            "(0.000000, -1.570796)",
            "(0.000000, 1.570796)",
            "(1.570796, 0.000000)"
        ]
    );
}

/// Newton converges only linearly to the degenerate minimum of x^4 + y^4;
/// the coordinates within rounding of 0 are set to 0, where the gradient
/// vanishes exactly.
#[test]
fn a_degenerate_minimum_is_found_exactly() {
    let gradient = |p: &[f64]| [4.0 * p[0].powi(3), 4.0 * p[1].powi(3)];
    let hessian = |p: &[f64]| [[12.0 * p[0] * p[0], 0.0], [0.0, 12.0 * p[1] * p[1]]];
    assert_eq!(found(gradient, hessian, 2.0), ["(0.000000, 0.000000)"]);
}
