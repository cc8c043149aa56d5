//! The 1-D Bayesian-optimization view: a slice of the problem, the observations, the Gaussian
//! process's mean ± 2σ, the acquisition curve and the next point, one trial at a time; with an
//! optional "you pick first" round before the optimizer reveals its choice.

use super::problem::{Problem, SliceTrials};
use super::{PickGame, PickSlot};
use super::ONE_D_BUDGET;
use crate::schema::format_number;
use crate::rng::derive_seed;
use crate::search::{suggest_bayes, Acquisition, BayesConfig, Hyperparameters, Surrogate};

/// Points the curves are drawn at.
pub const CURVE_POINTS: usize = 161;

#[derive(Clone, Debug)]
pub struct OneD {
    pub slice: SliceTrials,
    pub config: BayesConfig,
    pub seed: u64,
    /// Unit positions of the curves and the true objective there.
    pub xs: Vec<f64>,
    pub truth: Vec<f64>,
    /// The posterior behind the next suggestion (after the last trial: fitted to every
    /// observation); empty during the initial design.
    pub mean: Vec<f64>,
    pub std: Vec<f64>,
    /// The acquisition behind the next suggestion (empty during the design and once done).
    pub acq: Vec<f64>,
    /// The next point (unit position) and its acquisition value (NaN for a design point).
    pub next: Option<(f64, f64)>,
    /// The learner's pick (unit position) and its acquisition value (NaN during the design).
    pub pick: Option<(f64, f64)>,
    /// Picks the learner made.
    pub picks_made: usize,
    warm: Option<Hyperparameters>,
    model: Option<Surrogate>,
}

impl OneD {
    pub fn new(problem: Problem, config: BayesConfig, seed: u64) -> Self {
        let slice = SliceTrials::new(problem);
        let xs: Vec<f64> = (0..CURVE_POINTS).map(|i| i as f64 / (CURVE_POINTS - 1) as f64).collect();
        let truth = xs.iter().map(|&u| finite(slice.problem.slice_value(slice.dim.from_unit(u)))).collect();
        let mut s = Self {
            slice, config, seed, xs, truth,
            mean: Vec::new(), std: Vec::new(), acq: Vec::new(), next: None, pick: None, picks_made: 0, warm: None, model: None,
        };
        s.suggest();
        s
    }

    pub fn is_done(&self) -> bool {
        self.slice.observations.len() >= ONE_D_BUDGET
    }

    /// Whether the next point comes from the initial design (chosen without a model).
    pub fn in_design(&self) -> bool {
        self.slice.observations.len() < self.config.initial_points_for(1)
    }

    pub fn has_model(&self) -> bool {
        self.model.is_some()
    }

    /// Computes the next suggestion and the curves behind it; once the budget is spent, the
    /// posterior of every observation (no acquisition, no next point).
    fn suggest(&mut self) {
        self.mean.clear();
        self.std.clear();
        self.acq.clear();
        self.next = None;
        self.pick = None;
        self.model = None;
        if self.is_done() {
            let seed = derive_seed(self.seed, self.slice.observations.len() as u64);
            self.model = Surrogate::fit(&self.slice.space, &self.slice.observations, &self.config.fit_settings(), self.warm.as_ref(), seed).ok();
            self.fill_posterior();
            return;
        }
        let Ok(s) = suggest_bayes(&self.slice.space, &self.slice.observations, &self.config, self.seed, self.warm.as_ref()) else { return };
        self.model = s.model;
        self.fill_posterior();
        if let Some(model) = &self.model {
            self.warm = Some(model.hyperparameters().clone());
            let points = self.curve_points();
            if let Ok(a) = model.acquisition(&self.config.acquisition, &points, self.seed ^ self.slice.observations.len() as u64) {
                self.acq = a.into_iter().map(finite).collect();
            }
        }
        self.next = Some((self.slice.dim.to_unit(s.point[0]), s.score));
    }

    fn curve_points(&self) -> Vec<[f64; 1]> {
        self.xs.iter().map(|&u| [self.slice.dim.from_unit(u)]).collect()
    }

    fn fill_posterior(&mut self) {
        let Some(model) = &self.model else { return };
        if let Ok(post) = model.predict(&self.curve_points()) {
            self.mean = post.mean.into_iter().map(finite).collect();
            self.std = post.std.into_iter().map(|v| finite(v).max(0.0)).collect();
        }
    }

    /// Acquisition value at a unit position: exact for EI/PI/UCB; for Thompson sampling the
    /// drawn curve's value there (a draw is only defined jointly over the curve's points). NaN
    /// when there is no model (the initial design).
    pub fn acquisition_at(&self, u: f64) -> f64 {
        let Some(model) = &self.model else { return f64::NAN };
        if self.acq.is_empty() {
            return f64::NAN;
        }
        if matches!(self.config.acquisition, Acquisition::ThompsonSampling) {
            let i = ((u.clamp(0.0, 1.0) * (CURVE_POINTS - 1) as f64).round() as usize).min(CURVE_POINTS - 1);
            return self.acq.get(i).copied().unwrap_or(f64::NAN);
        }
        let x = [self.slice.dim.from_unit(u.clamp(0.0, 1.0))];
        model.acquisition(&self.config.acquisition, &[x], self.seed).ok().and_then(|v| v.first().copied()).map_or(f64::NAN, finite)
    }

