//! The steppable training run: mini-batches reshuffled every epoch, an optimizer, a learning-rate
//! schedule, dropout, weight penalties, early stopping and divergence detection.
//!
//! Follows the params → validated params → run pattern: [`TrainConfig`] holds what the learner
//! set, [`TrainConfig::build`] checks it against a [`Dataset`] and returns a [`Trainer`], which
//! advances a mini-batch or an epoch at a time so the UI can animate it.

use crate::datasets::toy2d::{Dataset, Split};
use super::early_stop::{EarlyStopping, StopReason, StopRule};
use super::network::{Activation, Init, Mode, Network, NetworkSpec, Task, Workspace, head, to_probabilities};
use super::optim::{Optimizer, OptimizerState};
use super::schedule::Schedule;
use crate::optim::descent::ConfigError;
use crate::rng::SeededRng;
use ndarray::{Array1, Array2, ArrayView2};

/// A run whose training loss grows past this many times its starting value has diverged.
pub const DIVERGENCE_FACTOR: f64 = 100.0;
/// Points per evaluation pass: enough to amortize the loop overhead, small enough that every
/// layer's block stays in L1 cache (16 units × 256 × 8 bytes = 32 KiB).
const EVAL_CHUNK: usize = 256;
/// Largest mini-batch.
pub const MAX_BATCH: usize = 1024;
/// Largest dropout probability: beyond it almost nothing survives a training step.
pub const MAX_DROPOUT: f64 = 0.9;

/// What the learner sets: the hyperparameters of one training run. The data set supplies the
/// input size and the task (binary, multi-class or regression).
#[derive(Clone, Debug, PartialEq)]
pub struct TrainConfig {
    /// Width of each hidden layer: at most 6 layers of 1 to 16 units.
    pub hidden: Vec<usize>,
    pub activation: Activation,
    pub init: Init,
    pub optimizer: Optimizer,
    pub schedule: Schedule,
    /// Points per mini-batch (capped at the training set's size); the last batch of an epoch
    /// may be smaller.
    pub batch_size: usize,
    /// Probability of dropping each hidden unit during training, in [0, 0.9].
    pub dropout: f64,
    /// L1 strength: adds l1·Σ|w| over the weights (not the biases) to the loss.
    pub l1: f64,
    /// L2 strength: adds ½·l2·Σw² over the weights (not the biases) to the loss.
    pub l2: f64,
    /// Epoch budget; every stopping rule stops here at the latest.
    pub max_epochs: usize,
    pub stopping: StopRule,
    /// Draws the initial weights.
    pub init_seed: u64,
    /// Draws everything random after initialization: each epoch's batch order and the dropout
    /// masks. Changing it alone shows run-to-run variation from the same starting weights.
    pub shuffle_seed: u64,
}

impl Default for TrainConfig {
    /// Two tanh layers of 8, SGD at 0.03, batches of 10 (TensorFlow Playground's rate, batch
    /// and activation; its default layers are 4 and 2 units).
    fn default() -> Self {
        Self {
            hidden: vec![8, 8],
            activation: Activation::Tanh,
            init: Init::Auto,
            optimizer: Optimizer::Sgd { learning_rate: 0.03 },
            schedule: Schedule::constant(),
            batch_size: 10,
            dropout: 0.0,
            l1: 0.0,
            l2: 0.0,
            max_epochs: 200,
            stopping: StopRule::Budget,
            init_seed: 0,
            shuffle_seed: 0,
        }
    }
}

