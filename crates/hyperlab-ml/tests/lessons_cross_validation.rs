//! Lesson tests of the cross-validation lab: every sentence the page states about what the
//! learner sees is checked here on the lab's own model, over several seeds where randomness is
//! involved.

use hyperlab_ml::model_selection::{ExperimentSummary, Splitter};
use std::sync::Mutex;

#[path = "common/outcomes.rs"]
mod outcomes;
use outcomes::Outcomes;
use hyperlab_ml::labs::apply_moves;
use hyperlab_ml::labs::cross_validation::*;
use hyperlab_ml::schema::{format_number, Kind, ParamState};

const SEEDS: [u64; 5] = [1, 2, 3, 4, 5];
const VARIANTS: [&str; 3] = ["seed=1", "seed=2", "seed=3"];

fn settings(q: &str) -> Settings {
    let (s, notices) = Settings::from_query(q);
    assert!(notices.is_empty(), "{q}: {notices:?}");
    s
}

fn run(q: &str) -> CvRun {
    CvRun::new(&settings(q))
}

fn with_seed(q: &str, seed: u64) -> String {
    apply_moves(q, &format!("seed={seed}"))
}

fn std_of(xs: &[f64]) -> f64 {
    let m = xs.iter().sum::<f64>() / xs.len() as f64;
    (xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / xs.len() as f64).sqrt()
}

/// The page's challenge state for a query: the folds, and the k experiment run to the end (as
/// when the learner presses “Run the experiment” and waits).
fn snapshot(q: &str) -> CvSnapshot {
    let s = settings(q);
    CvSnapshot { settings: s, run: CvRun::new(&s), experiment: finished_experiment(&s) }
}

/// The k experiment for these settings, run once per distinct setting (tests share it).
fn finished_experiment(s: &Settings) -> Option<ExperimentSummary> {
    static RUNS: Mutex<Vec<(Settings, ExperimentSummary)>> = Mutex::new(Vec::new());
    if let Some((_, e)) = RUNS.lock().unwrap().iter().find(|(r, _)| same_experiment(r, s)) {
        return Some(e.clone());
    }
    let e = Experiment::new(s)?.finish();
    RUNS.lock().unwrap().push((*s, e.clone()));
    Some(e)
}

// ---- URLs and settings ----

/// Links as the page wrote them before the lab moved to the core: each opens with no notice
/// and the same typed settings.
#[test]
fn links_shared_today_open_the_same_state() {
    let s = settings("task=classification&split=stratified&k=7&shuffle=0&repeats=2&seed=42&n=60&minority=0.3&sorted=1&degree=4&test=1");
    assert_eq!(s.task, Task::Classification);
    assert_eq!(s.split, SplitKind::Stratified);
    assert_eq!((s.k, s.shuffle, s.repeats, s.seed, s.n, s.sorted, s.degree, s.test_set), (7, false, 2, 42, 60, true, 4, true));
    assert!((s.minority - 0.3).abs() < 1e-12);
    assert_eq!(s.splitter(), Splitter::StratifiedKFold { k: 7 });
    assert_eq!(settings("split=holdout&k=4").splitter(), Splitter::HoldOut { test_fraction: 0.25, seed: 1 });
    assert_eq!(settings("split=repeated&task=classification").splitter(), Splitter::RepeatedStratifiedKFold { k: 5, repeats: 3, seed: 1 });
    assert_eq!(settings("split=repeated").splitter(), Splitter::RepeatedKFold { k: 5, repeats: 3, seed: 1 });
    assert_eq!(settings("k=5&split=kfold&shuffle=0&n=30").splitter(), Splitter::KFold { k: 5 });
    assert_eq!(settings("split=loo&n=12").splitter(), Splitter::LeaveOneOut);
    assert_eq!(settings("").splitter(), Splitter::ShuffledKFold { k: 5, seed: 1 });
    // The challenges' set-ups and the e2e tests' links as they were before this rewrite.
    let before = [
        ("task=classification&split=kfold&k=5&shuffle=1&sorted=1&minority=0.2&n=40&seed=1", Splitter::ShuffledKFold { k: 5, seed: 1 }),
        ("task=classification&split=kfold&k=5&shuffle=0&sorted=1&minority=0.2&n=40&seed=1", Splitter::KFold { k: 5 }),
        ("split=loo&n=100", Splitter::LeaveOneOut),
        ("k=4&n=24&split=kfold&shuffle=0", Splitter::KFold { k: 4 }),
        ("task=regression&split=stratified", Splitter::ShuffledStratifiedKFold { k: 5, seed: 1 }),
    ];
    for (q, splitter) in before {
        assert_eq!(settings(q).splitter(), splitter, "{q}");
    }
    let trap = settings(before[0].0);
    assert_eq!((trap.task, trap.sorted, trap.n, trap.seed), (Task::Classification, true, 40, 1));
    assert!((trap.minority - 0.2).abs() < 1e-12);
    assert_eq!(settings(before[2].0).n, 100);
    let old_links = CHALLENGES.iter().flat_map(|c| [c.info.setup, c.info.solution, c.info.wrong_answer]).chain(PRESETS.iter().map(|p| p.query));
    for q in old_links {
        let s = settings(q);
        // The typed settings round-trip through the URL.
        assert_eq!(Settings::from_query(&s.to_params().to_query()).0, s, "{q}");
    }
}

