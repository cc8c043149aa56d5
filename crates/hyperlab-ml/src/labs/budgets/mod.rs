//! The budgets lab's native side: its URL schema and typed settings, the networks its trials
//! train ([`trials`]), the live search the page animates ([`run`]), the many-seeds race
//! ([`race`]), the texts it states, its presets and its guided challenges.

pub mod automl;
pub mod challenges;
pub mod presets;
pub mod race;
pub mod run;
pub mod texts;
pub mod trials;

pub use challenges::{LabState, CHALLENGES};
pub use presets::PRESETS;
pub use race::{Race, RaceSummary};
pub use run::{LabRun, Snapshot};
pub use trials::{NetworkTrials, Problem};

use crate::budgets::{hyperband_brackets, hyperband_cost, Method, Rung};
use crate::schema::{Kind, ParamSpec, ParamState, Value};

pub const SLUG: &str = "budgets";

pub const PROBLEMS: &[(&str, &str)] = &[("steady", "Circles: short runs roughly predict"), ("crossing", "Noisy blobs: short runs mislead")];
/// In the order of [`Method::ALL`].
pub const METHODS: &[(&str, &str)] = &[
    ("sh", "Successive halving"),
    ("hyperband", "Hyperband"),
    ("asha", "ASHA (asynchronous)"),
    ("median", "Median stopping rule"),
    ("random", "Random search"),
    ("bayes", "Bayesian optimization"),
];

/// Bounds of the knobs (min, max, default): the schema, the clamps and the texts read these.
pub const ETA: (i64, i64, i64) = (2, 4, 3);
pub const MIN_RESOURCE: (i64, i64, i64) = (1, 9, 1);
pub const MAX_RESOURCE: (i64, i64, i64) = (9, 81, 27);
pub const TRIALS: (i64, i64, i64) = (3, 81, 27);
pub const SEED: (i64, i64, i64) = (0, 9999, 1);
/// Seeds of the race.
pub const RACE_SEEDS: usize = 20;

pub static SCHEMA: [ParamSpec; 8] = [
    ParamSpec::setting("problem", "Problem", Kind::choice(PROBLEMS, 0), "What every trial's network learns (the data stay the same for every seed). On the 200 circle points, successive halving (27 networks, η = 3, R = 27) stops the network that would have finished best on 13 of seeds 1–20: early ranks predict only roughly. On the 60 noisy blob points it stops it on all 20: fast learners lead early, then overfit the 30 training points, and a slower one finishes best."),
    ParamSpec::setting("method", "Method", Kind::choice(METHODS, 1), "How the epoch budget is spent: on many short runs that the best are promoted from (successive halving, Hyperband, ASHA), by stopping runs that fall behind (median rule), or on full-length runs only (random search, Bayesian optimization)."),
    ParamSpec::hyper("eta", "Reduction factor η", Kind::int(ETA.0, ETA.1, ETA.2), "At each rung only the best n/η of its n networks (rounded down, at least one) go on, with η times the epochs."),
    ParamSpec::hyper("rmin", "Minimum resource", Kind::int(MIN_RESOURCE.0, MIN_RESOURCE.1, MIN_RESOURCE.2), "A lower bound on the epochs successive halving, Hyperband and ASHA give a network before they may stop it. Their rungs are R divided by powers of η (rounded), so the shortest rung is the shortest of those at least this long: with R = 27 and η = 3, any minimum from 4 to 9 gives a first rung of 9 epochs.").unit("epochs"),
    ParamSpec::hyper("rmax", "Maximum resource R", Kind::int(MAX_RESOURCE.0, MAX_RESOURCE.1, MAX_RESOURCE.2), "Epochs of a full training run. Only trials trained this long count as found.").unit("epochs"),
    ParamSpec::hyper("trials", "Trials per round (successive halving)", Kind::int(TRIALS.0, TRIALS.1, TRIALS.2), "How many configurations successive halving starts at the minimum resource in each round."),
    ParamSpec::setting("seed", "Seed", Kind::int(SEED.0, SEED.1, SEED.2), "Draws the configurations and their initial weights: every method draws the same networks in the same order (Bayesian optimization chooses its own after the first four)."),
    ParamSpec::setting("race", "Race 20 seeds", Kind::switch(false), "Run every method on 20 seeds with the same budget, and draw the median and the middle half of their best-so-far."),
];

