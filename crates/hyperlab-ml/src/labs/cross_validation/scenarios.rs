//! The models and experiments the cross-validation lab runs: polynomial ridge regression on 1-D
//! data with a known truth (so the true generalization error is computable), the k-comparison
//! experiment, and two leakage demonstrations.

use crate::model_selection::{CvExperiment, CvExperimentConfig, Folds, Split, Splitter};
use crate::datasets::curve::{true_function, DataParams, Dataset, Truth};
use crate::linear_model::{LinearFit, LinearParams};
use crate::log_space;
use crate::datasets::poly::{polynomial_features, Standardizer};
use crate::rng::SeededRng;
use ndarray::{Array1, ArrayView1};

/// Polynomial ridge regression on one input.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PolyRidge {
    pub degree: usize,
    pub alpha: f64,
    pub standardize: bool,
}

/// A fitted [`PolyRidge`].
#[derive(Clone, Debug, PartialEq)]
pub struct FittedPolyRidge {
    degree: usize,
    scaler: Option<Standardizer>,
    fit: LinearFit,
}

/// The values of `v` at `indices`.
pub fn subset(v: ArrayView1<f64>, indices: &[usize]) -> Array1<f64> {
    indices.iter().map(|&i| v[i]).collect()
}

impl PolyRidge {
    /// Fits on (x, y), the scaler (if any) learned from these points only. `None` when the fit
    /// is impossible (too few or non-finite points).
    pub fn fit(&self, x: ArrayView1<f64>, y: ArrayView1<f64>) -> Option<FittedPolyRidge> {
        let features = polynomial_features(x, self.degree).ok()?;
        let scaler = if self.standardize { Some(Standardizer::fit(features.view()).ok()?) } else { None };
        self.fit_scaled(features, y, scaler)
    }

    /// Fits with a scaler learned elsewhere — on all the data, in the leakage demo.
    pub fn fit_with_scaler(&self, x: ArrayView1<f64>, y: ArrayView1<f64>, scaler: Option<Standardizer>) -> Option<FittedPolyRidge> {
        self.fit_scaled(polynomial_features(x, self.degree).ok()?, y, scaler)
    }

    fn fit_scaled(&self, mut features: ndarray::Array2<f64>, y: ArrayView1<f64>, scaler: Option<Standardizer>) -> Option<FittedPolyRidge> {
        if let Some(s) = &scaler {
            s.transform_in_place(features.view_mut()).ok()?;
        }
        let fit = LinearParams::ridge(self.alpha).validate().ok()?.fit(features.view(), y).ok()?;
        Some(FittedPolyRidge { degree: self.degree, scaler, fit })
    }

    /// A scaler for this model's features, learned from `x`.
    pub fn scaler_for(&self, x: ArrayView1<f64>) -> Option<Standardizer> {
        Standardizer::fit(polynomial_features(x, self.degree).ok()?.view()).ok()
    }

    /// Fits on the split's training points and returns the mean squared error on its test points
    /// (infinite if the fit failed, so a failure never looks good).
    pub fn cv_score(&self, data: &Dataset, split: &Split) -> f64 {
        let (xt, yt) = (subset(data.x.view(), &split.train), subset(data.y.view(), &split.train));
        match self.fit(xt.view(), yt.view()) {
            Some(m) => m.mse(subset(data.x.view(), &split.test).view(), subset(data.y.view(), &split.test).view()),
            None => f64::INFINITY,
        }
    }
}

impl FittedPolyRidge {
    pub fn predict(&self, x: ArrayView1<f64>) -> Array1<f64> {
        let Ok(mut features) = polynomial_features(x, self.degree) else { return Array1::from_elem(x.len(), f64::NAN) };
        if let Some(s) = &self.scaler {
            if s.transform_in_place(features.view_mut()).is_err() {
                return Array1::from_elem(x.len(), f64::NAN);
            }
        }
        self.fit.predict(features.view()).unwrap_or_else(|_| Array1::from_elem(x.len(), f64::NAN))
    }

    pub fn mse(&self, x: ArrayView1<f64>, y: ArrayView1<f64>) -> f64 {
        if x.is_empty() {
            return f64::NAN;
        }
        let p = self.predict(x);
        p.iter().zip(y).map(|(a, b)| (a - b) * (a - b)).sum::<f64>() / x.len() as f64
    }

