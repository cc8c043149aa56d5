//! The learning-rate lab: gradient descent (with optional momentum) on a 2-D loss surface,
//! animated step by step, with the loss curve, the learning-rate sweep and challenges.

mod challenges;
mod charts;
pub mod state;

use crate::components::challenges::ChallengePanel;
use crate::components::controls::Control;
use crate::components::lab_shell::LabShell;
use crate::components::transport::Transport;
use crate::labs::catalogue;
use crate::labs::LabMode;
use crate::plot::canvas::{Chart, DrawFn};
use crate::runner::{now_ms, Stepper};
use crate::url_state::{current_query, UrlParams};
use challenges::CHALLENGES;
use charts::HeatmapCache;
use hyperlab_ml::descent::{Descent, DescentConfig, Regime, Status};
use hyperlab_ml::params::{format_number, query_value, ParamState, Value};
use hyperlab_ml::surface::Surface;
use hyperlab_ml::sweep::{summarize, LrSweep, SweepPoint};
use leptos::prelude::*;
use state::{config_of, reset_start, LrSnapshot, SCHEMA, SLUG, SWEEP_COUNT, SWEEP_HIGH, SWEEP_LOW};
use std::rc::Rc;

/// How fast the animation plays: steps per animation frame (0 = show the finished run at once).
const SPEEDS: &[(&str, usize)] = &[("Slow", 1), ("Normal", 3), ("Fast", 10), ("Instant", 0)];

fn build(config: DescentConfig) -> Descent {
    // Every knob is normalized by the schema, so this cannot fail; fall back to a known-good
    // run rather than panic if a future knob breaks that promise.
    config.build().unwrap_or_else(|_| DescentConfig::new(Surface::Bowl { condition: 10.0 }, 0.05).build().expect("default config is valid"))
}

fn finished_losses(config: DescentConfig) -> Vec<f64> {
    let mut run = build(config);
    run.finish();
    run.losses().to_vec()
}

fn prefers_reduced_motion() -> bool {
    window().match_media("(prefers-reduced-motion: reduce)").ok().flatten().is_some_and(|m| m.matches())
}

