//! The four searches of the current settings, computed a trial at a time (Bayesian
//! optimization's suggestions are the expensive part), the many-seeds race, the true objective
//! sampled on a grid for the heatmaps, and the snapshot the challenges judge.

use super::problem::{Problem, ProblemKind};
use super::{distinct_count, exploratory_count, quantile, running_best, trials_to_reach, AcquisitionChoice, RunSpec, Settings, MANY_SEEDS};
use crate::search::strategy::random_point;
use crate::search::{BayesSearch, Strategy, StrategyKind, TpeConfig, TpeSearch};
use crate::search::Space;

/// A whole TPE run at once (the many-seeds race's; the lab's own run is stepped by
/// [`RunSet::step`]).
pub fn tpe_values(problem: &Problem, space: &Space, budget: usize, seed: u64, config: &TpeConfig) -> (Vec<Vec<f64>>, Vec<f64>) {
    let mut t = TpeSearch::new(space.clone(), budget, seed, config.clone());
    let (mut points, mut values) = (Vec::new(), Vec::new());
    while let Some(p) = t.ask() {
        let v = problem.value(&p);
        if t.tell(&p, v).is_err() {
            break;
        }
        points.push(p);
        values.push(v);
    }
    (points, values)
}

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

    /// The final best value (+∞ before any finite trial).
    pub fn final_best(&self) -> f64 {
        self.best.last().copied().unwrap_or(f64::INFINITY)
    }

    pub fn is_complete(&self) -> bool {
        self.points.len() >= self.planned
    }

    /// Distinct values of each of `dims` knobs among the first `shown` trials.
    pub fn distinct_per_knob(&self, shown: usize, dims: usize) -> Vec<usize> {
        let n = shown.min(self.points.len());
        (0..dims).map(|i| distinct_count(&self.points[..n].iter().map(|p| p[i]).collect::<Vec<_>>())).collect()
    }
}

/// The grid and random runs computed at once; Bayesian optimization and TPE stepped by
/// [`RunSet::step`].
#[derive(Clone, Debug)]
pub struct RunSet {
    pub spec: RunSpec,
    pub problem: Problem,
    /// Grid, random, Bayesian optimization, TPE.
    pub runs: [Run; 4],
    /// For each Bayesian trial, the surrogate's σ at the point it chose (NaN for design points):
    /// how uncertain the model was where it sampled.
    pub bayes_sigma: Vec<f64>,
    bayes: Option<BayesSearch>,
    tpe: Option<TpeSearch>,
}

impl RunSet {
    pub fn new(spec: RunSpec) -> Self {
        let problem = Problem::new(spec.problem);
        let space = spec.problem.space();
        let grid = space.grid(spec.budget);
        let mut grid_run = Run::new(StrategyKind::Grid, grid.len());
        for p in grid {
            let v = problem.value(&p);
            grid_run.push(p, v);
        }
        let mut random_run = Run::new(StrategyKind::Random, spec.budget);
        for k in 0..spec.budget {
            let p = random_point(&space, spec.seed, k);
            let v = problem.value(&p);
            random_run.push(p, v);
        }
        let tpe = TpeSearch::new(space.clone(), spec.budget, spec.seed, spec.tpe.clone());
        let tpe_run = Run::new(StrategyKind::Tpe, spec.budget);
        let bayes = BayesSearch::new(space, spec.budget, spec.seed, spec.bayes.clone()).ok();
        let bayes_run = Run::new(StrategyKind::Bayes, if bayes.is_some() { spec.budget } else { 0 });
        Self { spec, problem, runs: [grid_run, random_run, bayes_run, tpe_run], bayes_sigma: Vec::new(), bayes, tpe: Some(tpe) }
    }

    /// All three searches run to the end, as the page computes them.
    pub fn finished(spec: RunSpec) -> Self {
        let mut set = Self::new(spec);
        while set.step() {}
        set
    }

    /// One more trial of Bayesian optimization and of TPE; returns whether more remain.
    pub fn step(&mut self) -> bool {
        let tpe_more = self.step_tpe();
        let bayes_more = self.step_bayes();
        tpe_more || bayes_more
    }

    fn step_tpe(&mut self) -> bool {
        let Some(t) = self.tpe.as_mut() else { return false };
        let trial = t.ask().map(|p| {
            let v = self.problem.value(&p);
            (t.tell(&p, v).is_ok(), p, v)
        });
        match trial {
            Some((true, p, v)) => {
                self.runs[3].push(p, v);
                true
            }
            _ => {
                // Done (or unable to go on): the run plans what it made.
                self.tpe = None;
                self.runs[3].planned = self.runs[3].points.len();
                false
            }
        }
    }