#[test]
fn hostile_queries_are_clamped_with_notices_from_the_shared_bounds() {
    let (s, notices) = Settings::from_query("k=999&n=-5&minority=NaN&split=bogus&degree=1e9&repeats=0&seed=hex");
    assert!(notices.len() >= 5, "{notices:?}");
    assert_eq!((s.k, s.n, s.split, s.degree, s.repeats), (K_MAX, N_MIN, SplitKind::KFold, DEGREE_MAX, 1));
    assert!((MINORITY_MIN..=MINORITY_MAX).contains(&s.minority));
    let bounds = |key: &str| match SCHEMA.iter().find(|p| p.key == key).unwrap().kind {
        Kind::Int { min, max, .. } => (min as usize, max as usize),
        _ => unreachable!(),
    };
    assert_eq!(bounds("k"), (K_MIN, K_MAX));
    assert_eq!(bounds("n"), (N_MIN, N_MAX));
    assert_eq!(bounds("degree"), (DEGREE_MIN, DEGREE_MAX));
    // Every corner of the ranges still splits or explains why not, without panicking.
    for q in ["n=10&k=20", "n=10&split=loo", "n=10&split=holdout&k=2", "task=classification&n=10&minority=0.05&split=stratified&k=20"] {
        let r = run(q);
        assert!(r.summary.is_some() || r.error.is_some(), "{q}");
    }
    let _ = ParamState::defaults(&SCHEMA);
}

// ---- The fold grid (moved from the app's wasm tests) ----

#[test]
fn every_sample_is_validated_once_per_repeat() {
    let r = run("n=23&k=5&split=kfold&shuffle=0");
    assert_eq!(r.grid.rows.len(), 5);
    let mut seen = [0; 23];
    for row in &r.grid.rows {
        for (i, v) in row.validation.iter().enumerate() {
            seen[i] += *v as usize;
        }
    }
    assert!(seen.iter().all(|&c| c == 1));
    // Unshuffled k-fold: the first fold is the first ⌈23/5⌉ = 5 samples.
    assert_eq!(r.grid.rows[0].validation.iter().take_while(|v| **v).count(), 5);
    let repeated = run("n=20&k=4&split=repeated&repeats=3");
    assert_eq!(repeated.scores().len(), 12);
    assert_eq!(repeated.validation_sizes.iter().sum::<usize>(), 3 * 20);
}

#[test]
fn stratified_regression_is_refused_with_a_reason() {
    let r = run("task=regression&split=stratified");
    let status = status(&r);
    assert!(matches!(status.verdict, Verdict::CannotSplit(_)));
    assert!(status.headline.contains("classification"), "{}", status.headline);
    assert!(scores_summary(&r).starts_with("No scores: "), "an empty chart says why, it draws no line at 0");
}

#[test]
fn sorted_data_without_shuffling_starves_folds_of_the_minority_class() {
    let r = run("task=classification&split=kfold&shuffle=0&sorted=1&minority=0.2&n=40&k=5");
    assert!(r.minority_per_fold.contains(&0));
    let s = run("task=classification&split=stratified&shuffle=0&sorted=1&minority=0.2&n=40&k=5");
    assert!(s.minority_per_fold.iter().all(|&m| m == 8 / 5 || m == 8 / 5 + 1), "{:?}", s.minority_per_fold);
}

#[test]
fn test_set_stays_out_of_every_fold() {
    let r = run("n=50&test=1");
    let held: Vec<usize> = r.grid.test.iter().enumerate().filter(|(_, t)| **t).map(|(i, _)| i).collect();
    assert_eq!(held.len(), (TEST_FRACTION * 50.0) as usize, "the caption's 20 %");
    for row in &r.grid.rows {
        assert!(held.iter().all(|&i| !row.validation[i]));
    }
    assert!(r.test_score.is_some());
    // The held-out score is spelled out in the estimate text and the chart's text alternative.
    let t = r.test_score.unwrap();
    let said = format!("held-out test MSE = {}", hyperlab_ml::schema::format_number(t));
    assert!(scores_summary(&r).contains(&format!("H{}", &said[1..])), "{}", scores_summary(&r));
    assert!(status(&r).headline.contains(&said), "{}", status(&r).headline);
    let c = run("task=classification&test=1");
    let said = format!("held-out test accuracy = {} %", hyperlab_ml::schema::format_number(100.0 * c.test_score.unwrap()));
    assert!(status(&c).headline.contains(&said) && scores_summary(&c).contains(&said[1..]), "{}", status(&c).headline);
    assert!(test_score_text(&run("n=50")).is_none() && !status(&run("n=50")).headline.contains("held-out"));
}

#[test]
fn the_seed_replays_the_data_and_the_shuffles() {
    for q in ["split=kfold&seed=7", "task=classification&split=repeated&seed=7", "split=holdout&seed=7&test=1"] {
        assert_eq!(run(q), run(q));
        assert_ne!(run(q).scores(), run(&apply_moves(q, "seed=8")).scores());
    }
}

#[test]
fn knob_help_texts_hold() {
    // Minority share: 0.2 of 40 samples is 8 of class 1.
    assert_eq!(run("task=classification&minority=0.2&n=40").minority_total, 8);
    assert_eq!(run("task=classification&minority=0.5&n=40").minority_total, 20);
    // Sorted regression data: unshuffled folds are consecutive stretches of x.
    let r = run("task=regression&sorted=1&shuffle=0&split=kfold&k=4&n=40");
    let ranges: Vec<(f64, f64)> = r
        .grid
        .rows
        .iter()
        .map(|row| match &row.model {
            MiniModel::Curve { points, .. } => points.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| (lo.min(p.0), hi.max(p.0))),
            MiniModel::Boundary { .. } => unreachable!(),
        })
        .collect();
    assert!(ranges.windows(2).all(|w| w[0].1 <= w[1].0), "{ranges:?}");
    // Scores: MSE for regression (lower is better), accuracy for classification.
    assert_eq!(run("task=regression").grid.score_name, "validation MSE");
    assert_eq!(run("task=classification").grid.score_name, "accuracy");
    // Repeated k-fold reshuffles each round.
    let rep = run("split=repeated&k=4&repeats=2&n=20");
    assert_ne!(rep.grid.rows[0].validation, rep.grid.rows[4].validation);
    // The Folds control is hidden where k means nothing; Shuffle where the split always shuffles.
    assert!(!settings("split=loo").uses_k() && settings("split=holdout").uses_k());
    assert!(!settings("split=holdout").uses_shuffle() && !settings("split=repeated").uses_shuffle() && settings("split=stratified").uses_shuffle());
}

