//! The Hessian's eigenvalues and the second-derivative test: minimum,
//! maximum, saddle or degenerate.
//!
//! [`analyze`] takes a gradient and a Hessian already evaluated at a point,
//! so it serves symbolic, generated and hand-written derivatives alike;
//! [`analyze_function`] takes the Hessian as a function, which it also
//! evaluates near the point.
//!
//! # Tolerances
//!
//! Both tolerances are relative, so that the verdict does not change when the
//! function or a coordinate is rescaled (`1e-20*(x^2 - y^2)` is a saddle
//! like `x^2 - y^2`), and a value that is exactly 0 needs none.
//!
//! - Gradient entry `i` counts as zero when
//!   `|g_i| <= Tolerances::gradient * Σ_j |H_ij * x_j|` (default `1e-8`):
//!   at most what moving each coordinate by that fraction of itself changes
//!   it, to first order, which is also the size of its rounding error when
//!   the point is a critical point rounded to `f64`. The point is critical
//!   when every entry counts as zero. Where the point is 0 (or the Hessian
//!   is), the tolerance is 0 and only an exact 0 is critical: at the origin,
//!   `1e-12*x + x^2` has a gradient, and `x^2` at `x = 1e-9` is not at its
//!   minimum.
//! - An eigenvalue `λ` counts as zero when
//!   `|λ| <= Tolerances::eigenvalue * max_k |λ_k|` (default `1e-8`), or, with
//!   [`analyze_function`], when `|λ|` is at most the Hessian's change (the
//!   sum over `k` of the Frobenius norm of `H(x + t |x_k| e_k) - H(x)`, with
//!   `t = Tolerances::eigenvalue`) when each coordinate moves by that
//!   fraction of itself: an eigenvalue smaller than that is rounding, as
//!   `sin(x)^3` has at `x = 3.141592653589793`, the `f64` nearest to π.
//!
//! The analysis records which rule decided ([`GradientTest`],
//! [`EigenvalueTest`]), so that a verdict can say so.

use std::fmt;

pub use crate::newton::newton_critical_points;

use nalgebra::{DMatrix, SymmetricEigen};

/// The verdict of the second-derivative test at a critical point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Classification {
    /// Every eigenvalue is positive: a strict local minimum.
    Minimum,
    /// Every eigenvalue is negative: a strict local maximum.
    Maximum,
    /// Some eigenvalue is positive and some negative, whatever the others are.
    Saddle,
    /// No eigenvalue of one sign and at least one (numerically) zero: the
    /// second-derivative test is inconclusive (`x^4 + y^2` and `x^3 + y^2`
    /// at the origin both land here).
    Degenerate,
}

impl fmt::Display for Classification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Classification::Minimum => "minimum",
            Classification::Maximum => "maximum",
            Classification::Saddle => "saddle",
            Classification::Degenerate => "degenerate",
        })
    }
}

/// The definiteness of the Hessian, judged with [`Tolerances::eigenvalue`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Curvature {
    /// Every eigenvalue is positive.
    PositiveDefinite,
    /// Every eigenvalue is negative.
    NegativeDefinite,
    /// Some eigenvalue is positive and some negative.
    Indefinite,
    /// Some eigenvalues are positive and the rest zero.
    PositiveSemidefinite,
    /// Some eigenvalues are negative and the rest zero.
    NegativeSemidefinite,
    /// Every eigenvalue is zero, or there are no variables.
    Zero,
}

impl fmt::Display for Curvature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Curvature::PositiveDefinite => "positive definite",
            Curvature::NegativeDefinite => "negative definite",
            Curvature::Indefinite => "indefinite",
            Curvature::PositiveSemidefinite => "positive semidefinite",
            Curvature::NegativeSemidefinite => "negative semidefinite",
            Curvature::Zero => "zero",
        })
    }
}

impl Curvature {
    /// The second-derivative test's verdict for a critical point with this curvature.
    pub fn classification(self) -> Classification {
        match self {
            Curvature::PositiveDefinite => Classification::Minimum,
            Curvature::NegativeDefinite => Classification::Maximum,
            Curvature::Indefinite => Classification::Saddle,
            Curvature::PositiveSemidefinite | Curvature::NegativeSemidefinite | Curvature::Zero => {
                Classification::Degenerate
            }
        }
    }
}

