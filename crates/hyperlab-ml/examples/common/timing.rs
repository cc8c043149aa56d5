//! Shared by the benchmark examples (`#[path = "common/timing.rs"] mod timing;`): one way to
//! time a piece of work, so every native figure is measured alike.

use std::time::Instant;

/// Median milliseconds of `f` over `reps` runs, after `warmup` untimed runs.
pub fn median_ms(warmup: usize, reps: usize, mut f: impl FnMut()) -> f64 {
    for _ in 0..warmup {
        f();
    }
    let mut times: Vec<f64> = (0..reps.max(1))
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    times[times.len() / 2]
}
