//! The learning-rate lab's three charts: the loss surface with the optimizer's path, loss vs
//! step, and the learning-rate sweep. Each draw function also has a text summary.

use super::state::{SWEEP_HIGH, SWEEP_LOW};
use crate::plot::canvas::{draw_axes, Axes, Frame, LabelAreas, PlotMapping, Themed};
use crate::plot::heatmap::{Field, HeatmapImage};
use crate::plot::finite_or;
use hyperlab_ml::optim::descent::{Descent, Status, CONVERGED_LOSS};
use hyperlab_ml::labs::learning_rate::{path_on_map, LineStyle, Stroke, LOSS_PREVIOUS, LOSS_THIS_RUN, LOSS_THRESHOLD, SWEEP_BEST_LABEL, SWEEP_LIMIT, SWEEP_YOUR_RATE};
use plotters::coord::Shift;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use crate::plot::CanvasBackend;
use hyperlab_ml::schema::format_number;
use hyperlab_ml::optim::surface::Surface;
use hyperlab_ml::labs::learning_rate::sweep::{summarize, SweepPoint};
use plotters::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Smallest loss drawn on log axes (exact zeros sit on the floor).
const LOSS_FLOOR: f64 = 1e-10;

/// How a legend entry shows its series.
enum Mark {
    /// A line of this stroke and width (CSS pixels).
    Line(RGBColor, Stroke, f64),
    Cross(RGBColor),
    Ring(RGBColor),
}

/// Draws the legend in rows above the plot, wrapping to the canvas width, and returns the area
/// left for the chart: the legend never covers the data, at 390 px as at 1280 px.
fn legend_above(frame: &Frame, root: &DrawingArea<CanvasBackend, Shift>, entries: &[(String, Mark)]) -> Option<DrawingArea<CanvasBackend, Shift>> {
    let font = frame.text(11.0).pos(Pos::new(HPos::Left, VPos::Center));
    let (width, _) = root.dim_in_pixel();
    let (margin, swatch, gap, spacing, row_height) =
        (frame.px(10.0) as i32, frame.px(18.0) as i32, frame.px(5.0) as i32, frame.px(14.0) as i32, frame.px(17.0) as i32);
    let mut placed = Vec::with_capacity(entries.len());
    let (mut x, mut row) = (margin, 0);
    for (label, _) in entries {
        let text_width = root.estimate_text_size(label, &font).map(|(w, _)| w as i32).unwrap_or(label.chars().count() as i32 * frame.px(6.0) as i32);
        let item = swatch + gap + text_width;
        if x > margin && x + item > width as i32 - margin {
            row += 1;
            x = margin;
        }
        placed.push((x, row));
        x += item + spacing;
    }
    let height = (row + 1) * row_height + frame.px(6.0) as i32;
    let (top, rest) = root.split_vertically(height);
    for ((label, mark), (x, row)) in entries.iter().zip(placed) {
        let y = frame.px(6.0) as i32 + row * row_height + row_height / 2;
        match *mark {
            Mark::Line(color, stroke, css_width) => {
                let style = color.stroke_width(frame.px(css_width).max(1.0) as u32);
                let pieces: Vec<(i32, i32)> = match stroke {
                    Stroke::Solid => vec![(0, swatch)],
                    Stroke::Dashed => (0..3).map(|k| (k * swatch * 2 / 5, k * swatch * 2 / 5 + swatch / 5)).collect(),
                    Stroke::Dotted => (0..5).map(|k| (k * swatch / 4, k * swatch / 4 + (frame.px(1.5) as i32).max(1))).collect(),
                };
                for (a, b) in pieces {
                    top.draw(&PathElement::new(vec![(x + a, y), (x + b.min(swatch), y)], style)).ok()?;
                }
            }
            Mark::Cross(color) => {
                top.draw(&Cross::new((x + swatch / 2, y), frame.px(4.0) as u32, color.stroke_width(frame.px(2.0) as u32))).ok()?;
            }
            Mark::Ring(color) => {
                top.draw(&Circle::new((x + swatch / 2, y), frame.px(6.0) as u32, color.stroke_width(frame.px(2.0) as u32))).ok()?;
            }
        }
        top.draw(&Text::new(label.clone(), (x + swatch + gap, y), font.clone())).ok()?;
    }
    Some(rest)
}

