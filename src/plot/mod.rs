//! `symdiff plot`: the axes and the range (`mod.rs`), the function and its
//! derivatives as curves with jumps and gaps (`curves.rs`), and contour
//! lines with gradient arrows and critical points (`contour.rs`), drawn
//! with plotters' SVG backend into a string.

pub(crate) mod contour;
pub(crate) mod curves;

use crate::diagnostics::Mistake;
use crate::error::CliError;
use crate::point::Point;
use symdiff::Expr;
use symdiff::compile::Tape;

/// The size of the picture in pixels.
const SIZE: (u32, u32) = (900, 600);

/// A finished picture and a line saying what it shows.
#[derive(Debug)]
pub(crate) struct Drawing {
    pub(crate) svg: String,
    pub(crate) summary: String,
}

/// An interval of an axis, `FROM:TO` with FROM < TO, both finite.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Range {
    pub(crate) from: f64,
    pub(crate) to: f64,
}

impl Range {
    pub(crate) fn parse(text: &str) -> Result<Range, CliError> {
        let error = |mistake: Mistake, span| mistake.in_flag("--range", text, span);
        let Some((from_text, to_text)) = text.split_once(':') else {
            return Err(error(Mistake::ExpectedRange, 0..text.len().max(1)));
        };
        let number = |piece: &str, start: usize| -> Result<f64, CliError> {
            let span = start..start + piece.len().max(1);
            match piece.trim().parse::<f64>() {
                Ok(value) if value.is_finite() => Ok(value),
                Ok(_) => Err(error(Mistake::InfiniteBound, span)),
                Err(_) => {
                    let text = piece.to_owned();
                    Err(error(Mistake::NotABound { text }, span))
                }
            }
        };
        let from = number(from_text, 0)?;
        let to = number(to_text, from_text.len() + 1)?;
        if from >= to {
            return Err(error(Mistake::EmptyRange, 0..text.len()));
        }
        // The axis's width must be a number too: plotting's tick marks
        // never end on an infinite one.
        if !(to - from).is_finite() {
            return Err(error(Mistake::RangeTooWide, 0..text.len()));
        }
        Ok(Range { from, to })
    }

    /// `n` evenly spaced points from `from` to `to`.
    pub(crate) fn samples(self, n: usize) -> Vec<f64> {
        let last = n.saturating_sub(1).max(1) as f64;
        (0..n)
            .map(|index| self.from + (self.to - self.from) * index as f64 / last)
            .collect()
    }
}

/// The plotted variables and the values of the others: a point of the
/// picture becomes the inputs of a tape over all the variables.
#[derive(Debug)]
pub(crate) struct Axes {
    pub(crate) expr: Expr,
    /// The plotted variables' names.
    pub(crate) names: Vec<String>,
    /// Every variable of the expression, in order: the tapes' inputs.
    inputs: Vec<String>,
    /// The inputs, with the fixed values filled in.
    fixed: Vec<f64>,
    /// Where each plotted variable sits among the inputs.
    slots: Vec<usize>,
}

impl Axes {
    pub(crate) fn new(expr: &Expr, names: Vec<String>, point: &Point) -> Result<Axes, CliError> {
        let inputs = expr.variables();
        let others: Vec<String> = inputs
            .iter()
            .filter(|name| !names.contains(name))
            .cloned()
            .collect();
        let values = point.values_for(&others)?;
        let fixed = inputs
            .iter()
            .map(|name| {
                others
                    .iter()
                    .position(|other| other == name)
                    .map_or(0.0, |index| values[index])
            })
            .collect();
        let slots = names
            .iter()
            .map(|name| inputs.iter().position(|input| input == name).unwrap_or(0))
            .collect();
        Ok(Axes {
            expr: expr.clone(),
            names,
            inputs,
            fixed,
            slots,
        })
    }

    /// A tape computing `outputs` from the inputs.
    pub(crate) fn compile(&self, outputs: &[Expr]) -> Result<Tape, CliError> {
        let inputs: Vec<&str> = self.inputs.iter().map(String::as_str).collect();
        Ok(Expr::compile(outputs, &inputs)?)
    }

    /// The outputs of `tape` at the plotted coordinates `at`.
    pub(crate) fn eval(&self, tape: &Tape, at: &[f64], outputs: &mut [f64]) {
        let mut inputs = self.fixed.clone();
        for (&slot, &value) in self.slots.iter().zip(at) {
            inputs[slot] = value;
        }
        outputs.fill(f64::NAN);
        // The inputs have the tape's length, so evaluation cannot fail; if
        // it did, the outputs would stay NaN and be left blank.
        let _ = tape.eval(&inputs, outputs);
    }
}

/// A formula for a legend, shortened when long.
pub(crate) fn legend_formula(expr: &Expr) -> String {
    const MAX_CHARS: usize = 70;
    let text = expr.to_string();
    match text.chars().count() > MAX_CHARS {
        true => format!("{}…", text.chars().take(MAX_CHARS).collect::<String>()),
        false => text,
    }
}

/// The legend of either kind of plot: upper left, on a pale box.
pub(crate) fn draw_legend<'a, DB: plotters::prelude::DrawingBackend + 'a>(
    chart: &mut plotters::prelude::ChartContext<
        'a,
        DB,
        plotters::prelude::Cartesian2d<
            plotters::coord::types::RangedCoordf64,
            plotters::coord::types::RangedCoordf64,
        >,
    >,
) -> Result<(), CliError> {
    use plotters::prelude::{BLACK, Color, IntoFont, SeriesLabelPosition, WHITE};
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font(("sans-serif", 15).into_font())
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK)
        .draw()
        .map_err(drawing_error)
}

/// A plotters failure (drawing into a string, so only a bug).
pub(crate) fn drawing_error<E: std::fmt::Debug>(error: E) -> CliError {
    Mistake::Internal {
        what: format!("drawing failed: {error:?}"),
    }
    .into()
}