impl TrainConfig {
    /// Checks every setting against `data` and returns a run at epoch 0, ready to step.
    pub fn build(&self, data: &Dataset) -> Result<Trainer, ConfigError> {
        let range = |name, detail| Err(ConfigError::OutOfRange { name, detail });
        let finite = |name, v: f64| if v.is_finite() { Ok(()) } else { Err(ConfigError::NotFinite(name)) };
        self.optimizer.validate()?;
        self.schedule.validate()?;
        self.stopping.validate()?;
        finite("dropout", self.dropout)?;
        finite("l1", self.l1)?;
        finite("l2", self.l2)?;
        if !(1..=MAX_BATCH).contains(&self.batch_size) {
            return range("batch_size", "must be between 1 and 1024");
        }
        if !(0.0..=MAX_DROPOUT).contains(&self.dropout) {
            return range("dropout", "must be in [0, 0.9]");
        }
        if self.l1 < 0.0 {
            return range("l1", "must be ≥ 0");
        }
        if self.l2 < 0.0 {
            return range("l2", "must be ≥ 0");
        }
        if self.max_epochs == 0 {
            return range("max_epochs", "must be ≥ 1");
        }
        check_split(&data.train, data.task, data.input_dim())?;
        check_split(&data.validation, data.task, data.input_dim())?;
        if data.train.is_empty() {
            return range("train", "needs at least one point");
        }
        if self.stopping.needs_validation() && data.validation.is_empty() {
            return range("stopping", "validation patience needs a validation set");
        }
        let spec = NetworkSpec { input_dim: data.input_dim(), hidden: self.hidden.clone(), activation: self.activation, task: data.task, init: self.init };
        let net = spec.build(self.init_seed)?;
        Ok(Trainer::new(self.clone(), net, data))
    }
}

fn check_split(split: &Split, task: Task, dim: usize) -> Result<(), ConfigError> {
    if split.is_empty() {
        return Ok(());
    }
    if split.inputs.nrows() != split.targets.len() {
        return Err(ConfigError::OutOfRange { name: "targets", detail: "need one per input row" });
    }
    if split.input_dim() != dim {
        return Err(ConfigError::OutOfRange { name: "inputs", detail: "train and validation need the same columns" });
    }
    if split.inputs.iter().chain(split.targets.iter()).any(|v| !v.is_finite()) {
        return Err(ConfigError::NotFinite("data"));
    }
    let ok = match task {
        Task::Binary => split.targets.iter().all(|t| (0.0..=1.0).contains(t)),
        Task::MultiClass { classes } => split.targets.iter().all(|t| t.fract() == 0.0 && *t >= 0.0 && (*t as usize) < classes),
        Task::Regression => true,
    };
    if ok { Ok(()) } else { Err(ConfigError::OutOfRange { name: "targets", detail: "labels must be classes of the task" }) }
}

/// Why a run was stopped as diverged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Divergence {
    /// The loss or a weight became NaN or infinite.
    NotFinite,
    /// The training loss grew past [`DIVERGENCE_FACTOR`] × its starting value (or 100, if it
    /// started below 1).
    LossExploded,
}

impl Divergence {
    pub fn explain(self) -> &'static str {
        match self {
            Divergence::NotFinite => "the loss overflowed to infinity (NaN): each update overshot further than the last",
            Divergence::LossExploded => "the training loss grew more than 100× above where it started: the updates overshoot",
        }
    }
}

/// Where a run is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Running,
    /// Stopped after this epoch by the budget or an early-stopping rule.
    Stopped { epoch: usize, reason: StopReason },
    /// Diverged during this epoch; the weights were rolled back to where the epoch began and the
    /// epoch is not in the history.
    Diverged { epoch: usize, reason: Divergence },
}

impl Status {
    pub fn is_finished(self) -> bool {
        !matches!(self, Status::Running)
    }
}

/// One epoch's figures, all measured after the epoch with the network in evaluation mode (no
/// dropout), so they compare cleanly across dropout rates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EpochMetrics {
    /// 0 is the untrained network.
    pub epoch: usize,
    /// Mean data loss on the training set (without the penalty).
    pub train_loss: f64,
    /// Mean data loss on the validation set; `None` without one.
    pub val_loss: Option<f64>,
    /// Share classified correctly; `None` for regression.
    pub train_accuracy: Option<f64>,
    pub val_accuracy: Option<f64>,
    /// The L1 + L2 penalty term at the end of the epoch.
    pub penalty: f64,
    /// The rate of the epoch's last update (0 for epoch 0, which has none).
    pub learning_rate: f64,
    pub status: Status,
}