/// A line of the chart as its native [`LineStyle`] says it is drawn.
fn line_mark(style: &LineStyle, color: RGBColor, css_width: f64) -> Mark {
    Mark::Line(color, style.stroke, css_width)
}

/// Draws a series with the stroke its native [`LineStyle`] names.
fn stroked<DB: DrawingBackend, CT: plotters::coord::CoordTranslate<From = (f64, f64)>>(
    chart: &mut ChartContext<'_, DB, CT>,
    frame: &Frame,
    style: &LineStyle,
    points: Vec<(f64, f64)>,
    color: RGBColor,
    css_width: f64,
) -> Option<()> {
    let line = color.stroke_width(frame.px(css_width).max(1.0) as u32);
    match style.stroke {
        Stroke::Solid => chart.draw_series(LineSeries::new(points, line)).ok().map(|_| ()),
        Stroke::Dashed => chart.draw_series(DashedLineSeries::new(points, frame.px(7.0) as u32, frame.px(4.0) as u32, line)).ok().map(|_| ()),
        Stroke::Dotted => chart.draw_series(DashedLineSeries::new(points, frame.px(1.5).max(1.0) as u32, frame.px(4.0) as u32, line)).ok().map(|_| ()),
    }
}

fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

/// The heatmap image of a surface for one plot size, cached between frames of an animation.
pub type HeatmapCache = HeatmapImage<Surface>;

/// The surface's loss over its bounds, coloured by log loss so both the floor of the valley and
/// the walls show structure.
fn surface_rgba(surface: Surface, width: u32, height: u32) -> Vec<u8> {
    let b = surface.bounds();
    // The log once per pixel: in WebAssembly it is a library call, and most of the map's cost.
    let logs = Field::sample(width as usize, height as usize, b.x, b.y, |x, y| (surface.loss([x, y]) + 1e-3).log10());
    let lo = logs.values.iter().cloned().fold(f64::INFINITY, f64::min);
    let hi = logs.values.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let span = (hi - lo).max(1e-9);
    logs.to_rgba(|v| (v - lo) / span, 14)
}

/// The ring where a run diverged: vermillion in both themes, far from the running dot's yellow
/// and the map's yellow walls.
const DIVERGED_RING: RGBColor = RGBColor(213, 94, 0);

