//! The search lab's native side: its URL schema and typed settings, the problems it searches,
//! the searches its views draw (three strategies, the many-seeds race, the 1-D Bayesian view),
//! the texts it states and its guided challenges. The app only wires signals to these and draws.

pub mod challenges;
pub mod codegen;
pub mod oned;
pub mod problem;
pub mod runs;
pub mod texts;

pub use challenges::CHALLENGES;
pub use codegen::CodeSpec;
pub use oned::OneD;
pub use problem::{Problem, ProblemKind};
pub use runs::{ManySeeds, Run, RunSet, SearchSnapshot, TrueField};

use crate::params::{Kind, ParamSpec, ParamState, Scale, Value};
use crate::search::{Acquisition, BayesConfig, KernelKind, StrategyKind};

pub const SLUG: &str = "search";

pub const PROBLEMS: &[(&str, &str)] = &[
    ("oneknob", "Only one knob matters"),
    ("branin", "Branin (curved valley)"),
    ("wells", "Four wells (multimodal)"),
    ("ridge", "Polynomial ridge, 5-fold CV"),
];
pub const ACQUISITIONS: &[(&str, &str)] = &[
    ("ei", "Expected improvement (EI)"),
    ("pi", "Probability of improvement (PI)"),
    ("ucb", "Confidence bound (UCB)"),
    ("ts", "Thompson sampling"),
];
pub const KERNELS: &[(&str, &str)] = &[("matern52", "Matérn 5/2"), ("rbf", "RBF (squared exponential)")];
pub const EXPORTS: &[(&str, &str)] = &[("bayes", "Bayesian optimization"), ("random", "Random search"), ("grid", "Grid search")];

/// Bounds of the knobs: the schema, the clamps and the texts all read these.
pub const BUDGET: (i64, i64, i64) = (5, 60, 20);
pub const SEED: (i64, i64, i64) = (0, 9999, 1);
pub const INIT: (i64, i64, i64) = (2, 20, 6);
pub const XI: (f64, f64, f64) = (0.001, 10.0, 0.01);
pub const KAPPA: (f64, f64, f64) = (0.0, 10.0, 1.96);

pub static SCHEMA: [ParamSpec; 10] = [
    ParamSpec { key: "problem", label: "Problem", unit: "", hyper: false,
        help: "What is minimized. Every problem's whole surface is computed and drawn under the trials (the ridge one by 12 × 41 cross-validations); the searches only see the values at their trials.",
        kind: Kind::Choice { options: PROBLEMS, default: 0 } },
    ParamSpec { key: "budget", label: "Budget (trials)", unit: "", hyper: true,
        help: "Trials every strategy may spend. The grid uses the largest r × r grid that fits.",
        kind: Kind::Int { min: BUDGET.0, max: BUDGET.1, default: BUDGET.2 } },
    ParamSpec { key: "seed", label: "Seed", unit: "", hyper: false,
        help: "Fixes random search's draws and Bayesian optimization's initial design, so a link replays exactly.",
        kind: Kind::Int { min: SEED.0, max: SEED.1, default: SEED.2 } },
    ParamSpec { key: "init", label: "Initial space-filling points (BO)", unit: "", hyper: true,
        help: "Bayesian optimization starts with this many space-filling (Latin hypercube) points before its model takes over.",
        kind: Kind::Int { min: INIT.0, max: INIT.1, default: INIT.2 } },
    ParamSpec { key: "acq", label: "Acquisition function (BO)", unit: "", hyper: true,
        help: "How the next trial is chosen from the surrogate's mean and uncertainty: it goes where this score is highest.",
        kind: Kind::Choice { options: ACQUISITIONS, default: 0 } },
    ParamSpec { key: "xi", label: "ξ: required improvement", unit: "", hyper: true,
        help: "EI and PI only count improvements larger than ξ (in the objective's units): a larger ξ usually sends the next trial where the surrogate is less sure.",
        kind: Kind::Float { min: XI.0, max: XI.1, default: XI.2, scale: Scale::Log, step: 0.0, zero: true } },
    ParamSpec { key: "kappa", label: "κ: exploration weight", unit: "", hyper: true,
        help: "UCB picks the lowest mean − κ·σ: κ = 0 trusts the mean (exploit), a large κ chases uncertainty (explore).",
        kind: Kind::Float { min: KAPPA.0, max: KAPPA.1, default: KAPPA.2, scale: Scale::Linear, step: 0.01, zero: false } },
    ParamSpec { key: "kernel", label: "Kernel (BO)", unit: "", hyper: true,
        help: "The Gaussian process's notion of smoothness: Matérn 5/2 assumes twice-differentiable surfaces, RBF infinitely smooth ones.",
        kind: Kind::Choice { options: KERNELS, default: 0 } },
    ParamSpec { key: "pick", label: "You pick first (1-D view)", unit: "", hyper: false,
        help: "In the 1-D view, choose where you would sample next before the optimizer reveals its choice.",
        kind: Kind::Bool { default: false } },
    ParamSpec { key: "export", label: "Strategy to export as code", unit: "", hyper: false,
        help: "Which of the three searches “Copy as code” writes out.",
        kind: Kind::Choice { options: EXPORTS, default: 0 } },
];

