//! Chart legends drawn on the canvas with text measured by the canvas backend (`measureText`).
//! plotters' own `configure_series_labels()` measures every label through its web font code,
//! which inserts a `<span>` into the page and forces a layout on each redraw; this one never
//! touches the DOM. A chart collects its entries as it draws its series and draws the box last.

use super::canvas::Frame;
use super::CanvasBackend;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Where the legend box sits inside the plotting area.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegendCorner {
    UpperLeft,
    UpperRight,
    LowerLeft,
    LowerRight,
}

/// What a legend entry's swatch looks like.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Swatch {
    /// A line of this width (CSS px).
    Line(f64),
    /// A dashed line of this width (CSS px).
    Dashed(f64),
    /// A filled circle.
    Dot,
    /// A filled square (an area or band).
    Block,
    /// An ✕ (a marked point, such as a minimum).
    Cross,
}

#[derive(Clone, Debug)]
struct Entry {
    label: String,
    color: RGBAColor,
    swatch: Swatch,
}

/// A chart's legend: entries added as series are drawn, then drawn once in a corner.
#[derive(Clone, Debug)]
pub struct Legend {
    entries: Vec<Entry>,
    font_size: f64,
}

impl Legend {
    /// A legend in the chart's label font (11 px).
    pub fn new() -> Self {
        Self { entries: Vec::new(), font_size: 11.0 }
    }

    /// A legend for small panels (10 px).
    pub fn compact() -> Self {
        Self { entries: Vec::new(), font_size: 10.0 }
    }

