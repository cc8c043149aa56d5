//! The learning-rate sweep: the same run repeated over log-spaced learning rates, recording the
//! loss after the step budget. Drawn against the learning rate it is the curriculum's U-shape
//! with a steep wall on the large side. An [`Iterator`]: each `next()` does one learning rate,
//! so the UI can spread the sweep over animation frames.

use crate::optim::descent::{Descent, DescentConfig, Status};
use crate::log_space;

/// How one learning rate fared.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SweepPoint {
    pub learning_rate: f64,
    /// Loss above the minimum when the run ended (budget spent or minimum reached).
    /// `None` when it diverged: it blew up, or the sweep's judge (see [`LrSweep::judged_by`])
    /// calls the finished run diverging.
    pub final_loss: Option<f64>,
    /// Steps the run took: to the minimum, to divergence, or the whole budget.
    pub steps: usize,
    pub converged: bool,
}

/// A sweep over learning rates, one run each, every other setting held fixed.
#[derive(Clone, Debug)]
pub struct LrSweep {
    template: DescentConfig,
    rates: Vec<f64>,
    next: usize,
    /// Also counts a finished run as diverged when this says so (e.g. a lab's badge).
    diverging: Option<fn(&Descent) -> bool>,
}

impl LrSweep {
    /// `count` learning rates log-spaced from `low` to `high`; `template`'s learning rate is ignored.
    pub fn new(template: DescentConfig, low: f64, high: f64, count: usize) -> Self {
        Self { template, rates: log_space(low, high, count), next: 0, diverging: None }
    }

    /// Also reports a run that did not blow up as diverged when `judge` says it is diverging, so
    /// the sweep agrees with what a lab's single-run badge says at the same settings.
    pub fn judged_by(self, judge: fn(&Descent) -> bool) -> Self {
        Self { diverging: Some(judge), ..self }
    }

    pub fn len(&self) -> usize {
        self.rates.len()
    }
    pub fn is_empty(&self) -> bool {
        self.rates.is_empty()
    }
    pub fn done(&self) -> usize {
        self.next
    }
}

impl Iterator for LrSweep {
    type Item = SweepPoint;

    fn next(&mut self) -> Option<SweepPoint> {
        let learning_rate = *self.rates.get(self.next)?;
        self.next += 1;
        let point = match (DescentConfig { learning_rate, ..self.template }).build() {
            Ok(mut run) => {
                let status = run.finish();
                let diverged = matches!(status, Status::Diverged { .. }) || self.diverging.is_some_and(|judge| judge(&run));
                SweepPoint {
                    learning_rate,
                    final_loss: (!diverged).then(|| run.current_loss()),
                    steps: match status {
                        Status::Diverged { step, .. } | Status::Converged { step } => step,
                        _ => run.steps_taken(),
                    },
                    converged: matches!(status, Status::Converged { .. }),
                }
            }
            // An invalid template makes every rate fail the same way: report it as diverged at 0.
            Err(_) => SweepPoint { learning_rate, final_loss: None, steps: 0, converged: false },
        };
        Some(point)
    }
}

/// Summary of a finished sweep.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SweepSummary {
    /// The learning rate with the lowest final loss (fewest steps among those that converged).
    pub best: Option<SweepPoint>,
    /// The largest learning rate that did not diverge.
    pub largest_stable: Option<f64>,
    /// The smallest learning rate that diverged (the first divergence, not necessarily the wall).
    pub smallest_diverging: Option<f64>,
    /// The wall: the smallest rate from which every larger swept rate diverged too (`None` when
    /// the largest rate did not diverge). Everything not diverging lies below it.
    pub wall: Option<f64>,
    /// Diverged rates below the wall: divergence that is not monotone in the learning rate.
    pub diverged_below_wall: usize,
}

pub fn summarize(points: &[SweepPoint]) -> SweepSummary {
    let best = points
        .iter()
        .filter(|p| p.final_loss.is_some())
        .min_by(|a, b| {
            let key = |p: &SweepPoint| (if p.converged { 0.0 } else { 1.0 }, if p.converged { p.steps as f64 } else { p.final_loss.unwrap_or(f64::MAX) });
            key(a).partial_cmp(&key(b)).unwrap_or(std::cmp::Ordering::Equal)
        })
        .copied();
    let diverged = |p: &&SweepPoint| p.final_loss.is_none();
    let largest_stable = points.iter().filter(|p| p.final_loss.is_some()).map(|p| p.learning_rate).reduce(f64::max);
    let smallest_diverging = points.iter().filter(diverged).map(|p| p.learning_rate).reduce(f64::min);
    // Rates are swept in increasing order: the wall starts after the last rate that survived.
    let wall = points.iter().filter(diverged).map(|p| p.learning_rate).filter(|r| largest_stable.is_none_or(|s| *r > s)).reduce(f64::min);
    let diverged_below_wall = points.iter().filter(diverged).filter(|p| wall.is_none_or(|w| p.learning_rate < w)).count();
    SweepSummary { best, largest_stable, smallest_diverging, wall, diverged_below_wall }
}

