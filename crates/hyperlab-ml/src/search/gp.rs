//! Gaussian-process regression: exact posterior mean and standard deviation for a fixed kernel,
//! the log marginal likelihood with its gradient, and the fit of the kernel's hyperparameters.
//!
//! [`GaussianProcess`] is the "raw" model with scikit-learn's semantics
//! (`GaussianProcessRegressor(kernel, alpha=noise, optimizer=None, normalize_y=False)`): no
//! input scaling, no output standardization, `noise` added to the kernel matrix's diagonal.
//! Bayesian optimization wraps it in [`crate::search::bayes::Surrogate`], which feeds it
//! unit-cube inputs and standardized outputs and fits the hyperparameters with
//! [`fit_hyperparameters`].

use super::kernel::{sq_dist, Kernel, KernelKind};
use crate::linalg::Cholesky;
use super::optimize::{maximize_in_box, LbfgsSettings};
use super::SearchError;
use crate::rng::SeededRng;

/// ln(2π).
const LN_2PI: f64 = 1.837_877_066_409_345_5;

/// Queries are processed in blocks of this many so the kernel block stays in cache.
const BLOCK: usize = 256;

/// Most points a joint posterior draw ([`GaussianProcess::sample`]) takes: its m × m covariance
/// factorization is ~0.2 GFLOP at this size, a fraction of a second.
pub const MAX_JOINT_POINTS: usize = 1024;

/// Posterior mean and standard deviation at a batch of points.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Posterior {
    pub mean: Vec<f64>,
    /// The latent function's standard deviation (observation noise excluded, as in scikit-learn).
    pub std: Vec<f64>,
}

/// A Gaussian process conditioned on observations, with fixed hyperparameters.
#[derive(Clone, Debug)]
pub struct GaussianProcess {
    kernel: Kernel,
    noise: f64,
    dim: usize,
    /// Training inputs divided by the length scales, row-major `n × dim`.
    scaled: Vec<f64>,
    y: Vec<f64>,
    /// (K + noise·I)⁻¹ y.
    alpha: Vec<f64>,
    chol: Cholesky,
}

impl GaussianProcess {
    /// Conditions the prior given by `kernel` on observations `y` at inputs `x` (all rows the
    /// same length) with Gaussian noise of variance `noise` (≥ 0; scikit-learn's `alpha`).
    /// Near-duplicate inputs with tiny noise are handled by escalating jitter (see
    /// [`GaussianProcess::jitter`]).
    pub fn fit<P: AsRef<[f64]>>(kernel: Kernel, noise: f64, x: &[P], y: &[f64]) -> Result<Self, SearchError> {
        let dim = x.first().map_or(0, |r| r.as_ref().len());
        if x.is_empty() {
            return Err(SearchError::NoData);
        }
        let flat = flatten(x, dim)?;
        Self::from_flat(kernel, noise, dim, &flat, y)
    }

    /// The prior alone (no observations) over `dim`-dimensional inputs.
    pub fn prior(kernel: Kernel, noise: f64, dim: usize) -> Result<Self, SearchError> {
        Self::from_flat(kernel, noise, dim, &[], &[])
    }

    /// Like [`GaussianProcess::fit`] with the inputs row-major in one slice.
    pub fn from_flat(kernel: Kernel, noise: f64, dim: usize, x: &[f64], y: &[f64]) -> Result<Self, SearchError> {
        if dim == 0 {
            return Err(SearchError::OutOfRange { name: "x", detail: "points need at least one coordinate" });
        }
        if !kernel.accepts(dim) {
            return Err(SearchError::DimensionMismatch { expected: dim, got: kernel.length_scales().len() });
        }
        if x.len() != y.len() * dim {
            return Err(SearchError::LengthMismatch { what: "x and y", expected: x.len() / dim, got: y.len() });
        }
        if x.iter().any(|v| !v.is_finite()) {
            return Err(SearchError::NotFinite("x"));
        }
        if y.iter().any(|v| !v.is_finite()) {
            return Err(SearchError::NotFinite("y"));
        }
        if !noise.is_finite() {
            return Err(SearchError::NotFinite("noise"));
        }
        if noise < 0.0 {
            return Err(SearchError::OutOfRange { name: "noise", detail: "must be ≥ 0" });
        }
        let n = y.len();
        let scaled = kernel.scale_inputs(x, dim);
        let k = kernel_matrix(kernel.kind(), kernel.variance(), &scaled, dim, noise);
        let chol = Cholesky::with_jitter(&k, n);
        let mut alpha = y.to_vec();
        chol.solve_in_place(&mut alpha);
        Ok(Self { kernel, noise, dim, scaled, y: y.to_vec(), alpha, chol })
    }

