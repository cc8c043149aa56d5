//! The multilayer perceptron: every parameter in one flat vector, layer by layer (weights, then
//! biases), and batches laid out feature-major (one row per unit, one column per sample) so the
//! inner loops run along the batch and vectorize. No per-neuron objects, no allocation once a
//! [`Workspace`] has grown to the batch size.

use super::fastmath::{sigmoid, tanh};
use crate::linalg::{axpy, dot_in_order};
use crate::optim::descent::ConfigError;
use crate::rng::SeededRng;
use ndarray::{ArrayView1, ArrayView2};

/// Deepest network the lab offers.
pub const MAX_HIDDEN_LAYERS: usize = 6;
/// Widest hidden layer the lab offers.
pub const MAX_WIDTH: usize = 16;

/// A hidden layer's nonlinearity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Activation {
    Relu,
    Tanh,
    Sigmoid,
    /// No nonlinearity: however deep, the network stays a linear model.
    Linear,
}

impl Activation {
    pub const ALL: [Activation; 4] = [Activation::Relu, Activation::Tanh, Activation::Sigmoid, Activation::Linear];

    pub fn label(self) -> &'static str {
        match self {
            Activation::Relu => "ReLU",
            Activation::Tanh => "tanh",
            Activation::Sigmoid => "sigmoid",
            Activation::Linear => "linear",
        }
    }

    /// Applies the activation in place. One `match` per row, not per value, so each loop is tight.
    #[allow(clippy::needless_range_loop)] // Indexed loops: see `affine` on why not iterators.
    fn apply(self, values: &mut [f64]) {
        match self {
            // `if x < 0` rather than `max`: `max` turns NaN into 0 and would hide a diverging run.
            Activation::Relu => {
                for i in 0..values.len() {
                    let v = values[i];
                    values[i] = if v < 0.0 { 0.0 } else { v };
                }
            }
            Activation::Tanh => {
                for i in 0..values.len() {
                    values[i] = tanh(values[i]);
                }
            }
            Activation::Sigmoid => {
                for i in 0..values.len() {
                    values[i] = sigmoid(values[i]);
                }
            }
            Activation::Linear => {}
        }
    }

    /// f′(z), written through the output a = f(z) so the forward pass need not keep z.
    #[inline(always)]
    fn derivative_from_output(self, a: f64) -> f64 {
        match self {
            Activation::Relu => {
                if a > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::Tanh => 1.0 - a * a,
            Activation::Sigmoid => a * (1.0 - a),
            Activation::Linear => 1.0,
        }
    }
}

/// How initial weights are drawn (biases start at zero).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Init {
    /// He for ReLU, Xavier for the others.
    Auto,
    /// Normal with variance 2 / fan_in: keeps ReLU activations from shrinking layer by layer.
    He,
    /// Glorot normal, variance 2 / (fan_in + fan_out): suits tanh, sigmoid and linear units.
    Xavier,
}

impl Init {
    fn std(self, activation: Activation, fan_in: usize, fan_out: usize) -> f64 {
        let he = match self {
            Init::Auto => activation == Activation::Relu,
            Init::He => true,
            Init::Xavier => false,
        };
        if he { (2.0 / fan_in as f64).sqrt() } else { (2.0 / (fan_in + fan_out) as f64).sqrt() }
    }
}

/// What the output layer predicts, and the loss it is trained on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Task {
    /// One sigmoid output, P(class 1), with binary cross-entropy.
    Binary,
    /// One softmax output per class with cross-entropy; targets are class indices.
    MultiClass { classes: usize },
    /// One linear output with mean squared error.
    Regression,
}

impl Task {
    pub fn output_dim(self) -> usize {
        match self {
            Task::Binary | Task::Regression => 1,
            Task::MultiClass { classes } => classes,
        }
    }
    pub fn is_classification(self) -> bool {
        !matches!(self, Task::Regression)
    }
    pub fn loss_label(self) -> &'static str {
        match self {
            Task::Binary => "binary cross-entropy",
            Task::MultiClass { .. } => "cross-entropy",
            Task::Regression => "mean squared error",
        }
    }
}

/// The shape of a network, before it has weights.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkSpec {
    pub input_dim: usize,
    /// Width of each hidden layer, input side first. Empty is a linear (logistic) model.
    pub hidden: Vec<usize>,
    pub activation: Activation,
    pub task: Task,
    pub init: Init,
}

