//! Where the loss and accuracy charts put their axis ticks and their legend, computed from the
//! curves so the app only draws: at least three y ticks, and a legend over no data.

/// The y range drawn for these values (log: strictly positive values only).
pub fn value_range(values: impl Iterator<Item = f64>, log: bool) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.filter(|v| v.is_finite() && (!log || *v > 0.0)) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !(lo.is_finite() && hi.is_finite()) {
        return if log { (1e-3, 1.0) } else { (0.0, 1.0) };
    }
    if log { (lo / 1.5, (hi * 1.5).max(lo * 10.0)) } else { ((lo - 0.05).max(0.0), (hi + 0.05).min(1.0).max(lo + 0.1)) }
}

/// The fewest y ticks a chart shows.
pub const MIN_TICKS: usize = 3;

/// Tick values for a log axis over `lo..=hi` (0 < lo < hi): the coarsest of the 1-2-5, then the
/// 1-1.5-2-3-…-9 mantissa sequences that gives at least [`MIN_TICKS`] (at most 8) ticks; a
/// range too narrow for either gets evenly spaced (in log) ticks rounded to two digits.
pub fn log_ticks(lo: f64, hi: f64) -> Vec<f64> {
    if !(lo > 0.0 && hi > lo && lo.is_finite() && hi.is_finite()) {
        return vec![];
    }
    let decades = lo.log10().floor() as i32..=hi.log10().ceil() as i32;
    let from = |mantissas: &[f64]| -> Vec<f64> {
        decades.clone().flat_map(|d| mantissas.iter().map(move |m| m * 10f64.powi(d))).map(round2).filter(|v| *v >= lo && *v <= hi).collect()
    };
    for mantissas in [&[1.0][..], &[1.0, 3.0], &[1.0, 2.0, 5.0], &[1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]] {
        let t = from(mantissas);
        if t.len() >= MIN_TICKS && t.len() <= 8 {
            return t;
        }
    }
    let (a, b) = (lo.ln(), hi.ln());
    let mut t = vec![];
    for digits in 2..=8 {
        t = (0..4).map(|i| round_to((a + (b - a) * (0.1 + 0.8 * i as f64 / 3.0)).exp(), digits)).collect();
        t.dedup();
        if t.len() >= MIN_TICKS {
            break;
        }
    }
    t
}

fn round2(v: f64) -> f64 {
    round_to(v, 2)
}

/// `v` rounded to `digits` significant digits.
fn round_to(v: f64, digits: i32) -> f64 {
    if v <= 0.0 {
        return v;
    }
    let scale = 10f64.powi(digits - 1 - v.log10().floor() as i32);
    (v * scale).round() / scale
}

/// A corner of the plot area.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Corner {
    UpperRight,
    UpperLeft,
    LowerRight,
    LowerLeft,
}

/// Share of the plot's width the legend box takes.
pub const LEGEND_WIDTH: f64 = 0.42;
/// Share of the plot's height the legend box takes (up to four entries).
pub const LEGEND_HEIGHT: f64 = 0.45;

/// Where the legend goes and the top of the y range: the emptiest corner when some corner hides
/// no point; otherwise the y range is raised until the band the legend needs at the top is empty,
/// and the legend goes upper right, above every curve.
pub fn legend_layout(points: &[(f64, f64)], x_range: (f64, f64), y_range: (f64, f64), log: bool) -> (Corner, f64) {
    let corner = emptiest_corner(points, x_range, y_range, log);
    if covered(corner, points, x_range, y_range, log) == 0 {
        return (corner, y_range.1);
    }
    let top = points.iter().map(|p| p.1).filter(|y| y.is_finite() && (!log || *y > 0.0)).fold(y_range.0, f64::max);
    let free = 1.0 - LEGEND_HEIGHT - 0.02;
    let hi = if log { (y_range.0.ln() + (top.ln() - y_range.0.ln()) / free).exp() } else { y_range.0 + (top - y_range.0) / free };
    (Corner::UpperRight, hi.max(y_range.1))
}

/// How many of the points a legend in `corner` covers.
pub fn covered(corner: Corner, points: &[(f64, f64)], x_range: (f64, f64), y_range: (f64, f64), log: bool) -> usize {
    shares(points, x_range, y_range, log).iter().filter(|p| under_legend(corner, **p)).count()
}

fn shares(points: &[(f64, f64)], x_range: (f64, f64), y_range: (f64, f64), log: bool) -> Vec<(f64, f64)> {
    let fy = |y: f64| if log { (y.ln() - y_range.0.ln()) / (y_range.1.ln() - y_range.0.ln()) } else { (y - y_range.0) / (y_range.1 - y_range.0) };
    points.iter().filter(|(x, y)| x.is_finite() && y.is_finite() && (!log || *y > 0.0)).map(|&(x, y)| ((x - x_range.0) / (x_range.1 - x_range.0), fy(y).clamp(0.0, 1.0))).collect()
}

/// Whether the point (already as 0..1 shares of the plot's width and height, 0 at the bottom
/// left) falls where a legend in `corner` is drawn.
pub fn under_legend(corner: Corner, (x, y): (f64, f64)) -> bool {
    let right = matches!(corner, Corner::UpperRight | Corner::LowerRight);
    let upper = matches!(corner, Corner::UpperRight | Corner::UpperLeft);
    let in_x = if right { x >= 1.0 - LEGEND_WIDTH } else { x <= LEGEND_WIDTH };
    let in_y = if upper { y >= 1.0 - LEGEND_HEIGHT } else { y <= LEGEND_HEIGHT };
    in_x && in_y
}

/// The corner whose legend box covers the fewest of these points (x over `x_range`, y over
/// `y_range`, on a log scale when `log`); ties go in the order upper right, upper left, lower
/// right, lower left.
pub fn emptiest_corner(points: &[(f64, f64)], x_range: (f64, f64), y_range: (f64, f64), log: bool) -> Corner {
    [Corner::UpperRight, Corner::UpperLeft, Corner::LowerRight, Corner::LowerLeft].into_iter().min_by_key(|c| covered(*c, points, x_range, y_range, log)).unwrap_or(Corner::UpperRight)
}
