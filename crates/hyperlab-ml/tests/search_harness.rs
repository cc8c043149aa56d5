//! The search tasks of the reference harness (`examples/reference/search.rs`), called in-process:
//! good requests answer what the library answers (and what scikit-learn answered), bad ones come
//! back as `Err` with a message naming the problem.

#[path = "../examples/reference/search.rs"]
mod reference_search;

use hyperlab_ml::search::{BayesConfig, Landscape, Search, Strategy, StrategyKind};
use reference_search::{gp_posterior, suggest};
use serde_json::{json, Value};

fn fixture(name: &str) -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/reference/gp_fixtures.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    doc["cases"].as_array().unwrap().iter().find(|c| c["name"] == name).unwrap().clone()
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

/// A good request with one key replaced (`with`) or removed (`without`): the bad requests the
/// harness must refuse.
fn variants(good: &Value) -> (impl Fn(&str, Value) -> Value + '_, impl Fn(&str) -> Value + '_) {
    let with = move |key: &str, value: Value| {
        let mut r = good.clone();
        r[key] = value;
        r
    };
    let without = move |key: &str| {
        let mut r = good.clone();
        r.as_object_mut().unwrap().remove(key);
        r
    };
    (with, without)
}

#[test]
fn gp_posterior_answers_like_scikit_learn() {
    for name in ["2d_matern52_ard", "1d_rbf_near_duplicates", "1d_matern52_200_queries"] {
        let case = fixture(name);
        let request = json!({
            "task": "gp_posterior",
            "kernel": case["kernel"],
            "noise": case["noise"],
            "x": case["x"],
            "y": case["y"],
            "x_star": case["x_star"],
        });
        let answer = gp_posterior(&request).unwrap();
        for key in ["mean", "std"] {
            for (a, b) in floats(&answer[key]).iter().zip(floats(&case[key])) {
                assert!((a - b).abs() <= 1e-6 * b.abs(), "{name} {key}: {a} vs {b}");
            }
        }
    }
}

#[test]
fn gp_posterior_defaults_and_errors() {
    let good = json!({"task": "gp_posterior", "kernel": {"kind": "rbf", "length_scale": 0.5}, "x": [[0.0], [1.0]], "y": [0.0, 1.0], "x_star": [[0.5]]});
    let answer = gp_posterior(&good).unwrap();
    assert_eq!(floats(&answer["mean"]).len(), 1);
    let (with, without) = variants(&good);
    let cases: Vec<(Value, &str)> = vec![
        (with("kernel", json!({"kind": "linear", "length_scale": 1.0})), "unknown kernel"),
        (with("kernel", json!({"kind": "rbf", "length_scale": -1.0})), "length_scale"),
        (with("kernel", json!({"kind": "rbf", "length_scale": "wide"})), "length_scale"),
        (with("kernel", json!({"kind": "rbf", "length_scale": 1.0, "variance": 0.0})), "variance"),
        (with("kernel", json!({"kind": "rbf", "length_scale": [1.0, 2.0]})), "length_scale has 2"),
        (with("kernel", json!({"length_scale": 1.0})), "kind"),
        (with("kernel", json!("rbf")), "kernel must be a JSON object"),
        (with("x", json!([[0.0], [1.0, 2.0]])), "ragged"),
        (with("x", json!([[0.0], ["a"]])), "x[1][0] must be a number"),
        (with("x", json!([])), "at least one"),
        (with("x", json!([[]])), "no coordinates"),
        (with("x", json!(3)), "x must be an array"),
        (with("y", json!([0.0])), "2 points but y has 1"),
        (with("y", json!([0.0, null])), "y[1] must be a number"),
        (with("x_star", json!([[0.5, 0.5]])), "x_star[0] has 2 coordinates"),
        (with("noise", json!(-1.0)), "noise"),
        (with("noise", json!("small")), "noise must be a number"),
        (with("task", json!("suggest")), "task must be"),
        (without("x"), "missing field \"x\""),
        (without("y"), "missing field \"y\""),
        (without("x_star"), "missing field \"x_star\""),
        (without("kernel"), "missing field \"kernel\""),
        (json!([1, 2]), "must be a JSON object"),
    ];
    for (request, expected) in cases {
        let err = gp_posterior(&request).expect_err(&request.to_string());
        assert!(err.contains(expected), "{request}: {err:?} should mention {expected:?}");
    }
}