/// The surface as a heatmap with contour bands, the path taken so far, the start and the minima.
pub fn draw_contour(frame: &Frame, run: &Descent, cache: &mut HeatmapCache, compact: bool) -> Option<PlotMapping> {
    let t = &frame.theme;
    let surface = run.config().surface;
    let b = surface.bounds();
    let root = frame.area()?;
    root.fill(&t.background).ok()?;
    // A compact (embedded) contour has no tick labels: the map is the point there.
    let areas = if compact { LabelAreas { margin: 4.0, top: 4.0, x: 0.0, y: 0.0 } } else { LabelAreas { margin: 10.0, top: 10.0, x: 40.0, y: 40.0 } };
    let mut chart = frame.chart_on(&root, areas).build_cartesian_2d(b.x.0..b.x.1, b.y.0..b.y.1).ok()?;
    let (px, py) = chart.plotting_area().get_pixel_range();
    let (w, h) = ((px.end - px.start).max(1) as u32, (py.end - py.start).max(1) as u32);
    let ctx = context(&frame.canvas)?;
    cache.draw_over(&ctx, surface, (px.clone(), py.clone()), frame.dpr, |w, h| surface_rgba(surface, w, h));
    if !compact {
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(frame.x_ticks(8))
            .y_labels(frame.y_ticks(8))
            .x_desc("w₁")
            .y_desc("w₂")
            .label_style(frame.text(11.0))
            .axis_desc_style(frame.text(12.0))
            .axis_style(t.muted)
            .draw()
            .ok()?;
    }

    // Clip the path to the plot so wild steps do not paint over the axes.
    ctx.save();
    ctx.begin_path();
    ctx.rect(px.start as f64, py.start as f64, w as f64, h as f64);
    ctx.clip();
    // Round joins: a mitred halo pokes past a sharp turn, as if the path went further.
    ctx.set_line_join("round");
    // Each step clipped at the map's edge (plotters would bend it towards a corner).
    let on_map = path_on_map(run.path(), b);
    let halo = RGBColor(0, 0, 0).mix(0.75).stroke_width(frame.px(4.0) as u32);
    let line = RGBColor(255, 255, 255).stroke_width(frame.px(2.0) as u32);
    let xy = |p: &[f64; 2]| (p[0], p[1]);
    for piece in &on_map.pieces {
        chart.draw_series(LineSeries::new(piece.iter().map(xy), halo)).ok()?;
        chart.draw_series(LineSeries::new(piece.iter().map(xy), line)).ok()?;
    }
    if run.path().len() <= 120 {
        let dot = frame.px(2.5) as u32;
        chart.draw_series(run.path().iter().filter(|p| b.contains(**p)).map(|p| Circle::new(xy(p), dot, RGBColor(255, 255, 255).filled()))).ok()?;
    }
    // The markers are not clipped: one on the edge shows whole.
    ctx.restore();
    let marker = frame.px(6.0) as u32;
    let start = run.config().start;
    chart.draw_series(std::iter::once(Circle::new((start[0], start[1]), marker, RGBColor(255, 255, 255).filled()))).ok()?;
    chart.draw_series(std::iter::once(Circle::new((start[0], start[1]), marker, RGBColor(0, 0, 0).stroke_width(frame.px(1.5) as u32)))).ok()?;
    // The run's position, or where its path left the map (the caption then says so): a yellow
    // dot while it runs, a ring (a shape, not just a colour) once it has diverged.
    if let Some(end) = on_map.end {
        if matches!(run.status(), Status::Diverged { .. }) {
            chart.draw_series(std::iter::once(Circle::new(xy(&end), marker, RGBColor(0, 0, 0).stroke_width(frame.px(5.0) as u32)))).ok()?;
            chart.draw_series(std::iter::once(Circle::new(xy(&end), marker, DIVERGED_RING.stroke_width(frame.px(3.0) as u32)))).ok()?;
        } else {
            chart.draw_series(std::iter::once(Circle::new(xy(&end), marker, RGBColor(0, 0, 0).stroke_width(frame.px(1.5) as u32)))).ok()?;
            chart.draw_series(std::iter::once(Circle::new(xy(&end), marker, RGBColor(255, 210, 0).filled()))).ok()?;
        }
    }
    // The minimum's ✕ on top of the run's end, outlined in black: a run that converged ends on
    // it, and the yellow dot used to hide it.
    let m = surface.minimum();
    chart.draw_series(std::iter::once(Cross::new((m[0], m[1]), marker, RGBColor(0, 0, 0).stroke_width(frame.px(5.0) as u32)))).ok()?;
    chart.draw_series(std::iter::once(Cross::new((m[0], m[1]), marker, RGBColor(255, 255, 255).stroke_width(frame.px(3.0) as u32)))).ok()?;
    // The local minimum's ▲ goes on top of the path and the end point (a run stuck there ends on
    // it), outlined in black so it shows on the yellow dot as on the map.
    if let Some(l) = surface.local_minimum() {
        let big = frame.px(8.0) as u32;
        chart.draw_series(std::iter::once(TriangleMarker::new((l[0], l[1]), big, RGBColor(0, 0, 0).stroke_width(frame.px(4.5) as u32)))).ok()?;
        chart.draw_series(std::iter::once(TriangleMarker::new((l[0], l[1]), big, RGBColor(255, 255, 255).stroke_width(frame.px(2.0) as u32)))).ok()?;
    }
    root.present().ok()?;
    Some(PlotMapping { pixels_x: (px.start, px.end), pixels_y: (py.start, py.end), x: b.x, y: b.y })
}

fn log_range(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.filter(|v| v.is_finite()) {
        let v = v.max(LOSS_FLOOR);
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() || !hi.is_finite() {
        return (LOSS_FLOOR, 1.0);
    }
    let lo = lo.min(CONVERGED_LOSS * 0.1).max(LOSS_FLOOR);
    (lo / 2.0, (hi * 3.0).max(lo * 10.0))
}

fn step_tick(v: &f64) -> String {
    format!("{v:.0}")
}

fn number_tick(v: &f64) -> String {
    format_number(*v)
}

/// The axes of a chart against the step.
fn step_axes(y_desc: &str) -> Axes<'_> {
    Axes { x_desc: "step", y_desc, x_ticks: 8, y_ticks: 6, x_format: &step_tick, y_format: &number_tick }
}

