//! The regularization lab's whole refit, as one function the UI and the benchmarks both call:
//! data → split → polynomial features → standardize → fit at the current α, plus the two
//! validation curves (error against α along a warm-started path, and error against degree).
//!
//! The model is elastic net in scikit-learn's scaling, 1/(2n)‖y − Xw‖² + α·ρ‖w‖₁ +
//! α(1 − ρ)/2·‖w‖², so one α slider means the same thing for every ρ: ρ = 0 is Ridge (solved in
//! closed form; scikit-learn's `Ridge` would call this α·n), ρ = 1 is Lasso, α = 0 is ordinary
//! least squares.
//!
//! Cheap by construction: features are built once at the highest degree and every lower degree
//! is a prefix of their columns ([`LinearProblem::first`] reuses the centering and Gram matrix);
//! the α path reuses one Gram matrix and warm-starts each fit from the previous; the fit at the
//! current α starts from the nearest path point.

use crate::datasets::curve::{true_function, DataError, DataParams, Dataset, Truth};
use crate::linear_model::{LinearError, LinearFit, LinearParams, LinearProblem, RegularizationPath, DEFAULT_MAX_ITER, DEFAULT_TOL};
use crate::log_space;
use crate::metrics::r2;
use crate::datasets::poly::{polynomial_features, PolyError, Standardizer, MAX_DEGREE};
use ndarray::{s, Array1, Array2, ArrayView1};

/// The degree of the small reference model the lab compares against.
pub const REFERENCE_DEGREE: usize = 3;

/// Most α values a path may have.
pub const MAX_PATH_COUNT: usize = 1000;
/// Most points a drawn curve may have.
pub const MAX_CURVE_POINTS: usize = 10_000;

/// Everything the lab's controls set, plus the fixed shape of its charts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RefitSettings {
    pub truth: Truth,
    /// Standard deviation of the noise on y.
    pub noise: f64,
    /// Points in total, before the split.
    pub n_points: usize,
    /// Seed of the points; the split's seed is derived from it.
    pub seed: u64,
    /// Share of the points held out for validation (⌈fraction·n⌉ of them).
    pub validation_fraction: f64,
    /// Polynomial degree, 1 ..= [`MAX_DEGREE`].
    pub degree: usize,
    /// Penalty strength α (λ in the lab), ≥ 0.
    pub alpha: f64,
    /// ρ in [0, 1]: 0 is Ridge, 1 is Lasso.
    pub l1_ratio: f64,
    /// Standardize the features with the training split's mean and standard deviation.
    pub standardize: bool,
    pub fit_intercept: bool,
    /// The path's α grid: `path_count` values log-spaced over [`path_alpha_min`, `path_alpha_max`].
    pub path_alpha_min: f64,
    pub path_alpha_max: f64,
    pub path_count: usize,
    /// Points on the drawn fit and truth curves, evenly spaced over [-1, 1].
    pub curve_points: usize,
    /// Coordinate-descent budget and relative tolerance for every fit.
    pub max_iter: usize,
    pub tol: f64,
}

impl Default for RefitSettings {
    /// The lab's defaults: a noisy sine, degree 12, a little Ridge.
    fn default() -> Self {
        Self {
            truth: Truth::Sine,
            noise: 0.3,
            n_points: 40,
            seed: 3,
            validation_fraction: 0.3,
            degree: 12,
            alpha: 1e-3,
            l1_ratio: 0.0,
            standardize: true,
            fit_intercept: true,
            path_alpha_min: 1e-5,
            path_alpha_max: 100.0,
            path_count: 50,
            curve_points: 200,
            max_iter: DEFAULT_MAX_ITER,
            tol: DEFAULT_TOL,
        }
    }
}

impl RefitSettings {
    /// The work the performance budget is set for: 200 points of the noisy sine, degree 15,
    /// elastic net with ρ = 0.5 at α = 1e-3, a 50-α path and both validation curves.
    pub fn bench() -> Self {
        Self { n_points: 200, degree: 15, l1_ratio: 0.5, ..Self::default() }
    }
}

/// The fits along the α path, largest α first (the order they are computed in).
#[derive(Clone, Debug, PartialEq)]
pub struct PathCurves {
    pub alphas: Vec<f64>,
    /// One row per α, one column per feature (x¹ … x^degree).
    pub coefs: Array2<f64>,
    pub train_mse: Vec<f64>,
    pub validation_mse: Vec<f64>,
    pub zero_counts: Vec<usize>,
    pub converged: Vec<bool>,
}

