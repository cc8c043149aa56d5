//! The search lab's charts: each strategy's trials over the true objective's heatmap (with
//! marginal ticks), the race of best-so-far curves (one seed, or median and quartiles over many),
//! and the 1-D Gaussian-process and acquisition views. Each has a text summary with its numbers.

use crate::plot::canvas::{draw_axes, Axes, Frame, LabelAreas, PlotMapping, ThemedCompact};
use crate::plot::backend::{fill_label, fill_wrapped};
use crate::plot::heatmap::{Field, HeatmapImage};
use crate::plot::{CanvasBackend, ChartTheme};
use hyperlab_ml::labs::search::problem::{MinimumMark, ProblemKind};
use hyperlab_ml::labs::search::texts::{axis_tick, log_safe, numbered_trials, regret, NEXT_TRIAL_LABEL, PICK_LABEL};
use hyperlab_ml::labs::search::{OneD, Run, TrueField, MANY_SEEDS};
use hyperlab_ml::schema::format_number;
use hyperlab_ml::search::{Space, StrategyKind};
use plotters::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

fn css(c: RGBColor, alpha: f64) -> String {
    format!("rgba({},{},{},{alpha})", c.0, c.1, c.2)
}

/// One entry of a legend drawn above the plot: its label, colour, line width (CSS pixels) and
/// whether the line is dashed.
struct LegendItem {
    label: String,
    color: RGBColor,
    width: f64,
    dashed: bool,
}

/// Lays `items` out in rows above the plot (wrapping to the canvas's width), so the legend never
/// covers data or labels in the plotting area. Returns the rows' height in device pixels; draws
/// them when `draw` is set. The caller splits the canvas at that height.
fn legend_rows(frame: &Frame, area: &DrawingArea<crate::plot::CanvasBackend, plotters::coord::Shift>, items: &[LegendItem], draw: bool) -> Option<u32> {
    let font = frame.text(10.5);
    let (pad, swatch, gap) = (frame.px(10.0) as i32, frame.px(18.0) as i32, frame.px(14.0) as i32);
    let line = frame.px(16.0) as i32;
    let right = frame.width as i32 - pad;
    let (mut x, mut y) = (pad, frame.px(4.0) as i32);
    for item in items {
        let (w, _) = area.estimate_text_size(&item.label, &font).ok()?;
        let need = swatch + frame.px(5.0) as i32 + w as i32;
        if x > pad && x + need > right {
            x = pad;
            y += line;
        }
        if draw {
            let mid = y + line / 2;
            let style = item.color.stroke_width(frame.px(item.width) as u32);
            if item.dashed {
                let dash = frame.px(4.0) as i32;
                let mut sx = x;
                while sx < x + swatch {
                    area.draw(&PathElement::new(vec![(sx, mid), ((sx + dash).min(x + swatch), mid)], style)).ok()?;
                    sx += 2 * dash;
                }
            } else {
                area.draw(&PathElement::new(vec![(x, mid), (x + swatch, mid)], style)).ok()?;
            }
            area.draw(&Text::new(item.label.clone(), (x + swatch + frame.px(5.0) as i32, mid), font.pos(plotters::style::text_anchor::Pos::new(plotters::style::text_anchor::HPos::Left, plotters::style::text_anchor::VPos::Center)))).ok()?;
        }
        x += need + gap;
    }
    Some((y + line + frame.px(2.0) as i32) as u32)
}

/// Splits `root` into a legend row above and the area for the chart below, drawing the legend.
fn with_legend_above(
    frame: &Frame,
    root: DrawingArea<crate::plot::CanvasBackend, plotters::coord::Shift>,
    items: &[LegendItem],
) -> Option<DrawingArea<crate::plot::CanvasBackend, plotters::coord::Shift>> {
    let h = legend_rows(frame, &root, items, false)?.min(frame.height / 2);
    let (top, rest) = root.split_vertically(h);
    legend_rows(frame, &top, items, true)?;
    Some(rest)
}