fn branin_space() -> Value {
    json!([{"name": "x0", "low": -5, "high": 10, "log": false}, {"name": "x1", "low": 0, "high": 15}])
}

/// Drives a search through `suggest` alone, as separate processes would: each request carries
/// every observation so far.
fn drive(strategy: &str, budget: usize, seed: u64, extra: Value) -> Vec<(Vec<f64>, f64)> {
    let mut observations: Vec<Value> = Vec::new();
    let mut seen = Vec::new();
    for _ in 0..budget {
        let mut request = json!({"task": "suggest", "strategy": strategy, "space": branin_space(), "observations": observations, "budget": budget, "seed": seed});
        for (k, v) in extra.as_object().unwrap() {
            request[k] = v.clone();
        }
        let x = match suggest(&request) {
            Ok(answer) => floats(&answer["x"]),
            Err(e) if strategy == "grid" && e.contains("grid") => break,
            Err(e) => panic!("{e}"),
        };
        let y = Landscape::Branin.value(&x);
        observations.push(json!({"x": x, "y": y}));
        seen.push((x, y));
    }
    seen
}

#[test]
fn suggest_resumes_across_processes_like_the_in_process_strategies() {
    for (slug, kind) in [("grid", StrategyKind::Grid), ("random", StrategyKind::Random)] {
        let outside = drive(slug, 12, 5, json!({}));
        let mut inside = Search::new(kind, Landscape::Branin.space(), 12, 5, BayesConfig::default()).unwrap();
        let mut trials = Vec::new();
        while let Some(p) = inside.ask() {
            let y = Landscape::Branin.value(&p);
            inside.tell(&p, y).unwrap();
            trials.push((p, y));
        }
        assert_eq!(outside, trials, "{slug}");
    }
    // 12 trials in 2-D: a 3 × 3 grid, then nothing more to visit.
    assert_eq!(drive("grid", 12, 0, json!({})).len(), 9);
}

#[test]
fn bayes_suggestions_are_deterministic_and_inside_the_space() {
    let a = drive("bayes", 14, 3, json!({}));
    let b = drive("bayes", 14, 3, json!({}));
    assert_eq!(a, b);
    let space = Landscape::Branin.space();
    assert!(a.iter().all(|(x, _)| space.contains(x)));
    // Past the design, the model homes in: the best value is far below a typical one.
    let best = a.iter().map(|o| o.1).fold(f64::INFINITY, f64::min);
    assert!(best < 5.0, "{best}");
    let other = drive("bayes", 14, 4, json!({}));
    assert_ne!(a, other);
    for acquisition in [json!({"kind": "pi", "xi": 0.1}), json!({"kind": "lcb", "kappa": 2.5}), json!({"kind": "thompson"})] {
        let run = drive("bayes", 12, 1, json!({"acquisition": acquisition, "kernel": "rbf", "initial_points": 6}));
        assert_eq!(run.len(), 12);
        assert!(run.iter().all(|(x, _)| space.contains(x)), "{acquisition}");
    }
}

#[test]
fn suggest_handles_mixed_spaces_and_failed_trials() {
    let space = json!([
        {"name": "lr", "low": 1e-4, "high": 1.0, "log": true},
        {"name": "layers", "type": "int", "low": 1, "high": 4},
        {"name": "act", "type": "categorical", "choices": ["relu", "tanh"]},
    ]);
    let mut observations = vec![json!({"x": [0.01, 2, 1], "y": null}), json!({"x": [0.1, 4, 0], "y": 0.7})];
    for strategy in ["grid", "random", "bayes"] {
        for _ in 0..8 {
            let r = json!({"task": "suggest", "strategy": strategy, "space": space, "observations": observations, "budget": 40, "seed": 9, "initial_points": 3});
            let x = floats(&suggest(&r).unwrap()["x"]);
            assert!((1e-4..=1.0).contains(&x[0]) && [1.0, 2.0, 3.0, 4.0].contains(&x[1]) && [0.0, 1.0].contains(&x[2]), "{strategy}: {x:?}");
            observations.push(json!({"x": x, "y": (x[0].log10() + 2.0).powi(2) + x[1] + x[2]}));
        }
    }
}

