//! Multi-fidelity hyperparameter search: trials whose resource is epochs, and the schedulers that
//! decide how many epochs each trial gets.
//!
//! - [`brackets`]: the bracket arithmetic of successive halving and Hyperband (Li et al. 2018).
//! - [`rules`]: the promotion rule of asynchronous successive halving (as Optuna's
//!   `SuccessiveHalvingPruner`) and the median stopping rule (as SageMaker's early stopping of
//!   training jobs), as pure functions of reported losses.
//! - [`scheduler`]: one steppable search per method, charged epoch by epoch against one shared
//!   budget, over any source of learning curves ([`Curves`](scheduler::Curves)).

pub mod brackets;
pub mod rules;
pub mod scheduler;

pub use brackets::{hyperband_brackets, hyperband_cost, successive_halving_rungs, Rung};
pub use rules::{asha_promotable, median_rule_stops, running_average};
pub use scheduler::{Curves, Method, Search, TrialRecord, TrialState};

use std::fmt;

/// Why a bracket request was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BudgetError {
    /// η must be a whole number ≥ 2.
    Eta,
    /// The minimum resource must be ≥ 1 and at most the maximum.
    Resources,
    /// The numbers would overflow or give an absurd schedule.
    TooLarge,
}

impl fmt::Display for BudgetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BudgetError::Eta => "eta must be a whole number of at least 2",
            BudgetError::Resources => "min_resource must be at least 1 and at most max_resource",
            BudgetError::TooLarge => "max_resource is too large",
        })
    }
}

impl std::error::Error for BudgetError {}