/// Loss and accuracy of the network on a set of points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Evaluation {
    pub loss: f64,
    /// `None` for regression.
    pub accuracy: Option<f64>,
}

/// A rectangle of evenly spaced points for the decision-boundary picture. Point (row, column)
/// sits at the centre of its cell; row 0 is the top (largest y), as an image is laid out.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Grid {
    pub x_min: f64,
    pub x_max: f64,
    pub y_min: f64,
    pub y_max: f64,
    pub columns: usize,
    pub rows: usize,
}

impl Grid {
    /// `resolution` × `resolution` cells over [−half_width, half_width]².
    pub fn square(half_width: f64, resolution: usize) -> Self {
        Grid { x_min: -half_width, x_max: half_width, y_min: -half_width, y_max: half_width, columns: resolution, rows: resolution }
    }
    pub fn len(&self) -> usize {
        self.columns * self.rows
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn x(&self, column: usize) -> f64 {
        self.x_min + (column as f64 + 0.5) * (self.x_max - self.x_min) / self.columns as f64
    }
    pub fn y(&self, row: usize) -> f64 {
        self.y_max - (row as f64 + 0.5) * (self.y_max - self.y_min) / self.rows as f64
    }
}

/// A split stored feature-major (input `i` of point `k` at `i·n + k`), so mini-batches and
/// evaluation chunks are gathered with plain copies.
#[derive(Clone, Debug)]
struct Columns {
    x: Vec<f64>,
    y: Vec<f64>,
    n: usize,
}

impl Columns {
    fn new(split: &Split, dim: usize) -> Self {
        let n = split.len();
        let mut x = vec![0.0; dim * n];
        for ((k, i), v) in split.inputs.indexed_iter() {
            x[i * n + k] = *v;
        }
        Columns { x, y: split.targets.to_vec(), n }
    }
}

/// A steppable training run. Its history only ever holds finite losses.
#[derive(Clone, Debug)]
pub struct Trainer {
    config: TrainConfig,
    net: Network,
    optimizer: OptimizerState,
    stopper: EarlyStopping,
    train: Columns,
    val: Columns,
    /// This epoch's visiting order of the training points.
    order: Vec<usize>,
    shuffle_rng: SeededRng,
    dropout_rng: SeededRng,
    batch_ws: Workspace,
    eval_ws: Workspace,
    batch_targets: Vec<f64>,
    grads: Vec<f64>,
    /// Updates taken in total (the schedule's clock).
    steps: u64,
    /// Next batch within the current epoch; 0 at an epoch boundary.
    batch_in_epoch: usize,
    batches_per_epoch: usize,
    batch_size: usize,
    /// Completed epochs.
    epoch: usize,
    history: Vec<EpochMetrics>,
    latest: EpochMetrics,
    status: Status,
    /// The weights when the current epoch began: a diverged run rolls back to them.
    epoch_start: Vec<f64>,
    /// The weights of the best validation epoch, when the rule restores them.
    best: Vec<f64>,
    restored_epoch: Option<usize>,
    divergence_threshold: f64,
    last_rate: f64,
}

impl Trainer {
    fn new(config: TrainConfig, net: Network, data: &Dataset) -> Self {
        let dim = net.input_dim();
        let train = Columns::new(&data.train, dim);
        let val = Columns::new(&data.validation, dim);
        let batch_size = config.batch_size.min(train.n);
        let batches_per_epoch = train.n.div_ceil(batch_size);
        let params = net.params().len();
        // Two streams from the shuffle seed, so turning dropout on does not change the batch order.
        let shuffle_rng = SeededRng::new(config.shuffle_seed);
        let dropout_rng = SeededRng::new(config.shuffle_seed ^ 0x9E37_79B9_7F4A_7C15);
        let mut batch_ws = Workspace::new();
        batch_ws.prepare(&net, batch_size);
        let placeholder = EpochMetrics {
            epoch: 0,
            train_loss: 0.0,
            val_loss: None,
            train_accuracy: None,
            val_accuracy: None,
            penalty: 0.0,
            learning_rate: 0.0,
            status: Status::Running,
        };
        let mut trainer = Trainer {
            optimizer: OptimizerState::new(config.optimizer, params),
            stopper: EarlyStopping::new(config.stopping, config.max_epochs),
            order: (0..train.n).collect(),
            shuffle_rng,
            dropout_rng,
            batch_ws,
            eval_ws: Workspace::new(),
            batch_targets: Vec::with_capacity(batch_size),
            grads: vec![0.0; params],
            steps: 0,
            batch_in_epoch: 0,
            batches_per_epoch,
            batch_size,
            epoch: 0,
            history: Vec::new(),
            latest: placeholder,
            status: Status::Running,
            epoch_start: net.params().to_vec(),
            best: net.params().to_vec(),
            restored_epoch: None,
            divergence_threshold: f64::INFINITY,
            last_rate: 0.0,
            train,
            val,
            net,
            config,
        };
        trainer.record_epoch();
        trainer.divergence_threshold = DIVERGENCE_FACTOR * trainer.history.first().map_or(1.0, |m| m.train_loss).max(1.0);
        trainer
    }

