//! The training lab's guided challenges, checked against the finished live run.

use super::state::SLUG;
use crate::challenge::{Challenge, ChallengeInfo};

/// What the challenges judge: a finished run and the settings that produced it.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainSnapshot {
    pub data: &'static str,
    pub batch: &'static str,
    pub scaled: bool,
    pub dropout: f64,
    pub diverged: bool,
    pub epochs_run: usize,
    /// Share of epochs whose training loss rose by more than 1 %.
    pub rises: f64,
    pub first_train_loss: f64,
    pub train_loss: f64,
    pub val_loss: f64,
    pub val_accuracy: f64,
    pub restored: Option<usize>,
    pub stopped_early: bool,
}

fn calm(s: &TrainSnapshot) -> bool {
    s.batch == "full" && !s.diverged && s.epochs_run >= 50 && s.rises < 0.02 && s.train_loss < 0.5 * s.first_train_loss
}

fn scaled_batch(s: &TrainSnapshot) -> bool {
    s.data == "circles" && s.batch == "64" && s.scaled && !s.diverged && s.val_accuracy >= 0.85
}

fn dropout_gap(s: &TrainSnapshot) -> bool {
    s.data == "spirals" && s.dropout >= 0.1 && !s.diverged && s.epochs_run >= 100 && (s.val_loss - s.train_loss).abs() < 0.1
}

fn restore_best(s: &TrainSnapshot) -> bool {
    s.stopped_early && s.restored.is_some()
}

pub static CHALLENGES: [Challenge<TrainSnapshot>; 4] = [
    Challenge {
        info: ChallengeInfo {
            id: "nn-calm-oscillation",
            lab: SLUG,
            title: "Calm the oscillation",
            prompt: "With full-batch training, lower the learning rate until the training loss stops going up and down (it rises in fewer than 2 % of epochs) and still falls by half.",
            hint: "Divide the learning rate by about three at a time and watch the training curve smooth out.",
            explanation: "With the whole training set in every batch there is no sampling noise, so a loss that rises between epochs can only mean the steps overshoot. Below the stability limit the loss falls every epoch; far below, it falls slowly. That is the learning-rate trade-off again, on a real network.",
            setup: "data=circles&noise=0.1&size=400&batch=full&lr=3&opt=sgd&epochs=300&stop=budget&dropout=0&l1=0&l2=0&layers=2&units=8&act=tanh",
            solution: "",
            wrong_answer: "",
        },
        check: calm,
    },
    Challenge {
        info: ChallengeInfo {
            id: "nn-linear-scaling",
            lab: SLUG,
            title: "Bigger batches, same accuracy",
            prompt: "On circles, go from batch 8 to batch 64 and keep validation accuracy at 85 % or more by using the linear scaling rule.",
            hint: "Batch 64 gives 8× fewer updates per epoch. Switch on the linear scaling rule so the learning rate grows 8× with it.",
            explanation: "Each epoch sees the same data whatever the batch size, but a larger batch makes fewer, smoother updates. Scaling the learning rate with the batch size (the linear scaling rule) keeps the distance travelled per epoch about the same, so training keeps pace — until the rate gets too large to be stable.",
            setup: "data=circles&noise=0.1&size=400&batch=8&lr=0.03&opt=sgd&scale=0&epochs=200&stop=budget&dropout=0&l1=0&l2=0&layers=2&units=8&act=tanh",
            solution: "",
            wrong_answer: "",
        },
        check: scaled_batch,
    },
    Challenge {
        info: ChallengeInfo {
            id: "nn-dropout-gap",
            lab: SLUG,
            title: "Close the gap with dropout",
            prompt: "On spirals, add dropout until the training and validation losses end within 0.1 of each other.",
            hint: "Without dropout the training loss dives while the validation loss climbs. Try 0.2, then 0.3.",
            explanation: "Dropout trains a different thinned network at every step, so no unit can rely on particular others: the network cannot memorize the training points as easily, and the train/validation gap closes. Notice it closes partly by training loss rising: regularization trades fit for generalization, and on a hard problem more capacity or data may be what is really needed.",
            setup: "data=spirals&noise=0.15&size=200&layers=3&units=16&opt=adam&lr=0.01&batch=10&dropout=0&epochs=300&stop=budget&act=tanh",
            solution: "",
            wrong_answer: "",
        },
        check: dropout_gap,
    },
    Challenge {
        info: ChallengeInfo {
            id: "nn-restore-best",
            lab: SLUG,
            title: "Keep the best epoch",
            prompt: "Make early stopping end the run before its budget and restore the weights of the best validation epoch.",
            hint: "Choose “Validation patience”; on an easily overfitted set (spirals, few points) the validation loss soon stops improving.",
            explanation: "Validation patience watches the held-out loss and stops once it has not improved for `patience` epochs, then rolls the weights back to the best epoch: the run ends with the model that generalized best, not the last one. It only acts during training: evaluation never uses it.",
            setup: "data=spirals&noise=0.15&size=200&layers=3&units=16&opt=adam&lr=0.01&batch=10&dropout=0&epochs=300&stop=budget&act=tanh",
            solution: "",
            wrong_answer: "",
        },
        check: restore_best,
    },
];
