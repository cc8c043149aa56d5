//! The regularization lab: L1, L2 and elastic net on polynomial regression, where λ and the
//! degree trade underfitting against overfitting. Every chart is refitted on each change.

mod challenges;
mod charts;
pub mod state;

use crate::components::challenges::ChallengePanel;
use crate::components::controls::Control;
use crate::components::lab_shell::LabShell;
use crate::components::presets::PresetPicker;
use crate::labs::catalogue;
use crate::labs::LabMode;
use crate::plot::canvas::{Chart, DrawFn, Frame};
use crate::plot::ChartTheme;
use crate::runner::now_ms;
use crate::theme::ThemeMode;
use crate::url_state::UrlParams;
use challenges::{RegSnapshot, CHALLENGES};
use hyperlab_ml::data::Truth;
use hyperlab_ml::params::{format_number, ParamState};
use hyperlab_ml::regularization::{refit_all, Refit, RefitSettings};
use leptos::prelude::*;
use state::{PRESETS, SCHEMA, SLUG};
use std::rc::Rc;

fn settings_of(p: &ParamState) -> RefitSettings {
    RefitSettings {
        truth: Truth::from_slug(p.choice_slug("truth")).unwrap_or(Truth::Sine),
        noise: p.float("noise"),
        n_points: p.int("n").max(2) as usize,
        seed: p.int("seed").max(0) as u64,
        degree: p.int("degree").clamp(1, 15) as usize,
        alpha: p.float("lambda"),
        l1_ratio: p.float("l1"),
        standardize: p.flag("std"),
        fit_intercept: p.flag("intercept"),
        ..RefitSettings::default()
    }
}

fn snapshot(s: &RefitSettings, r: &Refit) -> RegSnapshot {
    RegSnapshot {
        degree: s.degree,
        alpha: s.alpha,
        l1_ratio: s.l1_ratio,
        nonzero: r.fit.coef.len() - r.zero_count,
        train_mse: r.train_mse,
        validation_mse: r.validation_mse,
        degree3_validation_mse: r.degrees.validation_mse.get(2).copied().unwrap_or(f64::INFINITY),
        validation_r2: r.validation_r2,
        max_abs_coef: r.fit.coef.iter().fold(0.0f64, |m, c| m.max(c.abs())),
    }
}

fn model_name(l1: f64) -> &'static str {
    if l1 == 0.0 {
        "Ridge (L2)"
    } else if l1 == 1.0 {
        "Lasso (L1)"
    } else {
        "Elastic net (L1 + L2)"
    }
}