    pub fn config(&self) -> &TrainConfig {
        &self.config
    }
    pub fn network(&self) -> &Network {
        &self.net
    }
    pub fn status(&self) -> Status {
        self.status
    }
    /// Every completed epoch's metrics, starting with epoch 0 (the untrained network).
    pub fn history(&self) -> &[EpochMetrics] {
        &self.history
    }
    /// The metrics [`step_epoch`](Self::step_epoch) last returned: the last history entry, or the
    /// diverging epoch (not in the history) when the run diverged.
    pub fn latest(&self) -> &EpochMetrics {
        &self.latest
    }
    /// Completed epochs.
    pub fn epoch(&self) -> usize {
        self.epoch
    }
    /// Mini-batches done in the current epoch.
    pub fn batch_in_epoch(&self) -> usize {
        self.batch_in_epoch
    }
    pub fn batches_per_epoch(&self) -> usize {
        self.batches_per_epoch
    }
    /// Updates taken so far.
    pub fn steps(&self) -> u64 {
        self.steps
    }
    /// The rate the next update will use.
    pub fn learning_rate(&self) -> f64 {
        self.config.schedule.rate(self.config.optimizer.learning_rate(), self.steps, self.batches_per_epoch)
    }
    /// The early-stopping state: best epoch, epochs waited.
    pub fn stopper(&self) -> &EarlyStopping {
        &self.stopper
    }
    /// The epoch whose weights the network holds after restore-best, once the run has stopped
    /// (by patience or by the budget). The last history entry still describes the last epoch
    /// trained; `history()[restored]` describes the weights now held.
    pub fn restored_epoch(&self) -> Option<usize> {
        self.restored_epoch
    }
    pub fn train_size(&self) -> usize {
        self.train.n
    }
    pub fn validation_size(&self) -> usize {
        self.val.n
    }

    /// Advances up to `batches` mini-batches, finishing epochs (and recording them) on the way.
    pub fn step_batches(&mut self, batches: usize) -> Status {
        self.repeat_until_finished(batches, Self::step_batch)
    }

    /// Runs to the end of the current epoch (a whole epoch at a boundary) and returns its
    /// metrics. A finished run does nothing and returns its last metrics.
    pub fn step_epoch(&mut self) -> EpochMetrics {
        while !self.status.is_finished() {
            self.step_batch();
            if self.batch_in_epoch == 0 {
                break;
            }
        }
        self.latest
    }

    /// Steps up to `epochs` epochs; returns the status.
    pub fn advance(&mut self, epochs: usize) -> Status {
        self.repeat_until_finished(epochs, |t| {
            t.step_epoch();
        })
    }

    /// `step` up to `times` times, stopping once the run has finished; returns the status.
    fn repeat_until_finished(&mut self, times: usize, mut step: impl FnMut(&mut Self)) -> Status {
        for _ in 0..times {
            if self.status.is_finished() {
                break;
            }
            step(self);
        }
        self.status
    }

