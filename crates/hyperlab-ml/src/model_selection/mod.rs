//! Cross-validation: splitting a data set into training and test parts, scoring a model on every
//! split one fold at a time, and the lab's experiment comparing k-fold estimates with a known
//! true error.
//!
//! Without shuffling, [`Splitter::KFold`] and [`Splitter::StratifiedKFold`] reproduce
//! scikit-learn's `KFold` and `StratifiedKFold` (≥ 0.22) fold for fold, checked against fixtures in
//! `tests/cv_reference.rs`, so what the lab shows is what a learner later sees in Python. Shuffled
//! variants draw from a [`SeededRng`]: they match nothing but themselves, and the same seed always
//! gives the same folds.
//!
//! Everything here is generic over the model: a model is whatever closure fits on `split.train`
//! and scores on `split.test`.

use crate::rng::{splitmix_output, SeededRng};
use std::collections::HashMap;
use std::marker::PhantomData;

/// One train/test split: indices into the data set, each list ascending, disjoint, and together
/// covering every sample once.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Split {
    pub train: Vec<usize>,
    pub test: Vec<usize>,
}

impl Split {
    /// The split testing on `test` (ascending) and training on every other sample.
    fn from_test(n_samples: usize, test: Vec<usize>) -> Self {
        let mut in_test = vec![false; n_samples];
        for &i in &test {
            in_test[i] = true;
        }
        let train = (0..n_samples).filter(|&i| !in_test[i]).collect();
        Self { train, test }
    }
}

/// How to split `n` samples. Every shuffled variant carries its own seed, so a splitter (and the
/// URL it came from) fully determines the folds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Splitter {
    /// One split: a seeded shuffle, then ⌈`test_fraction`·n⌉ samples test, as in scikit-learn's
    /// `train_test_split`, except that the test count is clamped so both sides keep ≥ 1 sample
    /// (a slider at 0.95 on 10 points should not be an error).
    HoldOut { test_fraction: f64, seed: u64 },
    /// k consecutive blocks in index order, the first n mod k one sample larger:
    /// scikit-learn's `KFold(k)`.
    KFold { k: usize },
    /// [`Splitter::KFold`] on a seeded permutation of the samples.
    ShuffledKFold { k: usize, seed: u64 },
    /// Folds that keep each class's share of the data: scikit-learn's `StratifiedKFold(k)`.
    /// Needs a label per sample and at least k members in every class.
    StratifiedKFold { k: usize },
    /// [`Splitter::StratifiedKFold`] with each class's members dealt to folds in a seeded random
    /// order (fold sizes per class unchanged), as scikit-learn does with `shuffle=True`.
    ShuffledStratifiedKFold { k: usize, seed: u64 },
    /// `repeats` rounds of [`Splitter::ShuffledKFold`], round r seeded from (`seed`, r):
    /// k·repeats splits, repeat-major.
    RepeatedKFold { k: usize, repeats: usize, seed: u64 },
    /// `repeats` rounds of [`Splitter::ShuffledStratifiedKFold`], seeded like
    /// [`Splitter::RepeatedKFold`].
    RepeatedStratifiedKFold { k: usize, repeats: usize, seed: u64 },
    /// n splits, each testing on one sample: k-fold with k = n.
    LeaveOneOut,
}

impl Splitter {
    /// Whether [`Splitter::splits`] needs class labels.
    pub fn needs_labels(&self) -> bool {
        matches!(
            self,
            Splitter::StratifiedKFold { .. } | Splitter::ShuffledStratifiedKFold { .. } | Splitter::RepeatedStratifiedKFold { .. }
        )
    }

    /// How many times the splitter covers the data: `repeats` for the repeated variants, else 1.
    pub fn repeats(&self) -> usize {
        match *self {
            Splitter::RepeatedKFold { repeats, .. } | Splitter::RepeatedStratifiedKFold { repeats, .. } => repeats,
            _ => 1,
        }
    }

    /// Splits (= model fits) for `n_samples` samples, assuming the settings are valid.
    pub fn n_splits(&self, n_samples: usize) -> usize {
        match *self {
            Splitter::HoldOut { .. } => 1,
            Splitter::KFold { k }
            | Splitter::ShuffledKFold { k, .. }
            | Splitter::StratifiedKFold { k }
            | Splitter::ShuffledStratifiedKFold { k, .. } => k,
            Splitter::RepeatedKFold { k, repeats, .. } | Splitter::RepeatedStratifiedKFold { k, repeats, .. } => k * repeats,
            Splitter::LeaveOneOut => n_samples,
        }
    }

    /// Every split of `n_samples` samples, in order (repeat-major for the repeated variants).
    /// `labels`, when given, must hold one class label per sample; only the stratified variants
    /// read them, and they require them.
    pub fn splits(&self, n_samples: usize, labels: Option<&[usize]>) -> Result<Vec<Split>, CvError> {
        if let Some(labels) = labels
            && labels.len() != n_samples
        {
            return Err(CvError::LabelCountMismatch { labels: labels.len(), n_samples });
        }
        let labels_required = || labels.ok_or(CvError::MissingLabels);
        let n = n_samples;
        match *self {
            Splitter::HoldOut { test_fraction, seed } => hold_out(n, test_fraction, seed).map(|s| vec![s]),
            Splitter::KFold { k } => {
                check_folds(k, n)?;
                Ok(kfold(&(0..n).collect::<Vec<_>>(), k))
            }
            Splitter::ShuffledKFold { k, seed } => {
                check_folds(k, n)?;
                Ok(kfold(&permutation(n, seed), k))
            }
            Splitter::StratifiedKFold { k } => stratified(k, labels_required()?, None),
            Splitter::ShuffledStratifiedKFold { k, seed } => stratified(k, labels_required()?, Some(&mut SeededRng::new(seed))),
            Splitter::RepeatedKFold { k, repeats, seed } => {
                check_repeats(repeats)?;
                repeated(repeats, |r| Splitter::ShuffledKFold { k, seed: splitmix_output(seed, r as u64) }.splits(n, labels))
            }
            Splitter::RepeatedStratifiedKFold { k, repeats, seed } => {
                check_repeats(repeats)?;
                labels_required()?;
                repeated(repeats, |r| Splitter::ShuffledStratifiedKFold { k, seed: splitmix_output(seed, r as u64) }.splits(n, labels))
            }
            Splitter::LeaveOneOut => {
                if n < 2 {
                    return Err(CvError::TooFewSamples { n_samples: n, needed: 2 });
                }
                Ok((0..n).map(|i| Split::from_test(n, vec![i])).collect())
            }
        }
    }
}

