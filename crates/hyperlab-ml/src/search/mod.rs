//! The search lab's core: grid search, random search and Bayesian optimization over
//! hyperparameter spaces, minimizing.
//!
//! - [`space`]: continuous (linear/log), integer and categorical dimensions, mapped to and from
//!   the unit cube.
//! - [`strategy`]: the ask/tell [`Strategy`](strategy::Strategy) trait, the four strategies (and batches), the
//!   stateless [`suggest`](strategy::suggest) and a steppable [`Study`](strategy::Study).
//! - [`bayes`]: Bayesian optimization — the surrogate and [`suggest_bayes`](bayes::suggest_bayes),
//!   one suggestion's whole computation.
//! - [`gp`], [`kernel`], [`acquisition`]: the Gaussian process (RBF / Matérn 5/2, exact
//!   posterior, log marginal likelihood with gradient, hyperparameter fit), and EI / PI / LCB /
//!   Thompson sampling.
//! - [`tpe`]: the Tree-structured Parzen Estimator as Optuna computes it, and the constant liar.
//! - [`hypergrad`]: ridge regression's exact validation-loss gradient in ln λ (implicit
//!   differentiation), for gradient-based tuning.
//! - [`objectives`]: the [`Objective`](objectives::Objective) trait and synthetic landscapes.
//! - [`design`], [`linalg`], [`optimize`]: Latin hypercubes and low-discrepancy candidates;
//!   Cholesky with jitter and the normal distribution; a box-constrained L-BFGS.

pub mod acquisition;
pub mod bayes;
pub mod design;
pub mod gp;
pub mod hypergrad;
pub mod kernel;
pub mod objectives;
pub mod optimize;
pub mod space;
pub mod strategy;
pub mod tpe;

pub use acquisition::Acquisition;
pub use bayes::{suggest_bayes, BayesConfig, BenchCase, Suggestion, Surrogate};
pub use gp::{GaussianProcess, Hyperparameters, Posterior};
pub use kernel::{Kernel, KernelKind};
pub use objectives::{FnObjective, Landscape, Objective};
pub use space::{Dimension, Space};
pub use strategy::{suggest, suggest_batch, BatchConfig, BayesSearch, GridSearch, RandomSearch, Search, Strategy, StrategyKind, Study, TpeSearch};
pub use tpe::{suggest_tpe, GammaRule, Liar, ParzenEstimator, TpeConfig, TpeSuggestion};

use std::fmt;

/// One evaluated point: natural-unit coordinates and the objective's value (non-finite for a
/// failed trial).
#[derive(Clone, Debug, PartialEq)]
pub struct Observation {
    pub point: Vec<f64>,
    pub value: f64,
}

/// Why a space, point, model or setting was rejected.
#[derive(Clone, Debug, PartialEq)]
pub enum SearchError {
    /// A space needs at least one dimension.
    EmptySpace,
    BadDimension { name: String, detail: &'static str },
    /// A point or kernel has the wrong number of coordinates.
    DimensionMismatch { expected: usize, got: usize },
    /// Two lists that must match in length do not.
    LengthMismatch { what: &'static str, expected: usize, got: usize },
    /// A point lies outside its space (or is not a whole number / valid choice where required).
    OutsideSpace { name: String, value: f64 },
    NotFinite(&'static str),
    OutOfRange { name: &'static str, detail: &'static str },
    /// A model needs at least one observation.
    NoData,
    /// The strategy and the objective search different spaces.
    SpaceMismatch,
}

impl fmt::Display for SearchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SearchError::EmptySpace => write!(f, "the search space has no dimensions"),
            SearchError::BadDimension { name, detail } => write!(f, "dimension “{name}”: {detail}"),
            SearchError::DimensionMismatch { expected, got } => write!(f, "expected {expected} coordinates, got {got}"),
            SearchError::LengthMismatch { what, expected, got } => write!(f, "{what} differ in length: {expected} vs {got}"),
            SearchError::OutsideSpace { name, value } => write!(f, "{value} is not a value of dimension “{name}”"),
            SearchError::NotFinite(name) => write!(f, "{name} is not a finite number"),
            SearchError::OutOfRange { name, detail } => write!(f, "{name} {detail}"),
            SearchError::NoData => write!(f, "no observations to fit"),
            SearchError::SpaceMismatch => write!(f, "the strategy and the objective have different search spaces"),
        }
    }
}

impl std::error::Error for SearchError {}
