//! Charts of the search lab's second part: TPE's densities and candidate scores on the 1-D
//! slice, the parallel-trials experiment, and gradient descent on the validation curve. NaN and
//! infinities are filtered before anything reaches a chart.

use super::charts::{slice_chart, strategy_color};
use crate::plot::canvas::{FixedTicks, Frame, LabelAreas, PlotMapping, ThemedCompact};
use hyperlab_ml::labs::search::gradient::{decade_ticks_ln, GradientTuning, SEARCH_NAMES};
use hyperlab_ml::labs::search::parallel::{Parallel, STRATEGIES, WORKERS};
use hyperlab_ml::labs::search::texts::{axis_tick, log_safe};
use hyperlab_ml::labs::search::texts::{NEXT_TRIAL_LABEL, PICK_LABEL};
use hyperlab_ml::labs::search::TpeOneD;
use hyperlab_ml::search::StrategyKind;
use plotters::prelude::*;
use crate::plot::legend::{Legend, LegendCorner, Swatch};

/// The trial-curve charts: room on the left for objective ticks such as "0.0123".
const WIDE_TICKS: LabelAreas = LabelAreas { margin: 10.0, top: 10.0, x: 30.0, y: 55.0 };
/// The gradient chart's strip of search fits under its curve: three rows of dots, CSS pixels.
const FITS_STRIP_PX: f64 = 40.0;

fn finite_range(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    let (lo, hi) = values.filter(|v| v.is_finite()).fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    (lo.is_finite() && hi.is_finite()).then_some(if hi > lo { (lo, hi) } else { (lo - 0.5, hi + 0.5) })
}

/// TPE, top: l(x) and g(x) over the slice, the trials (filled good, hollow bad) on the axis, and
/// the next trial when revealed.
pub fn draw_tpe_densities(frame: &Frame, v: &TpeOneD, reveal: bool) -> Option<PlotMapping> {
    let t = &frame.theme;
    let root = frame.area()?;
    root.fill(&t.background).ok()?;
    let d = v.densities();
    let hi = finite_range(d.iter().flat_map(|p| [p.1, p.2])).map_or(1.0, |r| r.1) * 1.1;
    let good_c = t.series[2];
    let bad_c = t.series[3];
    let next = v.next.as_ref().filter(|n| reveal && !n.startup);
    // The legend in a band below the plot: at the upper right it covered l(x), g(x) and the
    // next-trial line on a phone.
    let mut legend = Legend::compact();
    if !d.is_empty() {
        legend.add("l(x): good trials", good_c, Swatch::Line(2.5)).add("g(x): bad trials", bad_c, Swatch::Line(2.0));
    }
    if v.pick.is_some() {
        legend.add(PICK_LABEL, t.series[1], Swatch::Dashed(2.0));
    }
    if next.is_some() {
        legend.add(NEXT_TRIAL_LABEL, t.foreground, Swatch::Line(2.0));
    }
    let (plot, band) = legend.split_below(&root, frame);
    let mut chart = slice_chart(frame, &plot, &v.slice.dim, -0.08 * hi..hi, "density", 4, &|v| axis_tick(*v))?;
    let u = |x: f64| v.slice.dim.to_unit(x);
    if !d.is_empty() {
        chart.draw_series(LineSeries::new(d.iter().map(|p| (u(p.0), p.1)), good_c.stroke_width(frame.px(2.5) as u32))).ok()?;
        chart.draw_series(LineSeries::new(d.iter().map(|p| (u(p.0), p.2)), bad_c.stroke_width(frame.px(2.0) as u32))).ok()?;
    }
    let (good, _) = v.groups();
    let y0 = -0.04 * hi;
    for (i, o) in v.slice.observations.iter().enumerate() {
        let p = (u(o.point[0]), y0);
        let r = frame.px(4.5) as u32;
        if good.contains(&i) {
            chart.draw_series(std::iter::once(Circle::new(p, r, good_c.filled()))).ok()?;
        } else {
            chart.draw_series(std::iter::once(Circle::new(p, r, bad_c.stroke_width(frame.px(1.5) as u32)))).ok()?;
        }
    }
    if let Some(p) = v.pick {
        chart.draw_series(DashedLineSeries::new(vec![(p, 0.0), (p, hi)], frame.px(5.0) as u32, frame.px(4.0) as u32, t.series[1].stroke_width(frame.px(2.0) as u32))).ok()?;
    }
    if let Some(n) = next {
        let x = u(n.point[0]);
        chart.draw_series(std::iter::once(PathElement::new(vec![(x, 0.0), (x, hi)], t.foreground.stroke_width(frame.px(2.0) as u32)))).ok()?;
    }
    legend.draw_band(&band, frame)?;
    let (px, py) = chart.plotting_area().get_pixel_range();
    root.present().ok()?;
    Some(PlotMapping { pixels_x: (px.start, px.end), pixels_y: (py.start, py.end), x: (0.0, 1.0), y: (-0.08 * hi, hi) })
}

