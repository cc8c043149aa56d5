//! The cross-validation lab's native side: its URL schema, typed settings, the model its views
//! draw, the texts that describe it, its presets and its challenges. The app only wires signals
//! to these and draws them; every claim the page makes is tested natively in
//! `tests/lessons_cross_validation.rs`.

mod challenges;
mod experiment;
mod leakage;
mod model;
mod presets;
pub mod scenarios;
mod texts;

pub use challenges::{CvSnapshot, CHALLENGES, LOO_SCALE, MAX_FITS, MIN_TRAINING_SHARE, PESSIMISTIC_K2};
pub use experiment::{bias_standard_error, experiment_verdict, median_relative_bias, ExperimentVerdict, same_experiment, Experiment, EXPERIMENT_FOLDS, EXPERIMENT_NOTE, EXPERIMENT_POINTS, EXPERIMENT_RESAMPLES};
pub use leakage::{LeakageDemo, LeakageRow, LeakageSummary, Quartiles, TRUE_ACCURACY, LEAKAGE_DATA_SETS, LEAKAGE_FEATURES, LEAKAGE_FOLDS, LEAKAGE_INTRO, LEAKAGE_KEEP_CHOICES, LEAKAGE_KEPT, LEAKAGE_NOTE, LEAKAGE_POINTS};
pub use model::{CvRun, FoldRow, GridData, MiniModel, LOGISTIC_ALPHA, MAX_ROWS, REGRESSION_NOISE, RIDGE_ALPHA, TEST_FRACTION};
pub use presets::{Preset, PRESETS};
pub use texts::{format_score, SORTED_X_MAX_K, score_band, test_score_text,experiment_intro, experiment_summary_text, grid_summary, scores_summary, status, Status, Verdict, GRID_CAPTION, INTRO, SCORES_CAPTION};

use crate::model_selection::Splitter;
use crate::schema::{Kind, ParamSpec, ParamState, Value};

pub const SLUG: &str = "cross-validation";

/// What the folds' models predict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    /// Polynomial ridge on a noisy sine, scored by mean squared error (lower is better).
    Regression,
    /// Logistic regression on two classes, scored by accuracy (higher is better).
    Classification,
}

/// How the data is divided into training and validation folds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SplitKind {
    KFold,
    Stratified,
    Repeated,
    LeaveOneOut,
    HoldOut,
}

pub const TASKS: &[(&str, &str)] = &[("regression", "Regression (polynomial ridge)"), ("classification", "Classification (logistic)")];
const TASK_VALUES: [Task; 2] = [Task::Regression, Task::Classification];
pub const SPLITTERS: &[(&str, &str)] = &[
    ("kfold", "K-fold"),
    ("stratified", "Stratified k-fold"),
    ("repeated", "Repeated k-fold"),
    ("loo", "Leave-one-out"),
    ("holdout", "Hold-out (one split)"),
];
const SPLIT_VALUES: [SplitKind; 5] = [SplitKind::KFold, SplitKind::Stratified, SplitKind::Repeated, SplitKind::LeaveOneOut, SplitKind::HoldOut];

/// Bounds shared by the schema (parsing and clamping), the model and the texts.
pub const K_MIN: usize = 2;
pub const K_MAX: usize = 20;
pub const REPEATS_MAX: usize = 5;
/// The seed's upper bound: the slider has at most 1000 steps, so the slider and the number box
/// agree only up to 1000.
pub const SEED_MAX: u64 = 1000;
pub const N_MIN: usize = 10;
pub const N_MAX: usize = 200;
pub const MINORITY_MIN: f64 = 0.05;
pub const MINORITY_MAX: f64 = 0.5;
pub const DEGREE_MIN: usize = 1;
pub const DEGREE_MAX: usize = 10;
/// The default degree: flexible enough that the k experiment's default run shows small k's
/// pessimistic bias well beyond its standard error (at degree 3 it is the size of the noise).
pub const DEGREE_DEFAULT: usize = 6;

