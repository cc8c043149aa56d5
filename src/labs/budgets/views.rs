//! The budgets lab's views: the live learning curves with the budget meter and the run's
//! sentences, the bracket table, and the race.

use super::charts;
use crate::plot::canvas::{Chart, DrawFn};
use hyperlab_ml::budgets::Method;
use hyperlab_ml::labs::budgets::race::SeedResult;
use hyperlab_ml::labs::budgets::texts;
use hyperlab_ml::labs::budgets::{RaceSummary, Settings, Snapshot, RACE_SEEDS};
use leptos::prelude::*;
use std::rc::Rc;

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
            <Chart name="curves" summary aspect=0.5 draw/>
            <p id="run-status" class="run-status" role="status" data-done=move || snapshot.with(|s| (s.done && s.hindsight.is_some()).to_string())>
                {move || snapshot.with(texts::status)}" "{move || snapshot.with(texts::best_sentence)}
            </p>
            <p id="hindsight" class="run-status">{move || snapshot.with(texts::hindsight_sentence)}</p>
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
                            let text = match filled {
                                Some(f) if bracket_method => format!("{} × {} ({} reached)", r.n, r.r, f.min(r.n)),
                                _ => format!("{} × {}", r.n, r.r),
                            };
                            view! { <td class:current=current>{text}</td> }
                        })
                        .collect_view();
                    view! { <tr><th scope="row">{format!("s = {}", s.brackets.len() - 1 - b)}</th>{cells}</tr> }
                })
                .collect_view()
        })
    };
    let caption = move || snapshot.with(|s| texts::bracket_caption(&s.settings));
    view! {
        <section class="view" aria-labelledby="brackets-heading">
            <h2 id="brackets-heading">"Brackets"</h2>
            <div class="table-scroll">
                <table id="bracket-table" class="bracket-table">
                    <caption>{caption}</caption>
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
            <Chart name="race" summary aspect=0.5 draw/>
            <p id="race-verdict" class="run-status" role="status">{move || summary.get()}</p>
            <p class="figure-note">{texts::RACE_NOTE}</p>
        </section>
    }
}
