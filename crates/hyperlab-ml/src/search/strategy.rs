//! Search strategies behind one ask/tell interface, all minimizing: grid, random and Bayesian
//! optimization. `ask()` proposes the next point, `tell(point, value)` records a result; a
//! [`Study`] steps a strategy on an [`Objective`] one trial at a time so the UI can animate it.
//!
//! The k-th point of each strategy is a function of the space, the observations, the budget and
//! the seed alone ([`suggest`]); so a search can be resumed from its observations — in another
//! process, or from a URL. (Bayesian optimization additionally warm-starts its kernel fit from
//! the previous suggestion when running in-process; the point it picks can then differ in the
//! last digits from a cold [`suggest`], never in kind.)

use super::bayes::{suggest_bayes, BayesConfig, Surrogate};
use super::tpe::{suggest_tpe, Liar, TpeConfig, TpeSuggestion};
use crate::rng::derive_seed;
use super::gp::Hyperparameters;
use super::objectives::Objective;
use super::space::Space;
use super::{Observation, SearchError};
use crate::rng::SeededRng;

/// The search strategies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StrategyKind {
    Grid,
    Random,
    Bayes,
    /// The Tree-structured Parzen Estimator ([`super::tpe`]).
    Tpe,
}

impl StrategyKind {
    pub const ALL: [StrategyKind; 4] = [StrategyKind::Grid, StrategyKind::Random, StrategyKind::Bayes, StrategyKind::Tpe];

    pub fn slug(self) -> &'static str {
        match self {
            StrategyKind::Grid => "grid",
            StrategyKind::Random => "random",
            StrategyKind::Bayes => "bayes",
            StrategyKind::Tpe => "tpe",
        }
    }

    pub fn from_slug(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.slug() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            StrategyKind::Grid => "Grid search",
            StrategyKind::Random => "Random search",
            StrategyKind::Bayes => "Bayesian optimization",
            StrategyKind::Tpe => "TPE",
        }
    }
}

/// The ask/tell interface every strategy offers.
pub trait Strategy {
    fn space(&self) -> &Space;
    /// Trials the search may use.
    fn budget(&self) -> usize;
    /// The next point to evaluate, or `None` when the budget is spent (or a grid is used up).
    /// Asking again before telling returns the same point.
    fn ask(&mut self) -> Option<Vec<f64>>;
    /// Records the value at a point of the space (normally the one just asked; any point of the
    /// space is accepted, e.g. one the learner typed in). A non-finite value records a failed
    /// trial (a diverged training run, say).
    fn tell(&mut self, point: &[f64], value: f64) -> Result<(), SearchError>;
    fn observations(&self) -> &[Observation];

    /// The lowest finite value so far (the earliest on ties).
    fn best(&self) -> Option<&Observation> {
        best_of(self.observations())
    }
    fn is_done(&self) -> bool {
        self.observations().len() >= self.budget()
    }
}

/// The observation with the lowest finite value (the earliest on ties).
pub fn best_of(observations: &[Observation]) -> Option<&Observation> {
    observations.iter().filter(|o| o.value.is_finite()).fold(None, |best: Option<&Observation>, o| match best {
        Some(b) if b.value <= o.value => Some(b),
        _ => Some(o),
    })
}

/// The `index`-th point of random search with `seed`: uniform in the unit cube (so log-uniform
/// on log-scale dimensions), from its own derived stream.
pub fn random_point(space: &Space, seed: u64, index: usize) -> Vec<f64> {
    let mut rng = SeededRng::new(derive_seed(seed, index as u64));
    let unit: Vec<f64> = (0..space.len()).map(|_| rng.uniform()).collect();
    space.from_unit(&unit)
}

/// The next point of strategy `kind` given what has been observed: `Ok(None)` when the budget
/// is spent or the grid used up. Cold (no warm start) for Bayesian optimization.
pub fn suggest(kind: StrategyKind, space: &Space, observations: &[Observation], budget: usize, seed: u64, bayes: &BayesConfig) -> Result<Option<Vec<f64>>, SearchError> {
    for o in observations {
        space.check(&o.point)?;
    }
    let k = observations.len();
    if k >= budget {
        return Ok(None);
    }
    Ok(match kind {
        StrategyKind::Grid => space.grid(budget).get(k).cloned(),
        StrategyKind::Random => Some(random_point(space, seed, k)),
        StrategyKind::Bayes => Some(suggest_bayes(space, observations, bayes, seed, None)?.point),
        StrategyKind::Tpe => Some(suggest_tpe(space, observations, &[], &TpeConfig::default(), seed, Liar::Worst)?.point),
    })
}

