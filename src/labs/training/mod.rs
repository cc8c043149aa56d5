//! The training lab: a small neural network trains in the page while the learner turns the
//! knobs. The model, its settings and every sentence about it live in the native core
//! (`hyperlab_ml::labs::training`); this module wires signals to that model and draws it.

mod charts;
pub mod state;

use crate::components::challenges::ChallengePanel;
use crate::components::controls::Control;
use crate::components::lab_shell::{LabShell, Later};
use crate::components::presets::PresetPicker;
use crate::components::transport::Transport;
use crate::labs::LabMode;
use crate::plot::canvas::{Chart, DrawFn, LIVE_REDRAW_MS};
use crate::runner::{budget, now_ms, Stepper};
use crate::url_state::UrlParams;
use charts::{Marks, Picture};
use hyperlab_ml::labs::training::run::recovery_rate;
use hyperlab_ml::labs::training::texts;
use hyperlab_ml::labs::training::{LabRun, OptimizerKind, Snapshot, StopKind};
use hyperlab_ml::nn::{EpochMetrics, Status, StopReason};
use hyperlab_ml::datasets::toy2d::Dataset;
use hyperlab_ml::schema::ParamState;
use crate::components::lab_view::shown_view;
use crate::components::deferred::Deferred;
use leptos::prelude::*;
use ndarray::Array2;
use state::{Settings, CHALLENGES, PRESETS, SCHEMA, SLUG};
use std::rc::Rc;

/// How fast the animation plays. Not part of the run (nor of the URL): changing it never
/// restarts training.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Speed {
    /// One epoch every [`SLOW_FRAMES`] frames.
    Slow,
    /// One epoch per frame.
    Normal,
    /// As many epochs as fit in each frame's time budget.
    Fast,
}

const SLOW_FRAMES: u32 = 4;
const SPEEDS: [(Speed, &str, &str); 3] =
    [(Speed::Slow, "slow", "Slow: an epoch every 4th frame"), (Speed::Normal, "normal", "Normal: an epoch per frame"), (Speed::Fast, "fast", "Fast: as many epochs as fit")];

/// What the network predicts now, for the charts.
fn picture_of(run: &mut LabRun, grid: &mut Vec<f64>) -> Picture {
    if run.data().input_dim() == 2 {
        let _ = run.trainer_mut().decision_grid(&charts::grid(), grid);
        Picture { probabilities: grid.clone(), curve: Vec::new() }
    } else {
        let xs = Array2::from_shape_fn((120, 1), |(i, _)| -1.0 + 2.0 * i as f64 / 119.0);
        let ys = run.trainer_mut().predict(xs.view()).map(|y| y.to_vec()).unwrap_or_default();
        Picture { probabilities: Vec::new(), curve: xs.column(0).iter().copied().zip(ys).collect() }
    }
}

fn marks_of(run: &LabRun) -> Marks {
    match run.trainer().status() {
        Status::Stopped { epoch, reason } if reason != StopReason::BudgetSpent => Marks { stopped: Some(epoch), restored: run.trainer().restored_epoch() },
        _ => Marks::default(),
    }
}

/// The signals the views read, written together whenever the run moves.
#[derive(Clone, Copy)]
struct RunView {
    history: RwSignal<Vec<EpochMetrics>>,
    picture: RwSignal<Picture>,
    status: RwSignal<Option<Status>>,
    marks: RwSignal<Marks>,
    snapshot: RwSignal<Option<Snapshot>>,
    parameters: RwSignal<usize>,
    grid: StoredValue<Vec<f64>, LocalStorage>,
}

impl RunView {
    fn new() -> Self {
        RunView {
            history: RwSignal::new(Vec::new()),
            picture: RwSignal::new(Picture::default()),
            status: RwSignal::new(None),
            marks: RwSignal::new(Marks::default()),
            snapshot: RwSignal::new(None),
            parameters: RwSignal::new(0),
            grid: StoredValue::new_local(Vec::new()),
        }
    }

    fn publish(&self, run: &mut LabRun) {
        let picture = self.grid.try_update_value(|g| picture_of(run, g)).unwrap_or_default();
        self.history.set(run.trainer().history().to_vec());
        self.status.set(Some(run.trainer().status()));
        self.marks.set(marks_of(run));
        self.parameters.set(run.trainer().network().params().len());
        self.snapshot.set(run.is_finished().then(|| run.snapshot()));
        self.picture.set(picture);
    }