    fn step_batch(&mut self) {
        let n = self.train.n;
        if self.batch_in_epoch == 0 {
            self.shuffle_rng.shuffle(&mut self.order);
            self.epoch_start.copy_from_slice(self.net.params());
        }
        let start = self.batch_in_epoch * self.batch_size;
        let end = (start + self.batch_size).min(n);
        let m = end - start;
        let dim = self.net.input_dim();
        let indices = &self.order[start..end];
        let input = self.batch_ws.input_mut(dim, m);
        for i in 0..dim {
            let column = &self.train.x[i * n..(i + 1) * n];
            for (slot, &k) in input[i * m..(i + 1) * m].iter_mut().zip(indices) {
                *slot = column[k];
            }
        }
        self.batch_targets.clear();
        self.batch_targets.extend(indices.iter().map(|&k| self.train.y[k]));

        let rate = self.learning_rate();
        let (dropout, l1, l2) = (self.config.dropout, self.config.l1, self.config.l2);
        self.net.forward(&mut self.batch_ws, m, Mode::Train { dropout, rng: &mut self.dropout_rng });
        let (loss, _) = self.net.backward(&mut self.batch_ws, &self.batch_targets, m, l1, l2, &mut self.grads);
        if !loss.is_finite() {
            self.diverge(Divergence::NotFinite, loss / m as f64);
            return;
        }
        self.optimizer.step(self.net.params_mut(), &self.grads, rate);
        self.steps += 1;
        self.last_rate = rate;
        self.batch_in_epoch += 1;
        if self.batch_in_epoch == self.batches_per_epoch {
            self.batch_in_epoch = 0;
            self.epoch += 1;
            self.record_epoch();
        }
    }

    /// Measures the epoch just completed, checks for divergence and early stopping, and records it.
    fn record_epoch(&mut self) {
        let epoch = self.epoch;
        let train = evaluate_columns(&self.net, &mut self.eval_ws, &self.train).expect("the training set is not empty");
        let val = evaluate_columns(&self.net, &mut self.eval_ws, &self.val);
        let finite_weights = self.net.params().iter().all(|p| p.is_finite());
        let diverged = if !(finite_weights && train.loss.is_finite()) {
            Some(Divergence::NotFinite)
        } else if train.loss > self.divergence_threshold {
            Some(Divergence::LossExploded)
        } else {
            None
        };
        if let Some(reason) = diverged {
            // The epoch did not complete as far as the history is concerned.
            self.epoch = epoch.saturating_sub(1);
            self.diverge(reason, train.loss);
            return;
        }
        let verdict = self.stopper.observe(epoch, train.loss, val.map(|v| v.loss));
        let restore = self.config.stopping.restores_best();
        if verdict.improved && restore {
            self.best.copy_from_slice(self.net.params());
        }
        let metrics = EpochMetrics {
            epoch,
            train_loss: train.loss,
            val_loss: val.map(|v| v.loss),
            train_accuracy: train.accuracy,
            val_accuracy: val.and_then(|v| v.accuracy),
            penalty: self.net.penalty(self.config.l1, self.config.l2),
            learning_rate: self.last_rate,
            status: match verdict.stop {
                Some(reason) => Status::Stopped { epoch, reason },
                None => Status::Running,
            },
        };
        if verdict.stop.is_some() && restore {
            self.net.params_mut().copy_from_slice(&self.best);
            self.restored_epoch = Some(self.stopper.best_epoch());
        }
        self.status = metrics.status;
        self.history.push(metrics);
        self.latest = metrics;
    }

    /// Stops the run in epoch `self.epoch + 1` and rolls the weights back to where it began.
    fn diverge(&mut self, reason: Divergence, train_loss: f64) {
        let epoch = self.epoch + 1;
        self.net.params_mut().copy_from_slice(&self.epoch_start);
        self.batch_in_epoch = 0;
        self.status = Status::Diverged { epoch, reason };
        self.latest = EpochMetrics {
            epoch,
            train_loss,
            val_loss: None,
            train_accuracy: None,
            val_accuracy: None,
            penalty: self.net.penalty(self.config.l1, self.config.l2),
            learning_rate: self.last_rate,
            status: self.status,
        };
    }

