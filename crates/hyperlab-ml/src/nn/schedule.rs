//! Learning-rate schedules: an optional linear warmup followed by a decay. Time is counted in
//! epochs but evaluated at every mini-batch step, so warmup ramps smoothly within an epoch.

use crate::optim::descent::ConfigError;

/// What the rate does after warmup, as a factor of the base rate. The decay's clock starts when
/// warmup ends, so warmup never eats into the decay's shape.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Decay {
    Constant,
    /// Multiply by `factor` every `every_epochs` epochs.
    Step { every_epochs: usize, factor: f64 },
    /// Half a cosine from 1 down to `floor` over `epochs` epochs, then `floor`.
    Cosine { epochs: usize, floor: f64 },
}

/// Linear warmup (optional) then a [`Decay`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Schedule {
    /// Epochs over which the rate climbs linearly from base/(warmup steps) to the base rate.
    /// 0 = no warmup.
    pub warmup_epochs: usize,
    pub decay: Decay,
}

impl Default for Schedule {
    fn default() -> Self {
        Schedule::constant()
    }
}

impl Schedule {
    pub fn constant() -> Self {
        Schedule { warmup_epochs: 0, decay: Decay::Constant }
    }
    pub fn step(every_epochs: usize, factor: f64) -> Self {
        Schedule { warmup_epochs: 0, decay: Decay::Step { every_epochs, factor } }
    }
    pub fn cosine(epochs: usize, floor: f64) -> Self {
        Schedule { warmup_epochs: 0, decay: Decay::Cosine { epochs, floor } }
    }
    /// Warmup, then constant.
    pub fn warmup(epochs: usize) -> Self {
        Schedule { warmup_epochs: epochs, decay: Decay::Constant }
    }
    /// Adds a warmup in front of this schedule.
    pub fn with_warmup(self, epochs: usize) -> Self {
        Schedule { warmup_epochs: epochs, ..self }
    }