impl PathCurves {
    /// The α with the lowest validation error (the largest such α on ties), if any.
    pub fn best_alpha(&self) -> Option<f64> {
        argmin(&self.validation_mse).map(|i| self.alphas[i])
    }
}

/// Training and validation error of the model at the current α for every degree.
#[derive(Clone, Debug, PartialEq)]
pub struct DegreeCurves {
    /// 1 ..= [`MAX_DEGREE`].
    pub degrees: Vec<usize>,
    pub train_mse: Vec<f64>,
    pub validation_mse: Vec<f64>,
    pub converged: Vec<bool>,
}

impl DegreeCurves {
    /// The degree with the lowest validation error (the lowest such degree on ties), if any.
    pub fn best_degree(&self) -> Option<usize> {
        argmin(&self.validation_mse).map(|i| self.degrees[i])
    }
}

/// Everything the lab draws after a change.
#[derive(Clone, Debug, PartialEq)]
pub struct Refit {
    pub train: Dataset,
    pub validation: Dataset,
    /// x of the drawn curves: `curve_points` values evenly spaced over [-1, 1].
    pub curve_x: Vec<f64>,
    /// The fitted polynomial at `curve_x`.
    pub curve_fit: Vec<f64>,
    /// The ground truth at `curve_x`.
    pub curve_truth: Vec<f64>,
    /// The same model (degree, α, ρ, scaling) fitted to noise-free targets truth(x) at the same
    /// training x, at `curve_x`: what these settings can do without noise, i.e. their bias.
    pub curve_noise_free: Vec<f64>,
    /// The model at the current settings. Its coefficients weigh the (standardized, when
    /// standardizing) features x¹ … x^degree.
    pub fit: LinearFit,
    pub zero_count: usize,
    /// The smallest α at which this ρ sets every coefficient exactly to zero (infinite for
    /// Ridge, ρ = 0, which never zeroes one).
    pub alpha_max: f64,
    /// The lowest validation error the degree-[`REFERENCE_DEGREE`] model reaches on this split
    /// over the path's α grid and α = 0: a fixed bar that does not move with the current α.
    pub reference_validation_mse: f64,
    /// Each feature's standard deviation on the training points (before any standardizing).
    pub spread: Vec<f64>,
    /// Each feature's effect: its coefficient times its spread, i.e. what one standard deviation
    /// of the feature adds (the coefficient itself when standardizing).
    pub effects: Vec<f64>,
    /// Without standardizing: the effects of the same model fitted on standardized features, so
    /// the two can be compared side by side. `None` when standardizing.
    pub standardized_effects: Option<Vec<f64>>,
    pub train_mse: f64,
    pub validation_mse: f64,
    pub train_r2: f64,
    /// NaN with a single validation point (R² needs two).
    pub validation_r2: f64,
    pub path: PathCurves,
    pub degrees: DegreeCurves,
}

/// Why the lab could not refit. The message is meant for the learner.
#[derive(Clone, Debug, PartialEq)]
pub enum RefitError {
    Data(DataError),
    Features(PolyError),
    Model(LinearError),
    OutOfRange { name: &'static str, detail: &'static str },
}

impl std::fmt::Display for RefitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RefitError::Data(e) => e.fmt(f),
            RefitError::Features(e) => e.fmt(f),
            RefitError::Model(e) => e.fmt(f),
            RefitError::OutOfRange { name, detail } => write!(f, "{name} {detail}"),
        }
    }
}

impl std::error::Error for RefitError {}

impl From<DataError> for RefitError {
    fn from(e: DataError) -> Self {
        RefitError::Data(e)
    }
}
impl From<PolyError> for RefitError {
    fn from(e: PolyError) -> Self {
        RefitError::Features(e)
    }
}
impl From<LinearError> for RefitError {
    fn from(e: LinearError) -> Self {
        RefitError::Model(e)
    }
}

