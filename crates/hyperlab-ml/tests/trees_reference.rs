//! Hyperlab's trees and gradient boosting against scikit-learn, through the reference harness
//! (`examples/reference`, tasks `tree` and `boosting`): every case of
//! `tests/reference/tree_fixtures.json` (written by `tests/reference/make_tree_fixtures.py`)
//! gives identical predictions, the same leaves and depth, and probabilities / staged decision
//! functions within 1e-9 relative. Bad requests exit with status 2 and `{"error": ...}`.

use serde_json::{json, Value};

#[path = "common/fixtures.rs"]
mod fixtures;
use fixtures::{cases, floats};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/reference/tree_fixtures.json");

#[path = "common/harness.rs"]
mod harness;
use harness::ask;

fn fixtures() -> Value {
    let text = std::fs::read_to_string(FIXTURES).unwrap_or_else(|e| panic!("{FIXTURES}: {e} (regenerate with tests/reference/make_tree_fixtures.py)"));
    serde_json::from_str(&text).expect("valid JSON")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn trees_match_scikit_learn() {
    let fx = fixtures();
    let cases = fx["tree"].as_array().unwrap();
    assert!(cases.len() >= 100, "many shapes, depths, leaf sizes, weights and both criteria");
    assert!(cases.iter().filter(|c| c["request"].get("ccp_alpha").is_some()).count() >= 20, "pruned trees too");
    for (k, case) in cases.iter().enumerate() {
        let req = &case["request"];
        let name = format!("tree case {k}: {} {} depth {} mss {} msl {} n {}{}", req["kind"], req["criterion"], req["max_depth"], req["min_samples_split"], req["min_samples_leaf"], req["y"].as_array().unwrap().len(), if req.get("sample_weight").is_some() { " weighted" } else { "" });
        let (status, got) = ask(&req.to_string());
        assert_eq!(status, 0, "{name}: {got}");
        let want = &case["answer"];
        assert_eq!(got["n_leaves"], want["n_leaves"], "{name}: leaves");
        assert_eq!(got["depth"], want["depth"], "{name}: depth");
        let (gp, wp) = (floats(&got["predict"]), floats(&want["predict"]));
        assert_eq!(gp.len(), wp.len(), "{name}");
        if req["kind"] == "classifier" {
            assert_eq!(gp, wp, "{name}: predicted classes");
            for (g, w) in got["proba"].as_array().unwrap().iter().zip(want["proba"].as_array().unwrap()) {
                for (a, b) in floats(g).iter().zip(floats(w)) {
                    assert!(close(*a, b), "{name}: proba {a} vs {b}");
                }
            }
        } else {
            for (a, b) in gp.iter().zip(&wp) {
                assert!(close(*a, *b), "{name}: prediction {a} vs {b}");
            }
        }
    }
}

#[test]
fn boosting_matches_scikit_learn_stage_by_stage() {
    let fx = fixtures();
    for (k, case) in cases(&fx, "boosting", 10).iter().enumerate() {
        let req = &case["request"];
        let name = format!("boosting case {k}: {} lr {} depth {}", req["kind"], req["learning_rate"], req["max_depth"]);
        let (status, got) = ask(&req.to_string());
        assert_eq!(status, 0, "{name}: {got}");
        let (g, w) = (got["staged"].as_array().unwrap(), case["answer"]["staged"].as_array().unwrap());
        assert_eq!(g.len(), w.len(), "{name}: one row per stage");
        for (stage, (gs, ws)) in g.iter().zip(w).enumerate() {
            for (a, b) in floats(gs).iter().zip(floats(ws)) {
                assert!(close(*a, b), "{name}: stage {} {a} vs {b}", stage + 1);
            }
        }
    }
}

#[test]
fn bad_tree_and_boosting_requests_exit_2_with_an_error() {
    let x = json!([[0.0], [1.0], [2.0]]);
    let bad = [
        json!({"task":"tree","kind":"forest","x":x,"y":[0,1,0],"x_star":[[0.5]]}),
        json!({"task":"tree","kind":"classifier","criterion":"squared_error","x":x,"y":[0,1,0],"x_star":[[0.5]]}),
        json!({"task":"tree","kind":"regressor","criterion":"gini","x":x,"y":[0,1,0],"x_star":[[0.5]]}),
        json!({"task":"tree","kind":"classifier","max_depth":0,"x":x,"y":[0,1,0],"x_star":[[0.5]]}),
        json!({"task":"tree","kind":"classifier","max_depth":-2,"x":x,"y":[0,1,0],"x_star":[[0.5]]}),
        json!({"task":"tree","kind":"classifier","min_samples_split":1,"x":x,"y":[0,1,0],"x_star":[[0.5]]}),
        json!({"task":"tree","kind":"classifier","min_samples_leaf":0,"x":x,"y":[0,1,0],"x_star":[[0.5]]}),
        json!({"task":"tree","kind":"classifier","x":x,"y":[0,1],"x_star":[[0.5]]}),
        json!({"task":"tree","kind":"classifier","x":[[0.0],[1.0,2.0]],"y":[0,1],"x_star":[[0.5]]}),
        json!({"task":"tree","kind":"classifier","x":x,"y":[0,1,0],"x_star":[[0.5, 1.0]]}),
        json!({"task":"tree","kind":"classifier","x":x,"y":[0,"a",0],"x_star":[[0.5]]}),
        json!({"task":"tree","kind":"classifier","x":x,"y":[0,1,0],"sample_weight":[1,-1,1],"x_star":[[0.5]]}),
        json!({"task":"tree","kind":"classifier","x":x,"y":[0,1,0],"sample_weight":[1,1],"x_star":[[0.5]]}),
        json!({"task":"tree","kind":"classifier","x":x,"y":[0,1,0],"sample_weight":[0,0,0],"x_star":[[0.5]]}),
        json!({"task":"tree","kind":"classifier","x":[],"y":[],"x_star":[[0.5]]}),
        json!({"task":"tree","kind":"classifier","y":[0,1,0],"x_star":[[0.5]]}),
        json!({"task":"tree","kind":"classifier","ccp_alpha":-0.1,"x":x,"y":[0,1,0],"x_star":[[0.5]]}),
        json!({"task":"tree","kind":"classifier","ccp_alpha":"a lot","x":x,"y":[0,1,0],"x_star":[[0.5]]}),
        json!({"task":"boosting","kind":"classifier","x":x,"y":[0,1,2],"x_star":[[0.5]]}),
        json!({"task":"boosting","kind":"classifier","x":x,"y":[1,1,1],"x_star":[[0.5]]}),
        json!({"task":"boosting","kind":"regressor","learning_rate":0,"x":x,"y":[0,1,2],"x_star":[[0.5]]}),
        json!({"task":"boosting","kind":"regressor","learning_rate":-0.1,"x":x,"y":[0,1,2],"x_star":[[0.5]]}),
        json!({"task":"boosting","kind":"regressor","n_estimators":0,"x":x,"y":[0,1,2],"x_star":[[0.5]]}),
        json!({"task":"boosting","kind":"regressor","n_estimators":1000000,"x":x,"y":[0,1,2],"x_star":[[0.5]]}),
        json!({"task":"boosting","kind":"regressor","max_depth":0,"x":x,"y":[0,1,2],"x_star":[[0.5]]}),
        json!({"task":"boosting","x":x,"y":[0,1,2],"x_star":[[0.5]]}),
    ];
    for request in bad {
        let (status, answer) = ask(&request.to_string());
        assert_eq!(status, 2, "{request} → {answer}");
        assert!(answer["error"].as_str().is_some_and(|e| !e.is_empty()), "{request} → {answer}");
    }
    // Non-finite numbers cannot be written in JSON; a huge exponent overflows to a parse error.
    let (status, answer) = ask(r#"{"task":"tree","kind":"regressor","x":[[1e999],[1],[2]],"y":[0,1,2],"x_star":[[0.5]]}"#);
    assert_eq!(status, 2, "{answer}");
}
