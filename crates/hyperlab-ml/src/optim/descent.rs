//! Gradient descent, with optional (Nesterov) momentum and gradient noise, on a [`Surface`].
//!
//! Follows the params → validated params → run pattern: [`DescentConfig`] holds what the
//! learner set, [`DescentConfig::build`] checks it and returns a steppable [`Descent`].

use crate::rng::SeededRng;
use crate::optim::surface::Surface;

/// Loss (above the minimum) at which a run counts as having reached the minimum.
pub const CONVERGED_LOSS: f64 = 1e-6;
/// A run whose loss grows past this many times its starting loss has diverged.
pub const DIVERGENCE_FACTOR: f64 = 1e4;
/// A run that leaves this box has diverged, whatever its loss.
pub const PARAMETER_LIMIT: f64 = 1e6;

/// What the learner sets: the hyperparameters of one gradient-descent run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DescentConfig {
    pub surface: Surface,
    pub learning_rate: f64,
    /// Heavy-ball momentum μ in [0, 1): v ← μ·v − η·∇f, w ← w + v.
    pub momentum: f64,
    /// Evaluate the gradient at the look-ahead point w + μ·v.
    pub nesterov: bool,
    /// Standard deviation of Gaussian noise added to each gradient component: a stand-in for
    /// the noise of mini-batch gradients.
    pub gradient_noise: f64,
    /// Step budget.
    pub max_steps: usize,
    pub start: [f64; 2],
    pub seed: u64,
}

impl DescentConfig {
    pub fn new(surface: Surface, learning_rate: f64) -> Self {
        Self {
            surface,
            learning_rate,
            momentum: 0.0,
            nesterov: false,
            gradient_noise: 0.0,
            max_steps: 100,
            start: surface.default_start(),
            seed: 0,
        }
    }

    /// Checks every setting and returns a run ready to step.
    pub fn build(self) -> Result<Descent, ConfigError> {
        let finite = |name, v: f64| if v.is_finite() { Ok(()) } else { Err(ConfigError::NotFinite(name)) };
        finite("learning_rate", self.learning_rate)?;
        finite("momentum", self.momentum)?;
        finite("gradient_noise", self.gradient_noise)?;
        finite("start", self.start[0])?;
        finite("start", self.start[1])?;
        if self.learning_rate <= 0.0 {
            return Err(ConfigError::OutOfRange { name: "learning_rate", detail: "must be > 0" });
        }
        if !(0.0..1.0).contains(&self.momentum) {
            return Err(ConfigError::OutOfRange { name: "momentum", detail: "must be in [0, 1)" });
        }
        if self.gradient_noise < 0.0 {
            return Err(ConfigError::OutOfRange { name: "gradient_noise", detail: "must be ≥ 0" });
        }
        if let Surface::Bowl { condition } = self.surface {
            if !condition.is_finite() || condition < 1.0 {
                return Err(ConfigError::OutOfRange { name: "condition", detail: "must be ≥ 1" });
            }
        }
        Ok(Descent::new(self))
    }
}

/// Why a configuration was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    NotFinite(&'static str),
    OutOfRange { name: &'static str, detail: &'static str },
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigError::NotFinite(name) => write!(f, "{name} is not a finite number"),
            ConfigError::OutOfRange { name, detail } => write!(f, "{name} {detail}"),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Why a run was stopped as diverged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Divergence {
    /// The loss or a parameter became NaN or infinite.
    NotFinite,
    /// The loss grew past [`DIVERGENCE_FACTOR`] × its starting value.
    LossExploded,
    /// A parameter left the ±[`PARAMETER_LIMIT`] box.
    ParametersExploded,
}

impl Divergence {
    pub fn explain(self) -> &'static str {
        match self {
            Divergence::NotFinite => "the loss overflowed (it is no longer a finite number)",
            Divergence::LossExploded => "the loss grew past 10,000 times its starting value (or past 10,000, if it started below 1)",
            Divergence::ParametersExploded => "the parameters flew off past ±1,000,000",
        }
    }
}

/// Where a run is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Running,
    /// The loss fell below [`CONVERGED_LOSS`] at this step.
    Converged { step: usize },
    /// Stopped at this step; the diverging step is not recorded in the path.
    Diverged { step: usize, reason: Divergence },
    /// The step budget ran out before the minimum was reached.
    BudgetSpent,
}

impl Status {
    pub fn is_finished(self) -> bool {
        !matches!(self, Status::Running)
    }
}

