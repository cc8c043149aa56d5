//! The k experiment: many fresh data sets from the known noisy sine, each scored by k-fold CV for
//! k = 2, 5, 10 (and optionally leave-one-out) with the lab's model, against the true error.

use super::model::{REGRESSION_NOISE, RIDGE_ALPHA};
use super::Settings;
use crate::model_selection::{CvExperiment, CvExperimentConfig, ExperimentSummary, Folds, Resample, Split};
use crate::labs::cross_validation::scenarios::PolyRidge;
use crate::datasets::curve::{DataParams, Dataset, Truth};
use crate::rng::SeededRng;

/// Data sets per run.
pub const EXPERIMENT_RESAMPLES: usize = 200;
/// Points per data set: fixed, so the comparison does not move with the main view's data.
pub const EXPERIMENT_POINTS: usize = 100;
/// The fold counts every run compares (leave-one-out is added when asked for).
pub const EXPERIMENT_FOLDS: [usize; 3] = [2, 5, 10];

/// The note under the chart: which variance is which, and when each textbook statement holds.
pub const EXPERIMENT_NOTE: &str = "Faint dots: each data set's true error (first column) and its CV estimates; the large dot and bar: their mean ± 1 standard deviation across data sets; dashed line: the mean true error. The spread column is how much the estimate moves from one data set to another; the ± after the mean bias is its standard error (how far the mean bias itself could be off by chance over this many data sets). Textbooks warn that leave-one-out's estimate has high variance because its n training sets overlap almost entirely; for this stable ridge model its spread across data sets is at most a few per cent larger than 10-fold's here, and sometimes much smaller, at low or high degree (as Bengio & Grandvalet 2004 found for stable models). What does swing wildly in leave-one-out is each single split's score within one run (one point each): a different quantity from the estimate's spread across data sets.";

type Generate = Box<dyn FnMut(&mut SeededRng, usize) -> Dataset>;
type Score = Box<dyn FnMut(&Dataset, &Split) -> f64>;
type TrueError = Box<dyn FnMut(&Dataset) -> f64>;

/// A running k experiment for the lab's degree: one data set per [`Experiment::step`].
pub struct Experiment {
    /// The settings it was started with: a finished run speaks only for these.
    pub degree: usize,
    pub loo: bool,
    pub seed: u64,
    inner: CvExperiment<Dataset, Generate, Score, TrueError>,
}

impl std::fmt::Debug for Experiment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Experiment").field("degree", &self.degree).field("loo", &self.loo).finish_non_exhaustive()
    }
}

impl Experiment {
    /// `None` only when the settings cannot be cross-validated (never within the schema's bounds).
    pub fn new(settings: &Settings) -> Option<Self> {
        Self::with_resamples(settings, EXPERIMENT_RESAMPLES)
    }

    pub fn with_resamples(settings: &Settings, resamples: usize) -> Option<Self> {
        let mut folds: Vec<Folds> = EXPERIMENT_FOLDS.iter().map(|&k| Folds::K(k)).collect();
        if settings.experiment_loo {
            folds.push(Folds::LeaveOneOut);
        }
        let model = PolyRidge { degree: settings.degree, alpha: RIDGE_ALPHA, standardize: true };
        let config = CvExperimentConfig { seed: settings.seed, ..CvExperimentConfig::new(EXPERIMENT_POINTS, resamples, folds) };
        let generate: Generate = Box::new(|rng: &mut SeededRng, n| {
            let seed = (rng.uniform() * 2f64.powi(53)) as u64;
            DataParams { truth: Truth::Sine, noise: REGRESSION_NOISE, n_points: n, seed }.generate().unwrap_or_default()
        });
        let score: Score = Box::new(move |d, s| model.cv_score(d, s));
        let true_error: TrueError =
            Box::new(move |d| model.fit(d.x.view(), d.y.view()).map_or(f64::INFINITY, |m| m.true_mse(Truth::Sine, REGRESSION_NOISE)));
        let inner = config.build(generate, score, true_error).ok()?;
        Some(Self { degree: settings.degree, loo: settings.experiment_loo, seed: settings.seed, inner })
    }

