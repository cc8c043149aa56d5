//! The lab's model: the ensemble as set, grown one tree per [`LabModel::step`], and the
//! experiments its charts draw, each grown the same way after it: single trees at every depth,
//! the chosen model at every depth, boosting at a few learning rates, and the chosen model on
//! four bootstrap resamples of the training points (instability).

use super::settings::{ModelKind, Settings, MAX_DEPTH_LIMIT};
use crate::nn::Grid;
use crate::datasets::toy2d::{Dataset, Split};
use crate::rng::SeededRng;
use crate::trees::{sigmoid, BoostLoss, Boosting, BoostingParams, Columns, Ensemble, Forest, ForestParams, Task, Tree, TreeError, TreeParams};
use std::rc::Rc;

/// Cells per side of the decision map.
pub const MAP_CELLS: usize = 100;
/// The map covers [−MAP_HALF_WIDTH, MAP_HALF_WIDTH]² (noise pushes a few points past ±1).
pub const MAP_HALF_WIDTH: f64 = 1.25;
/// Cells per side of each instability map, and points of each instability curve.
pub const STABILITY_CELLS: usize = 50;
/// How many bootstrap resamples the instability view fits.
pub const RESAMPLES: usize = 4;
/// Learning rates the boosting chart compares.
pub const LEARNING_RATES: [f64; 4] = [0.05, 0.1, 0.5, 1.0];

/// The rates chart's top edge: larger losses (a fast rate blowing up) are drawn along it.
pub const RATES_CEILING: f64 = 3.0;

/// A curve's points `(x, y)` in runs to draw: `(true, run)` where the curve stays above the
/// ceiling (drawn along the top edge, dashed, so a clipped stretch does not read as a plateau),
/// `(false, run)` elsewhere (y clamped to the ceiling where a segment climbs past it). Adjacent
/// runs share their boundary point, so the drawing stays connected. Non-finite values count as
/// above the ceiling.
pub fn runs_below_ceiling(ys: &[f64], ceiling: f64) -> Vec<(bool, Vec<(f64, f64)>)> {
    let above = |y: f64| !(y <= ceiling);
    let point = |i: usize| ((i + 1) as f64, if above(ys[i]) { ceiling } else { ys[i] });
    let mut runs: Vec<(bool, Vec<(f64, f64)>)> = Vec::new();
    if ys.len() == 1 {
        runs.push((above(ys[0]), vec![point(0)]));
    }
    for i in 1..ys.len() {
        let clipped = above(ys[i - 1]) && above(ys[i]);
        match runs.last_mut() {
            Some((c, run)) if *c == clipped => run.push(point(i)),
            _ => runs.push((clipped, vec![point(i - 1), point(i)])),
        }
    }
    runs
}
/// Points of the regression curve.
pub const CURVE_POINTS: usize = 200;

/// Depth limits the depth curves try: 1 … 12, then none.
pub fn depth_grid() -> Vec<Option<usize>> {
    (1..=MAX_DEPTH_LIMIT).map(Some).chain([None]).collect()
}

/// Points the model is scored on, shared by every grower.
#[derive(Clone, Debug)]
pub struct Points {
    pub x: Columns,
    /// Targets (class 0/1 or values); empty for grids.
    pub y: Vec<f64>,
    rows: Vec<Vec<f64>>,
    /// For a two-feature grid: the cell centres (x ascending, y descending), so trees can fill
    /// their leaves' rectangles instead of walking every cell.
    axes: Option<(Vec<f64>, Vec<f64>)>,
}

impl Points {
    fn new(x: Columns, y: Vec<f64>) -> Self {
        let rows = (0..x.n).map(|i| x.row(i)).collect();
        Self { x, y, rows, axes: None }
    }
    fn of(split: &Split) -> Self {
        Self::new(Columns::from_rows(split.inputs.view()), split.targets.to_vec())
    }
    /// A `cells` × `cells` grid over the map square, row 0 at the top (or, for one input, `cells`
    /// x values from −1 to 1).
    fn grid(cells: usize, dim: usize) -> Self {
        if dim == 1 {
            let xs = (0..cells).map(|i| -1.0 + 2.0 * i as f64 / (cells - 1) as f64).collect();
            return Self::new(Columns::from_cols(vec![xs]), Vec::new());
        }
        let g = Grid::square(MAP_HALF_WIDTH, cells);
        let (mut a, mut b) = (Vec::with_capacity(g.len()), Vec::with_capacity(g.len()));
        for r in 0..g.rows {
            for c in 0..g.columns {
                a.push(g.x(c));
                b.push(g.y(r));
            }
        }
        let axes = ((0..g.columns).map(|c| g.x(c)).collect(), (0..g.rows).map(|r| g.y(r)).collect());
        Self { axes: Some(axes), ..Self::new(Columns::from_cols(vec![a, b]), Vec::new()) }
    }
}

