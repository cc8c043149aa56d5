//! Native figures for the network lab's frame budget, one per line as `name: value unit`.
//! A frame is [`bench_frame`]: one epoch over 250 training points (batches of 10) of a
//! 2-8-8-8-1 tanh network, its training and validation loss, and the 100 × 100 decision-boundary
//! grid. The in-browser benchmark calls the same function.

use hyperlab_ml::nn::{bench_frame, bench_trainer};
use std::hint::black_box;
use std::time::Instant;

#[path = "common/timing.rs"]
mod timing;


fn main() {
    let mut trainer = bench_trainer();
    let mut grid = Vec::new();
    let frame = timing::median_ms(20, 301, || {
        black_box(bench_frame(black_box(&mut trainer), &mut grid));
        black_box(&grid);
    });
    println!("nn_frame_ms_native: {frame:.3} ms");

    let mut trainer = bench_trainer();
    let epoch = timing::median_ms(20, 1001, || {
        black_box(black_box(&mut trainer).step_epoch());
    });
    println!("nn_epochs_per_s_native: {:.0} epochs/s", 1e3 / epoch);

    // The budgets lab: Hyperband (circles, η = 3) stepped as the lab steps it, each frame's work
    // (hyperlab_ml::labs::budgets::run::step_sliced) within an 8 ms budget.
    use hyperlab_ml::labs::budgets::run::step_sliced;
    let frame = |search: &mut hyperlab_ml::budgets::Search, trials: &mut hyperlab_ml::labs::budgets::NetworkTrials| {
        let t = Instant::now();
        let r = step_sliced(search, trials, &mut || t.elapsed().as_secs_f64() < 0.008);
        (r, t.elapsed().as_secs_f64() * 1e3)
    };
    let (mut search, mut trials) = hyperlab_ml::labs::budgets::bench_search(27);
    let start = Instant::now();
    while search.position().is_none_or(|(b, _)| b == 0) && frame(&mut search, &mut trials).0 != Some(false) {}
    println!("budgets_epochs_per_s_native: {:.0} epochs/s", search.spent() as f64 / start.elapsed().as_secs_f64());
    let (mut search, mut trials) = hyperlab_ml::labs::budgets::bench_search(81);
    let (start, mut longest) = (Instant::now(), 0.0f64);
    loop {
        let (r, ms) = frame(&mut search, black_box(&mut trials));
        longest = longest.max(ms);
        if r == Some(false) {
            break;
        }
    }
    println!("budgets_hyperband_r81_ms_native: {:.0} ms", start.elapsed().as_secs_f64() * 1e3);
    println!("budgets_longest_frame_ms_native: {longest:.2} ms");
}
