//! The training lab's guided challenges, checked against the finished run's [`Snapshot`].

use super::presets::{OVERFITTING, VANISHING};
use super::run::Snapshot;
use super::settings::{Batch, OptimizerKind, StopKind, SLUG};
use crate::labs::{Challenge, ChallengeInfo};
use crate::datasets::toy2d::Shape;

/// The validation loss the dropout and early-stopping challenges ask to beat. A constant 50/50
/// guess scores ln 2 ≈ 0.69 on these balanced classes.
pub const TARGET_VAL_LOSS: f64 = 0.6;

fn calm(s: &Snapshot) -> bool {
    s.full_batch() && !s.diverged() && s.epochs_run() >= 50 && s.rises < 0.02 && s.last.train_loss < 0.5 * s.first.train_loss
}

fn scaled_batch(s: &Snapshot) -> bool {
    let c = &s.settings;
    c.data.shape == Shape::Circles && c.batch == Batch::Size(64) && c.optimizer == OptimizerKind::Sgd && c.epochs <= 200 && !s.diverged() && s.val_accuracy() >= 0.85
}

fn dropout_curbs_overfitting(s: &Snapshot) -> bool {
    let c = &s.settings;
    c.data.shape == Shape::Xor && c.dropout >= 0.1 && c.stop == StopKind::Budget && c.epochs >= 300 && c.l2 == 0.0 && c.l1 == 0.0 && !s.diverged() && s.val_loss() < TARGET_VAL_LOSS
}

fn restore_best(s: &Snapshot) -> bool {
    s.settings.data.shape == Shape::Xor && s.stopped_early && s.restored.is_some() && s.val_loss() < TARGET_VAL_LOSS
}

fn deep_network_learns(s: &Snapshot) -> bool {
    s.settings.data.shape == Shape::Circles && s.settings.layers == 6 && !s.diverged() && s.val_accuracy() >= 0.9
}

pub static CHALLENGES: [Challenge<Snapshot>; 5] = [
    Challenge {
        info: ChallengeInfo {
            id: "nn-calm-oscillation",
            lab: SLUG,
            title: "Calm the oscillation",
            prompt: "With full-batch training, lower the learning rate until the training loss stops going up and down (it rises in fewer than 2 % of epochs) and still falls to half its starting value.",
            hint: "Divide the learning rate by about three at a time and watch the training curve smooth out. Go too far and the loss barely moves in 300 epochs.",
            explanation: "With the whole training set in every batch there is no sampling noise, so a loss that rises between epochs can only mean the steps overshoot. Below the stability limit the loss falls every epoch; far below, it falls too slowly to get anywhere. That is the learning-rate trade-off again, on a real network.",
            setup: "data=circles&noise=0.1&size=400&batch=full&lr=3&opt=sgd&epochs=300&stop=budget&dropout=0&l1=0&l2=0&layers=2&units=8&act=tanh&seed=1",
            solution: "lr=0.3",
            wrong_answer: "lr=0.001",
            seed_pinned_because: None,
        },
        check: calm,
    },
    Challenge {
        info: ChallengeInfo {
            id: "nn-linear-scaling",
            lab: SLUG,
            title: "Bigger batches, same accuracy",
            prompt: "On circles with plain SGD, go from batch 8 to batch 64 and keep validation accuracy at 85 % or more, without raising the 200-epoch budget.",
            hint: "On the 200 training points batch 64 makes 4 updates per epoch where batch 8 makes 25. Changing the batch alone leaves the network far behind: what should happen to the learning rate?",
            explanation: "Each epoch sees the same data whatever the batch size, but a larger batch makes fewer, smoother updates. Scaling the learning rate by the same factor as the batch (the linear scaling rule, proposed by Goyal et al. for SGD) keeps the distance travelled per epoch about the same, so training keeps pace, until the scaled rate gets too large to be stable (full batches with a base rate of 0.2 make the loss jump up and down). For Adam the rule is only a heuristic.",
            setup: "data=circles&noise=0.1&size=400&batch=8&lr=0.03&opt=sgd&scale=0&epochs=200&stop=budget&dropout=0&l1=0&l2=0&layers=2&units=8&act=tanh&seed=1",
            solution: "batch=64&scale=1",
            wrong_answer: "batch=64",
            seed_pinned_because: Some("on an occasional other seed, batch 64 gets there without the linear scaling rule."),
        },
        check: scaled_batch,
    },
    Challenge {
        info: ChallengeInfo {
            id: "nn-dropout-gap",
            lab: SLUG,
            title: "Curb overfitting with dropout",
            prompt: "This network overfits 50 noisy XOR points: its validation loss ends above 1. With dropout alone (keep the 300-epoch budget, no early stopping, no penalties), bring the last epoch's validation loss below 0.6. A constant 50/50 guess scores 0.69.",
            hint: "Try 0.3 or 0.4. Much more, such as 0.9, does not count as a fix: the network becomes too weak to learn XOR and its loss sits at the guess's 0.69.",
            explanation: "Dropout trains a different thinned network at every step, so no unit can rely on particular others and the network cannot memorize 50 noisy points as easily: the validation loss climbs far less above its lowest, and the gap to the training loss narrows. Too much dropout underfits instead: even the training loss stays near the guess.",
            setup: OVERFITTING,
            solution: "dropout=0.4",
            wrong_answer: "dropout=0.9",
            seed_pinned_because: None,
        },
        check: dropout_curbs_overfitting,
    },
    Challenge {
        info: ChallengeInfo {
            id: "nn-restore-best",
            lab: SLUG,
            title: "Keep the best epoch",
            prompt: "This run overfits. Make early stopping end it before its budget, with the network holding weights whose validation loss is below 0.6.",
            hint: "The training-loss plateau rule cannot see overfitting: the training loss keeps falling. Watch the validation loss instead, and mind which weights the network holds when it stops.",
            explanation: "Validation patience watches the held-out loss and stops once it has not improved for that many epochs; with restore on, it rolls the weights back to the best epoch, so the run ends with the model that generalized best, not the last one. Without restore it keeps the last weights, which with a long patience (100 here) are already overfitted. Early stopping acts only during training: evaluation never uses it.",
            setup: "data=xor&noise=0.3&size=250&val=0.8&layers=3&units=16&act=tanh&opt=adam&lr=0.01&batch=10&dropout=0&epochs=300&stop=budget&patience=100&restore=0&seed=1",
            solution: "stop=patience&restore=1",
            wrong_answer: "stop=patience",
            seed_pinned_because: None,
        },
        check: restore_best,
    },
    Challenge {
        info: ChallengeInfo {
            id: "nn-vanishing-gradients",
            lab: SLUG,
            title: "Wake up a deep network",
            prompt: "Six sigmoid layers sit at a 50/50 guess on the circles. Keep all six hidden layers and reach 90 % validation accuracy.",
            hint: "A larger learning rate or a longer run does not help: in this stack the first layer's gradient is thousands to millions of times smaller than the last layer's. Look at what each layer does to the gradient on its way back.",
            explanation: "Backpropagation multiplies the gradient by every layer's activation slope on its way back. A sigmoid's slope is at most 0.25, so six of them shrink the gradient by orders of magnitude and the first layers barely learn: vanishing gradients. tanh's slope is 1 at zero, and ReLU's is 1 wherever a unit is active (with He initialization keeping activations from shrinking), so the gradient reaches the first layers and the same depth learns.",
            setup: VANISHING,
            solution: "act=tanh",
            wrong_answer: "lr=1",
            seed_pinned_because: None,
        },
        check: deep_network_learns,
    },
];