// ---- The status verdicts ----

#[test]
fn verdict_spread_is_the_mean_and_population_std_of_the_fold_scores() {
    for seed in SEEDS {
        let r = run(&with_seed("split=kfold&k=5", seed));
        let st = status(&r);
        assert_eq!(st.verdict, Verdict::Spread);
        let scores = r.scores();
        assert_eq!(scores.len(), 5);
        let s = r.summary.as_ref().unwrap();
        assert!((s.mean - scores.iter().sum::<f64>() / 5.0).abs() < 1e-12);
        assert!((s.std - std_of(scores)).abs() < 1e-12 && s.std > 0.0);
        assert!(st.headline.contains("over 5 splits"), "{}", st.headline);
    }
}

/// A single split has no measured spread (not zero spread), and another split of the same data
/// gives another score.
#[test]
fn verdict_single_split_has_no_measured_spread() {
    for seed in SEEDS {
        let q = with_seed("split=holdout&k=5&n=40", seed);
        let r = run(&q);
        assert_eq!(r.scores().len(), 1);
        assert_eq!(r.validation_sizes, vec![8], "1/k = 20 % validated");
        let st = status(&r);
        assert_eq!(st.verdict, Verdict::SingleSplit);
        assert!(!st.headline.contains("±") && st.headline.contains("single split") && st.headline.contains("20 %"), "{}", st.headline);
        assert!(st.explanation.contains("no measured spread"));
        assert!(grid_summary(&r.grid, r.mean().unwrap(), 0.0).contains("(one split: no measured spread)"));
        assert!(scores_summary(&r).contains("no measured spread"));
        let other = CvRun::with_splitter(&settings(&q), Splitter::HoldOut { test_fraction: 0.2, seed: seed + 100 });
        assert_ne!(other.mean(), r.mean(), "another split of the same data, another score");
    }
    // A hold-out split that misses the minority class is flagged, still without a “±”.
    let starved_hold_out = SEEDS
        .iter()
        .map(|&seed| run(&with_seed("task=classification&split=holdout&minority=0.05&n=20&k=5", seed)))
        .find(|r| !r.starved_folds().is_empty())
        .expect("one of the seeds leaves the single minority sample out of the validation part");
    let st = status(&starved_hold_out);
    assert_eq!(st.verdict, Verdict::StarvedFolds { folds: vec![0] });
    assert!(!st.headline.contains("±") && st.headline.contains("single split"), "{}", st.headline);
}

#[test]
fn verdict_starved_folds_names_the_folds_without_minority_samples() {
    for seed in SEEDS {
        let r = run(&with_seed("task=classification&split=kfold&k=5&shuffle=0&sorted=1&minority=0.2&n=40", seed));
        let st = status(&r);
        assert_eq!(st.verdict, Verdict::StarvedFolds { folds: vec![0, 1, 2, 3] });
        assert!(st.explanation.starts_with("4 of 5 validation folds hold no minority-class sample (split 1, 2, 3, 4)"), "{}", st.explanation);
        let stratified = run(&with_seed("task=classification&split=stratified&k=5&shuffle=0&sorted=1&minority=0.2&n=40", seed));
        assert_eq!(status(&stratified).verdict, Verdict::Spread, "stratifying fixes it");
        assert!(st.explanation.contains("shuffling alone does not"));
    }
    // Shuffling alone does not guarantee every fold a minority sample.
    let shuffled_starves = |seed| !run(&with_seed("task=classification&split=kfold&k=5&shuffle=1&sorted=1&minority=0.2&n=40", seed)).starved_folds().is_empty();
    assert!(SEEDS.into_iter().any(shuffled_starves));
    // Leave-one-out misses a class in most folds by construction: not reported as the trap.
    assert_eq!(status(&run("task=classification&split=loo&n=40")).verdict, Verdict::OnePointFolds);
}

/// Leave-one-out's single-point scores usually swing far more than 5-fold's fold scores on the
/// same data, and the status states which on this data.
#[test]
fn verdict_one_point_folds_swing_more_than_k_fold_scores() {
    for seed in SEEDS {
        let q = with_seed("task=regression&split=loo&n=40&degree=3", seed);
        let loo = run(&q);
        assert_eq!(status(&loo).verdict, Verdict::OnePointFolds);
        assert_eq!(loo.scores().len(), 40);
        let five = CvRun::with_splitter(&settings(&q), Splitter::ShuffledKFold { k: 5, seed });
        let (a, b) = (loo.summary.as_ref().unwrap().std, five.summary.unwrap().std);
        assert!(a > 1.5 * b, "seed {seed}: LOO fold-score std {a} vs 5-fold {b}");
        assert_eq!(loo.five_fold_std, Some(b));
        assert!(status(&loo).explanation.contains(&format!("Here they swing more than shuffled 5-fold's fold scores, each an average over a fifth of the points: standard deviation {}, against {}.", format_number(a), format_number(b))));
    }
    // Not always: with 20 points at degree 3 the single points swing less here, and the text
    // says so instead of promising more.
    let mut outcomes = Outcomes::default();
    for q in ["task=regression&split=loo&n=20&degree=3&seed=1", "task=regression&split=loo&n=40&degree=10&seed=3", "task=regression&split=loo&n=60&degree=3&seed=2", "task=regression&split=loo&n=100&degree=5&seed=4"] {
        let loo = run(q);
        let (a, b) = (loo.summary.as_ref().unwrap().std, loo.five_fold_std.unwrap());
        outcomes.record(a > b, &status(&loo).explanation, "Here they swing more", "Here they swing no more", q);
    }
    outcomes.assert_both("leave-one-out swings more than 5-fold");
}

// ---- Presets ----

