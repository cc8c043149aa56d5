//! The training lab's knobs (its URL schema) and how they become a data set and a training run.

use crate::components::presets::Preset;
use hyperlab_ml::nn::{Activation, DataConfig, Decay, Optimizer, Schedule, Shape, StopRule, TrainConfig};
use hyperlab_ml::params::{Kind, ParamSpec, ParamState, Scale};

pub const SLUG: &str = "training";

pub const DATASETS: &[(&str, &str)] = &[
    ("circles", "Circles"),
    ("xor", "XOR"),
    ("gauss", "Two Gaussians"),
    ("spirals", "Spirals"),
    ("moons", "Moons"),
    ("sine", "Sine (regression)"),
];
pub const ACTIVATIONS: &[(&str, &str)] = &[("relu", "ReLU"), ("tanh", "tanh"), ("sigmoid", "sigmoid"), ("linear", "linear")];
pub const OPTIMIZERS: &[(&str, &str)] =
    &[("sgd", "SGD"), ("momentum", "SGD + momentum"), ("nesterov", "Nesterov momentum"), ("rmsprop", "RMSprop"), ("adam", "Adam")];
pub const SCHEDULES: &[(&str, &str)] = &[("constant", "Constant"), ("step", "Step decay (×0.5 every 50 epochs)"), ("cosine", "Cosine to 0"), ("warmup", "Linear warmup (10 epochs)")];
pub const BATCHES: &[(&str, &str)] = &[
    ("1", "1"), ("2", "2"), ("4", "4"), ("8", "8"), ("10", "10"), ("16", "16"), ("32", "32"), ("64", "64"), ("128", "128"), ("256", "256"), ("full", "Full batch"),
];
pub const STOPS: &[(&str, &str)] = &[("budget", "Fixed epoch budget"), ("plateau", "Training loss plateau"), ("patience", "Validation patience")];

/// The batch size the learning rate is quoted for; the linear scaling rule scales from it.
pub const BASE_BATCH: f64 = 8.0;

