//! The function and its derivatives on one chart. Each curve is sampled on
//! a fine grid and drawn as segments: a sample that is NaN or infinite ends
//! a segment (`log(x)` left of 0 is blank), and so does a jump, found by
//! bisecting a large step until it either shrinks (a steep but continuous
//! stretch) or stays (`heaviside`, `sign`: a jump, drawn as one).

use super::{Axes, Drawing, Range, SIZE, drawing_error, legend_formula};
use crate::error::CliError;
use plotters::prelude::*;
use symdiff::compile::Tape;

/// Samples along the axis.
const SAMPLES: usize = 1001;

/// A step between samples larger than this fraction of the picture's height
/// is bisected to see whether it is a jump.
const STEP_TO_CHECK: f64 = 0.02;

/// Bisections of a large step before judging it.
const BISECTIONS: usize = 40;

/// The colors of the function and its first and second derivatives.
const COLORS: [RGBColor; 3] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
];

/// One curve: its legend and its pieces.
#[derive(Debug)]
struct Curve {
    label: String,
    color: RGBColor,
    segments: Vec<Vec<(f64, f64)>>,
}

pub(crate) fn draw(axes: &Axes, range: Range, n_derivatives: usize) -> Result<Drawing, CliError> {
    let var = axes.names.first().cloned().unwrap_or_default();
    let mut exprs = vec![axes.expr.clone()];
    for order in 1..=n_derivatives {
        exprs.push(axes.expr.try_diff_n(&var, order)?);
    }
    axes.expr.check_budget()?;
    let tape = axes.compile(&exprs)?;
    let xs = range.samples(SAMPLES);
    let mut values = vec![vec![f64::NAN; xs.len()]; exprs.len()];
    let mut outputs = vec![f64::NAN; exprs.len()];
    for (index, &x) in xs.iter().enumerate() {
        axes.eval(&tape, &[x], &mut outputs);
        for (curve, &value) in values.iter_mut().zip(&outputs) {
            curve[index] = value;
        }
    }
    let (low, high) = vertical_range(&values);
    let primes = ["", "'", "''"];
    let curves: Vec<Curve> = exprs
        .iter()
        .enumerate()
        .map(|(order, expr)| {
            let pieces = pieces(axes, &tape, order, &xs, &values[order], high - low);
            Curve {
                label: format!("f{}({var}) = {}", primes[order], legend_formula(expr)),
                color: COLORS[order],
                segments: pieces
                    .iter()
                    .flat_map(|piece| clip(piece, low, high))
                    .collect(),
            }
        })
        .collect();
    let svg = render(&curves, &var, range, (low, high))?;
    let n_segments: usize = curves.iter().map(|curve| curve.segments.len()).sum();
    Ok(Drawing {
        svg,
        summary: format!(
            "{} curve{} in {n_segments} piece{}",
            curves.len(),
            if curves.len() == 1 { "" } else { "s" },
            if n_segments == 1 { "" } else { "s" }
        ),
    })
}

/// The picture's vertical extent: the finite values from the 1st to the
/// 99th percentile (a pole does not squash the rest), with a margin.
fn vertical_range(values: &[Vec<f64>]) -> (f64, f64) {
    let mut finite: Vec<f64> = values
        .iter()
        .flatten()
        .copied()
        .filter(|v| v.is_finite())
        .collect();
    if finite.is_empty() {
        return (-1.0, 1.0);
    }
    finite.sort_by(f64::total_cmp);
    let at = |fraction: f64| finite[((finite.len() - 1) as f64 * fraction).round() as usize];
    // Values beyond a quarter of the largest number are clipped, so that
    // the axis's width and margins stay numbers (tick marks never end on
    // an infinite width).
    let clip = |value: f64| value.clamp(-f64::MAX / 4.0, f64::MAX / 4.0);
    let (low, high) = (clip(at(0.01)), clip(at(0.99)));
    let span = (high - low)
        .max(1e-9 * high.abs().max(1.0))
        .max(f64::MIN_POSITIVE);
    let margin = match high - low > 0.0 {
        true => 0.08 * span,
        false => 1.0_f64.max(high.abs() * 0.1),
    };
    (low - margin, high + margin)
}