    pub fn kernel(&self) -> &Kernel {
        &self.kernel
    }
    pub fn noise(&self) -> f64 {
        self.noise
    }
    pub fn dim(&self) -> usize {
        self.dim
    }
    /// Number of observations.
    pub fn len(&self) -> usize {
        self.y.len()
    }
    pub fn is_empty(&self) -> bool {
        self.y.is_empty()
    }

    /// Extra diagonal jitter the Cholesky factorization needed on top of `noise`: 0 for a
    /// well-posed problem, positive when near-duplicate inputs made the matrix singular to
    /// working precision.
    pub fn jitter(&self) -> f64 {
        self.chol.jitter()
    }

    /// log p(y | X, hyperparameters) = −½ yᵀα − Σ log Lᵢᵢ − (n/2) log 2π.
    pub fn log_marginal_likelihood(&self) -> f64 {
        let fit: f64 = self.y.iter().zip(&self.alpha).map(|(a, b)| a * b).sum();
        -0.5 * fit - 0.5 * self.chol.log_det() - 0.5 * self.len() as f64 * LN_2PI
    }

    /// Posterior mean and standard deviation at each point (rows of the kernel's dimension).
    pub fn predict<P: AsRef<[f64]>>(&self, points: &[P]) -> Result<Posterior, SearchError> {
        let flat = flatten(points, self.dim)?;
        if flat.iter().any(|v| !v.is_finite()) {
            return Err(SearchError::NotFinite("x_star"));
        }
        let (mean, var) = self.predict_flat(&flat);
        Ok(Posterior { mean, std: var.into_iter().map(f64::sqrt).collect() })
    }

    /// Posterior mean and standard deviation at one point.
    pub fn predict_one(&self, point: &[f64]) -> Result<(f64, f64), SearchError> {
        let p = self.predict(&[point])?;
        Ok((p.mean[0], p.std[0]))
    }

    /// Mean and variance (clamped at 0) at row-major points, unchecked. The hot path of
    /// acquisition maximization: one kernel block and one multi-right-hand-side triangular solve
    /// per [`BLOCK`] queries, laid out so the inner loops run over adjacent queries.
    pub(crate) fn predict_flat(&self, points: &[f64]) -> (Vec<f64>, Vec<f64>) {
        let dim = self.dim;
        let total = points.len() / dim;
        let n = self.len();
        let variance = self.kernel.variance();
        let kind = self.kernel.kind();
        let mut mean = Vec::with_capacity(total);
        let mut var = Vec::with_capacity(total);
        let mut cross = Vec::new();
        for block in points.chunks(BLOCK * dim) {
            let m = block.len() / dim;
            let q = self.kernel.scale_inputs(block, dim);
            // cross[i][j] = k(xᵢ, qⱼ): training points down, queries across.
            cross.clear();
            cross.resize(n * m, 0.0);
            for i in 0..n {
                let xi = &self.scaled[i * dim..(i + 1) * dim];
                let row = &mut cross[i * m..(i + 1) * m];
                for (j, out) in row.iter_mut().enumerate() {
                    *out = variance * kind.correlation(sq_dist(xi, &q[j * dim..(j + 1) * dim]));
                }
            }
            let start = mean.len();
            mean.resize(start + m, 0.0);
            for i in 0..n {
                let a = self.alpha[i];
                mean[start..].iter_mut().zip(&cross[i * m..(i + 1) * m]).for_each(|(o, k)| *o += a * k);
            }
            self.chol.solve_lower_many(&mut cross, m);
            let mut v = vec![variance; m];
            for i in 0..n {
                v.iter_mut().zip(&cross[i * m..(i + 1) * m]).for_each(|(o, w)| *o -= w * w);
            }
            // Rounding can push the variance a hair below zero at training points.
            var.extend(v.into_iter().map(|s| if s > 0.0 { s } else { 0.0 }));
        }
        (mean, var)
    }

