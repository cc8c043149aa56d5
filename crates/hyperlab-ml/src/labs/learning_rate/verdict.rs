//! What a finished run shows (its regime, read off the path and, on the bowl, off the Hessian)
//! and every text the lab shows about it. Each branch has a lesson test.

use super::{Settings, SurfaceKind, CONDITION_MIN, SWEEP_COUNT, SWEEP_HIGH, SWEEP_LOW};
use crate::optim::descent::{Descent, Status, CONVERGED_LOSS};
use crate::schema::format_number;
use crate::optim::surface::Surface;
use crate::labs::learning_rate::sweep::{summarize, SweepPoint};

/// The learning-rate regimes the curriculum names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Regime {
    /// No step overshot, and the loss fell less than [`ARRIVED_FACTOR`]× within the budget.
    TooSmall,
    /// No step overshot, and the loss fell at least [`ARRIVED_FACTOR`]× (or reached the minimum).
    Good,
    /// Some step landed past the valley floor and the next came back (or, on the bowl, the
    /// zig-zag neither shrinks nor grows).
    Oscillating,
    /// Stopped as diverged, or (on the bowl) the oscillation grows every step.
    Diverging,
    /// Settled in the shallow local minimum of the two-wells surface.
    StuckInLocalMinimum,
}

impl Regime {
    pub fn label(self) -> &'static str {
        match self {
            Regime::TooSmall => "Too small: crawling",
            Regime::Good => "Good: converging without overshooting",
            Regime::Oscillating => "Large: overshooting",
            Regime::Diverging => "Too large: diverging",
            Regime::StuckInLocalMinimum => "Stuck in a local minimum",
        }
    }
}

/// The badge when momentum, not the learning rate, makes the path overshoot.
pub const MOMENTUM_OVERSHOOT_LABEL: &str = "Overshooting (momentum)";

/// A run "got there" when its loss fell at least this many times (or reached the minimum).
pub const ARRIVED_FACTOR: f64 = 1e3;
/// Step components smaller than this are rounding noise, not overshoots.
const STEP_TOLERANCE: f64 = 1e-9;

/// How the oscillation along the bowl's steep direction evolves (from the Hessian).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stability {
    Shrinking,
    /// Neither shrinks nor grows: exactly at the wall.
    AtTheWall,
    Growing,
}

/// How a two-wells run moved between the basins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Crossing {
    /// Stayed on the side of the ridge it started on.
    Stayed,
    /// Crossed the ridge and came back to the basin it started in.
    WentAndCameBack,
    /// Only the gradient noise took it over the ridge and back: the noise-free run never crosses.
    NoiseWentAndCameBack,
    /// Plain descent: a large step carried it over the ridge, and it ended in the other basin.
    JumpedOver,
    /// Momentum carried it over the ridge into the other basin: the same rate without momentum
    /// stays, and so would the run without its gradient noise. `uphill`: the loss of the
    /// noise-free run rose on the way (the velocity kept it climbing).
    CarriedOver { uphill: bool },
    /// Only the gradient noise took it into the other basin: the noise-free run (with the same
    /// momentum) stays.
    PushedOverByNoise,
}

/// What a finished run shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Verdict {
    pub regime: Regime,
    /// Steps that came back across the valley floor after the step before overshot it, along a
    /// curvature direction (of the noise-free run when there is noise).
    pub overshoots: usize,
    /// The loss fell at least [`ARRIVED_FACTOR`]× or reached the minimum (noise-free run).
    pub arrived: bool,
    pub diverged: bool,
    /// From the Hessian, on the bowl; `Shrinking` elsewhere.
    pub stability: Stability,
    /// On the two-wells surface; `None` elsewhere or after divergence.
    pub crossing: Option<Crossing>,
    /// Overshooting with momentum where plain descent at the same η (no momentum, no noise)
    /// would not overshoot: the velocity, not the learning rate, causes the zig-zag.
    pub from_momentum: bool,
}

