//! CART decision trees as scikit-learn's `DecisionTreeClassifier` / `DecisionTreeRegressor` with
//! the best splitter: candidate thresholds are midpoints between consecutive distinct values of a
//! feature (values closer than [`FEATURE_THRESHOLD`] count as equal), the split with the largest
//! proxy impurity improvement wins (the first one on ties), the left child takes `x ≤ threshold`,
//! and nodes are grown depth first, left before right.

use super::Columns;
use crate::rng::SeededRng;
use std::fmt;

/// scikit-learn's `FEATURE_THRESHOLD`: feature values closer than this are not split between.
pub const FEATURE_THRESHOLD: f64 = 1e-7;

/// How a node's impurity is measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Criterion {
    /// 1 − Σ pₖ².
    Gini,
    /// −Σ pₖ log₂ pₖ.
    Entropy,
    /// Weighted variance of the target.
    SquaredError,
    /// Weighted variance, with Friedman's improvement score for choosing splits (gradient boosting's trees).
    FriedmanMse,
}

impl Criterion {
    pub fn is_classification(self) -> bool {
        matches!(self, Criterion::Gini | Criterion::Entropy)
    }
}

/// How many features each split may look at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MaxFeatures {
    All,
    /// ⌊√p⌋, at least 1.
    Sqrt,
    /// ⌊log₂ p⌋, at least 1.
    Log2,
    /// This many (between 1 and p).
    Count(usize),
}

impl MaxFeatures {
    pub fn resolve(self, n_features: usize) -> usize {
        let k = match self {
            MaxFeatures::All => n_features,
            MaxFeatures::Sqrt => (n_features as f64).sqrt().floor() as usize,
            MaxFeatures::Log2 => (n_features as f64).log2().floor() as usize,
            MaxFeatures::Count(k) => k,
        };
        k.clamp(1, n_features.max(1))
    }
}

/// What the tree predicts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    /// Targets are class indices `0..n_classes`; leaves hold class proportions.
    Classification { n_classes: usize },
    /// Leaves hold the weighted mean target.
    Regression,
}

/// A tree's hyperparameters (scikit-learn's names).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TreeParams {
    pub criterion: Criterion,
    /// `None`: grow until leaves are pure or too small to split.
    pub max_depth: Option<usize>,
    pub min_samples_split: usize,
    pub min_samples_leaf: usize,
    pub max_features: MaxFeatures,
    /// Cost-complexity pruning after growing (see [`Tree::prune`]); 0: none.
    pub ccp_alpha: f64,
}

impl Default for TreeParams {
    fn default() -> Self {
        Self { criterion: Criterion::Gini, max_depth: None, min_samples_split: 2, min_samples_leaf: 1, max_features: MaxFeatures::All, ccp_alpha: 0.0 }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum TreeError {
    Empty,
    Mismatch(&'static str),
    NotFinite(&'static str),
    Invalid(&'static str),
}

impl fmt::Display for TreeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TreeError::Empty => write!(f, "no samples to fit"),
            TreeError::Mismatch(what) => write!(f, "{what}"),
            TreeError::NotFinite(what) => write!(f, "{what} must be finite numbers"),
            TreeError::Invalid(what) => write!(f, "{what}"),
        }
    }
}

impl std::error::Error for TreeError {}

/// One node. Leaves have no children; `value` is the class proportions (classification) or the
/// mean target (regression, one value).
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub feature: usize,
    pub threshold: f64,
    pub children: Option<(usize, usize)>,
    pub impurity: f64,
    /// Training samples with non-zero weight that reach this node.
    pub n_samples: usize,
    pub weighted_n: f64,
    pub value: Vec<f64>,
    pub depth: usize,
}

impl Node {
    pub fn is_leaf(&self) -> bool {
        self.children.is_none()
    }
}

/// A fitted tree: nodes in depth-first order (root first, each left subtree before its right).
#[derive(Clone, Debug, PartialEq)]
pub struct Tree {
    pub nodes: Vec<Node>,
    pub task: Task,
    pub n_features: usize,
}

/// Summary statistics of the samples in a node.
#[derive(Clone, Debug)]
struct Stats {
    w: f64,
    /// Classification: weighted count per class. Regression: [Σwy, Σwy²].
    sums: Vec<f64>,
}

impl Stats {
    fn zero(len: usize) -> Self {
        Stats { w: 0.0, sums: vec![0.0; len] }
    }
}

struct Builder<'a> {
    x: &'a Columns,
    /// Class index per sample (classification).
    codes: &'a [usize],
    /// Target per sample (regression).
    y: &'a [f64],
    w: &'a [f64],
    params: TreeParams,
    classification: bool,
    n_classes: usize,
    max_features: usize,
    min_samples_split: usize,
    nodes: Vec<Node>,
}

