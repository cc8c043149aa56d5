//! Native figures for the network lab's frame budget, one per line as `name: value unit`.
//! A frame is [`bench_frame`]: one epoch over 250 training points (batches of 10) of a
//! 2-8-8-8-1 tanh network, its training and validation loss, and the 100 × 100 decision-boundary
//! grid. The in-browser benchmark calls the same function.

use hyperlab_ml::nn::{bench_frame, bench_trainer};
use std::hint::black_box;
use std::time::Instant;

/// Median milliseconds of `f` over `reps` runs, after a warm-up.
fn median_ms(reps: usize, mut f: impl FnMut()) -> f64 {
    for _ in 0..20 {
        f();
    }
    let mut times: Vec<f64> = (0..reps)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    times[reps / 2]
}

fn main() {
    let mut trainer = bench_trainer();
    let mut grid = Vec::new();
    let frame = median_ms(301, || {
        black_box(bench_frame(black_box(&mut trainer), &mut grid));
        black_box(&grid);
    });
    println!("nn_frame_ms_native: {frame:.3} ms");

    let mut trainer = bench_trainer();
    let epoch = median_ms(1001, || {
        black_box(black_box(&mut trainer).step_epoch());
    });
    println!("nn_epochs_per_s_native: {:.0} epochs/s", 1e3 / epoch);
}