    fn step_bayes(&mut self) -> bool {
        let Some(b) = self.bayes.as_mut() else { return false };
        let Some(p) = b.ask() else {
            self.bayes = None;
            self.runs[2].planned = self.runs[2].points.len();
            return false;
        };
        let sigma = b.model().and_then(|m| m.predict(&[p.as_slice()]).ok()).and_then(|post| post.std.first().copied()).unwrap_or(f64::NAN);
        let v = self.problem.value(&p);
        if b.tell(&p, v).is_err() {
            self.bayes = None;
            self.runs[2].planned = self.runs[2].points.len();
            return false;
        }
        self.runs[2].push(p, v);
        self.bayes_sigma.push(sigma);
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
        self.spec.bayes.initial_points_for(2).min(self.spec.budget)
    }

    /// Bayesian optimization's model-chosen trials in unexplored territory.
    pub fn exploring_trials(&self) -> usize {
        self.exploring_trials_among(usize::MAX)
    }

    /// [`RunSet::exploring_trials`] among the first `shown` trials (the ones the panel shows):
    /// each trial is judged against the trials before it, so the count grows as they appear.
    pub fn exploring_trials_among(&self, shown: usize) -> usize {
        let space = self.spec.problem.space();
        let units: Vec<Vec<f64>> = self.runs[2].points.iter().take(shown).map(|p| space.to_unit(p)).collect();
        exploratory_count(&units, self.design_trials())
    }

    /// Mean surrogate σ at the model-chosen trials (NaN if there are none).
    pub fn mean_sigma_at_chosen(&self) -> f64 {
        let s: Vec<f64> = self.bayes_sigma.iter().copied().filter(|v| v.is_finite()).collect();
        if s.is_empty() { f64::NAN } else { s.iter().sum::<f64>() / s.len() as f64 }
    }

    /// The minimum regret is measured against: the known one, else the lowest value computed
    /// anywhere (the heatmap's grid or any trial).
    pub fn minimum(&self, field: &TrueField) -> f64 {
        let seen = self.runs.iter().map(Run::final_best).fold(f64::INFINITY, f64::min);
        match self.spec.problem.known_minimum() {
            Some(m) => m,
            None => field.range().0.min(seen),
        }
    }

    /// The tolerance of "within 1 % of the minimum": 1 % of the gap between a typical (median)
    /// value of the objective and its minimum.
    pub fn tolerance(&self, field: &TrueField) -> f64 {
        0.01 * (field.median() - self.minimum(field)).max(0.0)
    }

    /// Trials each strategy needs to come within 1 % of the minimum (None before the field is
    /// complete, or never).
    pub fn hits(&self, field: &TrueField) -> [Option<usize>; 4] {
        if !field.is_complete() {
            return [None; 4];
        }
        let (min, tol) = (self.minimum(field), self.tolerance(field));
        std::array::from_fn(|s| trials_to_reach(&self.runs[s].best, min, tol))
    }
}

/// Best-so-far curves of every strategy over [`MANY_SEEDS`] seeds (seed, seed + 1, …).
#[derive(Clone, Debug)]
pub struct ManySeeds {
    pub spec: RunSpec,
    /// Per strategy (grid, random, Bayesian, TPE), one best-so-far curve per finished seed.
    pub curves: [Vec<Vec<f64>>; 4],
    current: Option<(BayesSearch, Vec<f64>)>,
    problem: Problem,
    pub done_trials: usize,
}

impl ManySeeds {
    pub fn new(spec: RunSpec) -> Self {
        let problem = Problem::new(spec.problem);
        Self { spec, curves: Default::default(), current: None, problem, done_trials: 0 }
    }

    /// The race run to the end, as the page's "Race 20 seeds" button computes it.
    pub fn finished(spec: RunSpec) -> Self {
        let mut m = Self::new(spec);
        while m.step() {}
        m
    }

