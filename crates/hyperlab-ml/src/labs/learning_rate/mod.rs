//! The learning-rate lab's native side: its URL schema, typed settings, the model its views draw,
//! the verdict and caption texts, presets and guided challenges. The app only wires signals to
//! these and draws them, so every sentence the lab shows is backed by a native lesson test
//! (`tests/lessons_learning_rate.rs`).

mod challenges;
mod model;
pub mod sweep;
mod verdict;

pub use challenges::{at_the_wall, momentum_beats_plain, CHALLENGES, ESCAPE_MAX_LR, MARGIN, MOMENTUM_MIN_CONDITION, ZIGZAG_MIN_CONDITION};
pub use model::{everything_diverges_from, fewest_plain_steps, fine_rate_count, is_off_map, path_on_map, recovery_rate, sweep, LrModel, MapPath, Snapshot};
pub use verdict::{
    bowl_note, bowl_stability, contour_caption, contour_summary, coordinate_reversals, coordinates_summary, count_overshoots, loss_summary, status_sentence, sweep_caption, sweep_summary,
    Crossing, LineStyle, Regime, Stability, Stroke, Verdict, ARRIVED_FACTOR, LOSS_PREVIOUS, LOSS_THIS_RUN, LOSS_THRESHOLD, MOMENTUM_OVERSHOOT_LABEL, SWEEP_BEST_LABEL, SWEEP_LIMIT, SWEEP_YOUR_RATE, COORDINATES_CAPTION, DIVERGED_HELP, INTRO, LOSS_CAPTION, NOISE_NOTE,
};

use crate::optim::descent::DescentConfig;
use crate::schema::{query_value, Kind, Notice, ParamSpec, ParamState, Value};
use crate::optim::surface::Surface;

pub const SLUG: &str = "learning-rate";

/// The learning-rate knob's range; the sweep covers all of it.
pub const LR_MIN: f64 = 1e-4;
pub const LR_MAX: f64 = 10.0;
/// Learning rates the sweep tries: 40, log-spaced over the knob's whole range.
pub const SWEEP_LOW: f64 = LR_MIN;
pub const SWEEP_HIGH: f64 = LR_MAX;
pub const SWEEP_COUNT: usize = 40;
pub const CONDITION_MIN: f64 = 1.0;
pub const CONDITION_MAX: f64 = 100.0;
pub const MOMENTUM_MAX: f64 = 0.99;
pub const STEPS_MIN: i64 = 10;
pub const STEPS_MAX: i64 = 500;
pub const NOISE_MAX: f64 = 5.0;
pub const START_LIMIT: f64 = 3.0;
pub const SEED_MAX: i64 = 9999;

/// Query keys: the only place the lab names its knobs by string.
pub mod key {
    pub const SURFACE: &str = "surface";
    pub const CONDITION: &str = "cond";
    pub const LR: &str = "lr";
    pub const MOMENTUM: &str = "mom";
    pub const NESTEROV: &str = "nesterov";
    pub const STEPS: &str = "steps";
    pub const NOISE: &str = "noise";
    pub const X0: &str = "x0";
    pub const Y0: &str = "y0";
    pub const SEED: &str = "seed";
}

/// Which loss surface the lab shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SurfaceKind {
    Bowl,
    Valley,
    Wells,
}

impl SurfaceKind {
    const ALL: [SurfaceKind; 3] = [SurfaceKind::Bowl, SurfaceKind::Valley, SurfaceKind::Wells];

    fn index(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    pub fn name(self) -> &'static str {
        match self {
            SurfaceKind::Bowl => "quadratic bowl",
            SurfaceKind::Valley => "narrow curved valley",
            SurfaceKind::Wells => "two-wells",
        }
    }
}

pub const SURFACES: &[(&str, &str)] =
    &[("bowl", "Quadratic bowl"), ("valley", "Narrow curved valley"), ("wells", "Two wells (a local minimum)")];

