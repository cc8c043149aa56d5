//! The search lab's knobs (its URL schema), the problems it searches, and the live state its
//! challenges check.

use hyperlab_ml::cv::{Split, Splitter};
use hyperlab_ml::cv_models::PolyRidge;
use hyperlab_ml::data::{DataParams, Dataset, Truth};
use hyperlab_ml::params::{Kind, ParamSpec, ParamState, Scale};
use hyperlab_ml::search::{Acquisition, BayesConfig, Dimension, KernelKind, Landscape, Space, StrategyKind};
use std::rc::Rc;

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

pub static SCHEMA: [ParamSpec; 10] = [
    ParamSpec { key: "problem", label: "Problem", unit: "", hyper: false,
        help: "What is minimized. The synthetic landscapes are cheap, so their whole surface is drawn; the ridge model is scored by 5-fold cross-validation.",
        kind: Kind::Choice { options: PROBLEMS, default: 0 } },
    ParamSpec { key: "budget", label: "Budget (trials)", unit: "", hyper: true,
        help: "Trials every strategy may spend. The grid uses the largest r × r grid that fits.",
        kind: Kind::Int { min: 5, max: 60, default: 20 } },
    ParamSpec { key: "seed", label: "Seed", unit: "", hyper: false,
        help: "Fixes random search's draws and Bayesian optimization's initial design, so a link replays exactly.",
        kind: Kind::Int { min: 0, max: 9999, default: 1 } },
    ParamSpec { key: "init", label: "Initial random points (BO)", unit: "", hyper: true,
        help: "Bayesian optimization starts with this many space-filling (Latin hypercube) points before its model takes over.",
        kind: Kind::Int { min: 2, max: 20, default: 6 } },
    ParamSpec { key: "acq", label: "Acquisition function (BO)", unit: "", hyper: true,
        help: "How the next trial is chosen from the surrogate's mean and uncertainty.",
        kind: Kind::Choice { options: ACQUISITIONS, default: 0 } },
    ParamSpec { key: "xi", label: "ξ: required improvement", unit: "", hyper: true,
        help: "EI and PI only count improvements larger than ξ (in the objective's units): larger ξ explores more.",
        kind: Kind::Float { min: 0.001, max: 10.0, default: 0.01, scale: Scale::Log, step: 0.0, zero: true } },
    ParamSpec { key: "kappa", label: "κ: exploration weight", unit: "", hyper: true,
        help: "UCB picks the lowest mean − κ·σ: κ = 0 trusts the mean (exploit), large κ chases uncertainty (explore).",
        kind: Kind::Float { min: 0.0, max: 10.0, default: 1.96, scale: Scale::Linear, step: 0.01, zero: false } },
    ParamSpec { key: "kernel", label: "Kernel (BO)", unit: "", hyper: true,
        help: "The Gaussian process's notion of smoothness: Matérn 5/2 allows rougher surfaces than RBF.",
        kind: Kind::Choice { options: KERNELS, default: 0 } },
    ParamSpec { key: "pick", label: "You pick first (1-D view)", unit: "", hyper: false,
        help: "In the 1-D view, choose where you would sample next before the optimizer reveals its choice.",
        kind: Kind::Bool { default: false } },
    ParamSpec { key: "export", label: "Strategy to export as code", unit: "", hyper: false,
        help: "Which of the three searches “Copy as code” writes out.",
        kind: Kind::Choice { options: EXPORTS, default: 0 } },
];

/// Seeds of the "many seeds" race.
pub const MANY_SEEDS: usize = 20;
/// Initial design of the 1-D view.
pub const ONE_D_INIT: usize = 2;
/// Trials of the 1-D view.
pub const ONE_D_BUDGET: usize = 14;
/// The ridge problem's data: fixed, so the problem (and its heatmap) does not depend on the seed.
const RIDGE_POINTS: usize = 40;
const RIDGE_NOISE: f64 = 0.3;
const RIDGE_DATA_SEED: u64 = 7;
pub const RIDGE_MAX_DEGREE: i64 = 12;
pub const RIDGE_LAMBDA: (f64, f64) = (1e-6, 10.0);
/// Degree of the ridge model in the 1-D view (λ varies).
pub const RIDGE_SLICE_DEGREE: f64 = 9.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    Land(Landscape),
    Ridge,
}

impl ProblemKind {
    pub fn from_slug(s: &str) -> Self {
        match s {
            "ridge" => ProblemKind::Ridge,
            _ => ProblemKind::Land(Landscape::from_slug(s).unwrap_or(Landscape::OneKnob)),
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            ProblemKind::Land(l) => l.slug(),
            ProblemKind::Ridge => "ridge",
        }
    }

    pub fn label(self) -> &'static str {
        PROBLEMS.iter().find(|p| p.0 == self.slug()).map_or("", |p| p.1)
    }

    pub fn space(self) -> Space {
        match self {
            ProblemKind::Land(l) => l.space(),
            ProblemKind::Ridge => Space::new(vec![Dimension::integer("degree", 1, RIDGE_MAX_DEGREE), Dimension::log("lambda", RIDGE_LAMBDA.0, RIDGE_LAMBDA.1)])
                .unwrap_or_else(|_| unreachable!("a valid space")),
        }
    }

    /// The known global minimum (landscapes only).
    pub fn known_minimum(self) -> Option<f64> {
        match self {
            ProblemKind::Land(l) => Some(l.known_minimum()),
            ProblemKind::Ridge => None,
        }
    }
}

/// The ridge problem: fixed noisy sine data and fixed shuffled 5-fold splits.
#[derive(Debug)]
pub struct RidgeData {
    data: Dataset,
    splits: Vec<Split>,
}

