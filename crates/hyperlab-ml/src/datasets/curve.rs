//! One-dimensional regression data for the regularization lab: noisy samples of a known ground
//! truth on x ∈ [-1, 1], and a seeded train/validation split.
//!
//! Knowing the truth is the point: the learner can see a wiggly fit chase the noise away from the
//! curve the points came from.

use crate::rng::SeededRng;
use ndarray::Array1;

/// The most points a data set may have (the lab offers far fewer; this only bounds the work).
pub const MAX_POINTS: usize = 100_000;

/// The function the points are drawn from. Each is defined on x ∈ [-1, 1] with y in [-1, 1].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Truth {
    /// sin(πx): one smooth period, which a polynomial of moderate degree fits well.
    Sine,
    /// 2x³ − x: exactly a cubic, so degrees above 3 can only fit noise.
    Cubic,
    /// −1 for x < 0, +1 for x ≥ 0: a jump no polynomial can follow, so high degrees ring.
    Step,
}

impl Truth {
    pub const ALL: [Truth; 3] = [Truth::Sine, Truth::Cubic, Truth::Step];

    /// The name used in URLs and requests.
    pub fn slug(self) -> &'static str {
        match self {
            Truth::Sine => "sine",
            Truth::Cubic => "cubic",
            Truth::Step => "step",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.slug() == slug)
    }
}

/// The ground truth's value at `x`, for drawing it under the fit.
pub fn true_function(truth: Truth, x: f64) -> f64 {
    match truth {
        Truth::Sine => (std::f64::consts::PI * x).sin(),
        Truth::Cubic => 2.0 * x * x * x - x,
        Truth::Step => {
            if x < 0.0 {
                -1.0
            } else {
                1.0
            }
        }
    }
}

/// Why data could not be made or split.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DataError {
    NotFinite(&'static str),
    OutOfRange { name: &'static str, detail: &'static str },
    /// x and y of a data set have different lengths.
    LengthMismatch { x: usize, y: usize },
}

impl std::fmt::Display for DataError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DataError::NotFinite(name) => write!(f, "{name} is not a finite number"),
            DataError::OutOfRange { name, detail } => write!(f, "{name} {detail}"),
            DataError::LengthMismatch { x, y } => write!(f, "{x} x values but {y} y values"),
        }
    }
}

impl std::error::Error for DataError {}

/// What the learner sets: which truth, how noisy, how many points, which random sample.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DataParams {
    pub truth: Truth,
    /// Standard deviation of the Gaussian noise added to each y.
    pub noise: f64,
    pub n_points: usize,
    pub seed: u64,
}

impl DataParams {
    /// `n_points` points with x uniform on [-1, 1] and y = truth(x) + noise·N(0, 1), drawn from
    /// the seed (the same seed always gives the same points).
    pub fn generate(&self) -> Result<Dataset, DataError> {
        if !self.noise.is_finite() {
            return Err(DataError::NotFinite("noise"));
        }
        if self.noise < 0.0 {
            return Err(DataError::OutOfRange { name: "noise", detail: "must be ≥ 0" });
        }
        if !(1..=MAX_POINTS).contains(&self.n_points) {
            return Err(DataError::OutOfRange { name: "number of points", detail: "must be 1 … 100000" });
        }
        let mut rng = SeededRng::new(self.seed);
        let n = self.n_points;
        let (mut x, mut y) = (Array1::zeros(n), Array1::zeros(n));
        for i in 0..n {
            let xi = 2.0 * rng.uniform() - 1.0;
            x[i] = xi;
            y[i] = true_function(self.truth, xi) + self.noise * rng.normal();
        }
        Ok(Dataset { x, y })
    }
}

/// Points (x[i], y[i]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dataset {
    pub x: Array1<f64>,
    pub y: Array1<f64>,
}

/// A data set divided into the points the model is fitted on and the held-out points that
/// measure how well it generalizes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Split {
    pub train: Dataset,
    pub validation: Dataset,
}