/// Settings of a batch proposal: the two model-based strategies' configurations and what
/// pending trials count as.
#[derive(Clone, Debug, PartialEq)]
pub struct BatchConfig {
    pub bayes: BayesConfig,
    pub tpe: TpeConfig,
    pub liar: Liar,
}

impl Default for BatchConfig {
    fn default() -> Self {
        Self { bayes: BayesConfig::default(), tpe: TpeConfig::default(), liar: Liar::Worst }
    }
}

/// The next `k` points of strategy `kind`, all proposed before any of their results is known
/// (k parallel workers). Grid and random search take their next k points, exactly the points
/// they would have taken one at a time. Bayesian optimization and TPE use a constant liar: each
/// proposed point is added as pending before the next is chosen — for Bayesian optimization
/// with the worst (or mean) value observed so far as a fake result, for TPE (worst) in the bad
/// group as Optuna does — so a batch spreads out instead of proposing one point k times. Fewer
/// than k points when the budget runs out. Cold (no warm start), deterministic by seed.
pub fn suggest_batch(kind: StrategyKind, space: &Space, observations: &[Observation], budget: usize, seed: u64, config: &BatchConfig, k: usize) -> Result<Vec<Vec<f64>>, SearchError> {
    for o in observations {
        space.check(&o.point)?;
    }
    let done = observations.len();
    let k = k.min(budget.saturating_sub(done));
    Ok(match kind {
        StrategyKind::Grid => space.grid(budget).into_iter().skip(done).take(k).collect(),
        StrategyKind::Random => (done..done + k).map(|i| random_point(space, seed, i)).collect(),
        StrategyKind::Bayes => {
            let finite: Vec<f64> = observations.iter().map(|o| o.value).filter(|v| v.is_finite()).collect();
            let lie = if finite.is_empty() {
                0.0
            } else {
                match config.liar {
                    Liar::Worst => finite.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                    Liar::Mean => finite.iter().sum::<f64>() / finite.len() as f64,
                }
            };
            let mut augmented = observations.to_vec();
            let mut out = Vec::with_capacity(k);
            for _ in 0..k {
                let p = suggest_bayes(space, &augmented, &config.bayes, seed, None)?.point;
                augmented.push(Observation { point: p.clone(), value: lie });
                out.push(p);
            }
            out
        }
        StrategyKind::Tpe => {
            let mut pending: Vec<Vec<f64>> = Vec::with_capacity(k);
            for _ in 0..k {
                let p = suggest_tpe(space, observations, &pending, &config.tpe, seed, config.liar)?.point;
                pending.push(p);
            }
            pending
        }
    })
}

/// What every strategy keeps: the space, the budget, the observations and the pending point.
#[derive(Clone, Debug)]
struct History {
    space: Space,
    budget: usize,
    observations: Vec<Observation>,
    pending: Option<Vec<f64>>,
}

impl History {
    fn new(space: Space, budget: usize) -> Self {
        Self { space, budget, observations: Vec::new(), pending: None }
    }

    fn tell(&mut self, point: &[f64], value: f64) -> Result<(), SearchError> {
        self.space.check(point)?;
        self.observations.push(Observation { point: point.to_vec(), value });
        // Whatever was pending was chosen without this result.
        self.pending = None;
        Ok(())
    }

    /// The pending point, choosing it with `choose(self, trials so far)` if none is pending;
    /// `None` once the budget is spent (or `choose` finds nothing).
    fn ask_with(&mut self, choose: impl FnOnce(&Self, usize) -> Option<Vec<f64>>) -> Option<Vec<f64>> {
        if self.pending.is_none() {
            let k = self.observations.len();
            if k >= self.budget {
                return None;
            }
            self.pending = Some(choose(self, k)?);
        }
        self.pending.clone()
    }
}

/// The [`Strategy`] methods every strategy answers from its `history` field.
macro_rules! answered_by_history {
    () => {
        fn space(&self) -> &Space {
            &self.history.space
        }
        fn budget(&self) -> usize {
            self.history.budget
        }
        fn tell(&mut self, point: &[f64], value: f64) -> Result<(), SearchError> {
            self.history.tell(point, value)
        }
        fn observations(&self) -> &[Observation] {
            &self.history.observations
        }
    };
}

/// Grid search: the grid [`Space::grid`] builds for the budget, visited in lexicographic order.
#[derive(Clone, Debug)]
pub struct GridSearch {
    history: History,
    grid: Vec<Vec<f64>>,
}

impl GridSearch {
    pub fn new(space: Space, budget: usize) -> Self {
        let grid = space.grid(budget);
        Self { history: History::new(space, budget), grid }
    }

