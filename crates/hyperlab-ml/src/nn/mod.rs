//! The neural-network training lab's core: a small multilayer perceptron trained live on 2-D
//! toy data, with every knob the curriculum covers (architecture, activation, initialization,
//! optimizer, learning-rate schedule, batch size, dropout, L1/L2, early stopping).
//!
//! - [`network`]: the perceptron on one flat parameter vector, forward and backward passes.
//! - [`optim`]: SGD, momentum, Nesterov, RMSprop, Adam.
//! - [`schedule`]: constant, step decay, cosine, linear warmup (composable with the others).
//! - [`early_stop`]: the stopping rules as a pure state machine.
//! - [`train`]: the steppable [`Trainer`] that ties them together.
//!
//! Everything is f64 and seeded; the same settings and seeds give the same run, bit for bit.

pub mod early_stop;
mod fastmath;
pub mod network;
pub mod optim;
pub mod schedule;
pub mod train;

use crate::datasets::toy2d::{DataConfig, Shape};
pub use early_stop::{EarlyStopping, StopReason, StopRule, Verdict};
pub use network::{Activation, Init, MAX_HIDDEN_LAYERS, MAX_WIDTH, Network, NetworkSpec, Task};
pub use optim::{Optimizer, OptimizerState};
pub use schedule::{Decay, Schedule};
pub use train::{DIVERGENCE_FACTOR, MAX_BATCH, MAX_DROPOUT, Divergence, EpochMetrics, Evaluation, Grid, Status, TrainConfig, Trainer};

/// Cells per side of the decision-boundary picture the lab draws every frame.
pub const BENCH_GRID: usize = 100;

/// The run the frame benchmark times: 250 training (and 250 validation) points of the circles
/// set, a 2-8-8-8-1 tanh network, SGD in batches of 10, and no epoch limit so every frame trains.
pub fn bench_trainer() -> Trainer {
    let data = DataConfig { shape: Shape::Circles, size: 500, noise: 0.1, validation_fraction: 0.5, seed: 1 }.build().expect("the benchmark's data settings are valid");
    let config = TrainConfig { hidden: vec![8, 8, 8], activation: Activation::Tanh, batch_size: 10, max_epochs: usize::MAX, ..TrainConfig::default() };
    config.build(&data).expect("the benchmark's training settings are valid")
}

/// One animation frame of the lab: one epoch (with its training and validation loss) and the
/// 100 × 100 decision-boundary grid over [−1, 1]², written into `grid`. The native and in-browser
/// benchmarks both time exactly this. Returns the epoch's metrics.
pub fn bench_frame(trainer: &mut Trainer, grid: &mut Vec<f64>) -> EpochMetrics {
    let metrics = trainer.step_epoch();
    // Only a 1-input (regression) network has no grid; the picture is then a curve instead.
    let _ = trainer.decision_grid(&Grid::square(1.0, BENCH_GRID), grid);
    metrics
}
