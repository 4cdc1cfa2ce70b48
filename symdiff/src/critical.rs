//! The Hessian's eigenvalues and the second-derivative test: minimum,
//! maximum, saddle or degenerate.
//!
//! [`analyze`] takes a gradient and a Hessian already evaluated at a point,
//! so it serves symbolic, generated and hand-written derivatives alike.
//!
//! # Tolerances
//!
//! - The point is critical when the gradient's infinity norm is at most
//!   [`Tolerances::gradient`] (default `1e-8`). The threshold is absolute:
//!   `analyze` never sees the function's value, so a caller whose function
//!   has a large scale should scale the tolerance with it.
//! - An eigenvalue `λ` counts as zero when
//!   `|λ| <= Tolerances::eigenvalue * max(1, max_k |λ_k|)` (default
//!   `1e-10`): relative to the largest eigenvalue, and absolute below 1.

use std::fmt;

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

/// Thresholds for [`analyze`]; see the module documentation for how each is applied.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tolerances {
    /// The largest gradient infinity norm of a critical point (absolute).
    /// Default `1e-8`. Must be finite and non-negative.
    pub gradient: f64,
    /// An eigenvalue is zero when `|λ| <= eigenvalue * max(1, max_k |λ_k|)`.
    /// Default `1e-10`. Must be finite and non-negative.
    pub eigenvalue: f64,
}

impl Tolerances {
    /// `gradient = 1e-8`, `eigenvalue = 1e-10`.
    pub const DEFAULT: Self = Self {
        gradient: 1e-8,
        eigenvalue: 1e-10,
    };
}

impl Default for Tolerances {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// The result of [`analyze`].
#[derive(Debug, Clone, PartialEq)]
pub struct CriticalPointAnalysis {
    /// The Hessian's eigenvalues in ascending order.
    pub eigenvalues: Vec<f64>,
    /// The gradient's infinity norm (`0` for no variables).
    pub gradient_norm: f64,
    /// Whether `gradient_norm <= Tolerances::gradient`.
    pub critical: bool,
    /// The Hessian's definiteness.
    pub curvature: Curvature,
    /// The second-derivative test's verdict; `None` when the point is not critical.
    pub classification: Option<Classification>,
}

/// Renders e.g. `minimum (positive definite), eigenvalues [2.0, 2.0], gradient norm 0.0`
/// or `not critical (positive definite), eigenvalues [2.0, 2.0], gradient norm 2.0`,
/// with numbers rounded to 6 significant digits.
impl fmt::Display for CriticalPointAnalysis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.classification {
            Some(classification) => write!(f, "{classification}")?,
            None => f.write_str("not critical")?,
        }
        let eigenvalues: Vec<f64> = self
            .eigenvalues
            .iter()
            .map(|&eigenvalue| round_significant(eigenvalue, 6))
            .collect();
        write!(
            f,
            " ({}), eigenvalues {eigenvalues:?}, gradient norm {:?}",
            self.curvature,
            round_significant(self.gradient_norm, 6),
        )
    }
}

/// Rounds to `digits` significant digits, so that `{:?}` prints a short,
/// stable number (`2.0`, `-0.5`, `1e-12`).
fn round_significant(value: f64, digits: usize) -> f64 {
    let rounded = format!("{:.*e}", digits.saturating_sub(1), value);
    rounded.parse().unwrap_or(value)
}

/// Why [`analyze`] could not judge a point.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AnalysisError {
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

/// Judges a point from its gradient and Hessian: eigenvalues, definiteness,
/// and the minimum / maximum / saddle / degenerate verdict of the
/// second-derivative test.
///
/// The eigenvalues are those of the symmetric part `(H + Hᵀ) / 2`, which is
/// `H` itself for any true Hessian. With no variables the eigenvalues are
/// empty, the curvature is [`Curvature::Zero`] and the point is critical and
/// [`Classification::Degenerate`].
///
/// # Errors
///
/// A typed [`AnalysisError`] when the Hessian is not `n × n` for a gradient of
/// length `n`, when any entry is NaN or infinite, when a tolerance is out of
/// range, or when the eigenvalue computation fails.
pub fn analyze(
    gradient: &[f64],
    hessian: &[Vec<f64>],
    tolerances: &Tolerances,
) -> Result<CriticalPointAnalysis, AnalysisError> {
    validate_tolerances(tolerances)?;
    validate_shape_and_values(gradient, hessian)?;
    let eigenvalues = symmetric_eigenvalues(hessian)?;
    let gradient_norm = gradient
        .iter()
        .fold(0.0_f64, |norm, entry| norm.max(entry.abs()));
    let critical = gradient_norm <= tolerances.gradient;
    let curvature = curvature(&eigenvalues, tolerances.eigenvalue);
    Ok(CriticalPointAnalysis {
        eigenvalues,
        gradient_norm,
        critical,
        curvature,
        classification: critical.then(|| curvature.classification()),
    })
}

fn validate_tolerances(tolerances: &Tolerances) -> Result<(), AnalysisError> {
    for (name, value) in [
        ("gradient", tolerances.gradient),
        ("eigenvalue", tolerances.eigenvalue),
    ] {
        if !(value.is_finite() && value >= 0.0) {
            return Err(AnalysisError::InvalidTolerance { name, value });
        }
    }
    Ok(())
}

/// Checks that the Hessian is `n × n` for a gradient of length `n` and that
/// every entry is finite. This must precede the eigenvalue iteration, which
/// does not terminate reliably on NaN.
fn validate_shape_and_values(gradient: &[f64], hessian: &[Vec<f64>]) -> Result<(), AnalysisError> {
    let n_vars = gradient.len();
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
    if let Some((index, &value)) = gradient
        .iter()
        .enumerate()
        .find(|(_, value)| !value.is_finite())
    {
        return Err(AnalysisError::NonFiniteGradient { index, value });
    }
    for (row, row_values) in hessian.iter().enumerate() {
        if let Some((col, &value)) = row_values
            .iter()
            .enumerate()
            .find(|(_, value)| !value.is_finite())
        {
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
/// `|λ| <= tolerance * max(1, max |λ|)` as zero.
fn curvature(eigenvalues: &[f64], tolerance: f64) -> Curvature {
    let largest = eigenvalues
        .iter()
        .fold(1.0_f64, |largest, eigenvalue| largest.max(eigenvalue.abs()));
    let threshold = tolerance * largest;
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