/// Colour of each strategy (grid, random, Bayesian optimization, TPE).
pub fn strategy_color(t: &ChartTheme, kind: StrategyKind) -> RGBColor {
    match kind {
        StrategyKind::Grid => t.series[0],
        StrategyKind::Random => t.series[3],
        StrategyKind::Bayes => t.series[2],
        StrategyKind::Tpe => t.series[1],
    }
}

/// The heatmap image of the true objective for one plot size, shared by the three panels.
pub type HeatCache = HeatmapImage<ProblemKind>;

/// The true objective over the unit square, coloured on a log scale above its minimum.
fn field_rgba(field: &TrueField, width: u32, height: u32) -> Vec<u8> {
    let (lo, hi) = field.range();
    let f = Field::sample(width as usize, height as usize, (0.0, 1.0), (0.0, 1.0), |u, v| field.lookup(u, v));
    f.to_rgba(log_unit(lo, hi), 12)
}

/// Maps values in [lo, hi] to [0, 1] on a log scale of the distance above the minimum, so both
/// the valley floor and the walls show structure.
fn log_unit(lo: f64, hi: f64) -> impl Fn(f64) -> f64 {
    let span = (hi - lo).max(1e-12);
    let eps = span * 1e-3;
    let (a, b) = (eps.ln(), (span + eps).ln());
    move |v: f64| if v.is_finite() { (((v - lo).max(0.0) + eps).ln() - a) / (b - a) } else { 1.0 }
}

/// Axis tick label for a unit position on dimension `i`.
fn tick(space: &Space, i: usize, u: f64) -> String {
    if !(0.0..=1.0).contains(&u) {
        return String::new();
    }
    let d = &space.dims()[i];
    match d {
        hyperlab_ml::search::Dimension::Continuous { .. } => axis_tick(d.from_unit(u)),
        _ => d.format(d.from_unit(u)),
    }
}

/// Tick label of the 1-D view's axis at unit position `u`.
pub(crate) fn slice_tick(dim: &hyperlab_ml::search::Dimension, u: f64) -> String {
    match dim {
        hyperlab_ml::search::Dimension::Continuous { .. } => axis_tick(dim.from_unit(u.clamp(0.0, 1.0))),
        _ => dim.format(dim.from_unit(u.clamp(0.0, 1.0))),
    }
}

/// A chart over a 1-D slice: x is the unit position along `dim`, ticked in the knob's own units;
/// y runs over `y`; compact axes.
pub(crate) fn slice_chart<'a>(
    frame: &Frame,
    root: &'a DrawingArea<CanvasBackend, plotters::coord::Shift>,
    dim: &hyperlab_ml::search::Dimension,
    y: std::ops::Range<f64>,
    y_desc: &str,
    y_ticks: usize,
    y_format: &dyn Fn(&f64) -> String,
) -> Option<ChartContext<'a, CanvasBackend, Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>>> {
    let mut chart = frame.chart_on(root, LabelAreas::COMPACT).build_cartesian_2d(0.0f64..1.0, y).ok()?;
    let x_format = |u: &f64| slice_tick(dim, *u);
    let axes = Axes { x_desc: &dim.name(), y_desc, x_ticks: 6, y_ticks, x_format: &x_format, y_format };
    draw_axes(&mut chart, frame, &axes, true)?;
    Some(chart)
}

/// The panels' axes run a little past the unit square, so trials on its edges (the grid's
/// corners) are drawn whole instead of over the tick labels.
const EDGE: f64 = 0.04;

