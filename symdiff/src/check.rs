//! Gradient and Hessian checks by central differences, in the manner of
//! PyTorch's `gradcheck`.
//!
//! Every check works on plain closures over `&[f64]`, so generated code,
//! hand-written code and evaluated symbolic expressions are all checked the
//! same way.
//!
//! # Step rule
//!
//! Variable `i` is perturbed by `h_i = eps * max(1, |x_i|)`, so the step is
//! relative for large coordinates and absolute near zero. The quotient divides
//! by the step that is actually representable, `(x_i + h_i) - (x_i - h_i)`,
//! rather than by `2 * h_i`, which removes the rounding error of the
//! perturbation itself.
//!
//! # Pass rule
//!
//! An entry passes when `|analytic - numeric| <= atol + rtol * |numeric|`
//! (the rule of `numpy.isclose` and `gradcheck`). Non-finite values follow
//! [`CheckEntry`]'s documented rules: a NaN on either side always fails, and
//! two infinities pass only when they have the same sign.

use std::fmt;

/// Step size and tolerances for [`check_gradient`] and [`check_hessian`].
///
/// The defaults are PyTorch's `gradcheck` defaults: `eps = 1e-6`,
/// `rtol = 1e-3`, `atol = 1e-5`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CheckOptions {
    /// Relative step: variable `i` moves by `eps * max(1, |x_i|)` each way.
    /// Must be finite and positive.
    pub eps: f64,
    /// Relative tolerance, scaled by `|numeric|`. Must be finite and non-negative.
    pub rtol: f64,
    /// Absolute tolerance. Must be finite and non-negative.
    pub atol: f64,
}

impl CheckOptions {
    /// PyTorch's `gradcheck` defaults: `eps = 1e-6`, `rtol = 1e-3`, `atol = 1e-5`.
    pub const DEFAULT: Self = Self {
        eps: 1e-6,
        rtol: 1e-3,
        atol: 1e-5,
    };
}

impl Default for CheckOptions {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Which derivative a [`CheckEntry`] compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// A gradient entry `df/dx_i`, indexed `[i]`.
    Gradient,
    /// A Hessian entry `d2f/dx_i dx_j`, indexed `[i, j]` with `i <= j`.
    Hessian,
}

impl fmt::Display for EntryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EntryKind::Gradient => "gradient",
            EntryKind::Hessian => "hessian",
        })
    }
}

/// One compared derivative.
///
/// Errors are defined as follows:
/// - `abs_err = |analytic - numeric|`, and `rel_err = abs_err / |numeric|`;
///   when `numeric` is zero, `rel_err` is `0` if `abs_err` is `0` and `+inf`
///   otherwise.
/// - If either side is NaN, both errors are NaN and the entry fails.
/// - If both sides are infinite with the same sign, both errors are `0` and
///   the entry passes. Any other comparison involving an infinity fails.
/// - Otherwise `ok` is `abs_err <= atol + rtol * |numeric|`.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckEntry {
    /// Gradient or Hessian entry.
    pub kind: EntryKind,
    /// `[i]` for a gradient entry, `[i, j]` (with `i <= j`) for a Hessian entry.
    pub index: Vec<usize>,
    /// The value returned by the closure under test.
    pub analytic: f64,
    /// The central-difference estimate.
    pub numeric: f64,
    /// `|analytic - numeric|`.
    pub abs_err: f64,
    /// `abs_err / |numeric|`, see the type's documentation for zero and non-finite values.
    pub rel_err: f64,
    /// Whether the entry passes the tolerance rule.
    pub ok: bool,
}

impl CheckEntry {
    fn new(
        kind: EntryKind,
        index: Vec<usize>,
        analytic: f64,
        numeric: f64,
        options: &CheckOptions,
    ) -> Self {
        let (abs_err, rel_err, ok) = compare(analytic, numeric, options);
        Self {
            kind,
            index,
            analytic,
            numeric,
            abs_err,
            rel_err,
            ok,
        }
    }
}

