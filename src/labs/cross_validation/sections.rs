//! The two experiment sections under the folds: the k comparison against the known true error,
//! and the leakage demos on pure noise. Both step over animation frames.

use super::charts;
use crate::components::controls::Control;
use crate::plot::canvas::{Chart, DrawFn};
use crate::runner::{budget, now_ms, Stepper};
use crate::url_state::UrlParams;
use hyperlab_ml::model_selection::ExperimentSummary;
use hyperlab_ml::labs::cross_validation::{
    bias_standard_error, experiment_intro, experiment_summary_text, experiment_verdict, median_relative_bias, same_experiment, Experiment, LeakageDemo, LeakageSummary, Quartiles, Settings,
    EXPERIMENT_NOTE, EXPERIMENT_POINTS, EXPERIMENT_RESAMPLES, LEAKAGE_DATA_SETS, LEAKAGE_INTRO, LEAKAGE_NOTE,
};
use hyperlab_ml::schema::{format_number, ParamSpec};
use leptos::prelude::*;
use std::rc::Rc;

/// Below this height (a phone) the experiment chart's y title ran off its top.
const EXPERIMENT_MIN_HEIGHT: f64 = 260.0;

/// The k experiment as the page runs it: started by a button, stepped one data set at a time.
#[derive(Clone, Copy)]
pub struct ExperimentState {
    running: StoredValue<Option<Experiment>, LocalStorage>,
    summary: RwSignal<Option<ExperimentSummary>>,
    /// The settings of the run the summary belongs to.
    ran_with: RwSignal<Option<Settings>>,
    done: RwSignal<usize>,
    stepper: Stepper,
}

impl ExperimentState {
    pub fn new() -> Self {
        let running: StoredValue<Option<Experiment>, LocalStorage> = StoredValue::new_local(None);
        let summary = RwSignal::new(None);
        let done = RwSignal::new(0usize);
        let stepper = Stepper::new(budget::BACKGROUND_MS, move |deadline| {
            let mut more = true;
            running.update_value(|slot| {
                let Some(e) = slot.as_mut() else { more = false; return };
                while now_ms() < deadline && e.step().is_some() {}
                more = !e.is_finished();
                done.set(e.done());
                summary.set(e.summary());
            });
            more
        });
        Self { running, summary, ran_with: RwSignal::new(None), done, stepper }
    }

    fn start(&self, settings: Settings) {
        self.stepper.pause();
        self.running.set_value(Experiment::new(&settings));
        self.ran_with.set(Some(settings));
        self.done.set(0);
        self.summary.set(None);
        self.stepper.play();
    }

    /// The finished experiment, if it ran with settings that still hold.
    pub fn finished_for(&self, settings: &Settings) -> Option<ExperimentSummary> {
        let ran_with = self.ran_with.get()?;
        let summary = self.summary.get().filter(|s| s.resamples == EXPERIMENT_RESAMPLES)?;
        same_experiment(&ran_with, settings).then_some(summary)
    }

    /// Whether the shown run was made with knobs that have changed since.
    fn is_stale(&self, settings: &Settings) -> bool {
        self.ran_with.get().is_some_and(|r| !same_experiment(&r, settings))
    }
}