/// Spectral radius of the iteration along one curvature λ of a quadratic: plain descent
/// multiplies the error by 1 − ηλ; heavy-ball and Nesterov momentum follow second-order
/// recurrences e' = b·e − c·e_prev.
fn spectral_radius(settings: &Settings, curvature: f64) -> f64 {
    let (eta, mu) = (settings.learning_rate, settings.momentum);
    let a = 1.0 - eta * curvature;
    let (b, c) = if settings.nesterov { ((1.0 + mu) * a, mu * a) } else { (1.0 + mu - eta * curvature, mu) };
    let disc = b * b - 4.0 * c;
    if disc >= 0.0 {
        let root = disc.sqrt();
        ((b + root) / 2.0).abs().max(((b - root) / 2.0).abs())
    } else {
        c.sqrt()
    }
}

/// On the bowl: whether the oscillation along the steep direction shrinks, holds or grows.
pub fn bowl_stability(settings: &Settings) -> Stability {
    if settings.surface != SurfaceKind::Bowl {
        return Stability::Shrinking;
    }
    let radius = spectral_radius(settings, 1.0).max(spectral_radius(settings, settings.condition));
    if radius > 1.0 + 1e-9 {
        Stability::Growing
    } else if radius >= 1.0 - 1e-9 {
        Stability::AtTheWall
    } else {
        Stability::Shrinking
    }
}

fn dot(a: [f64; 2], b: [f64; 2]) -> f64 {
    a[0] * b[0] + a[1] * b[1]
}

/// Steps that reverse the previous step along one of the surface's curvature directions (taken
/// where the two steps meet): the previous step overshot the floor in that direction.
pub fn count_overshoots(surface: Surface, path: &[[f64; 2]]) -> usize {
    path.windows(3)
        .filter(|w| {
            let first = [w[1][0] - w[0][0], w[1][1] - w[0][1]];
            let second = [w[2][0] - w[1][0], w[2][1] - w[1][1]];
            surface.curvature_directions(w[1]).iter().any(|d| {
                let (p, q) = (dot(first, *d), dot(second, *d));
                p * q < 0.0 && p.abs() > STEP_TOLERANCE && q.abs() > STEP_TOLERANCE
            })
        })
        .count()
}

fn arrived(run: &Descent) -> bool {
    let (first, last) = (run.losses()[0], run.current_loss());
    matches!(run.status(), Status::Converged { .. }) || (first > 0.0 && last * ARRIVED_FACTOR <= first)
}

fn stuck_in_local_minimum(run: &Descent) -> bool {
    let surface = run.config().surface;
    let Some(local) = surface.local_minimum() else { return false };
    let p = run.position();
    let distance = (p[0] - local[0]).hypot(p[1] - local[1]);
    distance < 0.25 && surface.gradient(p)[0].abs() < 0.05
}

/// Which side of the ridge each point is on, and how often the path changed side.
fn ridge_sides(run: &Descent) -> Option<(bool, bool, usize)> {
    let ridge = run.config().surface.ridge()?;
    let path = run.path();
    let right = |p: &[f64; 2]| p[0] > ridge;
    let changes = path.windows(2).filter(|w| right(&w[0]) != right(&w[1])).count();
    Some((right(&path[0]), right(path.last()?), changes))
}

/// Whether the same settings without momentum (and without noise) also end across the ridge:
/// then the step size, not momentum, took it there.
fn plain_also_crosses(config: &crate::optim::descent::DescentConfig) -> bool {
    let plain = crate::optim::descent::DescentConfig { momentum: 0.0, nesterov: false, gradient_noise: 0.0, ..*config };
    let Ok(mut run) = plain.build() else { return false };
    let diverged = matches!(run.finish(), Status::Diverged { .. });
    !diverged && ridge_sides(&run).is_some_and(|(start, end, _)| start != end)
}