/// Compares one pair of values under the rules documented on [`CheckEntry`],
/// returning `(abs_err, rel_err, ok)`.
fn compare(analytic: f64, numeric: f64, options: &CheckOptions) -> (f64, f64, bool) {
    if analytic.is_nan() || numeric.is_nan() {
        return (f64::NAN, f64::NAN, false);
    }
    if analytic.is_infinite() || numeric.is_infinite() {
        return if analytic == numeric {
            (0.0, 0.0, true)
        } else {
            (f64::INFINITY, f64::INFINITY, false)
        };
    }
    let abs_err = (analytic - numeric).abs();
    let rel_err = if numeric != 0.0 {
        abs_err / numeric.abs()
    } else if abs_err == 0.0 {
        0.0
    } else {
        f64::INFINITY
    };
    let ok = abs_err <= options.atol + options.rtol * numeric.abs();
    (abs_err, rel_err, ok)
}

/// Renders e.g. `gradient[0] ok: analytic 0.5, numeric 0.5` and, for a
/// failing entry, `gradient[0] FAIL: analytic 0.25, numeric 0.5 (abs_err 0.25, rel_err 0.5)`.
/// Values are rounded to 6 significant digits and errors to 3.
impl fmt::Display for CheckEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let index: Vec<String> = self.index.iter().map(ToString::to_string).collect();
        let verdict = if self.ok { "ok" } else { "FAIL" };
        write!(
            f,
            "{}[{}] {verdict}: analytic {:?}, numeric {:?}",
            self.kind,
            index.join(", "),
            round_significant(self.analytic, 6),
            round_significant(self.numeric, 6),
        )?;
        if !self.ok {
            write!(
                f,
                " (abs_err {:?}, rel_err {:?})",
                round_significant(self.abs_err, 3),
                round_significant(self.rel_err, 3),
            )?;
        }
        Ok(())
    }
}

/// Rounds to `digits` significant digits, so that `{:?}` prints a short,
/// stable number (`2.0`, `-0.5`, `1e-12`). Non-finite values are returned unchanged.
fn round_significant(value: f64, digits: usize) -> f64 {
    let rounded = format!("{:.*e}", digits.saturating_sub(1), value);
    rounded.parse().unwrap_or(value)
}

/// The outcome of a check: one entry per compared derivative.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CheckReport {
    /// Gradient entries in index order, or Hessian entries of the upper
    /// triangle in row-major order.
    pub entries: Vec<CheckEntry>,
}

impl CheckReport {
    /// Whether every entry passes. A report with no entries passes.
    pub fn ok(&self) -> bool {
        self.entries.iter().all(|entry| entry.ok)
    }

    /// The entries that fail.
    pub fn failures(&self) -> impl Iterator<Item = &CheckEntry> + '_ {
        self.entries.iter().filter(|entry| !entry.ok)
    }
}

/// One line per entry, as rendered by [`CheckEntry`]'s `Display`.
impl fmt::Display for CheckReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (entry_idx, entry) in self.entries.iter().enumerate() {
            if entry_idx > 0 {
                writeln!(f)?;
            }
            write!(f, "{entry}")?;
        }
        Ok(())
    }
}

/// Why a check could not be carried out.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CheckError {
    /// The gradient closure returned a vector of the wrong length, at the
    /// point itself or at one of its perturbations.
    #[error(
        "the gradient closure returned a vector of length {actual}, expected {expected} (one entry per variable)"
    )]
    GradientLength {
        /// The number of variables.
        expected: usize,
        /// The length the closure returned.
        actual: usize,
    },
    /// The Hessian closure returned the wrong number of rows.
    #[error(
        "the Hessian closure returned a matrix with row count {actual}, expected {expected} (one row per variable)"
    )]
    HessianRows {
        /// The number of variables.
        expected: usize,
        /// The number of rows the closure returned.
        actual: usize,
    },
    /// A row of the Hessian has the wrong length.
    #[error(
        "row {row} of the Hessian has length {actual}, expected {expected} (one entry per variable)"
    )]
    HessianRowLength {
        /// The index of the offending row.
        row: usize,
        /// The number of variables.
        expected: usize,
        /// The row's length.
        actual: usize,
    },
    /// An option is out of range: `eps` must be finite and positive, `rtol`
    /// and `atol` finite and non-negative.
    #[error("option `{name}` must be {requirement}, got {value}")]
    InvalidOption {
        /// The option's field name.
        name: &'static str,
        /// What the option must be.
        requirement: &'static str,
        /// The rejected value.
        value: f64,
    },
}

