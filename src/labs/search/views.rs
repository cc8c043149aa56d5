//! The search lab's views: the four strategy panels, the race, the 1-D Bayesian view and the
//! exported code. Each reads the live state and draws it; the texts come from the core.

use super::charts::{self, HeatCache};
use super::pick::{pickable, step_controls, Pickable};
use super::Lab;
use crate::components::deferred::Deferred;
use crate::plot::canvas::{Chart, DrawFn, STREAMING_REDRAW_MS};
use hyperlab_ml::labs::search::texts::{self, ONED_NOTE};
use hyperlab_ml::labs::search::{codegen, OneD, Problem, Settings, MANY_SEEDS, ONE_D_BUDGET};
use hyperlab_ml::search::StrategyKind;
use leptos::prelude::*;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// The least height of the short strips under a 1-D view (acquisition, TPE's score): on a phone
/// their rotated axis title needs this much plot to fit.
pub(super) const SHORT_CHART_MIN_HEIGHT: f64 = 180.0;

/// One strategy's panel: its trials over the heatmap, the distinct-values line and its caption.
fn panel(lab: Lab, cache: StoredValue<HeatCache, LocalStorage>, s: usize) -> impl IntoView {
    let Lab { field, runs, shown, .. } = lab;
    let kind = StrategyKind::ALL[s];
    // A panel redraws when its own strategy adds a trial, not when another one does (Bayesian
    // optimization and TPE step for a while after grid and random search have finished).
    let own_run = Memo::new(move |_| runs.with(|r| (r.spec.clone(), r.runs[s].points.len())));
    let draw: DrawFn = Rc::new(move |frame| {
        own_run.track();
        let n = shown.get();
        field.with(|f| {
            runs.with_untracked(|r| {
                let problem = r.spec.problem;
                cache.try_update_value(|c| charts::draw_panel(frame, f, c, &r.runs[s], n, &problem.space(), &problem.minimum_mark())).flatten()
            })
        })
    });
    let summary = Signal::derive(move || {
        let n = shown.get();
        let ready = field.with(|f| f.is_complete());
        runs.with(|r| texts::panel_summary(&r.runs[s], n, &r.spec.problem.space(), ready))
    });
    let line = move || {
        let n = shown.get();
        runs.with(|r| {
            let exploring = (kind == StrategyKind::Bayes && r.is_complete()).then(|| r.exploring_trials_among(n));
            texts::panel_line(&r.runs[s], n, &r.spec.problem.space(), exploring)
        })
    };
    view! {
        <figure class="search-panel" data-strategy=kind.slug()>
            <h3>{kind.label()}</h3>
            <Chart name=["panel-grid", "panel-random", "panel-bayes", "panel-tpe"][s] summary aspect=0.9 redraw_every_ms=STREAMING_REDRAW_MS draw/>
            <p class="distinct" data-strategy=kind.slug()>{line}</p>
            <figcaption>{texts::caption(kind)}</figcaption>
        </figure>
    }
}

#[component]
pub(crate) fn Panels(lab: Lab) -> impl IntoView {
    let Lab { field, runs, settings, computing, .. } = lab;
    let cache = StoredValue::new_local(HeatCache::new());
    // The first panel in the mount, the other three in tasks of their own (a slow phone's mount).
    let panels = (0..4)
        .map(|s| match s {
            0 => panel(lab, cache, s).into_any(),
            _ => view! { <Deferred>{move || panel(lab, cache, s)}</Deferred> }.into_any(),
        })
        .collect_view();
    let bayes_done = Memo::new(move |_| runs.with(|r| r.runs[2].points.len()));
    view! {
        <section class="view view-wide search-section" aria-labelledby="panels-heading">
            <h2 id="panels-heading">"Same budget, four strategies"</h2>
            <div class="search-progress" role="status">
                <Show when=move || !field.with(|f| f.is_complete())>
                    <label>"Computing the true objective "
                        <progress id="field-progress" max=move || field.with(|f| f.ny).to_string() prop:value=move || field.with(|f| f.rows_done()).to_string()></progress>
                    </label>
                </Show>
                <span id="bo-status" data-done=move || (!computing.get()).to_string()>{move || texts::bo_status(bayes_done.get(), settings.with(|s| s.budget))}</span>
            </div>
            <div class="search-panels">{panels}</div>
            <p class="figure-note">{move || texts::panels_note(settings.with(|s| s.problem))}</p>
        </section>
    }
}