/// An ensemble being grown.
#[derive(Clone, Debug)]
enum Fitter {
    Forest(Forest),
    Boost(Boosting),
}

/// One ensemble grown tree by tree, with its running predictions on the points it is scored
/// on, and its errors after every tree.
#[derive(Clone, Debug)]
pub struct Grower {
    fitter: Fitter,
    pub regression: bool,
    target: usize,
    scored: Vec<Rc<Points>>,
    /// Per scored set: Σ tree values (forest) or the raw score (boosting), per point.
    acc: Vec<Vec<f64>>,
    /// Training and validation error after each tree (misclassification rate, or MSE).
    pub train_curve: Vec<f64>,
    pub val_curve: Vec<f64>,
    /// Validation loss after each tree: log loss (classification) or MSE.
    pub val_loss_curve: Vec<f64>,
    pub failed: Option<String>,
}

/// Misclassification rate (class 1 when P > 0.5, as scikit-learn's argmax) or mean squared error.
pub fn error(scores: &[f64], y: &[f64], regression: bool) -> f64 {
    if y.is_empty() {
        return 0.0;
    }
    let total: f64 = if regression {
        scores.iter().zip(y).map(|(s, t)| (s - t) * (s - t)).sum()
    } else {
        scores.iter().zip(y).filter(|(s, t)| (**s > 0.5) != (**t == 1.0)).count() as f64
    };
    total / y.len() as f64
}

/// Mean log loss of probabilities (clipped to [1e-15, 1 − 1e-15]), or MSE for regression.
pub fn loss(scores: &[f64], y: &[f64], regression: bool) -> f64 {
    if regression || y.is_empty() {
        return error(scores, y, true);
    }
    let total: f64 = scores
        .iter()
        .zip(y)
        .map(|(p, t)| {
            let p = p.clamp(1e-15, 1.0 - 1e-15);
            if *t == 1.0 { -p.ln() } else { -(1.0 - p).ln() }
        })
        .sum();
    total / y.len() as f64
}

/// Tree settings from the lab's settings at a given depth, for `model`: the single trees the
/// forest is compared with use a single tree's default features per split (all), as the lab's
/// "One decision tree" does, not the forest's (√2 = 1 for classification).
fn tree_params(s: &Settings, model: ModelKind, depth: Option<usize>) -> TreeParams {
    let max_features = Settings { model, ..*s }.resolved_max_features();
    TreeParams { criterion: s.criterion(), max_depth: depth, min_samples_split: s.min_samples_split, min_samples_leaf: s.min_samples_leaf, max_features, ccp_alpha: s.ccp_alpha }
}

impl Grower {
    /// `model` at `depth` (and `learning_rate` for boosting) fitted on `train`, scored on
    /// `scored[0]` (training, for the error curve), `scored[1]` (validation) and any others.
    fn new(s: &Settings, model: ModelKind, depth: Option<usize>, learning_rate: f64, seed: u64, train: &Points, scored: Vec<Rc<Points>>) -> Result<Self, TreeError> {
        let regression = s.is_regression();
        let task = if regression { Task::Regression } else { Task::Classification { n_classes: 2 } };
        let (fitter, target, start) = match model {
            ModelKind::Tree | ModelKind::Forest => {
                let forest = model == ModelKind::Forest;
                let n = if forest { s.n_trees } else { 1 };
                let params = ForestParams { n_estimators: n, tree: tree_params(s, model, depth), bootstrap: forest && s.bootstrap, seed };
                (Fitter::Forest(Forest::new(train.x.clone(), train.y.clone(), task, params)?), n, 0.0)
            }
            ModelKind::Boosting => {
                let params = BoostingParams {
                    loss: if regression { BoostLoss::SquaredError } else { BoostLoss::LogLoss },
                    n_estimators: s.n_trees,
                    learning_rate,
                    max_depth: depth,
                    min_samples_split: s.min_samples_split,
                    min_samples_leaf: s.min_samples_leaf,
                    subsample: s.subsample,
                    max_features: s.resolved_max_features(),
                    ccp_alpha: s.ccp_alpha,
                    seed,
                };
                let b = Boosting::new(train.x.clone(), train.y.clone(), None, params)?;
                let init = b.init;
                (Fitter::Boost(b), s.n_trees, init)
            }
        };
        let acc = scored.iter().map(|p| vec![start; p.x.n]).collect();
        Ok(Self { fitter, regression, target, scored, acc, train_curve: Vec::new(), val_curve: Vec::new(), val_loss_curve: Vec::new(), failed: None })
    }

