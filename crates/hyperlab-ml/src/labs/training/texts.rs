//! Every sentence the lab states about a run: the regime badge, the status card, the captions.
//! Each is chosen from the run's own numbers; `tests/lessons_training.rs` checks each branch.

use super::run::Snapshot;
use super::settings::Settings;
use crate::nn::{Shape, Status, StopReason};
use crate::params::format_number;

/// Full-batch runs whose training loss rises in at least this share of epochs are unstable.
pub const UNSTABLE_RISE_SHARE: f64 = 0.1;
/// A run whose last validation loss is this many times its lowest has overfitted.
pub const OVERFIT_RATIO: f64 = 1.2;
/// First-layer gradient this many times smaller than the last layer's: vanishing gradients.
pub const VANISHING_RATIO: f64 = 0.01;

pub const INTRO: &str = "A small neural network learns to separate two classes of points (or, on the sine, to fit a curve), right here in the page. Its weights and biases are the parameters it learns; the knobs tagged hyperparameter are what you set before training. Turn the learning rate, batch size, dropout and early stopping, and watch the decision map and the loss curves react.";

pub const LOSS_CAPTION: &str = "Training and validation loss per epoch (log scale). When the validation loss turns up while the training loss keeps falling, the network is overfitting; early stopping marks where it stopped and which epoch it restored. Dashed: your previous run, which starts from the same initial weights when the seed and architecture are unchanged.";
pub const ACCURACY_CAPTION: &str = "Share of points classified correctly, measured without dropout.";
pub const DIVERGED_HELP: &str = "The updates overshot until the loss exploded. The weights were rolled back to the start of that epoch; lower the learning rate and train again.";

/// The caption under the decision map (or the fitted curve).
pub fn boundary_caption(data: Shape) -> &'static str {
    if data == Shape::Sine {
        "The network's prediction for x from −1 to 1, where the training points lie, updated as it trains. Filled points train it; hollow points only measure it."
    } else {
        "The class the network predicts over the square from −1 to 1, where almost all the points lie, paler where it is unsure, updated as it trains. Filled points train it; hollow points only measure it."
    }
}

/// What the finished run's curves show, in one badge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Regime {
    Diverged,
    /// Full batch, yet the training loss keeps going up between epochs: the steps overshoot.
    Unstable,
    /// The held weights do no better than the constant prediction.
    NoBetterThanConstant { vanishing_gradients: bool },
    /// Validation loss rose well above its lowest while the training loss kept falling.
    Overfitting,
    /// Beats the constant prediction, without the overfitting pattern.
    Generalizes,
}

pub fn regime(s: &Snapshot) -> Regime {
    if s.diverged() {
        return Regime::Diverged;
    }
    if s.full_batch() && s.rises >= UNSTABLE_RISE_SHARE {
        return Regime::Unstable;
    }
    if overfitted(s) {
        return Regime::Overfitting;
    }
    if !s.beats_constant() {
        let vanishing_gradients = s.settings.is_deep_sigmoid() && s.gradient_ratio() < VANISHING_RATIO;
        return Regime::NoBetterThanConstant { vanishing_gradients };
    }
    Regime::Generalizes
}

/// At its lowest the validation loss beat the constant prediction; it ended (at the last epoch
/// trained) well above that lowest, and the training loss fell after it.
pub fn overfitted(s: &Snapshot) -> bool {
    match (s.lowest_validation, s.last.val_loss) {
        (Some((epoch, lowest)), Some(last)) => {
            lowest < 0.98 * s.constant_val_loss
                && last >= OVERFIT_RATIO * lowest
                && epoch < s.last.epoch
                && s.train_loss_at_lowest_validation.is_some_and(|t| s.last.train_loss < t)
        }
        _ => false,
    }
}

pub fn regime_label(r: Regime) -> &'static str {
    match r {
        Regime::Diverged => "Diverged",
        Regime::Unstable => "Unstable: the steps overshoot",
        Regime::NoBetterThanConstant { vanishing_gradients: true } => "Vanishing gradients",
        Regime::NoBetterThanConstant { vanishing_gradients: false } => "No better than a constant guess",
        Regime::Overfitting => "Overfitting",
        Regime::Generalizes => "Generalizes",
    }
}

fn loss(v: f64) -> String {
    format_number(v)
}

fn percent(v: Option<f64>) -> String {
    v.map_or("—".into(), |a| format!("{:.1} %", a * 100.0))
}

