//! The lab's model: the live gradient-descent run the views animate, the sweep, and the
//! one-click recovery from divergence.

use super::verdict::{Regime, Verdict};
use super::{Settings, SWEEP_COUNT, SWEEP_HIGH, SWEEP_LOW};
use crate::optim::descent::{Descent, DescentConfig, Status};
use crate::log_space;
use crate::optim::surface::Surface;
use crate::labs::learning_rate::sweep::LrSweep;

/// The live run the page animates, built from the lab's settings.
#[derive(Clone, Debug)]
pub struct LrModel {
    settings: Settings,
    run: Descent,
}

impl LrModel {
    pub fn new(settings: Settings) -> Self {
        // Every knob is normalized by the schema, so this cannot fail; fall back to a known-good
        // run rather than panic if a future knob breaks that promise.
        let run = settings.config().build().unwrap_or_else(|_| {
            DescentConfig::new(Surface::Bowl { condition: 10.0 }, 0.05).build().expect("the default run is valid")
        });
        Self { settings, run }
    }

    /// Builds the model from a query exactly as the page does and runs it to the end.
    pub fn finished_from_query(query: &str) -> Self {
        let mut model = Self::new(Settings::from_query(query).0);
        model.finish();
        model
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn run(&self) -> &Descent {
        &self.run
    }

    pub fn status(&self) -> Status {
        self.run.status()
    }

    pub fn step(&mut self) -> Status {
        self.run.step()
    }

    pub fn finish(&mut self) -> Status {
        self.run.finish()
    }

    /// What the finished run shows; `None` while it is still going.
    pub fn verdict(&self) -> Option<Verdict> {
        self.run.status().is_finished().then(|| Verdict::of(&self.run))
    }

    /// What the challenges judge; `None` until the run has finished.
    pub fn snapshot(&self) -> Option<Snapshot> {
        let verdict = self.verdict()?;
        Some(Snapshot {
            settings: self.settings,
            status: self.run.status(),
            position: self.run.position(),
            steps_taken: self.run.steps_taken(),
            verdict,
        })
    }
}

/// A finished run and the settings that produced it: what the challenges judge.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Snapshot {
    pub settings: Settings,
    pub status: Status,
    pub position: [f64; 2],
    pub steps_taken: usize,
    pub verdict: Verdict,
}

seeded_by!(Snapshot, settings.seed);

/// The sweep the lab draws: these settings at 40 learning rates over the knob's whole range. A
/// rate counts as diverged exactly when the single-run badge would say "Too large: diverging" at
/// the same settings: it blew up, or (on the bowl) its zig-zag grows every step.
pub fn sweep(settings: &Settings) -> LrSweep {
    LrSweep::new(settings.config(), SWEEP_LOW, SWEEP_HIGH, SWEEP_COUNT).judged_by(badge_says_diverging)
}

fn badge_says_diverging(run: &Descent) -> bool {
    Verdict::of(run).regime == Regime::Diverging
}

fn diverges(settings: &Settings) -> bool {
    settings.config().build().map(|mut run| matches!(run.finish(), Status::Diverged { .. })).unwrap_or(true)
}

/// Whether the badge would say "Too large: diverging" with these settings (as the sweep marks it).
fn badge_diverging(settings: &Settings) -> bool {
    settings.config().build().map(|mut run| {
        run.finish();
        badge_says_diverging(&run)
    }).unwrap_or(true)
}

/// The rate "Lower the learning rate" moves to: the largest swept rate below the current one
/// that does not diverge with these settings (as the knob will hold it, and as the sweep and the
/// badge judge it), else a quarter of it.
pub fn recovery_rate(settings: &Settings) -> f64 {
    let current = settings.learning_rate;
    log_space(SWEEP_LOW, SWEEP_HIGH, SWEEP_COUNT)
        .into_iter()
        .rev()
        .map(|rate| Settings { learning_rate: rate, ..*settings }.normalized())
        .filter(|s| s.learning_rate < current)
        .find(|s| !badge_diverging(s))
        .map_or_else(|| Settings { learning_rate: current / 4.0, ..*settings }.normalized().learning_rate, |s| s.learning_rate)
}

/// Rates per decade of the fine grids the challenges check (finer than the drawn sweep).
const FINE_PER_DECADE: usize = 80;

/// How many rates [`fewest_plain_steps`] tries over the knob's whole range.
pub fn fine_rate_count() -> usize {
    fine_rates(SWEEP_LOW, SWEEP_HIGH).len()
}

fn fine_rates(low: f64, high: f64) -> Vec<f64> {
    if low.is_nan() || high.is_nan() || low >= high {
        return Vec::new();
    }
    let decades = (high / low).log10();
    log_space(low, high, (decades * FINE_PER_DECADE as f64).ceil() as usize + 1)
}

/// The fewest steps plain gradient descent (no momentum, no noise) needs to reach the minimum
/// with these settings at its best learning rate, over a fine log grid of the knob's range.
pub fn fewest_plain_steps(settings: &Settings) -> Option<(f64, usize)> {
    let plain = Settings { momentum: 0.0, nesterov: false, noise: 0.0, ..*settings };
    fine_rates(SWEEP_LOW, SWEEP_HIGH)
        .into_iter()
        .filter_map(|rate| {
            let mut run = Settings { learning_rate: rate, ..plain }.config().build().ok()?;
            match run.finish() {
                Status::Converged { step } => Some((rate, step)),
                _ => None,
            }
        })
        .min_by_key(|(_, steps)| *steps)
}

/// Whether every rate from `from` up to the top of the knob's range diverges with these
/// settings, on a fine log grid: `from` is past the wall.
pub fn everything_diverges_from(settings: &Settings, from: f64) -> bool {
    fine_rates(from, SWEEP_HIGH).into_iter().all(|rate| diverges(&Settings { learning_rate: rate, ..*settings }))
}

/// The run's path as the loss map draws it. Plotters pulls a point that lies off the map onto its
/// edge one coordinate at a time, which bends every step that leaves the map (a step straight down
/// the steep axis was drawn towards a corner); here each step is clipped where it crosses the edge.
#[derive(Clone, Debug, PartialEq)]
pub struct MapPath {
    /// The polylines inside the map, in order.
    pub pieces: Vec<Vec<[f64; 2]>>,
    /// Where the map marks the run's current position: the position itself when it is on the map,
    /// or else the point where the path last left the map (`None` if it never was on it).
    pub end: Option<[f64; 2]>,
    /// Whether the current position is off the map.
    pub off_map: bool,
}

/// Whether the run's current position lies off its surface's map.
pub fn is_off_map(run: &Descent) -> bool {
    !run.config().surface.bounds().contains(run.position())
}

/// `path` as the map inside `bounds` draws it (see [`MapPath`]).
pub fn path_on_map(path: &[[f64; 2]], bounds: crate::optim::surface::Bounds) -> MapPath {
    let mut pieces: Vec<Vec<[f64; 2]>> = Vec::new();
    if let [only] = path {
        if bounds.contains(*only) {
            pieces.push(vec![*only]);
        }
    }
    for step in path.windows(2) {
        let Some((from, to)) = bounds.clip_segment(step[0], step[1]) else { continue };
        // A piece goes on while each step starts where the last one ended.
        match pieces.last_mut() {
            Some(piece) if piece.last() == Some(&from) => piece.push(to),
            _ => pieces.push(vec![from, to]),
        }
    }
    let position = path.last().copied();
    let off_map = position.is_some_and(|p| !bounds.contains(p));
    let end = if off_map { pieces.last().and_then(|piece| piece.last().copied()) } else { position };
    MapPath { pieces, end, off_map }
}
