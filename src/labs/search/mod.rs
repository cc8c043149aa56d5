//! The search lab: grid search, random search, Bayesian optimization and TPE side by side on
//! the same problem and budget; their race over one seed or twenty; 1-D views inside the
//! Gaussian process and inside TPE, with a "you pick first" mode; parallel trials; gradient-based
//! tuning on the ridge validation curve; and the search written out for Optuna, scikit-optimize,
//! Hyperopt and SageMaker. The models, texts and challenges live in
//! `hyperlab_ml::labs::search`; this module wires signals to them and draws.

mod charts;
mod charts2;
mod pick;
mod views2;
mod views;

use crate::components::challenges::ChallengePanel;
use crate::components::controls::Control;
use crate::components::deferred::Deferred;
use crate::components::lab_shell::{LabShell, Later};
use crate::components::presets::PresetPicker;
use crate::components::transport::Transport;
use crate::labs::LabMode;
use crate::runner::{budget, now_ms, on_demand, Stepper};
use crate::url_state::UrlParams;
use hyperlab_ml::labs::search::texts::{CONTROLS_NOTE, INTRO};
use hyperlab_ml::labs::search::{ManySeeds, PRESETS, ProblemKind, RunSet, RunSpec, SearchSnapshot, Settings, TrueField, CHALLENGES, SCHEMA, SLUG};
use hyperlab_ml::schema::ParamState;
use crate::components::lab_view::shown_view;
use leptos::prelude::*;
use views::{CodeView, OneDView, Panels, RaceView};
use views2::{GradientView, ParallelView, TpeView};
use hyperlab_ml::labs::search::{GdSettings, GradientBuild, GradientTuning};


/// Milliseconds between revealed trials when playing.
const REVEAL_MS: f64 = 300.0;

/// The lab's shared live state: the settings, the true objective, the three searches, how many
/// trials are shown, and the many-seeds race.
#[derive(Clone, Copy)]
pub(crate) struct Lab {
    pub settings: Memo<Settings>,
    pub field: RwSignal<TrueField, LocalStorage>,
    pub runs: RwSignal<RunSet, LocalStorage>,
    pub shown: RwSignal<usize>,
    pub planned: Memo<usize>,
    pub many: RwSignal<Option<ManySeeds>, LocalStorage>,
    pub computing: Signal<bool>,
}

/// The true objective over the whole space, once per problem (stepped: the ridge problem
/// cross-validates every cell).
fn true_field(problem: Memo<ProblemKind>) -> RwSignal<TrueField, LocalStorage> {
    let field = RwSignal::new_local(TrueField::new(problem.get_untracked()));
    let stepper = Stepper::new(budget::BACKGROUND_MS, move |deadline| {
        let mut more = true;
        field.update(|f| {
            while more && now_ms() < deadline {
                more = f.step_row();
            }
        });
        more
    });
    Effect::new(move |_| {
        let kind = problem.get();
        if field.with_untracked(|f| f.problem != kind || !f.is_complete()) {
            stepper.pause();
            if field.with_untracked(|f| f.problem != kind) {
                field.set(TrueField::new(kind));
            }
            stepper.play();
        }
    });
    field
}

/// The three searches: grid and random at once, Bayesian optimization a trial per slice; a new
/// spec restarts them and shows every trial.
fn searches(spec: Memo<RunSpec>, shown: RwSignal<usize>) -> (RwSignal<RunSet, LocalStorage>, Signal<bool>) {
    let runs = RwSignal::new_local(RunSet::new(spec.get_untracked()));
    let compute = Stepper::new(budget::LIVE_RUN_MS, move |deadline| {
        let mut more = true;
        runs.update(|r| {
            while more {
                more = r.step();
                if now_ms() >= deadline {
                    break;
                }
            }
        });
        more
    });
    Effect::new(move |prev: Option<RunSpec>| {
        let s = spec.get();
        if prev.as_ref() != Some(&s) {
            compute.pause();
            if prev.is_some() {
                runs.set(RunSet::new(s.clone()));
            }
            shown.set(s.budget);
            compute.play();
        }
        s
    });
    (runs, compute.playing())
}

/// Gradient tuning for the current settings, built over frames (its curve and searches are about
/// 200 cross-validations: one task of 30–60 ms here, far longer on a slow phone); `None` while it
/// builds.
fn gradient_tuning(key: Memo<GdSettings>) -> RwSignal<Option<GradientTuning>, LocalStorage> {
    let tuning = RwSignal::new_local(None::<GradientTuning>);
    let build = StoredValue::new_local(None::<GradientBuild>);
    let stepper = Stepper::new(budget::BACKGROUND_MS, move |deadline| {
        let more = build
            .try_update_value(|b| {
                let Some(b) = b.as_mut() else { return false };
                while b.step() {
                    if now_ms() >= deadline {
                        return true;
                    }
                }
                false
            })
            .unwrap_or(false);
        if !more {
            if let Some(b) = build.try_update_value(Option::take).flatten() {
                tuning.set(Some(b.finish()));
            }
        }
        more
    });
    Effect::new(move |_| {
        let settings = key.get();
        stepper.pause();
        tuning.set(None);
        build.set_value(Some(GradientBuild::new(settings)));
        stepper.play();
    });
    tuning
}

/// The many-seeds race, dropped when the searches' settings change; returns it and the button's
/// action.
fn many_seeds(spec: Memo<RunSpec>) -> (RwSignal<Option<ManySeeds>, LocalStorage>, Callback<()>) {
    on_demand(spec, ManySeeds::new, ManySeeds::step, |m| &m.spec)
}

