//! Canvas charts on plotters + plotters-canvas: HiDPI-sized, resized with their container,
//! themed, each with a text alternative carrying its key numbers.

pub mod backend;
pub mod canvas;

pub use backend::CanvasBackend;
pub mod heatmap;
pub mod legend;

use crate::theme::ThemeMode;
use plotters::style::RGBColor;

/// Colours for one theme. Series colours are Okabe–Ito (colour-blind safe), picked per theme
/// for ≥ 3:1 contrast against the chart background.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartTheme {
    pub background: RGBColor,
    pub foreground: RGBColor,
    pub muted: RGBColor,
    pub grid: RGBColor,
    /// Main series, comparison series, highlight, warning.
    pub series: [RGBColor; 4],
}

impl ChartTheme {
    pub fn for_mode(mode: ThemeMode) -> Self {
        match mode {
            ThemeMode::Light => ChartTheme {
                background: RGBColor(255, 255, 255),
                foreground: RGBColor(28, 30, 36),
                muted: RGBColor(96, 100, 112),
                grid: RGBColor(226, 228, 234),
                // Blue, reddish purple, bluish green (darkened), vermillion.
                series: [RGBColor(0, 114, 178), RGBColor(170, 68, 136), RGBColor(0, 122, 92), RGBColor(196, 72, 0)],
            },
            ThemeMode::Dark => ChartTheme {
                background: RGBColor(23, 25, 31),
                foreground: RGBColor(232, 234, 240),
                muted: RGBColor(168, 172, 184),
                grid: RGBColor(52, 56, 66),
                // Sky blue, reddish purple (light), bluish green (light), orange.
                series: [RGBColor(86, 180, 233), RGBColor(222, 143, 196), RGBColor(54, 201, 160), RGBColor(230, 159, 0)],
            },
        }
    }
}

/// WCAG relative luminance of an sRGB colour.
pub fn luminance(c: RGBColor) -> f64 {
    let lin = |v: u8| {
        let s = v as f64 / 255.0;
        if s <= 0.04045 { s / 12.92 } else { ((s + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
}

/// WCAG contrast ratio between two colours (1 … 21).
pub fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Replaces non-finite values so nothing NaN or infinite ever reaches a chart.
pub fn finite_or(v: f64, fallback: f64) -> f64 {
    if v.is_finite() { v } else { fallback }
}
