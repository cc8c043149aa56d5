//! The training lab's charts: the decision boundary (a heatmap of the network's output with the
//! points over it), and the loss and accuracy curves with the early-stopping marks and a ghost
//! of the previous run.

use crate::plot::canvas::{Frame, PlotMapping, Themed, LabelAreas};
use crate::plot::legend::{Legend, LegendCorner, Swatch};
use crate::plot::heatmap::put_rgba;
use crate::plot::ChartTheme;
use hyperlab_ml::labs::training::chart_layout::{self, Corner};
use hyperlab_ml::nn::{EpochMetrics, Grid};
use hyperlab_ml::datasets::toy2d::Dataset;
use hyperlab_ml::schema::format_number;
use plotters::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Cells per side of the decision-boundary picture.
pub const GRID: usize = 100;

pub fn grid() -> Grid {
    Grid::square(1.0, GRID)
}

/// What the network currently predicts, for drawing.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Picture {
    /// Classification: P(class 1) per grid cell, row 0 at the top.
    pub probabilities: Vec<f64>,
    /// Regression: (x, prediction) along [−1, 1].
    pub curve: Vec<(f64, f64)>,
}

fn mix(a: RGBColor, b: RGBColor, t: f64) -> [u8; 3] {
    let f = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * t).round() as u8;
    [f(a.0, b.0), f(a.1, b.1), f(a.2, b.2)]
}

/// Class colours: blue for class 0, orange for class 1 (Okabe–Ito), faded toward the background
/// where the network is unsure.
fn class_colors(t: &ChartTheme) -> (RGBColor, RGBColor) {
    (RGBColor(0, 114, 178), RGBColor(230, 159, 0)).max_contrast(t)
}

trait Contrast {
    fn max_contrast(self, t: &ChartTheme) -> Self;
}
impl Contrast for (RGBColor, RGBColor) {
    fn max_contrast(self, t: &ChartTheme) -> Self {
        // In the dark theme the darker blue would vanish: use the sky blue.
        if crate::plot::luminance(t.background) < 0.2 { (RGBColor(86, 180, 233), self.1) } else { self }
    }
}

fn heatmap_rgba(p: &[f64], t: &ChartTheme) -> Vec<u8> {
    let (c0, c1) = class_colors(t);
    let mut out = Vec::with_capacity(p.len() * 4);
    for &v in p {
        let v = if v.is_finite() { v.clamp(0.0, 1.0) } else { 0.5 };
        let (target, strength) = if v >= 0.5 { (c1, (v - 0.5) * 2.0) } else { (c0, (0.5 - v) * 2.0) };
        // Bands every 0.1 of probability, and a firm line at the 0.5 boundary.
        let band = ((v * 10.0).floor() as i32 % 2) as f64 * 0.06;
        let [r, g, b] = mix(t.background, target, (0.18 + 0.55 * strength + band).min(1.0));
        out.extend_from_slice(&[r, g, b, 255]);
    }
    out
}

fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

/// The decision boundary with the training (filled) and validation (hollow) points.
pub fn draw_boundary(frame: &Frame, data: &Dataset, picture: &Picture, offscreen: &HtmlCanvasElement) -> Option<PlotMapping> {
    let t = frame.theme;
    let root = frame.area()?;
    root.fill(&t.background).ok()?;
    let regression = data.input_dim() == 1;
    let (y_lo, y_hi) = if regression { (-1.5, 1.5) } else { (-1.0, 1.0) };
    let mut chart = frame.chart_on(&root, LabelAreas { margin: 8.0, top: 8.0, x: 30.0, y: 36.0 }).build_cartesian_2d(-1.0f64..1.0, y_lo..y_hi).ok()?;
    let (px, py) = chart.plotting_area().get_pixel_range();
    let ctx = context(&frame.canvas)?;
    if !regression && picture.probabilities.len() == GRID * GRID {
        put_rgba(offscreen, GRID as u32, GRID as u32, &heatmap_rgba(&picture.probabilities, &t)).ok()?;
        ctx.set_image_smoothing_enabled(true);
        ctx.draw_image_with_html_canvas_element_and_dw_and_dh(offscreen, px.start as f64, py.start as f64, (px.end - px.start) as f64, (py.end - py.start) as f64).ok()?;
    }
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(frame.x_ticks(5))
        .y_labels(frame.y_ticks(5))
        .label_style(frame.text(10.0))
        .axis_style(t.muted)
        .draw()
        .ok()?;
    let (c0, c1) = class_colors(&t);
    let to_px = |x: f64, y: f64| {
        (px.start as f64 + (x + 1.0) / 2.0 * (px.end - px.start) as f64, py.start as f64 + (y_hi - y) / (y_hi - y_lo) * (py.end - py.start) as f64)
    };
    let r = frame.px(3.2);
    ctx.set_line_width(frame.px(1.2));
    for (split, hollow) in [(&data.train, false), (&data.validation, true)] {
        for (row, target) in split.inputs.rows().into_iter().zip(split.targets.iter()) {
            let (x, y) = if regression { (row[0], *target) } else { (row[0], row[1]) };
            if !(x.is_finite() && y.is_finite()) {
                continue;
            }
            let (sx, sy) = to_px(x, y.clamp(y_lo, y_hi));
            let color = if regression { t.series[1] } else if *target >= 0.5 { c1 } else { c0 };
            let css = format!("rgb({},{},{})", color.0, color.1, color.2);
            ctx.begin_path();
            let _ = ctx.arc(sx, sy, r, 0.0, std::f64::consts::TAU);
            if hollow {
                ctx.set_fill_style_str(&format!("rgb({},{},{})", t.background.0, t.background.1, t.background.2));
                ctx.fill();
                ctx.set_stroke_style_str(&css);
            } else {
                ctx.set_fill_style_str(&css);
                ctx.fill();
                ctx.set_stroke_style_str(&format!("rgb({},{},{})", t.foreground.0, t.foreground.1, t.foreground.2));
            }
            ctx.stroke();
        }
    }
    if regression && !picture.curve.is_empty() {
        ctx.set_stroke_style_str(&format!("rgb({},{},{})", t.series[0].0, t.series[0].1, t.series[0].2));
        ctx.set_line_width(frame.px(2.5));
        ctx.begin_path();
        for (i, &(x, y)) in picture.curve.iter().enumerate() {
            let (sx, sy) = to_px(x, if y.is_finite() { y.clamp(y_lo, y_hi) } else { 0.0 });
            if i == 0 { ctx.move_to(sx, sy) } else { ctx.line_to(sx, sy) }
        }
        ctx.stroke();
    }
    root.present().ok()?;
    None
}