#[test]
fn suggest_refuses_bad_requests() {
    let good = json!({"task": "suggest", "strategy": "random", "space": branin_space(), "observations": [{"x": [0.0, 1.0], "y": 3.0}], "budget": 30, "seed": 0});
    assert!(suggest(&good).is_ok());
    let (with, without) = variants(&good);
    let cases: Vec<(Value, &str)> = vec![
        (with("strategy", json!("annealing")), "unknown strategy"),
        (with("space", json!([{"name": "x", "low": 1, "high": 1}])), "low must be below high"),
        (with("space", json!([{"name": "x", "low": 2, "high": 1}])), "low must be below high"),
        (with("space", json!([{"name": "x", "low": 0, "high": 1, "log": true}])), "log scale needs low > 0"),
        (with("space", json!([{"name": "x", "low": -1, "high": 1, "log": true}])), "log scale needs low > 0"),
        (with("space", json!([{"name": "x", "low": "0", "high": 1}])), "low must be a number"),
        (with("space", json!([{"name": "x", "high": 1}])), "missing field \"low\""),
        (with("space", json!([{"name": "x", "low": 0, "high": 1, "log": "yes"}])), "log must be true or false"),
        (with("space", json!([{"name": "x", "type": "int", "low": 0.5, "high": 3}])), "low must be an integer"),
        (with("space", json!([{"name": "x", "type": "categorical", "choices": []}])), "at least one choice"),
        (with("space", json!([{"name": "x", "type": "tensor"}])), "unknown type"),
        (with("space", json!([])), "no dimensions"),
        (with("space", json!({"x0": [0, 1]})), "space must be an array"),
        (with("observations", json!([{"x": [0.0], "y": 1.0}])), "expected 2 coordinates, got 1"),
        (with("observations", json!([{"x": [20.0, 1.0], "y": 1.0}])), "not a value of dimension “x0”"),
        (with("observations", json!([{"x": [0.0, "1"], "y": 1.0}])), "must be a number"),
        (with("observations", json!([{"x": [0.0, 1.0], "y": "low"}])), "y must be a number or null"),
        (with("observations", json!([{"x": [0.0, 1.0]}])), "missing field \"y\""),
        (with("observations", json!([{"y": 1.0}])), "missing field \"x\""),
        (with("budget", json!(-3)), "budget must be a non-negative integer"),
        (with("budget", json!(2.5)), "budget must be a non-negative integer"),
        (with("budget", json!(1)), "budget of 1 trials is spent"),
        (with("seed", json!(-1)), "seed must be a non-negative integer"),
        (with("kernel", json!("periodic")), "unknown kernel"),
        (with("acquisition", json!({"kind": "ucb"})), "unknown acquisition"),
        (with("acquisition", json!({"kind": "ei", "xi": -0.5})), "xi must be ≥ 0"),
        (with("acquisition", json!({"kind": "lcb", "kappa": "big"})), "kappa must be a number"),
        (with("initial_points", json!(0)), "initial_points must be ≥ 1"),
        (without("space"), "missing field \"space\""),
        (without("strategy"), "missing field \"strategy\""),
        (without("observations"), "missing field \"observations\""),
        (without("budget"), "missing field \"budget\""),
        (with("task", json!("gp_posterior")), "task must be"),
    ];
    for (request, expected) in cases {
        let err = suggest(&request).expect_err(&request.to_string());
        assert!(err.contains(expected), "{request}: {err:?} should mention {expected:?}");
    }
}
