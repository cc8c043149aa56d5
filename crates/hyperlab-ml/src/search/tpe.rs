//! The Tree-structured Parzen Estimator (TPE) as Optuna 5.1's `TPESampler` computes it with its
//! default parameters, minimizing.
//!
//! After `n_startup_trials` random trials, the finished trials are split by value: the best
//! γ(n) form the "good" group l, the rest (and, with the constant liar, the trials still
//! running) the "bad" group g. Each group becomes a Parzen estimator: a mixture with one
//! truncated Gaussian kernel per trial (its bandwidth the larger gap to the neighbouring
//! trials, the bounds counting as neighbours, clipped below by the "magic clip" range / min(100,
//! 1 + kernels) and above by the range) plus one prior kernel at the centre with σ = range, all
//! on the log axis for log-scale knobs. `n_ei_candidates` points are drawn from l and the one
//! with the largest log l(x) − log g(x) is the next trial. Multivariate (one product kernel per
//! trial, Optuna 5's default for one objective) or univariate (each knob on its own).
//!
//! [`ParzenEstimator::log_pdf`] equals Optuna's `_ParzenEstimator.log_pdf` to 1e-9 relative
//! (fixtures in `tests/reference/tpe_fixtures.json`); the random draws are our own stream, so a
//! whole study matches Optuna in distribution, not trial for trial.

use crate::rng::derive_seed;
use crate::linalg::erfc;
use super::space::{Dimension, Space};
use super::strategy::random_point;
use super::{Observation, SearchError};
use crate::schema::Scale;
use crate::rng::SeededRng;

/// How many of n finished trials form the good group l.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GammaRule {
    /// Optuna's `default_gamma`: min(⌈0.1 n⌉, 25).
    Optuna,
    /// Hyperopt's rule (Optuna's `hyperopt_default_gamma`): min(⌈0.25 √n⌉, 25).
    Hyperopt,
}

impl GammaRule {
    pub fn n_below(self, n: usize) -> usize {
        let v = match self {
            GammaRule::Optuna => (0.1 * n as f64).ceil(),
            GammaRule::Hyperopt => (0.25 * (n as f64).sqrt()).ceil(),
        };
        (v as usize).min(25)
    }
}

/// Optuna's `default_weights(n)`: 1 for each of up to 25 trials; beyond 25 the oldest n − 25
/// ramp linearly from 1/n up to 1 (older trials count less), the newest 25 weigh 1. Trials are
/// in the order they were run.
pub fn default_weights(n: usize) -> Vec<f64> {
    if n < 25 {
        return vec![1.0; n];
    }
    let m = n - 25;
    let mut w: Vec<f64> = match m {
        0 => Vec::new(),
        1 => vec![1.0 / n as f64],
        _ => (0..m).map(|i| 1.0 / n as f64 + (1.0 - 1.0 / n as f64) * i as f64 / (m - 1) as f64).collect(),
    };
    w.extend(std::iter::repeat_n(1.0, 25));
    w
}

/// What pending (asked, not yet told) trials count as when a batch is proposed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Liar {
    /// The worst value so far (for TPE: the trial joins the bad group, as Optuna's
    /// `constant_liar=True` does).
    Worst,
    /// The mean of the values so far.
    Mean,
}

/// TPE's settings (Optuna's defaults by [`Default`]).
#[derive(Clone, Debug, PartialEq)]
pub struct TpeConfig {
    pub n_startup_trials: usize,
    pub n_ei_candidates: usize,
    pub gamma: GammaRule,
    pub multivariate: bool,
    pub prior_weight: f64,
    pub magic_clip: bool,
    pub endpoints: bool,
}

impl Default for TpeConfig {
    fn default() -> Self {
        Self { n_startup_trials: 10, n_ei_candidates: 24, gamma: GammaRule::Optuna, multivariate: true, prior_weight: 1.0, magic_clip: true, endpoints: false }
    }
}

const LN_SQRT_2PI: f64 = 0.918_938_533_204_672_8;