/// Why a splitter (or an experiment) was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CvError {
    /// k < 2: a single fold would leave nothing to train on.
    TooFewFolds { k: usize },
    /// k > n: some fold would have no test sample.
    TooManyFolds { k: usize, n_samples: usize },
    /// Fewer samples than the splitter needs (2 for leave-one-out and hold-out).
    TooFewSamples { n_samples: usize, needed: usize },
    /// A stratified splitter was given no labels.
    MissingLabels,
    /// The label list and the data disagree in length.
    LabelCountMismatch { labels: usize, n_samples: usize },
    /// Stratified k-fold needs at least k members in every class; `label` is the least
    /// populated class (the first to appear among ties). scikit-learn only raises when *every*
    /// class has fewer than k members and merely warns when some do, leaving folds without that
    /// class; the lab treats both as errors.
    ClassTooSmall { label: usize, members: usize, k: usize },
    /// Any other setting outside its range.
    OutOfRange { name: &'static str, detail: &'static str },
}

impl std::fmt::Display for CvError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CvError::TooFewFolds { k } => write!(f, "k = {k}: cross-validation needs at least 2 folds"),
            CvError::TooManyFolds { k, n_samples } => {
                write!(f, "k = {k} is more folds than there are samples ({n_samples}): some fold would have nothing to test on")
            }
            CvError::TooFewSamples { n_samples, needed } => write!(f, "{n_samples} samples: this split needs at least {needed}"),
            CvError::MissingLabels => write!(f, "stratified splitting needs a class label for every sample"),
            CvError::LabelCountMismatch { labels, n_samples } => write!(f, "{labels} labels for {n_samples} samples"),
            CvError::ClassTooSmall { label, members, k } => write!(
                f,
                "class {label} has only {members} member(s), fewer than k = {k}: Hyperlab requires at least k members in every class (scikit-learn only warns unless every class is that small)"
            ),
            CvError::OutOfRange { name, detail } => write!(f, "{name} {detail}"),
        }
    }
}

impl std::error::Error for CvError {}

fn check_folds(k: usize, n_samples: usize) -> Result<(), CvError> {
    if k < 2 {
        Err(CvError::TooFewFolds { k })
    } else if k > n_samples {
        Err(CvError::TooManyFolds { k, n_samples })
    } else {
        Ok(())
    }
}

fn check_repeats(repeats: usize) -> Result<(), CvError> {
    if repeats == 0 { Err(CvError::OutOfRange { name: "repeats", detail: "must be ≥ 1" }) } else { Ok(()) }
}

fn repeated(repeats: usize, mut round: impl FnMut(usize) -> Result<Vec<Split>, CvError>) -> Result<Vec<Split>, CvError> {
    let mut all = Vec::new();
    for r in 0..repeats {
        all.extend(round(r)?);
    }
    Ok(all)
}

/// k-fold over `order`: consecutive blocks, the first n mod k one larger (scikit-learn's rule).
fn kfold(order: &[usize], k: usize) -> Vec<Split> {
    let n = order.len();
    let (base, extra) = (n / k, n % k);
    let mut start = 0;
    (0..k)
        .map(|fold| {
            let size = base + usize::from(fold < extra);
            let mut test = order[start..start + size].to_vec();
            start += size;
            crate::sorting::sort_indices(&mut test);
            Split::from_test(n, test)
        })
        .collect()
}

/// scikit-learn's (≥ 0.22) `StratifiedKFold._make_test_folds`, step for step.
fn stratified(k: usize, labels: &[usize], mut rng: Option<&mut SeededRng>) -> Result<Vec<Split>, CvError> {
    let n = labels.len();
    check_folds(k, n)?;

    // Classes are numbered by first appearance, as scikit-learn encodes them; this order decides
    // how the round robin below shares out the remainders.
    let mut code_of: HashMap<usize, usize> = HashMap::new();
    let mut class_labels: Vec<usize> = Vec::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for (i, &label) in labels.iter().enumerate() {
        let code = *code_of.entry(label).or_insert_with(|| {
            class_labels.push(label);
            members.push(Vec::new());
            class_labels.len() - 1
        });
        members[code].push(i);
    }
    // `min_by_key` keeps the first of equal minima: the earliest-appearing smallest class.
    let (smallest, fewest) =
        members.iter().map(Vec::len).enumerate().min_by_key(|&(_, m)| m).expect("k ≤ n, so there is at least one sample");
    if fewest < k {
        return Err(CvError::ClassTooSmall { label: class_labels[smallest], members: fewest, k });
    }

    // How many of each class each fold tests on: deal the samples, sorted by class, round robin
    // over the folds. Each class gets ⌊m/k⌋ or ⌈m/k⌉ per fold, and fold sizes differ by ≤ 1.
    let mut allocation = vec![vec![0usize; k]; members.len()];
    let mut dealt = 0;
    for (class, m) in members.iter().map(Vec::len).enumerate() {
        for _ in 0..m {
            allocation[class][dealt % k] += 1;
            dealt += 1;
        }
    }

    // Within a class, members go to folds in blocks in index order (keeping neighbours together,
    // as scikit-learn does), unless shuffling deals the blocks out randomly.
    let mut fold_of = vec![0usize; n];
    for (class, indices) in members.iter().enumerate() {
        let mut folds: Vec<usize> = (0..k).flat_map(|fold| std::iter::repeat_n(fold, allocation[class][fold])).collect();
        if let Some(rng) = rng.as_deref_mut() {
            rng.shuffle(&mut folds);
        }
        for (&i, &fold) in indices.iter().zip(&folds) {
            fold_of[i] = fold;
        }
    }
    let mut tests = vec![Vec::new(); k];
    for (i, &fold) in fold_of.iter().enumerate() {
        tests[fold].push(i);
    }
    Ok(tests.into_iter().map(|test| Split::from_test(n, test)).collect())
}

