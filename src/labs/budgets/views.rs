//! The budgets lab's views: the live learning curves with the budget meter and the run's
//! sentences, the bracket table, and the race.

use super::charts;
use crate::plot::canvas::{Chart, DrawFn, STREAMING_REDRAW_MS};
use hyperlab_ml::budgets::Method;
use hyperlab_ml::labs::budgets::race::SeedResult;
use hyperlab_ml::labs::budgets::texts;
use hyperlab_ml::labs::budgets::{RaceSummary, Settings, Snapshot, RACE_SEEDS};
use leptos::prelude::*;
use std::rc::Rc;

/// The race chart's least height: its six-method legend sits in a band under the plot, which
/// on a phone would otherwise leave the plot a sliver.
const RACE_MIN_HEIGHT: f64 = 340.0;

#[component]
pub(crate) fn CurvesView(snapshot: RwSignal<Snapshot>) -> impl IntoView {
    let draw: DrawFn = Rc::new(move |frame| snapshot.with(|s| charts::draw_curves(frame, s)));
    let summary = Signal::derive(move || snapshot.with(charts::curves_summary));
    view! {
        <section class="view view-wide" aria-labelledby="curves-heading">
            <h2 id="curves-heading">"Learning curves"</h2>
            <div class="budget-meter">
                <label for="budget-meter">"Epoch budget "</label>
                <meter id="budget-meter" min="0" max=move || snapshot.with(|s| s.budget.to_string()) value=move || snapshot.with(|s| s.spent.to_string())></meter>
                <span id="budget-count">{move || snapshot.with(|s| format!("{} / {} epochs", s.spent, s.budget))}</span>
            </div>
            <Chart name="curves" summary aspect=0.5 min_height=texts::CURVES_MIN_HEIGHT redraw_every_ms=STREAMING_REDRAW_MS draw/>
            <p id="run-status" class="run-status" role="status" data-done=move || snapshot.with(|s| (s.done && s.hindsight.is_some()).to_string())>
                {move || snapshot.with(texts::status)}" "{move || snapshot.with(texts::best_sentence)}
            </p>
            <p id="hindsight" class="run-status" class:hidden-view=move || snapshot.with(texts::hindsight_sentence).is_none()>{move || snapshot.with(texts::hindsight_sentence)}</p>
            <p class="figure-note">{move || snapshot.with(|s| texts::method_explanation(&s.settings))}</p>
            <p class="figure-note">{move || snapshot.with(|s| texts::budget_sentence(&s.settings))}" "{texts::COUNTING}</p>
        </section>
    }
}

