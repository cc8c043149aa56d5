//! The optimizers, written exactly as PyTorch's `torch.optim` updates (no weight decay there:
//! the L1/L2 penalties live in the loss, see [`Network::penalty`](super::Network::penalty)).
//! Each works on the flat parameter vector, so the update is one loop.

use crate::optim::descent::ConfigError;

/// An optimizer and its own hyperparameters. `learning_rate` is the base rate the schedule scales.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Optimizer {
    /// w ← w − η·g.
    Sgd { learning_rate: f64 },
    /// v ← μ·v + g; w ← w − η·v. Nesterov steps along g + μ·v instead (PyTorch's form).
    Momentum { learning_rate: f64, momentum: f64, nesterov: bool },
    /// s ← α·s + (1 − α)·g²; w ← w − η·g / (√s + ε).
    RmsProp { learning_rate: f64, alpha: f64, eps: f64 },
    /// m ← β₁·m + (1 − β₁)·g; v ← β₂·v + (1 − β₂)·g²; bias-corrected, w ← w − η·m̂ / (√v̂ + ε).
    Adam { learning_rate: f64, beta1: f64, beta2: f64, eps: f64 },
}

impl Optimizer {
    /// PyTorch's default: η = 0.001.
    pub fn sgd() -> Self {
        Optimizer::Sgd { learning_rate: 1e-3 }
    }
    /// η = 0.001 as PyTorch; μ = 0.9, the usual choice (PyTorch's 0 would be plain SGD).
    pub fn momentum() -> Self {
        Optimizer::Momentum { learning_rate: 1e-3, momentum: 0.9, nesterov: false }
    }
    pub fn nesterov() -> Self {
        Optimizer::Momentum { learning_rate: 1e-3, momentum: 0.9, nesterov: true }
    }
    /// PyTorch's defaults: η = 0.01, α = 0.99, ε = 1e-8.
    pub fn rmsprop() -> Self {
        Optimizer::RmsProp { learning_rate: 1e-2, alpha: 0.99, eps: 1e-8 }
    }
    /// PyTorch's defaults: η = 0.001, β = (0.9, 0.999), ε = 1e-8.
    pub fn adam() -> Self {
        Optimizer::Adam { learning_rate: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 }
    }

    pub fn label(&self) -> &'static str {
        match self {
            Optimizer::Sgd { .. } => "SGD",
            Optimizer::Momentum { nesterov: false, .. } => "SGD + momentum",
            Optimizer::Momentum { nesterov: true, .. } => "SGD + Nesterov momentum",
            Optimizer::RmsProp { .. } => "RMSprop",
            Optimizer::Adam { .. } => "Adam",
        }
    }

    pub fn learning_rate(&self) -> f64 {
        match *self {
            Optimizer::Sgd { learning_rate }
            | Optimizer::Momentum { learning_rate, .. }
            | Optimizer::RmsProp { learning_rate, .. }
            | Optimizer::Adam { learning_rate, .. } => learning_rate,
        }
    }

    pub fn with_learning_rate(mut self, rate: f64) -> Self {
        match &mut self {
            Optimizer::Sgd { learning_rate }
            | Optimizer::Momentum { learning_rate, .. }
            | Optimizer::RmsProp { learning_rate, .. }
            | Optimizer::Adam { learning_rate, .. } => *learning_rate = rate,
        }
        self
    }

    pub fn validate(&self) -> Result<(), ConfigError> {
        let finite = |name, v: f64| if v.is_finite() { Ok(()) } else { Err(ConfigError::NotFinite(name)) };
        let unit = |name, v: f64| {
            finite(name, v)?;
            if (0.0..1.0).contains(&v) { Ok(()) } else { Err(ConfigError::OutOfRange { name, detail: "must be in [0, 1)" }) }
        };
        let positive = |name, v: f64| {
            finite(name, v)?;
            if v > 0.0 { Ok(()) } else { Err(ConfigError::OutOfRange { name, detail: "must be > 0" }) }
        };
        positive("learning_rate", self.learning_rate())?;
        match *self {
            Optimizer::Sgd { .. } => Ok(()),
            Optimizer::Momentum { momentum, .. } => unit("momentum", momentum),
            Optimizer::RmsProp { alpha, eps, .. } => {
                unit("alpha", alpha)?;
                positive("eps", eps)
            }
            Optimizer::Adam { beta1, beta2, eps, .. } => {
                unit("beta1", beta1)?;
                unit("beta2", beta2)?;
                positive("eps", eps)
            }
        }
    }
}