fn hold_out(n: usize, test_fraction: f64, seed: u64) -> Result<Split, CvError> {
    // Also rejects NaN.
    if !(test_fraction > 0.0 && test_fraction < 1.0) {
        return Err(CvError::OutOfRange { name: "test_fraction", detail: "must be in (0, 1)" });
    }
    if n < 2 {
        return Err(CvError::TooFewSamples { n_samples: n, needed: 2 });
    }
    // The hair taken off keeps 0.7·10 = 7.000000000000001 at 7 test samples rather than 8.
    let n_test = ((test_fraction * n as f64 - 1e-9).ceil() as usize).clamp(1, n - 1);
    let mut test = permutation(n, seed)[..n_test].to_vec();
    crate::sorting::sort_indices(&mut test);
    Ok(Split::from_test(n, test))
}

/// A seeded uniformly random permutation of 0..n.
fn permutation(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    SeededRng::new(seed).shuffle(&mut order);
    order
}

/// Mean and population standard deviation (divides by n, like NumPy's `np.std` default).
/// `None` for an empty list.
fn mean_std(xs: &[f64]) -> Option<(f64, f64)> {
    if xs.is_empty() {
        return None;
    }
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
    Some((mean, var.sqrt()))
}

/// Scores of the folds done so far.
#[derive(Clone, Debug, PartialEq)]
pub struct CvSummary {
    /// One score per fold, in split order, exactly as the scoring closure returned them (so a
    /// NaN score from a diverged fit makes the mean and std NaN rather than vanishing).
    pub scores: Vec<f64>,
    /// Unweighted mean over folds, as scikit-learn's `cross_val_score(...).mean()`.
    pub mean: f64,
    /// Population standard deviation over folds (÷ n, NumPy's `np.std` default).
    pub std: f64,
}

impl CvSummary {
    /// `None` for no scores.
    pub fn from_scores(scores: &[f64]) -> Option<Self> {
        let (mean, std) = mean_std(scores)?;
        Some(Self { scores: scores.to_vec(), mean, std })
    }
}

/// Cross-validation of any model and metric, one fold per `next()`, which yields that fold's
/// score. `fit_and_score` fits a fresh model on `split.train` and scores it on `split.test`;
/// whether higher is better is up to the caller.
#[derive(Clone)]
pub struct CrossValidation<F> {
    splits: Vec<Split>,
    fit_and_score: F,
    scores: Vec<f64>,
}

impl<F> std::fmt::Debug for CrossValidation<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CrossValidation").field("splits", &self.splits).field("scores", &self.scores).finish_non_exhaustive()
    }
}

impl<F: FnMut(&Split) -> f64> CrossValidation<F> {
    pub fn new(splits: Vec<Split>, fit_and_score: F) -> Self {
        Self { splits, fit_and_score, scores: Vec::new() }
    }

    /// Splits `n_samples` samples with `splitter` and cross-validates over them.
    pub fn with_splitter(splitter: &Splitter, n_samples: usize, labels: Option<&[usize]>, fit_and_score: F) -> Result<Self, CvError> {
        Ok(Self::new(splitter.splits(n_samples, labels)?, fit_and_score))
    }

    pub fn splits(&self) -> &[Split] {
        &self.splits
    }
    /// Number of folds (splits) in all.
    pub fn len(&self) -> usize {
        self.splits.len()
    }
    pub fn is_empty(&self) -> bool {
        self.splits.is_empty()
    }
    /// Folds scored so far.
    pub fn done(&self) -> usize {
        self.scores.len()
    }
    pub fn is_finished(&self) -> bool {
        self.done() == self.len()
    }
    pub fn scores(&self) -> &[f64] {
        &self.scores
    }
    /// The split the next `next()` will fit, so the UI can highlight it beforehand.
    pub fn upcoming(&self) -> Option<&Split> {
        self.splits.get(self.done())
    }

    /// Summary of the folds scored so far; `None` before the first.
    pub fn summary(&self) -> Option<CvSummary> {
        CvSummary::from_scores(&self.scores)
    }

    /// Scores every remaining fold and summarizes (`None` only when there are no splits).
    pub fn finish(&mut self) -> Option<CvSummary> {
        self.by_ref().for_each(drop);
        self.summary()
    }
}

impl<F: FnMut(&Split) -> f64> Iterator for CrossValidation<F> {
    type Item = f64;

    fn next(&mut self) -> Option<f64> {
        let split = self.splits.get(self.scores.len())?;
        let score = (self.fit_and_score)(split);
        self.scores.push(score);
        Some(score)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.len() - self.done();
        (left, Some(left))
    }
}

/// A fold count in the CV-estimate experiment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Folds {
    K(usize),
    /// k = n.
    LeaveOneOut,
}

impl Folds {
    /// Folds per resample (= fits) on `n_samples` samples.
    pub fn k(self, n_samples: usize) -> usize {
        match self {
            Folds::K(k) => k,
            Folds::LeaveOneOut => n_samples,
        }
    }

    pub fn label(self) -> String {
        match self {
            Folds::K(k) => format!("k = {k}"),
            Folds::LeaveOneOut => "leave-one-out".to_string(),
        }
    }

    fn splitter(self, seed: u64) -> Splitter {
        match self {
            // Shuffled, in case the generator returns its samples in some order (say, sorted x).
            Folds::K(k) => Splitter::ShuffledKFold { k, seed },
            Folds::LeaveOneOut => Splitter::LeaveOneOut,
        }
    }
}

/// The CV-estimate experiment: draw a fresh data set of `n_samples` points from a generator whose
/// truth is known, `resamples` times; on each, compute every k-fold CV estimate in `folds` and the
/// true generalization error, then compare. It shows why k trades bias against cost: with
/// k folds the model trains on n(k−1)/k points, so small k is pessimistic, while large k costs
/// k fits per estimate.
#[derive(Clone, Debug, PartialEq)]
pub struct CvExperimentConfig {
    pub n_samples: usize,
    pub resamples: usize,
    pub folds: Vec<Folds>,
    /// Resample r draws its data and fold shuffle from seeds derived from (seed, r), so each
    /// resample is reproducible on its own.
    pub seed: u64,
}