impl<'a> Builder<'a> {
    fn stats_len(&self) -> usize {
        if self.classification { self.n_classes } else { 2 }
    }

    fn add(&self, s: &mut Stats, i: usize, sign: f64) {
        let w = self.w[i] * sign;
        s.w += w;
        if self.classification {
            s.sums[self.codes[i]] += w;
        } else {
            let y = self.y[i];
            s.sums[0] += w * y;
            s.sums[1] += w * y * y;
        }
    }

    fn stats(&self, idx: &[usize]) -> Stats {
        let mut s = Stats::zero(self.stats_len());
        for &i in idx {
            self.add(&mut s, i, 1.0);
        }
        s
    }

    fn impurity(&self, s: &Stats) -> f64 {
        if s.w <= 0.0 {
            return 0.0;
        }
        match self.params.criterion {
            Criterion::Gini => 1.0 - s.sums.iter().map(|c| c * c).sum::<f64>() / (s.w * s.w),
            Criterion::Entropy => -s.sums.iter().filter(|c| **c > 0.0).map(|c| (c / s.w) * (c / s.w).log2()).sum::<f64>(),
            Criterion::SquaredError | Criterion::FriedmanMse => {
                let mean = s.sums[0] / s.w;
                s.sums[1] / s.w - mean * mean
            }
        }
    }

    fn value(&self, s: &Stats) -> Vec<f64> {
        if self.classification {
            s.sums.iter().map(|c| if s.w > 0.0 { c / s.w } else { 0.0 }).collect()
        } else {
            vec![if s.w > 0.0 { s.sums[0] / s.w } else { 0.0 }]
        }
    }

    /// scikit-learn's proxy impurity improvement of a split into `l` and `r`.
    fn proxy(&self, l: &Stats, r: &Stats) -> f64 {
        match self.params.criterion {
            Criterion::Gini | Criterion::Entropy => -r.w * self.impurity(r) - l.w * self.impurity(l),
            Criterion::SquaredError => l.sums[0] * l.sums[0] / l.w + r.sums[0] * r.sums[0] / r.w,
            Criterion::FriedmanMse => {
                let diff = r.w * l.sums[0] - l.w * r.sums[0];
                diff * diff / (l.w * r.w)
            }
        }
    }

    fn sub(&self, total: &Stats, left: &Stats) -> Stats {
        Stats { w: total.w - left.w, sums: total.sums.iter().zip(&left.sums).map(|(a, b)| a - b).collect() }
    }

    /// The best split of `idx`: (feature, threshold), or `None` when no valid split exists.
    fn best_split(&self, idx: &[usize], total: &Stats, rng: &mut SeededRng) -> Option<(usize, f64)> {
        let p = self.x.n_features();
        let mut order: Vec<usize> = (0..p).collect();
        if self.max_features < p {
            // A fresh random order per node; visit until max_features features were looked at
            // and at least one of them was not constant (as scikit-learn's splitter does).
            for i in (1..p).rev() {
                let j = ((rng.uniform() * (i + 1) as f64) as usize).min(i);
                order.swap(i, j);
            }
        }
        let n = idx.len();
        let msl = self.params.min_samples_leaf;
        let mut best: Option<(f64, usize, f64)> = None;
        let mut visited = 0;
        let mut found_nonconstant = false;
        let mut sorted = idx.to_vec();
        for &f in &order {
            if visited >= self.max_features && found_nonconstant {
                break;
            }
            visited += 1;
            let col = &self.x.cols[f];
            sorted.copy_from_slice(idx);
            crate::sorting::sort_indices_by_keys(&mut sorted, col);
            if col[sorted[n - 1]] <= col[sorted[0]] + FEATURE_THRESHOLD {
                continue;
            }
            found_nonconstant = true;
            let mut left = Stats::zero(self.stats_len());
            for pos in 1..n {
                self.add(&mut left, sorted[pos - 1], 1.0);
                let (prev, here) = (col[sorted[pos - 1]], col[sorted[pos]]);
                if here <= prev + FEATURE_THRESHOLD || pos < msl || n - pos < msl {
                    continue;
                }
                let right = self.sub(total, &left);
                if left.w <= 0.0 || right.w <= 0.0 {
                    continue;
                }
                let proxy = self.proxy(&left, &right);
                if best.is_none_or(|(b, _, _)| proxy > b) {
                    let mut threshold = prev / 2.0 + here / 2.0;
                    if threshold == here || !threshold.is_finite() {
                        threshold = prev;
                    }
                    best = Some((proxy, f, threshold));
                }
            }
        }
        best.map(|(_, f, t)| (f, t))
    }