/// A steppable gradient-descent run. Its path and losses only ever hold finite values.
#[derive(Clone, Debug)]
pub struct Descent {
    config: DescentConfig,
    position: [f64; 2],
    velocity: [f64; 2],
    path: Vec<[f64; 2]>,
    losses: Vec<f64>,
    status: Status,
    rng: SeededRng,
}

impl Descent {
    fn new(config: DescentConfig) -> Self {
        let start_loss = config.surface.loss(config.start);
        let mut run = Self {
            config,
            position: config.start,
            velocity: [0.0, 0.0],
            path: vec![config.start],
            losses: vec![start_loss],
            status: Status::Running,
            rng: SeededRng::new(config.seed),
        };
        if !start_loss.is_finite() {
            run.status = Status::Diverged { step: 0, reason: Divergence::NotFinite };
        } else if start_loss <= CONVERGED_LOSS {
            run.status = Status::Converged { step: 0 };
        }
        run
    }

    pub fn config(&self) -> &DescentConfig {
        &self.config
    }
    pub fn position(&self) -> [f64; 2] {
        self.position
    }
    pub fn path(&self) -> &[[f64; 2]] {
        &self.path
    }
    /// Loss above the minimum at each recorded step, starting with step 0.
    pub fn losses(&self) -> &[f64] {
        &self.losses
    }
    pub fn status(&self) -> Status {
        self.status
    }
    /// Steps taken and recorded so far.
    pub fn steps_taken(&self) -> usize {
        self.losses.len() - 1
    }
    pub fn current_loss(&self) -> f64 {
        *self.losses.last().expect("a run always records its start")
    }

    /// Advances one step, unless the run has finished. Returns the status after the step.
    pub fn step(&mut self) -> Status {
        if self.status.is_finished() {
            return self.status;
        }
        let c = &self.config;
        let (mu, lr) = (c.momentum, c.learning_rate);
        let probe = if c.nesterov {
            [self.position[0] + mu * self.velocity[0], self.position[1] + mu * self.velocity[1]]
        } else {
            self.position
        };
        let mut g = c.surface.gradient(probe);
        if c.gradient_noise > 0.0 {
            g[0] += c.gradient_noise * self.rng.normal();
            g[1] += c.gradient_noise * self.rng.normal();
        }
        let v = [mu * self.velocity[0] - lr * g[0], mu * self.velocity[1] - lr * g[1]];
        let w = [self.position[0] + v[0], self.position[1] + v[1]];
        let loss = c.surface.loss(w);
        let step = self.steps_taken() + 1;

        let reason = if !(loss.is_finite() && w[0].is_finite() && w[1].is_finite()) {
            Some(Divergence::NotFinite)
        } else if w[0].abs() > PARAMETER_LIMIT || w[1].abs() > PARAMETER_LIMIT {
            Some(Divergence::ParametersExploded)
        } else if loss > DIVERGENCE_FACTOR * self.losses[0].max(1.0) {
            Some(Divergence::LossExploded)
        } else {
            None
        };
        if let Some(reason) = reason {
            self.status = Status::Diverged { step, reason };
            return self.status;
        }

        self.position = w;
        self.velocity = v;
        self.path.push(w);
        self.losses.push(loss);
        self.status = if loss <= CONVERGED_LOSS {
            Status::Converged { step }
        } else if step >= c.max_steps {
            Status::BudgetSpent
        } else {
            Status::Running
        };
        self.status
    }

    /// Steps until the run finishes or `max` more steps have been taken.
    pub fn advance(&mut self, max: usize) -> Status {
        for _ in 0..max {
            if self.step().is_finished() {
                break;
            }
        }
        self.status
    }

