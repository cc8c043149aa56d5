//! The cross-validation lab: folds you can see, each fold's model and score, how the estimate's
//! bias and spread depend on k, and how leakage makes an estimate lie. The model, texts,
//! presets and challenges live in the core (`hyperlab_ml::labs::cross_validation`); this module
//! wires them to signals and draws them.

mod charts;
mod sections;

use crate::components::challenges::ChallengePanel;
use crate::components::controls::Control;
use crate::components::lab_shell::{LabShell, Later};
use crate::components::presets::PresetPicker;
use crate::labs::LabMode;
use crate::plot::canvas::{Chart, DrawFn};
use crate::url_state::UrlParams;
use hyperlab_ml::labs::cross_validation::{self as cv_lab, status, CvRun, CvSnapshot, Settings, CHALLENGES, GRID_CAPTION, INTRO, SCHEMA, SCORES_CAPTION, SLUG};
use hyperlab_ml::schema::{ParamSpec, ParamState};
use crate::components::lab_view::shown_view;
use leptos::prelude::*;
use std::rc::Rc;


/// The schema entry the experiment section shows instead of the control panel.
const EXPERIMENT_KEY: &str = "xloo";

fn spec(key: &str) -> &'static ParamSpec {
    SCHEMA.iter().find(|s| s.key == key).expect("the lab's schema has this key")
}

/// Whether a control applies to the current settings (hidden when it does not).
fn applies(key: &str, s: &Settings) -> bool {
    match key {
        "minority" => s.is_classification(),
        "repeats" => s.split == cv_lab::SplitKind::Repeated,
        "k" => s.uses_k(),
        "shuffle" => s.uses_shuffle(),
        _ => true,
    }
}

fn controls_view(url: UrlParams, settings: Memo<Settings>) -> AnyView {
    let knobs = SCHEMA
        .iter()
        .filter(|spec| spec.key != EXPERIMENT_KEY)
        .map(|spec| {
            if spec.key == "k" {
                // The Folds help depends on the splitter: re-render only when the splitter changes.
                let split = Memo::new(move |_| settings.with(|s| s.split));
                view! { <Show when=move || settings.with(|s| applies(spec.key, s))>{move || view! { <Control spec=cv_lab::folds_spec(split.get()) state=url/> }}</Show> }.into_any()
            } else {
                view! { <Show when=move || settings.with(|s| applies(spec.key, s))><Control spec state=url/></Show> }.into_any()
            }
        })
        .collect_view();
    view! { <PresetPicker presets=&cv_lab::PRESETS state=url/>{knobs} }.into_any()
}

fn status_view(run: Memo<CvRun>) -> impl IntoView {
    view! {
        <div id="cv-status" class="run-status" role="status" data-error=move || run.with(|r| r.error.is_some()).to_string()>
            {move || run.with(|r| {
                let st = status(r);
                if r.error.is_some() {
                    view! { <p class="diverged-help"><strong>{st.headline}</strong></p> }.into_any()
                } else {
                    view! { <p><strong>{st.headline}</strong></p><p class="regime-explain">{st.explanation}</p> }.into_any()
                }
            })}
        </div>
    }
}

#[component]
pub fn CrossValidationLab(mode: LabMode) -> impl IntoView {
    let (url, notices) = UrlParams::from_location(&SCHEMA);
    let params = url.params;
    let settings = Memo::new(move |_| params.with(Settings::from_params));
    let run = Memo::new(move |_| settings.with(CvRun::new));
    let experiment = sections::ExperimentState::new();

    let snapshot = Memo::new(move |_| {
        let s = settings.get();
        let r = run.get();
        r.summary.is_some().then(|| CvSnapshot { settings: s, run: r, experiment: experiment.finished_for(&s) })
    });

    let draw_grid: DrawFn = Rc::new(move |frame| run.with(|r| charts::draw_grid(frame, &r.grid)));
    let grid_height = Signal::derive(move || run.with(|r| charts::grid_height(&r.grid)));
    let grid_text = Signal::derive(move || run.with(|r| match &r.summary {
        Some(s) => cv_lab::grid_summary(&r.grid, s.mean, s.std),
        None => r.error.clone().unwrap_or_default(),
    }));
    let draw_scores: DrawFn = Rc::new(move |frame| run.with(|r| charts::draw_scores(frame, r)));
    let scores_text = Signal::derive(move || run.with(cv_lab::scores_summary));

    let title = hyperlab_ml::labs::cross_validation::META.title;
    let on_setup = Callback::new(move |query: &'static str| params.set(ParamState::from_query(&SCHEMA, query).0));
    let views = view! {
        {shown_view("folds", move || view! {
        <figure class="view view-wide">
            <Chart name="folds" summary=grid_text aspect=0.5 height=grid_height draw=draw_grid/>
            <figcaption>{GRID_CAPTION}</figcaption>
        </figure>
        {status_view(run)}
        })}
        {shown_view("scores", move || view! {
        <figure class="view">
            <Chart name="scores" summary=scores_text aspect=0.5 draw=draw_scores/>
            <figcaption>{SCORES_CAPTION}</figcaption>
        </figure>
        })}
        {shown_view("experiment", move || view! {{sections::experiment_view(experiment, settings, url, spec(EXPERIMENT_KEY))}})}
        {shown_view("leakage", move || view! {{sections::leakage_view(settings)}})}
    }
    .into_any();
    let controls = Later::new(move || controls_view(url, settings));
    let challenges = Later::new(move || view! {
        <ChallengePanel challenges=&CHALLENGES state=Signal::derive(move || snapshot.get()) on_setup=on_setup/>
    }.into_any());
    view! { <LabShell mode slug=SLUG title intro=INTRO notices state=url controls views challenges/> }
}
