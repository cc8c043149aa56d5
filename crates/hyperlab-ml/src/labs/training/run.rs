//! The lab's model: the data set and the steppable training run the page animates, and the
//! [`Snapshot`] of a finished run that the texts and challenges read.

use super::settings::{Batch, Settings, MIN_LEARNING_RATE};
use crate::nn::{EpochMetrics, Status, StopReason, Task, Trainer};
use crate::datasets::toy2d::Dataset;

/// Epochs of the short trial runs "Lower the learning rate" uses to find a rate that trains.
pub const RECOVERY_TRIAL_EPOCHS: usize = 5;
/// How many times recovery quarters the rate at most.
pub const RECOVERY_ATTEMPTS: usize = 8;
/// A weight this close to 0 counts as "near zero" in the weight summary.
pub const NEAR_ZERO: f64 = 0.01;

/// One run of the lab, built from its settings exactly as the page builds it.
#[derive(Clone, Debug)]
pub struct LabRun {
    settings: Settings,
    data: Dataset,
    trainer: Trainer,
}

impl LabRun {
    /// The data set and a run at epoch 0; an error message if the settings cannot train.
    pub fn new(settings: Settings) -> Result<Self, String> {
        let data = settings.data.build().map_err(|e| e.to_string())?;
        let trainer = settings.train_config(data.train.len()).build(&data).map_err(|e| e.to_string())?;
        Ok(LabRun { settings, data, trainer })
    }

    /// Builds from a query (as a shared link opens) and trains to the end.
    pub fn finished_from_query(query: &str) -> Result<Self, String> {
        let mut run = LabRun::new(Settings::from_query(query).0)?;
        run.finish();
        Ok(run)
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }
    pub fn data(&self) -> &Dataset {
        &self.data
    }
    pub fn trainer(&self) -> &Trainer {
        &self.trainer
    }
    pub fn trainer_mut(&mut self) -> &mut Trainer {
        &mut self.trainer
    }
    pub fn is_finished(&self) -> bool {
        self.trainer.status().is_finished()
    }

    /// One epoch (nothing once finished).
    pub fn step_epoch(&mut self) -> EpochMetrics {
        self.trainer.step_epoch()
    }

    /// Trains until the budget, an early-stopping rule or divergence ends the run.
    pub fn finish(&mut self) {
        while !self.is_finished() {
            self.trainer.step_epoch();
        }
    }

    /// What the finished (or current) run shows.
    pub fn snapshot(&self) -> Snapshot {
        let history = self.trainer.history();
        let first = history[0];
        let last = *history.last().expect("epoch 0 is always recorded");
        let restored = self.trainer.restored_epoch();
        let held = restored.and_then(|e| history.get(e)).copied().unwrap_or(last);
        let rises = history.windows(2).filter(|w| w[1].train_loss > w[0].train_loss * 1.01).count() as f64 / history.len().max(2).saturating_sub(1) as f64;
        let lowest_validation = history
            .iter()
            .filter_map(|m| m.val_loss.map(|v| (m.epoch, v)))
            .fold(None, |best: Option<(usize, f64)>, (e, v)| if best.is_none_or(|b| v < b.1) { Some((e, v)) } else { best });
        let stopped_early = matches!(self.trainer.status(), Status::Stopped { reason, .. } if reason != StopReason::BudgetSpent);
        Snapshot {
            settings: self.settings,
            status: self.trainer.status(),
            first,
            last,
            held,
            restored,
            stopped_early,
            rises,
            peak_train_loss: history.iter().skip(1).map(|m| m.train_loss).fold(first.train_loss, f64::max),
            lowest_validation,
            train_loss_at_lowest_validation: lowest_validation.and_then(|(e, _)| history.get(e)).map(|m| m.train_loss),
            constant_val_loss: constant_predictor_loss(&self.data),
            weights: WeightSummary::of(self.trainer.network().params(), self.trainer.network().layer_sizes()),
            layer_gradient_rms: self.trainer.layer_gradient_rms(),
            parameters: self.trainer.network().params().len(),
        }
    }
}

/// The validation loss of the best constant prediction learned from the training set: the
/// training share of class 1 (binary cross-entropy), or the training mean (squared error). A
/// model that does not beat it has learned nothing that generalizes.
pub fn constant_predictor_loss(data: &Dataset) -> f64 {
    let train = &data.train.targets;
    let val = &data.validation.targets;
    if train.is_empty() || val.is_empty() {
        return f64::NAN;
    }
    let mean = train.sum() / train.len() as f64;
    let n = val.len() as f64;
    match data.task {
        Task::Regression => val.iter().map(|y| (y - mean).powi(2)).sum::<f64>() / n,
        _ => {
            let p = mean.clamp(1e-12, 1.0 - 1e-12);
            -val.iter().map(|y| y * p.ln() + (1.0 - y) * (1.0 - p).ln()).sum::<f64>() / n
        }
    }
}

