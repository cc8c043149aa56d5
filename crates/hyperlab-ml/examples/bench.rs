//! Native figures for `make bench`, one per line as `name: value unit`. The in-browser
//! counterparts run the same core functions (see `src/bench.rs`).

use hyperlab_ml::regularization::{refit_all, RefitSettings};
use hyperlab_ml::sweep::LrSweep;
use std::hint::black_box;

#[path = "common/timing.rs"]
mod timing;


fn main() {
    let sweep = timing::median_ms(3, 101, || {
        black_box(LrSweep::lab_default().filter(|p| p.final_loss.is_some()).count());
    });
    println!("lr_sweep_ms_native: {sweep:.3} ms");

    // One slider move in the regularization lab: 200 noisy sine points, 70/30 split, degree 15,
    // elastic net ρ = 0.5 — the fit, a 50-α warm-started path with train/validation error at
    // each α, and train/validation error for degrees 1 … 15.
    let settings = RefitSettings::bench();
    let refit = timing::median_ms(3, 101, || {
        black_box(refit_all(black_box(&settings)).expect("the bench settings are valid"));
    });
    println!("regularization_refit_ms_native: {refit:.3} ms");
}
