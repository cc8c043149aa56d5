//! The budgets lab: successive halving, Hyperband, ASHA, the median stopping rule, random search
//! and Bayesian optimization spend one epoch budget on the same networks. Every trial's learning
//! curve trains live; the race compares the methods on one seed or twenty. The models, texts and
//! challenges live in `hyperlab_ml::labs::budgets`; this module wires signals to them and draws.

mod charts;
mod views;

use crate::components::challenges::ChallengePanel;
use crate::components::controls::Control;
use crate::components::deferred::Deferred;
use crate::components::lab_shell::{LabShell, Later};
use crate::components::presets::PresetPicker;
use crate::components::transport::Transport;
use crate::labs::LabMode;
use crate::runner::{now_ms, Stepper};
use crate::url_state::UrlParams;
use hyperlab_ml::labs::budgets::challenges::LabState;
use hyperlab_ml::labs::budgets::race::SeedResult;
use hyperlab_ml::labs::budgets::texts::INTRO;
use hyperlab_ml::labs::budgets::{LabRun, Race, RaceSummary, Settings, Snapshot, CHALLENGES, PRESETS, RACE_SEEDS, SCHEMA, SLUG};
use hyperlab_ml::budgets::Method;
use hyperlab_ml::schema::ParamState;
use crate::components::lab_view::shown_view;
use leptos::prelude::*;
use views::{AutoMlView, BracketTable, CurvesView, RaceView};

/// Time each frame may spend on the live run and hindsight.
pub(crate) const FRAME_MS: f64 = crate::runner::budget::BACKGROUND_MS;

/// Least milliseconds between two snapshots the views redraw from while the run plays: every
/// frame's snapshot rebuilt the bracket table, the counters and the curves' text alternative,
/// and with the browser's layout and paint that made most frames longer than the 12.5 ms a slow
/// phone's budget allows. Twenty a second still shows every round's promotions and stops.
const PUBLISH_EVERY_MS: f64 = 50.0;

/// The live run: one scheduler step per frame (every running network trains one epoch), then
/// hindsight as fast as fits. A change of settings restarts it.
fn live_run(settings: Memo<Settings>) -> (RwSignal<Snapshot>, Stepper, StoredValue<LabRun, LocalStorage>) {
    let run = StoredValue::new_local(LabRun::new(settings.get_untracked()));
    let snapshot = RwSignal::new(run.with_value(|r| r.snapshot()));
    let last_published = StoredValue::new(f64::NEG_INFINITY);
    let stepper = Stepper::new(FRAME_MS, move |deadline| {
        let mut more = true;
        // One scheduler step per frame while searching (every running network trains one
        // epoch, spread over frames if it does not fit), then hindsight as fast as fits.
        run.update_value(|r| {
            let searching = !r.search().is_done();
            more = r.step_within(&mut || now_ms() < deadline).unwrap_or(true);
            if !searching {
                while more && now_ms() < deadline {
                    more = r.step_within(&mut || now_ms() < deadline).unwrap_or(true);
                }
            }
        });
        // The last state is always published (and pausing publishes: see `transport`).
        let now = now_ms();
        if !more || now - last_published.get_value() >= PUBLISH_EVERY_MS {
            last_published.set_value(now);
            snapshot.set(run.with_value(|r| r.snapshot()));
        }
        more
    });
    Effect::new(move |prev: Option<Settings>| {
        let s = settings.get();
        let key = Settings { race: false, ..s };
        if prev != Some(key) {
            stepper.pause();
            if prev.is_some() {
                run.set_value(LabRun::new(key));
                snapshot.set(run.with_value(|r| r.snapshot()));
            }
            stepper.play();
        }
        key
    });
    (snapshot, stepper, run)
}

/// Time each frame may spend on a race (the live run comes first).
const RACE_FRAME_MS: f64 = crate::runner::budget::ANIMATION_MS;

/// A race's summary, its first seed's results per method, and its progress.
type RaceSignals = (RwSignal<Option<RaceSummary>>, RwSignal<Vec<(Method, SeedResult)>>, RwSignal<f64>);

