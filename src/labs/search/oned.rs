//! The 1-D Bayesian-optimization view: a slice of the problem, the observations, the Gaussian
//! process's mean ± 2σ, the acquisition curve and the next point, one trial at a time; with an
//! optional "you pick first" round before the optimizer reveals its choice.

use super::state::{Problem, ONE_D_BUDGET};
use hyperlab_ml::search::{suggest_bayes, BayesConfig, Dimension, Hyperparameters, Observation, Space, Surrogate};

/// Points the curves are drawn at.
pub const CURVE_POINTS: usize = 161;

#[derive(Clone, Debug)]
pub struct OneD {
    pub problem: Problem,
    pub space: Space,
    pub dim: Dimension,
    pub config: BayesConfig,
    pub seed: u64,
    pub observations: Vec<Observation>,
    /// Unit positions of the curves and the true objective there.
    pub xs: Vec<f64>,
    pub truth: Vec<f64>,
    /// The posterior and acquisition behind the next suggestion (empty during the design).
    pub mean: Vec<f64>,
    pub std: Vec<f64>,
    pub acq: Vec<f64>,
    /// The next point (unit position) and its acquisition value (NaN for a design point).
    pub next: Option<(f64, f64)>,
    /// The learner's pick (unit position) and its acquisition value.
    pub pick: Option<(f64, f64)>,
    /// Picks the learner made.
    pub picks_made: usize,
    warm: Option<Hyperparameters>,
    model: Option<Surrogate>,
}

impl OneD {
    pub fn new(problem: Problem, config: BayesConfig, seed: u64) -> Self {
        let (space, dim) = problem.slice();
        let xs: Vec<f64> = (0..CURVE_POINTS).map(|i| i as f64 / (CURVE_POINTS - 1) as f64).collect();
        let truth = xs.iter().map(|&u| finite(problem.slice_value(dim.from_unit(u)))).collect();
        let mut s = Self {
            problem, space, dim, config, seed, observations: Vec::new(), xs, truth,
            mean: Vec::new(), std: Vec::new(), acq: Vec::new(), next: None, pick: None, picks_made: 0, warm: None, model: None,
        };
        s.suggest();
        s
    }

    pub fn is_done(&self) -> bool {
        self.observations.len() >= ONE_D_BUDGET
    }

    /// Computes the next suggestion and the curves behind it.
    fn suggest(&mut self) {
        self.mean.clear();
        self.std.clear();
        self.acq.clear();
        self.next = None;
        self.pick = None;
        self.model = None;
        if self.is_done() {
            return;
        }
        let Ok(s) = suggest_bayes(&self.space, &self.observations, &self.config, self.seed, self.warm.as_ref()) else { return };
        if let Some(model) = &s.model {
            self.warm = Some(model.hyperparameters().clone());
            let points: Vec<[f64; 1]> = self.xs.iter().map(|&u| [self.dim.from_unit(u)]).collect();
            if let Ok(post) = model.predict(&points) {
                self.mean = post.mean.into_iter().map(finite).collect();
                self.std = post.std.into_iter().map(|v| finite(v).max(0.0)).collect();
            }
            if let Ok(a) = model.acquisition(&self.config.acquisition, &points, self.seed ^ self.observations.len() as u64) {
                self.acq = a.into_iter().map(finite).collect();
            }
        }
        self.model = s.model;
        self.next = Some((self.dim.to_unit(s.point[0]), s.score));
    }

    /// Acquisition value at a unit position: exact for EI/PI/UCB; for Thompson sampling the
    /// drawn curve's value there (a draw is only defined jointly over the curve's points).
    pub fn acquisition_at(&self, u: f64) -> f64 {
        let Some(model) = &self.model else { return f64::NAN };
        if matches!(self.config.acquisition, hyperlab_ml::search::Acquisition::ThompsonSampling) {
            let i = ((u.clamp(0.0, 1.0) * (CURVE_POINTS - 1) as f64).round() as usize).min(CURVE_POINTS - 1);
            return self.acq.get(i).copied().unwrap_or(f64::NAN);
        }
        let x = [self.dim.from_unit(u.clamp(0.0, 1.0))];
        model.acquisition(&self.config.acquisition, &[x], self.seed).ok().and_then(|v| v.first().copied()).map_or(f64::NAN, finite)
    }

    /// Records the learner's pick (unit position).
    pub fn set_pick(&mut self, u: f64) {
        let u = u.clamp(0.0, 1.0);
        if self.pick.is_none() {
            self.picks_made += 1;
        }
        self.pick = Some((u, self.acquisition_at(u)));
    }

    /// Evaluates the suggested point and suggests the next; returns whether trials remain.
    pub fn step(&mut self) -> bool {
        let Some((u, _)) = self.next else { return false };
        let x = self.dim.from_unit(u);
        let value = self.problem.slice_value(x);
        self.observations.push(Observation { point: vec![x], value });
        self.suggest();
        !self.is_done()
    }

    /// Observations as (unit position, value).
    pub fn observed_units(&self) -> Vec<(f64, f64)> {
        self.observations.iter().map(|o| (self.dim.to_unit(o.point[0]), o.value)).filter(|p| p.1.is_finite()).collect()
    }
}

fn finite(v: f64) -> f64 {
    if v.is_finite() { v } else { 0.0 }
}
