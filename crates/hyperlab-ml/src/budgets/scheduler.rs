//! One steppable search per method, charged epoch by epoch against one budget.
//!
//! Trials come from a [`Curves`] source: the k-th *shared* trial is the same configuration (and
//! the same initial weights) for every method, so methods differ only in how they spend epochs.
//! A step trains one epoch of every running trial — a whole rung of a bracket trains side by
//! side — then applies the method's rule to the trials that reached their target.
//!
//! A trial counts for "best found" only once it has trained the full maximum resource R (as
//! Optuna's `best_value` counts completed trials only): a network stopped at 3 epochs is not the
//! network you would deploy.

use super::brackets::{hyperband_brackets, successive_halving_rungs, Rung};
use super::rules::{asha_promotable, median_rule_stops};
use super::BudgetError;
use crate::search::{suggest_bayes, BayesConfig, Observation, Space};

/// Trials the asynchronous methods (ASHA, median stopping, random search) run at once.
pub const WORKERS: usize = 4;
/// Shared random trials Bayesian optimization evaluates before its model takes over.
pub const BAYES_INITIAL: usize = 4;

/// Where learning curves come from: real networks in the lab, hand-made curves in tests.
pub trait Curves {
    /// The search space the configurations live in.
    fn space(&self) -> &Space;
    /// Id of the k-th shared trial (the same configuration for every method).
    fn shared(&mut self, k: usize) -> usize;
    /// Id of a new trial at `point` (Bayesian optimization's suggestions).
    fn at(&mut self, point: &[f64]) -> usize;
    /// The configuration of trial `id`.
    fn point(&self, id: usize) -> Vec<f64>;
    /// Validation loss of trial `id` after `epoch` epochs (1-based), training it as far as
    /// needed; non-finite once it has diverged.
    fn loss(&mut self, id: usize, epoch: usize) -> f64;
}

/// The methods the lab compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    SuccessiveHalving,
    Hyperband,
    Asha,
    Median,
    Random,
    Bayes,
}

impl Method {
    pub const ALL: [Method; 6] = [Method::SuccessiveHalving, Method::Hyperband, Method::Asha, Method::Median, Method::Random, Method::Bayes];

    pub fn slug(self) -> &'static str {
        match self {
            Method::SuccessiveHalving => "sh",
            Method::Hyperband => "hyperband",
            Method::Asha => "asha",
            Method::Median => "median",
            Method::Random => "random",
            Method::Bayes => "bayes",
        }
    }

    pub fn from_slug(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.slug() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Method::SuccessiveHalving => "Successive halving",
            Method::Hyperband => "Hyperband",
            Method::Asha => "Asynchronous successive halving (ASHA)",
            Method::Median => "Median stopping rule",
            Method::Random => "Random search (full epochs)",
            Method::Bayes => "Bayesian optimization (full epochs)",
        }
    }

    /// The name in a legend or inside a parenthesis: without the label's own parenthesis.
    pub fn short_label(self) -> &'static str {
        match self {
            Method::SuccessiveHalving => "Successive halving",
            Method::Hyperband => "Hyperband",
            Method::Asha => "ASHA",
            Method::Median => "Median stopping rule",
            Method::Random => "Random search",
            Method::Bayes => "Bayesian optimization",
        }
    }

    /// The name inside a sentence, after "but": lower case where it is not a name, with an article
    /// where English wants one ("but the median stopping rule stopped it").
    pub fn in_sentence(self) -> &'static str {
        match self {
            Method::SuccessiveHalving => "successive halving",
            Method::Hyperband => "Hyperband",
            Method::Asha => "ASHA",
            Method::Median => "the median stopping rule",
            Method::Random => "random search",
            Method::Bayes => "Bayesian optimization",
        }
    }

    /// Whether the method stops trials before R.
    pub fn stops_early(self) -> bool {
        !matches!(self, Method::Random | Method::Bayes)
    }
}

/// Where a trial stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrialState {
    /// Training towards its target epoch.
    Running,
    /// Reached its rung and waits for the rest of the rung.
    Paused,
    /// Stopped by the method's rule after this many epochs.
    Stopped { epoch: usize },
    /// Trained the full R epochs.
    Completed,
    /// Its loss became non-finite (the network diverged) after this many epochs.
    Failed { epoch: usize },
    /// The shared budget ran out while it trained.
    Cut { epoch: usize },
}