fn preset(name: &str) -> &'static Preset {
    PRESETS.iter().find(|p| p.name == name).unwrap()
}

#[test]
fn preset_sorted_classes_puts_the_minority_in_one_fold_scoring_near_zero() {
    for seed in SEEDS {
        let r = run(&with_seed(preset("Sorted classes, no shuffle").query, seed));
        assert_eq!(r.minority_per_fold, vec![0, 0, 0, 0, 8]);
        let scores = r.scores();
        assert!(scores[4] < 0.2, "seed {seed}: {scores:?}");
        assert!(scores[..4].iter().sum::<f64>() / 4.0 > 0.8, "seed {seed}: {scores:?}");
    }
}

#[test]
fn preset_stratified_gives_every_fold_its_share_of_the_minority() {
    for seed in SEEDS {
        let r = run(&with_seed(preset("Stratified").query, seed));
        assert!(r.minority_per_fold.iter().all(|&m| m == 1 || m == 2), "{:?}", r.minority_per_fold);
        assert!(r.scores().iter().all(|&s| s >= 0.5), "seed {seed}: {:?}", r.scores());
    }
}

#[test]
fn preset_sorted_x_extrapolates_and_is_worse_than_shuffled() {
    for seed in SEEDS {
        let q = with_seed(preset("Sorted x, no shuffle").query, seed);
        let sorted = run(&q).mean().unwrap();
        let shuffled = run(&apply_moves(&q, "shuffle=1")).mean().unwrap();
        assert!(sorted > 3.0 * shuffled, "seed {seed}: sorted blocks {sorted} vs shuffled {shuffled}");
    }
    // "Usually": over seeds 1–200 nearly all are three times worse or more, not all (seed 959:
    // 1.44 times).
    let several = (1..=200u64).filter(|seed| {
        let q = with_seed(preset("Sorted x, no shuffle").query, *seed);
        run(&q).mean().unwrap() > 3.0 * run(&apply_moves(&q, "shuffle=1")).mean().unwrap()
    });
    assert!(several.count() >= 190);
    assert!(preset("Sorted x, no shuffle").claim.contains("usually several times worse"));
}

#[test]
fn preset_leave_one_out_fits_once_per_point() {
    for seed in SEEDS {
        let q = with_seed(preset("Leave-one-out").query, seed);
        let r = run(&q);
        assert_eq!(r.scores().len(), 40);
        assert!(r.validation_sizes.iter().all(|&v| v == 1));
        let five = run(&apply_moves(&q, "split=kfold&k=5"));
        assert!(r.summary.unwrap().std > 1.5 * five.summary.unwrap().std);
    }
    // "Usually swing far more": over seeds 1–200 nearly always, not always (seed 212: less).
    let more = (1..=200u64).filter(|seed| {
        let r = run(&with_seed(preset("Leave-one-out").query, *seed));
        r.summary.as_ref().unwrap().std > r.five_fold_std.unwrap()
    });
    assert!(more.count() >= 190);
    assert!(preset("Leave-one-out").claim.contains("usually swing far more"));
}

#[test]
fn preset_hold_out_is_one_score_without_spread() {
    let r = run(preset("One hold-out split").query);
    assert_eq!(r.scores().len(), 1);
    assert_eq!(r.validation_sizes, vec![8]);
    assert_eq!(status(&r).verdict, Verdict::SingleSplit);
}

// ---- Challenges ----

#[test]
fn every_challenge_teaches() {
    for c in &CHALLENGES {
        c.teaches(snapshot, &VARIANTS).unwrap();
    }
}

#[test]
fn stratify_hint_holds_changing_k_only_moves_the_blocks() {
    let c = &CHALLENGES[1];
    for seed in SEEDS {
        let r = run(&with_seed(&apply_moves(c.info.setup, c.info.wrong_answer), seed));
        let (lo, hi) = (r.minority_per_fold.iter().min().unwrap(), r.minority_per_fold.iter().max().unwrap());
        assert!(hi - lo > 1, "{:?}", r.minority_per_fold);
    }
}

#[test]
fn sorted_trap_explanation_holds() {
    for seed in SEEDS {
        let c = &CHALLENGES[0];
        let r = run(&with_seed(&apply_moves(c.info.setup, c.info.solution), seed));
        assert_eq!(r.minority_per_fold, vec![0, 0, 0, 0, 8]);
        assert!(r.scores()[4] < 0.2 && r.scores()[..4].iter().sum::<f64>() / 4.0 > 0.8, "{:?}", r.scores());
        assert!(r.scores().iter().any(|&s| s >= 0.9), "near 100 %: {:?}", r.scores());
    }
}

// ---- The k experiment ----

/// Small k is pessimistic, more so for flexible models, and 5 or 10 folds remove most of it.
#[test]
fn small_k_is_pessimistic_and_more_so_for_flexible_models() {
    for seed in [1, 2, 3] {
        let flexible = finished_experiment(&settings(&format!("degree=9&seed={seed}"))).unwrap();
        let line = finished_experiment(&settings(&format!("degree=1&seed={seed}"))).unwrap();
        let rel = |s, i| median_relative_bias(s, i).unwrap();
        assert!(flexible.per_folds[0].bias > 0.0, "k = 2 overestimates on average");
        assert!(rel(&flexible, 0) > 0.1, "seed {seed}: {}", rel(&flexible, 0));
        assert!(rel(&flexible, 0) > 2.0 * rel(&line, 0).max(0.0), "seed {seed}: the flexible model's bias is larger");
        assert!(rel(&flexible, 1) < 0.5 * rel(&flexible, 0) && rel(&flexible, 2) < 0.5 * rel(&flexible, 0), "seed {seed}: 5 and 10 folds remove most of it");
        assert_eq!(flexible.per_folds.iter().map(|f| f.fits).collect::<Vec<_>>(), vec![2 * 200, 5 * 200, 10 * 200]);
    }
}