pub use crate::labs::Preset;

pub const PRESETS: [Preset; 4] = [
    Preset {
        name: "Only one knob matters",
        query: "problem=oneknob&budget=16&seed=1",
        claim: "16 trials: the 4 × 4 grid tries 4 values of x, random search 16. Here random search ends lower, as it does on most seeds.",
    },
    Preset {
        name: "Bayesian optimization on Branin",
        query: "problem=branin&budget=30&seed=1",
        claim: "In 30 trials Bayesian optimization comes within 1 % of Branin's minimum and grid and random search do not; race 20 seeds to see that its median is lowest too.",
    },
    Preset {
        name: "Explore with a large κ",
        query: "problem=wells&budget=25&acq=ucb&kappa=5&seed=2",
        claim: "A large κ sends Bayesian optimization's trials into unsampled parts of the square: count its exploring trials, then set κ = 0 and count again.",
    },
    Preset {
        name: "A real model: ridge by 5-fold CV",
        query: "problem=ridge&budget=20&seed=1",
        claim: "Every trial is a 5-fold cross-validation of a polynomial ridge model. The degree is a whole number, so random search repeats degrees: fewer distinct values than trials.",
    },
];

/// Seeds of the "many seeds" race.
pub const MANY_SEEDS: usize = 20;
/// Initial design of the 1-D view.
pub const ONE_D_INIT: usize = 2;
/// Trials of the 1-D view.
pub const ONE_D_BUDGET: usize = 14;

/// The acquisition function the learner chose (its ξ or κ live in [`Settings`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AcquisitionChoice {
    ExpectedImprovement,
    ProbabilityOfImprovement,
    ConfidenceBound,
    Thompson,
}

impl AcquisitionChoice {
    const ALL: [AcquisitionChoice; 4] = [Self::ExpectedImprovement, Self::ProbabilityOfImprovement, Self::ConfidenceBound, Self::Thompson];

    fn index(self) -> usize {
        Self::ALL.iter().position(|&a| a == self).unwrap_or(0)
    }

    /// Whether ξ applies (EI, PI).
    pub fn uses_xi(self) -> bool {
        matches!(self, Self::ExpectedImprovement | Self::ProbabilityOfImprovement)
    }

    pub fn uses_kappa(self) -> bool {
        self == Self::ConfidenceBound
    }
}

/// Every knob of the lab, typed, read once from the URL state.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub problem: ProblemKind,
    pub budget: usize,
    pub seed: u64,
    /// Initial space-filling points of Bayesian optimization.
    pub init: usize,
    pub acquisition: AcquisitionChoice,
    pub xi: f64,
    pub kappa: f64,
    pub kernel: KernelKind,
    /// "You pick first" in the 1-D view.
    pub pick: bool,
    pub export: StrategyKind,
}

/// What the three searches depend on (a change of only `pick` or `export` keeps the runs).
#[derive(Clone, Debug, PartialEq)]
pub struct RunSpec {
    pub problem: ProblemKind,
    pub budget: usize,
    pub seed: u64,
    pub bayes: BayesConfig,
}

impl Default for Settings {
    fn default() -> Self {
        Self::from_params(&ParamState::defaults(&SCHEMA))
    }
}

impl Settings {
    pub fn from_params(p: &ParamState) -> Self {
        let options = |key: &str| match p.spec(key).map(|s| s.kind) {
            Some(Kind::Choice { options, .. }) => options,
            _ => &[],
        };
        let slug = |key: &str| options(key).get(p.choice(key)).map_or("", |o| o.0);
        let int = |key: &str, (lo, hi, _): (i64, i64, i64)| match p.get(key) {
            Some(Value::Int(v)) => v.clamp(lo, hi),
            _ => lo,
        };
        let float = |key: &str, lo: f64, hi: f64| match p.get(key) {
            Some(Value::Float(v)) if v.is_finite() => v.clamp(lo, hi),
            _ => lo,
        };
        Self {
            problem: ProblemKind::from_slug(slug("problem")),
            budget: int("budget", BUDGET) as usize,
            seed: int("seed", SEED) as u64,
            init: int("init", INIT) as usize,
            acquisition: AcquisitionChoice::ALL[p.choice("acq").min(3)],
            // 0 is ξ's explicit "off" value below its slider's minimum.
            xi: float("xi", 0.0, XI.1),
            kappa: float("kappa", KAPPA.0, KAPPA.1),
            kernel: if slug("kernel") == "rbf" { KernelKind::Rbf } else { KernelKind::Matern52 },
            pick: matches!(p.get("pick"), Some(Value::Bool(true))),
            export: StrategyKind::from_slug(slug("export")).unwrap_or(StrategyKind::Bayes),
        }
    }

