//! Native figure for the cross-validation lab's k comparison: 200 resamples of 100 points,
//! k-fold CV estimates for k = 2, 5, 10 against the known true error, with the lab's own
//! polynomial ridge model (`cv_models::k_comparison`, the same code the browser runs).
//! Prints `cv_experiment_ms_native: <ms> ms` (median of several runs); pass `--summary` to also
//! print what the experiment found for each k.

use hyperlab_ml::model_selection::Folds;
use hyperlab_ml::labs::cross_validation::scenarios::k_comparison;
use std::hint::black_box;

#[path = "common/timing.rs"]
mod timing;

fn run() -> hyperlab_ml::model_selection::ExperimentSummary {
    k_comparison(100, 200, vec![Folds::K(2), Folds::K(5), Folds::K(10)], 1).expect("valid experiment").finish()
}

fn main() {
    let ms = timing::median_ms(0, 7, || {
        black_box(run());
    });
    println!("cv_experiment_ms_native: {ms:.1} ms");
    if std::env::args().any(|a| a == "--summary") {
        let s = run();
        println!("true error: {:.4} ± {:.4}", s.true_error_mean, s.true_error_std);
        for f in &s.per_folds {
            println!("{}: estimate {:.4} ± {:.4}, bias {:+.4}, rmse {:.4}, {} fits", f.folds.label(), f.mean, f.std, f.bias, f.rmse, f.fits);
        }
    }
}