/// One strategy's first `shown` trials over the heatmap: numbered dots, the best so far
/// highlighted, the true minimum marked (crosses or a line), and a tick on each axis per
/// distinct value.
pub fn draw_panel(frame: &Frame, field: &TrueField, cache: &mut HeatCache, run: &Run, shown: usize, space: &Space, minimum: &MinimumMark) -> Option<PlotMapping> {
    let t = &frame.theme;
    let root = frame.area()?;
    root.fill(&t.background).ok()?;
    let mut chart = frame.chart_on(&root, LabelAreas { margin: 8.0, top: 8.0, x: 34.0, y: 58.0 }).build_cartesian_2d(-EDGE..1.0 + EDGE, -EDGE..1.0 + EDGE).ok()?;
    let (full_x, full_y) = chart.plotting_area().get_pixel_range();
    // The unit square inside the padded plotting area.
    let inset = |r: std::ops::Range<i32>| {
        let pad = ((r.end - r.start) as f64 * EDGE / (1.0 + 2.0 * EDGE)).round() as i32;
        r.start + pad..r.end - pad
    };
    let (px, py) = (inset(full_x.clone()), inset(full_y.clone()));
    let (w, h) = ((px.end - px.start).max(1) as u32, (py.end - py.start).max(1) as u32);
    let ctx = context(&frame.canvas)?;
    match field.is_complete().then(|| cache.draw_over(&ctx, field.problem, (px.clone(), py.clone()), frame.dpr, |w, h| field_rgba(field, w, h))).flatten() {
        Some(()) => {}
        None => {
            ctx.set_fill_style_str(&css(t.grid, 1.0));
            ctx.fill_rect(px.start as f64, py.start as f64, w as f64, h as f64);
        }
    }
    let names: Vec<String> = space.dims().iter().map(|d| d.name().to_string()).collect();
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(frame.x_ticks(4))
        .y_labels(frame.y_ticks(4))
        .x_label_formatter(&|u| tick(space, 0, *u))
        .y_label_formatter(&|v| tick(space, 1, *v))
        .x_desc(names[0].as_str())
        .y_desc(names[1].as_str())
        .label_style(frame.text(10.0))
        .axis_desc_style(frame.text(11.0))
        .axis_style(t.muted)
        .draw()
        .ok()?;

    let n = shown.min(run.points.len());
    let units: Vec<Vec<f64>> = run.points[..n].iter().map(|p| space.to_unit(p)).collect();
    let (x0, x1, y0, y1) = (px.start as f64, px.end as f64, py.start as f64, py.end as f64);
    let to_px = |u: &[f64]| (x0 + u[0].clamp(0.0, 1.0) * (x1 - x0), y1 - u[1].clamp(0.0, 1.0) * (y1 - y0));
    let s = frame.dpr;

    // The ticks sit on the axes, at the padded area's left and bottom edges.
    draw_marginal_ticks(&ctx, &units, &to_px, (full_x.start as f64, full_y.end as f64), s);
    draw_minimum(&ctx, minimum, space, &to_px, (y0, y1), s);
    draw_trials(&ctx, run, &units, n, &to_px, s);
    root.present().ok()?;
    Some(PlotMapping { pixels_x: (px.start, px.end), pixels_y: (py.start, py.end), x: (0.0, 1.0), y: (0.0, 1.0) })
}

/// Marginal ticks: one per distinct value of each knob, on the bottom and left edges.
fn draw_marginal_ticks(ctx: &CanvasRenderingContext2d, units: &[Vec<f64>], to_px: &impl Fn(&[f64]) -> (f64, f64), (x0, y1): (f64, f64), s: f64) {
    let tick_len = 9.0 * s;
    ctx.set_line_width(2.0 * s);
    for u in units {
        let (x, y) = to_px(u);
        for (a, b) in [((x, y1), (x, y1 - tick_len)), ((x0, y), (x0 + tick_len, y))] {
            // A dark halo under a white line: readable on every colour of the heatmap.
            for (style, width) in [("rgba(0,0,0,0.9)", 4.0), ("rgba(255,255,255,1)", 2.0)] {
                ctx.set_stroke_style_str(style);
                ctx.set_line_width(width * s);
                ctx.begin_path();
                ctx.move_to(a.0, a.1);
                ctx.line_to(b.0, b.1);
                ctx.stroke();
            }
        }
    }
}

