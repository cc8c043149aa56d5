//! The budgets lab's charts: every trial's learning curve (stopped ones greyed and crossed where
//! they were cut, rung lines, hindsight's full curve of the winner), and the race of best-so-far
//! against epochs spent. Each has a text summary with its numbers.

use crate::plot::canvas::{Frame, PlotMapping, Themed, LabelAreas};
use crate::plot::ChartTheme;
use hyperlab_ml::budgets::{Method, TrialState};
use hyperlab_ml::labs::budgets::race::{best_at, race_step_lines, tied_line_offsets, RaceSummary, SeedResult};
use hyperlab_ml::labs::budgets::Snapshot;
use hyperlab_ml::schema::format_number;
use plotters::prelude::*;
use crate::plot::legend::{Legend, Swatch};

/// Colour of each method in the race.
pub fn method_color(t: &ChartTheme, m: Method) -> RGBColor {
    match m {
        Method::SuccessiveHalving => t.series[1],
        Method::Hyperband => t.series[0],
        Method::Asha => t.series[2],
        Method::Median => RGBColor(t.series[1].0 / 2 + t.muted.0 / 2, t.series[1].1 / 2 + t.muted.1 / 2, t.series[1].2 / 2 + t.muted.2 / 2),
        Method::Random => t.series[3],
        Method::Bayes => t.foreground,
    }
}

/// Dash pattern per method (so lines differ without colour too). The median rule's colour is
/// successive halving's purple greyed, so the two differ by pattern: a walk-through read two
/// dashed purples as one.
fn dashed(m: Method) -> bool {
    matches!(m, Method::Random | Method::SuccessiveHalving)
}

/// The lines in drawing order: solid ones first, dashed ones over them. Methods that drew the
/// same networks so far have the same line (successive halving and Hyperband often do early on,
/// as do random search and Bayesian optimization); a dashed line drawn on top still shows both
/// colours there, where a solid one on top hid the other for most of the chart.
fn solid_then_dashed<L>(lines: &[L], method: impl Fn(&L) -> Method) -> impl Iterator<Item = &L> {
    let (solid, dashes): (Vec<&L>, Vec<&L>) = lines.iter().partition(|l| !dashed(method(l)));
    solid.into_iter().chain(dashes)
}

/// The loss axis: from the lowest finite loss to a cap, so a few diverging curves do not flatten
/// the rest.
fn loss_range(s: &Snapshot) -> (f64, f64) {
    let mut lo = f64::INFINITY;
    let mut firsts: Vec<f64> = Vec::new();
    for t in &s.trials {
        for &v in &t.curve {
            if v.is_finite() {
                lo = lo.min(v);
            }
        }
        if let Some(&v) = t.curve.first().filter(|v| v.is_finite()) {
            firsts.push(v);
        }
    }
    if let Some(h) = &s.hindsight {
        for (_, c) in &h.full_curves {
            lo = c.iter().copied().filter(|v| v.is_finite()).fold(lo, f64::min);
        }
    }
    hyperlab_ml::sorting::sort_floats(&mut firsts);
    let hi = firsts.get(firsts.len() * 9 / 10).copied().unwrap_or(1.0);
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    let hi = hi.max(lo + 0.05);
    ((lo - 0.02).max(0.0), hi + 0.02)
}

fn line(frame: &Frame, color: RGBColor, alpha: f64, width: f64) -> ShapeStyle {
    color.mix(alpha).stroke_width(frame.px(width).max(1.0) as u32)
}

