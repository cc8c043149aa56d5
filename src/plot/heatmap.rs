//! Heatmaps and contour lines through an RGBA buffer and `putImageData`: one pass over the
//! pixels, never one rectangle per cell.

use std::ops::Range;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

/// Viridis, sampled at nine stops: perceptually uniform and colour-blind safe.
const VIRIDIS: [[f64; 3]; 9] = [
    [68.0, 1.0, 84.0],
    [71.0, 44.0, 122.0],
    [59.0, 81.0, 139.0],
    [44.0, 113.0, 142.0],
    [33.0, 144.0, 141.0],
    [39.0, 173.0, 129.0],
    [92.0, 200.0, 99.0],
    [170.0, 220.0, 50.0],
    [253.0, 231.0, 37.0],
];

/// Colour for t in [0, 1] (clamped; NaN maps to 0).
pub fn viridis(t: f64) -> [u8; 3] {
    let t = if t.is_finite() { t.clamp(0.0, 1.0) } else { 0.0 };
    let x = t * (VIRIDIS.len() - 1) as f64;
    let i = (x.floor() as usize).min(VIRIDIS.len() - 2);
    let f = x - i as f64;
    let (a, b) = (VIRIDIS[i], VIRIDIS[i + 1]);
    // + 0.5 then truncate rounds these non-negative values as `round` would, without the call
    // that `round` costs in WebAssembly (this runs for every pixel of a heatmap).
    [0, 1, 2].map(|k| (a[k] + (b[k] - a[k]) * f + 0.5) as u8)
}

/// A scalar field sampled on a `width × height` pixel grid, row 0 at the top.
pub struct Field {
    pub width: usize,
    pub height: usize,
    pub values: Vec<f64>,
}

impl Field {
    /// Samples `f(x, y)` at pixel centres over `x_range × y_range` (y grows upward).
    pub fn sample(width: usize, height: usize, x_range: (f64, f64), y_range: (f64, f64), f: impl Fn(f64, f64) -> f64) -> Self {
        let mut values = Vec::with_capacity(width * height);
        for row in 0..height {
            let y = y_range.1 - (row as f64 + 0.5) / height as f64 * (y_range.1 - y_range.0);
            for col in 0..width {
                let x = x_range.0 + (col as f64 + 0.5) / width as f64 * (x_range.1 - x_range.0);
                values.push(f(x, y));
            }
        }
        Self { width, height, values }
    }

    /// RGBA pixels: colour from `to_unit(value)` in [0, 1], with a darker contour line wherever
    /// the value crosses one of `levels` equal bands of that unit scale.
    pub fn to_rgba(&self, to_unit: impl Fn(f64) -> f64, levels: usize) -> Vec<u8> {
        let (w, h) = (self.width, self.height);
        let units: Vec<f64> = self.values.iter().map(|&v| to_unit(v)).collect();
        let band = |u: f64| if u.is_finite() { (u.clamp(0.0, 1.0) * levels as f64).floor() as i64 } else { -1 };
        let bands: Vec<i64> = units.iter().map(|&u| band(u)).collect();
        let mut out = vec![0u8; w * h * 4];
        for row in 0..h {
            for col in 0..w {
                let i = row * w + col;
                let [r, g, b] = viridis(units[i]);
                let here = bands[i];
                let edge = (col + 1 < w && bands[i + 1] != here) || (row + 1 < h && bands[i + w] != here);
                let shade = |c: u8| if edge { (c as f64 * 0.55) as u8 } else { c };
                out[i * 4..i * 4 + 4].copy_from_slice(&[shade(r), shade(g), shade(b), 255]);
            }
        }
        out
    }
}

/// Puts RGBA pixels onto a (usually offscreen) canvas of the same size.
pub fn put_rgba(canvas: &HtmlCanvasElement, width: u32, height: u32, rgba: &[u8]) -> Result<(), wasm_bindgen::JsValue> {
    canvas.set_width(width);
    canvas.set_height(height);
    let ctx: CanvasRenderingContext2d = canvas.get_context("2d")?.ok_or("no 2d context")?.dyn_into()?;
    let image = ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), width, height)?;
    ctx.put_image_data(&image, 0.0, 0.0)
}

/// A new canvas that is never attached to the page: heatmaps are painted on one at their own
/// resolution and then drawn, scaled, into a chart.
pub fn offscreen_canvas() -> Option<HtmlCanvasElement> {
    web_sys::window()?.document()?.create_element("canvas").ok()?.dyn_into().ok()
}

/// A heatmap image kept between frames: repainted only when what it shows (`K`) or its size
/// changes, so an animation over a fixed surface draws the pixels once.
pub struct HeatmapImage<K> {
    key: Option<(K, u32, u32)>,
    image: Option<HtmlCanvasElement>,
}

impl<K: PartialEq> HeatmapImage<K> {
    pub fn new() -> Self {
        Self { key: None, image: None }
    }

    /// The image of `key` at `width × height`, painted from `rgba()` (that many RGBA pixels) when
    /// the key or the size changed since the last call.
    fn get(&mut self, key: K, width: u32, height: u32, rgba: impl FnOnce() -> Vec<u8>) -> Option<&HtmlCanvasElement> {
        let key = Some((key, width, height));
        if self.key != key || self.image.is_none() {
            let canvas = offscreen_canvas()?;
            put_rgba(&canvas, width, height, &rgba()).ok()?;
            self.key = key;
            self.image = Some(canvas);
        }
        self.image.as_ref()
    }

    /// Draws the image of `key` over the plot rectangle `x × y` (device pixels), painting it
    /// first from `rgba(width, height)` when the key or the size changed. The image has one pixel
    /// per CSS pixel, not per device pixel, and is drawn scaled: a phone's two or three times
    /// denser screen would cost four to nine times the work for a map the eye cannot tell apart,
    /// and on a slow phone that work was the longest part of a lab's first draw.
    pub fn draw_over(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        key: K,
        (x, y): (Range<i32>, Range<i32>),
        dpr: f64,
        rgba: impl FnOnce(u32, u32) -> Vec<u8>,
    ) -> Option<()> {
        let (w, h) = ((x.end - x.start).max(1) as f64, (y.end - y.start).max(1) as f64);
        let css_pixels = |device: f64| (device / dpr.max(1.0)).round().max(1.0) as u32;
        let (width, height) = (css_pixels(w), css_pixels(h));
        let image = self.get(key, width, height, || rgba(width, height))?;
        ctx.draw_image_with_html_canvas_element_and_dw_and_dh(image, x.start as f64, y.start as f64, w, h).ok()
    }
}

impl<K: PartialEq> Default for HeatmapImage<K> {
    fn default() -> Self {
        Self::new()
    }
}
