//! The search lab's native side: its URL schema and typed settings, the problems it searches,
//! the searches its views draw (four strategies, the many-seeds race, the 1-D Bayesian and TPE
//! views, parallel trials, gradient-based tuning),
//! the texts it states and its guided challenges. The app only wires signals to these and draws.

pub mod challenges;
pub mod codegen;
pub mod gradient;
pub mod oned;
pub mod parallel;
pub mod problem;
pub mod runs;
pub mod texts;
pub mod tpe_view;

pub use challenges::CHALLENGES;
pub use codegen::CodeSpec;
pub use oned::OneD;
pub use problem::{Problem, ProblemKind};
pub use runs::{ManySeeds, Run, RunSet, SearchSnapshot, TrueField};

use crate::schema::{Kind, ParamSpec, ParamState, Value};
use crate::search::{Acquisition, BayesConfig, GammaRule, KernelKind, Liar, StrategyKind, TpeConfig};

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
    ("ucb", "Lower confidence bound (LCB — UCB's form for minimizing)"),
    ("ts", "Thompson sampling"),
];
pub const KERNELS: &[(&str, &str)] = &[("matern52", "Matérn 5/2"), ("rbf", "RBF (squared exponential)")];
pub const EXPORTS: &[(&str, &str)] = &[("bayes", "Bayesian optimization"), ("random", "Random search"), ("grid", "Grid search"), ("tpe", "TPE")];
pub const GAMMAS: &[(&str, &str)] = &[("optuna", "Optuna: min(⌈0.1 n⌉, 25)"), ("hyperopt", "Hyperopt: min(⌈0.25 √n⌉, 25)")];
pub const WORKER_CHOICES: &[(&str, &str)] = &[("1", "1 (sequential)"), ("2", "2"), ("4", "4"), ("8", "8")];
pub const LIARS: &[(&str, &str)] = &[("worst", "the worst value so far"), ("mean", "the mean value so far")];
pub const GD_DEGREES: &[(&str, &str)] = &[("5", "5 (one valley)"), ("12", "12 (two dips)")];
pub const GD_STARTS: &[(&str, &str)] = &[("high", "λ = 10 (largest)"), ("low", "λ = 10⁻⁶ (smallest)")];

/// Bounds of the knobs: the schema, the clamps and the texts all read these.
pub const BUDGET: (i64, i64, i64) = (5, 60, 20);
pub const SEED: (i64, i64, i64) = (0, 9999, 1);
pub const INIT: (i64, i64, i64) = (2, 20, 6);
pub const XI: (f64, f64, f64) = (0.001, 10.0, 0.01);
pub const KAPPA: (f64, f64, f64) = (0.0, 10.0, 1.96);

/// Gradient descent's step size on ln λ.
pub const GD_STEP: (f64, f64, f64) = gradient::STEP;

pub static SCHEMA: [ParamSpec; 17] = [
    ParamSpec::setting("problem", "Problem", Kind::choice(PROBLEMS, 0), "What is minimized. Every problem's whole surface is computed and drawn under the trials (the ridge one by 12 × 41 cross-validations); the searches only see the values at their trials."),
    ParamSpec::hyper("budget", "Budget (trials)", Kind::int(BUDGET.0, BUDGET.1, BUDGET.2), "Trials every strategy may spend. The grid uses the largest r × r grid that fits."),
    ParamSpec::setting("seed", "Seed", Kind::int(SEED.0, SEED.1, SEED.2), "Fixes random search's draws and Bayesian optimization's initial design, so a link replays exactly."),
    ParamSpec::hyper("init", "Initial space-filling points (BO)", Kind::int(INIT.0, INIT.1, INIT.2), "Bayesian optimization starts with this many space-filling (Latin hypercube) points before its model takes over."),
    ParamSpec::hyper("acq", "Acquisition function (BO)", Kind::choice(ACQUISITIONS, 0), "How the next trial is chosen from the surrogate's mean and uncertainty: it goes where this score is highest."),
    ParamSpec::hyper("xi", "ξ: required improvement", Kind::log_or_off(XI.0, XI.1, XI.2), "EI and PI only count improvements larger than ξ (in the objective's units): a larger ξ usually sends the next trial where the surrogate is less sure."),
    ParamSpec::hyper("kappa", "κ: exploration weight", Kind::linear(KAPPA.0, KAPPA.1, KAPPA.2, 0.01), "The lower confidence bound (LCB, the minimizing form of UCB) picks the lowest mean − κ·σ: κ = 0 trusts the mean (exploit), a large κ chases uncertainty (explore)."),
    ParamSpec::hyper("kernel", "Kernel (BO)", Kind::choice(KERNELS, 0), "The Gaussian process's notion of smoothness: Matérn 5/2 assumes twice-differentiable surfaces, RBF infinitely smooth ones."),
    ParamSpec::setting("pick", "You pick first (1-D view)", Kind::switch(false), "In the 1-D view, choose where you would sample next before the optimizer reveals its choice."),
    ParamSpec::setting("export", "Strategy to export as code", Kind::choice(EXPORTS, 0), "Which of the four searches “Copy as code” writes out."),
    ParamSpec::hyper("gamma", "γ: size of TPE's good group", Kind::choice(GAMMAS, 0), "How many of the n finished trials TPE counts as good (l) — the rest are bad (g). Optuna and Hyperopt differ here."),
    ParamSpec::hyper("multi", "Multivariate TPE", Kind::switch(true), "On: one kernel per trial over both knobs together (Optuna's default for one objective). Off: each knob modelled on its own (univariate, as Hyperopt)."),
    ParamSpec::hyper("workers", "Parallel workers (k)", Kind::choice(WORKER_CHOICES, 0), "How many trials run at once: each round proposes k trials before any of their results is known. Used by the parallel-trials experiment and the exported code; the panels above run one trial at a time."),
    ParamSpec::hyper("liar", "Pending trials count as", Kind::choice(LIARS, 0), "The constant liar: while a trial runs, Bayesian optimization pretends it returned this value (TPE with “worst” puts it in the bad group, as Optuna does; with “mean” it counts as a finished trial of that value), so the next proposal of the batch goes elsewhere."),
    ParamSpec::setting("gdeg", "Degree (gradient tuning)", Kind::choice(GD_DEGREES, 0), "The polynomial degree whose validation curve over λ gradient descent walks down."),
    ParamSpec::setting("gstart", "Gradient descent starts at", Kind::choice(GD_STARTS, 0), "Where on the λ axis the first step is taken."),
    ParamSpec::setting("gstep", "Step size η on ln λ", Kind::log(GD_STEP.0, GD_STEP.1, GD_STEP.2), "Each step moves ln λ by −η × the slope of the CV error (kept inside the range)."),
];

