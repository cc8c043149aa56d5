//! The trees lab: one decision tree, a random forest or gradient boosting, fitted one tree per
//! animation frame slice. The model, its experiments and every sentence about them live in the
//! native core (`hyperlab_ml::labs::trees`); this module wires the URL state to that model and
//! draws it.

mod charts;
mod tree_view;

use crate::components::challenges::ChallengePanel;
use crate::components::controls::Control;
use crate::components::lab_shell::{LabShell, Later};
use crate::components::presets::PresetPicker;
use crate::labs::LabMode;
use crate::plot::canvas::{Chart, DrawFn, Frame, PlotMapping};
use crate::runner::{budget, now_ms, Stepper};
use crate::url_state::UrlParams;
use hyperlab_ml::labs::trees::{texts, LabModel, ModelKind, Settings, Snapshot, CHALLENGES, PRESETS, SCHEMA, SLUG};
use hyperlab_ml::schema::ParamState;
use crate::components::lab_view::shown_view;
use leptos::prelude::*;
use std::rc::Rc;

type Lab = StoredValue<Option<LabModel>, LocalStorage>;

/// The model, and a counter bumped whenever it changed enough to redraw.
#[derive(Clone, Copy)]
struct Live {
    lab: Lab,
    tick: RwSignal<u64>,
    snapshot: RwSignal<Option<Snapshot>>,
    error: RwSignal<Option<String>>,
}

impl Live {
    /// Reads the model for a view, tracking the redraw counter.
    fn with<T>(&self, fallback: T, f: impl FnOnce(&LabModel) -> T) -> T {
        self.tick.track();
        self.lab.with_value(|m| m.as_ref().map(f)).unwrap_or(fallback)
    }

    fn publish(&self) {
        self.tick.update(|t| *t += 1);
        let snap = self.lab.with_value(|m| m.as_ref().and_then(LabModel::snapshot));
        if snap != self.snapshot.get_untracked() {
            self.snapshot.set(snap);
        }
    }
}

/// Clears a chart when there is no model to draw (settings the core refused).
fn blank(frame: &Frame) {
    if let Some(area) = frame.area() {
        let _ = area.fill(&frame.theme.background);
    }
}

/// A chart's draw function over the live model.
fn chart_of(live: Live, draw: fn(&Frame, &LabModel) -> Option<PlotMapping>) -> DrawFn {
    Rc::new(move |frame| {
        let drawn = live.with(false, |m| {
            draw(frame, m);
            true
        });
        if !drawn {
            blank(frame);
        }
        None
    })
}

/// Like [`chart_of`] for charts that paint a heatmap through an offscreen canvas.
fn map_of(live: Live, draw: fn(&Frame, &LabModel, &web_sys::HtmlCanvasElement) -> Option<PlotMapping>) -> DrawFn {
    let canvas = StoredValue::new_local(crate::plot::heatmap::offscreen_canvas());
    Rc::new(move |frame| {
        let drawn = canvas.get_value().is_some_and(|c| {
            live.with(false, |m| {
                draw(frame, m, &c);
                true
            })
        });
        if !drawn {
            blank(frame);
        }
        None
    })
}

fn text_of(live: Live, f: fn(&LabModel) -> String) -> Signal<String> {
    Signal::derive(move || live.with(String::new(), f))
}

/// Fits trees until the frame's budget is spent; redraws after every slice while the main model
/// grows and every few slices for the experiments after it.
fn animate(live: Live) -> Stepper {
    let frames = StoredValue::new(0u32);
    Stepper::new(budget::BACKGROUND_MS, move |deadline| {
        let mut more = false;
        let mut main_moved = false;
        live.lab.update_value(|slot| {
            let Some(m) = slot.as_mut() else { return };
            let main_done = m.main.is_done();
            loop {
                more = m.step();
                if !more || now_ms() >= deadline || (!main_done && m.main.is_done()) {
                    break;
                }
            }
            main_moved = !main_done;
        });
        let frame = frames.try_update_value(|f| {
            *f = f.wrapping_add(1);
            *f
        });
        if main_moved || !more || frame.is_some_and(|f| f % 6 == 0) {
            live.publish();
        }
        more
    })
}

/// The least height of the error and loss charts: their legends sit in a band under the plot,
/// which on a phone would leave the plot itself too short to read.
const LEGEND_CHART_MIN_HEIGHT: f64 = 300.0;

