//! The regularization lab: L1, L2 and elastic net on polynomial regression, where λ and the
//! degree trade underfitting against overfitting. The model, its verdict and every sentence
//! about it come from the core (`hyperlab_ml::labs::regularization`); this wires the URL state to
//! it and draws it.

mod charts;
pub mod state;

use crate::components::challenges::ChallengePanel;
use crate::components::controls::Control;
use crate::components::lab_shell::{LabShell, Later};
use crate::components::presets::PresetPicker;
use crate::labs::LabMode;
use crate::plot::canvas::{Chart, DrawFn, Frame, PlotMapping};
use crate::plot::ChartTheme;
use crate::runner::now_ms;
use crate::theme::ThemeMode;
use crate::url_state::UrlParams;
use hyperlab_ml::labs::regularization::{self as core, Model, Settings, CHALLENGES, INTRO, PARAMETERIZATION};
use hyperlab_ml::schema::ParamState;
use crate::components::lab_view::shown_view;
use leptos::prelude::*;
use state::{PRESETS, SCHEMA, SLUG};
use std::rc::Rc;

type ModelResult = Result<Model, String>;

/// A chart's draw function over the current model; a failed refit leaves an empty chart.
fn chart_of(model: Memo<ModelResult>, draw: fn(&Frame, &Model) -> Option<PlotMapping>) -> DrawFn {
    Rc::new(move |frame| {
        model.with(|m| match m {
            Ok(m) => draw(frame, m),
            Err(_) => {
                frame.area()?.fill(&frame.theme.background).ok()?;
                None
            }
        })
    })
}

/// A text chosen by the core from the current model.
fn text_of(model: Memo<ModelResult>, text: fn(&Model) -> String) -> Signal<String> {
    Signal::derive(move || model.with(|m| match m {
        Ok(m) => text(m),
        Err(e) => format!("No model: {e}"),
    }))
}

/// The verdict and its numbers. In an embed the measurements behind the verdict fold away
/// under a summary, so the primary view and its verdict fit a blog column's first screen.
fn status(model: Memo<ModelResult>, mode: LabMode) -> impl IntoView {
    move || {
        model.with(|m| match m {
            Ok(m) => {
                let verdict = m.diagnosis.verdict;
                view! {
                    <p><strong>{core::model_line(&m.settings)}</strong></p>
                    <p>{core::scores_line(&m.refit)}</p>
                    <p class="regime-explain" data-verdict=format!("{verdict:?}")><strong>{verdict.title()}": "</strong>{verdict.explanation()}</p>
                    {core::bias_from_too_few_points(m).map(|note| view! { <p class="regime-explain">{note}</p> })}
                    {match mode {
                        LabMode::Page => view! { <p>{core::diagnosis_line(&m.diagnosis)}</p> }.into_any(),
                        LabMode::Embed => view! {
                            <details class="diagnosis"><summary>"How the verdict is measured"</summary><p>{core::diagnosis_line(&m.diagnosis)}</p></details>
                        }.into_any(),
                    }}
                }
                .into_any()
            }
            Err(e) => view! { <p class="diverged-help"><strong>"Can't fit: "</strong>{e.clone()}</p> }.into_any(),
        })
    }
}

