//! The search lab's second-part views: inside TPE on the 1-D slice, the parallel-trials
//! experiment, and gradient-based tuning on the ridge problem's validation curve.

use super::charts2;
use super::pick::{pickable, step_controls, Pickable};
use crate::plot::canvas::{Chart, DrawFn};
use crate::ready::Ready;
use crate::runner::on_demand;
use hyperlab_ml::labs::search::gradient::FITS;
use hyperlab_ml::labs::search::texts::{self, GD_LIMITS, TPE_NOTE};
use hyperlab_ml::labs::search::tpe_view::TPE_ONE_D_BUDGET;
use hyperlab_ml::labs::search::{GradientTuning, Parallel, ParallelSpec, Settings, TpeOneD};
use leptos::prelude::*;
use std::rc::Rc;

#[component]
pub(crate) fn TpeView(settings: Memo<Settings>) -> impl IntoView {
    let key = Memo::new(move |_| settings.with(Settings::tpe_oned_key));
    let fresh = move || key.with_untracked(|(k, c, s)| TpeOneD::new(*k, c.clone(), *s));
    let game = pickable(settings, key, fresh);
    let Pickable { state, revealed, on_click, .. } = game;
    let draw_l: DrawFn = Rc::new(move |frame| {
        let r = revealed.get();
        state.with(|d| charts2::draw_tpe_densities(frame, d, r))
    });
    let draw_s: DrawFn = Rc::new(move |frame| {
        let r = revealed.get();
        state.with(|d| charts2::draw_tpe_scores(frame, d, r))
    });
    let summary = Signal::derive(move || state.with(TpeOneD::summary));
    let score_summary = Signal::derive(move || {
        state.with(|d| {
            let (c, w) = d.candidates();
            let best = w.and_then(|w| c.get(w)).map_or("no candidates yet".to_string(), |c| format!("the largest is {} at {} = {}", hyperlab_ml::schema::format_number(c.1), d.slice.dim.name(), d.slice.dim.format(c.0)));
            format!("log l − log g over the slice and at the {} candidates drawn from l: {best}.", c.len())
        })
    });
    let count = |d: &TpeOneD| format!("{} of {TPE_ONE_D_BUDGET} trials", d.slice.observations.len());
    view! {
        <section class="view view-wide search-section" aria-labelledby="tpe-heading">
            <h2 id="tpe-heading">"Inside TPE (1-D)"</h2>
            <p>{move || state.with(|d| texts::tpe_intro(&d.slice.problem.slice_label(), d.config.n_startup_trials, d.config.n_ei_candidates))}</p>
            {step_controls("tpe", game, fresh, TpeOneD::step, TpeOneD::is_done, count, TpeOneD::status_lines)}
            <div class="oned-charts">
                <Chart name="tpe-densities" summary aspect=0.42 draw=draw_l on_click=on_click/>
                <Chart name="tpe-scores" summary=score_summary aspect=0.28 min_height=super::views::SHORT_CHART_MIN_HEIGHT draw=draw_s on_click=on_click/>
            </div>
            <p class="figure-note">{TPE_NOTE}" "{texts::gamma_note()}</p>
        </section>
    }
}

/// The parallel experiment, dropped when its settings change; returns it and the run action.
fn parallel_experiment(spec: Memo<ParallelSpec>) -> (RwSignal<Option<Parallel>, LocalStorage>, Callback<()>) {
    on_demand(spec, Parallel::new, Parallel::step, |p| &p.spec)
}