pub use crate::labs::Preset;
pub use gradient::{GdSettings, GradientBuild, GradientTuning, Start};
pub use parallel::{Parallel, ParallelSpec};
pub use tpe_view::TpeOneD;

/// Where a pick stands in a [`PickGame`].
pub struct PickSlot<'a> {
    pub dim: &'a crate::search::Dimension,
    pub has_next: bool,
    pub picked: bool,
}

/// A 1-D view with a "you pick first" round: in pick mode the learner locks in a point (a unit
/// position on the slice) before the method's own choice is revealed.
pub trait PickGame {
    /// The slice the pick is made on, whether the method has a next point to reveal, and whether
    /// the learner has locked in a pick for it.
    fn pick_slot(&self) -> PickSlot<'_>;
    /// Records the learner's pick (a unit position); ignored when nothing is left to pick for.
    fn set_pick(&mut self, unit: f64);

    /// Whether a pick is awaited: pick mode is on, a next point exists and none is locked yet.
    fn awaits_pick(&self, pick_mode: bool) -> bool {
        let slot = self.pick_slot();
        pick_mode && !slot.picked && slot.has_next
    }

    /// Whether the method's choice is shown.
    fn revealed(&self, pick_mode: bool) -> bool {
        !self.awaits_pick(pick_mode)
    }
}

