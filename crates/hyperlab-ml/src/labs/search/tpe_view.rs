//! The TPE 1-D view: TPE on the same slice as the Gaussian-process view, one trial per step,
//! with everything its choice is made of — the split of the trials at γ into good and bad, the
//! two densities l(x) and g(x), the candidates drawn from l, their log l − log g, and the winner.
//! In "you pick first" mode the learner chooses a point before the winner is revealed.

use super::problem::{Problem, ProblemKind, SliceTrials};
use super::{PickGame, PickSlot};
use crate::schema::format_number;
use crate::search::{suggest_tpe, Liar, TpeConfig, TpeSuggestion};

/// Trials of the TPE view in all (the first `n_startup_trials` are random and done at once).
pub const TPE_ONE_D_BUDGET: usize = 30;
/// Points at which the densities are drawn.
pub const DENSITY_POINTS: usize = 241;

#[derive(Clone, Debug)]
pub struct TpeOneD {
    pub slice: SliceTrials,
    pub config: TpeConfig,
    pub seed: u64,
    /// The computation behind the next trial (`None` once the budget is spent).
    pub next: Option<TpeSuggestion>,
    /// The learner's pick (unit position) for the next trial.
    pub pick: Option<f64>,
    /// The learner's picks so far with TPE's point: (pick, TPE's choice, log l − log g at each).
    pub picks: Vec<(f64, f64, f64, f64)>,
}

impl TpeOneD {
    /// The view with its random start-up trials already evaluated.
    pub fn new(kind: ProblemKind, config: TpeConfig, seed: u64) -> Self {
        let mut v = Self { slice: SliceTrials::new(Problem::new(kind)), config, seed, next: None, pick: None, picks: Vec::new() };
        v.plan();
        while v.next.as_ref().is_some_and(|n| n.startup) {
            v.evaluate();
        }
        v
    }

    fn plan(&mut self) {
        self.next = if self.slice.observations.len() >= TPE_ONE_D_BUDGET { None } else { suggest_tpe(&self.slice.space, &self.slice.observations, &[], &self.config, self.seed, Liar::Worst).ok() };
    }

    fn evaluate(&mut self) {
        if let Some(n) = self.next.take() {
            self.slice.observe(n.point[0]);
        }
        self.plan();
    }

    /// Evaluates the next trial (recording the learner's pick against TPE's); returns whether
    /// it did.
    pub fn step(&mut self) -> bool {
        let Some(n) = self.next.as_ref() else { return false };
        if let Some(u) = self.pick.take() {
            let x = self.slice.dim.from_unit(u);
            self.picks.push((x, n.point[0], self.score_at(x).unwrap_or(f64::NAN), self.score_at(n.point[0]).unwrap_or(f64::NAN)));
        }
        self.evaluate();
        true
    }

    pub fn is_done(&self) -> bool {
        self.slice.observations.len() >= TPE_ONE_D_BUDGET
    }

    /// log l(x) − log g(x) for the next trial's densities.
    pub fn score_at(&self, x: f64) -> Option<f64> {
        let n = self.next.as_ref()?;
        let (l, g) = (n.l.as_ref()?, n.g.as_ref()?);
        let s = l.log_pdf(&[x]) - g.log_pdf(&[x]);
        s.is_finite().then_some(s)
    }

    /// (x, l(x), g(x)) over the axis; empty when there is no model.
    pub fn densities(&self) -> Vec<(f64, f64, f64)> {
        let Some(n) = self.next.as_ref() else { return Vec::new() };
        let (Some(l), Some(g)) = (n.l.as_ref(), n.g.as_ref()) else { return Vec::new() };
        (0..DENSITY_POINTS)
            .map(|i| self.slice.dim.from_unit(i as f64 / (DENSITY_POINTS - 1) as f64))
            .map(|x| (x, l.log_pdf(&[x]).exp(), g.log_pdf(&[x]).exp()))
            .filter(|p| p.1.is_finite() && p.2.is_finite())
            .collect()
    }