    /// One draw from the joint posterior at `points` (row-major), for Thompson sampling:
    /// mean + L z with L L ᵀ the posterior covariance (plus jitter, which it always needs: the
    /// covariance is singular wherever queries coincide or sit on training points).
    pub(crate) fn sample_flat(&self, points: &[f64], rng: &mut SeededRng) -> Vec<f64> {
        let dim = self.dim;
        let m = points.len() / dim;
        let n = self.len();
        let variance = self.kernel.variance();
        let kind = self.kernel.kind();
        let q = self.kernel.scale_inputs(points, dim);
        let mut cross = vec![0.0; n * m];
        for i in 0..n {
            let xi = &self.scaled[i * dim..(i + 1) * dim];
            for j in 0..m {
                cross[i * m + j] = variance * kind.correlation(sq_dist(xi, &q[j * dim..(j + 1) * dim]));
            }
        }
        let mut mean = vec![0.0; m];
        for i in 0..n {
            let a = self.alpha[i];
            mean.iter_mut().zip(&cross[i * m..(i + 1) * m]).for_each(|(o, k)| *o += a * k);
        }
        self.chol.solve_lower_many(&mut cross, m);
        // Σ = K** − VᵀV, lower triangle.
        let mut cov = kernel_matrix(kind, variance, &q, dim, 0.0);
        for i in 0..n {
            let row = &cross[i * m..(i + 1) * m];
            for a in 0..m {
                let va = row[a];
                if va == 0.0 {
                    continue;
                }
                let out = &mut cov[a * m..a * m + a + 1];
                out.iter_mut().zip(&row[..=a]).for_each(|(o, vb)| *o -= va * vb);
            }
        }
        let chol = Cholesky::with_jitter_from(&cov, m, 1e-9 * variance);
        let z: Vec<f64> = (0..m).map(|_| rng.normal()).collect();
        let l = chol.factor();
        (0..m).map(|a| mean[a] + l[a * m..a * m + a + 1].iter().zip(&z).map(|(l, z)| l * z).sum::<f64>()).collect()
    }

    /// A joint posterior draw at `points` (at most [`MAX_JOINT_POINTS`]: the draw factors their
    /// covariance, which costs m³/6).
    pub fn sample<P: AsRef<[f64]>>(&self, points: &[P], rng: &mut SeededRng) -> Result<Vec<f64>, SearchError> {
        if points.len() > MAX_JOINT_POINTS {
            return Err(SearchError::OutOfRange { name: "points", detail: "a joint posterior draw takes at most 1024 points" });
        }
        let flat = flatten(points, self.dim)?;
        if flat.iter().any(|v| !v.is_finite()) {
            return Err(SearchError::NotFinite("x_star"));
        }
        Ok(self.sample_flat(&flat, rng))
    }
}

/// Rows into one row-major vector, checking they all have `dim` entries.
fn flatten<P: AsRef<[f64]>>(rows: &[P], dim: usize) -> Result<Vec<f64>, SearchError> {
    let mut flat = Vec::with_capacity(rows.len() * dim);
    for r in rows {
        let r = r.as_ref();
        if r.len() != dim {
            return Err(SearchError::DimensionMismatch { expected: dim, got: r.len() });
        }
        flat.extend_from_slice(r);
    }
    Ok(flat)
}

/// variance · k(xᵢ, xⱼ) + noise·δᵢⱼ for scaled inputs, full symmetric `n × n`.
fn kernel_matrix(kind: KernelKind, variance: f64, scaled: &[f64], dim: usize, noise: f64) -> Vec<f64> {
    let n = scaled.len() / dim;
    let mut k = vec![0.0; n * n];
    for i in 0..n {
        let xi = &scaled[i * dim..(i + 1) * dim];
        for j in 0..i {
            let v = variance * kind.correlation(sq_dist(xi, &scaled[j * dim..(j + 1) * dim]));
            k[i * n + j] = v;
            k[j * n + i] = v;
        }
        k[i * n + i] = variance + noise;
    }
    k
}