/// TPE, bottom: log l − log g over the slice, the candidates on it, the winner ringed, the
/// learner's pick dashed; the legend in a band below, where it cannot hide the largest score.
pub fn draw_tpe_scores(frame: &Frame, v: &TpeOneD, reveal: bool) -> Option<PlotMapping> {
    let t = &frame.theme;
    let root = frame.area()?;
    root.fill(&t.background).ok()?;
    let d: Vec<(f64, f64)> = v.densities().iter().map(|p| (v.slice.dim.to_unit(p.0), p.1.ln() - p.2.ln())).filter(|p| p.1.is_finite()).collect();
    let (cands, winner) = v.candidates();
    let pts: Vec<(f64, f64)> = if reveal { cands.iter().filter(|c| c.1.is_finite()).map(|c| (v.slice.dim.to_unit(c.0), c.1)).collect() } else { Vec::new() };
    let (lo, hi) = finite_range(d.iter().map(|p| p.1).chain(cands.iter().map(|c| c.1))).unwrap_or((0.0, 1.0));
    let pad = 0.08 * (hi - lo);
    let mut legend = Legend::compact();
    if !d.is_empty() {
        legend.add("log l − log g over the slice", t.muted, Swatch::Line(1.5));
    }
    if v.pick.is_some() {
        legend.add(PICK_LABEL, t.series[1], Swatch::Dashed(2.0));
    }
    if !pts.is_empty() {
        legend.add("candidates from l(x)", t.series[0], Swatch::Dot);
    }
    let (plot, band) = legend.split_below(&root, frame);
    let mut chart = slice_chart(frame, &plot, &v.slice.dim, lo - pad..hi + pad, "log l − log g", 4, &|v| axis_tick(*v))?;
    chart.draw_series(LineSeries::new(d, t.muted.stroke_width(frame.px(1.5) as u32))).ok()?;
    // The learner's pick on this chart too, so it can be compared with the candidates' scores.
    if let Some(p) = v.pick {
        chart.draw_series(DashedLineSeries::new(vec![(p, lo - pad), (p, hi + pad)], frame.px(5.0) as u32, frame.px(4.0) as u32, t.series[1].stroke_width(frame.px(2.0) as u32))).ok()?;
    }
    chart.draw_series(pts.iter().map(|&p| Circle::new(p, frame.px(3.5) as u32, t.series[0].filled()))).ok()?;
    if let Some(w) = winner.and_then(|w| cands.get(w)).filter(|c| reveal && c.1.is_finite()) {
        chart.draw_series(std::iter::once(Circle::new((v.slice.dim.to_unit(w.0), w.1), frame.px(8.0) as u32, t.foreground.stroke_width(frame.px(2.0) as u32)))).ok()?;
    }
    legend.draw_band(&band, frame)?;
    let (px, py) = chart.plotting_area().get_pixel_range();
    root.present().ok()?;
    Some(PlotMapping { pixels_x: (px.start, px.end), pixels_y: (py.start, py.end), x: (0.0, 1.0), y: (lo - pad, hi + pad) })
}

