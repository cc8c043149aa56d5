//! Gradient boosting as scikit-learn's `GradientBoostingClassifier` (binary log loss) and
//! `GradientBoostingRegressor` (squared error): the initial model is the log-odds of the
//! weighted class-1 share (or the weighted mean), each stage fits a regression tree with the
//! Friedman MSE criterion to the negative gradient (y − p, or y − F), log loss then replaces
//! every leaf value by one Newton step Σw(y − p) / Σw p(1 − p) over the in-bag points in it, and
//! the model adds learning_rate × the tree. `subsample` < 1 fits each tree on a random share of
//! the points drawn without replacement (stochastic boosting; our stream, not NumPy's).

use super::cart::{Criterion, MaxFeatures, Task, Tree, TreeError, TreeParams};
use super::{sigmoid, Columns, Ensemble};
use crate::rng::SeededRng;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoostLoss {
    /// Binary classification; targets 0/1; the raw score is the log-odds of class 1.
    LogLoss,
    SquaredError,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BoostingParams {
    pub loss: BoostLoss,
    pub n_estimators: usize,
    pub learning_rate: f64,
    pub max_depth: Option<usize>,
    pub min_samples_split: usize,
    pub min_samples_leaf: usize,
    pub subsample: f64,
    pub max_features: MaxFeatures,
    /// Cost-complexity pruning of each tree (before its leaf values are replaced).
    pub ccp_alpha: f64,
    pub seed: u64,
}

impl Default for BoostingParams {
    fn default() -> Self {
        Self { loss: BoostLoss::LogLoss, n_estimators: 100, learning_rate: 0.1, max_depth: Some(3), min_samples_split: 2, min_samples_leaf: 1, subsample: 1.0, max_features: MaxFeatures::All, ccp_alpha: 0.0, seed: 0 }
    }
}

/// A boosted model being grown one stage per [`Ensemble::step`].
#[derive(Clone, Debug)]
pub struct Boosting {
    pub params: BoostingParams,
    x: Columns,
    y: Vec<f64>,
    w: Vec<f64>,
    rng: SeededRng,
    /// The initial raw score (log-odds or mean).
    pub init: f64,
    pub trees: Vec<Tree>,
    /// Current raw scores on the training points.
    raw: Vec<f64>,
}

impl Boosting {
    pub fn new(x: Columns, y: Vec<f64>, sample_weight: Option<Vec<f64>>, params: BoostingParams) -> Result<Self, TreeError> {
        let n = x.n;
        if n == 0 {
            return Err(TreeError::Empty);
        }
        if y.len() != n {
            return Err(TreeError::Mismatch("x and y have different numbers of samples"));
        }
        if y.iter().any(|v| !v.is_finite()) {
            return Err(TreeError::NotFinite("y"));
        }
        if !(params.learning_rate.is_finite() && params.learning_rate > 0.0) {
            return Err(TreeError::Invalid("learning_rate must be a positive number"));
        }
        if !(params.subsample > 0.0 && params.subsample <= 1.0) {
            return Err(TreeError::Invalid("subsample must be in (0, 1]"));
        }
        if params.loss == BoostLoss::LogLoss && y.iter().any(|v| *v != 0.0 && *v != 1.0) {
            return Err(TreeError::Invalid("log-loss boosting needs targets 0 and 1"));
        }
        let w = match sample_weight {
            Some(w) if w.len() != n => return Err(TreeError::Mismatch("sample_weight needs one weight per sample")),
            Some(w) if w.iter().any(|v| !v.is_finite() || *v < 0.0) => return Err(TreeError::Invalid("sample weights must be finite and non-negative")),
            Some(w) => w,
            None => vec![1.0; n],
        };
        let wsum: f64 = w.iter().sum();
        if wsum <= 0.0 {
            return Err(TreeError::Invalid("every sample weight is zero"));
        }
        let mean = y.iter().zip(&w).map(|(a, b)| a * b).sum::<f64>() / wsum;
        let init = match params.loss {
            BoostLoss::LogLoss => {
                let eps = 10.0 * f64::EPSILON;
                let p = mean.clamp(eps, 1.0 - eps);
                (p / (1.0 - p)).ln()
            }
            BoostLoss::SquaredError => mean,
        };
        Ok(Self { params, x, y, w, rng: SeededRng::new(params.seed), init, trees: Vec::new(), raw: vec![init; n] })
    }

    /// The raw score (log-odds, or the prediction for regression) of a row after `stages` trees.
    pub fn decision(&self, row: &[f64], stages: usize) -> f64 {
        self.init + self.trees.iter().take(stages).map(|t| self.params.learning_rate * t.predict_value(row)).sum::<f64>()
    }

    /// The raw score of every row after each stage: `[stage][row]`, stages 1..=trees.
    pub fn staged_decision(&self, x: &Columns) -> Vec<Vec<f64>> {
        let mut current = vec![self.init; x.n];
        let mut out = Vec::with_capacity(self.trees.len());
        let mut row = vec![0.0; x.n_features()];
        for t in &self.trees {
            for (i, c) in current.iter_mut().enumerate() {
                x.fill_row(i, &mut row);
                *c += self.params.learning_rate * t.predict_value(&row);
            }
            out.push(current.clone());
        }
        out
    }
}

impl Ensemble for Boosting {
    fn progress(&self) -> (usize, usize) {
        (self.trees.len(), self.params.n_estimators)
    }

    /// Fits the next stage.
    fn grow(&mut self) -> Result<(), TreeError> {
        let n = self.x.n;
        let p = &self.params;
        let neg_gradient: Vec<f64> = match p.loss {
            BoostLoss::LogLoss => self.y.iter().zip(&self.raw).map(|(y, f)| y - sigmoid(*f)).collect(),
            BoostLoss::SquaredError => self.y.iter().zip(&self.raw).map(|(y, f)| y - f).collect(),
        };
        let mut in_bag = vec![true; n];
        if p.subsample < 1.0 {
            let n_inbag = ((p.subsample * n as f64) as usize).max(1);
            let mut order: Vec<usize> = (0..n).collect();
            self.rng.shuffle(&mut order);
            in_bag.iter_mut().for_each(|b| *b = false);
            for &i in &order[..n_inbag] {
                in_bag[i] = true;
            }
        }
        let weights: Vec<f64> = self.w.iter().zip(&in_bag).map(|(w, b)| if *b { *w } else { 0.0 }).collect();
        let tree_params = TreeParams { criterion: Criterion::FriedmanMse, max_depth: p.max_depth, min_samples_split: p.min_samples_split, min_samples_leaf: p.min_samples_leaf, max_features: p.max_features, ccp_alpha: p.ccp_alpha };
        let mut tree = Tree::fit(&self.x, &neg_gradient, Some(&weights), Task::Regression, &tree_params, &mut self.rng)?;
        let mut row = vec![0.0; self.x.n_features()];
        let leaves: Vec<usize> = (0..n)
            .map(|i| {
                self.x.fill_row(i, &mut row);
                tree.apply(&row)
            })
            .collect();
        if p.loss == BoostLoss::LogLoss {
            // One Newton step per leaf over the in-bag points that land in it.
            let mut num = vec![0.0; tree.nodes.len()];
            let mut den = vec![0.0; tree.nodes.len()];
            for i in (0..n).filter(|&i| in_bag[i]) {
                let prob = self.y[i] - neg_gradient[i];
                num[leaves[i]] += self.w[i] * neg_gradient[i];
                den[leaves[i]] += self.w[i] * prob * (1.0 - prob);
            }
            for leaf in 0..tree.nodes.len() {
                if tree.nodes[leaf].is_leaf() {
                    let v = if den[leaf].abs() < 1e-150 { 0.0 } else { num[leaf] / den[leaf] };
                    tree.set_leaf_value(leaf, v);
                }
            }
        }
        for i in 0..n {
            self.raw[i] += p.learning_rate * tree.nodes[leaves[i]].value[0];
        }
        self.trees.push(tree);
        Ok(())
    }
}
