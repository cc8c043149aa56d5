//! When to stop training: the curriculum's three strategies, as a pure state machine fed one
//! epoch's losses at a time. It never sees weights; it says when the current epoch is the best so
//! far, and the trainer keeps a copy of those weights when it is asked to restore them.

use crate::optim::descent::ConfigError;

/// How a run decides it is done. Every rule also stops at the epoch budget.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum StopRule {
    /// Train for the whole epoch budget.
    Budget,
    /// Stop once the training loss has failed to beat its best by at least `tolerance` for
    /// `patience` epochs in a row (scikit-learn's `tol` and `n_iter_no_change`).
    TrainPlateau { tolerance: f64, patience: usize },
    /// Stop once the validation loss has failed to beat its best by more than `min_delta` for
    /// `patience` epochs in a row (Keras' `EarlyStopping`). With `restore_best`, the network ends
    /// with the weights of its best validation epoch.
    ValidationPatience { patience: usize, min_delta: f64, restore_best: bool },
}

impl StopRule {
    pub fn label(&self) -> &'static str {
        match self {
            StopRule::Budget => "fixed epoch budget",
            StopRule::TrainPlateau { .. } => "training loss plateau",
            StopRule::ValidationPatience { .. } => "validation patience",
        }
    }

    pub fn restores_best(&self) -> bool {
        matches!(self, StopRule::ValidationPatience { restore_best: true, .. })
    }

    pub fn needs_validation(&self) -> bool {
        matches!(self, StopRule::ValidationPatience { .. })
    }

    pub fn validate(&self) -> Result<(), ConfigError> {
        let (patience, margin, name) = match *self {
            StopRule::Budget => return Ok(()),
            StopRule::TrainPlateau { tolerance, patience } => (patience, tolerance, "tolerance"),
            StopRule::ValidationPatience { patience, min_delta, .. } => (patience, min_delta, "min_delta"),
        };
        if patience == 0 {
            return Err(ConfigError::OutOfRange { name: "patience", detail: "must be ≥ 1 epoch" });
        }
        if !margin.is_finite() {
            return Err(ConfigError::NotFinite(name));
        }
        if margin < 0.0 {
            return Err(ConfigError::OutOfRange { name, detail: "must be ≥ 0" });
        }
        Ok(())
    }
}

/// Why a run stopped (other than diverging).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopReason {
    /// The epoch budget ran out.
    BudgetSpent,
    /// The training loss stopped improving by the tolerance.
    TrainPlateau,
    /// The validation loss stopped improving; `best_epoch` had the lowest.
    ValidationPatience { best_epoch: usize },
}

impl StopReason {
    pub fn explain(self) -> &'static str {
        match self {
            StopReason::BudgetSpent => "the epoch budget ran out",
            StopReason::TrainPlateau => "the training loss stopped improving by more than the tolerance",
            StopReason::ValidationPatience { .. } => "the validation loss stopped improving for the patience's number of epochs",
        }
    }
}

/// What to do after an epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// This epoch is the best so far by the monitored loss (take a snapshot if restoring).
    pub improved: bool,
    pub stop: Option<StopReason>,
}

/// The early-stopping state machine.
#[derive(Clone, Debug, PartialEq)]
pub struct EarlyStopping {
    rule: StopRule,
    max_epochs: usize,
    best: f64,
    best_epoch: usize,
    /// Consecutive epochs without enough improvement.
    wait: usize,
    stopped: Option<StopReason>,
}

impl EarlyStopping {
    pub fn new(rule: StopRule, max_epochs: usize) -> Self {
        Self { rule, max_epochs, best: f64::INFINITY, best_epoch: 0, wait: 0, stopped: None }
    }

    pub fn rule(&self) -> StopRule {
        self.rule
    }
    /// The epoch with the best monitored loss so far (training loss, or validation loss for
    /// validation patience).
    pub fn best_epoch(&self) -> usize {
        self.best_epoch
    }
    pub fn best_loss(&self) -> f64 {
        self.best
    }
    /// Epochs in a row without enough improvement.
    pub fn wait(&self) -> usize {
        self.wait
    }
    pub fn stopped(&self) -> Option<StopReason> {
        self.stopped
    }

    /// Feeds epoch `epoch`'s losses (epoch 0 is the untrained network). `val_loss` is `None`
    /// without a validation set; validation patience then sees no improvement. Once stopped, the
    /// verdict repeats.
    pub fn observe(&mut self, epoch: usize, train_loss: f64, val_loss: Option<f64>) -> Verdict {
        if let Some(reason) = self.stopped {
            return Verdict { improved: false, stop: Some(reason) };
        }
        let improved = match self.rule {
            StopRule::Budget => self.track_best(epoch, train_loss),
            StopRule::TrainPlateau { tolerance, .. } => {
                // Enough improvement resets the count; any improvement still moves the best, as
                // in scikit-learn, so a slow crawl cannot dodge the tolerance by small steps.
                let enough = train_loss < self.best - tolerance;
                let improved = self.track_best(epoch, train_loss);
                self.count(enough);
                improved
            }
            StopRule::ValidationPatience { min_delta, .. } => {
                let loss = val_loss.unwrap_or(f64::NAN);
                // NaN compares false: it is never an improvement.
                let improved = loss < self.best - min_delta;
                if improved {
                    self.best = loss;
                    self.best_epoch = epoch;
                }
                self.count(improved);
                improved
            }
        };
        let patience = match self.rule {
            StopRule::Budget => usize::MAX,
            StopRule::TrainPlateau { patience, .. } | StopRule::ValidationPatience { patience, .. } => patience,
        };
        self.stopped = if self.wait >= patience {
            Some(match self.rule {
                StopRule::ValidationPatience { .. } => StopReason::ValidationPatience { best_epoch: self.best_epoch },
                _ => StopReason::TrainPlateau,
            })
        } else if epoch >= self.max_epochs {
            Some(StopReason::BudgetSpent)
        } else {
            None
        };
        Verdict { improved, stop: self.stopped }
    }

