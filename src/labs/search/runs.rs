//! The three searches of the current settings, computed a trial at a time (Bayesian
//! optimization's suggestions are the expensive part), the many-seeds race, and the true
//! objective sampled on a grid for the heatmaps.

use super::state::{running_best, Problem, ProblemKind, Settings, MANY_SEEDS};
use hyperlab_ml::search::strategy::random_point;
use hyperlab_ml::search::{BayesSearch, Landscape, Strategy, StrategyKind};

/// One strategy's trials so far.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub kind: StrategyKind,
    pub points: Vec<Vec<f64>>,
    pub values: Vec<f64>,
    pub best: Vec<f64>,
    /// Trials the strategy will make in all (the grid may use fewer than the budget).
    pub planned: usize,
}

impl Run {
    fn new(kind: StrategyKind, planned: usize) -> Self {
        Self { kind, points: Vec::new(), values: Vec::new(), best: Vec::new(), planned }
    }

    fn push(&mut self, point: Vec<f64>, value: f64) {
        let last = self.best.last().copied().unwrap_or(f64::INFINITY);
        self.best.push(if value.is_finite() && value < last { value } else { last });
        self.points.push(point);
        self.values.push(value);
    }

    /// Index of the best trial among the first `shown`.
    pub fn best_index(&self, shown: usize) -> Option<usize> {
        let n = shown.min(self.values.len());
        (0..n).filter(|&i| self.values[i].is_finite()).min_by(|&a, &b| self.values[a].total_cmp(&self.values[b]).then(a.cmp(&b)))
    }

    pub fn is_complete(&self) -> bool {
        self.points.len() >= self.planned
    }
}

/// The grid and random runs computed at once; Bayesian optimization stepped by [`RunSet::step`].
#[derive(Clone, Debug)]
pub struct RunSet {
    pub settings: Settings,
    pub problem: Problem,
    /// Grid, random, Bayesian optimization.
    pub runs: [Run; 3],
    bayes: Option<BayesSearch>,
}

impl RunSet {
    pub fn new(settings: Settings) -> Self {
        let problem = Problem::new(settings.problem);
        let space = settings.problem.space();
        let grid = space.grid(settings.budget);
        let mut grid_run = Run::new(StrategyKind::Grid, grid.len());
        for p in grid {
            let v = problem.value(&p);
            grid_run.push(p, v);
        }
        let mut random_run = Run::new(StrategyKind::Random, settings.budget);
        for k in 0..settings.budget {
            let p = random_point(&space, settings.seed, k);
            let v = problem.value(&p);
            random_run.push(p, v);
        }
        let bayes = BayesSearch::new(space, settings.budget, settings.seed, settings.bayes.clone()).ok();
        let bayes_run = Run::new(StrategyKind::Bayes, if bayes.is_some() { settings.budget } else { 0 });
        Self { settings, problem, runs: [grid_run, random_run, bayes_run], bayes }
    }

    /// One more Bayesian-optimization trial; returns whether more remain.
    pub fn step(&mut self) -> bool {
        let Some(b) = self.bayes.as_mut() else { return false };
        let Some(p) = b.ask() else {
            self.bayes = None;
            return false;
        };
        let v = self.problem.value(&p);
        if b.tell(&p, v).is_err() {
            self.bayes = None;
            self.runs[2].planned = self.runs[2].points.len();
            return false;
        }
        self.runs[2].push(p, v);
        if self.runs[2].is_complete() {
            self.bayes = None;
            return false;
        }
        true
    }

    pub fn is_complete(&self) -> bool {
        self.runs.iter().all(Run::is_complete)
    }

    /// Trials of Bayesian optimization that came from the initial design.
    pub fn design_trials(&self) -> usize {
        self.settings.bayes.initial_points_for(2).min(self.settings.budget)
    }
}

/// Best-so-far curves of every strategy over [`MANY_SEEDS`] seeds (seed, seed + 1, …).
#[derive(Clone, Debug)]
pub struct ManySeeds {
    pub settings: Settings,
    /// Per strategy, one best-so-far curve per finished seed.
    pub curves: [Vec<Vec<f64>>; 3],
    current: Option<(BayesSearch, Vec<f64>)>,
    problem: Problem,
    pub done_trials: usize,
}

impl ManySeeds {
    pub fn new(settings: Settings) -> Self {
        let problem = Problem::new(settings.problem);
        Self { settings, curves: Default::default(), current: None, problem, done_trials: 0 }
    }

    pub fn total_trials(&self) -> usize {
        MANY_SEEDS * self.settings.budget
    }

    pub fn seeds_done(&self) -> usize {
        self.curves[2].len()
    }

    pub fn is_complete(&self) -> bool {
        self.seeds_done() >= MANY_SEEDS
    }

    /// One Bayesian trial (starting a seed computes its grid and random curves first); returns
    /// whether more remain.
    pub fn step(&mut self) -> bool {
        if self.is_complete() {
            return false;
        }
        let space = self.settings.problem.space();
        if self.current.is_none() {
            let seed = self.settings.seed + self.seeds_done() as u64;
            let grid: Vec<f64> = space.grid(self.settings.budget).iter().map(|p| self.problem.value(p)).collect();
            self.curves[0].push(running_best(grid));
            let random = (0..self.settings.budget).map(|k| self.problem.value(&random_point(&space, seed, k)));
            self.curves[1].push(running_best(random));
            match BayesSearch::new(space, self.settings.budget, seed, self.settings.bayes.clone()) {
                Ok(b) => self.current = Some((b, Vec::new())),
                Err(_) => {
                    self.curves[2].push(Vec::new());
                    self.done_trials += self.settings.budget;
                    return !self.is_complete();
                }
            }
        }
        let Some((b, values)) = self.current.as_mut() else { return false };
        let finished = match b.ask() {
            Some(p) => {
                let v = self.problem.value(&p);
                let ok = b.tell(&p, v).is_ok();
                values.push(v);
                self.done_trials += 1;
                !ok || values.len() >= self.settings.budget
            }
            None => true,
        };
        if finished {
            if let Some((_, values)) = self.current.take() {
                self.done_trials = (self.seeds_done() + 1) * self.settings.budget;
                self.curves[2].push(running_best(values));
            }
        }
        !self.is_complete()
    }