    pub fn label(&self) -> &'static str {
        match (self.warmup_epochs > 0, self.decay) {
            (false, Decay::Constant) => "constant",
            (false, Decay::Step { .. }) => "step decay",
            (false, Decay::Cosine { .. }) => "cosine",
            (true, Decay::Constant) => "linear warmup",
            (true, Decay::Step { .. }) => "warmup + step decay",
            (true, Decay::Cosine { .. }) => "warmup + cosine",
        }
    }

    pub fn validate(&self) -> Result<(), ConfigError> {
        match self.decay {
            Decay::Constant => Ok(()),
            Decay::Step { every_epochs, factor } => {
                if every_epochs == 0 {
                    return Err(ConfigError::OutOfRange { name: "step_every", detail: "must be ≥ 1 epoch" });
                }
                if !factor.is_finite() {
                    return Err(ConfigError::NotFinite("step_factor"));
                }
                if !(factor > 0.0 && factor <= 1.0) {
                    return Err(ConfigError::OutOfRange { name: "step_factor", detail: "must be in (0, 1]" });
                }
                Ok(())
            }
            Decay::Cosine { epochs, floor } => {
                if epochs == 0 {
                    return Err(ConfigError::OutOfRange { name: "cosine_epochs", detail: "must be ≥ 1 epoch" });
                }
                if !floor.is_finite() {
                    return Err(ConfigError::NotFinite("cosine_floor"));
                }
                if !(0.0..=1.0).contains(&floor) {
                    return Err(ConfigError::OutOfRange { name: "cosine_floor", detail: "must be in [0, 1]" });
                }
                Ok(())
            }
        }
    }

    /// The rate for optimizer step `step` (0-based) when an epoch has `steps_per_epoch` steps.
    pub fn rate(&self, base: f64, step: u64, steps_per_epoch: usize) -> f64 {
        let per_epoch = steps_per_epoch.max(1) as f64;
        let warmup_steps = self.warmup_epochs as f64 * per_epoch;
        let s = step as f64;
        if s < warmup_steps {
            // (s + 1)/W rather than s/W: the first step already moves, the W-th reaches the base.
            return base * (s + 1.0) / warmup_steps;
        }
        let t = (s - warmup_steps) / per_epoch;
        base * match self.decay {
            Decay::Constant => 1.0,
            Decay::Step { every_epochs, factor } => factor.powf((t / every_epochs as f64).floor()),
            Decay::Cosine { epochs, floor } => {
                let progress = (t / epochs as f64).min(1.0);
                floor + (1.0 - floor) * 0.5 * (1.0 + (std::f64::consts::PI * progress).cos())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rate at the first step of each of the first `epochs` epochs, 10 steps per epoch.
    fn per_epoch(s: Schedule, epochs: u64) -> Vec<f64> {
        (0..epochs).map(|e| s.rate(0.1, e * 10, 10)).collect()
    }

    #[test]
    fn constant_is_constant() {
        assert!(per_epoch(Schedule::constant(), 50).iter().all(|&r| r == 0.1));
    }

    #[test]
    fn step_decay_drops_on_schedule() {
        let r = per_epoch(Schedule::step(3, 0.5), 7);
        let expected = [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025];
        for (a, b) in r.iter().zip(expected) {
            assert!((a - b).abs() < 1e-15, "{r:?}");
        }
        // Within an epoch the rate holds.
        let s = Schedule::step(1, 0.5);
        assert_eq!(s.rate(1.0, 9, 10), 1.0);
        assert_eq!(s.rate(1.0, 10, 10), 0.5);
    }

    #[test]
    fn cosine_falls_from_base_to_floor_and_stays() {
        let s = Schedule::cosine(10, 0.1);
        assert_eq!(s.rate(0.1, 0, 10), 0.1);
        // Halfway: floor + ½(1 − floor) = 0.55 of base.
        assert!((s.rate(0.1, 50, 10) - 0.055).abs() < 1e-15);
        assert!((s.rate(0.1, 100, 10) - 0.01).abs() < 1e-15);
        assert!((s.rate(0.1, 1000, 10) - 0.01).abs() < 1e-15);
        let r = per_epoch(s, 11);
        assert!(r.windows(2).all(|w| w[1] < w[0]));
    }

    #[test]
    fn warmup_climbs_linearly_then_hands_over() {
        let s = Schedule::warmup(2);
        // 20 warmup steps: step k has (k + 1)/20 of the base.
        assert!((s.rate(1.0, 0, 10) - 0.05).abs() < 1e-15);
        assert!((s.rate(1.0, 9, 10) - 0.5).abs() < 1e-15);
        assert!((s.rate(1.0, 19, 10) - 1.0).abs() < 1e-15);
        assert_eq!(s.rate(1.0, 20, 10), 1.0);
        // Composed: the cosine starts its clock when warmup ends.
        let c = Schedule::cosine(4, 0.0).with_warmup(2);
        assert_eq!(c.rate(1.0, 20, 10), 1.0);
        assert!((c.rate(1.0, 40, 10) - 0.5).abs() < 1e-15);
        assert!(c.rate(1.0, 60, 10).abs() < 1e-15);
        assert_eq!(c.label(), "warmup + cosine");
        let st = Schedule::step(1, 0.5).with_warmup(1);
        assert_eq!(st.rate(1.0, 10, 10), 1.0);
        assert_eq!(st.rate(1.0, 20, 10), 0.5);
    }

    #[test]
    fn bad_schedules_are_typed_errors() {
        assert!(Schedule::step(0, 0.5).validate().is_err());
        assert!(Schedule::step(2, 0.0).validate().is_err());
        assert!(Schedule::step(2, 1.5).validate().is_err());
        assert!(Schedule::step(2, f64::NAN).validate().is_err());
        assert!(Schedule::cosine(0, 0.0).validate().is_err());
        assert!(Schedule::cosine(5, -0.1).validate().is_err());
        assert!(Schedule::cosine(5, 0.0).with_warmup(3).validate().is_ok());
    }
}
