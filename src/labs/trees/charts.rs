//! The trees lab's charts: the decision map (or the regression curve) with the points, the depth
//! curves, the number-of-trees curves, the learning-rate comparison and the four resampled fits.
//! They draw the core's [`LabModel`]; every number comes from it.

use crate::plot::canvas::{Frame, PlotMapping, Themed, LabelAreas};
use crate::plot::backend::fill_label;
use crate::plot::heatmap::put_rgba;
use crate::plot::{finite_or, CanvasBackend, ChartTheme};
use hyperlab_ml::labs::trees::challenges::{FAST_RATE, FAST_TREES};
use hyperlab_ml::labs::trees::model::{best_of, runs_below_ceiling, DepthPoint, LabModel, Points, LEARNING_RATES, MAP_CELLS, MAP_HALF_WIDTH, RATES_CEILING, STABILITY_CELLS};
use hyperlab_ml::labs::trees::texts::argmin;
use hyperlab_ml::labs::trees::ModelKind;
use hyperlab_ml::schema::format_number;
use plotters::coord::Shift;
use plotters::prelude::*;
use crate::plot::legend::{Legend, Swatch};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

fn class_colors(t: &ChartTheme) -> (RGBColor, RGBColor) {
    let blue = if crate::plot::luminance(t.background) < 0.2 { RGBColor(86, 180, 233) } else { RGBColor(0, 114, 178) };
    (blue, RGBColor(230, 159, 0))
}

fn mix(a: RGBColor, b: RGBColor, t: f64) -> [u8; 3] {
    let f = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * t).round() as u8;
    [f(a.0, b.0), f(a.1, b.1), f(a.2, b.2)]
}

/// P(orange) per cell → RGBA: blue below 0.5, orange above, closer to the background where unsure.
pub fn heatmap_rgba(p: &[f64], t: &ChartTheme) -> Vec<u8> {
    let (c0, c1) = class_colors(t);
    let mut out = Vec::with_capacity(p.len() * 4);
    for &v in p {
        let v = if v.is_finite() { v.clamp(0.0, 1.0) } else { 0.5 };
        let (target, strength) = if v > 0.5 { (c1, (v - 0.5) * 2.0) } else { (c0, (0.5 - v) * 2.0) };
        let [r, g, b] = mix(t.background, target, 0.15 + 0.6 * strength);
        out.extend_from_slice(&[r, g, b, 255]);
    }
    out
}

fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

fn css(c: RGBColor) -> String {
    format!("rgb({},{},{})", c.0, c.1, c.2)
}

fn start(frame: &Frame) -> Option<DrawingArea<CanvasBackend, Shift>> {
    let root = frame.area()?;
    root.fill(&frame.theme.background).ok()?;
    Some(root)
}

/// Draws the points (training filled, validation hollow) through `to_px`.
fn draw_points(ctx: &CanvasRenderingContext2d, frame: &Frame, sets: [(&Points, bool); 2], regression: bool, to_px: &dyn Fn(f64, f64) -> (f64, f64)) {
    let t = frame.theme;
    let (c0, c1) = class_colors(&t);
    ctx.set_line_width(frame.px(1.2));
    for (points, hollow) in sets {
        for i in 0..points.x.n {
            let (x, y) = if regression { (points.x.cols[0][i], points.y[i]) } else { (points.x.cols[0][i], points.x.cols[1][i]) };
            if !(x.is_finite() && y.is_finite()) {
                continue;
            }
            let (sx, sy) = to_px(x, y);
            let color = if regression { t.series[1] } else if points.y[i] == 1.0 { c1 } else { c0 };
            ctx.begin_path();
            let _ = ctx.arc(sx, sy, frame.px(3.0), 0.0, std::f64::consts::TAU);
            if hollow {
                ctx.set_fill_style_str(&css(t.background));
                ctx.fill();
                ctx.set_stroke_style_str(&css(color));
            } else {
                ctx.set_fill_style_str(&css(color));
                ctx.fill();
                ctx.set_stroke_style_str(&css(t.foreground));
            }
            ctx.stroke();
        }
    }
}