    /// Evaluates the suggested point and suggests the next; returns whether trials remain.
    pub fn step(&mut self) -> bool {
        let Some((u, _)) = self.next else { return false };
        self.slice.observe(self.slice.dim.from_unit(u));
        self.suggest();
        !self.is_done()
    }

    /// Observations as (unit position, value).
    pub fn observed_units(&self) -> Vec<(f64, f64)> {
        self.slice.observations.iter().map(|o| (self.slice.dim.to_unit(o.point[0]), o.value)).filter(|p| p.1.is_finite()).collect()
    }

    fn format_unit(&self, u: f64) -> String {
        self.slice.dim.format(self.slice.dim.from_unit(u))
    }

    /// The status lines under the view's buttons.
    pub fn status_lines(&self, pick_mode: bool) -> Vec<String> {
        let name = self.slice.dim.name();
        let mut lines = Vec::new();
        if let Some((u, a)) = self.pick {
            lines.push(if a.is_finite() {
                format!("Your pick: {name} = {} (acquisition {}).", self.format_unit(u), format_number(a))
            } else {
                format!("Your pick: {name} = {} (no acquisition score yet: there is no model during the initial design).", self.format_unit(u))
            });
        }
        match (self.revealed(pick_mode), self.next) {
            (true, Some((u, a))) if a.is_finite() => lines.push(format!("The optimizer's choice: {name} = {} (acquisition {}, the highest it found).", self.format_unit(u), format_number(a))),
            (true, Some((u, _))) => lines.push(format!("The optimizer's choice: {name} = {}, a point of the initial space-filling design (chosen before any model).", self.format_unit(u))),
            (false, Some(_)) if self.in_design() => lines.push(format!(
                "Where would you sample next? The first {} points are a space-filling design chosen without a model, so any guess is as good; pick one to reveal it.",
                self.config.initial_points_for(1)
            )),
            (false, Some(_)) => lines.push("Where would you sample next? Pick a point; the optimizer's choice is revealed after.".into()),
            (_, None) => lines.push("Budget spent: the curves show the final model. Restart to try again.".into()),
        }
        lines
    }

    /// The GP chart's text alternative.
    pub fn gp_summary(&self, pick_mode: bool) -> String {
        let obs = &self.slice.observations;
        let best = obs.iter().map(|o| o.value).filter(|v| v.is_finite()).fold(f64::INFINITY, f64::min);
        let mut s = format!("1-D slice ({}). {} observations; best {}.", self.slice.problem.slice_label(), obs.len(), format_number(best));
        if !self.std.is_empty() {
            let max_std = self.std.iter().copied().fold(0.0, f64::max);
            let which = if self.is_done() { "final " } else { "" };
            s.push_str(&format!(" {which}Gaussian-process mean with ±2σ band; largest σ {}.", format_number(max_std)));
        } else {
            s.push_str(" No model yet (initial design).");
        }
        if let Some((u, a)) = self.pick {
            s.push_str(&format!(" Your pick: {} = {} (acquisition {}).", self.slice.dim.name(), self.format_unit(u), format_number(a)));
        }
        match (self.revealed(pick_mode), self.next) {
            (true, Some((u, a))) => s.push_str(&format!(" Next trial: {} = {} (acquisition {}).", self.slice.dim.name(), self.format_unit(u), format_number(a))),
            (false, Some(_)) => s.push_str(" The optimizer's next trial is hidden until you pick."),
            _ => {}
        }
        s
    }

    /// The acquisition chart's text alternative.
    pub fn acquisition_summary(&self, label: &str) -> String {
        if self.acq.is_empty() {
            let why = if self.is_done() { "the budget is spent" } else { "there is no model yet" };
            return format!("{label}: no acquisition curve, because {why}.");
        }
        let (i, max) = self.acq.iter().copied().enumerate().fold((0, f64::NEG_INFINITY), |m, (i, v)| if v > m.1 { (i, v) } else { m });
        format!("{label} over the slice: highest {} at {} = {}.", format_number(max), self.slice.dim.name(), self.format_unit(self.xs[i]))
    }

    /// The message drawn on the empty acquisition chart.
    pub fn empty_acquisition_message(&self) -> &'static str {
        if self.is_done() { "Budget spent." } else { "Initial design: no model yet, the next point is space-filling." }
    }
}

fn finite(v: f64) -> f64 {
    if v.is_finite() { v } else { 0.0 }
}

impl PickGame for OneD {
    /// A pick is awaited during the initial design too: the learner can guess a space-filling
    /// point as well.
    fn pick_slot(&self) -> PickSlot<'_> {
        PickSlot { dim: &self.slice.dim, has_next: self.next.is_some(), picked: self.pick.is_some() }
    }

    /// Also counts the picks made, for the "you pick first" score.
    fn set_pick(&mut self, u: f64) {
        if self.next.is_none() {
            return;
        }
        let u = u.clamp(0.0, 1.0);
        if self.pick.is_none() {
            self.picks_made += 1;
        }
        self.pick = Some((u, self.acquisition_at(u)));
    }
}