/// A race over `seeds` seeds, restarted when `key` changes and only while `on` is true.
fn race(key: Memo<Settings>, seeds: usize, on: Memo<bool>) -> RaceSignals {
    let race = StoredValue::new_local(None::<Race>);
    let summary = RwSignal::new(None::<RaceSummary>);
    let first = RwSignal::new(Vec::new());
    let progress = RwSignal::new(0.0);
    let stepper = Stepper::new(RACE_FRAME_MS, move |deadline| {
        let mut more = true;
        race.update_value(|r| {
            if let Some(r) = r.as_mut() {
                while more && now_ms() < deadline {
                    more = r.step_within(&mut || now_ms() < deadline);
                }
            } else {
                more = false;
            }
        });
        race.with_value(|r| {
            if let Some(r) = r.as_ref() {
                progress.set(r.progress());
                if !more {
                    summary.set(Some(r.summary()));
                    first.set(r.first_seed());
                }
            }
        });
        more
    });
    Effect::new(move |_| {
        let k = key.get();
        let active = on.get();
        stepper.pause();
        summary.set(None);
        first.set(Vec::new());
        progress.set(0.0);
        if active {
            race.set_value(Some(Race::new(k, seeds)));
            stepper.play();
        } else {
            race.set_value(None);
        }
    });
    (summary, first, progress)
}

fn knobs(url: UrlParams, settings: Memo<Settings>) -> AnyView {
    let is_sh = Memo::new(move |_| settings.with(|s| s.method == Method::SuccessiveHalving));
    SCHEMA
        .iter()
        .map(|spec| match spec.key {
            "trials" => view! { <Show when=move || is_sh.get()><Control spec state=url/></Show> }.into_any(),
            _ => view! { <Control spec state=url/> }.into_any(),
        })
        .collect_view()
        .into_any()
}

fn transport(snapshot: RwSignal<Snapshot>, stepper: Stepper, run: StoredValue<LabRun, LocalStorage>, settings: Memo<Settings>) -> AnyView {
    let finished = Signal::derive(move || snapshot.with(|s| s.done && s.hindsight.is_some()));
    let on_play = Callback::new(move |_| {
        if finished.get_untracked() {
            run.set_value(LabRun::new(Settings { race: false, ..settings.get_untracked() }));
        }
        stepper.play();
    });
    let on_pause = Callback::new(move |_| {
        stepper.pause();
        // The run may be a few frames past the last snapshot published while playing.
        snapshot.set(run.with_value(|r| r.snapshot()));
    });
    let on_step = Callback::new(move |_| {
        stepper.pause();
        run.update_value(|r| {
            r.step();
        });
        snapshot.set(run.with_value(|r| r.snapshot()));
    });
    let on_reset = Callback::new(move |_| {
        stepper.pause();
        run.set_value(LabRun::new(Settings { race: false, ..settings.get_untracked() }));
        snapshot.set(run.with_value(|r| r.snapshot()));
    });
    view! { <Transport playing=stepper.playing() finished=finished on_play=on_play on_pause=on_pause on_step=on_step on_reset=on_reset/> }.into_any()
}

#[component]
pub fn BudgetsLab(mode: LabMode) -> impl IntoView {
    let (url, notices) = UrlParams::from_location(&SCHEMA);
    let params = url.params;
    let settings = Memo::new(move |_| params.with(Settings::from_params));
    let (snapshot, stepper, run) = live_run(settings);
    // The one-seed race ignores the method and the race switch; the 20-seed one runs on demand.
    let race_key = Memo::new(move |_| settings.with(|s| Settings { race: false, ..s.with_method(Method::Hyperband) }));
    let always = Memo::new(|_| true);
    let (_, one, one_progress) = race(race_key, 1, always);
    let race_on = Memo::new(move |_| settings.with(|s| s.race));
    let (many, _, many_progress) = race(race_key, RACE_SEEDS, race_on);

    let state = Signal::derive(move || {
        let s = snapshot.get();
        if !(s.done && s.hindsight.is_some()) {
            return None;
        }
        let race = many.get();
        if s.settings.race && race.is_none() {
            return None;
        }
        Some(LabState { run: s, race })
    });
    let controls = Later::new(move || view! {
        {transport(snapshot, stepper, run, settings)}
        <PresetPicker presets=PRESETS state=url/>
        {knobs(url, settings)}
    }.into_any());
    let views = view! {
        {shown_view("curves", move || view! {<CurvesView snapshot/>})}
        {shown_view("brackets", move || view! {<BracketTable snapshot/>})}
        // The curves and brackets first; the rest is built in tasks of their own (a slow phone's mount).
        {shown_view("race", move || view! {<Deferred><RaceView one many one_progress many_progress settings/></Deferred>})}
        {shown_view("automl", move || view! {<Deferred><AutoMlView settings/></Deferred>})}
    }
    .into_any();
    let on_setup = Callback::new(move |query: &'static str| params.set(ParamState::from_query(&SCHEMA, query).0));
    let challenges = Later::new(move || view! { <ChallengePanel challenges=&CHALLENGES state=state on_setup=on_setup/> }.into_any());
    let title = hyperlab_ml::labs::budgets::META.title;
    view! { <LabShell mode slug=SLUG title intro=INTRO notices state=url controls views challenges/> }
}