    pub fn trees_fitted(&self) -> usize {
        match &self.fitter {
            Fitter::Forest(f) => f.trees.len(),
            Fitter::Boost(b) => b.trees.len(),
        }
    }

    pub fn is_done(&self) -> bool {
        self.failed.is_some() || self.trees_fitted() >= self.target
    }

    /// Fits one more tree and updates every running prediction and curve.
    pub fn step(&mut self) {
        if self.is_done() {
            return;
        }
        let result = match &mut self.fitter {
            Fitter::Forest(f) => f.step(),
            Fitter::Boost(b) => b.step(),
        };
        if let Err(e) = result {
            self.failed = Some(e.to_string());
            return;
        }
        let (tree, weight): (&Tree, f64) = match &self.fitter {
            Fitter::Forest(f) => (f.trees.last().expect("a tree was just fitted"), 1.0),
            Fitter::Boost(b) => (b.trees.last().expect("a tree was just fitted"), b.params.learning_rate),
        };
        let column = if self.regression || matches!(self.fitter, Fitter::Boost(_)) { 0 } else { 1 };
        for (points, acc) in self.scored.iter().zip(self.acc.iter_mut()) {
            if let Some((xs, ys)) = &points.axes {
                if tree.add_to_grid(xs, ys, column, weight, acc) {
                    continue;
                }
            }
            for (a, row) in acc.iter_mut().zip(&points.rows) {
                *a += weight * tree.value(row)[column];
            }
        }
        let train = self.scores(0);
        let val = self.scores(1);
        let (ty, vy) = (&self.scored[0].y, &self.scored[1].y);
        self.train_curve.push(error(&train, ty, self.regression));
        self.val_curve.push(error(&val, vy, self.regression));
        self.val_loss_curve.push(loss(&val, vy, self.regression));
    }

    /// Current predictions on scored set `k`: P(class 1), or the value.
    pub fn scores(&self, k: usize) -> Vec<f64> {
        let acc = &self.acc[k];
        match &self.fitter {
            Fitter::Forest(f) => {
                let n = f.trees.len().max(1) as f64;
                acc.iter().map(|a| a / n).collect()
            }
            Fitter::Boost(_) if self.regression => acc.clone(),
            Fitter::Boost(_) => acc.iter().map(|a| sigmoid(*a)).collect(),
        }
    }

    pub fn oob_curve(&self) -> &[Option<f64>] {
        match &self.fitter {
            Fitter::Forest(f) if f.params.bootstrap => &f.oob_curve,
            _ => &[],
        }
    }

    /// Forest with bootstrap: the average share of the trees that left each training point out.
    pub fn oob_share(&self) -> Option<f64> {
        match &self.fitter {
            Fitter::Forest(f) if f.params.bootstrap && !f.trees.is_empty() => Some(f.oob_counts().iter().sum::<usize>() as f64 / (f.oob_counts().len() * f.trees.len()) as f64),
            _ => None,
        }
    }

    pub fn oob_error(&self) -> Option<f64> {
        self.oob_curve().last().copied().flatten()
    }

    /// The `k`-th tree fitted (from 0), if there is one.
    pub fn tree(&self, k: usize) -> Option<&Tree> {
        match &self.fitter {
            Fitter::Forest(f) => f.trees.get(k),
            Fitter::Boost(b) => b.trees.get(k),
        }
    }

    pub fn final_train(&self) -> Option<f64> {
        self.train_curve.last().copied()
    }
    pub fn final_val(&self) -> Option<f64> {
        self.val_curve.last().copied()
    }
}