impl Verdict {
    pub fn of(run: &Descent) -> Self {
        let config = *run.config();
        let settings = settings_of(run);
        let diverged = matches!(run.status(), Status::Diverged { .. });
        // Noise jitters every path: judge the settings on the same run without it.
        let twin = (config.gradient_noise > 0.0).then(|| {
            let mut twin = crate::optim::descent::DescentConfig { gradient_noise: 0.0, ..config }.build().expect("a built config stays valid");
            twin.finish();
            twin
        });
        let reference = twin.as_ref().unwrap_or(run);
        let overshoots = count_overshoots(config.surface, reference.path());
        let arrived = arrived(reference);
        let stability = bowl_stability(&settings);
        let twin_sides = twin.as_ref().and_then(ridge_sides);
        let crossing = (!diverged).then(|| ridge_sides(run)).flatten().map(|(started_right, ended_right, changes)| {
            if started_right == ended_right {
                let twin_crossed = twin_sides.is_none_or(|(_, _, c)| c > 0);
                if changes == 0 { Crossing::Stayed } else if twin_crossed { Crossing::WentAndCameBack } else { Crossing::NoiseWentAndCameBack }
            } else if twin_sides.is_some_and(|(s, e, _)| s == e) {
                // Checked before momentum: where the noise-free run stays, the noise took it over.
                Crossing::PushedOverByNoise
            } else if config.momentum > 0.0 && !plain_also_crosses(&config) {
                // Uphill on the noise-free run: noise makes any loss curve rise now and then.
                Crossing::CarriedOver { uphill: reference.losses().windows(2).any(|w| w[1] > w[0]) }
            } else {
                Crossing::JumpedOver
            }
        });
        let regime = if diverged {
            Regime::Diverging
        } else if stuck_in_local_minimum(reference) {
            Regime::StuckInLocalMinimum
        } else if stability == Stability::Growing && !arrived {
            Regime::Diverging
        } else if (stability == Stability::AtTheWall && !arrived) || overshoots > 0 {
            Regime::Oscillating
        } else if arrived {
            Regime::Good
        } else {
            Regime::TooSmall
        };
        let from_momentum = regime == Regime::Oscillating && config.momentum > 0.0 && {
            let mut plain = crate::optim::descent::DescentConfig { momentum: 0.0, nesterov: false, gradient_noise: 0.0, ..config }.build().expect("a built config stays valid");
            plain.finish();
            let plain = Verdict::of(&plain);
            plain.overshoots == 0 && !plain.diverged && plain.stability == Stability::Shrinking
        };
        Self { regime, overshoots, arrived, diverged, stability, crossing, from_momentum }
    }

    /// The badge: the regime's name, except that overshooting caused by momentum says so.
    pub fn label(&self) -> &'static str {
        if self.from_momentum {
            MOMENTUM_OVERSHOOT_LABEL
        } else {
            self.regime.label()
        }
    }

    /// What the regime means for this run.
    pub fn explanation(&self) -> &'static str {
        match self.regime {
            Regime::TooSmall => "No step overshot and the loss fell steadily, but less than 1,000× within the budget: the steps are too small for it. A larger learning rate gets further in the same number of steps; raise it a little at a time and watch for the wall.",
            Regime::Good => "No step overshot (none landed past the bottom only for the next to come back), and the loss fell at least 1,000× (or reached the minimum).",
            Regime::Oscillating if self.stability == Stability::AtTheWall && !self.arrived => "Exactly at the wall: along the steep direction the oscillation neither shrinks nor grows, so the run cannot reach the minimum. Any smaller learning rate converges; any larger one diverges.",
            Regime::Oscillating if self.from_momentum && self.arrived => "The velocity carries steps past the floor: plain descent at this learning rate would not overshoot, so momentum makes the path zig-zag, not η. These settings still converge (the loss falls at least 1,000×). Lower μ (or η) to reduce the zig-zag.",
            Regime::Oscillating if self.from_momentum => "The velocity carries steps past the floor: plain descent at this learning rate would not overshoot, so momentum makes the path zig-zag, not η, and the loss has not fallen 1,000× within the budget. Lower μ (or η) to reduce the zig-zag.",
            Regime::Oscillating if self.arrived => "Some steps land past the bottom and the next one comes back, so the path zig-zags (see the map and the parameter chart), yet these settings still converge (the loss falls at least 1,000×): overshooting is not the same as too large.",
            Regime::Oscillating => "Some steps land past the bottom and the next one comes back, so the path zig-zags (see the map and the parameter chart), and the loss has not fallen 1,000× within the budget.",
            Regime::Diverging if self.diverged => "The loss blew up, so the run was stopped. Lower the learning rate.",
            Regime::Diverging => "Past the wall: the oscillation along the steep direction grows every step, so a longer run blows up. Lower the learning rate.",
            Regime::StuckInLocalMinimum => "It settled in the shallow local minimum (▲), not the global one (✕).",
        }
    }

    /// How the run moved between the two wells, when that is the point.
    pub fn crossing_note(&self) -> Option<&'static str> {
        match self.crossing? {
            Crossing::Stayed if self.regime == Regime::StuckInLocalMinimum => Some("Gradient descent only looks downhill from where it is, so with small steps it stays in the basin it starts in. Momentum can carry it over the ridge."),
            Crossing::Stayed => None,
            Crossing::NoiseWentAndCameBack => Some("Gradient noise pushed it over the ridge and back: without the noise, the same settings never cross it."),
            Crossing::WentAndCameBack => Some("It crossed the ridge on the way but came back: a large step lands wherever its size takes it, not where the loss is lowest."),
            Crossing::JumpedOver => Some("A large step jumped over the ridge into the other basin. Where a large step lands depends on its size, not on which well is deeper: nearby rates end in the other well or diverge."),
            Crossing::CarriedOver { uphill: true } => Some("Momentum carried it over the ridge: the same rate without momentum stays in the basin it starts in. Its velocity kept it moving uphill for a while after the gradient turned against it."),
            Crossing::CarriedOver { uphill: false } => Some("Momentum carried it over the ridge: the same rate without momentum stays in the basin it starts in. Its velocity kept it going after the gradient turned against it."),
            Crossing::PushedOverByNoise => Some("Gradient noise kicked it over the ridge: without the noise, the same settings stay in the basin they start in."),
        }
    }
}