/// Every trial's validation loss against epochs.
pub fn draw_curves(frame: &Frame, s: &Snapshot) -> Option<PlotMapping> {
    let t = &frame.theme;
    let root = frame.area()?;
    root.fill(&t.background).ok()?;
    let (lo, hi) = loss_range(s);
    let r = s.settings.max as f64;
    // Drawn only when the method stopped the eventual winner: otherwise its full curve is already
    // on the chart (and the legend named a line nobody could see).
    // Solid as far as the run trained it, dashed for what only hindsight trained: a cut-off
    // winner has no ✕, and its grey curve used to vanish under one dashed line.
    let hindsight = s.hindsight.as_ref().and_then(|h| {
        let trained = h.stopped_at.or(h.cut_at)?;
        h.full_curves.iter().find(|(i, _)| *i == h.winner).map(|(_, full)| (trained, full))
    });
    let mut legend = Legend::new();
    // Every colour on the chart is named (a learner saw only the orange line explained).
    let any = |f: fn(&TrialState) -> bool| s.trials.iter().any(|tr| f(&tr.state));
    if any(|st| matches!(st, TrialState::Running | TrialState::Paused)) {
        legend.add("training or waiting", t.series[0], Swatch::Line(1.6));
    }
    let stopped = any(|st| matches!(st, TrialState::Stopped { .. }));
    let cut = any(|st| matches!(st, TrialState::Cut { .. }));
    if stopped || cut || any(|st| matches!(st, TrialState::Failed { .. })) {
        // A network the budget cut off was not stopped by the method: the grey says which.
        let label = match (stopped, cut) {
            (true, true) => "stopped early (✕) or cut off by the budget",
            (true, false) => "stopped early (✕ where stopped)",
            (false, true) => "cut off when the budget ran out",
            (false, false) => "diverged",
        };
        legend.add(label, t.muted, Swatch::Line(1.0));
    }
    if any(|st| *st == TrialState::Completed) {
        legend.add("trained the full R epochs", t.series[2], Swatch::Line(1.8));
    }
    if !s.rungs.is_empty() {
        legend.add("rung: where trials are compared", t.muted, Swatch::Dashed(1.0));
    }
    if hindsight.is_some() {
        legend.add("eventual winner, as far as this run trained it", t.foreground, Swatch::Line(2.4));
        legend.add("hindsight: the rest of its training", t.foreground, Swatch::Dashed(2.4));
    }
    if s.best.is_some() {
        legend.add("best after R epochs", t.series[3], Swatch::Line(3.0));
    }
    // The legend sits in a band under the plot: inside it, it hid curves on a phone.
    let (plot, band) = legend.split_below(&root, frame);
    let mut chart = frame.chart_on(&plot, LabelAreas::CURVES)
        .build_cartesian_2d(0.0f64..r, lo..hi)
        .ok()?;
    chart.configure_mesh().themed(frame).x_desc("epochs").y_desc("validation loss").x_labels(frame.x_ticks(8)).y_labels(frame.y_ticks(6)).y_label_formatter(&|v| format_number(*v)).draw().ok()?;
    let clamp = |v: f64| if v.is_finite() { v.clamp(lo, hi) } else { hi };
    // Rung lines.
    for &rung in &s.rungs {
        let x = rung as f64;
        chart.draw_series(DashedLineSeries::new(vec![(x, lo), (x, hi)], frame.px(4.0) as u32, frame.px(4.0) as u32, line(frame, t.muted, 0.7, 1.0))).ok()?;
    }
    let points = |curve: &[f64]| -> Vec<(f64, f64)> { curve.iter().enumerate().map(|(i, &v)| ((i + 1) as f64, clamp(v))).collect() };
    // Stopped and cut first (grey), then the rest on top.
    for tr in s.trials.iter().filter(|t| matches!(t.state, TrialState::Stopped { .. } | TrialState::Cut { .. } | TrialState::Failed { .. })) {
        let pts = points(&tr.curve);
        chart.draw_series(LineSeries::new(pts.clone(), line(frame, t.muted, 0.45, 1.0))).ok()?;
        if let (TrialState::Stopped { .. }, Some(&end)) = (tr.state, pts.last()) {
            chart.draw_series(std::iter::once(Cross::new(end, frame.px(3.0) as u32, line(frame, t.muted, 0.9, 1.2)))).ok()?;
        }
    }
    for tr in s.trials.iter().filter(|t| matches!(t.state, TrialState::Running | TrialState::Paused)) {
        chart.draw_series(LineSeries::new(points(&tr.curve), line(frame, t.series[0], 0.85, 1.6))).ok()?;
    }
    for tr in s.trials.iter().filter(|t| t.state == TrialState::Completed) {
        chart.draw_series(LineSeries::new(points(&tr.curve), line(frame, t.series[2], 0.9, 1.8))).ok()?;
    }
    if let Some((trained, full)) = hindsight {
        let pts = points(full);
        let split = trained.clamp(1, pts.len().max(1)).min(pts.len());
        chart.draw_series(LineSeries::new(pts[..split].to_vec(), line(frame, t.foreground, 1.0, 2.4))).ok()?;
        chart.draw_series(DashedLineSeries::new(pts[split.saturating_sub(1)..].to_vec(), frame.px(6.0) as u32, frame.px(4.0) as u32, line(frame, t.foreground, 1.0, 2.4))).ok()?;
        // Its ✕ again, over the solid line, where the method stopped it.
        if let (Some(TrialState::Stopped { .. }), Some(&end)) = (s.hindsight.as_ref().map(|h| s.trials[h.winner].state), pts.get(split.wrapping_sub(1))) {
            chart.draw_series(std::iter::once(Cross::new(end, frame.px(4.0) as u32, line(frame, t.foreground, 1.0, 1.6)))).ok()?;
        }
    }
    if let Some(b) = s.best {
        chart.draw_series(LineSeries::new(points(&s.trials[b].curve), t.series[3].stroke_width(frame.px(3.0) as u32))).ok()?;
    }
    legend.draw_band(&band, frame)?;
    root.present().ok()?;
    None
}