pub const PRESETS: [Preset; 7] = [
    Preset {
        name: "Only one knob matters",
        query: "problem=oneknob&budget=16&seed=1",
        claim: "16 trials: the 4 × 4 grid tries 4 values of x, random search 16. Here random search ends lower, as it does on most seeds.",
    },
    Preset {
        name: "Bayesian optimization on Branin",
        query: "problem=branin&budget=30&seed=1",
        claim: "In 30 trials Bayesian optimization comes within 0.35 of Branin's minimum 0.398 (1 % of the gap between a typical value and the minimum) and grid and random search do not; race 20 seeds to see that its median is lowest too.",
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
    Preset {
        name: "TPE with room to work",
        query: "problem=branin&budget=40&seed=1",
        claim: "TPE's first 10 trials are random search's first 10, point for point; after them it uses its good and bad groups. Race 20 seeds: with 40 trials TPE ends lower than random search on 16 of them.",
    },
    Preset {
        name: "Eight parallel workers",
        query: "problem=branin&budget=20&workers=8&seed=1",
        claim: "Run the parallel experiment: with 8 workers, 20 trials take 3 rounds, and Bayesian optimization's median regret over 20 seeds is more than 10 times its sequential one, while random search's does not change.",
    },
    Preset {
        name: "Gradient descent into a local minimum",
        query: "gdeg=12&gstart=low&gstep=60",
        claim: "At degree 12 the validation curve has two dips. Started at the smallest λ with η = 60, gradient descent settles in the one that is not the lowest. The step size decides it: η = 150 from the same start reaches the lowest.",
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
    pub gamma: GammaRule,
    pub multivariate: bool,
    /// Parallel workers k.
    pub workers: usize,
    pub liar: Liar,
    pub gd_degree: usize,
    pub gd_start: Start,
    pub gd_step: f64,
}

/// What the three searches depend on (a change of only `pick` or `export` keeps the runs).
#[derive(Clone, Debug, PartialEq)]
pub struct RunSpec {
    pub problem: ProblemKind,
    pub budget: usize,
    pub seed: u64,
    pub bayes: BayesConfig,
    pub tpe: TpeConfig,
}

defaults_from_schema!(Settings, SCHEMA);

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
            gamma: if slug("gamma") == "hyperopt" { GammaRule::Hyperopt } else { GammaRule::Optuna },
            multivariate: !matches!(p.get("multi"), Some(Value::Bool(false))),
            workers: slug("workers").parse().unwrap_or(1),
            liar: if slug("liar") == "mean" { Liar::Mean } else { Liar::Worst },
            gd_degree: slug("gdeg").parse().unwrap_or(gradient::DEGREES[0]),
            gd_start: if slug("gstart") == "low" { Start::Low } else { Start::High },
            gd_step: match p.get("gstep") {
                Some(Value::Float(v)) if v.is_finite() => v.clamp(GD_STEP.0, GD_STEP.1),
                _ => GD_STEP.2,
            },
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
        p.set("gamma", Value::Choice(if self.gamma == GammaRule::Hyperopt { 1 } else { 0 }));
        p.set("multi", Value::Bool(self.multivariate));
        p.set("workers", Value::Choice(index(WORKER_CHOICES, &self.workers.to_string())));
        p.set("liar", Value::Choice(if self.liar == Liar::Mean { 1 } else { 0 }));
        p.set("gdeg", Value::Choice(index(GD_DEGREES, &self.gd_degree.to_string())));
        p.set("gstart", Value::Choice(if self.gd_start == Start::Low { 1 } else { 0 }));
        p.set("gstep", Value::Float(self.gd_step));
        p
    }

    /// TPE's configuration: Optuna's defaults with the learner's γ rule and multivariate switch.
    pub fn tpe(&self) -> TpeConfig {
        TpeConfig { gamma: self.gamma, multivariate: self.multivariate, ..TpeConfig::default() }
    }

    /// What the parallel-trials experiment depends on (the number of workers is only which
    /// of its results are highlighted).
    pub fn parallel_spec(&self) -> ParallelSpec {
        ParallelSpec { problem: self.problem, budget: self.budget, first_seed: self.seed, bayes: self.bayes(self.init), tpe: self.tpe(), liar: self.liar }
    }

    pub fn gd_settings(&self) -> GdSettings {
        GdSettings { degree: self.gd_degree, start: self.gd_start, step_size: self.gd_step, seed: self.seed }
    }

    /// What the TPE 1-D view depends on.
    pub fn tpe_oned_key(&self) -> (ProblemKind, TpeConfig, u64) {
        (self.problem, self.tpe(), self.seed)
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
        RunSpec { problem: self.problem, budget: self.budget, seed: self.seed, bayes: self.bayes(self.init), tpe: self.tpe() }
    }

    /// What the 1-D view depends on: the problem, Bayesian optimization's settings (with the
    /// view's own initial design) and the seed.
    pub fn oned_key(&self) -> (ProblemKind, BayesConfig, u64) {
        (self.problem, self.bayes(ONE_D_INIT), self.seed)
    }

    pub fn code_spec(&self) -> CodeSpec {
        CodeSpec { space: self.problem.space(), kind: self.export, budget: self.budget, seed: self.seed, bayes: self.bayes(self.init), problem: self.problem, workers: self.workers }
    }
}

/// How many distinct values a list holds (values closer than 1e-9 of the axis count as one).
pub fn distinct_count(values: &[f64]) -> usize {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    crate::sorting::sort_floats(&mut v);
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
use crate::labs::catalogue::view;

pub const META: crate::labs::catalogue::LabMeta = crate::labs::catalogue::LabMeta {
    slug: SLUG,
    title: "Search strategies",
    promise: "Race grid search, random search, Bayesian optimization and TPE on the same budget and watch where each one looks.",
    description: "Grid, random, Bayesian optimization and TPE side by side over a loss landscape or a cross-validated ridge model: distinct values per knob, best-so-far races over 20 seeds, a Gaussian process and TPE's densities step by step, what parallel workers cost each strategy, gradient descent on the ridge validation curve, and the search as runnable Optuna, scikit-optimize and Hyperopt programs and a SageMaker configuration.",
    concepts: &["grid search", "random search", "Bayesian optimization", "TPE", "acquisition functions", "exploration vs exploitation", "parallel trials", "gradient-based tuning", "search spaces and scales"],
    // The primary view first; ids are the `views=` names of an embed.
    views: &[
        view("panels", "Four strategies on one budget"),
        view("race", "Best so far over 20 seeds"),
        view("oned", "Bayesian optimization step by step"),
        view("tpe", "TPE step by step"),
        view("parallel", "Parallel trials"),
        view("gradient", "Gradient descent on λ"),
        view("code", "The search as code"),
    ],
    key_controls: &["problem", "budget", "acq"],
};