    /// (x, log l − log g) of each candidate, and the winner's index.
    pub fn candidates(&self) -> (Vec<(f64, f64)>, Option<usize>) {
        let Some(n) = self.next.as_ref() else { return (Vec::new(), None) };
        let c: Vec<(f64, f64)> = n.candidates.iter().zip(&n.scores).map(|(p, &s)| (p[0], s)).collect();
        let winner = c.iter().position(|p| p.0 == n.point[0]);
        (c, winner)
    }

    /// Indices of the good (l) and bad (g) trials behind the next proposal.
    pub fn groups(&self) -> (Vec<usize>, Vec<usize>) {
        self.next.as_ref().map_or((Vec::new(), Vec::new()), |n| (n.below.clone(), n.above.clone()))
    }

    /// The status lines under the view's buttons.
    pub fn status_lines(&self, pick_mode: bool) -> Vec<String> {
        let mut lines = Vec::new();
        let n = self.slice.observations.len();
        let Some(next) = self.next.as_ref() else {
            lines.push(format!("All {TPE_ONE_D_BUDGET} trials done. {}", self.best_line()));
            return lines;
        };
        let (good, bad) = (next.below.len(), next.above.len());
        lines.push(format!(
            "{n} trials so far ({} random start-up trials). γ({n}) = {good}: the {good} lowest form the good group (l), the other {bad} the bad group (g).",
            self.config.n_startup_trials.min(n)
        ));
        if self.awaits_pick(pick_mode) {
            lines.push("Where would you sample next? Click the chart (that locks it in), or set the slider and lock in your pick.".to_string());
        } else {
            let x = next.point[0];
            let score = self.score_at(x).map_or("—".to_string(), format_number);
            lines.push(format!("Of {} candidates drawn from l, the largest log l − log g is {score}, at {} = {}: the next trial.", next.candidates.len(), self.slice.dim.name(), self.slice.dim.format(x)));
            if let Some(u) = self.pick {
                let px = self.slice.dim.from_unit(u);
                let ps = self.score_at(px).map_or("—".to_string(), format_number);
                lines.push(format!("Your pick, {} = {}, scores {ps}.", self.slice.dim.name(), self.slice.dim.format(px)));
            }
        }
        lines.push(self.best_line());
        lines
    }

    fn best_line(&self) -> String {
        match self.slice.observations.iter().filter(|o| o.value.is_finite()).min_by(|a, b| a.value.total_cmp(&b.value)) {
            Some(b) => format!("Best so far: {} at {} = {}.", format_number(b.value), self.slice.dim.name(), self.slice.dim.format(b.point[0])),
            None => "No finite value yet.".to_string(),
        }
    }

    /// The densities chart's text alternative.
    pub fn summary(&self) -> String {
        let (good, bad) = self.groups();
        let d = self.densities();
        let peak = |f: fn(&(f64, f64, f64)) -> f64| d.iter().max_by(|a, b| f(a).total_cmp(&f(b))).map_or("—".to_string(), |p| self.slice.dim.format(p.0));
        format!(
            "TPE on the slice {}: {} trials, {} in the good group, {} in the bad group. l(x) peaks at {}, g(x) at {}. {}",
            self.slice.problem.slice_label(),
            self.slice.observations.len(),
            good.len(),
            bad.len(),
            peak(|p| p.1),
            peak(|p| p.2),
            self.best_line()
        )
    }
}

impl PickGame for TpeOneD {
    fn pick_slot(&self) -> PickSlot<'_> {
        PickSlot { dim: &self.slice.dim, has_next: self.next.is_some(), picked: self.pick.is_some() }
    }

    fn set_pick(&mut self, unit: f64) {
        if self.next.is_some() && self.pick.is_none() {
            self.pick = Some(if unit.is_finite() { unit.clamp(0.0, 1.0) } else { 0.5 });
        }
    }
}
