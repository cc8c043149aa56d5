//! The cross-validation lab's charts: the fold grid (one row per split, one cell per sample, with
//! each fold's model drawn small beside its row), the fold scores, and the k-comparison.

use crate::plot::canvas::{Frame, PlotMapping, Themed, LabelAreas};
use crate::plot::backend::fill_label;
use hyperlab_ml::model_selection::{ExperimentSummary, Folds};
use hyperlab_ml::labs::cross_validation::{format_score, score_band, CvRun, GridData, MiniModel};
use plotters::coord::Shift;
use crate::plot::backend::CanvasBackend;
use hyperlab_ml::schema::format_number;
use plotters::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::CanvasRenderingContext2d;

pub const ROW_HEIGHT: f64 = 22.0;
/// Two legend lines: the cell colours, then the class colours and the score column's name, so
/// they fit side by side down to 360 px.
const LEGEND: f64 = 44.0;
const CLASS_STRIP: f64 = 14.0;

/// CSS height the grid needs.
pub fn grid_height(data: &GridData) -> f64 {
    let strip = if data.classes.is_some() { CLASS_STRIP + 4.0 } else { 0.0 };
    LEGEND + strip + data.rows.len() as f64 * ROW_HEIGHT + if data.hidden > 0 { ROW_HEIGHT } else { 0.0 } + 6.0
}

fn css(c: RGBColor, alpha: f64) -> String {
    format!("rgba({},{},{},{alpha})", c.0, c.1, c.2)
}

/// Colours: training cells, validation cells, test cells, class 0, class 1.
pub fn cell_colors(t: &crate::plot::ChartTheme) -> [RGBColor; 5] {
    [t.series[0], t.series[3], t.muted, t.series[1], t.series[2]]
}