impl CvExperimentConfig {
    pub fn new(n_samples: usize, resamples: usize, folds: Vec<Folds>) -> Self {
        Self { n_samples, resamples, folds, seed: 0 }
    }

    /// The lab's k comparison, which the benchmarks time: 200 resamples of 100 points,
    /// k = 2, 5 and 10. (Push [`Folds::LeaveOneOut`] for the costly end of the scale.)
    pub fn k_comparison() -> Self {
        Self::new(100, 200, vec![Folds::K(2), Folds::K(5), Folds::K(10)])
    }

    /// Checks the settings and returns a steppable experiment.
    ///
    /// - `generate(rng, n)` draws a data set of n points.
    /// - `fit_and_score(data, split)` fits on `split.train` and returns the error on `split.test`.
    /// - `true_error(data)` is the generalization error of the model fitted on all of `data`,
    ///   computed from the known truth (analytically, or on a large fresh sample).
    ///
    /// Both errors must be on the same scale (say, mean squared error) for the bias to mean
    /// anything.
    pub fn build<D, G, S, T>(self, generate: G, fit_and_score: S, true_error: T) -> Result<CvExperiment<D, G, S, T>, CvError>
    where
        G: FnMut(&mut SeededRng, usize) -> D,
        S: FnMut(&D, &Split) -> f64,
        T: FnMut(&D) -> f64,
    {
        if self.n_samples < 2 {
            return Err(CvError::TooFewSamples { n_samples: self.n_samples, needed: 2 });
        }
        if self.resamples == 0 {
            return Err(CvError::OutOfRange { name: "resamples", detail: "must be ≥ 1" });
        }
        if self.folds.is_empty() {
            return Err(CvError::OutOfRange { name: "folds", detail: "must list at least one fold count" });
        }
        for folds in &self.folds {
            if let Folds::K(k) = *folds {
                check_folds(k, self.n_samples)?;
            }
        }
        let estimates = vec![Vec::with_capacity(self.resamples); self.folds.len()];
        Ok(CvExperiment { config: self, generate, fit_and_score, true_error, true_errors: Vec::new(), estimates, _data: PhantomData })
    }
}

/// What one resample gave.
#[derive(Clone, Debug, PartialEq)]
pub struct Resample {
    pub index: usize,
    /// Generalization error of the model fitted on the whole resample.
    pub true_error: f64,
    /// The CV estimate for each entry of the config's `folds`, in that order.
    pub estimates: Vec<f64>,
}

/// How one fold count fared over the resamples done so far.
#[derive(Clone, Debug, PartialEq)]
pub struct FoldsSummary {
    pub folds: Folds,
    /// Folds per resample (n for leave-one-out).
    pub k: usize,
    /// The CV estimate on each resample.
    pub estimates: Vec<f64>,
    pub mean: f64,
    /// Population standard deviation of the estimates across resamples: how much the estimate
    /// moves with the particular data it got.
    pub std: f64,
    /// Mean of (estimate − true error) over resamples, each resample against the error of the
    /// model fitted on all its points. Positive: CV is pessimistic.
    pub bias: f64,
    /// Root mean squared (estimate − true error): bias and spread together.
    pub rmse: f64,
    /// Models fitted: k per resample.
    pub fits: usize,
}

/// The experiment so far.
#[derive(Clone, Debug, PartialEq)]
pub struct ExperimentSummary {
    pub resamples: usize,
    pub true_errors: Vec<f64>,
    pub true_error_mean: f64,
    /// Population standard deviation of the true error across resamples.
    pub true_error_std: f64,
    /// One entry per fold count, in the config's order.
    pub per_folds: Vec<FoldsSummary>,
}

/// A running CV-estimate experiment; each `next()` does one resample (all fold counts).
#[derive(Clone)]
pub struct CvExperiment<D, G, S, T> {
    config: CvExperimentConfig,
    generate: G,
    fit_and_score: S,
    true_error: T,
    true_errors: Vec<f64>,
    /// `estimates[f][r]`: fold count f on resample r.
    estimates: Vec<Vec<f64>>,
    _data: PhantomData<fn() -> D>,
}

impl<D, G, S, T> std::fmt::Debug for CvExperiment<D, G, S, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CvExperiment")
            .field("config", &self.config)
            .field("true_errors", &self.true_errors)
            .field("estimates", &self.estimates)
            .finish_non_exhaustive()
    }
}

impl<D, G, S, T> CvExperiment<D, G, S, T>
where
    G: FnMut(&mut SeededRng, usize) -> D,
    S: FnMut(&D, &Split) -> f64,
    T: FnMut(&D) -> f64,
{
    pub fn config(&self) -> &CvExperimentConfig {
        &self.config
    }
    /// Resamples done so far.
    pub fn done(&self) -> usize {
        self.true_errors.len()
    }
    pub fn is_finished(&self) -> bool {
        self.done() == self.config.resamples
    }
    /// Models fitted so far, over all fold counts.
    pub fn fits(&self) -> usize {
        let per_resample: usize = self.config.folds.iter().map(|f| f.k(self.config.n_samples)).sum();
        per_resample * self.done()
    }

    /// Summary of the resamples done so far; `None` before the first.
    pub fn summary(&self) -> Option<ExperimentSummary> {
        let (true_error_mean, true_error_std) = mean_std(&self.true_errors)?;
        let done = self.done();
        let per_folds = self
            .config
            .folds
            .iter()
            .zip(&self.estimates)
            .map(|(&folds, estimates)| {
                let (mean, std) = mean_std(estimates).expect("one estimate per resample done");
                let errors: Vec<f64> = estimates.iter().zip(&self.true_errors).map(|(e, t)| e - t).collect();
                let bias = errors.iter().sum::<f64>() / done as f64;
                let rmse = (errors.iter().map(|d| d * d).sum::<f64>() / done as f64).sqrt();
                let k = folds.k(self.config.n_samples);
                FoldsSummary { folds, k, estimates: estimates.clone(), mean, std, bias, rmse, fits: k * done }
            })
            .collect();
        Some(ExperimentSummary { resamples: done, true_errors: self.true_errors.clone(), true_error_mean, true_error_std, per_folds })
    }

    /// Runs every remaining resample and summarizes.
    pub fn finish(&mut self) -> ExperimentSummary {
        self.by_ref().for_each(drop);
        self.summary().expect("build guarantees at least one resample")
    }
}

