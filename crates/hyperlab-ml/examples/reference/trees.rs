//! `{"task":"tree", ...}` and `{"task":"boosting", ...}`: hyperlab-ml's CART trees and gradient
//! boosting, for comparison with scikit-learn.
//!
//! - `tree`: `{"kind":"classifier"|"regressor","criterion":"gini"|"entropy"|"squared_error",
//!   "max_depth":3|null,"min_samples_split":2,"min_samples_leaf":1,"x":[[...]],"y":[...],
//!   "sample_weight":[...]?,"ccp_alpha":0.0?,"x_star":[[...]]}` → `{"predict":[...],"proba":[[...]] (classifier
//!   only, columns in sorted class order),"n_leaves":N,"depth":D}`, which should equal
//!   `DecisionTreeClassifier/Regressor(max_features=None, random_state=0)` where the data has no
//!   tied candidate splits.
//! - `boosting`: `{"kind":"classifier"|"regressor","n_estimators":50,"learning_rate":0.1,
//!   "max_depth":3,"x":[[...]],"y":[...],"x_star":[[...]]}` → `{"staged":[[...],...]}`: per
//!   stage, the raw decision function (log-odds for the classifier) on `x_star`, as
//!   `GradientBoosting*(subsample=1.0, max_features=None, random_state=0)
//!   .staged_decision_function` / `.staged_predict`.

use super::{matrix, vector};
use hyperlab_ml::rng::SeededRng;
use hyperlab_ml::trees::{argmax, encode_classes, BoostLoss, Boosting, BoostingParams, Columns, Criterion, Ensemble, MaxFeatures, Task, Tree, TreeParams};
use serde_json::{json, Map, Value};

/// Largest ensemble a request may ask for.
const MAX_ESTIMATORS: u64 = 10_000;

fn fields(request: &Value) -> Result<&Map<String, Value>, String> {
    request.as_object().ok_or_else(|| "the request must be a JSON object".to_string())
}

fn kind(fields: &Map<String, Value>) -> Result<bool, String> {
    match fields.get("kind").and_then(Value::as_str) {
        Some("classifier") => Ok(true),
        Some("regressor") => Ok(false),
        _ => Err(format!("kind must be \"classifier\" or \"regressor\", got {}", fields.get("kind").unwrap_or(&Value::Null))),
    }
}

/// A positive integer field (`default` when absent).
fn count(fields: &Map<String, Value>, name: &str, default: Option<u64>, min: u64) -> Result<u64, String> {
    match fields.get(name) {
        None | Some(Value::Null) => default.ok_or_else(|| format!("missing field \"{name}\"")),
        Some(v) => match v.as_u64() {
            Some(k) if k >= min => Ok(k),
            _ => Err(format!("{name} must be an integer ≥ {min}, got {v}")),
        },
    }
}

/// `max_depth`: a positive integer, or null / absent for unlimited.
fn max_depth(fields: &Map<String, Value>) -> Result<Option<usize>, String> {
    match fields.get("max_depth") {
        None | Some(Value::Null) => Ok(None),
        Some(v) => match v.as_u64() {
            Some(d) if d >= 1 => Ok(Some(d as usize)),
            _ => Err(format!("max_depth must be an integer ≥ 1 or null, got {v}")),
        },
    }
}

/// x, y and x_star, checked for shape: (columns of x, y, columns of x_star).
fn data(fields: &Map<String, Value>) -> Result<(Columns, Vec<f64>, Columns), String> {
    let x = matrix(fields, "x")?;
    let y = vector(fields, "y")?;
    let x_star = matrix(fields, "x_star")?;
    if x.nrows() == 0 || x.ncols() == 0 {
        return Err("x must have at least one row and one column".into());
    }
    if x.nrows() != y.len() {
        return Err(format!("x has {} rows but y has {} values", x.nrows(), y.len()));
    }
    if x_star.nrows() > 0 && x_star.ncols() != x.ncols() {
        return Err(format!("x_star rows have {} values but x rows have {}", x_star.ncols(), x.ncols()));
    }
    Ok((Columns::from_rows(x.view()), y.to_vec(), Columns::from_rows(x_star.view())))
}