fn validate(options: &CheckOptions) -> Result<(), CheckError> {
    let invalid = |name, requirement, value| CheckError::InvalidOption {
        name,
        requirement,
        value,
    };
    if !(options.eps.is_finite() && options.eps > 0.0) {
        return Err(invalid("eps", "finite and positive", options.eps));
    }
    if !(options.rtol.is_finite() && options.rtol >= 0.0) {
        return Err(invalid("rtol", "finite and non-negative", options.rtol));
    }
    if !(options.atol.is_finite() && options.atol >= 0.0) {
        return Err(invalid("atol", "finite and non-negative", options.atol));
    }
    Ok(())
}

fn expect_gradient_length(gradient: &[f64], n_vars: usize) -> Result<(), CheckError> {
    if gradient.len() == n_vars {
        Ok(())
    } else {
        Err(CheckError::GradientLength {
            expected: n_vars,
            actual: gradient.len(),
        })
    }
}

/// Checks `gradient` against central differences of `f` at `point`.
///
/// Returns one [`EntryKind::Gradient`] entry per variable. See the module
/// documentation for the step and pass rules.
///
/// # Errors
///
/// [`CheckError::GradientLength`] if `gradient` returns a vector whose length
/// differs from `point.len()`; [`CheckError::InvalidOption`] for out-of-range options.
pub fn check_gradient(
    f: impl Fn(&[f64]) -> f64,
    gradient: impl Fn(&[f64]) -> Vec<f64>,
    point: &[f64],
    options: &CheckOptions,
) -> Result<CheckReport, CheckError> {
    validate(options)?;
    let analytic = gradient(point);
    expect_gradient_length(&analytic, point.len())?;
    let numeric = central_difference_gradient(f, point, options.eps);
    let entries = analytic
        .iter()
        .zip(&numeric)
        .enumerate()
        .map(|(var_idx, (&analytic, &numeric))| {
            CheckEntry::new(
                EntryKind::Gradient,
                vec![var_idx],
                analytic,
                numeric,
                options,
            )
        })
        .collect();
    Ok(CheckReport { entries })
}

/// Checks `hessian` against central differences of `gradient` at `point`.
///
/// Returns one [`EntryKind::Hessian`] entry for each `i <= j` (the upper
/// triangle with the diagonal, in row-major order). The analytic value is
/// `hessian(point)[i][j]`; the lower triangle is checked for shape but its
/// values are not read. The numeric value is symmetrised,
/// `(dg_i/dx_j + dg_j/dx_i) / 2`, which halves the effect of an error in one
/// gradient entry but never hides it.
///
/// # Errors
///
/// [`CheckError::GradientLength`] if `gradient` returns a vector of the wrong
/// length at the point or any perturbation of it; [`CheckError::HessianRows`]
/// or [`CheckError::HessianRowLength`] if `hessian` is not `n × n`;
/// [`CheckError::InvalidOption`] for out-of-range options.
pub fn check_hessian(
    gradient: impl Fn(&[f64]) -> Vec<f64>,
    hessian: impl Fn(&[f64]) -> Vec<Vec<f64>>,
    point: &[f64],
    options: &CheckOptions,
) -> Result<CheckReport, CheckError> {
    validate(options)?;
    let n_vars = point.len();
    let analytic = hessian(point);
    if analytic.len() != n_vars {
        return Err(CheckError::HessianRows {
            expected: n_vars,
            actual: analytic.len(),
        });
    }
    if let Some((row, row_values)) = analytic
        .iter()
        .enumerate()
        .find(|(_, row_values)| row_values.len() != n_vars)
    {
        return Err(CheckError::HessianRowLength {
            row,
            expected: n_vars,
            actual: row_values.len(),
        });
    }
    expect_gradient_length(&gradient(point), n_vars)?;
    let jacobian = central_difference_jacobian(gradient, point, options.eps)?;
    let mut entries = Vec::with_capacity(n_vars * (n_vars + 1) / 2);
    for (row, analytic_row) in analytic.iter().enumerate() {
        for (col, &analytic_value) in analytic_row.iter().enumerate().skip(row) {
            let numeric = 0.5 * jacobian[row][col] + 0.5 * jacobian[col][row];
            entries.push(CheckEntry::new(
                EntryKind::Hessian,
                vec![row, col],
                analytic_value,
                numeric,
                options,
            ));
        }
    }
    Ok(CheckReport { entries })
}

