//! The regularization lab's native side: its URL schema and typed settings, the model its views
//! draw (the refit plus a diagnosis against the known truth), the texts chosen from that model,
//! its presets and its challenges. The app only wires signals to these and draws them.

mod challenges;
mod model;
mod presets;
pub mod refit;
mod settings;
mod texts;

pub use challenges::CHALLENGES;
pub use model::{judge, mean_squared_gap, run_query, variance, Diagnosis, Model, Snapshot, Verdict, GOOD_FIT_FLOOR, GOOD_FIT_SHARE_OF_NOISE, GOOD_FIT_SHARE_OF_TRUTH};
pub use presets::{Preset, PRESETS};
pub use settings::{Penalty, Settings, DEGREE_MAX, LAMBDA_MAX, LAMBDA_MIN, NOISE_MAX, POINTS_MAX, POINTS_MIN, SCHEMA, SEED_MAX, TRUTHS, VALIDATION_FRACTION};
pub use texts::*;

pub const SLUG: &str = "regularization";

/// How the site lists this lab (home page, header, page title, static pages).
use crate::labs::catalogue::view;

pub const META: crate::labs::catalogue::LabMeta = crate::labs::catalogue::LabMeta {
    slug: SLUG,
    title: "Regularization",
    promise: "Turn λ and the L1/L2 mix and watch a polynomial go from overfitting to underfitting.",
    description: "Ridge, Lasso and elastic net on polynomial regression, matching scikit-learn: the fitted curve, coefficients with Lasso's exact zeros, the regularization path, and validation curves against λ and degree.",
    concepts: &["L1 / Lasso", "L2 / Ridge", "elastic net", "capacity", "underfitting vs overfitting", "feature scaling"],
    // The primary view first; ids are the `views=` names of an embed.
    views: &[
        view("fit", "Fitted curve, with the verdict"),
        view("coefficients", "Coefficients"),
        view("path", "Regularization path"),
        view("error-vs-lambda", "Error against λ"),
        view("error-vs-degree", "Error against degree"),
    ],
    key_controls: &["lambda", "l1", "degree"],
};
