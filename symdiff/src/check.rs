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
//!
//! # Rounding
//!
//! A central difference of values near `f` cannot resolve a change below
//! their rounding error: `x^2 + 1e12` at `x = 1` moves by `4e-6` over the
//! step, less than one unit in the last place of `1e12`, and the difference
//! is 0. Each value `v` the difference reads is taken to be off by
//! `rounding * |v|` ([`CheckOptions::rounding`], one `f64::EPSILON` by
//! default), so the quotient is off by up to
//! `rounding_err = rounding * (|f(x + h)| + |f(x - h)|) / span`. An entry that
//! fails the pass rule but would pass with the numeric value moved by up to
//! `rounding_err` is [`Status::Inconclusive`] (a larger `eps` may decide it),
//! not a failure. So is an entry whose difference quotient is NaN while its
//! analytic value is a number (a step that leaves the domain, `log(x)` at
//! `x = 1e-7`: a smaller `eps` may decide it).
//!
//! # Domain edges and kinks
//!
//! A difference quotient that steps across a kink of the function (`abs(x)`
//! at `x = 1e-7`, a `relu`, a `where`) measures neither side's slope. When
//! the one-sided quotients, `(f(x + h) - f(x)) / h` and
//! `(f(x) - f(x - h)) / h`, disagree by more than the pass rule allows and
//! the analytic value agrees with one of them, a failing entry is
//! [`Status::Inconclusive`] instead ([`CheckEntry::one_sided`] holds the
//! two): a smaller `eps` may decide it. A wrong derivative agrees with
//! neither. Likewise [`check_hessian_in_domain`], given the function too,
//! takes no difference of the gradient across a point where the function is
//! not finite: the gradient of `log(x)`, `1/x`, is a number on both sides of
//! 0, but a quotient that reads it at `x - h < 0` compares the Hessian with
//! a function that does not exist there.
//!
//! A function that is not finite at the point has no central difference:
//! [`check_gradient`] and [`check_expr`] then check nothing and say so
//! ([`CheckReport::not_finite`]).

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
    /// The relative rounding error taken for each value a central difference
    /// reads (see the module documentation). Must be finite and non-negative.
    pub rounding: f64,
}

impl CheckOptions {
    /// PyTorch's `gradcheck` defaults, `eps = 1e-6`, `rtol = 1e-3`,
    /// `atol = 1e-5`, and `rounding = f64::EPSILON`.
    pub const DEFAULT: Self = Self {
        eps: 1e-6,
        rtol: 1e-3,
        atol: 1e-5,
        rounding: f64::EPSILON,
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

/// Whether an entry passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// The analytic value agrees with the central difference.
    Pass,
    /// It does not, beyond the central difference's rounding error.
    Fail,
    /// It does not, but the difference cannot tell: within its rounding
    /// error (try a larger `eps`), without a quotient (a step out of the
    /// domain) or across a kink (try a smaller `eps`).
    Inconclusive,
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Status::Pass => "ok",
            Status::Fail => "FAIL",
            Status::Inconclusive => "inconclusive",
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
/// - Otherwise the entry passes when `abs_err <= atol + rtol * |numeric|`,
///   and is inconclusive rather than failing when it would pass with
///   `numeric` moved by up to `rounding_err`:
///   `abs_err - rounding_err <= atol + rtol * (|numeric| + rounding_err)`.
/// - A failing entry whose analytic value agrees with one of the one-sided
///   quotients while they disagree with each other is inconclusive too (a
///   kink within the step, see [`CheckEntry::one_sided`]).
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
    /// How far rounding of the values it reads may move `numeric` (see the
    /// module documentation).
    pub rounding_err: f64,
    /// The forward and backward difference quotients, when they disagree and
    /// the analytic value agrees with one of them: a kink lies within the
    /// step, and the entry is inconclusive rather than failing (see the
    /// module documentation).
    pub one_sided: Option<[f64; 2]>,
    /// Whether the entry passes the tolerance rule.
    pub status: Status,
}

impl CheckEntry {
    fn new(
        kind: EntryKind,
        index: Vec<usize>,
        analytic: f64,
        quotients: Quotients,
        options: &CheckOptions,
    ) -> Self {
        let numeric = quotients.central;
        let rounding_err = quotients.rounding_err;
        let (abs_err, rel_err, mut status) = compare(analytic, numeric, rounding_err, options);
        let across_kink = status == Status::Fail && quotients.across_kink(analytic, options);
        if across_kink {
            status = Status::Inconclusive;
        }
        Self {
            kind,
            index,
            analytic,
            numeric,
            abs_err,
            rel_err,
            rounding_err,
            one_sided: across_kink.then_some([quotients.forward, quotients.backward]),
            status,
        }
    }

