//! Lesson tests of the search lab's second part: every sentence it states about TPE, parallel
//! trials and gradient-based tuning, its new challenges and the exported code, checked against
//! the models the page runs.

use hyperlab_ml::labs::search::challenges::{self, PARALLEL_RATIO, TPE_WINS};
use hyperlab_ml::labs::search::gradient::{self, GdSettings, GradientTuning, Start, FITS};
use hyperlab_ml::labs::search::parallel::{rounds, Parallel, STRATEGIES, WORKERS};
use hyperlab_ml::labs::search::tpe_view::{TpeOneD, TPE_ONE_D_BUDGET};
use hyperlab_ml::labs::search::{texts, ManySeeds, PickGame, ProblemKind, RunSet, SearchSnapshot, CHALLENGES};
use hyperlab_ml::search::{GammaRule, Landscape, Liar, StrategyKind, TpeConfig};
#[path = "common/search_lab.rs"]
mod search_lab;
use search_lab::{field, settings};
#[path = "common/memo.rs"]
mod memo;
use memo::memo;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

const BRANIN: ProblemKind = ProblemKind::Land(Landscape::Branin);



/// The parallel experiment of a query, computed once per test binary.
fn parallel(query: &str) -> Parallel {
    static RUNS: OnceLock<Mutex<HashMap<String, Parallel>>> = OnceLock::new();
    let spec = settings(query).parallel_spec();
    memo(&RUNS, format!("{spec:?}"), || Parallel::finished(spec))
}

/// The 20-seed race of a query, computed once per test binary.
fn race(query: &str) -> ManySeeds {
    static RUNS: OnceLock<Mutex<HashMap<String, ManySeeds>>> = OnceLock::new();
    let spec = settings(query).run_spec();
    memo(&RUNS, format!("{spec:?}"), || ManySeeds::finished(spec))
}

/// The snapshot the page computes once every experiment the query needs has finished.
fn run_page(query: &str, race: bool, par: bool) -> SearchSnapshot {
    let s = settings(query);
    let set = RunSet::finished(s.run_spec());
    let many = race.then(|| self::race(query));
    let p = par.then(|| parallel(query));
    let g = GradientTuning::new(s.gd_settings());
    SearchSnapshot::of(&s, &set, &field(s.problem), many.as_ref(), p.as_ref(), Some(&g)).expect("finished searches")
}

// ---- TPE ----------------------------------------------------------------------------------

#[test]
fn tpe_caption_startup_gamma_and_candidates() {
    // "10 random trials, then the best 10 % of trials (at most 25) form l(x) …; of 24 points drawn
    // from l, the one with the largest l(x)/g(x) is the next trial."
    let caption = texts::caption(StrategyKind::Tpe);
    let c = TpeConfig::default();
    assert!(caption.contains(&format!("{} random trials", c.n_startup_trials)) && caption.contains(&format!("{} points drawn", c.n_ei_candidates)));
    assert!(caption.contains("Optuna: 10 %, rounded up; Hyperopt: 0.25 √n, rounded up; at most 25"));
    // The 10 is Optuna's n_startup_trials; Hyperopt's n_startup_jobs is 20, and the caption says so.
    assert!(caption.contains("here with Optuna's settings") && caption.contains("Hyperopt starts with 20"));
    assert_eq!((GammaRule::Optuna.n_below(11), GammaRule::Hyperopt.n_below(11), GammaRule::Optuna.n_below(400), GammaRule::Hyperopt.n_below(40_000)), (2, 1, 25, 25));
    // With Hyperopt's rule the view's good group follows 0.25 √n.
    let h = TpeOneD::new(BRANIN, TpeConfig { gamma: GammaRule::Hyperopt, ..TpeConfig::default() }, 1);
    assert_eq!(h.next.as_ref().unwrap().below.len(), 1);
    for seed in 1..=4 {
        let v = TpeOneD::new(BRANIN, c.clone(), seed);
        assert_eq!(v.slice.observations.len(), c.n_startup_trials);
        let mut v = v;
        while !v.is_done() {
            let n = v.slice.observations.len();
            let next = v.next.as_ref().unwrap();
            assert_eq!(next.below.len(), (n as f64 * 0.1).ceil() as usize);
            // The good group holds the lowest values.
            let worst_good = next.below.iter().map(|&i| v.slice.observations[i].value).fold(f64::NEG_INFINITY, f64::max);
            let best_bad = next.above.iter().map(|&i| v.slice.observations[i].value).fold(f64::INFINITY, f64::min);
            assert!(worst_good <= best_bad);
            let (cands, winner) = v.candidates();
            assert_eq!(cands.len(), 24);
            let w = winner.unwrap();
            assert!(cands.iter().all(|c| c.1 <= cands[w].1), "the winner has the largest log l − log g");
            // TPE_NOTE: "the largest is the next trial (ringed, and a solid line on top)".
            assert_eq!(cands[w].0, v.next.as_ref().unwrap().point[0]);
            v.step();
        }
        assert_eq!(v.slice.observations.len(), TPE_ONE_D_BUDGET);
    }
}

