//! The lab's guided challenges, checked against the live model's [`Snapshot`].

use super::model::{Snapshot, Verdict};
use crate::datasets::curve::Truth;
use super::SLUG;
use crate::labs::{Challenge, ChallengeInfo};

fn overfit_on_purpose(s: &Snapshot) -> bool {
    s.degree >= 12 && s.lambda == 0.0 && s.validation_mse > 3.0 * s.train_mse
}

/// On the step (the prompt's truth) with Ridge, as set up: "by changing only λ".
/// The set-up's points ("by changing only λ"): on other seeds λ = 0 already beats the cubic on
/// some, and no λ does on others.
const TAME_POINTS: (u64, usize, f64) = (3, 40, 0.3);

fn beat_degree_three(s: &Snapshot) -> bool {
    (s.seed, s.n_points, s.noise) == TAME_POINTS && s.truth == Truth::Step && s.l1_ratio == 0.0 && s.degree == 15 && s.validation_mse < s.reference_validation_mse
}

fn lasso_selects(s: &Snapshot) -> bool {
    s.degree >= 8 && 2 * s.nonzero <= s.degree && s.verdict == Verdict::GoodFit
}

fn flatten_with_least_penalty(s: &Snapshot) -> bool {
    s.nonzero == 0 && s.alpha_max.is_finite() && s.lambda <= 2.0 * s.alpha_max
}

pub static CHALLENGES: [Challenge<Snapshot>; 4] = [
    Challenge {
        info: ChallengeInfo {
            id: "reg-overfit",
            lab: SLUG,
            title: "Overfit on purpose",
            prompt: "With degree 12 or more and λ = 0, make the validation error more than three times the training error.",
            hint: "Removing the penalty is usually not enough with 200 points: overfitting depends on capacity relative to the data. Lower the number of points.",
            explanation: "With no penalty, a high-degree polynomial can pass near every training point, noise included, but only when the points are few compared with its parameters (16 at degree 15): with 200 points the noise usually averages out. With few points the training error falls while the validation error explodes: that generalization gap is the signature of overfitting.",
            setup: "truth=sine&noise=0.3&n=200&seed=3&degree=15&lambda=0.001&l1=0&std=1&intercept=1",
            solution: "lambda=0&n=20",
            wrong_answer: "lambda=0",
            seed_pinned_because: Some("on an occasional other sample, even the set-up's 200 points overfit that much at λ = 0, so fewer points would not be needed."),
        },
        check: overfit_on_purpose,
    },
    Challenge {
        info: ChallengeInfo {
            id: "reg-beat-degree-3",
            lab: SLUG,
            title: "Tame degree 15 with λ alone",
            prompt: "The truth is a step, with the set-up's 40 points (seed 3). At degree 15, get the validation error below the best the degree-3 model reaches on the same points over the λ chart's grid (its dashed line), by changing only λ.",
            hint: "Watch the validation curve against λ and move your λ toward its minimum. The far right end flattens the model.",
            explanation: "A cubic cannot follow a jump however it is tuned: even its best is biased. With λ = 0, degree 15 follows the noise. The penalty limits how large its coefficients can grow: the right λ calms the wiggles while keeping enough flexibility that, on most samples, it gets closer to the jump than a cubic (less bias: compare the dotted lines), and on this split it beats the best cubic. No polynomial reaches a step, though, and the verdict still shows some bias.",
            setup: "truth=step&noise=0.3&n=40&seed=3&degree=15&lambda=0&l1=0&std=1&intercept=1",
            solution: "lambda=0.0007",
            wrong_answer: "lambda=100",
            seed_pinned_because: None,
        },
        check: beat_degree_three,
    },
    Challenge {
        info: ChallengeInfo {
            id: "reg-lasso-select",
            lab: SLUG,
            title: "Lasso drops half the features",
            prompt: "At degree 8 or more, make at least half of the coefficients exactly zero while the verdict still says Good fit.",
            hint: "Ridge (L1 ratio 0) only shrinks. Switch to Lasso (L1 ratio 1) and raise λ step by step, watching the verdict: push too far and the model underfits.",
            explanation: "The L1 penalty's corner at zero makes it cheaper to drop a weak feature entirely than to keep it small, so Lasso selects features: the larger λ, the fewer survive. The truth needs only x and x³, so a moderate λ removes most powers at little cost; a large λ also shrinks the ones that matter and the model underfits. Ridge (L2) only shrinks, it never zeroes.",
            setup: "truth=cubic&noise=0.2&n=60&seed=3&degree=10&lambda=0.001&l1=0&std=1&intercept=1",
            solution: "l1=1&lambda=0.01",
            wrong_answer: "l1=1&lambda=0.1",
            seed_pinned_because: None,
        },
        check: lasso_selects,
    },
    Challenge {
        info: ChallengeInfo {
            id: "reg-flatten",
            lab: SLUG,
            title: "Flatten it with the least penalty",
            prompt: "Make every coefficient exactly zero (the model a flat line), with λ at most twice the smallest λ that does it.",
            hint: "Ridge (L1 ratio 0) never sets a coefficient exactly to zero, however large λ. With an L1 part, every coefficient is zero from a finite λ on, marked on the path chart: go just past it.",
            explanation: "With an L1 part (ρ > 0), a coefficient stays at zero while the penalty's pull λρ outweighs its feature's correlation with the residual, so from λ_max = max|zⱼᵀy|/(nρ) on every coefficient is zero and the model is a flat line (at the training mean, with an intercept): underfitting from too much regularization. Ridge's penalty has no corner at zero; it shrinks coefficients toward zero but never reaches it.",
            setup: "truth=sine&noise=0.3&n=40&seed=3&degree=12&lambda=0.001&l1=0&std=1&intercept=1",
            solution: "l1=1&lambda=0.6",
            wrong_answer: "lambda=100",
            seed_pinned_because: None,
        },
        check: flatten_with_least_penalty,
    },
];
