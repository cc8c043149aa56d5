//! The learning-rate lab's guided challenges, each checked against the finished live run.

use super::model::{everything_diverges_from, fewest_plain_steps, Snapshot};
use super::verdict::Regime;
use super::{SurfaceKind, SLUG};
use crate::optim::descent::Status;
use crate::labs::{Challenge, ChallengeInfo};
use crate::optim::surface::Surface;

fn converged(s: &Snapshot) -> Option<usize> {
    match s.status {
        Status::Converged { step } => Some(step),
        _ => None,
    }
}

/// The least bowl conditioning the zig-zag and fastest-rate challenges accept.
pub const ZIGZAG_MIN_CONDITION: f64 = 10.0;
/// The least bowl conditioning the momentum challenge accepts.
pub const MOMENTUM_MIN_CONDITION: f64 = 25.0;
/// How close to the wall, and to the fewest steps, an answer must be.
pub const MARGIN: f64 = 0.1;

fn zigzag_but_converges(s: &Snapshot) -> bool {
    s.settings.surface == SurfaceKind::Bowl
        && s.settings.condition >= ZIGZAG_MIN_CONDITION
        && s.settings.is_plain()
        && converged(s).is_some()
        && s.verdict.regime == Regime::Oscillating
}

/// Within 10 % of the wall: this rate does not diverge, and every rate from 10 % above it up to
/// the top of the range does.
pub fn at_the_wall(s: &Snapshot) -> bool {
    s.settings.surface == SurfaceKind::Valley
        && s.settings.is_plain()
        && !matches!(s.status, Status::Diverged { .. })
        && everything_diverges_from(&s.settings, s.settings.learning_rate * (1.0 + MARGIN))
}

/// Converged with momentum in fewer steps than plain descent needs at its best rate.
pub fn momentum_beats_plain(s: &Snapshot) -> bool {
    let Some(step) = converged(s) else { return false };
    s.settings.surface == SurfaceKind::Bowl
        && s.settings.condition >= MOMENTUM_MIN_CONDITION
        && s.settings.momentum > 0.0
        && s.settings.noise == 0.0
        && fewest_plain_steps(&s.settings).is_none_or(|(_, best)| step < best)
}

/// The largest learning rate the escape challenge allows: small enough that one plain step
/// cannot jump the ridge.
pub const ESCAPE_MAX_LR: f64 = 0.05;

fn escapes_local_minimum(s: &Snapshot) -> bool {
    let ridge = Surface::TwoWells.ridge().unwrap_or(0.0);
    s.settings.surface == SurfaceKind::Wells
        && s.settings.start[0] > 0.5
        && s.settings.learning_rate <= ESCAPE_MAX_LR
        && s.settings.noise == 0.0
        && s.position[0] < ridge
        && converged(s).is_some()
}

/// Within 10 % of the fewest steps plain descent needs at any rate.
fn fastest_plain(s: &Snapshot) -> bool {
    let Some(step) = converged(s) else { return false };
    s.settings.surface == SurfaceKind::Bowl
        && s.settings.condition >= ZIGZAG_MIN_CONDITION
        && s.settings.is_plain()
        && fewest_plain_steps(&s.settings).is_some_and(|(_, best)| step as f64 <= best as f64 * (1.0 + MARGIN))
}

