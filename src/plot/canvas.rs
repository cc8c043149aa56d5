//! The chart component: a `<canvas>` sized in device pixels (crisp on HiDPI), redrawn when its
//! container resizes, the theme changes or any signal its draw function reads changes (a few
//! times a second at most while it is scrolled out of sight). Its `aria-label` is a text summary
//! with the chart's key numbers.

use super::ChartTheme;
use crate::ready::Ready;
use crate::theme::use_theme;
use leptos::prelude::*;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::coord::Shift;
use plotters::prelude::*;
use super::CanvasBackend;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

/// What a draw function gets.
pub struct Frame {
    pub canvas: HtmlCanvasElement,
    /// Size in device pixels.
    pub width: u32,
    pub height: u32,
    /// Device pixels per CSS pixel: scale fonts and line widths by it.
    pub dpr: f64,
    pub theme: ChartTheme,
}

impl Frame {
    /// A plotters drawing area over the whole canvas.
    pub fn area(&self) -> Option<DrawingArea<CanvasBackend, Shift>> {
        CanvasBackend::with_canvas_object(self.canvas.clone()).map(|b| b.into_drawing_area())
    }

    /// A font size in device pixels for a size in CSS pixels.
    pub fn px(&self, css: f64) -> f64 {
        css * self.dpr
    }

    pub fn text(&self, css_size: f64) -> TextStyle<'static> {
        // A family named outright: plotters' `From<&str>` lower-cases the name first, and that
        // one call brings the Unicode case tables (several KB) into every page.
        (FontFamily::Name("system-ui, sans-serif"), self.px(css_size)).into_font().color(&self.theme.foreground)
    }

    /// How many x tick labels fit this chart's width (one per [`X_TICK_SPACING`] CSS pixels of
    /// plot), at most `most`: a phone gets fewer, so labels never overprint.
    pub fn x_ticks(&self, most: usize) -> usize {
        ticks_along(self.width as f64 / self.dpr - AXIS_ALLOWANCE, X_TICK_SPACING, most)
    }

    /// Like [`Frame::x_ticks`], for an axis of whole numbers from `lo` to `hi`: never more ticks
    /// than whole numbers, so a short axis (1 to 2 trees) is not labelled "1 1 1 2 2 2".
    pub fn x_count_ticks(&self, most: usize, lo: f64, hi: f64) -> usize {
        self.x_ticks(most).min(((hi - lo).floor() as usize).saturating_add(1).max(2))
    }

    /// How many y tick labels fit this chart's height, at most `most`.
    pub fn y_ticks(&self, most: usize) -> usize {
        ticks_along(self.height as f64 / self.dpr - AXIS_ALLOWANCE, Y_TICK_SPACING, most)
    }
}

/// The space around a plot, in CSS pixels: outer margin, extra room at the top, the x tick band
/// (with its axis title) below and the y tick band to the left.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelAreas {
    pub margin: f64,
    pub top: f64,
    pub x: f64,
    pub y: f64,
}

impl LabelAreas {
    /// A chart with a legend row above it: the legend already keeps the top clear.
    pub const UNDER_LEGEND: Self = Self { margin: 10.0, top: 4.0, x: 36.0, y: 56.0 };
    /// A chart of curves (error against capacity, trees, epochs or trials), no legend row above.
    pub const CURVES: Self = Self { margin: 10.0, top: 10.0, x: 34.0, y: 52.0 };
    /// A small panel set beside others.
    pub const COMPACT: Self = Self { margin: 10.0, top: 10.0, x: 30.0, y: 50.0 };
}

/// What a numeric mesh shows: axis titles, at most so many ticks, and how ticks read.
pub struct Axes<'f> {
    pub x_desc: &'f str,
    pub y_desc: &'f str,
    pub x_ticks: usize,
    pub y_ticks: usize,
    pub x_format: &'f dyn Fn(&f64) -> String,
    pub y_format: &'f dyn Fn(&f64) -> String,
}

impl Frame {
    /// A chart builder with these label areas (scaled to the device).
    pub fn chart_on<'a, 'b>(&self, area: &'a DrawingArea<CanvasBackend, Shift>, areas: LabelAreas) -> ChartBuilder<'a, 'b, CanvasBackend> {
        let mut builder = ChartBuilder::on(area);
        builder
            .margin(self.px(areas.margin) as u32)
            .margin_top(self.px(areas.top) as u32)
            .x_label_area_size(self.px(areas.x) as u32)
            .y_label_area_size(self.px(areas.y) as u32);
        builder
    }
}