/// The true minimum: crosses at isolated minimizers, a dashed line when it is a whole line.
fn draw_minimum(ctx: &CanvasRenderingContext2d, minimum: &MinimumMark, space: &Space, to_px: &impl Fn(&[f64]) -> (f64, f64), (y0, y1): (f64, f64), s: f64) {
    ctx.set_stroke_style_str("rgba(255,255,255,0.95)");
    ctx.set_line_width(2.5 * s);
    match minimum {
        MinimumMark::Points(points) => {
            for m in points {
                let (x, y) = to_px(&space.to_unit(m));
                let r = 6.0 * s;
                ctx.begin_path();
                ctx.move_to(x - r, y - r);
                ctx.line_to(x + r, y + r);
                ctx.move_to(x - r, y + r);
                ctx.line_to(x + r, y - r);
                ctx.stroke();
            }
        }
        MinimumMark::VerticalLine(x_min) => {
            let u = space.dims()[0].to_unit(*x_min);
            let (x, _) = to_px(&[u, 0.0]);
            let dashes = js_sys::Array::of2(&(7.0 * s).into(), &(5.0 * s).into());
            let _ = ctx.set_line_dash(&dashes);
            ctx.begin_path();
            ctx.move_to(x, y0);
            ctx.line_to(x, y1);
            ctx.stroke();
            let _ = ctx.set_line_dash(&js_sys::Array::new());
        }
        MinimumMark::Unknown => {}
    }

}

/// Trials, numbered in order (a number that would overlap the latest's or an earlier one is left
/// out); the best so far ringed. Unnumbered dots are drawn first and the latest last, so no dot
/// covers a printed number.
fn draw_trials(ctx: &CanvasRenderingContext2d, run: &Run, units: &[Vec<f64>], n: usize, to_px: &impl Fn(&[f64]) -> (f64, f64), s: f64) {
    let best = run.best_index(n);
    let r = if n > 30 { 5.5 } else { 7.0 } * s;
    let numbered = numbered_trials(&units.iter().map(|u| to_px(u)).collect::<Vec<_>>(), 2.0 * r);
    ctx.set_font(&format!("600 {}px system-ui, sans-serif", (if n > 30 { 7.5 } else { 9.0 } * s).round()));
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    let mut order: Vec<usize> = (0..units.len()).collect();
    order.sort_by_key(|&i| (i + 1 == n, numbered[i]));
    for i in order {
        let (x, y) = to_px(&units[i]);
        let latest = i + 1 == n;
        ctx.begin_path();
        let _ = ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
        ctx.set_fill_style_str(if latest { "rgba(255,214,0,1)" } else { "rgba(255,255,255,0.92)" });
        ctx.fill();
        ctx.set_stroke_style_str("rgba(0,0,0,0.85)");
        ctx.set_line_width(1.2 * s);
        ctx.stroke();
        if numbered[i] {
            ctx.set_fill_style_str("rgb(0,0,0)");
            let _ = ctx.fill_text(&(i + 1).to_string(), x, y + 0.5 * s);
        }
    }
    if let Some(b) = best {
        let (x, y) = to_px(&units[b]);
        ctx.begin_path();
        let _ = ctx.arc(x, y, r + 4.0 * s, 0.0, std::f64::consts::TAU);
        ctx.set_stroke_style_str("rgba(0,0,0,0.9)");
        ctx.set_line_width(5.0 * s);
        ctx.stroke();
        ctx.set_stroke_style_str("rgba(255,64,160,1)");
        ctx.set_line_width(2.5 * s);
        ctx.stroke();
    }
    ctx.set_text_align("left");
}

/// Regret floor for log axes, relative to the objective's range.
fn floor_of(range: f64) -> f64 {
    (range.abs() * 1e-5).max(1e-12)
}