/// Kernel hyperparameters of a fitted model.
#[derive(Clone, Debug, PartialEq)]
pub struct Hyperparameters {
    /// One per input dimension (ARD), or a single shared one.
    pub length_scales: Vec<f64>,
    /// Signal variance σ_f².
    pub variance: f64,
    /// Noise variance σ_n².
    pub noise: f64,
}

impl Hyperparameters {
    /// [ln ℓ…, ln σ_f², ln σ_n²]: the coordinates the fit works in.
    pub fn to_log(&self) -> Vec<f64> {
        self.length_scales.iter().map(|l| l.ln()).chain([self.variance.ln(), self.noise.ln()]).collect()
    }

    pub fn from_log(theta: &[f64]) -> Self {
        let p = theta.len() - 2;
        Self { length_scales: theta[..p].iter().map(|t| t.exp()).collect(), variance: theta[p].exp(), noise: theta[p + 1].exp() }
    }

    /// The kernel these hyperparameters describe.
    pub fn kernel(&self, kind: KernelKind) -> Result<Kernel, SearchError> {
        Kernel::new(kind, self.length_scales.clone(), self.variance)
    }
}

/// The log marginal likelihood of `y` at row-major inputs `x` (`dim` columns) under kernel
/// `kind` with log-hyperparameters `theta` = [ln ℓ (one, or one per dimension)…, ln σ_f²,
/// ln σ_n²], and its gradient with respect to `theta`:
///
/// ∂/∂θ log p = ½ tr((ααᵀ − K⁻¹) ∂K/∂θ), α = K⁻¹y, with
/// ∂K/∂ln σ_f² = σ_f² k, ∂K/∂ln σ_n² = σ_n² I and ∂Kᵢⱼ/∂ln ℓ_d = σ_f² · (−2 ∂k/∂r²) · (xᵢ_d − xⱼ_d)²/ℓ_d².
pub fn log_marginal_likelihood(kind: KernelKind, x: &[f64], dim: usize, y: &[f64], theta: &[f64], gradient: Option<&mut [f64]>) -> f64 {
    LmlWorkspace::new(kind, x, dim, y).evaluate(theta, gradient)
}

/// The buffers one log-marginal-likelihood evaluation needs, kept across the many evaluations
/// of a fit (fresh n × n allocations each time cost page faults comparable to the arithmetic).
struct LmlWorkspace<'a> {
    kind: KernelKind,
    x: &'a [f64],
    dim: usize,
    y: &'a [f64],
    scaled: Vec<f64>,
    k: Vec<f64>,
    /// slope[i][j] (i > j) = σ_f² · (−2 ∂k/∂r²), shared by every length-scale derivative.
    slope: Vec<f64>,
    chol: Cholesky,
    alpha: Vec<f64>,
    linv: Vec<f64>,
    kinv: Vec<f64>,
}

impl<'a> LmlWorkspace<'a> {
    fn new(kind: KernelKind, x: &'a [f64], dim: usize, y: &'a [f64]) -> Self {
        Self {
            kind,
            x,
            dim,
            y,
            scaled: Vec::new(),
            k: Vec::new(),
            slope: Vec::new(),
            chol: Cholesky::with_jitter(&[], 0),
            alpha: Vec::new(),
            linv: Vec::new(),
            kinv: Vec::new(),
        }
    }