/// Loss above the minimum against the step, log scale; the previous run as a dashed ghost.
pub fn draw_loss(frame: &Frame, run: &Descent, ghost: Option<&(String, Vec<f64>)>) -> Option<PlotMapping> {
    let t = &frame.theme;
    let root = frame.area()?;
    root.fill(&t.background).ok()?;
    let steps = run.config().max_steps.max(ghost.map_or(0, |g| g.1.len().saturating_sub(1))).max(1) as f64;
    let all = run.losses().iter().chain(ghost.map(|g| g.1.iter()).into_iter().flatten()).copied();
    let (lo, hi) = log_range(all);
    let mut legend = vec![(LOSS_THIS_RUN.label.to_string(), line_mark(&LOSS_THIS_RUN, t.series[0], 2.5))];
    if let Some((label, _)) = ghost {
        legend.push((label.clone(), line_mark(&LOSS_PREVIOUS, t.series[1], 2.0)));
    }
    legend.push((LOSS_THRESHOLD.label.to_string(), line_mark(&LOSS_THRESHOLD, t.muted, 1.5)));
    let plot = legend_above(frame, &root, &legend)?;
    let mut chart = frame.chart_on(&plot, LabelAreas::UNDER_LEGEND).build_cartesian_2d(0f64..steps, (lo..hi).log_scale()).ok()?;
    draw_axes(&mut chart, frame, &step_axes("loss above minimum"), false)?;
    stroked(&mut chart, frame, &LOSS_THRESHOLD, vec![(0.0, CONVERGED_LOSS), (steps, CONVERGED_LOSS)], t.muted, 1.5)?;
    let series = |losses: &[f64]| -> Vec<(f64, f64)> {
        losses.iter().enumerate().map(|(i, l)| (i as f64, finite_or(*l, hi).max(LOSS_FLOOR))).collect()
    };
    if let Some((_, losses)) = ghost {
        stroked(&mut chart, frame, &LOSS_PREVIOUS, series(losses), t.series[1], 2.0)?;
    }
    stroked(&mut chart, frame, &LOSS_THIS_RUN, series(run.losses()), t.series[0], 2.5)?;
    root.present().ok()?;
    None
}

/// Each parameter against the step: a zig-zag shows as a trace that turns back every step.
pub fn draw_coordinates(frame: &Frame, run: &Descent) -> Option<PlotMapping> {
    let t = &frame.theme;
    let root = frame.area()?;
    root.fill(&t.background).ok()?;
    let steps = run.config().max_steps.max(1) as f64;
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in run.path().iter().flatten().filter(|v| v.is_finite()) {
        lo = lo.min(*v);
        hi = hi.max(*v);
    }
    if lo.is_nan() || hi.is_nan() || lo >= hi {
        (lo, hi) = (lo.min(0.0) - 1.0, hi.max(0.0) + 1.0);
    }
    let pad = 0.05 * (hi - lo);
    let traces = [("w₁", t.series[0]), ("w₂", t.series[2])];
    let legend: Vec<(String, Mark)> = traces.iter().map(|(name, color)| (name.to_string(), Mark::Line(*color, Stroke::Solid, 2.0))).collect();
    let plot = legend_above(frame, &root, &legend)?;
    let mut chart = frame.chart_on(&plot, LabelAreas::UNDER_LEGEND).build_cartesian_2d(0f64..steps, (lo - pad)..(hi + pad)).ok()?;
    draw_axes(&mut chart, frame, &step_axes("parameter value"), false)?;
    for (k, (_, color)) in traces.into_iter().enumerate() {
        let trace: Vec<(f64, f64)> = run.path().iter().enumerate().map(|(i, p)| (i as f64, p[k])).collect();
        chart.draw_series(LineSeries::new(trace, color.stroke_width(frame.px(2.0) as u32))).ok()?;
    }
    root.present().ok()?;
    None
}

