//! The regularization lab's charts: the fitted curve over the points, the coefficients, the
//! regularization path, and the two validation curves (vs λ and vs degree). They draw the core's
//! [`Model`]; every number and sentence comes from it.

use crate::plot::canvas::{Frame, PlotMapping, Themed, LabelAreas};
use crate::plot::ChartTheme;
use hyperlab_ml::labs::regularization::{COEFFICIENTS_LEGEND, DEGREE_LEGEND, FIT_LEGEND, LAMBDA_LEGEND, legend_entry_px, legend_rows, power_label, region_labels, tick_label, CurveAxis, Model, LABEL_CHAR_PX, LEGEND_SWATCH_GAP_PX, LEGEND_SWATCH_PX, LEGEND_ENTRY_GAP_PX};
use hyperlab_ml::schema::format_number;
use plotters::coord::Shift;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::prelude::*;
use crate::plot::CanvasBackend;
use wasm_bindgen::JsCast;

const Y_RANGE: (f64, f64) = (-hyperlab_ml::labs::regularization::FIT_Y_LIMIT, hyperlab_ml::labs::regularization::FIT_Y_LIMIT);

fn mesh<'a, X, Y>(chart: &mut ChartContext<'a, CanvasBackend, Cartesian2d<X, Y>>, frame: &Frame, x_desc: &str, y_desc: &str, x_fmt: &dyn Fn(&X::ValueType) -> String, y_fmt: &dyn Fn(&Y::ValueType) -> String) -> Option<()>
where
    X: Ranged + ValueFormatter<<X as Ranged>::ValueType>,
    Y: Ranged + ValueFormatter<<Y as Ranged>::ValueType>,
{
    chart
        .configure_mesh()
        .x_desc(x_desc)
        .y_desc(y_desc)
        .x_labels(frame.x_ticks(6))
        .y_labels(frame.y_ticks(5))
        .x_label_formatter(x_fmt)
        .y_label_formatter(y_fmt)
        .themed(frame)
        .draw()
        .ok()
}

/// How a legend entry's sample is drawn.
#[derive(Clone, Copy)]
enum Swatch {
    Line(RGBColor, f64),
    Dashed(RGBColor),
    Dotted(RGBColor),
    Dot(RGBColor),
    Triangle(RGBColor),
    Bar(RGBColor),
    Outline(RGBColor),
}

