//! The learning-rate lab's guided challenges, each checked against the finished live run.

use super::state::{LrSnapshot, SLUG, SWEEP_COUNT, SWEEP_HIGH, SWEEP_LOW};
use crate::challenge::{Challenge, ChallengeInfo};
use hyperlab_ml::descent::{DescentConfig, Regime, Status};
use hyperlab_ml::surface::Surface;
use hyperlab_ml::sweep::LrSweep;

fn diverges(config: DescentConfig) -> bool {
    config.build().map(|mut r| matches!(r.finish(), Status::Diverged { .. })).unwrap_or(true)
}

/// Within 10 % of the largest learning rate that survives: this one does not diverge, 10 % more does.
fn at_the_wall(s: &LrSnapshot) -> bool {
    s.config.surface == Surface::Valley
        && s.config.momentum == 0.0
        && s.config.gradient_noise == 0.0
        && !matches!(s.status, Status::Diverged { .. })
        && diverges(DescentConfig { learning_rate: s.config.learning_rate * 1.1, ..s.config })
}

fn zigzag_but_converges(s: &LrSnapshot) -> bool {
    matches!(s.config.surface, Surface::Bowl { condition } if condition >= 10.0)
        && matches!(s.status, Status::Converged { .. })
        && s.regime == Regime::Oscillating
}

/// Fewest steps plain gradient descent needs to reach the minimum at any sweep learning rate.
fn best_plain_steps(config: DescentConfig) -> Option<usize> {
    let plain = DescentConfig { momentum: 0.0, nesterov: false, ..config };
    LrSweep::new(plain, SWEEP_LOW, SWEEP_HIGH, SWEEP_COUNT).filter(|p| p.converged).map(|p| p.steps).min()
}

fn momentum_beats_plain(s: &LrSnapshot) -> bool {
    let Status::Converged { step } = s.status else { return false };
    matches!(s.config.surface, Surface::Bowl { condition } if condition >= 25.0)
        && s.config.momentum > 0.0
        && s.config.gradient_noise == 0.0
        && best_plain_steps(s.config).is_none_or(|best| step < best)
}

fn escapes_local_minimum(s: &LrSnapshot) -> bool {
    s.config.surface == Surface::TwoWells
        && s.config.start[0] > 0.5
        && s.position[0] < 0.0
        && matches!(s.status, Status::Converged { .. })
}

pub static CHALLENGES: [Challenge<LrSnapshot>; 4] = [
    Challenge {
        info: ChallengeInfo {
            id: "lr-zigzag",
            lab: SLUG,
            title: "Overshoot, but still arrive",
            prompt: "On the quadratic bowl with conditioning κ ≥ 10 and plain gradient descent, find a learning rate that makes the path zig-zag across the valley and still reach the minimum.",
            hint: "Along the steep direction the step is stable only while η < 2 / κ. Come close to that limit from below.",
            explanation: "Each step overshoots the valley floor in the steep direction, and the overshoot shrinks by |1 − ηκ| per step. Just under η = 2/κ that factor is a little under 1: the path oscillates but converges. Just over it, the factor is above 1 and the same zig-zag grows until the run diverges: the steep wall of the learning-rate curve.",
            setup: "surface=bowl&cond=10&lr=0.05&mom=0&steps=100&noise=0",
            solution: "",
            wrong_answer: "",
        },
        check: zigzag_but_converges,
    },
    Challenge {
        info: ChallengeInfo {
            id: "lr-find-the-wall",
            lab: SLUG,
            title: "Find the wall",
            prompt: "On the narrow valley with plain gradient descent (no momentum, no noise), find the largest learning rate that does not diverge, to within 10 %.",
            hint: "Watch the sweep chart: the last dot before the red crosses is close. Then nudge the learning rate up with the number box until one more nudge diverges.",
            explanation: "The largest stable learning rate is set by the sharpest curvature the path meets (2 divided by the largest Hessian eigenvalue near the minimum, about 0.02 here). The fastest runs live just below it, which is why practitioners search learning rates on a log scale and back off a little from the first one that diverges.",
            setup: "surface=valley&lr=0.001&mom=0&steps=100&noise=0&x0=-1.5&y0=2.5",
            solution: "",
            wrong_answer: "",
        },
        check: at_the_wall,
    },
    Challenge {
        info: ChallengeInfo {
            id: "lr-momentum-wins",
            lab: SLUG,
            title: "Momentum beats the best plain descent",
            prompt: "On a bowl with conditioning κ ≥ 25, reach the minimum in fewer steps with momentum than plain gradient descent manages at any learning rate.",
            hint: "Try momentum around 0.6–0.7 and a learning rate near 0.05, then tune both.",
            explanation: "Plain descent on an elongated bowl must keep η below 2/κ for the steep direction, so it crawls along the shallow one: its error shrinks by about (κ − 1)/(κ + 1) per step. Momentum accumulates speed along the consistent shallow direction and damps the zig-zag across, improving the rate to about (√κ − 1)/(√κ + 1): for κ = 25 that is 0.67 per step instead of 0.92.",
            setup: "surface=bowl&cond=25&lr=0.05&mom=0&steps=200&noise=0",
            solution: "",
            wrong_answer: "",
        },
        check: momentum_beats_plain,
    },
    Challenge {
        info: ChallengeInfo {
            id: "lr-escape-local",
            lab: SLUG,
            title: "Escape the local minimum",
            prompt: "On the two-wells surface, starting on the right (w₁ > 0.5), end in the global minimum on the left.",
            hint: "Plain descent with a small learning rate settles in the nearer, shallower well. Momentum can carry the parameters over the ridge.",
            explanation: "Gradient descent only looks downhill from where it is, so it stops in whichever basin it starts in. Momentum keeps some velocity after the gradient vanishes and can coast over a low ridge; so can noisy gradients from small mini-batches, one reason they sometimes find better solutions.",
            setup: "surface=wells&lr=0.02&mom=0&steps=300&noise=0&x0=1.8&y0=1.5",
            solution: "",
            wrong_answer: "",
        },
        check: escapes_local_minimum,
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn snapshot(config: DescentConfig) -> LrSnapshot {
        let mut run = config.build().unwrap();
        run.finish();
        LrSnapshot::of(&run).unwrap()
    }

    #[test]
    fn each_challenge_has_a_solution_and_its_setup_is_not_one() {
        let bowl10 = DescentConfig { max_steps: 100, ..DescentConfig::new(Surface::Bowl { condition: 10.0 }, 0.19) };
        assert!(zigzag_but_converges(&snapshot(bowl10)));
        assert!(!zigzag_but_converges(&snapshot(DescentConfig { learning_rate: 0.05, ..bowl10 })));

        let bowl25 = DescentConfig { max_steps: 200, ..DescentConfig::new(Surface::Bowl { condition: 25.0 }, 0.05) };
        assert!(momentum_beats_plain(&snapshot(DescentConfig { momentum: 0.45, learning_rate: 0.1, ..bowl25 })));
        assert!(!momentum_beats_plain(&snapshot(bowl25)));

        let wells = DescentConfig { max_steps: 300, ..DescentConfig::new(Surface::TwoWells, 0.02) };
        assert!(!escapes_local_minimum(&snapshot(wells)));
        assert!(escapes_local_minimum(&snapshot(DescentConfig { momentum: 0.9, ..wells })));
    }
}
