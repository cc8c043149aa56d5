//! What a search minimizes: the [`Objective`] trait (real models plug in through
//! [`FnObjective`]) and three synthetic 2-D landscapes whose whole surface can be drawn as a
//! heatmap under the search's points.

use super::space::{Dimension, Space};
use crate::schema::Scale;
use std::f64::consts::PI;

/// A function of a point of its space, to be minimized. `evaluate` takes `&mut self` so an
/// objective can train a model, count calls or keep a cache.
pub trait Objective {
    fn space(&self) -> &Space;
    /// The value at a point of the space (non-finite for a failed trial).
    fn evaluate(&mut self, point: &[f64]) -> f64;
    fn name(&self) -> &str {
        "objective"
    }
    /// The global minimum's value, when known (for regret).
    fn known_minimum(&self) -> Option<f64> {
        None
    }
}

impl<O: Objective + ?Sized> Objective for Box<O> {
    fn space(&self) -> &Space {
        (**self).space()
    }
    fn evaluate(&mut self, point: &[f64]) -> f64 {
        (**self).evaluate(point)
    }
    fn name(&self) -> &str {
        (**self).name()
    }
    fn known_minimum(&self) -> Option<f64> {
        (**self).known_minimum()
    }
}

/// An objective made of a space and a closure: how real-model objectives are built.
#[derive(Clone)]
pub struct FnObjective<F> {
    name: String,
    space: Space,
    f: F,
    minimum: Option<f64>,
}

impl<F: FnMut(&[f64]) -> f64> FnObjective<F> {
    pub fn new(name: &str, space: Space, f: F) -> Self {
        Self { name: name.to_string(), space, f, minimum: None }
    }

    /// Declares the known minimum (enables regret).
    pub fn with_minimum(mut self, minimum: f64) -> Self {
        self.minimum = Some(minimum);
        self
    }
}

impl<F: FnMut(&[f64]) -> f64> Objective for FnObjective<F> {
    fn space(&self) -> &Space {
        &self.space
    }
    fn evaluate(&mut self, point: &[f64]) -> f64 {
        (self.f)(point)
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn known_minimum(&self) -> Option<f64> {
        self.minimum
    }
}

impl<F> std::fmt::Debug for FnObjective<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FnObjective").field("name", &self.name).field("space", &self.space).field("minimum", &self.minimum).finish()
    }
}

/// Branin's global minimum value (three minimizers).
pub const BRANIN_MINIMUM: f64 = 0.397_887_357_729_738_16;

/// Centre x, centre y, width, depth of the four wells of [`Landscape::Wells`].
pub const WELLS: [(f64, f64, f64, f64); 4] = [(0.78, 0.22, 0.05, 1.0), (0.25, 0.30, 0.16, 0.75), (0.30, 0.80, 0.10, 0.8), (0.72, 0.72, 0.12, 0.7)];
/// Global minimum of [`Landscape::Wells`] (Nelder–Mead from a 1001² grid's best point).
const WELLS_MINIMUM: f64 = -0.002_851_375_485_041_663;
const WELLS_ARGMIN: [f64; 2] = [0.779_856_581_747_988_4, 0.220_030_604_027_735_47];

/// Where the one knob that matters has its optimum (unit-cube position of `x`).
pub const ONE_KNOB_CENTRE: f64 = 0.62;
pub const ONE_KNOB_WIDTH: f64 = 0.05;
/// The y of the one-knob landscape's representative minimizer (any y is as good).
const ONE_KNOB_Y: f64 = 0.35;

/// Synthetic 2-D test functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Landscape {
    /// Branin–Hoo on x0 ∈ [−5, 10], x1 ∈ [0, 15]: three global minima of 0.397887 in a curved
    /// valley. The standard benchmark of Bayesian optimization.
    Branin,
    /// Bergstra & Bengio's argument in one picture: f(x, y) = g(x), x on a log scale from 1e-4
    /// to 1 (think learning rate) with a narrow optimum near 0.030, y from 0 to 1 not mattering
    /// at all, so the minimum is the whole line x ≈ 0.030. A 5 × 5 grid tries only five values
    /// of x; 25 random trials try 25.
    OneKnob,
    /// Four Gaussian wells on [0, 1]²: a broad, shallow one that catches searches and a narrow,
    /// deep global one at (0.78, 0.22). Multimodal: a search that only exploits stays in the
    /// first basin it finds.
    Wells,
}