/// An optimizer with its running state (velocity, squared-gradient averages, step count).
#[derive(Clone, Debug, PartialEq)]
pub struct OptimizerState {
    kind: Optimizer,
    /// Momentum's velocity, or Adam's first moment.
    first: Vec<f64>,
    /// RMSprop's and Adam's running mean of squared gradients.
    second: Vec<f64>,
    steps: u64,
}

impl OptimizerState {
    pub fn new(kind: Optimizer, params: usize) -> Self {
        let (first, second) = match kind {
            Optimizer::Sgd { .. } => (0, 0),
            Optimizer::Momentum { .. } => (params, 0),
            Optimizer::RmsProp { .. } => (0, params),
            Optimizer::Adam { .. } => (params, params),
        };
        Self { kind, first: vec![0.0; first], second: vec![0.0; second], steps: 0 }
    }

    pub fn kind(&self) -> Optimizer {
        self.kind
    }
    /// Updates taken so far.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// One update with learning rate `lr` (the schedule's value for this step; the base rate in
    /// the [`Optimizer`] is not used here).
    pub fn step(&mut self, params: &mut [f64], grads: &[f64], lr: f64) {
        debug_assert_eq!(params.len(), grads.len());
        self.steps += 1;
        match self.kind {
            Optimizer::Sgd { .. } => {
                for (w, g) in params.iter_mut().zip(grads) {
                    *w -= lr * g;
                }
            }
            Optimizer::Momentum { momentum, nesterov, .. } => {
                // PyTorch starts the buffer at g on the first step; with v = 0, μ·0 + g is the same.
                for ((w, g), v) in params.iter_mut().zip(grads).zip(&mut self.first) {
                    *v = momentum * *v + g;
                    let direction = if nesterov { g + momentum * *v } else { *v };
                    *w -= lr * direction;
                }
            }
            Optimizer::RmsProp { alpha, eps, .. } => {
                for ((w, g), s) in params.iter_mut().zip(grads).zip(&mut self.second) {
                    *s = alpha * *s + (1.0 - alpha) * g * g;
                    *w -= lr * g / (s.sqrt() + eps);
                }
            }
            Optimizer::Adam { beta1, beta2, eps, .. } => {
                // Bias correction undoes the zero start of both averages. `powi` takes an i32; past
                // 2³¹ steps the corrections are 1 anyway.
                let t = self.steps.min(i32::MAX as u64) as i32;
                let c1 = 1.0 - beta1.powi(t);
                let c2 = 1.0 - beta2.powi(t);
                for (((w, g), m), v) in params.iter_mut().zip(grads).zip(&mut self.first).zip(&mut self.second) {
                    *m = beta1 * *m + (1.0 - beta1) * g;
                    *v = beta2 * *v + (1.0 - beta2) * g * g;
                    *w -= lr * (*m / c1) / ((*v / c2).sqrt() + eps);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two updates from w = (1, −2) with gradients (0.5, −1) then (0.25, 0.5), at η = 0.1.
    fn two_steps(kind: Optimizer) -> [f64; 2] {
        let mut w = [1.0, -2.0];
        let mut state = OptimizerState::new(kind, 2);
        state.step(&mut w, &[0.5, -1.0], 0.1);
        state.step(&mut w, &[0.25, 0.5], 0.1);
        assert_eq!(state.steps(), 2);
        w
    }

    fn close(a: [f64; 2], b: [f64; 2]) {
        assert!((a[0] - b[0]).abs() < 1e-12 && (a[1] - b[1]).abs() < 1e-12, "{a:?} vs {b:?}");
    }

    #[test]
    fn sgd_matches_hand_computation() {
        // w = (1 − 0.05 − 0.025, −2 + 0.1 − 0.05).
        close(two_steps(Optimizer::Sgd { learning_rate: 0.1 }), [0.925, -1.95]);
    }

    #[test]
    fn momentum_matches_hand_computation() {
        // μ = 0.5. Step 1: v = (0.5, −1), w = (0.95, −1.9).
        // Step 2: v = (0.25 + 0.25, −0.5 + 0.5) = (0.5, 0), w = (0.9, −1.9).
        close(two_steps(Optimizer::Momentum { learning_rate: 0.1, momentum: 0.5, nesterov: false }), [0.9, -1.9]);
    }

    #[test]
    fn nesterov_matches_hand_computation() {
        // μ = 0.5. Step 1: v = (0.5, −1), step along g + μv = (0.75, −1.5): w = (0.925, −1.85).
        // Step 2: v = (0.5, 0), step along (0.25 + 0.25, 0.5 + 0) = (0.5, 0.5): w = (0.875, −1.9).
        close(two_steps(Optimizer::Momentum { learning_rate: 0.1, momentum: 0.5, nesterov: true }), [0.875, -1.9]);
    }

    #[test]
    fn rmsprop_matches_hand_computation() {
        // α = 0.9, ε = 0. Step 1: s = 0.1·g² = (0.025, 0.1); w −= 0.1·g/√s
        //   = 0.1·(0.5/0.158113…, −1/0.316227…) = (0.316227…, −0.316227…), i.e. 0.1·√10 each way.
        // Step 2: s = 0.9·s + 0.1·g² = (0.0225 + 0.00625, 0.09 + 0.025) = (0.02875, 0.115);
        //   w −= 0.1·(0.25/√0.02875, 0.5/√0.115).
        let k = 0.1 * 10f64.sqrt();
        let expected = [1.0 - k - 0.1 * 0.25 / 0.02875f64.sqrt(), -2.0 + k - 0.1 * 0.5 / 0.115f64.sqrt()];
        close(two_steps(Optimizer::RmsProp { learning_rate: 0.1, alpha: 0.9, eps: 0.0 }), expected);
    }

    #[test]
    fn adam_matches_hand_computation() {
        // β = (0.9, 0.999), ε = 0. Step 1: m̂ = g, v̂ = g², so each weight moves η·sign(g):
        //   w = (0.9, −1.9).
        // Step 2: m = 0.9·0.1·g₁ + 0.1·g₂ = (0.045 + 0.025, −0.09 + 0.05) = (0.07, −0.04);
        //   m̂ = m / 0.19 = (0.368421…, −0.210526…).
        //   v = 0.999·0.001·g₁² + 0.001·g₂² = (0.00024975 + 0.0000625, 0.000999 + 0.00025)
        //     = (0.00031225, 0.001249); v̂ = v / (1 − 0.999²) = v / 0.001999.
        let m_hat = [0.07 / 0.19, -0.04 / 0.19];
        let v_hat: [f64; 2] = [0.00031225 / 0.001999, 0.001249 / 0.001999];
        let expected = [0.9 - 0.1 * m_hat[0] / v_hat[0].sqrt(), -1.9 - 0.1 * m_hat[1] / v_hat[1].sqrt()];
        close(two_steps(Optimizer::Adam { learning_rate: 0.1, beta1: 0.9, beta2: 0.999, eps: 0.0 }), expected);
        // Numerically: (0.9 − 0.0932…, −1.9 + 0.0266…).
        assert!((expected[0] - 0.806_78).abs() < 1e-5 && (expected[1] + 1.873_37).abs() < 1e-5, "{expected:?}");
    }

    #[test]
    fn defaults_are_pytorchs_and_validate() {
        assert_eq!(Optimizer::adam(), Optimizer::Adam { learning_rate: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 });
        assert_eq!(Optimizer::rmsprop().learning_rate(), 1e-2);
        for o in [Optimizer::sgd(), Optimizer::momentum(), Optimizer::nesterov(), Optimizer::rmsprop(), Optimizer::adam()] {
            assert_eq!(o.validate(), Ok(()));
            assert_eq!(o.with_learning_rate(0.3).learning_rate(), 0.3);
        }
        assert!(Optimizer::Sgd { learning_rate: 0.0 }.validate().is_err());
        assert!(Optimizer::Sgd { learning_rate: f64::NAN }.validate().is_err());
        assert!(Optimizer::Momentum { learning_rate: 0.1, momentum: 1.0, nesterov: false }.validate().is_err());
        assert!(Optimizer::Adam { learning_rate: 0.1, beta1: 0.9, beta2: 1.0, eps: 1e-8 }.validate().is_err());
        assert!(Optimizer::RmsProp { learning_rate: 0.1, alpha: 0.9, eps: 0.0 }.validate().is_err());
    }
}