impl NetworkSpec {
    pub fn validate(&self) -> Result<(), ConfigError> {
        let range = |name, detail| Err(ConfigError::OutOfRange { name, detail });
        if self.input_dim == 0 {
            return range("input_dim", "must be ≥ 1");
        }
        if self.hidden.len() > MAX_HIDDEN_LAYERS {
            return range("hidden", "at most 6 hidden layers");
        }
        if self.hidden.iter().any(|&w| w == 0 || w > MAX_WIDTH) {
            return range("hidden", "each hidden layer has 1 to 16 units");
        }
        if let Task::MultiClass { classes } = self.task
            && classes < 2
        {
            return range("classes", "must be ≥ 2");
        }
        Ok(())
    }

    /// Checks the shape and draws the initial weights from `seed`.
    pub fn build(&self, seed: u64) -> Result<Network, ConfigError> {
        self.validate()?;
        let mut sizes = Vec::with_capacity(self.hidden.len() + 2);
        sizes.push(self.input_dim);
        sizes.extend_from_slice(&self.hidden);
        sizes.push(self.task.output_dim());
        let mut offsets = vec![0];
        for w in sizes.windows(2) {
            offsets.push(offsets.last().unwrap() + w[1] * w[0] + w[1]);
        }
        let mut params = vec![0.0; *offsets.last().unwrap()];
        let mut rng = SeededRng::new(seed);
        for l in 0..sizes.len() - 1 {
            let (fan_in, fan_out) = (sizes[l], sizes[l + 1]);
            let std = self.init.std(self.activation, fan_in, fan_out);
            for w in &mut params[offsets[l]..offsets[l] + fan_in * fan_out] {
                *w = std * rng.normal();
            }
        }
        Ok(Network { sizes, activation: self.activation, task: self.task, params, offsets })
    }
}

/// A multilayer perceptron. Layer `l` (0-based, counting weight layers) maps `sizes[l]` units to
/// `sizes[l + 1]`; its weights are a row-major `[out × in]` block of `params`, its biases follow.
#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    sizes: Vec<usize>,
    activation: Activation,
    task: Task,
    params: Vec<f64>,
    /// Where each layer's block starts; one past the end last.
    offsets: Vec<usize>,
}

/// Forward pass mode. Evaluation never drops units.
pub(crate) enum Mode<'a> {
    Eval,
    /// Keeps what backpropagation needs, and drops hidden units with probability `dropout`.
    Train { dropout: f64, rng: &'a mut SeededRng },
}