/// Every knob of the lab, typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    pub problem: Problem,
    pub method: Method,
    pub eta: usize,
    pub min: usize,
    pub max: usize,
    pub trials: usize,
    pub seed: u64,
    pub race: bool,
}

defaults_from_schema!(Settings, SCHEMA);

impl Settings {
    pub fn from_params(p: &ParamState) -> Self {
        let int = |key: &str, (lo, hi, _): (i64, i64, i64)| match p.get(key) {
            Some(Value::Int(v)) => v.clamp(lo, hi),
            _ => lo,
        };
        let max = int("rmax", MAX_RESOURCE) as usize;
        Self {
            problem: if p.choice("problem") == 1 { Problem::Crossing } else { Problem::Steady },
            method: Method::ALL[p.choice("method").min(Method::ALL.len() - 1)],
            eta: int("eta", ETA) as usize,
            // The minimum never exceeds the maximum.
            min: (int("rmin", MIN_RESOURCE) as usize).min(max),
            max,
            trials: int("trials", TRIALS) as usize,
            seed: int("seed", SEED) as u64,
            race: matches!(p.get("race"), Some(Value::Bool(true))),
        }
    }

    pub fn to_params(&self) -> ParamState {
        let mut p = ParamState::defaults(&SCHEMA);
        p.set("problem", Value::Choice(if self.problem == Problem::Crossing { 1 } else { 0 }));
        p.set("method", Value::Choice(Method::ALL.iter().position(|&m| m == self.method).unwrap_or(1)));
        p.set("eta", Value::Int(self.eta as i64));
        p.set("rmin", Value::Int(self.min as i64));
        p.set("rmax", Value::Int(self.max as i64));
        p.set("trials", Value::Int(self.trials as i64));
        p.set("seed", Value::Int(self.seed as i64));
        p.set("race", Value::Bool(self.race));
        p
    }

    pub fn from_query(query: &str) -> Self {
        Self::from_params(&ParamState::from_query(&SCHEMA, query).0)
    }

    /// The epochs every method is charged: one whole Hyperband run with these η, minimum and R.
    pub fn budget(&self) -> usize {
        hyperband_cost(self.min, self.max, self.eta).expect("the knobs' bounds keep the brackets valid")
    }

    /// Hyperband's brackets for these knobs.
    pub fn brackets(&self) -> Vec<Vec<Rung>> {
        hyperband_brackets(self.min, self.max, self.eta).expect("the knobs' bounds keep the brackets valid")
    }

    /// What the live run and the race depend on (everything but the method and the race switch).
    pub fn with_method(&self, method: Method) -> Self {
        Settings { method, ..*self }
    }
}

/// The Hyperband search the benchmarks time: the circles problem, seed 1, η = 3, a minimum of 1
/// epoch and R = `max`, with its networks (no hindsight). One [`Search::step`] is one frame of the
/// live lab: every running network trains one epoch.
pub fn bench_search(max: usize) -> (crate::budgets::Search, NetworkTrials) {
    let s = Settings { max: max.clamp(MAX_RESOURCE.0 as usize, MAX_RESOURCE.1 as usize), ..Settings::from_query("problem=steady&method=hyperband&eta=3&rmin=1&seed=1") };
    let search = crate::budgets::Search::new(Method::Hyperband, s.min, s.max, s.eta, s.trials, s.budget(), s.seed).expect("the benchmark's settings are valid");
    (search, NetworkTrials::new(s.problem, s.seed, s.max))
}

/// How the site lists this lab (home page, header, page title, static pages).
use crate::labs::catalogue::view;

pub const META: crate::labs::catalogue::LabMeta = crate::labs::catalogue::LabMeta {
    slug: SLUG,
    title: "Budgets: Hyperband and early stopping",
    promise: "Watch successive halving, Hyperband and the median stopping rule stop and promote real networks on one epoch budget.",
    description: "Successive halving, Hyperband, ASHA and SageMaker's median stopping rule against random search and Bayesian optimization on the same epoch budget: every network's learning curve live, stopped trials greyed, the bracket table filling in, a 20-seed race, and where short runs mislead.",
    concepts: &["successive halving", "Hyperband", "early stopping of trials", "multi-fidelity search", "budgets"],
    // The primary view first; ids are the `views=` names of an embed.
    views: &[
        view("curves", "Learning curves and the budget"),
        view("brackets", "Bracket table"),
        view("race", "The 20-seed race"),
        view("automl", "AutoML over model families"),
    ],
    key_controls: &["method", "eta", "rmax"],
};
