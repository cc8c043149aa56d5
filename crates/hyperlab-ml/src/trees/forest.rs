//! Random forests as scikit-learn's `RandomForestClassifier` / `RandomForestRegressor`: each tree
//! is fitted on a bootstrap sample given as sample weights (how many times each point was drawn),
//! looks at `max_features` random features per split, and the forest averages the trees' class
//! proportions (or values). Points a tree never drew are its out-of-bag points: averaging only
//! those trees' predictions gives each training point a prediction from trees that never saw it.
//! The bootstrap draws come from Hyperlab's seeded stream, not NumPy's, so the trees differ from
//! scikit-learn's for the same seed; the procedure is the same.

use super::cart::{Task, Tree, TreeError, TreeParams};
use super::{Columns, Ensemble};
use crate::rng::SeededRng;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ForestParams {
    pub n_estimators: usize,
    pub tree: TreeParams,
    pub bootstrap: bool,
    pub seed: u64,
}

/// A forest being grown one tree per [`Ensemble::step`].
#[derive(Clone, Debug)]
pub struct Forest {
    pub params: ForestParams,
    pub task: Task,
    x: Columns,
    targets: Vec<f64>,
    rng: SeededRng,
    pub trees: Vec<Tree>,
    /// Per training point: summed out-of-bag predictions (class proportions or value) and how
    /// many trees left it out.
    oob_sum: Vec<Vec<f64>>,
    oob_count: Vec<usize>,
    /// Out-of-bag error after each tree (`None` while no point has been out of bag yet).
    pub oob_curve: Vec<Option<f64>>,
}

impl Forest {
    pub fn new(x: Columns, targets: Vec<f64>, task: Task, params: ForestParams) -> Result<Self, TreeError> {
        if x.n == 0 {
            return Err(TreeError::Empty);
        }
        if targets.len() != x.n {
            return Err(TreeError::Mismatch("x and y have different numbers of samples"));
        }
        let width = match task {
            Task::Classification { n_classes } => n_classes,
            Task::Regression => 1,
        };
        let n = x.n;
        Ok(Self { params, task, x, targets, rng: SeededRng::new(params.seed), trees: Vec::new(), oob_sum: vec![vec![0.0; width]; n], oob_count: vec![0; n], oob_curve: Vec::new() })
    }

    /// Out-of-bag error so far: misclassification rate (or mean squared error) over the training
    /// points at least one tree left out; `None` if there are none yet.
    pub fn oob_error(&self) -> Option<f64> {
        let mut total = 0.0;
        let mut count = 0usize;
        for i in 0..self.x.n {
            if self.oob_count[i] == 0 {
                continue;
            }
            count += 1;
            let pred = &self.oob_sum[i];
            total += match self.task {
                Task::Classification { .. } => if argmax(pred) as f64 != self.targets[i] { 1.0 } else { 0.0 },
                Task::Regression => {
                    let d = pred[0] / self.oob_count[i] as f64 - self.targets[i];
                    d * d
                }
            };
        }
        (count > 0).then(|| total / count as f64)
    }

    /// Per training point: how many trees left it out of their bootstrap sample.
    pub fn oob_counts(&self) -> &[usize] {
        &self.oob_count
    }

    /// How many training points have been out of bag for at least one tree.
    pub fn oob_covered(&self) -> usize {
        self.oob_count.iter().filter(|c| **c > 0).count()
    }

    /// The forest's prediction for a row: mean class proportions (or mean value) over the trees.
    pub fn predict(&self, row: &[f64]) -> Vec<f64> {
        let width = self.oob_sum.first().map_or(1, |v| v.len());
        let mut out = vec![0.0; width];
        for t in &self.trees {
            for (o, v) in out.iter_mut().zip(t.value(row)) {
                *o += v;
            }
        }
        let k = self.trees.len().max(1) as f64;
        out.iter_mut().for_each(|o| *o /= k);
        out
    }
}

impl Ensemble for Forest {
    fn progress(&self) -> (usize, usize) {
        (self.trees.len(), self.params.n_estimators)
    }

    /// Fits the next tree on a fresh bootstrap draw and adds it to the out-of-bag sums.
    fn grow(&mut self) -> Result<(), TreeError> {
        let n = self.x.n;
        let mut counts = vec![0.0; n];
        if self.params.bootstrap {
            for _ in 0..n {
                let i = ((self.rng.uniform() * n as f64) as usize).min(n - 1);
                counts[i] += 1.0;
            }
        } else {
            counts.iter_mut().for_each(|c| *c = 1.0);
        }
        let tree = Tree::fit(&self.x, &self.targets, Some(&counts), self.task, &self.params.tree, &mut self.rng)?;
        let mut row = vec![0.0; self.x.n_features()];
        for i in (0..n).filter(|&i| counts[i] == 0.0) {
            self.x.fill_row(i, &mut row);
            for (s, v) in self.oob_sum[i].iter_mut().zip(tree.value(&row)) {
                *s += v;
            }
            self.oob_count[i] += 1;
        }
        self.trees.push(tree);
        self.oob_curve.push(self.oob_error());
        Ok(())
    }
}

/// Index of the largest value (the first on ties, as NumPy's argmax).
pub fn argmax(v: &[f64]) -> usize {
    let mut best = 0;
    for (i, x) in v.iter().enumerate() {
        if *x > v[best] {
            best = i;
        }
    }
    best
}