pub fn boundary_summary(data: &Dataset, last: Option<&EpochMetrics>) -> String {
    let what = if data.input_dim() == 1 { "The network's prediction (line) over the training points (filled) and validation points (hollow)" } else { "The network's decision map: blue regions are predicted class 0, orange class 1, paler where it is unsure; training points filled, validation points hollow" };
    match last {
        Some(m) => format!(
            "{what}. After epoch {}: training loss {}, validation loss {}{}.",
            m.epoch,
            format_number(m.train_loss),
            m.val_loss.map_or("—".into(), format_number),
            match (m.train_accuracy, m.val_accuracy) {
                (Some(a), Some(b)) => format!(", training accuracy {:.1} %, validation accuracy {:.1} %", a * 100.0, b * 100.0),
                _ => String::new(),
            }
        ),
        None => format!("{what}. Not trained yet."),
    }
}

pub fn accuracy_summary(last: Option<&EpochMetrics>) -> String {
    let percent = |a: Option<f64>| a.map_or("—".into(), |a| format!("{:.1} %", a * 100.0));
    match last {
        Some(m) => format!("Accuracy per epoch: training {}, validation {} at epoch {}.", percent(m.train_accuracy), percent(m.val_accuracy), m.epoch),
        None => "Accuracy: not trained yet.".into(),
    }
}

/// Marks on the loss chart: where early stopping stopped, and which epoch's weights were restored.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Marks {
    pub stopped: Option<usize>,
    pub restored: Option<usize>,
}

fn range(values: impl Iterator<Item = f64>, log: bool) -> (f64, f64) {
    chart_layout::value_range(values, log)
}

/// The curves chart's y axis: linear for accuracy, logarithmic with explicit ticks for the loss.
/// One type for both, so the chart's drawing code is compiled once rather than once per axis type
/// (about 8 KB of WebAssembly); every call goes to the axis it wraps, so both draw as before.
enum CurvesY {
    Linear(plotters::coord::types::RangedCoordf64),
    Log(plotters::coord::combinators::WithKeyPoints<plotters::coord::combinators::LogCoord<f64>>),
}

impl Ranged for CurvesY {
    type FormatOption = plotters::coord::ranged1d::DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        match self {
            CurvesY::Linear(axis) => axis.map(value, limit),
            CurvesY::Log(axis) => axis.map(value, limit),
        }
    }

    fn key_points<Hint: plotters::coord::ranged1d::KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        match self {
            CurvesY::Linear(axis) => axis.key_points(hint),
            CurvesY::Log(axis) => axis.key_points(hint),
        }
    }

    fn range(&self) -> std::ops::Range<f64> {
        match self {
            CurvesY::Linear(axis) => axis.range(),
            CurvesY::Log(axis) => axis.range(),
        }
    }

    fn axis_pixel_range(&self, limit: (i32, i32)) -> std::ops::Range<i32> {
        match self {
            CurvesY::Linear(axis) => axis.axis_pixel_range(limit),
            CurvesY::Log(axis) => axis.axis_pixel_range(limit),
        }
    }
}

