//! ASHA's promotion rule against Optuna's `SuccessiveHalvingPruner`: the trials of
//! `tests/reference/budgets_fixtures.json` (written by `make_budgets_fixtures.py`) replayed one
//! at a time, as Optuna ran them, must be stopped at the same steps below R.

use hyperlab_ml::budgets::{asha_promotable, successive_halving_rungs};
use serde_json::Value;

#[test]
fn asha_prunes_where_optuna_does() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/reference/budgets_fixtures.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 4);
    for case in cases {
        let eta = case["eta"].as_u64().unwrap() as usize;
        let max = case["max_resource"].as_u64().unwrap() as usize;
        // The lab's ASHA rungs: the first bracket's resources below R (1, η, η², … here).
        let rungs: Vec<usize> = successive_halving_rungs(1, 1, max, eta).unwrap().iter().map(|r| r.r).filter(|&r| r < max).collect();
        let mut seen: Vec<Vec<f64>> = vec![Vec::new(); rungs.len()];
        let mut stops = 0;
        for (k, (curve, expected)) in case["curves"].as_array().unwrap().iter().zip(case["pruned_at"].as_array().unwrap()).enumerate() {
            let curve: Vec<f64> = curve.as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
            let mut ours = None;
            for (i, &r) in rungs.iter().enumerate() {
                let v = curve[r - 1];
                seen[i].push(v);
                if !asha_promotable(v, &seen[i], eta) {
                    ours = Some(r);
                    break;
                }
            }
            // Optuna also checks at R itself; the lab counts a trial that trained R as complete.
            let theirs = expected.as_u64().map(|s| s as usize).filter(|&s| s < max);
            assert_eq!(ours, theirs, "{} trial {k}", case["name"]);
            stops += ours.is_some() as usize;
        }
        assert!(stops > 0);
    }
}