    fn evaluate(&mut self, theta: &[f64], gradient: Option<&mut [f64]>) -> f64 {
        let (kind, dim, y) = (self.kind, self.dim, self.y);
        let n = y.len();
        let p = theta.len() - 2;
        let (variance, noise) = (theta[p].exp(), theta[p + 1].exp());
        let mut inv_ls = [0.0; 16];
        let inv_ls_vec: Vec<f64>;
        let inv_ls: &[f64] = if dim <= 16 {
            for (d, v) in inv_ls[..dim].iter_mut().enumerate() {
                *v = (-theta[if p == 1 { 0 } else { d }]).exp();
            }
            &inv_ls[..dim]
        } else {
            inv_ls_vec = (0..dim).map(|d| (-theta[if p == 1 { 0 } else { d }]).exp()).collect();
            &inv_ls_vec
        };
        self.scaled.clear();
        self.scaled.extend(self.x.chunks_exact(dim).flat_map(|r| r.iter().zip(inv_ls).map(|(v, s)| v * s)));
        let scaled = &self.scaled;
        self.k.resize(n * n, 0.0);
        self.slope.resize(n * n, 0.0);
        let (k, slope) = (&mut self.k, &mut self.slope);
        for i in 0..n {
            let xi = &scaled[i * dim..(i + 1) * dim];
            for j in 0..i {
                let (c, s) = kind.correlation_and_slope(sq_dist(xi, &scaled[j * dim..(j + 1) * dim]));
                k[i * n + j] = variance * c;
                k[j * n + i] = variance * c;
                slope[i * n + j] = variance * s;
            }
            k[i * n + i] = variance + noise;
        }
        self.chol.refactor(k, n, 0.0);
        self.alpha.clear();
        self.alpha.extend_from_slice(y);
        self.chol.solve_in_place(&mut self.alpha);
        let alpha = &self.alpha;
        let fit: f64 = y.iter().zip(alpha).map(|(a, b)| a * b).sum();
        let lml = -0.5 * fit - 0.5 * self.chol.log_det() - 0.5 * n as f64 * LN_2PI;
        if let Some(grad) = gradient {
            grad.iter_mut().for_each(|g| *g = 0.0);
            self.chol.inverse_lower_into(&mut self.linv, &mut self.kinv);
            let kinv = &self.kinv;
            let mut trace_w = 0.0;
            let mut g_var = 0.0;
            for i in 0..n {
                let wii = alpha[i] * alpha[i] - kinv[i * n + i];
                trace_w += wii;
                g_var += 0.5 * wii * variance;
                let xi = &scaled[i * dim..(i + 1) * dim];
                for j in 0..i {
                    let w = alpha[i] * alpha[j] - kinv[i * n + j];
                    g_var += w * k[i * n + j];
                    let ws = w * slope[i * n + j];
                    let xj = &scaled[j * dim..(j + 1) * dim];
                    if p == 1 {
                        grad[0] += ws * sq_dist(xi, xj);
                    } else {
                        for d in 0..dim {
                            let diff = xi[d] - xj[d];
                            grad[d] += ws * diff * diff;
                        }
                    }
                }
            }
            grad[p] = g_var;
            grad[p + 1] = 0.5 * noise * trace_w;
        }
        lml
    }
}

/// Box of the hyperparameter fit, for unit-cube inputs and standardized outputs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FitBounds {
    pub length_scale: (f64, f64),
    pub variance: (f64, f64),
    pub noise: (f64, f64),
}

impl FitBounds {
    /// Each bound finite and positive, low ≤ high.
    pub fn validate(&self) -> Result<(), SearchError> {
        for (name, (lo, hi)) in [("length_scale bounds", self.length_scale), ("variance bounds", self.variance), ("noise bounds", self.noise)] {
            if !lo.is_finite() || !hi.is_finite() {
                return Err(SearchError::NotFinite(name));
            }
            if !(lo > 0.0 && lo <= hi) {
                return Err(SearchError::OutOfRange { name, detail: "need 0 < low ≤ high" });
            }
        }
        Ok(())
    }
}

impl Default for FitBounds {
    /// Length scales from 1% of the cube to 20× it (an irrelevant dimension drifts to the top);
    /// signal variance from 0.01 to 10⁴ around the standardized 1 (a smooth objective such as
    /// Branin wants a large variance with long length scales: capping it at 100 cost a factor of
    /// ten in final regret); noise variance from 10⁻⁶ (a deterministic objective: small enough
    /// to interpolate to 0.1% of the values' spread, large enough that the kernel matrix never
    /// needs jitter and the likelihood stays smooth for L-BFGS) to 1 (all noise).
    fn default() -> Self {
        Self { length_scale: (0.01, 20.0), variance: (0.01, 1e4), noise: (1e-6, 1.0) }
    }
}