#[test]
fn tpe_intro_bandwidths_and_prior() {
    // "one per trial, about as wide as the larger gap to its neighbouring trials, plus one wide
    // bump over the whole axis": an interior trial away from the clip gets exactly the larger gap.
    use hyperlab_ml::search::tpe::Kernels;
    use hyperlab_ml::search::{Dimension, ParzenEstimator, Space};
    let space = Space::new(vec![Dimension::linear("x", 0.0, 10.0)]).unwrap();
    let pe = ParzenEstimator::new(&space, &[vec![1.0], vec![4.0], vec![5.0], vec![9.0]], &TpeConfig::default());
    let Kernels::Numeric { mu, sigma, .. } = &pe.dims[0] else { panic!() };
    assert_eq!(sigma[1], 3.0); // 4: gaps 3 and 1
    assert_eq!(sigma[2], 4.0); // 5: gaps 1 and 4
    assert_eq!((mu[4], sigma[4]), (5.0, 10.0), "the prior: centre of the axis, σ = range");
    assert_eq!(pe.weights.len(), 5);
    let intro = texts::tpe_intro("x", 10, 24);
    assert!(intro.contains("10 random start-up trials") && intro.contains("24 candidates"));
}

#[test]
fn gamma_note_states_the_library_sizes() {
    assert_eq!((GammaRule::Optuna.n_below(30), GammaRule::Hyperopt.n_below(30)), (3, 2));
    assert_eq!((GammaRule::Optuna.n_below(100), GammaRule::Hyperopt.n_below(100)), (10, 3));
    assert!(texts::gamma_note().contains("after 30 trials 3 against 2, after 100 trials 10 against 3"));
}

#[test]
fn tpe_view_pick_mode_hides_and_scores() {
    for seed in 1..=3 {
        let mut v = TpeOneD::new(BRANIN, TpeConfig::default(), seed);
        assert!(v.awaits_pick(true) && !v.revealed(true) && v.revealed(false));
        assert!(v.status_lines(true).iter().any(|l| l.contains("Where would you sample next?")));
        v.set_pick(0.25);
        assert!(v.revealed(true));
        let x = v.slice.dim.from_unit(0.25);
        let line = v.status_lines(true).join(" ");
        assert!(line.contains(&format!("Your pick, {} = {}", v.slice.dim.name(), v.slice.dim.format(x))), "{line}");
        v.step();
        let (pick, _, sp, st) = v.picks[0];
        assert_eq!(pick, x);
        assert!(sp.is_finite() && st.is_finite());
        assert!(line.contains(&format!("scores {}", hyperlab_ml::schema::format_number(sp))));
        assert!(!v.summary().is_empty() && !v.densities().is_empty());
    }
}

// ---- the race and the panels with TPE --------------------------------------------------------

#[test]
fn tpe_is_random_search_for_its_start_up_trials() {
    for seed in [1, 7, 13] {
        let set = RunSet::finished(settings(&format!("problem=branin&budget=30&seed={seed}")).run_spec());
        assert_eq!(set.runs[3].points[..10], set.runs[1].points[..10]);
        assert_ne!(set.runs[3].points[10..], set.runs[1].points[10..]);
    }
}

// ---- parallel trials ----------------------------------------------------------------------------

#[test]
fn random_search_is_the_same_for_every_number_of_workers() {
    for q in ["problem=branin&budget=20", "problem=wells&budget=20&seed=5"] {
        let p = parallel(q);
        for w in 1..WORKERS.len() {
            assert_eq!(p.curves[0][w], p.curves[0][0], "{q}");
        }
        assert!(texts::parallel_intro(Liar::Worst).contains("exactly the same points whatever k"));
    }
}