fn check(settings: &RefitSettings) -> Result<(), RefitError> {
    let out = |name, detail| Err(RefitError::OutOfRange { name, detail });
    if !(1..=MAX_DEGREE).contains(&settings.degree) {
        return Err(PolyError::DegreeOutOfRange(settings.degree).into());
    }
    let (lo, hi) = (settings.path_alpha_min, settings.path_alpha_max);
    if !(lo.is_finite() && hi.is_finite() && lo > 0.0 && lo <= hi) {
        return out("path α range", "must satisfy 0 < min ≤ max, both finite");
    }
    if !(1..=MAX_PATH_COUNT).contains(&settings.path_count) {
        return out("path length", "must be 1 … 1000");
    }
    if !(2..=MAX_CURVE_POINTS).contains(&settings.curve_points) {
        return out("curve points", "must be 2 … 10000");
    }
    Ok(())
}

/// Regenerates the data and refits everything the lab draws.
pub fn refit_all(settings: &RefitSettings) -> Result<Refit, RefitError> {
    check(settings)?;
    let s = settings;
    let params = LinearParams::elastic_net(s.alpha, s.l1_ratio)
        .fit_intercept(s.fit_intercept)
        .max_iter(s.max_iter)
        .tol(s.tol)
        .validate()?;
    let data = DataParams { truth: s.truth, noise: s.noise, n_points: s.n_points, seed: s.seed }.generate()?;
    let split = data.split(s.validation_fraction, crate::rng::splitmix_output(s.seed, 0))?;

    // Features once, at the highest degree: degree k's design is the first k columns.
    let mut z_train = polynomial_features(split.train.x.view(), MAX_DEGREE)?;
    let mut z_val = polynomial_features(split.validation.x.view(), MAX_DEGREE)?;
    // Each raw feature's spread on the training points: what standardizing divides by.
    let spread_scaler = Standardizer::fit(z_train.view())?;
    let raw_train = (!s.standardize).then(|| z_train.clone());
    let scaler = if s.standardize {
        spread_scaler.transform_in_place(z_train.view_mut())?;
        spread_scaler.transform_in_place(z_val.view_mut())?;
        Some(spread_scaler.clone())
    } else {
        None
    };
    let (y_train, y_val) = (split.train.y.view(), split.validation.y.view());
    let all_degrees = LinearProblem::new(z_train.view(), y_train, s.fit_intercept)?;
    let d = s.degree;

    // The α path, largest first, each fit warm-started from the previous one.
    let alphas = log_space(s.path_alpha_min, s.path_alpha_max, s.path_count);
    let mut path = RegularizationPath::new(params, all_degrees.first(d)?, &alphas)?;
    let count = path.len();
    let mut curves = PathCurves {
        alphas: path.alphas().to_vec(),
        coefs: Array2::zeros((count, d)),
        train_mse: Vec::with_capacity(count),
        validation_mse: Vec::with_capacity(count),
        zero_counts: Vec::with_capacity(count),
        converged: Vec::with_capacity(count),
    };
    for (i, point) in path.by_ref().enumerate() {
        let fit = &point.fit;
        curves.coefs.row_mut(i).assign(&fit.coef);
        curves.train_mse.push(mse_of(rows(&z_train), y_train, fit));
        curves.validation_mse.push(mse_of(rows(&z_val), y_val, fit));
        curves.zero_counts.push(fit.zero_count());
        curves.converged.push(fit.converged);
    }

    // The current α, starting from the path's fit at the nearest α above it.
    let nearest = curves.alphas.iter().rposition(|&a| a >= s.alpha);
    let warm = nearest.map(|i| curves.coefs.row(i));
    let fit = path.problem().fit(&params, warm)?;
    let alpha_max = if s.l1_ratio > 0.0 { path.problem().alpha_max(s.l1_ratio) } else { f64::INFINITY };

    // Error against degree at the current α, each degree warm-started from the one below.
    let mut degrees = DegreeCurves {
        degrees: (1..=MAX_DEGREE).collect(),
        train_mse: Vec::with_capacity(MAX_DEGREE),
        validation_mse: Vec::with_capacity(MAX_DEGREE),
        converged: Vec::with_capacity(MAX_DEGREE),
    };
    let mut previous: Vec<f64> = Vec::new();
    for k in 1..=MAX_DEGREE {
        let at_k = if k == d {
            // The fit shown is the fit on this curve.
            fit.clone()
        } else {
            previous.resize(k, 0.0);
            all_degrees.first(k)?.fit(&params, Some(ArrayView1::from(&previous)))?
        };
        degrees.train_mse.push(mse_of(rows(&z_train), y_train, &at_k));
        degrees.validation_mse.push(mse_of(rows(&z_val), y_val, &at_k));
        degrees.converged.push(at_k.converged);
        previous = at_k.coef.to_vec();
    }

    // The reference small model: degree 3 at its best α on this split (α = 0 included).
    let reference_validation_mse = {
        let k = REFERENCE_DEGREE.min(MAX_DEGREE);
        let problem = all_degrees.first(k)?;
        let ols = problem.fit(&params.with_alpha(0.0)?, None)?;
        let mut best = mse_of(rows(&z_val), y_val, &ols);
        for point in RegularizationPath::new(params, problem, &alphas)? {
            best = best.min(mse_of(rows(&z_val), y_val, &point.fit));
        }
        best
    };

    // Each feature's effect (coefficient × the feature's spread), and, without standardizing,
    // the same model fitted on standardized features for comparison.
    let spread: Vec<f64> = spread_scaler.scale().iter().take(d).copied().collect();
    let effects: Vec<f64> = if s.standardize { fit.coef.to_vec() } else { fit.coef.iter().zip(&spread).map(|(w, sd)| w * sd).collect() };
    let standardized_effects = match raw_train {
        Some(raw) => {
            let std_scaler = Standardizer::fit(raw.slice(s![.., ..d]))?;
            let z = std_scaler.transform(raw.slice(s![.., ..d]))?;
            Some(LinearProblem::new(z.view(), y_train, s.fit_intercept)?.fit(&params, None)?.coef.to_vec())
        }
        None => None,
    };

    // The same settings on noise-free targets: the data are synthetic, so their bias is known.
    let truth_train: Array1<f64> = split.train.x.iter().map(|&x| true_function(s.truth, x)).collect();
    let noise_free = LinearProblem::new(z_train.slice(s![.., ..d]), truth_train.view(), s.fit_intercept)?.fit(&params, Some(fit.coef.view()))?;

    // The fitted polynomial on the drawing grid, through the same scaling as the features.
    let m = s.curve_points;
    let curve_x: Vec<f64> = (0..m).map(|i| -1.0 + 2.0 * i as f64 / (m - 1) as f64).collect();
    let curve_fit = curve_x.iter().map(|&x| evaluate(x, &fit, scaler.as_ref())).collect();
    let curve_noise_free = curve_x.iter().map(|&x| evaluate(x, &noise_free, scaler.as_ref())).collect();
    let curve_truth = curve_x.iter().map(|&x| true_function(s.truth, x)).collect();

    let coef = fit.coef.as_slice().expect("coefficients are contiguous");
    let predict = |z: &Array2<f64>| -> Array1<f64> { rows(z).chunks_exact(MAX_DEGREE).map(|row| predict_row(row, coef, fit.intercept)).collect() };
    let (p_train, p_val) = (predict(&z_train), predict(&z_val));
    let train_r2 = r2(y_train, p_train.view()).unwrap_or(f64::NAN);
    let validation_r2 = r2(y_val, p_val.view()).unwrap_or(f64::NAN);
    Ok(Refit {
        curve_x,
        curve_fit,
        curve_truth,
        curve_noise_free,
        zero_count: fit.zero_count(),
        alpha_max,
        reference_validation_mse,
        spread,
        effects,
        standardized_effects,
        train_mse: degrees.train_mse[d - 1],
        validation_mse: degrees.validation_mse[d - 1],
        train_r2,
        validation_r2,
        fit,
        path: curves,
        degrees,
        train: split.train,
        validation: split.validation,
    })
}