/// How [`fit_hyperparameters`] searches.
#[derive(Clone, Debug, PartialEq)]
pub struct FitSettings {
    pub kind: KernelKind,
    /// One length scale per input dimension (true) or one shared.
    pub ard: bool,
    pub bounds: FitBounds,
    /// Extra starts drawn (log-uniformly, from the seed) on a cold fit.
    pub restarts: usize,
    /// L-BFGS iterations per start on a cold fit.
    pub max_iterations: usize,
    /// L-BFGS iterations from a warm start: it begins next to the optimum, and a fit that is not
    /// polished to the last digit changes the suggestion very little.
    pub warm_iterations: usize,
    /// Stop a start when the log marginal likelihood improves by less than this (relative).
    pub tolerance: f64,
}

impl Default for FitSettings {
    fn default() -> Self {
        Self { kind: KernelKind::Matern52, ard: true, bounds: FitBounds::default(), restarts: 2, max_iterations: 50, warm_iterations: 15, tolerance: 1e-9 }
    }
}

/// The hyperparameters maximizing the log marginal likelihood within the bounds, and that
/// maximum. From `warm` alone when given (the previous fit: one more observation rarely moves the
/// optimum far, and this is what keeps a suggestion within the frame budget); otherwise from a
/// fixed default plus `restarts` seeded random starts, keeping the best.
pub fn fit_hyperparameters(x: &[f64], dim: usize, y: &[f64], settings: &FitSettings, warm: Option<&Hyperparameters>, seed: u64) -> Fit {
    let p = if settings.ard { dim } else { 1 };
    let b = settings.bounds;
    let mut lo = vec![b.length_scale.0.ln(); p];
    let mut hi = vec![b.length_scale.1.ln(); p];
    lo.extend([b.variance.0.ln(), b.noise.0.ln()]);
    hi.extend([b.variance.1.ln(), b.noise.1.ln()]);
    let mut starts: Vec<Vec<f64>> = Vec::new();
    let mut iterations = settings.max_iterations;
    let mut default = vec![0.3f64.ln(); p];
    default.extend([0.0, 1e-4f64.ln()]);
    match warm {
        Some(h) if h.length_scales.len() == p && h.variance > 0.0 && h.noise > 0.0 => {
            starts.push(h.to_log());
            iterations = settings.warm_iterations;
        }
        _ => {
            starts.push(default);
            let mut rng = SeededRng::new(seed);
            for _ in 0..settings.restarts {
                let mut s: Vec<f64> = (0..p).map(|_| (0.05f64.ln()) + rng.uniform() * (2.0f64.ln() - 0.05f64.ln())).collect();
                s.push((0.3f64.ln()) + rng.uniform() * (3.0f64.ln() - 0.3f64.ln()));
                s.push((1e-6f64.ln()) + rng.uniform() * (1e-2f64.ln() - 1e-6f64.ln()));
                starts.push(s);
            }
        }
    }
    let settings_lbfgs = LbfgsSettings { max_iterations: iterations, f_tolerance: settings.tolerance, ..LbfgsSettings::default() };
    let mut best: Option<(Vec<f64>, f64)> = None;
    let mut evaluations = 0;
    let mut workspace = LmlWorkspace::new(settings.kind, x, dim, y);
    for s in &starts {
        let m = maximize_in_box(|t, g| workspace.evaluate(t, Some(g)), s, &lo, &hi, settings_lbfgs);
        evaluations += m.evaluations;
        if m.value.is_finite() && best.as_ref().is_none_or(|(_, v)| m.value > *v) {
            best = Some((m.x, m.value));
        }
    }
    let (theta, value) = best.unwrap_or_else(|| (starts[0].iter().zip(lo.iter().zip(&hi)).map(|(v, (l, h))| v.clamp(*l, *h)).collect(), f64::NEG_INFINITY));
    Fit { hyperparameters: Hyperparameters::from_log(&theta), log_marginal_likelihood: value, evaluations, starts: starts.len() }
}