/// Φ(a), as Optuna's `_ndtr_single`.
fn ndtr(a: f64) -> f64 {
    let x = a * std::f64::consts::FRAC_1_SQRT_2;
    if x < -std::f64::consts::FRAC_1_SQRT_2 {
        0.5 * erfc(-x)
    } else if x < std::f64::consts::FRAC_1_SQRT_2 {
        0.5 + 0.5 * crate::linalg::erf(x)
    } else {
        1.0 - 0.5 * erfc(x)
    }
}

/// log Φ(a), as Optuna's `_log_ndtr_single` (an asymptotic series far in the lower tail).
fn log_ndtr(a: f64) -> f64 {
    if a > 6.0 {
        return -ndtr(-a);
    }
    if a > -20.0 {
        return ndtr(a).ln();
    }
    let log_lhs = -0.5 * a * a - (-a).ln() - LN_SQRT_2PI;
    let (mut last, mut rhs, mut numerator, mut denom, mut sign) = (0.0f64, 1.0f64, 1.0f64, 1.0f64, 1.0f64);
    let denom_cons = 1.0 / (a * a);
    let mut i = 0.0;
    while (last - rhs).abs() > f64::EPSILON && i < 200.0 {
        i += 1.0;
        last = rhs;
        sign = -sign;
        denom *= denom_cons;
        numerator *= 2.0 * i - 1.0;
        rhs += sign * numerator * denom;
    }
    log_lhs + rhs.ln()
}

fn log_diff(log_p: f64, log_q: f64) -> f64 {
    log_p + (-(log_q - log_p).exp()).ln_1p()
}

/// log of the standard normal mass in [a, b] (Optuna's `_log_gauss_mass`).
pub fn log_gauss_mass(a: f64, b: f64) -> f64 {
    if b <= 0.0 {
        log_diff(log_ndtr(b), log_ndtr(a))
    } else if a > 0.0 {
        log_diff(log_ndtr(-a), log_ndtr(-b))
    } else {
        (-ndtr(a) - ndtr(-b)).ln_1p()
    }
}

/// One knob's kernels (one per trial, then the prior), on the knob's internal axis.
#[derive(Clone, Debug, PartialEq)]
pub enum Kernels {
    /// Truncated Gaussians on the (log) axis; `step` 1 for whole numbers (the density is then the
    /// mass of [x − ½, x + ½]), 0 for a continuous knob. `low`/`high` are the adapted bounds
    /// (widened by half a step, on the log axis where the knob is logarithmic).
    Numeric { mu: Vec<f64>, sigma: Vec<f64>, low: f64, high: f64, log: bool, step: f64, value_low: f64, value_high: f64, log_norm: Vec<f64> },
    /// Per kernel, the probability of each choice.
    Categorical { weights: Vec<Vec<f64>> },
}

/// A Parzen estimator over a space: mixture weights and, per knob, the kernels.
#[derive(Clone, Debug, PartialEq)]
pub struct ParzenEstimator {
    pub weights: Vec<f64>,
    pub dims: Vec<Kernels>,
}

impl ParzenEstimator {
    /// The estimator Optuna builds from `points` (natural units, in the order they were run)
    /// with default weights.
    pub fn new(space: &Space, points: &[Vec<f64>], config: &TpeConfig) -> Self {
        let n = points.len();
        let mut weights = if n == 0 { vec![1.0] } else { default_weights(n) };
        if n > 0 {
            weights.push(config.prior_weight);
        }
        let total: f64 = weights.iter().sum();
        weights.iter_mut().for_each(|w| *w /= total);
        let dims = space.dims().iter().enumerate().map(|(i, d)| Self::kernels(d, &points.iter().map(|p| p[i]).collect::<Vec<_>>(), config)).collect();
        Self { weights, dims }
    }

