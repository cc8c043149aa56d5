//! The search lab: grid search, random search and Bayesian optimization side by side on the
//! same problem and budget; their race over one seed or twenty; a 1-D view of the Gaussian
//! process and the acquisition function, with a "you pick first" mode; and the search written
//! out for Optuna, scikit-optimize and SageMaker.

mod challenges;
mod charts;
pub mod codegen;
mod oned;
pub mod runs;
pub mod state;

use crate::components::challenges::ChallengePanel;
use crate::components::controls::Control;
use crate::components::lab_shell::LabShell;
use crate::components::transport::Transport;
use crate::labs::catalogue;
use crate::labs::LabMode;
use crate::plot::canvas::{Chart, DrawFn};
use crate::runner::{now_ms, Stepper};
use crate::url_state::UrlParams;
use challenges::CHALLENGES;
use charts::HeatCache;
use codegen::CodeSpec;
use hyperlab_ml::params::{format_number, ParamState};
use hyperlab_ml::search::{Acquisition, StrategyKind};
use leptos::prelude::*;
use oned::OneD;
use runs::{ManySeeds, RunSet, TrueField};
use state::{bayes_config, export_kind, settings_of, trials_to_reach, Problem, ProblemKind, SearchSnapshot, Settings, MANY_SEEDS, ONE_D_BUDGET, ONE_D_INIT, SCHEMA, SLUG};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// Milliseconds between revealed trials when playing.
const REVEAL_MS: f64 = 300.0;

/// Trials each strategy needs to come within 1 % of the minimum, measured as 1 % of the gap
/// between a typical (median) value of the objective and its minimum.
fn hits_of(set: &RunSet, field: &TrueField) -> [Option<usize>; 3] {
    if !field.is_complete() {
        return [None; 3];
    }
    let min = minimum_of(set, field);
    let tolerance = 0.01 * (field.median() - min).max(0.0);
    std::array::from_fn(|s| trials_to_reach(&set.runs[s].best, min, tolerance))
}

/// Bayesian optimization's model-chosen trials in unexplored territory.
fn exploring(set: &RunSet) -> usize {
    let space = set.settings.problem.space();
    let units: Vec<Vec<f64>> = set.runs[2].points.iter().map(|p| space.to_unit(p)).collect();
    state::exploratory_count(&units, set.design_trials())
}

/// The minimum regret is measured against: the known one, else the lowest value seen anywhere.
fn minimum_of(set: &RunSet, field: &TrueField) -> f64 {
    let seen = set.runs.iter().flat_map(|r| r.best.last().copied()).fold(f64::INFINITY, f64::min);
    match set.settings.problem.known_minimum() {
        Some(m) => m,
        None => field.range().0.min(seen),
    }
}

fn snapshot_of(p: &ParamState, set: &RunSet, field: &TrueField, many: Option<&ManySeeds>) -> SearchSnapshot {
    SearchSnapshot {
        problem: set.settings.problem,
        budget: set.settings.budget,
        acquisition: p.choice_slug("acq"),
        kappa: p.float("kappa"),
        best: std::array::from_fn(|s| set.runs[s].best.last().copied().unwrap_or(f64::INFINITY)),
        hits: hits_of(set, field),
        distinct_x: std::array::from_fn(|s| state::distinct_count(&set.runs[s].points.iter().map(|p| p[0]).collect::<Vec<_>>())),
        bayes_exploratory_trials: exploring(set),
        many_medians: many.filter(|m| m.is_complete() && m.settings == set.settings).map(ManySeeds::medians),
    }
}