/// One trial of a search: its configuration and the losses it reported.
#[derive(Clone, Debug, PartialEq)]
pub struct TrialRecord {
    /// Id in the [`Curves`] source.
    pub id: usize,
    pub point: Vec<f64>,
    /// `curve[e - 1]`: validation loss after epoch e (+∞ once diverged).
    pub curve: Vec<f64>,
    pub state: TrialState,
    /// The epoch it trains towards.
    pub target: usize,
    /// The Hyperband bracket (0 = the most aggressive) or successive-halving round it belongs to.
    pub bracket: usize,
    /// Times it was promoted to a further rung.
    pub promotions: usize,
}

impl TrialRecord {
    pub fn epochs(&self) -> usize {
        self.curve.len()
    }
    pub fn last_loss(&self) -> f64 {
        self.curve.last().copied().unwrap_or(f64::INFINITY)
    }
    pub fn is_stopped(&self) -> bool {
        matches!(self.state, TrialState::Stopped { .. })
    }
}

/// A search in progress.
#[derive(Clone, Debug)]
pub struct Search {
    pub method: Method,
    pub eta: usize,
    pub min: usize,
    pub max: usize,
    /// Configurations successive halving starts per round.
    pub sh_trials: usize,
    pub budget: usize,
    spent: usize,
    seed: u64,
    trials: Vec<TrialRecord>,
    running: Vec<usize>,
    next_shared: usize,
    /// Hyperband's brackets (one for successive halving).
    brackets: Vec<Vec<Rung>>,
    /// Rounds of brackets started (Hyperband: bracket index = round mod brackets).
    round: usize,
    rung: usize,
    members: Vec<usize>,
    /// ASHA's rung resources below R, and what each rung has seen.
    rung_resources: Vec<usize>,
    rung_values: Vec<Vec<f64>>,
    /// (epochs spent, best loss at R) each time a trial completes.
    trace: Vec<(usize, f64)>,
    best: Option<usize>,
    done: bool,
}

impl Search {
    /// A search with `budget` epochs; `sh_trials` is successive halving's n.
    pub fn new(method: Method, min: usize, max: usize, eta: usize, sh_trials: usize, budget: usize, seed: u64) -> Result<Self, BudgetError> {
        let brackets = match method {
            Method::SuccessiveHalving => vec![successive_halving_rungs(sh_trials.max(1), min, max, eta)?],
            _ => hyperband_brackets(min, max, eta)?,
        };
        let ladder = successive_halving_rungs(1, min, max, eta)?;
        let rung_resources: Vec<usize> = ladder.iter().map(|r| r.r).filter(|&r| r < max).collect();
        Ok(Search {
            method,
            eta,
            min,
            max,
            sh_trials: sh_trials.max(1),
            budget,
            spent: 0,
            seed,
            trials: Vec::new(),
            running: Vec::new(),
            next_shared: 0,
            brackets,
            round: 0,
            rung: 0,
            members: Vec::new(),
            rung_values: vec![Vec::new(); rung_resources.len()],
            rung_resources,
            trace: Vec::new(),
            best: None,
            done: false,
        })
    }

