//! Toy data sets for the network lab: five 2-D two-class shapes with labels 0/1, and a 1-D
//! regression curve. Clean points lie in [−1, 1]² (noise can push a few just outside), every set
//! comes from its seed, and the train/validation split is stratified so both halves keep the
//! class balance.

use crate::nn::Task;
use crate::optim::descent::ConfigError;
use crate::rng::SeededRng;
use ndarray::{Array1, Array2};
use std::f64::consts::PI;

/// Largest data set the lab generates.
pub const MAX_POINTS: usize = 10_000;

/// Which data set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Shape {
    /// A disc (class 1) inside a ring (class 0).
    Circles,
    /// Class 1 in the quadrants where x and y share a sign.
    Xor,
    /// Two round blobs on the diagonal.
    TwoGaussians,
    /// Two interleaved spiral arms.
    Spirals,
    /// Two interlocking half-moons (scikit-learn's `make_moons`, centred and scaled).
    Moons,
    /// Regression: y = 0.8·sin(πx) on x ∈ [−1, 1], one input.
    Sine,
}

impl Shape {
    pub const ALL: [Shape; 6] = [Shape::Circles, Shape::Xor, Shape::TwoGaussians, Shape::Spirals, Shape::Moons, Shape::Sine];
    /// The URL slug and menu label of each shape, in the order of [`Shape::ALL`]: the options of
    /// every lab's data-set control.
    pub const OPTIONS: &'static [(&'static str, &'static str)] = &[
        ("circles", "Circles"),
        ("xor", "XOR"),
        ("gauss", "Two Gaussians"),
        ("spirals", "Spirals"),
        ("moons", "Moons"),
        ("sine", "Sine (regression)"),
    ];

    pub fn label(self) -> &'static str {
        match self {
            Shape::Circles => "circles",
            Shape::Xor => "XOR",
            Shape::TwoGaussians => "two Gaussians",
            Shape::Spirals => "spirals",
            Shape::Moons => "moons",
            Shape::Sine => "sine (regression)",
        }
    }
    pub fn task(self) -> Task {
        if self == Shape::Sine { Task::Regression } else { Task::Binary }
    }
    pub fn input_dim(self) -> usize {
        if self == Shape::Sine { 1 } else { 2 }
    }
}

/// What the learner sets for the data.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DataConfig {
    pub shape: Shape,
    /// Points in train and validation together.
    pub size: usize,
    /// Standard deviation of Gaussian noise added to every coordinate (to y for regression), in
    /// the units of the [−1, 1] box.
    pub noise: f64,
    /// Share of the points held out for validation, in [0, 0.9].
    pub validation_fraction: f64,
    pub seed: u64,
}

impl DataConfig {
    pub fn new(shape: Shape) -> Self {
        Self { shape, size: 500, noise: 0.05, validation_fraction: 0.5, seed: 0 }
    }

    pub fn build(&self) -> Result<Dataset, ConfigError> {
        if !(2..=MAX_POINTS).contains(&self.size) {
            return Err(ConfigError::OutOfRange { name: "size", detail: "must be between 2 and 10,000 points" });
        }
        if !self.noise.is_finite() {
            return Err(ConfigError::NotFinite("noise"));
        }
        if !(0.0..=1.0).contains(&self.noise) {
            return Err(ConfigError::OutOfRange { name: "noise", detail: "must be in [0, 1]" });
        }
        if !self.validation_fraction.is_finite() {
            return Err(ConfigError::NotFinite("validation_fraction"));
        }
        if !(0.0..=0.9).contains(&self.validation_fraction) {
            return Err(ConfigError::OutOfRange { name: "validation_fraction", detail: "must be in [0, 0.9]" });
        }
        Ok(self.generate())
    }