    fn grow(&mut self, idx: &mut [usize], depth: usize, rng: &mut SeededRng) -> usize {
        let total = self.stats(idx);
        let impurity = self.impurity(&total);
        let id = self.nodes.len();
        self.nodes.push(Node { feature: 0, threshold: 0.0, children: None, impurity, n_samples: idx.len(), weighted_n: total.w, value: self.value(&total), depth });
        let n = idx.len();
        let is_leaf = self.params.max_depth.is_some_and(|d| depth >= d)
            || n < self.min_samples_split
            || n < 2 * self.params.min_samples_leaf
            || impurity <= f64::EPSILON;
        if is_leaf {
            return id;
        }
        let Some((feature, threshold)) = self.best_split(idx, &total, rng) else { return id };
        let col = &self.x.cols[feature];
        // Stable partition: left keeps x ≤ threshold.
        let (mut l, mut r): (Vec<usize>, Vec<usize>) = idx.iter().partition(|&&i| col[i] <= threshold);
        let nl = l.len();
        if nl == 0 || nl == n {
            return id;
        }
        let left = self.grow(&mut l, depth + 1, rng);
        let right = self.grow(&mut r, depth + 1, rng);
        let node = &mut self.nodes[id];
        node.feature = feature;
        node.threshold = threshold;
        node.children = Some((left, right));
        id
    }
}

impl Tree {
    /// Fits a tree. `targets` are class indices (as numbers) for classification, values for
    /// regression; `weights` default to 1 and samples of weight 0 are left out, as in
    /// scikit-learn. `rng` draws the feature order when `max_features` is below the number of
    /// features.
    pub fn fit(x: &Columns, targets: &[f64], weights: Option<&[f64]>, task: Task, params: &TreeParams, rng: &mut SeededRng) -> Result<Tree, TreeError> {
        let n = x.n;
        if n == 0 || x.n_features() == 0 {
            return Err(TreeError::Empty);
        }
        if targets.len() != n {
            return Err(TreeError::Mismatch("x and y have different numbers of samples"));
        }
        if x.cols.iter().any(|c| c.len() != n) {
            return Err(TreeError::Mismatch("every feature column needs one value per sample"));
        }
        if x.cols.iter().flatten().any(|v| !v.is_finite()) {
            return Err(TreeError::NotFinite("x"));
        }
        if targets.iter().any(|v| !v.is_finite()) {
            return Err(TreeError::NotFinite("y"));
        }
        let ones;
        let w = match weights {
            Some(w) => {
                if w.len() != n {
                    return Err(TreeError::Mismatch("sample_weight needs one weight per sample"));
                }
                if w.iter().any(|v| !v.is_finite() || *v < 0.0) {
                    return Err(TreeError::Invalid("sample weights must be finite and non-negative"));
                }
                w
            }
            None => {
                ones = vec![1.0; n];
                &ones[..]
            }
        };
        if params.min_samples_split < 2 {
            return Err(TreeError::Invalid("min_samples_split must be at least 2"));
        }
        if params.min_samples_leaf < 1 {
            return Err(TreeError::Invalid("min_samples_leaf must be at least 1"));
        }
        if params.max_depth == Some(0) {
            return Err(TreeError::Invalid("max_depth must be at least 1 (or null for unlimited)"));
        }
        if !(params.ccp_alpha >= 0.0 && params.ccp_alpha.is_finite()) {
            return Err(TreeError::Invalid("ccp_alpha must be a non-negative number"));
        }
        if let MaxFeatures::Count(0) = params.max_features {
            return Err(TreeError::Invalid("max_features must be at least 1"));
        }
        let (classification, n_classes) = match task {
            Task::Classification { n_classes } => (true, n_classes),
            Task::Regression => (false, 1),
        };
        if classification != params.criterion.is_classification() {
            return Err(TreeError::Invalid("gini and entropy are for classification, squared_error and friedman_mse for regression"));
        }
        let codes: Vec<usize> = if classification {
            if n_classes == 0 || targets.iter().any(|t| *t < 0.0 || t.fract() != 0.0 || *t as usize >= n_classes) {
                return Err(TreeError::Invalid("class targets must be indices 0..n_classes"));
            }
            targets.iter().map(|t| *t as usize).collect()
        } else {
            Vec::new()
        };
        let mut idx: Vec<usize> = (0..n).filter(|&i| w[i] != 0.0).collect();
        if idx.is_empty() {
            return Err(TreeError::Invalid("every sample weight is zero"));
        }
        let mut b = Builder {
            x,
            codes: &codes,
            y: targets,
            w,
            params: *params,
            classification,
            n_classes,
            max_features: params.max_features.resolve(x.n_features()),
            min_samples_split: params.min_samples_split.max(2 * params.min_samples_leaf),
            nodes: Vec::new(),
        };
        b.grow(&mut idx, 0, rng);
        let mut tree = Tree { nodes: b.nodes, task, n_features: x.n_features() };
        tree.prune(params.ccp_alpha);
        Ok(tree)
    }