#[component]
pub(crate) fn RaceView(lab: Lab, run_many: Callback<()>) -> impl IntoView {
    let Lab { field, runs, shown, many, settings, .. } = lab;
    let finished_many = move || many.with(|m| m.as_ref().filter(|m| m.is_complete()).map(|m| (m.medians(), m.spec.seed)));
    let race_status = move || many.with(|m| m.as_ref().and_then(|m| m.status()));
    let draw: DrawFn = Rc::new(move |frame| {
        let n = shown.get();
        field.with(|f| runs.with(|r| {
            let (lo, hi) = f.range();
            let bands = many.with(|m| m.as_ref().filter(|m| m.is_complete()).map(|m| m.bands()));
            charts::draw_race(frame, &r.runs, n, r.minimum(f), hi - lo, r.spec.budget, bands.as_ref())
        }))
    });
    let summary = Signal::derive(move || {
        let n = shown.get();
        field.with(|f| runs.with(|r| texts::race_summary(&r.runs, n, r.minimum(f), r.tolerance(f), &r.hits(f), finished_many().map(|m| m.0))))
    });
    let done = Memo::new(move |_| many.with(|m| m.as_ref().map_or(0, |m| m.done_trials)));
    let total = Memo::new(move |_| many.with(|m| m.as_ref().map_or(MANY_SEEDS * settings.with(|s| s.budget), |m| m.total_trials())));
    view! {
        <figure class="view view-wide">
            <h2>"The race"</h2>
            <Chart name="race" summary aspect=0.45 min_height=texts::RACE_MIN_HEIGHT draw/>
            <div class="experiment-controls">
                <button id="run-many" type="button" class="button primary" on:click=move |_| run_many.run(())>{format!("Race {MANY_SEEDS} seeds")}</button>
                <progress id="many-progress" max=move || total.get().to_string() prop:value=move || done.get().to_string() aria-label="Many-seeds progress"></progress>
                <span id="many-count">{move || format!("{} / {} trials", done.get(), total.get())}</span>
            </div>
            <p id="race-verdict" class="run-status" role="status">{race_status}</p>
            <figcaption>{move || texts::race_caption(settings.with(|s| s.problem))}</figcaption>
        </figure>
    }
}

#[component]
pub(crate) fn OneDView(settings: Memo<Settings>) -> impl IntoView {
    let key = Memo::new(move |_| settings.with(Settings::oned_key));
    let fresh = move || key.with_untracked(|(k, c, s)| OneD::new(Problem::new(*k), c.clone(), *s));
    let game = pickable(settings, key, fresh);
    let Pickable { state: oned, pick_mode, revealed, on_click, .. } = game;
    let acq_label = Memo::new(move |_| texts::acquisition_axis_label(settings.with(|s| s.acquisition)));
    let draw_gp: DrawFn = Rc::new(move |frame| {
        let rev = revealed.get();
        oned.with(|d| charts::draw_gp(frame, d, rev))
    });
    let draw_acq: DrawFn = Rc::new(move |frame| {
        let (rev, label) = (revealed.get(), acq_label.get());
        oned.with(|d| charts::draw_acquisition(frame, d, rev, label))
    });
    let gp_text = Signal::derive(move || oned.with(|d| d.gp_summary(pick_mode.get())));
    let acq_text = Signal::derive(move || oned.with(|d| d.acquisition_summary(acq_label.get())));
    let count = |d: &OneD| format!("{} of {ONE_D_BUDGET} trials", d.slice.observations.len());
    view! {
        <section class="view view-wide search-section" aria-labelledby="oned-heading">
            <h2 id="oned-heading">"Inside Bayesian optimization (1-D)"</h2>
            <p>{move || oned.with(|d| texts::oned_intro(&d.slice.problem.slice_label()))}</p>
            {step_controls("oned", game, fresh, OneD::step, |d| d.is_done() || d.next.is_none(), count, OneD::status_lines)}
            <div class="oned-charts">
                <Chart name="oned-gp" summary=gp_text aspect=0.42 draw=draw_gp on_click=on_click/>
                <Chart name="oned-acq" summary=acq_text aspect=0.28 min_height=SHORT_CHART_MIN_HEIGHT draw=draw_acq on_click=on_click/>
            </div>
            <p class="figure-note">{ONED_NOTE}</p>
        </section>
    }
}

/// Copies text to the clipboard; a refusal (common in headless browsers) only changes the status.
fn copy_text(text: String, status: RwSignal<String>, what: &'static str) {
    let promise = window().navigator().clipboard().write_text(&text);
    let ok = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| status.try_set(format!("{what} copied.")).map_or((), |_| ()));
    let err = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| status.try_set("Copying was refused: select the text and copy it.".into()).map_or((), |_| ()));
    let _ = promise.then2(&ok, &err);
    ok.forget();
    err.forget();
}

#[component]
pub(crate) fn CodeView(settings: Memo<Settings>) -> impl IntoView {
    let code = Memo::new(move |_| {
        let spec = settings.with(Settings::code_spec);
        [codegen::optuna(&spec), codegen::skopt(&spec), codegen::sagemaker(&spec)]
    });
    let status = RwSignal::new(String::new());
    let block = move |i: usize, id: &'static str, title: &'static str| {
        view! {
            <div class="code-block">
                <div class="code-head">
                    <h3>{title}</h3>
                    <button type="button" class="button small" id=format!("{id}-copy") aria-label=texts::copy_button_label(title)
                        on:click=move |_| copy_text(code.with_untracked(|c| c[i].clone()), status, title)>"Copy"</button>
                </div>
                <pre id=id class="code" tabindex="0"><code>{move || code.with(|c| c[i].clone())}</code></pre>
            </div>
        }
    };
    view! {
        <section class="view view-wide search-section" aria-labelledby="code-heading">
            <h2 id="code-heading">"Copy as code"</h2>
            <p>{move || settings.with(texts::code_intro)}</p>
            {block(0, "code-optuna", "Optuna")}
            <Show when=move || settings.with(|s| s.export != StrategyKind::Tpe) fallback=move || block(1, "code-skopt", "Hyperopt (scikit-optimize has no TPE)")>
                {block(1, "code-skopt", "scikit-optimize")}
            </Show>
            {block(2, "code-sagemaker", "SageMaker automatic model tuning")}
            <p class="share-status" role="status">{move || status.get()}</p>
        </section>
    }
}