#[component]
pub fn RegularizationLab(mode: LabMode) -> impl IntoView {
    let (url, notices) = UrlParams::from_location(&SCHEMA);
    let params = url.params;
    let settings = Memo::new(move |_| params.with(settings_of));
    let refit = Memo::new(move |_| refit_all(&settings.get()).map_err(|e| e.to_string()));
    let live = Memo::new(move |_| refit.with(|r| r.as_ref().ok().map(|r| snapshot(&settings.get(), r))));

    // Draw functions read the refit; a failed refit leaves an empty chart and a notice.
    let chart = |f: fn(&Frame, &Refit, &RefitSettings) -> Option<crate::plot::canvas::PlotMapping>| -> DrawFn {
        Rc::new(move |frame| {
            let s = settings.get();
            refit.with(|r| match r {
                Ok(r) => f(frame, r, &s),
                Err(_) => {
                    let root = frame.area()?;
                    root.fill(&frame.theme.background).ok()?;
                    None
                }
            })
        })
    };
    let text = move |f: fn(&Refit, &RefitSettings) -> String| {
        Signal::derive(move || refit.with(|r| match r {
            Ok(r) => f(r, &settings.get()),
            Err(e) => format!("No model: {e}"),
        }))
    };
    let draw_fit = chart(|f, r, _| charts::draw_fit(f, r));
    let draw_coefs = chart(|f, r, _| charts::draw_coefficients(f, r));
    let draw_path = chart(|f, r, s| charts::draw_path(f, r, s.alpha));
    let draw_alpha = chart(|f, r, s| charts::draw_error_vs_alpha(f, r, s.alpha));
    let draw_degree = chart(|f, r, s| charts::draw_error_vs_degree(f, r, s.degree));

    let controls = view! {
        <PresetPicker presets=PRESETS state=url/>
        {SCHEMA.iter().map(|spec| view! { <Control spec state=url/> }).collect_view()}
        <p class="control-help">"λ is scikit-learn's α: the model minimizes (1/2n)·‖y − Xw‖² + λ·ρ·‖w‖₁ + λ·(1 − ρ)/2·‖w‖², with ρ the L1 ratio (ElasticNet's parameterization). So ρ = 0 here equals scikit-learn's Ridge(alpha = λ·n) on the n training points."</p>
    }
    .into_any();

    let status = move || {
        refit.with(|r| match r {
            Ok(r) => {
                let s = settings.get();
                let gap = r.validation_mse - r.train_mse;
                let verdict = if r.validation_mse > 2.0 * r.train_mse.max(1e-12) && gap > 0.05 {
                    "Overfitting: the validation error is far above the training error."
                } else if r.validation_r2 < 0.5 {
                    "Underfitting: the model misses the shape even on its training data."
                } else {
                    "A reasonable fit: training and validation errors are close and low."
                };
                view! {
                    <p><strong>{format!("{} · degree {} · λ = {}", model_name(s.l1_ratio), s.degree, format_number(s.alpha))}</strong></p>
                    <p>{format!("Training MSE {} · validation MSE {} · validation R² {} · {} of {} coefficients exactly zero", format_number(r.train_mse), format_number(r.validation_mse), format_number(r.validation_r2), r.zero_count, r.fit.coef.len())}</p>
                    <p class="regime-explain">{verdict}</p>
                }
                .into_any()
            }
            Err(e) => view! { <p class="diverged-help"><strong>"Can't fit: "</strong>{e.clone()}</p> }.into_any(),
        })
    };
    let views = view! {
        <figure class="view">
            <Chart name="fit" summary=text(|r, _| charts::fit_summary(r)) aspect=0.62 draw=draw_fit/>
            <figcaption>"The model (blue) against the points it was trained on (filled) and the held-out validation points (hollow triangles); the dashed line is the truth. Raise the degree and watch it wiggle through the noise; raise λ and watch it calm down."</figcaption>
        </figure>
        <div id="reg-status" class="run-status" role="status" data-ok=move || refit.with(|r| r.is_ok()).to_string()>{status}</div>
        <figure class="view">
            <Chart name="coefficients" summary=text(|r, _| charts::coefficients_summary(r)) aspect=0.55 draw=draw_coefs/>
            <figcaption>"The learned coefficients (the model's parameters). Ridge shrinks them all smoothly; Lasso sets some exactly to zero (crosses): feature selection."</figcaption>
        </figure>
        <figure class="view">
            <Chart name="path" summary=text(|r, s| charts::path_summary(r, s.alpha)) aspect=0.55 draw=draw_path/>
            <figcaption>"The regularization path: every coefficient as λ sweeps from 0.00001 to 100 (warm-started fits). The vertical line is your λ. Read it right to left: features enter the model as the penalty relaxes."</figcaption>
        </figure>
        <figure class="view">
            <Chart name="error-vs-lambda" summary=text(|r, s| charts::curves_summary(r, s.alpha, s.degree)) aspect=0.55 draw=draw_alpha/>
            <figcaption>"Validation curve against λ: training error only rises with λ, validation error is U-shaped. Its minimum is the λ a search would pick."</figcaption>
        </figure>
        <figure class="view">
            <Chart name="error-vs-degree" summary=text(|r, s| charts::curves_summary(r, s.alpha, s.degree)) aspect=0.55 draw=draw_degree/>
            <figcaption>"Validation curve against capacity (degree) at your λ, in the same colours as the λ chart: training error keeps falling, validation error is U-shaped. Test error = training error + the generalization gap."</figcaption>
        </figure>
    }
    .into_any();
    let on_setup = Callback::new(move |query: &'static str| params.set(ParamState::from_query(&SCHEMA, query).0));
    let challenges = view! { <ChallengePanel challenges=&CHALLENGES state=Signal::derive(move || live.get()) on_setup=on_setup/> }.into_any();
    let title = catalogue::find(SLUG).map_or("Regularization", |m| m.title);
    view! { <LabShell mode slug=SLUG title intro=INTRO notices state=url controls views challenges/> }
}

const INTRO: &str = "Fit a polynomial to noisy points. Its degree is the model's capacity; the penalty λ limits how large its coefficients may grow. Too little capacity or too much penalty underfits; too much capacity and too little penalty overfits. Ridge (L2) shrinks every coefficient, Lasso (L1) sets some to exactly zero, and elastic net mixes the two.";


/// The benchmark: refit at degree 15 on 200 points (50-λ path and both validation curves) and
/// redraw all five charts on a 640 px canvas. Returns every repetition's milliseconds.
pub fn bench_refit_and_redraw(reps: usize) -> Vec<f64> {
    let Some(canvas) = document().create_element("canvas").ok().and_then(|c| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlCanvasElement>(c).ok()) else { return Vec::new() };
    canvas.set_width(640);
    canvas.set_height(360);
    let frame = Frame { canvas, width: 640, height: 360, dpr: 1.0, theme: ChartTheme::for_mode(ThemeMode::Light) };
    let base = RefitSettings::bench();
    (0..reps)
        .map(|i| {
            // A different λ each time, as a slider move would give.
            let s = RefitSettings { alpha: base.alpha * (1.0 + (i % 7) as f64 * 0.1), ..base };
            let start = now_ms();
            if let Ok(r) = refit_all(&s) {
                charts::draw_fit(&frame, &r);
                charts::draw_coefficients(&frame, &r);
                charts::draw_path(&frame, &r, s.alpha);
                charts::draw_error_vs_alpha(&frame, &r, s.alpha);
                charts::draw_error_vs_degree(&frame, &r, s.degree);
            }
            now_ms() - start
        })
        .collect()
}
