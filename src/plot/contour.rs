//! A function of two variables: contour lines (marching squares on a grid),
//! gradient arrows on a coarser grid, and the critical points in the range,
//! found by the engine's Newton search on the symbolic gradient and Hessian
//! and labelled by its second-derivative test.

use super::{Axes, Drawing, Range, SIZE, drawing_error, legend_formula};
use crate::error::CliError;
use plotters::prelude::*;
use symdiff::critical::{Tolerances, analyze_function};

/// Cells of the contour grid along each axis.
const GRID: usize = 80;

/// How many contour levels.
const LEVELS: usize = 12;

/// Arrows along each axis.
const ARROWS: usize = 15;

/// Newton starts along each axis.
const STARTS: usize = 9;

type Point2 = (f64, f64);

/// A critical point and its verdict.
#[derive(Debug)]
struct Critical {
    at: Point2,
    verdict: String,
}

pub(crate) fn draw(axes: &Axes, range: Range) -> Result<Drawing, CliError> {
    let names: Vec<&str> = axes.names.iter().map(String::as_str).collect();
    let (gradient, hessian) = axes.expr.gradient_and_hessian(&names);
    axes.expr.check_budget()?;
    let value_tape = axes.compile(std::slice::from_ref(&axes.expr))?;
    let gradient_tape = axes.compile(&gradient)?;
    let hessian_tape = axes.compile(&hessian.concat())?;
    let value = |x: f64, y: f64| {
        let mut out = [f64::NAN];
        axes.eval(&value_tape, &[x, y], &mut out);
        out[0]
    };
    let gradient_at = |at: &[f64]| {
        let mut out = [f64::NAN; 2];
        axes.eval(&gradient_tape, at, &mut out);
        out
    };
    let hessian_at = |at: &[f64]| {
        let mut out = [f64::NAN; 4];
        axes.eval(&hessian_tape, at, &mut out);
        [[out[0], out[1]], [out[2], out[3]]]
    };
    let coords = range.samples(GRID + 1);
    let grid: Vec<Vec<f64>> = coords
        .iter()
        .map(|&y| coords.iter().map(|&x| value(x, y)).collect())
        .collect();
    let levels = levels(&grid);
    let lines: Vec<Vec<(Point2, Point2)>> = levels
        .iter()
        .map(|&level| marching_squares(&coords, &grid, level))
        .collect();
    let arrows = arrows(range, &gradient_at);
    let critical = critical_points(range, &gradient_at, &hessian_at);
    let formula = format!("f({}) = {}", names.join(", "), legend_formula(&axes.expr));
    let svg = render(&names, range, &formula, &lines, &arrows, &critical)?;
    let verdicts: Vec<String> = critical
        .iter()
        .map(|point| {
            format!(
                "{} at ({}, {})",
                point.verdict,
                short(point.at.0),
                short(point.at.1)
            )
        })
        .collect();
    Ok(Drawing {
        svg,
        summary: match verdicts.is_empty() {
            true => format!(
                "{} contour levels; no critical point in the range",
                levels.len()
            ),
            false => format!("{} contour levels; {}", levels.len(), verdicts.join(", ")),
        },
    })
}

/// A coordinate for a label: 4 significant digits, no `-0`.
fn short(value: f64) -> String {
    crate::output::fmt_rounded(value + 0.0, 4)
}

/// Levels evenly spaced between the 5th and 95th percentiles of the finite
/// values.
fn levels(grid: &[Vec<f64>]) -> Vec<f64> {
    let mut finite: Vec<f64> = grid
        .iter()
        .flatten()
        .copied()
        .filter(|v| v.is_finite())
        .collect();
    if finite.is_empty() {
        return Vec::new();
    }
    finite.sort_by(f64::total_cmp);
    let at = |fraction: f64| finite[((finite.len() - 1) as f64 * fraction).round() as usize];
    let (low, high) = (at(0.05), at(0.95));
    if high <= low {
        return vec![low];
    }
    (0..LEVELS)
        .map(|index| low + (high - low) * (index as f64 + 0.5) / LEVELS as f64)
        .collect()
}

/// The segments of the level line `level` through the grid's cells (a cell
/// with a value that is not finite has none).
fn marching_squares(coords: &[f64], grid: &[Vec<f64>], level: f64) -> Vec<(Point2, Point2)> {
    let mut segments = Vec::new();
    for row in 0..coords.len().saturating_sub(1) {
        for col in 0..coords.len().saturating_sub(1) {
            let corners = [
                (coords[col], coords[row], grid[row][col]),
                (coords[col + 1], coords[row], grid[row][col + 1]),
                (coords[col + 1], coords[row + 1], grid[row + 1][col + 1]),
                (coords[col], coords[row + 1], grid[row + 1][col]),
            ];
            if corners.iter().any(|&(_, _, v)| !v.is_finite()) {
                continue;
            }
            // The crossing on each edge whose ends lie on both sides.
            let crossings: Vec<Point2> = (0..4)
                .filter_map(|edge| {
                    let (x0, y0, v0) = corners[edge];
                    let (x1, y1, v1) = corners[(edge + 1) % 4];
                    ((v0 < level) != (v1 < level)).then(|| {
                        let t = (level - v0) / (v1 - v0);
                        (x0 + t * (x1 - x0), y0 + t * (y1 - y0))
                    })
                })
                .collect();
            match crossings.as_slice() {
                [a, b] => segments.push((*a, *b)),
                [a, b, c, d] => {
                    segments.push((*a, *b));
                    segments.push((*c, *d));
                }
                _ => {}
            }
        }
    }
    segments
}