/// The result of [`fit_hyperparameters`].
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    pub hyperparameters: Hyperparameters,
    /// The log marginal likelihood at the fitted hyperparameters (−∞ if every start failed).
    pub log_marginal_likelihood: f64,
    /// Log-marginal-likelihood evaluations used, over all starts.
    pub evaluations: usize,
    pub starts: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> (Vec<f64>, Vec<f64>) {
        let x: Vec<f64> = (0..12).flat_map(|i| [(i as f64 * 0.37).fract(), (i as f64 * 0.61 + 0.1).fract()]).collect();
        let y: Vec<f64> = x.chunks(2).map(|p| (6.0 * p[0]).sin() + p[1] * p[1] - 0.3).collect();
        (x, y)
    }

    #[test]
    fn interpolates_with_tiny_noise_and_reverts_to_the_prior_far_away() {
        let (x, y) = data();
        let k = Kernel::new(KernelKind::Matern52, vec![0.4, 0.6], 2.0).unwrap();
        let gp = GaussianProcess::from_flat(k, 1e-10, 2, &x, &y).unwrap();
        let rows: Vec<&[f64]> = x.chunks(2).collect();
        let post = gp.predict(&rows).unwrap();
        for (m, t) in post.mean.iter().zip(&y) {
            assert!((m - t).abs() < 1e-5, "{m} vs {t}");
        }
        assert!(post.std.iter().all(|s| *s < 1e-3));
        let (m, s) = gp.predict_one(&[40.0, -30.0]).unwrap();
        assert!(m.abs() < 1e-12 && (s - 2f64.sqrt()).abs() < 1e-12);
        assert!(gp.predict(&[[0.0]]).is_err());
        assert!(gp.predict(&[[f64::NAN, 0.0]]).is_err());
    }

    #[test]
    fn prior_and_validation() {
        let k = Kernel::new(KernelKind::Rbf, vec![1.0], 3.0).unwrap();
        let gp = GaussianProcess::prior(k.clone(), 0.0, 2).unwrap();
        let p = gp.predict(&[[0.0, 1.0], [2.0, 2.0]]).unwrap();
        assert_eq!(p.mean, vec![0.0, 0.0]);
        assert_eq!(p.std, vec![3f64.sqrt(); 2]);
        assert_eq!(gp.log_marginal_likelihood(), 0.0);
        assert_eq!(GaussianProcess::fit::<Vec<f64>>(k.clone(), 0.1, &[], &[]).unwrap_err(), SearchError::NoData);
        assert!(GaussianProcess::fit(k.clone(), 0.1, &[vec![0.0, 1.0], vec![0.0]], &[1.0, 2.0]).is_err());
        assert!(GaussianProcess::fit(k.clone(), 0.1, &[vec![0.0, 1.0]], &[1.0, 2.0]).is_err());
        assert!(GaussianProcess::fit(k.clone(), -0.1, &[vec![0.0, 1.0]], &[1.0]).is_err());
        assert!(GaussianProcess::fit(k.clone(), 0.1, &[vec![0.0, 1.0]], &[f64::NAN]).is_err());
        let ard = Kernel::new(KernelKind::Rbf, vec![1.0, 2.0, 3.0], 1.0).unwrap();
        assert!(GaussianProcess::fit(ard, 0.1, &[vec![0.0, 1.0]], &[1.0]).is_err());
    }

    #[test]
    fn duplicate_inputs_without_noise_get_jitter_and_stay_finite() {
        let x = vec![0.3, 0.3, 0.3 + 1e-12, 0.7];
        let y = vec![1.0, 1.1, 1.05, -0.5];
        let k = Kernel::new(KernelKind::Rbf, vec![0.2], 1.0).unwrap();
        let gp = GaussianProcess::from_flat(k, 0.0, 1, &x, &y).unwrap();
        assert!(gp.jitter() > 0.0 && gp.jitter() < 1e-3, "{}", gp.jitter());
        let q: Vec<[f64; 1]> = (0..50).map(|i| [i as f64 / 49.0]).collect();
        let p = gp.predict(&q).unwrap();
        assert!(p.mean.iter().chain(&p.std).all(|v| v.is_finite()));
        assert!(gp.log_marginal_likelihood().is_finite());
        // Between the duplicates' values, and below the unexplained spread.
        let (m, _) = gp.predict_one(&[0.3]).unwrap();
        assert!(m > 0.95 && m < 1.15, "{m}");
    }

    #[test]
    fn lml_matches_the_fitted_model_and_its_gradient_matches_finite_differences() {
        let (x, y) = data();
        for kind in [KernelKind::Rbf, KernelKind::Matern52] {
            for theta in [vec![0.3f64.ln(), 0.8f64.ln(), 0.5, 1e-3f64.ln()], vec![0.5f64.ln(), -0.2, 1e-2f64.ln()]] {
                let h = Hyperparameters::from_log(&theta);
                let gp = GaussianProcess::from_flat(h.kernel(kind).unwrap(), h.noise, 2, &x, &y).unwrap();
                let mut g = vec![0.0; theta.len()];
                let lml = log_marginal_likelihood(kind, &x, 2, &y, &theta, Some(&mut g));
                assert!((lml - gp.log_marginal_likelihood()).abs() < 1e-10 * lml.abs().max(1.0));
                for i in 0..theta.len() {
                    let step = 1e-5;
                    let mut tp = theta.clone();
                    tp[i] += step;
                    let mut tm = theta.clone();
                    tm[i] -= step;
                    let fd = (log_marginal_likelihood(kind, &x, 2, &y, &tp, None) - log_marginal_likelihood(kind, &x, 2, &y, &tm, None)) / (2.0 * step);
                    assert!((g[i] - fd).abs() < 1e-6 * fd.abs().max(1.0), "{kind:?} θ{i}: analytic {} vs numeric {fd}", g[i]);
                }
            }
        }
    }

    #[test]
    fn fit_recovers_a_sensible_model_and_warm_start_agrees() {
        let (x, y) = data();
        let settings = FitSettings::default();
        let fit = fit_hyperparameters(&x, 2, &y, &settings, None, 3);
        let (h, lml) = (fit.hyperparameters.clone(), fit.log_marginal_likelihood);
        assert_eq!(fit.starts, 3);
        let start = log_marginal_likelihood(settings.kind, &x, 2, &y, &[0.3f64.ln(), 0.3f64.ln(), 0.0, 1e-4f64.ln()], None);
        assert!(lml >= start, "{lml} < {start}");
        assert!(h.length_scales.iter().all(|l| (0.01..=20.0).contains(l)));
        assert!(h.noise <= 1e-2, "noise-free data: {h:?}");
        let warm = fit_hyperparameters(&x, 2, &y, &settings, Some(&h), 3);
        let (h2, lml2) = (warm.hyperparameters, warm.log_marginal_likelihood);
        assert!(warm.evaluations < fit.evaluations, "{} vs {}", warm.evaluations, fit.evaluations);
        assert!((lml2 - lml).abs() < 1e-6 * lml.abs().max(1.0), "{lml2} vs {lml}");
        assert!(h2.length_scales.iter().zip(&h.length_scales).all(|(a, b)| (a / b - 1.0).abs() < 1e-2));
        // Same seed, same fit.
        assert_eq!(fit_hyperparameters(&x, 2, &y, &settings, None, 3).hyperparameters, h);
    }

    #[test]
    fn thompson_draws_follow_the_posterior() {
        let (x, y) = data();
        let k = Kernel::new(KernelKind::Matern52, vec![0.3], 1.0).unwrap();
        let gp = GaussianProcess::from_flat(k, 1e-6, 2, &x, &y).unwrap();
        let q = [0.2, 0.9, 0.95, 0.05, x[0], x[1]];
        let post = gp.predict(&[[0.2, 0.9], [0.95, 0.05], [x[0], x[1]]]).unwrap();
        let mut rng = SeededRng::new(5);
        let draws: Vec<Vec<f64>> = (0..4000).map(|_| gp.sample_flat(&q, &mut rng)).collect();
        for j in 0..3 {
            let mean = draws.iter().map(|d| d[j]).sum::<f64>() / draws.len() as f64;
            let sd = (draws.iter().map(|d| (d[j] - mean).powi(2)).sum::<f64>() / draws.len() as f64).sqrt();
            assert!((mean - post.mean[j]).abs() < 0.1 * post.std[j].max(1e-3) + 1e-3, "{j}: {mean} vs {}", post.mean[j]);
            assert!((sd - post.std[j]).abs() < 0.1 * post.std[j] + 1e-4, "{j}: {sd} vs {}", post.std[j]);
        }
    }
}