#[component]
pub fn TreesLab(mode: LabMode) -> impl IntoView {
    let (url, notices) = UrlParams::from_location(&SCHEMA);
    let params = url.params;
    let settings = Memo::new(move |_| params.with(Settings::from_params));
    // The tree shown is not part of the fit: changing it must not refit.
    let fit_settings = Memo::new(move |_| Settings { view_tree: 1, ..settings.get() });
    let live = Live { lab: StoredValue::new_local(None), tick: RwSignal::new(0), snapshot: RwSignal::new(None), error: RwSignal::new(None) };
    let stepper = animate(live);
    Effect::new(move |_| {
        let s = fit_settings.get();
        stepper.pause();
        match LabModel::new(s) {
            Ok(m) => {
                live.lab.set_value(Some(m));
                live.error.set(None);
                live.publish();
                stepper.play();
            }
            Err(e) => {
                live.lab.set_value(None);
                live.error.set(Some(e));
                live.publish();
            }
        }
    });
    let controls = Later::new(move || view! { <TreesControls settings url/> }.into_any());
    let views = view! { <TreesViews live settings/> }.into_any();
    let on_setup = Callback::new(move |query: &'static str| params.set(ParamState::from_query(&SCHEMA, query).0));
    let snapshot = live.snapshot;
    let challenges = Later::new(move || view! { <ChallengePanel challenges=&CHALLENGES state=Signal::derive(move || snapshot.get()) on_setup=on_setup/> }.into_any());
    let title = hyperlab_ml::labs::trees::META.title;
    view! { <LabShell mode slug=SLUG title intro=texts::INTRO notices state=url controls views challenges/> }
}

/// The knobs, with the ones that only matter for some models shown only then.
#[component]
fn TreesControls(settings: Memo<Settings>, url: UrlParams) -> impl IntoView {
    let model_is = move |pick: fn(ModelKind) -> bool| Memo::new(move |_| settings.with(|s| pick(s.model)));
    let knobs = SCHEMA
        .iter()
        .map(|spec| {
            let when: Option<Memo<bool>> = match spec.key {
                "trees" => Some(model_is(|m| m != ModelKind::Tree)),
                "lr" | "subsample" => Some(model_is(|m| m == ModelKind::Boosting)),
                "bootstrap" => Some(model_is(|m| m == ModelKind::Forest)),
                "crit" => Some(Memo::new(move |_| settings.with(|s| !s.is_regression() && s.model != ModelKind::Boosting))),
                "view" => Some(model_is(|m| m != ModelKind::Tree)),
                _ => None,
            };
            match when {
                Some(w) => view! { <Show when=move || w.get()><Control spec state=url/></Show> }.into_any(),
                None => view! { <Control spec state=url/> }.into_any(),
            }
        })
        .collect_view();
    view! {
        <PresetPicker presets=&PRESETS state=url/>
        {knobs}
        <p class="control-help">{texts::PARAMETERS_NOTE}</p>
    }
}

/// The status card: what is fitted, the scores, and the verdict once everything is in.
#[component]
fn TreesStatus(live: Live, settings: Memo<Settings>) -> impl IntoView {
    let snapshot = live.snapshot;
    let verdict = move || {
        snapshot.with(|s| {
            s.as_ref().map(|s| {
                let v = s.verdict.verdict;
                view! { <p class="regime-explain" data-verdict=format!("{v:?}")><strong>{texts::verdict_title(v)}": "</strong>{texts::verdict_explanation(s)}</p> }
            })
        })
    };
    let loss = move || {
        snapshot.with(|s| {
            s.as_ref().and_then(texts::boosting_loss_line).map(|line| view! { <p class="final-metrics" id="trees-loss">{line}</p> })
        })
    };
    view! {
        <div id="trees-status" class="run-status" role="status" data-finished=move || snapshot.with(|s| s.is_some()).to_string()>
            <p><strong>{move || texts::model_line(&settings.get())}</strong></p>
            <p id="trees-scores">{move || live.error.get().unwrap_or_else(|| live.with(String::new(), texts::scores_line))}</p>
            {loss}
            {verdict}
            <p class="control-help">{move || live.with(String::new(), texts::progress_line)}</p>
        </div>
    }
}

/// Every view, the decision map first.
#[component]
fn TreesViews(live: Live, settings: Memo<Settings>) -> impl IntoView {
    let is = move |pick: fn(&Settings) -> bool| Memo::new(move |_| settings.with(pick));
    let boosting = is(|s| s.model == ModelKind::Boosting);
    let ensemble = is(|s| s.model != ModelKind::Tree);
    view! {
        {shown_view("map", move || view! {
        <figure class="view">
            <Chart name="map" summary=text_of(live, texts::map_summary) aspect=1.0 draw=map_of(live, charts::draw_map)/>
            <figcaption>{move || texts::map_caption(&settings.get())}</figcaption>
        </figure>
        <TreesStatus live settings/>
        })}
        {shown_view("depth", move || view! {
        <figure class="view">
            <Chart name="depth" summary=Signal::derive(move || live.with(String::new(), |m| texts::depth_summary(&m.depth_curve(), &m.settings))) aspect=0.55 min_height=LEGEND_CHART_MIN_HEIGHT draw=chart_of(live, charts::draw_depth)/>
            <figcaption>{move || texts::depth_caption(&settings.get())}" "{move || live.with(String::new(), |m| texts::depth_rise_sentence(m).unwrap_or_default())}</figcaption>
        </figure>
        })}
        {shown_view("trees", move || view! {
        <figure class="view" class:hidden-view=move || !ensemble.get()>
            <Chart name="trees" summary=text_of(live, texts::trees_summary) aspect=0.55 min_height=LEGEND_CHART_MIN_HEIGHT draw=chart_of(live, charts::draw_trees)/>
            <figcaption>{move || texts::trees_caption(&settings.get())}</figcaption>
        </figure>
        })}
        {shown_view("rates", move || view! {
        <Show when=move || boosting.get()>
            <figure class="view">
                <Chart name="rates" summary=text_of(live, texts::rates_summary) aspect=0.55 min_height=LEGEND_CHART_MIN_HEIGHT draw=chart_of(live, charts::draw_rates)/>
                <figcaption>{move || texts::rates_caption(&settings.get())}" "{move || live.with(String::new(), |m| texts::rates_order_sentence(m).unwrap_or_default())}</figcaption>
            </figure>
        </Show>
        })}
        {shown_view("tree", move || view! {<TreeFigure live settings/>})}
        {shown_view("instability", move || view! {
        <figure class="view">
            <Chart name="instability" summary=Signal::derive(move || live.with(String::new(), |m| texts::instability_summary(m.instability.is_done().then(|| m.instability.disagreement(m.regression())), &m.settings))) aspect=1.0 draw=map_of(live, charts::draw_instability)/>
            <p class="final-metrics" id="trees-instability">{move || live.with(String::new(), |m| texts::instability_summary(m.instability.is_done().then(|| m.instability.disagreement(m.regression())), &m.settings))}</p>
            <figcaption>{move || texts::instability_caption(&settings.get())}</figcaption>
        </figure>
        })}
    }
}

/// The tree view, for the tree the "tree shown" knob picks.
#[component]
fn TreeFigure(live: Live, settings: Memo<Settings>) -> impl IntoView {
    let which = Memo::new(move |_| settings.with(|s| if s.model == ModelKind::Tree { 1 } else { s.view_tree.min(s.n_trees) }));
    let summary = move || live.with(String::new(), |m| texts::tree_summary(m.main.tree(which.get() - 1), which.get(), &m.settings));
    // Redraw the tree only when the tree itself can have changed.
    let fitted = Memo::new(move |_| live.with(false, |m| m.main.tree(which.get() - 1).is_some()));
    let body = move || {
        // `get`, not `track`: tracking a memo subscribes to it without ever computing it, so it
        // never subscribed to the model's redraw counter and the tree stayed empty on first
        // load until a control change made `which` re-check it.
        let _ = fitted.get();
        let _ = which.get();
        live.lab.with_value(|m| {
            let m = m.as_ref()?;
            let tree = m.main.tree(which.get() - 1)?;
            let style = tree_view::Style { criterion: m.settings.criterion(), model: m.settings.model, regression: m.regression() };
            Some(tree_view::tree_view(tree, style))
        })
    };
    view! {
        <figure class="view" data-view="tree">
            <p class="tree-summary" id="tree-summary">{summary}</p>
            {body}
            <figcaption>{texts::TREE_CAPTION}</figcaption>
        </figure>
    }
}

/// The forest benchmark in the browser: 100 trees on 400 points with two features, no depth
/// limit, √p features per split; `reps` fits, every one's milliseconds.
pub fn bench_forest_fit(reps: usize) -> Vec<f64> {
    (0..reps)
        .map(|i| {
            let start = now_ms();
            let _ = hyperlab_ml::trees::bench::forest_fit(i as u64);
            now_ms() - start
        })
        .collect()
}

/// The decision map benchmark: the 100 × 100 map through a fitted 100-tree forest, `reps` times.
pub fn bench_map(reps: usize) -> Vec<f64> {
    let forest = hyperlab_ml::trees::bench::forest_fit(0);
    (0..reps)
        .map(|_| {
            let start = now_ms();
            let _ = hyperlab_ml::trees::bench::decision_map(&forest);
            now_ms() - start
        })
        .collect()
}
