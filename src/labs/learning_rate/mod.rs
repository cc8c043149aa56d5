//! The learning-rate lab: gradient descent (with optional momentum) on a 2-D loss surface,
//! animated step by step, with the loss curve, the learning-rate sweep and challenges. The model,
//! its verdicts and texts live in `hyperlab_ml::labs::learning_rate`; this module wires signals
//! to them and draws.

mod charts;
pub mod state;

use crate::components::challenges::ChallengePanel;
use crate::components::controls::Control;
use crate::components::deferred::Deferred;
use crate::components::lab_shell::{LabShell, Later};
use crate::components::presets::PresetPicker;
use crate::components::transport::Transport;
use crate::labs::LabMode;
use crate::plot::canvas::{Chart, DrawFn};
use crate::runner::{budget, now_ms, Stepper};
use crate::url_state::{current_query, UrlParams};
use charts::HeatmapCache;
use hyperlab_ml::optim::descent::{DescentConfig, Status};
use hyperlab_ml::schema::{format_number, ParamState};
use hyperlab_ml::labs::learning_rate::is_off_map;
use hyperlab_ml::labs::learning_rate::sweep::{LrSweep, SweepPoint};
use crate::components::lab_view::shown_view;
use leptos::prelude::*;
use state::{
    bowl_note, contour_summary, coordinates_summary, key, loss_summary, recovery_rate, start_given, status_sentence, sweep, sweep_caption,
    sweep_summary, LrModel, Settings, SurfaceKind, CHALLENGES, COORDINATES_CAPTION, DIVERGED_HELP, INTRO, LOSS_CAPTION, NOISE_NOTE, PRESETS,
    SCHEMA, SLUG, SWEEP_COUNT,
};
use std::rc::Rc;

/// On a phone the sweep's legend wraps to four rows above the plot: below this height the plot
/// itself was about 65 px tall and its y title ran into the legend.
const SWEEP_MIN_HEIGHT: f64 = 300.0;

/// How fast the animation plays: steps per animation frame (0 = show the finished run at once).
const SPEEDS: &[(&str, usize)] = &[("Slow", 1), ("Normal", 3), ("Fast", 10), ("Instant", 0)];

fn finished_losses(config: DescentConfig) -> Vec<f64> {
    config.build().map(|mut run| {
        run.finish();
        run.losses().to_vec()
    }).unwrap_or_default()
}

fn prefers_reduced_motion() -> bool {
    window().match_media("(prefers-reduced-motion: reduce)").ok().flatten().is_some_and(|m| m.matches())
}

/// Changes the typed settings and writes them back to the URL state.
fn edit(params: RwSignal<ParamState>, change: impl FnOnce(&mut Settings)) {
    params.update(|p| {
        let mut settings = Settings::from_params(p);
        change(&mut settings);
        settings.write_to(p);
    });
}

