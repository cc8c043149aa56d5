//! Seeded randomness. Every random stream in Hyperlab starts from a seed that lives in the URL,
//! so a shared link reproduces exactly what the sender saw.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// A reproducible random stream with the few draws the core needs.
#[derive(Clone, Debug)]
pub struct SeededRng {
    inner: StdRng,
    spare_normal: Option<f64>,
}

impl SeededRng {
    pub fn new(seed: u64) -> Self {
        Self { inner: StdRng::seed_from_u64(seed), spare_normal: None }
    }

    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        self.inner.random::<f64>()
    }

    /// Standard normal, by the Box–Muller transform (keeps `rand_distr` out of the build).
    pub fn normal(&mut self) -> f64 {
        if let Some(z) = self.spare_normal.take() {
            return z;
        }
        // 1 − u lies in (0, 1], so the logarithm is finite.
        let u1 = 1.0 - self.uniform();
        let u2 = self.uniform();
        let radius = (-2.0 * u1.ln()).sqrt();
        let angle = std::f64::consts::TAU * u2;
        self.spare_normal = Some(radius * angle.sin());
        radius * angle.cos()
    }
}

#[cfg(test)]
mod tests {
    use super::SeededRng;

    #[test]
    fn same_seed_same_stream_other_seed_other_stream() {
        let draw = |seed| {
            let mut r = SeededRng::new(seed);
            (0..8).map(|_| r.normal()).collect::<Vec<_>>()
        };
        assert_eq!(draw(7), draw(7));
        assert_ne!(draw(7), draw(8));
    }

    #[test]
    fn normal_has_unit_moments() {
        let mut r = SeededRng::new(1);
        let n = 200_000;
        let xs: Vec<f64> = (0..n).map(|_| r.normal()).collect();
        let mean = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
        assert!(mean.abs() < 0.01, "mean {mean}");
        assert!((var - 1.0).abs() < 0.01, "var {var}");
    }
}
