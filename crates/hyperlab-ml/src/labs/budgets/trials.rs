//! The trials' networks: the training lab's perceptron (`crate::nn`) on one of two problems, each
//! configuration drawn from one search space and trained an epoch at a time. Trial k of a seed is
//! the same configuration, with the same initial weights, for every method.

use crate::budgets::Curves;
use crate::nn::{Activation, Optimizer, Status, TrainConfig, Trainer};
use crate::datasets::toy2d::{DataConfig, Dataset, Shape};
use crate::rng::derive_seed;
use crate::search::strategy::random_point;
use crate::search::{Dimension, Space};

/// Bounds of the search space every method searches.
pub const LEARNING_RATE: (f64, f64) = (0.01, 1.0);
pub const WIDTH: (i64, i64) = (2, 16);
pub const BATCH: (i64, i64) = (8, 32);
pub const DROPOUT: (f64, f64) = (0.0, 0.3);
/// The data never changes with the seed: the seed draws the configurations and their weights.
pub const DATA_SEED: u64 = 1;

/// The two problems.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Problem {
    /// 200 circles points (noise 0.1), half held out.
    Steady,
    /// 60 points of two overlapping Gaussian blobs (noise 0.5), half held out: 30 to train on.
    Crossing,
}

impl Problem {
    pub fn data(self) -> DataConfig {
        match self {
            Problem::Steady => DataConfig { shape: Shape::Circles, size: 200, noise: 0.1, validation_fraction: 0.5, seed: DATA_SEED },
            Problem::Crossing => DataConfig { shape: Shape::TwoGaussians, size: 60, noise: 0.5, validation_fraction: 0.5, seed: DATA_SEED },
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Problem::Steady => "circles",
            Problem::Crossing => "noisy blobs",
        }
    }
}

/// The search space: learning rate (log scale), width of both hidden layers, batch size (log
/// scale) and dropout.
pub fn space() -> Space {
    Space::new(vec![
        Dimension::log("learning rate", LEARNING_RATE.0, LEARNING_RATE.1),
        Dimension::log_integer("width", WIDTH.0, WIDTH.1),
        Dimension::log_integer("batch size", BATCH.0, BATCH.1),
        Dimension::linear("dropout", DROPOUT.0, DROPOUT.1),
    ])
    .expect("the space's bounds are valid")
}

/// The training run of one configuration: two tanh layers of `width`, plain SGD.
pub fn train_config(point: &[f64], max_epochs: usize, init_seed: u64) -> TrainConfig {
    TrainConfig {
        hidden: vec![point[1] as usize; 2],
        activation: Activation::Tanh,
        optimizer: Optimizer::Sgd { learning_rate: point[0] },
        batch_size: point[2] as usize,
        dropout: point[3],
        max_epochs,
        init_seed,
        shuffle_seed: init_seed,
        ..TrainConfig::default()
    }
}

#[derive(Clone, Debug)]
struct Entry {
    point: Vec<f64>,
    init_seed: u64,
    /// Built when the trial first trains: a method plans a whole round of trials at once, and
    /// building a network evaluates it untrained on the data (about 2 ms each here), so building
    /// them all in the plan made one long task instead of work spread over frames.
    trainer: Option<Trainer>,
    curve: Vec<f64>,
}

/// Every network trained for one seed, shared by the methods that run on it (a curve is a pure
/// function of its configuration and seed, so training it once serves them all).
#[derive(Clone, Debug)]
pub struct NetworkTrials {
    problem: Problem,
    seed: u64,
    max: usize,
    space: Space,
    data: Dataset,
    entries: Vec<Entry>,
    shared: Vec<Option<usize>>,
    /// Epochs actually trained (each network's epoch once, however many methods read it).
    pub trained: usize,
}

impl NetworkTrials {
    pub fn new(problem: Problem, seed: u64, max: usize) -> Self {
        let data = problem.data().build().expect("the problems' data settings are valid");
        NetworkTrials { problem, seed, max: max.max(1), space: space(), data, entries: Vec::new(), shared: Vec::new(), trained: 0 }
    }

    pub fn problem(&self) -> Problem {
        self.problem
    }

    fn push(&mut self, point: Vec<f64>, init_seed: u64) -> usize {
        self.entries.push(Entry { point, init_seed, trainer: None, curve: Vec::new() });
        self.entries.len() - 1
    }

    /// The loss curve trained so far of trial `id`.
    pub fn curve(&self, id: usize) -> &[f64] {
        &self.entries[id].curve
    }
}

impl Curves for NetworkTrials {
    fn space(&self) -> &Space {
        &self.space
    }
    fn shared(&mut self, k: usize) -> usize {
        if self.shared.len() <= k {
            self.shared.resize(k + 1, None);
        }
        if let Some(id) = self.shared[k] {
            return id;
        }
        let point = random_point(&self.space, self.seed, k);
        let id = self.push(point, derive_seed(self.seed, k as u64));
        self.shared[k] = Some(id);
        id
    }
    fn at(&mut self, point: &[f64]) -> usize {
        let snapped = self.space.from_unit(&self.space.to_unit(point));
        // The weights follow from the configuration and the seed alone, never from how many
        // networks other methods have trained on this seed: a method's result on a seed is then
        // the same in its own run and in the race, whoever ran before it.
        let init = snapped.iter().fold(self.seed ^ 0xA5A5, |h, x| derive_seed(h, x.to_bits()));
        self.push(snapped, init)
    }
    fn point(&self, id: usize) -> Vec<f64> {
        self.entries[id].point.clone()
    }
    fn loss(&mut self, id: usize, epoch: usize) -> f64 {
        let (data, max) = (&self.data, self.max);
        let entry = &mut self.entries[id];
        while entry.curve.len() < epoch {
            let trainer = entry.trainer.get_or_insert_with(|| train_config(&entry.point, max, entry.init_seed).build(data).expect("every point of the space is a valid network"));
            if matches!(trainer.status(), Status::Diverged { .. }) || entry.curve.len() >= max {
                entry.curve.push(f64::INFINITY);
                continue;
            }
            let m = trainer.step_epoch();
            self.trained += 1;
            let v = match trainer.status() {
                Status::Diverged { .. } => f64::INFINITY,
                _ => m.val_loss.filter(|v| v.is_finite()).unwrap_or(f64::INFINITY),
            };
            entry.curve.push(v);
        }
        entry.curve[epoch - 1]
    }
}