const REG_Y: (f64, f64) = (-1.6, 1.6);

/// The decision map (or the fitted curve) with every point.
pub fn draw_map(frame: &Frame, m: &LabModel, offscreen: &HtmlCanvasElement) -> Option<PlotMapping> {
    let t = frame.theme;
    let root = start(frame)?;
    let regression = m.regression();
    let (x_lo, x_hi, y_lo, y_hi) = if regression { (-1.0, 1.0, REG_Y.0, REG_Y.1) } else { (-MAP_HALF_WIDTH, MAP_HALF_WIDTH, -MAP_HALF_WIDTH, MAP_HALF_WIDTH) };
    // y: room for the tick labels and, beside them, the axis name (x₂ touched "0.0" at 36 px).
    let areas = LabelAreas { margin: 8.0, top: 8.0, x: 34.0, y: 48.0 };
    let mut chart = frame.chart_on(&root, areas).build_cartesian_2d(x_lo..x_hi, y_lo..y_hi).ok()?;
    let (px, py) = chart.plotting_area().get_pixel_range();
    let ctx = context(&frame.canvas)?;
    let scores = m.main.scores(2);
    if !regression && m.main.trees_fitted() > 0 && scores.len() == MAP_CELLS * MAP_CELLS {
        put_rgba(offscreen, MAP_CELLS as u32, MAP_CELLS as u32, &heatmap_rgba(&scores, &t)).ok()?;
        // Crisp cells: a tree's map is made of rectangles, smoothing would blur their edges.
        ctx.set_image_smoothing_enabled(false);
        ctx.draw_image_with_html_canvas_element_and_dw_and_dh(offscreen, px.start as f64, py.start as f64, (px.end - px.start) as f64, (py.end - py.start) as f64).ok()?;
    }
    chart.configure_mesh().disable_mesh().x_labels(frame.x_ticks(5)).y_labels(frame.y_ticks(5)).x_desc(if regression { "x" } else { "x₁" }).y_desc(if regression { "y" } else { "x₂" }).themed(frame).draw().ok()?;
    let to_px = |x: f64, y: f64| {
        (px.start as f64 + (x - x_lo) / (x_hi - x_lo) * (px.end - px.start) as f64, py.start as f64 + (y_hi - y.clamp(y_lo, y_hi)) / (y_hi - y_lo) * (py.end - py.start) as f64)
    };
    // Points outside the map's range are clipped to the plot area, not drawn over the labels.
    ctx.save();
    ctx.begin_path();
    ctx.rect(px.start as f64, py.start as f64, (px.end - px.start) as f64, (py.end - py.start) as f64);
    ctx.clip();
    draw_points(&ctx, frame, [(&m.train, false), (&m.val, true)], regression, &to_px);
    if regression && m.main.trees_fitted() > 0 {
        ctx.set_stroke_style_str(&css(t.series[0]));
        ctx.set_line_width(frame.px(2.5));
        ctx.begin_path();
        for (i, y) in scores.iter().enumerate() {
            let (sx, sy) = to_px(m.map.x.cols[0][i], finite_or(*y, 0.0));
            if i == 0 { ctx.move_to(sx, sy) } else { ctx.line_to(sx, sy) }
        }
        ctx.stroke();
    }
    ctx.restore();
    root.present().ok()?;
    None
}

fn error_axis(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let hi = values.filter(|v| v.is_finite()).fold(0.0f64, f64::max);
    (0.0, (hi * 1.1).max(0.05))
}

fn line<'a>(chart: &mut ChartContext<'a, CanvasBackend, Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>>, frame: &Frame, pts: Vec<(f64, f64)>, color: RGBColor, width: f64, dashed: bool) -> Option<()> {
    let style = color.stroke_width(frame.px(width) as u32);
    let pts: Vec<(f64, f64)> = pts.into_iter().filter(|p| p.0.is_finite() && p.1.is_finite()).collect();
    if dashed {
        chart.draw_series(DashedLineSeries::new(pts, frame.px(5.0) as u32, frame.px(4.0) as u32, style)).ok()?;
    } else {
        chart.draw_series(LineSeries::new(pts, style)).ok()?;
    }
    Some(())
}