    pub fn total_trials(&self) -> usize {
        MANY_SEEDS * self.spec.budget
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
        let space = self.spec.problem.space();
        if self.current.is_none() {
            let seed = self.spec.seed + self.seeds_done() as u64;
            let grid: Vec<f64> = space.grid(self.spec.budget).iter().map(|p| self.problem.value(p)).collect();
            self.curves[0].push(running_best(grid));
            let random = (0..self.spec.budget).map(|k| self.problem.value(&random_point(&space, seed, k)));
            self.curves[1].push(running_best(random));
            self.curves[3].push(running_best(tpe_values(&self.problem, &space, self.spec.budget, seed, &self.spec.tpe).1));
            match BayesSearch::new(space, self.spec.budget, seed, self.spec.bayes.clone()) {
                Ok(b) => self.current = Some((b, Vec::new())),
                Err(_) => {
                    self.curves[2].push(Vec::new());
                    self.done_trials += self.spec.budget;
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
                !ok || values.len() >= self.spec.budget
            }
            None => true,
        };
        if finished {
            if let Some((_, values)) = self.current.take() {
                self.done_trials = (self.seeds_done() + 1) * self.spec.budget;
                self.curves[2].push(running_best(values));
            }
        }
        !self.is_complete()
    }

    /// Per strategy and trial count: (25th percentile, median, 75th percentile) of best-so-far.
    pub fn bands(&self) -> [Vec<(f64, f64, f64)>; 4] {
        std::array::from_fn(|s| {
            let curves = &self.curves[s];
            let len = curves.iter().map(Vec::len).max().unwrap_or(0);
            (0..len)
                .map(|t| {
                    let mut col: Vec<f64> = curves.iter().filter_map(|c| c.get(t).or(c.last()).copied()).filter(|v| v.is_finite()).collect();
                    crate::sorting::sort_floats(&mut col);
                    (quantile(&col, 0.25), quantile(&col, 0.5), quantile(&col, 0.75))
                })
                .collect()
        })
    }

    /// Median final best per strategy.
    pub fn medians(&self) -> [f64; 4] {
        let b = self.bands();
        std::array::from_fn(|s| b[s].last().map_or(f64::NAN, |x| x.1))
    }

    /// The status line under the finished race (None until every seed has finished): see
    /// [`super::texts::race_status`].
    pub fn status(&self) -> Option<String> {
        self.is_complete().then(|| {
            let initial = self.spec.bayes.initial_points_for(self.spec.problem.space().len());
            super::texts::race_status(self.medians(), self.spec.seed, self.spec.budget, initial, self.spec.tpe.n_startup_trials)
        })
    }

    /// Final best value of strategy `s` for each seed.
    pub fn finals(&self, s: usize) -> Vec<f64> {
        self.curves[s].iter().map(|c| c.last().copied().unwrap_or(f64::INFINITY)).collect()
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
    /// The median of the finished field, kept: charts' text alternatives ask for it on every
    /// reveal, and sorting 16,641 values each time showed in the page's long tasks.
    median: Option<f64>,
}

impl TrueField {
    pub fn new(problem: ProblemKind) -> Self {
        let (nx, ny) = match problem {
            ProblemKind::Land(_) => (129, 129),
            ProblemKind::Ridge => (super::problem::RIDGE_MAX_DEGREE as usize, 41),
        };
        Self { problem, nx, ny, values: Vec::with_capacity(nx * ny), source: Problem::new(problem), median: None }
    }

    pub fn finished(problem: ProblemKind) -> Self {
        let mut f = Self::new(problem);
        while f.step_row() {}
        f
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
        if self.is_complete() {
            self.median = Some(self.median_of_values());
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
        self.median.unwrap_or_else(|| self.median_of_values())
    }

    fn median_of_values(&self) -> f64 {
        let mut v: Vec<f64> = self.values.iter().copied().filter(|v| v.is_finite()).collect();
        crate::sorting::sort_floats(&mut v);
        quantile(&v, 0.5)
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

/// What the challenges judge.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchSnapshot {
    pub problem: ProblemKind,
    pub budget: usize,
    pub seed: u64,
    pub init: usize,
    pub acquisition: AcquisitionChoice,
    pub kappa: f64,
    /// Final best value of grid, random, Bayesian optimization and TPE.
    pub best: [f64; 4],
    /// Trials each strategy needed to come within 1 % of the objective's range of its minimum.
    pub hits: [Option<usize>; 4],
    /// Distinct values of the first knob each strategy tried.
    pub distinct_x: [usize; 4],
    /// Trials Bayesian optimization chose with its model (after the initial design) in
    /// unexplored territory: at least [`super::EXPLORE_DISTANCE`] from every earlier trial.
    pub bayes_exploratory_trials: usize,
    /// Median final best of each strategy over the many-seeds race (when it has finished for
    /// these settings).
    pub many_medians: Option<[f64; 4]>,
    /// Seeds of the finished race on which TPE ended lower than random search.
    pub tpe_wins: Option<usize>,
    /// Parallel workers chosen, and Bayesian optimization's median final regret with them
    /// divided by its sequential one (when the parallel experiment has finished for these
    /// settings).
    pub workers: usize,
    pub parallel_ratio: Option<f64>,
    /// Gradient tuning: its degree and start, and the cross-validations gradient descent and
    /// grid search needed to reach the curve's minimum.
    pub gd: Option<GdOutcome>,
}

seeded_by!(SearchSnapshot, seed);

/// What the gradient challenge judges.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GdOutcome {
    pub degree: usize,
    pub start: super::Start,
    pub gd_hit: Option<usize>,
    pub grid_hit: Option<usize>,
}

impl GdOutcome {
    pub fn of(g: &super::GradientTuning) -> Self {
        Self { degree: g.settings.degree, start: g.settings.start, gd_hit: g.gd_hit(), grid_hit: g.search_hits()[0] }
    }
}

impl ManySeeds {
    /// Seeds on which TPE's final best is lower than random search's.
    pub fn tpe_wins(&self) -> usize {
        self.finals(3).iter().zip(self.finals(1)).filter(|(t, r)| *t < r).count()
    }
}

impl SearchSnapshot {
    /// Whether the searches and the true objective they are scored on have finished (a snapshot
    /// exists only then).
    pub fn ready(set: &RunSet, field: &TrueField) -> bool {
        set.is_complete() && field.is_complete() && field.problem == set.spec.problem
    }

    /// The snapshot of finished searches (`None` while anything is still computing).
    pub fn of(settings: &Settings, set: &RunSet, field: &TrueField, many: Option<&ManySeeds>, parallel: Option<&super::Parallel>, gd: Option<&super::GradientTuning>) -> Option<Self> {
        if !Self::ready(set, field) {
            return None;
        }
        Some(Self {
            problem: set.spec.problem,
            budget: set.spec.budget,
            seed: set.spec.seed,
            init: settings.init,
            acquisition: settings.acquisition,
            kappa: settings.kappa,
            best: std::array::from_fn(|s| set.runs[s].final_best()),
            hits: set.hits(field),
            distinct_x: std::array::from_fn(|s| set.runs[s].distinct_per_knob(usize::MAX, 1)[0]),
            bayes_exploratory_trials: set.exploring_trials(),
            many_medians: many.filter(|m| m.is_complete() && m.spec == set.spec).map(ManySeeds::medians),
            tpe_wins: many.filter(|m| m.is_complete() && m.spec == set.spec).map(ManySeeds::tpe_wins),
            workers: settings.workers,
            parallel_ratio: parallel.filter(|p| p.is_complete() && p.spec == settings.parallel_spec()).and_then(|p| {
                let w = super::parallel::WORKERS.iter().position(|&k| k == settings.workers)?;
                Some(p.final_median(1, w) / p.final_median(1, 0))
            }),
            gd: gd.filter(|g| g.settings == settings.gd_settings()).map(GdOutcome::of),
        })
    }
}

#[cfg(test)]
mod field_tests {
    use super::TrueField;
    use crate::labs::search::problem::ProblemKind;

    #[test]
    fn a_finished_fields_kept_median_is_the_median_of_its_values() {
        let kind = ProblemKind::Ridge;
        let mut field = TrueField::new(kind);
        let mut rows = 0;
        while field.step_row() {
            rows += 1;
            if rows == 3 {
                // Unfinished: the median of what is there so far.
                assert_eq!(field.median(), field.median_of_values());
            }
        }
        assert_eq!(field.median(), field.median_of_values());
        assert!(field.median().is_finite());
    }
}

#[cfg(test)]
mod stepped_tpe_tests {
    use super::{tpe_values, RunSet};
    use crate::labs::search::Settings;

    #[test]
    fn the_stepped_tpe_run_is_the_whole_run_computed_at_once() {
        for query in ["problem=branin&budget=20&seed=3", "problem=ridge&budget=30", "problem=rastrigin&budget=10&seed=9"] {
            let spec = Settings::from_query(query).run_spec();
            let mut set = RunSet::new(spec.clone());
            assert!(set.runs[3].points.is_empty(), "{query}: nothing of TPE's is computed before stepping");
            while set.step() {}
            let (points, values) = tpe_values(&set.problem, &spec.problem.space(), spec.budget, spec.seed, &spec.tpe);
            assert_eq!((&set.runs[3].points, &set.runs[3].values), (&points, &values), "{query}");
            assert_eq!(set.runs[3].planned, points.len());
            assert!(set.is_complete());
        }
    }
}