pub fn draw_grid(frame: &Frame, data: &GridData) -> Option<PlotMapping> {
    let ctx: CanvasRenderingContext2d = frame.canvas.get_context("2d").ok().flatten()?.dyn_into().ok()?;
    let t = &frame.theme;
    let s = frame.dpr;
    let (w, h) = (frame.width as f64, frame.height as f64);
    ctx.set_fill_style_str(&css(t.background, 1.0));
    ctx.fill_rect(0.0, 0.0, w, h);
    let n = data.test.len().max(1);
    let label_w = 78.0 * s;
    let model_w = (w * 0.22).clamp(70.0 * s, 150.0 * s);
    let score_w = 58.0 * s;
    let grid_x = label_w;
    let grid_w = (w - label_w - model_w - score_w - 12.0 * s).max(20.0 * s);
    let cell = grid_w / n as f64;
    let colors = cell_colors(t);
    ctx.set_font(&format!("{}px system-ui, sans-serif", (12.0 * s).round()));
    ctx.set_text_baseline("middle");

    // Legend, on two lines (measured, so nothing overlaps on a narrow screen).
    let swatch = |ctx: &CanvasRenderingContext2d, x: f64, y: f64, label: &str, color: RGBColor, alpha: f64| -> f64 {
        ctx.set_fill_style_str(&css(color, alpha));
        ctx.fill_rect(x, y - 6.0 * s, 12.0 * s, 12.0 * s);
        ctx.set_fill_style_str(&css(t.foreground, 1.0));
        fill_label(&ctx, label, x + 16.0 * s, y);
        let text_w = ctx.measure_text(label).map(|m| m.width()).unwrap_or(label.len() as f64 * 7.0 * s);
        x + 16.0 * s + text_w + 14.0 * s
    };
    let mut lx = 4.0 * s;
    let ly = 10.0 * s;
    for (label, color, alpha) in [("training", colors[0], 0.35), ("validation", colors[1], 1.0), ("test (held out)", colors[2], 0.5)] {
        lx = swatch(&ctx, lx, ly, label, color, alpha);
    }
    let ly2 = 30.0 * s;
    let mut lx = 4.0 * s;
    if data.classes.is_some() {
        for (label, color) in [("class 0", colors[3]), ("class 1", colors[4])] {
            lx = swatch(&ctx, lx, ly2, label, color, 1.0);
        }
    }
    let _ = lx;
    ctx.set_text_align("right");
    fill_label(&ctx, data.score_name, w - 4.0 * s, ly2);
    ctx.set_text_align("left");

    let mut y = LEGEND * s;
    if let Some(classes) = &data.classes {
        ctx.set_fill_style_str(&css(t.foreground, 1.0));
        fill_label(&ctx, "class", 4.0 * s, y + CLASS_STRIP * s / 2.0);
        for (i, c) in classes.iter().enumerate() {
            let color = if *c == 1 { colors[4] } else { colors[3] };
            ctx.set_fill_style_str(&css(color, 1.0));
            ctx.fill_rect(grid_x + i as f64 * cell, y, (cell - 0.5 * s).max(0.5), CLASS_STRIP * s);
        }
        y += (CLASS_STRIP + 4.0) * s;
    }
    let row_h = ROW_HEIGHT * s;
    for row in &data.rows {
        ctx.set_fill_style_str(&css(t.foreground, 1.0));
        fill_label(&ctx, &row.label, 4.0 * s, y + row_h / 2.0);
        for (i, &val) in row.validation.iter().enumerate() {
            let (color, alpha) = if data.test.get(i).copied().unwrap_or(false) {
                (colors[2], 0.5)
            } else if val {
                (colors[1], 1.0)
            } else {
                (colors[0], 0.35)
            };
            ctx.set_fill_style_str(&css(color, alpha));
            ctx.fill_rect(grid_x + i as f64 * cell, y + 3.0 * s, (cell - 0.5 * s).max(0.5), row_h - 6.0 * s);
        }
        draw_mini(&ctx, t, &row.model, grid_x + grid_w + 8.0 * s, y + 2.0 * s, model_w - 8.0 * s, row_h - 4.0 * s, s);
        ctx.set_fill_style_str(&css(t.foreground, 1.0));
        ctx.set_text_align("right");
        fill_label(&ctx, &format_score(data, row.score), w - 4.0 * s, y + row_h / 2.0);
        ctx.set_text_align("left");
        y += row_h;
    }
    if data.hidden > 0 {
        ctx.set_fill_style_str(&css(t.muted, 1.0));
        fill_label(&ctx, &format!("…and {} more splits (scores below include them)", data.hidden), 4.0 * s, y + row_h / 2.0);
    }
    None
}

#[allow(clippy::too_many_arguments)]
fn draw_mini(ctx: &CanvasRenderingContext2d, t: &crate::plot::ChartTheme, model: &MiniModel, x0: f64, y0: f64, w: f64, h: f64, s: f64) {
    ctx.set_stroke_style_str(&css(t.grid, 1.0));
    ctx.set_line_width(1.0 * s);
    ctx.stroke_rect(x0, y0, w, h);
    let px = |x: f64| x0 + (x.clamp(-1.6, 1.6) + 1.6) / 3.2 * w;
    match model {
        MiniModel::Curve { curve, points } => {
            let py = |y: f64| y0 + h - ((y.clamp(-1.8, 1.8) + 1.8) / 3.6) * h;
            ctx.set_fill_style_str(&css(t.series[3], 1.0));
            for &(x, y) in points {
                ctx.fill_rect(px(x) - 1.5 * s, py(y) - 1.5 * s, 3.0 * s, 3.0 * s);
            }
            ctx.set_stroke_style_str(&css(t.series[0], 1.0));
            ctx.set_line_width(1.5 * s);
            ctx.begin_path();
            for (i, &(x, y)) in curve.iter().enumerate() {
                if !y.is_finite() {
                    continue;
                }
                if i == 0 { ctx.move_to(px(x), py(y)) } else { ctx.line_to(px(x), py(y)) }
            }
            ctx.stroke();
        }
        MiniModel::Boundary { boundary, points } => {
            let px = |x: f64| x0 + (x.clamp(-3.5, 3.5) + 3.5) / 7.0 * w;
            for &(x, c) in points {
                let color = if c == 1 { t.series[2] } else { t.series[1] };
                ctx.set_fill_style_str(&css(color, 1.0));
                let yy = if c == 1 { y0 + h * 0.3 } else { y0 + h * 0.7 };
                ctx.fill_rect(px(x) - 1.5 * s, yy - 1.5 * s, 3.0 * s, 3.0 * s);
            }
            if let Some(b) = boundary.filter(|b| b.is_finite()) {
                ctx.set_stroke_style_str(&css(t.foreground, 1.0));
                ctx.set_line_width(1.5 * s);
                ctx.begin_path();
                ctx.move_to(px(b), y0);
                ctx.line_to(px(b), y0 + h);
                ctx.stroke();
            }
        }
    }
}