/// Relative thresholds for [`analyze`]; the module documentation says how
/// each is applied.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tolerances {
    /// Gradient entry `i` counts as zero when `|g_i| <= gradient * Σ_j |H_ij x_j|`.
    /// Default `1e-8`. Must be finite and non-negative.
    pub gradient: f64,
    /// An eigenvalue counts as zero when `|λ| <= eigenvalue * max_k |λ_k|`
    /// or, with [`analyze_function`], when it is within the Hessian's change
    /// as each coordinate moves by `eigenvalue` of itself.
    /// Default `1e-8`. Must be finite and non-negative.
    pub eigenvalue: f64,
}

impl Tolerances {
    /// `gradient = 1e-8`, `eigenvalue = 1e-8`.
    pub const DEFAULT: Self = Self::relative(1e-8);

    /// Both tolerances set to `tolerance`.
    pub const fn relative(tolerance: f64) -> Self {
        Self {
            gradient: tolerance,
            eigenvalue: tolerance,
        }
    }

    /// Checks that both tolerances are finite and non-negative.
    ///
    /// # Errors
    ///
    /// [`AnalysisError::InvalidTolerance`] naming the first that is not.
    pub fn validate(&self) -> Result<(), AnalysisError> {
        for (name, value) in [("gradient", self.gradient), ("eigenvalue", self.eigenvalue)] {
            if !(value.is_finite() && value >= 0.0) {
                return Err(AnalysisError::InvalidTolerance { name, value });
            }
        }
        Ok(())
    }
}

impl Default for Tolerances {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// How the gradient test decided whether the point is critical.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum GradientTest {
    /// Every gradient entry is exactly 0 (or there are no variables): the
    /// point is critical and no tolerance was needed.
    ExactlyZero,
    /// Some entry is not 0, but each is within its tolerance: the point is
    /// critical; `closest` is the entry nearest to its tolerance.
    WithinTolerance {
        /// The entry with the largest `|g_i| / tolerance_i`.
        closest: GradientEntry,
    },
    /// Some entry exceeds its tolerance: the point is not critical.
    Exceeds {
        /// The entry with the largest `|g_i| / tolerance_i` (the largest
        /// `|g_i|` among those whose tolerance is 0).
        worst: GradientEntry,
    },
}

/// One gradient entry against its tolerance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GradientEntry {
    /// The entry's index.
    pub index: usize,
    /// Its value `g_i`.
    pub value: f64,
    /// Its scale `Σ_j |H_ij x_j|`.
    pub scale: f64,
    /// `Tolerances::gradient * scale`.
    pub tolerance: f64,
}

/// How the eigenvalues were judged zero or not.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EigenvalueTest {
    /// Eigenvalues with `|λ| <= threshold` count as zero.
    pub threshold: f64,
    /// `Tolerances::eigenvalue * max_k |λ_k|`.
    pub relative: f64,
    /// The Hessian's change as each coordinate moves by
    /// `Tolerances::eigenvalue` of itself (0 from [`analyze`], which has
    /// only the Hessian at the point).
    pub change: f64,
    /// How many eigenvalues are not exactly 0 but count as zero.
    pub n_rounded_to_zero: usize,
}

impl EigenvalueTest {
    /// Whether the Hessian's change near the point, rather than the relative
    /// tolerance, set the threshold.
    pub fn decided_by_change(&self) -> bool {
        self.change > self.relative
    }
}

/// The result of [`analyze`].
#[derive(Debug, Clone, PartialEq)]
pub struct CriticalPointAnalysis {
    /// The Hessian's eigenvalues in ascending order.
    pub eigenvalues: Vec<f64>,
    /// The gradient's infinity norm (`0` for no variables).
    pub gradient_norm: f64,
    /// Whether every gradient entry counts as zero.
    pub critical: bool,
    /// Which rule decided `critical`.
    pub gradient_test: GradientTest,
    /// The Hessian's definiteness.
    pub curvature: Curvature,
    /// The rule that judged each eigenvalue zero or not.
    pub eigenvalue_test: EigenvalueTest,
    /// The second-derivative test's verdict; `None` when the point is not critical.
    pub classification: Option<Classification>,
}