/// The parallel experiment: median regret against trials or rounds, one line per strategy and
/// number of workers (the chosen k thick, the others thin).
pub fn draw_parallel(frame: &Frame, p: &Parallel, workers: usize, by_rounds: bool) -> Option<PlotMapping> {
    let mut legend = Legend::compact();
    let t = &frame.theme;
    let root = frame.area()?;
    root.fill(&t.background).ok()?;
    let medians: Vec<(StrategyKind, usize, Vec<f64>)> = STRATEGIES
        .iter()
        .enumerate()
        .flat_map(|(s, &kind)| WORKERS.iter().enumerate().map(move |(w, &k)| (kind, k, if by_rounds { p.median_by_round(s, w) } else { p.median_by_trial(s, w) })))
        .collect();
    // A regret of exactly zero has no place on a log axis: draw it just below the smallest
    // positive one, so every other median sits where the text quotes it (4.81e-8 is not 1e-6).
    let floor = medians.iter().flat_map(|m| m.2.iter().copied()).filter(|y| y.is_finite() && *y > 0.0).fold(f64::INFINITY, f64::min);
    let floor = if floor.is_finite() { floor * 0.5 } else { 1e-6 };
    type Line = (StrategyKind, usize, Vec<(f64, f64)>);
    let series: Vec<Line> = medians.into_iter().map(|(kind, k, ys)| (kind, k, ys.into_iter().enumerate().filter_map(|(i, y)| log_safe(((i + 1) as f64, y.max(floor)))).collect())).collect();
    let xmax = series.iter().flat_map(|s| s.2.iter().map(|p| p.0)).fold(1.0, f64::max);
    let (lo, hi) = finite_range(series.iter().flat_map(|s| s.2.iter().map(|p| p.1))).unwrap_or((1e-3, 1.0));
    let mut chart = frame.chart_on(&root, WIDE_TICKS).build_cartesian_2d(1.0f64..xmax.max(2.0), (lo * 0.8..hi * 1.25).log_scale()).ok()?;
    chart
        .configure_mesh()
        .x_labels(frame.x_ticks(8))
        .y_labels(frame.y_ticks(6))
        .x_label_formatter(&|v| format!("{}", v.round() as i64))
        .y_label_formatter(&|v| axis_tick(*v))
        .x_desc(if by_rounds { "rounds" } else { "trials" })
        .y_desc("median regret")
        .themed_compact(frame)
        .draw()
        .ok()?;
    for (kind, k, pts) in series {
        // Against trials random search's lines coincide for every k: draw the chosen one only.
        // Against rounds they differ (k workers take 1/k of the rounds), so all are drawn.
        if kind == StrategyKind::Random && k != workers && !by_rounds {
            continue;
        }
        let c = strategy_color(t, kind);
        let chosen = k == workers;
        let width = frame.px(if chosen { 3.0 } else { 1.0 }) as u32;
        let style = if chosen { c.stroke_width(width) } else { c.mix(0.55).stroke_width(width) };
        chart.draw_series(LineSeries::new(pts, style)).ok()?;
        if chosen {
            legend.add(format!("{} (k = {k})", kind.label()), c, Swatch::Line(3.0));
        }
    }
    legend.draw(&chart.plotting_area().strip_coord_spec(), LegendCorner::UpperRight, frame)?;
    let (px, py) = chart.plotting_area().get_pixel_range();
    root.present().ok()?;
    Some(PlotMapping { pixels_x: (px.start, px.end), pixels_y: (py.start, py.end), x: (1.0, xmax), y: (lo, hi) })
}

