//! The lab's guided challenges, checked against the live model's [`Snapshot`].

use super::model::Snapshot;
use super::settings::{ModelKind, SLUG};
use crate::labs::{Challenge, ChallengeInfo};

/// The slow-rate challenge: the rate to use, and the rate (and its number of trees) whose
/// validation loss it must reach.
pub const SLOW_RATE: f64 = 0.05;
pub const FAST_RATE: f64 = 0.5;
pub const FAST_TREES: usize = 4;
/// The instability challenge: the largest share of the map the four resampled fits may disagree on.
pub const CALM_SHARE: f64 = 0.08;

fn best_depth(s: &Snapshot) -> bool {
    s.settings.model == ModelKind::Tree && s.val_error <= s.best_tree_val
}

/// The forest challenge: the fewest trees that count as averaging (its explanation is about
/// averaging many deep trees, so a lucky one-tree "forest" must not meet it).
pub const FOREST_MIN_TREES: usize = 20;

fn forest_beats_tree(s: &Snapshot) -> bool {
    let deep_enough = match (s.settings.max_depth, s.best_tree_depth) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(d), Some(best)) => d >= best,
    };
    s.settings.model == ModelKind::Forest && s.settings.n_trees >= FOREST_MIN_TREES && deep_enough && s.val_error < s.best_tree_val
}

fn slow_rate_catches_up(s: &Snapshot) -> bool {
    s.settings.model == ModelKind::Boosting
        && (s.settings.learning_rate - SLOW_RATE).abs() < 1e-9
        && slow_rate_target(s).is_some_and(|target| s.val_loss <= target)
}

/// The ringed point the slow rate must match: rate 0.5's loss after 4 trees, where that is below
/// rate 0.05's loss after 1 tree. Where it is not (on noisy XOR with deep trees the fast rate
/// overfits from its first tree), there is nothing to catch up with: one slow tree already
/// "matches" it.
pub fn slow_rate_target(s: &Snapshot) -> Option<f64> {
    let target = s.rate_loss(FAST_RATE, FAST_TREES)?;
    s.rate_loss(SLOW_RATE, 1).is_some_and(|first| target < first).then_some(target)
}

fn calm(s: &Snapshot) -> bool {
    !s.settings.is_regression() && s.settings.max_depth.is_none() && s.instability < CALM_SHARE
}

pub static CHALLENGES: [Challenge<Snapshot>; 4] = [
    Challenge {
        info: ChallengeInfo {
            id: "trees-best-depth",
            lab: SLUG,
            title: "Find the best depth",
            prompt: "With one decision tree, pick the maximum depth with the lowest validation error on the depth chart.",
            hint: "Deeper is not better: watch where the validation curve bottoms out, not the training curve, which only falls.",
            explanation: "Training error can only fall as a tree gets deeper, because every extra level splits the training points more finely. Validation error falls while the new splits capture the real boundary, then rises once they start carving out single noisy points. The best depth is at the bottom of that U, and it is chosen on validation data, never on the training error.",
            setup: "data=moons&noise=0.3&size=300&val=0.4&seed=1&model=tree&depth=none",
            solution: "depth=3",
            wrong_answer: "depth=12",
            seed_pinned_because: Some("on an occasional other seed, the unlimited tree is already the best."),
        },
        check: best_depth,
    },
    Challenge {
        info: ChallengeInfo {
            id: "trees-forest-beats-tree",
            lab: SLUG,
            title: "Make a forest beat the best single tree",
            prompt: "Get a random forest of at least 20 trees, each at least as deep as the best single tree (or with no depth limit), below the best single tree's validation error (the dotted line on the depth chart).",
            hint: "Tuning the single tree's depth cannot get below its own best. Switch the model to a random forest and give it enough trees.",
            explanation: "Each deep tree overfits in its own way, because each sees a different bootstrap sample and different random features at each split. Averaging many of them keeps what they agree on, the real boundary, and cancels much of the noise they fitted: lower variance at almost the same bias. That is why a forest of deep trees can beat even the best-tuned single tree.",
            setup: "data=moons&noise=0.2&size=400&val=0.4&seed=3&model=tree&depth=none",
            solution: "model=forest&trees=100",
            wrong_answer: "depth=10",
            seed_pinned_because: None,
        },
        check: forest_beats_tree,
    },
    Challenge {
        info: ChallengeInfo {
            id: "trees-slow-rate",
            lab: SLUG,
            title: "A small learning rate needs more trees",
            prompt: "With learning rate 0.5, boosting gets its validation loss down to the ringed point on the learning-rate chart with just 4 trees. Keep the learning rate at 0.05 and match that loss or beat it. How many trees did it take?",
            hint: "Leave the learning rate at 0.05 and raise the number of trees until the validation loss in the status drops to the target.",
            explanation: "Each tree's contribution is multiplied by the learning rate, so at 0.05 every step is ten times smaller than at 0.5, and it takes many times as many trees to reach the same validation loss. The payoff is a smoother path, and often a lower best loss (shrinkage, Friedman 2001): the small rate stays near its lowest validation loss over many trees, where the large one overshoots and climbs back up quickly. That is the learning rate × number of trees trade-off.",
            setup: "data=moons&noise=0.2&size=400&val=0.4&seed=1&model=boost&depth=2&trees=20&lr=0.05",
            solution: "trees=110",
            wrong_answer: "lr=0.5",
            seed_pinned_because: None,
        },
        check: slow_rate_catches_up,
    },
    Challenge {
        info: ChallengeInfo {
            id: "trees-calm",
            lab: SLUG,
            title: "Calm a deep tree down",
            prompt: "Keep the depth unlimited and make the four fits on bootstrap resamples disagree on less than 8 % of the map.",
            hint: "A single tree ignores the number of trees. Which model averages many deep trees?",
            explanation: "A fully grown tree follows every point, so a resample that drops or repeats a few points reshapes it. A random forest averages many such trees: the quirks of each resample average out, so forests fitted to different resamples usually agree on far more of the map than single deep trees do (on this set-up's points they disagree on less than half as much of it; not on every seed, and some disagreement always remains: a forest still depends on its data). Bagging reduces variance without limiting depth.",
            setup: "data=moons&noise=0.2&size=400&val=0.4&seed=1&model=tree&depth=none",
            solution: "model=forest&trees=100",
            wrong_answer: "trees=300",
            seed_pinned_because: None,
        },
        check: calm,
    },
];
