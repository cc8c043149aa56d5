//! The regularization lab's guided challenges, checked against the live refit.

use super::state::SLUG;
use crate::challenge::{Challenge, ChallengeInfo};

/// What the challenges judge.
#[derive(Clone, Debug, PartialEq)]
pub struct RegSnapshot {
    pub degree: usize,
    pub alpha: f64,
    pub l1_ratio: f64,
    pub nonzero: usize,
    pub train_mse: f64,
    pub validation_mse: f64,
    /// Validation error of the degree-3 model at the same λ and data.
    pub degree3_validation_mse: f64,
    pub validation_r2: f64,
    pub max_abs_coef: f64,
}

fn beat_degree_three(s: &RegSnapshot) -> bool {
    s.degree == 15 && s.validation_mse < s.degree3_validation_mse
}

fn lasso_keeps_three(s: &RegSnapshot) -> bool {
    s.l1_ratio == 1.0 && s.degree >= 8 && s.nonzero == 3
}

fn overfit_on_purpose(s: &RegSnapshot) -> bool {
    s.degree >= 12 && s.alpha == 0.0 && s.validation_mse > 3.0 * s.train_mse
}

fn flatten(s: &RegSnapshot) -> bool {
    s.alpha >= 1.0 && s.max_abs_coef < 0.05 && s.validation_r2 < 0.1
}

pub static CHALLENGES: [Challenge<RegSnapshot>; 4] = [
    Challenge {
        info: ChallengeInfo {
            id: "reg-overfit",
            lab: SLUG,
            title: "Overfit on purpose",
            prompt: "With degree 12 or more and λ = 0, make the validation error more than three times the training error.",
            hint: "Few points make it easier: lower the number of points.",
            explanation: "With no penalty, a high-degree polynomial has enough freedom to pass near every training point, noise included. Training error falls while validation error explodes: the generalization gap is the signature of overfitting.",
            setup: "truth=sine&noise=0.3&n=40&seed=3&degree=15&lambda=0.001&l1=0&std=1&intercept=1",
            solution: "",
            wrong_answer: "",
        },
        check: overfit_on_purpose,
    },
    Challenge {
        info: ChallengeInfo {
            id: "reg-beat-degree-3",
            lab: SLUG,
            title: "Tame degree 15 with λ alone",
            prompt: "At degree 15, get the validation error below the degree-3 model's (same data, same λ) by changing only λ.",
            hint: "Watch the validation curve against λ and move toward its minimum.",
            explanation: "Capacity is not only the number of parameters: the penalty limits how large the coefficients can grow, so a degree-15 model with the right λ behaves like a smooth, lower-capacity one, and can beat a model that is simply too small for the truth.",
            setup: "truth=sine&noise=0.3&n=40&seed=3&degree=15&lambda=0&l1=0&std=1&intercept=1",
            solution: "",
            wrong_answer: "",
        },
        check: beat_degree_three,
    },
    Challenge {
        info: ChallengeInfo {
            id: "reg-lasso-three",
            lab: SLUG,
            title: "Lasso keeps exactly three",
            prompt: "With pure Lasso (L1 ratio 1) and degree 8 or more, find a λ where exactly three coefficients are non-zero.",
            hint: "Read the path: as λ grows, coefficients drop to zero one by one.",
            explanation: "The L1 penalty's corner at zero makes it cheaper to drop a weak feature entirely than to keep it small, so Lasso performs feature selection: the larger λ, the fewer features survive. Ridge (L2) only shrinks, it never zeroes.",
            setup: "truth=cubic&noise=0.2&n=60&seed=3&degree=10&lambda=0.001&l1=1&std=1&intercept=1",
            solution: "",
            wrong_answer: "",
        },
        check: lasso_keeps_three,
    },
    Challenge {
        info: ChallengeInfo {
            id: "reg-flatten",
            lab: SLUG,
            title: "Flatten it",
            prompt: "Make λ so large that every coefficient is below 0.05 in size and the model explains almost none of the validation data (R² below 0.1).",
            hint: "Push λ to the right end of its slider.",
            explanation: "A huge penalty dominates the loss: the cheapest model is all-zero coefficients, a flat line at the mean of y (the unpenalized intercept). That is underfitting from too much regularization.",
            setup: "",
            solution: "",
            wrong_answer: "",
        },
        check: flatten,
    },
];
