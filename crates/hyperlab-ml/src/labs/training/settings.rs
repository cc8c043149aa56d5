//! The training lab's knobs: its URL schema, and the typed [`Settings`] parsed from it once.
//! Every bound the model, the clamp and the texts use comes from a constant here or in
//! [`crate::nn`].

use crate::nn::{Activation, Decay, Optimizer, Schedule, StopRule, TrainConfig, MAX_DROPOUT, MAX_HIDDEN_LAYERS, MAX_WIDTH};
use crate::datasets::toy2d::{DataConfig, Shape};
use crate::schema::{Kind, ParamSpec, ParamState, Scale, Value};

pub const SLUG: &str = "training";

/// The batch size the learning rate is quoted for; the linear scaling rule scales from it.
pub const BASE_BATCH: usize = 8;
/// Epochs of the step-decay schedule between halvings.
pub const STEP_DECAY_EVERY: usize = 50;
/// Epochs of linear warm-up.
pub const WARMUP_EPOCHS: usize = 10;
pub const MIN_POINTS: i64 = 40;
pub const MAX_POINTS: i64 = 1000;
pub const MAX_EPOCHS: i64 = 1000;
pub const MIN_LEARNING_RATE: f64 = 1e-4;

/// In the order of [`Activation::ALL`].
pub const ACTIVATIONS: &[(&str, &str)] = &[("relu", "ReLU"), ("tanh", "tanh"), ("sigmoid", "sigmoid"), ("linear", "linear")];
/// In the order of [`OptimizerKind::ALL`].
pub const OPTIMIZERS: &[(&str, &str)] =
    &[("sgd", "SGD"), ("momentum", "SGD + momentum"), ("nesterov", "Nesterov momentum"), ("rmsprop", "RMSprop"), ("adam", "Adam")];
/// In the order of [`ScheduleKind::ALL`].
pub const SCHEDULES: &[(&str, &str)] =
    &[("constant", "Constant"), ("step", "Step decay (×0.5 every 50 epochs)"), ("cosine", "Cosine to 0"), ("warmup", "Linear warm-up (10 epochs)")];
/// Batch sizes offered; the last option is the full batch.
pub const BATCH_SIZES: [usize; 10] = [1, 2, 4, 8, 10, 16, 32, 64, 128, 256];
pub const BATCHES: &[(&str, &str)] = &[
    ("1", "1"), ("2", "2"), ("4", "4"), ("8", "8"), ("10", "10"), ("16", "16"), ("32", "32"), ("64", "64"), ("128", "128"), ("256", "256"), ("full", "Full batch"),
];
/// In the order of [`StopKind::ALL`].
pub const STOPS: &[(&str, &str)] = &[("budget", "Fixed epoch budget"), ("plateau", "Training loss plateau"), ("patience", "Validation patience")];

