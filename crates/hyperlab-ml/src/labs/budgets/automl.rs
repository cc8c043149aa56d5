//! The AutoML corner: the same budget spent on a search over model families as well as their
//! knobs — a polynomial ridge classifier, the network or the trees lab's random forest — with a
//! leaderboard. One trial per step, so the page can spread it over frames.

use super::trials::{space, train_config, Problem};
use super::Settings;
use crate::linear_model::LinearParams;
use crate::datasets::toy2d::Dataset;
use crate::datasets::poly::Standardizer;
use crate::rng::SeededRng;
use crate::rng::derive_seed;
use crate::search::strategy::random_point;
use crate::search::{Dimension, Space};
use crate::trees::{argmax, Columns, Ensemble, Forest, ForestParams, MaxFeatures, Task, TreeParams};
use ndarray::{Array1, Array2, ArrayView2};

/// Bounds of the ridge classifier's knobs.
pub const DEGREE: (i64, i64) = (1, 8);
pub const ALPHA: (f64, f64) = (1e-4, 10.0);
/// Epochs a ridge fit is charged: it is one closed-form solve, about the work of one epoch.
pub const RIDGE_COST: usize = 1;
/// Bounds of the forest's knobs: number of trees and maximum depth.
pub const FOREST_TREES: (i64, i64) = (10, 100);
pub const FOREST_DEPTH: (i64, i64) = (1, 12);
/// Epochs a forest is charged. A forest has no epochs: the budget's one currency needs a price,
/// and this one is the shortest full network run the lab allows (R = 9). The texts state it, as
/// pricing models against each other is a choice AutoML leaves to its user.
pub const FOREST_COST: usize = 9;
/// Rows of the leaderboard.
pub const LEADERBOARD: usize = 5;

/// A model family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Ridge,
    Network,
    Forest,
}

impl Family {
    pub fn label(self) -> &'static str {
        match self {
            Family::Ridge => "Polynomial ridge classifier",
            Family::Network => "Neural network",
            Family::Forest => "Random forest",
        }
    }
}

/// One model tried.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub family: Family,
    /// Its knobs in words.
    pub knobs: String,
    /// Share of the validation points classified correctly.
    pub accuracy: f64,
    pub cost: usize,
}

/// The ridge classifier's knobs: degree and α (log scale).
pub fn ridge_space() -> Space {
    Space::new(vec![Dimension::integer("degree", DEGREE.0, DEGREE.1), Dimension::log("alpha", ALPHA.0, ALPHA.1)]).expect("valid bounds")
}

/// Every monomial xᵃyᵇ with 1 ≤ a + b ≤ degree, one row per point.
pub fn features_2d(x: ArrayView2<f64>, degree: usize) -> Array2<f64> {
    let powers: Vec<(i32, i32)> = (1..=degree as i32).flat_map(|d| (0..=d).map(move |a| (a, d - a))).collect();
    Array2::from_shape_fn((x.nrows(), powers.len()), |(i, j)| x[[i, 0]].powi(powers[j].0) * x[[i, 1]].powi(powers[j].1))
}

/// Validation accuracy of ridge regression on the 0/1 labels (standardized polynomial features,
/// predicting class 1 where the fit is ≥ 0.5).
pub fn ridge_accuracy(data: &Dataset, degree: usize, alpha: f64) -> f64 {
    let train = features_2d(data.train.inputs.view(), degree);
    let val = features_2d(data.validation.inputs.view(), degree);
    let Ok((scaler, train)) = Standardizer::fit_transform(train.view()) else { return f64::NAN };
    let Ok(val) = scaler.transform(val.view()) else { return f64::NAN };
    let Ok(params) = LinearParams::ridge(alpha).validate() else { return f64::NAN };
    let Ok(fit) = params.fit(train.view(), data.train.targets.view()) else { return f64::NAN };
    let Ok(pred) = fit.predict(val.view()) else { return f64::NAN };
    accuracy(&pred, &data.validation.targets)
}

/// The forest's knobs: number of trees and maximum depth.
pub fn forest_space() -> Space {
    Space::new(vec![Dimension::integer("trees", FOREST_TREES.0, FOREST_TREES.1), Dimension::integer("max_depth", FOREST_DEPTH.0, FOREST_DEPTH.1)]).expect("valid bounds")
}

