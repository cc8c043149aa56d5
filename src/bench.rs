//! Functions scripts call in the browser through `window.wasmBindings`: benchmarks (so
//! in-browser figures measure the same work as the native ones) and one test hook.

#[allow(unused_imports)] // Which of these a build uses depends on its lab features.
use crate::runner::now_ms;
use wasm_bindgen::prelude::*;

/// The median of timings in ms (the upper middle one of an even count); NaN for none.
#[cfg(any(feature = "training", feature = "search", feature = "trees"))]
fn median_ms(mut times: Vec<f64>) -> f64 {
    hyperlab_ml::sorting::sort_floats(&mut times);
    times.get(times.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Mean milliseconds for one learning-rate sweep (the lab's default: 40 rates, 100 steps,
/// narrow valley), over `reps` repetitions.
#[cfg(feature = "learning-rate")]
#[wasm_bindgen]
pub fn bench_lr_sweep(reps: u32) -> f64 {
    let reps = reps.clamp(1, 10_000);
    let start = now_ms();
    let mut sink = 0usize;
    for _ in 0..reps {
        sink += hyperlab_ml::labs::learning_rate::sweep::LrSweep::lab_default().filter(|p| p.final_loss.is_some()).count();
    }
    let elapsed = now_ms() - start;
    // Keep the work observable so it cannot be optimized away.
    if sink == usize::MAX {
        web_sys::console::log_1(&"unreachable".into());
    }
    elapsed / reps as f64
}

/// The regularization lab's refit-and-redraw after one slider move (degree 15, 200 points, a
/// 50-λ path and both validation curves, five charts), `reps` times: the 95th percentile in ms.
#[cfg(feature = "regularization")]
#[wasm_bindgen]
pub fn bench_regularization_refit(reps: u32) -> f64 {
    let mut times = crate::labs::regularization::bench_refit_and_redraw(reps.clamp(1, 1000) as usize);
    hyperlab_ml::sorting::sort_floats(&mut times);
    times.get((times.len() * 95).div_ceil(100).saturating_sub(1)).copied().unwrap_or(f64::NAN)
}

/// The training lab's frame (one epoch of 250 points, batch 10, 2-8-8-8-1 tanh, both losses and
/// the 100 × 100 decision grid), `reps` times: `[median ms, epochs per second]`.
#[cfg(feature = "training")]
#[wasm_bindgen]
pub fn bench_nn_frame(reps: u32) -> Vec<f64> {
    let median = median_ms(crate::labs::training::bench_frames(reps.clamp(1, 1000) as usize));
    // Epochs alone, without the grid, for the throughput figure.
    let mut t = hyperlab_ml::nn::bench_trainer();
    let start = now_ms();
    let mut epochs = 0u32;
    while now_ms() - start < 500.0 {
        t.step_epoch();
        epochs += 1;
    }
    vec![median, epochs as f64 / ((now_ms() - start) / 1000.0)]
}

/// Milliseconds for one Bayesian-optimization suggestion on Branin (2-D) after `observations`
/// observations, warm-started as in a running search: the same `BenchCase::run` the native
/// `search_bench` example times. Median of seven, after one warm-up.
#[cfg(feature = "search")]
#[wasm_bindgen]
pub fn bench_bo_suggest(observations: u32) -> f64 {
    let case = hyperlab_ml::search::BenchCase::branin(observations.clamp(1, 500) as usize);
    median_of_seven_ms(|| case.run().is_ok())
}

/// Milliseconds `run` takes, the median of seven after one warm-up; NaN for a failed run.
#[cfg(feature = "search")]
fn median_of_seven_ms(run: impl Fn() -> bool) -> f64 {
    let _ = run();
    let times: Vec<f64> = (0..7)
        .map(|_| {
            let start = now_ms();
            let ok = run();
            let elapsed = now_ms() - start;
            if ok { elapsed } else { f64::NAN }
        })
        .collect();
    median_ms(times)
}

/// One TPE suggestion (two Parzen estimators, 24 candidates) from the same Branin observations,
/// in milliseconds, as the native `search_bench` example times it. Median of seven, after one
/// warm-up.
#[cfg(feature = "search")]
#[wasm_bindgen]
pub fn bench_tpe_suggest(observations: u32) -> f64 {
    use hyperlab_ml::search::{suggest_tpe, Liar, TpeConfig};
    let case = hyperlab_ml::search::BenchCase::branin(observations.clamp(1, 500) as usize);
    median_of_seven_ms(|| suggest_tpe(&case.space, &case.observations, &[], &TpeConfig::default(), 7, Liar::Worst).is_ok())
}

/// The budgets lab's frames: a Hyperband search (circles, η = 3) stepped as the lab steps it,
/// each frame's work (`step_sliced`) within the lab's 8 ms budget. Returns `[epochs per second
/// during R = 27's first bracket of 27 networks, seconds of compute for a whole R = 81 run, its
/// frames, its longest frame in ms]`.
#[cfg(feature = "budgets")]
#[wasm_bindgen]
pub fn bench_budgets() -> Vec<f64> {
    use hyperlab_ml::labs::budgets::bench_search;
    use hyperlab_ml::labs::budgets::run::step_sliced;
    let frame = |search: &mut hyperlab_ml::budgets::Search, trials: &mut hyperlab_ml::labs::budgets::NetworkTrials| {
        let t = now_ms();
        let r = step_sliced(search, trials, &mut || now_ms() - t < crate::labs::budgets::FRAME_MS);
        (r, now_ms() - t)
    };
    let (mut search, mut trials) = bench_search(27);
    let start = now_ms();
    while search.position().is_none_or(|(b, _)| b == 0) && frame(&mut search, &mut trials).0 != Some(false) {}
    let epochs_per_s = search.spent() as f64 / ((now_ms() - start) / 1000.0).max(1e-9);
    let (mut search, mut trials) = bench_search(81);
    let (mut total, mut longest, mut frames) = (0.0f64, 0.0f64, 0u32);
    loop {
        let (r, dt) = frame(&mut search, &mut trials);
        total += dt;
        longest = longest.max(dt);
        frames += 1;
        if r == Some(false) {
            break;
        }
    }
    vec![epochs_per_s, total / 1000.0, frames as f64, longest]
}

/// Panics on purpose, so the end-to-end tests can check that a crash shows the
/// "something broke — reload" banner instead of leaving a dead page.
#[wasm_bindgen]
pub fn __test_panic() {
    panic!("deliberate panic from the end-to-end tests");
}

/// The trees lab's forest fit (100 trees, 400 points, 2 features, no depth limit, √p features per
/// split), `reps` times: the median in ms.
#[cfg(feature = "trees")]
#[wasm_bindgen]
pub fn bench_trees_forest_fit(reps: u32) -> f64 {
    median_ms(crate::labs::trees::bench_forest_fit(reps.clamp(1, 100) as usize))
}

/// The 100 × 100 decision map through that forest's 100 trees, `reps` times: the median in ms.
#[cfg(feature = "trees")]
#[wasm_bindgen]
pub fn bench_trees_map(reps: u32) -> f64 {
    median_ms(crate::labs::trees::bench_map(reps.clamp(1, 1000) as usize))
}