#[test]
fn more_workers_need_fewer_rounds() {
    assert_eq!(WORKERS.map(|k| rounds(20, k)), [20, 10, 5, 3]);
    let p = parallel("problem=branin&budget=20");
    for s in 0..STRATEGIES.len() {
        for (w, &k) in WORKERS.iter().enumerate() {
            assert_eq!(p.median_by_round(s, w).len(), rounds(20, k));
            assert_eq!(p.median_by_trial(s, w).len(), 20);
        }
    }
}

#[test]
fn parallel_verdict_states_the_computed_medians() {
    let p = parallel("problem=branin&budget=20");
    let v8 = texts::parallel_verdict(&p, 8);
    assert!(v8.contains("(3 rounds)") && v8.contains("Parallelism cost Bayesian optimization here"), "{v8}");
    assert!(p.final_median(1, 3) > p.final_median(1, 0));
    // No parallelism sentence for one worker; the "no better than random" clause only when true.
    let v1 = texts::parallel_verdict(&p, 1);
    assert!(!v1.contains("Parallelism cost"));
    for (w, &k) in WORKERS.iter().enumerate() {
        assert_eq!(texts::parallel_verdict(&p, k).contains("no better than random"), p.final_median(1, w) >= p.final_median(0, w));
    }
    assert!(texts::parallel_summary(&p, true).contains("k = 8"));
}

#[test]
fn challenge_tpe_beats_random_teaches() {
    let c = &CHALLENGES[4];
    c.teaches(|q| run_page(q, true, false), &[]).unwrap();
    assert!(c.info.prompt.contains(&format!("at least {TPE_WINS} of the 20 seeds")));
    // "a proposal evaluates two densities at 24 candidates": the suggestion carries l, g and 24 scored candidates.
    let v = TpeOneD::new(BRANIN, TpeConfig::default(), 1);
    let n = v.next.as_ref().unwrap();
    assert!(n.l.is_some() && n.g.is_some() && n.candidates.len() == 24 && n.scores.len() == 24);
    assert!(c.info.explanation.contains("two densities at 24 candidates"));
    // The explanation's counts on seeds 1–20.
    for (budget, wins) in [(12, 2), (20, 8), (30, 14), (40, 16)] {
        assert_eq!(race(&format!("problem=branin&budget={budget}&seed=1")).tpe_wins(), wins, "budget {budget}");
    }
    assert!(!challenges::tpe_beats_random(&SearchSnapshot { problem: ProblemKind::Land(Landscape::Wells), ..run_page("problem=branin&budget=40", true, false) }));
}

#[test]
fn challenge_parallel_cost_teaches() {
    let c = &CHALLENGES[5];
    c.teaches(|q| run_page(q, false, true), &[]).unwrap();
    assert!(c.info.prompt.contains("at least 10 times") && PARALLEL_RATIO == 10.0);
    // Explanation: with 8 workers BO's median is more than 10× its sequential one; random's unchanged.
    let p = parallel("problem=branin&budget=20&seed=1");
    assert!(p.final_median(1, 3) / p.final_median(1, 0) > 10.0);
    assert_eq!(p.final_median(0, 3), p.final_median(0, 0));
    // The boundary: 4 workers are not enough.
    assert!(!challenges::parallel_costs_bayes(&run_page("problem=branin&budget=20&workers=4&seed=1", false, true)));
}

// ---- gradient-based tuning ------------------------------------------------------------------

fn gd(degree: usize, start: Start, step: f64) -> GradientTuning {
    GradientTuning::new(GdSettings { degree, start, step_size: step, seed: 1 })
}

#[test]
fn the_hypergradient_is_the_slope_of_the_cv_curve() {
    // "each point of the curve is the 5-fold CV error; … its exact slope in ln λ"
    let problem = hyperlab_ml::labs::search::Problem::new(ProblemKind::Ridge);
    let r = problem.ridge().unwrap();
    for degree in [5.0, 12.0] {
        for lambda in [1e-5, 1e-2, 0.3, 5.0] {
            let (loss, grad) = r.cv_hypergradient(degree, lambda).unwrap();
            assert!((loss - r.cv_mse(degree, lambda)).abs() <= 1e-9 * loss);
            let h: f64 = 1e-4;
            let fd = (r.cv_mse(degree, lambda * h.exp()) - r.cv_mse(degree, lambda * (-h).exp())) / (2.0 * h);
            assert!((grad - fd).abs() <= 1e-5 * fd.abs().max(1e-6), "degree {degree}, λ {lambda}: {grad} vs {fd}");
        }
    }
    assert!(texts::gd_intro(5, FITS).contains(&format!("same {FITS} cross-validations")));
}

