//! Native figures for `make bench`, one per line as `name: value unit`. The in-browser
//! counterparts run the same core functions (see `src/bench.rs`).

use hyperlab_ml::labs::regularization::refit::{refit_all, RefitSettings};
use hyperlab_ml::labs::learning_rate::sweep::LrSweep;
use hyperlab_ml::trees::bench as trees_bench;
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

    // The trees lab: 100 trees, 400 points, 2 features, no depth limit, √p features per split;
    // then the 100 × 100 decision map through those trees.
    let forest_ms = timing::median_ms(1, 9, || {
        black_box(trees_bench::forest_fit(black_box(0)));
    });
    println!("trees_forest_fit_ms_native: {forest_ms:.2} ms");
    let forest = trees_bench::forest_fit(0);
    let map_ms = timing::median_ms(2, 21, || {
        black_box(trees_bench::decision_map(black_box(&forest)));
    });
    println!("trees_map_ms_native: {map_ms:.2} ms");
    if let Some(ms) = sklearn_forest_ms() {
        println!("trees_forest_fit_ms_sklearn: {ms:.2} ms");
    }
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

/// scikit-learn's time for the same forest on the same points (median of 9 fits, single
/// thread), if a Python with scikit-learn is at `$HYPERLAB_PYTHON` (default `python3`): a figure
/// for comparison, not a test. `None` when there is none.
fn sklearn_forest_ms() -> Option<f64> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let (x, y) = trees_bench::forest_data(0);
    let rows: Vec<String> = (0..x.n).map(|i| format!("[{},{}]", x.cols[0][i], x.cols[1][i])).collect();
    let payload = format!("{{\"x\":[{}],\"y\":{:?}}}", rows.join(","), y);
    let script = "import json,sys,time\nimport numpy as np\nfrom sklearn.ensemble import RandomForestClassifier\nd=json.load(sys.stdin)\nx=np.array(d['x']);y=np.array(d['y'])\nts=[]\nfor i in range(10):\n    t=time.perf_counter();RandomForestClassifier(n_estimators=100,max_features='sqrt',n_jobs=1,random_state=i).fit(x,y);ts.append((time.perf_counter()-t)*1e3)\nprint(sorted(ts[1:])[4])";
    let python = std::env::var("HYPERLAB_PYTHON").unwrap_or_else(|_| "python3".into());
    let mut child = Command::new(python).args(["-c", script]).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::null()).spawn().ok()?;
    child.stdin.take()?.write_all(payload.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}