    fn generate(&self) -> Dataset {
        let mut rng = SeededRng::new(self.seed);
        let dim = self.shape.input_dim();
        // One group per class (a single group for regression), generated then split per group.
        let groups: Vec<(f64, usize)> = match self.shape {
            Shape::Sine => vec![(0.0, self.size)],
            _ => vec![(0.0, self.size - self.size / 2), (1.0, self.size / 2)],
        };
        let (mut train, mut val) = (Vec::new(), Vec::new());
        for (label, count) in groups {
            let held_out = (count as f64 * self.validation_fraction).round() as usize;
            for i in 0..count {
                let (point, target) = self.draw(label, &mut rng);
                let split = if i < held_out { &mut val } else { &mut train };
                split.push((point, target));
            }
        }
        // Interleave the classes: the order of a split should not give its labels away.
        rng.shuffle(&mut train);
        rng.shuffle(&mut val);
        Dataset { task: self.shape.task(), train: Split::from_points(&train, dim), validation: Split::from_points(&val, dim) }
    }

    /// One point of class `label` (ignored for regression) and its target.
    fn draw(&self, label: f64, rng: &mut SeededRng) -> ([f64; 2], f64) {
        let noise = self.noise;
        let jitter = |rng: &mut SeededRng| noise * rng.normal();
        let class1 = label == 1.0;
        let clean = match self.shape {
            Shape::Circles => {
                // Inner disc out to 0.5, outer ring from 0.7 to 1: a clear gap at zero noise.
                let r = if class1 { 0.5 * rng.uniform() } else { 0.7 + 0.3 * rng.uniform() };
                let a = 2.0 * PI * rng.uniform();
                [r * a.cos(), r * a.sin()]
            }
            Shape::Xor => {
                // Uniform on the square, away from the axes by 0.05 so the clean classes separate;
                // the label follows the quadrant the point was drawn in, before noise.
                let coordinate = |rng: &mut SeededRng| 0.05 + 0.95 * rng.uniform();
                let (x, y) = (coordinate(rng), coordinate(rng));
                let flip_x = rng.uniform() < 0.5;
                let same_sign = class1;
                let sx = if flip_x { -1.0 } else { 1.0 };
                let sy = if same_sign { sx } else { -sx };
                [sx * x, sy * y]
            }
            Shape::TwoGaussians => {
                let c = if class1 { 0.5 } else { -0.5 };
                [c + 0.2 * rng.normal(), c + 0.2 * rng.normal()]
            }
            Shape::Spirals => {
                // 1.75 turns out to radius 0.95, the second arm rotated by half a turn.
                let t = rng.uniform();
                let a = 1.75 * 2.0 * PI * t + if class1 { PI } else { 0.0 };
                let r = 0.95 * t;
                [r * a.sin(), r * a.cos()]
            }
            Shape::Moons => {
                let a = PI * rng.uniform();
                let (x, y) = if class1 { (1.0 - a.cos(), 0.5 - a.sin()) } else { (a.cos(), a.sin()) };
                // make_moons spans x ∈ [−1, 2], y ∈ [−0.5, 1]: centre it and keep the aspect.
                [(x - 0.5) / 1.5, (y - 0.25) / 1.5]
            }
            Shape::Sine => {
                let x = 2.0 * rng.uniform() - 1.0;
                let y = 0.8 * (PI * x).sin() + jitter(rng);
                return ([x, 0.0], y);
            }
        };
        ([clean[0] + jitter(rng), clean[1] + jitter(rng)], label)
    }
}

/// Inputs and targets of one split.
#[derive(Clone, Debug, PartialEq)]
pub struct Split {
    /// One row per point, one column per input.
    pub inputs: Array2<f64>,
    /// The class (0.0 or 1.0, or a class index) or the regression target.
    pub targets: Array1<f64>,
}

impl Split {
    fn from_points(points: &[([f64; 2], f64)], dim: usize) -> Self {
        let inputs = Array2::from_shape_fn((points.len(), dim), |(k, i)| points[k].0[i]);
        let targets = points.iter().map(|p| p.1).collect();
        Split { inputs, targets }
    }
    pub fn len(&self) -> usize {
        self.targets.len()
    }
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }
    pub fn input_dim(&self) -> usize {
        self.inputs.ncols()
    }
}

/// A generated data set.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    pub task: Task,
    pub train: Split,
    pub validation: Split,
}

impl Dataset {
    pub fn input_dim(&self) -> usize {
        self.train.input_dim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_points(d: &Dataset) -> impl Iterator<Item = (Vec<f64>, f64)> + '_ {
        let rows = |s: &'_ Split| s.inputs.rows().into_iter().map(|r| r.to_vec()).zip(s.targets.iter().copied()).collect::<Vec<_>>();
        rows(&d.train).into_iter().chain(rows(&d.validation))
    }