impl Dataset {
    pub fn len(&self) -> usize {
        self.x.len()
    }

    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
    }

    /// Holds out ⌈`validation_fraction`·n⌉ points chosen by a seeded shuffle (like
    /// scikit-learn's `train_test_split`), clamped so both sides keep at least one point. Each
    /// side keeps the points in their original order.
    pub fn split(&self, validation_fraction: f64, seed: u64) -> Result<Split, DataError> {
        if self.x.len() != self.y.len() {
            return Err(DataError::LengthMismatch { x: self.x.len(), y: self.y.len() });
        }
        if !validation_fraction.is_finite() {
            return Err(DataError::NotFinite("validation fraction"));
        }
        if !(validation_fraction > 0.0 && validation_fraction < 1.0) {
            return Err(DataError::OutOfRange { name: "validation fraction", detail: "must be between 0 and 1" });
        }
        let n = self.len();
        if n < 2 {
            return Err(DataError::OutOfRange { name: "number of points", detail: "must be at least 2 to split" });
        }
        let n_val = ((validation_fraction * n as f64).ceil() as usize).clamp(1, n - 1);

        // Fisher–Yates on the seeded stream; the first n_val indices are held out.
        let mut order: Vec<usize> = (0..n).collect();
        let mut rng = SeededRng::new(seed);
        for i in (1..n).rev() {
            let j = ((rng.uniform() * (i + 1) as f64) as usize).min(i);
            order.swap(i, j);
        }
        let mut held_out = vec![false; n];
        for &i in &order[..n_val] {
            held_out[i] = true;
        }
        let pick = |keep: bool| {
            let idx: Vec<usize> = (0..n).filter(|&i| held_out[i] == keep).collect();
            Dataset { x: idx.iter().map(|&i| self.x[i]).collect(), y: idx.iter().map(|&i| self.y[i]).collect() }
        };
        Ok(Split { train: pick(false), validation: pick(true) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(truth: Truth, noise: f64, n_points: usize, seed: u64) -> DataParams {
        DataParams { truth, noise, n_points, seed }
    }

    #[test]
    fn truths_stay_in_range_on_the_interval() {
        for truth in Truth::ALL {
            for i in 0..=400 {
                let x = -1.0 + i as f64 / 200.0;
                let y = true_function(truth, x);
                assert!((-1.0..=1.0).contains(&y), "{truth:?} at {x}: {y}");
            }
            assert_eq!(Truth::from_slug(truth.slug()), Some(truth));
        }
        assert_eq!(Truth::from_slug("cosine"), None);
        assert!((true_function(Truth::Sine, 0.5) - 1.0).abs() < 1e-15);
        assert_eq!(true_function(Truth::Cubic, 1.0), 1.0);
        assert_eq!(true_function(Truth::Step, -1e-9), -1.0);
        assert_eq!(true_function(Truth::Step, 0.0), 1.0);
    }

    #[test]
    fn noiseless_points_lie_on_the_truth_and_x_covers_the_interval() {
        let d = params(Truth::Cubic, 0.0, 500, 1).generate().unwrap();
        assert_eq!(d.len(), 500);
        assert!(d.x.iter().all(|x| (-1.0..1.0).contains(x)));
        assert!(d.x.iter().any(|&x| x < -0.9) && d.x.iter().any(|&x| x > 0.9));
        for (&x, &y) in d.x.iter().zip(&d.y) {
            assert_eq!(y, true_function(Truth::Cubic, x));
        }
    }

    #[test]
    fn noise_has_the_requested_spread() {
        let d = params(Truth::Sine, 0.3, 20_000, 5).generate().unwrap();
        let resid: Vec<f64> = d.x.iter().zip(&d.y).map(|(&x, &y)| y - true_function(Truth::Sine, x)).collect();
        let mean = resid.iter().sum::<f64>() / resid.len() as f64;
        let sd = (resid.iter().map(|r| (r - mean).powi(2)).sum::<f64>() / resid.len() as f64).sqrt();
        assert!(mean.abs() < 0.01 && (sd - 0.3).abs() < 0.01, "{mean} {sd}");
    }

    #[test]
    fn same_seed_same_points_and_split() {
        let p = params(Truth::Step, 0.2, 50, 9);
        assert_eq!(p.generate().unwrap(), p.generate().unwrap());
        assert_ne!(p.generate().unwrap(), DataParams { seed: 10, ..p }.generate().unwrap());
        let d = p.generate().unwrap();
        assert_eq!(d.split(0.3, 4).unwrap(), d.split(0.3, 4).unwrap());
        assert_ne!(d.split(0.3, 4).unwrap(), d.split(0.3, 5).unwrap());
    }

    #[test]
    fn split_sizes_partition_and_order() {
        let d = params(Truth::Sine, 0.1, 200, 2).generate().unwrap();
        let s = d.split(0.3, 7).unwrap();
        assert_eq!((s.train.len(), s.validation.len()), (140, 60));
        // Every point lands on exactly one side, in its original order.
        let position = |x: f64| d.x.iter().position(|&v| v == x).unwrap();
        for side in [&s.train, &s.validation] {
            let pos: Vec<usize> = side.x.iter().map(|&x| position(x)).collect();
            assert!(pos.windows(2).all(|w| w[0] < w[1]));
            for (&x, &y) in side.x.iter().zip(&side.y) {
                assert_eq!(d.y[position(x)], y);
            }
        }
        let mut all: Vec<f64> = s.train.x.iter().chain(&s.validation.x).copied().collect();
        crate::sorting::sort_floats(&mut all);
        let mut orig = d.x.to_vec();
        crate::sorting::sort_floats(&mut orig);
        assert_eq!(all, orig);
        // ⌈0.3·12⌉ = 4 held out; tiny sets keep one point on each side.
        let small = params(Truth::Sine, 0.1, 12, 2).generate().unwrap().split(0.3, 1).unwrap();
        assert_eq!((small.train.len(), small.validation.len()), (8, 4));
        let two = params(Truth::Sine, 0.1, 2, 2).generate().unwrap();
        let s = two.split(0.99, 1).unwrap();
        assert_eq!((s.train.len(), s.validation.len()), (1, 1));
    }

    #[test]
    fn bad_settings_are_refused() {
        assert!(matches!(params(Truth::Sine, -0.1, 10, 0).generate(), Err(DataError::OutOfRange { .. })));
        assert!(matches!(params(Truth::Sine, f64::NAN, 10, 0).generate(), Err(DataError::NotFinite(_))));
        assert!(matches!(params(Truth::Sine, 0.1, 0, 0).generate(), Err(DataError::OutOfRange { .. })));
        assert!(matches!(params(Truth::Sine, 0.1, MAX_POINTS + 1, 0).generate(), Err(DataError::OutOfRange { .. })));
        let d = params(Truth::Sine, 0.1, 10, 0).generate().unwrap();
        for f in [0.0, 1.0, -0.5, 2.0] {
            assert!(matches!(d.split(f, 0), Err(DataError::OutOfRange { .. })), "{f}");
        }
        assert!(matches!(d.split(f64::NAN, 0), Err(DataError::NotFinite(_))));
        let one = params(Truth::Sine, 0.1, 1, 0).generate().unwrap();
        assert!(matches!(one.split(0.5, 0), Err(DataError::OutOfRange { .. })));
        let ragged = Dataset { x: Array1::zeros(3), y: Array1::zeros(2) };
        assert_eq!(ragged.split(0.5, 0), Err(DataError::LengthMismatch { x: 3, y: 2 }));
    }
}