    /// Every grid point the budget reaches, in visiting order (for drawing the grid up front).
    pub fn points(&self) -> &[Vec<f64>] {
        &self.grid
    }
}

impl Strategy for GridSearch {
    answered_by_history!();
    fn ask(&mut self) -> Option<Vec<f64>> {
        let grid = &self.grid;
        self.history.ask_with(|_, k| grid.get(k).cloned())
    }
    fn is_done(&self) -> bool {
        self.history.observations.len() >= self.history.budget.min(self.grid.len())
    }
}

/// Random search: independent uniform points in the unit cube, from the seed.
#[derive(Clone, Debug)]
pub struct RandomSearch {
    history: History,
    seed: u64,
}

impl RandomSearch {
    pub fn new(space: Space, budget: usize, seed: u64) -> Self {
        Self { history: History::new(space, budget), seed }
    }
}

impl Strategy for RandomSearch {
    answered_by_history!();
    fn ask(&mut self) -> Option<Vec<f64>> {
        let seed = self.seed;
        self.history.ask_with(|h, k| Some(random_point(&h.space, seed, k)))
    }
}

/// Bayesian optimization ([`suggest_bayes`]), warm-starting each kernel fit from the last one
/// and keeping the surrogate of the last suggestion for the UI to draw.
#[derive(Clone, Debug)]
pub struct BayesSearch {
    history: History,
    seed: u64,
    config: BayesConfig,
    warm: Option<Hyperparameters>,
    model: Option<Surrogate>,
    score: f64,
}

impl BayesSearch {
    pub fn new(space: Space, budget: usize, seed: u64, config: BayesConfig) -> Result<Self, SearchError> {
        config.validate()?;
        Ok(Self { history: History::new(space, budget), seed, config, warm: None, model: None, score: f64::NAN })
    }

    pub fn config(&self) -> &BayesConfig {
        &self.config
    }

    /// The surrogate behind the last suggestion (`None` during the initial design).
    pub fn model(&self) -> Option<&Surrogate> {
        self.model.as_ref()
    }

    /// The acquisition score of the last suggestion (NaN for a design point).
    pub fn last_score(&self) -> f64 {
        self.score
    }

    /// A surrogate fitted to every observation so far (warm-started like a suggestion), for
    /// drawing the final posterior once the budget is spent; `Err(NoData)` before the first
    /// observation.
    pub fn fit_model(&self) -> Result<Surrogate, SearchError> {
        let seed = derive_seed(self.seed, self.history.observations.len() as u64);
        Surrogate::fit(&self.history.space, &self.history.observations, &self.config.fit_settings(), self.warm.as_ref(), seed)
    }

    /// Whether the next suggestion still comes from the initial design.
    pub fn in_design(&self) -> bool {
        self.history.observations.len() < self.config.initial_points_for(self.history.space.len())
    }
}

impl Strategy for BayesSearch {
    answered_by_history!();
    fn ask(&mut self) -> Option<Vec<f64>> {
        let Self { history, seed, config, warm, model, score } = self;
        history.ask_with(|h, _| {
            // Observations were checked on the way in and the config at construction, so this
            // cannot fail; if it somehow did, ending the search beats a panic.
            let s = suggest_bayes(&h.space, &h.observations, config, *seed, warm.as_ref()).ok()?;
            if let Some(m) = &s.model {
                *warm = Some(m.hyperparameters().clone());
            }
            *model = s.model;
            *score = s.score;
            Some(s.point)
        })
    }
}

/// TPE ([`suggest_tpe`]), keeping the last suggestion (groups, densities, candidates) for the
/// UI to draw.
#[derive(Clone, Debug)]
pub struct TpeSearch {
    history: History,
    seed: u64,
    config: TpeConfig,
    last: Option<TpeSuggestion>,
}

impl TpeSearch {
    pub fn new(space: Space, budget: usize, seed: u64, config: TpeConfig) -> Self {
        Self { history: History::new(space, budget), seed, config, last: None }
    }

    pub fn config(&self) -> &TpeConfig {
        &self.config
    }

    /// The computation behind the pending point (`None` before the first ask).
    pub fn last(&self) -> Option<&TpeSuggestion> {
        self.last.as_ref()
    }
}

impl Strategy for TpeSearch {
    answered_by_history!();
    fn ask(&mut self) -> Option<Vec<f64>> {
        let Self { history, seed, config, last } = self;
        history.ask_with(|h, _| {
            let s = suggest_tpe(&h.space, &h.observations, &[], config, *seed, Liar::Worst).ok()?;
            let point = s.point.clone();
            *last = Some(s);
            Some(point)
        })
    }
}