    #[test]
    fn the_menu_options_follow_the_order_of_the_shapes() {
        assert_eq!(Shape::OPTIONS.len(), Shape::ALL.len());
        for (shape, (_, menu_label)) in Shape::ALL.iter().zip(Shape::OPTIONS) {
            assert!(shape.label().eq_ignore_ascii_case(menu_label), "{shape:?} is listed as {menu_label}");
        }
    }

    #[test]
    fn every_shape_has_the_asked_size_split_and_balance() {
        for shape in Shape::ALL {
            let d = DataConfig { size: 301, validation_fraction: 0.3, ..DataConfig::new(shape) }.build().unwrap();
            assert_eq!(d.train.len() + d.validation.len(), 301, "{shape:?}");
            assert!((d.validation.len() as f64 - 90.0).abs() <= 1.0, "{shape:?} {}", d.validation.len());
            assert_eq!(d.input_dim(), shape.input_dim());
            assert_eq!(d.task, shape.task());
            if shape.task() == Task::Binary {
                for split in [&d.train, &d.validation] {
                    let ones = split.targets.iter().filter(|&&t| t == 1.0).count();
                    assert!(split.targets.iter().all(|&t| t == 0.0 || t == 1.0));
                    let share = ones as f64 / split.len() as f64;
                    assert!((share - 0.5).abs() < 0.02, "{shape:?} {share}");
                }
            }
        }
    }

    #[test]
    fn clean_points_stay_in_the_box_and_separate_as_described() {
        for shape in Shape::ALL {
            let d = DataConfig { noise: 0.0, size: 1000, ..DataConfig::new(shape) }.build().unwrap();
            for (p, t) in all_points(&d) {
                let limit = if shape == Shape::TwoGaussians { 1.5 } else { 1.0 + 1e-12 };
                assert!(p.iter().all(|v| v.abs() <= limit), "{shape:?} {p:?}");
                match shape {
                    Shape::Circles => {
                        let r = p[0].hypot(p[1]);
                        assert!(if t == 1.0 { r <= 0.5 } else { r >= 0.7 });
                    }
                    Shape::Xor => assert_eq!(t == 1.0, p[0] * p[1] > 0.0),
                    Shape::Sine => assert!((t - 0.8 * (PI * p[0]).sin()).abs() < 1e-15),
                    _ => {}
                }
            }
        }
    }

    #[test]
    fn seeds_reproduce_and_noise_spreads() {
        let c = DataConfig::new(Shape::Spirals);
        assert_eq!(c.build().unwrap(), c.build().unwrap());
        assert_ne!(c.build().unwrap(), DataConfig { seed: 1, ..c }.build().unwrap());
        let radius_spread = |noise| {
            let d = DataConfig { noise, ..DataConfig::new(Shape::Circles) }.build().unwrap();
            all_points(&d).filter(|(_, t)| *t == 0.0).map(|(p, _)| (p[0].hypot(p[1]) - 0.85).abs()).fold(0.0, f64::max)
        };
        assert!(radius_spread(0.0) <= 0.15 + 1e-12);
        assert!(radius_spread(0.2) > 0.3);
    }

    #[test]
    fn bad_configs_are_typed_errors() {
        let ok = DataConfig::new(Shape::Moons);
        assert!(DataConfig { size: 1, ..ok }.build().is_err());
        assert!(DataConfig { size: MAX_POINTS + 1, ..ok }.build().is_err());
        assert!(DataConfig { noise: -0.1, ..ok }.build().is_err());
        assert_eq!(DataConfig { noise: f64::NAN, ..ok }.build().unwrap_err(), ConfigError::NotFinite("noise"));
        assert!(DataConfig { validation_fraction: 0.95, ..ok }.build().is_err());
        let no_val = DataConfig { validation_fraction: 0.0, ..ok }.build().unwrap();
        assert!(no_val.validation.is_empty());
        assert_eq!(no_val.validation.input_dim(), 2);
    }
}
