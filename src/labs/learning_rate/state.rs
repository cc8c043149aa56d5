//! The learning-rate lab's knobs (its URL schema) and the live state its challenges check.

use hyperlab_ml::descent::{Descent, DescentConfig, Regime, Status};
use hyperlab_ml::params::{Kind, ParamSpec, ParamState, Scale, Value};
use hyperlab_ml::surface::Surface;

pub const SLUG: &str = "learning-rate";

pub const SURFACES: &[(&str, &str)] =
    &[("bowl", "Quadratic bowl"), ("valley", "Narrow curved valley"), ("wells", "Two wells (a local minimum)")];

/// Learning rates the sweep tries: 40, log-spaced over the slider's whole range.
pub const SWEEP_LOW: f64 = 1e-4;
pub const SWEEP_HIGH: f64 = 10.0;
pub const SWEEP_COUNT: usize = 40;

pub static SCHEMA: [ParamSpec; 10] = [
    ParamSpec { key: "surface", label: "Loss surface", unit: "", hyper: false,
        help: "The training loss as a function of the model's two parameters.",
        kind: Kind::Choice { options: SURFACES, default: 0 } },
    ParamSpec { key: "cond", label: "Bowl conditioning", unit: "κ", hyper: false,
        help: "How much steeper the bowl is across than along (bowl only). Steeper means a smaller safe learning rate.",
        kind: Kind::Float { min: 1.0, max: 100.0, default: 10.0, scale: Scale::Log, step: 0.0, zero: false } },
    ParamSpec { key: "lr", label: "Learning rate", unit: "η", hyper: true,
        help: "How far each step moves along the negative gradient. The most important knob.",
        kind: Kind::Float { min: 1e-4, max: 10.0, default: 0.05, scale: Scale::Log, step: 0.0, zero: false } },
    ParamSpec { key: "mom", label: "Momentum", unit: "μ", hyper: true,
        help: "How much of the previous step carries into the next (0 = plain gradient descent).",
        kind: Kind::Float { min: 0.0, max: 0.99, default: 0.0, scale: Scale::Linear, step: 0.01, zero: false } },
    ParamSpec { key: "nesterov", label: "Nesterov look-ahead", unit: "", hyper: true,
        help: "Take the gradient where momentum is about to carry the parameters.",
        kind: Kind::Bool { default: false } },
    ParamSpec { key: "steps", label: "Steps", unit: "", hyper: true,
        help: "The step budget (like a number of epochs).",
        kind: Kind::Int { min: 10, max: 500, default: 100 } },
    ParamSpec { key: "noise", label: "Gradient noise", unit: "σ", hyper: false,
        help: "Random error added to each gradient, like the noise of small mini-batches.",
        kind: Kind::Float { min: 0.0, max: 5.0, default: 0.0, scale: Scale::Linear, step: 0.05, zero: false } },
    ParamSpec { key: "x0", label: "Start w₁", unit: "", hyper: false,
        help: "Where the parameters start (or click the map).",
        kind: Kind::Float { min: -3.0, max: 3.0, default: -2.5, scale: Scale::Linear, step: 0.05, zero: false } },
    ParamSpec { key: "y0", label: "Start w₂", unit: "", hyper: false,
        help: "Where the parameters start (or click the map).",
        kind: Kind::Float { min: -3.0, max: 3.0, default: 1.5, scale: Scale::Linear, step: 0.05, zero: false } },
    ParamSpec { key: "seed", label: "Noise seed", unit: "", hyper: false,
        help: "Fixes the random noise, so a link replays exactly.",
        kind: Kind::Int { min: 0, max: 9999, default: 1 } },
];

pub fn surface_of(p: &ParamState) -> Surface {
    match p.choice_slug("surface") {
        "valley" => Surface::Valley,
        "wells" => Surface::TwoWells,
        _ => Surface::Bowl { condition: p.float("cond").max(1.0) },
    }
}

/// The run the knobs describe. The start point is kept inside the surface's drawn region.
pub fn config_of(p: &ParamState) -> DescentConfig {
    let surface = surface_of(p);
    DescentConfig {
        surface,
        learning_rate: p.float("lr"),
        momentum: p.float("mom"),
        nesterov: p.flag("nesterov"),
        gradient_noise: p.float("noise"),
        max_steps: p.int("steps").max(1) as usize,
        start: surface.bounds().clamp([p.float("x0"), p.float("y0")]),
        seed: p.int("seed").max(0) as u64,
    }
}

/// Puts the start point at the surface's own default start.
pub fn reset_start(p: &mut ParamState) {
    let start = surface_of(p).default_start();
    p.set("x0", Value::Float(start[0]));
    p.set("y0", Value::Float(start[1]));
}

/// What the challenges judge: a finished run and the settings that produced it.
#[derive(Clone, Debug, PartialEq)]
pub struct LrSnapshot {
    pub config: DescentConfig,
    pub status: Status,
    pub regime: Regime,
    pub position: [f64; 2],
    pub steps_taken: usize,
}

impl LrSnapshot {
    /// `None` until the run has finished.
    pub fn of(run: &Descent) -> Option<Self> {
        run.status().is_finished().then(|| Self {
            config: *run.config(),
            status: run.status(),
            regime: run.regime(),
            position: run.position(),
            steps_taken: run.steps_taken(),
        })
    }
}

pub fn surface_name(s: Surface) -> &'static str {
    match s {
        Surface::Bowl { .. } => "quadratic bowl",
        Surface::Valley => "narrow curved valley",
        Surface::TwoWells => "two-wells",
    }
}