/// Any of the strategies, chosen at run time.
#[derive(Clone, Debug)]
pub enum Search {
    Grid(GridSearch),
    Random(RandomSearch),
    Bayes(Box<BayesSearch>),
    Tpe(Box<TpeSearch>),
}

impl Search {
    pub fn new(kind: StrategyKind, space: Space, budget: usize, seed: u64, bayes: BayesConfig) -> Result<Self, SearchError> {
        Ok(match kind {
            StrategyKind::Grid => Search::Grid(GridSearch::new(space, budget)),
            StrategyKind::Random => Search::Random(RandomSearch::new(space, budget, seed)),
            StrategyKind::Bayes => Search::Bayes(Box::new(BayesSearch::new(space, budget, seed, bayes)?)),
            StrategyKind::Tpe => Search::Tpe(Box::new(TpeSearch::new(space, budget, seed, TpeConfig::default()))),
        })
    }

    pub fn kind(&self) -> StrategyKind {
        match self {
            Search::Grid(_) => StrategyKind::Grid,
            Search::Random(_) => StrategyKind::Random,
            Search::Bayes(_) => StrategyKind::Bayes,
            Search::Tpe(_) => StrategyKind::Tpe,
        }
    }

    /// The Bayesian-optimization state, to draw its surrogate and acquisition.
    pub fn as_bayes(&self) -> Option<&BayesSearch> {
        match self {
            Search::Bayes(b) => Some(b),
            _ => None,
        }
    }

    fn inner(&self) -> &dyn Strategy {
        match self {
            Search::Grid(s) => s,
            Search::Random(s) => s,
            Search::Bayes(s) => s.as_ref(),
            Search::Tpe(s) => s.as_ref(),
        }
    }

    fn inner_mut(&mut self) -> &mut dyn Strategy {
        match self {
            Search::Grid(s) => s,
            Search::Random(s) => s,
            Search::Bayes(s) => s.as_mut(),
            Search::Tpe(s) => s.as_mut(),
        }
    }
}

impl Strategy for Search {
    fn space(&self) -> &Space {
        self.inner().space()
    }
    fn budget(&self) -> usize {
        self.inner().budget()
    }
    fn ask(&mut self) -> Option<Vec<f64>> {
        self.inner_mut().ask()
    }
    fn tell(&mut self, point: &[f64], value: f64) -> Result<(), SearchError> {
        self.inner_mut().tell(point, value)
    }
    fn observations(&self) -> &[Observation] {
        self.inner().observations()
    }
    fn is_done(&self) -> bool {
        self.inner().is_done()
    }
}

/// A strategy run on an objective, one trial per [`Study::step`].
#[derive(Clone, Debug)]
pub struct Study<S, O> {
    strategy: S,
    objective: O,
    /// Lowest finite value after each trial (∞ until the first finite one).
    best_so_far: Vec<f64>,
}

impl<S: Strategy, O: Objective> Study<S, O> {
    /// Fails when the strategy searches a different space than the objective's.
    pub fn new(strategy: S, objective: O) -> Result<Self, SearchError> {
        if strategy.space() != objective.space() {
            return Err(SearchError::SpaceMismatch);
        }
        Ok(Self { strategy, objective, best_so_far: Vec::new() })
    }

    /// Asks, evaluates, tells: one trial. `None` once the strategy is done.
    pub fn step(&mut self) -> Option<Observation> {
        let point = self.strategy.ask()?;
        let value = self.objective.evaluate(&point);
        // The strategy proposed it, so it is in the space.
        self.strategy.tell(&point, value).ok()?;
        let previous = self.best_so_far.last().copied().unwrap_or(f64::INFINITY);
        self.best_so_far.push(if value.is_finite() { previous.min(value) } else { previous });
        Some(Observation { point, value })
    }

    /// Steps until the strategy is done; returns the best observation.
    pub fn run(&mut self) -> Option<&Observation> {
        while self.step().is_some() {}
        self.strategy.best()
    }

