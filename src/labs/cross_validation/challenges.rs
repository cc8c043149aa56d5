//! The cross-validation lab's guided challenges, checked against the live folds.

use super::state::{CvSnapshot, SLUG};
use crate::challenge::{Challenge, ChallengeInfo};
use hyperlab_ml::cv::Splitter;

fn starved_fold(s: &CvSnapshot) -> bool {
    s.classification && s.sorted && s.minority_per_fold.contains(&0)
}

fn stratified_without_shuffling(s: &CvSnapshot) -> bool {
    let (Some(lo), Some(hi)) = (s.minority_per_fold.iter().min(), s.minority_per_fold.iter().max()) else { return false };
    s.classification
        && s.sorted
        && !s.shuffle
        && matches!(s.splitter, Splitter::StratifiedKFold { .. })
        && s.minority_per_fold.len() >= 3
        && hi - lo <= 1
}

fn ran_the_experiment(s: &CvSnapshot) -> bool {
    s.experiment_spread.len() >= 3
}

fn leave_one_out_cost(s: &CvSnapshot) -> bool {
    matches!(s.splitter, Splitter::LeaveOneOut) && s.n >= 100
}

pub static CHALLENGES: [Challenge<CvSnapshot>; 4] = [
    Challenge {
        info: ChallengeInfo {
            id: "cv-sorted-trap",
            lab: SLUG,
            title: "The sorted-data trap",
            prompt: "Classification with data that arrives sorted by class: find settings where at least one validation fold contains no minority-class sample at all.",
            hint: "Turn shuffling off and use plain k-fold: the folds become consecutive blocks of the data.",
            explanation: "Without shuffling, k-fold cuts the data into consecutive blocks. If the data is sorted, whole folds hold one class only, so their models never see the other class or are never tested on it, and the fold scores swing wildly. Shuffle, or better, stratify.",
            setup: "task=classification&split=kfold&k=5&shuffle=1&sorted=1&minority=0.2&n=40&seed=1",
            solution: "",
            wrong_answer: "",
        },
        check: starved_fold,
    },
    Challenge {
        info: ChallengeInfo {
            id: "cv-stratify",
            lab: SLUG,
            title: "Fair folds without shuffling",
            prompt: "Keep the data sorted and shuffling off, but make every validation fold (at least 3) hold the same number of minority-class samples, give or take one.",
            hint: "One splitter allocates each class to the folds separately.",
            explanation: "Stratified k-fold splits each class across the folds on its own, so every fold keeps the class proportions of the whole data set even when the data is ordered. For classification, especially with imbalance, it is the sensible default (scikit-learn's cross_val_score uses it for classifiers).",
            setup: "task=classification&split=kfold&k=5&shuffle=0&sorted=1&minority=0.2&n=40&seed=1",
            solution: "",
            wrong_answer: "",
        },
        check: stratified_without_shuffling,
    },
    Challenge {
        info: ChallengeInfo {
            id: "cv-why-5-or-10",
            lab: SLUG,
            title: "Why 5 or 10 folds?",
            prompt: "Run the k-comparison experiment to the end and compare the bias, spread and cost of k = 2, 5 and 10.",
            hint: "Press “Run the experiment” and wait for the progress bar to fill.",
            explanation: "With k = 2 each model trains on half the data, so the estimate is pessimistic (positive bias). Going to 5 or 10 folds removes most of that bias; beyond that, the estimate barely gets steadier while the number of fits keeps growing with k. That is why 5 or 10 folds is the usual advice.",
            setup: "",
            solution: "",
            wrong_answer: "",
        },
        check: ran_the_experiment,
    },
    Challenge {
        info: ChallengeInfo {
            id: "cv-loo-cost",
            lab: SLUG,
            title: "Leave-one-out at scale",
            prompt: "Use leave-one-out on 100 or more points and look at the grid and the spread of the split scores.",
            hint: "Pick “Leave-one-out” as the splitter and raise the number of points.",
            explanation: "Leave-one-out fits one model per sample: n fits, so its cost grows with the data. Each validation fold is a single point, so single scores vary enormously even though their mean is nearly unbiased. 5- or 10-fold CV gives almost the same estimate at a fraction of the cost.",
            setup: "split=loo&n=100",
            solution: "",
            wrong_answer: "",
        },
        check: leave_one_out_cost,
    },
];