/// Play, pause, step and reset reveal the trials one by one.
fn transport(lab: Lab) -> AnyView {
    let (shown, planned) = (lab.shown, lab.planned);
    let last_reveal = StoredValue::new(0.0f64);
    let reveal = Stepper::new(budget::REVEAL_MS, move |_| {
        let now = now_ms();
        if now - last_reveal.get_value() >= REVEAL_MS {
            last_reveal.set_value(now);
            shown.update(|n| *n += 1);
        }
        shown.get_untracked() < planned.get_untracked()
    });
    let finished = Signal::derive(move || shown.get() >= planned.get());
    let on_play = Callback::new(move |_| {
        if shown.get_untracked() >= planned.get_untracked() {
            shown.set(0);
        }
        last_reveal.set_value(0.0);
        reveal.play();
    });
    let on_pause = Callback::new(move |_| reveal.pause());
    let on_step = Callback::new(move |_| {
        reveal.pause();
        shown.update(|n| *n = (*n + 1).min(planned.get_untracked()));
    });
    let on_reset = Callback::new(move |_| {
        reveal.pause();
        shown.set(0);
    });
    view! {
        <Transport playing=reveal.playing() finished=finished on_play=on_play on_pause=on_pause on_step=on_step on_reset=on_reset/>
        <p id="trial-counter" class="control-help" aria-live="polite">{move || format!("Showing trial {} of {}", shown.get().min(planned.get()), planned.get())}</p>
    }
    .into_any()
}

/// The knobs; ξ and κ only show for the acquisition functions that use them.
fn knobs(url: UrlParams, settings: Memo<Settings>) -> AnyView {
    let uses_xi = Memo::new(move |_| settings.with(|s| s.acquisition.uses_xi()));
    let uses_kappa = Memo::new(move |_| settings.with(|s| s.acquisition.uses_kappa()));
    SCHEMA
        .iter()
        .map(|spec| {
            let when = match spec.key {
                "xi" => Some(uses_xi),
                "kappa" => Some(uses_kappa),
                _ => None,
            };
            match when {
                Some(w) => view! { <Show when=move || w.get()><Control spec state=url/></Show> }.into_any(),
                None => view! { <Control spec state=url/> }.into_any(),
            }
        })
        .collect_view()
        .into_any()
}

#[component]
pub fn SearchLab(mode: LabMode) -> impl IntoView {
    let (url, notices) = UrlParams::from_location(&SCHEMA);
    let params = url.params;
    let settings = Memo::new(move |_| params.with(Settings::from_params));
    let problem = Memo::new(move |_| settings.with(|s| s.problem));
    let spec = Memo::new(move |_| settings.with(Settings::run_spec));
    let shown = RwSignal::new(settings.with_untracked(|s| s.budget));
    let field = true_field(problem);
    let (runs, computing) = searches(spec, shown);
    let planned = Memo::new(move |_| runs.with(|r| r.runs.iter().map(|r| r.planned).max().unwrap_or(0)));
    let (many, run_many) = many_seeds(spec);
    let lab = Lab { settings, field, runs, shown, planned, many, computing };

    let (parallel, run_parallel) = views2::parallel_state(settings);
    let gd_key = Memo::new(move |_| settings.with(Settings::gd_settings));
    let gd = gradient_tuning(gd_key);
    // No snapshot until the searches and gradient tuning have finished.
    let snapshot = Memo::new(move |_| {
        let finished = runs.with(|r| field.with(|f| SearchSnapshot::ready(r, f))) && gd.with(Option::is_some);
        finished.then(|| {
            settings.with(|s| runs.with(|r| field.with(|f| many.with(|m| parallel.with(|p| gd.with(|g| SearchSnapshot::of(s, r, f, m.as_ref(), p.as_ref(), g.as_ref())))))))
        })?
    });
    let controls = Later::new(move || view! {
        {transport(lab)}
        <PresetPicker presets=&PRESETS state=url/>
        {knobs(url, settings)}
        <p class="control-help">{CONTROLS_NOTE}</p>
    }.into_any());
    let views = view! {
        {shown_view("panels", move || view! {<Panels lab/>})}
        // The panels first; the rest is built in tasks of their own (a slow phone's mount).
        {shown_view("race", move || view! {<Deferred><RaceView lab run_many/></Deferred>})}
        {shown_view("oned", move || view! {<Deferred><OneDView settings/></Deferred>})}
        {shown_view("tpe", move || view! {<Deferred><TpeView settings/></Deferred>})}
        {shown_view("parallel", move || view! {<Deferred><ParallelView settings exp=parallel run=run_parallel/></Deferred>})}
        {shown_view("gradient", move || view! {<Deferred><GradientView settings gd/></Deferred>})}
        {shown_view("code", move || view! {<Deferred><CodeView settings/></Deferred>})}
    }
    .into_any();
    let on_setup = Callback::new(move |query: &'static str| params.set(ParamState::from_query(&SCHEMA, query).0));
    let challenges = Later::new(move || view! { <ChallengePanel challenges=&CHALLENGES state=Signal::derive(move || snapshot.get()) on_setup=on_setup/> }.into_any());
    let title = hyperlab_ml::labs::search::META.title;
    view! { <LabShell mode slug=SLUG title intro=INTRO notices state=url controls views challenges/> }
}