impl Network {
    /// Units per layer: input, hidden…, output.
    pub fn layer_sizes(&self) -> &[usize] {
        &self.sizes
    }
    /// Weight layers (hidden layers + 1).
    pub fn num_layers(&self) -> usize {
        self.sizes.len() - 1
    }
    pub fn input_dim(&self) -> usize {
        self.sizes[0]
    }
    pub fn output_dim(&self) -> usize {
        *self.sizes.last().unwrap()
    }
    pub fn activation(&self) -> Activation {
        self.activation
    }
    pub fn task(&self) -> Task {
        self.task
    }
    /// Every parameter, layer by layer: weights (row-major `[out × in]`) then biases.
    pub fn params(&self) -> &[f64] {
        &self.params
    }
    pub fn params_mut(&mut self) -> &mut [f64] {
        &mut self.params
    }
    /// Layer `l`'s weights, `[out × in]`: row `o` holds the weights into unit `o`.
    pub fn weights(&self, layer: usize) -> ArrayView2<'_, f64> {
        let (n_in, n_out) = (self.sizes[layer], self.sizes[layer + 1]);
        let start = self.offsets[layer];
        ArrayView2::from_shape((n_out, n_in), &self.params[start..start + n_in * n_out]).expect("layer block has its shape")
    }
    pub fn biases(&self, layer: usize) -> ArrayView1<'_, f64> {
        let (n_in, n_out) = (self.sizes[layer], self.sizes[layer + 1]);
        let start = self.offsets[layer] + n_in * n_out;
        ArrayView1::from(&self.params[start..start + n_out])
    }
    /// The range of `params` holding layer `l`'s weights (not its biases).
    fn weight_range(&self, layer: usize) -> std::ops::Range<usize> {
        let start = self.offsets[layer];
        start..start + self.sizes[layer] * self.sizes[layer + 1]
    }

    /// The weight penalty l1·Σ|w| + ½·l2·Σw² over every weight. Biases are not penalized: they
    /// only shift a unit's threshold, and shrinking them does not make the function simpler.
    /// The ½ makes the L2 gradient l2·w, the same as PyTorch's `weight_decay` for SGD.
    pub fn penalty(&self, l1: f64, l2: f64) -> f64 {
        if l1 == 0.0 && l2 == 0.0 {
            return 0.0;
        }
        (0..self.num_layers())
            .flat_map(|l| self.params[self.weight_range(l)].iter())
            .map(|w| l1 * w.abs() + 0.5 * l2 * w * w)
            .sum()
    }

    /// Runs a batch forward. The first `n` columns of `ws`'s input block must hold the inputs
    /// (feature-major: input `i` of sample `k` at `i·n + k`). Leaves the output layer's raw values
    /// (logits, or the regression output) in `ws.output(n)`.
    pub(crate) fn forward(&self, ws: &mut Workspace, n: usize, mut mode: Mode<'_>) {
        let layers = self.num_layers();
        for l in 0..layers {
            let (n_in, n_out) = (self.sizes[l], self.sizes[l + 1]);
            let (before, after) = ws.acts.split_at_mut(l + 1);
            let input = &before[l][..n_in * n];
            let out = &mut after[0][..n_out * n];
            let w = &self.params[self.offsets[l]..self.offsets[l] + n_in * n_out];
            let b = &self.params[self.offsets[l] + n_in * n_out..self.offsets[l + 1]];
            affine(w, b, input, out, n_in, n);
            if l + 1 == layers {
                break;
            }
            self.activation.apply(out);
            if let Mode::Train { dropout, rng } = &mut mode {
                // Inverted dropout: keep a unit with probability 1 − p and scale it by 1/(1 − p),
                // so the expected input to the next layer matches evaluation, which never drops.
                let deriv = &mut ws.derivs[l + 1][..n_out * n];
                let keep_scale = 1.0 / (1.0 - *dropout);
                for (a, d) in out.iter_mut().zip(deriv.iter_mut()) {
                    let mask = if *dropout > 0.0 && rng.uniform() < *dropout { 0.0 } else { keep_scale };
                    *d = self.activation.derivative_from_output(*a) * mask;
                    *a *= mask;
                }
            }
        }
    }

    /// Backpropagates the loss of the batch just run forward in [`Mode::Train`]. Writes the
    /// gradient of (mean batch loss + penalty) into `grads` (same layout as `params`) and returns
    /// the batch's summed loss and correct count.
    pub(crate) fn backward(&self, ws: &mut Workspace, targets: &[f64], n: usize, l1: f64, l2: f64, grads: &mut [f64]) -> (f64, usize) {
        let layers = self.num_layers();
        let out_dim = self.output_dim();
        let Workspace { acts, derivs, delta, delta_prev, .. } = ws;
        let (loss, correct) = head(self.task, &acts[layers][..out_dim * n], targets, n, Some(&mut delta[..out_dim * n]));
        for l in (0..layers).rev() {
            let (n_in, n_out) = (self.sizes[l], self.sizes[l + 1]);
            let input = &acts[l][..n_in * n];
            let d = &delta[..n_out * n];
            let (gw, gb) = grads[self.offsets[l]..self.offsets[l + 1]].split_at_mut(n_in * n_out);
            for o in 0..n_out {
                let d_row = &d[o * n..(o + 1) * n];
                gb[o] = d_row.iter().sum();
                for i in 0..n_in {
                    gw[o * n_in + i] = dot_in_order(d_row, &input[i * n..(i + 1) * n]);
                }
            }
            if l == 0 {
                break;
            }
            // δ_prev = Wᵀ δ ⊙ f′(z_prev)·mask.
            let w = &self.params[self.offsets[l]..self.offsets[l] + n_in * n_out];
            let prev = &mut delta_prev[..n_in * n];
            prev.fill(0.0);
            for o in 0..n_out {
                let d_row = &d[o * n..(o + 1) * n];
                for i in 0..n_in {
                    axpy(&mut prev[i * n..(i + 1) * n], w[o * n_in + i], d_row);
                }
            }
            for (p, f) in prev.iter_mut().zip(&derivs[l][..n_in * n]) {
                *p *= f;
            }
            std::mem::swap(delta, delta_prev);
        }
        if l1 != 0.0 || l2 != 0.0 {
            for l in 0..layers {
                let range = self.weight_range(l);
                for (g, w) in grads[range.clone()].iter_mut().zip(&self.params[range]) {
                    // The L1 term has no slope at w = 0; take 0 there (the subgradient PyTorch uses).
                    let sign = if *w > 0.0 {
                        1.0
                    } else if *w < 0.0 {
                        -1.0
                    } else {
                        0.0
                    };
                    *g += l1 * sign + l2 * w;
                }
            }
        }
        (loss, correct)
    }
}