fn settings_of(run: &Descent) -> Settings {
    let c = run.config();
    let (surface, condition) = match c.surface {
        Surface::Bowl { condition } => (SurfaceKind::Bowl, condition),
        Surface::Valley => (SurfaceKind::Valley, 1.0),
        Surface::TwoWells => (SurfaceKind::Wells, 1.0),
    };
    Settings {
        surface,
        condition,
        learning_rate: c.learning_rate,
        momentum: c.momentum,
        nesterov: c.nesterov,
        steps: c.max_steps,
        noise: c.gradient_noise,
        start: c.start,
        seed: c.seed,
    }
}

/// Shown when gradient noise is on.
pub const NOISE_NOTE: &str = "Gradient noise is on: the badge judges these settings as they run without noise. The noise adds jitter, so this run may stop short of the minimum.";

/// On the bowl with plain descent: where its regimes change, from its curvatures 1 and κ, and
/// the rate that needed the fewest steps from this start. Measured, because it depends on the
/// start: from a start on the w₂ axis η = 1/κ arrives in one step, and at κ = 1 nothing zig-zags.
pub fn bowl_note(settings: &Settings) -> Option<String> {
    if settings.surface != SurfaceKind::Bowl || settings.momentum != 0.0 {
        return None;
    }
    let k = settings.condition;
    let mut note = if k <= CONDITION_MIN {
        // Round: both directions overshoot together, so "along w₂" would name one of two.
        "This bowl is round: it curves 1 in every direction (κ = 1). Plain descent overshoots once η > 1 and diverges once η > 2; η = 1 = 2/(1 + κ) lands on the minimum in one step.".to_string()
    } else { format!(
        "This bowl curves 1 along w₁ and κ = {} along w₂. Plain descent overshoots along w₂ once η > 1/κ = {} and diverges once η > 2/κ = {}; η = 2/(1 + κ) = {} makes both directions shrink by the same factor, (κ − 1)/(κ + 1) = {} per step, the best rate in the worst case.",
        format_number(k),
        format_number(1.0 / k),
        format_number(2.0 / k),
        format_number(2.0 / (1.0 + k)),
        format_number((k - 1.0) / (k + 1.0)),
    ) };
    if let Some((rate, steps)) = super::model::fewest_plain_steps(settings) {
        // It zig-zags when it overshoots along w₂ and the start has a w₂ part to overshoot.
        let zigzags = rate * k > 1.0 + 1e-9 && settings.start[1] != 0.0;
        note.push_str(&format!(
            " From this start, over {} rates (the sweep chart tries only {SWEEP_COUNT}: its best can need more steps, or none of them may reach the minimum), the fewest steps, {steps}, came at η ≈ {}{}.",
            super::model::fine_rate_count(),
            format_number(rate),
            if zigzags { ", which already zig-zags along w₂" } else { "" }
        ));
    }
    Some(note)
}