/// Training, validation and (when there is one) out-of-bag error: the legend of the error charts.
fn error_legend(t: &ChartTheme, oob: bool) -> Legend {
    let mut legend = Legend::new();
    legend.add("training", t.series[1], Swatch::Line(2.0)).add("validation", t.series[3], Swatch::Line(2.5));
    if oob {
        legend.add("out-of-bag", t.series[0], Swatch::Dashed(1.5));
    }
    legend
}

/// Depth position on the x axis: 1 … 12, then 13 for "no limit".
fn depth_x(p: &DepthPoint) -> f64 {
    p.depth.map_or(13.0, |d| d as f64)
}

/// Training, validation (and out-of-bag) error against maximum depth, the current depth marked,
/// the best single tree as a dotted line, and the under- and overfitting sides named.
pub fn draw_depth(frame: &Frame, m: &LabModel) -> Option<PlotMapping> {
    let t = frame.theme;
    let root = start(frame)?;
    let curve = m.depth_curve();
    let trees = m.tree_curve();
    let (lo, hi) = error_axis(curve.iter().flat_map(|p| [p.train, p.val, p.oob.unwrap_or(0.0)]).chain(trees.iter().map(|p| p.val)));
    let has_oob = curve.iter().any(|p| p.oob.is_some());
    let best_tree = best_of(&trees).filter(|_| trees.len() == 13);
    let mut legend = error_legend(&t, has_oob);
    if best_tree.is_some() {
        legend.add("best single tree", t.muted, Swatch::Dashed(1.5));
    }
    legend.add("your depth", t.series[2], Swatch::Line(2.0));
    // The legend sits in a band under the plot, so it never hides a curve (it did at 360 px).
    let (plot, band) = legend.split_below(&root, frame);
    let mut chart = frame.chart_on(&plot, LabelAreas::CURVES).build_cartesian_2d(0.5f64..13.5, lo..hi).ok()?;
    chart
        .configure_mesh()
        .x_desc("maximum depth (capacity)")
        .y_desc(if m.regression() { "mean squared error" } else { "error" })
        .x_labels(13)
        .y_labels(frame.y_ticks(5))
        .x_label_formatter(&|v| if (*v - 13.0).abs() < 0.01 { "∞".into() } else { format!("{v:.0}") })
        .y_label_formatter(&|v| format_number(*v))
        .themed(frame)
        .draw()
        .ok()?;
    let xy = |f: fn(&DepthPoint) -> f64| curve.iter().map(|p| (depth_x(p), f(p))).collect::<Vec<_>>();
    line(&mut chart, frame, xy(|p| p.train), t.series[1], 2.0, false)?;
    line(&mut chart, frame, xy(|p| p.val), t.series[3], 2.5, false)?;
    if has_oob {
        line(&mut chart, frame, xy(|p| p.oob.unwrap_or(f64::NAN)), t.series[0], 1.5, true)?;
    }
    if let Some(best) = best_tree {
        chart.draw_series(DashedLineSeries::new([(0.5, best.val), (13.5, best.val)], frame.px(2.0) as u32, frame.px(3.0) as u32, t.muted.stroke_width(frame.px(1.5) as u32))).ok()?;
    }
    let current = m.settings.max_depth.map_or(13.0, |d| d as f64);
    chart.draw_series(LineSeries::new([(current, lo), (current, hi)], t.series[2].stroke_width(frame.px(2.0) as u32))).ok()?;
    if let Some(best) = best_of(&curve).filter(|_| curve.len() == 13) {
        let bx = depth_x(&best);
        let style = frame.text(11.0).color(&t.muted);
        let (px, py) = chart.plotting_area().get_pixel_range();
        let to_px = |x: f64| px.start + ((x - 0.5) / 13.0 * (px.end - px.start) as f64) as i32;
        let y = py.start + frame.px(4.0) as i32;
        if bx > 1.5 {
            root.draw(&Text::new("← underfitting", (px.start + frame.px(4.0) as i32, y), style.clone())).ok()?;
        }
        if bx < 12.5 {
            // Close to the left edge the two names would overlap: the second goes a line lower.
            let crowded = bx > 1.5 && to_px(bx) - px.start < frame.px(100.0) as i32;
            let y2 = if crowded { y + frame.px(14.0) as i32 } else { y };
            root.draw(&Text::new("overfitting →", (to_px(bx) + frame.px(6.0) as i32, y2), style)).ok()?;
        }
        chart.draw_series(std::iter::once(Circle::new((bx, best.val), frame.px(5.0) as u32, t.series[3].stroke_width(frame.px(2.0) as u32)))).ok()?;
    }
    legend.draw_band(&band, frame)?;
    root.present().ok()?;
    None
}