/// For this stable ridge model, leave-one-out's estimate spreads no more across data sets than
/// 10-fold's (within 5 %), while its fold scores within one run swing far more than the estimate
/// moves across data sets.
#[test]
fn leave_one_out_variance_which_is_which() {
    let mut smaller = 0;
    for (degree, seed) in [(1, 1), (3, 2), (5, 3), (10, 1)] {
        let s = settings(&format!("degree={degree}&xloo=1&seed={seed}"));
        let e = Experiment::new(&s).unwrap().finish();
        let (ten, loo) = (&e.per_folds[2], &e.per_folds[3]);
        assert_eq!(loo.folds, hyperlab_ml::model_selection::Folds::LeaveOneOut);
        assert_eq!(loo.fits, EXPERIMENT_POINTS * EXPERIMENT_RESAMPLES, "one fit per point, 100 per data set");
        assert!(loo.std <= 1.05 * ten.std, "degree {degree}, seed {seed}: LOO {} vs 10-fold {}", loo.std, ten.std);
        smaller += usize::from(loo.std < 0.95 * ten.std);
        assert!(loo.bias.abs() < 0.05 * e.true_error_mean, "nearly unbiased");
        // 10-fold: about the same bias and spread as leave-one-out, at a tenth of the fits.
        assert!((ten.bias - loo.bias).abs() < 0.05 * e.true_error_mean);
        let one_run = run(&format!("split=loo&n={EXPERIMENT_POINTS}&degree={degree}&seed={seed}"));
        assert!(one_run.summary.unwrap().std > 5.0 * loo.std, "within one run the single scores swing far more");
    }
    assert!(smaller >= 1, "and sometimes much smaller (degree 10, seed 1: half)");
}

#[test]
fn experiment_texts_name_the_model_that_runs() {
    let intro = experiment_intro(EXPERIMENT_POINTS, 7, EXPERIMENT_RESAMPLES);
    assert!(intro.contains("Draw 100 fresh points 200 times") && intro.contains("degree-7"), "{intro}");
    assert!(EXPERIMENT_NOTE.contains("Bengio & Grandvalet 2004") && EXPERIMENT_NOTE.contains("at most a few per cent larger than 10-fold's here, and sometimes much smaller"));
    let s = settings("degree=7");
    let e = Experiment::new(&s).unwrap();
    assert!(e.matches(&s) && !e.matches(&settings("degree=8")));
}

// ---- Leakage ----

/// On pure noise (true accuracy 50 %), selecting features on all data reports far better than
/// chance; selecting inside each fold reports chance. Picking the number of features by the
/// reported score is optimistic; nested CV is not. Medians over the page's 60 data sets.
#[test]
fn leakage_is_large_and_one_sided_and_the_honest_procedures_report_chance() {
    for seed in [1, 2, 3] {
        let s = LeakageDemo::new(seed).finish().unwrap();
        assert_eq!(s.data_sets, LEAKAGE_DATA_SETS);
        assert_eq!(s.truth, 0.5);
        assert!(s.select_leaky.lower > 0.8, "seed {seed}: leaky selection {:?}", s.select_leaky);
        assert!((s.select_honest.median - 0.5).abs() <= 0.05, "seed {seed}: honest selection {:?}", s.select_honest);
        assert!(s.tune_leaky.median > s.tune_nested.median + 0.05, "seed {seed}: {:?} vs {:?}", s.tune_leaky, s.tune_nested);
        assert!(s.tune_leaky.median > 0.55, "seed {seed}: {:?}", s.tune_leaky);
        assert!((s.tune_nested.median - 0.5).abs() <= 0.05, "seed {seed}: nested {:?}", s.tune_nested);
        // The honest estimates sit closer to the truth than the leaky ones.
        assert!((s.select_honest.median - 0.5).abs() < (s.select_leaky.median - 0.5).abs());
        assert!((s.tune_nested.median - 0.5).abs() < (s.tune_leaky.median - 0.5).abs());
    }
}

#[test]
fn leakage_texts_use_the_demo_constants() {
    let intro = LEAKAGE_INTRO;
    for fact in [format!("{LEAKAGE_POINTS} samples"), format!("{LEAKAGE_FEATURES} random features"), format!("{LEAKAGE_FOLDS}-fold"), format!("{LEAKAGE_DATA_SETS} such data sets")] {
        assert!(intro.contains(&fact), "{fact}");
    }
    assert!(LEAKAGE_NOTE.contains(&format!("the {LEAKAGE_KEPT} features")));
}

/// Numbers written into static texts match the constants the model uses.
#[test]
fn texts_quote_the_constants_they_depend_on() {
    let help = |key: &str| SCHEMA.iter().find(|p| p.key == key).unwrap().help;
    let pct = |x: f64| format!("{} %", (100.0 * x).round());
    assert!(help("test").contains(&pct(TEST_FRACTION)) && SCORES_CAPTION.contains(&pct(TEST_FRACTION)));
    assert!(help("xloo").contains(&format!("{EXPERIMENT_POINTS} per data set")));
    let [trap, _, why, loo] = &CHALLENGES;
    assert!(trap.info.prompt.contains(&format!("the {} minority samples", run(trap.info.setup).minority_total)));
    assert!(why.info.prompt.contains(&format!("more than {}", pct(PESSIMISTIC_K2))));
    assert!(loo.info.prompt.contains(&format!("{LOO_SCALE} points")) && loo.info.prompt.contains(&format!("at least {}", pct(MIN_TRAINING_SHARE))));
    assert!(loo.info.prompt.contains(&format!("at most {MAX_FITS} fits")));
    assert!(preset("One hold-out split").claim.contains(&pct(settings(preset("One hold-out split").query).holdout_fraction())));
}

// ---- Fixes from the instructor's walk-through ----