/// Rows of features, row-major with [`MAX_DEGREE`] columns, as a flat slice: the error loops
/// below run on plain slices (ndarray's iterators are not inlined at the size-optimized
/// opt-level the browser build uses, and cost several times more there).
fn rows(z: &Array2<f64>) -> &[f64] {
    z.as_slice().expect("features are built in standard layout")
}

/// Prediction for one row of features, using its first `coef.len()` columns.
#[inline(always)]
fn predict_row(row: &[f64], coef: &[f64], intercept: f64) -> f64 {
    let mut sum = intercept;
    for (z, w) in row[..coef.len()].iter().zip(coef) {
        sum += z * w;
    }
    sum
}

/// Mean squared error of `fit` on the first `coef.len()` columns of the rows `z`.
fn mse_of(z: &[f64], y: ArrayView1<f64>, fit: &LinearFit) -> f64 {
    let coef = fit.coef.as_slice().expect("coefficients are contiguous");
    let mut sse = 0.0;
    for (row, &t) in z.chunks_exact(MAX_DEGREE).zip(y.iter()) {
        let e = t - predict_row(row, coef, fit.intercept);
        sse += e * e;
    }
    sse / y.len() as f64
}

/// The fitted polynomial at x: powers of x, scaled like the training features, weighed.
fn evaluate(x: f64, fit: &LinearFit, scaler: Option<&Standardizer>) -> f64 {
    let mut power = 1.0;
    let mut y = fit.intercept;
    for (j, w) in fit.coef.iter().enumerate() {
        power *= x;
        let z = match scaler {
            Some(s) => (power - s.mean()[j]) / s.scale()[j],
            None => power,
        };
        y += w * z;
    }
    y
}

