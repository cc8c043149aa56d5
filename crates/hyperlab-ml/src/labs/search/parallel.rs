//! Parallel trials: k workers each take a trial, and the k results come back together, so each
//! round proposes k points before any of their results is known ([`suggest_batch`]). Random
//! search is unaffected (its points never depended on results); Bayesian optimization and TPE
//! choose each batch with a constant liar and see fewer results per decision. The experiment runs
//! each strategy with k = 1, 2, 4, 8 over [`MANY_SEEDS`] seeds, one round per step.

use super::problem::{Problem, ProblemKind};
use super::{quantile, running_best, MANY_SEEDS};
use crate::search::{suggest_batch, BatchConfig, BayesConfig, Liar, Observation, StrategyKind, TpeConfig};

/// The numbers of workers the experiment compares.
pub const WORKERS: [usize; 4] = [1, 2, 4, 8];
/// The strategies it runs (grid search's order is fixed, so it is left out).
pub const STRATEGIES: [StrategyKind; 3] = [StrategyKind::Random, StrategyKind::Bayes, StrategyKind::Tpe];

/// What the experiment depends on.
#[derive(Clone, Debug, PartialEq)]
pub struct ParallelSpec {
    pub problem: ProblemKind,
    pub budget: usize,
    pub first_seed: u64,
    pub bayes: BayesConfig,
    pub tpe: TpeConfig,
    pub liar: Liar,
}

/// The experiment, stepped one round (one batch) at a time.
#[derive(Clone, Debug)]
pub struct Parallel {
    pub spec: ParallelSpec,
    /// `curves[s][w]`: for strategy `STRATEGIES[s]` with `WORKERS[w]` workers, one best-so-far
    /// curve (one value per trial) per finished seed.
    pub curves: [[Vec<Vec<f64>>; 4]; 3],
    problem: Problem,
    /// (strategy, workers, seed index) being run, and its observations so far.
    cursor: (usize, usize, usize),
    observations: Vec<Observation>,
    pub rounds_done: usize,
}

/// Rounds a budget takes with k workers.
pub fn rounds(budget: usize, k: usize) -> usize {
    budget.div_ceil(k.max(1))
}

impl Parallel {
    pub fn new(spec: ParallelSpec) -> Self {
        let problem = Problem::new(spec.problem);
        Self { spec, curves: Default::default(), problem, cursor: (0, 0, 0), observations: Vec::new(), rounds_done: 0 }
    }

    pub fn finished(spec: ParallelSpec) -> Self {
        let mut p = Self::new(spec);
        while p.step() {}
        p
    }

    /// Rounds in the whole experiment (for a progress bar).
    pub fn total_rounds(&self) -> usize {
        STRATEGIES.len() * MANY_SEEDS * WORKERS.iter().map(|&k| rounds(self.spec.budget, k)).sum::<usize>()
    }

    pub fn is_complete(&self) -> bool {
        self.cursor.0 >= STRATEGIES.len()
    }

    /// One round of the current run; returns whether more remain.
    pub fn step(&mut self) -> bool {
        if self.is_complete() {
            return false;
        }
        let (s, w, i) = self.cursor;
        let space = self.spec.problem.space();
        let seed = self.spec.first_seed + i as u64;
        let config = BatchConfig { bayes: self.spec.bayes.clone(), tpe: self.spec.tpe.clone(), liar: self.spec.liar };
        let batch = suggest_batch(STRATEGIES[s], &space, &self.observations, self.spec.budget, seed, &config, WORKERS[w]).unwrap_or_default();
        for p in &batch {
            let v = self.problem.value(p);
            self.observations.push(Observation { point: p.clone(), value: v });
        }
        self.rounds_done += 1;
        if batch.is_empty() || self.observations.len() >= self.spec.budget {
            let values = std::mem::take(&mut self.observations).into_iter().map(|o| o.value);
            self.curves[s][w].push(running_best(values));
            self.cursor = match (i + 1 < MANY_SEEDS, w + 1 < WORKERS.len()) {
                (true, _) => (s, w, i + 1),
                (false, true) => (s, w + 1, 0),
                (false, false) => (s + 1, 0, 0),
            };
        }
        !self.is_complete()
    }

    /// The value regret is measured against: the known minimum, else the lowest value any run
    /// found.
    pub fn minimum(&self) -> f64 {
        self.spec.problem.known_minimum().unwrap_or_else(|| self.curves.iter().flatten().flatten().filter_map(|c| c.last().copied()).fold(f64::INFINITY, f64::min))
    }

    /// Median best-so-far regret after each trial for strategy `s` with `WORKERS[w]` workers.
    pub fn median_by_trial(&self, s: usize, w: usize) -> Vec<f64> {
        let curves = &self.curves[s][w];
        let len = curves.iter().map(Vec::len).max().unwrap_or(0);
        let min = self.minimum();
        (0..len)
            .map(|t| {
                let mut col: Vec<f64> = curves.iter().filter_map(|c| c.get(t).or(c.last()).copied()).filter(|v| v.is_finite()).map(|v| v - min).collect();
                crate::sorting::sort_floats(&mut col);
                quantile(&col, 0.5)
            })
            .collect()
    }

    /// Median regret after each round (the best after the round's last trial).
    pub fn median_by_round(&self, s: usize, w: usize) -> Vec<f64> {
        let by_trial = self.median_by_trial(s, w);
        let k = WORKERS[w];
        (1..=rounds(by_trial.len(), k)).map(|r| by_trial[(r * k).min(by_trial.len()) - 1]).collect()
    }

    /// Median final regret for strategy `s` with `WORKERS[w]` workers (NaN before it has run).
    pub fn final_median(&self, s: usize, w: usize) -> f64 {
        self.median_by_trial(s, w).last().copied().unwrap_or(f64::NAN)
    }
}
