//! The search lab's guided challenges, checked against the finished searches. Each one's
//! set-up, scripted solution and usual wrong answer are proven in `tests/lessons_search.rs`.

use super::runs::SearchSnapshot;
use super::{AcquisitionChoice, ProblemKind, SLUG};
use crate::labs::{Challenge, ChallengeInfo};
use crate::search::Landscape;

/// The seed at which random search loses to the 4 × 4 grid on the one-knob landscape.
pub const UNLUCKY_SEED: u64 = 6;
/// Exploring trials the UCB challenge asks for.
pub const EXPLORING_TRIALS: usize = 4;
/// The 20-seed median Bayesian optimization must beat on Branin with 20 trials (its minimum is
/// 0.398).
pub const TUNED_MEDIAN: f64 = 0.45;
pub const TUNED_BUDGET: usize = 20;

pub fn random_beats_grid(s: &SearchSnapshot) -> bool {
    s.problem == ProblemKind::Land(Landscape::OneKnob) && s.seed == UNLUCKY_SEED && s.best[1] < s.best[0]
}

pub fn ucb_explores(s: &SearchSnapshot) -> bool {
    s.problem == ProblemKind::Land(Landscape::Wells) && s.acquisition == AcquisitionChoice::ConfidenceBound && s.bayes_exploratory_trials >= EXPLORING_TRIALS
}

pub fn bayes_reaches_target_first(s: &SearchSnapshot) -> bool {
    s.problem == ProblemKind::Land(Landscape::Branin) && match (s.hits[2], s.hits[1]) {
        (Some(b), Some(r)) => b < r,
        (Some(_), None) => true,
        _ => false,
    }
}

pub fn tuned_median(s: &SearchSnapshot) -> bool {
    s.problem == ProblemKind::Land(Landscape::Branin) && s.budget == TUNED_BUDGET && s.many_medians.is_some_and(|m| m[2] < TUNED_MEDIAN)
}

pub static CHALLENGES: [Challenge<SearchSnapshot>; 4] = [
    Challenge {
        info: ChallengeInfo {
            id: "search-random-beats-grid",
            lab: SLUG,
            title: "Random beats grid",
            prompt: "On “Only one knob matters”, seed 6 is a rare seed where random search loses to the 4 × 4 grid at 16 trials. Keep seed 6 and find a budget, the same for both, at which random search ends lower than grid search.",
            hint: "Look at the ticks under each panel: a grid of r × r trials tries only r values of x, at places fixed by r, while random search tries a new value of x every trial. Not every bigger budget works: some grid sizes happen to put a value of x in the narrow valley.",
            explanation: "With 25 trials random search tries 25 values of x; the 5 × 5 grid tries 5, none of them in the narrow valley, so it ends even worse than the 4 × 4 grid did. Whether a grid's few values land in the valley is luck of alignment (the 6 × 6 grid happens to hit it). Over seeds 1–20, random search ends lower than grid search on at least 17 of the 20 seeds at every budget from 9 to 60 trials: when only a few knobs matter (the usual case, Bergstra & Bengio 2012), random search tries more values of the important ones for the same budget.",
            setup: "problem=oneknob&budget=16&seed=6",
            solution: "budget=25",
            wrong_answer: "budget=36",
        },
        check: random_beats_grid,
    },
    Challenge {
        info: ChallengeInfo {
            id: "search-ucb-explores",
            lab: SLUG,
            title: "Explore the unexplored corner",
            prompt: "On “Four wells” with the confidence-bound (UCB) acquisition, pick a κ that sends at least 4 of Bayesian optimization's model-chosen trials into unexplored territory (at least 0.2 of the square's side from every earlier trial).",
            hint: "κ = 0 trusts the surrogate's mean and digs where it already found low values. A small raise is not enough: make κ large enough that uncertain, unsampled regions score higher than the known basin. The Bayesian panel counts the exploring trials.",
            explanation: "The confidence bound mean − κ·σ rewards uncertainty: with κ near 0 the search digs where its mean is already low; a larger κ sends trials where σ is large, into parts of the square nobody has sampled (the surrogate's σ at the chosen points rises with κ). Exploring is not the same as winning: on Four wells with 25 trials, κ = 5 ends no lower than κ = 0 on most seeds. How much to explore is the exploration–exploitation trade-off.",
            setup: "problem=wells&budget=25&acq=ucb&kappa=0&seed=2",
            solution: "kappa=5",
            wrong_answer: "kappa=1",
        },
        check: ucb_explores,
    },
    Challenge {
        info: ChallengeInfo {
            id: "search-bayes-faster",
            lab: SLUG,
            title: "Fewer trials than random",
            prompt: "On Branin, make Bayesian optimization come within 1 % of the minimum (1 % of the gap between a typical value and the minimum) in fewer trials than random search.",
            hint: "With 16 of 20 trials spent on the initial space-filling design, the model has no time to work. More initial points do not help: they are chosen without the model too. Fewer leave more trials for the model.",
            explanation: "Bayesian optimization spends computation to save trials: a surrogate fitted to every result so far predicts where the optimum is and how unsure it is, and the acquisition function turns that into the next trial. With 4 initial points it comes within 1 % of Branin's minimum within 20 trials on each of seeds 1–4, which random search does not. When each trial is a training run, that trade is worth it.",
            setup: "problem=branin&budget=20&acq=ei&init=16&seed=1",
            solution: "init=4",
            wrong_answer: "init=20",
        },
        check: bayes_reaches_target_first,
    },
    Challenge {
        info: ChallengeInfo {
            id: "search-tune-the-tuner",
            lab: SLUG,
            title: "Tune the tuner, over 20 seeds",
            prompt: "On Branin with 20 trials, change Bayesian optimization's own settings so that its median final value over the 20-seed race is below 0.45 (Branin's minimum is 0.398). Press “Race 20 seeds” to check: one lucky seed does not count.",
            hint: "With the defaults the median is above 0.45. Branin is a smooth valley the surrogate learns quickly: does a 20-trial search need more exploration or less? Try the confidence bound (UCB) and think about κ before moving it.",
            explanation: "Branin is smooth, so after a few trials the Gaussian process predicts it well and trusting its mean (a small κ) finishes the job within 20 trials; a large κ keeps spending trials on uncertain corners instead. The search's own hyperparameters matter, and the right amount of exploration depends on the problem and the budget. Judge them over many seeds: one run can be lucky, and grid search, with no randomness, gives the same result for every seed.",
            setup: "problem=branin&budget=20",
            solution: "acq=ucb&kappa=0.5",
            wrong_answer: "acq=ucb&kappa=5",
        },
        check: tuned_median,
    },
];