#[component]
pub fn LearningRateLab(mode: LabMode) -> impl IntoView {
    let (url, notices) = UrlParams::from_location(&SCHEMA);
    let params = url.params;
    // A link that names a surface but no start point starts where that surface's demo should.
    if query_value(&current_query(), "x0").is_none() {
        params.update_untracked(reset_start);
    }
    let config = Memo::new(move |_| params.with(config_of));

    // Changing the surface moves the start point to that surface's own default.
    Effect::new(move |previous: Option<&'static str>| {
        let surface = params.with(|p| p.choice_slug("surface"));
        if previous.is_some_and(|prev| prev != surface) {
            params.update(reset_start);
        }
        surface
    });

    // The live run, animated by the stepping loop.
    let run = RwSignal::new(build(config.get_untracked()));
    let ghost: RwSignal<Option<(String, Vec<f64>)>> = RwSignal::new(None);
    let speed = RwSignal::new(if prefers_reduced_motion() { 3 } else { 1 });
    let stepper = Stepper::new(4.0, move |deadline| {
        let per_frame = SPEEDS[speed.get_untracked()].1.max(1);
        let mut more = true;
        run.update(|r| {
            for _ in 0..per_frame {
                if r.step().is_finished() {
                    more = false;
                    break;
                }
                if now_ms() > deadline {
                    break;
                }
            }
        });
        more
    });
    let restart = move || {
        stepper.pause();
        run.set(build(config.get_untracked()));
        if SPEEDS[speed.get_untracked()].1 == 0 {
            run.update(|r| {
                r.finish();
            });
        } else {
            stepper.play();
        }
    };
    Effect::new(move |previous: Option<DescentConfig>| {
        let c = config.get();
        if let Some(prev) = previous.filter(|p| *p != c) {
            ghost.set(Some((format!("before: η = {}, μ = {}", format_number(prev.learning_rate), format_number(prev.momentum)), finished_losses(prev))));
        }
        restart();
        c
    });

    // The learning-rate sweep: 40 runs, spread over frames, redone when anything but η changes.
    let sweep_template = Memo::new(move |_| DescentConfig { learning_rate: 1.0, ..config.get() });
    let sweep_points: RwSignal<Vec<SweepPoint>> = RwSignal::new(Vec::new());
    let sweep = StoredValue::new(None::<LrSweep>);
    let sweep_stepper = Stepper::new(4.0, move |deadline| loop {
        match sweep.try_update_value(|s| s.as_mut().and_then(|s| s.next())).flatten() {
            Some(point) => sweep_points.update(|v| v.push(point)),
            None => return false,
        }
        if now_ms() >= deadline {
            return true;
        }
    });
    Effect::new(move |_| {
        let template = sweep_template.get();
        sweep_stepper.pause();
        sweep.set_value(Some(LrSweep::new(template, SWEEP_LOW, SWEEP_HIGH, SWEEP_COUNT)));
        sweep_points.set(Vec::with_capacity(SWEEP_COUNT));
        sweep_stepper.play();
    });

    let status = Memo::new(move |_| run.with(|r| r.status()));
    let regime = Memo::new(move |_| run.with(|r| r.status().is_finished().then(|| r.regime())));
    let snapshot = Memo::new(move |_| run.with(LrSnapshot::of));
    let finished = Signal::derive(move || status.get().is_finished());

    let recover = move |_| {
        let lr = params.with_untracked(|p| p.float("lr"));
        let stable = sweep_points.with_untracked(|pts| summarize(pts).largest_stable).filter(|s| *s < lr);
        let lower = stable.map_or(lr / 4.0, |s| (s * 0.8).min(lr / 2.0));
        params.update(|p| {
            p.set("lr", Value::Float(lower));
        });
    };
    let on_setup = Callback::new(move |query: &'static str| {
        let (fresh, _) = ParamState::from_query(&SCHEMA, query);
        params.set(fresh);
    });

    // Charts.
    let cache = StoredValue::new_local(HeatmapCache::new());
    let draw_contour: DrawFn = Rc::new(move |frame| {
        run.with(|r| cache.try_update_value(|c| charts::draw_contour(frame, r, c, false)).flatten())
    });
    let move_start = Callback::new(move |(x, y): (f64, f64)| {
        params.update(|p| {
            p.set("x0", Value::Float(x));
            p.set("y0", Value::Float(y));
        });
    });
    let draw_loss: DrawFn = Rc::new(move |frame| run.with(|r| ghost.with(|g| charts::draw_loss(frame, r, g.as_ref()))));
    let draw_sweep: DrawFn = Rc::new(move |frame| {
        let c = config.get();
        let limit = (c.momentum == 0.0).then(|| 2.0 / c.surface.curvature_at_minimum());
        sweep_points.with(|pts| charts::draw_sweep(frame, pts, c.learning_rate, c.max_steps, limit))
    });
    let contour_text = Signal::derive(move || run.with(charts::contour_summary));
    let loss_text = Signal::derive(move || run.with(|r| ghost.with(|g| charts::loss_summary(r, g.as_ref()))));
    let sweep_text = Signal::derive(move || sweep_points.with(|p| charts::sweep_summary(p, SWEEP_COUNT, config.get().learning_rate)));

    let status_key = move || match status.get() {
        Status::Running => "running",
        Status::Converged { .. } => "converged",
        Status::Diverged { .. } => "diverged",
        Status::BudgetSpent => "budget",
    };
    let meta = catalogue::find(SLUG);
    let title = meta.map_or("Learning rate", |m| m.title);
    let is_bowl = Memo::new(move |_| params.with(|p| p.choice_slug("surface") == "bowl"));
    let controls = SCHEMA
        .iter()
        .map(|spec| {
            if spec.key == "cond" {
                // Conditioning only means something for the bowl.
                view! { <Show when=move || is_bowl.get()><Control spec state=url/></Show> }.into_any()
            } else {
                view! { <Control spec state=url/> }.into_any()
            }
        })
        .collect_view();
    let speed_options = SPEEDS.iter().enumerate().map(|(i, (label, _))| view! { <option value=i.to_string() selected=move || speed.get() == i>{*label}</option> }).collect_view();

    let controls = view! {
        <Transport playing=stepper.playing() finished=finished
            on_play=Callback::new(move |_| if finished.get_untracked() { restart() } else { stepper.play() })
            on_pause=Callback::new(move |_| stepper.pause())
            on_step=Callback::new(move |_| { stepper.pause(); run.update(|r| { r.step(); }); })
            on_reset=Callback::new(move |_| { stepper.pause(); run.set(build(config.get_untracked())); })/>
        <div class="control">
            <label for="speed">"Animation speed"</label>
            <select id="speed" on:change=move |ev| {
                if let Ok(i) = event_target_value(&ev).parse::<usize>() { if i < SPEEDS.len() { speed.set(i); restart(); } }
            }>{speed_options}</select>
        </div>
        {controls}
    }
    .into_any();
    let views = view! {
        <figure class="view view-contour">
            <Chart name="contour" summary=contour_text aspect=0.8 draw=draw_contour on_click=move_start/>
            <figcaption>"The loss surface: contour bands are equal steps of log loss; darker is lower. White line: the path. ✕ the global minimum"{move || (config.get().surface == Surface::TwoWells).then_some(", ▲ the local minimum")}". Click the map to move the start."</figcaption>
        </figure>
        <div id="run-status" class="run-status" data-status=status_key role="status">
            <p class="regime">{move || match regime.get() {
                Some(r) => view! { <span class="regime-badge" data-regime=format!("{r:?}")>{r.label()}</span> }.into_any(),
                None => view! { <span class="regime-badge" data-regime="Running">"Running…"</span> }.into_any(),
            }}</p>
            <p>{move || run.with(charts::status_sentence)}</p>
            <Show when=move || matches!(status.get(), Status::Diverged { .. })>
                <p class="diverged-help">"Diverged: each step overshot the minimum by more than it corrected, so the loss grew without bound. Lower the learning rate."</p>
                <button id="recover" type="button" class="button primary" on:click=recover>"Lower the learning rate"</button>
            </Show>
            <p class="regime-explain">{move || regime.get().map(regime_explanation)}</p>
        </div>
        <figure class="view">
            <Chart name="loss" summary=loss_text aspect=0.55 draw=draw_loss/>
            <figcaption>"Loss against step, on a log scale: a straight downward line is steady (linear) convergence; a saw-tooth is oscillation; the dashed line is your previous settings, for comparison."</figcaption>
        </figure>
        <figure class="view">
            <Chart name="sweep" summary=sweep_text aspect=0.55 draw=draw_sweep/>
            <figcaption>"The same run repeated at 40 learning rates from 0.0001 to 10. The final loss falls as the rate grows, bottoms out, then hits a wall where runs diverge (crosses). That U with a steep right wall is why you search learning rates on a log scale."</figcaption>
        </figure>
        <ParamsPanel run=run/>
    }
    .into_any();
    let challenges = view! {
        <ChallengePanel challenges=&CHALLENGES state=Signal::derive(move || snapshot.get()) on_setup=on_setup/>
    }
    .into_any();
    view! {
        <LabShell mode slug=SLUG title intro=INTRO notices state=url controls views challenges/>
    }
}