    /// The URL state of these settings.
    pub fn to_params(&self) -> ParamState {
        let mut p = ParamState::defaults(&SCHEMA);
        let index = |options: &[(&str, &str)], slug: &str| options.iter().position(|o| o.0 == slug).unwrap_or(0);
        p.set("problem", Value::Choice(index(PROBLEMS, self.problem.slug())));
        p.set("budget", Value::Int(self.budget as i64));
        p.set("seed", Value::Int(self.seed as i64));
        p.set("init", Value::Int(self.init as i64));
        p.set("acq", Value::Choice(self.acquisition.index()));
        p.set("xi", Value::Float(self.xi));
        p.set("kappa", Value::Float(self.kappa));
        p.set("kernel", Value::Choice(if self.kernel == KernelKind::Rbf { 1 } else { 0 }));
        p.set("pick", Value::Bool(self.pick));
        p.set("export", Value::Choice(index(EXPORTS, self.export.slug())));
        p
    }

    /// The settings a query string opens (notices dropped; the page shows them).
    pub fn from_query(query: &str) -> Self {
        Self::from_params(&ParamState::from_query(&SCHEMA, query).0)
    }

    pub fn acquisition(&self) -> Acquisition {
        match self.acquisition {
            AcquisitionChoice::ExpectedImprovement => Acquisition::ExpectedImprovement { xi: self.xi },
            AcquisitionChoice::ProbabilityOfImprovement => Acquisition::ProbabilityOfImprovement { xi: self.xi },
            AcquisitionChoice::ConfidenceBound => Acquisition::LowerConfidenceBound { kappa: self.kappa },
            AcquisitionChoice::Thompson => Acquisition::ThompsonSampling,
        }
    }

    /// Bayesian optimization's configuration with an initial design of `initial` points.
    pub fn bayes(&self, initial: usize) -> BayesConfig {
        BayesConfig { kernel: self.kernel, acquisition: self.acquisition(), initial_points: Some(initial.max(1)), ..BayesConfig::default() }
    }

    pub fn run_spec(&self) -> RunSpec {
        RunSpec { problem: self.problem, budget: self.budget, seed: self.seed, bayes: self.bayes(self.init) }
    }

    /// What the 1-D view depends on: the problem, Bayesian optimization's settings (with the
    /// view's own initial design) and the seed.
    pub fn oned_key(&self) -> (ProblemKind, BayesConfig, u64) {
        (self.problem, self.bayes(ONE_D_INIT), self.seed)
    }

    pub fn code_spec(&self) -> CodeSpec {
        CodeSpec { space: self.problem.space(), kind: self.export, budget: self.budget, seed: self.seed, bayes: self.bayes(self.init) }
    }
}

/// How many distinct values a list holds (values closer than 1e-9 of the axis count as one).
pub fn distinct_count(values: &[f64]) -> usize {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    v.sort_by(|a, b| a.total_cmp(b));
    v.dedup_by(|a, b| (*a - *b).abs() <= 1e-9 * (1.0 + b.abs()));
    v.len()
}

/// The first trial (1-based) whose best-so-far is within `tolerance` of `target`.
pub fn trials_to_reach(best_so_far: &[f64], target: f64, tolerance: f64) -> Option<usize> {
    best_so_far.iter().position(|&b| b.is_finite() && b <= target + tolerance).map(|i| i + 1)
}

/// Running minimum of trial values (failed trials do not count).
pub fn running_best(values: impl IntoIterator<Item = f64>) -> Vec<f64> {
    let mut best = f64::INFINITY;
    values
        .into_iter()
        .map(|v| {
            if v.is_finite() && v < best {
                best = v;
            }
            best
        })
        .collect()
}

/// How far (in the unit square) a trial must be from every earlier one to count as exploring.
pub const EXPLORE_DISTANCE: f64 = 0.2;

/// Trials after the first `skip` that lie at least [`EXPLORE_DISTANCE`] (unit-square distance)
/// from every earlier trial.
pub fn exploratory_count(units: &[Vec<f64>], skip: usize) -> usize {
    (skip..units.len())
        .filter(|&i| {
            (0..i).all(|j| units[i].iter().zip(&units[j]).map(|(a, b)| (a - b).powi(2)).sum::<f64>().sqrt() >= EXPLORE_DISTANCE)
        })
        .count()
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

/// How the site lists this lab (home page, header, page title, static pages).
pub const META: crate::labs::catalogue::LabMeta = crate::labs::catalogue::LabMeta {
    slug: SLUG,
    title: "Search strategies",
    promise: "Race grid search, random search and Bayesian optimization on the same budget and watch where each one looks.",
    description: "Grid, random and Bayesian optimization side by side over a loss landscape or a cross-validated ridge model: distinct values per knob, best-so-far races over 20 seeds, a Gaussian process with its acquisition function step by step, and the search as Optuna, scikit-optimize and SageMaker code.",
    concepts: &["grid search", "random search", "Bayesian optimization", "acquisition functions", "exploration vs exploitation", "search spaces and scales"],
};