#[component]
pub(crate) fn BracketTable(snapshot: RwSignal<Snapshot>) -> impl IntoView {
    let rows = move || {
        snapshot.with(|s| {
            let bracket_method = matches!(s.settings.method, Method::SuccessiveHalving | Method::Hyperband);
            s.brackets
                .iter()
                .enumerate()
                .map(|(b, rungs)| {
                    let cells = rungs
                        .iter()
                        .enumerate()
                        .map(|(i, r)| {
                            let filled = s.filled.get(b).and_then(|f| f.get(i)).copied();
                            let current = s.position == Some((b, i));
                            // Two unbreakable parts, so a narrow column wraps between them only.
                            let reached = filled.filter(|_| bracket_method).map(|f| view! { " " <span class="nowrap">{format!("({f} reached)")}</span> });
                            view! { <td class:current=current><span class="nowrap">{format!("{} × {}", r.n, r.r)}</span>{reached}</td> }
                        })
                        .collect_view();
                    view! { <tr><th scope="row">{texts::bracket_row_label(&s.settings, b, s.brackets.len(), s.latest_round.get(b).copied().flatten(), s.cut_short(b))}</th>{cells}</tr> }
                })
                .collect_view()
        })
    };
    let caption = move || snapshot.with(|s| texts::bracket_caption(&s.settings));
    // Column headers: what the row names (Hyperband's s, or successive halving's round), then
    // one column per rung, so a screen reader announces "rung 2, networks × epochs" per cell.
    let headers = move || {
        snapshot.with(|s| {
            let rungs = s.brackets.iter().map(Vec::len).max().unwrap_or(0);
            let first = if matches!(s.settings.method, Method::SuccessiveHalving) { "Round" } else { "Bracket" };
            view! {
                <tr>
                    <th scope="col">{first}</th>
                    {(1..=rungs).map(|i| view! { <th scope="col">{format!("Rung {i}: networks × epochs")}</th> }).collect_view()}
                </tr>
            }
        })
    };
    view! {
        <section class="view view-wide" aria-labelledby="brackets-heading">
            <h2 id="brackets-heading">"Brackets"</h2>
            // The caption sits outside the sideways-scrolling box, so on a phone it wraps at the
            // screen's width instead of running off with the table's widest row.
            <p id="bracket-caption" class="bracket-caption">{caption}</p>
            <div class="table-scroll">
                <table id="bracket-table" class="bracket-table" aria-describedby="bracket-caption">
                    <thead>{headers}</thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
pub(crate) fn RaceView(
    one: RwSignal<Vec<(Method, SeedResult)>>,
    many: RwSignal<Option<RaceSummary>>,
    one_progress: RwSignal<f64>,
    many_progress: RwSignal<f64>,
    settings: Memo<Settings>,
) -> impl IntoView {
    let budget = Memo::new(move |_| settings.with(Settings::budget));
    let draw: DrawFn = Rc::new(move |frame| one.with(|o| many.with(|m| charts::draw_race(frame, o, m.as_ref(), budget.get()))));
    let summary = Signal::derive(move || one.with(|o| many.with(|m| charts::race_summary(o, m.as_ref(), budget.get()))));
    let race_on = Memo::new(move |_| settings.with(|s| s.race));
    view! {
        <section class="view view-wide" aria-labelledby="race-heading">
            <h2 id="race-heading">"The race"</h2>
            <div class="experiment-controls">
                <label for="race-progress">{move || if race_on.get() { format!("{RACE_SEEDS} seeds ") } else { "This seed ".to_string() }}</label>
                <progress id="race-progress" max="1" prop:value=move || if race_on.get() { many_progress.get() } else { one_progress.get() }></progress>
                <span id="race-done" data-done=move || (if race_on.get() { many.with(|m| m.is_some()) } else { !one.with(|o| o.is_empty()) }).to_string()></span>
            </div>
            <Chart name="race" summary aspect=0.5 min_height=RACE_MIN_HEIGHT redraw_every_ms=STREAMING_REDRAW_MS draw/>
            <p id="race-verdict" class="run-status" role="status">{move || summary.get()}</p>
            <p class="figure-note">{move || if race_on.get() { texts::RACE_NOTE_ON } else { texts::RACE_NOTE }}</p>
        </section>
    }
}

/// The AutoML corner: a search over model families on demand, and its leaderboard.
#[component]
pub(crate) fn AutoMlView(settings: Memo<Settings>) -> impl IntoView {
    use crate::runner::{budget, now_ms, Stepper};
    use hyperlab_ml::labs::budgets::automl::AutoMl;
    let automl = RwSignal::new_local(None::<AutoMl>);
    let stepper = Stepper::new(budget::ANIMATION_MS, move |deadline| {
        let mut more = true;
        automl.update(|a| match a.as_mut() {
            Some(a) => {
                while more && now_ms() < deadline {
                    more = a.step();
                }
            }
            None => more = false,
        });
        more
    });
    // New settings drop the old result.
    Effect::new(move |prev: Option<Settings>| {
        let s = Settings { race: false, ..settings.get().with_method(Method::Hyperband) };
        if prev.is_some_and(|p| p != s) {
            stepper.pause();
            automl.set(None);
        }
        s
    });
    let run = move |_| {
        stepper.pause();
        automl.set(Some(AutoMl::new(&settings.get_untracked())));
        stepper.play();
    };
    let rows = move || {
        automl.with(|a| {
            a.as_ref().map(|a| {
                a.leaderboard()
                    .into_iter()
                    .enumerate()
                    .map(|(i, e)| view! { <tr><td>{i + 1}</td><td>{e.family.label()}</td><td>{e.knobs.clone()}</td><td>{format!("{:.1} %", e.accuracy * 100.0)}</td></tr> })
                    .collect_view()
            })
        })
    };
    view! {
        <section class="view view-wide" aria-labelledby="automl-heading">
            <h2 id="automl-heading">"AutoML: families as well as knobs"</h2>
            <p>{move || settings.with(texts::automl_intro)}</p>
            <div class="experiment-controls">
                <button id="run-automl" type="button" class="button primary" on:click=run>"Run AutoML"</button>
                <span id="automl-status" role="status" data-done=move || automl.with(|a| a.as_ref().is_some_and(|a| a.is_done())).to_string()>
                    {move || automl.with(|a| a.as_ref().map(texts::automl_summary))}
                </span>
            </div>
            <Show when=move || automl.with(|a| a.is_some())>
                <div class="table-scroll">
                    <table id="automl-leaderboard" class="bracket-table">
                        <caption>"Leaderboard: the most accurate models so far"</caption>
                        <thead><tr><th scope="col">"#"</th><th scope="col">"Family"</th><th scope="col">"Knobs"</th><th scope="col">"Validation accuracy"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <p class="figure-note">{move || automl.with(|a| a.as_ref().map(texts::automl_needs))}</p>
            </Show>
        </section>
    }
}