    pub fn trials(&self) -> &[TrialRecord] {
        &self.trials
    }
    pub fn spent(&self) -> usize {
        self.spent
    }
    pub fn is_done(&self) -> bool {
        self.done
    }
    /// (epochs spent, best loss at R) after each completed trial.
    pub fn trace(&self) -> &[(usize, f64)] {
        &self.trace
    }
    /// The trial with the lowest loss at R so far.
    pub fn best_trial(&self) -> Option<&TrialRecord> {
        self.best.map(|i| &self.trials[i])
    }
    pub fn best_loss(&self) -> f64 {
        self.best_trial().map_or(f64::INFINITY, |t| t.last_loss())
    }
    pub fn brackets(&self) -> &[Vec<Rung>] {
        &self.brackets
    }
    /// The bracket (index into [`brackets`](Self::brackets)) and rung being trained, for the
    /// synchronous methods.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self.method {
            Method::SuccessiveHalving | Method::Hyperband if self.round > 0 => Some(((self.round - 1) % self.brackets.len(), self.rung)),
            _ => None,
        }
    }
    /// Rung resources (epochs) below R where ASHA and the bracket methods decide.
    pub fn rung_resources(&self) -> &[usize] {
        &self.rung_resources
    }
    /// Trials currently training.
    pub fn running(&self) -> &[usize] {
        &self.running
    }

    /// Runs to the end.
    pub fn finish(&mut self, curves: &mut impl Curves) {
        while self.step(curves) {}
    }

    /// Makes the method's next decisions if no trial is running (starts a rung or a bracket,
    /// or fills free workers), so [`running`](Self::running) lists what the next step trains.
    pub fn prepare(&mut self, curves: &mut impl Curves) {
        if !self.done && self.running.is_empty() && self.spent < self.budget {
            self.plan(curves);
        }
    }

    /// One epoch for every running trial, then the method's decisions. False once done.
    pub fn step(&mut self, curves: &mut impl Curves) -> bool {
        if self.done {
            return false;
        }
        self.prepare(curves);
        if self.running.is_empty() {
            self.done = true;
            return false;
        }
        let batch = self.running.clone();
        let mut arrived = Vec::new();
        for i in batch {
            if self.spent >= self.budget {
                self.cut_all();
                return false;
            }
            let epoch = self.trials[i].curve.len() + 1;
            let loss = curves.loss(self.trials[i].id, epoch);
            let loss = if loss.is_finite() { loss } else { f64::INFINITY };
            self.spent += 1;
            let trial = &mut self.trials[i];
            trial.curve.push(loss);
            if !loss.is_finite() {
                trial.state = TrialState::Failed { epoch };
                arrived.push(i);
            } else if epoch >= trial.target {
                arrived.push(i);
            }
        }
        self.running.retain(|i| !arrived.contains(i));
        for i in arrived {
            self.arrive(i);
        }
        if self.spent >= self.budget {
            self.cut_all();
            return false;
        }
        true
    }

    fn cut_all(&mut self) {
        for &i in &self.running {
            let epoch = self.trials[i].curve.len();
            self.trials[i].state = TrialState::Cut { epoch };
        }
        self.running.clear();
        self.done = true;
    }

    fn add(&mut self, id: usize, point: Vec<f64>, target: usize) -> usize {
        let bracket = self.round.saturating_sub(1);
        self.trials.push(TrialRecord { id, point, curve: Vec::new(), state: TrialState::Running, target, bracket, promotions: 0 });
        self.trials.len() - 1
    }

    fn add_shared(&mut self, curves: &mut impl Curves, target: usize) -> usize {
        let id = curves.shared(self.next_shared);
        self.next_shared += 1;
        let point = curves.point(id);
        self.add(id, point, target)
    }

    fn complete(&mut self, i: usize) {
        self.trials[i].state = TrialState::Completed;
        if self.best.is_none_or(|b| self.trials[i].last_loss() < self.trials[b].last_loss()) {
            self.best = Some(i);
        }
        let best = self.best_loss();
        self.trace.push((self.spent, best));
    }

    /// A trial reached its target (or failed).
    fn arrive(&mut self, i: usize) {
        if matches!(self.trials[i].state, TrialState::Failed { .. }) {
            return;
        }
        let epoch = self.trials[i].curve.len();
        if epoch >= self.max {
            self.complete(i);
            return;
        }
        match self.method {
            Method::SuccessiveHalving | Method::Hyperband => self.trials[i].state = TrialState::Paused,
            Method::Asha => {
                let k = self.rung_resources.iter().position(|&r| r == epoch).expect("ASHA targets are rungs");
                let value = self.trials[i].last_loss();
                self.rung_values[k].push(value);
                if asha_promotable(value, &self.rung_values[k], self.eta) {
                    self.trials[i].target = self.rung_resources.get(k + 1).copied().unwrap_or(self.max);
                    self.trials[i].promotions += 1;
                    self.running.push(i);
                } else {
                    self.trials[i].state = TrialState::Stopped { epoch };
                }
            }
            Method::Median => {
                let value = self.trials[i].last_loss();
                let earlier: Vec<&[f64]> = self.trials[..i].iter().map(|t| t.curve.as_slice()).collect();
                if median_rule_stops(value, epoch, &earlier) {
                    self.trials[i].state = TrialState::Stopped { epoch };
                } else {
                    self.trials[i].target = epoch + 1;
                    self.running.push(i);
                }
            }
            // Full-fidelity trials only arrive at R.
            Method::Random | Method::Bayes => self.complete(i),
        }
    }

    /// Fills the running set when it is empty (synchronous methods) or has free workers.
    fn plan(&mut self, curves: &mut impl Curves) {
        match self.method {
            Method::SuccessiveHalving | Method::Hyperband => self.plan_bracket(curves),
            Method::Asha => {
                let first = self.rung_resources.first().copied().unwrap_or(self.max);
                while self.running.len() < WORKERS {
                    let i = self.add_shared(curves, first);
                    self.running.push(i);
                }
            }
            Method::Median => {
                while self.running.len() < WORKERS {
                    let i = self.add_shared(curves, 1);
                    self.running.push(i);
                }
            }
            // One network at a time, as Bayesian optimization: the two full-fidelity methods
            // then spend the budget alike and differ only in how they pick configurations
            // (with several at once, random search lost up to that many part-trained networks
            // when the budget ran out, which Bayesian optimization did not).
            Method::Random => {
                let i = self.add_shared(curves, self.max);
                self.running.push(i);
            }
            Method::Bayes => {
                let i = if self.trials.len() < BAYES_INITIAL {
                    self.add_shared(curves, self.max)
                } else {
                    let observations: Vec<Observation> = self
                        .trials
                        .iter()
                        .filter(|t| t.state == TrialState::Completed || matches!(t.state, TrialState::Failed { .. }))
                        .map(|t| Observation { point: t.point.clone(), value: if t.last_loss().is_finite() { t.last_loss().ln() } else { f64::INFINITY } })
                        .collect();
                    let config = BayesConfig { initial_points: Some(1), candidates: 256, ..BayesConfig::default() };
                    let seed = self.seed ^ 0x00B0_D6E7;
                    match suggest_bayes(curves.space(), &observations, &config, seed, None) {
                        Ok(s) => {
                            let id = curves.at(&s.point);
                            let point = curves.point(id);
                            self.add(id, point, self.max)
                        }
                        Err(_) => self.add_shared(curves, self.max),
                    }
                };
                self.running.push(i);
            }
        }
    }

    /// Successive halving inside the current bracket: promote the best of a finished rung, or
    /// start the next bracket.
    fn plan_bracket(&mut self, curves: &mut impl Curves) {
        if self.round > 0 {
            let bracket = &self.brackets[(self.round - 1) % self.brackets.len()];
            if self.rung + 1 < bracket.len() {
                let keep = bracket[self.rung + 1].n;
                let target = bracket[self.rung + 1].r;
                let mut ranked: Vec<usize> = self.members.iter().copied().filter(|&i| self.trials[i].state == TrialState::Paused).collect();
                crate::sorting::sort_indices_by(&mut ranked, &|a, b| self.trials[a].last_loss().total_cmp(&self.trials[b].last_loss()).then(a.cmp(&b)));
                for (rank, &i) in ranked.iter().enumerate() {
                    if rank < keep {
                        self.trials[i].state = TrialState::Running;
                        self.trials[i].target = target;
                        self.trials[i].promotions += 1;
                        self.running.push(i);
                    } else {
                        let epoch = self.trials[i].curve.len();
                        self.trials[i].state = TrialState::Stopped { epoch };
                    }
                }
                self.members = self.running.clone();
                self.rung += 1;
                if !self.running.is_empty() {
                    return;
                }
            }
        }
        // A new bracket (Hyperband cycles through its brackets; successive halving repeats its one).
        self.round += 1;
        self.rung = 0;
        let first = self.brackets[(self.round - 1) % self.brackets.len()][0];
        self.members.clear();
        for _ in 0..first.n {
            let i = self.add_shared(curves, first.r);
            self.members.push(i);
            self.running.push(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Dimension;

    /// Hand-made curves: trial k's loss after e epochs is `final_k + gap_k / e`.
    struct Toy {
        space: Space,
        shapes: Vec<(f64, f64)>,
        points: Vec<Vec<f64>>,
        trained: usize,
    }

    impl Toy {
        fn new(shapes: Vec<(f64, f64)>) -> Self {
            Toy { space: Space::new(vec![Dimension::linear("x", 0.0, 1.0)]).unwrap(), shapes, points: Vec::new(), trained: 0 }
        }
    }

    impl Curves for Toy {
        fn space(&self) -> &Space {
            &self.space
        }
        fn shared(&mut self, k: usize) -> usize {
            self.points.push(vec![(k % 100) as f64 / 100.0]);
            self.points.len() - 1
        }
        fn at(&mut self, point: &[f64]) -> usize {
            self.points.push(point.to_vec());
            self.points.len() - 1
        }
        fn point(&self, id: usize) -> Vec<f64> {
            self.points[id].clone()
        }
        fn loss(&mut self, id: usize, epoch: usize) -> f64 {
            self.trained += 1;
            let k = (self.points[id][0] * 100.0).round() as usize;
            let (f, g) = self.shapes[k % self.shapes.len()];
            f + g / epoch as f64
        }
    }

    #[test]
    fn hyperband_spends_exactly_its_cost_and_follows_the_table() {
        let shapes: Vec<(f64, f64)> = (0..100).map(|k| (((k * 37) % 100) as f64 / 100.0, 1.0)).collect();
        let mut toy = Toy::new(shapes);
        let mut s = Search::new(Method::Hyperband, 1, 81, 3, 27, 1581, 1).unwrap();
        s.finish(&mut toy);
        assert_eq!(s.spent(), 1581);
        assert_eq!(s.trials().len(), 81 + 34 + 15 + 8 + 5);
        assert_eq!(s.trials().iter().filter(|t| t.state == TrialState::Completed).count(), 1 + 1 + 1 + 2 + 5);
        // In the first bracket, 27 of 81 reach 3 epochs.
        assert_eq!(s.trials()[..81].iter().filter(|t| t.epochs() >= 3).count(), 27);
    }

    #[test]
    fn successive_halving_keeps_the_best_when_curves_do_not_cross() {
        // Parallel curves: the lowest final loss is also lowest at every epoch.
        let shapes: Vec<(f64, f64)> = (0..100).map(|k| (((k * 37) % 100) as f64 / 100.0, 1.0)).collect();
        let mut toy = Toy::new(shapes.clone());
        let mut s = Search::new(Method::SuccessiveHalving, 1, 27, 3, 27, 27 + 9 * 2 + 3 * 6 + 18, 1).unwrap();
        s.finish(&mut toy);
        let best_config = (0..27).min_by(|&a, &b| shapes[a].0.total_cmp(&shapes[b].0)).unwrap();
        assert_eq!(s.best_trial().unwrap().point[0], best_config as f64 / 100.0);
    }

    #[test]
    fn successive_halving_stops_a_slow_starter_when_curves_cross() {
        // Config 0 finishes lowest but starts far behind (gap 2); the rest start close.
        let mut shapes = vec![(0.1, 2.0)];
        shapes.extend((1..100).map(|k| (0.3 + k as f64 / 1000.0, 0.5)));
        let mut toy = Toy::new(shapes);
        let mut s = Search::new(Method::SuccessiveHalving, 1, 27, 3, 27, 81, 1).unwrap();
        s.finish(&mut toy);
        assert_eq!(s.trials()[0].state, TrialState::Stopped { epoch: 1 });
        assert!(s.best_loss() > 0.3);
        // Random search at full fidelity trains config 0 to the end and finds 0.1.
        let mut toy = Toy::new(vec![(0.1, 2.0), (0.35, 0.5)]);
        let mut r = Search::new(Method::Random, 1, 27, 3, 27, 4 * 27, 1).unwrap();
        r.finish(&mut toy);
        assert!((r.best_loss() - (0.1 + 2.0 / 27.0)).abs() < 1e-12);
    }

    #[test]
    fn every_method_is_charged_the_same_budget() {
        for method in Method::ALL {
            let shapes: Vec<(f64, f64)> = (0..100).map(|k| (((k * 37) % 100) as f64 / 100.0, 1.0 + (k % 7) as f64)).collect();
            let mut toy = Toy::new(shapes);
            let mut s = Search::new(method, 1, 27, 3, 27, 300, 2).unwrap();
            s.finish(&mut toy);
            assert_eq!(s.spent(), 300, "{method:?}");
            assert_eq!(toy.trained, 300, "{method:?}");
        }
    }

    #[test]
    fn asha_and_median_stop_trials() {
        let shapes: Vec<(f64, f64)> = (0..100).map(|k| (((k * 37) % 100) as f64 / 100.0, 1.0)).collect();
        for method in [Method::Asha, Method::Median] {
            let mut toy = Toy::new(shapes.clone());
            let mut s = Search::new(method, 1, 27, 3, 27, 300, 2).unwrap();
            s.finish(&mut toy);
            assert!(s.trials().iter().any(|t| t.is_stopped()), "{method:?}");
            assert!(s.trials().iter().any(|t| t.state == TrialState::Completed), "{method:?}");
        }
    }
}
