//! The reference harness (`examples/reference/main.rs`) end to end: a good `fit` request answers
//! what scikit-learn answered (a fixture from `tests/reference/linear_fixtures.json`), and every
//! kind of bad request exits with status 2 and `{"error": "..."}`.
//!
//! Cargo gives tests no path to example binaries (`CARGO_BIN_EXE_*` is for `[[bin]]` targets),
//! so the example is built once with the same cargo that runs the tests (`env!("CARGO")`,
//! honouring `CARGO_TARGET_DIR`), its path read from cargo's JSON messages, and then run directly
//! for each request: one build, then milliseconds per request instead of a `cargo run` each.

use serde_json::{Value, json};

#[path = "common/harness.rs"]
mod harness;
use harness::ask;

fn fixtures() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/reference/linear_fixtures.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The `fit` request for a fixture case.
fn request_for(fixtures: &Value, case: &Value) -> Value {
    let data = &fixtures["datasets"][case["dataset"].as_str().unwrap()];
    let mut request = json!({
        "task": "fit",
        "model": case["model"],
        "alpha": case["alpha"],
        "fit_intercept": case["fit_intercept"],
        "x": data["x"],
        "y": data["y"],
    });
    if !case["l1_ratio"].is_null() {
        request["l1_ratio"] = case["l1_ratio"].clone();
    }
    request
}

#[test]
fn good_requests_answer_what_scikit_learn_answered() {
    let fixtures = fixtures();
    let cases = fixtures["linear"].as_array().unwrap();
    let pick = |dataset: &str, model: &str, alpha: f64, intercept: bool| {
        cases
            .iter()
            .find(|c| c["dataset"] == dataset && c["model"] == model && c["alpha"].as_f64() == Some(alpha) && c["fit_intercept"] == intercept)
            .unwrap_or_else(|| panic!("no fixture {dataset} {model} {alpha}"))
    };
    for case in [
        pick("tall", "ridge", 1.0, true),
        pick("wide", "lasso", 0.1, true),
        pick("collinear", "elastic_net", 0.01, false),
        pick("poly15_wide", "ridge", 0.0, true),
    ] {
        let (status, answer) = ask(&request_for(&fixtures, case).to_string());
        assert_eq!(status, 0, "{answer}");
        let ours: Vec<f64> = answer["coef"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
        let reference: Vec<f64> = case["coef"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
        let top = reference.iter().fold(0.0f64, |m, b| m.max(b.abs()));
        // linear_reference.rs's rule for coefficients (see there).
        for (a, b) in ours.iter().zip(&reference) {
            assert!((a - b).abs() <= 1e-6 * b.abs().max(1e-3 * top), "{case}: {a} vs {b}");
        }
        assert_eq!(ours.len(), reference.len());
        let (a, b) = (answer["intercept"].as_f64().unwrap(), case["intercept"].as_f64().unwrap());
        assert!((a - b).abs() <= 1e-6 * b.abs().max(1.0), "{case}: intercept {a} vs {b}");
        assert_eq!(answer.as_object().unwrap().len(), 2, "only coef and intercept: {answer}");
    }
}

#[test]
fn bad_requests_exit_2_with_an_error_message() {
    let good = json!({"task": "fit", "model": "elastic_net", "alpha": 0.1, "l1_ratio": 0.5, "fit_intercept": true, "x": [[1.0, 2.0], [2.0, 1.0], [3.0, 5.0]], "y": [1.0, 2.0, 3.0]});
    assert_eq!(ask(&good.to_string()).0, 0);
    let with = |key: &str, value: Value| {
        let mut r = good.clone();
        r[key] = value;
        r.to_string()
    };
    let without = |key: &str| {
        let mut r = good.clone();
        r.as_object_mut().unwrap().remove(key);
        r.to_string()
    };
    let bad = [
        ("invalid JSON", "{\"task\": \"fit\",".to_string()),
        ("empty input", String::new()),
        ("not an object", "[1, 2]".to_string()),
        ("unknown task", with("task", json!("predict"))),
        ("missing task", without("task")),
        ("unknown model", with("model", json!("svm"))),
        ("negative alpha", with("alpha", json!(-0.5))),
        ("l1_ratio above 1", with("l1_ratio", json!(1.5))),
        ("l1_ratio below 0", with("l1_ratio", json!(-0.1))),
        ("ragged x", with("x", json!([[1.0, 2.0], [2.0], [3.0, 5.0]]))),
        ("x and y lengths differ", with("y", json!([1.0, 2.0]))),
        ("a string in x", with("x", json!([[1.0, 2.0], [2.0, "one"], [3.0, 5.0]]))),
        ("a string in y", with("y", json!([1.0, null, 3.0]))),
        ("alpha not a number", with("alpha", json!("0.1"))),
        ("fit_intercept not a boolean", with("fit_intercept", json!(1))),
        ("x not an array of rows", with("x", json!([1.0, 2.0, 3.0]))),
        ("missing alpha", without("alpha")),
        ("missing x", without("x")),
        ("missing y", without("y")),
        ("missing model", without("model")),
        ("missing l1_ratio for elastic net", without("l1_ratio")),
        ("no samples", {
            let mut r = good.clone();
            (r["x"], r["y"]) = (json!([]), json!([]));
            r.to_string()
        }),
    ];
    for (what, request) in bad {
        let (status, answer) = ask(&request);
        assert_eq!(status, 2, "{what}: {answer}");
        let message = answer["error"].as_str().unwrap_or_else(|| panic!("{what}: no error message in {answer}"));
        assert!(!message.is_empty(), "{what}");
        assert_eq!(answer.as_object().unwrap().len(), 1, "{what}: {answer}");
    }
}
