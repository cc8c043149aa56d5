//! hyperlab-ml's TPE against Optuna 5.1 and its ridge hypergradient against scikit-learn
//! (`tests/reference/tpe_fixtures.json`, written by `tests/reference/make_tpe_fixtures.py`):
//! the Parzen estimator's log density to 1e-9 relative, and the ridge validation loss and its
//! derivative in ln α to 1e-6 relative. Then whole TPE steps: fed the history of one of
//! Optuna's own studies, our good/bad split and estimators score Optuna's 24 candidates as
//! Optuna did (so the same candidate wins), and our sampler draws from the same law as Optuna's.

use hyperlab_ml::search::hypergrad::ridge_hypergradient;
use hyperlab_ml::rng::SeededRng;
use hyperlab_ml::search::{suggest_tpe, Dimension, Landscape, Liar, Observation, ParzenEstimator, Space, TpeConfig};
use serde_json::Value;

#[path = "common/fixtures.rs"]
mod fixtures;
use fixtures::{cases, floats, rows};

fn doc() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/reference/tpe_fixtures.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("tpe_fixtures.json is committed")).expect("valid JSON")
}

fn space(v: &Value) -> Space {
    let dims = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let name = d["name"].as_str().unwrap();
            let log = d["log"].as_bool().unwrap_or(false);
            match d["kind"].as_str().unwrap() {
                "float" if log => Dimension::log(name, d["low"].as_f64().unwrap(), d["high"].as_f64().unwrap()),
                "float" => Dimension::linear(name, d["low"].as_f64().unwrap(), d["high"].as_f64().unwrap()),
                "int" if log => Dimension::log_integer(name, d["low"].as_i64().unwrap(), d["high"].as_i64().unwrap()),
                "int" => Dimension::integer(name, d["low"].as_i64().unwrap(), d["high"].as_i64().unwrap()),
                _ => {
                    let names: Vec<String> = (0..d["choices"].as_u64().unwrap()).map(|i| format!("c{i}")).collect();
                    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
                    Dimension::categorical(name, &refs)
                }
            }
        })
        .collect();
    Space::new(dims).unwrap()
}

#[test]
fn parzen_log_pdf_matches_optuna() {
    let doc = doc();
    for (c, case) in cases(&doc, "parzen", 30).iter().enumerate() {
        let s = space(&case["space"]);
        let pe = ParzenEstimator::new(&s, &rows(&case["observations"]), &TpeConfig::default());
        for (x, want) in rows(&case["x_star"]).iter().zip(floats(&case["log_pdf"])) {
            let got = pe.log_pdf(x);
            assert!((got - want).abs() <= 1e-9 * want.abs().max(1.0), "case {c} at {x:?}: {got} vs Optuna's {want}");
        }
    }
}

#[test]
fn ridge_hypergradient_matches_scikit_learn() {
    let doc = doc();
    for (c, case) in doc["ridge"].as_array().unwrap().iter().enumerate() {
        let h = ridge_hypergradient(&[case["alpha"].as_f64().unwrap()], &rows(&case["x_train"]), &floats(&case["y_train"]), &rows(&case["x_val"]), &floats(&case["y_val"])).unwrap();
        let (loss, grad) = (case["val_loss"].as_f64().unwrap(), case["grad_log_alpha"].as_f64().unwrap());
        assert!((h.val_loss - loss).abs() <= 1e-9 * loss.abs(), "case {c}: loss {} vs {loss}", h.val_loss);
        assert!((h.total() - grad).abs() <= 1e-6 * grad.abs().max(1e-9), "case {c}: gradient {} vs {grad}", h.total());
    }
}

fn history(case: &Value) -> Vec<Observation> {
    rows(&case["points"]).into_iter().zip(floats(&case["values"])).map(|(point, value)| Observation { point, value }).collect()
}

#[test]
fn tpe_steps_score_optunas_candidates_as_optuna() {
    let doc = doc();
    let trace = &doc["trace"];
    let obs = history(trace);
    let steps = trace["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 5);
    for step in steps {
        let k = step["n_observed"].as_u64().unwrap() as usize;
        let s = suggest_tpe(&Landscape::Branin.space(), &obs[..k], &[], &TpeConfig::default(), 0, Liar::Worst).unwrap();
        assert!(!s.startup);
        let (l, g) = (s.l.unwrap(), s.g.unwrap());
        let candidates = rows(&step["candidates"]);
        let ours: Vec<f64> = candidates.iter().map(|c| l.log_pdf(c) - g.log_pdf(c)).collect();
        for (got, want) in ours.iter().zip(floats(&step["scores"])) {
            assert!((got - want).abs() <= 1e-9 * want.abs().max(1.0), "trial {k}: {got} vs Optuna's {want}");
        }
        let best = (0..ours.len()).fold(0, |b, i| if ours[i] > ours[b] { i } else { b });
        assert_eq!(candidates[best], floats(&step["chosen"]), "trial {k}: the same candidate wins");
    }
}

#[test]
fn tpe_samples_follow_optunas_law() {
    let doc = doc();
    let case = &doc["samples"];
    let obs = history(case);
    let s = suggest_tpe(&Landscape::Branin.space(), &obs, &[], &TpeConfig::default(), 0, Liar::Worst).unwrap();
    let n = case["n"].as_u64().unwrap() as usize;
    for (name, pe) in [("below", s.l.unwrap()), ("above", s.g.unwrap())] {
        let draws = pe.sample(&mut SeededRng::new(11), n);
        for (d, deciles) in rows(&case[format!("{name}_deciles")]).iter().enumerate() {
            for (j, q) in deciles.iter().enumerate() {
                // The share of our draws below Optuna's j-th decile: (j + 1)/10 up to sampling
                // noise (standard error under 0.005 for two samples of 20 000).
                let share = draws.iter().filter(|p| p[d] < *q).count() as f64 / n as f64;
                assert!((share - (j + 1) as f64 / 10.0).abs() < 0.02, "{name} knob {d} decile {}: {share}", j + 1);
            }
        }
    }
}