pub const INTRO: &str = "The map is a model's training loss over its two parameters, w₁ and w₂. Gradient descent starts at the white circle and steps downhill; the learning rate decides how far. Too small and it crawls; larger and it needs fewer steps, then starts to zig-zag across the valley; past the wall the zig-zag grows until the run blows up.";

/// How a chart draws a line, so texts that name a line can be checked against the drawing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stroke {
    Solid,
    Dashed,
    Dotted,
}

/// One line of a chart: its legend label, how it is drawn, and its colour as texts name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineStyle {
    pub label: &'static str,
    pub stroke: Stroke,
    pub colour: &'static str,
}

/// The loss chart's lines (the previous run's legend label is its settings).
pub const LOSS_THIS_RUN: LineStyle = LineStyle { label: "this run", stroke: Stroke::Solid, colour: "blue" };
pub const LOSS_PREVIOUS: LineStyle = LineStyle { label: "before", stroke: Stroke::Dashed, colour: "purple" };
pub const LOSS_THRESHOLD: LineStyle = LineStyle { label: "minimum reached (1e-6)", stroke: Stroke::Dotted, colour: "grey" };
/// The sweep chart's vertical lines.
pub const SWEEP_YOUR_RATE: LineStyle = LineStyle { label: "your learning rate", stroke: Stroke::Solid, colour: "green" };
pub const SWEEP_LIMIT: LineStyle = LineStyle { label: "2/λ_max at the minimum", stroke: Stroke::Dashed, colour: "grey" };

/// The loss map's caption (the local minimum's mark is named only on the surface that has one,
/// the ring only once the run has diverged, and the edge only while the run is off the map). A
/// diverged run's blow-up step is never drawn: the ring marks the last point before it.
pub fn contour_caption(surface: crate::labs::learning_rate::SurfaceKind, diverged: bool, off_map: bool, steps_taken: usize) -> String {
    let local = if surface == crate::labs::learning_rate::SurfaceKind::Wells { ", ▲ the local minimum" } else { "" };
    let path = match (diverged, off_map) {
        (true, _) if steps_taken == 0 => "No path: the run diverged on its first step, so the orange ring marks the start it blew up from",
        (false, false) => "White line: the path, ending at the yellow dot",
        (true, false) => "White line: the path, ending at the orange ring, its last point before the step that diverged",
        (false, true) => "White line: the path until it left the map, where the yellow dot sits on the edge (the run is now beyond it)",
        (true, true) => "White line: the path until it left the map, where the orange ring sits on the edge (the run diverged beyond it)",
    };
    format!("The loss surface: contour bands are equal steps of log loss; darker is lower. {path}. ✕ the global minimum{local}. Click the map to move the start.")
}

pub const LOSS_CAPTION: &str = "Loss above the minimum against step, on a log scale. Solid line: this run; dashed line: your previous settings (once you change a knob); dotted grey line: loss 1e-6, below which a run counts as having reached the minimum. A straight downward line is steady (linear) convergence. The loss can fall smoothly while the path zig-zags, so look for overshooting on the map; a bump here means a step landed higher than the one before.";

pub const COORDINATES_CAPTION: &str = "Each parameter against step. A trace that goes up, down, up from one step to the next is a zig-zag: that parameter jumps back and forth across the valley floor, even while the loss above falls smoothly.";

/// How many times each parameter's trace turned back (its step changed sign), as the
/// parameter chart shows it.
pub fn coordinate_reversals(path: &[[f64; 2]]) -> [usize; 2] {
    let turns = |k: usize| {
        path.windows(3)
            .filter(|w| {
                let (a, b) = (w[1][k] - w[0][k], w[2][k] - w[1][k]);
                a * b < 0.0 && a.abs() > STEP_TOLERANCE && b.abs() > STEP_TOLERANCE
            })
            .count()
    };
    [turns(0), turns(1)]
}

pub fn coordinates_summary(run: &Descent) -> String {
    let [w1, w2] = coordinate_reversals(run.path());
    let p = run.position();
    format!(
        "The parameters against step: w₁ is at {:.3} and w₂ at {:.3} after {} steps; w₁'s trace turned back {w1} times and w₂'s {w2} times.",
        p[0],
        p[1],
        run.steps_taken()
    )
}