fn acquisition_label(a: &Acquisition) -> &'static str {
    match a {
        Acquisition::ExpectedImprovement { .. } => "expected improvement",
        Acquisition::ProbabilityOfImprovement { .. } => "probability of improvement",
        Acquisition::LowerConfidenceBound { .. } => "−(mean − κσ)",
        Acquisition::ThompsonSampling => "−(posterior draw)",
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
pub fn SearchLab(mode: LabMode) -> impl IntoView {
    let (url, notices) = UrlParams::from_location(&SCHEMA);
    let params = url.params;
    let settings = Memo::new(move |_| params.with(settings_of));
    let problem_kind = Memo::new(move |_| settings.with(|s| s.problem));

    // The true objective over the whole space, once per problem (stepped: the ridge problem
    // cross-validates every cell).
    let field = RwSignal::new_local(TrueField::new(problem_kind.get_untracked()));
    let field_stepper = Stepper::new(8.0, move |deadline| {
        let mut more = true;
        field.update(|f| {
            while more && now_ms() < deadline {
                more = f.step_row();
            }
        });
        more
    });
    Effect::new(move |_| {
        let kind = problem_kind.get();
        if field.with_untracked(|f| f.problem != kind || !f.is_complete()) {
            field_stepper.pause();
            if field.with_untracked(|f| f.problem != kind) {
                field.set(TrueField::new(kind));
            }
            field_stepper.play();
        }
    });

    // The three searches: grid and random at once, Bayesian optimization a trial per slice.
    let runs = RwSignal::new_local(RunSet::new(settings.get_untracked()));
    let shown = RwSignal::new(settings.get_untracked().budget);
    let compute = Stepper::new(6.0, move |deadline| {
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
    Effect::new(move |prev: Option<Settings>| {
        let s = settings.get();
        if prev.as_ref() != Some(&s) || prev.is_none() {
            compute.pause();
            if prev.is_some() {
                runs.set(RunSet::new(s.clone()));
            }
            shown.set(s.budget);
            compute.play();
        }
        s
    });
    let planned = Memo::new(move |_| runs.with(|r| r.runs.iter().map(|r| r.planned).max().unwrap_or(0)));
    let bayes_done = Memo::new(move |_| runs.with(|r| r.runs[2].points.len()));
    let computing = compute.playing();

    // Play reveals the trials one by one.
    let last_reveal = StoredValue::new(0.0f64);
    let reveal = Stepper::new(2.0, move |_| {
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

    // Many seeds.
    let many = RwSignal::new_local(None::<ManySeeds>);
    let many_stepper = Stepper::new(6.0, move |deadline| {
        let mut more = true;
        many.update(|m| {
            if let Some(m) = m.as_mut() {
                while more {
                    more = m.step();
                    if now_ms() >= deadline {
                        break;
                    }
                }
            } else {
                more = false;
            }
        });
        more
    });
    Effect::new(move |_| {
        let s = settings.get();
        if many.with_untracked(|m| m.as_ref().is_some_and(|m| m.settings != s)) {
            many_stepper.pause();
            many.set(None);
        }
    });
    let run_many = move |_| {
        many_stepper.pause();
        many.set(Some(ManySeeds::new(settings.get_untracked())));
        many_stepper.play();
    };
    let many_done = Memo::new(move |_| many.with(|m| m.as_ref().map_or(0, |m| m.done_trials)));
    let many_total = Memo::new(move |_| many.with(|m| m.as_ref().map_or(MANY_SEEDS * settings.with(|s| s.budget), |m| m.total_trials())));

    // The 1-D Bayesian view.
    let oned_key = Memo::new(move |_| params.with(|p| (ProblemKind::from_slug(p.choice_slug("problem")), bayes_config(p, ONE_D_INIT), p.int("seed").max(0) as u64)));
    let oned = RwSignal::new_local(oned_key.with_untracked(|(k, c, s)| OneD::new(Problem::new(*k), c.clone(), *s)));
    Effect::new(move |prev: Option<()>| {
        let (k, c, s) = oned_key.get();
        if prev.is_some() {
            oned.set(OneD::new(Problem::new(k), c, s));
        }
    });
    let pick_mode = Memo::new(move |_| params.with(|p| p.flag("pick")));
    let revealed = Memo::new(move |_| !pick_mode.get() || oned.with(|d| d.pick.is_some() || d.next.is_none()));
    let pick_draft = RwSignal::new(0.5f64);
    let oned_step = move |_| oned.update(|d| {
        d.step();
    });
    let oned_restart = move |_| {
        let (k, c, s) = oned_key.get_untracked();
        oned.set(OneD::new(Problem::new(k), c, s));
    };
    let lock_pick = move |_| oned.update(|d| d.set_pick(pick_draft.get_untracked()));
    let on_oned_click = Callback::new(move |(u, _): (f64, f64)| {
        if pick_mode.get_untracked() && oned.with_untracked(|d| d.pick.is_none() && d.next.is_some()) {
            pick_draft.set(u.clamp(0.0, 1.0));
            oned.update(|d| d.set_pick(u));
        }
    });

    // Challenges.
    let snapshot = Memo::new(move |_| {
        let complete = runs.with(|r| r.is_complete()) && field.with(|f| f.is_complete());
        if !complete {
            return None;
        }
        Some(params.with(|p| runs.with(|r| field.with(|f| many.with(|m| snapshot_of(p, r, f, m.as_ref()))))))
    });

    // Charts.
    let cache = StoredValue::new_local(HeatCache::new());
    let panel = move |s: usize| -> DrawFn {
        Rc::new(move |frame| {
            let n = shown.get();
            field.with(|f| {
                runs.with(|r| {
                    let space = r.settings.problem.space();
                    let minimizers = runs::landscape(r.settings.problem).map(|l| l.minimizers()).unwrap_or_default();
                    cache.try_update_value(|c| charts::draw_panel(frame, f, c, &r.runs[s], n, &space, &minimizers)).flatten()
                })
            })
        })
    };
    let panel_text = move |s: usize| Signal::derive(move || {
        let n = shown.get();
        let ready = field.with(|f| f.is_complete());
        runs.with(|r| charts::panel_summary(&r.runs[s], n, &r.settings.problem.space(), ready))
    });
    let draw_race: DrawFn = Rc::new(move |frame| {
        let n = shown.get();
        field.with(|f| runs.with(|r| {
            let (lo, hi) = f.range();
            let bands = many.with(|m| m.as_ref().filter(|m| m.is_complete()).map(|m| m.bands()));
            charts::draw_race(frame, &r.runs, n, minimum_of(r, f), hi - lo, r.settings.budget, bands.as_ref())
        }))
    });
    let race_text = Signal::derive(move || {
        let n = shown.get();
        field.with(|f| runs.with(|r| {
            let medians = many.with(|m| m.as_ref().filter(|m| m.is_complete()).map(|m| m.medians()));
            charts::race_summary(&r.runs, n, minimum_of(r, f), &hits_of(r, f), medians)
        }))
    });
    let acq_label = Memo::new(move |_| params.with(|p| acquisition_label(&state::acquisition_of(p))));
    let draw_gp: DrawFn = Rc::new(move |frame| {
        let rev = revealed.get();
        oned.with(|d| charts::draw_gp(frame, d, rev))
    });
    let draw_acq: DrawFn = Rc::new(move |frame| {
        let rev = revealed.get();
        let label = acq_label.get();
        oned.with(|d| charts::draw_acquisition(frame, d, rev, label))
    });
    let gp_text = Signal::derive(move || {
        let rev = revealed.get();
        oned.with(|d| charts::gp_summary(d, rev))
    });
    let acq_text = Signal::derive(move || {
        let label = acq_label.get();
        oned.with(|d| charts::acquisition_summary(d, label))
    });

    // Copy as code.
    let code = Memo::new(move |_| {
        params.with(|p| {
            let s = settings_of(p);
            let spec = CodeSpec { space: s.problem.space(), kind: export_kind(p), budget: s.budget, seed: s.seed, bayes: s.bayes.clone() };
            [codegen::optuna(&spec), codegen::skopt(&spec), codegen::sagemaker(&spec)]
        })
    });
    let copy_status = RwSignal::new(String::new());

    // Controls.
    let acq_slug = Memo::new(move |_| params.with(|p| p.choice_slug("acq")));
    let controls_list = SCHEMA
        .iter()
        .map(|spec| {
            let when: Option<Memo<bool>> = match spec.key {
                "xi" => Some(Memo::new(move |_| matches!(acq_slug.get(), "ei" | "pi"))),
                "kappa" => Some(Memo::new(move |_| acq_slug.get() == "ucb")),
                _ => None,
            };
            match when {
                Some(w) => view! { <Show when=move || w.get()><Control spec state=url/></Show> }.into_any(),
                None => view! { <Control spec state=url/> }.into_any(),
            }
        })
        .collect_view();
    let controls = view! {
        <Transport playing=reveal.playing() finished=finished on_play=on_play on_pause=on_pause on_step=on_step on_reset=on_reset/>
        <p id="trial-counter" class="control-help" aria-live="polite">{move || format!("Showing trial {} of {}", shown.get().min(planned.get()), planned.get())}</p>
        {controls_list}
        <p class="control-help">"The search has hyperparameters of its own: the ranges and their scales, the budget, the initial design, the acquisition function and its ξ or κ, the kernel. The defaults work on most problems; the challenges below show when they matter."</p>
    }
    .into_any();

    let strategy_names = ["grid", "random", "bayes"];
    let panels = (0..3)
        .map(|s| {
            let name = ["panel-grid", "panel-random", "panel-bayes"][s];
            let kind = StrategyKind::ALL[s];
            let caption = match kind {
                StrategyKind::Grid => "Grid: every combination of r values per knob, so r^d trials for d knobs — exponential in the number of knobs. Each knob only ever sees r distinct values.",
                StrategyKind::Random => "Random: each trial draws every knob independently (log-uniformly on a log scale), so every trial tries a new value of every knob, including the one that matters.",
                StrategyKind::Bayes => "Bayesian optimization: a few space-filling points, then each trial goes where the Gaussian-process surrogate and the acquisition function expect the most gain.",
            };
            let distinct = move || {
                let n = shown.get();
                runs.with(|r| {
                    let space = r.settings.problem.space();
                    let d = charts::distinct_per_knob(&r.runs[s], n, 2);
                    let best = r.runs[s].best_index(n).map_or("—".to_string(), |b| format_number(r.runs[s].values[b]));
                    let explore = if s == 2 && r.is_complete() { format!(" · {} exploring trials", exploring(r)) } else { String::new() };
                    format!("{} distinct {} · {} distinct {} · best {}{explore}", d[0], space.dims()[0].name(), d[1], space.dims()[1].name(), best)
                })
            };
            view! {
                <figure class="search-panel" data-strategy=strategy_names[s]>
                    <h3>{kind.label()}</h3>
                    <Chart name=name summary=panel_text(s) aspect=0.9 draw=panel(s)/>
                    <p class="distinct" data-strategy=strategy_names[s]>{distinct}</p>
                    <figcaption>{caption}</figcaption>
                </figure>
            }
        })
        .collect_view();

    let code_block = move |i: usize, id: &'static str, title: &'static str| {
        view! {
            <div class="code-block">
                <div class="code-head">
                    <h3>{title}</h3>
                    <button type="button" class="button small" id=format!("{id}-copy")
                        on:click=move |_| copy_text(code.with_untracked(|c| c[i].clone()), copy_status, title)>"Copy"</button>
                </div>
                <pre id=id class="code" tabindex="0"><code>{move || code.with(|c| c[i].clone())}</code></pre>
            </div>
        }
    };

    let views = view! {
        <section class="view view-wide search-section" aria-labelledby="panels-heading">
            <h2 id="panels-heading">"Same budget, three strategies"</h2>
            <div class="search-progress" role="status">
                <Show when=move || !field.with(|f| f.is_complete())>
                    <label>"Computing the true objective "
                        <progress id="field-progress" max=move || field.with(|f| f.ny).to_string() prop:value=move || field.with(|f| f.rows_done()).to_string()></progress>
                    </label>
                </Show>
                <span id="bo-status" data-done=move || (!computing.get()).to_string()>{move || {
                    let (done, total) = (bayes_done.get(), settings.with(|s| s.budget));
                    if done < total { format!("Bayesian optimization: computing trial {} of {total}…", done + 1) } else { format!("All {total} trials computed.") }
                }}</span>
            </div>
            <div class="search-panels">{panels}</div>
            <p class="figure-note">"Colour: the true objective (dark = low = good; log scale of the distance above the minimum), which the searches never see. White dots: trials in order (yellow: the latest); pink ring: best so far; crosses: the true minima. The ticks on the bottom and left edges mark each distinct value a strategy tried on that knob."</p>
        </section>
        <figure class="view view-wide">
            <h2>"The race"</h2>
            <Chart name="race" summary=race_text aspect=0.45 draw=draw_race/>
            <div class="experiment-controls">
                <button id="run-many" type="button" class="button primary" on:click=run_many>{format!("Race {MANY_SEEDS} seeds")}</button>
                <progress id="many-progress" max=move || many_total.get().to_string() prop:value=move || many_done.get().to_string() aria-label="Many-seeds progress"></progress>
                <span id="many-count">{move || format!("{} / {} trials", many_done.get(), many_total.get())}</span>
            </div>
            <figcaption>"How far above the true minimum each strategy's best trial is after each trial (log scale). One seed can be lucky: race 20 seeds to see the median (thick line) and the middle half of the runs (band)."</figcaption>
        </figure>
        <section class="view view-wide search-section" aria-labelledby="oned-heading">
            <h2 id="oned-heading">"Inside Bayesian optimization (1-D)"</h2>
            <p>{move || oned.with(|d| format!("A slice of the problem: {}. After {} space-filling points, a Gaussian process is fitted to everything observed; its mean is the best guess of the objective and its ±2σ band how unsure it is. The acquisition function turns both into a score, and the next trial goes where the score is highest: near low means (exploitation) or where σ is large (exploration).", d.problem.slice_label(), ONE_D_INIT))}</p>
            <div class="experiment-controls">
                <button id="oned-step" type="button" class="button primary" on:click=oned_step
                    disabled=move || !revealed.get() || oned.with(|d| d.is_done() || d.next.is_none())>"Evaluate next trial"</button>
                <button id="oned-reset" type="button" class="button" on:click=oned_restart>"Restart"</button>
                <span id="oned-count">{move || oned.with(|d| format!("{} of {ONE_D_BUDGET} trials", d.observations.len()))}</span>
            </div>
            <Show when=move || pick_mode.get()>
                <div class="experiment-controls you-pick">
                    <label for="oned-pick-input">"Your pick: "<strong>{move || oned.with(|d| d.dim.format(d.dim.from_unit(pick_draft.get())))}</strong></label>
                    <input type="range" id="oned-pick-input" min="0" max="1000" step="1"
                        aria-valuetext=move || oned.with(|d| d.dim.format(d.dim.from_unit(pick_draft.get())))
                        prop:value=move || (pick_draft.get() * 1000.0).round().to_string()
                        on:input=move |ev| {
                            if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                                pick_draft.set((v / 1000.0).clamp(0.0, 1.0));
                            }
                        }/>
                    <button id="oned-pick" type="button" class="button" on:click=lock_pick
                        disabled=move || oned.with(|d| d.pick.is_some() || d.next.is_none())>"Lock in my pick"</button>
                    <span class="figure-note">"…or click the chart where you would sample next."</span>
                </div>
            </Show>
            <div id="oned-status" class="run-status" role="status" data-revealed=move || revealed.get().to_string()>
                {move || oned.with(|d| {
                    let fmt = |u: f64| d.dim.format(d.dim.from_unit(u));
                    let mut lines = Vec::new();
                    if let Some((u, a)) = d.pick {
                        lines.push(format!("Your pick: {} = {} (acquisition {}).", d.dim.name(), fmt(u), format_number(a)));
                    }
                    match (revealed.get(), d.next) {
                        (true, Some((u, a))) if a.is_finite() => lines.push(format!("The optimizer's choice: {} = {} (acquisition {}, the highest it found).", d.dim.name(), fmt(u), format_number(a))),
                        (true, Some((u, _))) => lines.push(format!("Next: {} = {}, a point of the initial space-filling design (no model yet).", d.dim.name(), fmt(u))),
                        (false, Some(_)) => lines.push("Where would you sample next? Pick a point; the optimizer's choice is revealed after.".into()),
                        (_, None) => lines.push("Budget spent: restart to try again.".into()),
                    }
                    lines.into_iter().map(|l| view! { <p>{l}</p> }).collect_view()
                })}
            </div>
            <div class="oned-charts">
                <Chart name="oned-gp" summary=gp_text aspect=0.42 draw=draw_gp on_click=on_oned_click/>
                <Chart name="oned-acq" summary=acq_text aspect=0.28 draw=draw_acq on_click=on_oned_click/>
            </div>
            <p class="figure-note">"Top: observations (dots), the GP mean and ±2σ band, and the true objective (dashed; the optimizer never sees it). Bottom: the acquisition function, larger is better. Raise κ (UCB) or ξ (EI, PI) and the high scores move from the low mean towards the wide band."</p>
        </section>
        <section class="view view-wide search-section" aria-labelledby="code-heading">
            <h2 id="code-heading">"Copy as code"</h2>
            <p>{move || params.with(|p| {
                let s = settings_of(p);
                format!("The {} on “{}” with {} trials and seed {}, in three libraries. The ranges and their scales (linear or logarithmic) are the search space; validation_loss is your training run.", export_kind(p).label().to_lowercase(), s.problem.label(), s.budget, s.seed)
            })}</p>
            {code_block(0, "code-optuna", "Optuna")}
            {code_block(1, "code-skopt", "scikit-optimize")}
            {code_block(2, "code-sagemaker", "SageMaker automatic model tuning")}
            <p class="share-status" role="status">{move || copy_status.get()}</p>
        </section>
    }
    .into_any();

    let on_setup = Callback::new(move |query: &'static str| params.set(ParamState::from_query(&SCHEMA, query).0));
    let challenges = view! { <ChallengePanel challenges=&CHALLENGES state=Signal::derive(move || snapshot.get()) on_setup=on_setup/> }.into_any();
    let title = catalogue::find(SLUG).map_or("Search strategies", |m| m.title);
    view! { <LabShell mode slug=SLUG title intro=INTRO notices state=url controls views challenges/> }
}

const INTRO: &str = "Every model has knobs, and finding good settings is a search. Grid search tries every combination of a few values per knob; random search samples the knobs independently; Bayesian optimization fits a model of the results so far and picks each next trial where it expects the most gain. Give all three the same problem and budget, and compare what they try and how fast they find a good value.";


#[cfg(test)]
mod tests {
    use super::codegen::{grid_axes, optuna, py_ident, sagemaker, skopt};
    use super::state::*;
    use super::*;
    use hyperlab_ml::search::Landscape;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn spec(q: &str) -> CodeSpec {
        let p = ParamState::from_query(&SCHEMA, q).0;
        let s = settings_of(&p);
        CodeSpec { space: s.problem.space(), kind: export_kind(&p), budget: s.budget, seed: s.seed, bayes: s.bayes }
    }

    #[test]
    fn code_names_every_library_and_scale() {
        let c = spec("problem=oneknob&budget=20&seed=4&acq=ucb&kappa=2.5&export=bayes");
        let (o, k, m) = (optuna(&c), skopt(&c), sagemaker(&c));
        assert!(o.contains("optuna.create_study(direction=\"minimize\"") && o.contains("GPSampler(seed=4, n_startup_trials=6)") && o.contains("log=True") && o.contains("n_trials=20"), "{o}");
        assert!(k.contains("gp_minimize(") && k.contains("acq_func=\"LCB\"") && k.contains("kappa=2.5") && k.contains("prior=\"log-uniform\"") && k.contains("random_state=4"), "{k}");
        assert!(m.contains("HyperparameterTuner(") && m.contains("scaling_type=\"Logarithmic\"") && m.contains("scaling_type=\"Linear\"") && m.contains("strategy=\"Bayesian\"") && m.contains("max_jobs=20"), "{m}");
        // The ridge problem: an integer knob and a Python keyword as a name.
        let r = spec("problem=ridge&export=random&budget=10");
        let o = optuna(&r);
        assert!(o.contains("trial.suggest_int(\"degree\", 1, 12)") && o.contains("lambda_ = trial.suggest_float(\"lambda\", 1e-6, 10.0, log=True)") && o.contains("RandomSampler(seed=1)"), "{o}");
        assert!(skopt(&r).contains("dummy_minimize(objective, space, n_calls=10, random_state=1)"));
        assert!(sagemaker(&r).contains("IntegerParameter(1, 12, scaling_type=\"Linear\")"));
        assert_eq!(py_ident("lambda"), "lambda_");
    }

    #[test]
    fn grid_code_lists_the_grid() {
        let c = spec("problem=branin&budget=16&export=grid");
        let axes = grid_axes(&c.space, 16);
        assert_eq!(axes.iter().map(Vec::len).collect::<Vec<_>>(), vec![4, 4]);
        let o = optuna(&c);
        assert!(o.contains("GridSampler(search_space, seed=1)") && o.contains("\"x0\": [-5.0, 0.0, 5.0, 10.0]") && o.contains("n_trials=16"), "{o}");
        let m = sagemaker(&c);
        assert!(m.contains("strategy=\"Grid\"") && m.contains("CategoricalParameter([\"-5.0\", \"0.0\", \"5.0\", \"10.0\"])") && !m.contains("max_jobs="), "{m}");
        assert!(skopt(&c).contains("ParameterGrid"));
    }

    #[test]
    fn distinct_values_are_counted() {
        assert_eq!(distinct_count(&[1.0, 1.0, 2.0, 2.0 + 1e-12, f64::NAN, 3.0]), 3);
        assert_eq!(distinct_count(&[]), 0);
        // A 4 × 4 grid tries 4 values of each knob; 16 random trials try 16.
        let set = RunSet::new(settings_of(&ParamState::from_query(&SCHEMA, "problem=oneknob&budget=16").0));
        assert_eq!(charts::distinct_per_knob(&set.runs[0], 16, 2), vec![4, 4]);
        assert_eq!(charts::distinct_per_knob(&set.runs[1], 16, 2), vec![16, 16]);
        assert_eq!(running_best([3.0, f64::NAN, 1.0, 2.0]), vec![3.0, 3.0, 1.0, 1.0]);
        assert_eq!(trials_to_reach(&[5.0, 2.0, 1.0], 1.0, 0.5), Some(3));
        assert_eq!(trials_to_reach(&[5.0], 1.0, 0.5), None);
    }

    #[test]
    fn every_knob_round_trips_through_the_url() {
        let q = "problem=wells&budget=33&seed=12&init=4&acq=pi&xi=0.5&kappa=3&kernel=rbf&pick=1&export=grid";
        let p = ParamState::from_query(&SCHEMA, q).0;
        let again = ParamState::from_query(&SCHEMA, &p.to_query()).0;
        assert_eq!(p, again);
        let s = settings_of(&again);
        assert_eq!(s.problem, ProblemKind::Land(Landscape::Wells));
        assert_eq!((s.budget, s.seed, s.bayes.initial_points), (33, 12, Some(4)));
        assert_eq!(s.bayes.acquisition, Acquisition::ProbabilityOfImprovement { xi: 0.5 });
    }

    fn snap() -> SearchSnapshot {
        SearchSnapshot {
            problem: ProblemKind::Land(Landscape::OneKnob),
            budget: 16,
            acquisition: "ei",
            kappa: 1.96,
            best: [0.3, 0.1, 0.2],
            hits: [None, Some(12), Some(9)],
            distinct_x: [4, 16, 16],
            bayes_exploratory_trials: 0,
            many_medians: None,
        }
    }

    #[test]
    fn challenges_judge_the_snapshot() {
        let s = snap();
        assert!(challenges::random_beats_grid(&s));
        assert!(!challenges::random_beats_grid(&SearchSnapshot { budget: 20, ..s.clone() }));
        let b = SearchSnapshot { problem: ProblemKind::Land(Landscape::Branin), ..s.clone() };
        assert!(challenges::bayes_reaches_target_first(&b));
        assert!(!challenges::bayes_reaches_target_first(&SearchSnapshot { hits: [None, Some(5), Some(9)], ..b.clone() }));
        assert!(!challenges::bayes_reaches_target_first(&s));
        let wells = SearchSnapshot { problem: ProblemKind::Land(Landscape::Wells), acquisition: "ucb", bayes_exploratory_trials: 4, ..s.clone() };
        assert!(challenges::ucb_explores(&wells));
        assert!(!challenges::ucb_explores(&SearchSnapshot { acquisition: "ei", ..wells.clone() }));
        assert!(!challenges::ucb_explores(&SearchSnapshot { bayes_exploratory_trials: 3, ..wells }));
        assert_eq!(exploratory_count(&[vec![0.0, 0.0], vec![0.1, 0.0], vec![0.5, 0.5], vec![0.55, 0.5]], 1), 1);
        let branin = SearchSnapshot { problem: ProblemKind::Land(Landscape::Branin), many_medians: Some([1.0, 0.8, 0.5]), ..s };
        assert!(challenges::many_seeds_bayes_wins(&branin));
        assert!(!challenges::many_seeds_bayes_wins(&SearchSnapshot { many_medians: None, ..branin }));
    }

    #[test]
    fn the_ridge_problem_is_a_real_cross_validation() {
        let p = Problem::new(ProblemKind::Ridge);
        let good = p.value(&[5.0, 1e-3]);
        let stiff = p.value(&[1.0, 10.0]);
        assert!(good.is_finite() && stiff.is_finite() && good < stiff, "{good} {stiff}");
        let mut f = TrueField::new(ProblemKind::Ridge);
        assert!(f.step_row());
        assert_eq!(f.rows_done(), 1);
        assert!(f.lookup(0.5, 0.5).is_nan());
        while f.step_row() {}
        assert!(f.lookup(0.5, 0.5).is_finite());
    }

    #[test]
    fn many_seeds_summarize_to_quartiles() {
        assert_eq!(runs::quantile(&[1.0, 2.0, 3.0, 4.0, 5.0], 0.5), 3.0);
        assert_eq!(runs::quantile(&[1.0, 2.0, 3.0, 4.0, 5.0], 0.25), 2.0);
        let p = ParamState::from_query(&SCHEMA, "problem=wells&budget=5&init=5").0;
        let mut m = ManySeeds::new(settings_of(&p));
        let mut guard = 0;
        while m.step() {
            guard += 1;
            assert!(guard < 1000);
        }
        assert!(m.is_complete());
        assert_eq!(m.done_trials, m.total_trials());
        let b = m.bands();
        assert!(b.iter().all(|s| s.len() == 5 || s.len() == 4));
        // Grid search has no randomness: its band has no width.
        assert!(b[0].iter().all(|q| q.0 == q.2));
    }
}