/// Reusable buffers for forward and backward passes. Grows to the largest batch it has seen and
/// then never allocates again.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    /// `acts[0]` is the input block; `acts[l]` the output of weight layer `l − 1` (after dropout).
    acts: Vec<Vec<f64>>,
    /// f′(z)·mask for each hidden layer, kept in training mode for backpropagation.
    derivs: Vec<Vec<f64>>,
    delta: Vec<f64>,
    delta_prev: Vec<f64>,
}

impl Workspace {
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes room for a batch of `n` samples through `net`.
    pub(crate) fn prepare(&mut self, net: &Network, n: usize) {
        let sizes = net.layer_sizes();
        grow_each(&mut self.acts, sizes, n);
        grow_each(&mut self.derivs, sizes, n);
        let widest = sizes.iter().max().copied().unwrap_or(0) * n;
        grow(&mut self.delta, widest);
        grow(&mut self.delta_prev, widest);
    }

    /// The input block for a batch of `n`: input `i` of sample `k` goes at `i·n + k`.
    pub(crate) fn input_mut(&mut self, dim: usize, n: usize) -> &mut [f64] {
        &mut self.acts[0][..dim * n]
    }

    /// The output layer's raw values after a forward pass of `n`: output `c` of sample `k` at `c·n + k`.
    pub(crate) fn output(&self, net: &Network, n: usize) -> &[f64] {
        &self.acts[net.num_layers()][..net.output_dim() * n]
    }

    /// Hidden layer `l`'s outputs (1-based: layer 1 is the first hidden layer), feature-major.
    #[cfg(test)]
    pub(crate) fn activations(&self, net: &Network, l: usize, n: usize) -> &[f64] {
        &self.acts[l][..net.layer_sizes()[l] * n]
    }
}

fn grow(v: &mut Vec<f64>, len: usize) {
    if v.len() < len {
        v.resize(len, 0.0);
    }
}

fn grow_each(vs: &mut Vec<Vec<f64>>, sizes: &[usize], n: usize) {
    if vs.len() < sizes.len() {
        vs.resize_with(sizes.len(), Vec::new);
    }
    for (v, &units) in vs.iter_mut().zip(sizes) {
        grow(v, units * n);
    }
}