/// The weights (not the biases) of a network, summarized.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WeightSummary {
    pub count: usize,
    /// Σ|w|.
    pub l1_norm: f64,
    /// Share with |w| < [`NEAR_ZERO`].
    pub near_zero_share: f64,
    /// Share exactly 0.
    pub exact_zero_share: f64,
}

impl WeightSummary {
    pub fn of(params: &[f64], sizes: &[usize]) -> Self {
        let mut start = 0;
        let mut weights = Vec::new();
        for w in sizes.windows(2) {
            weights.extend_from_slice(&params[start..start + w[0] * w[1]]);
            start += w[0] * w[1] + w[1];
        }
        let count = weights.len().max(1) as f64;
        WeightSummary {
            count: weights.len(),
            l1_norm: weights.iter().map(|w| w.abs()).sum(),
            near_zero_share: weights.iter().filter(|w| w.abs() < NEAR_ZERO).count() as f64 / count,
            exact_zero_share: weights.iter().filter(|w| **w == 0.0).count() as f64 / count,
        }
    }
}

/// A run as the texts and challenges judge it.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub settings: Settings,
    pub status: Status,
    /// Epoch 0: the untrained network.
    pub first: EpochMetrics,
    /// The last epoch trained.
    pub last: EpochMetrics,
    /// The epoch whose weights the network holds: the restored one, else the last.
    pub held: EpochMetrics,
    pub restored: Option<usize>,
    /// Stopped by the plateau or patience rule, before the budget.
    pub stopped_early: bool,
    /// Share of epochs whose training loss rose by more than 1 %.
    pub rises: f64,
    /// The highest training loss of any epoch, the untrained network's included.
    pub peak_train_loss: f64,
    /// The epoch with the lowest validation loss, and that loss.
    pub lowest_validation: Option<(usize, f64)>,
    /// The training loss at that epoch.
    pub train_loss_at_lowest_validation: Option<f64>,
    /// [`constant_predictor_loss`] of the data.
    pub constant_val_loss: f64,
    pub weights: WeightSummary,
    /// [`Trainer::layer_gradient_rms`] at the held weights.
    pub layer_gradient_rms: Vec<f64>,
    /// Weights and biases.
    pub parameters: usize,
}

seeded_by!(Snapshot, settings.data.seed);

impl Snapshot {
    pub fn diverged(&self) -> bool {
        matches!(self.status, Status::Diverged { .. })
    }
    pub fn finished(&self) -> bool {
        self.status.is_finished()
    }
    pub fn epochs_run(&self) -> usize {
        self.last.epoch
    }
    pub fn full_batch(&self) -> bool {
        self.settings.batch == Batch::Full
    }
    /// The held weights' validation loss.
    pub fn val_loss(&self) -> f64 {
        self.held.val_loss.unwrap_or(f64::NAN)
    }
    pub fn val_accuracy(&self) -> f64 {
        self.held.val_accuracy.unwrap_or(0.0)
    }
    /// First weight layer's gradient RMS ÷ last's (1 for a network without hidden layers).
    pub fn gradient_ratio(&self) -> f64 {
        match (self.layer_gradient_rms.first(), self.layer_gradient_rms.last()) {
            (Some(first), Some(last)) if *last > 0.0 => first / last,
            _ => 1.0,
        }
    }
    /// The held weights' validation loss is below the constant predictor's (by 2 %).
    pub fn beats_constant(&self) -> bool {
        self.val_loss() < 0.98 * self.constant_val_loss
    }
}

/// The learning rate "Lower the learning rate" moves to: the rate divided by 4 until a short trial
/// run (same data and seeds) no longer diverges, at most [`RECOVERY_ATTEMPTS`] times.
pub fn recovery_rate(settings: &Settings) -> f64 {
    let mut trial = *settings;
    for _ in 0..RECOVERY_ATTEMPTS {
        trial.learning_rate = (trial.learning_rate / 4.0).max(MIN_LEARNING_RATE);
        let diverges = LabRun::new(trial).is_ok_and(|mut run| matches!(run.trainer_mut().advance(RECOVERY_TRIAL_EPOCHS), Status::Diverged { .. }));
        if !diverges || trial.learning_rate <= MIN_LEARNING_RATE {
            break;
        }
    }
    trial.learning_rate
}