    /// The root-mean-square gradient of the data loss (no penalty, no dropout) over each weight
    /// layer's weights, input side first, on the whole training set at the current weights. In a
    /// deep sigmoid stack the first entries are orders of magnitude below the last: the gradient
    /// vanishes on its way back.
    pub fn layer_gradient_rms(&self) -> Vec<f64> {
        let n = self.train.n;
        let mut ws = Workspace::new();
        ws.prepare(&self.net, n);
        let dim = self.net.input_dim();
        ws.input_mut(dim, n).copy_from_slice(&self.train.x[..dim * n]);
        // Dropout 0 draws nothing from this generator.
        let mut unused = SeededRng::new(0);
        self.net.forward(&mut ws, n, Mode::Train { dropout: 0.0, rng: &mut unused });
        let mut grads = vec![0.0; self.net.params().len()];
        self.net.backward(&mut ws, &self.train.y, n, 0.0, 0.0, &mut grads);
        let sizes = self.net.layer_sizes();
        let mut start = 0;
        sizes
            .windows(2)
            .map(|w| {
                let weights = &grads[start..start + w[0] * w[1]];
                start += w[0] * w[1] + w[1];
                (weights.iter().map(|g| g * g).sum::<f64>() / weights.len() as f64).sqrt()
            })
            .collect()
    }

    /// Loss and accuracy of the current network on any split (a held-out test set, say).
    pub fn evaluate(&mut self, split: &Split) -> Result<Option<Evaluation>, ConfigError> {
        check_split(split, self.net.task(), self.net.input_dim())?;
        Ok(evaluate_columns(&self.net, &mut self.eval_ws, &Columns::new(split, self.net.input_dim())))
    }

    /// What the network outputs for each row of `points` (one column per input), written
    /// point-major into `out`: P(class 1) for binary, one probability per class for multi-class,
    /// the value for regression. No dropout; no allocation once warmed up.
    pub fn predict_proba_into(&mut self, points: ArrayView2<'_, f64>, out: &mut [f64]) -> Result<(), ConfigError> {
        let (dim, od) = (self.net.input_dim(), self.net.output_dim());
        if points.ncols() != dim {
            return Err(ConfigError::OutOfRange { name: "points", detail: "need one column per network input" });
        }
        if out.len() != points.nrows() * od {
            return Err(ConfigError::OutOfRange { name: "out", detail: "needs one slot per point and output" });
        }
        let n = points.nrows();
        let mut start = 0;
        while start < n {
            let m = EVAL_CHUNK.min(n - start);
            self.eval_ws.prepare(&self.net, m);
            let input = self.eval_ws.input_mut(dim, m);
            for i in 0..dim {
                for (k, slot) in input[i * m..(i + 1) * m].iter_mut().enumerate() {
                    *slot = points[[start + k, i]];
                }
            }
            self.forward_out(m, &mut out[start * od..(start + m) * od]);
            start += m;
        }
        Ok(())
    }

    /// [`predict_proba_into`](Self::predict_proba_into), allocating: one row per point.
    pub fn predict_proba(&mut self, points: ArrayView2<'_, f64>) -> Result<Array2<f64>, ConfigError> {
        let mut out = Array2::zeros((points.nrows(), self.net.output_dim()));
        self.predict_proba_into(points, out.as_slice_mut().expect("fresh arrays are contiguous"))?;
        Ok(out)
    }

    /// The predicted class (as a number) for classification, the value for regression.
    pub fn predict(&mut self, points: ArrayView2<'_, f64>) -> Result<Array1<f64>, ConfigError> {
        let proba = self.predict_proba(points)?;
        Ok(match self.net.task() {
            Task::Binary => proba.column(0).mapv(|p| if p >= 0.5 { 1.0 } else { 0.0 }),
            Task::Regression => proba.column(0).to_owned(),
            Task::MultiClass { .. } => proba
                .rows()
                .into_iter()
                .map(|r| r.iter().enumerate().fold((0, f64::NEG_INFINITY), |best, (c, &p)| if p > best.1 { (c, p) } else { best }).0 as f64)
                .collect(),
        })
    }

