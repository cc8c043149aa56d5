//! The regularization lab's charts: the fitted curve over the points, the coefficients, the
//! regularization path, and the two validation curves (vs λ and vs degree).

use crate::plot::canvas::{Frame, PlotMapping, Themed};
use crate::plot::ChartTheme;
use hyperlab_ml::params::format_number;
use hyperlab_ml::regularization::Refit;
use plotters::coord::Shift;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::prelude::*;
use crate::plot::CanvasBackend;
use wasm_bindgen::JsCast;

const Y_RANGE: (f64, f64) = (-2.2, 2.2);

fn finite(v: f64) -> bool {
    v.is_finite()
}

fn mesh<'a, X, Y>(chart: &mut ChartContext<'a, CanvasBackend, Cartesian2d<X, Y>>, frame: &Frame, x_desc: &str, y_desc: &str, x_fmt: &dyn Fn(&X::ValueType) -> String, y_fmt: &dyn Fn(&Y::ValueType) -> String) -> Option<()>
where
    X: Ranged + ValueFormatter<<X as Ranged>::ValueType>,
    Y: Ranged + ValueFormatter<<Y as Ranged>::ValueType>,
{
    chart
        .configure_mesh()
        .x_desc(x_desc)
        .y_desc(y_desc)
        .x_labels(6)
        .y_labels(5)
        .x_label_formatter(x_fmt)
        .y_label_formatter(y_fmt)
        .themed(frame)
        .draw()
        .ok()
}

fn legend<'a, X: Ranged, Y: Ranged>(chart: &mut ChartContext<'a, CanvasBackend, Cartesian2d<X, Y>>, frame: &Frame, position: SeriesLabelPosition) -> Option<()> {
    chart
        .configure_series_labels()
        .position(position)
        .themed(frame)
        .draw()
        .ok()
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

pub fn draw_fit(frame: &Frame, r: &Refit) -> Option<PlotMapping> {
    let t = frame.theme;
    let root = start(frame)?;
    let mut chart = ChartBuilder::on(&root)
        .margin(frame.px(10.0) as u32)
        .x_label_area_size(frame.px(34.0) as u32)
        .y_label_area_size(frame.px(44.0) as u32)
        .build_cartesian_2d(-1.0f64..1.0, Y_RANGE.0..Y_RANGE.1)
        .ok()?;
    mesh(&mut chart, frame, "x", "y", &|v| format!("{v:.1}"), &|v| format!("{v:.1}"))?;
    let (px, py) = chart.plotting_area().get_pixel_range();
    let ctx = clip(frame, px, py)?;
    let muted = t.muted;
    let truth: Vec<(f64, f64)> = r.curve_x.iter().copied().zip(r.curve_truth.iter().copied()).filter(|p| finite(p.1)).collect();
    chart.draw_series(DashedLineSeries::new(truth, frame.px(6.0) as u32, frame.px(4.0) as u32, muted.stroke_width(frame.px(1.5) as u32))).ok()?
        .label("ground truth").legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], muted));
    let c1 = t.series[1];
    chart.draw_series(r.train.x.iter().zip(r.train.y.iter()).map(|(&x, &y)| Circle::new((x, y), frame.px(3.5) as u32, c1.filled()))).ok()?
        .label("training points").legend(move |(x, y)| Circle::new((x + 8, y), 4, c1.filled()));
    let c3 = t.series[3];
    chart.draw_series(r.validation.x.iter().zip(r.validation.y.iter()).map(|(&x, &y)| TriangleMarker::new((x, y), frame.px(4.5) as u32, c3.stroke_width(frame.px(1.5) as u32)))).ok()?
        .label("validation points").legend(move |(x, y)| TriangleMarker::new((x + 8, y), 5, c3.stroke_width(2)));
    let c0 = t.series[0];
    let fit: Vec<(f64, f64)> = r.curve_x.iter().copied().zip(r.curve_fit.iter().copied()).filter(|p| finite(p.1)).map(|(x, y)| (x, y.clamp(-50.0, 50.0))).collect();
    chart.draw_series(LineSeries::new(fit, c0.stroke_width(frame.px(2.5) as u32))).ok()?
        .label("fitted model").legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], c0.stroke_width(3)));
    ctx.restore();
    legend(&mut chart, frame, SeriesLabelPosition::LowerRight)?;
    root.present().ok()?;
    None
}