impl RidgeData {
    pub fn new() -> Option<Self> {
        let data = DataParams { truth: Truth::Sine, noise: RIDGE_NOISE, n_points: RIDGE_POINTS, seed: RIDGE_DATA_SEED }.generate().ok()?;
        let splits = Splitter::ShuffledKFold { k: 5, seed: RIDGE_DATA_SEED }.splits(RIDGE_POINTS, None).ok()?;
        Some(Self { data, splits })
    }

    /// Mean validation MSE over the folds of a degree-`degree` ridge model with penalty `alpha`.
    pub fn cv_mse(&self, degree: f64, alpha: f64) -> f64 {
        let model = PolyRidge { degree: degree.round().clamp(1.0, RIDGE_MAX_DEGREE as f64) as usize, alpha, standardize: true };
        let total: f64 = self.splits.iter().map(|s| model.cv_score(&self.data, s)).sum();
        total / self.splits.len().max(1) as f64
    }
}

/// A problem ready to evaluate (the ridge one carries its data).
#[derive(Clone, Debug)]
pub struct Problem {
    pub kind: ProblemKind,
    ridge: Option<Rc<RidgeData>>,
}

impl Problem {
    pub fn new(kind: ProblemKind) -> Self {
        let ridge = matches!(kind, ProblemKind::Ridge).then(|| RidgeData::new().map(Rc::new)).flatten();
        Self { kind, ridge }
    }

    /// The objective at a point in natural units (never NaN: failures are +∞, which the
    /// strategies treat as a failed trial).
    pub fn value(&self, point: &[f64]) -> f64 {
        let v = match (self.kind, &self.ridge) {
            (ProblemKind::Land(l), _) => l.value(point),
            (ProblemKind::Ridge, Some(r)) if point.len() == 2 => r.cv_mse(point[0], point[1]),
            _ => f64::INFINITY,
        };
        if v.is_nan() { f64::INFINITY } else { v }
    }

    /// The 1-D slice the Bayesian view searches: the first knob with the second held at the
    /// global minimizer's value (λ with the degree fixed, for ridge).
    pub fn slice(&self) -> (Space, Dimension) {
        let dim = match self.kind {
            ProblemKind::Ridge => Dimension::log("lambda", RIDGE_LAMBDA.0, RIDGE_LAMBDA.1),
            _ => self.kind.space().dims()[0].clone(),
        };
        (Space::new(vec![dim.clone()]).unwrap_or_else(|_| unreachable!("a valid space")), dim)
    }

    pub fn slice_value(&self, x: f64) -> f64 {
        match self.kind {
            ProblemKind::Land(l) => self.value(&[x, l.minimizers()[0][1]]),
            ProblemKind::Ridge => self.value(&[RIDGE_SLICE_DEGREE, x]),
        }
    }

    pub fn slice_label(&self) -> String {
        match self.kind {
            ProblemKind::Land(l) => {
                let space = l.space();
                let d = &space.dims()[1];
                format!("{} with {} = {}", space.dims()[0].name(), d.name(), d.format(l.minimizers()[0][1]))
            }
            ProblemKind::Ridge => format!("λ with degree = {RIDGE_SLICE_DEGREE}"),
        }
    }
}

/// Everything a search needs from the knobs.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub problem: ProblemKind,
    pub budget: usize,
    pub seed: u64,
    pub bayes: BayesConfig,
}

pub fn acquisition_of(p: &ParamState) -> Acquisition {
    let xi = p.float("xi").max(0.0);
    match p.choice_slug("acq") {
        "pi" => Acquisition::ProbabilityOfImprovement { xi },
        "ucb" => Acquisition::LowerConfidenceBound { kappa: p.float("kappa").max(0.0) },
        "ts" => Acquisition::ThompsonSampling,
        _ => Acquisition::ExpectedImprovement { xi },
    }
}

pub fn kernel_of(p: &ParamState) -> KernelKind {
    if p.choice_slug("kernel") == "rbf" { KernelKind::Rbf } else { KernelKind::Matern52 }
}

pub fn bayes_config(p: &ParamState, initial: usize) -> BayesConfig {
    BayesConfig { kernel: kernel_of(p), acquisition: acquisition_of(p), initial_points: Some(initial.max(1)), ..BayesConfig::default() }
}

pub fn settings_of(p: &ParamState) -> Settings {
    Settings {
        problem: ProblemKind::from_slug(p.choice_slug("problem")),
        budget: p.int("budget").clamp(1, 60) as usize,
        seed: p.int("seed").max(0) as u64,
        bayes: bayes_config(p, p.int("init").clamp(1, 20) as usize),
    }
}

pub fn export_kind(p: &ParamState) -> StrategyKind {
    StrategyKind::from_slug(p.choice_slug("export")).unwrap_or(StrategyKind::Bayes)
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

/// What the challenges judge.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchSnapshot {
    pub problem: ProblemKind,
    pub budget: usize,
    pub acquisition: &'static str,
    pub kappa: f64,
    /// Final best value of grid, random and Bayesian optimization.
    pub best: [f64; 3],
    /// Trials each strategy needed to come within 1 % of the objective's range of its minimum.
    pub hits: [Option<usize>; 3],
    /// Distinct values of the first knob each strategy tried.
    pub distinct_x: [usize; 3],
    /// Trials Bayesian optimization chose with its model (after the initial design) in
    /// unexplored territory: at least [`EXPLORE_DISTANCE`] from every earlier trial.
    pub bayes_exploratory_trials: usize,
    /// Median final best of each strategy over the many-seeds race (when it has finished).
    pub many_medians: Option<[f64; 3]>,
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