/// The Folds control, with the help text of plain k-fold; [`folds_spec`] gives each splitter's.
const K_SPEC: ParamSpec = folds_spec_with(FOLDS_HELP_KFOLD);
const fn folds_spec_with(help: &'static str) -> ParamSpec {
    ParamSpec::setting("k", "Folds (k)", Kind::int(K_MIN as i64, K_MAX as i64, 5), help)
}
pub const FOLDS_HELP_KFOLD: &str = "Number of folds k: each point is validated once, by a model trained on the other k − 1 folds.";
pub const FOLDS_HELP_STRATIFIED: &str = "Number of folds k: each point is validated once, by a model trained on the other k − 1 folds; each class is divided among the folds on its own.";
pub const FOLDS_HELP_REPEATED: &str = "Folds per repeat k: within each repeat every point is validated once, so over all repeats each point is validated once per repeat, each time by a model trained on the other k − 1 folds.";
pub const FOLDS_HELP_HOLDOUT: &str = "Sets the single split's size: 1/k of the data is validated, once, by a model trained on the rest; the other points are never validated.";
pub const FOLDS_HELP_LOO: &str = "Leave-one-out has one fold per point (k = n), so this knob does not apply.";
static FOLDS_SPECS: [ParamSpec; 5] = [
    K_SPEC,
    folds_spec_with(FOLDS_HELP_STRATIFIED),
    folds_spec_with(FOLDS_HELP_REPEATED),
    folds_spec_with(FOLDS_HELP_LOO),
    folds_spec_with(FOLDS_HELP_HOLDOUT),
];

/// The Folds control as the page shows it for a splitter: the same knob, with a help text that
/// says what k means for that splitter.
pub fn folds_spec(split: SplitKind) -> &'static ParamSpec {
    &FOLDS_SPECS[SPLIT_VALUES.iter().position(|s| *s == split).unwrap_or(0)]
}

pub static SCHEMA: [ParamSpec; 12] = [
    ParamSpec::setting("task", "Task", Kind::choice(TASKS, 0), "Regression scores folds by mean squared error (lower is better); classification by accuracy (higher is better)."),
    ParamSpec::setting("split", "Splitter", Kind::choice(SPLITTERS, 0), "How the data is divided into training and validation folds."),
    K_SPEC,
    ParamSpec::setting("shuffle", "Shuffle before splitting", Kind::switch(true), "Without shuffling, k-fold folds are consecutive blocks in the data's order."),
    ParamSpec::setting("repeats", "Repeats", Kind::int(1, REPEATS_MAX as i64, 3), "Repeated k-fold: reshuffle and split again this many times."),
    ParamSpec::setting("seed", "Seed", Kind::int(0, SEED_MAX as i64, 1), "Fixes the data and the shuffles, so a link replays exactly."),
    ParamSpec::setting("n", "Data points", Kind::int(N_MIN as i64, N_MAX as i64, 40), "How many samples are split into folds."),
    ParamSpec::setting("minority", "Minority class share", Kind::linear(MINORITY_MIN, MINORITY_MAX, 0.2, 0.05), "Classification: the fraction of samples in the rarer class (0.5 is balanced)."),
    ParamSpec::setting("sorted", "Data arrives sorted", Kind::switch(false), "The samples come ordered (by class, or by x), as exports from databases often do."),
    ParamSpec::hyper("degree", "Polynomial degree", Kind::int(DEGREE_MIN as i64, DEGREE_MAX as i64, DEGREE_DEFAULT as i64), "Regression: the capacity of each fold's model (and of the k experiment's model)."),
    ParamSpec::setting("test", "Hold out a test set", Kind::switch(false), "Keep 20 % of the data out of cross-validation entirely, for one final honest check."),
    ParamSpec::setting("xloo", "Include leave-one-out", Kind::switch(false), "The k experiment also runs leave-one-out: one fit per point, 100 per data set."),
];

/// Every knob of the lab, typed. Parsed from the URL state once; the model reads only this.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    pub task: Task,
    pub split: SplitKind,
    pub k: usize,
    pub shuffle: bool,
    pub repeats: usize,
    pub seed: u64,
    pub n: usize,
    pub minority: f64,
    pub sorted: bool,
    pub degree: usize,
    pub test_set: bool,
    /// The k experiment includes leave-one-out.
    pub experiment_loo: bool,
}

defaults_from_schema!(Settings, SCHEMA);

impl Settings {
    /// The typed settings of a (parsed, clamped) state; the bounds are clamped again so a state
    /// built by hand cannot escape them.
    pub fn from_params(p: &ParamState) -> Self {
        Self {
            task: TASK_VALUES.get(p.choice("task")).copied().unwrap_or(Task::Regression),
            split: SPLIT_VALUES.get(p.choice("split")).copied().unwrap_or(SplitKind::KFold),
            k: (p.int("k").max(0) as usize).clamp(K_MIN, K_MAX),
            shuffle: p.flag("shuffle"),
            repeats: (p.int("repeats").max(0) as usize).clamp(1, REPEATS_MAX),
            seed: (p.int("seed").max(0) as u64).min(SEED_MAX),
            n: (p.int("n").max(0) as usize).clamp(N_MIN, N_MAX),
            minority: p.float("minority").clamp(MINORITY_MIN, MINORITY_MAX),
            sorted: p.flag("sorted"),
            degree: (p.int("degree").max(0) as usize).clamp(DEGREE_MIN, DEGREE_MAX),
            test_set: p.flag("test"),
            experiment_loo: p.flag("xloo"),
        }
    }