#[test]
fn gd_verdicts_for_each_way_it_ends() {
    // Reaches: η = 100 from λ = 10 at degree 5, in 2 fits, fewer than grid's 7.
    let g = gd(5, Start::High, 100.0);
    assert_eq!((g.gd_hit(), g.search_hits()[0]), (Some(2), Some(7)));
    let verdict = texts::gd_verdict(&g);
    assert!(verdict.starts_with("Gradient descent came within 1 % of the curve's range of its minimum (a CV error of at most "), "{verdict}");
    assert!(verdict.contains(" after 2 cross-validations; grid search 7"), "{verdict}");
    // The numbers as printed: the target is the minimum plus 1 % of the range, and a search that
    // never came within it names a best that reads above it (the walk-through read "at most
    // 0.1101 … its best 0.1101" when both were rounded to four digits).
    let number_after = |text: &str, key: &str| -> f64 {
        let rest = &text[text.find(key).unwrap_or_else(|| panic!("{key} in {text}")) + key.len()..];
        rest.split(|c: char| !(c.is_ascii_digit() || c == '.')).next().unwrap().parse().unwrap()
    };
    let (target, minimum) = (number_after(&verdict, "at most "), number_after(&verdict, "the minimum is "));
    assert!((target - (g.minimum.1 + g.tolerance())).abs() <= 1e-3 * target && (minimum - g.minimum.1).abs() <= 1e-3 * minimum, "{verdict}");
    let mut missed = 0;
    for (s, name) in ["grid search", "random search", "Bayesian optimization"].iter().enumerate() {
        if g.search_hits()[s].is_none() {
            missed += 1;
            let best = g.searches[s].iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
            assert!(best > g.minimum.1 + g.tolerance());
            let printed = number_after(&verdict, &format!("{name} not within {FITS} (its best "));
            assert!(printed > target, "{name}: {printed} must read above {target}: {verdict}");
        }
    }
    assert!(missed > 0, "this state has a search that missed: {verdict}");
    // Crawls: η = 1 and η = 10 do not reach within 12. Every step goes downhill the same way and
    // the last is still short of the minimum, so the verdict says the step is too small, and it
    // names the target the searches are measured against.
    for eta in [1.0, 10.0] {
        let g = gd(5, Start::High, eta);
        assert!(g.gd_hit().is_none() && !g.oscillates() && !texts::gd_in_local_minimum(&g), "η {eta}");
        let (first, last) = (g.steps[0].ln_lambda, g.steps.last().unwrap().ln_lambda);
        assert!(last < first && last > g.minimum.0, "η {eta}: from {first} towards {} but short of it: {last}", g.minimum.0);
        let v = texts::gd_verdict(&g);
        assert!(v.starts_with("The step is too small for this part of the curve: gradient descent is still moving towards the minimum"), "η {eta}: {v}");
        assert!(v.contains("After 12 cross-validations") && v.contains("a CV error of at most "), "η {eta}: {v}");
    }
    // A run that reaches the minimum, or overshoots, is never called too small.
    for eta in [100.0, 150.0, 300.0, 2000.0] {
        let g = gd(5, Start::High, eta);
        assert!(!texts::gd_verdict(&g).contains("too small"), "η {eta}: {}", texts::gd_verdict(&g));
    }
    // Flat start: degree 5 from the smallest λ barely moves.
    for eta in [10.0, 100.0, 1000.0] {
        let g = gd(5, Start::Low, eta);
        assert!(g.gd_hit().is_none());
        assert!(texts::gd_verdict(&g).starts_with("The curve is almost flat where gradient descent starts"), "η {eta}");
    }
    // Too large from the steep side: the first step jumps past the minimum onto the flat low-λ
    // end and stalls there (η = 150 at degree 5 stopped at λ ≈ 0.0016 with no explanation).
    for eta in [150.0, 300.0, 2000.0] {
        let g = gd(5, Start::High, eta);
        let verdict = texts::gd_verdict(&g);
        assert!(g.gd_hit().is_none() && !g.oscillates(), "η {eta}");
        assert!(verdict.starts_with("The step is too large for the steep part of the curve: the first step jumped from λ = 10 past the minimum"), "η {eta}: {verdict}");
        let (first, landed) = (g.steps[0], g.steps[1]);
        assert!(first.ln_lambda > g.minimum.0 && landed.ln_lambda < g.minimum.0, "η {eta}: past the minimum");
        assert!(g.steps[1..].iter().all(|s| s.grad.abs() < 0.05 * first.grad.abs()), "η {eta}: almost flat");
        assert!((g.steps.last().unwrap().ln_lambda - landed.ln_lambda).abs() < 0.5, "η {eta}: barely moves");
        let lam = hyperlab_ml::schema::format_number(landed.ln_lambda.exp());
        // η = 150 lands on the shelf and creeps; larger steps stop at the range's end (λ = 1e-6)
        // and stay.
        let at_end = (landed.ln_lambda - 1e-6f64.ln()).abs() < 1e-9;
        assert_eq!(at_end, eta > 150.0, "η {eta}");
        assert!(verdict.contains(&format!("to {}λ = {lam},", if at_end { "the end of the range, " } else { "" })), "{verdict}");
        let still = g.steps[1..].iter().all(|s| (s.ln_lambda - landed.ln_lambda).abs() < 1e-12);
        assert!(verdict.contains(if still { "so the steps since leave it there." } else { "so the steps since barely move λ." }), "{verdict}");
    }
    // η = 100 lands near the minimum instead, and η = 10 never crosses it: not this verdict.
    assert!(texts::gd_overshot_onto_flat(&gd(5, Start::High, 100.0)).is_none() && texts::gd_overshot_onto_flat(&gd(5, Start::High, 10.0)).is_none());
    // Too large: bounces between the ends.
    let g = gd(12, Start::Low, 300.0);
    assert!(g.oscillates() && texts::gd_verdict(&g).starts_with("The step is too large"));
    // Local minimum: degree 12 from the smallest λ with η = 60 (with η = 100 it is still on its
    // way there after 12 fits, and the verdict only states where it is).
    assert!(!texts::gd_in_local_minimum(&gd(12, Start::Low, 100.0)) && texts::gd_verdict(&gd(12, Start::Low, 100.0)).starts_with("After 12 cross-validations"));
    let g = gd(12, Start::Low, 60.0);
    assert!(texts::gd_in_local_minimum(&g));
    let last = g.steps.last().unwrap();
    assert!(last.loss > g.minimum.1 + g.tolerance() && (last.ln_lambda - g.minimum.0).abs() > 3.0);
    assert!(texts::gd_verdict(&g).starts_with("Gradient descent has settled in a dip that is not the lowest"));
    assert!(texts::GD_LIMITS.contains("degree 12, started at the smallest λ"));
}