pub fn fit_summary(r: &Refit) -> String {
    format!(
        "Fitted degree-{} polynomial over {} training and {} validation points. Training error (MSE) {}, validation error {}; validation R² {}.",
        r.fit.coef.len(), r.train.len(), r.validation.len(), format_number(r.train_mse), format_number(r.validation_mse), format_number(r.validation_r2)
    )
}

pub fn draw_coefficients(frame: &Frame, r: &Refit) -> Option<PlotMapping> {
    let t = frame.theme;
    let root = start(frame)?;
    let coefs: Vec<f64> = r.fit.coef.iter().copied().collect();
    let m = coefs.iter().filter(|v| v.is_finite()).fold(0.0f64, |a, v| a.max(v.abs())).max(1e-6) * 1.15;
    let d = coefs.len().max(1);
    let mut chart = ChartBuilder::on(&root)
        .margin(frame.px(10.0) as u32)
        .x_label_area_size(frame.px(34.0) as u32)
        .y_label_area_size(frame.px(52.0) as u32)
        .build_cartesian_2d(0.5f64..d as f64 + 0.5, -m..m)
        .ok()?;
    mesh(&mut chart, frame, "feature (power of x)", "coefficient", &|v| if (v - v.round()).abs() < 1e-9 && *v >= 1.0 { format!("x{}", superscript(v.round() as usize)) } else { String::new() }, &|v| format_number(*v))?;
    let (c0, c3) = (t.series[0], t.series[3]);
    chart
        .draw_series(coefs.iter().enumerate().map(|(i, &c)| {
            let x = i as f64 + 1.0;
            Rectangle::new([(x - 0.35, 0.0), (x + 0.35, if c.is_finite() { c } else { 0.0 })], c0.filled())
        }))
        .ok()?;
    // Exact zeros get a marker on the axis: Lasso's feature selection, made visible.
    chart
        .draw_series(coefs.iter().enumerate().filter(|(_, c)| **c == 0.0).map(|(i, _)| Cross::new((i as f64 + 1.0, 0.0), frame.px(5.0) as u32, c3.stroke_width(frame.px(2.0) as u32))))
        .ok()?;
    root.present().ok()?;
    None
}

fn superscript(n: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string().chars().map(|c| DIGITS[c.to_digit(10).unwrap_or(0) as usize]).collect()
}

pub fn coefficients_summary(r: &Refit) -> String {
    let coefs: Vec<String> = r.fit.coef.iter().enumerate().map(|(i, c)| format!("x{}: {}", superscript(i + 1), format_number(*c))).collect();
    format!("{} coefficients, {} exactly zero. {}", r.fit.coef.len(), r.zero_count, coefs.join(", "))
}

/// The current λ on a log axis: 0 sits at the left edge.
fn alpha_on_axis(alpha: f64, lo: f64) -> f64 {
    if alpha <= 0.0 { lo } else { alpha.max(lo) }
}