/// Best-so-far minus the minimum, on a log axis, for each strategy; with many seeds, the
/// median (solid) and interquartile band of each.
pub fn draw_race(frame: &Frame, runs: &[Run; 4], shown: usize, minimum: f64, range: f64, budget: usize, bands: Option<&[Vec<(f64, f64, f64)>; 4]>) -> Option<PlotMapping> {
    let t = &frame.theme;
    let root = frame.area()?;
    root.fill(&t.background).ok()?;
    let floor = floor_of(range);
    // Only finite, positive values reach the log axis (NaN, ±∞ and ≤ 0 are dropped).
    let regret = |v: f64| regret(v, minimum, floor).unwrap_or(f64::NAN);
    let mut all: Vec<f64> = runs.iter().flat_map(|r| r.best.iter().copied().map(regret)).filter(|v| v.is_finite()).collect();
    if let Some(b) = bands {
        all.extend(b.iter().flatten().flat_map(|q| [q.0, q.2]).map(regret).filter(|v| v.is_finite()));
    }
    let lo = all.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi) = if lo.is_finite() && hi.is_finite() { (lo / 2.0, (hi * 2.0).max(lo * 10.0)) } else { (floor, floor * 1e3) };
    let x_max = budget.max(2) as f64;
    // The legend is a row above the plot: inside it, it covered most of a narrow screen's plot.
    let items: Vec<LegendItem> = StrategyKind::ALL
        .into_iter()
        .map(|kind| LegendItem {
            label: if bands.is_some() { format!("{} (median of {MANY_SEEDS})", kind.label()) } else { kind.label().to_string() },
            color: strategy_color(t, kind),
            width: 3.0,
            dashed: false,
        })
        .collect();
    let root = with_legend_above(frame, root, &items)?;
    let mut chart = frame.chart_on(&root, LabelAreas::CURVES)
        .build_cartesian_2d(1.0f64..x_max, (lo..hi).log_scale())
        .ok()?;
    chart
        .configure_mesh()
        .x_desc("trials")
        .y_desc(hyperlab_ml::labs::search::texts::RACE_Y_LABEL)
        .x_labels(frame.x_ticks(8))
        .y_labels(frame.y_ticks(6))
        .x_label_formatter(&|v| format!("{}", v.round() as i64))
        .y_label_formatter(&|v| format_number(*v))
        .themed_compact(frame)
        .draw()
        .ok()?;
    if let Some(b) = bands {
        for (s, kind) in StrategyKind::ALL.into_iter().enumerate() {
            let c = strategy_color(t, kind);
            let pts = &b[s];
            if pts.is_empty() {
                continue;
            }
            let mut poly: Vec<(f64, f64)> = pts.iter().enumerate().map(|(i, q)| ((i + 1) as f64, regret(q.2))).collect();
            poly.extend(pts.iter().enumerate().rev().map(|(i, q)| ((i + 1) as f64, regret(q.0))));
            if poly.iter().all(|&p| log_safe(p).is_some()) {
                chart.draw_series(std::iter::once(Polygon::new(poly, c.mix(0.18)))).ok()?;
            }
            let median: Vec<(f64, f64)> = pts.iter().enumerate().filter_map(|(i, q)| log_safe(((i + 1) as f64, regret(q.1)))).collect();
            chart
                .draw_series(LineSeries::new(median, c.stroke_width(frame.px(3.0) as u32)))
                .ok()?
                .label(format!("{} (median of {MANY_SEEDS})", kind.label()))
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], c.stroke_width(3)));
        }
    }
    for run in runs {
        let c = strategy_color(t, run.kind);
        let n = shown.min(run.best.len());
        let pts: Vec<(f64, f64)> = run.best[..n].iter().enumerate().filter_map(|(i, &v)| log_safe(((i + 1) as f64, regret(v)))).collect();
        let width = if bands.is_some() { 1.0 } else { 2.5 };
        let series = chart.draw_series(LineSeries::new(pts.clone(), c.stroke_width(frame.px(width) as u32))).ok()?;
        if bands.is_none() {
            series.label(run.kind.label()).legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], c.stroke_width(3)));
        }
        chart.draw_series(pts.iter().map(|&p| Circle::new(p, frame.px(2.5) as u32, c.filled()))).ok()?;
    }
    root.present().ok()?;
    None
}