    fn clear(&self) {
        self.history.set(Vec::new());
        self.status.set(None);
        self.snapshot.set(None);
    }
}

/// The animation loop: each frame trains as many epochs as the speed asks for (at least one
/// epoch every few frames), then publishes the run to the views.
fn animate(lab_run: StoredValue<Option<LabRun>, LocalStorage>, view_state: RunView, speed: RwSignal<Speed>) -> Stepper {
    let frames = StoredValue::new(0u32);
    Stepper::new(budget::LIVE_RUN_MS, move |deadline| {
        let mut more = false;
        let frame = frames.try_update_value(|f| {
            *f = f.wrapping_add(1);
            *f
        });
        lab_run.update_value(|slot| {
            let Some(run) = slot.as_mut() else { return };
            let epochs_due = match speed.get_untracked() {
                Speed::Slow => frame.is_some_and(|f| f % SLOW_FRAMES == 0),
                Speed::Normal | Speed::Fast => true,
            };
            if epochs_due {
                loop {
                    run.step_epoch();
                    if run.is_finished() || speed.get_untracked() != Speed::Fast || now_ms() >= deadline - 2.0 {
                        break;
                    }
                }
                view_state.publish(run);
            }
            more = !run.is_finished();
        });
        more
    })
}

#[component]
pub fn TrainingLab(mode: LabMode) -> impl IntoView {
    let (url, notices) = UrlParams::from_location(&SCHEMA);
    let params = url.params;
    let settings = Memo::new(move |_| params.with(Settings::from_params));
    let dataset = Memo::new(move |_| settings.with(|s| s.data.build().map_err(|e| e.to_string())));
    let train_size = Memo::new(move |_| dataset.with(|d| d.as_ref().map_or(1, |d| d.train.len())));

    let lab_run: StoredValue<Option<LabRun>, LocalStorage> = StoredValue::new_local(None);
    let view_state = RunView::new();
    let ghost: RwSignal<Option<Vec<EpochMetrics>>> = RwSignal::new(None);
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let speed = RwSignal::new(Speed::Normal);

    let stepper = animate(lab_run, view_state, speed);
    let restart = move |keep_ghost: bool| {
        stepper.pause();
        if keep_ghost {
            let old = view_state.history.get_untracked();
            if old.len() > 1 {
                ghost.set(Some(old));
            }
        }
        match LabRun::new(settings.get_untracked()) {
            Ok(mut run) => {
                error.set(None);
                view_state.publish(&mut run);
                lab_run.set_value(Some(run));
                stepper.play();
            }
            Err(e) => {
                lab_run.set_value(None);
                view_state.clear();
                error.set(Some(e));
            }
        }
    };
    Effect::new(move |previous: Option<()>| {
        settings.with(|_| ()); // read, not just track: a memo computes (and so follows its sources) only when read
        restart(previous.is_some());
    });

    // One click finds a rate that trains (the core's recovery: quarter it until a short trial
    // run no longer diverges).
    let recover = Callback::new(move |_: ()| {
        let mut lowered = settings.get_untracked();
        lowered.learning_rate = recovery_rate(&lowered);
        url.edit(|p| *p = lowered.to_params());
    });

    let status = view_state.status;
    let snapshot = view_state.snapshot;
    let views = view! { <LabViews settings dataset view_state ghost error recover/> }.into_any();

    let finished = Signal::derive(move || status.get().is_some_and(|s| s.is_finished()));
    let controls = Later::new(move || view! {
        <Transport playing=stepper.playing() finished=finished
            on_play=Callback::new(move |_| if finished.get_untracked() { restart(true) } else { stepper.play() })
            on_pause=Callback::new(move |_| stepper.pause())
            on_step=Callback::new(move |_| {
                stepper.pause();
                lab_run.update_value(|slot| if let Some(run) = slot.as_mut() { run.step_epoch(); view_state.publish(run); });
            })
            on_reset=Callback::new(move |_| { restart(false); stepper.pause(); })/>
        <SpeedControl speed/>
        <PresetPicker presets=PRESETS state=url/>
        <KnobList settings url/>
        <p class="control-help" id="effective-lr">{move || settings.with(|s| texts::effective_rate_text(s, train_size.get()))}</p>
    }.into_any());
    let on_setup = Callback::new(move |query: &'static str| params.set(ParamState::from_query(&SCHEMA, query).0));
    let challenges = Later::new(move || view! { <ChallengePanel challenges=&CHALLENGES state=Signal::derive(move || snapshot.get()) on_setup=on_setup/> }.into_any());
    let title = hyperlab_ml::labs::training::META.title;
    view! { <LabShell mode slug=SLUG title intro=texts::INTRO notices state=url controls views challenges/> }
}

/// The decision map, the status card and the loss and accuracy curves.
#[component]
fn LabViews(
    settings: Memo<Settings>,
    dataset: Memo<Result<Dataset, String>>,
    view_state: RunView,
    ghost: RwSignal<Option<Vec<EpochMetrics>>>,
    error: RwSignal<Option<String>>,
    recover: Callback<()>,
) -> impl IntoView {
    let canvas = StoredValue::new_local(crate::plot::heatmap::offscreen_canvas());
    let picture = view_state.picture;
    let history = view_state.history;
    let status = view_state.status;
    let snapshot = view_state.snapshot;
    let draw_boundary: DrawFn = Rc::new(move |frame| {
        let pic = picture.get();
        dataset.with(|d| match (d, canvas.get_value()) {
            (Ok(d), Some(c)) => charts::draw_boundary(frame, d, &pic, &c),
            _ => None,
        })
    });
    let boundary_text = Signal::derive(move || dataset.with(|d: &Result<Dataset, String>| match d {
        Ok(d) => history.with(|h| charts::boundary_summary(d, h.last())),
        Err(e) => format!("No data: {e}"),
    }));
    let classification = Memo::new(move |_| dataset.with(|d| d.as_ref().is_ok_and(|d| d.input_dim() == 2)));
    let caption = Memo::new(move |_| texts::boundary_caption(settings.with(|s| s.data.shape)));

    view! {
        {shown_view("boundary", move || view! {
        <figure class="view">
            <Chart name="boundary" summary=boundary_text aspect=1.0 redraw_every_ms=LIVE_REDRAW_MS draw=draw_boundary/>
            <figcaption>{move || caption.get()}</figcaption>
        </figure>
        <RunStatus status snapshot history error settings parameters=view_state.parameters recover/>
        })}
        // The decision map first; the curves are built in tasks of their own (a slow phone's mount).
        {shown_view("loss", move || view! {<Deferred><CurveView accuracy=false view_state ghost settings classification/></Deferred>})}
        {shown_view("accuracy", move || view! {<Deferred><CurveView accuracy=true view_state ghost settings classification/></Deferred>})}
    }
}

/// The loss curves, or the accuracy curves (shown for classification only).
#[component]
fn CurveView(accuracy: bool, view_state: RunView, ghost: RwSignal<Option<Vec<EpochMetrics>>>, settings: Memo<Settings>, classification: Memo<bool>) -> impl IntoView {
    let (history, marks) = (view_state.history, view_state.marks);
    let max_epochs = Memo::new(move |_| settings.with(|s| s.epochs));
    let draw: DrawFn = Rc::new(move |frame| history.with(|h| ghost.with(|g| charts::draw_curves(frame, h, g.as_deref(), marks.get(), accuracy, max_epochs.get()))));
    if accuracy {
        let summary = Signal::derive(move || history.with(|h| charts::accuracy_summary(h.last())));
        view! {
            <figure class="view" style:display=move || if classification.get() { "" } else { "none" }>
                <Chart name="accuracy" summary aspect=0.45 redraw_every_ms=LIVE_REDRAW_MS draw/>
                <figcaption>{texts::ACCURACY_CAPTION}</figcaption>
            </figure>
        }
        .into_any()
    } else {
        let summary = Signal::derive(move || history.with(|h| ghost.with(|g| charts::curves_summary(h, g.as_deref(), marks.get()))));
        view! {
            <figure class="view">
                <Chart name="loss" summary aspect=0.55 redraw_every_ms=LIVE_REDRAW_MS draw/>
                <figcaption>{texts::LOSS_CAPTION}</figcaption>
            </figure>
        }
        .into_any()
    }
}

/// The animation speed: changes how many epochs each frame runs, never the run itself.
#[component]
fn SpeedControl(speed: RwSignal<Speed>) -> impl IntoView {
    let options = SPEEDS
        .iter()
        .map(|(s, slug, label)| {
            let s = *s;
            view! { <option value=*slug selected=move || speed.get() == s>{*label}</option> }
        })
        .collect_view();
    view! {
        <div class="control" data-param="speed">
            <div class="control-head"><label for="ctl-speed">"Animation speed"</label></div>
            <select id="ctl-speed" on:change=move |ev| {
                let raw = event_target_value(&ev);
                if let Some((s, _, _)) = SPEEDS.iter().find(|(_, slug, _)| *slug == raw) {
                    speed.set(*s);
                }
            }>{options}</select>
            <p class="control-help">"How many epochs train per animation frame. Changing it neither restarts nor changes the run."</p>
        </div>
    }
}

/// Every knob of the schema, with the ones that only matter for some choices shown only then.
#[component]
fn KnobList(settings: Memo<Settings>, url: UrlParams) -> impl IntoView {
    let optimizer_is = move |pick: fn(OptimizerKind) -> bool| Memo::new(move |_| settings.with(|s| pick(s.optimizer)));
    let stop_is = move |pick: fn(StopKind) -> bool| Memo::new(move |_| settings.with(|s| pick(s.stop)));
    SCHEMA
        .iter()
        .map(|spec| {
            let when: Option<Memo<bool>> = match spec.key {
                "mom" => Some(optimizer_is(OptimizerKind::uses_momentum)),
                "rho" => Some(optimizer_is(|o| o == OptimizerKind::RmsProp)),
                "beta1" | "beta2" => Some(optimizer_is(|o| o == OptimizerKind::Adam)),
                "patience" => Some(stop_is(|s| s != StopKind::Budget)),
                "tol" => Some(stop_is(|s| s == StopKind::Plateau)),
                "restore" => Some(stop_is(|s| s == StopKind::Patience)),
                _ => None,
            };
            match when {
                Some(w) => view! { <Show when=move || w.get()><Control spec state=url/></Show> }.into_any(),
                None => view! { <Control spec state=url/> }.into_any(),
            }
        })
        .collect_view()
}

/// The status card: where the run is, the regime badge with its explanation, and the final
/// figures once it has finished.
#[component]
fn RunStatus(
    status: RwSignal<Option<Status>>,
    snapshot: RwSignal<Option<Snapshot>>,
    history: RwSignal<Vec<EpochMetrics>>,
    error: RwSignal<Option<String>>,
    settings: Memo<Settings>,
    parameters: RwSignal<usize>,
    recover: Callback<()>,
) -> impl IntoView {
    let status_key = move || match status.get() {
        Some(Status::Running) => "running",
        Some(Status::Stopped { .. }) => "stopped",
        Some(Status::Diverged { .. }) => "diverged",
        None => "error",
    };
    let headline = move || match status.get() {
        Some(s) => texts::status_headline(s, history.with(|h| h.last().map_or(0, |m| m.epoch)), &settings.get()),
        None => error.get().map_or(String::new(), |e| format!("Can't train: {e}")),
    };
    let regime = move || {
        snapshot.with(|s| {
            s.as_ref().map(|s| {
                let r = texts::regime(s);
                view! {
                    <p class="regime"><span class="regime-badge" data-regime=format!("{r:?}")>{texts::regime_label(r)}</span></p>
                    <p class="regime-explain">{texts::regime_explanation(s)}</p>
                }
            })
        })
    };
    let figures = move || {
        snapshot.with(|s| {
            s.as_ref().map(|s| texts::final_metrics(s).into_iter().chain(texts::weights_text(s)).map(|l| view! { <p class="final-metrics">{l}</p> }).collect_view())
        })
    };
    view! {
        <div id="run-status" class="run-status" role="status" data-status=status_key>
            <p><strong>{headline}</strong></p>
            {regime}
            <Show when=move || matches!(status.get(), Some(Status::Diverged { .. }))>
                <button id="recover" type="button" class="button primary" on:click=move |_| recover.run(())>"Lower the learning rate"</button>
            </Show>
            {figures}
            <p class="regime-explain">{move || texts::parameters_text(parameters.get())}</p>
        </div>
    }
}

/// The frame benchmark in the browser: `bench_frame` (one epoch of 250 points in batches of 10 on
/// a 2-8-8-8-1 tanh network, both losses, and the 100 × 100 grid), `reps` times; every ms.
pub fn bench_frames(reps: usize) -> Vec<f64> {
    let mut t = hyperlab_ml::nn::bench_trainer();
    let mut grid = Vec::new();
    (0..reps)
        .map(|_| {
            let start = now_ms();
            hyperlab_ml::nn::bench_frame(&mut t, &mut grid);
            now_ms() - start
        })
        .collect()
}