/// The regime's explanation, with this run's numbers.
pub fn regime_explanation(s: &Snapshot) -> String {
    let task_guess = if s.settings.data == Shape::Sine { "always predicting the training mean" } else { "always predicting the training set's class share" };
    match regime(s) {
        Regime::Diverged => DIVERGED_HELP.into(),
        Regime::Unstable => format!(
            "With the whole training set in every batch there is no sampling noise, yet the training loss rose in {:.0} % of epochs: each step overshoots the valley it aims for. Lower the learning rate.",
            s.rises * 100.0
        ),
        Regime::NoBetterThanConstant { vanishing_gradients: true } => format!(
            "The validation loss ({}) is not even 2 % below {task_guess} ({}). In this stack of {} sigmoid layers the first layer's gradient is {}× smaller than the last layer's: each sigmoid multiplies the gradient by at most 0.25 on its way back, so the early layers barely learn. Fewer sigmoid layers, or tanh units, learn at this rate; ReLU with He initialization learns at this depth with a smaller rate such as 0.03.",
            loss(s.val_loss()),
            loss(s.constant_val_loss),
            s.settings.layers,
            format_number((1.0 / s.gradient_ratio()).round())
        ),
        Regime::NoBetterThanConstant { vanishing_gradients: false } => format!(
            "The validation loss ({}) is not even 2 % below {task_guess} ({}): the network has learned nothing that carries over to new points. Too little capacity, too small a learning rate, too few epochs or too strong a penalty can each cause this.",
            loss(s.val_loss()),
            loss(s.constant_val_loss)
        ),
        Regime::Overfitting => {
            let (epoch, lowest) = s.lowest_validation.unwrap_or((0, f64::NAN));
            let last = s.last.val_loss.unwrap_or(f64::NAN);
            let worse = if last > s.constant_val_loss { format!(", worse than {task_guess} ({})", loss(s.constant_val_loss)) } else { String::new() };
            format!(
                "The validation loss was lowest at epoch {epoch} ({}) and rose to {}{worse} by epoch {}, while the training loss kept falling to {}: the network is fitting the training points' noise. Early stopping on validation loss, dropout, an L2 penalty or more data each help.",
                loss(lowest),
                loss(last),
                s.last.epoch,
                loss(s.last.train_loss)
            )
        }
        Regime::Generalizes => format!(
            "The validation loss ({}) is below {task_guess} ({}): what the network learned carries over to new points.",
            loss(s.val_loss()),
            loss(s.constant_val_loss)
        ),
    }
}

/// Why the run stopped, with the rule's own numbers.
pub fn stop_reason_text(reason: StopReason, settings: &Settings) -> String {
    match reason {
        StopReason::BudgetSpent => "the epoch budget ran out".into(),
        StopReason::TrainPlateau => format!(
            "the training loss did not improve by more than {} for {} epochs in a row",
            format_number(settings.tolerance),
            settings.patience
        ),
        StopReason::ValidationPatience { best_epoch } => {
            format!("the validation loss did not improve for {} epochs in a row after its lowest, at epoch {best_epoch}", settings.patience)
        }
    }
}

/// The status card's headline.
pub fn status_headline(status: Status, epoch: usize, settings: &Settings) -> String {
    match status {
        Status::Running => format!("Training: epoch {epoch} of at most {}.", settings.epochs),
        Status::Stopped { epoch, reason } => format!("Stopped after epoch {epoch}: {}.", stop_reason_text(reason, settings)),
        Status::Diverged { epoch, reason } => format!("Diverged in epoch {epoch}: {}.", reason.explain()),
    }
}

/// The finished run's figures: the last epoch, and the restored epoch when it differs.
pub fn final_metrics(s: &Snapshot) -> Vec<String> {
    let line = |what: &str, m: &crate::nn::EpochMetrics| {
        let mut t = format!("{what} (epoch {}): training loss {}, validation loss {}", m.epoch, loss(m.train_loss), m.val_loss.map_or("—".into(), loss));
        if m.train_accuracy.is_some() {
            t.push_str(&format!("; training accuracy {}, validation accuracy {}", percent(m.train_accuracy), percent(m.val_accuracy)));
        }
        t.push('.');
        t
    };
    if s.diverged() {
        return vec![line("Last complete epoch", &s.last)];
    }
    let mut lines = vec![line("Last epoch", &s.last)];
    if let Some(e) = s.restored {
        lines.push(line("Restored weights, the lowest validation loss", &s.held));
        debug_assert_eq!(s.held.epoch, e);
    }
    lines
}

/// What the penalties did to the weights, when one is on.
pub fn weights_text(s: &Snapshot) -> Option<String> {
    if s.settings.l1 == 0.0 && s.settings.l2 == 0.0 {
        return None;
    }
    Some(format!(
        "Weights: Σ|w| = {}, {:.0} % of the {} weights within 0.01 of zero, {:.0} % exactly zero.",
        format_number(s.weights.l1_norm),
        s.weights.near_zero_share * 100.0,
        s.weights.count,
        s.weights.exact_zero_share * 100.0
    ))
}

/// The parameter count under the status card.
pub fn parameters_text(parameters: usize) -> String {
    format!("{parameters} weights and biases learned (parameters); the knobs tagged hyperparameter were set before training.")
}

/// The effective learning rate line under the controls, with the scaling rule's caveat.
pub fn effective_rate_text(settings: &Settings, train_size: usize) -> String {
    let f = settings.scaling_factor(train_size);
    let lr = settings.learning_rate;
    if f == 1.0 {
        return format!("Effective learning rate: {}", format_number(lr));
    }
    let mut t = format!("Effective learning rate: {} × {} = {} (linear scaling rule)", format_number(lr), format_number(f), format_number(lr * f));
    if settings.optimizer.is_adaptive() {
        t.push_str(". The rule was derived for SGD; with an adaptive optimizer it is only a heuristic.");
    }
    t
}