    /// Runs one more data set; `None` once all are done.
    pub fn step(&mut self) -> Option<Resample> {
        self.inner.next()
    }

    pub fn done(&self) -> usize {
        self.inner.done()
    }

    pub fn is_finished(&self) -> bool {
        self.inner.is_finished()
    }

    pub fn summary(&self) -> Option<ExperimentSummary> {
        self.inner.summary()
    }

    pub fn finish(&mut self) -> ExperimentSummary {
        self.inner.finish()
    }

    /// Whether a run started with `self`'s settings speaks for `settings`.
    pub fn matches(&self, settings: &Settings) -> bool {
        self.degree == settings.degree && self.loo == settings.experiment_loo && self.seed == settings.seed
    }
}

/// Whether an experiment run with settings `a` speaks for settings `b` (the knobs it reads agree).
pub fn same_experiment(a: &Settings, b: &Settings) -> bool {
    a.degree == b.degree && a.experiment_loo == b.experiment_loo && a.seed == b.seed
}

/// Standard error of the `index`-th fold count's mean bias: the standard deviation over the data
/// sets of (estimate − true error), divided by √(data sets).
pub fn bias_standard_error(summary: &ExperimentSummary, index: usize) -> Option<f64> {
    let f = summary.per_folds.get(index)?;
    let b: Vec<f64> = f.estimates.iter().zip(&summary.true_errors).map(|(e, t)| e - t).filter(|r| r.is_finite()).collect();
    if b.len() < 2 {
        return None;
    }
    let n = b.len() as f64;
    let m = b.iter().sum::<f64>() / n;
    Some((b.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1.0)).sqrt() / n.sqrt())
}

/// A median relative bias above this is "clearly positive" when the mean is within the noise.
pub const CLEAR_MEDIAN: f64 = 0.05;

/// When the mean overestimates but the median does not: a few data sets drive the mean.
fn median_caveat(summary: &ExperimentSummary) -> &'static str {
    if median_relative_bias(summary, 0).is_some_and(|m| m <= 0.0) { ": on a typical data set it does not; a few large overestimates drive the mean" } else { "" }
}

/// What a finished k experiment shows about small k's bias.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExperimentVerdict {
    /// k = 2's mean bias is positive by more than two standard errors, and k = 5 and k = 10
    /// each keep less than half of it.
    PessimisticSmallK,
    /// k = 2 overestimates by more than two standard errors, but 5 or 10 folds keep half of it or more.
    PessimisticThroughout,
    /// k = 2's mean bias is within two standard errors of zero (or below): chance here.
    WithinNoise,
}