/// A message in place of a chart, wrapped to the canvas width.
fn draw_message(frame: &Frame, root: &DrawingArea<CanvasBackend, Shift>, message: &str) -> Option<()> {
    let style = frame.text(13.0);
    let max_w = (frame.width as f64 - frame.px(32.0)).max(frame.px(80.0));
    let mut lines: Vec<String> = vec![String::new()];
    for word in message.split_whitespace() {
        let last = lines.last_mut()?;
        let candidate = if last.is_empty() { word.to_string() } else { format!("{last} {word}") };
        let fits = root.estimate_text_size(&candidate, &style).map_or(candidate.len() as f64 * frame.px(7.0) <= max_w, |(w, _)| w as f64 <= max_w);
        if last.is_empty() || fits {
            *last = candidate;
        } else {
            lines.push(word.to_string());
        }
    }
    for (i, line) in lines.iter().enumerate() {
        root.draw(&Text::new(line.clone(), (frame.px(16.0) as i32, frame.px(24.0 + 18.0 * i as f64) as i32), style.clone())).ok()?;
    }
    Some(())
}

/// One legend entry above a chart: its swatch and label.
enum Key {
    Band(RGBAColor),
    Line(RGBColor),
    Dashed(RGBColor),
    Dot(RGBColor),
}

/// Draws the legend as rows above the plot (never over data) and returns the plot's area.
fn legend_above(frame: &Frame, root: &DrawingArea<CanvasBackend, Shift>, keys: &[(Key, &str)]) -> Option<DrawingArea<CanvasBackend, Shift>> {
    let style = frame.text(12.0);
    let (w, row_h) = (frame.width as f64, frame.px(18.0));
    let swatch_w = frame.px(18.0);
    // Lay the entries out in rows first, to know how tall the legend is.
    let mut placed = Vec::new();
    let (mut x, mut row) = (frame.px(8.0), 0usize);
    for (i, (_, label)) in keys.iter().enumerate() {
        let text_w = root.estimate_text_size(label, &style).map_or(label.len() as f64 * frame.px(7.0), |(tw, _)| tw as f64);
        let item_w = swatch_w + frame.px(4.0) + text_w + frame.px(14.0);
        if x + item_w > w && x > frame.px(8.0) {
            x = frame.px(8.0);
            row += 1;
        }
        placed.push((i, x, row));
        x += item_w;
    }
    let height = (row + 1) as f64 * row_h + frame.px(6.0);
    let (top, plot) = root.split_vertically(height as u32);
    for (i, x, row) in placed {
        let (key, label) = &keys[i];
        let cy = (frame.px(4.0) + row as f64 * row_h + row_h / 2.0) as i32;
        let (x0, x1) = (x as i32, (x + swatch_w) as i32);
        let h = frame.px(4.0) as i32;
        match key {
            Key::Band(c) => top.draw(&Rectangle::new([(x0, cy - h), (x1, cy + h)], c.filled())).ok()?,
            Key::Line(c) => top.draw(&PathElement::new(vec![(x0, cy), (x1, cy)], c.stroke_width(frame.px(2.0) as u32))).ok()?,
            Key::Dashed(c) => {
                let seg = (swatch_w / 3.0) as i32;
                top.draw(&PathElement::new(vec![(x0, cy), (x0 + seg, cy)], c.stroke_width(frame.px(2.0) as u32))).ok()?;
                top.draw(&PathElement::new(vec![(x1 - seg, cy), (x1, cy)], c.stroke_width(frame.px(2.0) as u32))).ok()?;
            }
            Key::Dot(c) => top.draw(&Circle::new(((x0 + x1) / 2, cy), frame.px(4.0) as u32, c.filled())).ok()?,
        }
        let ty = cy - (frame.px(12.0) / 2.0) as i32;
        top.draw(&Text::new(label.to_string(), (x1 + frame.px(4.0) as i32, ty), style.clone())).ok()?;
    }
    Some(plot)
}

