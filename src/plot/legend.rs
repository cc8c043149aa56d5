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
            let (sx0, sx1) = (x0 + margin, x0 + margin + swatch_w);
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
            }
            let style = font.clone().color(&t.foreground).pos(Pos::new(HPos::Left, VPos::Center));
            area.draw(&Text::new(e.label.clone(), (sx1 + gap, cy), style)).ok()?;
        }
        Some(())
    }
}

impl Default for Legend {
    fn default() -> Self {
        Self::new()
    }
}