/// The caption under the table, chosen from what the table shows.
pub fn experiment_verdict(summary: &ExperimentSummary) -> Option<(ExperimentVerdict, String)> {
    let k2 = summary.per_folds.first()?;
    let se = bias_standard_error(summary, 0)?;
    let pct = |i: usize| median_relative_bias(summary, i).map_or("–".to_string(), |b| format!("{:+.1} %", 100.0 * b));
    let bias = |i: usize| summary.per_folds.get(i).map_or(f64::NAN, |f| f.bias);
    if k2.bias > 2.0 * se {
        let rest_small = (1..3).all(|i| bias(i).abs() < 0.5 * k2.bias);
        if rest_small {
            return Some((ExperimentVerdict::PessimisticSmallK, format!(
                "Here k = 2 overestimates the error by {:+.4} ± {:.4} on average (median {}{}), more than two standard errors: each of its models trains on half the data, so it is worse than the model trained on all of it (pessimistic bias). k = 5 and k = 10 keep less than half of that bias ({:+.4} and {:+.4}) at 5 or 10 fits. From degree 3 up, the more flexible the model, the larger this bias (compare degree 3 with degree 9).",
                k2.bias, se, pct(0), median_caveat(summary), bias(1), bias(2)
            )));
        }
        return Some((ExperimentVerdict::PessimisticThroughout, format!(
            "Here k = 2 overestimates the error by {:+.4} ± {:.4} on average (median {}{}), more than two standard errors: each of its models trains on half the data (pessimistic bias). At this degree k = 5 and k = 10 still keep half of that or more ({:+.4} and {:+.4}).",
            k2.bias, se, pct(0), median_caveat(summary), bias(1), bias(2)
        )));
    }
    let mut text = format!(
        "Here k = 2's mean bias ({:+.4} ± {:.4}) is within two standard errors of zero: over these data sets, the cost of training on half the data does not stand out from the noise in the estimates.",
        k2.bias, se
    );
    if median_relative_bias(summary, 0).is_some_and(|m| m > CLEAR_MEDIAN) {
        text.push_str(&format!(" Its median, {}, is clearly positive: on most data sets k = 2 does overestimate, and a few extreme ones make the mean too noisy to show it.", pct(0)));
    }
    text.push_str(&other_columns_sentence(summary));
    text.push_str(" With a more flexible model (a higher degree) small k's pessimistic bias usually stands out; at the highest degrees it can also swing too widely from one data set to the next to separate from zero: compare a few seeds.");
    Some((ExperimentVerdict::WithinNoise, text))
}

/// The columns after k = 2, read the same way: chance when every mean bias is within two of its
/// standard errors of zero; otherwise which lie beyond and on which side (below zero: why that
/// does not make cross-validation optimistic).
fn other_columns_sentence(summary: &ExperimentSummary) -> String {
    let beyond: Vec<(usize, f64, f64)> = (1..summary.per_folds.len())
        .filter_map(|i| Some((i, summary.per_folds[i].bias, bias_standard_error(summary, i)?)))
        .filter(|&(_, b, se)| b.abs() > 2.0 * se)
        .collect();
    if beyond.is_empty() {
        return " So are the other columns': the differences between them are of the size of that noise, chance, not a pattern.".to_string();
    }
    let parts: Vec<String> = beyond.iter().map(|&(i, b, se)| format!("{} ({b:+.4} ± {se:.4})", summary.per_folds[i].folds.label())).collect();
    let verb = if beyond.len() == 1 { "lies" } else { "lie" };
    let list = parts.join(" and ");
    if beyond.iter().all(|&(_, b, _)| b < 0.0) {
        // Not a lesson that cross-validation is optimistic: on average its smaller training sets
        // cost a little (a lesson test checks this model's learning curve), less than shows here.
        return format!(
            " {list} {verb} more than two standard errors below zero here. That does not make cross-validation optimistic: its models train on fewer points, which on average costs a little (a slight pessimistic bias, too small to show over this many data sets). A column lands beyond two standard errors by chance now and then, and columns computed on the same data sets move together, so they land there together."
        );
    }
    let side = if beyond.iter().all(|&(_, b, _)| b > 0.0) { "above zero: slightly pessimistic here" } else { "from zero" };
    format!(" {list} {verb} more than two standard errors {side}.")
}

/// Median over the data sets of (estimate − true error) / true error for the `index`-th fold
/// count: the typical relative bias, robust to the few data sets where a small training fold
/// gives a wild fit.
pub fn median_relative_bias(summary: &ExperimentSummary, index: usize) -> Option<f64> {
    let f = summary.per_folds.get(index)?;
    let mut rel: Vec<f64> = f.estimates.iter().zip(&summary.true_errors).map(|(e, t)| (e - t) / t).filter(|r| r.is_finite()).collect();
    if rel.is_empty() {
        return None;
    }
    crate::sorting::sort_floats(&mut rel);
    let mid = rel.len() / 2;
    Some(if rel.len() % 2 == 1 { rel[mid] } else { (rel[mid - 1] + rel[mid]) / 2.0 })
}