/// A chart of an error after each tree on `plot`: trees 1 ..= `n` across, `lo ..= hi` up, its
/// axes drawn.
fn per_tree_chart<'a>(frame: &Frame, plot: &'a DrawingArea<CanvasBackend, Shift>, n: f64, lo: f64, hi: f64, y_desc: &str) -> Option<ChartContext<'a, CanvasBackend, Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>>> {
    let mut chart = frame.chart_on(plot, LabelAreas::CURVES).build_cartesian_2d(1.0f64..n, lo..hi).ok()?;
    chart.configure_mesh().x_desc("number of trees").y_desc(y_desc).x_labels(frame.x_count_ticks(6, 1.0, n)).y_labels(frame.y_ticks(5)).x_label_formatter(&|v| format!("{v:.0}")).y_label_formatter(&|v| format_number(*v)).themed(frame).draw().ok()?;
    Some(chart)
}

/// Errors after each tree.
pub fn draw_trees(frame: &Frame, m: &LabModel) -> Option<PlotMapping> {
    let t = frame.theme;
    let root = start(frame)?;
    let g = &m.main;
    let n = m.settings.ensemble_size().max(2) as f64;
    let oob: Vec<f64> = g.oob_curve().iter().map(|v| v.unwrap_or(f64::NAN)).collect();
    let (lo, hi) = error_axis(g.train_curve.iter().chain(&g.val_curve).chain(&oob).copied());
    let ensemble = m.settings.model != ModelKind::Tree;
    let legend = if ensemble { error_legend(&t, !oob.is_empty()) } else { Legend::new() };
    let (plot, band) = legend.split_below(&root, frame);
    let mut chart = per_tree_chart(frame, &plot, n, lo, hi, if m.regression() { "mean squared error" } else { "error" })?;
    if ensemble {
        let xy = |v: &[f64]| v.iter().enumerate().map(|(i, y)| ((i + 1) as f64, *y)).collect::<Vec<_>>();
        line(&mut chart, frame, xy(&g.train_curve), t.series[1], 2.0, false)?;
        line(&mut chart, frame, xy(&g.val_curve), t.series[3], 2.5, false)?;
        if !oob.is_empty() {
            line(&mut chart, frame, xy(&oob), t.series[0], 1.5, true)?;
        }
        if let Some(v) = g.val_curve.last().filter(|_| g.is_done()) {
            chart.draw_series(std::iter::once(Circle::new((g.val_curve.len() as f64, *v), frame.px(5.0) as u32, t.series[2].filled()))).ok()?;
        }
        legend.draw_band(&band, frame)?;
    }
    root.present().ok()?;
    None
}

