//! The training lab: a small neural network trains in the page while the learner turns the
//! knobs: learning rate, batch size (with the linear scaling rule), epochs, dropout, L1/L2,
//! optimizers, schedules and early stopping.

mod challenges;
mod charts;
pub mod state;

use crate::components::challenges::ChallengePanel;
use crate::components::controls::Control;
use crate::components::lab_shell::LabShell;
use crate::components::presets::PresetPicker;
use crate::components::transport::Transport;
use crate::labs::catalogue;
use crate::labs::LabMode;
use crate::plot::canvas::{Chart, DrawFn};
use crate::runner::{now_ms, Stepper};
use crate::url_state::UrlParams;
use challenges::{TrainSnapshot, CHALLENGES};
use charts::{Marks, Picture};
use hyperlab_ml::nn::{Dataset, EpochMetrics, Status, StopReason, TrainConfig, Trainer};
use hyperlab_ml::params::{format_number, ParamState, Value};
use leptos::prelude::*;
use ndarray::Array2;
use state::{config_of, data_of, scaling_factor, PRESETS, SCHEMA, SLUG};
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// What the network predicts now, for the charts.
fn picture_of(t: &mut Trainer, data: &Dataset, grid: &mut Vec<f64>) -> Picture {
    if data.input_dim() == 2 {
        let _ = t.decision_grid(&charts::grid(), grid);
        Picture { probabilities: grid.clone(), curve: Vec::new() }
    } else {
        let xs = Array2::from_shape_fn((120, 1), |(i, _)| -1.0 + 2.0 * i as f64 / 119.0);
        let ys = t.predict(xs.view()).map(|y| y.to_vec()).unwrap_or_default();
        Picture { probabilities: Vec::new(), curve: xs.column(0).iter().copied().zip(ys).collect() }
    }
}

fn marks_of(t: &Trainer) -> Marks {
    match t.status() {
        Status::Stopped { epoch, reason } if reason != StopReason::BudgetSpent => Marks { stopped: Some(epoch), restored: t.restored_epoch() },
        _ => Marks::default(),
    }
}

fn offscreen() -> Option<web_sys::HtmlCanvasElement> {
    document().create_element("canvas").ok()?.dyn_into().ok()
}