impl<D, G, S, T> Iterator for CvExperiment<D, G, S, T>
where
    G: FnMut(&mut SeededRng, usize) -> D,
    S: FnMut(&D, &Split) -> f64,
    T: FnMut(&D) -> f64,
{
    type Item = Resample;

    fn next(&mut self) -> Option<Resample> {
        let index = self.done();
        if index >= self.config.resamples {
            return None;
        }
        let n = self.config.n_samples;
        let r = index as u64;
        let data = (self.generate)(&mut SeededRng::new(splitmix_output(self.config.seed, 2 * r)), n);
        let true_error = (self.true_error)(&data);
        let shuffle_seed = splitmix_output(self.config.seed, 2 * r + 1);
        let mut estimates = Vec::with_capacity(self.config.folds.len());
        for (slot, folds) in self.config.folds.iter().enumerate() {
            let splits = folds.splitter(shuffle_seed).splits(n, None).expect("fold counts were validated by build");
            let fit_and_score = &mut self.fit_and_score;
            let estimate = CrossValidation::new(splits, |split: &Split| fit_and_score(&data, split)).finish().expect("k ≥ 2 splits").mean;
            self.estimates[slot].push(estimate);
            estimates.push(estimate);
        }
        self.true_errors.push(true_error);
        Some(Resample { index, true_error, estimates })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.config.resamples - self.done();
        (left, Some(left))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks that `splits` are `repeats` rounds of `k` folds, each round testing every sample
    /// exactly once, with train and test ascending, disjoint and covering 0..n.
    fn assert_partitions(splits: &[Split], n: usize, k: usize, repeats: usize) {
        assert_eq!(splits.len(), k * repeats);
        for round in splits.chunks(k) {
            let mut tested = vec![0usize; n];
            for s in round {
                assert!(s.test.windows(2).all(|w| w[0] < w[1]), "test not ascending: {:?}", s.test);
                assert!(s.train.windows(2).all(|w| w[0] < w[1]), "train not ascending");
                assert!(!s.test.is_empty() && !s.train.is_empty());
                let mut seen = vec![false; n];
                for &i in s.train.iter().chain(&s.test) {
                    assert!(!seen[i], "sample {i} both in train and test (or twice)");
                    seen[i] = true;
                }
                assert!(seen.iter().all(|&b| b), "a split must cover every sample");
                for &i in &s.test {
                    tested[i] += 1;
                }
            }
            assert!(tested.iter().all(|&c| c == 1), "each sample tested once per round: {tested:?}");
            // Fold sizes differ by at most one.
            let sizes: Vec<usize> = round.iter().map(|s| s.test.len()).collect();
            assert!(sizes.iter().max().unwrap() - sizes.iter().min().unwrap() <= 1, "{sizes:?}");
        }
    }

    /// 13 / 5 / 7 members, scrambled (the fixtures' first stratified case).
    fn uneven_labels() -> Vec<usize> {
        vec![0, 0, 2, 1, 0, 2, 1, 2, 2, 1, 0, 0, 1, 0, 0, 2, 0, 0, 0, 2, 0, 0, 2, 1, 0]
    }

    #[test]
    fn uneven_labels_are_13_5_7() {
        let y = uneven_labels();
        assert_eq!([0, 1, 2].map(|c| y.iter().filter(|&&l| l == c).count()), [13, 5, 7]);
    }

    #[test]
    fn kfold_matches_the_block_rule_by_hand() {
        // n = 10, k = 3: sizes 4, 3, 3 in index order.
        let s = Splitter::KFold { k: 3 }.splits(10, None).unwrap();
        let tests: Vec<_> = s.iter().map(|s| s.test.clone()).collect();
        assert_eq!(tests, vec![vec![0, 1, 2, 3], vec![4, 5, 6], vec![7, 8, 9]]);
        assert_eq!(s[1].train, vec![0, 1, 2, 3, 7, 8, 9]);
    }

    #[test]
    fn every_splitter_partitions_the_data() {
        let labels: Vec<usize> = (0..37).map(|i| (i * 7 + i / 5) % 3).collect();
        for n in [2usize, 3, 10, 23, 37] {
            for k in [2usize, 3, 5, 10].into_iter().filter(|&k| k <= n) {
                assert_partitions(&Splitter::KFold { k }.splits(n, None).unwrap(), n, k, 1);
                assert_partitions(&Splitter::ShuffledKFold { k, seed: 3 }.splits(n, None).unwrap(), n, k, 1);
                assert_partitions(&Splitter::RepeatedKFold { k, repeats: 4, seed: 3 }.splits(n, None).unwrap(), n, k, 4);
            }
            assert_partitions(&Splitter::LeaveOneOut.splits(n, None).unwrap(), n, n, 1);
        }
        let n = labels.len();
        for k in [2, 3, 5, 7] {
            let y = Some(&labels[..]);
            assert_partitions(&Splitter::StratifiedKFold { k }.splits(n, y).unwrap(), n, k, 1);
            assert_partitions(&Splitter::ShuffledStratifiedKFold { k, seed: 5 }.splits(n, y).unwrap(), n, k, 1);
            assert_partitions(&Splitter::RepeatedStratifiedKFold { k, repeats: 3, seed: 5 }.splits(n, y).unwrap(), n, k, 3);
        }
    }

    #[test]
    fn leave_one_out_has_n_single_sample_folds() {
        let s = Splitter::LeaveOneOut.splits(7, None).unwrap();
        assert_eq!(s.len(), 7);
        for (i, split) in s.iter().enumerate() {
            assert_eq!(split.test, vec![i]);
            assert_eq!(split.train.len(), 6);
        }
        // Same as k-fold with k = n.
        assert_eq!(s, Splitter::KFold { k: 7 }.splits(7, None).unwrap());
        assert_eq!(Splitter::LeaveOneOut.n_splits(7), 7);
    }

    #[test]
    fn shuffled_splitters_are_deterministic_by_seed_and_differ_across_seeds() {
        let labels: Vec<usize> = (0..40).map(|i| i % 3).collect();
        let y = Some(&labels[..]);
        let make: [fn(u64) -> Splitter; 5] = [
            |seed| Splitter::ShuffledKFold { k: 4, seed },
            |seed| Splitter::ShuffledStratifiedKFold { k: 4, seed },
            |seed| Splitter::RepeatedKFold { k: 4, repeats: 2, seed },
            |seed| Splitter::RepeatedStratifiedKFold { k: 4, repeats: 2, seed },
            |seed| Splitter::HoldOut { test_fraction: 0.25, seed },
        ];
        for make in make {
            let a = make(11).splits(40, y).unwrap();
            assert_eq!(a, make(11).splits(40, y).unwrap(), "{:?}", make(11));
            assert_ne!(a, make(12).splits(40, y).unwrap(), "{:?}", make(11));
        }
        // Shuffling actually moves samples away from the unshuffled blocks.
        assert_ne!(Splitter::ShuffledKFold { k: 4, seed: 0 }.splits(40, None).unwrap(), Splitter::KFold { k: 4 }.splits(40, None).unwrap());
    }

    #[test]
    fn repeats_use_different_shuffles() {
        let s = Splitter::RepeatedKFold { k: 5, repeats: 3, seed: 1 }.splits(30, None).unwrap();
        assert_ne!(s[0..5], s[5..10]);
        assert_ne!(s[5..10], s[10..15]);
        // Round 0 is seeded from (seed, 0), not with the base seed itself.
        assert_ne!(s[0..5], Splitter::ShuffledKFold { k: 5, seed: 1 }.splits(30, None).unwrap()[..]);
        assert_eq!(Splitter::RepeatedKFold { k: 5, repeats: 3, seed: 1 }.n_splits(30), 15);
        assert_eq!(Splitter::RepeatedKFold { k: 5, repeats: 3, seed: 1 }.repeats(), 3);
    }

    /// For every class with m members and every fold: |count in fold − m/k| < 1.
    fn assert_stratified(splits: &[Split], labels: &[usize], k: usize) {
        let classes: std::collections::BTreeSet<usize> = labels.iter().copied().collect();
        for &c in &classes {
            let m = labels.iter().filter(|&&l| l == c).count() as f64;
            for s in splits {
                let in_fold = s.test.iter().filter(|&&i| labels[i] == c).count() as f64;
                assert!((in_fold - m / k as f64).abs() < 1.0, "class {c}: {in_fold} in a fold, m/k = {}", m / k as f64);
            }
        }
    }

    #[test]
    fn stratified_folds_keep_class_proportions_within_one() {
        let skewed: Vec<usize> = (0..61)
            .map(|i| {
                if i % 10 == 0 {
                    2
                } else if i % 3 == 0 {
                    1
                } else {
                    0
                }
            })
            .collect();
        for labels in [uneven_labels(), skewed] {
            let n = labels.len();
            for k in [2, 3, 4] {
                let plain = Splitter::StratifiedKFold { k }.splits(n, Some(&labels)).unwrap();
                assert_stratified(&plain, &labels, k);
                let shuffled = Splitter::ShuffledStratifiedKFold { k, seed: 9 }.splits(n, Some(&labels)).unwrap();
                assert_stratified(&shuffled, &labels, k);
                // Shuffling changes which members, not how many of each class, a fold gets.
                let counts = |s: &[Split]| -> Vec<Vec<usize>> {
                    s.iter().map(|s| (0..3).map(|c| s.test.iter().filter(|&&i| labels[i] == c).count()).collect()).collect()
                };
                assert_eq!(counts(&plain), counts(&shuffled));
            }
        }
    }

    #[test]
    fn stratified_numbers_classes_by_first_appearance_not_value() {
        // Relabelling classes (keeping which samples share a class) must not change the folds.
        let y: Vec<usize> = uneven_labels();
        let relabelled: Vec<usize> = y.iter().map(|&l| [900, 4, 17][l]).collect();
        for k in [2, 3, 4] {
            assert_eq!(
                Splitter::StratifiedKFold { k }.splits(25, Some(&y)).unwrap(),
                Splitter::StratifiedKFold { k }.splits(25, Some(&relabelled)).unwrap()
            );
        }
    }

    #[test]
    fn bad_fold_counts_are_typed_errors() {
        assert_eq!(Splitter::KFold { k: 11 }.splits(10, None), Err(CvError::TooManyFolds { k: 11, n_samples: 10 }));
        assert_eq!(Splitter::KFold { k: 1 }.splits(10, None), Err(CvError::TooFewFolds { k: 1 }));
        assert_eq!(Splitter::KFold { k: 0 }.splits(10, None), Err(CvError::TooFewFolds { k: 0 }));
        assert_eq!(Splitter::ShuffledKFold { k: 3, seed: 0 }.splits(2, None), Err(CvError::TooManyFolds { k: 3, n_samples: 2 }));
        assert_eq!(Splitter::KFold { k: 2 }.splits(0, None), Err(CvError::TooManyFolds { k: 2, n_samples: 0 }));
        assert_eq!(
            Splitter::RepeatedKFold { k: 2, repeats: 0, seed: 0 }.splits(5, None),
            Err(CvError::OutOfRange { name: "repeats", detail: "must be ≥ 1" })
        );
        assert_eq!(
            Splitter::RepeatedKFold { k: 6, repeats: 2, seed: 0 }.splits(5, None),
            Err(CvError::TooManyFolds { k: 6, n_samples: 5 })
        );
        assert_eq!(Splitter::LeaveOneOut.splits(1, None), Err(CvError::TooFewSamples { n_samples: 1, needed: 2 }));
        let y = uneven_labels();
        assert_eq!(Splitter::StratifiedKFold { k: 26 }.splits(25, Some(&y)), Err(CvError::TooManyFolds { k: 26, n_samples: 25 }));
        assert_eq!(Splitter::StratifiedKFold { k: 1 }.splits(25, Some(&y)), Err(CvError::TooFewFolds { k: 1 }));
    }

    #[test]
    fn too_few_class_members_is_a_typed_error() {
        let y = uneven_labels(); // 13 / 5 / 7
        // Smallest class (label 1, 5 members) below k: scikit-learn would only warn.
        let err = Splitter::StratifiedKFold { k: 6 }.splits(25, Some(&y)).unwrap_err();
        assert_eq!(err, CvError::ClassTooSmall { label: 1, members: 5, k: 6 });
        assert!(err.to_string().contains("class 1 has only 5"), "{err}");
        // Every class below k: scikit-learn raises too.
        assert_eq!(Splitter::StratifiedKFold { k: 14 }.splits(25, Some(&y)), Err(CvError::ClassTooSmall { label: 1, members: 5, k: 14 }));
        assert!(Splitter::ShuffledStratifiedKFold { k: 6, seed: 1 }.splits(25, Some(&y)).is_err());
        assert!(Splitter::RepeatedStratifiedKFold { k: 6, repeats: 2, seed: 1 }.splits(25, Some(&y)).is_err());
        // Exactly k members is enough.
        assert!(Splitter::StratifiedKFold { k: 5 }.splits(25, Some(&y)).is_ok());
        // Ties name the class that appears first.
        assert_eq!(
            Splitter::StratifiedKFold { k: 3 }.splits(4, Some(&[8, 8, 3, 3])),
            Err(CvError::ClassTooSmall { label: 8, members: 2, k: 3 })
        );
    }

    #[test]
    fn label_problems_are_typed_errors() {
        assert_eq!(Splitter::StratifiedKFold { k: 2 }.splits(10, None), Err(CvError::MissingLabels));
        assert_eq!(Splitter::RepeatedStratifiedKFold { k: 2, repeats: 2, seed: 0 }.splits(10, None), Err(CvError::MissingLabels));
        assert_eq!(
            Splitter::StratifiedKFold { k: 2 }.splits(10, Some(&[0; 9])),
            Err(CvError::LabelCountMismatch { labels: 9, n_samples: 10 })
        );
        // Labels are checked for length even where they are not used.
        assert_eq!(Splitter::KFold { k: 2 }.splits(10, Some(&[0; 11])), Err(CvError::LabelCountMismatch { labels: 11, n_samples: 10 }));
        assert!(Splitter::KFold { k: 2 }.splits(10, Some(&[0; 10])).is_ok());
        assert!(Splitter::StratifiedKFold { k: 2 }.needs_labels() && !Splitter::KFold { k: 2 }.needs_labels());
    }

    #[test]
    fn hold_out_sizes_and_errors() {
        let size = |f: f64, n: usize| Splitter::HoldOut { test_fraction: f, seed: 4 }.splits(n, None).unwrap()[0].test.len();
        assert_eq!(size(0.2, 10), 2);
        // 0.7·10 is 7.000000000000001 in floating point; still 7.
        assert_eq!(size(0.7, 10), 7);
        assert_eq!(size(0.25, 10), 3); // ⌈2.5⌉, as scikit-learn's train_test_split
        assert_eq!(size(0.01, 10), 1);
        assert_eq!(size(0.99, 10), 9); // clamped: training keeps one sample
        assert_eq!(size(0.5, 2), 1);
        let s = Splitter::HoldOut { test_fraction: 0.3, seed: 4 }.splits(50, None).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].train.len() + s[0].test.len(), 50);
        for f in [0.0, 1.0, -0.1, f64::NAN, f64::INFINITY] {
            assert!(matches!(Splitter::HoldOut { test_fraction: f, seed: 0 }.splits(10, None), Err(CvError::OutOfRange { .. })), "{f}");
        }
        assert_eq!(
            Splitter::HoldOut { test_fraction: 0.5, seed: 0 }.splits(1, None),
            Err(CvError::TooFewSamples { n_samples: 1, needed: 2 })
        );
    }

    #[test]
    fn shuffle_is_a_uniform_permutation() {
        // Where element 0 lands, over many seeds: each of 5 slots about 1/5 of the time.
        let mut landed = [0usize; 5];
        for seed in 0..20_000 {
            let p = permutation(5, seed);
            let mut sorted = p.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, vec![0, 1, 2, 3, 4]);
            landed[p.iter().position(|&x| x == 0).unwrap()] += 1;
        }
        for c in landed {
            assert!((c as f64 / 20_000.0 - 0.2).abs() < 0.015, "{landed:?}");
        }
        assert!(permutation(0, 1).is_empty());
        assert_eq!(permutation(1, 1), vec![0]);
    }

    #[test]
    fn cross_validation_steps_one_fold_at_a_time() {
        // "Model": predict the training mean; score: mean squared error on the test fold.
        let y = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let mut calls = 0;
        let fit_and_score = |s: &Split| {
            calls += 1;
            let mean = s.train.iter().map(|&i| y[i]).sum::<f64>() / s.train.len() as f64;
            s.test.iter().map(|&i| (y[i] - mean).powi(2)).sum::<f64>() / s.test.len() as f64
        };
        let mut cv = CrossValidation::with_splitter(&Splitter::KFold { k: 3 }, 6, None, fit_and_score).unwrap();
        assert_eq!((cv.len(), cv.done(), cv.is_finished()), (3, 0, false));
        assert_eq!(cv.summary(), None);
        assert_eq!(cv.upcoming().unwrap().test, vec![0, 1]);
        // Fold 1 tests {1, 2} against mean(3..6) = 4.5: ((1−4.5)² + (2−4.5)²)/2 = (12.25 + 6.25)/2.
        assert_eq!(cv.next(), Some(9.25));
        assert_eq!(cv.done(), 1);
        assert_eq!(cv.summary().unwrap().scores, vec![9.25]);
        assert_eq!(cv.upcoming().unwrap().test, vec![2, 3]);
        // Fold 2 tests {3, 4} against mean(1, 2, 5, 6) = 3.5: (0.25 + 0.25)/2. Fold 3 mirrors fold 1.
        let summary = cv.finish().unwrap();
        assert!(cv.is_finished());
        assert_eq!(summary.scores, vec![9.25, 0.25, 9.25]);
        assert!((summary.mean - 6.25).abs() < 1e-12);
        // Population std: √(((3)² + (−6)² + (3)²)/3) = √18.
        assert!((summary.std - 18f64.sqrt()).abs() < 1e-12, "{}", summary.std);
        assert_eq!(cv.next(), None);
        drop(cv);
        assert_eq!(calls, 3, "each fold fitted exactly once");
    }

    #[test]
    fn cross_validation_with_no_splits_is_finished_at_once() {
        let mut cv = CrossValidation::new(Vec::new(), |_: &Split| 1.0);
        assert!(cv.is_empty() && cv.is_finished());
        assert_eq!(cv.finish(), None);
        assert_eq!(CvSummary::from_scores(&[]), None);
    }

    /// Known truth: y ~ N(μ, σ²), the model predicts the training mean, the metric is squared
    /// error. A model fitted on m points has expected error σ²(1 + 1/m), so k-fold CV (m =
    /// n(k−1)/k) overshoots the error of the model fitted on all n points by σ²(1/m − 1/n).
    #[allow(clippy::type_complexity)]
    fn mean_model_experiment(
        config: CvExperimentConfig,
        mu: f64,
        sigma: f64,
    ) -> CvExperiment<
        Vec<f64>,
        impl FnMut(&mut SeededRng, usize) -> Vec<f64>,
        impl FnMut(&Vec<f64>, &Split) -> f64,
        impl FnMut(&Vec<f64>) -> f64,
    > {
        config
            .build(
                move |rng: &mut SeededRng, n: usize| (0..n).map(|_| mu + sigma * rng.normal()).collect::<Vec<f64>>(),
                |y: &Vec<f64>, s: &Split| {
                    let mean = s.train.iter().map(|&i| y[i]).sum::<f64>() / s.train.len() as f64;
                    s.test.iter().map(|&i| (y[i] - mean).powi(2)).sum::<f64>() / s.test.len() as f64
                },
                move |y: &Vec<f64>| {
                    let mean = y.iter().sum::<f64>() / y.len() as f64;
                    sigma * sigma + (mean - mu).powi(2)
                },
            )
            .unwrap()
    }

    #[test]
    fn experiment_bias_matches_theory_and_shrinks_with_k() {
        let n = 20;
        let folds = vec![Folds::K(2), Folds::K(5), Folds::K(10), Folds::LeaveOneOut];
        let config = CvExperimentConfig { seed: 7, ..CvExperimentConfig::new(n, 4000, folds) };
        let summary = mean_model_experiment(config, 3.0, 1.0).finish();
        assert_eq!(summary.resamples, 4000);
        // E[true error] = 1 + 1/20.
        assert!((summary.true_error_mean - 1.05).abs() < 0.01, "{}", summary.true_error_mean);
        let mut last_bias = f64::INFINITY;
        for f in &summary.per_folds {
            let m = (n - n / f.k) as f64;
            let expected_bias = 1.0 / m - 1.0 / n as f64;
            assert!((f.bias - expected_bias).abs() < 0.01, "{}: bias {} vs {expected_bias}", f.folds.label(), f.bias);
            assert!((f.mean - (1.0 + 1.0 / m)).abs() < 0.03, "{}: mean {}", f.folds.label(), f.mean);
            assert!(f.bias < last_bias, "bias must shrink as k grows");
            last_bias = f.bias;
            assert_eq!(f.estimates.len(), 4000);
            assert_eq!(f.fits, 4000 * f.k);
            assert!(f.std > 0.0 && f.rmse >= f.bias.abs());
        }
        assert_eq!(summary.per_folds[3].k, n);
    }

    #[test]
    fn experiment_steps_one_resample_at_a_time_and_is_reproducible() {
        let config = CvExperimentConfig { seed: 3, ..CvExperimentConfig::new(12, 5, vec![Folds::K(3), Folds::LeaveOneOut]) };
        let mut a = mean_model_experiment(config.clone(), 0.0, 2.0);
        assert_eq!((a.done(), a.fits(), a.is_finished()), (0, 0, false));
        assert!(a.summary().is_none());
        let first = a.next().unwrap();
        assert_eq!(first.index, 0);
        assert_eq!(first.estimates.len(), 2);
        assert_eq!((a.done(), a.fits()), (1, 3 + 12));
        assert_eq!(a.summary().unwrap().per_folds[0].estimates, vec![first.estimates[0]]);
        let rest: Vec<Resample> = a.by_ref().collect();
        assert_eq!(rest.len(), 4);
        assert!(a.is_finished() && a.next().is_none());

        let b: Vec<Resample> = mean_model_experiment(config.clone(), 0.0, 2.0).collect();
        assert_eq!(b[0], first);
        assert_eq!(&b[1..], &rest[..]);
        let other: Vec<Resample> = mean_model_experiment(CvExperimentConfig { seed: 4, ..config }, 0.0, 2.0).collect();
        assert_ne!(other, b);
    }

    #[test]
    fn experiment_settings_are_validated() {
        let build = |c: CvExperimentConfig| c.build(|_: &mut SeededRng, _| (), |_: &(), _: &Split| 0.0, |_: &()| 0.0).map(|_| ());
        assert_eq!(build(CvExperimentConfig::new(10, 5, vec![Folds::K(11)])), Err(CvError::TooManyFolds { k: 11, n_samples: 10 }));
        assert_eq!(build(CvExperimentConfig::new(10, 5, vec![Folds::K(1)])), Err(CvError::TooFewFolds { k: 1 }));
        assert!(matches!(build(CvExperimentConfig::new(10, 0, vec![Folds::K(2)])), Err(CvError::OutOfRange { name: "resamples", .. })));
        assert!(matches!(build(CvExperimentConfig::new(10, 5, vec![])), Err(CvError::OutOfRange { name: "folds", .. })));
        assert_eq!(build(CvExperimentConfig::new(1, 5, vec![Folds::LeaveOneOut])), Err(CvError::TooFewSamples { n_samples: 1, needed: 2 }));
        assert!(build(CvExperimentConfig::k_comparison()).is_ok());
        assert_eq!(Folds::LeaveOneOut.label(), "leave-one-out");
        assert_eq!(Folds::K(5).k(100), 5);
    }
}