/// The learning-rate sweep for the current settings: 40 runs, spread over animation frames,
/// redone when anything but η changes.
fn live_sweep(settings: Memo<Settings>) -> RwSignal<Vec<SweepPoint>> {
    let sweep_template = Memo::new(move |_| Settings { learning_rate: 1.0, ..settings.get() });
    let sweep_points: RwSignal<Vec<SweepPoint>> = RwSignal::new(Vec::new());
    let running_sweep = StoredValue::new(None::<LrSweep>);
    let sweep_stepper = Stepper::new(budget::ANIMATION_MS, move |deadline| loop {
        match running_sweep.try_update_value(|s| s.as_mut().and_then(|s| s.next())).flatten() {
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
        running_sweep.set_value(Some(sweep(&template)));
        sweep_points.set(Vec::with_capacity(SWEEP_COUNT));
        sweep_stepper.play();
    });

    sweep_points
}

/// Changing the surface (and not the start with it) moves the start to that surface's default.
fn follow_surface(params: RwSignal<ParamState>, settings: Memo<Settings>) {
    Effect::new(move |previous: Option<(SurfaceKind, [f64; 2])>| {
        let s = settings.get();
        if previous.is_some_and(|(surface, start)| surface != s.surface && start == s.start) {
            edit(params, |s| *s = s.with_default_start());
        }
        (s.surface, s.start)
    });
}

/// The stepping loop that animates the run: the chosen speed's steps per frame, within the
/// animation budget.
fn run_stepper(model: RwSignal<LrModel>, speed: RwSignal<usize>) -> Stepper {
    Stepper::new(budget::ANIMATION_MS, move |deadline| {
        let per_frame = SPEEDS[speed.get_untracked()].1.max(1);
        let mut more = true;
        model.update(|m| {
            for _ in 0..per_frame {
                if m.step().is_finished() {
                    more = false;
                    break;
                }
                if now_ms() > deadline {
                    break;
                }
            }
        });
        more
    })
}

#[component]
pub fn LearningRateLab(mode: LabMode) -> impl IntoView {
    let (url, notices) = UrlParams::from_location(&SCHEMA);
    let params = url.params;
    // A link that names a surface but no start point starts where that surface's demo should.
    if !start_given(&current_query()) {
        params.update_untracked(|p| Settings::from_params(p).with_default_start().write_to(p));
    }
    let settings = Memo::new(move |_| params.with(Settings::from_params));
    let config = Memo::new(move |_| settings.get().config());

    follow_surface(params, settings);

    // The live run, animated by the stepping loop.
    let model = RwSignal::new(LrModel::new(settings.get_untracked()));
    let ghost: RwSignal<Option<(String, Vec<f64>)>> = RwSignal::new(None);
    let speed = RwSignal::new(if prefers_reduced_motion() { 3 } else { 1 });
    let stepper = run_stepper(model, speed);
    let instant = move || SPEEDS[speed.get_untracked()].1 == 0;
    let restart = move || {
        stepper.pause();
        model.set(LrModel::new(settings.get_untracked()));
        if instant() {
            model.update(|m| {
                m.finish();
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

    let sweep_points = live_sweep(settings);

    let playing = stepper.playing();
    let status = Memo::new(move |_| model.with(|m| m.status()));
    let snapshot = Memo::new(move |_| model.with(|m| m.snapshot()));
    let finished = Signal::derive(move || status.get().is_finished());
    // The map's caption changes with the run's end (on or off the map, diverged, no step yet):
    // one memo, so a frame that changes none of these leaves the text alone.
    let contour_caption = Memo::new(move |_| {
        let surface = settings.get().surface;
        model.with(|m| {
            let run = m.run();
            hyperlab_ml::labs::learning_rate::contour_caption(surface, matches!(run.status(), Status::Diverged { .. }), is_off_map(run), run.steps_taken())
        })
    });

    let recover = move |_: ()| {
        let lower = recovery_rate(&settings.get_untracked());
        url.by_learner();
        edit(params, |s| s.learning_rate = lower);
    };
    let on_setup = Callback::new(move |query: &'static str| params.set(Settings::from_query(query).0.to_params()));

    // Charts.
    let cache = StoredValue::new_local(HeatmapCache::new());
    let draw_contour: DrawFn = Rc::new(move |frame| {
        model.with(|m| cache.try_update_value(|c| charts::draw_contour(frame, m.run(), c, false)).flatten())
    });
    let move_start = Callback::new(move |(x, y): (f64, f64)| {
        url.by_learner();
        edit(params, |s| s.start = [x, y])
    });
    let contour_text = Signal::derive(move || model.with(|m| contour_summary(m.run(), playing.get())));

    let title = hyperlab_ml::labs::learning_rate::META.title;
    let change_speed = move |i: usize| {
        speed.set(i);
        // Switching to Instant shows the finished run; any other speed just plays on.
        if instant() && !finished.get_untracked() {
            stepper.pause();
            model.update(|m| {
                m.finish();
            });
        }
    };

    let controls = Later::new(move || view! {
        <Transport playing=playing finished=finished
            on_play=Callback::new(move |_| if finished.get_untracked() { restart() } else { stepper.play() })
            on_pause=Callback::new(move |_| stepper.pause())
            on_step=Callback::new(move |_| { stepper.pause(); model.update(|m| { m.step(); }); })
            on_reset=Callback::new(move |_| { stepper.pause(); model.set(LrModel::new(settings.get_untracked())); })/>
        <SpeedSelect speed=speed on_change=Callback::new(change_speed)/>
        <PresetPicker presets=&PRESETS state=url/>
        <Knobs url=url settings=settings/>
    }.into_any());
    let views = view! {
        {shown_view("contour", move || view! {
        <figure class="view view-contour">
            <Chart name="contour" summary=contour_text aspect=0.8 draw=draw_contour on_click=move_start/>
            <figcaption>{move || contour_caption.get()}</figcaption>
        </figure>
        <RunStatus model=model settings=settings playing=playing on_recover=Callback::new(recover)/>
        })}
        // The contour first; the rest is built in tasks of their own (a slow phone's mount).
        {shown_view("run", move || view! {<Deferred><RunCharts model=model ghost=ghost playing=playing/></Deferred>})}
        {shown_view("sweep", move || view! {<Deferred><SweepChart settings=settings points=sweep_points/></Deferred>})}
        {shown_view("numbers", move || view! {<Deferred><ParamsPanel model=model/></Deferred>})}
    }
    .into_any();
    let challenges = Later::new(move || view! {
        <ChallengePanel challenges=&CHALLENGES state=Signal::derive(move || snapshot.get()) on_setup=on_setup/>
    }.into_any());
    view! {
        <LabShell mode slug=SLUG title intro=INTRO notices state=url controls views challenges/>
    }
}

/// How fast the run animates; changing it never restarts the run.
#[component]
fn SpeedSelect(speed: RwSignal<usize>, on_change: Callback<usize>) -> impl IntoView {
    let options = SPEEDS.iter().enumerate().map(|(i, (label, _))| view! { <option value=i.to_string() selected=move || speed.get() == i>{*label}</option> }).collect_view();
    view! {
        <div class="control">
            <label for="speed">"Animation speed"</label>
            <select id="speed" on:change=move |ev| {
                if let Ok(i) = event_target_value(&ev).parse::<usize>() { if i < SPEEDS.len() { on_change.run(i); } }
            }>{options}</select>
        </div>
    }
}

/// The knobs, from the schema; conditioning only shows on the bowl.
#[component]
fn Knobs(url: UrlParams, settings: Memo<Settings>) -> impl IntoView {
    let is_bowl = Memo::new(move |_| settings.get().surface == SurfaceKind::Bowl);
    SCHEMA
        .iter()
        .map(|spec| {
            if spec.key == key::CONDITION {
                view! { <Show when=move || is_bowl.get()><Control spec state=url/></Show> }.into_any()
            } else {
                view! { <Control spec state=url/> }.into_any()
            }
        })
        .collect_view()
}

/// The run against the step: its loss (with the previous settings' ghost) and its parameters.
#[component]
fn RunCharts(model: RwSignal<LrModel>, ghost: RwSignal<Option<(String, Vec<f64>)>>, playing: Signal<bool>) -> impl IntoView {
    let draw_loss: DrawFn = Rc::new(move |frame| model.with(|m| ghost.with(|g| charts::draw_loss(frame, m.run(), g.as_ref()))));
    let draw_coordinates: DrawFn = Rc::new(move |frame| model.with(|m| charts::draw_coordinates(frame, m.run())));
    let loss_text = Signal::derive(move || model.with(|m| ghost.with(|g| loss_summary(m.run(), playing.get(), g.as_ref()))));
    let coordinates_text = Signal::derive(move || model.with(|m| coordinates_summary(m.run())));
    view! {
        <figure class="view">
            <Chart name="loss" summary=loss_text aspect=0.55 draw=draw_loss/>
            <figcaption>{LOSS_CAPTION}</figcaption>
        </figure>
        <figure class="view">
            <Chart name="coordinates" summary=coordinates_text aspect=0.45 draw=draw_coordinates/>
            <figcaption>{COORDINATES_CAPTION}</figcaption>
        </figure>
    }
}

/// Final loss against the learning rate, with the wall shaded.
#[component]
fn SweepChart(settings: Memo<Settings>, points: RwSignal<Vec<SweepPoint>>) -> impl IntoView {
    let draw_sweep: DrawFn = Rc::new(move |frame| {
        let s = settings.get();
        let limit = (s.momentum == 0.0).then(|| 2.0 / s.surface().curvature_at_minimum());
        points.with(|pts| charts::draw_sweep(frame, pts, s.learning_rate, s.steps, limit))
    });
    let sweep_text = Signal::derive(move || points.with(|p| sweep_summary(p, settings.get().learning_rate)));
    view! {
        <figure class="view">
            <Chart name="sweep" summary=sweep_text aspect=0.55 min_height=SWEEP_MIN_HEIGHT draw=draw_sweep/>
            <figcaption>{move || points.with(|p| sweep_caption(p, settings.get().steps))}</figcaption>
        </figure>
    }
}

/// The run's status: its regime badge, what happened, and what that means.
#[component]
fn RunStatus(model: RwSignal<LrModel>, settings: Memo<Settings>, playing: Signal<bool>, on_recover: Callback<()>) -> impl IntoView {
    let status = Memo::new(move |_| model.with(|m| m.status()));
    let verdict = Memo::new(move |_| model.with(|m| m.verdict()));
    let status_key = move || match status.get() {
        Status::Running => "running",
        Status::Converged { .. } => "converged",
        Status::Diverged { .. } => "diverged",
        Status::BudgetSpent => "budget",
    };
    // The bowl note runs every rate from this start (`fewest_plain_steps`), so it does not depend
    // on the chosen rate: dragging the rate slider does not redo that work.
    let rate_free = Memo::new(move |_| Settings { learning_rate: 0.0, ..settings.get() });
    let bowl_text = Memo::new(move |_| bowl_note(&rate_free.get()));
    view! {
        <div id="run-status" class="run-status" data-status=status_key role="status">
            <p class="regime">{move || match verdict.get() {
                Some(v) => view! { <span class="regime-badge" data-regime=format!("{:?}", v.regime)>{v.label()}</span> }.into_any(),
                None if playing.get() => view! { <span class="regime-badge" data-regime="Running">"Running…"</span> }.into_any(),
                None => view! { <span class="regime-badge" data-regime="Paused">"Paused"</span> }.into_any(),
            }}</p>
            <p>{move || model.with(|m| status_sentence(m.run(), playing.get()))}</p>
            <Show when=move || matches!(status.get(), Status::Diverged { .. })>
                <p class="diverged-help">{DIVERGED_HELP}</p>
                <button id="recover" type="button" class="button primary" on:click=move |_| on_recover.run(())>"Lower the learning rate"</button>
            </Show>
            <p class="regime-explain">{move || verdict.get().map(|v| v.explanation())}</p>
            {move || verdict.get().and_then(|v| v.crossing_note()).map(|note| view! { <p class="regime-explain">{note}</p> })}
            {move || (settings.get().noise > 0.0).then(|| view! { <p class="regime-explain">{NOISE_NOTE}</p> })}
            // Built in a task of its own: the note runs the bowl at every rate, the longest
            // part of this lab's mount on a slow phone.
            <Deferred>{move || bowl_text.get().map(|note| view! { <p class="regime-explain">{note}</p> })}</Deferred>
        </div>
    }
}

/// Parameters (learned) vs hyperparameters (set): the curriculum's first distinction.
#[component]
fn ParamsPanel(model: RwSignal<LrModel>) -> impl IntoView {
    let hyper: Vec<&str> = SCHEMA.iter().filter(|s| s.hyper).map(|s| s.label).collect();
    view! {
        <section class="params-panel" aria-labelledby="params-heading">
            <h2 id="params-heading">"Parameters vs hyperparameters"</h2>
            <div class="params-columns">
                <div>
                    <h3>"Parameters (learned)"</h3>
                    <p>"The optimizer finds these by following the gradient:"</p>
                    <p class="mono">{move || model.with(|m| { let p = m.run().position(); format!("w₁ = {:.4}   w₂ = {:.4}", p[0], p[1]) })}</p>
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