    fn kernels(dim: &Dimension, obs: &[f64], config: &TpeConfig) -> Kernels {
        if let Dimension::Categorical { choices, .. } = dim {
            let c = choices.len();
            if obs.is_empty() {
                return Kernels::Categorical { weights: vec![vec![1.0 / c as f64; c]] };
            }
            let k = obs.len() + 1;
            let mut weights = vec![vec![config.prior_weight / k as f64; c]; k];
            for (row, &o) in weights.iter_mut().zip(obs) {
                row[(o.max(0.0) as usize).min(c - 1)] += 1.0;
            }
            for row in &mut weights {
                let s: f64 = row.iter().sum();
                if s > 0.0 {
                    row.iter_mut().for_each(|w| *w /= s);
                }
            }
            return Kernels::Categorical { weights };
        }
        let (value_low, value_high, step) = match dim {
            Dimension::Integer { low, high, .. } => (*low as f64, *high as f64, 1.0),
            Dimension::Continuous { low, high, .. } => (*low, *high, 0.0),
            Dimension::Categorical { .. } => unreachable!(),
        };
        let log = dim.scale() == Scale::Log;
        let t = |v: f64| if log { v.ln() } else { v };
        let (low, high) = (t(value_low - step / 2.0), t(value_high + step / 2.0));
        let mut mu: Vec<f64> = obs.iter().map(|&v| t(v)).collect();
        let n = mu.len();
        let mut order: Vec<usize> = (0..n).collect();
        crate::sorting::sort_indices_by(&mut order, &|a, b| mu[a].total_cmp(&mu[b]));
        let mut ends = Vec::with_capacity(n + 2);
        ends.push(low);
        ends.extend(order.iter().map(|&i| mu[i]));
        ends.push(high);
        let mut sorted_sigma: Vec<f64> = (1..=n).map(|j| (ends[j] - ends[j - 1]).max(ends[j + 1] - ends[j])).collect();
        if !config.endpoints && ends.len() >= 4 {
            sorted_sigma[0] = ends[2] - ends[1];
            sorted_sigma[n - 1] = ends[n] - ends[n - 1];
        }
        let max_sigma = high - low;
        let min_sigma = if config.magic_clip { (high - low) / 100.0f64.min(1.0 + (n + 1) as f64) } else { 1e-12 };
        let mut sigma = vec![0.0; n];
        for (j, &i) in order.iter().enumerate() {
            sigma[i] = sorted_sigma[j].clamp(min_sigma, max_sigma);
        }
        mu.push(0.5 * (low + high));
        sigma.push(high - low);
        // Each kernel's mass inside the bounds, computed once (every density evaluation needs it).
        let log_norm = mu.iter().zip(&sigma).map(|(m, s)| log_gauss_mass((low - m) / s, (high - m) / s)).collect();
        Kernels::Numeric { mu, sigma, low, high, log, step, value_low, value_high, log_norm }
    }

    /// log of the estimator's density at `x` (natural units; a probability mass for whole
    /// numbers and choices, as Optuna).
    pub fn log_pdf(&self, x: &[f64]) -> f64 {
        let mut terms: Vec<f64> = self.weights.iter().map(|w| w.ln()).collect();
        for (d, &v) in self.dims.iter().zip(x) {
            match d {
                Kernels::Categorical { weights } => {
                    let c = (v.max(0.0) as usize).min(weights[0].len() - 1);
                    for (t, row) in terms.iter_mut().zip(weights) {
                        *t += row[c].ln();
                    }
                }
                Kernels::Numeric { mu, sigma, low, high, log, step, log_norm, .. } => {
                    let t = |v: f64| if *log { v.ln() } else { v };
                    for (((term, &m), &s), &norm) in terms.iter_mut().zip(mu).zip(sigma).zip(log_norm) {
                        if *step > 0.0 {
                            let (l, r) = (t(v - step / 2.0), t(v + step / 2.0));
                            *term += log_gauss_mass((l - m) / s, (r - m) / s) - norm;
                        } else {
                            let xv = t(v);
                            if xv < *low || xv > *high {
                                *term = f64::NEG_INFINITY;
                            } else {
                                let z = (xv - m) / s;
                                *term += -0.5 * z * z - LN_SQRT_2PI - norm - s.ln();
                            }
                        }
                    }
                }
            }
        }
        let max = terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let max = if max == f64::NEG_INFINITY { 0.0 } else { max };
        terms.iter().map(|t| (t - max).exp()).sum::<f64>().ln() + max
    }

    /// `n` draws (natural units): a kernel by weight, then each knob from that kernel.
    pub fn sample(&self, rng: &mut SeededRng, n: usize) -> Vec<Vec<f64>> {
        (0..n)
            .map(|_| {
                let u = rng.uniform();
                let mut acc = 0.0;
                let mut k = self.weights.len() - 1;
                for (i, w) in self.weights.iter().enumerate() {
                    acc += w;
                    if u < acc {
                        k = i;
                        break;
                    }
                }
                self.dims.iter().map(|d| sample_kernel(d, k, rng)).collect()
            })
            .collect()
    }
}