    /// The network's output over `grid` for the decision-boundary picture, written into `out`
    /// (resized to grid.len() × outputs; row-major from the top row, outputs per point as in
    /// [`predict_proba_into`](Self::predict_proba_into)). Evaluated in cache-sized batches with
    /// reused buffers: no allocation once `out` has its size. Needs a 2-input network.
    pub fn decision_grid(&mut self, grid: &Grid, out: &mut Vec<f64>) -> Result<(), ConfigError> {
        if self.net.input_dim() != 2 {
            return Err(ConfigError::OutOfRange { name: "grid", detail: "needs a network with two inputs" });
        }
        let od = self.net.output_dim();
        let total = grid.len();
        out.resize(total * od, 0.0);
        let (mut row, mut column) = (0, 0);
        let mut start = 0;
        while start < total {
            let m = EVAL_CHUNK.min(total - start);
            self.eval_ws.prepare(&self.net, m);
            let input = self.eval_ws.input_mut(2, m);
            // Indexed, not zipped: this runs per grid point, and the web build (opt-level "z")
            // does not reliably inline iterator adapters.
            for k in 0..m {
                input[k] = grid.x(column);
                input[m + k] = grid.y(row);
                column += 1;
                if column == grid.columns {
                    column = 0;
                    row += 1;
                }
            }
            self.forward_out(m, &mut out[start * od..(start + m) * od]);
            start += m;
        }
        Ok(())
    }