    /// Runs to the end.
    pub fn finish(&mut self) -> Status {
        self.advance(usize::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bowl(condition: f64, lr: f64) -> DescentConfig {
        DescentConfig { start: [2.0, 1.0], ..DescentConfig::new(Surface::Bowl { condition }, lr) }
    }

    #[test]
    fn plain_step_matches_hand_computation() {
        // f = ½(x² + 4y²) at (2, 1): ∇f = (2, 4). With η = 0.1: w = (2 − 0.2, 1 − 0.4) = (1.8, 0.6).
        let mut run = bowl(4.0, 0.1).build().unwrap();
        run.step();
        let w = run.position();
        assert!((w[0] - 1.8).abs() < 1e-15 && (w[1] - 0.6).abs() < 1e-15, "{w:?}");
        // Loss ½(1.8² + 4·0.6²) = ½(3.24 + 1.44) = 2.34.
        assert!((run.current_loss() - 2.34).abs() < 1e-12);
    }

    #[test]
    fn momentum_steps_match_hand_computation() {
        // μ = 0.5, η = 0.1 on f = ½(x² + 4y²) from (2, 1).
        // Step 1: v = −0.1·(2, 4) = (−0.2, −0.4); w = (1.8, 0.6).
        // Step 2: ∇f(1.8, 0.6) = (1.8, 2.4); v = 0.5·(−0.2, −0.4) − 0.1·(1.8, 2.4) = (−0.28, −0.44);
        //         w = (1.52, 0.16).
        let mut run = DescentConfig { momentum: 0.5, ..bowl(4.0, 0.1) }.build().unwrap();
        run.step();
        run.step();
        let w = run.position();
        assert!((w[0] - 1.52).abs() < 1e-12 && (w[1] - 0.16).abs() < 1e-12, "{w:?}");
    }

    #[test]
    fn nesterov_evaluates_gradient_at_look_ahead() {
        // Step 1 equals plain momentum (v = 0). Step 2: look-ahead (1.8, 0.6) + 0.5·(−0.2, −0.4)
        // = (1.7, 0.4); ∇f = (1.7, 1.6); v = (−0.1, −0.2) − (0.17, 0.16) = (−0.27, −0.36);
        // w = (1.53, 0.24).
        let mut run = DescentConfig { momentum: 0.5, nesterov: true, ..bowl(4.0, 0.1) }.build().unwrap();
        run.advance(2);
        let w = run.position();
        assert!((w[0] - 1.53).abs() < 1e-12 && (w[1] - 0.24).abs() < 1e-12, "{w:?}");
    }

    #[test]
    fn divergence_stops_the_run_and_keeps_the_path_finite() {
        let mut run = DescentConfig { max_steps: 10_000, ..bowl(10.0, 5.0) }.build().unwrap();
        let status = run.finish();
        assert!(matches!(status, Status::Diverged { reason: Divergence::LossExploded, .. }), "{status:?}");
        assert!(run.losses().iter().all(|l| l.is_finite()));
        assert!(run.path().iter().all(|p| p[0].is_finite() && p[1].is_finite()));
        // Stepping a finished run changes nothing.
        let before = run.steps_taken();
        run.step();
        assert_eq!(run.steps_taken(), before);
    }

    #[test]
    fn huge_learning_rate_on_valley_is_caught_even_when_it_overflows() {
        let mut run = DescentConfig::new(Surface::Valley, 10.0).build().unwrap();
        assert!(matches!(run.finish(), Status::Diverged { .. }));
        assert!(run.losses().iter().all(|l| l.is_finite()));
    }

    #[test]
    fn converges_and_reports_the_step() {
        let mut run = DescentConfig { max_steps: 500, ..bowl(1.0, 0.5) }.build().unwrap();
        match run.finish() {
            Status::Converged { step } => assert_eq!(step, run.steps_taken()),
            other => panic!("{other:?}"),
        }
        assert!(run.current_loss() <= CONVERGED_LOSS);
    }

    #[test]
    fn same_seed_same_noisy_path() {
        let cfg = DescentConfig { gradient_noise: 0.5, seed: 42, ..bowl(5.0, 0.05) };
        let run = |c: DescentConfig| {
            let mut r = c.build().unwrap();
            r.finish();
            r.path().to_vec()
        };
        assert_eq!(run(cfg), run(cfg));
        assert_ne!(run(cfg), run(DescentConfig { seed: 43, ..cfg }));
    }

    #[test]
    fn bad_configs_are_typed_errors() {
        let ok = bowl(2.0, 0.1);
        assert_eq!(DescentConfig { learning_rate: f64::NAN, ..ok }.build().unwrap_err(), ConfigError::NotFinite("learning_rate"));
        assert!(matches!(DescentConfig { learning_rate: 0.0, ..ok }.build(), Err(ConfigError::OutOfRange { .. })));
        assert!(matches!(DescentConfig { momentum: 1.0, ..ok }.build(), Err(ConfigError::OutOfRange { .. })));
        assert!(matches!(DescentConfig { gradient_noise: -1.0, ..ok }.build(), Err(ConfigError::OutOfRange { .. })));
        assert!(matches!(bowl(0.5, 0.1).build(), Err(ConfigError::OutOfRange { .. })));
        assert!(DescentConfig { start: [f64::INFINITY, 0.0], ..ok }.build().is_err());
    }
}