#[test]
fn gd_never_leaves_the_range_and_draws_finite_values() {
    for degree in gradient::DEGREES {
        for start in [Start::High, Start::Low] {
            for eta in [1.0, 30.0, 2000.0] {
                let g = gd(degree, start, eta);
                assert_eq!(g.steps.len(), FITS);
                assert!(g.steps.iter().all(|s| s.loss.is_finite() && s.grad.is_finite() && (1e-6f64.ln() - 1e-12..=10f64.ln() + 1e-12).contains(&s.ln_lambda)));
                assert!(g.curve.iter().all(|p| p.1.is_finite()));
                assert!(g.searches.iter().all(|s| s.len() == FITS || s.len() == 12));
                assert!(texts::gd_summary(&g).contains("Gradient steps"));
            }
        }
    }
}

#[test]
fn challenge_gradient_teaches() {
    let c = &CHALLENGES[6];
    c.teaches(|q| run_page(q, false, false), &["seed=1", "seed=2", "seed=3"]).unwrap();
    // Boundary: η = 60 ties grid search (7 and 7), so it does not count.
    let g = gd(5, Start::High, 60.0);
    assert_eq!((g.gd_hit(), g.search_hits()[0]), (Some(7), Some(7)));
    // The explanation: degree 12 from the smallest λ settles in a dip that is not the lowest.
    assert!(texts::gd_in_local_minimum(&gd(12, Start::Low, 60.0)));
}

// ---- presets and notes ----------------------------------------------------------------------

fn preset(name: &str) -> &'static hyperlab_ml::labs::Preset {
    hyperlab_ml::labs::search::PRESETS.iter().find(|p| p.name == name).unwrap()
}

#[test]
fn preset_tpe_with_room_to_work() {
    let p = preset("TPE with room to work");
    let s = run_page(p.query, true, false);
    assert_eq!(s.tpe_wins, Some(16));
    assert!(p.claim.contains("on 16 of them"));
    let set = RunSet::finished(settings(p.query).run_spec());
    assert_eq!(set.runs[3].points[..10], set.runs[1].points[..10]);
}

