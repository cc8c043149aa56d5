//! The lab's main model: one data set split by the chosen splitter, one model fitted per split,
//! its score, and what the fold grid draws.

use super::Settings;
use crate::linear_model::logistic::{accuracy, two_classes, Logistic};
use crate::model_selection::{CvSummary, Split, Splitter};
use crate::labs::cross_validation::scenarios::PolyRidge;
use crate::datasets::curve::{DataParams, Truth};
use ndarray::Array1;

/// The share of the data kept out of cross-validation when "Hold out a test set" is on.
pub const TEST_FRACTION: f64 = 0.2;
/// Standard deviation of the noise on the regression data (a sine).
pub const REGRESSION_NOISE: f64 = 0.3;
/// A touch of ridge keeps high degrees on few points solvable.
pub const RIDGE_ALPHA: f64 = 1e-3;
pub const LOGISTIC_ALPHA: f64 = 0.1;
/// Distance between the two class centres (unit spread each).
pub const CLASS_SEPARATION: f64 = 2.0;
/// Rows the grid draws; further splits are counted, not drawn.
pub const MAX_ROWS: usize = 30;
/// The x range the small fold models are drawn over.
const CURVE_POINTS: usize = 40;

/// A fold's model, small enough to draw beside its row.
#[derive(Clone, Debug, PartialEq)]
pub enum MiniModel {
    /// Regression: the fitted curve over x ∈ [−1, 1] and the fold's validation points.
    Curve { curve: Vec<(f64, f64)>, points: Vec<(f64, f64)> },
    /// Classification: where the predicted class flips, and the validation points by class.
    Boundary { boundary: Option<f64>, points: Vec<(f64, usize)> },
}

#[derive(Clone, Debug, PartialEq)]
pub struct FoldRow {
    pub label: String,
    /// Per sample (in data order): in this split's validation fold?
    pub validation: Vec<bool>,
    pub score: f64,
    pub model: MiniModel,
}

#[derive(Clone, Debug, PartialEq)]
pub struct GridData {
    /// Per sample: held out as the final test set (never in any fold)?
    pub test: Vec<bool>,
    /// Per sample class, for classification.
    pub classes: Option<Vec<usize>>,
    pub rows: Vec<FoldRow>,
    /// Splits not drawn (leave-one-out on many points).
    pub hidden: usize,
    pub score_name: &'static str,
}

/// The data: x, a target (y for regression, the class for classification), classes if any.
#[derive(Clone, Debug, PartialEq)]
struct Data {
    x: Vec<f64>,
    y: Vec<f64>,
    classes: Option<Vec<usize>>,
}

fn data_of(s: &Settings) -> Data {
    if s.is_classification() {
        let d = two_classes(s.n, s.minority, CLASS_SEPARATION, s.sorted, s.seed);
        Data { y: d.labels.iter().map(|&c| c as f64).collect(), x: d.x, classes: Some(d.labels) }
    } else {
        let d = DataParams { truth: Truth::Sine, noise: REGRESSION_NOISE, n_points: s.n, seed: s.seed }.generate().unwrap_or_default();
        let mut pairs: Vec<(f64, f64)> = d.x.iter().copied().zip(d.y.iter().copied()).collect();
        if s.sorted {
            pairs = crate::sorting::argsort_by_key(pairs.len(), &|i| pairs[i].0).into_iter().map(|i| pairs[i]).collect();
        }
        Data { x: pairs.iter().map(|p| p.0).collect(), y: pairs.iter().map(|p| p.1).collect(), classes: None }
    }
}

fn pick<T: Copy>(v: &[T], idx: &[usize]) -> Vec<T> {
    idx.iter().map(|&i| v[i]).collect()
}

/// One finished cross-validation of the lab's settings: what the grid, the scores chart, the
/// status and the challenges show.
#[derive(Clone, Debug, PartialEq)]
pub struct CvRun {
    pub settings: Settings,
    pub grid: GridData,
    /// Every split's score (`None` when the splitter cannot split this data).
    pub summary: Option<CvSummary>,
    /// The final test set's score, for a model trained on all the cross-validation data.
    pub test_score: Option<f64>,
    /// Why the data cannot be split, in words.
    pub error: Option<String>,
    /// Per split: validation samples of the minority class (classification).
    pub minority_per_fold: Vec<usize>,
    /// Minority samples in the cross-validation data (classification).
    pub minority_total: usize,
    /// Validation samples per split.
    pub validation_sizes: Vec<usize>,
    /// With sorted x and unshuffled k-fold (regression): the estimate of the same data and
    /// model with shuffled folds, which the status compares against.
    pub shuffled_mean: Option<f64>,
    /// With leave-one-out: the spread of shuffled 5-fold's fold scores on the same data, which
    /// the status compares the single points' spread against.
    pub five_fold_std: Option<f64>,
}

impl CvRun {
    /// Splits the data the settings describe with their splitter and fits every split.
    pub fn new(settings: &Settings) -> Self {
        Self::with_splitter(settings, settings.splitter())
    }

