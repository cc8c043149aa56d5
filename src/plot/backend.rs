//! The canvas backend every chart draws on: plotters-canvas's, except that text is measured on
//! the canvas itself (`measureText`, cached per font and text). plotters' default measures each
//! label by inserting a styled `<span>` into the page and forcing a layout, which is slow
//! (most of a chart's redraw) and needs `style` attributes the content security policy forbids.

use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind};
use plotters_canvas::CanvasBackend as PlottersCanvas;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Measured sizes kept across redraws; labels repeat, so this stays small. Cleared when full.
const CACHE_LIMIT: usize = 4096;

thread_local! {
    static TEXT_SIZES: RefCell<HashMap<(String, String), (u32, u32)>> = RefCell::new(HashMap::new());
    /// The boxes of the text drawn while [`record_text`] runs (device pixels: left, top, right, bottom).
    static DRAWN_TEXT: RefCell<Option<Vec<[i32; 4]>>> = const { RefCell::new(None) };
}

/// Runs `draw` and returns, with its result, where each text label it drew through plotters
/// landed. Charts publish these boxes (`data-text-boxes`) so a test can check that no two labels
/// overprint at any width.
pub fn record_text<R>(draw: impl FnOnce() -> R) -> (R, Vec<[i32; 4]>) {
    DRAWN_TEXT.with(|d| *d.borrow_mut() = Some(Vec::new()));
    let result = draw();
    let boxes = DRAWN_TEXT.with(|d| d.borrow_mut().take()).unwrap_or_default();
    (result, boxes)
}

/// Draws a label straight on the canvas with its current font, alignment and baseline, and
/// records its box as [`record_text`] does for plotters' text.
pub fn fill_label(ctx: &CanvasRenderingContext2d, text: &str, x: f64, y: f64) {
    DRAWN_TEXT.with(|d| {
        if let Some(boxes) = d.borrow_mut().as_mut() {
            if let Ok(m) = ctx.measure_text(text) {
                let (w, ascent, descent) = (m.width(), m.font_bounding_box_ascent(), m.font_bounding_box_descent());
                let h = ascent + descent;
                let left = match ctx.text_align().as_str() { "center" => x - w / 2.0, "right" | "end" => x - w, _ => x };
                let top = match ctx.text_baseline().as_str() { "middle" => y - h / 2.0, "top" | "hanging" => y, "bottom" | "ideographic" => y - h, _ => y - ascent };
                boxes.push([left.round() as i32, top.round() as i32, (left + w).round() as i32, (top + h).round() as i32]);
            }
        }
    });
    let _ = ctx.fill_text(text, x, y);
}

/// Draws `text` centred on (`cx`, `cy`) in as many lines of at most `max_width` as it needs
/// (broken between words), `line_height` apart; each line is recorded like [`fill_label`].
pub fn fill_wrapped(ctx: &CanvasRenderingContext2d, text: &str, cx: f64, cy: f64, max_width: f64, line_height: f64) {
    let width = |s: &str| ctx.measure_text(s).map_or(0.0, |m| m.width());
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if width(&format!("{line} {word}")) <= max_width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    let top = cy - line_height * (lines.len() as f64 - 1.0) / 2.0;
    for (i, line) in lines.iter().enumerate() {
        fill_label(ctx, line, cx, top + line_height * i as f64);
    }
    ctx.set_text_align("left");
    ctx.set_text_baseline("alphabetic");
}

/// The box a label of size `(w, h)` covers when drawn at `pos` with this anchor and rotation.
fn text_box(pos: BackendCoord, (w, h): (u32, u32), style: &impl BackendTextStyle) -> [i32; 4] {
    use plotters_backend::text_anchor::{HPos, VPos};
    use plotters_backend::FontTransform;
    let (w, h) = (w as i32, h as i32);
    let anchor = style.anchor();
    let left = match anchor.h_pos { HPos::Left => 0, HPos::Center => -w / 2, HPos::Right => -w };
    let top = match anchor.v_pos { VPos::Top => 0, VPos::Center => -h / 2, VPos::Bottom => -h };
    // Corners in the text's own frame, turned as the canvas turns them about `pos`.
    let turn = |(u, v): (i32, i32)| match style.transform() {
        FontTransform::None => (u, v),
        FontTransform::Rotate90 => (-v, u),
        FontTransform::Rotate180 => (-u, -v),
        FontTransform::Rotate270 => (v, -u),
    };
    let corners = [(left, top), (left + w, top + h)].map(turn);
    let (x0, x1) = (corners[0].0.min(corners[1].0), corners[0].0.max(corners[1].0));
    let (y0, y1) = (corners[0].1.min(corners[1].1), corners[0].1.max(corners[1].1));
    [pos.0 + x0, pos.1 + y0, pos.0 + x1, pos.1 + y1]
}

pub struct CanvasBackend {
    inner: PlottersCanvas,
    context: CanvasRenderingContext2d,
}

impl CanvasBackend {
    pub fn with_canvas_object(canvas: HtmlCanvasElement) -> Option<Self> {
        let context = canvas.get_context("2d").ok()??.dyn_into::<CanvasRenderingContext2d>().ok()?;
        Some(Self { inner: PlottersCanvas::with_canvas_object(canvas)?, context })
    }

    fn measure(&self, text: &str, font: String, size: f64) -> (u32, u32) {
        TEXT_SIZES.with(|cache| {
            let key = (font, text.to_string());
            if let Some(&known) = cache.borrow().get(&key) {
                return known;
            }
            self.context.set_font(&key.0);
            let measured = self.context.measure_text(text).ok().map(|m| {
                let height = m.font_bounding_box_ascent() + m.font_bounding_box_descent();
                let height = if height.is_finite() && height > 0.0 { height } else { size * 1.2 };
                (m.width().max(0.0).ceil() as u32, height.ceil() as u32)
            });
            let found = measured.unwrap_or(((text.chars().count() as f64 * size * 0.6) as u32, (size * 1.2) as u32));
            let mut cache = cache.borrow_mut();
            if cache.len() >= CACHE_LIMIT {
                cache.clear();
            }
            cache.insert(key, found);
            found
        })
    }
}

impl DrawingBackend for CanvasBackend {
    type ErrorType = <PlottersCanvas as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(&mut self, upper_left: BackendCoord, bottom_right: BackendCoord, style: &S, fill: bool) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.fill_polygon(vert, style)
    }
    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if !text.trim().is_empty() && style.color().alpha > 0.0 {
            DRAWN_TEXT.with(|d| {
                if let Some(boxes) = d.borrow_mut().as_mut() {
                    let size = self.estimate_text_size(text, style).unwrap_or((0, 0));
                    boxes.push(text_box(pos, size, style));
                }
            });
        }
        self.inner.draw_text(text, style, pos)
    }
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        // The same font string plotters-canvas draws with, so measured and drawn text agree.
        let font = format!("{} {}px {}", style.style().as_str(), style.size(), style.family().as_str());
        Ok(self.measure(text, font, style.size()))
    }
}