    /// Expected squared error on a fresh point from the generator (x uniform on [−1, 1],
    /// y = truth(x) + N(0, noise²)): noise² + the mean of (prediction − truth)², by a 400-point
    /// midpoint rule.
    pub fn true_mse(&self, truth: Truth, noise: f64) -> f64 {
        const POINTS: usize = 400;
        let x: Array1<f64> = (0..POINTS).map(|i| -1.0 + (i as f64 + 0.5) * 2.0 / POINTS as f64).collect();
        let p = self.predict(x.view());
        let bias: f64 = x.iter().zip(&p).map(|(xi, pi)| (pi - true_function(truth, *xi)).powi(2)).sum::<f64>() / POINTS as f64;
        noise * noise + bias
    }
}

/// The data the CV lab's experiments draw: a noisy sine.
pub const EXPERIMENT_TRUTH: Truth = Truth::Sine;
pub const EXPERIMENT_NOISE: f64 = 0.3;
/// The k-comparison's model: a degree-5 polynomial with a touch of ridge (enough capacity
/// that training on fewer points visibly hurts, so the bias of small k shows).
pub const EXPERIMENT_MODEL: PolyRidge = PolyRidge { degree: 5, alpha: 1e-3, standardize: true };

fn draw(rng: &mut SeededRng, n: usize) -> Dataset {
    let seed = (rng.uniform() * 2f64.powi(53)) as u64;
    DataParams { truth: EXPERIMENT_TRUTH, noise: EXPERIMENT_NOISE, n_points: n, seed }.generate().unwrap_or_default()
}

type Generate = fn(&mut SeededRng, usize) -> Dataset;
type Score = fn(&Dataset, &Split) -> f64;
type TrueError = fn(&Dataset) -> f64;

/// The k-comparison experiment the lab runs and `make bench` times: `resamples` data sets of
/// `n` points, each scored by k-fold CV for every entry of `folds`, against the true error.
pub fn k_comparison(n: usize, resamples: usize, folds: Vec<Folds>, seed: u64) -> Option<CvExperiment<Dataset, Generate, Score, TrueError>> {
    let config = CvExperimentConfig { seed, ..CvExperimentConfig::new(n, resamples, folds) };
    let score: Score = |d, s| EXPERIMENT_MODEL.cv_score(d, s);
    let true_error: TrueError = |d| EXPERIMENT_MODEL.fit(d.x.view(), d.y.view()).map_or(f64::INFINITY, |m| m.true_mse(EXPERIMENT_TRUTH, EXPERIMENT_NOISE));
    config.build(draw as Generate, score, true_error).ok()
}

/// Mean over folds of `score(split)`.
fn mean_over(splits: &[Split], mut score: impl FnMut(&Split) -> f64) -> f64 {
    splits.iter().map(&mut score).sum::<f64>() / splits.len().max(1) as f64
}

/// One resample of the leakage demonstrations: every estimate next to the truth it estimates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LeakageResample {
    /// 5-fold CV with the scaler learned inside each fold (honest).
    pub scaling_honest: f64,
    /// 5-fold CV with the scaler learned once from all points, test folds included (leaky).
    pub scaling_leaky: f64,
    /// True error of the fixed-λ model fitted on all points.
    pub scaling_true: f64,
    /// The lowest 5-fold CV error over the λ grid, reported as the estimate (λ chosen by looking
    /// at the very folds it is scored on: leaky).
    pub tuning_leaky: f64,
    /// Nested CV: an inner 5-fold CV picks λ on each outer training set (honest).
    pub tuning_nested: f64,
    /// True error of the model the leaky procedure picks, refitted on all points.
    pub tuning_true: f64,
}

/// Model and data for the leakage demos: a high-degree polynomial on few points, where leaks show.
pub const LEAKAGE_DEGREE: usize = 10;
pub const LEAKAGE_POINTS: usize = 30;
pub const LEAKAGE_FIXED_ALPHA: f64 = 1e-3;

/// The λ values the tuning demo chooses from.
pub fn leakage_alphas() -> Vec<f64> {
    log_space(1e-6, 10.0, 12)
}