/// out[o, k] = b[o] + Σᵢ w[o, i]·input[i, k], every block feature-major with `n` columns.
///
/// Blocked two outputs × four samples, with the eight sums in locals: one load per two
/// multiply-adds instead of three memory operations per multiply-add for a row-by-row update.
/// Written with plain indices and unrolled by hand because the web build uses
/// `opt-level = "z"`, which neither unrolls loops nor reliably inlines iterator adapters
/// (`zip`, `chunks_exact`, range slicing); each of those cost a call per step there.
#[inline(always)]
fn affine(w: &[f64], b: &[f64], input: &[f64], out: &mut [f64], n_in: usize, n: usize) {
    let n_out = b.len();
    let mut o = 0;
    while o + 2 <= n_out {
        let (wa, wb) = (o * n_in, (o + 1) * n_in);
        let (ra, rb) = (o * n, (o + 1) * n);
        let (ba, bb) = (b[o], b[o + 1]);
        let mut k = 0;
        while k + 4 <= n {
            let (mut a0, mut a1, mut a2, mut a3) = (ba, ba, ba, ba);
            let (mut b0, mut b1, mut b2, mut b3) = (bb, bb, bb, bb);
            let mut x = k;
            for i in 0..n_in {
                let (p, q) = (w[wa + i], w[wb + i]);
                let (x0, x1, x2, x3) = (input[x], input[x + 1], input[x + 2], input[x + 3]);
                a0 += p * x0;
                a1 += p * x1;
                a2 += p * x2;
                a3 += p * x3;
                b0 += q * x0;
                b1 += q * x1;
                b2 += q * x2;
                b3 += q * x3;
                x += n;
            }
            out[ra + k] = a0;
            out[ra + k + 1] = a1;
            out[ra + k + 2] = a2;
            out[ra + k + 3] = a3;
            out[rb + k] = b0;
            out[rb + k + 1] = b1;
            out[rb + k + 2] = b2;
            out[rb + k + 3] = b3;
            k += 4;
        }
        while k < n {
            let (mut sa, mut sb) = (ba, bb);
            for i in 0..n_in {
                let x = input[i * n + k];
                sa += w[wa + i] * x;
                sb += w[wb + i] * x;
            }
            out[ra + k] = sa;
            out[rb + k] = sb;
            k += 1;
        }
        o += 2;
    }
    if o < n_out {
        // The odd row out (and the single output of binary and regression heads).
        let (wa, ra, ba) = (o * n_in, o * n, b[o]);
        let mut k = 0;
        while k + 4 <= n {
            let (mut a0, mut a1, mut a2, mut a3) = (ba, ba, ba, ba);
            let mut x = k;
            for i in 0..n_in {
                let p = w[wa + i];
                a0 += p * input[x];
                a1 += p * input[x + 1];
                a2 += p * input[x + 2];
                a3 += p * input[x + 3];
                x += n;
            }
            out[ra + k] = a0;
            out[ra + k + 1] = a1;
            out[ra + k + 2] = a2;
            out[ra + k + 3] = a3;
            k += 4;
        }
        while k < n {
            let mut s = ba;
            for i in 0..n_in {
                s += w[wa + i] * input[i * n + k];
            }
            out[ra + k] = s;
            k += 1;
        }
    }
}


/// The loss of a batch from the output layer's raw values `z` (feature-major, `n` columns).
/// Returns (summed loss, correct predictions); with `grad`, writes d(mean loss)/dz into it.
pub(crate) fn head(task: Task, z: &[f64], targets: &[f64], n: usize, mut grad: Option<&mut [f64]>) -> (f64, usize) {
    let scale = 1.0 / n as f64;
    let mut loss = 0.0;
    let mut correct = 0;
    match task {
        Task::Binary => {
            for k in 0..n {
                let (z, y) = (z[k], targets[k]);
                // −[y ln σ(z) + (1 − y) ln(1 − σ(z))] = softplus(z) − y·z, computed without overflow.
                loss += z.max(0.0) - y * z + (-z.abs()).exp().ln_1p();
                correct += usize::from((z >= 0.0) == (y >= 0.5));
                if let Some(g) = grad.as_deref_mut() {
                    g[k] = (sigmoid(z) - y) * scale;
                }
            }
        }
        Task::Regression => {
            for k in 0..n {
                let e = z[k] - targets[k];
                loss += e * e;
                if let Some(g) = grad.as_deref_mut() {
                    g[k] = 2.0 * e * scale;
                }
            }
        }
        Task::MultiClass { classes } => {
            for k in 0..n {
                let y = targets[k] as usize;
                let (mut max, mut arg) = (f64::NEG_INFINITY, 0);
                for c in 0..classes {
                    if z[c * n + k] > max {
                        (max, arg) = (z[c * n + k], c);
                    }
                }
                let sum: f64 = (0..classes).map(|c| (z[c * n + k] - max).exp()).sum();
                let log_sum = max + sum.ln();
                loss += log_sum - z[y * n + k];
                correct += usize::from(arg == y);
                if let Some(g) = grad.as_deref_mut() {
                    for c in 0..classes {
                        let p = (z[c * n + k] - log_sum).exp();
                        g[c * n + k] = (p - f64::from(u8::from(c == y))) * scale;
                    }
                }
            }
        }
    }
    (loss, correct)
}