/// Draws the themed mesh of a chart whose axes are both numbers (linear or log); `compact` for a
/// small panel. The tick counts are capped by what fits the frame.
pub fn draw_axes<X, Y>(chart: &mut ChartContext<'_, CanvasBackend, Cartesian2d<X, Y>>, frame: &Frame, axes: &Axes, compact: bool) -> Option<()>
where
    X: Ranged<ValueType = f64> + ValueFormatter<f64>,
    Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
{
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(frame.x_ticks(axes.x_ticks))
        .y_labels(frame.y_ticks(axes.y_ticks))
        .x_desc(axes.x_desc)
        .y_desc(axes.y_desc)
        .x_label_formatter(axes.x_format)
        .y_label_formatter(axes.y_format);
    if compact {
        mesh.themed_compact(frame);
    } else {
        mesh.themed(frame);
    }
    mesh.draw().ok()
}

/// CSS pixels of a chart taken by margins, label areas and legends, not by the plot.
const AXIS_ALLOWANCE: f64 = 70.0;
/// Room per x tick label: the widest labels ("1e-4", "0.001") with a gap.
const X_TICK_SPACING: f64 = 52.0;
/// Room per y tick label: a line of 11 px text with a gap.
const Y_TICK_SPACING: f64 = 24.0;

fn ticks_along(css_px: f64, spacing: f64, most: usize) -> usize {
    ((css_px / spacing).floor().max(2.0) as usize).min(most.max(2))
}

/// Where the plotting area sits (device pixels) and which data it shows, so clicks can be
/// mapped back to data coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlotMapping {
    pub pixels_x: (i32, i32),
    pub pixels_y: (i32, i32),
    pub x: (f64, f64),
    pub y: (f64, f64),
}

impl PlotMapping {
    pub fn to_data(&self, px: f64, py: f64) -> Option<(f64, f64)> {
        let (x0, x1) = (self.pixels_x.0 as f64, self.pixels_x.1 as f64);
        let (y0, y1) = (self.pixels_y.0 as f64, self.pixels_y.1 as f64);
        if px < x0 || px > x1 || py < y0 || py > y1 || x1 <= x0 || y1 <= y0 {
            return None;
        }
        let fx = (px - x0) / (x1 - x0);
        let fy = (py - y0) / (y1 - y0);
        Some((self.x.0 + fx * (self.x.1 - self.x.0), self.y.1 - fy * (self.y.1 - self.y.0)))
    }
}

/// Whether charts publish where their labels landed (`data-text-boxes`), for the e2e test that
/// checks no label overprints another. Only when the page asks (`window.__hyperlabTextBoxes`,
/// set by that test before the page loads): an attribute write per redraw is work a learner's
/// animation need not do.
fn publish_text_boxes() -> bool {
    thread_local! {
        static ASKED: bool = js_sys::Reflect::get(&window(), &"__hyperlabTextBoxes".into()).ok().is_some_and(|v| v.is_truthy());
    }
    ASKED.with(|a| *a)
}

pub type DrawFn = Rc<dyn Fn(&Frame) -> Option<PlotMapping>>;

/// A `redraw_every_ms` for heavy charts fed by a computation that streams every frame (a race of
/// searches, a population of networks training): ten redraws a second.
pub const STREAMING_REDRAW_MS: f64 = 100.0;

/// A `redraw_every_ms` for charts a live run changes every frame (a network trained an epoch a
/// frame): thirty redraws a second look as smooth, and each redraw of a large canvas costs its
/// paint and its copy to the screen as well as its drawing.
pub const LIVE_REDRAW_MS: f64 = 1000.0 / 30.0;

/// Least milliseconds between two redraws of a chart scrolled out of sight. A live run changes
/// every chart each frame; the ones the learner cannot see catch up a few times a second (and at
/// once when they scroll back into view) instead of costing every frame.
const OFF_SCREEN_REDRAW_MS: f64 = 250.0;

