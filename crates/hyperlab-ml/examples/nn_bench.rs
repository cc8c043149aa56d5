//! Native figures for the network lab's frame budget, one per line as `name: value unit`.
//! A frame is [`bench_frame`]: one epoch over 250 training points (batches of 10) of a
//! 2-8-8-8-1 tanh network, its training and validation loss, and the 100 × 100 decision-boundary
//! grid. The in-browser benchmark calls the same function.

use hyperlab_ml::nn::{bench_frame, bench_trainer};
use std::hint::black_box;

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
}