    /// Whether the entry passes.
    pub fn ok(&self) -> bool {
        self.status == Status::Pass
    }
}

/// Compares one pair of values under the rules documented on [`CheckEntry`],
/// returning `(abs_err, rel_err, status)`.
fn compare(
    analytic: f64,
    numeric: f64,
    rounding_err: f64,
    options: &CheckOptions,
) -> (f64, f64, Status) {
    if analytic.is_nan() {
        return (f64::NAN, f64::NAN, Status::Fail);
    }
    // No difference quotient to compare with (`log(x)` at x = 1e-7 with a
    // step of 1e-6 leaves its domain): a smaller `eps` may decide it.
    if numeric.is_nan() {
        return (f64::NAN, f64::NAN, Status::Inconclusive);
    }
    if analytic.is_infinite() || numeric.is_infinite() {
        return if analytic == numeric {
            (0.0, 0.0, Status::Pass)
        } else {
            (f64::INFINITY, f64::INFINITY, Status::Fail)
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
    let status = if within(analytic, numeric, 0.0, options) {
        Status::Pass
    } else if within(analytic, numeric, rounding_err, options) {
        Status::Inconclusive
    } else {
        Status::Fail
    };
    (abs_err, rel_err, status)
}

/// Whether `value` passes against `numeric` moved by up to `rounding_err`
/// (the pass rule when it is 0).
fn within(value: f64, numeric: f64, rounding_err: f64, options: &CheckOptions) -> bool {
    let allowed = options.atol + options.rtol * (numeric.abs() + rounding_err);
    (value - numeric).abs() - rounding_err <= allowed
}

/// The difference quotients of one derivative at a point: central, and on
/// each side, each with the rounding error of the values it reads.
#[derive(Debug, Clone, Copy)]
struct Quotients {
    central: f64,
    rounding_err: f64,
    forward: f64,
    backward: f64,
    one_sided_rounding_err: f64,
}

impl Quotients {
    /// The quotients of a function worth `plus`, `at` and `minus` at the
    /// point moved by `steps`, reading values off by `rounding` each.
    fn new([plus, at, minus]: [f64; 3], steps: Steps, rounding: f64) -> Self {
        let one_sided = |step: f64| rounding * (plus.abs().max(minus.abs()) + at.abs()) / step;
        Quotients {
            central: (plus - minus) / steps.span,
            rounding_err: rounding * (plus.abs() + minus.abs()) / steps.span,
            forward: (plus - at) / steps.up,
            backward: (at - minus) / steps.down,
            one_sided_rounding_err: one_sided(steps.up.min(steps.down)),
        }
    }

    /// No quotient: a step leaves the function's domain.
    const NONE: Quotients = Quotients {
        central: f64::NAN,
        rounding_err: f64::NAN,
        forward: f64::NAN,
        backward: f64::NAN,
        one_sided_rounding_err: f64::NAN,
    };

    /// The mean of two derivatives' quotients (a symmetrised Hessian entry).
    fn mean(self, other: Quotients) -> Quotients {
        let mean = |a: f64, b: f64| 0.5 * a + 0.5 * b;
        Quotients {
            central: mean(self.central, other.central),
            rounding_err: mean(self.rounding_err, other.rounding_err),
            forward: mean(self.forward, other.forward),
            backward: mean(self.backward, other.backward),
            one_sided_rounding_err: mean(self.one_sided_rounding_err, other.one_sided_rounding_err),
        }
    }

    /// Whether a kink within the step explains why `analytic` fails: the
    /// one-sided quotients disagree, and `analytic` agrees with one of them.
    fn across_kink(&self, analytic: f64, options: &CheckOptions) -> bool {
        let rounding_err = self.one_sided_rounding_err;
        let agrees = |a: f64, b: f64| within(a, b, rounding_err, options);
        !agrees(self.forward, self.backward)
            && (agrees(analytic, self.forward) || agrees(analytic, self.backward))
    }
}

/// Renders e.g. `gradient[0] ok: analytic 0.5, numeric 0.5`; for a failing
/// entry, `gradient[0] FAIL: analytic 0.25, numeric 0.5 (abs_err 0.25, rel_err 0.5)`;
/// for an inconclusive one,
/// `gradient[0] inconclusive: analytic 2.0, numeric 0.0 (abs_err 2.0, within rounding_err 222.0)`.
/// Values are rounded to 6 significant digits and errors to 3.
impl fmt::Display for CheckEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let index: Vec<String> = self.index.iter().map(ToString::to_string).collect();
        write!(
            f,
            "{}[{}] {}: analytic {:?}, numeric {:?}",
            self.kind,
            index.join(", "),
            self.status,
            crate::print::round_significant(self.analytic, 6),
            crate::print::round_significant(self.numeric, 6),
        )?;
        match self.status {
            Status::Pass => Ok(()),
            Status::Fail => write!(
                f,
                " (abs_err {:?}, rel_err {:?})",
                crate::print::round_significant(self.abs_err, 3),
                crate::print::round_significant(self.rel_err, 3),
            ),
            Status::Inconclusive if self.numeric.is_nan() => {
                write!(f, " (no difference quotient: not a number at a step)")
            }
            Status::Inconclusive if self.one_sided.is_some() => {
                let [forward, backward] = self.one_sided.unwrap_or_default();
                write!(
                    f,
                    " (one-sided {:?} and {:?}: a kink within the step)",
                    crate::print::round_significant(forward, 6),
                    crate::print::round_significant(backward, 6),
                )
            }
            Status::Inconclusive => write!(
                f,
                " (abs_err {:?}, within rounding_err {:?})",
                crate::print::round_significant(self.abs_err, 3),
                crate::print::round_significant(self.rounding_err, 3),
            ),
        }
    }
}

/// The outcome of a check: one entry per compared derivative.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CheckReport {
    /// Gradient entries in index order, or Hessian entries of the upper
    /// triangle in row-major order.
    pub entries: Vec<CheckEntry>,
    /// The function's value at the point when it is not finite: then there
    /// is no central difference, nothing is checked and `entries` is empty
    /// ([`check_gradient`], [`check_hessian_in_domain`] and [`check_expr`]
    /// only).
    pub not_finite: Option<f64>,
}