/// Renders e.g. `minimum (positive definite), eigenvalues [2.0, 2.0], gradient exactly 0`,
/// `not critical (positive definite), eigenvalues [2.0, 2.0], gradient[0] = 2.0 > tolerance 2e-8`,
/// with numbers rounded to 6 significant digits, and the eigenvalue
/// threshold when it counted a nonzero eigenvalue as zero.
impl fmt::Display for CriticalPointAnalysis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.classification {
            Some(classification) => write!(f, "{classification}")?,
            None => f.write_str("not critical")?,
        }
        let eigenvalues: Vec<f64> = self
            .eigenvalues
            .iter()
            .map(|&eigenvalue| crate::print::round_significant(eigenvalue, 6))
            .collect();
        write!(f, " ({}), eigenvalues {eigenvalues:?}, ", self.curvature)?;
        let entry = |f: &mut fmt::Formatter<'_>, entry: &GradientEntry, relation: &str| {
            write!(
                f,
                "gradient[{}] = {:?} {relation} tolerance {:?}",
                entry.index,
                crate::print::round_significant(entry.value, 6),
                crate::print::round_significant(entry.tolerance, 6),
            )
        };
        match &self.gradient_test {
            GradientTest::ExactlyZero => f.write_str("gradient exactly 0")?,
            GradientTest::WithinTolerance { closest } => entry(f, closest, "<=")?,
            GradientTest::Exceeds { worst } => entry(f, worst, ">")?,
        }
        let test = &self.eigenvalue_test;
        if test.n_rounded_to_zero > 0 {
            write!(
                f,
                ", {} eigenvalue(s) within {:?} ({}) count as 0",
                test.n_rounded_to_zero,
                crate::print::round_significant(test.threshold, 6),
                if test.decided_by_change() {
                    "the Hessian's change"
                } else {
                    "relative"
                },
            )?;
        }
        Ok(())
    }
}

/// Why [`analyze`] could not judge a point.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AnalysisError {
    /// The point's length differs from the gradient's.
    #[error("the point has {len} coordinates, expected {n_vars} (the gradient's length)")]
    PointLength {
        /// The gradient's length.
        n_vars: usize,
        /// The point's length.
        len: usize,
    },
    /// The Hessian's row count differs from the gradient's length.
    #[error("the Hessian has row count {rows}, expected {n_vars} (the gradient's length)")]
    SizeMismatch {
        /// The gradient's length.
        n_vars: usize,
        /// The Hessian's number of rows.
        rows: usize,
    },
    /// A row of the Hessian has the wrong length, so the Hessian is not square.
    #[error("row {row} of the Hessian has length {len}, but the Hessian must be {n_vars}x{n_vars}")]
    NotSquare {
        /// The index of the offending row.
        row: usize,
        /// The row's length.
        len: usize,
        /// The gradient's length.
        n_vars: usize,
    },
    /// A coordinate of the point is NaN or infinite.
    #[error("coordinate [{index}] of the point is not finite: {value}")]
    NonFinitePoint {
        /// The coordinate's index.
        index: usize,
        /// Its value.
        value: f64,
    },
    /// A gradient entry is NaN or infinite.
    #[error("gradient entry [{index}] is not finite: {value}")]
    NonFiniteGradient {
        /// The entry's index.
        index: usize,
        /// The entry's value.
        value: f64,
    },
    /// A Hessian entry is NaN or infinite.
    #[error("Hessian entry [{row}, {col}] is not finite: {value}")]
    NonFiniteHessian {
        /// The entry's row.
        row: usize,
        /// The entry's column.
        col: usize,
        /// The entry's value.
        value: f64,
    },
    /// A tolerance is NaN, infinite or negative.
    #[error("tolerance `{name}` must be finite and non-negative, got {value}")]
    InvalidTolerance {
        /// The tolerance's field name.
        name: &'static str,
        /// The rejected value.
        value: f64,
    },
    /// The symmetric eigenvalue iteration did not converge.
    #[error("the eigenvalue iteration did not converge within {iterations} iterations")]
    NoConvergence {
        /// The iteration budget that was exhausted.
        iterations: usize,
    },
    /// The eigenvalues are too large for `f64` although every entry is finite.
    #[error("the Hessian's eigenvalues overflow f64")]
    EigenvalueOverflow,
}