pub fn draw_path(frame: &Frame, r: &Refit, alpha: f64) -> Option<PlotMapping> {
    let t = frame.theme;
    let root = start(frame)?;
    let p = &r.path;
    let (lo, hi) = (p.alphas.iter().copied().fold(f64::INFINITY, f64::min), p.alphas.iter().copied().fold(f64::NEG_INFINITY, f64::max));
    if !(lo.is_finite() && hi > lo) {
        return None;
    }
    // Scale to the bulk of the path: a few huge unregularized coefficients would flatten the rest.
    let mut mags: Vec<f64> = p.coefs.iter().map(|c| c.abs()).filter(|c| c.is_finite()).collect();
    mags.sort_by(|a, b| a.total_cmp(b));
    let m = mags.get(mags.len().saturating_sub(1) * 9 / 10).copied().unwrap_or(1.0).max(1e-6) * 1.3;
    let mut chart = ChartBuilder::on(&root)
        .margin(frame.px(10.0) as u32)
        .x_label_area_size(frame.px(34.0) as u32)
        .y_label_area_size(frame.px(52.0) as u32)
        .build_cartesian_2d((lo..hi).log_scale(), -m..m)
        .ok()?;
    mesh(&mut chart, frame, "λ (log scale)", "coefficient", &|v| format_number(*v), &|v| format_number(*v))?;
    let (px, py) = chart.plotting_area().get_pixel_range();
    let ctx = clip(frame, px, py)?;
    let palette = [t.series[0], t.series[1], t.series[2], t.series[3]];
    for j in 0..p.coefs.ncols() {
        let color = palette[j % palette.len()].mix(0.85);
        let line: Vec<(f64, f64)> = p.alphas.iter().zip(p.coefs.column(j)).filter(|(_, c)| c.is_finite()).map(|(&a, &c)| (a, c.clamp(-10.0 * m, 10.0 * m))).collect();
        chart.draw_series(LineSeries::new(line, color.stroke_width(frame.px(1.5) as u32))).ok()?;
    }
    let a = alpha_on_axis(alpha, lo);
    chart.draw_series(LineSeries::new([(a, -m), (a, m)], t.foreground.stroke_width(frame.px(2.0) as u32))).ok()?;
    ctx.restore();
    root.present().ok()?;
    None
}

pub fn path_summary(r: &Refit, alpha: f64) -> String {
    let p = &r.path;
    let first = p.zero_counts.first().copied().unwrap_or(0);
    let last = p.zero_counts.last().copied().unwrap_or(0);
    format!(
        "Regularization path: all {} coefficients over {} values of λ from {} down to {}. Exact zeros: {} at the largest λ, {} at the smallest. The vertical line marks your λ = {}.",
        p.coefs.ncols(), p.alphas.len(), format_number(p.alphas.first().copied().unwrap_or(0.0)), format_number(p.alphas.last().copied().unwrap_or(0.0)), first, last, format_number(alpha)
    )
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

/// Regions of a validation curve to name on the chart.
fn region_labels(root: &DrawingArea<CanvasBackend, Shift>, frame: &Frame, left: &str, right: &str, px: &std::ops::Range<i32>, py: &std::ops::Range<i32>) -> Option<()> {
    let style = frame.text(11.0).color(&frame.theme.muted);
    let y = py.start + frame.px(6.0) as i32;
    root.draw(&Text::new(left.to_string(), (px.start + frame.px(6.0) as i32, y), style.clone())).ok()?;
    let w = (right.chars().count() as f64 * 6.2 * frame.dpr) as i32;
    root.draw(&Text::new(right.to_string(), (px.end - w - frame.px(6.0) as i32, y), style)).ok()?;
    Some(())
}

fn curves<'a, X: Ranged<ValueType = f64>, Y: Ranged<ValueType = f64>>(chart: &mut ChartContext<'a, CanvasBackend, Cartesian2d<X, Y>>, frame: &Frame, xs: &[f64], train: &[f64], val: &[f64], t: ChartTheme) -> Option<()> {
    let (c1, c3) = (t.series[1], t.series[3]);
    let pts = |ys: &[f64]| -> Vec<(f64, f64)> { xs.iter().copied().zip(ys.iter().copied()).filter(|p| p.1.is_finite() && p.1 > 0.0).collect() };
    chart.draw_series(LineSeries::new(pts(train), c1.stroke_width(frame.px(2.0) as u32))).ok()?
        .label("training error").legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], c1.stroke_width(2)));
    chart.draw_series(LineSeries::new(pts(val), c3.stroke_width(frame.px(2.5) as u32))).ok()?
        .label("validation error").legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], c3.stroke_width(3)));
    Some(())
}

