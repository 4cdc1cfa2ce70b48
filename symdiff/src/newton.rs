//! Critical points inside a box by Newton's method on the gradient, started
//! from a grid of points: each start steps by the solution of `H d = -g`
//! until the step is negligible, and the points it converges to inside the
//! box are kept once each. `critical::analyze_function` then judges them.

use nalgebra::{DMatrix, DVector};

/// The most Newton steps from one start.
const MAX_STEPS: usize = 100;

/// A step this small relative to the box counts as converged.
const STEP_TOLERANCE: f64 = 1e-12;

/// Newton steps taken after the steps became negligible, to land on the
/// point as exactly as rounding allows.
const POLISH_STEPS: usize = 8;

/// Points closer than this (relative to the box's diagonal) are one point.
const SAME_POINT: f64 = 1e-6;

/// The points of the box `lower..=upper` where Newton's method converges
/// from the `starts`, each once, in the order first found. The gradient
/// and Hessian may return vectors or arrays.
pub fn newton_critical_points<G, H, R>(
    gradient: impl Fn(&[f64]) -> G,
    hessian: impl Fn(&[f64]) -> H,
    starts: &[Vec<f64>],
    lower: &[f64],
    upper: &[f64],
) -> Vec<Vec<f64>>
where
    G: AsRef<[f64]>,
    H: AsRef<[R]>,
    R: AsRef<[f64]>,
{
    let widths: Vec<f64> = lower.iter().zip(upper).map(|(a, b)| b - a).collect();
    let diagonal = widths.iter().map(|w| w * w).sum::<f64>().sqrt();
    // Each point with the size of its gradient: of two starts that end at
    // one point, the one closer to a zero gradient is kept.
    let mut found: Vec<(f64, Vec<f64>)> = Vec::new();
    for start in starts {
        let Some((norm, point)) = converge(&gradient, &hessian, start, diagonal) else {
            continue;
        };
        let (norm, point) = snapped_to_zero(&gradient, norm, point, diagonal);
        let inside = point
            .iter()
            .zip(lower.iter().zip(upper))
            .all(|(x, (a, b))| (*a..=*b).contains(x));
        if !inside {
            continue;
        }
        let known = found
            .iter_mut()
            .find(|(_, other)| distance(other, &point) <= SAME_POINT * diagonal);
        match known {
            Some(known) if norm < known.0 => *known = (norm, point),
            Some(_) => {}
            None => found.push((norm, point)),
        }
    }
    found.into_iter().map(|(_, point)| point).collect()
}

/// Coordinates this close to 0 (relative to the box) are tried at 0.
const NEAR_ZERO: f64 = 1e-9;

/// The point with its coordinates near 0 set to 0, if the gradient is no
/// larger there: slow (linear) convergence to a degenerate critical point
/// at 0, as for `x^4 + y^4`, stops short of it.
fn snapped_to_zero<G: AsRef<[f64]>>(
    gradient: &impl Fn(&[f64]) -> G,
    norm: f64,
    point: Vec<f64>,
    diagonal: f64,
) -> (f64, Vec<f64>) {
    let snapped: Vec<f64> = point
        .iter()
        .map(|&x| {
            if x.abs() <= NEAR_ZERO * diagonal {
                0.0
            } else {
                x
            }
        })
        .collect();
    let g = gradient(&snapped);
    let snapped_norm: f64 = g.as_ref().iter().map(|v| v.abs()).sum();
    match snapped_norm <= norm {
        true => (snapped_norm, snapped),
        false => (norm, point),
    }
}

fn distance(a: &[f64], b: &[f64]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y) * (x - y))
        .sum::<f64>()
        .sqrt()
}

/// Newton's method from `start`; `None` unless it converges to finite
/// values, and the size of the gradient there. Once the steps are negligible it takes a few more (a point
/// within rounding of a critical point at 0 steps onto it), and returns the
/// point with the smallest gradient (summing the entries' magnitudes).
fn converge<G, H, R>(
    gradient: &impl Fn(&[f64]) -> G,
    hessian: &impl Fn(&[f64]) -> H,
    start: &[f64],
    scale: f64,
) -> Option<(f64, Vec<f64>)>
where
    G: AsRef<[f64]>,
    H: AsRef<[R]>,
    R: AsRef<[f64]>,
{
    let n_vars = start.len();
    let mut point = start.to_vec();
    let mut best: Option<(f64, Vec<f64>)> = None;
    let mut settled = false;
    let mut polished = 0;
    for _ in 0..MAX_STEPS {
        let g = gradient(&point);
        let g = g.as_ref();
        if g.len() != n_vars || g.iter().any(|v| !v.is_finite()) {
            return None;
        }
        let norm: f64 = g.iter().map(|v| v.abs()).sum();
        if norm == 0.0 {
            return Some((norm, point));
        }
        if best.as_ref().is_none_or(|(smallest, _)| norm <= *smallest) {
            best = Some((norm, point.clone()));
        }
        if settled {
            polished += 1;
            if polished > POLISH_STEPS {
                break;
            }
        }
        let h = hessian(&point);
        let rows = h.as_ref();
        if rows.len() != n_vars || rows.iter().any(|row| row.as_ref().len() != n_vars) {
            return None;
        }
        let matrix = DMatrix::from_fn(n_vars, n_vars, |i, j| rows[i].as_ref()[j]);
        let step = matrix.lu().solve(&DVector::from_column_slice(g))?;
        if step.iter().any(|v| !v.is_finite()) {
            return None;
        }
        for (x, d) in point.iter_mut().zip(step.iter()) {
            *x -= d;
        }
        settled |= step.norm() <= STEP_TOLERANCE * scale.max(1.0);
    }
    match settled {
        true => best,
        false => None,
    }
}
