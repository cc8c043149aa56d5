//! `{"task":"kfold", ...}`: hyperlab-ml's unshuffled k-fold splitters, for comparison with
//! scikit-learn.
//!
//! Request: `{"task":"kfold","n_samples":23,"k":5}`, or stratified with
//! `"stratified":true,"y":[...]` (one integer class label per sample).
//! Response: `{"folds":[[test indices of fold 1],[...],...]}`, which should equal
//! `[test.tolist() for _, test in KFold(k).split(X)]` (or `StratifiedKFold(k).split(X, y)`).
//! Bad requests, and settings the splitters reject, come back as `Err(message)`.

use hyperlab_ml::model_selection::{CvError, Splitter};
use serde_json::{Value, json};
use std::collections::HashMap;

/// Guards the harness against a request that would allocate without bound.
const MAX_SAMPLES: usize = 1_000_000;

pub fn run(request: &Value) -> Result<Value, String> {
    let fields = request.as_object().ok_or("the request must be a JSON object")?;
    if let Some(task) = fields.get("task")
        && task != "kfold"
    {
        return Err(format!("task must be \"kfold\", got {task}"));
    }
    let n_samples = count(request, "n_samples")?;
    if n_samples > MAX_SAMPLES {
        return Err(format!("n_samples must be at most {MAX_SAMPLES}, got {n_samples}"));
    }
    let k = count(request, "k")?;
    let stratified = match fields.get("stratified") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(other) => return Err(format!("stratified must be true or false, got {other}")),
    };
    let (labels, classes) = match fields.get("y") {
        None | Some(Value::Null) => (None, Vec::new()),
        Some(y) => {
            let (codes, classes) = class_codes(y)?;
            (Some(codes), classes)
        }
    };
    let splitter = if stratified {
        if labels.is_none() {
            return Err("stratified k-fold needs \"y\": one class label per sample".to_string());
        }
        Splitter::StratifiedKFold { k }
    } else {
        Splitter::KFold { k }
    };
    // Length mismatches between y and n_samples are checked here, stratified or not.
    let splits = splitter.splits(n_samples, labels.as_deref()).map_err(|e| match e {
        // Name the class as the request did, not by its internal number.
        CvError::ClassTooSmall { label, members, k } => format!(
            "class {} has only {members} member(s), fewer than k = {k}: Hyperlab requires at least k members in every class (scikit-learn only warns unless every class is that small)",
            classes[label]
        ),
        other => other.to_string(),
    })?;
    Ok(json!({ "folds": splits.iter().map(|s| &s.test).collect::<Vec<_>>() }))
}

/// A required non-negative integer field (5.0, "5" and -1 are refused).
fn count(request: &Value, name: &str) -> Result<usize, String> {
    let value = request.get(name).filter(|v| !v.is_null()).ok_or_else(|| format!("missing field \"{name}\""))?;
    value.as_u64().and_then(|v| usize::try_from(v).ok()).ok_or_else(|| format!("{name} must be a non-negative integer, got {value}"))
}

/// Integer labels (any sign) renumbered 0, 1, 2, … by first appearance, plus the original label
/// of each number. The folds depend only on which samples share a class and in which order
/// classes first appear, so the renumbering loses nothing.
fn class_codes(y: &Value) -> Result<(Vec<usize>, Vec<i64>), String> {
    let items = y.as_array().ok_or_else(|| format!("y must be an array of integer class labels, got {y}"))?;
    let mut code_of: HashMap<i64, usize> = HashMap::new();
    let mut classes = Vec::new();
    let codes = items
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let label = v.as_i64().ok_or_else(|| format!("y[{i}] must be an integer class label, got {v}"))?;
            Ok(*code_of.entry(label).or_insert_with(|| {
                classes.push(label);
                classes.len() - 1
            }))
        })
        .collect::<Result<Vec<usize>, String>>()?;
    Ok((codes, classes))
}
