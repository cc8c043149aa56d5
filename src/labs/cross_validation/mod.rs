//! The cross-validation lab: folds you can see, each fold's model and score, how the estimate's
//! spread depends on k, and how leakage makes an estimate lie.

mod challenges;
mod charts;
pub mod state;

use crate::components::challenges::ChallengePanel;
use crate::components::controls::Control;
use crate::components::lab_shell::LabShell;
use crate::labs::catalogue;
use crate::labs::LabMode;
use crate::plot::canvas::{Chart, DrawFn};
use crate::runner::{now_ms, Stepper};
use crate::url_state::UrlParams;
use challenges::CHALLENGES;
use charts::{FoldRow, GridData, MiniModel, MAX_ROWS};
use hyperlab_ml::classify::{accuracy, two_classes, Logistic};
use hyperlab_ml::cv::{CvSummary, ExperimentSummary, Folds, Splitter};
use hyperlab_ml::cv_models::{self, leakage_resample, LeakageResample, PolyRidge};
use hyperlab_ml::data::{DataParams, Truth};
use hyperlab_ml::params::{format_number, ParamState};
use leptos::prelude::*;
use ndarray::Array1;
use state::{is_classification, splitter_of, CvSnapshot, SCHEMA, SLUG};
use std::rc::Rc;

const TEST_FRACTION: f64 = 0.2;
const REGRESSION_NOISE: f64 = 0.3;
const RIDGE_ALPHA: f64 = 1e-3;
const LOGISTIC_ALPHA: f64 = 0.1;
pub const EXPERIMENT_RESAMPLES: usize = 200;
pub const EXPERIMENT_POINTS: usize = 100;
const LEAKAGE_RESAMPLES: usize = 60;

/// The data: x, a target (y for regression, the class for classification), classes if any.
#[derive(Clone, Debug, PartialEq)]
struct Data {
    x: Vec<f64>,
    y: Vec<f64>,
    classes: Option<Vec<usize>>,
}

fn data_of(p: &ParamState) -> Data {
    let n = p.int("n").max(2) as usize;
    let seed = p.int("seed").max(0) as u64;
    if is_classification(p) {
        let d = two_classes(n, p.float("minority"), 2.0, p.flag("sorted"), seed);
        Data { y: d.labels.iter().map(|&c| c as f64).collect(), x: d.x, classes: Some(d.labels) }
    } else {
        let d = DataParams { truth: Truth::Sine, noise: REGRESSION_NOISE, n_points: n, seed }.generate().unwrap_or_default();
        let mut pairs: Vec<(f64, f64)> = d.x.iter().copied().zip(d.y.iter().copied()).collect();
        if p.flag("sorted") {
            pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
        }
        Data { x: pairs.iter().map(|p| p.0).collect(), y: pairs.iter().map(|p| p.1).collect(), classes: None }
    }
}

/// Everything the grid, scores and challenges show for the current settings.
#[derive(Clone, Debug, PartialEq)]
struct CvResult {
    grid: GridData,
    summary: Option<CvSummary>,
    test_score: Option<f64>,
    error: Option<String>,
    minority_per_fold: Vec<usize>,
    minority_total: usize,
}

fn pick<T: Copy>(v: &[T], idx: &[usize]) -> Vec<T> {
    idx.iter().map(|&i| v[i]).collect()
}