/// Validation accuracy of a random forest (scikit-learn's defaults otherwise: bootstrap, √p
/// features per split, Gini) with `trees` trees of at most `depth` levels.
pub fn forest_accuracy(data: &Dataset, trees: usize, depth: usize, seed: u64) -> f64 {
    let labels: Vec<f64> = data.train.targets.iter().map(|&y| if y >= 0.5 { 1.0 } else { 0.0 }).collect();
    let params = ForestParams { n_estimators: trees, tree: TreeParams { max_depth: Some(depth), max_features: MaxFeatures::Sqrt, ..TreeParams::default() }, bootstrap: true, seed };
    let Ok(mut forest) = Forest::new(Columns::from_rows(data.train.inputs.view()), labels, Task::Classification { n_classes: 2 }, params) else { return f64::NAN };
    while let Ok(true) = forest.step() {}
    let pred: Array1<f64> = data.validation.inputs.rows().into_iter().map(|row| argmax(&forest.predict(&row.to_vec())) as f64).collect();
    accuracy(&pred, &data.validation.targets)
}

fn accuracy(pred: &Array1<f64>, targets: &Array1<f64>) -> f64 {
    let right = pred.iter().zip(targets).filter(|(p, t)| (**p >= 0.5) == (**t >= 0.5)).count();
    right as f64 / targets.len().max(1) as f64
}

/// The AutoML search in progress.
#[derive(Clone, Debug)]
pub struct AutoMl {
    pub problem: Problem,
    pub budget: usize,
    pub max: usize,
    seed: u64,
    data: Dataset,
    pub spent: usize,
    pub entries: Vec<Entry>,
    done: bool,
}

impl AutoMl {
    pub fn new(settings: &Settings) -> Self {
        let data = settings.problem.data().build().expect("the problems' data settings are valid");
        AutoMl { problem: settings.problem, budget: settings.budget(), max: settings.max, seed: settings.seed, data, spent: 0, entries: Vec::new(), done: false }
    }

    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Tries one more model: the family drawn at random (one in three each), the knobs random in
    /// its space. False once the next model does not fit in the budget.
    pub fn step(&mut self) -> bool {
        if self.done {
            return false;
        }
        let k = self.entries.len();
        let draw = SeededRng::new(derive_seed(self.seed ^ 0x0A07_0A17, k as u64)).uniform();
        let family = if draw < 1.0 / 3.0 {
            Family::Ridge
        } else if draw < 2.0 / 3.0 {
            Family::Network
        } else {
            Family::Forest
        };
        let cost = match family {
            Family::Ridge => RIDGE_COST,
            Family::Network => self.max,
            Family::Forest => FOREST_COST,
        };
        if self.spent + cost > self.budget {
            self.done = true;
            return false;
        }
        let entry = match family {
            Family::Ridge => {
                let sp = ridge_space();
                let p = random_point(&sp, self.seed ^ 0x0A07_0A17, k);
                let f = sp.format(&p);
                Entry { family, knobs: format!("degree {}, α {}", f[0], f[1]), accuracy: ridge_accuracy(&self.data, p[0] as usize, p[1]), cost }
            }
            Family::Network => {
                let sp = space();
                let p = random_point(&sp, self.seed ^ 0x0A07_0A17, k);
                let acc = train_config(&p, self.max, derive_seed(self.seed, 1000 + k as u64))
                    .build(&self.data)
                    .ok()
                    .and_then(|mut t| {
                        t.advance(self.max);
                        t.latest().val_accuracy
                    })
                    .unwrap_or(f64::NAN);
                Entry { family, knobs: super::texts::describe_point(&p), accuracy: acc, cost }
            }
            Family::Forest => {
                let sp = forest_space();
                let p = random_point(&sp, self.seed ^ 0x0A07_0A17, k);
                let (trees, depth) = (p[0] as usize, p[1] as usize);
                Entry { family, knobs: format!("{trees} trees, depth ≤ {depth}"), accuracy: forest_accuracy(&self.data, trees, depth, derive_seed(self.seed, 2000 + k as u64)), cost }
            }
        };
        self.spent += cost;
        self.entries.push(entry);
        true
    }

    pub fn finish(&mut self) {
        while self.step() {}
    }

    /// The best models so far, most accurate first (failed ones last).
    pub fn leaderboard(&self) -> Vec<&Entry> {
        let key = |e: &Entry| if e.accuracy.is_finite() { e.accuracy } else { -1.0 };
        let mut order: Vec<usize> = (0..self.entries.len()).collect();
        crate::sorting::sort_indices_by(&mut order, &|a, b| key(&self.entries[b]).total_cmp(&key(&self.entries[a])));
        let mut v: Vec<&Entry> = order.into_iter().map(|i| &self.entries[i]).collect();
        v.truncate(LEADERBOARD);
        v
    }

    pub fn count(&self, family: Family) -> usize {
        self.entries.iter().filter(|e| e.family == family).count()
    }
}
