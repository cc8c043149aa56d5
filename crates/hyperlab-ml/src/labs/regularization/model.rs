//! The lab's model: the refit its charts draw, and a diagnosis against the known truth.

use super::settings::{Penalty, Settings};
use crate::datasets::curve::Truth;
use crate::labs::regularization::refit::{refit_all, Refit, RefitError};

/// A fit is good when its mean squared distance from the truth is at most this share of the
/// noise variance σ²: its expected error on new points is then within 1.5 σ², near the floor
/// no model can beat on average.
pub const GOOD_FIT_SHARE_OF_NOISE: f64 = 0.5;
/// …but never more than this share of the truth's own variance: with heavy noise a flat line
/// predicts nearly as well as anything, yet it has not found the shape.
pub const GOOD_FIT_SHARE_OF_TRUTH: f64 = 0.5;
/// …and at least this (an RMS distance of 0.1 on truths that span [-1, 1]): with little or no
/// noise, a curve this close looks like the truth.
pub const GOOD_FIT_FLOOR: f64 = 0.01;

/// What the lab says about the fit, judged against the known truth rather than guessed from
/// scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Close to the truth.
    GoodFit,
    /// Far from the truth because of bias: the same settings miss it even on noise-free points.
    Underfit,
    /// Far from the truth because of variance: on noise-free points the same settings would
    /// follow it; the noise pulls the fit away.
    Overfit,
    /// Far from the truth for both reasons.
    BiasAndVariance,
}

/// Distances (mean squared, over a dense grid on [-1, 1]) that decide the verdict.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Diagnosis {
    /// σ²: the error no model can get below on average.
    pub noise_variance: f64,
    /// Fitted curve vs truth: the model's excess error on new points, on average over x.
    pub distance: f64,
    /// The same settings fitted to noise-free points (same x) vs truth: an estimate of the
    /// squared bias (for Lasso and elastic net not exactly ‖E[f̂] − f‖², which averages over
    /// training sets). Shown as "bias² estimate".
    pub bias: f64,
    /// Fitted curve vs that noise-free fit: what this one sample's noise did to the fit (not an
    /// expectation over training sets). Shown as "this sample's noise effect". `bias` and
    /// `variance` need not add up to `distance` (their cross term is not zero).
    pub variance: f64,
    /// The largest `distance` still called a good fit: half of σ², capped at half the truth's
    /// variance, never below [`GOOD_FIT_FLOOR`].
    pub tolerance: f64,
    pub verdict: Verdict,
}

impl Diagnosis {
    pub fn of(noise: f64, refit: &Refit) -> Self {
        let noise_variance = noise * noise;
        let distance = mean_squared_gap(&refit.curve_fit, &refit.curve_truth);
        let bias = mean_squared_gap(&refit.curve_noise_free, &refit.curve_truth);
        let variance = mean_squared_gap(&refit.curve_fit, &refit.curve_noise_free);
        let truth_variance = self::variance(&refit.curve_truth);
        let tolerance = (GOOD_FIT_SHARE_OF_NOISE * noise_variance).min(GOOD_FIT_SHARE_OF_TRUTH * truth_variance).max(GOOD_FIT_FLOOR);
        let verdict = judge(distance, bias, variance, tolerance);
        Self { noise_variance, distance, bias, variance, tolerance, verdict }
    }
}

/// The verdict from the three distances: close enough is a good fit; otherwise both parts above
/// the tolerance is "both", and else the verdict names the part that is larger (a fit can miss
/// the tolerance while neither part alone does, and must not then be blamed on the smaller one).
pub fn judge(distance: f64, bias: f64, variance: f64, tolerance: f64) -> Verdict {
    // Not finite means a fit that blew up: far from the truth, and not from bias.
    if distance.is_finite() && distance <= tolerance {
        Verdict::GoodFit
    } else if bias.is_nan() {
        Verdict::Overfit
    } else if bias > tolerance && variance > tolerance {
        Verdict::BiasAndVariance
    } else if variance.is_nan() || variance >= bias {
        Verdict::Overfit
    } else {
        Verdict::Underfit
    }
}

/// Variance of the values about their mean.
pub fn variance(values: &[f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / values.len() as f64
}

/// Mean of (a − b)² (infinite when any term is not finite).
pub fn mean_squared_gap(a: &[f64], b: &[f64]) -> f64 {
    if a.is_empty() {
        return 0.0;
    }
    let sum: f64 = a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum();
    if sum.is_finite() { sum / a.len() as f64 } else { f64::INFINITY }
}

/// Everything the lab's views draw after a change: the refit and its diagnosis.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub settings: Settings,
    pub refit: Refit,
    pub diagnosis: Diagnosis,
}

impl Model {
    /// Regenerates the data and refits everything (one pass: the lab has no animation).
    pub fn new(settings: Settings) -> Result<Self, RefitError> {
        let refit = refit_all(&settings.refit_settings())?;
        let diagnosis = Diagnosis::of(settings.noise, &refit);
        Ok(Self { settings, refit, diagnosis })
    }

    /// What the challenges judge.
    pub fn snapshot(&self) -> Snapshot {
        let r = &self.refit;
        let s = &self.settings;
        Snapshot {
            truth: s.truth,
            noise: s.noise,
            seed: s.seed,
            n_points: s.n_points,
            degree: s.degree,
            lambda: s.lambda,
            l1_ratio: s.l1_ratio,
            penalty: s.penalty(),
            nonzero: r.fit.coef.len() - r.zero_count,
            train_mse: r.train_mse,
            validation_mse: r.validation_mse,
            reference_validation_mse: r.reference_validation_mse,
            max_abs_coef: r.fit.coef.iter().fold(0.0f64, |m, c| m.max(c.abs())),
            alpha_max: r.alpha_max,
            verdict: self.diagnosis.verdict,
        }
    }
}

/// The live state the lab's challenges check.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub truth: Truth,
    pub noise: f64,
    pub seed: u64,
    pub n_points: usize,
    pub degree: usize,
    pub lambda: f64,
    pub l1_ratio: f64,
    pub penalty: Penalty,
    pub nonzero: usize,
    pub train_mse: f64,
    pub validation_mse: f64,
    /// The degree-3 model's best validation error on the same split (fixed: it ignores λ).
    pub reference_validation_mse: f64,
    pub max_abs_coef: f64,
    /// The smallest λ at which every coefficient is exactly zero at this ρ (infinite for Ridge).
    pub alpha_max: f64,
    pub verdict: Verdict,
}

seeded_by!(Snapshot, seed);

/// Builds the model from a query exactly as the page does (parse, clamp, refit) and returns what
/// the challenges check; `None` if the refit fails.
pub fn run_query(query: &str) -> Option<Snapshot> {
    let (settings, _) = Settings::from_query(query);
    Model::new(settings).ok().map(|m| m.snapshot())
}
