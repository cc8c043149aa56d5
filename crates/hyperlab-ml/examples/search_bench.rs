//! Speed and quality figures of the search lab, one per line as `name: value unit`.
//!
//!     cargo run --release -p hyperlab-ml --example search_bench
//!
//! Speed: one Bayesian-optimization suggestion (kernel fit + acquisition maximization) on
//! Branin with 50 and 100 observations in 2-D, median over repetitions; warm-started from the
//! previous fit as in a running search (`BenchCase::run`, the same call the browser benchmark
//! makes), and `_cold` from scratch (default start + 2 seeded restarts, what a stateless caller
//! such as the reference harness pays). Quality: median regret (best found − 0.397887) after 30
//! trials on Branin over seeds 0–9, for Bayesian optimization (defaults: Matérn 5/2 with ARD,
//! expected improvement with ξ = 0.01, 10-point Latin-hypercube design), random search, and grid
//! search — the grid a 30-trial budget allows in 2-D is 5 × 5 = 25 points (5 values per axis,
//! ends included), so it uses 25 trials, the others 30, and it is the same for every seed.
//! `bo_branin_run_30_ms_native` is a whole 30-trial run (20 suggestions after the design).
//! TPE: one suggestion (two Parzen estimators, 24 candidates) from the same 50 and 200 Branin
//! observations, median over repetitions; and its median regret after 30 trials over seeds
//! 0–19 (Optuna's own TPESampler figure on the same budget is printed by
//! `tests/reference/make_tpe_fixtures.py`). A 20-seed median is noisy (Optuna's own ranges from
//! 0.28 to 0.82 between blocks of 20 seeds), so the 100-seed median, the quartiles and the
//! medians of the five blocks of 20 seeds are printed too, in the same form as the script's.

use hyperlab_ml::search::{suggest_tpe, BayesConfig, BenchCase, Landscape, Liar, Search, StrategyKind, Study, TpeConfig};
use std::hint::black_box;
use std::time::Instant;

#[path = "common/timing.rs"]
mod timing;


fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n % 2 == 1 { v[n / 2] } else { 0.5 * (v[n / 2 - 1] + v[n / 2]) }
}

/// First quartile, median and third quartile (linear interpolation between order statistics,
/// as NumPy's `percentile`, which the reference script uses).
fn quartiles(v: &[f64]) -> (f64, f64, f64) {
    let mut v = v.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    let at = |p: f64| {
        let h = p * (v.len() - 1) as f64;
        let (i, f) = (h.floor() as usize, h - h.floor());
        v[i] + f * (v[(i + 1).min(v.len() - 1)] - v[i])
    };
    (at(0.25), at(0.5), at(0.75))
}

/// Regret after `budget` trials of `kind` on Branin with each seed.
fn regrets(kind: StrategyKind, budget: usize, seeds: std::ops::Range<u64>) -> Vec<f64> {
    seeds
        .map(|seed| {
            let search = Search::new(kind, Landscape::Branin.space(), budget, seed, BayesConfig::default()).expect("valid settings");
            let mut study = Study::new(search, Landscape::Branin.objective()).expect("same space");
            study.run();
            study.regret().expect("Branin's minimum is known")
        })
        .collect()
}

fn main() {
    for (name, n) in [("bo_suggest_ms_native", 50), ("bo_suggest_ms_native_100", 100)] {
        let case = BenchCase::branin(n);
        let warm = timing::median_ms(3, 31, || {
            black_box(case.run().expect("valid case"));
        });
        println!("{name}: {warm:.3} ms");
        let cold = timing::median_ms(3, 11, || {
            black_box(case.run_cold().expect("valid case"));
        });
        println!("{name}_cold: {cold:.3} ms");
    }
    let t = Instant::now();
    let bo = regrets(StrategyKind::Bayes, 30, 0..10);
    let bo_seconds = t.elapsed().as_secs_f64();
    // Regret is in Branin's own units (no unit printed).
    println!("bo_branin_median_regret_30: {:.6}", median(bo.clone()));
    println!("random_branin_median_regret_30: {:.6}", median(regrets(StrategyKind::Random, 30, 0..10)));
    println!("grid_branin_median_regret_30: {:.6}", median(regrets(StrategyKind::Grid, 30, 0..10)));
    println!("grid_branin_points_30: {} trials", Landscape::Branin.space().grid(30).len());
    println!("bo_branin_worst_regret_30: {:.6}", bo.iter().copied().fold(0.0, f64::max));
    println!("bo_branin_run_30_ms_native: {:.1} ms", bo_seconds * 1e3 / 10.0);
    for (name, n) in [("tpe_suggest_ms_native", 50), ("tpe_suggest_ms_native_200", 200)] {
        let case = BenchCase::branin(n);
        let ms = timing::median_ms(3, 31, || {
            black_box(suggest_tpe(&case.space, &case.observations, &[], &TpeConfig::default(), 7, Liar::Worst).expect("valid case"));
        });
        println!("{name}: {ms:.3} ms");
    }
    let tpe = regrets(StrategyKind::Tpe, 30, 0..100);
    println!("tpe_branin_median_regret_30: {:.6}", median(tpe[..20].to_vec()));
    println!("tpe_branin_median_regret_30_100_seeds: {:.6}", median(tpe.clone()));
    let quartiles = |v: &[f64]| {
        let (q1, q2, q3) = quartiles(v);
        format!("{q1:.4} / {q2:.4} / {q3:.4}")
    };
    println!("tpe_branin_regret_30_quartiles: seeds 0-19 {}; seeds 0-99 {}", quartiles(&tpe[..20]), quartiles(&tpe));
    let blocks: Vec<String> = tpe.chunks(20).map(|b| format!("{:.4}", median(b.to_vec()))).collect();
    println!("tpe_branin_median_regret_30_by_block_of_20: {}", blocks.join(" "));
}
