//! The cross-validation lab's knobs (its URL schema) and the live state its challenges check.

use hyperlab_ml::cv::Splitter;
use hyperlab_ml::params::{Kind, ParamSpec, ParamState, Scale};

pub const SLUG: &str = "cross-validation";

pub const TASKS: &[(&str, &str)] = &[("regression", "Regression (polynomial ridge)"), ("classification", "Classification (logistic)")];
pub const SPLITTERS: &[(&str, &str)] = &[
    ("kfold", "K-fold"),
    ("stratified", "Stratified k-fold"),
    ("repeated", "Repeated k-fold"),
    ("loo", "Leave-one-out"),
    ("holdout", "Hold-out (one split)"),
];

pub static SCHEMA: [ParamSpec; 11] = [
    ParamSpec { key: "task", label: "Task", unit: "", hyper: false,
        help: "Regression scores folds by mean squared error (lower is better); classification by accuracy.",
        kind: Kind::Choice { options: TASKS, default: 0 } },
    ParamSpec { key: "split", label: "Splitter", unit: "", hyper: false,
        help: "How the data is divided into training and validation folds.",
        kind: Kind::Choice { options: SPLITTERS, default: 0 } },
    ParamSpec { key: "k", label: "Folds", unit: "k", hyper: false,
        help: "Number of folds: each point is validated once, by a model trained on the other k − 1 folds.",
        kind: Kind::Int { min: 2, max: 20, default: 5 } },
    ParamSpec { key: "shuffle", label: "Shuffle before splitting", unit: "", hyper: false,
        help: "Without shuffling, folds are consecutive blocks in the data's order.",
        kind: Kind::Bool { default: true } },
    ParamSpec { key: "repeats", label: "Repeats", unit: "", hyper: false,
        help: "Repeated k-fold: reshuffle and split again this many times.",
        kind: Kind::Int { min: 1, max: 5, default: 3 } },
    ParamSpec { key: "seed", label: "Seed", unit: "", hyper: false,
        help: "Fixes the data and the shuffles, so a link replays exactly.",
        kind: Kind::Int { min: 0, max: 9999, default: 1 } },
    ParamSpec { key: "n", label: "Data points", unit: "", hyper: false,
        help: "How many samples are split into folds.",
        kind: Kind::Int { min: 10, max: 200, default: 40 } },
    ParamSpec { key: "minority", label: "Minority class share", unit: "", hyper: false,
        help: "Classification: the fraction of samples in the rarer class (0.5 is balanced).",
        kind: Kind::Float { min: 0.05, max: 0.5, default: 0.2, scale: Scale::Linear, step: 0.05, zero: false } },
    ParamSpec { key: "sorted", label: "Data arrives sorted", unit: "", hyper: false,
        help: "The samples come ordered (by class, or by x), as exports from databases often do.",
        kind: Kind::Bool { default: false } },
    ParamSpec { key: "degree", label: "Polynomial degree", unit: "", hyper: true,
        help: "Regression: the capacity of each fold's model.",
        kind: Kind::Int { min: 1, max: 10, default: 3 } },
    ParamSpec { key: "test", label: "Hold out a test set", unit: "", hyper: false,
        help: "Keep 20 % of the data out of cross-validation entirely, for one final honest check.",
        kind: Kind::Bool { default: false } },
];

pub fn is_classification(p: &ParamState) -> bool {
    p.choice_slug("task") == "classification"
}

/// The splitter the knobs describe.
pub fn splitter_of(p: &ParamState) -> Splitter {
    let k = p.int("k").max(2) as usize;
    let seed = p.int("seed").max(0) as u64;
    let shuffle = p.flag("shuffle");
    let classes = is_classification(p);
    match p.choice_slug("split") {
        "stratified" if shuffle => Splitter::ShuffledStratifiedKFold { k, seed },
        "stratified" => Splitter::StratifiedKFold { k },
        "repeated" => {
            let repeats = p.int("repeats").max(1) as usize;
            if classes { Splitter::RepeatedStratifiedKFold { k, repeats, seed } } else { Splitter::RepeatedKFold { k, repeats, seed } }
        }
        "loo" => Splitter::LeaveOneOut,
        "holdout" => Splitter::HoldOut { test_fraction: 1.0 / k as f64, seed },
        _ if shuffle => Splitter::ShuffledKFold { k, seed },
        _ => Splitter::KFold { k },
    }
}

/// What the challenges judge.
#[derive(Clone, Debug, PartialEq)]
pub struct CvSnapshot {
    pub classification: bool,
    pub splitter: Splitter,
    pub n: usize,
    pub sorted: bool,
    pub shuffle: bool,
    /// Per fold: how many validation samples of the minority class it has (classification).
    pub minority_per_fold: Vec<usize>,
    pub minority_total: usize,
    pub scores: Vec<f64>,
    pub mean: f64,
    pub std: f64,
    /// Finished k-comparison experiment: (k label, std of the estimate) per fold count.
    pub experiment_spread: Vec<(String, f64)>,
}