fn sample_kernel(d: &Kernels, k: usize, rng: &mut SeededRng) -> f64 {
    match d {
        Kernels::Categorical { weights } => {
            let row = &weights[k.min(weights.len() - 1)];
            let u = rng.uniform();
            let mut acc = 0.0;
            for (i, w) in row.iter().enumerate() {
                acc += w;
                if u < acc {
                    return i as f64;
                }
            }
            (row.len() - 1) as f64
        }
        Kernels::Numeric { mu, sigma, low, high, log, step, value_low, value_high, .. } => {
            let (m, s) = (mu[k.min(mu.len() - 1)], sigma[k.min(sigma.len() - 1)]);
            // Rejection from the untruncated kernel: its centre lies in [low, high] and σ ≤ the
            // range, so at least a third of the draws are accepted.
            let mut x = m.clamp(*low, *high);
            for _ in 0..200 {
                let c = m + s * rng.normal();
                if (*low..=*high).contains(&c) {
                    x = c;
                    break;
                }
            }
            let v = if *log { x.exp() } else { x };
            if *step > 0.0 {
                (value_low + ((v - value_low) / step).round() * step).clamp(*value_low, *value_high)
            } else {
                v.clamp(*value_low, *value_high)
            }
        }
    }
}

/// One TPE proposal with everything the 1-D view draws.
#[derive(Clone, Debug)]
pub struct TpeSuggestion {
    pub point: Vec<f64>,
    /// Whether the point came from the random start.
    pub startup: bool,
    /// Indices (into the finished observations) of the good and bad groups.
    pub below: Vec<usize>,
    pub above: Vec<usize>,
    /// The candidates drawn from l and their log l − log g (empty during the random start;
    /// the multivariate ones).
    pub candidates: Vec<Vec<f64>>,
    pub scores: Vec<f64>,
    pub l: Option<ParzenEstimator>,
    pub g: Option<ParzenEstimator>,
}