#[component]
pub fn TrainingLab(mode: LabMode) -> impl IntoView {
    let (url, notices) = UrlParams::from_location(&SCHEMA);
    let params = url.params;
    let dataset = Memo::new(move |_| params.with(data_of).build().map_err(|e| e.to_string()));
    let train_size = Memo::new(move |_| dataset.with(|d| d.as_ref().map_or(1, |d| d.train.len())));
    let config = Memo::new(move |_| params.with(|p| config_of(p, train_size.get())));

    let trainer: StoredValue<Option<Trainer>, LocalStorage> = StoredValue::new_local(None);
    let grid_buffer: StoredValue<Vec<f64>, LocalStorage> = StoredValue::new_local(Vec::new());
    let history: RwSignal<Vec<EpochMetrics>> = RwSignal::new(Vec::new());
    let picture: RwSignal<Picture> = RwSignal::new(Picture::default());
    let status: RwSignal<Option<Status>> = RwSignal::new(None);
    let marks: RwSignal<Marks> = RwSignal::new(Marks::default());
    let ghost: RwSignal<Option<Vec<EpochMetrics>>> = RwSignal::new(None);
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let weights = RwSignal::new(0usize);

    // Publishes the trainer's state to the charts.
    let publish = move |t: &mut Trainer| {
        let pic = dataset.with_untracked(|d| d.as_ref().ok().map(|d| grid_buffer.try_update_value(|g| picture_of(t, d, g)).unwrap_or_default()));
        history.set(t.history().to_vec());
        status.set(Some(t.status()));
        marks.set(marks_of(t));
        weights.set(t.network().params().len());
        if let Some(p) = pic {
            picture.set(p);
        }
    };
    // Each frame: as many epochs as fit the budget (at least one), then one picture.
    let stepper = Stepper::new(6.0, move |deadline| {
        let mut more = false;
        trainer.update_value(|slot| {
            let Some(t) = slot.as_mut() else { return };
            loop {
                if t.status().is_finished() {
                    break;
                }
                t.step_epoch();
                if now_ms() >= deadline - 2.0 {
                    break;
                }
            }
            more = !t.status().is_finished();
            publish(t);
        });
        more
    });
    let restart = move |keep_ghost: bool| {
        stepper.pause();
        if keep_ghost {
            let old = history.get_untracked();
            if old.len() > 1 {
                ghost.set(Some(old));
            }
        }
        let built = dataset.with_untracked(|d| match d {
            Ok(d) => config.with_untracked(|c: &TrainConfig| c.build(d)).map_err(|e| e.to_string()),
            Err(e) => Err(e.clone()),
        });
        match built {
            Ok(mut t) => {
                error.set(None);
                publish(&mut t);
                trainer.set_value(Some(t));
                stepper.play();
            }
            Err(e) => {
                trainer.set_value(None);
                history.set(Vec::new());
                status.set(None);
                error.set(Some(e));
            }
        }
    };
    Effect::new(move |previous: Option<()>| {
        dataset.track();
        config.track();
        restart(previous.is_some());
    });

    // One click finds a rate that trains: quarter the rate until a short trial run (a few
    // epochs, same data and seeds) no longer diverges.
    let recover = move |_| {
        let mut trial = params.get_untracked();
        let mut lr = trial.float("lr");
        for _ in 0..8 {
            lr = (lr / 4.0).max(1e-4);
            trial.set("lr", Value::Float(lr));
            let diverges = dataset.with_untracked(|d| match d {
                Ok(d) => config_of(&trial, d.train.len()).build(d).is_ok_and(|mut t| matches!(t.advance(5), Status::Diverged { .. })),
                Err(_) => false,
            });
            if !diverges || lr <= 1e-4 {
                break;
            }
        }
        params.update(|p| {
            p.set("lr", Value::Float(lr));
        });
    };
    let snapshot = Memo::new(move |_| {
        let st = status.get()?;
        if !st.is_finished() {
            return None;
        }
        let h = history.get();
        let last = h.last()?;
        let rises = h.windows(2).filter(|w| w[1].train_loss > w[0].train_loss * 1.01).count() as f64 / h.len().max(1) as f64;
        Some(params.with(|p| TrainSnapshot {
            data: p.choice_slug("data"),
            batch: p.choice_slug("batch"),
            scaled: p.flag("scale"),
            dropout: p.float("dropout"),
            diverged: matches!(st, Status::Diverged { .. }),
            epochs_run: last.epoch,
            rises,
            first_train_loss: h[0].train_loss,
            train_loss: last.train_loss,
            val_loss: last.val_loss.unwrap_or(f64::NAN),
            val_accuracy: last.val_accuracy.unwrap_or(0.0),
            restored: marks.get().restored,
            stopped_early: marks.get().stopped.is_some(),
        }))
    });

    let canvas = StoredValue::new_local(offscreen());
    let draw_boundary: DrawFn = Rc::new(move |frame| {
        let pic = picture.get();
        dataset.with(|d| match (d, canvas.get_value()) {
            (Ok(d), Some(c)) => charts::draw_boundary(frame, d, &pic, &c),
            _ => None,
        })
    });
    let boundary_text = Signal::derive(move || dataset.with(|d| match d {
        Ok(d) => history.with(|h| charts::boundary_summary(d, h.last())),
        Err(e) => format!("No data: {e}"),
    }));
    let max_epochs = Memo::new(move |_| config.with(|c| c.max_epochs));
    let draw_loss: DrawFn = Rc::new(move |frame| history.with(|h| ghost.with(|g| charts::draw_curves(frame, h, g.as_deref(), marks.get(), false, max_epochs.get()))));
    let draw_acc: DrawFn = Rc::new(move |frame| history.with(|h| ghost.with(|g| charts::draw_curves(frame, h, g.as_deref(), marks.get(), true, max_epochs.get()))));
    let curves_text = Signal::derive(move || history.with(|h| ghost.with(|g| charts::curves_summary(h, g.as_deref(), marks.get()))));
    let acc_text = Signal::derive(move || history.with(|h| match h.last() {
        Some(m) => format!(
            "Accuracy per epoch: training {}, validation {} at epoch {}.",
            m.train_accuracy.map_or("—".into(), |a| format!("{:.1} %", a * 100.0)),
            m.val_accuracy.map_or("—".into(), |a| format!("{:.1} %", a * 100.0)),
            m.epoch
        ),
        None => "Accuracy: not trained yet.".into(),
    }));
    let classification = Memo::new(move |_| dataset.with(|d| d.as_ref().is_ok_and(|d| d.input_dim() == 2)));

    let status_key = move || match status.get() {
        Some(Status::Running) => "running",
        Some(Status::Stopped { .. }) => "stopped",
        Some(Status::Diverged { .. }) => "diverged",
        None => "error",
    };
    let status_text = move || match status.get() {
        Some(Status::Running) => format!("Training: epoch {}.", history.with(|h| h.last().map_or(0, |m| m.epoch))),
        Some(Status::Stopped { epoch, reason }) => format!("Stopped after epoch {epoch}: {}.", reason.explain()),
        Some(Status::Diverged { epoch, reason }) => format!("Diverged in epoch {epoch}: {}.", reason.explain()),
        None => error.get().map_or(String::new(), |e| format!("Can't train: {e}")),
    };

    let factor = Memo::new(move |_| params.with(|p| scaling_factor(p, train_size.get())));
    let momentum_optimizer = Memo::new(move |_| params.with(|p| matches!(p.choice_slug("opt"), "momentum" | "nesterov")));
    let uses_patience = Memo::new(move |_| params.with(|p| p.choice_slug("stop") != "budget"));
    let optimizer_is = move |slug: &'static str| Memo::new(move |_| params.with(|p| p.choice_slug("opt") == slug));
    let stop_is = move |slug: &'static str| Memo::new(move |_| params.with(|p| p.choice_slug("stop") == slug));
    let controls_list = SCHEMA
        .iter()
        .map(|spec| {
            let when: Option<Memo<bool>> = match spec.key {
                "mom" => Some(momentum_optimizer),
                "rho" => Some(optimizer_is("rmsprop")),
                "beta1" | "beta2" => Some(optimizer_is("adam")),
                "patience" => Some(uses_patience),
                "tol" => Some(stop_is("plateau")),
                "restore" => Some(stop_is("patience")),
                _ => None,
            };
            match when {
                Some(w) => view! { <Show when=move || w.get()><Control spec state=url/></Show> }.into_any(),
                None => view! { <Control spec state=url/> }.into_any(),
            }
        })
        .collect_view();
    let finished = Signal::derive(move || status.get().is_some_and(|s| s.is_finished()));
    let controls = view! {
        <Transport playing=stepper.playing() finished=finished
            on_play=Callback::new(move |_| if finished.get_untracked() { restart(true) } else { stepper.play() })
            on_pause=Callback::new(move |_| stepper.pause())
            on_step=Callback::new(move |_| {
                stepper.pause();
                trainer.update_value(|slot| if let Some(t) = slot.as_mut() { t.step_epoch(); publish(t); });
            })
            on_reset=Callback::new(move |_| { restart(false); stepper.pause(); })/>
        <PresetPicker presets=PRESETS state=url/>
        {controls_list}
        <p class="control-help" id="effective-lr">{move || {
            let f = factor.get();
            let lr = params.with(|p| p.float("lr"));
            if f == 1.0 { format!("Effective learning rate: {}", format_number(lr)) } else { format!("Effective learning rate: {} × {} = {} (linear scaling rule)", format_number(lr), format_number(f), format_number(lr * f)) }
        }}</p>
    }
    .into_any();
    let views = view! {
        <figure class="view">
            <Chart name="boundary" summary=boundary_text aspect=1.0 draw=draw_boundary/>
            <figcaption>"What the network predicts everywhere in the plane, updated as it trains. Filled points train it; hollow points only measure it."</figcaption>
        </figure>
        <div id="run-status" class="run-status" role="status" data-status=status_key>
            <p><strong>{status_text}</strong></p>
            <Show when=move || matches!(status.get(), Some(Status::Diverged { .. }))>
                <p class="diverged-help">"The updates overshot until the loss exploded. The weights were rolled back to the start of that epoch; lower the learning rate and train again."</p>
                <button id="recover" type="button" class="button primary" on:click=recover>"Lower the learning rate"</button>
            </Show>
            <p class="regime-explain">{move || format!("{} weights and biases learned (parameters); every control in the panel is a hyperparameter or a setting.", weights.get())}</p>
        </div>
        <figure class="view">
            <Chart name="loss" summary=curves_text aspect=0.55 draw=draw_loss/>
            <figcaption>"Training and validation loss per epoch (log scale). A widening gap is overfitting; early stopping marks where it stopped and which epoch it restored. Dashed: your previous run, from the same initial weights when the seed and architecture are unchanged."</figcaption>
        </figure>
        <figure class="view" style:display=move || if classification.get() { "" } else { "none" }>
            <Chart name="accuracy" summary=acc_text aspect=0.45 draw=draw_acc/>
            <figcaption>"Share of points classified correctly, measured without dropout."</figcaption>
        </figure>
    }
    .into_any();
    let on_setup = Callback::new(move |query: &'static str| params.set(ParamState::from_query(&SCHEMA, query).0));
    let challenges = view! { <ChallengePanel challenges=&CHALLENGES state=Signal::derive(move || snapshot.get()) on_setup=on_setup/> }.into_any();
    let title = catalogue::find(SLUG).map_or("Training a network", |m| m.title);
    view! { <LabShell mode slug=SLUG title intro=INTRO notices state=url controls views challenges/> }
}

const INTRO: &str = "A small neural network learns to separate two classes of points, right here in the page. Its weights are the parameters it learns; everything in the control panel is a hyperparameter you set before training. Turn the learning rate, batch size, dropout and early stopping, and watch the decision map and the loss curves react.";


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