pub static SCHEMA: [ParamSpec; 10] = [
    ParamSpec::setting(key::SURFACE, "Loss surface", Kind::choice(SURFACES, 0), "The training loss as a function of the model's two parameters."),
    ParamSpec::setting(key::CONDITION, "Bowl conditioning", Kind::log(CONDITION_MIN, CONDITION_MAX, 10.0), "How many times more sharply the bowl curves along w₂ than along w₁ (bowl only). Plain descent diverges once η > 2/κ, so a larger κ means a smaller safe learning rate.").unit("κ"),
    ParamSpec::hyper(key::LR, "Learning rate", Kind::log(LR_MIN, LR_MAX, 0.05), "Each step moves η times the gradient, downhill. Usually the most important knob to tune.").unit("η"),
    ParamSpec::hyper(key::MOMENTUM, "Momentum", Kind::linear(0.0, MOMENTUM_MAX, 0.0, 0.01), "How much of the previous step carries into the next (0 = plain gradient descent).").unit("μ"),
    ParamSpec::hyper(key::NESTEROV, "Nesterov look-ahead", Kind::switch(false), "Take the gradient where momentum is about to carry the parameters (no effect without momentum)."),
    ParamSpec::hyper(key::STEPS, "Steps", Kind::int(STEPS_MIN, STEPS_MAX, 100), "The step budget (like a number of epochs)."),
    ParamSpec::setting(key::NOISE, "Gradient noise", Kind::linear(0.0, NOISE_MAX, 0.0, 0.05), "Random error added to each gradient, like the noise of small mini-batches.").unit("σ"),
    ParamSpec::setting(key::X0, "Start w₁", Kind::linear(-START_LIMIT, START_LIMIT, -2.5, 0.05), "Where the parameters start (or click the map)."),
    ParamSpec::setting(key::Y0, "Start w₂", Kind::linear(-START_LIMIT, START_LIMIT, 1.5, 0.05), "Where the parameters start (or click the map)."),
    ParamSpec::setting(key::SEED, "Noise seed", Kind::int(0, SEED_MAX, 1), "Fixes the random noise, so a link replays exactly."),
];

/// Every knob of the lab, typed. Read from the URL state once; values are already normalized
/// (clamped, rounded) by the schema.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    pub surface: SurfaceKind,
    /// Bowl only: curvature along w₂ over curvature along w₁.
    pub condition: f64,
    pub learning_rate: f64,
    pub momentum: f64,
    pub nesterov: bool,
    pub steps: usize,
    pub noise: f64,
    /// As the knobs say; [`Settings::config`] keeps it inside the surface's drawn region.
    pub start: [f64; 2],
    pub seed: u64,
}

defaults_from_schema!(Settings, SCHEMA);

impl Settings {
    pub fn from_params(p: &ParamState) -> Self {
        Self {
            surface: SurfaceKind::ALL.get(p.choice(key::SURFACE)).copied().unwrap_or(SurfaceKind::Bowl),
            condition: p.float(key::CONDITION).max(CONDITION_MIN),
            learning_rate: p.float(key::LR),
            momentum: p.float(key::MOMENTUM),
            nesterov: p.flag(key::NESTEROV),
            steps: p.int(key::STEPS).clamp(STEPS_MIN, STEPS_MAX) as usize,
            noise: p.float(key::NOISE),
            start: [p.float(key::X0), p.float(key::Y0)],
            seed: p.int(key::SEED).clamp(0, SEED_MAX) as u64,
        }
    }

    /// Writes every knob into `p` (each normalized by the schema).
    pub fn write_to(&self, p: &mut ParamState) {
        p.set(key::SURFACE, Value::Choice(self.surface.index()));
        p.set(key::CONDITION, Value::Float(self.condition));
        p.set(key::LR, Value::Float(self.learning_rate));
        p.set(key::MOMENTUM, Value::Float(self.momentum));
        p.set(key::NESTEROV, Value::Bool(self.nesterov));
        p.set(key::STEPS, Value::Int(self.steps as i64));
        p.set(key::NOISE, Value::Float(self.noise));
        p.set(key::X0, Value::Float(self.start[0]));
        p.set(key::Y0, Value::Float(self.start[1]));
        p.set(key::SEED, Value::Int(self.seed as i64));
    }

    pub fn to_params(&self) -> ParamState {
        let mut p = ParamState::defaults(&SCHEMA);
        self.write_to(&mut p);
        p
    }

    /// The settings a link opens, with the notices the page shows. A link that names no start
    /// point starts where its surface's demo should.
    pub fn from_query(query: &str) -> (Self, Vec<Notice>) {
        let (params, notices) = ParamState::from_query(&SCHEMA, query);
        let mut settings = Self::from_params(&params);
        if !start_given(query) {
            settings.start = settings.surface().default_start();
        }
        (settings, notices)
    }