/// Runs both leakage demonstrations on one data set.
pub fn leakage_resample(seed: u64, resample: usize) -> Option<LeakageResample> {
    let data_seed = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(resample as u64);
    let data = DataParams { truth: EXPERIMENT_TRUTH, noise: EXPERIMENT_NOISE, n_points: LEAKAGE_POINTS, seed: data_seed }.generate().ok()?;
    let folds = Splitter::ShuffledKFold { k: 5, seed: data_seed }.splits(data.len(), None).ok()?;
    let model = PolyRidge { degree: LEAKAGE_DEGREE, alpha: LEAKAGE_FIXED_ALPHA, standardize: true };

    let scaling_honest = mean_over(&folds, |s| model.cv_score(&data, s));
    let all_scaler = model.scaler_for(data.x.view())?;
    let scaling_leaky = mean_over(&folds, |s| {
        let (xt, yt) = (subset(data.x.view(), &s.train), subset(data.y.view(), &s.train));
        model.fit_with_scaler(xt.view(), yt.view(), Some(all_scaler.clone())).map_or(f64::INFINITY, |m| {
            m.mse(subset(data.x.view(), &s.test).view(), subset(data.y.view(), &s.test).view())
        })
    });
    let scaling_true = model.fit(data.x.view(), data.y.view())?.true_mse(EXPERIMENT_TRUTH, EXPERIMENT_NOISE);

    let alphas = leakage_alphas();
    let cv_for = |alpha: f64, d: &Dataset, splits: &[Split]| mean_over(splits, |s| PolyRidge { alpha, ..model }.cv_score(d, s));
    let best = |d: &Dataset, splits: &[Split]| {
        alphas.iter().map(|&a| (a, cv_for(a, d, splits))).min_by(|a, b| a.1.total_cmp(&b.1))
    };
    let (chosen, tuning_leaky) = best(&data, &folds)?;
    let tuning_true = PolyRidge { alpha: chosen, ..model }.fit(data.x.view(), data.y.view())?.true_mse(EXPERIMENT_TRUTH, EXPERIMENT_NOISE);
    let tuning_nested = mean_over(&folds, |outer| {
        let inner_data = Dataset { x: subset(data.x.view(), &outer.train), y: subset(data.y.view(), &outer.train) };
        let Ok(inner) = (Splitter::ShuffledKFold { k: 5, seed: data_seed ^ 1 }).splits(inner_data.len(), None) else { return f64::INFINITY };
        match best(&inner_data, &inner) {
            Some((alpha, _)) => PolyRidge { alpha, ..model }.cv_score(&data, outer),
            None => f64::INFINITY,
        }
    });
    Some(LeakageResample { scaling_honest, scaling_leaky, scaling_true, tuning_leaky, tuning_nested, tuning_true })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn true_error_of_the_truth_itself_is_the_noise() {
        // A degree-9 fit on many noise-free points reproduces the sine almost exactly.
        let data = DataParams { truth: Truth::Sine, noise: 0.0, n_points: 400, seed: 1 }.generate().unwrap();
        let m = PolyRidge { degree: 9, alpha: 1e-10, standardize: true }.fit(data.x.view(), data.y.view()).unwrap();
        assert!((m.true_mse(Truth::Sine, 0.3) - 0.09).abs() < 1e-4);
    }

    #[test]
    fn k_comparison_runs_and_small_k_is_more_pessimistic() {
        let mut e = k_comparison(60, 40, vec![Folds::K(2), Folds::K(10)], 5).unwrap();
        let s = e.finish();
        assert_eq!(s.resamples, 40);
        assert!(s.per_folds.iter().all(|f| f.mean.is_finite()));
        assert!(s.per_folds[0].bias > s.per_folds[1].bias, "{:?}", s.per_folds.iter().map(|f| f.bias).collect::<Vec<_>>());
    }

    #[test]
    fn choosing_lambda_on_the_test_folds_is_optimistic_on_average() {
        let rs: Vec<_> = (0..30).filter_map(|r| leakage_resample(11, r)).collect();
        assert_eq!(rs.len(), 30);
        let mean = |f: fn(&LeakageResample) -> f64| rs.iter().map(f).sum::<f64>() / rs.len() as f64;
        let leaky_gap = mean(|r| r.tuning_leaky - r.tuning_true);
        let nested_gap = mean(|r| r.tuning_nested - r.tuning_true);
        assert!(leaky_gap < nested_gap, "leaky {leaky_gap} vs nested {nested_gap}");
        assert!(leaky_gap < 0.0, "the minimum over λ underestimates: {leaky_gap}");
        for r in &rs {
            assert!(r.scaling_honest.is_finite() && r.scaling_leaky.is_finite() && r.scaling_true.is_finite());
        }
    }
}