    /// Per strategy and trial count: (25th percentile, median, 75th percentile) of best-so-far.
    pub fn bands(&self) -> [Vec<(f64, f64, f64)>; 3] {
        std::array::from_fn(|s| {
            let curves = &self.curves[s];
            let len = curves.iter().map(Vec::len).max().unwrap_or(0);
            (0..len)
                .map(|t| {
                    let mut col: Vec<f64> = curves.iter().filter_map(|c| c.get(t).or(c.last()).copied()).filter(|v| v.is_finite()).collect();
                    col.sort_by(|a, b| a.total_cmp(b));
                    (quantile(&col, 0.25), quantile(&col, 0.5), quantile(&col, 0.75))
                })
                .collect()
        })
    }

    /// Median final best per strategy.
    pub fn medians(&self) -> [f64; 3] {
        let b = self.bands();
        std::array::from_fn(|s| b[s].last().map_or(f64::NAN, |x| x.1))
    }
}

/// Linear-interpolated quantile of sorted values (NaN for none).
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    match sorted.len() {
        0 => f64::NAN,
        1 => sorted[0],
        n => {
            let pos = q.clamp(0.0, 1.0) * (n - 1) as f64;
            let i = (pos.floor() as usize).min(n - 2);
            let f = pos - i as f64;
            sorted[i] + (sorted[i + 1] - sorted[i]) * f
        }
    }
}

/// The true objective sampled over the unit square (row `j` at v = j/(ny−1), column `i` at
/// u = i/(nx−1)), filled a row at a time so the ridge problem's cross-validations can be spread
/// over frames.
#[derive(Clone, Debug)]
pub struct TrueField {
    pub problem: ProblemKind,
    pub nx: usize,
    pub ny: usize,
    pub values: Vec<f64>,
    source: Problem,
}

impl TrueField {
    pub fn new(problem: ProblemKind) -> Self {
        let (nx, ny) = match problem {
            ProblemKind::Land(_) => (129, 129),
            ProblemKind::Ridge => (super::state::RIDGE_MAX_DEGREE as usize, 41),
        };
        Self { problem, nx, ny, values: Vec::with_capacity(nx * ny), source: Problem::new(problem) }
    }

    pub fn rows_done(&self) -> usize {
        self.values.len() / self.nx.max(1)
    }

    pub fn is_complete(&self) -> bool {
        self.rows_done() >= self.ny
    }

    /// Computes the next row; returns whether more remain.
    pub fn step_row(&mut self) -> bool {
        if self.is_complete() {
            return false;
        }
        let space = self.problem.space();
        let j = self.rows_done();
        let v = j as f64 / (self.ny - 1) as f64;
        for i in 0..self.nx {
            let u = i as f64 / (self.nx - 1) as f64;
            let p = space.from_unit(&[u, v]);
            self.values.push(self.source.value(&p));
        }
        !self.is_complete()
    }

    /// Smallest and largest finite value computed so far.
    pub fn range(&self) -> (f64, f64) {
        let (lo, hi) = self.values.iter().filter(|v| v.is_finite()).fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| (lo.min(v), hi.max(v)));
        if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) }
    }

    /// The median value of the field (a typical value of the objective).
    pub fn median(&self) -> f64 {
        let mut v: Vec<f64> = self.values.iter().copied().filter(|v| v.is_finite()).collect();
        v.sort_by(|a, b| a.total_cmp(b));
        super::runs::quantile(&v, 0.5)
    }

    /// The minimum to measure regret against: the known one, else the field's.
    pub fn minimum(&self) -> f64 {
        self.problem.known_minimum().unwrap_or_else(|| self.range().0)
    }

    /// Value at unit coordinates: bilinear for landscapes, nearest degree (whole numbers) for
    /// ridge. NaN where the field is not computed yet.
    pub fn lookup(&self, u: f64, v: f64) -> f64 {
        if !self.is_complete() {
            return f64::NAN;
        }
        let at = |i: usize, j: usize| self.values[j.min(self.ny - 1) * self.nx + i.min(self.nx - 1)];
        let fx = u.clamp(0.0, 1.0) * (self.nx - 1) as f64;
        let fy = v.clamp(0.0, 1.0) * (self.ny - 1) as f64;
        let j = (fy.floor() as usize).min(self.ny - 2);
        let ty = (fy - j as f64).clamp(0.0, 1.0);
        let lerp_y = |i: usize| at(i, j) * (1.0 - ty) + at(i, j + 1) * ty;
        match self.problem {
            ProblemKind::Ridge => lerp_y(fx.round() as usize),
            ProblemKind::Land(_) => {
                let i = (fx.floor() as usize).min(self.nx - 2);
                let tx = fx - i as f64;
                lerp_y(i) * (1.0 - tx) + lerp_y(i + 1) * tx
            }
        }
    }
}

/// The landscape of a problem kind, if it is one.
pub fn landscape(kind: ProblemKind) -> Option<Landscape> {
    match kind {
        ProblemKind::Land(l) => Some(l),
        ProblemKind::Ridge => None,
    }
}