pub const DIVERGED_HELP: &str = "The button moves the learning rate to the largest rate of the sweep below yours that does not diverge with these settings (no cross on the sweep), when there is one; otherwise to a quarter of yours (never below 1e-4).";

pub fn status_sentence(run: &Descent, playing: bool) -> String {
    match run.status() {
        Status::Running if playing => format!("Running: step {} of {}.", run.steps_taken(), run.config().max_steps),
        Status::Running => format!("Paused at step {} of {}.", run.steps_taken(), run.config().max_steps),
        Status::Converged { step } => format!("Reached the minimum (loss below {}) at step {step}.", format_number(CONVERGED_LOSS)),
        Status::Diverged { step, reason } => format!("Diverged at step {step}: {}.", reason.explain()),
        Status::BudgetSpent => format!("Used all {} steps without reaching the minimum.", run.config().max_steps),
    }
}

pub fn contour_summary(run: &Descent, playing: bool) -> String {
    let c = run.config();
    let p = run.position();
    let m = c.surface.minimum();
    format!(
        "Contour map of the {} loss surface (darker is lower). The path starts at ({:.2}, {:.2}); after {} it is at ({:.2}, {:.2}) with loss {} above the minimum at ({:.2}, {:.2}). {}",
        settings_of(run).surface.name(),
        c.start[0], c.start[1],
        match run.steps_taken() { 1 => "1 step".to_string(), n => format!("{n} steps") },
        p[0], p[1],
        format_number(run.current_loss()),
        m[0], m[1],
        status_sentence(run, playing),
    ) + &off_map_sentence(run)
}

/// For a run off the map: where the drawn path leaves it (the marker on the edge). The text
/// alternative follows every frame, so a run on the map does not clip its whole path for nothing.
fn off_map_sentence(run: &Descent) -> String {
    if !crate::labs::learning_rate::is_off_map(run) {
        return String::new();
    }
    let on_map = crate::labs::learning_rate::path_on_map(run.path(), run.config().surface.bounds());
    match on_map.end {
        Some(e) => format!(" That point is off the map; the drawn path leaves it at ({:.2}, {:.2}), where the marker sits.", e[0], e[1]),
        None => String::new(),
    }
}

pub fn loss_summary(run: &Descent, playing: bool, ghost: Option<&(String, Vec<f64>)>) -> String {
    let losses = run.losses();
    let mut s = format!(
        "Loss above the minimum, on a log scale, against the step: {} at step 0, {} at step {}. {}",
        format_number(losses[0]),
        format_number(run.current_loss()),
        run.steps_taken(),
        status_sentence(run, playing)
    );
    if let Some((label, g)) = ghost {
        s.push_str(&format!(" Dashed: {label}, which ended at {} after {} steps.", format_number(*g.last().unwrap_or(&0.0)), g.len().saturating_sub(1)));
    }
    s
}

/// The sweep chart's caption: what this sweep shows, once it is complete.
pub fn sweep_caption(points: &[SweepPoint], steps: usize) -> String {
    let mut text = format!(
        "The same run repeated at {SWEEP_COUNT} learning rates from {} to {}: the final loss after {steps} steps. A cross marks a rate the badge would call diverging: its loss blew up (grew 10,000×) within {steps} steps and it was stopped, or, on the bowl, its zig-zag grows every step, so a longer run blows up.",
        format_number(SWEEP_LOW),
        format_number(SWEEP_HIGH)
    );
    if points.len() < SWEEP_COUNT {
        return text;
    }
    let s = summarize(points);
    match s.wall {
        Some(wall) => text.push_str(&format!(" Every rate from {} up diverged: that is the wall (shaded).", format_number(wall))),
        None => text.push_str(" No rate diverged."),
    }
    if s.diverged_below_wall > 0 {
        text.push_str(" Some smaller rates diverged too while larger ones did not: on a non-convex surface divergence need not be monotone in η, so the first divergence is not always the wall.");
    }
    if let Some(best) = s.best {
        text.push_str(&format!(" The ring marks the sweep's best rate. {}", best_rate_sentence(&best)));
    }
    text.push_str(" Good rates differ by orders of magnitude from one surface to another, which is why learning rates are searched on a log scale.");
    text
}