/// The finite stretches of curve `output` between NaNs and jumps.
fn pieces(
    axes: &Axes,
    tape: &Tape,
    output: usize,
    xs: &[f64],
    ys: &[f64],
    height: f64,
) -> Vec<Vec<(f64, f64)>> {
    let mut pieces: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    for index in 0..xs.len() {
        let (x, y) = (xs[index], ys[index]);
        if !y.is_finite() {
            if !current.is_empty() {
                pieces.push(std::mem::take(&mut current));
            }
            continue;
        }
        if let Some(&(last_x, last_y)) = current.last()
            && (y - last_y).abs() > STEP_TO_CHECK * height
            && is_jump(axes, tape, output, (last_x, last_y), (x, y), height)
        {
            pieces.push(std::mem::take(&mut current));
        }
        current.push((x, y));
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}

/// Whether the curve jumps between two samples: bisecting towards the
/// larger half-step, a continuous curve's step shrinks with the interval.
fn is_jump(
    axes: &Axes,
    tape: &Tape,
    output: usize,
    (mut a, mut ya): (f64, f64),
    (mut b, mut yb): (f64, f64),
    height: f64,
) -> bool {
    let mut outputs = vec![f64::NAN; tape.outputs().len()];
    for _ in 0..BISECTIONS {
        let middle = 0.5 * (a + b);
        axes.eval(tape, &[middle], &mut outputs);
        let ym = outputs.get(output).copied().unwrap_or(f64::NAN);
        if !ym.is_finite() {
            return true;
        }
        match (ym - ya).abs() >= (yb - ym).abs() {
            true => (b, yb) = (middle, ym),
            false => (a, ya) = (middle, ym),
        }
    }
    (yb - ya).abs() > 0.5 * STEP_TO_CHECK * height
}

/// A piece cut to the picture's height, where it leaves and re-enters.
fn clip(piece: &[(f64, f64)], low: f64, high: f64) -> Vec<Vec<(f64, f64)>> {
    let inside = |y: f64| (low..=high).contains(&y);
    let crossing = |(x0, y0): (f64, f64), (x1, y1): (f64, f64)| {
        let edge = if y0.max(y1) > high { high } else { low };
        let t = (edge - y0) / (y1 - y0);
        (x0 + t * (x1 - x0), edge)
    };
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    let mut previous: Option<(f64, f64)> = None;
    for &point in piece {
        match (previous, inside(point.1)) {
            (None, true) => current.push(point),
            (Some(last), true) if !inside(last.1) => {
                current.push(crossing(last, point));
                current.push(point);
            }
            (Some(_), true) => current.push(point),
            (Some(last), false) if inside(last.1) => {
                current.push(crossing(last, point));
                out.push(std::mem::take(&mut current));
            }
            _ => {}
        }
        previous = Some(point);
    }
    if current.len() > 1 {
        out.push(current);
    }
    out.retain(|segment| segment.len() > 1);
    out
}

fn render(
    curves: &[Curve],
    var: &str,
    range: Range,
    (low, high): (f64, f64),
) -> Result<String, CliError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(drawing_error)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(20)
            .x_label_area_size(40)
            .y_label_area_size(60)
            .build_cartesian_2d(range.from..range.to, low..high)
            .map_err(drawing_error)?;
        chart
            .configure_mesh()
            .x_desc(var)
            .light_line_style(WHITE.mix(0.0))
            .label_style(("sans-serif", 14))
            .axis_desc_style(("sans-serif", 16))
            .draw()
            .map_err(drawing_error)?;
        for curve in curves {
            let color = curve.color;
            let style = color.stroke_width(2);
            let mut first = true;
            let mut segments = curve.segments.clone();
            if segments.is_empty() {
                // Nothing finite to draw: the legend still names the curve.
                segments.push(Vec::new());
            }
            for segment in segments {
                let series = chart
                    .draw_series(LineSeries::new(segment, style))
                    .map_err(drawing_error)?;
                if first {
                    series.label(curve.label.clone()).legend(move |(x, y)| {
                        PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2))
                    });
                    first = false;
                }
            }
        }
        super::draw_legend(&mut chart)?;
        root.present().map_err(drawing_error)?;
    }
    Ok(svg)
}