fn experiment_table(summary: RwSignal<Option<ExperimentSummary>>) -> impl IntoView {
    let rows = move || {
        summary.with(|s| {
            s.as_ref().map(|s| {
                s.per_folds
                    .iter()
                    .enumerate()
                    .map(|(i, f)| {
                        let median = median_relative_bias(s, i).map_or("–".into(), |b| format!("{:+.1} %", 100.0 * b));
                        let se = bias_standard_error(s, i).map_or("–".into(), |e| format!("{e:.4}"));
                        view! {
                            <tr><th scope="row">{f.folds.label()}</th><td>{format_number(f.mean)}</td><td>{format_number(f.std)}</td>
                            <td>{format!("{:+.4}", f.bias)}</td><td>{se}</td><td>{median}</td><td>{f.fits}</td></tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <Show when=move || summary.with(|s| s.is_some())>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Estimate vs truth table (scrolls sideways)">
                <table class="numbers" id="experiment-table">
                    <caption>"Estimate vs truth"</caption>
                    <thead><tr><th scope="col">"folds"</th><th scope="col">"mean estimate"</th><th scope="col">"spread (std)"</th>
                    <th scope="col">"mean bias"</th><th scope="col">"± s.e."</th><th scope="col">"median bias (% of truth)"</th><th scope="col">"fits"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p id="experiment-verdict" class="run-status" role="status">
                {move || summary.with(|s| s.as_ref().filter(|s| s.resamples == EXPERIMENT_RESAMPLES).and_then(experiment_verdict).map(|(_, text)| text))}
            </p>
        </Show>
    }
}

pub fn experiment_view(state: ExperimentState, settings: Memo<Settings>, url: UrlParams, loo_spec: &'static ParamSpec) -> impl IntoView {
    let summary = state.summary;
    let draw: DrawFn = Rc::new(move |frame| summary.with(|s| charts::draw_experiment(frame, s.as_ref())));
    let text = Signal::derive(move || summary.with(|s| experiment_summary_text(s.as_ref(), EXPERIMENT_RESAMPLES)));
    let intro = move || settings.with(|s| experiment_intro(EXPERIMENT_POINTS, s.degree, EXPERIMENT_RESAMPLES));
    let stale = move || settings.with(|s| state.is_stale(s));
    view! {
        <section class="view experiment" aria-labelledby="exp-heading">
            <h2 id="exp-heading">"Why 5 or 10 folds?"</h2>
            <p>{intro}</p>
            <div class="experiment-controls">
                <button id="run-experiment" type="button" class="button primary" on:click=move |_| state.start(settings.get_untracked())>"Run the experiment"</button>
                <Control spec=loo_spec state=url/>
                <progress max=EXPERIMENT_RESAMPLES.to_string() prop:value=move || state.done.get().to_string() aria-label="Experiment progress"></progress>
                <span>{move || format!("{} / {EXPERIMENT_RESAMPLES}", state.done.get())}</span>
            </div>
            <Show when=stale>
                <p class="control-help">"The settings changed since this run: run it again to see them."</p>
            </Show>
            <Chart name="experiment" summary=text aspect=0.5 min_height=EXPERIMENT_MIN_HEIGHT draw=draw/>
            <p class="figure-note">{EXPERIMENT_NOTE}</p>
            {experiment_table(summary)}
        </section>
    }
}

fn leakage_row(name: &'static str, q: Quartiles, truth: f64) -> impl IntoView {
    let pct = |v: f64| format!("{} %", format_number(100.0 * v));
    view! {
        <tr><th scope="row">{name}</th><td>{pct(q.median)}</td><td>{format!("{} – {}", pct(q.lower), pct(q.upper))}</td>
        <td>{pct(truth)}</td><td>{format!("{:+.0} points", 100.0 * (q.median - truth))}</td></tr>
    }
}

fn leakage_table(s: LeakageSummary) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Leakage table (scrolls sideways)">
        <table class="numbers" id="leakage-table">
            <caption>{format!("Median over {} data sets (accuracy; 50 % is chance)", s.data_sets)}</caption>
            <thead><tr><th scope="col">"procedure"</th><th scope="col">"median estimate"</th><th scope="col">"middle half of data sets"</th>
            <th scope="col">"true accuracy"</th><th scope="col">"median − truth"</th></tr></thead>
            <tbody>
                {leakage_row("Features selected on all data, then CV (leaky)", s.select_leaky, s.truth)}
                {leakage_row("Features selected inside each training fold (honest)", s.select_honest, s.truth)}
                {leakage_row("Number of features picked by the reported CV score (leaky)", s.tune_leaky, s.truth)}
                {leakage_row("Nested CV: number picked inside each training fold (honest)", s.tune_nested, s.truth)}
            </tbody>
        </table>
        </div>
    }
}

pub fn leakage_view(settings: Memo<Settings>) -> impl IntoView {
    let demo: StoredValue<LeakageDemo, LocalStorage> = StoredValue::new_local(LeakageDemo::new(0));
    let summary: RwSignal<Option<LeakageSummary>> = RwSignal::new(None);
    let done = RwSignal::new(0usize);
    let stepper = Stepper::new(budget::BACKGROUND_MS, move |deadline| {
        let mut more = true;
        demo.update_value(|d| {
            while now_ms() < deadline && d.step() {}
            more = !d.is_finished();
            done.set(d.done());
            summary.set(d.summary());
        });
        more
    });
    let run = move |_| {
        stepper.pause();
        demo.set_value(LeakageDemo::new(settings.with_untracked(|s| s.seed)));
        summary.set(None);
        done.set(0);
        stepper.play();
    };
    view! {
        <section class="view experiment" aria-labelledby="leak-heading">
            <h2 id="leak-heading">"Leakage: when an estimate lies"</h2>
            <p>{LEAKAGE_INTRO}</p>
            <div class="experiment-controls">
                <button id="run-leakage" type="button" class="button primary" on:click=run>"Run the leakage demos"</button>
                <progress max=LEAKAGE_DATA_SETS.to_string() prop:value=move || done.get().to_string() aria-label="Leakage demo progress"></progress>
            </div>
            {move || summary.get().map(leakage_table)}
            <p class="figure-note">{LEAKAGE_NOTE}</p>
        </section>
    }
}