#[component]
pub fn Chart(
    /// `data-chart` name (tests and styles find charts by it).
    name: &'static str,
    /// Text alternative with the chart's key numbers.
    #[prop(into)]
    summary: Signal<String>,
    /// Height ÷ width.
    aspect: f64,
    draw: DrawFn,
    /// Called with data coordinates when the plotting area is clicked.
    #[prop(optional)]
    on_click: Option<Callback<(f64, f64)>>,
    /// A fixed height in CSS pixels instead of `aspect` (for charts that grow with their rows).
    #[prop(optional, into)]
    height: Option<Signal<f64>>,
    /// The least height in CSS pixels when `aspect` would make the chart shorter (on narrow
    /// screens); 0 for none.
    #[prop(optional)]
    min_height: f64,
    /// Least milliseconds between two redraws while the chart is in sight; 0 (the default) for
    /// every change. For a heavy chart fed by a computation that streams results every frame:
    /// ten redraws a second show the same progress, and the frames between stay short.
    #[prop(optional)]
    redraw_every_ms: f64,
) -> impl IntoView {
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let css_width = RwSignal::new(0.0f64);
    let theme = use_theme();
    let ready = use_context::<Ready>();
    if let Some(r) = ready {
        r.register();
    }
    let drawn = StoredValue::new(false);
    let mapping = StoredValue::new(None::<PlotMapping>);
    // Each chart's first draw runs in a task of its own (in page order), not all in the one that
    // mounts the page, so the page stays responsive while it starts (total blocking time).
    let started = RwSignal::new(false);
    set_timeout(move || { started.try_set(true); }, std::time::Duration::ZERO);

    // Whether the canvas is in the viewport; the first draw happens regardless.
    let in_view = StoredValue::new(true);
    let last_draw = StoredValue::new(f64::NEG_INFINITY);
    let catch_up_pending = StoredValue::new(false);
    // Bumped to redraw a chart whose redraws were held back while it was out of sight.
    let catch_up = RwSignal::new(0u32);
    // Follow the container's width, and whether the canvas is in sight.
    Effect::new(move |_| {
        let Some(canvas) = canvas_ref.get() else { return };
        let on_intersection = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let Some(entry) = entries.iter().last().and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok()) else { return };
            let visible = entry.is_intersecting();
            let _ = in_view.try_set_value(visible);
            if visible && catch_up_pending.try_get_value() == Some(true) {
                catch_up.try_update(|n| *n = n.wrapping_add(1));
            }
        });
        if let Ok(observer) = web_sys::IntersectionObserver::new(on_intersection.as_ref().unchecked_ref()) {
            observer.observe(&canvas);
            let observer = send_wrapper::SendWrapper::new(observer);
            on_cleanup(move || observer.disconnect());
        }
        on_intersection.forget();
        let callback = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            if let Some(entry) = entries.get(0).dyn_ref::<web_sys::ResizeObserverEntry>() {
                let w = entry.content_rect().width();
                if w > 0.0 && (w - css_width.get_untracked()).abs() >= 1.0 {
                    css_width.try_set(w);
                }
            }
        });
        if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
            observer.observe(&canvas);
            let observer = send_wrapper::SendWrapper::new(observer);
            on_cleanup(move || observer.disconnect());
        }
        callback.forget();
    });

    Effect::new(move |_| {
        if !started.get() {
            return;
        }
        catch_up.track();
        // Drawn a moment ago (out of sight, or a chart that redraws at most so often): skip this
        // change and redraw once, a little later. Returning before `draw` runs also stops
        // tracking its signals until that redraw.
        let since_last = crate::runner::now_ms() - last_draw.get_value();
        let least_gap = if in_view.get_value() { redraw_every_ms } else { OFF_SCREEN_REDRAW_MS };
        if drawn.get_value() && since_last < least_gap {
            if !catch_up_pending.get_value() {
                catch_up_pending.set_value(true);
                let wait = std::time::Duration::from_millis((least_gap - since_last).ceil().max(0.0) as u64);
                set_timeout(move || { catch_up.try_update(|n| *n = n.wrapping_add(1)); }, wait);
            }
            return;
        }
        catch_up_pending.set_value(false);
        let Some(canvas) = canvas_ref.get() else { return };
        let mut w_css = css_width.get();
        if w_css <= 0.0 {
            w_css = canvas.client_width() as f64;
            // The size observer will report this same width: no second draw for it.
            if w_css > 0.0 {
                css_width.update_untracked(|w| *w = w_css);
            }
        }
        if w_css <= 0.0 {
            w_css = 320.0;
        }
        let dpr = window().device_pixel_ratio().clamp(1.0, 4.0);
        let width = (w_css * dpr).round().max(1.0) as u32;
        let h_css = height.map_or((w_css * aspect).max(min_height), |h| h.get());
        let height = (h_css * dpr).round().max(1.0) as u32;
        if canvas.width() != width {
            canvas.set_width(width);
        }
        if canvas.height() != height {
            canvas.set_height(height);
        }
        let frame = Frame { canvas: canvas.clone(), width, height, dpr, theme: ChartTheme::for_mode(theme.0.get()) };
        if publish_text_boxes() {
            let (drawn_mapping, text_boxes) = super::backend::record_text(|| draw(&frame));
            mapping.set_value(drawn_mapping);
            let boxes: Vec<String> = text_boxes.iter().map(|b| format!("[{},{},{},{}]", b[0], b[1], b[2], b[3])).collect();
            let _ = canvas.set_attribute("data-text-boxes", &format!("[{}]", boxes.join(",")));
        } else {
            mapping.set_value(draw(&frame));
        }
        last_draw.set_value(crate::runner::now_ms());
        if !drawn.get_value() {
            drawn.set_value(true);
            if let Some(r) = ready {
                r.mark_drawn();
            }
        }
    });

    let click = move |ev: web_sys::MouseEvent| {
        let (Some(cb), Some(canvas)) = (on_click, canvas_ref.get_untracked()) else { return };
        let rect = canvas.get_bounding_client_rect();
        if rect.width() <= 0.0 {
            return;
        }
        let scale = canvas.width() as f64 / rect.width();
        let px = (ev.client_x() as f64 - rect.left()) * scale;
        let py = (ev.client_y() as f64 - rect.top()) * scale;
        if let Some(Some(m)) = mapping.try_get_value() {
            if let Some(p) = m.to_data(px, py) {
                cb.run(p);
            }
        }
    };

    view! {
        <canvas node_ref=canvas_ref class="chart" data-chart=name role="img"
            aria-label=move || summary.get()
            // Set through the CSSOM (`style:`), which the content security policy allows; a
            // `style` attribute would need 'unsafe-inline'.
            style:display="block"
            style:width="100%"
            style:height=move || match height {
                Some(h) => format!("{}px", h.get().round()),
                None => "auto".to_string(),
            }
            style:aspect-ratio=move || match height {
                Some(_) => String::new(),
                None => format!("{} / 1", 1.0 / aspect),
            }
            style:min-height=move || { if height.is_none() && min_height > 0.0 { format!("{min_height}px") } else { String::new() } }
            class:clickable=on_click.is_some()
            on:click=click>
            {move || summary.get()}
        </canvas>
    }
}