/// Iterations of the implicit QR sweep allowed per variable; it usually needs two or three.
const ITERATIONS_PER_VARIABLE: usize = 1000;

/// Judges a point from its coordinates, gradient and Hessian: eigenvalues,
/// definiteness, and the minimum / maximum / saddle / degenerate verdict of
/// the second-derivative test, with the tolerances of the module
/// documentation (the Hessian's change near the point taken as 0).
///
/// The eigenvalues are those of the symmetric part `(H + Hᵀ) / 2`, which is
/// `H` itself for any true Hessian. With no variables the eigenvalues are
/// empty, the curvature is [`Curvature::Zero`] and the point is critical and
/// [`Classification::Degenerate`].
///
/// # Errors
///
/// A typed [`AnalysisError`] when the point or the Hessian does not match
/// the gradient's length `n` (`n` coordinates, `n × n`), when any value is
/// NaN or infinite, when a tolerance is out of range, or when the eigenvalue
/// computation fails.
pub fn analyze<R: AsRef<[f64]>>(
    point: impl AsRef<[f64]>,
    gradient: impl AsRef<[f64]>,
    hessian: impl AsRef<[R]>,
    tolerances: &Tolerances,
) -> Result<CriticalPointAnalysis, AnalysisError> {
    tolerances.validate()?;
    let (point, gradient) = (point.as_ref(), gradient.as_ref());
    let hessian = rows(hessian.as_ref());
    validate_shape_and_values(point, gradient, &hessian)?;
    judge(point, gradient, &hessian, 0.0, tolerances)
}

/// A matrix given as rows of any kind (`Vec<Vec<f64>>`, `[[f64; N]; N]`,
/// what `#[derive_grad]` generates) as the vectors the analysis works on.
fn rows<R: AsRef<[f64]>>(matrix: &[R]) -> Vec<Vec<f64>> {
    matrix.iter().map(|row| row.as_ref().to_vec()).collect()
}

/// [`analyze`] with the Hessian as a function of the point, evaluated at
/// `point` and once more per nonzero coordinate `k`, at `x + t |x_k| e_k`
/// with `t = Tolerances::eigenvalue`: an eigenvalue within the Hessian's
/// change there counts as zero. A change that is not finite, or a Hessian of
/// the wrong shape away from the point, is left out of it.
///
/// # Errors
///
/// As [`analyze`], for the Hessian at the point.
pub fn analyze_function<H, R>(
    point: impl AsRef<[f64]>,
    gradient: impl AsRef<[f64]>,
    hessian: impl Fn(&[f64]) -> H,
    tolerances: &Tolerances,
) -> Result<CriticalPointAnalysis, AnalysisError>
where
    H: AsRef<[R]>,
    R: AsRef<[f64]>,
{
    tolerances.validate()?;
    let (point, gradient) = (point.as_ref(), gradient.as_ref());
    let hessian = |at: &[f64]| rows(hessian(at).as_ref());
    let at_point = hessian(point);
    validate_shape_and_values(point, gradient, &at_point)?;
    let change = hessian_change(point, &at_point, &hessian, tolerances.eigenvalue);
    judge(point, gradient, &at_point, change, tolerances)
}

/// The verdict from validated values; `change` is the Hessian's change near
/// the point (see [`EigenvalueTest::change`]).
fn judge(
    point: &[f64],
    gradient: &[f64],
    hessian: &[Vec<f64>],
    change: f64,
    tolerances: &Tolerances,
) -> Result<CriticalPointAnalysis, AnalysisError> {
    let eigenvalues = symmetric_eigenvalues(hessian)?;
    let gradient_norm = gradient
        .iter()
        .fold(0.0_f64, |norm, entry| norm.max(entry.abs()));
    let gradient_test = gradient_test(point, gradient, hessian, tolerances.gradient);
    let critical = !matches!(gradient_test, GradientTest::Exceeds { .. });
    let eigenvalue_test = eigenvalue_test(&eigenvalues, change, tolerances.eigenvalue);
    let curvature = curvature(&eigenvalues, eigenvalue_test.threshold);
    Ok(CriticalPointAnalysis {
        eigenvalues,
        gradient_norm,
        critical,
        gradient_test,
        curvature,
        eigenvalue_test,
        classification: critical.then(|| curvature.classification()),
    })
}