/// The next TPE trial given the finished `observations` (in the order they were run) and the
/// `pending` points asked but not told (`liar` decides what they count as). Deterministic for
/// the same input and seed. Non-finite values are failed trials and are ignored (as Optuna
/// ignores failed trials).
pub fn suggest_tpe(space: &Space, observations: &[Observation], pending: &[Vec<f64>], config: &TpeConfig, seed: u64, liar: Liar) -> Result<TpeSuggestion, SearchError> {
    for o in observations {
        space.check(&o.point)?;
    }
    for p in pending {
        space.check(p)?;
    }
    if config.n_ei_candidates == 0 {
        return Err(SearchError::OutOfRange { name: "n_ei_candidates", detail: "must be at least 1" });
    }
    let index = observations.len() + pending.len();
    let finished: Vec<usize> = (0..observations.len()).filter(|&i| observations[i].value.is_finite()).collect();
    let n = finished.len();
    if n < config.n_startup_trials.max(1) {
        let point = random_point(space, seed, index);
        return Ok(TpeSuggestion { point, startup: true, below: Vec::new(), above: Vec::new(), candidates: Vec::new(), scores: Vec::new(), l: None, g: None });
    }
    // Trials with their values; pending ones under the mean liar become finished trials.
    let mut trials: Vec<(Vec<f64>, f64)> = finished.iter().map(|&i| (observations[i].point.clone(), observations[i].value)).collect();
    let mut above_extra: Vec<Vec<f64>> = Vec::new();
    match liar {
        Liar::Worst => above_extra.extend(pending.iter().cloned()),
        Liar::Mean => {
            let mean = trials.iter().map(|t| t.1).sum::<f64>() / n as f64;
            trials.extend(pending.iter().map(|p| (p.clone(), mean)));
        }
    }
    let n_below = config.gamma.n_below(n).min(trials.len());
    let mut order: Vec<usize> = (0..trials.len()).collect();
    crate::sorting::sort_indices_by(&mut order, &|a, b| trials[a].1.total_cmp(&trials[b].1).then(a.cmp(&b)));
    let mut below: Vec<usize> = order[..n_below].to_vec();
    let mut above: Vec<usize> = order[n_below..].to_vec();
    crate::sorting::sort_indices(&mut below);
    crate::sorting::sort_indices(&mut above);
    let below_points: Vec<Vec<f64>> = below.iter().map(|&i| trials[i].0.clone()).collect();
    let mut above_points: Vec<Vec<f64>> = above.iter().map(|&i| trials[i].0.clone()).collect();
    above_points.extend(above_extra);
    let mut rng = SeededRng::new(derive_seed(derive_seed(seed, index as u64), 0x7e5));
    let (point, candidates, scores, l, g) = if config.multivariate {
        let l = ParzenEstimator::new(space, &below_points, config);
        let g = ParzenEstimator::new(space, &above_points, config);
        let candidates = l.sample(&mut rng, config.n_ei_candidates);
        let scores: Vec<f64> = candidates.iter().map(|c| l.log_pdf(c) - g.log_pdf(c)).collect();
        let best = argmax(&scores);
        (candidates[best].clone(), candidates, scores, Some(l), Some(g))
    } else {
        let mut point = Vec::with_capacity(space.len());
        for (i, d) in space.dims().iter().enumerate() {
            let sub = Space::new(vec![d.clone()])?;
            let pick = |pts: &[Vec<f64>]| pts.iter().map(|p| vec![p[i]]).collect::<Vec<_>>();
            let l = ParzenEstimator::new(&sub, &pick(&below_points), config);
            let g = ParzenEstimator::new(&sub, &pick(&above_points), config);
            let cands = l.sample(&mut rng, config.n_ei_candidates);
            let scores: Vec<f64> = cands.iter().map(|c| l.log_pdf(c) - g.log_pdf(c)).collect();
            point.push(cands[argmax(&scores)][0]);
        }
        (point, Vec::new(), Vec::new(), None, None)
    };
    // Indices refer to finished observations (the mean liar's pending trials are left out).
    let to_obs = |v: Vec<usize>| v.into_iter().filter(|&i| i < n).map(|i| finished[i]).collect();
    Ok(TpeSuggestion { point, startup: false, below: to_obs(below), above: to_obs(above), candidates, scores, l, g })
}

/// Index of the largest score (the first on ties; NaN never wins).
fn argmax(scores: &[f64]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] || scores[best].is_nan() {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gamma_rules_follow_the_libraries() {
        assert_eq!(GammaRule::Optuna.n_below(10), 1);
        assert_eq!(GammaRule::Optuna.n_below(11), 2);
        assert_eq!(GammaRule::Optuna.n_below(30), 3);
        assert_eq!(GammaRule::Optuna.n_below(1000), 25);
        assert_eq!(GammaRule::Hyperopt.n_below(16), 1);
        assert_eq!(GammaRule::Hyperopt.n_below(17), 2);
        assert_eq!(GammaRule::Hyperopt.n_below(100), 3);
        assert_eq!(GammaRule::Hyperopt.n_below(1_000_000), 25);
        assert_eq!(GammaRule::Optuna.n_below(0), 0);
    }

    #[test]
    fn weights_ramp_the_oldest_beyond_25() {
        assert_eq!(default_weights(0), Vec::<f64>::new());
        assert_eq!(default_weights(24), vec![1.0; 24]);
        assert_eq!(default_weights(25), vec![1.0; 25]);
        assert_eq!(default_weights(26), [vec![1.0 / 26.0], vec![1.0; 25]].concat());
        let w = default_weights(30);
        assert!((w[0] - 1.0 / 30.0).abs() < 1e-15 && (w[4] - 1.0).abs() < 1e-15 && w.len() == 30);
    }

    #[test]
    fn log_gauss_mass_is_a_log_probability() {
        assert!((log_gauss_mass(f64::NEG_INFINITY, 0.0) - 0.5f64.ln()).abs() < 1e-15);
        assert!((log_gauss_mass(-1.0, 1.0) - 0.682_689_492_137_085_9f64.ln()).abs() < 1e-13);
        assert!(log_gauss_mass(30.0, 31.0).is_finite() && log_gauss_mass(-31.0, -30.0).is_finite());
    }
}
