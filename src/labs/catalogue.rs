//! The catalogue of labs: pure data, no dependencies. The home page, the page titles, the header
//! navigation and the static-page generator (`crates/xtask`, which includes this file) all read
//! it, so a new lab is listed everywhere by adding one entry here (and its view in `labs/mod.rs`).

pub struct LabMeta {
    /// URL segment: `/<slug>/` and `/embed/<slug>/`.
    pub slug: &'static str,
    pub title: &'static str,
    /// One line on the home page.
    pub promise: &'static str,
    /// The page's `<meta name="description">`.
    pub description: &'static str,
    /// Curriculum concepts it teaches.
    pub concepts: &'static [&'static str],
}

pub const SITE_NAME: &str = "Hyperlab";
pub const SITE_DESCRIPTION: &str = "Learn hyperparameter tuning by turning the knobs on real models that train live in your browser.";

pub const LABS: &[LabMeta] = &[
LabMeta {
    slug: "learning-rate",
    title: "Learning rate",
    promise: "Turn one knob and watch gradient descent crawl, converge, zig-zag and blow up.",
    description: "Gradient descent with momentum on loss surfaces you pick: see every learning-rate regime, the U-shaped sweep with its steep wall, and divergence you can recover from.",
    concepts: &["learning rate", "momentum", "divergence", "parameters vs hyperparameters"],
},
LabMeta {
    slug: "regularization",
    title: "Regularization",
    promise: "Turn λ and the L1/L2 mix and watch a polynomial go from overfitting to underfitting.",
    description: "Ridge, Lasso and elastic net on polynomial regression, matching scikit-learn: the fitted curve, coefficients with Lasso's exact zeros, the regularization path, and validation curves against λ and degree.",
    concepts: &["L1 / Lasso", "L2 / Ridge", "elastic net", "capacity", "underfitting vs overfitting", "feature scaling"],
},
LabMeta {
    slug: "training",
    title: "Training a network",
    promise: "Train a neural network live: learning rate, batch size, dropout, optimizers and early stopping.",
    description: "A small neural network trains in the page: learning rate, batch size with the linear scaling rule, epochs, dropout, L1/L2, SGD/momentum/RMSprop/Adam, schedules and three early-stopping strategies, with a ghost of your previous run.",
    concepts: &["learning rate", "batch size", "epochs", "dropout", "early stopping", "optimizers"],
},
LabMeta {
    slug: "cross-validation",
    title: "Cross-validation",
    promise: "See k-fold splits sample by sample, each fold's model and score, and why 5 or 10 folds.",
    description: "K-fold, stratified, repeated and leave-one-out splits drawn sample by sample, each fold's model and score, the bias and spread of the CV estimate against the true error, and leakage that makes an estimate lie.",
    concepts: &["k-fold", "stratified folds", "leave-one-out", "leakage", "hold-out test set"],
},
LabMeta {
    slug: "search",
    title: "Search strategies",
    promise: "Race grid search, random search and Bayesian optimization on the same budget and watch where each one looks.",
    description: "Grid, random and Bayesian optimization side by side over a loss landscape or a cross-validated ridge model: distinct values per knob, best-so-far races over 20 seeds, a Gaussian process with its acquisition function step by step, and the search as Optuna, scikit-optimize and SageMaker code.",
    concepts: &["grid search", "random search", "Bayesian optimization", "acquisition functions", "exploration vs exploitation", "search spaces and scales"],
},
LabMeta {
    slug: "budgets",
    title: "Budgets: Hyperband and early stopping",
    promise: "Watch successive halving, Hyperband and the median stopping rule stop and promote real networks on one epoch budget.",
    description: "Successive halving, Hyperband, ASHA and SageMaker's median stopping rule against random search and Bayesian optimization on the same epoch budget: every network's learning curve live, stopped trials greyed, the bracket table filling in, a 20-seed race, and where short runs mislead.",
    concepts: &["successive halving", "Hyperband", "early stopping of trials", "multi-fidelity search", "budgets"],
}];

pub fn find(slug: &str) -> Option<&'static LabMeta> {
    LABS.iter().find(|l| l.slug == slug)
}