/// The 1-D view, top: the true slice (dashed), observations, GP mean ± 2σ, the next point and
/// the learner's pick.
pub fn draw_gp(frame: &Frame, d: &OneD, reveal: bool) -> Option<PlotMapping> {
    let t = &frame.theme;
    let root = frame.area()?;
    root.fill(&t.background).ok()?;
    let obs = d.observed_units();
    let mut ys: Vec<f64> = d.truth.clone();
    ys.extend(obs.iter().map(|o| o.1));
    if !d.mean.is_empty() {
        ys.extend(d.mean.iter().zip(&d.std).flat_map(|(m, s)| [m - 2.0 * s, m + 2.0 * s]));
    }
    let ys: Vec<f64> = ys.into_iter().filter(|v| v.is_finite()).collect();
    let tlo = d.truth.iter().copied().fold(f64::INFINITY, f64::min);
    let thi = d.truth.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let tspan = (thi - tlo).max(1e-9);
    // Keep the band from flattening the curve: clip the y range to the truth ± its span.
    let lo = ys.iter().copied().fold(f64::INFINITY, f64::min).max(tlo - tspan);
    let hi = ys.iter().copied().fold(f64::NEG_INFINITY, f64::max).min(thi + tspan);
    let (lo, hi) = if lo.is_finite() && hi.is_finite() && hi > lo { (lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo)) } else { (0.0, 1.0) };
    // The legend is a row above the plot, where it cannot cover the "next trial" label.
    let mut items = Vec::new();
    if !d.mean.is_empty() && d.mean.len() == d.xs.len() {
        items.push(LegendItem { label: "GP mean ± 2σ".into(), color: t.series[0], width: 3.0, dashed: false });
    }
    items.push(LegendItem { label: "true objective (hidden from the search)".into(), color: t.muted, width: 2.0, dashed: true });
    let root = with_legend_above(frame, root, &items)?;
    let mut chart = slice_chart(frame, &root, &d.slice.dim, lo..hi, "objective", 5, &|v| format_number(*v))?;
    let (px, py) = chart.plotting_area().get_pixel_range();
    let ctx = context(&frame.canvas)?;
    ctx.save();
    ctx.begin_path();
    ctx.rect(px.start as f64, py.start as f64, (px.end - px.start) as f64, (py.end - py.start) as f64);
    ctx.clip();
    let clamp = |v: f64| v.clamp(lo - (hi - lo), hi + (hi - lo));
    if !d.mean.is_empty() && d.mean.len() == d.xs.len() {
        let mut band: Vec<(f64, f64)> = d.xs.iter().zip(d.mean.iter().zip(&d.std)).map(|(&x, (m, s))| (x, clamp(m + 2.0 * s))).collect();
        band.extend(d.xs.iter().zip(d.mean.iter().zip(&d.std)).rev().map(|(&x, (m, s))| (x, clamp(m - 2.0 * s))));
        chart.draw_series(std::iter::once(Polygon::new(band, t.series[0].mix(0.2)))).ok()?;
        chart
            .draw_series(LineSeries::new(d.xs.iter().copied().zip(d.mean.iter().copied().map(clamp)), t.series[0].stroke_width(frame.px(2.5) as u32)))
            .ok()?
            .label("GP mean ± 2σ")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], RGBColor(0, 114, 178).stroke_width(3)));
    }
    let truth: Vec<(f64, f64)> = d.xs.iter().copied().zip(d.truth.iter().copied()).collect();
    chart
        .draw_series(DashedLineSeries::new(truth, frame.px(5.0) as u32, frame.px(4.0) as u32, t.muted.stroke_width(frame.px(1.5) as u32)))
        .ok()?
        .label("true objective (hidden from the search)")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], RGBColor(128, 128, 128).stroke_width(2)));
    chart.draw_series(obs.iter().map(|&(x, y)| Circle::new((x, clamp(y)), frame.px(5.0) as u32, t.foreground.filled()))).ok()?;
    ctx.restore();
    draw_markers(frame, &ctx, d, reveal, (px.start as f64, px.end as f64), (py.start as f64, py.end as f64));
    root.present().ok()?;
    Some(PlotMapping { pixels_x: (px.start, px.end), pixels_y: (py.start, py.end), x: (0.0, 1.0), y: (lo, hi) })
}

