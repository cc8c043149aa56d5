//! The search lab's guided challenges, checked against the finished searches.

use super::runs::SearchSnapshot;
use super::{AcquisitionChoice, ProblemKind, SLUG};
use crate::labs::{Challenge, ChallengeInfo};
use crate::search::Landscape;

pub fn random_beats_grid(s: &SearchSnapshot) -> bool {
    s.problem == ProblemKind::Land(Landscape::OneKnob) && s.budget == 16 && s.best[1] < s.best[0]
}

pub fn ucb_explores(s: &SearchSnapshot) -> bool {
    s.problem == ProblemKind::Land(Landscape::Wells) && s.acquisition == AcquisitionChoice::ConfidenceBound && s.bayes_exploratory_trials >= 4
}

pub fn bayes_reaches_target_first(s: &SearchSnapshot) -> bool {
    s.problem == ProblemKind::Land(Landscape::Branin) && match (s.hits[2], s.hits[1]) {
        (Some(b), Some(r)) => b < r,
        (Some(_), None) => true,
        _ => false,
    }
}

pub fn many_seeds_bayes_wins(s: &SearchSnapshot) -> bool {
    s.problem == ProblemKind::Land(Landscape::Branin) && s.many_medians.is_some_and(|m| m[2] < m[1] && m[2] < m[0])
}

pub static CHALLENGES: [Challenge<SearchSnapshot>; 4] = [
    Challenge {
        info: ChallengeInfo {
            id: "search-random-beats-grid",
            lab: SLUG,
            title: "Random beats grid",
            prompt: "On “Only one knob matters” with a budget of 16 trials, find a seed where random search ends with a lower value than grid search.",
            hint: "Look at the tick marks under each panel: how many distinct values of x does the 4 × 4 grid try? Change the seed until a random trial lands in the narrow valley.",
            explanation: "16 grid trials spend 4 values on each knob; 16 random trials try 16 different values of the knob that matters. When only a few knobs matter (the usual case, Bergstra & Bengio 2012), random search explores the important ones far more densely for the same budget.",
            setup: "problem=oneknob&budget=16&seed=6",
            solution: "",
            wrong_answer: "",
        },
        check: random_beats_grid,
    },
    Challenge {
        info: ChallengeInfo {
            id: "search-ucb-explores",
            lab: SLUG,
            title: "Explore the unexplored corner",
            prompt: "On “Four wells” with the confidence-bound (UCB) acquisition, pick a κ that sends at least 4 of Bayesian optimization's model-chosen trials into unexplored territory (at least 0.2 of the square's side from every earlier trial).",
            hint: "κ = 0 trusts the surrogate's mean and digs where it already found low values. Raise κ so unexplored, uncertain regions look promising; the Bayesian panel counts the exploring trials.",
            explanation: "The confidence bound mean − κ·σ rewards uncertainty.",
            setup: "problem=wells&budget=25&acq=ucb&kappa=0&seed=2",
            solution: "",
            wrong_answer: "",
        },
        check: ucb_explores,
    },
    Challenge {
        info: ChallengeInfo {
            id: "search-bayes-faster",
            lab: SLUG,
            title: "Fewer trials than random",
            prompt: "On Branin, make Bayesian optimization come within 1 % of the minimum (1 % of the gap between a typical value and the minimum) in fewer trials than random search.",
            hint: "With 16 of 20 trials spent on the initial random design, the model has no time to work. Fewer initial points leave more trials for the model.",
            explanation: "Bayesian optimization spends computation to save trials.",
            setup: "problem=branin&budget=20&acq=ei&init=16&seed=1",
            solution: "",
            wrong_answer: "",
        },
        check: bayes_reaches_target_first,
    },
    Challenge {
        info: ChallengeInfo {
            id: "search-many-seeds",
            lab: SLUG,
            title: "Not just a lucky seed",
            prompt: "On Branin, run the 20-seed race and get a median final value for Bayesian optimization below both grid and random search.",
            hint: "Press “Race 20 seeds” under the race chart and wait for the progress bar.",
            explanation: "One run can be lucky.",
            setup: "problem=branin&budget=30",
            solution: "",
            wrong_answer: "",
        },
        check: many_seeds_bayes_wins,
    },
];