#[component]
pub(crate) fn ParallelView(settings: Memo<Settings>, exp: RwSignal<Option<Parallel>, LocalStorage>, run: Callback<()>) -> impl IntoView {
    let workers = Memo::new(move |_| settings.with(|s| s.workers));
    let done = move || exp.with(|p| p.as_ref().is_some_and(Parallel::is_complete));
    let chart = move |by_rounds: bool| {
        let draw: DrawFn = Rc::new(move |frame| {
            let k = workers.get();
            exp.with(|p| match p.as_ref().filter(|p| p.is_complete()) {
                Some(p) => charts2::draw_parallel(frame, p, k, by_rounds),
                None => charts2::draw_placeholder(frame, if p.is_some() { "Running…" } else { "Press “Run the parallel experiment”" }),
            })
        });
        let summary = Signal::derive(move || exp.with(|p| p.as_ref().filter(|p| p.is_complete()).map_or("Run the experiment to see median regret for each number of workers.".to_string(), |p| texts::parallel_summary(p, by_rounds))));
        view! { <Chart name=if by_rounds { "parallel-rounds" } else { "parallel-trials" } summary aspect=0.5 draw/> }
    };
    let progress = move || exp.with(|p| p.as_ref().map_or((0, 1), |p| (p.rounds_done, p.total_rounds())));
    view! {
        <section class="view view-wide search-section" aria-labelledby="parallel-heading">
            <h2 id="parallel-heading">"Parallel trials"</h2>
            <p>{move || texts::parallel_intro(settings.with(|s| s.liar))}</p>
            <div class="experiment-controls">
                <button id="run-parallel" type="button" class="button primary" on:click=move |_| run.run(())>"Run the parallel experiment"</button>
                <progress id="parallel-progress" max=move || progress().1.to_string() prop:value=move || progress().0.to_string() aria-label="Parallel experiment progress"></progress>
                // Counted over every seed, worker count and strategy: not the rounds of one search.
                <span id="parallel-count">{move || if exp.with(Option::is_none) { "Not run yet".to_string() } else { format!("{} / {} search rounds (all seeds, worker counts and strategies)", progress().0, progress().1) }}</span>
            </div>
            <p id="parallel-verdict" class="run-status" role="status" data-done=move || done().to_string()>
                {move || exp.with(|p| p.as_ref().filter(|p| p.is_complete()).map(|p| texts::parallel_verdict(p, workers.get())))}
            </p>
            <div class="parallel-charts">
                <figure><figcaption>"Against trials (cost)"</figcaption>{chart(false)}</figure>
                <figure><figcaption>"Against rounds (wall-clock time)"</figcaption>{chart(true)}</figure>
            </div>
            <p class="figure-note">"Thick: the chosen number of workers k; thin: the other k (1, 2, 4, 8). Against trials random search's line is the same for every k (one is drawn); against rounds more workers finish the same trials in fewer rounds."</p>
        </section>
    }
}

pub(crate) fn parallel_state(settings: Memo<Settings>) -> (RwSignal<Option<Parallel>, LocalStorage>, Callback<()>) {
    let spec = Memo::new(move |_| settings.with(Settings::parallel_spec));
    parallel_experiment(spec)
}

/// The gradient chart's least height: on a phone its legend band under the plot takes three or
/// four rows, and the plot keeps room for the curve and the three rows of search fits.
const GRADIENT_MIN_HEIGHT: f64 = 360.0;

#[component]
pub(crate) fn GradientView(settings: Memo<Settings>, gd: RwSignal<Option<GradientTuning>, LocalStorage>) -> impl IntoView {
    // The page is ready only once the tuning is built and drawn, not at its placeholder.
    let ready = use_context::<Ready>();
    if let Some(r) = ready {
        r.register();
    }
    let first_built = StoredValue::new(false);
    Effect::new(move |_| {
        if gd.with(Option::is_some) && !first_built.get_value() {
            first_built.set_value(true);
            // In a later task: the chart redraws with the tuning first.
            set_timeout(move || if let Some(r) = ready { r.mark_drawn() }, std::time::Duration::ZERO);
        }
    });
    let draw: DrawFn = Rc::new(move |frame| {
        gd.with(|g| match g {
            Some(g) => charts2::draw_gradient(frame, g),
            None => charts2::draw_placeholder(frame, "Computing…"),
        })
    });
    let summary = Signal::derive(move || gd.with(|g| g.as_ref().map_or_else(|| "Computing the validation curve and the searches…".to_string(), texts::gd_summary)));
    view! {
        <section class="view view-wide search-section" aria-labelledby="gradient-heading">
            <h2 id="gradient-heading">"Gradient-based tuning"</h2>
            <p>{move || texts::gd_intro(settings.with(|s| s.gd_degree), FITS)}</p>
            <Chart name="gradient" summary aspect=0.5 min_height=GRADIENT_MIN_HEIGHT draw/>
            <p id="gd-verdict" class="run-status" role="status">{move || gd.with(|g| g.as_ref().map(texts::gd_verdict))}</p>
            <p class="figure-note">{GD_LIMITS}</p>
        </section>
    }
}
