//! The regularization lab's knobs (its URL schema), presets, and the live state its challenges
//! check.

use crate::components::presets::Preset;
use hyperlab_ml::params::{Kind, ParamSpec, Scale};

pub const SLUG: &str = "regularization";

pub const TRUTHS: &[(&str, &str)] = &[("sine", "Sine wave"), ("cubic", "Cubic"), ("step", "Step")];

pub static SCHEMA: [ParamSpec; 9] = [
    ParamSpec { key: "truth", label: "Ground truth", unit: "", hyper: false,
        help: "The function the noisy points are drawn from.",
        kind: Kind::Choice { options: TRUTHS, default: 0 } },
    ParamSpec { key: "noise", label: "Noise", unit: "σ", hyper: false,
        help: "Standard deviation of the noise added to each point.",
        kind: Kind::Float { min: 0.0, max: 1.0, default: 0.3, scale: Scale::Linear, step: 0.05, zero: false } },
    ParamSpec { key: "n", label: "Points", unit: "", hyper: false,
        help: "How many points; 30 % of them are held out for validation.",
        kind: Kind::Int { min: 10, max: 200, default: 40 } },
    ParamSpec { key: "seed", label: "Data seed", unit: "", hyper: false,
        help: "Which random sample of points (and which are held out).",
        kind: Kind::Int { min: 0, max: 9999, default: 3 } },
    ParamSpec { key: "degree", label: "Polynomial degree", unit: "", hyper: true,
        help: "Capacity: the model is a polynomial of this degree (features x, x², …).",
        kind: Kind::Int { min: 1, max: 15, default: 12 } },
    ParamSpec { key: "lambda", label: "Regularization strength", unit: "λ", hyper: true,
        help: "How hard large coefficients are penalized; 0 turns the penalty off.",
        kind: Kind::Float { min: 1e-5, max: 100.0, default: 1e-3, scale: Scale::Log, step: 0.0, zero: true } },
    ParamSpec { key: "l1", label: "L1 ratio", unit: "ρ", hyper: true,
        help: "Mix of the penalties: 0 is Ridge (L2), 1 is Lasso (L1), between is elastic net.",
        kind: Kind::Float { min: 0.0, max: 1.0, default: 0.0, scale: Scale::Linear, step: 0.05, zero: false } },
    ParamSpec { key: "std", label: "Standardize features", unit: "", hyper: true,
        help: "Rescale each feature to mean 0, variance 1 (fitted on the training points only).",
        kind: Kind::Bool { default: true } },
    ParamSpec { key: "intercept", label: "Fit intercept", unit: "", hyper: true,
        help: "Learn an unpenalized constant term.",
        kind: Kind::Bool { default: true } },
];


pub const PRESETS: &[Preset] = &[
    Preset {
        name: "Ridge is a good default",
        claim: "A high-degree model with a little L2 penalty fits the sine well: every coefficient shrinks, none is dropped.",
        query: "truth=sine&noise=0.3&n=40&seed=3&degree=12&lambda=0.001&l1=0&std=1&intercept=1",
    },
    Preset {
        name: "λ = 0 overfits a degree-15 model",
        claim: "With no penalty, 15 degrees of freedom chase the noise: training error near zero, validation error huge.",
        query: "truth=sine&noise=0.3&n=30&seed=3&degree=15&lambda=0&l1=0&std=1&intercept=1",
    },
    Preset {
        name: "Huge λ flattens it",
        claim: "A very strong penalty pushes every coefficient to zero: the model is a flat line at the mean (underfitting).",
        query: "truth=sine&noise=0.3&n=40&seed=3&degree=15&lambda=100&l1=0&std=1&intercept=1",
    },
    Preset {
        name: "Useless features → Lasso",
        claim: "The truth is a cubic, so most powers of x are useless. Lasso (L1) sets most coefficients exactly to zero: feature selection. Which few survive depends on how correlated the features are, not only on the truth.",
        query: "truth=cubic&noise=0.2&n=60&seed=3&degree=15&lambda=0.003&l1=1&std=1&intercept=1",
    },
    Preset {
        name: "More features than examples → elastic net",
        claim: "15 correlated features but only 8 training points: elastic net keeps groups of correlated features together and stays stable.",
        query: "truth=sine&noise=0.2&n=12&seed=3&degree=15&lambda=0.01&l1=0.5&std=1&intercept=1",
    },
    Preset {
        name: "Unscaled features make the penalty unfair",
        claim: "On x in [-1, 1], x¹⁰ is tiny, so it needs a huge coefficient and the penalty hits it hardest. Standardize and the same λ treats every feature alike.",
        query: "truth=sine&noise=0.3&n=40&seed=3&degree=10&lambda=0.01&l1=0&std=0&intercept=1",
    },
];