    pub fn strategy(&self) -> &S {
        &self.strategy
    }
    pub fn objective(&self) -> &O {
        &self.objective
    }
    pub fn observations(&self) -> &[Observation] {
        self.strategy.observations()
    }
    pub fn best(&self) -> Option<&Observation> {
        self.strategy.best()
    }
    /// Lowest value after each trial: the convergence curve.
    pub fn best_so_far(&self) -> &[f64] {
        &self.best_so_far
    }
    /// Best value minus the objective's known minimum, when both exist.
    pub fn regret(&self) -> Option<f64> {
        Some(self.best()?.value - self.objective.known_minimum()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::objectives::Landscape;
    use crate::search::space::Dimension;

    #[test]
    fn ask_is_idempotent_until_tell_and_stops_at_the_budget() {
        let space = Landscape::Branin.space();
        for kind in StrategyKind::ALL {
            let mut s = Search::new(kind, space.clone(), 7, 3, BayesConfig::default()).unwrap();
            // A 2-D grid within 7 trials is 2 × 2.
            let trials = if kind == StrategyKind::Grid { 4 } else { 7 };
            for _ in 0..trials {
                assert!(!s.is_done());
                let p = s.ask().unwrap();
                assert_eq!(s.ask().unwrap(), p, "{kind:?}");
                s.tell(&p, Landscape::Branin.value(&p)).unwrap();
            }
            assert!(s.is_done() && s.ask().is_none(), "{kind:?}");
            assert_eq!(s.observations().len(), trials);
        }
    }

    #[test]
    fn tell_checks_points_and_accepts_failures() {
        let mut s = RandomSearch::new(Landscape::Branin.space(), 5, 0);
        assert!(s.tell(&[100.0, 1.0], 1.0).is_err());
        assert!(s.tell(&[1.0], 1.0).is_err());
        s.tell(&[1.0, 1.0], f64::NAN).unwrap();
        assert!(s.best().is_none());
        s.tell(&[2.0, 1.0], 4.0).unwrap();
        s.tell(&[3.0, 1.0], 4.0).unwrap();
        assert_eq!(s.best().unwrap().point, vec![2.0, 1.0]);
    }

    #[test]
    fn stateless_suggest_matches_the_strategies() {
        let space = Landscape::Branin.space();
        for kind in [StrategyKind::Grid, StrategyKind::Random] {
            let mut s = Search::new(kind, space.clone(), 12, 42, BayesConfig::default()).unwrap();
            while let Some(p) = s.ask() {
                let again = suggest(kind, &space, s.observations(), 12, 42, &BayesConfig::default()).unwrap().unwrap();
                assert_eq!(p, again);
                s.tell(&p, Landscape::Branin.value(&p)).unwrap();
            }
            assert_eq!(suggest(kind, &space, s.observations(), 12, 42, &BayesConfig::default()).unwrap(), None);
        }
        // The design part of Bayesian optimization too.
        let mut b = BayesSearch::new(space.clone(), 12, 42, BayesConfig::default()).unwrap();
        for _ in 0..10 {
            let p = b.ask().unwrap();
            assert!(b.in_design() && b.model().is_none());
            assert_eq!(Some(p.clone()), suggest(StrategyKind::Bayes, &space, b.observations(), 12, 42, &BayesConfig::default()).unwrap());
            b.tell(&p, Landscape::Branin.value(&p)).unwrap();
        }
        assert!(!b.in_design());
    }

    #[test]
    fn grid_walks_the_grid_and_ends_early() {
        let space = Space::new(vec![Dimension::linear("x", 0.0, 1.0), Dimension::linear("y", 0.0, 1.0)]).unwrap();
        let mut g = GridSearch::new(space, 30);
        assert_eq!(g.points().len(), 25);
        let mut seen = Vec::new();
        while let Some(p) = g.ask() {
            seen.push(p.clone());
            g.tell(&p, p[0] + p[1]).unwrap();
        }
        assert_eq!(seen.len(), 25);
        assert!(g.is_done());
        assert_eq!(seen[0], vec![0.0, 0.0]);
        assert_eq!(seen[1], vec![0.0, 0.25]);
        assert_eq!(g.best().unwrap().value, 0.0);
    }

    #[test]
    fn study_steps_and_tracks_regret() {
        let objective = Landscape::Branin.objective();
        let search = Search::new(StrategyKind::Random, Landscape::Branin.space(), 20, 1, BayesConfig::default()).unwrap();
        let mut study = Study::new(search, objective).unwrap();
        let first = study.step().unwrap();
        assert_eq!(study.best_so_far(), &[first.value]);
        let best = study.run().unwrap().value;
        assert_eq!(study.observations().len(), 20);
        assert_eq!(*study.best_so_far().last().unwrap(), best);
        assert!(study.best_so_far().windows(2).all(|w| w[1] <= w[0]));
        assert!(study.regret().unwrap() >= 0.0);
        assert!(study.step().is_none());
        let other = Search::new(StrategyKind::Random, Landscape::Wells.space(), 5, 1, BayesConfig::default()).unwrap();
        assert_eq!(Study::new(other, Landscape::Branin.objective()).unwrap_err(), SearchError::SpaceMismatch);
    }
}