/// The experiments, in the order they are fitted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Main,
    TreeSweep,
    DepthSweep,
    Rates,
    Instability,
}

/// One point of a depth curve.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DepthPoint {
    pub depth: Option<usize>,
    pub train: f64,
    pub val: f64,
    pub oob: Option<f64>,
    /// The deepest leaf of the first tree: where a depth limit stops mattering.
    pub reached: usize,
}

/// The bootstrap resamples of the training points, fitted with the chosen model.
#[derive(Clone, Debug)]
pub struct Instability {
    pub growers: Vec<Grower>,
}

impl Instability {
    pub fn is_done(&self) -> bool {
        self.growers.iter().all(Grower::is_done)
    }
    /// Each resample's predictions on the instability grid (the third scored set).
    pub fn pictures(&self) -> Vec<Vec<f64>> {
        self.growers.iter().map(|g| g.scores(2)).collect()
    }
    /// Classification: the share of the map's cells where the fits do not all predict the same
    /// class. Regression: the mean over x of the spread (largest − smallest) of the fitted curves.
    pub fn disagreement(&self, regression: bool) -> f64 {
        let pics = self.pictures();
        let Some(first) = pics.first() else { return 0.0 };
        let n = first.len().max(1);
        let mut total = 0.0;
        for i in 0..first.len() {
            let vals = pics.iter().map(|p| p[i]);
            if regression {
                let (lo, hi) = vals.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
                total += hi - lo;
            } else {
                let orange = vals.filter(|v| *v > 0.5).count();
                if orange != 0 && orange != pics.len() {
                    total += 1.0;
                }
            }
        }
        total / n as f64
    }
}

/// Everything the lab's views draw.
#[derive(Clone, Debug)]
pub struct LabModel {
    pub settings: Settings,
    pub data: Dataset,
    pub train: Rc<Points>,
    pub val: Rc<Points>,
    pub map: Rc<Points>,
    pub main: Grower,
    /// Single trees at every depth of [`depth_grid`] (the "best single tree" reference).
    pub tree_sweep: Vec<Grower>,
    /// The chosen model at every depth (for one tree: the same as `tree_sweep`, not refitted).
    pub depth_sweep: Vec<Grower>,
    /// Boosting only: the chosen model at each of [`LEARNING_RATES`].
    pub rate_sweep: Vec<Grower>,
    pub instability: Instability,
}

impl LabModel {
    pub fn new(settings: Settings) -> Result<Self, String> {
        let data = settings.data.build().map_err(|e| e.to_string())?;
        let dim = data.input_dim();
        let train = Rc::new(Points::of(&data.train));
        let val = Rc::new(Points::of(&data.validation));
        let map = Rc::new(Points::grid(if dim == 1 { CURVE_POINTS } else { MAP_CELLS }, dim));
        let stability_grid = Rc::new(Points::grid(if dim == 1 { CURVE_POINTS } else { STABILITY_CELLS }, dim));
        let s = &settings;
        let sets = |extra: Option<&Rc<Points>>| -> Vec<Rc<Points>> { [train.clone(), val.clone()].into_iter().chain(extra.cloned()).collect() };
        let err = |e: TreeError| e.to_string();
        let main = Grower::new(s, s.model, s.max_depth, s.learning_rate, s.data.seed, &train, sets(Some(&map))).map_err(err)?;
        let tree_sweep = depth_grid().into_iter().map(|d| Grower::new(s, ModelKind::Tree, d, s.learning_rate, s.data.seed, &train, sets(None))).collect::<Result<Vec<_>, _>>().map_err(err)?;
        let depth_sweep = if s.model == ModelKind::Tree {
            Vec::new()
        } else {
            depth_grid().into_iter().map(|d| Grower::new(s, s.model, d, s.learning_rate, s.data.seed, &train, sets(None))).collect::<Result<Vec<_>, _>>().map_err(err)?
        };
        let rate_sweep = if s.model == ModelKind::Boosting {
            LEARNING_RATES.iter().map(|lr| Grower::new(s, s.model, s.max_depth, *lr, s.data.seed, &train, sets(None))).collect::<Result<Vec<_>, _>>().map_err(err)?
        } else {
            Vec::new()
        };
        let mut rng = SeededRng::new(s.data.seed.wrapping_add(0x5eed));
        let mut growers = Vec::with_capacity(RESAMPLES);
        for r in 0..RESAMPLES {
            let n = train.x.n;
            let picks: Vec<usize> = (0..n).map(|_| ((rng.uniform() * n as f64) as usize).min(n - 1)).collect();
            let cols = train.x.cols.iter().map(|c| picks.iter().map(|&i| c[i]).collect()).collect();
            let resample = Points::new(Columns::from_cols(cols), picks.iter().map(|&i| train.y[i]).collect());
            growers.push(Grower::new(s, s.model, s.max_depth, s.learning_rate, s.data.seed.wrapping_add(r as u64 + 1), &resample, sets(Some(&stability_grid))).map_err(err)?);
        }
        Ok(Self { settings, data, train, val, map, main, tree_sweep, depth_sweep, rate_sweep, instability: Instability { growers } })
    }