/// The default state's k experiment (the degree the page opens with) shows what its caption
/// says: k = 2 pessimistic by more than two standard errors, k = 5 and 10 keeping less than half.
#[test]
fn default_experiment_shows_the_pessimistic_bias_its_caption_states() {
    assert_eq!(Settings::default().degree, DEGREE_DEFAULT);
    for seed in SEEDS {
        let e = finished_experiment(&settings(&format!("seed={seed}&xloo=1"))).unwrap();
        let se = bias_standard_error(&e, 0).unwrap();
        let (verdict, text) = experiment_verdict(&e).unwrap();
        assert_eq!(verdict, ExperimentVerdict::PessimisticSmallK, "seed {seed}: {text}");
        assert!(e.per_folds[0].bias > 2.0 * se, "seed {seed}");
        assert!(e.per_folds[1].bias.abs() < 0.5 * e.per_folds[0].bias && e.per_folds[2].bias.abs() < 0.5 * e.per_folds[0].bias, "seed {seed}");
        assert!(median_relative_bias(&e, 0).unwrap() > 0.0, "seed {seed}: the median agrees");
        assert!(text.contains("more than two standard errors") && text.contains(&format!("{:+.4} ± {:.4}", e.per_folds[0].bias, se)), "{text}");
        // The chart's text alternative carries the standard errors and the same caption.
        let alt = experiment_summary_text(Some(&e), EXPERIMENT_RESAMPLES);
        assert!(alt.contains(&format!("(bias {:+.4} ± {:.4} standard error", e.per_folds[0].bias, se)) && alt.ends_with(&text), "{alt}");
    }
}

/// At degree 3 the differences are the size of the noise on some seeds: the caption then says
/// chance, never pessimistic bias. Whatever the branch, it agrees with the numbers.
#[test]
fn experiment_caption_says_chance_when_the_bias_is_within_two_standard_errors() {
    let e = finished_experiment(&settings("degree=3&seed=1&xloo=1")).unwrap();
    let (verdict, text) = experiment_verdict(&e).unwrap();
    assert_eq!(verdict, ExperimentVerdict::WithinNoise, "{text}");
    assert!(!text.contains("overestimates"), "{text}");
    // Degree 3, seed 1: k = 10 and leave-one-out lie more than two standard errors below zero;
    // the caption names them (it said every difference was chance).
    assert!(text.contains("k = 10 (") && text.contains("leave-one-out (") && text.contains("below zero here. That does not make cross-validation optimistic"), "{text}");
    assert!(!text.contains("chance, not a pattern"), "{text}");
    // "Columns computed on the same data sets tend to land there together": k = 10's and
    // leave-one-out's errors move together across the data sets.
    let err = |i: usize| -> Vec<f64> { e.per_folds[i].estimates.iter().zip(&e.true_errors).map(|(a, t)| a - t).collect() };
    let (a, b) = (err(2), err(3));
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let (ma, mb) = (mean(&a), mean(&b));
    let cov: f64 = a.iter().zip(&b).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let var = |v: &[f64], m: f64| v.iter().map(|x| (x - m).powi(2)).sum::<f64>();
    assert!(cov / (var(&a, ma) * var(&b, mb)).sqrt() > 0.9, "k = 10 and leave-one-out move together");
    for q in ["degree=3&seed=1&xloo=1", "degree=3&seed=2", "degree=1&seed=1", "degree=9&seed=1", "degree=5&seed=3", "degree=2&seed=4&xloo=1"] {
        let e = finished_experiment(&settings(q)).unwrap();
        let se = bias_standard_error(&e, 0).unwrap();
        let (verdict, text) = experiment_verdict(&e).unwrap();
        let b = e.per_folds[0].bias;
        if verdict == ExperimentVerdict::WithinNoise {
            // Every other column is named exactly when its mean bias is beyond two of its standard errors.
            let mut any = false;
            for i in 1..e.per_folds.len() {
                let (bi, sei) = (e.per_folds[i].bias, bias_standard_error(&e, i).unwrap());
                let named = text.contains(&format!("{} ({bi:+.4} ± {sei:.4})", e.per_folds[i].folds.label()));
                assert_eq!(named, bi.abs() > 2.0 * sei, "{q}: {text}");
                any |= named;
            }
            assert_eq!(text.contains("chance, not a pattern"), !any, "{q}: {text}");
        }
        match verdict {
            ExperimentVerdict::WithinNoise => assert!(b <= 2.0 * se, "{q}"),
            ExperimentVerdict::PessimisticSmallK => assert!(b > 2.0 * se && e.per_folds[1].bias.abs() < 0.5 * b && e.per_folds[2].bias.abs() < 0.5 * b, "{q}"),
            ExperimentVerdict::PessimisticThroughout => assert!(b > 2.0 * se, "{q}"),
        }
    }
}