/// Gradient arrows of one length (their direction is the information), on
/// a grid inside the range.
fn arrows(range: Range, gradient_at: &impl Fn(&[f64]) -> [f64; 2]) -> Vec<(Point2, Point2)> {
    let step = (range.to - range.from) / ARROWS as f64;
    let length = 0.4 * step;
    let mut arrows = Vec::new();
    for row in 0..ARROWS {
        for col in 0..ARROWS {
            let x = range.from + (col as f64 + 0.5) * step;
            let y = range.from + (row as f64 + 0.5) * step;
            let [gx, gy] = gradient_at(&[x, y]);
            let norm = gx.hypot(gy);
            if norm.is_finite() && norm > 0.0 {
                let tip = (x + length * gx / norm, y + length * gy / norm);
                arrows.push(((x, y), tip));
            }
        }
    }
    arrows
}

/// Newton's method from a grid of starts (the engine's search), each point
/// judged by the engine's second-derivative test.
fn critical_points(
    range: Range,
    gradient_at: &impl Fn(&[f64]) -> [f64; 2],
    hessian_at: &impl Fn(&[f64]) -> [[f64; 2]; 2],
) -> Vec<Critical> {
    let coords = range.samples(STARTS);
    let starts: Vec<Vec<f64>> = coords
        .iter()
        .flat_map(|&y| coords.iter().map(move |&x| vec![x, y]))
        .collect();
    let lower = [range.from, range.from];
    let upper = [range.to, range.to];
    symdiff::newton::newton_critical_points(gradient_at, hessian_at, &starts, &lower, &upper)
        .into_iter()
        .filter_map(|point| {
            let gradient = gradient_at(&point);
            let analysis =
                analyze_function(&point, gradient, hessian_at, &Tolerances::default()).ok()?;
            let verdict = analysis.classification?.to_string();
            Some(Critical {
                at: (point[0], point[1]),
                verdict,
            })
        })
        .collect()
}

fn render(
    names: &[&str],
    range: Range,
    formula: &str,
    lines: &[Vec<(Point2, Point2)>],
    arrows: &[(Point2, Point2)],
    critical: &[Critical],
) -> Result<String, CliError> {
    let contour_color = RGBColor(31, 119, 180);
    let arrow_color = RGBColor(127, 127, 127);
    let point_color = RGBColor(214, 39, 40);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(drawing_error)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(20)
            .x_label_area_size(40)
            .y_label_area_size(50)
            .build_cartesian_2d(range.from..range.to, range.from..range.to)
            .map_err(drawing_error)?;
        chart
            .configure_mesh()
            .x_desc(names.first().copied().unwrap_or("x"))
            .y_desc(names.get(1).copied().unwrap_or("y"))
            .light_line_style(WHITE.mix(0.0))
            .label_style(("sans-serif", 14))
            .axis_desc_style(("sans-serif", 16))
            .draw()
            .map_err(drawing_error)?;
        let segments = lines
            .iter()
            .flatten()
            .map(|&(a, b)| PathElement::new(vec![a, b], contour_color.stroke_width(1)));
        chart
            .draw_series(segments)
            .map_err(drawing_error)?
            .label(formula.to_owned())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], contour_color));
        let arrow_elements = arrows.iter().flat_map(|&(tail, tip)| {
            let (dx, dy) = (tip.0 - tail.0, tip.1 - tail.1);
            let head = |turn: f64| {
                let (sin, cos) = turn.sin_cos();
                let back = (-0.35 * (dx * cos - dy * sin), -0.35 * (dx * sin + dy * cos));
                PathElement::new(vec![tip, (tip.0 + back.0, tip.1 + back.1)], arrow_color)
            };
            [
                PathElement::new(vec![tail, tip], arrow_color),
                head(0.5),
                head(-0.5),
            ]
        });
        chart
            .draw_series(arrow_elements)
            .map_err(drawing_error)?
            .label("gradient direction")
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], arrow_color));
        let markers = critical
            .iter()
            .map(|point| Circle::new(point.at, 5, point_color.filled()));
        chart
            .draw_series(markers)
            .map_err(drawing_error)?
            .label("critical points")
            .legend(move |(x, y)| Circle::new((x + 10, y), 4, point_color.filled()));
        let labels = critical.iter().map(|point| {
            Text::new(
                format!(
                    "{} ({}, {})",
                    point.verdict,
                    short(point.at.0),
                    short(point.at.1)
                ),
                point.at,
                ("sans-serif", 15).into_font().color(&BLACK),
            )
        });
        chart.draw_series(labels).map_err(drawing_error)?;
        super::draw_legend(&mut chart)?;
        root.present().map_err(drawing_error)?;
    }
    Ok(svg)
}
