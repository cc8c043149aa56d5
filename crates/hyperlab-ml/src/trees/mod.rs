//! Tree-based models, matching scikit-learn: CART decision trees (Gini, entropy, squared error,
//! Friedman MSE) with scikit-learn's best splitter, random forests (bootstrap counts as sample
//! weights, feature subsampling per split, out-of-bag estimates) and gradient boosting (log loss
//! with Newton leaf values, or squared error). Ensembles grow one tree per `step()` so a page can
//! spread 300 trees over animation frames.

pub mod bench;
mod boosting;
mod cart;
mod forest;

pub use boosting::{Boosting, BoostingParams, BoostLoss};
pub use cart::{Criterion, MaxFeatures, Node, Task, Tree, TreeError, TreeParams, FEATURE_THRESHOLD};
pub use forest::{argmax, Forest, ForestParams};

/// Rounds a feature value to single precision, as scikit-learn does with every input of a tree
/// (its trees store `X` as float32): thresholds are midpoints of these rounded values, and a
/// row is routed by its rounded value too.
#[inline]
pub fn as_f32(v: f64) -> f64 {
    v as f32 as f64
}

/// Columns of a row-major data matrix, the layout the splitter sorts; values rounded to single
/// precision ([`as_f32`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Columns {
    pub cols: Vec<Vec<f64>>,
    pub n: usize,
}

impl Columns {
    pub fn from_rows(x: ndarray::ArrayView2<f64>) -> Self {
        let n = x.nrows();
        let cols = (0..x.ncols()).map(|j| x.column(j).iter().map(|v| as_f32(*v)).collect()).collect();
        Self { cols, n }
    }
    pub fn n_features(&self) -> usize {
        self.cols.len()
    }
    /// Columns from feature vectors (one per feature, all of one length), rounded as [`Columns::from_rows`].
    pub fn from_cols(cols: Vec<Vec<f64>>) -> Self {
        let n = cols.first().map_or(0, |c| c.len());
        Self { cols: cols.into_iter().map(|c| c.into_iter().map(as_f32).collect()).collect(), n }
    }
    /// Row `i` as a small vector (prediction walks one row at a time).
    pub fn row(&self, i: usize) -> Vec<f64> {
        self.cols.iter().map(|c| c[i]).collect()
    }
    /// Copies row `i` into `row` (one slot per feature), for loops that walk many rows.
    #[inline]
    pub fn fill_row(&self, i: usize, row: &mut [f64]) {
        for (j, c) in self.cols.iter().enumerate() {
            row[j] = c[i];
        }
    }
}

/// An ensemble grown one tree per [`Ensemble::step`] up to a set number of trees (a forest, or
/// boosting's stages).
pub trait Ensemble {
    /// Trees fitted so far, and the number the ensemble grows to.
    fn progress(&self) -> (usize, usize);
    /// Fits and keeps the next tree.
    fn grow(&mut self) -> Result<(), TreeError>;

    fn is_done(&self) -> bool {
        let (fitted, target) = self.progress();
        fitted >= target
    }

    /// Fits the next tree (or stage) unless all are fitted; returns whether more remain.
    fn step(&mut self) -> Result<bool, TreeError> {
        if self.is_done() {
            return Ok(false);
        }
        self.grow()?;
        Ok(!self.is_done())
    }
}

/// The sorted distinct class labels of `y` and each sample's index into them.
pub fn encode_classes(y: &[f64]) -> (Vec<f64>, Vec<usize>) {
    let mut classes: Vec<f64> = y.to_vec();
    crate::sorting::sort_floats(&mut classes);
    classes.dedup();
    let codes = y.iter().map(|v| classes.partition_point(|c| c < v)).collect();
    (classes, codes)
}

/// The logistic function, stable for large |z|.
pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}
