//! Every sentence the lab states about a run: the regime badge, the status card, the captions.
//! Each is chosen from the run's own numbers; `tests/lessons_training.rs` checks each branch.

use super::run::Snapshot;
use super::settings::Settings;
use crate::nn::{Status, StopReason};
use crate::datasets::toy2d::Shape;
use crate::schema::format_number;

/// Full-batch runs whose training loss rises in at least this share of epochs are unstable.
pub const UNSTABLE_RISE_SHARE: f64 = 0.1;
/// A run whose last validation loss is this many times its lowest has overfitted.
pub const OVERFIT_RATIO: f64 = 1.2;
/// First-layer gradient this many times smaller than the last layer's: vanishing gradients.
pub const VANISHING_RATIO: f64 = 0.01;
/// A run whose training loss climbed above this many times its starting value overshoots:
/// a learning rate that trains only ever lowers the loss from where it starts, on average.
pub const OVERSHOOT_PEAK: f64 = 2.0;
/// Classification: held weights whose training loss is still above this share of the constant
/// guess's have not fit even their training points (underfitting, high bias).
pub const UNDERFIT_SHARE_OF_GUESS: f64 = 0.75;
/// Regression: a training MSE above this many times the noise variance (the error a perfect
/// fit of the sine would still make) is underfitting.
pub const UNDERFIT_NOISE_MULTIPLE: f64 = 4.0;
/// The smallest noise variance the regression underfitting rule assumes (noise 0.05).
pub const MIN_NOISE_VARIANCE: f64 = 0.0025;
/// The deep-sigmoid rate at which two sigmoid layers, or six tanh layers, are shown to learn.
pub const SHALLOW_LEARNS_AT: f64 = 0.3;

pub const INTRO: &str = "A small neural network learns to separate two classes of points (or, on the sine, to fit a curve), right here in the page. Its weights and biases are the parameters it learns; the knobs tagged hyperparameter are what you set before training. Turn the learning rate, batch size, dropout and early stopping, and watch the decision map and the loss curves react.";

pub const LOSS_CAPTION: &str = "Training and validation loss per epoch (log scale). When the validation loss turns up while the training loss keeps falling, the network is overfitting; early stopping marks where it stopped and which epoch it restored. Dashed: your previous run, which starts from the same initial weights when the seed and architecture are unchanged.";
pub const ACCURACY_CAPTION: &str = "Share of points classified correctly, measured without dropout.";
pub const DIVERGED_HELP: &str = "The updates overshot until the loss exploded. The weights were rolled back to the start of that epoch; lower the learning rate and train again.";

/// The caption under the decision map (or the fitted curve).
pub fn boundary_caption(data: Shape) -> &'static str {
    if data == Shape::Sine {
        "The network's prediction for x from −1 to 1, where the training points lie, updated as it trains. Filled points train it; hollow points only measure it."
    } else {
        "The class the network predicts over the square from −1 to 1, where most of the points lie (the more noise, the more of them fall outside it), paler where it is unsure, updated as it trains. Filled points train it; hollow points only measure it."
    }
}

/// What the finished run's curves show, in one badge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Regime {
    Diverged,
    /// Full batch, yet the training loss keeps going up between epochs: the steps overshoot.
    Unstable,
    /// The held weights do no better than the constant prediction, and the training loss swung
    /// to more than [`OVERSHOOT_PEAK`] times its start: the learning rate is too large.
    Overshooting,
    /// The held weights do no better than the constant prediction.
    NoBetterThanConstant { vanishing_gradients: bool },
    /// Beats the constant prediction, but the training loss stays far above what is reachable.
    Underfitting,
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
    if !s.beats_constant() && s.peak_train_loss > OVERSHOOT_PEAK * s.first.train_loss {
        return Regime::Overshooting;
    }
    if !s.beats_constant() {
        let vanishing_gradients = s.settings.is_deep_sigmoid() && s.gradient_ratio() < VANISHING_RATIO;
        return Regime::NoBetterThanConstant { vanishing_gradients };
    }
    if underfits(s) {
        return Regime::Underfitting;
    }
    Regime::Generalizes
}

