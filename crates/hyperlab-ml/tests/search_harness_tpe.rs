//! The reference harness's TPE, batch and hypergradient tasks, called in-process: answers equal
//! Optuna's and scikit-learn's (fixtures in `tests/reference/tpe_fixtures.json`), TPE resumes
//! across processes, batches are distinct, and bad requests are refused with a message.

#[path = "../examples/reference/search.rs"]
mod reference_search;

use reference_search::{ridge_hypergradient, suggest, tpe_log_pdf};
use serde_json::{json, Value};

fn doc() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/reference/tpe_fixtures.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The harness's space for a fixture's space (categorical choices named c0, c1, …).
fn harness_space(space: &Value) -> Value {
    Value::Array(
        space
            .as_array()
            .unwrap()
            .iter()
            .map(|d| match d["kind"].as_str().unwrap() {
                "float" => json!({"name": d["name"], "low": d["low"], "high": d["high"], "log": d["log"]}),
                "int" => json!({"name": d["name"], "type": "int", "low": d["low"], "high": d["high"], "log": d["log"]}),
                _ => json!({"name": d["name"], "type": "categorical", "choices": (0..d["choices"].as_u64().unwrap()).map(|i| format!("c{i}")).collect::<Vec<_>>()}),
            })
            .collect(),
    )
}

#[test]
fn tpe_log_pdf_answers_like_optuna() {
    for case in doc()["parzen"].as_array().unwrap() {
        let request = json!({"task": "tpe_log_pdf", "space": harness_space(&case["space"]), "observations": case["observations"], "x_star": case["x_star"]});
        let answer = tpe_log_pdf(&request).unwrap();
        for (a, b) in answer["log_pdf"].as_array().unwrap().iter().zip(case["log_pdf"].as_array().unwrap()) {
            let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
            assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{a} vs {b}");
        }
    }
}

#[test]
fn ridge_hypergradient_answers_like_scikit_learn() {
    for case in doc()["ridge"].as_array().unwrap() {
        let mut request = case.clone();
        request["task"] = json!("ridge_hypergradient");
        let answer = ridge_hypergradient(&request).unwrap();
        let (g, want) = (answer["grad_log_alpha"].as_f64().unwrap(), case["grad_log_alpha"].as_f64().unwrap());
        assert!((g - want).abs() <= 1e-6 * want.abs().max(1e-9));
        let (l, want) = (answer["val_loss"].as_f64().unwrap(), case["val_loss"].as_f64().unwrap());
        assert!((l - want).abs() <= 1e-9 * want);
    }
}

fn branin(x: &[f64]) -> f64 {
    let pi = std::f64::consts::PI;
    let (b, c, t) = (5.1 / (4.0 * pi * pi), 5.0 / pi, 1.0 / (8.0 * pi));
    (x[1] - b * x[0] * x[0] + c * x[0] - 6.0).powi(2) + 10.0 * (1.0 - t) * x[0].cos() + 10.0
}

#[test]
fn tpe_resumes_across_processes_and_batches_spread() {
    let space = json!([{"name": "x0", "low": -5.0, "high": 10.0}, {"name": "x1", "low": 0.0, "high": 15.0}]);
    let mut observations: Vec<Value> = Vec::new();
    let mut first_run = Vec::new();
    for _ in 0..15 {
        let r = json!({"task": "suggest", "strategy": "tpe", "space": space, "observations": observations, "budget": 15, "seed": 4});
        let x = suggest(&r).unwrap()["x"].clone();
        assert_eq!(suggest(&r).unwrap()["x"], x, "deterministic");
        let p: Vec<f64> = x.as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
        observations.push(json!({"x": x, "y": branin(&p)}));
        first_run.push(p);
    }
    assert!(first_run.iter().all(|p| (-5.0..=10.0).contains(&p[0]) && (0.0..=15.0).contains(&p[1])));
    for strategy in ["random", "bayes", "tpe", "grid"] {
        let r = json!({"task": "suggest", "strategy": strategy, "space": space, "observations": observations, "budget": 60, "seed": 4, "batch": 4});
        let xs = suggest(&r).unwrap()["xs"].as_array().unwrap().clone();
        assert_eq!(xs.len(), 4, "{strategy}");
        for i in 0..4 {
            assert!((0..i).all(|j| xs[j] != xs[i]), "{strategy}: repeated point");
        }
    }
    let bad = |extra: Value, needle: &str| {
        let mut r = json!({"task": "suggest", "strategy": "tpe", "space": space, "observations": [], "budget": 10});
        for (k, v) in extra.as_object().unwrap() {
            r[k] = v.clone();
        }
        let e = suggest(&r).unwrap_err();
        assert!(e.contains(needle), "{e}");
    };
    bad(json!({"batch": 0}), "batch");
    bad(json!({"batch": 65}), "batch");
    bad(json!({"batch": 2, "liar": "best"}), "liar");
    bad(json!({"strategy": "cmaes"}), "\"tpe\"");
}

#[test]
fn bad_tpe_and_hypergradient_requests_are_refused() {
    let space = json!([{"name": "x", "low": 0.0, "high": 1.0}]);
    assert!(tpe_log_pdf(&json!({"task": "tpe_log_pdf", "space": space, "observations": [[2.0]], "x_star": [[0.5]]})).unwrap_err().contains("observations[0]"));
    assert!(tpe_log_pdf(&json!({"task": "tpe_log_pdf", "space": space, "observations": [], "x_star": [[0.5, 1.0]]})).is_err());
    let ok = tpe_log_pdf(&json!({"task": "tpe_log_pdf", "space": space, "observations": [], "x_star": [[0.5]]})).unwrap();
    assert!(ok["log_pdf"][0].as_f64().unwrap().is_finite());
    let base = json!({"task": "ridge_hypergradient", "alpha": 1.0, "x_train": [[0.0], [1.0], [2.0]], "y_train": [0.0, 1.0, 2.5], "x_val": [[1.5]], "y_val": [1.4]});
    assert!(ridge_hypergradient(&base).is_ok());
    for (key, value) in [("alpha", json!(-1.0)), ("alpha", json!("big")), ("y_train", json!([0.0, 1.0])), ("x_val", json!([[1.0, 2.0]]))] {
        let mut r = base.clone();
        r[key] = value;
        assert!(ridge_hypergradient(&r).is_err(), "{key}");
    }
}
