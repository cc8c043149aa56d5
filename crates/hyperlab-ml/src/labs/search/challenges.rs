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

/// Whether grid search spends the whole budget: only an r × r budget is a fair comparison, since
/// otherwise the grid uses the largest r × r that fits and random search gets more trials.
pub fn is_square(budget: usize) -> bool {
    let r = (budget as f64).sqrt().round() as usize;
    r * r == budget
}

pub fn random_beats_grid(s: &SearchSnapshot) -> bool {
    s.problem == ProblemKind::Land(Landscape::OneKnob) && s.seed == UNLUCKY_SEED && is_square(s.budget) && s.best[1] < s.best[0]
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

/// Seeds (of the 20) on which TPE must end lower than random search.
pub const TPE_WINS: usize = 15;
/// How many times its sequential median regret Bayesian optimization must reach with parallel
/// workers (Branin, 20 trials).
pub const PARALLEL_RATIO: f64 = 10.0;

pub fn tpe_beats_random(s: &SearchSnapshot) -> bool {
    s.problem == ProblemKind::Land(Landscape::Branin) && s.tpe_wins.is_some_and(|w| w >= TPE_WINS)
}

pub fn parallel_costs_bayes(s: &SearchSnapshot) -> bool {
    s.problem == ProblemKind::Land(Landscape::Branin) && s.budget == TUNED_BUDGET && s.parallel_ratio.is_some_and(|r| r >= PARALLEL_RATIO)
}

pub fn gradient_beats_grid(s: &SearchSnapshot) -> bool {
    s.gd.is_some_and(|g| {
        g.degree == super::gradient::DEGREES[0] && g.start == super::Start::High && match (g.gd_hit, g.grid_hit) {
            (Some(a), Some(b)) => a < b,
            (Some(_), None) => true,
            _ => false,
        }
    })
}

pub static CHALLENGES: [Challenge<SearchSnapshot>; 7] = [
    Challenge {
        info: ChallengeInfo {
            id: "search-random-beats-grid",
            lab: SLUG,
            title: "Random beats grid",
            prompt: "On “Only one knob matters”, seed 6 is one of the seeds (about 1 in 5) where random search loses to the 4 × 4 grid at 16 trials. Keep seed 6 and find a budget that is a perfect square (r × r, so that both spend exactly the same number of trials) at which random search ends lower than grid search.",
            hint: "Other budgets do not count: the grid uses the largest r × r grid that fits, so at 20 trials it runs 16 while random search runs 20. Look at the ticks under each panel: a grid of r × r trials tries only r values of x, at places fixed by r, while random search tries a new value of x every trial. Not every square budget works: some grid sizes happen to put a value of x in the narrow valley.",
            explanation: "With r × r trials, the same for both, random search tries r² values of x and the grid only r, at places fixed by r. Whether one of the grid's few values lands in the narrow valley is luck of alignment: the 5 × 5 grid misses it and ends even worse than the 4 × 4 grid did, while the 6 × 6 grid happens to hit it. Over seeds 1–20, random search ends lower than grid search on at least 17 of the 20 seeds at every square budget from 9 to 49 trials: when only a few knobs matter (the usual case, Bergstra & Bengio 2012), random search tries more values of the important ones for the same budget.",
            setup: "problem=oneknob&budget=16&seed=6",
            solution: "budget=25",
            wrong_answer: "budget=36",
            seed_pinned_because: None,
        },
        check: random_beats_grid,
    },
    Challenge {
        info: ChallengeInfo {
            id: "search-ucb-explores",
            lab: SLUG,
            title: "Explore the unexplored corner",
            prompt: "On “Four wells” with the lower confidence bound (LCB — UCB's form for minimizing) acquisition, pick a κ that sends at least 4 of Bayesian optimization's model-chosen trials into unexplored territory (at least 0.2 of the square's side from every earlier trial).",
            hint: "κ = 0 trusts the surrogate's mean and digs where it already found low values. Raise κ well above 1, so that uncertain, unsampled regions can score higher than the known basin; the number of exploring trials does not rise steadily with κ, so try a few values. The Bayesian panel counts the exploring trials.",
            explanation: "The lower confidence bound mean − κ·σ rewards uncertainty: with κ near 0 the search digs where its mean is already low; a larger κ sends trials where σ is large, into parts of the square nobody has sampled (the surrogate's σ at the chosen points rises with κ). Exploring is not the same as winning: on Four wells with 25 trials, κ = 5 ends no lower than κ = 0 on most seeds. How much to explore is the exploration–exploitation trade-off.",
            setup: "problem=wells&budget=25&acq=ucb&kappa=0&seed=2",
            solution: "kappa=5",
            wrong_answer: "kappa=1",
            seed_pinned_because: Some("on 4 of seeds 1–40 even κ = 1, which explores too little, sends 4 trials into unexplored territory by luck."),
        },
        check: ucb_explores,
    },
    Challenge {
        info: ChallengeInfo {
            id: "search-bayes-faster",
            lab: SLUG,
            title: "Fewer trials than random",
            prompt: "On Branin, make Bayesian optimization come within 0.35 of the minimum 0.398 (1 % of the gap between a typical value and the minimum) in fewer trials than random search.",
            hint: "With 16 of 20 trials spent on the initial space-filling design, the model has no time to work. More initial points usually do not help: they are chosen without the model too. Fewer leave more trials for the model.",
            explanation: "Bayesian optimization spends computation to save trials: a surrogate fitted to every result so far predicts where the optimum is and how unsure it is, and the acquisition function turns that into the next trial. With 4 initial points it comes within 0.35 of Branin's minimum within 20 trials on each of seeds 1–4, which random search does not. When each trial is a training run, that trade is worth it.",
            setup: "problem=branin&budget=20&acq=ei&init=16&seed=1",
            solution: "init=4",
            wrong_answer: "init=20",
            seed_pinned_because: Some("on some seeds random search is slow enough for the set-up itself to win."),
        },
        check: bayes_reaches_target_first,
    },
    Challenge {
        info: ChallengeInfo {
            id: "search-tune-the-tuner",
            lab: SLUG,
            title: "Tune the tuner, over 20 seeds",
            prompt: "On Branin with 20 trials, change Bayesian optimization's own settings so that its median final value over the 20-seed race is below 0.45 (Branin's minimum is 0.398). Press “Race 20 seeds” to check: one lucky seed does not count.",
            hint: "With the defaults the median is above 0.45. Branin is a smooth valley the surrogate learns quickly: does a 20-trial search need more exploration or less? Try the lower confidence bound (LCB — UCB's form for minimizing) and think about κ before moving it.",
            explanation: "Branin is smooth, so after a few trials the Gaussian process predicts it well and trusting its mean (a small κ) finishes the job within 20 trials; a large κ keeps spending trials on uncertain corners instead. The search's own hyperparameters matter, and the right amount of exploration depends on the problem and the budget. Judge them over many seeds: one run can be lucky, and grid search, with no randomness, gives the same result for every seed.",
            setup: "problem=branin&budget=20",
            solution: "acq=ucb&kappa=0.5",
            wrong_answer: "acq=ucb&kappa=5",
            seed_pinned_because: None,
        },
        check: tuned_median,
    },
    Challenge {
        info: ChallengeInfo {
            id: "search-tpe-beats-random",
            lab: SLUG,
            title: "When TPE pays off",
            prompt: "On Branin, change the budget so that TPE ends lower than random search on at least 15 of the 20 seeds of the race. Press “Race 20 seeds” to check.",
            hint: "TPE's first 10 trials are random search's first 10 trials, point for point (Optuna's n_startup_trials). With 12 trials it has had only 2 chances to use what it learned.",
            explanation: "TPE only starts using results after its random start-up trials, and its good group holds only ⌈10 %⌉ of the trials, so it needs a budget well beyond those 10 trials to pay off: on Branin, seeds 1–20, it ends lower than random search on 2 seeds with 12 trials, 8 with 20, 14 with 30 and 16 with 40. Its advantage is cost: a proposal evaluates two densities at 24 candidates instead of fitting a Gaussian process.",
            setup: "problem=branin&budget=12&seed=1",
            solution: "budget=40",
            wrong_answer: "budget=20",
            seed_pinned_because: None,
        },
        check: tpe_beats_random,
    },
    Challenge {
        info: ChallengeInfo {
            id: "search-parallel-cost",
            lab: SLUG,
            title: "What parallel workers cost",
            prompt: "On Branin with 20 trials, find a number of parallel workers at which Bayesian optimization's median regret over 20 seeds is at least 10 times its sequential (1-worker) median. Run the parallel experiment to check.",
            hint: "Each round proposes k trials before any of their results comes back. The fewer results each proposal has seen, the less the model helps.",
            explanation: "With 8 workers, 20 trials are 3 rounds: most of Bayesian optimization's proposals are made knowing only the first results, and its median regret on Branin is more than 10 times its sequential one, while random search's is unchanged. More workers finish sooner in rounds, but a model-based search gets less out of each trial — which is why SageMaker recommends random search for many parallel jobs and warns that Bayesian optimization does not scale well.",
            setup: "problem=branin&budget=20&workers=1&seed=1",
            solution: "workers=8",
            wrong_answer: "workers=2",
            seed_pinned_because: None,
        },
        check: parallel_costs_bayes,
    },
    Challenge {
        info: ChallengeInfo {
            id: "search-gradient-beats-grid",
            lab: SLUG,
            title: "Walk down the validation curve",
            prompt: "In the gradient-based tuning view (degree 5, starting at λ = 10), choose a step size η with which gradient descent reaches the curve's minimum (within 1 % of the curve's range) in fewer cross-validations than grid search.",
            hint: "With a small η each step moves ln λ by a small fraction of the slope and the walk crawls. Too large and the first step jumps past the valley onto the flat part on the left, where the slope is almost zero.",
            explanation: "The curve has one valley, and at η = 100 the first step from λ = 10 lands right next to its bottom: 2 cross-validations against grid search's 7. Each step needs only one cross-validation and one extra linear solve for the exact slope. But the step size is a hyperparameter of its own: on degree 12 started at the smallest λ, η = 60 settles in a dip that is not the lowest, while η = 150 reaches the lowest.",
            setup: "gdeg=5&gstart=high&gstep=10",
            solution: "gstep=100",
            wrong_answer: "gstep=300",
            seed_pinned_because: None,
        },
        check: gradient_beats_grid,
    },
];