/// Fits the fold's model on `train` and scores it on `test` (both indices into `data`).
fn fit_and_score(p: &ParamState, data: &Data, train: &[usize], test: &[usize]) -> (f64, MiniModel) {
    if let Some(classes) = &data.classes {
        let m = Logistic::fit(&pick(&data.x, train), &pick(classes, train), LOGISTIC_ALPHA);
        let (xt, ct) = (pick(&data.x, test), pick(classes, test));
        (accuracy(&m, &xt, &ct), MiniModel::Boundary { boundary: m.boundary(), points: xt.into_iter().zip(ct).collect() })
    } else {
        let model = PolyRidge { degree: p.int("degree").clamp(1, 10) as usize, alpha: RIDGE_ALPHA, standardize: true };
        let (xt, yt) = (Array1::from(pick(&data.x, train)), Array1::from(pick(&data.y, train)));
        let (xv, yv) = (Array1::from(pick(&data.x, test)), Array1::from(pick(&data.y, test)));
        match model.fit(xt.view(), yt.view()) {
            Some(m) => {
                let grid: Array1<f64> = (0..40).map(|i| -1.0 + 2.0 * i as f64 / 39.0).collect();
                let curve = grid.iter().copied().zip(m.predict(grid.view())).collect();
                (m.mse(xv.view(), yv.view()), MiniModel::Curve { curve, points: xv.iter().copied().zip(yv.iter().copied()).collect() })
            }
            None => (f64::NAN, MiniModel::Curve { curve: Vec::new(), points: Vec::new() }),
        }
    }
}

fn compute(p: &ParamState) -> CvResult {
    let data = data_of(p);
    let n = data.x.len();
    let seed = p.int("seed").max(0) as u64;
    // The final test set never enters any fold.
    let (dev, test): (Vec<usize>, Vec<usize>) = if p.flag("test") {
        match (Splitter::HoldOut { test_fraction: TEST_FRACTION, seed: seed ^ 0x7E57 }).splits(n, None) {
            Ok(s) if !s.is_empty() => (s[0].train.clone(), s[0].test.clone()),
            _ => ((0..n).collect(), Vec::new()),
        }
    } else {
        ((0..n).collect(), Vec::new())
    };
    let mut is_test = vec![false; n];
    test.iter().for_each(|&i| is_test[i] = true);
    let dev_classes = data.classes.as_ref().map(|c| pick(c, &dev));
    let score_name = if data.classes.is_some() { "accuracy" } else { "validation MSE" };
    let mut grid = GridData { test: is_test, classes: data.classes.clone(), rows: Vec::new(), hidden: 0, score_name };
    let splitter = splitter_of(p);
    let splits = match splitter.splits(dev.len(), dev_classes.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            let error = if splitter.needs_labels() && data.classes.is_none() {
                "Stratified folds need classes: switch the task to classification.".to_string()
            } else {
                e.to_string()
            };
            return CvResult { grid, summary: None, test_score: None, error: Some(error), minority_per_fold: Vec::new(), minority_total: 0 };
        }
    };
    let per_repeat = splits.len() / splitter.repeats().max(1);
    let mut scores = Vec::with_capacity(splits.len());
    let mut minority_per_fold = Vec::new();
    for (i, split) in splits.iter().enumerate() {
        let train: Vec<usize> = split.train.iter().map(|&j| dev[j]).collect();
        let val: Vec<usize> = split.test.iter().map(|&j| dev[j]).collect();
        let (score, model) = fit_and_score(p, &data, &train, &val);
        scores.push(score);
        if let Some(c) = &data.classes {
            minority_per_fold.push(val.iter().filter(|&&j| c[j] == 1).count());
        }
        if grid.rows.len() < MAX_ROWS {
            let mut validation = vec![false; n];
            val.iter().for_each(|&j| validation[j] = true);
            let label = if splitter.repeats() > 1 { format!("R{} F{}", i / per_repeat + 1, i % per_repeat + 1) } else { format!("Split {}", i + 1) };
            grid.rows.push(FoldRow { label, validation, score, model });
        } else {
            grid.hidden += 1;
        }
    }
    let test_score = (!test.is_empty()).then(|| fit_and_score(p, &data, &dev, &test).0);
    let minority_total = data.classes.as_ref().map_or(0, |c| dev.iter().filter(|&&j| c[j] == 1).count());
    CvResult { grid, summary: CvSummary::from_scores(&scores), test_score, error: None, minority_per_fold, minority_total }
}