/// Vertical lines for the optimizer's next point (when revealed) and the learner's pick.
fn draw_markers(frame: &Frame, ctx: &CanvasRenderingContext2d, d: &OneD, reveal: bool, xs: (f64, f64), ys: (f64, f64)) {
    let t = &frame.theme;
    let s = frame.dpr;
    let line = |u: f64, color: RGBColor, dash: bool, label: &str| {
        let x = xs.0 + u * (xs.1 - xs.0);
        ctx.set_stroke_style_str(&css(color, 1.0));
        ctx.set_line_width(2.5 * s);
        let dashes = js_sys::Array::new();
        if dash {
            dashes.push(&(6.0 * s).into());
            dashes.push(&(4.0 * s).into());
        }
        let _ = ctx.set_line_dash(&dashes);
        ctx.begin_path();
        ctx.move_to(x, ys.0);
        ctx.line_to(x, ys.1);
        ctx.stroke();
        let _ = ctx.set_line_dash(&js_sys::Array::new());
        ctx.set_fill_style_str(&css(color, 1.0));
        ctx.set_font(&format!("600 {}px system-ui, sans-serif", (11.0 * s).round()));
        let right = u > 0.7;
        ctx.set_text_align(if right { "right" } else { "left" });
        fill_label(&ctx, label, x + if right { -4.0 } else { 4.0 } * s, ys.0 + 12.0 * s);
        ctx.set_text_align("left");
    };
    if let Some((u, _)) = d.pick {
        line(u, t.series[1], true, PICK_LABEL);
    }
    if reveal {
        if let Some((u, _)) = d.next {
            line(u, t.series[3], false, NEXT_TRIAL_LABEL);
        }
    }
}

/// The 1-D view, bottom: the acquisition function (larger is better) with the same markers.
pub fn draw_acquisition(frame: &Frame, d: &OneD, reveal: bool, label: &str) -> Option<PlotMapping> {
    let t = &frame.theme;
    let root = frame.area()?;
    root.fill(&t.background).ok()?;
    let (lo, hi) = if d.acq.is_empty() {
        (0.0, 1.0)
    } else {
        let lo = d.acq.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = d.acq.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let pad = ((hi - lo) * 0.08).max(1e-12);
        (lo - pad, hi + pad)
    };
    let mut chart = slice_chart(frame, &root, &d.slice.dim, lo..hi, label, 4, &|v| format_number(*v))?;
    if !d.acq.is_empty() {
        chart.draw_series(LineSeries::new(d.xs.iter().copied().zip(d.acq.iter().copied()), t.series[2].stroke_width(frame.px(2.5) as u32))).ok()?;
    }
    let (px, py) = chart.plotting_area().get_pixel_range();
    let ctx = context(&frame.canvas)?;
    draw_markers(frame, &ctx, d, reveal, (px.start as f64, px.end as f64), (py.start as f64, py.end as f64));
    if d.acq.is_empty() {
        ctx.set_fill_style_str(&css(t.muted, 1.0));
        ctx.set_font(&format!("{}px system-ui, sans-serif", (12.0 * frame.dpr).round()));
        ctx.set_text_align("center");
        fill_wrapped(&ctx, d.empty_acquisition_message(), (px.start + px.end) as f64 / 2.0, (py.start + py.end) as f64 / 2.0, (px.end - px.start) as f64, frame.px(15.0));
        ctx.set_text_align("left");
    }
    root.present().ok()?;
    Some(PlotMapping { pixels_x: (px.start, px.end), pixels_y: (py.start, py.end), x: (0.0, 1.0), y: (lo, hi) })
}