    /// The leaf a row lands in.
    pub fn apply(&self, row: &[f64]) -> usize {
        let mut id = 0;
        while let Some((l, r)) = self.nodes[id].children {
            let node = &self.nodes[id];
            id = if super::as_f32(row[node.feature]) <= node.threshold { l } else { r };
        }
        id
    }

    /// The leaf value for a row: class proportions, or the mean target (one value).
    pub fn value(&self, row: &[f64]) -> &[f64] {
        &self.nodes[self.apply(row)].value
    }

    /// Regression prediction (or a boosting tree's leaf value).
    pub fn predict_value(&self, row: &[f64]) -> f64 {
        self.value(row)[0]
    }

    pub fn n_leaves(&self) -> usize {
        self.nodes.iter().filter(|n| n.is_leaf()).count()
    }

    /// The depth of the deepest leaf (0 for a lone root).
    pub fn depth(&self) -> usize {
        self.nodes.iter().map(|n| n.depth).max().unwrap_or(0)
    }

    /// Adds `weight × value[column]` of the leaf every cell of a two-feature grid falls in to
    /// `out` (row-major: `ys.len()` rows of `xs.len()` cells; `xs` ascending, `ys` descending,
    /// so row 0 is the top). Each leaf's rectangle is filled once, so a tree costs its nodes plus
    /// the cells, not cells × depth. Returns false (and adds nothing) unless the tree has two features.
    pub fn add_to_grid(&self, xs: &[f64], ys: &[f64], column: usize, weight: f64, out: &mut [f64]) -> bool {
        if self.n_features != 2 || out.len() != xs.len() * ys.len() {
            return false;
        }
        self.fill(0, 0..xs.len(), 0..ys.len(), xs, ys, column, weight, out);
        true
    }

    #[allow(clippy::too_many_arguments)]
    fn fill(&self, id: usize, cols: std::ops::Range<usize>, rows: std::ops::Range<usize>, xs: &[f64], ys: &[f64], column: usize, weight: f64, out: &mut [f64]) {
        if cols.is_empty() || rows.is_empty() {
            return;
        }
        let node = &self.nodes[id];
        match node.children {
            None => {
                let v = weight * node.value[column];
                let width = xs.len();
                for r in rows {
                    for cell in &mut out[r * width + cols.start..r * width + cols.end] {
                        *cell += v;
                    }
                }
            }
            Some((l, r)) => {
                let t = node.threshold;
                if node.feature == 0 {
                    let k = cols.start + xs[cols.clone()].partition_point(|x| super::as_f32(*x) <= t);
                    self.fill(l, cols.start..k, rows.clone(), xs, ys, column, weight, out);
                    self.fill(r, k..cols.end, rows, xs, ys, column, weight, out);
                } else {
                    // Rows run from the top (largest y): those with y ≤ t are the last ones.
                    let k = rows.start + ys[rows.clone()].partition_point(|y| super::as_f32(*y) > t);
                    self.fill(l, cols.clone(), k..rows.end, xs, ys, column, weight, out);
                    self.fill(r, cols, rows.start..k, xs, ys, column, weight, out);
                }
            }
        }
    }