impl LrSweep {
    /// The sweep the learning-rate lab shows first and the benchmarks time: 40 learning rates
    /// from 1e-4 to 10, 100 steps of plain gradient descent on the narrow valley.
    pub fn lab_default() -> Self {
        use crate::labs::learning_rate::{SWEEP_COUNT, SWEEP_HIGH, SWEEP_LOW};
        let template = DescentConfig { max_steps: 100, ..DescentConfig::new(crate::optim::surface::Surface::Valley, 1.0) };
        Self::new(template, SWEEP_LOW, SWEEP_HIGH, SWEEP_COUNT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optim::surface::Surface;

    #[test]
    fn sweep_on_the_bowl_is_u_shaped_with_a_wall_at_two_over_curvature() {
        let template = DescentConfig { max_steps: 50, ..DescentConfig::new(Surface::Bowl { condition: 10.0 }, 1.0) };
        let points: Vec<_> = LrSweep::new(template, 1e-4, 10.0, 40).collect();
        assert_eq!(points.len(), 40);
        let s = summarize(&points);
        // Plain gradient descent on a quadratic diverges exactly when η > 2/κ = 0.2.
        let stable = s.largest_stable.unwrap();
        let diverging = s.smallest_diverging.unwrap();
        assert!(stable < 0.2 && diverging > 0.2, "{stable} {diverging}");
        assert!(points.iter().all(|p| (p.learning_rate <= 0.2) == p.final_loss.is_some()));
        // The smallest rate barely moves; the best is orders of magnitude lower.
        let first = points[0].final_loss.unwrap();
        let best = s.best.unwrap();
        assert!(best.final_loss.unwrap() < first * 1e-3, "{best:?} vs {first}");
        assert!(best.learning_rate > 1e-2 && best.learning_rate < 0.2);
    }

    #[test]
    fn a_judge_marks_runs_that_did_not_blow_up_as_diverged() {
        // κ = 10, 20 steps: rates just past 2/κ grow but do not blow up within the budget.
        let template = DescentConfig { max_steps: 20, ..DescentConfig::new(Surface::Bowl { condition: 10.0 }, 1.0) };
        let plain: Vec<_> = LrSweep::new(template, 0.21, 0.22, 3).collect();
        assert!(plain.iter().all(|p| p.final_loss.is_some()), "{plain:?}");
        let grows = |run: &Descent| run.current_loss() > run.losses()[0];
        let judged: Vec<_> = LrSweep::new(template, 0.21, 0.22, 3).judged_by(grows).collect();
        assert!(judged.iter().all(|p| p.final_loss.is_none()), "{judged:?}");
        let small: Vec<_> = LrSweep::new(template, 0.01, 0.02, 3).judged_by(grows).collect();
        assert!(small.iter().all(|p| p.final_loss.is_some()));
    }

    #[test]
    fn the_wall_is_where_every_larger_rate_diverges() {
        let point = |learning_rate, diverged: bool| SweepPoint { learning_rate, final_loss: (!diverged).then_some(1.0), steps: 1, converged: false };
        let points = [point(0.01, false), point(0.02, true), point(0.03, false), point(0.04, true), point(0.05, true)];
        let s = summarize(&points);
        assert_eq!(s.smallest_diverging, Some(0.02));
        assert_eq!(s.wall, Some(0.04));
        assert_eq!(s.largest_stable, Some(0.03));
        assert_eq!(s.diverged_below_wall, 1);
        let none_diverge = summarize(&points[..1]);
        assert_eq!((none_diverge.wall, none_diverge.diverged_below_wall), (None, 0));
    }

    #[test]
    fn sweep_steps_one_rate_at_a_time() {
        let template = DescentConfig::new(Surface::Valley, 1.0);
        let mut sweep = LrSweep::new(template, 1e-3, 1e-1, 5);
        assert_eq!(sweep.done(), 0);
        let first = sweep.next().unwrap();
        assert_eq!(first.learning_rate, 1e-3);
        assert_eq!(sweep.done(), 1);
        assert_eq!(sweep.by_ref().count(), 4);
        assert!(sweep.next().is_none());
    }

    #[test]
    fn sweep_is_deterministic_with_noise() {
        let template = DescentConfig { gradient_noise: 0.3, seed: 9, ..DescentConfig::new(Surface::TwoWells, 1.0) };
        let a: Vec<_> = LrSweep::new(template, 1e-3, 1.0, 12).collect();
        let b: Vec<_> = LrSweep::new(template, 1e-3, 1.0, 12).collect();
        assert_eq!(a, b);
    }
}
