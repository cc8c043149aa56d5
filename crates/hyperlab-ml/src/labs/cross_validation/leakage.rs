//! Leakage on pure noise: features that carry no information about the class, so every model's
//! true accuracy is exactly 50 % and any estimate above it is the leak talking. Two leaks, each
//! beside its honest counterpart: selecting features on all the data before cross-validating
//! (Hastie, Tibshirani & Friedman, *Elements of Statistical Learning*, §7.10.2), and picking a
//! hyperparameter (how many features to keep) by the very CV score that is then reported.

use crate::model_selection::{Split, Splitter};
use crate::rng::SeededRng;

/// Samples per data set (half of each class).
pub const LEAKAGE_POINTS: usize = 50;
/// Pure-noise features per sample.
pub const LEAKAGE_FEATURES: usize = 1000;
/// Features the selection keeps.
pub const LEAKAGE_KEPT: usize = 20;
pub const LEAKAGE_FOLDS: usize = 5;
/// The hyperparameter the tuning demo chooses: how many of the top-ranked features to keep.
pub const LEAKAGE_KEEP_CHOICES: [usize; 7] = [1, 2, 5, 10, 20, 50, 100];
/// The most features any procedure keeps.
const MOST_KEPT: usize = LEAKAGE_KEEP_CHOICES[LEAKAGE_KEEP_CHOICES.len() - 1];
/// Data sets per run.
pub const LEAKAGE_DATA_SETS: usize = 60;
/// Every classifier's accuracy on a fresh sample: the class is independent of the features and
/// both classes are equally likely.
pub const TRUE_ACCURACY: f64 = 0.5;

pub const LEAKAGE_INTRO: &str = "Pure noise: 50 samples in two equal classes, each with 1000 random features that say nothing about the class, so every model's true accuracy is exactly 50 %. A nearest-centroid classifier is scored by 5-fold stratified CV, on 60 such data sets. Each row is one procedure; its estimate sits next to the truth.";

pub const LEAKAGE_NOTE: &str = "Selecting the 20 features most correlated with the class on all the data lets the validation folds help choose the features: that CV reports far better than chance on pure noise (the classic mistake described by Hastie, Tibshirani & Friedman (ESL §7.10.2)). Selecting inside each training fold reports chance, as it should. Picking how many features to keep by the same CV score you then report is choosing a hyperparameter on the test folds: the best of several noisy scores is optimistic. Nested CV picks it inside each training fold and stays near chance. Like any preprocessing step, feature selection must be fitted inside each training fold; fitted on all the data before splitting, it lets the validation folds shape the model.";

/// One data set's estimates (accuracies).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LeakageRow {
    /// Features ranked on all samples, then 5-fold CV (leaky).
    pub select_leaky: f64,
    /// Features ranked inside each training fold (honest).
    pub select_honest: f64,
    /// The best CV accuracy over [`LEAKAGE_KEEP_CHOICES`], reported as the estimate (leaky).
    pub tune_leaky: f64,
    /// Nested CV: an inner CV on each outer training fold picks how many features to keep (honest).
    pub tune_nested: f64,
}

/// The 25th, 50th and 75th percentiles of one procedure's estimates over the data sets.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quartiles {
    pub lower: f64,
    pub median: f64,
    pub upper: f64,
}

impl Quartiles {
    /// `None` for no values. Linear interpolation between order statistics (NumPy's default).
    pub fn of(values: &[f64]) -> Option<Self> {
        if values.is_empty() {
            return None;
        }
        let mut v = values.to_vec();
        crate::sorting::sort_floats(&mut v);
        let at = |q: f64| {
            let pos = q * (v.len() - 1) as f64;
            let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
            v[lo] + (v[hi] - v[lo]) * (pos - lo as f64)
        };
        Some(Self { lower: at(0.25), median: at(0.5), upper: at(0.75) })
    }
}

/// What the table shows: per procedure, the quartiles over the data sets done so far.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LeakageSummary {
    pub data_sets: usize,
    pub select_leaky: Quartiles,
    pub select_honest: Quartiles,
    pub tune_leaky: Quartiles,
    pub tune_nested: Quartiles,
    pub truth: f64,
}