/// The text alternative of the curves chart.
pub fn curves_summary(s: &Snapshot) -> String {
    let running = s.trials.iter().filter(|t| matches!(t.state, TrialState::Running | TrialState::Paused)).count();
    let rungs: Vec<String> = s.rungs.iter().map(|r| r.to_string()).collect();
    let rung_text = if rungs.is_empty() { "No rung lines.".to_string() } else { format!("Rung lines at {} epochs.", rungs.join(", ")) };
    let winner = match s.hindsight.as_ref().and_then(|h| h.stopped_at.or(h.cut_at)) {
        Some(e) => format!(" The eventual winner of hindsight is a thick line, solid for the {e} epoch{} this run trained it and dashed for the rest.", if e == 1 { "" } else { "s" }),
        None => String::new(),
    };
    format!(
        "Validation loss against epochs for {} networks: {} training or waiting (blue), {} stopped early (grey, crossed where stopped), {} cut off when the budget ran out (grey), {} trained the full {} epochs (green). {rung_text} Lowest loss after {} epochs: {}.{winner}",
        s.started() - s.never_trained(),
        running,
        s.stopped(),
        s.cut() - s.never_trained(),
        s.completed(),
        s.settings.max,
        s.settings.max,
        format_number(s.best_loss())
    )
}