/// "From degree 3 up, the more flexible the model, the larger this bias (compare degree 3 with
/// degree 9)", and the within-noise caption's "usually stands out" at a higher degree, "can also
/// swing too widely" at the highest (degree 9, seed 3: +0.1643 ± 0.1234).
#[test]
fn small_k_bias_grows_with_the_degree_from_3_up() {
    let bias = |degree: usize, seed: u64| finished_experiment(&settings(&format!("degree={degree}&seed={seed}"))).unwrap().per_folds[0].bias;
    for seed in 1..=4 {
        let (b3, b6, b9) = (bias(3, seed), bias(6, seed), bias(9, seed));
        assert!(b3 < b6 && b6 < b9, "seed {seed}: {b3} {b6} {b9}");
    }
    // Below 3 it does not follow the rule: degree 2 is more pessimistic than degree 3.
    assert!(bias(2, 1) > bias(3, 1));
    let stands_out = (6..=10).flat_map(|d| (1..=3).map(move |s| (d, s))).filter(|&(d, s)| {
        experiment_verdict(&finished_experiment(&settings(&format!("degree={d}&seed={s}"))).unwrap()).unwrap().0 != ExperimentVerdict::WithinNoise
    });
    assert!(stands_out.count() >= 12, "usually, at degrees 6 to 10");
    let e = finished_experiment(&settings("degree=9&seed=3")).unwrap();
    let (verdict, text) = experiment_verdict(&e).unwrap();
    assert_eq!(verdict, ExperimentVerdict::WithinNoise);
    assert!(e.per_folds[0].bias > 0.1 && bias_standard_error(&e, 0).unwrap() > 0.1, "large and erratic, not small");
    assert!(text.contains("does not stand out from the noise") && text.contains("swing too widely"), "{text}");
    assert!(!text.contains("costs too little"), "{text}");
    // Its median is +12.3 %: most data sets do pay, a few extreme ones hide it in the mean.
    let median = median_relative_bias(&e, 0).unwrap();
    assert!(median > 0.1, "{median}");
    assert!(text.contains(&format!("Its median, {:+.1} %, is clearly positive", 100.0 * median)), "{text}");
    // And the other way: at degree 3, seed 3 the mean overestimates but the median does not.
    let e = finished_experiment(&settings("degree=3&seed=3")).unwrap();
    let (verdict, text) = experiment_verdict(&e).unwrap();
    assert_ne!(verdict, ExperimentVerdict::WithinNoise, "{text}");
    assert!(median_relative_bias(&e, 0).unwrap() <= 0.0);
    assert!(text.contains("on a typical data set it does not; a few large overestimates drive the mean"), "{text}");
    // Where the median agrees, no such clause.
    let e = finished_experiment(&settings("degree=9&seed=1")).unwrap();
    assert!(!experiment_verdict(&e).unwrap().1.contains("typical data set"));
}

/// The Folds help says what k means for each splitter, and it holds on the splits made.
#[test]
fn folds_help_matches_each_splitter() {
    let validated = |q: &str| {
        let r = run(q);
        let mut seen = vec![0usize; r.grid.test.len()];
        for row in &r.grid.rows {
            row.validation.iter().enumerate().for_each(|(i, v)| seen[i] += *v as usize);
        }
        (r, seen)
    };
    for (split, q) in [(SplitKind::KFold, "split=kfold&k=4&n=20"), (SplitKind::Stratified, "task=classification&split=stratified&k=4&n=20&minority=0.5")] {
        assert!(folds_spec(split).help.contains("validated once"));
        let (r, seen) = validated(q);
        assert_eq!(r.scores().len(), 4);
        assert!(seen.iter().all(|&c| c == 1), "{q}");
    }
    assert!(folds_spec(SplitKind::Stratified).help.contains("each class"));
    assert!(folds_spec(SplitKind::Repeated).help.contains("once per repeat"));
    let (r, seen) = validated("split=repeated&k=4&repeats=3&n=20");
    assert_eq!(r.scores().len(), 12);
    assert!(seen.iter().all(|&c| c == 3), "validated once per repeat: {seen:?}");
    assert!(folds_spec(SplitKind::HoldOut).help.contains("1/k") && folds_spec(SplitKind::HoldOut).help.contains("never validated"));
    let (r, seen) = validated("split=holdout&k=4&n=20");
    assert_eq!(r.scores().len(), 1);
    assert_eq!(seen.iter().filter(|&&c| c == 1).count(), 5, "1/k of 20");
    assert!(seen.contains(&0));
    assert!(!folds_spec(SplitKind::KFold).help.contains("Hold-out"));
    assert!(folds_spec(SplitKind::LeaveOneOut).help.contains("does not apply") && !settings("split=loo").uses_k());
    for split in [SplitKind::KFold, SplitKind::Stratified, SplitKind::Repeated, SplitKind::LeaveOneOut, SplitKind::HoldOut] {
        assert_eq!(folds_spec(split).key, "k");
    }
}

/// The stratified error says what Hyperlab requires and that scikit-learn only warns.
#[test]
fn stratified_error_distinguishes_hyperlab_from_scikit_learn() {
    let r = run("task=classification&split=stratified&k=10&n=20&minority=0.2");
    let e = r.error.expect("4 minority samples, k = 10");
    assert!(e.contains("Hyperlab requires at least k members in every class") && e.contains("scikit-learn only warns"), "{e}");
}

/// Sorted x without shuffling gets its own warning: the folds extrapolate, and the estimate is
/// worse than with shuffled folds.
#[test]
fn verdict_sorted_x_without_shuffling_warns_that_folds_extrapolate() {
    for seed in SEEDS {
        for (k, degree) in [(2, 1), (3, 3), (4, 6), (5, 2), (5, 6), (SORTED_X_MAX_K, 10)] {
            let q = with_seed(&format!("task=regression&split=kfold&shuffle=0&sorted=1&n=40&k={k}&degree={degree}"), seed);
            let r = run(&q);
            let st = status(&r);
            assert_eq!(st.verdict, Verdict::SortedX, "{q}");
            let shuffled = run(&apply_moves(&q, "shuffle=1")).mean().unwrap();
            assert!(r.mean().unwrap() > shuffled, "{q}: {} vs {shuffled}", r.mean().unwrap());
            assert_eq!(r.shuffled_mean, Some(shuffled));
            let numbers = format!("{}, against {} with shuffled folds", format_number(r.mean().unwrap()), format_number(shuffled));
            assert!(st.explanation.contains("extrapolate") && st.explanation.contains(&format!("Here that makes the estimate worse: {numbers}")), "{}", st.explanation);
            assert_eq!(st.explanation.contains("bridge"), k > 2, "{}", st.explanation);
        }
        assert_eq!(status(&run(&with_seed(preset("Sorted x, no shuffle").query, seed))).verdict, Verdict::SortedX);
        // Beyond SORTED_X_MAX_K folds the blocks are a few interior points: no such warning.
        assert_eq!(status(&run(&with_seed(&format!("task=regression&split=kfold&shuffle=0&sorted=1&n=40&k={}", SORTED_X_MAX_K + 1), seed))).verdict, Verdict::Spread);
        // Shuffled, or unsorted, it is the plain spread verdict.
        assert_eq!(status(&run(&with_seed("task=regression&split=kfold&shuffle=1&sorted=1", seed))).verdict, Verdict::Spread);
        assert_eq!(status(&run(&with_seed("task=regression&split=kfold&shuffle=0&sorted=0", seed))).verdict, Verdict::Spread);
    }
}