impl Landscape {
    pub const ALL: [Landscape; 3] = [Landscape::Branin, Landscape::OneKnob, Landscape::Wells];

    pub fn slug(self) -> &'static str {
        match self {
            Landscape::Branin => "branin",
            Landscape::OneKnob => "oneknob",
            Landscape::Wells => "wells",
        }
    }

    pub fn from_slug(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.slug() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Landscape::Branin => "Branin",
            Landscape::OneKnob => "Only one knob matters",
            Landscape::Wells => "Four wells",
        }
    }

    pub fn space(self) -> Space {
        let dims = match self {
            Landscape::Branin => vec![Dimension::linear("x0", -5.0, 10.0), Dimension::linear("x1", 0.0, 15.0)],
            Landscape::OneKnob => vec![Dimension::log("x", 1e-4, 1.0), Dimension::linear("y", 0.0, 1.0)],
            Landscape::Wells => vec![Dimension::linear("x", 0.0, 1.0), Dimension::linear("y", 0.0, 1.0)],
        };
        Space::new(dims).unwrap_or_else(|_| unreachable!("the built-in spaces are valid"))
    }

    /// The value at a point `[x, y]` in natural units (points outside the space are evaluated
    /// as they are; a non-2-D point gives NaN).
    pub fn value(self, point: &[f64]) -> f64 {
        let &[x, y] = point else { return f64::NAN };
        match self {
            Landscape::Branin => {
                let b = 5.1 / (4.0 * PI * PI);
                let c = 5.0 / PI;
                let t = 1.0 / (8.0 * PI);
                (y - b * x * x + c * x - 6.0).powi(2) + 10.0 * (1.0 - t) * x.cos() + 10.0
            }
            Landscape::OneKnob => {
                // Position of x on its log axis (the axis the search and the heatmap use).
                let u = (x.log10() + 4.0) / 4.0;
                // y is part of the space but not of the value: the knob that does not matter.
                let _ = y;
                1.0 - (-0.5 * ((u - ONE_KNOB_CENTRE) / ONE_KNOB_WIDTH).powi(2)).exp() + 0.5 * (u - ONE_KNOB_CENTRE).powi(2)
            }
            Landscape::Wells => 1.0 - WELLS.iter().map(|&(cx, cy, s, a)| a * (-((x - cx).powi(2) + (y - cy).powi(2)) / (2.0 * s * s)).exp()).sum::<f64>(),
        }
    }

    /// Values at many points at once.
    pub fn values<P: AsRef<[f64]>>(self, points: &[P]) -> Vec<f64> {
        points.iter().map(|p| self.value(p.as_ref())).collect()
    }

    /// The global minimum's value.
    pub fn known_minimum(self) -> f64 {
        match self {
            Landscape::Branin => BRANIN_MINIMUM,
            Landscape::OneKnob => 0.0,
            Landscape::Wells => WELLS_MINIMUM,
        }
    }

    /// Where the global minimum is (all of them, for Branin; for the one-knob landscape, whose
    /// minimum is a whole line x = x*, one representative point of it).
    pub fn minimizers(self) -> Vec<[f64; 2]> {
        match self {
            Landscape::Branin => vec![[-PI, 12.275], [PI, 2.275], [3.0 * PI, 2.475]],
            Landscape::OneKnob => vec![[10f64.powf(4.0 * ONE_KNOB_CENTRE - 4.0), ONE_KNOB_Y]],
            Landscape::Wells => vec![WELLS_ARGMIN],
        }
    }

    /// The landscape sampled on an `nx × ny` grid spanning its space (log-spaced along a log
    /// axis), for drawing.
    pub fn heatmap(self, nx: usize, ny: usize) -> Heatmap {
        let space = self.space();
        let axis = |d: &Dimension, n: usize| -> Vec<f64> {
            match (d, n) {
                (_, 0) => Vec::new(),
                (_, 1) => vec![d.from_unit(0.5)],
                (Dimension::Continuous { low, high, scale: Scale::Log, .. }, _) => crate::log_space(*low, *high, n),
                _ => (0..n).map(|i| d.from_unit(i as f64 / (n - 1) as f64)).collect(),
            }
        };
        let xs = axis(&space.dims()[0], nx);
        let ys = axis(&space.dims()[1], ny);
        let values = ys.iter().flat_map(|&y| xs.iter().map(move |&x| self.value(&[x, y]))).collect();
        Heatmap { xs, ys, values }
    }

    /// The landscape as an [`Objective`].
    pub fn objective(self) -> LandscapeObjective {
        LandscapeObjective { landscape: self, space: self.space(), evaluations: 0 }
    }
}