/// Gradient tuning: the validation curve over ln λ, gradient descent's steps (numbered, joined),
/// and the fits of grid, random and Bayesian search as ticks at the bottom.
pub fn draw_gradient(frame: &Frame, g: &GradientTuning) -> Option<PlotMapping> {
    let t = &frame.theme;
    let gd_c = t.foreground;
    let kinds = [StrategyKind::Grid, StrategyKind::Random, StrategyKind::Bayes];
    // The legend goes in a band under the plot: in the plot's corner its six entries covered
    // the steep end of the curve on a phone.
    let mut legend = Legend::compact();
    legend.add("validation curve", t.muted, Swatch::Line(2.0));
    legend.add("gradient descent (numbered steps)", gd_c, Swatch::Dot);
    for (s, kind) in kinds.iter().enumerate() {
        legend.add(format!("{} fits (row {})", SEARCH_NAMES[s], s + 1), strategy_color(t, *kind), Swatch::Dot);
    }
    legend.add("the curve's minimum", t.series[1], Swatch::Cross);
    let root = frame.area()?;
    root.fill(&t.background).ok()?;
    let (plot, band) = legend.split_below(&root, frame);
    // The three searches' fits in a strip of their own under the curve, one row each, sharing
    // its λ axis: drawn inside the error axis they sat below the curve's minimum and read as
    // errors lower than it.
    let (_, plot_h) = plot.dim_in_pixel();
    let strip_h = frame.px(FITS_STRIP_PX + WIDE_TICKS.x) as i32;
    let (upper, strip) = plot.split_vertically((plot_h as i32 - strip_h).max(0));
    let (x0, x1) = (g.curve.first().map_or(-14.0, |p| p.0), g.curve.last().map_or(2.3, |p| p.0));
    let (lo, hi) = finite_range(g.curve.iter().map(|p| p.1).chain(g.steps.iter().map(|s| s.loss))).unwrap_or((0.0, 1.0));
    let span = hi - lo;
    let (ylo, yhi) = (lo - 0.05 * span, hi + 0.05 * span);
    // λ is drawn on a log scale in ln λ; the ticks sit on powers of ten.
    let decades = decade_ticks_ln(x0, x1, frame.x_ticks(8));
    let mut chart = frame.chart_on(&upper, LabelAreas { x: 0.0, ..WIDE_TICKS }).build_cartesian_2d(FixedTicks::new(x0..x1, decades.clone()), ylo..yhi).ok()?;
    chart
        .configure_mesh()
        .x_labels(decades.len())
        .x_label_formatter(&|_| String::new())
        .y_labels(frame.y_ticks(5))
        .y_label_formatter(&|v| axis_tick(*v))
        .y_desc("5-fold CV error")
        .themed_compact(frame)
        .draw()
        .ok()?;
    chart
        .draw_series(LineSeries::new(g.curve.iter().copied(), t.muted.stroke_width(frame.px(2.0) as u32)))
        .ok()?;
    let steps: Vec<(f64, f64)> = g.steps.iter().map(|s| (s.ln_lambda, s.loss)).collect();
    chart.draw_series(LineSeries::new(steps.clone(), gd_c.mix(0.6).stroke_width(frame.px(1.2) as u32))).ok()?;
    chart.draw_series(steps.iter().map(|&p| Circle::new(p, frame.px(5.0) as u32, gd_c.filled()))).ok()?;
    // Number the steps, skipping a number that would overprint one already written (the steps
    // bunch up as descent converges; the first and the spread-out ones keep their numbers).
    let mut numbered: Vec<(i32, i32)> = Vec::new();
    let (gap_x, gap_y) = (frame.px(16.0) as i32, frame.px(12.0) as i32);
    for (i, &p) in steps.iter().enumerate() {
        let (x, y) = chart.backend_coord(&p);
        if numbered.iter().all(|&(nx, ny)| (nx - x).abs() >= gap_x || (ny - y).abs() >= gap_y) {
            numbered.push((x, y));
            chart.draw_series(std::iter::once(EmptyElement::at(p) + Text::new(format!("{}", i + 1), (frame.px(5.0) as i32, -(frame.px(12.0) as i32)), frame.text(9.0)))).ok()?;
        }
    }
    chart.draw_series(std::iter::once(Cross::new(g.minimum, frame.px(7.0) as u32, t.series[1].stroke_width(frame.px(2.5) as u32)))).ok()?;
    // Rows 1 to 3 from the top: grid, random, Bayesian optimization.
    let mut fits = frame.chart_on(&strip, LabelAreas { top: 2.0, ..WIDE_TICKS }).build_cartesian_2d(FixedTicks::new(x0..x1, decades.clone()), -0.5..2.5f64).ok()?;
    fits.configure_mesh()
        .disable_y_mesh()
        .x_labels(decades.len())
        .x_label_formatter(&|v| axis_tick(10f64.powi((v / std::f64::consts::LN_10).round() as i32)))
        .y_labels(0)
        .x_desc("λ (log scale)")
        .y_desc("fits")
        .themed_compact(frame)
        .draw()
        .ok()?;
    for (s, kind) in kinds.iter().enumerate() {
        let c = strategy_color(t, *kind);
        let row = (2 - s) as f64;
        fits.draw_series(g.searches[s].iter().map(|p| Circle::new((p.0, row), frame.px(3.5) as u32, c.filled()))).ok()?;
    }
    legend.draw_band(&band, frame)?;
    let (px, py) = chart.plotting_area().get_pixel_range();
    root.present().ok()?;
    Some(PlotMapping { pixels_x: (px.start, px.end), pixels_y: (py.start, py.end), x: (x0, x1), y: (ylo, yhi) })
}

/// An empty chart with a line of text in the middle (before an experiment has run).
pub fn draw_placeholder(frame: &Frame, message: &str) -> Option<PlotMapping> {
    let t = &frame.theme;
    let root = frame.area()?;
    root.fill(&t.background).ok()?;
    let (w, h) = (frame.width as i32, frame.height as i32);
    root.draw(&Text::new(message.to_string(), (w / 2, h / 2), frame.text(12.0).pos(plotters::style::text_anchor::Pos::new(plotters::style::text_anchor::HPos::Center, plotters::style::text_anchor::VPos::Center)))).ok()?;
    root.present().ok()?;
    None
}
