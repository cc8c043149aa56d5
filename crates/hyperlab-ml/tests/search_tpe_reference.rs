//! hyperlab-ml's TPE against Optuna 5.1 and its ridge hypergradient against scikit-learn
//! (`tests/reference/tpe_fixtures.json`, written by `tests/reference/make_tpe_fixtures.py`):
//! the Parzen estimator's log density to 1e-9 relative, and the ridge validation loss and its
//! derivative in ln α to 1e-6 relative.

use hyperlab_ml::search::hypergrad::ridge_hypergradient;
use hyperlab_ml::search::{Dimension, ParzenEstimator, Space, TpeConfig};
use serde_json::Value;

fn doc() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/reference/tpe_fixtures.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("tpe_fixtures.json is committed")).expect("valid JSON")
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array().expect("array").iter().map(|x| x.as_f64().expect("number")).collect()
}

fn rows(v: &Value) -> Vec<Vec<f64>> {
    v.as_array().expect("array").iter().map(floats).collect()
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
    let cases = doc["parzen"].as_array().unwrap();
    assert!(cases.len() >= 30);
    for (c, case) in cases.iter().enumerate() {
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