pub static SCHEMA: [ParamSpec; 26] = [
    ParamSpec { key: "data", label: "Data set", unit: "", hyper: false, help: "What the network learns to separate (or, for the sine, to fit).", kind: Kind::Choice { options: Shape::OPTIONS, default: 0 } },
    ParamSpec { key: "noise", label: "Noise", unit: "", hyper: false, help: "Standard deviation of the Gaussian jitter added to every coordinate (to y only, on the sine), in units of the square from −1 to 1 the points are drawn in.", kind: Kind::Float { min: 0.0, max: 0.5, default: 0.1, scale: Scale::Linear, step: 0.01, zero: false } },
    ParamSpec { key: "size", label: "Points", unit: "", hyper: false, help: "Training and validation points together.", kind: Kind::Int { min: MIN_POINTS, max: MAX_POINTS, default: 400 } },
    ParamSpec { key: "val", label: "Validation share", unit: "", hyper: false, help: "Share of the points held out: never trained on, only used to measure generalization.", kind: Kind::Float { min: 0.1, max: 0.9, default: 0.5, scale: Scale::Linear, step: 0.05, zero: false } },
    ParamSpec { key: "layers", label: "Hidden layers", unit: "", hyper: true, help: "Depth. With 0 the network is a linear model (logistic regression for the classes).", kind: Kind::Int { min: 0, max: MAX_HIDDEN_LAYERS as i64, default: 2 } },
    ParamSpec { key: "units", label: "Units per layer", unit: "", hyper: true, help: "Width of each hidden layer.", kind: Kind::Int { min: 1, max: MAX_WIDTH as i64, default: 8 } },
    ParamSpec { key: "act", label: "Activation", unit: "", hyper: true, help: "The non-linearity of the hidden units. The initial weights suit it: He initialization for ReLU, Glorot (Xavier) for the others.", kind: Kind::Choice { options: ACTIVATIONS, default: 1 } },
    ParamSpec { key: "opt", label: "Optimizer", unit: "", hyper: true, help: "How each gradient becomes an update.", kind: Kind::Choice { options: OPTIMIZERS, default: 0 } },
    ParamSpec { key: "lr", label: "Learning rate", unit: "η", hyper: true, help: "Step size of each update. Often the most important knob: if you can tune only one hyperparameter, tune this one (Goodfellow, Bengio and Courville, Deep Learning, 11.4.1).", kind: Kind::Float { min: MIN_LEARNING_RATE, max: 10.0, default: 0.03, scale: Scale::Log, step: 0.0, zero: false } },
    ParamSpec { key: "mom", label: "Momentum", unit: "μ", hyper: true, help: "For the momentum optimizers: how much of the last update carries on.", kind: Kind::Float { min: 0.0, max: 0.99, default: 0.9, scale: Scale::Linear, step: 0.01, zero: false } },
    ParamSpec { key: "rho", label: "RMSprop decay", unit: "α", hyper: true, help: "How slowly RMSprop's running average of squared gradients forgets.", kind: Kind::Float { min: 0.5, max: 0.999, default: 0.99, scale: Scale::Linear, step: 0.001, zero: false } },
    ParamSpec { key: "beta1", label: "Adam β₁", unit: "", hyper: true, help: "Decay of Adam's running mean of gradients (its momentum).", kind: Kind::Float { min: 0.0, max: 0.999, default: 0.9, scale: Scale::Linear, step: 0.001, zero: false } },
    ParamSpec { key: "beta2", label: "Adam β₂", unit: "", hyper: true, help: "Decay of Adam's running mean of squared gradients.", kind: Kind::Float { min: 0.9, max: 0.9999, default: 0.999, scale: Scale::Linear, step: 0.0001, zero: false } },
    ParamSpec { key: "batch", label: "Batch size", unit: "", hyper: true, help: "Points per update. An epoch makes (training points ÷ batch size, rounded up) updates: small batches update often on noisy gradient estimates, large ones rarely on smooth ones.", kind: Kind::Choice { options: BATCHES, default: 4 } },
    ParamSpec { key: "scale", label: "Linear scaling rule", unit: "", hyper: true, help: "Multiply the learning rate by batch size ÷ 8: the learning rate you set counts as the one for batches of 8 (so at batch size 8 the rule changes nothing, at 16 it doubles the rate). Goyal et al. derived the rule for SGD; for Adam and RMSprop it is only a heuristic (square-root scaling is often used instead).", kind: Kind::Bool { default: false } },
    ParamSpec { key: "sched", label: "Learning-rate schedule", unit: "", hyper: true, help: "How the learning rate changes over training. Warm-up climbs from near 0 to the full rate over 10 epochs; Goyal et al. use it with the linear scaling rule, to ease into a large scaled rate.", kind: Kind::Choice { options: SCHEDULES, default: 0 } },
    ParamSpec { key: "dropout", label: "Dropout", unit: "p", hyper: true, help: "Chance each hidden unit is dropped in a training step; survivors are scaled by 1/(1 − p) (inverted dropout). Never applied at evaluation.", kind: Kind::Float { min: 0.0, max: MAX_DROPOUT, default: 0.0, scale: Scale::Linear, step: 0.05, zero: false } },
    ParamSpec { key: "l1", label: "L1 penalty", unit: "λ₁", hyper: true, help: "Adds λ₁·Σ|w| over the weights to the loss: pushes weights towards zero. With these gradient updates they end near zero, not exactly at it.", kind: Kind::Float { min: 1e-6, max: 1.0, default: 0.0, scale: Scale::Log, step: 0.0, zero: true } },
    ParamSpec { key: "l2", label: "L2 penalty", unit: "λ₂", hyper: true, help: "Adds ½·λ₂·Σw² over the weights to the loss, so λ₂·w joins each weight's gradient. With plain SGD that is weight decay; with Adam or RMSprop it is not the decoupled weight decay of AdamW.", kind: Kind::Float { min: 1e-6, max: 1.0, default: 0.0, scale: Scale::Log, step: 0.0, zero: true } },
    ParamSpec { key: "epochs", label: "Epoch budget", unit: "", hyper: true, help: "Passes over the training data, at most.", kind: Kind::Int { min: 10, max: MAX_EPOCHS, default: 300 } },
    ParamSpec { key: "stop", label: "Early stopping", unit: "", hyper: true, help: "When to stop: after the whole budget; once the training loss stops improving by the tolerance; or once the validation loss stops improving (patience), optionally restoring the best epoch's weights.", kind: Kind::Choice { options: STOPS, default: 0 } },
    ParamSpec { key: "patience", label: "Patience", unit: "epochs", hyper: true, help: "Epochs in a row without improvement before stopping.", kind: Kind::Int { min: 1, max: 100, default: 20 } },
    ParamSpec { key: "tol", label: "Plateau tolerance", unit: "", hyper: true, help: "Training-loss plateau: the smallest improvement that still counts.", kind: Kind::Float { min: 1e-6, max: 0.1, default: 1e-4, scale: Scale::Log, step: 0.0, zero: false } },
    ParamSpec { key: "restore", label: "Restore best weights", unit: "", hyper: true, help: "Validation patience: end with the weights of the best validation epoch, not the last.", kind: Kind::Bool { default: true } },
    ParamSpec { key: "seed", label: "Seed", unit: "", hyper: false, help: "Fixes the data and the initial weights.", kind: Kind::Int { min: 0, max: 9999, default: 1 } },
    ParamSpec { key: "shuffle", label: "Reshuffle seed", unit: "", hyper: false, help: "Only the batch order and dropout masks: change it to see run-to-run variation from the same start.", kind: Kind::Int { min: 0, max: 9999, default: 1 } },
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptimizerKind {
    Sgd,
    Momentum,
    Nesterov,
    RmsProp,
    Adam,
}

impl OptimizerKind {
    pub const ALL: [OptimizerKind; 5] = [Self::Sgd, Self::Momentum, Self::Nesterov, Self::RmsProp, Self::Adam];
    /// RMSprop and Adam scale each weight's step by its own gradient history.
    pub fn is_adaptive(self) -> bool {
        matches!(self, Self::RmsProp | Self::Adam)
    }
    pub fn uses_momentum(self) -> bool {
        matches!(self, Self::Momentum | Self::Nesterov)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScheduleKind {
    Constant,
    StepDecay,
    Cosine,
    Warmup,
}

impl ScheduleKind {
    pub const ALL: [ScheduleKind; 4] = [Self::Constant, Self::StepDecay, Self::Cosine, Self::Warmup];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopKind {
    Budget,
    Plateau,
    Patience,
}

impl StopKind {
    pub const ALL: [StopKind; 3] = [Self::Budget, Self::Plateau, Self::Patience];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Batch {
    Size(usize),
    /// Every training point in every update.
    Full,
}

impl Batch {
    /// Points per update for a training set of `train_size` points.
    pub fn points(self, train_size: usize) -> usize {
        match self {
            Batch::Size(b) => b.min(train_size.max(1)),
            Batch::Full => train_size.max(1),
        }
    }
}

/// Every knob of the lab, typed. Parsed from the URL state once; the model and the texts read
/// these fields, never a string key.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    pub data: Shape,
    pub noise: f64,
    pub size: usize,
    pub validation_share: f64,
    pub layers: usize,
    pub units: usize,
    pub activation: Activation,
    pub optimizer: OptimizerKind,
    pub learning_rate: f64,
    pub momentum: f64,
    pub rho: f64,
    pub beta1: f64,
    pub beta2: f64,
    pub batch: Batch,
    pub linear_scaling: bool,
    pub schedule: ScheduleKind,
    pub dropout: f64,
    pub l1: f64,
    pub l2: f64,
    pub epochs: usize,
    pub stop: StopKind,
    pub patience: usize,
    pub tolerance: f64,
    pub restore_best: bool,
    pub seed: u64,
    pub shuffle_seed: u64,
}

defaults_from_schema!(Settings, SCHEMA);

fn pick<T: Copy>(all: &[T], index: usize) -> T {
    all[index.min(all.len() - 1)]
}

impl Settings {
    /// Reads a (parsed and clamped) state of [`SCHEMA`].
    pub fn from_params(p: &ParamState) -> Self {
        let batch_index = p.choice("batch");
        Settings {
            data: pick(&Shape::ALL, p.choice("data")),
            noise: p.float("noise"),
            size: p.int("size").max(MIN_POINTS) as usize,
            validation_share: p.float("val"),
            layers: p.int("layers").clamp(0, MAX_HIDDEN_LAYERS as i64) as usize,
            units: p.int("units").clamp(1, MAX_WIDTH as i64) as usize,
            activation: pick(&Activation::ALL, p.choice("act")),
            optimizer: pick(&OptimizerKind::ALL, p.choice("opt")),
            learning_rate: p.float("lr"),
            momentum: p.float("mom"),
            rho: p.float("rho"),
            beta1: p.float("beta1"),
            beta2: p.float("beta2"),
            batch: BATCH_SIZES.get(batch_index).map_or(Batch::Full, |&b| Batch::Size(b)),
            linear_scaling: p.flag("scale"),
            schedule: pick(&ScheduleKind::ALL, p.choice("sched")),
            dropout: p.float("dropout"),
            l1: p.float("l1"),
            l2: p.float("l2"),
            epochs: p.int("epochs").max(1) as usize,
            stop: pick(&StopKind::ALL, p.choice("stop")),
            patience: p.int("patience").max(1) as usize,
            tolerance: p.float("tol"),
            restore_best: p.flag("restore"),
            seed: p.int("seed").max(0) as u64,
            shuffle_seed: p.int("shuffle").max(0) as u64,
        }
    }

    /// Parses an untrusted query: the settings and the notices about what was replaced.
    pub fn from_query(query: &str) -> (Self, Vec<crate::schema::Notice>) {
        let (p, notices) = ParamState::from_query(&SCHEMA, query);
        (Settings::from_params(&p), notices)
    }

    /// The URL state of these settings (clamped by the schema).
    pub fn to_params(&self) -> ParamState {
        let mut p = ParamState::defaults(&SCHEMA);
        p.set("data", Value::Choice(Shape::ALL.iter().position(|x| *x == self.data).unwrap_or(0)));
        p.set("noise", Value::Float(self.noise));
        p.set("size", Value::Int(self.size as i64));
        p.set("val", Value::Float(self.validation_share));
        p.set("layers", Value::Int(self.layers as i64));
        p.set("units", Value::Int(self.units as i64));
        p.set("act", Value::Choice(Activation::ALL.iter().position(|x| *x == self.activation).unwrap_or(0)));
        p.set("opt", Value::Choice(OptimizerKind::ALL.iter().position(|x| *x == self.optimizer).unwrap_or(0)));
        p.set("lr", Value::Float(self.learning_rate));
        p.set("mom", Value::Float(self.momentum));
        p.set("rho", Value::Float(self.rho));
        p.set("beta1", Value::Float(self.beta1));
        p.set("beta2", Value::Float(self.beta2));
        let batch = match self.batch {
            Batch::Size(b) => BATCH_SIZES.iter().position(|&x| x == b).unwrap_or(4),
            Batch::Full => BATCH_SIZES.len(),
        };
        p.set("batch", Value::Choice(batch));
        p.set("scale", Value::Bool(self.linear_scaling));
        p.set("sched", Value::Choice(ScheduleKind::ALL.iter().position(|x| *x == self.schedule).unwrap_or(0)));
        p.set("dropout", Value::Float(self.dropout));
        p.set("l1", Value::Float(self.l1));
        p.set("l2", Value::Float(self.l2));
        p.set("epochs", Value::Int(self.epochs as i64));
        p.set("stop", Value::Choice(StopKind::ALL.iter().position(|x| *x == self.stop).unwrap_or(0)));
        p.set("patience", Value::Int(self.patience as i64));
        p.set("tol", Value::Float(self.tolerance));
        p.set("restore", Value::Bool(self.restore_best));
        p.set("seed", Value::Int(self.seed as i64));
        p.set("shuffle", Value::Int(self.shuffle_seed as i64));
        p
    }

    pub fn data_config(&self) -> DataConfig {
        DataConfig { shape: self.data, size: self.size, noise: self.noise, validation_fraction: self.validation_share, seed: self.seed }
    }

    /// Training points for these settings (the validation share is held out per class).
    pub fn train_size(&self) -> usize {
        self.data_config().build().map_or(1, |d| d.train.len())
    }

    /// The factor the linear scaling rule applies to the learning rate (1 when off).
    pub fn scaling_factor(&self, train_size: usize) -> f64 {
        if self.linear_scaling { self.batch.points(train_size) as f64 / BASE_BATCH as f64 } else { 1.0 }
    }

    /// The rate the optimizer is given: the learning rate, times the scaling factor.
    pub fn effective_learning_rate(&self, train_size: usize) -> f64 {
        self.learning_rate * self.scaling_factor(train_size)
    }

    /// Whether the network is a deep stack of sigmoid units, where gradients vanish.
    pub fn is_deep_sigmoid(&self) -> bool {
        self.activation == Activation::Sigmoid && self.layers >= 4
    }

    pub fn train_config(&self, train_size: usize) -> TrainConfig {
        let lr = self.effective_learning_rate(train_size);
        let optimizer = match self.optimizer {
            OptimizerKind::Sgd => Optimizer::Sgd { learning_rate: lr },
            OptimizerKind::Momentum => Optimizer::Momentum { learning_rate: lr, momentum: self.momentum, nesterov: false },
            OptimizerKind::Nesterov => Optimizer::Momentum { learning_rate: lr, momentum: self.momentum, nesterov: true },
            OptimizerKind::RmsProp => Optimizer::RmsProp { learning_rate: lr, alpha: self.rho, eps: 1e-8 },
            OptimizerKind::Adam => Optimizer::Adam { learning_rate: lr, beta1: self.beta1, beta2: self.beta2, eps: 1e-8 },
        };
        let schedule = match self.schedule {
            ScheduleKind::Constant => Schedule::constant(),
            ScheduleKind::StepDecay => Schedule { warmup_epochs: 0, decay: Decay::Step { every_epochs: STEP_DECAY_EVERY, factor: 0.5 } },
            ScheduleKind::Cosine => Schedule { warmup_epochs: 0, decay: Decay::Cosine { epochs: self.epochs, floor: 0.0 } },
            ScheduleKind::Warmup => Schedule::warmup(WARMUP_EPOCHS),
        };
        let stopping = match self.stop {
            StopKind::Budget => StopRule::Budget,
            StopKind::Plateau => StopRule::TrainPlateau { tolerance: self.tolerance, patience: self.patience },
            StopKind::Patience => StopRule::ValidationPatience { patience: self.patience, min_delta: 0.0, restore_best: self.restore_best },
        };
        TrainConfig {
            hidden: vec![self.units; self.layers],
            activation: self.activation,
            optimizer,
            schedule,
            batch_size: self.batch.points(train_size),
            dropout: self.dropout,
            l1: self.l1,
            l2: self.l2,
            max_epochs: self.epochs,
            stopping,
            init_seed: self.seed,
            shuffle_seed: self.shuffle_seed,
            ..TrainConfig::default()
        }
    }
}