    fn jobs(&mut self) -> impl Iterator<Item = &mut Grower> {
        std::iter::once(&mut self.main)
            .chain(self.tree_sweep.iter_mut())
            .chain(self.depth_sweep.iter_mut())
            .chain(self.rate_sweep.iter_mut())
            .chain(self.instability.growers.iter_mut())
    }

    /// Fits one tree of the first unfinished experiment; returns whether work remains.
    pub fn step(&mut self) -> bool {
        let stepped = match self.jobs().find(|g| !g.is_done()) {
            Some(g) => {
                g.step();
                true
            }
            None => false,
        };
        stepped && !self.is_finished()
    }

    pub fn is_finished(&self) -> bool {
        self.main.is_done()
            && self.tree_sweep.iter().all(Grower::is_done)
            && self.depth_sweep.iter().all(Grower::is_done)
            && self.rate_sweep.iter().all(Grower::is_done)
            && self.instability.is_done()
    }

    /// Runs every experiment to the end (tests, benchmarks).
    pub fn finish(&mut self) {
        while self.step() {}
    }

    /// Runs one experiment to the end (tests and benchmarks that need only that one).
    pub fn finish_part(&mut self, part: Part) {
        let growers: Vec<&mut Grower> = match part {
            Part::Main => vec![&mut self.main],
            Part::TreeSweep => self.tree_sweep.iter_mut().collect(),
            Part::DepthSweep => self.depth_sweep.iter_mut().collect(),
            Part::Rates => self.rate_sweep.iter_mut().collect(),
            Part::Instability => self.instability.growers.iter_mut().collect(),
        };
        for g in growers {
            while !g.is_done() {
                g.step();
            }
        }
    }

    /// Trees fitted so far and in all, over every experiment.
    pub fn progress(&self) -> (usize, usize) {
        let all: Vec<&Grower> = std::iter::once(&self.main).chain(&self.tree_sweep).chain(&self.depth_sweep).chain(&self.rate_sweep).chain(&self.instability.growers).collect();
        (all.iter().map(|g| g.trees_fitted()).sum(), all.iter().map(|g| g.target).sum())
    }

    pub fn regression(&self) -> bool {
        self.settings.is_regression()
    }

    fn points_of(growers: &[Grower]) -> Vec<DepthPoint> {
        depth_grid()
            .into_iter()
            .zip(growers)
            .filter(|(_, g)| g.is_done() && g.failed.is_none())
            .map(|(depth, g)| DepthPoint { depth, train: g.final_train().unwrap_or(f64::NAN), val: g.final_val().unwrap_or(f64::NAN), oob: g.oob_error(), reached: g.tree(0).map_or(0, Tree::depth) })
            .collect()
    }

    /// Single trees' errors at every depth fitted so far.
    pub fn tree_curve(&self) -> Vec<DepthPoint> {
        Self::points_of(&self.tree_sweep)
    }

    /// The chosen model's errors at every depth fitted so far.
    pub fn depth_curve(&self) -> Vec<DepthPoint> {
        if self.settings.model == ModelKind::Tree { self.tree_curve() } else { Self::points_of(&self.depth_sweep) }
    }