/// Each fold's score as a dot, with the mean and a ±1 standard deviation band clipped to the
/// possible scores (accuracy 0–100 %, MSE at least 0); the legend sits above the plot.
/// With no scores (the splitter refused the data) it says why instead of drawing a line at 0;
/// a single split gets no band, since one score has no measured spread.
pub fn draw_scores(frame: &Frame, run: &CvRun) -> Option<PlotMapping> {
    let t = &frame.theme;
    let root = frame.area()?;
    root.fill(&t.background).ok()?;
    let Some(summary) = &run.summary else {
        let reason = run.error.as_deref().unwrap_or("the splitter cannot split this data");
        draw_message(frame, &root, &format!("No scores: {reason}"))?;
        root.present().ok()?;
        return None;
    };
    let accuracy = run.grid.classes.is_some();
    let (scores, mean, test_score, name) = (&summary.scores[..], summary.mean, run.test_score, run.grid.score_name);
    let (band_lo, band_hi, _) = score_band(run).unwrap_or((mean, mean, false));
    let finite: Vec<f64> = scores.iter().copied().filter(|v| v.is_finite()).collect();
    let mut lo = finite.iter().copied().fold(f64::INFINITY, f64::min).min(band_lo);
    let mut hi = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max).max(band_hi);
    if let Some(ts) = test_score.filter(|v| v.is_finite()) {
        lo = lo.min(ts);
        hi = hi.max(ts);
    }
    if !lo.is_finite() || !hi.is_finite() {
        lo = 0.0;
        hi = 1.0;
    }
    let pad = ((hi - lo) * 0.1).max(1e-3);
    // The axis stays within the possible scores.
    let y_lo = (lo - pad).max(0.0);
    let y_hi = if accuracy { (hi + pad).min(1.0) } else { hi + pad };
    let y_hi = if y_hi > y_lo { y_hi } else { y_lo + 1e-3 };
    let n = scores.len().max(1) as f64;
    let (c0, c2, c3) = (t.series[0], t.series[2], t.series[3]);
    let band = t.series[0].mix(0.15);
    let mut keys: Vec<(Key, &str)> = Vec::new();
    if scores.len() > 1 {
        keys.push((Key::Band(band), "mean ± 1 std"));
    }
    keys.push((Key::Line(c0), "mean"));
    keys.push((Key::Dot(c3), "each split's score"));
    if test_score.is_some_and(|v| v.is_finite()) {
        keys.push((Key::Dashed(c2), "held-out test score"));
    }
    let plot = legend_above(frame, &root, &keys)?;
    let mut chart = frame.chart_on(&plot, LabelAreas::CURVES)
        .build_cartesian_2d(0.5f64..n + 0.5, y_lo..y_hi)
        .ok()?;
    let y_fmt = |v: &f64| if accuracy { format!("{} %", format_number(100.0 * v)) } else { format_number(*v) };
    chart
        .configure_mesh()
        .x_desc("split")
        .y_desc(name)
        .x_labels(frame.x_ticks(scores.len().min(12)))
        .y_labels(frame.y_ticks(6))
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&y_fmt)
        .themed(frame)
        .draw()
        .ok()?;
    if scores.len() > 1 {
        chart.draw_series(std::iter::once(Rectangle::new([(0.5, band_lo), (n + 0.5, band_hi)], band.filled()))).ok()?;
    }
    chart.draw_series(LineSeries::new([(0.5, mean), (n + 0.5, mean)], c0.stroke_width(frame.px(2.0) as u32))).ok()?;
    chart
        .draw_series(scores.iter().enumerate().filter(|(_, v)| v.is_finite()).map(|(i, &v)| Circle::new((i as f64 + 1.0, v), frame.px(4.0) as u32, c3.filled())))
        .ok()?;
    if let Some(ts) = test_score.filter(|v| v.is_finite()) {
        chart
            .draw_series(DashedLineSeries::new([(0.5, ts), (n + 0.5, ts)], frame.px(6.0) as u32, frame.px(4.0) as u32, c2.stroke_width(frame.px(2.0) as u32)))
            .ok()?;
    }
    root.present().ok()?;
    None
}