pub static SCHEMA: [ParamSpec; 26] = [
    ParamSpec { key: "data", label: "Data set", unit: "", hyper: false, help: "What the network learns to separate (or fit).", kind: Kind::Choice { options: DATASETS, default: 0 } },
    ParamSpec { key: "noise", label: "Noise", unit: "", hyper: false, help: "How much the points are jittered.", kind: Kind::Float { min: 0.0, max: 0.5, default: 0.1, scale: Scale::Linear, step: 0.01, zero: false } },
    ParamSpec { key: "size", label: "Points", unit: "", hyper: false, help: "Training and validation points together.", kind: Kind::Int { min: 40, max: 1000, default: 400 } },
    ParamSpec { key: "val", label: "Validation share", unit: "", hyper: false, help: "Share of the points held out to measure generalization.", kind: Kind::Float { min: 0.1, max: 0.9, default: 0.5, scale: Scale::Linear, step: 0.05, zero: false } },
    ParamSpec { key: "layers", label: "Hidden layers", unit: "", hyper: true, help: "Depth (0 is logistic regression).", kind: Kind::Int { min: 0, max: 6, default: 2 } },
    ParamSpec { key: "units", label: "Units per layer", unit: "", hyper: true, help: "Width of each hidden layer.", kind: Kind::Int { min: 1, max: 16, default: 8 } },
    ParamSpec { key: "act", label: "Activation", unit: "", hyper: true, help: "The non-linearity of the hidden units.", kind: Kind::Choice { options: ACTIVATIONS, default: 1 } },
    ParamSpec { key: "opt", label: "Optimizer", unit: "", hyper: true, help: "How each gradient becomes an update.", kind: Kind::Choice { options: OPTIMIZERS, default: 0 } },
    ParamSpec { key: "lr", label: "Learning rate", unit: "η", hyper: true, help: "Step size of each update: the most important knob.", kind: Kind::Float { min: 1e-4, max: 10.0, default: 0.03, scale: Scale::Log, step: 0.0, zero: false } },
    ParamSpec { key: "mom", label: "Momentum", unit: "μ", hyper: true, help: "For the momentum optimizers: how much of the last update carries on.", kind: Kind::Float { min: 0.0, max: 0.99, default: 0.9, scale: Scale::Linear, step: 0.01, zero: false } },
    ParamSpec { key: "rho", label: "RMSprop decay", unit: "α", hyper: true, help: "How slowly RMSprop's running average of squared gradients forgets.", kind: Kind::Float { min: 0.5, max: 0.999, default: 0.99, scale: Scale::Linear, step: 0.001, zero: false } },
    ParamSpec { key: "beta1", label: "Adam β₁", unit: "", hyper: true, help: "Decay of Adam's running mean of gradients (its momentum).", kind: Kind::Float { min: 0.0, max: 0.999, default: 0.9, scale: Scale::Linear, step: 0.001, zero: false } },
    ParamSpec { key: "beta2", label: "Adam β₂", unit: "", hyper: true, help: "Decay of Adam's running mean of squared gradients.", kind: Kind::Float { min: 0.9, max: 0.9999, default: 0.999, scale: Scale::Linear, step: 0.0001, zero: false } },
    ParamSpec { key: "batch", label: "Batch size", unit: "", hyper: true, help: "Points per update: small batches give noisy, frequent updates; large ones smooth, rare updates.", kind: Kind::Choice { options: BATCHES, default: 4 } },
    ParamSpec { key: "scale", label: "Linear scaling rule", unit: "", hyper: true, help: "Multiply the learning rate by batch size ÷ 8 (the batch it was tuned for), as the rule says when batches grow.", kind: Kind::Bool { default: false } },
    ParamSpec { key: "sched", label: "Learning-rate schedule", unit: "", hyper: true, help: "How the learning rate changes over training.", kind: Kind::Choice { options: SCHEDULES, default: 0 } },
    ParamSpec { key: "dropout", label: "Dropout", unit: "p", hyper: true, help: "Chance each hidden unit is ignored in a training step (never at evaluation).", kind: Kind::Float { min: 0.0, max: 0.9, default: 0.0, scale: Scale::Linear, step: 0.05, zero: false } },
    ParamSpec { key: "l1", label: "L1 penalty", unit: "λ₁", hyper: true, help: "Pushes weights to exactly zero.", kind: Kind::Float { min: 1e-6, max: 1.0, default: 0.0, scale: Scale::Log, step: 0.0, zero: true } },
    ParamSpec { key: "l2", label: "L2 penalty", unit: "λ₂", hyper: true, help: "Shrinks all weights (weight decay).", kind: Kind::Float { min: 1e-6, max: 1.0, default: 0.0, scale: Scale::Log, step: 0.0, zero: true } },
    ParamSpec { key: "epochs", label: "Epoch budget", unit: "", hyper: true, help: "Passes over the training data, at most.", kind: Kind::Int { min: 10, max: 1000, default: 300 } },
    ParamSpec { key: "stop", label: "Early stopping", unit: "", hyper: true, help: "When to stop before the budget runs out.", kind: Kind::Choice { options: STOPS, default: 0 } },
    ParamSpec { key: "patience", label: "Patience", unit: "epochs", hyper: true, help: "Epochs without improvement before stopping.", kind: Kind::Int { min: 1, max: 100, default: 20 } },
    ParamSpec { key: "tol", label: "Plateau tolerance", unit: "", hyper: true, help: "Training-loss plateau: the smallest improvement that still counts.", kind: Kind::Float { min: 1e-6, max: 0.1, default: 1e-4, scale: Scale::Log, step: 0.0, zero: false } },
    ParamSpec { key: "restore", label: "Restore best weights", unit: "", hyper: true, help: "Validation patience: end with the weights of the best validation epoch, not the last.", kind: Kind::Bool { default: true } },
    ParamSpec { key: "seed", label: "Seed", unit: "", hyper: false, help: "Fixes the data and the initial weights.", kind: Kind::Int { min: 0, max: 9999, default: 1 } },
    ParamSpec { key: "shuffle", label: "Reshuffle seed", unit: "", hyper: false, help: "Only the batch order and dropout masks: change it to see run-to-run variation from the same start.", kind: Kind::Int { min: 0, max: 9999, default: 1 } },
];

pub fn data_of(p: &ParamState) -> DataConfig {
    let shape = match p.choice_slug("data") {
        "xor" => Shape::Xor,
        "gauss" => Shape::TwoGaussians,
        "spirals" => Shape::Spirals,
        "moons" => Shape::Moons,
        "sine" => Shape::Sine,
        _ => Shape::Circles,
    };
    DataConfig { shape, size: p.int("size").max(2) as usize, noise: p.float("noise"), validation_fraction: p.float("val"), seed: p.int("seed").max(0) as u64 }
}

/// Training points per batch (full batch = every training point).
pub fn batch_of(p: &ParamState, train_size: usize) -> usize {
    match p.choice_slug("batch") {
        "full" => train_size.max(1),
        s => s.parse().unwrap_or(10),
    }
    .clamp(1, 1024)
}

/// The factor the linear scaling rule applies to the learning rate (1 when off).
pub fn scaling_factor(p: &ParamState, train_size: usize) -> f64 {
    if p.flag("scale") { batch_of(p, train_size) as f64 / BASE_BATCH } else { 1.0 }
}