    /// The same settings as they would be after the schema normalizes them (what a knob holds).
    pub fn normalized(&self) -> Self {
        Self::from_params(&self.to_params())
    }

    pub fn surface(&self) -> Surface {
        match self.surface {
            SurfaceKind::Bowl => Surface::Bowl { condition: self.condition.max(CONDITION_MIN) },
            SurfaceKind::Valley => Surface::Valley,
            SurfaceKind::Wells => Surface::TwoWells,
        }
    }

    /// Puts the start point at the surface's own default start.
    pub fn with_default_start(self) -> Self {
        Self { start: self.surface().default_start(), ..self }
    }

    /// Plain gradient descent: no momentum, no noise.
    pub fn is_plain(&self) -> bool {
        self.momentum == 0.0 && self.noise == 0.0
    }

    /// The run the knobs describe. The start point is kept inside the surface's drawn region.
    pub fn config(&self) -> DescentConfig {
        let surface = self.surface();
        DescentConfig {
            surface,
            learning_rate: self.learning_rate,
            momentum: self.momentum,
            nesterov: self.nesterov,
            gradient_noise: self.noise,
            max_steps: self.steps.max(1),
            start: surface.bounds().clamp(self.start),
            seed: self.seed,
        }
    }
}

/// Whether a query names the start point (otherwise the surface's default start is used).
pub fn start_given(query: &str) -> bool {
    query_value(query, key::X0).is_some()
}

/// One-click states; every preset names its surface and start point, and each claim is a lesson
/// test.
pub use crate::labs::Preset;

pub const PRESETS: [Preset; 6] = [
    Preset { name: "Crawling", query: "surface=bowl&cond=10&lr=0.003&mom=0&nesterov=0&steps=100&noise=0&x0=-2.5&y0=1.5",
        claim: "η = 0.003 on the κ = 10 bowl: every step is safe but tiny, and 100 steps end far from the minimum." },
    Preset { name: "Smooth", query: "surface=bowl&cond=10&lr=0.09&mom=0&nesterov=0&steps=100&noise=0&x0=-2.5&y0=1.5",
        claim: "η = 0.09, just under 1/κ = 0.1: no step overshoots, and the run reaches the minimum." },
    Preset { name: "Fastest (zig-zags)", query: "surface=bowl&cond=10&lr=0.18&mom=0&nesterov=0&steps=100&noise=0&x0=-2.5&y0=1.5",
        claim: "η = 0.18 ≈ 2/(1 + κ): the fewest steps of any fixed rate, and the path already zig-zags across the bowl." },
    Preset { name: "Diverging", query: "surface=bowl&cond=10&lr=0.25&mom=0&nesterov=0&steps=100&noise=0&x0=-2.5&y0=1.5",
        claim: "η = 0.25, past 2/κ = 0.2: every overshoot is larger than the last, and the run blows up." },
    Preset { name: "Non-monotone wall", query: "surface=valley&lr=0.0203&mom=0&nesterov=0&steps=100&noise=0&x0=-1.5&y0=2.5",
        claim: "On the curved valley η = 0.0203 diverges, yet the larger η = 0.0273 does not: on a non-convex surface divergence need not be monotone in η." },
    Preset { name: "Local minimum", query: "surface=wells&lr=0.02&mom=0&nesterov=0&steps=300&noise=0&x0=1.8&y0=1.5",
        claim: "Plain descent with a small step settles in the shallow well it starts in, not the deeper one on the left." },
];

/// How the site lists this lab (home page, header, page title, static pages).
use crate::labs::catalogue::view;

pub const META: crate::labs::catalogue::LabMeta = crate::labs::catalogue::LabMeta {
    slug: SLUG,
    title: "Learning rate",
    promise: "Turn one knob and watch gradient descent crawl, converge, zig-zag and blow up.",
    description: "Gradient descent with momentum on loss surfaces you pick: see every learning-rate regime, the U-shaped sweep with its steep wall, and divergence you can recover from.",
    concepts: &["learning rate", "momentum", "divergence", "parameters vs hyperparameters"],
    // The primary view first; ids are the `views=` names of an embed.
    views: &[
        view("contour", "Loss surface and path, with the run's verdict"),
        view("run", "Loss and parameters by step"),
        view("sweep", "Final loss against the learning rate"),
        view("numbers", "Parameters vs hyperparameters table"),
    ],
    key_controls: &[key::LR, key::MOMENTUM, key::SURFACE],
};