/// Each gradient entry against `tolerance * Σ_j |H_ij x_j|`.
fn gradient_test(
    point: &[f64],
    gradient: &[f64],
    hessian: &[Vec<f64>],
    tolerance: f64,
) -> GradientTest {
    if gradient.iter().all(|&entry| entry == 0.0) {
        return GradientTest::ExactlyZero;
    }
    let entries = gradient
        .iter()
        .zip(hessian)
        .enumerate()
        .map(|(index, (&value, row))| {
            let scale: f64 = row
                .iter()
                .zip(point)
                .map(|(entry, coordinate)| (entry * coordinate).abs())
                .sum();
            GradientEntry {
                index,
                value,
                scale,
                tolerance: tolerance * scale,
            }
        });
    // The entry nearest to (or furthest beyond) its tolerance: the largest
    // |g_i| / tolerance_i, comparing `|g_i| * tolerance_j` with
    // `|g_j| * tolerance_i` so that a tolerance of 0 needs no division.
    let exceeds = |entry: &GradientEntry| entry.value.abs() > entry.tolerance;
    let further = |entry: &GradientEntry, than: &GradientEntry| {
        let (left, right) = (
            entry.value.abs() * than.tolerance,
            than.value.abs() * entry.tolerance,
        );
        left > right || (left == right && entry.value.abs() > than.value.abs())
    };
    let mut worst: Option<GradientEntry> = None;
    for entry in entries.filter(|entry| entry.value != 0.0) {
        let replace = match &worst {
            None => true,
            Some(current) => {
                (exceeds(&entry) && !exceeds(current))
                    || (exceeds(&entry) == exceeds(current) && further(&entry, current))
            }
        };
        if replace {
            worst = Some(entry);
        }
    }
    match worst {
        Some(worst) if exceeds(&worst) => GradientTest::Exceeds { worst },
        Some(closest) => GradientTest::WithinTolerance { closest },
        None => GradientTest::ExactlyZero,
    }
}

/// The threshold below which an eigenvalue counts as zero.
fn eigenvalue_test(eigenvalues: &[f64], change: f64, tolerance: f64) -> EigenvalueTest {
    let largest = eigenvalues
        .iter()
        .fold(0.0_f64, |largest, eigenvalue| largest.max(eigenvalue.abs()));
    let relative = tolerance * largest;
    let threshold = relative.max(change);
    let n_rounded_to_zero = eigenvalues
        .iter()
        .filter(|&&eigenvalue| eigenvalue != 0.0 && eigenvalue.abs() <= threshold)
        .count();
    EigenvalueTest {
        threshold,
        relative,
        change,
        n_rounded_to_zero,
    }
}

/// `Σ_k ‖H(x + t |x_k| e_k) - H(x)‖_F` over the nonzero coordinates, leaving
/// out a Hessian of the wrong shape and a change that is not finite.
fn hessian_change(
    point: &[f64],
    at_point: &[Vec<f64>],
    hessian: &impl Fn(&[f64]) -> Vec<Vec<f64>>,
    tolerance: f64,
) -> f64 {
    let mut moved = point.to_vec();
    let mut total = 0.0;
    for (coordinate_idx, &coordinate) in point.iter().enumerate() {
        let step = tolerance * coordinate.abs();
        if step == 0.0 {
            continue;
        }
        moved[coordinate_idx] = coordinate + step;
        let near = hessian(&moved);
        moved[coordinate_idx] = coordinate;
        if near.len() != at_point.len() {
            continue;
        }
        let mut squares = 0.0;
        for (near_row, row) in near.iter().zip(at_point) {
            if near_row.len() != row.len() {
                squares = f64::NAN;
                break;
            }
            squares += near_row
                .iter()
                .zip(row)
                .map(|(near, here)| (near - here).powi(2))
                .sum::<f64>();
        }
        let norm = squares.sqrt();
        if norm.is_finite() {
            total += norm;
        }
    }
    total
}