/// The legend's name for the ring on the sweep chart.
pub const SWEEP_BEST_LABEL: &str = "best rate of the sweep";

/// What makes the sweep's best rate best: the fewest steps to the minimum among the rates that
/// reached it, else the lowest final loss (see [`summarize`](super::sweep::summarize)).
fn best_rate_sentence(best: &SweepPoint) -> String {
    if best.converged {
        format!("η = {} reached the minimum in {} steps, the fewest of the sweep's {SWEEP_COUNT} rates; a rate between two of them, yours included, can need fewer.", format_number(best.learning_rate), best.steps)
    } else {
        format!("No rate reached the minimum; η = {} ended lowest, at {}.", format_number(best.learning_rate), format_number(best.final_loss.unwrap_or(0.0)))
    }
}

/// The sweep chart's text alternative, with its numbers.
pub fn sweep_summary(points: &[SweepPoint], current_lr: f64) -> String {
    if points.is_empty() {
        return "Learning-rate sweep: computing…".into();
    }
    let s = summarize(points);
    let mut text = format!("Learning-rate sweep, {} of {SWEEP_COUNT} learning rates from {} to {} done.", points.len(), format_number(SWEEP_LOW), format_number(SWEEP_HIGH));
    if let Some(best) = s.best {
        text.push_str(&format!(" {}", best_rate_sentence(&best)));
    }
    if let Some(first) = points.first().and_then(|p| p.final_loss) {
        text.push_str(&format!(" The smallest rate ends at {}.", format_number(first)));
    }
    if let Some(first) = s.smallest_diverging {
        text.push_str(&format!(" The smallest learning rate that diverged is {}.", format_number(first)));
    }
    match s.wall {
        Some(wall) => text.push_str(&format!(" Every rate from {} up diverged.", format_number(wall))),
        None if points.len() == SWEEP_COUNT => text.push_str(" No rate diverged."),
        None => {}
    }
    text.push_str(&format!(" Your learning rate: {}.", format_number(current_lr)));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on_bowl(condition: f64, learning_rate: f64, momentum: f64, nesterov: bool) -> Settings {
        Settings { surface: SurfaceKind::Bowl, condition, learning_rate, momentum, nesterov, ..Settings::default() }
    }

    #[test]
    fn spectral_radius_matches_the_textbook_rates() {
        // Plain descent: |1 − ηλ|.
        assert!((spectral_radius(&on_bowl(10.0, 0.15, 0.0, false), 10.0) - 0.5).abs() < 1e-12);
        // Nesterov without momentum is plain descent.
        assert_eq!(spectral_radius(&on_bowl(10.0, 0.15, 0.0, true), 10.0), spectral_radius(&on_bowl(10.0, 0.15, 0.0, false), 10.0));
        // Heavy ball with Polyak's parameters: (√κ − 1)/(√κ + 1) along both axes.
        let kappa: f64 = 25.0;
        let r = kappa.sqrt();
        let tuned = on_bowl(kappa, 4.0 / (1.0 + r).powi(2), ((r - 1.0) / (r + 1.0)).powi(2), false);
        for curvature in [1.0, kappa] {
            assert!((spectral_radius(&tuned, curvature) - (r - 1.0) / (r + 1.0)).abs() < 1e-6);
        }
        // Heavy ball is stable exactly while ηλ < 2(1 + μ).
        assert_eq!(bowl_stability(&on_bowl(10.0, 0.29, 0.5, false)), Stability::Shrinking);
        assert_eq!(bowl_stability(&on_bowl(10.0, 0.31, 0.5, false)), Stability::Growing);
        assert_eq!(bowl_stability(&on_bowl(10.0, 0.2, 0.0, false)), Stability::AtTheWall);
    }

    #[test]
    fn coordinate_reversals_count_turns_of_each_trace() {
        let path = [[0.0, 0.0], [1.0, 1.0], [2.0, 0.0], [3.0, 1.0]];
        assert_eq!(coordinate_reversals(&path), [0, 2]);
        assert_eq!(count_overshoots(Surface::Bowl { condition: 4.0 }, &path), 2);
    }
}