#[test]
fn preset_eight_parallel_workers() {
    let p = preset("Eight parallel workers");
    let s = run_page(p.query, false, true);
    assert!(s.parallel_ratio.unwrap() > 10.0);
    let par = parallel(p.query);
    assert_eq!(par.final_median(0, 3), par.final_median(0, 0));
    assert_eq!(rounds(20, 8), 3);
}

#[test]
fn preset_gradient_local_minimum() {
    let p = preset("Gradient descent into a local minimum");
    let g = GradientTuning::new(settings(p.query).gd_settings());
    assert!(texts::gd_in_local_minimum(&g));
    // "Two dips" (the degree menu says so too): the curve's local minima.
    let dips = g.curve.windows(3).filter(|w| w[1].1 < w[0].1 && w[1].1 <= w[2].1).count();
    assert_eq!(dips, 2, "local minima of the degree-12 curve");
    assert!(p.claim.contains("two dips") && hyperlab_ml::labs::search::GD_DEGREES[1].1.contains("two dips"));
    // "η = 150 from the same start reaches the lowest" (the challenge explanation says so too).
    let larger = GradientTuning::new(settings("gdeg=12&gstart=low&gstep=150").gd_settings());
    assert!(larger.gd_hit().is_some() && !texts::gd_in_local_minimum(&larger));
    assert!(p.claim.contains("η = 150 from the same start reaches the lowest"));
    assert!(texts::GD_LIMITS.contains("η = 60 settles in the higher of its two dips") && p.query.contains("gstep=60"));
    assert!(CHALLENGES.iter().find(|c| c.info.id == "search-gradient-beats-grid").unwrap().info.explanation.contains("η = 60 settles in a dip that is not the lowest, while η = 150 reaches the lowest"));
    // Degree 5 has one valley.
    let five = GradientTuning::new(settings("gdeg=5&gstart=low&gstep=60").gd_settings());
    assert_eq!(five.curve.windows(3).filter(|w| w[1].1 < w[0].1 && w[1].1 <= w[2].1).count(), 1);
}

#[test]
fn intro_and_controls_note_name_the_new_parts() {
    assert!(texts::INTRO.contains("TPE, the default of Optuna and Hyperopt"));
    // Optuna's TPESampler and Hyperopt's fmin(algo=tpe.suggest) are TPE; Optuna's default sampler
    // for a single objective is TPESampler (checked in the docs), Hyperopt's examples use tpe.suggest.
    let moved = |i: usize| format!("{}&{}", CHALLENGES[i].info.solution, CHALLENGES[i].info.wrong_answer);
    assert!(moved(4).contains("budget=") && moved(5).contains("workers=") && moved(6).contains("gstep="));
    assert!(texts::CONTROLS_NOTE.contains("the budget does for TPE, the workers for Bayesian optimization and the step size for gradient descent"));
}

#[test]
fn snippets_state_their_install_line_and_versions() {
    use hyperlab_ml::labs::search::codegen::{optuna, sagemaker, skopt};
    let c = |q: &str| settings(q).code_spec();
    assert!(optuna(&c("export=tpe")).starts_with("# pip install optuna==5.1.0  (checked with optuna 5.1.0)\n"));
    assert!(optuna(&c("export=bayes")).starts_with("# pip install optuna==5.1.0 torch  (checked with optuna 5.1.0; GPSampler needs PyTorch, which this snippet was not run with)\n"));
    assert!(optuna(&c("problem=ridge&export=grid")).starts_with("# pip install optuna==5.1.0 scikit-learn==1.9.1 numpy  (checked with optuna 5.1.0, scikit-learn 1.9.1)\n"));
    assert!(skopt(&c("export=tpe")).contains("from hyperopt import"));
    // dummy_minimize is named but not called (it fails with scikit-learn 1.9.1).
    let random = skopt(&c("export=random"));
    assert!(random.contains("Space(space).rvs(") && !random.contains("\nresult = dummy_minimize("));
    let m = sagemaker(&c("export=bayes&workers=8"));
    assert!(m.contains("max_parallel_jobs=8") && m.contains("early_stopping_type=\"Off\"") && m.contains("does not scale well"));
    assert!(sagemaker(&c("export=random")).contains("max_parallel_jobs=1"));
}