    /// What the challenges and texts judge, once everything is fitted.
    pub fn snapshot(&self) -> Option<Snapshot> {
        if !self.is_finished() || self.main.failed.is_some() {
            return None;
        }
        let s = self.settings;
        let tree_curve = self.tree_curve();
        let depth_curve = self.depth_curve();
        let best_tree = best_of(&tree_curve)?;
        let rate_curves: Vec<(f64, Vec<f64>)> = LEARNING_RATES.iter().copied().zip(self.rate_sweep.iter().map(|g| g.val_loss_curve.clone())).collect();
        let capacity = capacity_curve(&s, &depth_curve);
        let train_error = self.main.final_train()?;
        let val_error = self.main.final_val()?;
        // A forest's 0 % training error is no sign of memorising: each training point sits in most
        // of its trees' samples, and averaging cancels much of what deep trees fit to noise. Only
        // a single tree is judged by it.
        let memorised = s.model == ModelKind::Tree && memorised_points(s.is_regression(), train_error, val_error);
        let mut verdict = overfit_if_memorised(judge(&capacity, s.is_regression()), &capacity, memorised);
        // Boosting whose validation loss has risen since its best tree overfits along the other
        // axis, the number of trees, whatever the depth curve (taken at this many trees) says.
        if s.model == ModelKind::Boosting && past_best(&self.main.val_loss_curve).is_some() {
            verdict.verdict = Verdict::Overfitting;
        }
        Some(Snapshot {
            settings: s,
            train_error,
            val_error,
            val_loss: self.main.val_loss_curve.last().copied()?,
            oob_error: self.main.oob_error(),
            trees_curve: self.main.val_curve.clone(),
            train_trees_curve: self.main.train_curve.clone(),
            oob_curve: self.main.oob_curve().to_vec(),
            val_loss_curve: self.main.val_loss_curve.clone(),
            best_tree_val: best_tree.val,
            best_tree_depth: best_tree.depth,
            tree_curve,
            depth_curve,
            rate_curves,
            instability: self.instability.disagreement(s.is_regression()),
            first_tree_leaves: self.main.tree(0).map_or(0, Tree::n_leaves),
            first_tree_depth: self.main.tree(0).map_or(0, Tree::depth),
            verdict,
        })
    }
}

/// The point with the lowest validation error (the shallowest on ties).
pub fn best_of(curve: &[DepthPoint]) -> Option<DepthPoint> {
    curve.iter().copied().filter(|p| p.val.is_finite()).fold(None, |best: Option<DepthPoint>, p| match best {
        Some(b) if b.val <= p.val => Some(b),
        _ => Some(p),
    })
}

/// Where the verdict looks: how validation error moves with the maximum depth, every other knob
/// as set (for every model: the number-of-trees chart shows the other axis).
#[derive(Clone, Debug, PartialEq)]
pub struct CapacityCurve {
    pub knob: CapacityKnob,
    pub current: usize,
    pub val: Vec<f64>,
    pub train: Vec<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CapacityKnob {
    Depth,
}

fn capacity_curve(s: &Settings, depth_curve: &[DepthPoint]) -> CapacityCurve {
    let current = depth_curve.iter().position(|p| p.depth == s.max_depth).unwrap_or(0);
    CapacityCurve { knob: CapacityKnob::Depth, current, val: depth_curve.iter().map(|p| p.val).collect(), train: depth_curve.iter().map(|p| p.train).collect() }
}

/// Validation error this close to the curve's lowest counts as a good fit: 2 percentage points
/// of misclassification…
pub const GOOD_FIT_POINTS: f64 = 0.02;
/// …or, for regression, 15 % above the lowest mean squared error.
pub const GOOD_FIT_SHARE: f64 = 0.15;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Within the tolerance of the lowest validation error along the capacity knob.
    GoodFit,
    /// Worse, and the lowest lies at more capacity (deeper, or more trees).
    Underfitting,
    /// Worse, and the lowest lies at less capacity.
    Overfitting,
}

/// The verdict and the numbers it rests on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Judgement {
    pub verdict: Verdict,
    pub knob: CapacityKnob,
    pub current_val: f64,
    pub best_val: f64,
    /// Index of the best point along the knob (a depth-grid index, or trees − 1).
    pub best_at: usize,
    pub tolerance: f64,
}

/// Boosting's validation loss at its last tree at least this much above its lowest: the later
/// trees overfit.
pub const PAST_BEST_SHARE: f64 = 0.05;