/// A landscape sampled on a grid: `values[j * xs.len() + i]` is the value at `(xs[i], ys[j])`.
#[derive(Clone, Debug, PartialEq)]
pub struct Heatmap {
    pub xs: Vec<f64>,
    pub ys: Vec<f64>,
    pub values: Vec<f64>,
}

impl Heatmap {
    /// Smallest and largest value (for a colour scale).
    pub fn range(&self) -> (f64, f64) {
        self.values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| (lo.min(v), hi.max(v)))
    }
}

/// A [`Landscape`] as an objective, counting its evaluations.
#[derive(Clone, Debug)]
pub struct LandscapeObjective {
    landscape: Landscape,
    space: Space,
    evaluations: usize,
}

impl LandscapeObjective {
    pub fn landscape(&self) -> Landscape {
        self.landscape
    }
    pub fn evaluations(&self) -> usize {
        self.evaluations
    }
}

impl Objective for LandscapeObjective {
    fn space(&self) -> &Space {
        &self.space
    }
    fn evaluate(&mut self, point: &[f64]) -> f64 {
        self.evaluations += 1;
        self.landscape.value(point)
    }
    fn name(&self) -> &str {
        self.landscape.label()
    }
    fn known_minimum(&self) -> Option<f64> {
        Some(self.landscape.known_minimum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_minima_are_attained_and_not_beaten() {
        for l in Landscape::ALL {
            let space = l.space();
            for m in l.minimizers() {
                assert!(space.contains(&m), "{l:?}");
                assert!((l.value(&m) - l.known_minimum()).abs() < 1e-12, "{l:?}: {} vs {}", l.value(&m), l.known_minimum());
            }
            // A fine grid never goes below the stated minimum.
            let h = l.heatmap(301, 301);
            let (lo, hi) = h.range();
            assert!(lo >= l.known_minimum() - 1e-12 && hi > lo, "{l:?}: {lo}");
            assert_eq!(h.values.len(), 301 * 301);
            assert_eq!(h.values[5 * 301 + 7], l.value(&[h.xs[7], h.ys[5]]));
        }
        assert!((Landscape::Branin.value(&[PI, 2.275]) - 0.397887).abs() < 1e-6);
        assert!(Landscape::Branin.value(&[1.0]).is_nan());
    }

    #[test]
    fn one_knob_only_x_matters_and_is_log_spaced() {
        let l = Landscape::OneKnob;
        let m = l.minimizers()[0];
        assert!((m[0] - 0.0302).abs() < 1e-3, "{m:?}");
        // Moving y end to end costs nothing; moving x a few widths away costs ~1.
        assert!((0..=10).all(|i| l.value(&[m[0], i as f64 / 10.0]) == l.value(&m)));
        assert!(l.value(&[m[0] * 10.0, m[1]]) > 0.9);
        let h = l.heatmap(5, 3);
        assert_eq!(h.xs.len(), 5);
        assert!((h.xs[1] / h.xs[0] - 10.0).abs() < 1e-9);
        let mut o = l.objective();
        assert!(o.evaluate(&m).abs() < 1e-12);
        assert_eq!(o.evaluations(), 1);
        assert_eq!(o.known_minimum(), Some(0.0));
        assert_eq!(Landscape::from_slug("wells"), Some(Landscape::Wells));
    }

    #[test]
    fn closures_make_objectives() {
        let space = Space::new(vec![Dimension::linear("a", 0.0, 1.0)]).unwrap();
        let mut calls = 0;
        let mut o = FnObjective::new("square", space.clone(), |p: &[f64]| {
            calls += 1;
            p[0] * p[0]
        })
        .with_minimum(0.0);
        assert_eq!(o.evaluate(&[0.5]), 0.25);
        assert_eq!(o.name(), "square");
        assert_eq!(o.known_minimum(), Some(0.0));
        let mut boxed: Box<dyn Objective + '_> = Box::new(o);
        assert_eq!(boxed.evaluate(&[1.0]), 1.0);
        assert_eq!(boxed.space(), &space);
        drop(boxed);
        assert_eq!(calls, 2);
    }
}