pub fn draw_error_vs_alpha(frame: &Frame, r: &Refit, alpha: f64) -> Option<PlotMapping> {
    let t = frame.theme;
    let root = start(frame)?;
    let p = &r.path;
    let (lo, hi) = (p.alphas.iter().copied().fold(f64::INFINITY, f64::min), p.alphas.iter().copied().fold(f64::NEG_INFINITY, f64::max));
    if !(lo.is_finite() && hi > lo) {
        return None;
    }
    let (ylo, yhi) = error_range(p.train_mse.iter().chain(&p.validation_mse).copied().chain([r.train_mse, r.validation_mse]));
    let mut chart = ChartBuilder::on(&root)
        .margin(frame.px(10.0) as u32)
        .x_label_area_size(frame.px(34.0) as u32)
        .y_label_area_size(frame.px(52.0) as u32)
        .build_cartesian_2d((lo..hi).log_scale(), (ylo..yhi).log_scale())
        .ok()?;
    mesh(&mut chart, frame, "λ (log scale)", "mean squared error", &|v| format_number(*v), &|v| format_number(*v))?;
    let (px, py) = chart.plotting_area().get_pixel_range();
    curves(&mut chart, frame, &p.alphas, &p.train_mse, &p.validation_mse, t)?;
    let a = alpha_on_axis(alpha, lo);
    let c2 = t.series[2];
    chart.draw_series(LineSeries::new([(a, ylo), (a, yhi)], c2.stroke_width(frame.px(2.0) as u32))).ok()?
        .label("your model").legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], c2.stroke_width(2)));
    if r.validation_mse.is_finite() && r.validation_mse > 0.0 {
        chart.draw_series(std::iter::once(Circle::new((a, r.validation_mse), frame.px(5.0) as u32, c2.filled()))).ok()?;
    }
    region_labels(&root, frame, "← overfitting (too little penalty)", "underfitting (too much) →", &px, &py)?;
    legend(&mut chart, frame, SeriesLabelPosition::LowerRight)?;
    root.present().ok()?;
    None
}

pub fn draw_error_vs_degree(frame: &Frame, r: &Refit, degree: usize) -> Option<PlotMapping> {
    let t = frame.theme;
    let root = start(frame)?;
    let d = &r.degrees;
    let xs: Vec<f64> = d.degrees.iter().map(|&k| k as f64).collect();
    let (ylo, yhi) = error_range(d.train_mse.iter().chain(&d.validation_mse).copied());
    let max_degree = xs.last().copied().unwrap_or(15.0);
    let mut chart = ChartBuilder::on(&root)
        .margin(frame.px(10.0) as u32)
        .x_label_area_size(frame.px(34.0) as u32)
        .y_label_area_size(frame.px(52.0) as u32)
        .build_cartesian_2d(0.5f64..max_degree + 0.5, (ylo..yhi).log_scale())
        .ok()?;
    mesh(&mut chart, frame, "polynomial degree (capacity)", "mean squared error", &|v| format!("{v:.0}"), &|v| format_number(*v))?;
    let (px, py) = chart.plotting_area().get_pixel_range();
    curves(&mut chart, frame, &xs, &d.train_mse, &d.validation_mse, t)?;
    let c2 = t.series[2];
    let x = degree as f64;
    chart.draw_series(LineSeries::new([(x, ylo), (x, yhi)], c2.stroke_width(frame.px(2.0) as u32))).ok()?
        .label("your model").legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], c2.stroke_width(2)));
    if let Some(v) = d.validation_mse.get(degree.saturating_sub(1)).filter(|v| v.is_finite() && **v > 0.0) {
        chart.draw_series(std::iter::once(Circle::new((x, *v), frame.px(5.0) as u32, c2.filled()))).ok()?;
    }
    region_labels(&root, frame, "← underfitting", "overfitting →", &px, &py)?;
    root.present().ok()?;
    None
}

pub fn curves_summary(r: &Refit, alpha: f64, degree: usize) -> String {
    let best_alpha = r.path.best_alpha().map_or("—".into(), format_number);
    let best_degree = r.degrees.best_degree().map_or("—".into(), |d| d.to_string());
    format!(
        "Validation curves. Versus λ: validation error is lowest at λ = {best_alpha}; yours is λ = {} with training error {} and validation error {}. Versus degree at your λ: validation error is lowest at degree {best_degree}; yours is degree {degree}. Small λ or high degree overfits (training error far below validation error); large λ or low degree underfits (both high).",
        format_number(alpha), format_number(r.train_mse), format_number(r.validation_mse)
    )
}