/// Best-so-far against epochs spent: one seed's line per method, or the median and middle half
/// over many seeds.
pub fn draw_race(frame: &Frame, one: &[(Method, SeedResult)], many: Option<&RaceSummary>, budget: usize) -> Option<PlotMapping> {
    let t = &frame.theme;
    let root = frame.area()?;
    root.fill(&t.background).ok()?;
    let mut values: Vec<f64> = one.iter().flat_map(|(_, r)| r.trace.iter().map(|p| p.1)).collect();
    if let Some(m) = many {
        values.extend(m.lines.iter().flat_map(|l| l.2.iter().chain(l.3.iter()).copied()));
    }
    values.retain(|v| v.is_finite());
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi) = if lo.is_finite() { ((lo - 0.02).max(0.0), hi + 0.02) } else { (0.0, 1.0) };
    let x_max = budget.max(1) as f64;
    let mut legend = Legend::new();
    let swatch = |m: Method| if dashed(m) { Swatch::Dashed(2.5) } else { Swatch::Line(2.5) };
    match many {
        Some(m) => m.lines.iter().for_each(|(method, ..)| {
            // Short names: "Asynchronous successive halving (ASHA) (median of 20)" was clipped on a phone.
            legend.add(format!("{} (median of {})", method.short_label(), m.seeds), method_color(t, *method), swatch(*method));
        }),
        None => one.iter().for_each(|(method, _)| {
            legend.add(method.short_label(), method_color(t, *method), swatch(*method));
        }),
    }
    let (plot, band) = legend.split_below(&root, frame);
    let mut chart = frame.chart_on(&plot, LabelAreas::CURVES)
        .build_cartesian_2d(0.0f64..x_max, lo..hi)
        .ok()?;
    // Tied methods' lines side by side: an offset in CSS pixels (down is positive) in loss units.
    let (_, py) = chart.plotting_area().get_pixel_range();
    let loss_per_px = (hi - lo) / (py.end - py.start).max(1) as f64;
    let shifted = |loss: f64, offset_px: f64| loss - frame.px(offset_px) * loss_per_px;
    chart.configure_mesh().themed(frame).x_desc("epochs spent").y_desc("best loss after R epochs").x_labels(frame.x_ticks(8)).y_labels(frame.y_ticks(6)).y_label_formatter(&|v| format_number(*v)).draw().ok()?;
    match many {
        Some(m) => {
            // Per sampled epoch, the offsets of the medians that tie there.
            let offsets: Vec<Vec<f64>> = (0..m.epochs.len()).map(|i| tied_line_offsets(&m.lines.iter().map(|l| l.1[i]).collect::<Vec<_>>())).collect();
            let index_of = |method: Method| m.lines.iter().position(|l| l.0 == method).unwrap_or(0);
            // Every band first, then every line: a band drawn over an earlier method's line
            // washed out its colour.
            for (method, _, q1, q3) in &m.lines {
                let c = method_color(t, *method);
                let band: Vec<(f64, f64)> = m.epochs.iter().zip(q1).zip(q3).filter(|((_, a), b)| a.is_finite() && b.is_finite()).map(|((e, a), _)| (*e, *a)).collect();
                let top: Vec<(f64, f64)> = m.epochs.iter().zip(q1).zip(q3).filter(|((_, a), b)| a.is_finite() && b.is_finite()).map(|((e, _), b)| (*e, *b)).rev().collect();
                if band.len() >= 2 {
                    let poly: Vec<(f64, f64)> = band.into_iter().chain(top).collect();
                    chart.draw_series(std::iter::once(Polygon::new(poly, c.mix(0.12)))).ok()?;
                }
            }
            for (method, med, _, _) in solid_then_dashed(&m.lines, |l| l.0) {
                let k = index_of(*method);
                let c = method_color(t, *method);
                let pts: Vec<(f64, f64)> = m.epochs.iter().zip(med).enumerate().filter(|(_, (_, v))| v.is_finite()).map(|(i, (e, v))| (*e, shifted(*v, offsets[i][k]))).collect();
                let style = c.stroke_width(frame.px(2.5) as u32);
                if dashed(*method) {
                    chart.draw_series(DashedLineSeries::new(pts, frame.px(7.0) as u32, frame.px(4.0) as u32, style)).ok()?;
                } else {
                    chart.draw_series(LineSeries::new(pts, style)).ok()?;
                }
            }
        }
        None => {
            let lines = race_step_lines(one, x_max);
            for (method, vertices) in solid_then_dashed(&lines, |l| l.0) {
                let c = method_color(t, *method);
                // A step line: the best holds until the next completion improves it.
                let pts: Vec<(f64, f64)> = vertices.iter().map(|&(e, v, off)| (e, shifted(v, off))).collect();
                let style = c.stroke_width(frame.px(2.2) as u32);
                if dashed(*method) {
                    chart.draw_series(DashedLineSeries::new(pts, frame.px(7.0) as u32, frame.px(4.0) as u32, style)).ok()?;
                } else {
                    chart.draw_series(LineSeries::new(pts, style)).ok()?;
                }
            }
        }
    }
    legend.draw_band(&band, frame)?;
    root.present().ok()?;
    None
}

/// The race chart's text alternative.
pub fn race_summary(one: &[(Method, SeedResult)], many: Option<&RaceSummary>, budget: usize) -> String {
    match many {
        Some(m) => hyperlab_ml::labs::budgets::texts::race_sentence(m),
        None if one.is_empty() => "The race: computing every method on this seed.".into(),
        None => {
            let parts: Vec<String> = one.iter().map(|(m, r)| format!("{} {}", m.label(), format_number(best_at(&r.trace, budget as f64)))).collect();
            let values: Vec<(Method, f64)> = one.iter().map(|(m, r)| (*m, best_at(&r.trace, budget as f64))).collect();
            format!("Best loss after the full epochs found by each method on this seed within {budget} epochs: {}.{}", parts.join("; "), hyperlab_ml::labs::budgets::texts::ties(&values))
        }
    }
}