pub static CHALLENGES: [Challenge<Snapshot>; 5] = [
    Challenge {
        info: ChallengeInfo {
            id: "lr-zigzag",
            lab: SLUG,
            title: "Overshoot, but still arrive",
            prompt: "On the quadratic bowl with conditioning κ ≥ 10 and plain gradient descent, find a learning rate that makes the path zig-zag across the valley and still reach the minimum.",
            hint: "Along the steep direction a step overshoots the floor once η > 1/κ, and the overshoot shrinks only while η < 2/κ. Aim between the two, not past 2/κ.",
            explanation: "Along the steep direction each step multiplies the distance to the floor by 1 − ηκ. Once η > 1/κ that factor is negative: every step lands on the other side, and the path zig-zags. While η < 2/κ its size is below 1, so the zig-zag shrinks and the run converges; past 2/κ it grows until the run diverges: the steep wall of the learning-rate curve.",
            setup: "surface=bowl&cond=10&lr=0.05&mom=0&steps=100&noise=0",
            solution: "lr=0.15",
            wrong_answer: "lr=0.25",
            seed_pinned_because: None,
        },
        check: zigzag_but_converges,
    },
    Challenge {
        info: ChallengeInfo {
            id: "lr-find-the-wall",
            lab: SLUG,
            title: "Find the wall",
            prompt: "On the narrow valley with plain gradient descent (no momentum, no noise), find the largest learning rate that does not diverge, to within 10 %: every rate more than 10 % above yours must diverge.",
            hint: "The sweep's first ✕ (a rate that diverged) is not the wall: on this curved valley some rates diverge while larger ones survive. The wall starts where the shading starts; look between the last dot before it and the shading.",
            explanation: "On a quadratic every rate above 2/λ_max diverges, so the first divergence is the wall. This valley is not quadratic: whether a rate diverges depends on where its first steps land on the steep walls, so between about 0.017 and 0.03 diverging and surviving rates alternate, and the wall (about 0.03 for this start and budget) lies well above the first divergence. Near the minimum the curvature limit still holds: above 2/λ_max ≈ 0.0197 (the grey dashed line on the sweep) a run that survives keeps bouncing and never settles into the minimum.",
            setup: "surface=valley&lr=0.001&mom=0&steps=100&noise=0&x0=-1.5&y0=2.5",
            solution: "lr=0.028",
            wrong_answer: "lr=0.019",
            seed_pinned_because: None,
        },
        check: at_the_wall,
    },
    Challenge {
        info: ChallengeInfo {
            id: "lr-momentum-wins",
            lab: SLUG,
            title: "Momentum beats the best plain descent",
            prompt: "On a bowl with conditioning κ ≥ 25, reach the minimum with momentum in fewer steps than plain gradient descent needs at its best learning rate.",
            hint: "Too much momentum (0.95 and up) keeps the parameters swinging for hundreds of steps. Try μ around 0.5–0.7 with η near 0.05–0.1, then tune both.",
            explanation: "Plain descent must keep η below 2/κ for the steep direction, so it crawls along the shallow one: even at its best rate, about 2/(1 + κ), the error shrinks only by (κ − 1)/(κ + 1) per step, 0.92 for κ = 25. Momentum builds up speed along the consistent shallow direction and damps the zig-zag across; with its best η and μ the factor improves to about (√κ − 1)/(√κ + 1), 0.67 for κ = 25.",
            setup: "surface=bowl&cond=25&lr=0.05&mom=0&steps=200&noise=0",
            solution: "mom=0.6",
            wrong_answer: "mom=0.95",
            seed_pinned_because: None,
        },
        check: momentum_beats_plain,
    },
    Challenge {
        info: ChallengeInfo {
            id: "lr-escape-local",
            lab: SLUG,
            title: "Escape the local minimum",
            prompt: "On the two-wells surface, starting on the right (w₁ > 0.5) with a small learning rate (η ≤ 0.05) and no gradient noise, end in the global minimum on the left.",
            hint: "More steps will not help: plain descent with a small step settles in the nearer, shallower well and stays there. Something has to carry the parameters over the ridge.",
            explanation: "Plain descent with a small step only looks downhill from where it is, so it settles in the basin it starts in however long it runs. Momentum keeps some velocity after the gradient turns against it and can coast over a low ridge. Other ways over are not reliable: one large plain step can jump the ridge (η = 0.16 from this start) or land back in the local well (η = 0.21); strong gradient noise kicks some runs over and not others.",
            setup: "surface=wells&lr=0.02&mom=0&steps=300&noise=0&x0=1.8&y0=1.5",
            solution: "mom=0.85",
            wrong_answer: "steps=500",
            seed_pinned_because: None,
        },
        check: escapes_local_minimum,
    },
    Challenge {
        info: ChallengeInfo {
            id: "lr-fastest-rate",
            lab: SLUG,
            title: "The fastest rate zig-zags",
            prompt: "On the bowl with κ ≥ 10 and plain gradient descent, reach the minimum within 10 % of the fewest steps any fixed learning rate needs.",
            hint: "The fastest rate is not the largest one that avoids zig-zagging (just under 1/κ). Balance the two directions instead.",
            explanation: "Each step shrinks the error along w₁ by 1 − η and along w₂ by |1 − ηκ|; the slower of the two sets the pace. Raising η speeds up w₁ until w₂'s factor, negative past 1/κ, grows back to the same size: at η = 2/(1 + κ). So the fastest fixed rate already zig-zags along the steep direction.",
            setup: "surface=bowl&cond=10&lr=0.05&mom=0&steps=100&noise=0",
            solution: "lr=0.18",
            wrong_answer: "lr=0.0999",
            seed_pinned_because: None,
        },
        check: fastest_plain,
    },
];