/// Training and validation loss (or accuracy) per epoch; dashed: the previous run.
pub fn draw_curves(frame: &Frame, history: &[EpochMetrics], ghost: Option<&[EpochMetrics]>, marks: Marks, accuracy: bool, max_epochs: usize) -> Option<PlotMapping> {
    let t = frame.theme;
    let root = frame.area()?;
    root.fill(&t.background).ok()?;
    let pick = |m: &EpochMetrics, val: bool| -> Option<f64> {
        if accuracy { if val { m.val_accuracy } else { m.train_accuracy } } else if val { m.val_loss } else { Some(m.train_loss) }
    };
    let all = history.iter().chain(ghost.into_iter().flatten()).flat_map(|m| [pick(m, false), pick(m, true)]).flatten();
    let (lo, data_hi) = range(all, !accuracy);
    let epochs = max_epochs.max(history.last().map_or(1, |m| m.epoch)).max(ghost.and_then(|g| g.last()).map_or(1, |m| m.epoch)).max(1) as f64;
    let name = if accuracy { "accuracy" } else { "loss (log scale)" };
    let (c_train, c_val) = (t.series[1], t.series[3]);
    let series = |hist: &[EpochMetrics], val: bool| -> Vec<(f64, f64)> {
        hist.iter().filter_map(|m| pick(m, val).filter(|v| v.is_finite() && (accuracy || *v > 0.0)).map(|v| (m.epoch as f64, v.clamp(lo, data_hi)))).collect()
    };
    // The legend goes to the corner where it hides the fewest points of any curve drawn.
    let points: Vec<(f64, f64)> = [false, true].into_iter().flat_map(|val| series(history, val).into_iter().chain(ghost.map(|g| series(g, val)).unwrap_or_default())).collect();
    let (corner, hi) = chart_layout::legend_layout(&points, (0.0, epochs), (lo, data_hi), !accuracy);
    let legend_at = match corner {
        Corner::UpperRight => LegendCorner::UpperRight,
        Corner::UpperLeft => LegendCorner::UpperLeft,
        Corner::LowerRight => LegendCorner::LowerRight,
        Corner::LowerLeft => LegendCorner::LowerLeft,
    };
    let y = if accuracy {
        CurvesY::Linear((lo..hi).into())
    } else {
        // Explicit ticks: plotters' log axis labels only powers of ten, often a single one here.
        CurvesY::Log((lo..hi).log_scale().with_key_points(chart_layout::log_ticks(lo, hi)))
    };
    let mut chart = frame.chart_on(&root, LabelAreas::CURVES).build_cartesian_2d(0f64..epochs, y).ok()?;
    let chart = &mut chart;
    let mut legend = Legend::new();
    chart
        .configure_mesh()
        .x_desc("epoch")
        .y_desc(name)
        .x_labels(frame.x_ticks(6))
        .y_labels(frame.y_ticks(5))
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| format_number(*v))
        .themed(frame)
        .draw()
        .ok()?;
    if let Some(g) = ghost {
        for (val, c) in [(false, c_train), (true, c_val)] {
            chart.draw_series(DashedLineSeries::new(series(g, val), frame.px(5.0) as u32, frame.px(4.0) as u32, c.mix(0.6).stroke_width(frame.px(1.5) as u32))).ok()?;
        }
    }
    chart.draw_series(LineSeries::new(series(history, false), c_train.stroke_width(frame.px(2.0) as u32))).ok()?;
    legend.add("training", c_train, Swatch::Line(2.0));
    chart.draw_series(LineSeries::new(series(history, true), c_val.stroke_width(frame.px(2.5) as u32))).ok()?;
    legend.add("validation", c_val, Swatch::Line(2.5));
    if let Some(e) = marks.stopped {
        let c = t.foreground;
        chart.draw_series(DashedLineSeries::new([(e as f64, lo), (e as f64, hi)], frame.px(4.0) as u32, frame.px(3.0) as u32, c.stroke_width(frame.px(1.5) as u32))).ok()?;
        legend.add("stopped", c, Swatch::Dashed(1.5));
    }
    if let Some(e) = marks.restored {
        let c = t.series[2];
        chart.draw_series(LineSeries::new([(e as f64, lo), (e as f64, hi)], c.stroke_width(frame.px(2.5) as u32))).ok()?;
        legend.add("restored best epoch", c, Swatch::Line(2.5));
    }
    legend.draw(&chart.plotting_area().strip_coord_spec(), legend_at, frame)?;
    root.present().ok()?;
    None
}


pub fn curves_summary(history: &[EpochMetrics], ghost: Option<&[EpochMetrics]>, marks: Marks) -> String {
    let Some(last) = history.last() else { return "Loss curves: not trained yet.".into() };
    let first = &history[0];
    let mut s = format!(
        "Loss per epoch: training {} at epoch 0, {} at epoch {}; validation {} → {}.",
        format_number(first.train_loss),
        format_number(last.train_loss),
        last.epoch,
        first.val_loss.map_or("—".into(), format_number),
        last.val_loss.map_or("—".into(), format_number)
    );
    if let Some(e) = marks.stopped {
        s.push_str(&format!(" Early stopping stopped at epoch {e}."));
    }
    if let Some(e) = marks.restored {
        s.push_str(&format!(" The weights of epoch {e} (lowest validation loss) were restored."));
    }
    if let Some(g) = ghost.and_then(|g| g.last()) {
        s.push_str(&format!(" Dashed: the previous run, which ended at epoch {} with training loss {}.", g.epoch, format_number(g.train_loss)));
    }
    s
}