const INTRO: &str = "The map is a model's training loss over its two parameters, w₁ and w₂. Gradient descent starts at the white circle and steps downhill; the learning rate decides how far. Too small and it crawls; just right and it glides in; too large and it zig-zags; larger still and it blows up.";

fn regime_explanation(r: Regime) -> &'static str {
    match r {
        Regime::TooSmall => "Each step is tiny: the loss falls steadily but slowly, and the budget runs out first. Raise the learning rate (on a log scale: ×3 at a time).",
        Regime::Good => "Big enough steps to make fast progress, small enough never to overshoot badly.",
        Regime::Oscillating => "Steps overshoot the valley floor and bounce across it. It may still converge, but it wastes steps; a slightly smaller learning rate or momentum tuning helps.",
        Regime::Diverging => "Past the wall: overshoots grow each step. Lower the learning rate.",
        Regime::StuckInLocalMinimum => "Gradient descent stopped in the nearest basin, not the best one. Momentum or noise can carry it over the ridge.",
    }
}

/// Parameters (learned) vs hyperparameters (set): the curriculum's first distinction.
#[component]
fn ParamsPanel(run: RwSignal<Descent>) -> impl IntoView {
    let hyper: Vec<&str> = SCHEMA.iter().filter(|s| s.hyper).map(|s| s.label).collect();
    view! {
        <section class="params-panel" aria-labelledby="params-heading">
            <h2 id="params-heading">"Parameters vs hyperparameters"</h2>
            <div class="params-columns">
                <div>
                    <h3>"Parameters (learned)"</h3>
                    <p>"The optimizer finds these by following the gradient:"</p>
                    <p class="mono">{move || run.with(|r| { let p = r.position(); format!("w₁ = {:.4}   w₂ = {:.4}", p[0], p[1]) })}</p>
                </div>
                <div>
                    <h3>"Hyperparameters (you set)"</h3>
                    <p>"Chosen before training; search methods tune these:"</p>
                    <p>{hyper.join(", ")}</p>
                </div>
            </div>
        </section>
    }
}