/// Final loss against learning rate (log–log). Diverged rates are crosses along the top; the wall
/// (from which every larger rate diverged) is shaded; the current learning rate is a vertical line.
pub fn draw_sweep(frame: &Frame, points: &[SweepPoint], current_lr: f64, steps: usize, stability_limit: Option<f64>) -> Option<PlotMapping> {
    let t = &frame.theme;
    let root = frame.area()?;
    root.fill(&t.background).ok()?;
    let (lo, hi) = log_range(points.iter().filter_map(|p| p.final_loss));
    let limit = stability_limit.filter(|l| (SWEEP_LOW..SWEEP_HIGH).contains(l));
    let mut legend = vec![
        ("final loss".to_string(), Mark::Line(t.series[0], Stroke::Solid, 2.0)),
        ("diverged".to_string(), Mark::Cross(t.series[3])),
        (SWEEP_YOUR_RATE.label.to_string(), line_mark(&SWEEP_YOUR_RATE, t.series[2], 2.5)),
    ];
    if limit.is_some() {
        legend.push((SWEEP_LIMIT.label.to_string(), line_mark(&SWEEP_LIMIT, t.muted, 2.0)));
    }
    let best = summarize(points).best;
    if best.is_some() {
        legend.push((SWEEP_BEST_LABEL.to_string(), Mark::Ring(t.series[2])));
    }
    let plot = legend_above(frame, &root, &legend)?;
    let mut chart = frame.chart_on(&plot, LabelAreas::UNDER_LEGEND).build_cartesian_2d((SWEEP_LOW..SWEEP_HIGH).log_scale(), (lo..hi).log_scale()).ok()?;
    chart
        .configure_mesh()
        .x_labels(frame.x_ticks(8))
        .y_labels(frame.y_ticks(6))
        .x_desc(format!("learning rate η (final loss after {steps} steps)"))
        // Short: a long vertical title ran up into the legend on short charts.
        .y_desc("loss − minimum")
        .x_label_formatter(&|v| format_number(*v))
        .y_label_formatter(&|v| format_number(*v))
        .themed(frame)
        .draw()
        .ok()?;
    let summary = summarize(points);
    if let Some(wall) = summary.wall {
        let shade = t.series[3].mix(0.12).filled();
        chart.draw_series(std::iter::once(Rectangle::new([(wall, lo), (SWEEP_HIGH, hi)], shade))).ok()?;
    }
    let stable: Vec<(f64, f64)> = points.iter().filter_map(|p| p.final_loss.map(|l| (p.learning_rate, l.max(LOSS_FLOOR)))).collect();
    let c0 = t.series[0];
    chart.draw_series(LineSeries::new(stable.iter().copied(), c0.stroke_width(frame.px(2.0) as u32))).ok()?;
    chart.draw_series(stable.iter().map(|&p| Circle::new(p, frame.px(3.0) as u32, c0.filled()))).ok()?;
    let c3 = t.series[3];
    let top = hi / 1.8;
    chart
        .draw_series(points.iter().filter(|p| p.final_loss.is_none()).map(|p| Cross::new((p.learning_rate, top), frame.px(5.0) as u32, c3.stroke_width(frame.px(2.0) as u32))))
        .ok()?;
    let c2 = t.series[2];
    let lr = current_lr.clamp(SWEEP_LOW, SWEEP_HIGH);
    chart.draw_series(LineSeries::new([(lr, lo), (lr, hi)], c2.stroke_width(frame.px(2.5) as u32))).ok()?;
    // The curvature limit is drawn over your learning rate, dashed and grey, so the two stay
    // distinguishable when they coincide (the valley preset's η = 0.0203 is next to 0.0197).
    if let Some(limit) = limit {
        let line = t.muted.stroke_width(frame.px(2.0) as u32);
        match SWEEP_LIMIT.stroke {
            Stroke::Solid => chart.draw_series(LineSeries::new([(limit, lo), (limit, hi)], line)).ok()?,
            _ => chart.draw_series(DashedLineSeries::new([(limit, lo), (limit, hi)], frame.px(7.0) as u32, frame.px(4.0) as u32, line)).ok()?,
        };
    }
    if let Some(best) = summary.best {
        chart.draw_series(std::iter::once(Circle::new((best.learning_rate, best.final_loss.unwrap_or(lo).max(LOSS_FLOOR)), frame.px(6.0) as u32, c2.stroke_width(frame.px(2.0) as u32)))).ok()?;
    }
    root.present().ok()?;
    None
}