fn argmin(values: &[f64]) -> Option<usize> {
    values.iter().enumerate().filter(|(_, v)| v.is_finite()).min_by(|a, b| a.1.total_cmp(b.1)).map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refit_has_every_curve_at_the_right_size() {
        let s = RefitSettings::bench();
        let r = refit_all(&s).unwrap();
        assert_eq!((r.train.len(), r.validation.len()), (140, 60));
        assert_eq!(r.curve_x.len(), 200);
        assert_eq!((r.curve_x[0], r.curve_x[199]), (-1.0, 1.0));
        assert_eq!(r.curve_fit.len(), 200);
        assert_eq!(r.curve_truth.len(), 200);
        assert_eq!(r.fit.coef.len(), 15);
        assert_eq!(r.path.alphas.len(), 50);
        assert_eq!(r.path.alphas[0], 100.0);
        assert_eq!(r.path.alphas[49], 1e-5);
        assert_eq!(r.path.coefs.dim(), (50, 15));
        assert_eq!(r.path.train_mse.len(), 50);
        assert_eq!(r.degrees.degrees, (1..=15).collect::<Vec<_>>());
        assert_eq!(r.degrees.validation_mse.len(), 15);
        assert!(r.fit.converged);
        assert_eq!(r.zero_count, r.fit.zero_count());
        // The current fit is the degree curve's point at the current degree.
        assert_eq!(r.train_mse, r.degrees.train_mse[14]);
        // At the largest α every weight is zero: the prediction is the training mean, so the
        // training R² is 0.
        assert_eq!(r.path.zero_counts[0], 15);
        let all = [r.path.train_mse.as_slice(), &r.path.validation_mse, &r.degrees.train_mse, &r.degrees.validation_mse, &r.curve_fit];
        assert!(all.iter().all(|c| c.iter().all(|v| v.is_finite())));
    }

    #[test]
    fn the_curves_tell_the_lab_s_story() {
        // Noisy sine, few points, degree 15.
        let s = RefitSettings { n_points: 30, degree: 15, l1_ratio: 0.0, alpha: 0.0, ..RefitSettings::default() };
        let r = refit_all(&s).unwrap();
        // Training error only falls as α shrinks (the path nests: smaller α, better fit).
        assert!(r.path.train_mse.windows(2).all(|w| w[1] <= w[0] * (1.0 + 1e-9)), "{:?}", r.path.train_mse);
        // Huge α underfits; the best α sits strictly inside the grid.
        let best = r.path.best_alpha().unwrap();
        assert!(best > 1e-5 && best < 100.0, "{best}");
        let at_best = r.path.validation_mse.iter().cloned().fold(f64::INFINITY, f64::min);
        assert!(r.path.validation_mse[0] > 2.0 * at_best);
        // With no penalty, degree 15 on 21 points overfits: near-zero training error, larger
        // validation error than at the best α.
        assert!(r.train_mse < 0.5 * r.validation_mse, "{} vs {}", r.train_mse, r.validation_mse);
        assert!(r.validation_mse > at_best);
        // Training error never rises with degree when α = 0 (nested least squares).
        assert!(r.degrees.train_mse.windows(2).all(|w| w[1] <= w[0] * (1.0 + 1e-9)), "{:?}", r.degrees.train_mse);
        // The fitted curve goes through the data's neighbourhood.
        assert!(r.train_r2 > 0.8);
    }

    #[test]
    fn lasso_on_a_cubic_zeros_coefficients() {
        let s = RefitSettings { truth: Truth::Cubic, noise: 0.2, n_points: 60, degree: 15, alpha: 0.003, l1_ratio: 1.0, ..RefitSettings::default() };
        let r = refit_all(&s).unwrap();
        assert!(r.zero_count >= 5, "{}", r.zero_count);
        // Ridge zeroes nothing.
        let ridge = refit_all(&RefitSettings { l1_ratio: 0.0, ..s }).unwrap();
        assert_eq!(ridge.zero_count, 0);
        // Degree 3 suits a cubic better than degree 1.
        assert!(r.degrees.validation_mse[2] < r.degrees.validation_mse[0]);
    }

    #[test]
    fn every_setting_combination_refits_without_trouble() {
        for truth in Truth::ALL {
            for (standardize, fit_intercept) in [(true, true), (false, true), (true, false), (false, false)] {
                for (n_points, degree) in [(10, 15), (12, 15), (40, 1), (200, 7)] {
                    for (alpha, l1_ratio) in [(0.0, 0.0), (1e-5, 1.0), (0.01, 0.5), (100.0, 0.2), (1e-3, 0.0)] {
                        let s = RefitSettings { truth, standardize, fit_intercept, n_points, degree, alpha, l1_ratio, ..RefitSettings::default() };
                        let r = refit_all(&s).unwrap_or_else(|e| panic!("{s:?}: {e}"));
                        assert!(r.curve_fit.iter().all(|v| v.is_finite()), "{s:?}");
                        assert!(r.path.validation_mse.iter().all(|v| v.is_finite()), "{s:?}");
                        assert!(r.degrees.validation_mse.iter().all(|v| v.is_finite()), "{s:?}");
                        // Every fit reaches the tolerance within the default budget.
                        assert!(r.fit.converged && r.path.converged.iter().chain(&r.degrees.converged).all(|&c| c), "{s:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_drawn_curve_is_the_model_s_prediction() {
        let s = RefitSettings { degree: 9, l1_ratio: 0.5, alpha: 0.01, ..RefitSettings::default() };
        let r = refit_all(&s).unwrap();
        // Rebuild the standardized features for the grid the slow way and predict.
        let f_train = polynomial_features(r.train.x.view(), 9).unwrap();
        let scaler = Standardizer::fit(f_train.view()).unwrap();
        let grid = polynomial_features(Array1::from(r.curve_x.clone()).view(), 9).unwrap();
        let pred = r.fit.predict(scaler.transform(grid.view()).unwrap().view()).unwrap();
        for (a, b) in pred.iter().zip(&r.curve_fit) {
            assert!((a - b).abs() < 1e-10, "{a} vs {b}");
        }
    }

    #[test]
    fn same_settings_same_refit_and_the_seed_changes_the_data() {
        let s = RefitSettings::default();
        assert_eq!(refit_all(&s).unwrap(), refit_all(&s).unwrap());
        let other = refit_all(&RefitSettings { seed: 4, ..s }).unwrap();
        assert_ne!(other.train, refit_all(&s).unwrap().train);
    }

    #[test]
    fn bad_settings_are_typed_errors() {
        let base = RefitSettings::default();
        let bad = [
            RefitSettings { degree: 0, ..base },
            RefitSettings { degree: 16, ..base },
            RefitSettings { alpha: -1.0, ..base },
            RefitSettings { alpha: f64::NAN, ..base },
            RefitSettings { l1_ratio: 1.5, ..base },
            RefitSettings { noise: -0.1, ..base },
            RefitSettings { n_points: 1, ..base },
            RefitSettings { validation_fraction: 1.0, ..base },
            RefitSettings { path_alpha_min: 0.0, ..base },
            RefitSettings { path_alpha_min: 10.0, path_alpha_max: 1.0, ..base },
            RefitSettings { path_count: 0, ..base },
            RefitSettings { curve_points: 1, ..base },
            RefitSettings { max_iter: 0, ..base },
        ];
        for s in bad {
            let e = refit_all(&s).unwrap_err();
            assert!(!e.to_string().is_empty(), "{s:?}");
        }
    }
}