#[component]
pub fn RegularizationLab(mode: LabMode) -> impl IntoView {
    let (url, notices) = UrlParams::from_location(&SCHEMA);
    let params = url.params;
    let settings = Memo::new(move |_| params.with(Settings::from_params));
    let model = Memo::new(move |_| Model::new(settings.get()).map_err(|e| e.to_string()));
    let live = Memo::new(move |_| model.with(|m| m.as_ref().ok().map(Model::snapshot)));

    let controls = Later::new(move || view! {
        <PresetPicker presets=&PRESETS state=url/>
        {SCHEMA.iter().map(|spec| view! { <Control spec state=url/> }).collect_view()}
        <p class="control-help">{PARAMETERIZATION}</p>
    }.into_any());

    let caption = |text: fn(&Model) -> String| text_of(model, text);
    let views = view! {
        {shown_view("fit", move || view! {
        <figure class="view">
            <Chart name="fit" summary=text_of(model, |m| core::fit_summary(m)) aspect=0.62 draw=chart_of(model, charts::draw_fit)/>
            <figcaption>{core::FIT_CAPTION}</figcaption>
        </figure>
        <div id="reg-status" class="run-status" role="status" data-ok=move || model.with(|m| m.is_ok()).to_string()>{status(model, mode)}</div>
        })}
        {shown_view("coefficients", move || view! {
        <figure class="view">
            <Chart name="coefficients" summary=text_of(model, |m| core::coefficients_summary(&m.refit)) aspect=0.55 draw=chart_of(model, charts::draw_coefficients)/>
            <figcaption>{move || core::coefficients_caption(&settings.get())}</figcaption>
        </figure>
        })}
        {shown_view("path", move || view! {
        <figure class="view">
            <Chart name="path" summary=text_of(model, |m| core::path_summary(&m.refit, m.settings.lambda)) aspect=0.55 draw=chart_of(model, charts::draw_path)/>
            <figcaption>{caption(|m| core::path_caption(&m.settings, &m.refit))}</figcaption>
        </figure>
        })}
        {shown_view("error-vs-lambda", move || view! {
        <figure class="view">
            <Chart name="error-vs-lambda" summary=text_of(model, |m| core::curves_summary(&m.refit, &m.settings)) aspect=0.55 draw=chart_of(model, charts::draw_error_vs_alpha)/>
            <figcaption>{caption(|m| core::lambda_caption(m))}</figcaption>
        </figure>
        })}
        {shown_view("error-vs-degree", move || view! {
        <figure class="view">
            <Chart name="error-vs-degree" summary=text_of(model, |m| core::curves_summary(&m.refit, &m.settings)) aspect=0.55 draw=chart_of(model, charts::draw_error_vs_degree)/>
            <figcaption>{caption(|m| core::degree_caption(m))}</figcaption>
        </figure>
        })}
    }
    .into_any();
    let on_setup = Callback::new(move |query: &'static str| params.set(ParamState::from_query(&SCHEMA, query).0));
    let challenges = Later::new(move || view! { <ChallengePanel challenges=&CHALLENGES state=Signal::derive(move || live.get()) on_setup=on_setup/> }.into_any());
    let title = hyperlab_ml::labs::regularization::META.title;
    view! { <LabShell mode slug=SLUG title intro=INTRO notices state=url controls views challenges/> }
}

/// The benchmark: refit at degree 15 on 200 points (50-λ path and both validation curves) and
/// redraw all five charts on a 640 px canvas. Returns every repetition's milliseconds.
pub fn bench_refit_and_redraw(reps: usize) -> Vec<f64> {
    let Some(canvas) = crate::plot::heatmap::offscreen_canvas() else { return Vec::new() };
    canvas.set_width(640);
    canvas.set_height(360);
    let frame = Frame { canvas, width: 640, height: 360, dpr: 1.0, theme: ChartTheme::for_mode(ThemeMode::Light) };
    let base = Settings { n_points: 200, degree: 15, l1_ratio: 0.5, ..Settings::default() };
    (0..reps)
        .map(|i| {
            // A different λ each time, as a slider move would give.
            let s = Settings { lambda: base.lambda * (1.0 + (i % 7) as f64 * 0.1), ..base };
            let start = now_ms();
            if let Ok(m) = Model::new(s) {
                charts::draw_fit(&frame, &m);
                charts::draw_coefficients(&frame, &m);
                charts::draw_path(&frame, &m);
                charts::draw_error_vs_alpha(&frame, &m);
                charts::draw_error_vs_degree(&frame, &m);
            }
            now_ms() - start
        })
        .collect()
}