    fn track_best(&mut self, epoch: usize, loss: f64) -> bool {
        let improved = loss < self.best;
        if improved {
            self.best = loss;
            self.best_epoch = epoch;
        }
        improved
    }

    fn count(&mut self, enough: bool) {
        self.wait = if enough { 0 } else { self.wait + 1 };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feeds a scripted curve from epoch 0; returns the epoch of the stop and its reason.
    fn run(rule: StopRule, max_epochs: usize, train: &[f64], val: &[f64]) -> (usize, StopReason, EarlyStopping) {
        let mut es = EarlyStopping::new(rule, max_epochs);
        for (epoch, &t) in train.iter().enumerate() {
            if let Some(reason) = es.observe(epoch, t, val.get(epoch).copied()).stop {
                return (epoch, reason, es);
            }
        }
        panic!("never stopped");
    }

    #[test]
    fn budget_stops_exactly_at_the_budget() {
        let curve: Vec<f64> = (0..100).map(|e| 1.0 / (1.0 + e as f64)).collect();
        let (epoch, reason, es) = run(StopRule::Budget, 30, &curve, &[]);
        assert_eq!((epoch, reason), (30, StopReason::BudgetSpent));
        assert_eq!(es.best_epoch(), 30);
    }

    #[test]
    fn plateau_stops_after_patience_epochs_of_small_improvement() {
        // Big drops to epoch 4, then improvements of 1e-5 < tolerance 1e-3.
        let mut curve = vec![1.0, 0.5, 0.3, 0.2, 0.15];
        for _ in 0..20 {
            curve.push(curve.last().unwrap() - 1e-5);
        }
        let rule = StopRule::TrainPlateau { tolerance: 1e-3, patience: 3 };
        let (epoch, reason, es) = run(rule, 100, &curve, &[]);
        // Epochs 5, 6, 7 fall short: stop at 7.
        assert_eq!((epoch, reason), (7, StopReason::TrainPlateau));
        // The best still moved with the small improvements.
        assert_eq!(es.best_epoch(), 7);
        // A rise counts as no improvement too, and a real improvement resets the count.
        let bumpy = [1.0, 0.9, 0.95, 0.97, 0.5, 0.6, 0.6, 0.6];
        let (epoch, _, _) = run(rule, 100, &bumpy, &[]);
        assert_eq!(epoch, 7);
        // Without the plateau, the budget still applies.
        let steady: Vec<f64> = (0..50).map(|e| 1.0 - 0.01 * e as f64).collect();
        assert_eq!(run(rule, 20, &steady, &[]).1, StopReason::BudgetSpent);
    }

    #[test]
    fn validation_patience_stops_after_the_minimum_and_names_it() {
        // Classic overfitting: training keeps falling, validation bottoms out at epoch 4.
        let train: Vec<f64> = (0..30).map(|e| 1.0 / (1.0 + e as f64)).collect();
        let val = [1.0, 0.8, 0.6, 0.5, 0.45, 0.46, 0.47, 0.45, 0.5, 0.55, 0.6, 0.7];
        let rule = StopRule::ValidationPatience { patience: 4, min_delta: 0.0, restore_best: true };
        let (epoch, reason, es) = run(rule, 100, &train, &val);
        // Epochs 5–8 do not beat 0.45 (epoch 7 only ties): stop at 8, best 4.
        assert_eq!((epoch, reason), (8, StopReason::ValidationPatience { best_epoch: 4 }));
        assert_eq!(es.best_loss(), 0.45);
        // min_delta: gains of 0.005 do not count.
        let slow = [1.0, 0.995, 0.99, 0.985, 0.98];
        let rule = StopRule::ValidationPatience { patience: 2, min_delta: 0.01, restore_best: false };
        let (epoch, reason, _) = run(rule, 100, &train, &slow);
        assert_eq!((epoch, reason), (2, StopReason::ValidationPatience { best_epoch: 0 }));
    }

    #[test]
    fn nan_is_never_an_improvement_and_stopped_is_sticky() {
        let rule = StopRule::ValidationPatience { patience: 2, min_delta: 0.0, restore_best: true };
        let mut es = EarlyStopping::new(rule, 10);
        assert!(es.observe(0, 1.0, Some(1.0)).improved);
        assert!(!es.observe(1, 1.0, Some(f64::NAN)).improved);
        assert!(!es.observe(2, 1.0, None).improved);
        assert_eq!(es.stopped(), Some(StopReason::ValidationPatience { best_epoch: 0 }));
        assert_eq!(es.observe(3, 0.0, Some(0.0)).stop, Some(StopReason::ValidationPatience { best_epoch: 0 }));
        assert_eq!(es.best_epoch(), 0);
    }

    #[test]
    fn bad_rules_are_typed_errors() {
        assert!(StopRule::TrainPlateau { tolerance: 1e-4, patience: 0 }.validate().is_err());
        assert!(StopRule::TrainPlateau { tolerance: -1.0, patience: 3 }.validate().is_err());
        assert!(StopRule::ValidationPatience { patience: 3, min_delta: f64::NAN, restore_best: true }.validate().is_err());
        assert!(StopRule::ValidationPatience { patience: 3, min_delta: 0.0, restore_best: true }.validate().is_ok());
        assert!(StopRule::Budget.validate().is_ok());
    }
}