/// Checks that the point has `n` coordinates and the Hessian is `n × n` for
/// a gradient of length `n`, and that every value is finite. This must
/// precede the eigenvalue iteration, which does not terminate reliably on
/// NaN.
fn validate_shape_and_values(
    point: &[f64],
    gradient: &[f64],
    hessian: &[Vec<f64>],
) -> Result<(), AnalysisError> {
    let n_vars = gradient.len();
    if point.len() != n_vars {
        return Err(AnalysisError::PointLength {
            n_vars,
            len: point.len(),
        });
    }
    if hessian.len() != n_vars {
        return Err(AnalysisError::SizeMismatch {
            n_vars,
            rows: hessian.len(),
        });
    }
    if let Some((row, row_values)) = hessian
        .iter()
        .enumerate()
        .find(|(_, row_values)| row_values.len() != n_vars)
    {
        return Err(AnalysisError::NotSquare {
            row,
            len: row_values.len(),
            n_vars,
        });
    }
    let first_non_finite = |values: &[f64]| {
        values
            .iter()
            .copied()
            .enumerate()
            .find(|(_, value)| !value.is_finite())
    };
    if let Some((index, value)) = first_non_finite(point) {
        return Err(AnalysisError::NonFinitePoint { index, value });
    }
    if let Some((index, value)) = first_non_finite(gradient) {
        return Err(AnalysisError::NonFiniteGradient { index, value });
    }
    for (row, row_values) in hessian.iter().enumerate() {
        if let Some((col, value)) = first_non_finite(row_values) {
            return Err(AnalysisError::NonFiniteHessian { row, col, value });
        }
    }
    Ok(())
}

/// The eigenvalues of the symmetric part of a validated square, finite
/// matrix, in ascending order.
fn symmetric_eigenvalues(hessian: &[Vec<f64>]) -> Result<Vec<f64>, AnalysisError> {
    let n_vars = hessian.len();
    if n_vars == 0 {
        // nalgebra's tridiagonalisation assumes at least one row.
        return Ok(Vec::new());
    }
    // Halving each side first keeps the sum finite for entries near f64::MAX.
    let symmetric_part = DMatrix::from_fn(n_vars, n_vars, |row, col| {
        0.5 * hessian[row][col] + 0.5 * hessian[col][row]
    });
    let iterations = ITERATIONS_PER_VARIABLE.saturating_mul(n_vars);
    let decomposition = SymmetricEigen::try_new(symmetric_part, f64::EPSILON, iterations)
        .ok_or(AnalysisError::NoConvergence { iterations })?;
    let mut eigenvalues: Vec<f64> = decomposition.eigenvalues.iter().copied().collect();
    if eigenvalues.iter().any(|eigenvalue| !eigenvalue.is_finite()) {
        return Err(AnalysisError::EigenvalueOverflow);
    }
    eigenvalues.sort_by(f64::total_cmp);
    Ok(eigenvalues)
}

/// Definiteness from the signs of the eigenvalues, counting
/// `|λ| <= threshold` as zero.
fn curvature(eigenvalues: &[f64], threshold: f64) -> Curvature {
    let n_positive = eigenvalues
        .iter()
        .filter(|&&eigenvalue| eigenvalue > threshold)
        .count();
    let n_negative = eigenvalues
        .iter()
        .filter(|&&eigenvalue| eigenvalue < -threshold)
        .count();
    let n_zero = eigenvalues.len() - n_positive - n_negative;
    match (n_positive > 0, n_negative > 0, n_zero > 0) {
        (true, true, _) => Curvature::Indefinite,
        (true, false, false) => Curvature::PositiveDefinite,
        (false, true, false) => Curvature::NegativeDefinite,
        (true, false, true) => Curvature::PositiveSemidefinite,
        (false, true, true) => Curvature::NegativeSemidefinite,
        (false, false, _) => Curvature::Zero,
    }
}