/// The demo, one data set per [`LeakageDemo::step`].
#[derive(Clone, Debug, PartialEq)]
pub struct LeakageDemo {
    seed: u64,
    data_sets: usize,
    rows: Vec<LeakageRow>,
}

impl LeakageDemo {
    pub fn new(seed: u64) -> Self {
        Self::with_data_sets(seed, LEAKAGE_DATA_SETS)
    }

    pub fn with_data_sets(seed: u64, data_sets: usize) -> Self {
        Self { seed, data_sets, rows: Vec::new() }
    }

    pub fn total(&self) -> usize {
        self.data_sets
    }

    pub fn rows(&self) -> &[LeakageRow] {
        &self.rows
    }

    pub fn done(&self) -> usize {
        self.rows.len()
    }

    pub fn is_finished(&self) -> bool {
        self.rows.len() >= self.data_sets
    }

    /// Runs every procedure on the next data set; `false` once all are done.
    pub fn step(&mut self) -> bool {
        if self.is_finished() {
            return false;
        }
        let index = self.rows.len() as u64;
        let seed = self.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(index);
        self.rows.push(NoiseData::new(seed).estimates(seed));
        true
    }

    pub fn finish(&mut self) -> Option<LeakageSummary> {
        while self.step() {}
        self.summary()
    }

    pub fn summary(&self) -> Option<LeakageSummary> {
        let q = |f: fn(&LeakageRow) -> f64| Quartiles::of(&self.rows.iter().map(f).collect::<Vec<_>>());
        Some(LeakageSummary {
            data_sets: self.rows.len(),
            select_leaky: q(|r| r.select_leaky)?,
            select_honest: q(|r| r.select_honest)?,
            tune_leaky: q(|r| r.tune_leaky)?,
            tune_nested: q(|r| r.tune_nested)?,
            truth: TRUE_ACCURACY,
        })
    }
}

/// One pure-noise data set, stored feature by feature.
struct NoiseData {
    /// `features[j][i]`: feature j of sample i, standard normal.
    features: Vec<Vec<f64>>,
    labels: Vec<usize>,
}

impl NoiseData {
    fn new(seed: u64) -> Self {
        let mut rng = SeededRng::new(seed);
        let n = LEAKAGE_POINTS;
        let mut labels: Vec<usize> = (0..n).map(|i| usize::from(i >= n / 2)).collect();
        for i in (1..n).rev() {
            let j = ((rng.uniform() * (i + 1) as f64) as usize).min(i);
            labels.swap(i, j);
        }
        let features = (0..LEAKAGE_FEATURES).map(|_| (0..n).map(|_| rng.normal()).collect()).collect();
        Self { features, labels }
    }

    /// The [`MOST_KEPT`] features with the largest |correlation with the class| over `rows`,
    /// strongest first.
    fn ranking(&self, rows: &[usize]) -> Vec<usize> {
        let m = rows.len() as f64;
        let ybar = rows.iter().map(|&i| self.labels[i] as f64).sum::<f64>() / m;
        let strength: Vec<f64> = self
            .features
            .iter()
            .map(|f| {
                let xbar = rows.iter().map(|&i| f[i]).sum::<f64>() / m;
                let (mut sxy, mut sxx) = (0.0, 0.0);
                for &i in rows {
                    let dx = f[i] - xbar;
                    sxy += dx * (self.labels[i] as f64 - ybar);
                    sxx += dx * dx;
                }
                // |corr| up to the factor 1/√Syy shared by every feature.
                sxy.abs() / sxx.sqrt().max(1e-300)
            })
            .collect();
        let mut order: Vec<usize> = (0..self.features.len()).collect();
        let stronger = |a: &usize, b: &usize| strength[*b].total_cmp(&strength[*a]);
        order.select_nth_unstable_by(MOST_KEPT - 1, stronger);
        order.truncate(MOST_KEPT);
        crate::sorting::sort_indices_by(&mut order, &|a, b| stronger(&a, &b));
        order
    }