/// Legend rows sit above the plot, in the chart's top margin, so they never hide data (a legend
/// inside the plot covered the λ chart's minimum and much of the fit on a phone).
struct Legend {
    entries: Vec<(&'static str, Swatch)>,
    /// Indices into `entries`, one row each, wrapped to the canvas width.
    rows: Vec<Vec<usize>>,
}

const MARGIN_PX: f64 = 10.0;
/// Every chart's label areas; the top margin is the legend key's, set per chart.
const AREAS: LabelAreas = LabelAreas { margin: MARGIN_PX, top: MARGIN_PX, x: 34.0, y: 52.0 };
/// The fit's y ticks are short (−2 to 2).
const FIT_AREAS: LabelAreas = LabelAreas { y: 44.0, ..AREAS };
const LEGEND_ROW_PX: f64 = 16.0;

impl Legend {
    /// Packs the entries into rows no wider than the canvas less its margins.
    fn new(frame: &Frame, entries: Vec<(&'static str, Swatch)>) -> Self {
        let labels: Vec<&str> = entries.iter().map(|e| e.0).collect();
        let rows = legend_rows(&labels, frame.width as f64 / frame.dpr - 2.0 * MARGIN_PX);
        Self { entries, rows }
    }

    /// The chart's top margin in device pixels: the usual margin plus the legend rows.
    fn top_margin(&self, frame: &Frame) -> u32 {
        frame.px(MARGIN_PX + LEGEND_ROW_PX * self.rows.len() as f64) as u32
    }

    fn draw(&self, root: &DrawingArea<CanvasBackend, Shift>, frame: &Frame) -> Option<()> {
        use plotters::style::text_anchor::{HPos, Pos, VPos};
        let style = frame.text(11.0).pos(Pos::new(HPos::Left, VPos::Center));
        for (r, row) in self.rows.iter().enumerate() {
            let y = frame.px(4.0 + LEGEND_ROW_PX * r as f64 + LEGEND_ROW_PX / 2.0) as i32;
            let mut x = frame.px(MARGIN_PX) as i32;
            for &i in row {
                let (label, swatch) = self.entries[i];
                let (w, mid) = (frame.px(LEGEND_SWATCH_PX) as i32, x + frame.px(LEGEND_SWATCH_PX / 2.0) as i32);
                let line = |c: RGBColor, width: f64| c.stroke_width(frame.px(width).max(1.0) as u32);
                match swatch {
                    Swatch::Line(c, width) => root.draw(&PathElement::new(vec![(x, y), (x + w, y)], line(c, width))).ok()?,
                    Swatch::Dashed(c) => {
                        let d = w / 3;
                        root.draw(&PathElement::new(vec![(x, y), (x + d, y)], line(c, 1.5))).ok()?;
                        root.draw(&PathElement::new(vec![(x + 2 * d, y), (x + w, y)], line(c, 1.5))).ok()?;
                    }
                    Swatch::Dotted(c) => {
                        for k in 0..4 {
                            let x0 = x + k * w / 4;
                            root.draw(&PathElement::new(vec![(x0, y), (x0 + frame.px(2.0) as i32, y)], line(c, 1.5))).ok()?;
                        }
                    }
                    Swatch::Dot(c) => root.draw(&Circle::new((mid, y), frame.px(3.5) as u32, c.filled())).ok()?,
                    Swatch::Triangle(c) => root.draw(&TriangleMarker::new((mid, y), frame.px(4.5) as u32, c.filled())).ok()?,
                    Swatch::Bar(c) => root.draw(&Rectangle::new([(mid - frame.px(5.0) as i32, y - frame.px(4.0) as i32), (mid + frame.px(5.0) as i32, y + frame.px(4.0) as i32)], c.filled())).ok()?,
                    Swatch::Outline(c) => root.draw(&Rectangle::new([(mid - frame.px(5.0) as i32, y - frame.px(4.0) as i32), (mid + frame.px(5.0) as i32, y + frame.px(4.0) as i32)], line(c, 1.5))).ok()?,
                }
                root.draw(&Text::new(label.to_string(), (x + frame.px(LEGEND_SWATCH_PX + LEGEND_SWATCH_GAP_PX) as i32, y), style.clone())).ok()?;
                x += frame.px(legend_entry_px(label) + LEGEND_ENTRY_GAP_PX) as i32;
            }
        }
        Some(())
    }
}

fn start(frame: &Frame) -> Option<DrawingArea<CanvasBackend, Shift>> {
    let root = frame.area()?;
    root.fill(&frame.theme.background).ok()?;
    Some(root)
}

/// Clips drawing to the plotting area (wild coefficients must not paint over the axes).
fn clip(frame: &Frame, px: std::ops::Range<i32>, py: std::ops::Range<i32>) -> Option<web_sys::CanvasRenderingContext2d> {
    let ctx: web_sys::CanvasRenderingContext2d = frame.canvas.get_context("2d").ok().flatten()?.dyn_into().ok()?;
    ctx.save();
    ctx.begin_path();
    ctx.rect(px.start as f64, py.start as f64, (px.end - px.start) as f64, (py.end - py.start) as f64);
    ctx.clip();
    Some(ctx)
}

/// Points of a curve over `xs` that can be drawn.
fn drawable(xs: &[f64], ys: &[f64]) -> Vec<(f64, f64)> {
    xs.iter().copied().zip(ys.iter().copied()).filter(|p| p.1.is_finite()).map(|(x, y)| (x, y.clamp(-50.0, 50.0))).collect()
}

pub fn draw_fit(frame: &Frame, m: &Model) -> Option<PlotMapping> {
    let (t, r) = (frame.theme, &m.refit);
    let root = start(frame)?;
    let key = Legend::new(frame, vec![
        (FIT_LEGEND[0], Swatch::Line(t.series[0], 2.5)),
        (FIT_LEGEND[1], Swatch::Dashed(t.muted)),
        (FIT_LEGEND[2], Swatch::Dotted(t.series[2])),
        (FIT_LEGEND[3], Swatch::Dot(t.series[1])),
        (FIT_LEGEND[4], Swatch::Triangle(t.series[3])),
    ]);
    let mut chart = frame.chart_on(&root, FIT_AREAS).margin_top(key.top_margin(frame)).build_cartesian_2d(-1.0f64..1.0, Y_RANGE.0..Y_RANGE.1).ok()?;
    let (xs, ys) = (2.0, Y_RANGE.1 - Y_RANGE.0);
    mesh(&mut chart, frame, "x", "y", &|v| tick_label(*v, xs), &|v| tick_label(*v, ys))?;
    let (px, py) = chart.plotting_area().get_pixel_range();
    let ctx = clip(frame, px, py)?;
    let muted = t.muted;
    chart.draw_series(DashedLineSeries::new(drawable(&r.curve_x, &r.curve_truth), frame.px(6.0) as u32, frame.px(4.0) as u32, muted.stroke_width(frame.px(1.5) as u32))).ok()?;
    let c2 = t.series[2];
    chart.draw_series(DashedLineSeries::new(drawable(&r.curve_x, &r.curve_noise_free), frame.px(2.0) as u32, frame.px(3.0) as u32, c2.stroke_width(frame.px(1.5) as u32))).ok()?;
    let c1 = t.series[1];
    chart.draw_series(r.train.x.iter().zip(r.train.y.iter()).map(|(&x, &y)| Circle::new((x, y), frame.px(3.5) as u32, c1.filled()))).ok()?;
    let c3 = t.series[3];
    chart.draw_series(r.validation.x.iter().zip(r.validation.y.iter()).map(|(&x, &y)| TriangleMarker::new((x, y), frame.px(4.5) as u32, c3.filled()))).ok()?;
    let c0 = t.series[0];
    chart.draw_series(LineSeries::new(drawable(&r.curve_x, &r.curve_fit), c0.stroke_width(frame.px(2.5) as u32))).ok()?;
    ctx.restore();
    key.draw(&root, frame)?;
    root.present().ok()?;
    None
}

/// Bars of each feature's effect. Without standardizing, the same λ on standardized features is
/// drawn beside them as outlined bars, so the penalty's unfairness shows.
pub fn draw_coefficients(frame: &Frame, m: &Model) -> Option<PlotMapping> {
    let (t, r) = (frame.theme, &m.refit);
    let root = start(frame)?;
    let bars: &[f64] = &r.effects;
    let outlined = r.standardized_effects.as_deref();
    let m_abs = bars.iter().chain(outlined.unwrap_or(&[])).filter(|v| v.is_finite()).fold(0.0f64, |a, v| a.max(v.abs())).max(1e-6) * 1.15;
    let d = bars.len().max(1);
    let key = Legend::new(frame, match outlined {
        Some(_) => vec![(COEFFICIENTS_LEGEND[0], Swatch::Bar(t.series[0])), (COEFFICIENTS_LEGEND[1], Swatch::Outline(t.series[2]))],
        None => Vec::new(),
    });
    let mut chart = frame.chart_on(&root, AREAS).margin_top(key.top_margin(frame)).build_cartesian_2d(0.5f64..d as f64 + 0.5, -m_abs..m_abs).ok()?;
    let y_desc = if outlined.is_some() { "effect (coefficient × spread)" } else { "coefficient" };
    mesh(&mut chart, frame, "feature (power of x)", y_desc, &|v| if (v - v.round()).abs() < 1e-9 && *v >= 1.0 { power_label(v.round() as usize) } else { String::new() }, &|v| tick_label(*v, 2.0 * m_abs))?;
    let (c0, c3) = (t.series[0], t.series[3]);
    let width = if outlined.is_some() { 0.2 } else { 0.35 };
    let shift = if outlined.is_some() { -0.2 } else { 0.0 };
    let bar = |i: usize, c: f64, dx: f64| {
        let x = i as f64 + 1.0 + dx;
        [(x - width, 0.0), (x + width, if c.is_finite() { c } else { 0.0 })]
    };
    chart.draw_series(bars.iter().enumerate().map(|(i, &c)| Rectangle::new(bar(i, c, shift), c0.filled()))).ok()?;
    if let Some(std) = outlined {
        let c2 = t.series[2];
        chart.draw_series(std.iter().enumerate().map(|(i, &c)| Rectangle::new(bar(i, c, 0.2), c2.stroke_width(frame.px(1.5) as u32)))).ok()?;
        key.draw(&root, frame)?;
    }
    // Exact zeros get a marker on the axis: Lasso's feature selection, made visible.
    chart
        .draw_series(r.fit.coef.iter().enumerate().filter(|(_, c)| **c == 0.0).map(|(i, _)| Cross::new((i as f64 + 1.0 + shift, 0.0), frame.px(5.0) as u32, c3.stroke_width(frame.px(2.0) as u32))))
        .ok()?;
    root.present().ok()?;
    None
}

/// The current λ on a log axis: 0 sits at the left edge.
fn alpha_on_axis(alpha: f64, lo: f64) -> f64 {
    if alpha <= 0.0 { lo } else { alpha.max(lo) }
}

fn alpha_range(alphas: &[f64]) -> Option<(f64, f64)> {
    let lo = alphas.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = alphas.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (lo.is_finite() && hi > lo).then_some((lo, hi))
}

pub fn draw_path(frame: &Frame, m: &Model) -> Option<PlotMapping> {
    let (t, r) = (frame.theme, &m.refit);
    let root = start(frame)?;
    let p = &r.path;
    let (lo, hi) = alpha_range(&p.alphas)?;
    // Scale to the bulk of the path: a few huge unregularized coefficients would flatten the rest.
    let mut mags: Vec<f64> = p.coefs.iter().map(|c| c.abs()).filter(|c| c.is_finite()).collect();
    hyperlab_ml::sorting::sort_floats(&mut mags);
    let m_abs = mags.get(mags.len().saturating_sub(1) * 9 / 10).copied().unwrap_or(1.0).max(1e-6) * 1.3;
    let mut chart = frame.chart_on(&root, LabelAreas::CURVES)
        .build_cartesian_2d((lo..hi).log_scale(), -m_abs..m_abs)
        .ok()?;
    mesh(&mut chart, frame, "λ (log scale)", "coefficient", &|v| format_number(*v), &|v| tick_label(*v, 2.0 * m_abs))?;
    let (px, py) = chart.plotting_area().get_pixel_range();
    let ctx = clip(frame, px, py)?;
    let palette = [t.series[0], t.series[1], t.series[2], t.series[3]];
    for j in 0..p.coefs.ncols() {
        let color = palette[j % palette.len()].mix(0.85);
        let line: Vec<(f64, f64)> = p.alphas.iter().zip(p.coefs.column(j)).filter(|(_, c)| c.is_finite()).map(|(&a, &c)| (a, c.clamp(-10.0 * m_abs, 10.0 * m_abs))).collect();
        chart.draw_series(LineSeries::new(line, color.stroke_width(frame.px(1.5) as u32))).ok()?;
    }
    // λ_max: from here on every coefficient is exactly zero (only with an L1 part).
    if r.alpha_max.is_finite() && (lo..=hi).contains(&r.alpha_max) {
        let muted = t.muted;
        chart.draw_series(DashedLineSeries::new([(r.alpha_max, -m_abs), (r.alpha_max, m_abs)], frame.px(2.0) as u32, frame.px(3.0) as u32, muted.stroke_width(frame.px(1.5) as u32))).ok()?;
    }
    let a = alpha_on_axis(m.settings.lambda, lo);
    chart.draw_series(LineSeries::new([(a, -m_abs), (a, m_abs)], t.foreground.stroke_width(frame.px(2.0) as u32))).ok()?;
    ctx.restore();
    root.present().ok()?;
    None
}

fn error_range(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.filter(|v| v.is_finite() && *v > 0.0) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !(lo.is_finite() && hi.is_finite()) {
        return (1e-3, 1.0);
    }
    (lo / 1.5, (hi * 1.5).max(lo * 10.0))
}

/// Names the two sides of a validation curve; short or stacked labels on narrow plots.
fn draw_region_labels(root: &DrawingArea<CanvasBackend, Shift>, frame: &Frame, axis: CurveAxis, px: &std::ops::Range<i32>, py: &std::ops::Range<i32>) -> Option<()> {
    let labels = region_labels(axis, (px.end - px.start) as f64 / frame.dpr);
    let style = frame.text(11.0).color(&frame.theme.muted);
    let y = py.start + frame.px(6.0) as i32;
    root.draw(&Text::new(labels.left.to_string(), (px.start + frame.px(6.0) as i32, y), style.clone())).ok()?;
    let w = (labels.right.chars().count() as f64 * LABEL_CHAR_PX * frame.dpr) as i32;
    let right_y = if labels.stacked { y + frame.px(15.0) as i32 } else { y };
    root.draw(&Text::new(labels.right.to_string(), (px.end - w - frame.px(6.0) as i32, right_y), style)).ok()?;
    Some(())
}

fn curves<'a, X: Ranged<ValueType = f64>, Y: Ranged<ValueType = f64>>(chart: &mut ChartContext<'a, CanvasBackend, Cartesian2d<X, Y>>, frame: &Frame, xs: &[f64], train: &[f64], val: &[f64], t: ChartTheme) -> Option<()> {
    let (c1, c3) = (t.series[1], t.series[3]);
    let pts = |ys: &[f64]| -> Vec<(f64, f64)> { xs.iter().copied().zip(ys.iter().copied()).filter(|p| p.1.is_finite() && p.1 > 0.0).collect() };
    chart.draw_series(LineSeries::new(pts(train), c1.stroke_width(frame.px(2.0) as u32))).ok()?;
    chart.draw_series(LineSeries::new(pts(val), c3.stroke_width(frame.px(2.5) as u32))).ok()?;
    Some(())
}

pub fn draw_error_vs_alpha(frame: &Frame, m: &Model) -> Option<PlotMapping> {
    let (t, r) = (frame.theme, &m.refit);
    let root = start(frame)?;
    let p = &r.path;
    let (lo, hi) = alpha_range(&p.alphas)?;
    let (ylo, yhi) = error_range(p.train_mse.iter().chain(&p.validation_mse).copied().chain([r.train_mse, r.validation_mse, r.reference_validation_mse]));
    let mut entries = vec![(LAMBDA_LEGEND[0], Swatch::Line(t.series[1], 2.0)), (LAMBDA_LEGEND[1], Swatch::Line(t.series[3], 2.5))];
    if r.reference_validation_mse.is_finite() && r.reference_validation_mse > 0.0 {
        entries.push((LAMBDA_LEGEND[2], Swatch::Dashed(t.muted)));
    }
    entries.push((LAMBDA_LEGEND[3], Swatch::Line(t.series[2], 2.0)));
    let key = Legend::new(frame, entries);
    let mut chart = frame.chart_on(&root, AREAS).margin_top(key.top_margin(frame)).build_cartesian_2d((lo..hi).log_scale(), (ylo..yhi).log_scale()).ok()?;
    mesh(&mut chart, frame, "λ (log scale)", "mean squared error", &|v| format_number(*v), &|v| format_number(*v))?;
    let (px, py) = chart.plotting_area().get_pixel_range();
    curves(&mut chart, frame, &p.alphas, &p.train_mse, &p.validation_mse, t)?;
    if r.reference_validation_mse.is_finite() && r.reference_validation_mse > 0.0 {
        let muted = t.muted;
        let y = r.reference_validation_mse;
        chart.draw_series(DashedLineSeries::new([(lo, y), (hi, y)], frame.px(6.0) as u32, frame.px(4.0) as u32, muted.stroke_width(frame.px(1.5) as u32))).ok()?;
    }
    let a = alpha_on_axis(m.settings.lambda, lo);
    let c2 = t.series[2];
    chart.draw_series(LineSeries::new([(a, ylo), (a, yhi)], c2.stroke_width(frame.px(2.0) as u32))).ok()?;
    if r.validation_mse.is_finite() && r.validation_mse > 0.0 {
        chart.draw_series(std::iter::once(Circle::new((a, r.validation_mse), frame.px(5.0) as u32, c2.filled()))).ok()?;
    }
    draw_region_labels(&root, frame, CurveAxis::Lambda, &px, &py)?;
    key.draw(&root, frame)?;
    root.present().ok()?;
    None
}

pub fn draw_error_vs_degree(frame: &Frame, m: &Model) -> Option<PlotMapping> {
    let (t, r) = (frame.theme, &m.refit);
    let degree = m.settings.degree;
    let root = start(frame)?;
    let d = &r.degrees;
    let xs: Vec<f64> = d.degrees.iter().map(|&k| k as f64).collect();
    let (ylo, yhi) = error_range(d.train_mse.iter().chain(&d.validation_mse).copied());
    let max_degree = xs.last().copied().unwrap_or(15.0);
    let key = Legend::new(frame, vec![(DEGREE_LEGEND[0], Swatch::Line(t.series[1], 2.0)), (DEGREE_LEGEND[1], Swatch::Line(t.series[3], 2.5)), (DEGREE_LEGEND[2], Swatch::Line(t.series[2], 2.0))]);
    let mut chart = frame.chart_on(&root, AREAS).margin_top(key.top_margin(frame)).build_cartesian_2d(0.5f64..max_degree + 0.5, (ylo..yhi).log_scale()).ok()?;
    mesh(&mut chart, frame, "polynomial degree (capacity)", "mean squared error", &|v| format!("{v:.0}"), &|v| format_number(*v))?;
    let (px, py) = chart.plotting_area().get_pixel_range();
    curves(&mut chart, frame, &xs, &d.train_mse, &d.validation_mse, t)?;
    let c2 = t.series[2];
    let x = degree as f64;
    chart.draw_series(LineSeries::new([(x, ylo), (x, yhi)], c2.stroke_width(frame.px(2.0) as u32))).ok()?;
    if let Some(v) = d.validation_mse.get(degree.saturating_sub(1)).filter(|v| v.is_finite() && **v > 0.0) {
        chart.draw_series(std::iter::once(Circle::new((x, *v), frame.px(5.0) as u32, c2.filled()))).ok()?;
    }
    draw_region_labels(&root, frame, CurveAxis::Degree, &px, &py)?;
    key.draw(&root, frame)?;
    root.present().ok()?;
    None
}
