//! The lab's guided challenges, checked against the live folds and the finished k experiment.

use super::experiment::median_relative_bias;
use super::model::CvRun;
use super::{Settings, SplitKind, SLUG};
use crate::model_selection::{ExperimentSummary, Splitter};
use crate::labs::{Challenge, ChallengeInfo};

/// What the challenges judge.
#[derive(Clone, Debug, PartialEq)]
pub struct CvSnapshot {
    pub settings: Settings,
    pub run: CvRun,
    /// The k experiment, once finished with these settings.
    pub experiment: Option<ExperimentSummary>,
}

seeded_by!(CvSnapshot, settings.seed);

/// k = 2's median relative bias above which the challenge counts it as badly pessimistic.
pub const PESSIMISTIC_K2: f64 = 0.10;
/// The training share leave-one-out's cheap stand-in must keep.
pub const MIN_TRAINING_SHARE: f64 = 0.9;
/// The fits it may spend.
pub const MAX_FITS: usize = 10;
/// The data size at which leave-one-out's cost is felt.
pub const LOO_SCALE: usize = 100;

/// Some fold validates on the whole minority class, so its model trains without a single one.
fn minority_swallowed_by_one_fold(s: &CvSnapshot) -> bool {
    let r = &s.run;
    s.settings.is_classification() && s.settings.sorted && r.minority_total > 0 && r.minority_per_fold.contains(&r.minority_total)
}

fn stratified_without_shuffling(s: &CvSnapshot) -> bool {
    let m = &s.run.minority_per_fold;
    let (Some(lo), Some(hi)) = (m.iter().min(), m.iter().max()) else { return false };
    s.settings.is_classification()
        && s.settings.sorted
        && matches!(s.settings.splitter(), Splitter::StratifiedKFold { .. })
        && m.len() >= 3
        && hi - lo <= 1
}

fn small_k_badly_pessimistic(s: &CvSnapshot) -> bool {
    s.experiment.as_ref().and_then(|e| median_relative_bias(e, 0)).is_some_and(|b| b > PESSIMISTIC_K2)
}

/// At least LOO_SCALE points, every point validated, each model on ≥ 90 % of the data, ≤ 10 fits.
fn cheap_stand_in_for_leave_one_out(s: &CvSnapshot) -> bool {
    let r = &s.run;
    let dev: usize = r.grid.test.iter().filter(|t| !**t).count();
    let validated: usize = r.validation_sizes.iter().sum();
    let smallest_training = r.validation_sizes.iter().map(|v| dev - v).min().unwrap_or(0);
    r.summary.is_some()
        && s.settings.n >= LOO_SCALE
        && s.settings.split != SplitKind::HoldOut
        && validated >= dev
        && r.validation_sizes.len() <= MAX_FITS
        && smallest_training as f64 >= MIN_TRAINING_SHARE * dev as f64
}

pub static CHALLENGES: [Challenge<CvSnapshot>; 4] = [
    Challenge {
        info: ChallengeInfo {
            id: "cv-sorted-trap",
            lab: SLUG,
            title: "The sorted-data trap",
            prompt: "The data arrives sorted by class (the 8 minority samples come last). Using plain k-fold, make one fold's model train without a single minority-class sample.",
            hint: "Turning shuffling off is not enough with many small folds: the minority class then spreads over the last few blocks, and each of their models still trains on part of it. How big must a block be?",
            explanation: "Without shuffling, k-fold cuts the data into consecutive blocks. With 5 folds of 8 and the 8 minority samples last, the last fold holds the whole minority class: its model trains on the majority only and scores near 0 % on that fold, while the other folds never test the minority class at all. The fold scores swing from near 0 to near 100 %, and their mean hides that one fold did all the testing of the minority class. Shuffle, or better, stratify.",
            setup: "task=classification&split=kfold&k=10&shuffle=1&sorted=1&minority=0.2&n=40&seed=1",
            solution: "shuffle=0&k=5",
            wrong_answer: "shuffle=0",
            seed_pinned_because: None,
        },
        check: minority_swallowed_by_one_fold,
    },
    Challenge {
        info: ChallengeInfo {
            id: "cv-stratify",
            lab: SLUG,
            title: "Fair folds without shuffling",
            prompt: "Keep the data sorted and shuffling off, but make every validation fold (at least 3) hold the same number of minority-class samples, give or take one.",
            hint: "Changing k only moves the block boundaries. One splitter allocates each class to the folds separately.",
            explanation: "Stratified k-fold splits each class across the folds on its own, so every fold keeps the class proportions of the whole data set even when the data is ordered. For classification, especially with imbalance, it is the sensible default (scikit-learn's cross_val_score uses it for classifiers).",
            setup: "task=classification&split=kfold&k=5&shuffle=0&sorted=1&minority=0.2&n=40&seed=1",
            solution: "split=stratified",
            wrong_answer: "k=8",
            seed_pinned_because: None,
        },
        check: stratified_without_shuffling,
    },
    Challenge {
        info: ChallengeInfo {
            id: "cv-why-5-or-10",
            lab: SLUG,
            title: "Why 5 or 10 folds?",
            prompt: "With k = 2 each model trains on half the data. Find a polynomial degree for which that makes k = 2 overestimate the true error by more than 10 % (median over the data sets), then run the k experiment to the end.",
            hint: "Halving the data hurts a model only if it still improves with more data. A very simple model barely does.",
            explanation: "The pessimism of small k is the slope of the learning curve: a flexible model (high degree) gets much worse on half the data, so k = 2 overestimates its error a lot, while a straight line barely notices. k = 5 or 10 trains on 80–90 % of the data, which removes most of the bias at 5 or 10 fits. That is why 5 or 10 folds is the usual advice.",
            setup: "task=regression&degree=1",
            solution: "degree=9",
            wrong_answer: "degree=2",
            seed_pinned_because: None,
        },
        check: small_k_badly_pessimistic,
    },
    Challenge {
        info: ChallengeInfo {
            id: "cv-loo-cost",
            lab: SLUG,
            title: "Leave-one-out at scale",
            prompt: "Leave-one-out on 100 points fits 100 models, each on 99 % of the data. Keep at least 100 points and every point validated, with every model trained on at least 90 % of the data, for at most 10 fits.",
            hint: "A single hold-out split is one fit, but it validates only a few points and measures no spread.",
            explanation: "10-fold CV trains each model on 90 % of the data, close to leave-one-out's 99 %, for 10 fits instead of 100. In the k experiment its estimate has about the same bias and spread as leave-one-out's for this ridge model. Leave-one-out's single-point fold scores swing widely, but that is the spread of single points, not of the estimate.",
            setup: "split=loo&n=100",
            solution: "split=kfold&k=10",
            wrong_answer: "split=holdout&k=10",
            seed_pinned_because: None,
        },
        check: cheap_stand_in_for_leave_one_out,
    },
];