/// Validation loss after each tree at each learning rate, each curve's lowest point marked, and
/// the slow-rate challenge's target ringed.
pub fn draw_rates(frame: &Frame, m: &LabModel) -> Option<PlotMapping> {
    let t = frame.theme;
    let root = start(frame)?;
    let n = m.settings.n_trees.max(2) as f64;
    let (lo, hi) = error_axis(m.rate_sweep.iter().flat_map(|g| g.val_loss_curve.iter().copied()));
    let hi = hi.min(RATES_CEILING);
    let colors = [t.series[0], t.series[2], t.series[3], t.series[1]];
    let mut legend = Legend::new();
    for (lr, color) in LEARNING_RATES.iter().zip(colors) {
        legend.add(format!("rate {}", format_number(*lr)), color, Swatch::Line(2.0));
    }
    let (plot, band) = legend.split_below(&root, frame);
    let mut chart = per_tree_chart(frame, &plot, n, lo, hi, if m.regression() { "validation MSE" } else { "validation log loss" })?;
    for ((lr, g), color) in LEARNING_RATES.iter().zip(&m.rate_sweep).zip(colors) {
        for (clipped, run) in runs_below_ceiling(&g.val_loss_curve, hi) {
            line(&mut chart, frame, run, color, 2.0, clipped)?;
        }
        if let Some((i, v)) = argmin(&g.val_loss_curve).filter(|_| g.is_done()) {
            chart.draw_series(std::iter::once(Circle::new(((i + 1) as f64, v.min(hi)), frame.px(4.0) as u32, color.filled()))).ok()?;
        }
        if (*lr - FAST_RATE).abs() < 1e-12 {
            if let Some(v) = g.val_loss_curve.get(FAST_TREES - 1) {
                chart.draw_series(std::iter::once(Circle::new((FAST_TREES as f64, v.min(hi)), frame.px(8.0) as u32, t.foreground.stroke_width(frame.px(1.5) as u32)))).ok()?;
            }
        }
    }
    legend.draw_band(&band, frame)?;
    root.present().ok()?;
    None
}

/// The four fits on bootstrap resamples: four small maps (or four curves over the points).
pub fn draw_instability(frame: &Frame, m: &LabModel, offscreen: &HtmlCanvasElement) -> Option<PlotMapping> {
    let t = frame.theme;
    let root = start(frame)?;
    let ctx = context(&frame.canvas)?;
    let pics = m.instability.pictures();
    if m.regression() {
        let mut chart = frame.chart_on(&root, LabelAreas { margin: 10.0, top: 10.0, x: 30.0, y: 36.0 }).build_cartesian_2d(-1.0f64..1.0, REG_Y.0..REG_Y.1).ok()?;
        chart.configure_mesh().disable_mesh().x_labels(frame.x_ticks(5)).y_labels(frame.y_ticks(5)).themed(frame).draw().ok()?;
        let colors = [t.series[0], t.series[1], t.series[2], t.series[3]];
        for ((pic, g), color) in pics.iter().zip(&m.instability.growers).zip(colors) {
            if g.trees_fitted() == 0 {
                continue;
            }
            let pts: Vec<(f64, f64)> = pic.iter().enumerate().map(|(i, y)| (m.map.x.cols[0][i], finite_or(*y, 0.0).clamp(REG_Y.0, REG_Y.1))).collect();
            chart.draw_series(LineSeries::new(pts, color.stroke_width(frame.px(2.0) as u32))).ok()?;
        }
        root.present().ok()?;
        return None;
    }
    let (w, h) = (frame.width as f64, frame.height as f64);
    let gap = frame.px(6.0);
    let side = ((w - gap) / 2.0).min((h - gap) / 2.0);
    for (k, (pic, g)) in pics.iter().zip(&m.instability.growers).enumerate() {
        let (x0, y0) = ((k % 2) as f64 * (side + gap), (k / 2) as f64 * (side + gap));
        if g.trees_fitted() > 0 && pic.len() == STABILITY_CELLS * STABILITY_CELLS {
            put_rgba(offscreen, STABILITY_CELLS as u32, STABILITY_CELLS as u32, &heatmap_rgba(pic, &t)).ok()?;
            ctx.set_image_smoothing_enabled(false);
            ctx.draw_image_with_html_canvas_element_and_dw_and_dh(offscreen, x0, y0, side, side).ok()?;
        }
        ctx.set_stroke_style_str(&css(t.grid));
        ctx.stroke_rect(x0, y0, side, side);
        ctx.set_fill_style_str(&css(t.foreground));
        ctx.set_font(&format!("{}px system-ui, sans-serif", frame.px(11.0)));
        fill_label(&ctx, &format!("resample {}", k + 1), x0 + frame.px(4.0), y0 + frame.px(13.0));
    }
    root.present().ok()?;
    None
}