/// The axes every chart shares: theme colours, label sizes for the device's pixel ratio, and one
/// light grid line between bold ones (plotters measures every label with a DOM layout, so fewer
/// lines and labels also draw faster).
pub trait Themed {
    fn themed(&mut self, frame: &Frame) -> &mut Self;
}

/// Themed axes with smaller text and fainter light lines, for small panels set side by side.
pub trait ThemedCompact {
    fn themed_compact(&mut self, frame: &Frame) -> &mut Self;
}

/// The theme's axes: labels and axis descriptions at these CSS sizes, light grid lines at this
/// opacity, bold grid lines and axes in the theme's colours.
fn themed_axes<'m, 'a, 'b, X: Ranged, Y: Ranged, DB: DrawingBackend>(mesh: &'m mut plotters::chart::MeshStyle<'a, 'b, X, Y, DB>, frame: &Frame, label_size: f64, description_size: f64, light_opacity: f64) -> &'m mut plotters::chart::MeshStyle<'a, 'b, X, Y, DB> {
    let t = &frame.theme;
    let labels: TextStyle<'b> = frame.text(label_size);
    let descriptions: TextStyle<'b> = frame.text(description_size);
    mesh.label_style(labels)
        .axis_desc_style(descriptions)
        .light_line_style(t.grid.mix(light_opacity))
        .bold_line_style(t.grid)
        .axis_style(t.muted)
}

impl<'a, 'b, X: Ranged, Y: Ranged, DB: DrawingBackend> Themed for plotters::chart::MeshStyle<'a, 'b, X, Y, DB> {
    fn themed(&mut self, frame: &Frame) -> &mut Self {
        themed_axes(self, frame, 11.0, 12.0, 0.5).max_light_lines(1)
    }
}

impl<'a, 'b, X: Ranged, Y: Ranged, DB: DrawingBackend> ThemedCompact for plotters::chart::MeshStyle<'a, 'b, X, Y, DB> {
    fn themed_compact(&mut self, frame: &Frame) -> &mut Self {
        themed_axes(self, frame, 10.0, 11.0, 0.4)
    }
}

/// A linear f64 axis whose ticks are exactly `ticks` (e.g. powers of ten on an axis drawn in ln λ)
/// rather than plotters' evenly spaced ones.
#[derive(Clone)]
pub struct FixedTicks {
    axis: plotters::coord::types::RangedCoordf64,
    ticks: Vec<f64>,
}

impl FixedTicks {
    pub fn new(range: std::ops::Range<f64>, ticks: Vec<f64>) -> Self {
        FixedTicks { axis: range.into(), ticks }
    }
}

impl plotters::coord::ranged1d::Ranged for FixedTicks {
    type FormatOption = plotters::coord::ranged1d::DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.axis.map(value, limit)
    }

    fn key_points<Hint: plotters::coord::ranged1d::KeyPointHint>(&self, _hint: Hint) -> Vec<f64> {
        self.ticks.clone()
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.axis.range()
    }
}