pub fn tree(request: &Value) -> Result<Value, String> {
    let f = fields(request)?;
    let classifier = kind(f)?;
    let criterion = match (classifier, f.get("criterion").and_then(Value::as_str)) {
        (true, None | Some("gini")) => Criterion::Gini,
        (true, Some("entropy")) => Criterion::Entropy,
        (false, None | Some("squared_error")) => Criterion::SquaredError,
        (false, Some("friedman_mse")) => Criterion::FriedmanMse,
        _ => return Err(format!("criterion {} does not fit a {}", f.get("criterion").unwrap_or(&Value::Null), if classifier { "classifier (gini or entropy)" } else { "regressor (squared_error)" })),
    };
    let ccp_alpha = match f.get("ccp_alpha") {
        None | Some(Value::Null) => 0.0,
        Some(v) => v.as_f64().filter(|a| *a >= 0.0 && a.is_finite()).ok_or_else(|| format!("ccp_alpha must be a non-negative number, got {v}"))?,
    };
    let params = TreeParams {
        ccp_alpha,
        criterion,
        max_depth: max_depth(f)?,
        min_samples_split: count(f, "min_samples_split", Some(2), 2)? as usize,
        min_samples_leaf: count(f, "min_samples_leaf", Some(1), 1)? as usize,
        max_features: MaxFeatures::All,
    };
    let (x, y, x_star) = data(f)?;
    let weights = match f.get("sample_weight") {
        None | Some(Value::Null) => None,
        Some(_) => Some(vector(f, "sample_weight")?.to_vec()),
    };
    let mut rng = SeededRng::new(0);
    if classifier {
        let (classes, codes) = encode_classes(&y);
        let targets: Vec<f64> = codes.iter().map(|c| *c as f64).collect();
        let t = Tree::fit(&x, &targets, weights.as_deref(), Task::Classification { n_classes: classes.len() }, &params, &mut rng).map_err(|e| e.to_string())?;
        let proba: Vec<Vec<f64>> = (0..x_star.n).map(|i| t.value(&x_star.row(i)).to_vec()).collect();
        let predict: Vec<f64> = proba.iter().map(|p| classes[argmax(p)]).collect();
        Ok(json!({ "predict": predict, "proba": proba, "n_leaves": t.n_leaves(), "depth": t.depth() }))
    } else {
        let t = Tree::fit(&x, &y, weights.as_deref(), Task::Regression, &params, &mut rng).map_err(|e| e.to_string())?;
        let predict: Vec<f64> = (0..x_star.n).map(|i| t.predict_value(&x_star.row(i))).collect();
        Ok(json!({ "predict": predict, "n_leaves": t.n_leaves(), "depth": t.depth() }))
    }
}

pub fn boosting(request: &Value) -> Result<Value, String> {
    let f = fields(request)?;
    let classifier = kind(f)?;
    let n_estimators = count(f, "n_estimators", Some(100), 1)?;
    if n_estimators > MAX_ESTIMATORS {
        return Err(format!("n_estimators must be at most {MAX_ESTIMATORS}, got {n_estimators}"));
    }
    let learning_rate = match f.get("learning_rate") {
        None | Some(Value::Null) => 0.1,
        Some(v) => v.as_f64().filter(|r| *r > 0.0 && r.is_finite()).ok_or_else(|| format!("learning_rate must be a positive number, got {v}"))?,
    };
    let depth = match f.get("max_depth") {
        None => Some(3),
        Some(_) => max_depth(f)?,
    };
    let (x, y, x_star) = data(f)?;
    let (targets, loss) = if classifier {
        let (classes, codes) = encode_classes(&y);
        if classes.len() != 2 {
            return Err(format!("the boosting classifier is binary: y must hold exactly 2 classes, got {}", classes.len()));
        }
        (codes.iter().map(|c| *c as f64).collect(), BoostLoss::LogLoss)
    } else {
        (y, BoostLoss::SquaredError)
    };
    let params = BoostingParams { loss, n_estimators: n_estimators as usize, learning_rate, max_depth: depth, ..BoostingParams::default() };
    let mut model = Boosting::new(x, targets, None, params).map_err(|e| e.to_string())?;
    while model.step().map_err(|e| e.to_string())? {}
    Ok(json!({ "staged": model.staged_decision(&x_star) }))
}