/// Turns raw outputs into what `predict_proba` reports, sample-major: P(class 1) for binary,
/// one probability per class for multi-class, the value for regression.
pub(crate) fn to_probabilities(task: Task, z: &[f64], n: usize, out: &mut [f64]) {
    match task {
        Task::Binary => {
            for k in 0..n {
                out[k] = sigmoid(z[k]);
            }
        }
        Task::Regression => out.copy_from_slice(&z[..n]),
        Task::MultiClass { classes } => {
            for k in 0..n {
                let max = (0..classes).map(|c| z[c * n + k]).fold(f64::NEG_INFINITY, f64::max);
                let row = &mut out[k * classes..(k + 1) * classes];
                for (c, p) in row.iter_mut().enumerate() {
                    *p = (z[c * n + k] - max).exp();
                }
                let sum: f64 = row.iter().sum();
                row.iter_mut().for_each(|p| *p /= sum);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Array2;

    #[test]
    fn relu_lets_nan_through() {
        // `max` would turn NaN into 0 and hide a diverging run.
        let mut v = [f64::NAN, -1.0, 2.0];
        Activation::Relu.apply(&mut v);
        assert!(v[0].is_nan() && v[1] == 0.0 && v[2] == 2.0);
    }

    fn spec(hidden: &[usize], activation: Activation, task: Task) -> NetworkSpec {
        NetworkSpec { input_dim: 2, hidden: hidden.to_vec(), activation, task, init: Init::Auto }
    }

    /// A batch of `n` inputs (feature-major) and targets suited to `task`.
    fn batch(task: Task, n: usize, seed: u64) -> (Vec<f64>, Vec<f64>) {
        let mut rng = SeededRng::new(seed);
        let x: Vec<f64> = (0..2 * n).map(|_| rng.uniform() * 2.0 - 1.0).collect();
        let y = (0..n)
            .map(|_| match task {
                Task::Binary => (rng.uniform() < 0.5) as u8 as f64,
                Task::MultiClass { classes } => (rng.uniform() * classes as f64).floor(),
                Task::Regression => rng.normal(),
            })
            .collect();
        (x, y)
    }

    /// Mean batch loss + penalty at the network's current parameters; the dropout mask is the
    /// same on every call because the mask stream restarts from `mask_seed`.
    #[allow(clippy::too_many_arguments)]
    fn objective(net: &Network, ws: &mut Workspace, x: &[f64], y: &[f64], dropout: f64, mask_seed: u64, l1: f64, l2: f64) -> f64 {
        let n = y.len();
        ws.prepare(net, n);
        ws.input_mut(2, n).copy_from_slice(x);
        let mut rng = SeededRng::new(mask_seed);
        net.forward(ws, n, Mode::Train { dropout, rng: &mut rng });
        let (loss, _) = head(net.task(), ws.output(net, n), y, n, None);
        loss / n as f64 + net.penalty(l1, l2)
    }

    fn gradient_check(net: &mut Network, dropout: f64, l1: f64, l2: f64) {
        let n = 7;
        let (x, y) = batch(net.task(), n, 11);
        let mut ws = Workspace::new();
        ws.prepare(net, n);
        ws.input_mut(2, n).copy_from_slice(&x);
        let mut rng = SeededRng::new(5);
        net.forward(&mut ws, n, Mode::Train { dropout, rng: &mut rng });
        let mut grads = vec![0.0; net.params().len()];
        let (loss, _) = net.backward(&mut ws, &y, n, l1, l2, &mut grads);
        let f0 = objective(net, &mut ws, &x, &y, dropout, 5, l1, l2);
        assert!((loss / n as f64 + net.penalty(l1, l2) - f0).abs() < 1e-14);
        // Five-point central differences: truncation error O(h⁴), rounding ~1e-11 at h = 1e-5.
        let h = 1e-5;
        for (j, &analytic) in grads.iter().enumerate() {
            let original = net.params()[j];
            let mut at = |delta: f64| {
                net.params_mut()[j] = original + delta;
                objective(net, &mut ws, &x, &y, dropout, 5, l1, l2)
            };
            let numeric = (at(-2.0 * h) - 8.0 * at(-h) + 8.0 * at(h) - at(2.0 * h)) / (12.0 * h);
            net.params_mut()[j] = original;
            let error = (analytic - numeric).abs();
            assert!(
                error <= 1e-6 * analytic.abs().max(numeric.abs()) + 1e-10,
                "param {j} of {:?}/{:?} dropout {dropout} l1 {l1} l2 {l2}: analytic {analytic:e}, numeric {numeric:e}",
                net.activation(),
                net.task()
            );
        }
    }

    #[test]
    fn gradients_match_finite_differences_for_every_activation_loss_and_penalty() {
        let tasks = [Task::Binary, Task::MultiClass { classes: 3 }, Task::Regression];
        let penalties = [(0.0, 0.0), (0.01, 0.0), (0.0, 0.05), (0.02, 0.03)];
        for activation in Activation::ALL {
            for task in tasks {
                for (l1, l2) in penalties {
                    let mut net = spec(&[5, 4], activation, task).build(3).unwrap();
                    // Non-zero biases, so their gradients are checked away from the starting point.
                    for b in net.params_mut().iter_mut().filter(|b| **b == 0.0) {
                        *b = 0.1;
                    }
                    gradient_check(&mut net, 0.0, l1, l2);
                }
            }
        }
    }

    #[test]
    fn gradients_match_finite_differences_with_a_fixed_dropout_mask() {
        for activation in [Activation::Tanh, Activation::Sigmoid] {
            let mut net = spec(&[6, 6, 6], activation, Task::Binary).build(8).unwrap();
            gradient_check(&mut net, 0.3, 0.0, 0.01);
        }
        let mut deep = spec(&[4; 6], Activation::Tanh, Task::Regression).build(2).unwrap();
        gradient_check(&mut deep, 0.0, 0.0, 0.0);
        let mut linear_model = spec(&[], Activation::Tanh, Task::Binary).build(2).unwrap();
        gradient_check(&mut linear_model, 0.0, 0.1, 0.1);
    }

    #[test]
    fn penalty_covers_weights_not_biases() {
        let mut net = spec(&[3], Activation::Tanh, Task::Binary).build(1).unwrap();
        net.params_mut().iter_mut().for_each(|p| *p = 2.0);
        // 2·3 + 3·1 = 9 weights, each 2: L1 = 9·2, L2 = ½·9·4.
        assert_eq!(net.penalty(1.0, 0.0), 18.0);
        assert_eq!(net.penalty(0.0, 1.0), 18.0);
        assert_eq!(net.params().len(), 9 + 3 + 1);
        assert_eq!(net.weights(0).shape(), &[3, 2]);
        assert_eq!(net.biases(1).len(), 1);
    }

    #[test]
    fn init_scales_follow_he_and_xavier() {
        let wide = |activation, init| {
            let net = NetworkSpec { input_dim: 16, hidden: vec![16; 6], activation, task: Task::Binary, init }.build(9).unwrap();
            let w: Vec<f64> = (1..6).flat_map(|l| net.weights(l).iter().copied().collect::<Vec<_>>()).collect();
            let var = w.iter().map(|w| w * w).sum::<f64>() / w.len() as f64;
            (var, net.biases(0).iter().all(|b| *b == 0.0))
        };
        let (he, zero_bias) = wide(Activation::Relu, Init::Auto);
        assert!((he - 2.0 / 16.0).abs() < 0.03, "{he}");
        assert!(zero_bias);
        let (xavier, _) = wide(Activation::Tanh, Init::Auto);
        assert!((xavier - 2.0 / 32.0).abs() < 0.015, "{xavier}");
        let (forced, _) = wide(Activation::Tanh, Init::He);
        assert!((forced - 2.0 / 16.0).abs() < 0.03, "{forced}");
        // Same seed, same weights.
        let s = spec(&[8, 8], Activation::Tanh, Task::Binary);
        assert_eq!(s.build(4).unwrap(), s.build(4).unwrap());
        assert_ne!(s.build(4).unwrap(), s.build(5).unwrap());
    }

    #[test]
    fn dropout_zeroes_about_p_and_scales_survivors() {
        let net = spec(&[16], Activation::Tanh, Task::Binary).build(2).unwrap();
        let n = 2000;
        let (x, _) = batch(Task::Binary, n, 3);
        let mut ws = Workspace::new();
        ws.prepare(&net, n);
        ws.input_mut(2, n).copy_from_slice(&x);
        net.forward(&mut ws, n, Mode::Eval);
        let clean = ws.activations(&net, 1, n).to_vec();
        let p = 0.3;
        let mut rng = SeededRng::new(7);
        net.forward(&mut ws, n, Mode::Train { dropout: p, rng: &mut rng });
        let dropped = ws.activations(&net, 1, n);
        let mut zeros = 0;
        for (d, c) in dropped.iter().zip(&clean) {
            if *d == 0.0 {
                zeros += 1;
            } else {
                assert!((d - c / (1.0 - p)).abs() < 1e-15, "{d} vs {c}");
            }
        }
        let fraction = zeros as f64 / dropped.len() as f64;
        assert!((fraction - p).abs() < 0.01, "{fraction}");
    }

    #[test]
    fn evaluation_never_drops() {
        let net = spec(&[8, 8], Activation::Relu, Task::Binary).build(2).unwrap();
        let n = 50;
        let (x, _) = batch(Task::Binary, n, 3);
        let mut ws = Workspace::new();
        ws.prepare(&net, n);
        ws.input_mut(2, n).copy_from_slice(&x);
        net.forward(&mut ws, n, Mode::Eval);
        let eval = ws.output(&net, n).to_vec();
        // Training mode without dropout computes the same function.
        let mut rng = SeededRng::new(1);
        net.forward(&mut ws, n, Mode::Train { dropout: 0.0, rng: &mut rng });
        assert_eq!(ws.output(&net, n), &eval[..]);
        // And evaluation agrees with a plain matrix formulation.
        let xs = Array2::from_shape_vec((2, n), x).unwrap();
        let mut a = xs;
        for l in 0..net.num_layers() {
            let z = net.weights(l).dot(&a) + net.biases(l).insert_axis(ndarray::Axis(1));
            a = if l + 1 < net.num_layers() { z.mapv(|v| v.max(0.0)) } else { z };
        }
        for (mine, reference) in eval.iter().zip(a.iter()) {
            assert!((mine - reference).abs() < 1e-12);
        }
    }

    #[test]
    fn heads_report_loss_and_accuracy() {
        // Binary: z = 0 gives ln 2 whatever the label; z = 3, y = 1 is correct.
        let (loss, correct) = head(Task::Binary, &[0.0, 3.0, -2.0], &[1.0, 1.0, 1.0], 3, None);
        let expected = 2f64.ln() + (1.0 + (-3.0f64).exp()).ln() + (1.0 + 2f64.exp()).ln();
        assert!((loss - expected).abs() < 1e-12);
        assert_eq!(correct, 2);
        // Huge logits do not overflow.
        let (loss, _) = head(Task::Binary, &[800.0], &[0.0], 1, None);
        assert_eq!(loss, 800.0);
        // Softmax with equal logits: ln 3 per sample.
        let (loss, _) = head(Task::MultiClass { classes: 3 }, &[1.0, 1.0, 1.0], &[2.0], 1, None);
        assert!((loss - 3f64.ln()).abs() < 1e-12);
        let mut probs = [0.0; 3];
        to_probabilities(Task::MultiClass { classes: 3 }, &[0.0, 0.0, 2f64.ln()], 1, &mut probs);
        assert!((probs[2] - 0.5).abs() < 1e-15 && (probs[0] - 0.25).abs() < 1e-15);
        let (loss, _) = head(Task::Regression, &[1.0, -1.0], &[0.5, 1.0], 2, None);
        assert_eq!(loss, 0.25 + 4.0);
    }

    #[test]
    fn bad_shapes_are_typed_errors() {
        assert!(spec(&[17], Activation::Tanh, Task::Binary).build(0).is_err());
        assert!(spec(&[0], Activation::Tanh, Task::Binary).build(0).is_err());
        assert!(spec(&[4; 7], Activation::Tanh, Task::Binary).build(0).is_err());
        assert!(spec(&[4], Activation::Tanh, Task::MultiClass { classes: 1 }).build(0).is_err());
        assert!(NetworkSpec { input_dim: 0, ..spec(&[4], Activation::Tanh, Task::Binary) }.build(0).is_err());
        assert!(spec(&[16; 6], Activation::Tanh, Task::Binary).build(0).is_ok());
    }
}
