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
        self.inner.draw_text(text, style, pos)
    }
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        // The same font string plotters-canvas draws with, so measured and drawn text agree.
        let font = format!("{} {}px {}", style.style().as_str(), style.size(), style.family().as_str());
        Ok(self.measure(text, font, style.size()))
    }
}