    /// Minimal cost-complexity pruning, as scikit-learn's `ccp_alpha`: with R(t) = (weight of
    /// node t ÷ weight of the root) × impurity(t), repeatedly collapse the internal node whose
    /// subtree buys the least impurity per extra leaf, α(t) = (R(t) − Σ R(leaves below t)) ÷
    /// (leaves below t − 1) (the first in node order on ties), while that α is at most
    /// `ccp_alpha`. `ccp_alpha` = 0 leaves the tree as it is.
    pub fn prune(&mut self, ccp_alpha: f64) {
        if !(ccp_alpha > 0.0) || self.nodes.len() < 3 {
            return;
        }
        let n = self.nodes.len();
        let total = self.nodes[0].weighted_n;
        let r_node: Vec<f64> = self.nodes.iter().map(|nd| nd.weighted_n * nd.impurity / total).collect();
        let mut parent = vec![usize::MAX; n];
        for (i, nd) in self.nodes.iter().enumerate() {
            if let Some((l, r)) = nd.children {
                parent[l] = i;
                parent[r] = i;
            }
        }
        // Leaves below each node and their summed R, children first (children follow parents).
        let mut leaves = vec![0usize; n];
        let mut r_branch = vec![0.0; n];
        for i in (0..n).rev() {
            match self.nodes[i].children {
                None => {
                    leaves[i] = 1;
                    r_branch[i] = r_node[i];
                }
                Some((l, r)) => {
                    leaves[i] = leaves[l] + leaves[r];
                    r_branch[i] = r_branch[l] + r_branch[r];
                }
            }
        }
        let mut in_tree = vec![true; n];
        let mut leaf = self.nodes.iter().map(Node::is_leaf).collect::<Vec<_>>();
        loop {
            let mut weakest: Option<(f64, usize)> = None;
            for i in 0..n {
                if !in_tree[i] || leaf[i] {
                    continue;
                }
                let alpha = (r_node[i] - r_branch[i]) / (leaves[i] - 1) as f64;
                if weakest.is_none_or(|(a, _)| alpha < a) {
                    weakest = Some((alpha, i));
                }
            }
            let Some((alpha, node)) = weakest else { break };
            if alpha > ccp_alpha {
                break;
            }
            // Collapse `node`: drop its descendants, make it a leaf, update its ancestors.
            let mut stack = vec![node];
            while let Some(i) = stack.pop() {
                if let Some((l, r)) = self.nodes[i].children {
                    for c in [l, r] {
                        in_tree[c] = false;
                        stack.push(c);
                    }
                }
            }
            leaf[node] = true;
            let (removed_leaves, removed_r) = (leaves[node] - 1, r_branch[node] - r_node[node]);
            leaves[node] = 1;
            r_branch[node] = r_node[node];
            let mut a = parent[node];
            while a != usize::MAX {
                leaves[a] -= removed_leaves;
                r_branch[a] -= removed_r;
                a = parent[a];
            }
        }
        // Keep the surviving nodes, in order, with their links renumbered.
        let mut new_id = vec![usize::MAX; n];
        let mut kept = Vec::new();
        for i in (0..n).filter(|&i| in_tree[i]) {
            new_id[i] = kept.len();
            kept.push(i);
        }
        let nodes = kept
            .iter()
            .map(|&i| {
                let mut nd = self.nodes[i].clone();
                nd.children = if leaf[i] { None } else { nd.children.map(|(l, r)| (new_id[l], new_id[r])) };
                nd
            })
            .collect();
        self.nodes = nodes;
    }

    /// Overwrites a leaf's (regression) value: gradient boosting's line search.
    pub fn set_leaf_value(&mut self, leaf: usize, v: f64) {
        if let Some(node) = self.nodes.get_mut(leaf) {
            node.value = vec![v];
        }
    }
}