    /// The same data and model, split by another splitter (lessons compare splitters on one
    /// data set).
    pub fn with_splitter(settings: &Settings, splitter: Splitter) -> Self {
        let data = data_of(settings);
        let n = data.x.len();
        let (dev, test) = dev_and_test(settings, n);
        let mut is_test = vec![false; n];
        test.iter().for_each(|&i| is_test[i] = true);
        let score_name = if data.classes.is_some() { "accuracy" } else { "validation MSE" };
        let mut run = CvRun {
            settings: *settings,
            grid: GridData { test: is_test, classes: data.classes.clone(), rows: Vec::new(), hidden: 0, score_name },
            summary: None,
            test_score: None,
            error: None,
            minority_per_fold: Vec::new(),
            minority_total: data.classes.as_ref().map_or(0, |c| dev.iter().filter(|&&j| c[j] == 1).count()),
            validation_sizes: Vec::new(),
            shuffled_mean: None,
            five_fold_std: None,
        };
        let dev_classes = data.classes.as_ref().map(|c| pick(c, &dev));
        let splits = match splitter.splits(dev.len(), dev_classes.as_deref()) {
            Ok(s) => s,
            Err(e) => {
                run.error = Some(if splitter.needs_labels() && data.classes.is_none() {
                    "Stratified folds need classes: switch the task to classification.".to_string()
                } else {
                    e.to_string()
                });
                return run;
            }
        };
        let per_repeat = splits.len() / splitter.repeats().max(1);
        let mut scores = Vec::with_capacity(splits.len());
        for (i, split) in splits.iter().enumerate() {
            let train: Vec<usize> = split.train.iter().map(|&j| dev[j]).collect();
            let val: Vec<usize> = split.test.iter().map(|&j| dev[j]).collect();
            let (score, model) = fit_and_score(settings, &data, &train, &val);
            scores.push(score);
            run.validation_sizes.push(val.len());
            if let Some(c) = &data.classes {
                run.minority_per_fold.push(val.iter().filter(|&&j| c[j] == 1).count());
            }
            if run.grid.rows.len() < MAX_ROWS {
                let mut validation = vec![false; n];
                val.iter().for_each(|&j| validation[j] = true);
                let label = if splitter.repeats() > 1 { format!("R{} F{}", i / per_repeat + 1, i % per_repeat + 1) } else { format!("Split {}", i + 1) };
                run.grid.rows.push(FoldRow { label, validation, score, model });
            } else {
                run.grid.hidden += 1;
            }
        }
        run.test_score = (!test.is_empty()).then(|| fit_and_score(settings, &data, &dev, &test).0);
        run.summary = CvSummary::from_scores(&scores);
        // The comparisons the status states, for the settings' own splitter only (not for the
        // comparison runs themselves, nor for lessons that compare splitters).
        let own = splitter == settings.splitter();
        if own && super::texts::folds_extrapolate(settings) {
            run.shuffled_mean = CvRun::new(&Settings { shuffle: true, ..*settings }).mean();
        }
        if own && settings.split == super::SplitKind::LeaveOneOut {
            run.five_fold_std = CvRun::with_splitter(settings, Splitter::ShuffledKFold { k: 5, seed: settings.seed }).summary.map(|s| s.std);
        }
        run
    }

    pub fn scores(&self) -> &[f64] {
        self.summary.as_ref().map_or(&[], |s| &s.scores)
    }

    pub fn mean(&self) -> Option<f64> {
        self.summary.as_ref().map(|s| s.mean)
    }

    /// Indices (from 0) of the splits whose validation fold holds no minority-class sample.
    pub fn starved_folds(&self) -> Vec<usize> {
        self.minority_per_fold.iter().enumerate().filter(|(_, m)| **m == 0).map(|(i, _)| i).collect()
    }
}

/// The cross-validation data and the final test set (empty unless the test set is on): the test
/// set never enters any fold.
fn dev_and_test(s: &Settings, n: usize) -> (Vec<usize>, Vec<usize>) {
    if s.test_set
        && let Ok(split) = (Splitter::HoldOut { test_fraction: TEST_FRACTION, seed: s.seed ^ 0x7E57 }).splits(n, None)
        && let Some(Split { train, test }) = split.into_iter().next()
    {
        return (train, test);
    }
    ((0..n).collect(), Vec::new())
}

/// Fits the fold's model on `train` and scores it on `test` (both indices into `data`).
fn fit_and_score(s: &Settings, data: &Data, train: &[usize], test: &[usize]) -> (f64, MiniModel) {
    if let Some(classes) = &data.classes {
        let m = Logistic::fit(&pick(&data.x, train), &pick(classes, train), LOGISTIC_ALPHA);
        let (xt, ct) = (pick(&data.x, test), pick(classes, test));
        return (accuracy(&m, &xt, &ct), MiniModel::Boundary { boundary: m.boundary(), points: xt.into_iter().zip(ct).collect() });
    }
    let model = PolyRidge { degree: s.degree, alpha: RIDGE_ALPHA, standardize: true };
    let (xt, yt) = (Array1::from(pick(&data.x, train)), Array1::from(pick(&data.y, train)));
    let (xv, yv) = (Array1::from(pick(&data.x, test)), Array1::from(pick(&data.y, test)));
    match model.fit(xt.view(), yt.view()) {
        Some(m) => {
            let grid: Array1<f64> = (0..CURVE_POINTS).map(|i| -1.0 + 2.0 * i as f64 / (CURVE_POINTS - 1) as f64).collect();
            let curve = grid.iter().copied().zip(m.predict(grid.view())).collect();
            (m.mse(xv.view(), yv.view()), MiniModel::Curve { curve, points: xv.iter().copied().zip(yv.iter().copied()).collect() })
        }
        None => (f64::NAN, MiniModel::Curve { curve: Vec::new(), points: Vec::new() }),
    }
}