    pub fn add(&mut self, label: impl Into<String>, color: impl Color, swatch: Swatch) -> &mut Self {
        self.entries.push(Entry { label: label.into(), color: color.to_rgba(), swatch });
        self
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Where each entry goes in a band `width` wide: (row, x) per entry, entries wrapped to the
    /// width, and the band's height.
    fn flow(&self, area: &DrawingArea<CanvasBackend, Shift>, width: i32, frame: &Frame) -> (Vec<(i32, i32)>, i32, i32) {
        let font = frame.text(self.font_size);
        let (margin, swatch_w, gap, spacing) = (frame.px(4.0) as i32, frame.px(18.0) as i32, frame.px(5.0) as i32, frame.px(14.0) as i32);
        let line_h = frame.px(self.font_size * 1.5) as i32;
        let (mut row, mut x) = (0, margin);
        let mut places = Vec::with_capacity(self.entries.len());
        for e in &self.entries {
            let w = swatch_w + gap + area.estimate_text_size(&e.label, &font).map_or(0, |s| s.0 as i32);
            if x > margin && x + w > width - margin {
                row += 1;
                x = margin;
            }
            places.push((row, x));
            x += w + spacing;
        }
        let height = if self.entries.is_empty() { 0 } else { margin * 2 + line_h * (row + 1) };
        (places, height, line_h)
    }

    /// Splits a chart's whole area into the part for the chart and a band under it for this
    /// legend (entries wrapped to the width), so the legend never covers the plot, even on a
    /// phone. Draw the band with [`Legend::draw_band`].
    pub fn split_below(&self, root: &DrawingArea<CanvasBackend, Shift>, frame: &Frame) -> (DrawingArea<CanvasBackend, Shift>, DrawingArea<CanvasBackend, Shift>) {
        let (w, h) = root.dim_in_pixel();
        let (_, band, _) = self.flow(root, w as i32, frame);
        root.split_vertically((h as i32 - band).max(0))
    }

    /// Draws the entries in a band made by [`Legend::split_below`].
    pub fn draw_band(&self, band: &DrawingArea<CanvasBackend, Shift>, frame: &Frame) -> Option<()> {
        let t = &frame.theme;
        let (w, _) = band.dim_in_pixel();
        let (places, _, line_h) = self.flow(band, w as i32, frame);
        let margin = frame.px(4.0) as i32;
        for (e, &(row, x)) in self.entries.iter().zip(&places) {
            let cy = margin + line_h * row + line_h / 2;
            self.draw_entry(band, e, x, cy, frame, t.foreground)?;
        }
        Some(())
    }

    fn draw_entry(&self, area: &DrawingArea<CanvasBackend, Shift>, e: &Entry, sx0: i32, cy: i32, frame: &Frame, text: RGBColor) -> Option<()> {
        let (swatch_w, gap) = (frame.px(18.0) as i32, frame.px(5.0) as i32);
        let sx1 = sx0 + swatch_w;
        match e.swatch {
            Swatch::Line(width) => {
                area.draw(&PathElement::new(vec![(sx0, cy), (sx1, cy)], e.color.stroke_width(frame.px(width) as u32))).ok()?;
            }
            Swatch::Dashed(width) => {
                let dash = frame.px(4.0) as i32;
                let mut x = sx0;
                while x < sx1 {
                    let end = (x + dash).min(sx1);
                    area.draw(&PathElement::new(vec![(x, cy), (end, cy)], e.color.stroke_width(frame.px(width) as u32))).ok()?;
                    x += dash * 2;
                }
            }
            Swatch::Dot => {
                area.draw(&Circle::new(((sx0 + sx1) / 2, cy), frame.px(4.0) as i32, e.color.filled())).ok()?;
            }
            Swatch::Block => {
                let half = frame.px(5.0) as i32;
                area.draw(&Rectangle::new([((sx0 + sx1) / 2 - half, cy - half), ((sx0 + sx1) / 2 + half, cy + half)], e.color.filled())).ok()?;
            }
            Swatch::Cross => {
                area.draw(&Cross::new(((sx0 + sx1) / 2, cy), frame.px(5.0) as i32, e.color.stroke_width(frame.px(2.0) as u32))).ok()?;
            }
        }
        let style = frame.text(self.font_size).color(&text).pos(Pos::new(HPos::Left, VPos::Center));
        area.draw(&Text::new(e.label.clone(), (sx1 + gap, cy), style)).ok()?;
        Some(())
    }

    /// Draws the box in `corner` of `area` (the chart's plotting area), in the theme's colours and
    /// the chart's label font.
    pub fn draw(&self, area: &DrawingArea<CanvasBackend, Shift>, corner: LegendCorner, frame: &Frame) -> Option<()> {
        if self.entries.is_empty() {
            return Some(());
        }
        let t = &frame.theme;
        let font = frame.text(self.font_size);
        let (margin, swatch_w, gap) = (frame.px(6.0) as i32, frame.px(18.0) as i32, frame.px(6.0) as i32);
        let sizes: Vec<(u32, u32)> = self.entries.iter().map(|e| area.estimate_text_size(&e.label, &font).unwrap_or((0, 0))).collect();
        let line_h = sizes.iter().map(|s| s.1 as i32).max().unwrap_or(0).max(frame.px(12.0) as i32);
        let text_w = sizes.iter().map(|s| s.0 as i32).max().unwrap_or(0);
        let (w, h) = (margin * 2 + swatch_w + gap + text_w, margin * 2 + line_h * self.entries.len() as i32);
        let (area_w, area_h) = area.dim_in_pixel();
        let inset = frame.px(4.0) as i32;
        let x0 = match corner {
            LegendCorner::UpperLeft | LegendCorner::LowerLeft => inset,
            LegendCorner::UpperRight | LegendCorner::LowerRight => (area_w as i32 - w - inset).max(0),
        };
        let y0 = match corner {
            LegendCorner::UpperLeft | LegendCorner::UpperRight => inset,
            LegendCorner::LowerLeft | LegendCorner::LowerRight => (area_h as i32 - h - inset).max(0),
        };
        area.draw(&Rectangle::new([(x0, y0), (x0 + w, y0 + h)], t.background.mix(0.85).filled())).ok()?;
        area.draw(&Rectangle::new([(x0, y0), (x0 + w, y0 + h)], t.grid)).ok()?;
        for (i, e) in self.entries.iter().enumerate() {
            let cy = y0 + margin + line_h * i as i32 + line_h / 2;
            self.draw_entry(area, e, x0 + margin, cy, frame, t.foreground)?;
        }
        Some(())
    }
}

impl Default for Legend {
    fn default() -> Self {
        Self::new()
    }
}
