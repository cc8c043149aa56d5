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

    exam_figures();
}

/// The question bank's make-up (by format and exam task statement), how many keys a live model
/// checks, and what validating the bank and checking every live key cost natively.
fn exam_figures() {
    use hyperlab_ml::exam::{challenge_ids, live, Bank, Format, BANK_JSON};
    let bank = Bank::parse(BANK_JSON).expect("the shipped bank parses");
    println!("exam_questions: {} questions", bank.questions.len());
    for f in Format::ALL {
        println!("exam_questions_{}: {} questions", f.slug(), bank.questions.iter().filter(|q| q.format == f).count());
    }
    for t in &bank.tasks {
        let n = bank.questions.iter().filter(|q| q.tasks.contains(&t.id)).count();
        println!("exam_questions_{}: {n} questions", t.id.replace(['-', '.'], "_"));
    }
    let live_keys: Vec<_> = bank.questions.iter().filter(|q| q.check.is_some()).collect();
    println!("exam_live_checked_keys: {} questions", live_keys.len());
    let ids = challenge_ids();
    let validate = timing::median_ms(1, 11, || {
        black_box(Bank::parse(BANK_JSON).map(|b| b.validate(&ids).len()).unwrap_or(0));
    });
    println!("exam_bank_validate_ms_native: {validate:.3} ms");
    let start = std::time::Instant::now();
    let failures = live_keys.iter().filter(|q| live::verify(q).is_err()).count();
    println!("exam_live_keys_check_ms_native: {:.0} ms", start.elapsed().as_secs_f64() * 1000.0);
    assert_eq!(failures, 0, "a live key is contradicted by its model");
}