impl CheckReport {
    /// Whether the function is finite and every entry passes. A report with
    /// no entries (no variables) passes.
    pub fn ok(&self) -> bool {
        self.not_finite.is_none() && self.entries.iter().all(CheckEntry::ok)
    }

    /// The entries that fail.
    pub fn failures(&self) -> impl Iterator<Item = &CheckEntry> + '_ {
        self.with_status(Status::Fail)
    }

    /// The entries that are inconclusive.
    pub fn inconclusive(&self) -> impl Iterator<Item = &CheckEntry> + '_ {
        self.with_status(Status::Inconclusive)
    }

    fn with_status(&self, status: Status) -> impl Iterator<Item = &CheckEntry> + '_ {
        self.entries
            .iter()
            .filter(move |entry| entry.status == status)
    }
}

/// One line per entry, as rendered by [`CheckEntry`]'s `Display`, or
/// `nothing to check: f is not finite at the point (NaN)`.
impl fmt::Display for CheckReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(value) = self.not_finite {
            return write!(
                f,
                "nothing to check: f is not finite at the point ({value})"
            );
        }
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
    /// An option is out of range: `eps` must be finite and positive, `rtol`,
    /// `atol` and `rounding` finite and non-negative.
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
    if !(options.rounding.is_finite() && options.rounding >= 0.0) {
        return Err(invalid(
            "rounding",
            "finite and non-negative",
            options.rounding,
        ));
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
/// The point may be an array, a slice or a `Vec`, and `gradient` may return
/// any of them (`[f64; N]` is what `#[derive_grad]`'s `NAME_grad` returns).
/// Returns one [`EntryKind::Gradient`] entry per variable, or, when `f` is
/// not finite at `point`, no entry and [`CheckReport::not_finite`]. See the
/// module documentation for the step, pass and rounding rules.
///
/// ```
/// use symdiff::check::{CheckOptions, check_gradient};
///
/// let f = |p: &[f64]| p[0] * p[0] * p[1];
/// let gradient = |p: &[f64]| [2.0 * p[0] * p[1], p[0] * p[0]];
/// let report = check_gradient(f, gradient, [3.0, 0.5], &CheckOptions::default())?;
/// assert!(report.ok());
/// # Ok::<(), symdiff::check::CheckError>(())
/// ```
///
/// # Errors
///
/// [`CheckError::GradientLength`] if `gradient` returns a vector whose length
/// differs from `point.len()`; [`CheckError::InvalidOption`] for out-of-range options.
pub fn check_gradient<G: AsRef<[f64]>>(
    f: impl Fn(&[f64]) -> f64,
    gradient: impl Fn(&[f64]) -> G,
    point: impl AsRef<[f64]>,
    options: &CheckOptions,
) -> Result<CheckReport, CheckError> {
    validate(options)?;
    let point = point.as_ref();
    let analytic = gradient(point);
    let analytic = analytic.as_ref();
    expect_gradient_length(analytic, point.len())?;
    let value = f(point);
    if !value.is_finite() {
        return Ok(CheckReport {
            entries: Vec::new(),
            not_finite: Some(value),
        });
    }
    let mut scratch = point.to_vec();
    let entries = analytic
        .iter()
        .enumerate()
        .map(|(var_idx, &analytic)| {
            let (f_plus, f_minus, steps) =
                evaluate_on_both_sides(&f, &mut scratch, var_idx, options.eps);
            let quotients = Quotients::new([f_plus, value, f_minus], steps, options.rounding);
            CheckEntry::new(
                EntryKind::Gradient,
                vec![var_idx],
                analytic,
                quotients,
                options,
            )
        })
        .collect();
    Ok(CheckReport {
        entries,
        not_finite: None,
    })
}

/// Checks `hessian` against central differences of `gradient` at `point`.
/// Both may return vectors or arrays (`[f64; N]`, `[[f64; N]; N]`, what
/// `#[derive_grad]` generates), as `check_gradient`'s gradient may. Where
/// the function may leave its domain within a step (`log`, `sqrt`, powers),
/// prefer [`check_hessian_in_domain`], which is given the function too.
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
pub fn check_hessian<G, H, R>(
    gradient: impl Fn(&[f64]) -> G,
    hessian: impl Fn(&[f64]) -> H,
    point: impl AsRef<[f64]>,
    options: &CheckOptions,
) -> Result<CheckReport, CheckError>
where
    G: AsRef<[f64]>,
    H: AsRef<[R]>,
    R: AsRef<[f64]>,
{
    check_hessian_in_domain(|_| 0.0, gradient, hessian, point, options)
}

/// Like [`check_hessian`], given the function `f` too: a difference of the
/// gradient that steps to where `f` is not finite (out of its domain, as
/// `log(x)` at `x - h < 0`, whose gradient `1/x` is a number there) is no
/// difference, and the entries that read it are inconclusive instead of
/// failing (see the module documentation).
///
/// ```
/// use symdiff::check::{CheckOptions, Status, check_hessian_in_domain};
///
/// let f = |p: &[f64]| p[0].ln();
/// let gradient = |p: &[f64]| [1.0 / p[0]];
/// let hessian = |p: &[f64]| [[-1.0 / (p[0] * p[0])]];
/// let report = check_hessian_in_domain(f, gradient, hessian, [1e-7], &CheckOptions::default())?;
/// assert_eq!(report.entries[0].status, Status::Inconclusive);
/// # Ok::<(), symdiff::check::CheckError>(())
/// ```
///
/// Where `f` is not finite at `point`, nothing is checked
/// ([`CheckReport::not_finite`]), as in [`check_gradient`].
///
/// # Errors
///
/// As [`check_hessian`].
pub fn check_hessian_in_domain<G, H, R>(
    f: impl Fn(&[f64]) -> f64,
    gradient: impl Fn(&[f64]) -> G,
    hessian: impl Fn(&[f64]) -> H,
    point: impl AsRef<[f64]>,
    options: &CheckOptions,
) -> Result<CheckReport, CheckError>
where
    G: AsRef<[f64]>,
    H: AsRef<[R]>,
    R: AsRef<[f64]>,
{
    validate(options)?;
    let point = point.as_ref();
    let n_vars = point.len();
    let analytic = hessian(point);
    let analytic: Vec<&[f64]> = analytic.as_ref().iter().map(AsRef::as_ref).collect();
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
    let value = f(point);
    if !value.is_finite() {
        expect_gradient_length(gradient(point).as_ref(), n_vars)?;
        return Ok(CheckReport {
            entries: Vec::new(),
            not_finite: Some(value),
        });
    }
    let jacobian = difference_jacobian(f, gradient, point, options)?;
    let mut entries = Vec::with_capacity(n_vars * (n_vars + 1) / 2);
    for (row, analytic_row) in analytic.iter().enumerate() {
        for (col, &analytic_value) in analytic_row.iter().enumerate().skip(row) {
            let quotients = jacobian[row][col].mean(jacobian[col][row]);
            entries.push(CheckEntry::new(
                EntryKind::Hessian,
                vec![row, col],
                analytic_value,
                quotients,
                options,
            ));
        }
    }
    Ok(CheckReport {
        entries,
        not_finite: None,
    })
}

/// Estimates the gradient of `f` at `point` by central differences, with the
/// step rule of the module documentation: `h_i = eps * max(1, |x_i|)`,
/// dividing by the representable step `(x_i + h_i) - (x_i - h_i)`.
///
/// Makes `2 * point.len()` calls to `f`. A non-finite coordinate or an `eps`
/// that is not finite and positive yields NaN (or infinite) entries rather
/// than a panic.
pub fn central_difference_gradient(
    f: impl Fn(&[f64]) -> f64,
    point: impl AsRef<[f64]>,
    eps: f64,
) -> Vec<f64> {
    let point = point.as_ref();
    let mut scratch = point.to_vec();
    (0..point.len())
        .map(|var_idx| {
            let (f_plus, f_minus, steps) = evaluate_on_both_sides(&f, &mut scratch, var_idx, eps);
            (f_plus - f_minus) / steps.span
        })
        .collect()
}

/// The difference quotients of `gradient`, `jacobian[i][j]` estimating
/// `dg_i/dx_j`; none in a column whose steps leave the domain of `f`.
fn difference_jacobian<G: AsRef<[f64]>>(
    f: impl Fn(&[f64]) -> f64,
    gradient: impl Fn(&[f64]) -> G,
    point: &[f64],
    options: &CheckOptions,
) -> Result<Vec<Vec<Quotients>>, CheckError> {
    let n_vars = point.len();
    let at = gradient(point);
    let at = at.as_ref();
    expect_gradient_length(at, n_vars)?;
    let mut jacobian = vec![vec![Quotients::NONE; n_vars]; n_vars];
    let mut scratch = point.to_vec();
    let both = |at: &[f64]| (gradient(at), f(at).is_finite());
    for col in 0..n_vars {
        let ((g_plus, in_plus), (g_minus, in_minus), steps) =
            evaluate_on_both_sides(both, &mut scratch, col, options.eps);
        let (g_plus, g_minus) = (g_plus.as_ref(), g_minus.as_ref());
        expect_gradient_length(g_plus, n_vars)?;
        expect_gradient_length(g_minus, n_vars)?;
        if !(in_plus && in_minus) {
            continue;
        }
        for (row, values) in jacobian.iter_mut().enumerate() {
            let read = [g_plus[row], at[row], g_minus[row]];
            values[col] = Quotients::new(read, steps, options.rounding);
        }
    }
    Ok(jacobian)
}

/// How far a coordinate moved each way, as represented: the quotients divide
/// by these rather than by the step asked for.
#[derive(Debug, Clone, Copy)]
struct Steps {
    up: f64,
    down: f64,
    span: f64,
}

/// Evaluates `f` at `scratch` with coordinate `var_idx` moved up and down by
/// the step rule, restores the coordinate, and returns
/// `(f(x + h), f(x - h), the steps taken)`.
fn evaluate_on_both_sides<T>(
    f: impl Fn(&[f64]) -> T,
    scratch: &mut [f64],
    var_idx: usize,
    eps: f64,
) -> (T, T, Steps) {
    let original = scratch[var_idx];
    let step = eps * original.abs().max(1.0);
    let (upper, lower) = (original + step, original - step);
    scratch[var_idx] = upper;
    let value_plus = f(scratch);
    scratch[var_idx] = lower;
    let value_minus = f(scratch);
    scratch[var_idx] = original;
    let steps = Steps {
        up: upper - original,
        down: original - lower,
        span: upper - lower,
    };
    (value_plus, value_minus, steps)
}

/// Checks the symbolic gradient and Hessian of `expr` over `vars` at `point`
/// (one value per variable, in the order of `vars`) against central
/// differences, evaluating everything through compiled tapes: gradient
/// entries first, then the Hessian's upper triangle. Where `expr` is not
/// finite at `point`, nothing is checked ([`CheckReport::not_finite`]).
pub fn check_expr(
    expr: &crate::Expr,
    vars: &[&str],
    point: impl AsRef<[f64]>,
    options: &CheckOptions,
) -> Result<CheckReport, crate::Error> {
    let point = point.as_ref();
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
        flat.chunks(n_vars.max(1))
            .map(<[f64]>::to_vec)
            .collect::<Vec<_>>()
    };
    if point.len() != n_vars {
        return Err(crate::Error::WrongInputLength {
            expected: n_vars,
            found: point.len(),
        });
    }
    let mut report = check_gradient(value, gradient, point, options)?;
    if report.not_finite.is_none() {
        let hessian = check_hessian_in_domain(value, gradient, hessian, point, options)?;
        report.entries.extend(hessian.entries);
    }
    Ok(report)
}