    /// Parses an untrusted query: the settings and the notices about what had to be repaired.
    pub fn from_query(query: &str) -> (Self, Vec<crate::schema::Notice>) {
        let (p, notices) = ParamState::from_query(&SCHEMA, query);
        (Self::from_params(&p), notices)
    }

    /// The URL state of these settings.
    pub fn to_params(&self) -> ParamState {
        let mut p = ParamState::defaults(&SCHEMA);
        p.set("task", Value::Choice(TASK_VALUES.iter().position(|t| *t == self.task).unwrap_or(0)));
        p.set("split", Value::Choice(SPLIT_VALUES.iter().position(|t| *t == self.split).unwrap_or(0)));
        p.set("k", Value::Int(self.k as i64));
        p.set("shuffle", Value::Bool(self.shuffle));
        p.set("repeats", Value::Int(self.repeats as i64));
        p.set("seed", Value::Int(self.seed as i64));
        p.set("n", Value::Int(self.n as i64));
        p.set("minority", Value::Float(self.minority));
        p.set("sorted", Value::Bool(self.sorted));
        p.set("degree", Value::Int(self.degree as i64));
        p.set("test", Value::Bool(self.test_set));
        p.set("xloo", Value::Bool(self.experiment_loo));
        p
    }

    pub fn is_classification(&self) -> bool {
        self.task == Task::Classification
    }

    /// Whether the Folds control means anything for this splitter (leave-one-out has k = n).
    pub fn uses_k(&self) -> bool {
        self.split != SplitKind::LeaveOneOut
    }

    /// Whether the Shuffle control means anything (leave-one-out has one order; hold-out and
    /// repeated k-fold always shuffle).
    pub fn uses_shuffle(&self) -> bool {
        matches!(self.split, SplitKind::KFold | SplitKind::Stratified)
    }

    /// The hold-out split's validation share: 1/k.
    pub fn holdout_fraction(&self) -> f64 {
        1.0 / self.k as f64
    }

    /// The splitter the knobs describe.
    pub fn splitter(&self) -> Splitter {
        let (k, seed) = (self.k, self.seed);
        match self.split {
            SplitKind::Stratified if self.shuffle => Splitter::ShuffledStratifiedKFold { k, seed },
            SplitKind::Stratified => Splitter::StratifiedKFold { k },
            SplitKind::Repeated if self.is_classification() => Splitter::RepeatedStratifiedKFold { k, repeats: self.repeats, seed },
            SplitKind::Repeated => Splitter::RepeatedKFold { k, repeats: self.repeats, seed },
            SplitKind::LeaveOneOut => Splitter::LeaveOneOut,
            SplitKind::HoldOut => Splitter::HoldOut { test_fraction: self.holdout_fraction(), seed },
            SplitKind::KFold if self.shuffle => Splitter::ShuffledKFold { k, seed },
            SplitKind::KFold => Splitter::KFold { k },
        }
    }
}

/// How the site lists this lab (home page, header, page title, static pages).
use crate::labs::catalogue::view;

pub const META: crate::labs::catalogue::LabMeta = crate::labs::catalogue::LabMeta {
    slug: SLUG,
    title: "Cross-validation",
    promise: "See k-fold splits sample by sample, each fold's model and score, and why 5 or 10 folds.",
    description: "K-fold, stratified, repeated and leave-one-out splits drawn sample by sample, each fold's model and score, the bias and spread of the CV estimate against the true error, and leakage that makes an estimate lie.",
    concepts: &["k-fold", "stratified folds", "leave-one-out", "leakage", "hold-out test set"],
    // The primary view first; ids are the `views=` names of an embed.
    views: &[
        view("folds", "Folds, sample by sample, with the estimate"),
        view("scores", "Each fold's score"),
        view("experiment", "The k experiment"),
        view("leakage", "Leakage"),
    ],
    key_controls: &["k", "split", "shuffle"],
};