/// At its lowest the validation loss beat the constant prediction; the weights the network holds
/// (the restored ones when early stopping restored, else the last) are well above that lowest, and
/// the training loss fell after it.
pub fn overfitted(s: &Snapshot) -> bool {
    match (s.lowest_validation, s.held.val_loss) {
        (Some((epoch, lowest)), Some(held)) => {
            lowest < 0.98 * s.constant_val_loss
                && held >= OVERFIT_RATIO * lowest
                && epoch < s.held.epoch
                && s.train_loss_at_lowest_validation.is_some_and(|t| s.held.train_loss < t)
        }
        _ => false,
    }
}

/// The training loss the held weights must reach not to count as underfitting.
pub fn underfit_threshold(s: &Snapshot) -> f64 {
    if s.settings.data.shape == Shape::Sine {
        UNDERFIT_NOISE_MULTIPLE * (s.settings.data.noise * s.settings.data.noise).max(MIN_NOISE_VARIANCE)
    } else {
        UNDERFIT_SHARE_OF_GUESS * s.constant_val_loss
    }
}

/// The held weights' training loss stays far above what the network can reach.
pub fn underfits(s: &Snapshot) -> bool {
    s.held.train_loss > underfit_threshold(s)
}

pub fn regime_label(r: Regime) -> &'static str {
    match r {
        Regime::Diverged => "Diverged",
        Regime::Unstable => "Unstable: the steps overshoot",
        Regime::NoBetterThanConstant { vanishing_gradients: true } => "Vanishing gradients",
        Regime::Overshooting => "Unstable: learning rate too large",
        Regime::NoBetterThanConstant { vanishing_gradients: false } => "No better than a constant guess",
        Regime::Underfitting => "Underfitting: still learning",
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

/// Within this fraction of the constant guess's loss, the texts call the two level.
pub const LEVEL_WITH_GUESS: f64 = 0.005;

/// How the held validation loss compares with the constant guess's, as the texts say it.
fn against_guess(s: &Snapshot, task_guess: &str) -> String {
    let (v, c) = (s.val_loss(), s.constant_val_loss);
    if v > c * (1.0 + LEVEL_WITH_GUESS) {
        format!("The validation loss ({}) is above {task_guess} ({})", loss(v), loss(c))
    } else if v >= c * (1.0 - LEVEL_WITH_GUESS) {
        // 0.6932 "above" 0.6931 reads as a difference where there is none worth naming.
        format!("The validation loss ({}) is level with {task_guess} ({}, within {} %)", loss(v), loss(c), format_number(LEVEL_WITH_GUESS * 100.0))
    } else {
        format!("The validation loss ({}) is not even 2 % below {task_guess} ({})", loss(v), loss(c))
    }
}

/// The run's history when early stopping restored earlier weights than the last.
pub fn restored_note(s: &Snapshot) -> Option<String> {
    let e = s.restored?;
    let last = s.last.val_loss?;
    if s.last.epoch <= e {
        return None;
    }
    let lowest = s.held.val_loss?;
    Some(if last > lowest {
        format!(" Validation loss rose after epoch {e} (to {} by epoch {}); the weights from epoch {e} were restored, and they are what is judged here.", loss(last), s.last.epoch)
    } else {
        format!(" The weights from epoch {e}, the lowest validation loss, were restored, and they are what is judged here.")
    })
}

/// The regime's explanation, with this run's numbers.
pub fn regime_explanation(s: &Snapshot) -> String {
    let task_guess = if s.settings.data.shape == Shape::Sine { "always predicting the training mean" } else { "always predicting the training set's class share" };
    let mut text = match regime(s) {
        Regime::Diverged => DIVERGED_HELP.into(),
        Regime::Unstable => format!(
            "With the whole training set in every batch there is no sampling noise, yet the training loss rose in {:.0} % of epochs: each step overshoots the valley it aims for. Lower the learning rate.",
            s.rises * 100.0
        ),
        Regime::Overshooting => format!(
            "{}. The training loss swung up to {}, more than {}× the untrained network's {}: the steps are too large and overshoot, so the network cannot settle. Lower the learning rate.",
            against_guess(s, task_guess),
            loss(s.peak_train_loss),
            format_number(OVERSHOOT_PEAK),
            loss(s.first.train_loss)
        ),
        Regime::NoBetterThanConstant { vanishing_gradients: true } => format!(
            "{}. In this stack of {} sigmoid layers the first layer's gradient is {}× smaller than the last layer's: a sigmoid's slope is at most 0.25, and the gradient is multiplied by one such slope per layer on its way back, so the early layers barely learn. Fewer sigmoid layers, tanh (slope up to 1) or ReLU with He initialization let the gradient through: in the “Vanishing gradients” preset (the circles, SGD at η = {} in batches of 10), two sigmoid layers, six tanh layers, or six ReLU layers at η = 0.03 each learn on most seeds, though not on every one.",
            against_guess(s, task_guess),
            s.settings.layers,
            format_number((1.0 / s.gradient_ratio()).round()),
            format_number(SHALLOW_LEARNS_AT)
        ),
        Regime::NoBetterThanConstant { vanishing_gradients: false } => format!(
            "{}: the network has learned nothing that carries over to new points, and its training loss never swung far above where it started. Too little capacity, too small a learning rate, too few epochs or too strong a penalty can each cause this.",
            against_guess(s, task_guess)
        ),
        Regime::Overfitting => {
            let (epoch, lowest) = s.lowest_validation.unwrap_or((0, f64::NAN));
            let held = s.val_loss();
            let worse = if held > s.constant_val_loss { format!(", worse than {task_guess} ({})", loss(s.constant_val_loss)) } else { String::new() };
            format!(
                "The validation loss was lowest at epoch {epoch} ({}) and rose to {}{worse} by epoch {}, while the training loss kept falling to {}: the network is fitting the training points' noise. Early stopping on validation loss, dropout, an L2 penalty or more data each help.",
                loss(lowest),
                loss(held),
                s.held.epoch,
                loss(s.held.train_loss)
            )
        }
        Regime::Underfitting => {
            let bar = if s.settings.data.shape == Shape::Sine {
                format!("more than {}× the noise variance ({})", format_number(UNDERFIT_NOISE_MULTIPLE), loss((s.settings.data.noise * s.settings.data.noise).max(MIN_NOISE_VARIANCE)))
            } else {
                format!("more than {} % of the constant guess's ({})", (UNDERFIT_SHARE_OF_GUESS * 100.0).round(), loss(s.constant_val_loss))
            };
            format!(
                "The validation loss ({}) is below {task_guess} ({}), but the training loss is still {} — {bar}: the network has not yet fit even its training points (underfitting, high bias), so a small gap between training and validation says nothing good. Too few updates (few epochs, or a big batch at an unscaled rate), too little capacity, vanishing gradients or too strong a penalty can each cause this.",
                loss(s.val_loss()),
                loss(s.constant_val_loss),
                loss(s.held.train_loss)
            )
        }
        Regime::Generalizes => format!(
            "The validation loss ({}) is below {task_guess} ({}), and the training loss ({}) is down to {}: the network fits its training points (it is not underfitting), and what it learned carries over to new points.",
            loss(s.val_loss()),
            loss(s.constant_val_loss),
            loss(s.held.train_loss),
            if s.settings.data.shape == Shape::Sine {
                format!("at most {}× the noise variance", format_number(UNDERFIT_NOISE_MULTIPLE))
            } else {
                format!("at most {} % of the guess's", (UNDERFIT_SHARE_OF_GUESS * 100.0).round())
            }
        ),
    };
    if let Some(note) = restored_note(s).filter(|_| !s.diverged()) {
        text.push_str(&note);
    }
    text
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
