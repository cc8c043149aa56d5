//! The training lab's knobs: its URL schema, and the typed [`Settings`] parsed from it once.
//! Every bound the model, the clamp and the texts use comes from a constant here or in
//! [`crate::nn`].

use crate::nn::{Activation, Decay, Optimizer, Schedule, StopRule, TrainConfig, MAX_DROPOUT, MAX_HIDDEN_LAYERS, MAX_WIDTH};
use crate::datasets::toy2d::{DataConfig, Shape};
use crate::labs::{pick, toy_data};
use crate::schema::{Kind, ParamSpec, ParamState, Value};

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
    ParamSpec::setting("data", "Data set", Kind::choice(Shape::OPTIONS, 0), "What the network learns to separate (or, for the sine, to fit)."),
    ParamSpec::setting("noise", "Noise", Kind::linear(0.0, 0.5, 0.1, 0.01), "Standard deviation of the Gaussian jitter added to every coordinate (to y only, on the sine), in units of the square from −1 to 1 the points are drawn in."),
    ParamSpec::setting("size", "Points", Kind::int(MIN_POINTS, MAX_POINTS, 400), "Training and validation points together."),
    ParamSpec::setting("val", "Validation share", Kind::linear(0.1, 0.9, 0.5, 0.05), "Share of the points held out: never trained on, only used to measure generalization."),
    ParamSpec::hyper("layers", "Hidden layers", Kind::int(0, MAX_HIDDEN_LAYERS as i64, 2), "Depth. With 0 the network is a linear model (logistic regression for the classes)."),
    ParamSpec::hyper("units", "Units per layer", Kind::int(1, MAX_WIDTH as i64, 8), "Width of each hidden layer."),
    ParamSpec::hyper("act", "Activation", Kind::choice(ACTIVATIONS, 1), "The non-linearity of the hidden units. The initial weights suit it: He initialization for ReLU, Glorot (Xavier) for the others."),
    ParamSpec::hyper("opt", "Optimizer", Kind::choice(OPTIMIZERS, 0), "How each gradient becomes an update."),
    ParamSpec::hyper("lr", "Learning rate", Kind::log(MIN_LEARNING_RATE, 10.0, 0.03), "Step size of each update. Often the most important knob: if you can tune only one hyperparameter, tune this one (Goodfellow, Bengio and Courville, Deep Learning, 11.4.1).").unit("η"),
    ParamSpec::hyper("mom", "Momentum", Kind::linear(0.0, 0.99, 0.9, 0.01), "For the momentum optimizers: how much of the last update carries on.").unit("μ"),
    ParamSpec::hyper("rho", "RMSprop decay", Kind::linear(0.5, 0.999, 0.99, 0.001), "How slowly RMSprop's running average of squared gradients forgets.").unit("α"),
    ParamSpec::hyper("beta1", "Adam β₁", Kind::linear(0.0, 0.999, 0.9, 0.001), "Decay of Adam's running mean of gradients (its momentum)."),
    ParamSpec::hyper("beta2", "Adam β₂", Kind::linear(0.9, 0.9999, 0.999, 0.0001), "Decay of Adam's running mean of squared gradients."),
    ParamSpec::hyper("batch", "Batch size", Kind::choice(BATCHES, 4), "Points per update. An epoch makes (training points ÷ batch size, rounded up) updates: small batches update often on noisy gradient estimates, large ones rarely on smooth ones."),
    ParamSpec::hyper("scale", "Linear scaling rule", Kind::switch(false), "Multiply the learning rate by batch size ÷ 8: the learning rate you set counts as the one for batches of 8 (so at batch size 8 the rule changes nothing, at 16 it doubles the rate). Goyal et al. proposed the rule for SGD; for Adam and RMSprop it is only a heuristic (square-root scaling is often used instead)."),
    ParamSpec::hyper("sched", "Learning-rate schedule", Kind::choice(SCHEDULES, 0), "How the learning rate changes over training. Warm-up climbs from near 0 to the full rate over 10 epochs; Goyal et al. use it with the linear scaling rule, to ease into a large scaled rate."),
    ParamSpec::hyper("dropout", "Dropout", Kind::linear(0.0, MAX_DROPOUT, 0.0, 0.05), "Chance each hidden unit is dropped in a training step; survivors are scaled by 1/(1 − p) (inverted dropout). Never applied at evaluation.").unit("p"),
    ParamSpec::hyper("l1", "L1 penalty", Kind::log_or_off(1e-6, 1.0, 0.0), "Adds λ₁·Σ|w| over the weights to the loss: pushes weights towards zero. With these gradient updates they end near zero, not exactly at it.").unit("λ₁"),
    ParamSpec::hyper("l2", "L2 penalty", Kind::log_or_off(1e-6, 1.0, 0.0), "Adds ½·λ₂·Σw² over the weights to the loss, so λ₂·w joins each weight's gradient. With plain SGD that is weight decay; with Adam or RMSprop it is not the decoupled weight decay of AdamW.").unit("λ₂"),
    ParamSpec::hyper("epochs", "Epoch budget", Kind::int(10, MAX_EPOCHS, 300), "Passes over the training data, at most."),
    ParamSpec::hyper("stop", "Early stopping", Kind::choice(STOPS, 0), "When to stop: after the whole budget; once the training loss stops improving by the tolerance; or once the validation loss stops improving (patience), optionally restoring the best epoch's weights."),
    ParamSpec::hyper("patience", "Patience", Kind::int(1, 100, 20), "Epochs in a row without improvement before stopping.").unit("epochs"),
    ParamSpec::hyper("tol", "Plateau tolerance", Kind::log(1e-6, 0.1, 1e-4), "Training-loss plateau: the smallest improvement that still counts."),
    ParamSpec::hyper("restore", "Restore best weights", Kind::switch(true), "Validation patience: end with the weights of the best validation epoch, not the last."),
    ParamSpec::setting("seed", "Seed", Kind::int(0, 9999, 1), "Fixes the data and the initial weights."),
    ParamSpec::setting("shuffle", "Reshuffle seed", Kind::int(0, 9999, 1), "Only the batch order and dropout masks: change it to see run-to-run variation from the same start."),
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
    /// The data knobs; `data.seed` is the lab's one seed, which also fixes the initial weights.
    pub data: DataConfig,
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
    pub shuffle_seed: u64,
}

defaults_from_schema!(Settings, SCHEMA);

impl Settings {
    /// Reads a (parsed and clamped) state of [`SCHEMA`].
    pub fn from_params(p: &ParamState) -> Self {
        let batch_index = p.choice("batch");
        Settings {
            data: toy_data::from_params(p),
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
        toy_data::set_params(&mut p, &self.data);
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
        p.set("shuffle", Value::Int(self.shuffle_seed as i64));
        p
    }

    /// Training points for these settings (the validation share is held out per class).
    pub fn train_size(&self) -> usize {
        self.data.build().map_or(1, |d| d.train.len())
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
            init_seed: self.data.seed,
            shuffle_seed: self.shuffle_seed,
            ..TrainConfig::default()
        }
    }
}