pub fn config_of(p: &ParamState, train_size: usize) -> TrainConfig {
    let lr = p.float("lr") * scaling_factor(p, train_size);
    let mom = p.float("mom");
    let optimizer = match p.choice_slug("opt") {
        "momentum" => Optimizer::Momentum { learning_rate: lr, momentum: mom, nesterov: false },
        "nesterov" => Optimizer::Momentum { learning_rate: lr, momentum: mom, nesterov: true },
        "rmsprop" => Optimizer::RmsProp { learning_rate: lr, alpha: p.float("rho"), eps: 1e-8 },
        "adam" => Optimizer::Adam { learning_rate: lr, beta1: p.float("beta1"), beta2: p.float("beta2"), eps: 1e-8 },
        _ => Optimizer::Sgd { learning_rate: lr },
    };
    let epochs = p.int("epochs").max(1) as usize;
    let schedule = match p.choice_slug("sched") {
        "step" => Schedule { warmup_epochs: 0, decay: Decay::Step { every_epochs: 50, factor: 0.5 } },
        "cosine" => Schedule { warmup_epochs: 0, decay: Decay::Cosine { epochs, floor: 0.0 } },
        "warmup" => Schedule::warmup(10),
        _ => Schedule::constant(),
    };
    let patience = p.int("patience").max(1) as usize;
    let stopping = match p.choice_slug("stop") {
        "plateau" => StopRule::TrainPlateau { tolerance: p.float("tol"), patience },
        "patience" => StopRule::ValidationPatience { patience, min_delta: 0.0, restore_best: p.flag("restore") },
        _ => StopRule::Budget,
    };
    let activation = match p.choice_slug("act") {
        "relu" => Activation::Relu,
        "sigmoid" => Activation::Sigmoid,
        "linear" => Activation::Linear,
        _ => Activation::Tanh,
    };
    TrainConfig {
        hidden: vec![p.int("units").clamp(1, 16) as usize; p.int("layers").clamp(0, 6) as usize],
        activation,
        optimizer,
        schedule,
        batch_size: batch_of(p, train_size),
        dropout: p.float("dropout"),
        l1: p.float("l1"),
        l2: p.float("l2"),
        max_epochs: epochs,
        stopping,
        init_seed: p.int("seed").max(0) as u64,
        shuffle_seed: p.int("shuffle").max(0) as u64,
        ..TrainConfig::default()
    }
}


pub const PRESETS: &[Preset] = &[
    Preset {
        name: "Playground default",
        claim: "TensorFlow Playground's starting point: two tanh layers of 8, SGD at 0.03, batches of 10. It learns the circles steadily.",
        query: "data=circles&noise=0.1&size=400&layers=2&units=8&act=tanh&opt=sgd&lr=0.03&batch=10&epochs=300&stop=budget",
    },
    Preset {
        name: "Learning rate too large",
        claim: "Full-batch SGD at η = 3: the training loss bounces up and down instead of falling smoothly.",
        query: "data=circles&noise=0.1&size=400&layers=2&units=8&act=tanh&opt=sgd&lr=3&batch=full&epochs=300&stop=budget",
    },
    Preset {
        name: "Diverging regression",
        claim: "On the sine regression, η = 1 makes the squared error explode in the first epoch: the run stops as diverged.",
        query: "data=sine&noise=0.1&size=400&layers=2&units=8&act=tanh&opt=sgd&lr=1&batch=10&epochs=200&stop=budget",
    },
    Preset {
        name: "Overfitting spirals",
        claim: "A wide network on few, noisy spiral points: training loss keeps falling while validation loss turns up.",
        query: "data=spirals&noise=0.15&size=200&layers=3&units=16&act=tanh&opt=adam&lr=0.01&batch=10&dropout=0&epochs=300&stop=budget",
    },
    Preset {
        name: "Early stopping",
        claim: "The same overfitting run with validation patience: it stops when validation loss stalls and restores the best epoch.",
        query: "data=spirals&noise=0.15&size=200&layers=3&units=16&act=tanh&opt=adam&lr=0.01&batch=10&dropout=0&epochs=300&stop=patience&patience=20",
    },
    Preset {
        name: "Big batch, no scaling",
        claim: "Batch 64 with the learning rate tuned for batch 8: 8× fewer updates per epoch, so training lags. Switch on the linear scaling rule to fix it.",
        query: "data=circles&noise=0.1&size=400&layers=2&units=8&act=tanh&opt=sgd&lr=0.03&batch=64&scale=0&epochs=200&stop=budget",
    },
];