    /// Runs the evaluation workspace's input block forward and converts the outputs.
    fn forward_out(&mut self, m: usize, out: &mut [f64]) {
        self.net.forward(&mut self.eval_ws, m, Mode::Eval);
        to_probabilities(self.net.task(), self.eval_ws.output(&self.net, m), m, out);
    }
}

fn evaluate_columns(net: &Network, ws: &mut Workspace, data: &Columns) -> Option<Evaluation> {
    if data.n == 0 {
        return None;
    }
    let dim = net.input_dim();
    let (mut loss, mut correct) = (0.0, 0);
    let mut start = 0;
    while start < data.n {
        let m = EVAL_CHUNK.min(data.n - start);
        ws.prepare(net, m);
        let input = ws.input_mut(dim, m);
        for i in 0..dim {
            let from = i * data.n + start;
            input[i * m..(i + 1) * m].copy_from_slice(&data.x[from..from + m]);
        }
        net.forward(ws, m, Mode::Eval);
        let (l, c) = head(net.task(), ws.output(net, m), &data.y[start..start + m], m, None);
        loss += l;
        correct += c;
        start += m;
    }
    let n = data.n as f64;
    Some(Evaluation { loss: loss / n, accuracy: net.task().is_classification().then(|| correct as f64 / n) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::datasets::toy2d::{DataConfig, Shape};

    fn circles() -> Dataset {
        DataConfig { size: 200, noise: 0.05, ..DataConfig::new(Shape::Circles) }.build().unwrap()
    }

    #[test]
    fn epoch_zero_is_recorded_and_steps_count_up() {
        let data = circles();
        let mut t = TrainConfig { batch_size: 32, ..Default::default() }.build(&data).unwrap();
        assert_eq!(t.history().len(), 1);
        assert_eq!(t.history()[0].epoch, 0);
        assert_eq!(t.history()[0].learning_rate, 0.0);
        // 100 training points in batches of 32: 4 batches, the last of 4 points.
        assert_eq!(t.train_size(), 100);
        assert_eq!(t.batches_per_epoch(), 4);
        t.step_batches(3);
        assert_eq!((t.epoch(), t.batch_in_epoch(), t.steps()), (0, 3, 3));
        let m = t.step_epoch();
        assert_eq!((m.epoch, t.epoch(), t.batch_in_epoch(), t.steps()), (1, 1, 0, 4));
        t.step_batches(9);
        assert_eq!((t.epoch(), t.batch_in_epoch()), (3, 1));
        assert_eq!(t.history().len(), 4);
        assert!(t.history().iter().enumerate().all(|(i, m)| m.epoch == i));
    }

    #[test]
    fn metrics_match_a_separate_evaluation() {
        let data = circles();
        let mut t = TrainConfig { dropout: 0.5, l2: 0.01, ..Default::default() }.build(&data).unwrap();
        let m = t.step_epoch();
        let train = t.evaluate(&data.train).unwrap().unwrap();
        let val = t.evaluate(&data.validation).unwrap().unwrap();
        assert_eq!(m.train_loss, train.loss);
        assert_eq!(m.val_loss, Some(val.loss));
        assert_eq!(m.train_accuracy, train.accuracy);
        assert_eq!(m.val_accuracy, val.accuracy);
        assert_eq!(m.penalty, t.network().penalty(0.0, 0.01));
        assert_eq!(m.learning_rate, 0.03);
    }

    #[test]
    fn predictions_are_deterministic_and_agree_with_the_grid() {
        let data = circles();
        let mut t = TrainConfig { dropout: 0.5, ..Default::default() }.build(&data).unwrap();
        t.advance(3);
        let grid = Grid::square(1.0, 30);
        let mut heat = Vec::new();
        t.decision_grid(&grid, &mut heat).unwrap();
        assert_eq!(heat.len(), 900);
        let points = Array2::from_shape_fn((900, 2), |(k, i)| if i == 0 { grid.x(k % 30) } else { grid.y(k / 30) });
        let p = t.predict_proba(points.view()).unwrap();
        assert_eq!(p.as_slice().unwrap(), &heat[..]);
        assert_eq!(t.predict_proba(points.view()).unwrap(), p);
        let labels = t.predict(points.view()).unwrap();
        assert!(labels.iter().zip(&heat).all(|(l, p)| *l == f64::from(u8::from(*p >= 0.5))));
        // Row 0 is the top of the picture.
        assert!(grid.y(0) > grid.y(29) && grid.x(0) < grid.x(29));
        assert!(t.predict_proba(Array2::zeros((3, 1)).view()).is_err());
        assert!(t.predict_proba_into(Array2::zeros((3, 2)).view(), &mut [0.0; 2]).is_err());
    }

    #[test]
    fn bad_configs_are_typed_errors() {
        let data = circles();
        let ok = TrainConfig::default();
        let err = |c: TrainConfig| c.build(&data).unwrap_err();
        assert_eq!(err(TrainConfig { dropout: f64::NAN, ..ok.clone() }), ConfigError::NotFinite("dropout"));
        assert!(matches!(err(TrainConfig { dropout: 0.95, ..ok.clone() }), ConfigError::OutOfRange { name: "dropout", .. }));
        assert!(matches!(err(TrainConfig { batch_size: 0, ..ok.clone() }), ConfigError::OutOfRange { .. }));
        assert!(matches!(err(TrainConfig { l2: -1.0, ..ok.clone() }), ConfigError::OutOfRange { .. }));
        assert!(matches!(err(TrainConfig { max_epochs: 0, ..ok.clone() }), ConfigError::OutOfRange { .. }));
        assert!(matches!(err(TrainConfig { hidden: vec![8; 7], ..ok.clone() }), ConfigError::OutOfRange { .. }));
        assert!(matches!(err(TrainConfig { optimizer: Optimizer::Sgd { learning_rate: -1.0 }, ..ok.clone() }), ConfigError::OutOfRange { .. }));
        let no_val = DataConfig { validation_fraction: 0.0, ..DataConfig::new(Shape::Xor) }.build().unwrap();
        let patience = TrainConfig { stopping: StopRule::ValidationPatience { patience: 5, min_delta: 0.0, restore_best: true }, ..ok.clone() };
        assert!(patience.build(&no_val).is_err());
        assert!(patience.build(&data).is_ok());
        let mut bad_labels = data.clone();
        bad_labels.train.targets[0] = 2.0;
        assert!(ok.build(&bad_labels).is_err());
    }
}
