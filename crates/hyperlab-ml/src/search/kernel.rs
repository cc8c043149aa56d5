//! Covariance functions: the squared-exponential (RBF) and Matérn 5/2 kernels, each scaled by a
//! signal variance, with one length scale per input dimension (ARD) or one shared by all.
//!
//! Both are functions of the scaled distance r² = Σᵢ (aᵢ − bᵢ)² / ℓᵢ², and agree with
//! scikit-learn's `ConstantKernel(variance) * RBF(length_scale)` and
//! `ConstantKernel(variance) * Matern(length_scale, nu=2.5)`.

use super::SearchError;

/// √5.
const SQRT5: f64 = 2.236_067_977_499_79;

/// The shape of the kernel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KernelKind {
    /// exp(−r²/2): infinitely smooth samples. Often too smooth for real loss surfaces.
    Rbf,
    /// (1 + √5 r + 5r²/3) exp(−√5 r): twice-differentiable samples; the usual default for
    /// Bayesian optimization (Snoek et al. 2012, scikit-optimize, BoTorch).
    Matern52,
}

impl KernelKind {
    /// The correlation at scaled squared distance `r2`.
    #[inline]
    pub fn correlation(self, r2: f64) -> f64 {
        match self {
            KernelKind::Rbf => (-0.5 * r2).exp(),
            KernelKind::Matern52 => {
                let s = SQRT5 * r2.sqrt();
                (1.0 + s + s * s / 3.0) * (-s).exp()
            }
        }
    }

    /// The correlation and −2·∂k/∂(r²), the factor every length-scale derivative shares:
    /// ∂k/∂log ℓᵢ = −2 ∂k/∂(r²) · (aᵢ − bᵢ)²/ℓᵢ².
    #[inline]
    pub fn correlation_and_slope(self, r2: f64) -> (f64, f64) {
        match self {
            KernelKind::Rbf => {
                let k = (-0.5 * r2).exp();
                (k, k)
            }
            KernelKind::Matern52 => {
                let s = SQRT5 * r2.sqrt();
                let e = (-s).exp();
                ((1.0 + s + s * s / 3.0) * e, (5.0 / 3.0) * (1.0 + s) * e)
            }
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            KernelKind::Rbf => "RBF",
            KernelKind::Matern52 => "Matérn 5/2",
        }
    }
}

/// A kernel with its hyperparameters: k(a, b) = variance · correlation(r²).
#[derive(Clone, Debug, PartialEq)]
pub struct Kernel {
    kind: KernelKind,
    /// One per input dimension, or a single one shared by all.
    length_scales: Vec<f64>,
    variance: f64,
}

impl Kernel {
    /// `length_scales` holds one entry per dimension (ARD) or a single shared one; all must be
    /// finite and positive, as must `variance`.
    pub fn new(kind: KernelKind, length_scales: Vec<f64>, variance: f64) -> Result<Self, SearchError> {
        if length_scales.is_empty() {
            return Err(SearchError::OutOfRange { name: "length_scale", detail: "needs at least one value" });
        }
        if length_scales.iter().any(|l| !l.is_finite()) {
            return Err(SearchError::NotFinite("length_scale"));
        }
        if length_scales.iter().any(|&l| l <= 0.0) {
            return Err(SearchError::OutOfRange { name: "length_scale", detail: "must be > 0" });
        }
        if !variance.is_finite() {
            return Err(SearchError::NotFinite("variance"));
        }
        if variance <= 0.0 {
            return Err(SearchError::OutOfRange { name: "variance", detail: "must be > 0" });
        }
        Ok(Self { kind, length_scales, variance })
    }

    pub fn kind(&self) -> KernelKind {
        self.kind
    }

    pub fn length_scales(&self) -> &[f64] {
        &self.length_scales
    }

    pub fn variance(&self) -> f64 {
        self.variance
    }

    /// Whether the kernel fits inputs of dimension `dim` (a shared length scale fits any).
    pub fn accepts(&self, dim: usize) -> bool {
        self.length_scales.len() == 1 || self.length_scales.len() == dim
    }

    /// The length scale of input dimension `i`.
    #[inline]
    pub fn length_scale(&self, i: usize) -> f64 {
        if self.length_scales.len() == 1 { self.length_scales[0] } else { self.length_scales[i] }
    }

    /// k(a, b). `a` and `b` must have the kernel's dimension.
    pub fn eval(&self, a: &[f64], b: &[f64]) -> f64 {
        let r2: f64 = a.iter().zip(b).enumerate().map(|(i, (x, y))| ((x - y) / self.length_scale(i)).powi(2)).sum();
        self.variance * self.kind.correlation(r2)
    }

    /// `points` (row-major, `dim` columns) divided by the length scales, column by column: the
    /// kernel only ever needs distances between such scaled inputs.
    pub(crate) fn scale_inputs(&self, points: &[f64], dim: usize) -> Vec<f64> {
        let inv: Vec<f64> = (0..dim).map(|i| 1.0 / self.length_scale(i)).collect();
        points.chunks_exact(dim.max(1)).flat_map(|p| p.iter().zip(&inv).map(|(x, s)| x * s)).collect()
    }
}

/// Squared distance between two rows of scaled inputs.
#[inline]
pub(crate) fn sq_dist(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kernels_match_closed_forms() {
        let rbf = Kernel::new(KernelKind::Rbf, vec![0.5, 2.0], 3.0).unwrap();
        let r2: f64 = (0.3f64 / 0.5).powi(2) + (1.0f64 / 2.0).powi(2);
        assert!((rbf.eval(&[0.1, 1.0], &[0.4, 0.0]) - 3.0 * (-0.5 * r2).exp()).abs() < 1e-15);
        let m = Kernel::new(KernelKind::Matern52, vec![0.5], 2.0).unwrap();
        let r = (0.3f64 * 0.3 + 1.0).sqrt() / 0.5;
        let s = 5f64.sqrt() * r;
        assert!((m.eval(&[0.1, 1.0], &[0.4, 0.0]) - 2.0 * (1.0 + s + s * s / 3.0) * (-s).exp()).abs() < 1e-15);
        assert_eq!(m.eval(&[0.2, 0.2], &[0.2, 0.2]), 2.0);
        assert!(m.accepts(5) && !rbf.accepts(3) && rbf.accepts(2));
    }

    #[test]
    fn slope_is_minus_twice_the_derivative_in_r2() {
        for kind in [KernelKind::Rbf, KernelKind::Matern52] {
            for r2 in [1e-4, 0.1, 0.7, 2.0, 9.0] {
                let h = 1e-3 * r2;
                let fd = (kind.correlation(r2 + h) - kind.correlation(r2 - h)) / (2.0 * h);
                let (k, slope) = kind.correlation_and_slope(r2);
                assert!((k - kind.correlation(r2)).abs() < 1e-15);
                assert!((slope + 2.0 * fd).abs() < 1e-7 * slope.abs().max(1.0), "{kind:?} {r2}: {slope} vs {}", -2.0 * fd);
            }
        }
    }

    #[test]
    fn rejects_bad_hyperparameters() {
        assert!(Kernel::new(KernelKind::Rbf, vec![], 1.0).is_err());
        assert!(Kernel::new(KernelKind::Rbf, vec![0.0], 1.0).is_err());
        assert!(Kernel::new(KernelKind::Rbf, vec![f64::NAN], 1.0).is_err());
        assert!(Kernel::new(KernelKind::Rbf, vec![1.0], -1.0).is_err());
        assert!(Kernel::new(KernelKind::Rbf, vec![1.0], f64::INFINITY).is_err());
    }
}