/// Estimates the gradient of `f` at `point` by central differences, with the
/// step rule of the module documentation: `h_i = eps * max(1, |x_i|)`,
/// dividing by the representable step `(x_i + h_i) - (x_i - h_i)`.
///
/// Makes `2 * point.len()` calls to `f`. A non-finite coordinate or an `eps`
/// that is not finite and positive yields NaN (or infinite) entries rather
/// than a panic.
pub fn central_difference_gradient(f: impl Fn(&[f64]) -> f64, point: &[f64], eps: f64) -> Vec<f64> {
    let mut scratch = point.to_vec();
    (0..point.len())
        .map(|var_idx| {
            let (f_plus, f_minus, span) = evaluate_on_both_sides(&f, &mut scratch, var_idx, eps);
            (f_plus - f_minus) / span
        })
        .collect()
}

/// The Jacobian of `gradient` by central differences: `jacobian[i][j]` estimates `dg_i/dx_j`.
fn central_difference_jacobian(
    gradient: impl Fn(&[f64]) -> Vec<f64>,
    point: &[f64],
    eps: f64,
) -> Result<Vec<Vec<f64>>, CheckError> {
    let n_vars = point.len();
    let mut jacobian = vec![vec![0.0; n_vars]; n_vars];
    let mut scratch = point.to_vec();
    for col in 0..n_vars {
        let (g_plus, g_minus, span) = evaluate_on_both_sides(&gradient, &mut scratch, col, eps);
        expect_gradient_length(&g_plus, n_vars)?;
        expect_gradient_length(&g_minus, n_vars)?;
        for (row, jacobian_row) in jacobian.iter_mut().enumerate() {
            jacobian_row[col] = (g_plus[row] - g_minus[row]) / span;
        }
    }
    Ok(jacobian)
}

/// Evaluates `f` at `scratch` with coordinate `var_idx` moved up and down by
/// the step rule, restores the coordinate, and returns
/// `(f(x + h), f(x - h), representable span)`.
fn evaluate_on_both_sides<T>(
    f: impl Fn(&[f64]) -> T,
    scratch: &mut [f64],
    var_idx: usize,
    eps: f64,
) -> (T, T, f64) {
    let original = scratch[var_idx];
    let step = eps * original.abs().max(1.0);
    let (upper, lower) = (original + step, original - step);
    scratch[var_idx] = upper;
    let value_plus = f(scratch);
    scratch[var_idx] = lower;
    let value_minus = f(scratch);
    scratch[var_idx] = original;
    (value_plus, value_minus, upper - lower)
}

/// Checks the symbolic gradient and Hessian of `expr` over `vars` at `point`
/// (one value per variable, in the order of `vars`) against central
/// differences, evaluating everything through compiled tapes: gradient
/// entries first, then the Hessian's upper triangle.
pub fn check_expr(
    expr: &crate::Expr,
    vars: &[&str],
    point: &[f64],
    options: &CheckOptions,
) -> Result<CheckReport, crate::Error> {
    let n_vars = vars.len();
    let gradient = expr.gradient(vars);
    let hessian: Vec<crate::Expr> = expr.hessian(vars).into_iter().flatten().collect();
    let value_tape = crate::Expr::compile(std::slice::from_ref(expr), vars)?;
    let gradient_tape = crate::Expr::compile(&gradient, vars)?;
    let hessian_tape = crate::Expr::compile(&hessian, vars)?;
    let run = |tape: &crate::compile::Tape, at: &[f64], n_outputs: usize| {
        let mut outputs = vec![f64::NAN; n_outputs];
        // The tapes read exactly `vars`, so only a point of the wrong length
        // can fail, and then every output stays NaN and every entry fails.
        let _ = tape.eval(at, &mut outputs);
        outputs
    };
    let value = |at: &[f64]| run(&value_tape, at, 1)[0];
    let gradient = |at: &[f64]| run(&gradient_tape, at, n_vars);
    let hessian = |at: &[f64]| {
        let flat = run(&hessian_tape, at, n_vars * n_vars);
        flat.chunks(n_vars.max(1)).map(<[f64]>::to_vec).collect()
    };
    if point.len() != n_vars {
        return Err(crate::Error::WrongInputLength {
            expected: n_vars,
            found: point.len(),
        });
    }
    let mut report = check_gradient(value, gradient, point, options)?;
    report
        .entries
        .extend(check_hessian(gradient, hessian, point, options)?.entries);
    Ok(report)
}