    /// Nearest-centroid accuracy on `test` with class means from `train`, over `features`.
    fn accuracy(&self, features: &[usize], train: &[usize], test: &[usize]) -> f64 {
        let mut centroid = [vec![0.0; features.len()], vec![0.0; features.len()]];
        let mut count = [0usize; 2];
        for &i in train {
            let c = self.labels[i];
            count[c] += 1;
            for (slot, &j) in features.iter().enumerate() {
                centroid[c][slot] += self.features[j][i];
            }
        }
        for c in 0..2 {
            centroid[c].iter_mut().for_each(|v| *v /= count[c].max(1) as f64);
        }
        let right = test
            .iter()
            .filter(|&&i| {
                let dist = |c: usize| features.iter().enumerate().map(|(slot, &j)| (self.features[j][i] - centroid[c][slot]).powi(2)).sum::<f64>();
                usize::from(dist(1) < dist(0)) == self.labels[i]
            })
            .count();
        right as f64 / test.len().max(1) as f64
    }

    /// Stratified, shuffled folds of `rows` (as indices into the data).
    fn folds(&self, rows: &[usize], seed: u64) -> Vec<Split> {
        let labels: Vec<usize> = rows.iter().map(|&i| self.labels[i]).collect();
        let splits = Splitter::ShuffledStratifiedKFold { k: LEAKAGE_FOLDS, seed }.splits(rows.len(), Some(&labels)).unwrap_or_default();
        let map = |v: &[usize]| v.iter().map(|&j| rows[j]).collect();
        splits.iter().map(|s| Split { train: map(&s.train), test: map(&s.test) }).collect()
    }

    /// Mean CV accuracy over `folds` for each keep count, features ranked on each training fold
    /// (`rankings[i]` for fold i).
    fn accuracy_per_keep(&self, folds: &[Split], rankings: &[Vec<usize>]) -> Vec<f64> {
        let mut sums = vec![0.0; LEAKAGE_KEEP_CHOICES.len()];
        for (s, ranking) in folds.iter().zip(rankings) {
            for (sum, &keep) in sums.iter_mut().zip(&LEAKAGE_KEEP_CHOICES) {
                *sum += self.accuracy(&ranking[..keep], &s.train, &s.test);
            }
        }
        sums.iter().map(|s| s / folds.len().max(1) as f64).collect()
    }

    fn estimates(&self, seed: u64) -> LeakageRow {
        let all: Vec<usize> = (0..LEAKAGE_POINTS).collect();
        let folds = self.folds(&all, seed);
        let mean = |f: &dyn Fn(&Split) -> f64| folds.iter().map(f).sum::<f64>() / folds.len().max(1) as f64;

        let leaky_features = self.ranking(&all)[..LEAKAGE_KEPT].to_vec();
        let select_leaky = mean(&|s| self.accuracy(&leaky_features, &s.train, &s.test));
        let rankings: Vec<Vec<usize>> = folds.iter().map(|s| self.ranking(&s.train)).collect();
        let per_keep = self.accuracy_per_keep(&folds, &rankings);
        let kept_index = LEAKAGE_KEEP_CHOICES.iter().position(|&k| k == LEAKAGE_KEPT).unwrap_or(0);
        let select_honest = per_keep[kept_index];
        let tune_leaky = per_keep.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let tune_nested = folds
            .iter()
            .zip(&rankings)
            .map(|(outer, ranking)| {
                let inner_folds = self.folds(&outer.train, seed ^ 0x1EAF);
                let inner_rankings: Vec<Vec<usize>> = inner_folds.iter().map(|s| self.ranking(&s.train)).collect();
                let inner = self.accuracy_per_keep(&inner_folds, &inner_rankings);
                // First of equal bests: the smallest feature count.
                let best = inner.iter().enumerate().fold(0, |b, (i, &a)| if a > inner[b] { i } else { b });
                self.accuracy(&ranking[..LEAKAGE_KEEP_CHOICES[best]], &outer.train, &outer.test)
            })
            .sum::<f64>()
            / folds.len().max(1) as f64;
        LeakageRow { select_leaky, select_honest, tune_leaky, tune_nested }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quartiles_interpolate_like_numpy() {
        let q = Quartiles::of(&[4.0, 1.0, 3.0, 2.0, 5.0]).unwrap();
        assert_eq!((q.lower, q.median, q.upper), (2.0, 3.0, 4.0));
        let q = Quartiles::of(&[1.0, 2.0]).unwrap();
        assert_eq!((q.lower, q.median, q.upper), (1.25, 1.5, 1.75));
        assert_eq!(Quartiles::of(&[]), None);
    }
}