/// Mean of each leakage estimate over the resamples done.
fn leakage_means(rs: &[LeakageResample]) -> Option<LeakageResample> {
    if rs.is_empty() {
        return None;
    }
    let m = |f: fn(&LeakageResample) -> f64| rs.iter().map(f).sum::<f64>() / rs.len() as f64;
    Some(LeakageResample {
        scaling_honest: m(|r| r.scaling_honest),
        scaling_leaky: m(|r| r.scaling_leaky),
        scaling_true: m(|r| r.scaling_true),
        tuning_leaky: m(|r| r.tuning_leaky),
        tuning_nested: m(|r| r.tuning_nested),
        tuning_true: m(|r| r.tuning_true),
    })
}

#[component]
pub fn CrossValidationLab(mode: LabMode) -> impl IntoView {
    let (url, notices) = UrlParams::from_location(&SCHEMA);
    let params = url.params;
    let result = Memo::new(move |_| params.with(compute));
    let seed = Memo::new(move |_| params.with(|p| p.int("seed").max(0) as u64));

    // The k-comparison experiment, one resample per step, spread over frames.
    type Experiment = Box<dyn Iterator<Item = hyperlab_ml::cv::Resample>>;
    let experiment: StoredValue<Option<(Experiment, Box<dyn Fn() -> Option<ExperimentSummary>>)>, LocalStorage> = StoredValue::new_local(None);
    let experiment_summary: RwSignal<Option<ExperimentSummary>> = RwSignal::new(None);
    let experiment_done = RwSignal::new(0usize);
    let include_loo = RwSignal::new(false);
    let experiment_stepper = Stepper::new(8.0, move |deadline| {
        let mut more = true;
        experiment.update_value(|slot| {
            let Some((iter, _)) = slot.as_mut() else { more = false; return };
            while now_ms() < deadline {
                if iter.next().is_none() {
                    more = false;
                    break;
                }
                experiment_done.update(|d| *d += 1);
            }
        });
        experiment.with_value(|slot| {
            if let Some((_, summary)) = slot {
                experiment_summary.set(summary());
            }
        });
        more
    });
    let run_experiment = move |_| {
        let mut folds = vec![Folds::K(2), Folds::K(5), Folds::K(10)];
        if include_loo.get_untracked() {
            folds.push(Folds::LeaveOneOut);
        }
        let Some(e) = cv_models::k_comparison(EXPERIMENT_POINTS, EXPERIMENT_RESAMPLES, folds, seed.get_untracked()) else { return };
        // One shared experiment: the iterator steps it, the closure reads its summary.
        let shared = Rc::new(std::cell::RefCell::new(e));
        let stepping = shared.clone();
        let iter: Experiment = Box::new(std::iter::from_fn(move || stepping.borrow_mut().next()));
        let summary: Box<dyn Fn() -> Option<ExperimentSummary>> = Box::new(move || shared.borrow().summary());
        experiment_stepper.pause();
        experiment.set_value(Some((iter, summary)));
        experiment_done.set(0);
        experiment_summary.set(None);
        experiment_stepper.play();
    };

    // The leakage demos, likewise stepped.
    let leakage: RwSignal<Vec<LeakageResample>> = RwSignal::new(Vec::new());
    let leakage_stepper = Stepper::new(8.0, move |deadline| {
        let base = seed.get_untracked();
        let mut batch = Vec::new();
        let done = leakage.with_untracked(|l| l.len());
        let mut next = done;
        while next < LEAKAGE_RESAMPLES && now_ms() < deadline {
            if let Some(r) = leakage_resample(base, next) {
                batch.push(r);
            }
            next += 1;
        }
        leakage.update(|l| l.extend(batch));
        next < LEAKAGE_RESAMPLES
    });
    let run_leakage = move |_| {
        leakage_stepper.pause();
        leakage.set(Vec::new());
        leakage_stepper.play();
    };

    let snapshot = Memo::new(move |_| {
        let r = result.get();
        let s = r.summary.clone()?;
        Some(params.with(|p| CvSnapshot {
            classification: is_classification(p),
            splitter: splitter_of(p),
            n: p.int("n") as usize,
            sorted: p.flag("sorted"),
            shuffle: p.flag("shuffle"),
            minority_per_fold: r.minority_per_fold.clone(),
            minority_total: r.minority_total,
            scores: s.scores.clone(),
            mean: s.mean,
            std: s.std,
            experiment_spread: experiment_summary.with(|e| {
                e.as_ref().filter(|e| e.resamples == EXPERIMENT_RESAMPLES).map_or(Vec::new(), |e| e.per_folds.iter().map(|f| (f.folds.label(), f.std)).collect())
            }),
        }))
    });

    let draw_grid: DrawFn = Rc::new(move |frame| result.with(|r| charts::draw_grid(frame, &r.grid)));
    let grid_height = Signal::derive(move || result.with(|r| charts::grid_height(&r.grid)));
    let grid_text = Signal::derive(move || result.with(|r| match &r.summary {
        Some(s) => charts::grid_summary(&r.grid, s.mean, s.std),
        None => r.error.clone().unwrap_or_default(),
    }));
    let draw_scores: DrawFn = Rc::new(move |frame| {
        result.with(|r| match &r.summary {
            Some(s) => charts::draw_scores(frame, &s.scores, s.mean, s.std, r.test_score, r.grid.score_name),
            None => charts::draw_scores(frame, &[], 0.0, 0.0, None, r.grid.score_name),
        })
    });
    let scores_text = Signal::derive(move || result.with(|r| match &r.summary {
        Some(s) => format!(
            "Scores of the {} splits ({}): mean {} ± {}, from {} to {}.{}",
            s.scores.len(), r.grid.score_name, format_number(s.mean), format_number(s.std),
            format_number(s.scores.iter().copied().fold(f64::INFINITY, f64::min)),
            format_number(s.scores.iter().copied().fold(f64::NEG_INFINITY, f64::max)),
            r.test_score.map_or(String::new(), |t| format!(" Held-out test score: {}.", format_number(t)))
        ),
        None => "No scores: the splitter cannot split this data.".into(),
    }));
    let draw_experiment: DrawFn = Rc::new(move |frame| experiment_summary.with(|s| charts::draw_experiment(frame, s.as_ref())));
    let experiment_text = Signal::derive(move || experiment_summary.with(|s| charts::experiment_summary_text(s.as_ref(), EXPERIMENT_RESAMPLES)));

    let meta = catalogue::find(SLUG);
    let title = meta.map_or("Cross-validation", |m| m.title);
    let is_class = Memo::new(move |_| params.with(is_classification));
    let is_repeated = Memo::new(move |_| params.with(|p| p.choice_slug("split") == "repeated"));
    let controls = SCHEMA
        .iter()
        .map(|spec| {
            let when: Option<Memo<bool>> = match spec.key {
                "minority" => Some(is_class),
                "degree" => Some(Memo::new(move |_| !is_class.get())),
                "repeats" => Some(is_repeated),
                _ => None,
            };
            match when {
                Some(w) => view! { <Show when=move || w.get()><Control spec state=url/></Show> }.into_any(),
                None => view! { <Control spec state=url/> }.into_any(),
            }
        })
        .collect_view();
    let on_setup = Callback::new(move |query: &'static str| params.set(ParamState::from_query(&SCHEMA, query).0));

    let views = view! {
        <figure class="view view-wide">
            <Chart name="folds" summary=grid_text aspect=0.5 height=grid_height draw=draw_grid/>
            <figcaption>"One row per split, one cell per sample in the data's order. Orange cells are that split's validation fold, blue its training data. Beside each row: the model trained on that split, drawn small, and its validation score."</figcaption>
        </figure>
        <div id="cv-status" class="run-status" role="status" data-error=move || result.with(|r| r.error.is_some()).to_string()>
            {move || result.with(|r| match (&r.error, &r.summary) {
                (Some(e), _) => view! { <p class="diverged-help"><strong>"Can't split: "</strong>{e.clone()}</p> }.into_any(),
                (None, Some(s)) => view! {
                    <p><strong>{format!("Estimate: {} = {} ± {}", r.grid.score_name, format_number(s.mean), format_number(s.std))}</strong>
                    {format!(" over {} splits.", s.scores.len())}</p>
                    <p class="regime-explain">"The mean is the estimate; the spread (standard deviation) says how much it depends on which points landed in which fold."</p>
                }.into_any(),
                _ => ().into_any(),
            })}
        </div>
        <figure class="view">
            <Chart name="scores" summary=scores_text aspect=0.5 draw=draw_scores/>
            <figcaption>"Each split's validation score, their mean and a ±1 standard deviation band. With a held-out test set, the dashed line is the score of a model trained on all the cross-validation data and tested once on the untouched 20 %."</figcaption>
        </figure>
        <section class="view experiment" aria-labelledby="exp-heading">
            <h2 id="exp-heading">"Why 5 or 10 folds?"</h2>
            <p>{format!("Draw {EXPERIMENT_POINTS} fresh points {EXPERIMENT_RESAMPLES} times from a known noisy sine, estimate a degree-5 ridge model's error by k-fold CV each time, and compare with its true error (known, because we know the generator).")}</p>
            <div class="experiment-controls">
                <button id="run-experiment" type="button" class="button primary" on:click=run_experiment>"Run the experiment"</button>
                <label class="inline-check"><input type="checkbox" prop:checked=move || include_loo.get() on:change=move |ev| include_loo.set(event_target_checked(&ev))/>" include leave-one-out (100 fits per resample)"</label>
                <progress max=EXPERIMENT_RESAMPLES.to_string() prop:value=move || experiment_done.get().to_string() aria-label="Experiment progress"></progress>
                <span>{move || format!("{} / {EXPERIMENT_RESAMPLES}", experiment_done.get())}</span>
            </div>
            <Chart name="experiment" summary=experiment_text aspect=0.5 draw=draw_experiment/>
            <p class="figure-note">"Green dots: each resample's true error (dashed: their mean). Blue: the CV estimates; orange: their mean ± 1 std. Small k trains on less data, so it overestimates the error (pessimistic bias); large k costs more fits and its estimates barely get steadier. 5 or 10 folds is the usual compromise."</p>
            <Show when=move || experiment_summary.with(|s| s.is_some())>
                <table class="numbers">
                    <caption>"Estimate vs truth"</caption>
                    <thead><tr><th scope="col">"folds"</th><th scope="col">"mean estimate"</th><th scope="col">"spread (std)"</th><th scope="col">"bias"</th><th scope="col">"fits"</th></tr></thead>
                    <tbody>{move || experiment_summary.with(|s| s.as_ref().map(|s| s.per_folds.iter().map(|f| view! {
                        <tr><th scope="row">{f.folds.label()}</th><td>{format_number(f.mean)}</td><td>{format_number(f.std)}</td><td>{format!("{:+.4}", f.bias)}</td><td>{f.fits}</td></tr>
                    }).collect_view()))}</tbody>
                </table>
            </Show>
        </section>
        <section class="view experiment" aria-labelledby="leak-heading">
            <h2 id="leak-heading">"Leakage: when an estimate lies"</h2>
            <p>{format!("A degree-{} polynomial on {} points, 5-fold CV, averaged over {LEAKAGE_RESAMPLES} data sets. Each estimate sits next to the true error it tries to estimate.", cv_models::LEAKAGE_DEGREE, cv_models::LEAKAGE_POINTS)}</p>
            <div class="experiment-controls">
                <button id="run-leakage" type="button" class="button primary" on:click=run_leakage>"Run the leakage demos"</button>
                <progress max=LEAKAGE_RESAMPLES.to_string() prop:value=move || leakage.with(|l| l.len()).to_string() aria-label="Leakage demo progress"></progress>
            </div>
            {move || leakage.with(|l| leakage_means(l)).map(|m| view! {
                <table class="numbers" id="leakage-table">
                    <caption>{move || format!("Mean over {} data sets (mean squared error)", leakage.with(|l| l.len()))}</caption>
                    <thead><tr><th scope="col">"procedure"</th><th scope="col">"estimate"</th><th scope="col">"true error"</th><th scope="col">"estimate − truth"</th></tr></thead>
                    <tbody>
                        <tr><th scope="row">"Scaler fitted inside each fold (honest)"</th><td>{format_number(m.scaling_honest)}</td><td>{format_number(m.scaling_true)}</td><td>{format!("{:+.4}", m.scaling_honest - m.scaling_true)}</td></tr>
                        <tr><th scope="row">"Scaler fitted on all data (leaky)"</th><td>{format_number(m.scaling_leaky)}</td><td>{format_number(m.scaling_true)}</td><td>{format!("{:+.4}", m.scaling_leaky - m.scaling_true)}</td></tr>
                        <tr><th scope="row">"λ picked on the same folds it is scored on (leaky)"</th><td>{format_number(m.tuning_leaky)}</td><td>{format_number(m.tuning_true)}</td><td>{format!("{:+.4}", m.tuning_leaky - m.tuning_true)}</td></tr>
                        <tr><th scope="row">"Nested CV: λ picked inside each training fold (honest)"</th><td>{format_number(m.tuning_nested)}</td><td>{format_number(m.tuning_true)}</td><td>{format!("{:+.4}", m.tuning_nested - m.tuning_true)}</td></tr>
                    </tbody>
                </table>
            })}
            <p class="figure-note">"Picking λ by the score you then report is choosing hyperparameters on the test set: the minimum of many noisy estimates is biased low, so it looks better than the model will do. Nested CV keeps the choice inside each training fold. Fitting the scaler on all data leaks only the test folds' mean and spread here, so its optimism is small; leaks through feature selection or target information are far larger."</p>
        </section>
    }
    .into_any();
    let controls = view! { {controls} }.into_any();
    let challenges = view! {
        <ChallengePanel challenges=&CHALLENGES state=Signal::derive(move || snapshot.get()) on_setup=on_setup/>
    }
    .into_any();
    view! { <LabShell mode slug=SLUG title intro=INTRO notices state=url controls views challenges/> }
}

const INTRO: &str = "Cross-validation estimates how well a model will do on data it has not seen: split the data into k folds, train on k − 1 of them, score on the one left out, and repeat so every point is validated once. Change the splitter and watch which points land where, how each fold's model and score differ, and what the spread of those scores tells you.";

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn state(q: &str) -> ParamState {
        ParamState::from_query(&SCHEMA, q).0
    }

    #[test]
    fn every_sample_is_validated_once_per_repeat() {
        let r = compute(&state("n=23&k=5&split=kfold&shuffle=0"));
        assert_eq!(r.grid.rows.len(), 5);
        let mut seen = vec![0; 23];
        for row in &r.grid.rows {
            for (i, v) in row.validation.iter().enumerate() {
                seen[i] += *v as usize;
            }
        }
        assert!(seen.iter().all(|&c| c == 1));
        // Unshuffled k-fold: the first fold is the first ⌈23/5⌉ = 5 samples.
        assert_eq!(r.grid.rows[0].validation.iter().take_while(|v| **v).count(), 5);
    }

    #[test]
    fn stratified_regression_is_refused_with_a_reason() {
        let r = compute(&state("task=regression&split=stratified"));
        assert!(r.error.unwrap().contains("classification"));
    }

    #[test]
    fn sorted_data_without_shuffling_starves_folds_of_the_minority_class() {
        let r = compute(&state("task=classification&split=kfold&shuffle=0&sorted=1&minority=0.2&n=40&k=5"));
        assert!(r.minority_per_fold.contains(&0));
        let s = compute(&state("task=classification&split=stratified&shuffle=0&sorted=1&minority=0.2&n=40&k=5"));
        assert!(s.minority_per_fold.iter().all(|&m| m == 8 / 5 || m == 8 / 5 + 1), "{:?}", s.minority_per_fold);
    }

    #[test]
    fn test_set_stays_out_of_every_fold() {
        let r = compute(&state("n=50&test=1"));
        let held: Vec<usize> = r.grid.test.iter().enumerate().filter(|(_, t)| **t).map(|(i, _)| i).collect();
        assert_eq!(held.len(), 10);
        for row in &r.grid.rows {
            assert!(held.iter().all(|&i| !row.validation[i]));
        }
        assert!(r.test_score.is_some());
    }
}