/// With few points the sorted folds' estimate is not always the worse one: the status compares
/// the two estimates it measured instead of promising "worse".
#[test]
fn verdict_sorted_x_says_which_estimate_is_worse_here() {
    let mut outcomes = Outcomes::default();
    let mut worse = 0;
    for n in [20, 40] {
        for degree in [1, 3, 10] {
            for seed in 1..=3 {
                let q = format!("task=regression&split=kfold&shuffle=0&sorted=1&n={n}&k=5&degree={degree}&seed={seed}");
                let r = run(&q);
                let shuffled = run(&apply_moves(&q, "shuffle=1")).mean().unwrap();
                let st = status(&r);
                assert_eq!(st.verdict, Verdict::SortedX, "{q}");
                worse += usize::from(r.mean().unwrap() > shuffled);
                outcomes.record(r.mean().unwrap() > shuffled, &st.explanation, "Here that makes the estimate worse", "Here the shuffled folds' estimate is the larger", &q);
            }
        }
    }
    outcomes.assert_both("sorted folds make the estimate worse");
    assert!(worse > 9, "usually worse: {worse} of 18");
}

/// Accuracy is shown in percent everywhere, as the presets and challenges speak of it.
#[test]
fn accuracy_is_shown_in_percent() {
    let r = run("task=classification");
    let s = r.summary.as_ref().unwrap();
    let st = status(&r);
    assert!(st.headline.contains(&format!("accuracy = {} % ±", hyperlab_ml::schema::format_number(100.0 * s.mean))), "{}", st.headline);
    assert!(scores_summary(&r).contains(&format!("mean {} %", hyperlab_ml::schema::format_number(100.0 * s.mean))));
    assert!(grid_summary(&r.grid, s.mean, s.std).contains(" %"));
    let m = run("task=regression");
    assert!(!status(&m).headline.contains('%') && !scores_summary(&m).contains('%'));
}

/// The ±1 std band never leaves the possible scores, and the text alternative says when it is cut.
#[test]
fn score_band_is_clipped_to_possible_scores() {
    for seed in SEEDS {
        for q in ["task=classification&test=1", "task=classification&split=kfold&k=5&shuffle=0&sorted=1", "task=regression&split=kfold&k=5&shuffle=0&sorted=1&n=40&degree=2", "task=regression&degree=10&k=10"] {
            let r = run(&with_seed(q, seed));
            let (lo, hi, clipped) = score_band(&r).unwrap();
            let s = r.summary.as_ref().unwrap();
            assert!(lo >= 0.0 && lo <= hi, "{q}");
            if r.settings.is_classification() {
                assert!(hi <= 1.0, "{q}");
            }
            assert_eq!(clipped, s.mean - s.std < 0.0 || (r.settings.is_classification() && s.mean + s.std > 1.0));
            assert_eq!(scores_summary(&r).contains("drawn clipped"), clipped, "{q}");
        }
    }
    // The cases the instructor saw do clip.
    assert!(score_band(&run("task=classification&split=kfold&k=5&shuffle=0&sorted=1")).unwrap().2);
    assert!(score_band(&run("task=regression&split=kfold&k=5&shuffle=0&sorted=1&n=40&degree=2")).unwrap().2);
    assert!(SCORES_CAPTION.contains("clipped"));
}

#[test]
fn seed_bound_fits_the_slider() {
    let spec = SCHEMA.iter().find(|p| p.key == "seed").unwrap();
    assert_eq!(spec.slider_steps() as u64, SEED_MAX, "one slider step per seed, same bound as the number box");
    assert_eq!(settings(&format!("seed={SEED_MAX}")).seed, SEED_MAX);
}

#[test]
fn leakage_note_attributes_the_mistake_and_states_the_rule() {
    assert!(LEAKAGE_NOTE.contains("the classic mistake described by Hastie, Tibshirani & Friedman (ESL §7.10.2)"));
    assert!(LEAKAGE_NOTE.contains("feature selection must be fitted inside each training fold"));
    assert!(!LEAKAGE_NOTE.contains("mistake of Hastie"));
}


/// The caption's reason why a column below zero does not make cross-validation optimistic: for
/// this model, training on fewer points costs a little on average. Over 1,000 data sets of 100
/// points, the mean true error of the fit on the first 50 or 90 points is above that on all 100.
#[test]
fn fewer_training_points_cost_a_little_on_average() {
    use hyperlab_ml::datasets::curve::{DataParams, Truth};
    use hyperlab_ml::labs::cross_validation::scenarios::PolyRidge;
    use hyperlab_ml::labs::cross_validation::{REGRESSION_NOISE, RIDGE_ALPHA};
    for degree in [1, 3, 5, 8] {
        let model = PolyRidge { degree, alpha: RIDGE_ALPHA, standardize: true };
        let mut mean = [0.0; 3];
        for seed in 0..1000u64 {
            let d = DataParams { truth: Truth::Sine, noise: REGRESSION_NOISE, n_points: 100, seed: seed * 7919 + 13 }.generate().unwrap();
            for (slot, m) in [50, 90, 100].into_iter().enumerate() {
                mean[slot] += model.fit(d.x.slice(ndarray::s![..m]), d.y.slice(ndarray::s![..m])).unwrap().true_mse(Truth::Sine, REGRESSION_NOISE) / 1000.0;
            }
        }
        assert!(mean[0] > mean[1] && mean[1] > mean[2], "degree {degree}: {mean:?}");
    }
}