/// A validation-loss curve (one value per tree) that was lowest before its last tree and has
/// since risen by at least [`PAST_BEST_SHARE`]: (trees at the lowest, the lowest, the last).
pub fn past_best(curve: &[f64]) -> Option<(usize, f64, f64)> {
    let (i, lowest) = argmin(curve)?;
    let last = *curve.last()?;
    (i + 1 < curve.len() && last >= (1.0 + PAST_BEST_SHARE) * lowest).then_some((i + 1, lowest, last))
}

/// Index (from 0) and value of the smallest finite entry (the first, on ties).
pub fn argmin(v: &[f64]) -> Option<(usize, f64)> {
    v.iter().copied().enumerate().filter(|(_, x)| x.is_finite()).fold(None, |best, (i, x)| match best {
        Some((_, b)) if b <= x => best,
        _ => Some((i, x)),
    })
}

/// A gap between training and validation error at least this large, with no training error at
/// all: the model memorised its training points, noise included.
pub const MEMORISED_GAP: f64 = 0.10;

/// Classification with every training point right and validation error [`MEMORISED_GAP`] or
/// more above it.
pub fn memorised_points(regression: bool, train_error: f64, val_error: f64) -> bool {
    !regression && train_error == 0.0 && val_error - train_error >= MEMORISED_GAP
}

/// A model within the tolerance of the best validation error is still overfitting when it
/// memorised its training points and less capacity does at least as well: the closeness is luck
/// of this split, and the extra capacity only adds variance.
fn overfit_if_memorised(j: Judgement, curve: &CapacityCurve, memorised: bool) -> Judgement {
    if j.verdict == Verdict::GoodFit && memorised && j.best_at < curve.current {
        Judgement { verdict: Verdict::Overfitting, ..j }
    } else {
        j
    }
}

pub fn tolerance(best: f64, regression: bool) -> f64 {
    if regression { GOOD_FIT_SHARE * best } else { GOOD_FIT_POINTS }
}

pub fn judge(curve: &CapacityCurve, regression: bool) -> Judgement {
    let mut best_at = 0;
    for (i, v) in curve.val.iter().enumerate() {
        if *v < curve.val[best_at] {
            best_at = i;
        }
    }
    let best_val = curve.val.get(best_at).copied().unwrap_or(f64::NAN);
    let current_val = curve.val.get(curve.current).copied().unwrap_or(f64::NAN);
    let tol = tolerance(best_val, regression);
    let verdict = if current_val <= best_val + tol {
        Verdict::GoodFit
    } else if best_at > curve.current {
        Verdict::Underfitting
    } else {
        Verdict::Overfitting
    };
    Judgement { verdict, knob: curve.knob, current_val, best_val, best_at, tolerance: tol }
}

/// The live state the challenges check and the texts describe.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub settings: Settings,
    pub train_error: f64,
    pub val_error: f64,
    /// Final validation log loss (classification) or MSE.
    pub val_loss: f64,
    pub oob_error: Option<f64>,
    /// Validation error after 1, 2, … trees.
    pub trees_curve: Vec<f64>,
    pub train_trees_curve: Vec<f64>,
    pub oob_curve: Vec<Option<f64>>,
    pub val_loss_curve: Vec<f64>,
    pub best_tree_val: f64,
    pub best_tree_depth: Option<usize>,
    pub tree_curve: Vec<DepthPoint>,
    pub depth_curve: Vec<DepthPoint>,
    /// Boosting: validation loss after each tree at each of [`LEARNING_RATES`].
    pub rate_curves: Vec<(f64, Vec<f64>)>,
    /// See [`Instability::disagreement`].
    pub instability: f64,
    pub first_tree_leaves: usize,
    pub first_tree_depth: usize,
    pub verdict: Judgement,
}

seeded_by!(Snapshot, settings.data.seed);

impl Snapshot {
    /// Boosting: the validation loss learning rate `lr` (one of [`LEARNING_RATES`]) reaches
    /// after `trees` trees.
    pub fn rate_loss(&self, lr: f64, trees: usize) -> Option<f64> {
        let (_, curve) = self.rate_curves.iter().find(|(r, _)| (*r - lr).abs() < 1e-12)?;
        curve.get(trees.checked_sub(1)?).copied()
    }
}

/// Builds the model from a query as the page does, fits everything and returns the snapshot.
pub fn run_query(query: &str) -> Option<Snapshot> {
    let (settings, _) = Settings::from_query(query);
    let mut m = LabModel::new(settings).ok()?;
    m.finish();
    m.snapshot()
}