/// The k-comparison: each fold count's CV estimates (one dot per resample) against the true
/// error, with mean ± std.
pub fn draw_experiment(frame: &Frame, summary: Option<&ExperimentSummary>) -> Option<PlotMapping> {
    let t = &frame.theme;
    let root = frame.area()?;
    root.fill(&t.background).ok()?;
    let Some(s) = summary else {
        draw_message(frame, &root, "Run the experiment to fill this chart.")?;
        root.present().ok()?;
        return None;
    };
    let all: Vec<f64> = s.per_folds.iter().flat_map(|f| f.estimates.iter().copied()).chain(s.true_errors.iter().copied()).filter(|v| v.is_finite()).collect();
    let lo = all.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi) = if lo.is_finite() && hi > lo { (lo, hi) } else { (0.0, 1.0) };
    let groups = s.per_folds.len() + 1;
    // On a phone five columns leave about 55 px each: "leave-one-out" ran into "k = 10".
    let column_px = (frame.width as f64 / frame.dpr) / (s.per_folds.len() + 1) as f64;
    let narrow = column_px < 80.0;
    let labels: Vec<String> = std::iter::once(if narrow { "truth" } else { "true error" }.to_string())
        .chain(s.per_folds.iter().map(|f| if narrow && f.folds == Folds::LeaveOneOut { "LOO".to_string() } else { f.folds.label() }))
        .collect();
    let mut chart = frame.chart_on(&root, LabelAreas::CURVES)
        .build_cartesian_2d(-0.5f64..groups as f64 - 0.5, lo..hi)
        .ok()?;
    chart
        .configure_mesh()
        .y_desc("mean squared error")
        .x_labels(groups)
        .y_labels(frame.y_ticks(6))
        .x_label_formatter(&|v| labels.get(v.round().max(0.0) as usize).cloned().unwrap_or_default())
        .y_label_formatter(&|v| format_number(*v))
        .disable_x_mesh()
        .themed(frame)
        .draw()
        .ok()?;
    let jitter = |i: usize| ((i * 37 % 101) as f64 / 101.0 - 0.5) * 0.5;
    let dot = frame.px(2.0) as u32;
    let c2 = t.series[2];
    chart.draw_series(s.true_errors.iter().enumerate().map(|(i, &v)| Circle::new((jitter(i), v), dot, c2.mix(0.5).filled()))).ok()?;
    for (g, f) in s.per_folds.iter().enumerate() {
        let x = g as f64 + 1.0;
        let c = t.series[0];
        chart.draw_series(f.estimates.iter().enumerate().map(|(i, &v)| Circle::new((x + jitter(i), v), dot, c.mix(0.5).filled()))).ok()?;
        let c3 = t.series[3];
        chart.draw_series(LineSeries::new([(x, f.mean - f.std), (x, f.mean + f.std)], c3.stroke_width(frame.px(3.0) as u32))).ok()?;
        chart.draw_series(std::iter::once(Circle::new((x, f.mean), frame.px(5.0) as u32, c3.filled()))).ok()?;
    }
    let c1 = t.series[1];
    chart.draw_series(DashedLineSeries::new([(-0.5, s.true_error_mean), (groups as f64 - 0.5, s.true_error_mean)], frame.px(6.0) as u32, frame.px(4.0) as u32, c1.stroke_width(frame.px(2.0) as u32))).ok()?;
    root.present().ok()?;
    None
}
