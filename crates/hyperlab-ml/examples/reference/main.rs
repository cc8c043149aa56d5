//! Reference harness: lets an outside checker (e.g. a Python script holding scikit-learn) ask
//! hyperlab-ml for an answer and compare.
//!
//!     cargo run --release -q -p hyperlab-ml --example reference < request.json
//!
//! Reads ONE JSON request on stdin and writes ONE JSON answer on stdout. Every request has a
//! `"task"`; each task is one function `fn(&Value) -> Result<Value, String>` (here or in a sibling
//! module such as `kfold.rs`), listed in [`dispatch`]. A bad request (invalid JSON, unknown task,
//! missing or ill-typed fields, settings the core refuses) exits with status 2 and prints
//! `{"error":"<what is wrong>"}`.
//!
//! Tasks:
//! - `fit`: `{"task":"fit","model":"ridge"|"lasso"|"elastic_net","alpha":1.0,"l1_ratio":0.5,
//!   "fit_intercept":true,"x":[[...],...],"y":[...]}` → `{"coef":[...],"intercept":0.0}`, in
//!   scikit-learn's parameterization (see `hyperlab_ml::linear_model`). `l1_ratio` is required for
//!   `elastic_net` only; `fit_intercept` defaults to true. Optional `"tol"` and `"max_iter"`
//!   default to 1e-12 and 1 000 000: tight enough that the answer is the exact optimum to
//!   about 1e-8, what a comparison with a tightly solved scikit-learn fit needs (scikit-learn's
//!   own defaults, 1e-4 and 1000, stop earlier).
//! - `kfold`: see `kfold.rs`.
//! - `gp_posterior` and `suggest`: see `search.rs`.
//! - `tree` and `boosting`: see `trees.rs`.
//! - `hyperband_brackets`: see `budgets.rs`.

mod budgets;
mod kfold;
mod search;
mod trees;

use hyperlab_ml::linear_model::LinearParams;
use ndarray::{Array1, Array2};
use serde_json::{json, Map, Value};
use std::io::Read;
use std::process::ExitCode;

/// Most numbers a request's arrays may hold (bounds the memory a request can claim).
const MAX_VALUES: usize = 10_000_000;

fn main() -> ExitCode {
    let mut input = String::new();
    let answer = match std::io::stdin().read_to_string(&mut input) {
        Ok(_) => serde_json::from_str::<Value>(&input)
            .map_err(|e| format!("invalid JSON: {e}"))
            .and_then(|request| dispatch(&request)),
        Err(e) => Err(format!("could not read stdin: {e}")),
    };
    match answer {
        Ok(value) => {
            println!("{value}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            println!("{}", json!({ "error": message }));
            ExitCode::from(2)
        }
    }
}

fn dispatch(request: &Value) -> Result<Value, String> {
    let fields = request.as_object().ok_or("the request must be a JSON object")?;
    let task = fields.get("task").ok_or("missing field \"task\"")?;
    match task.as_str() {
        Some("fit") => fit(fields),
        Some("kfold") => kfold::run(request),
        Some("gp_posterior") => search::gp_posterior(request),
        Some("suggest") => search::suggest(request),
        Some("tpe_log_pdf") => search::tpe_log_pdf(request),
        Some("ridge_hypergradient") => search::ridge_hypergradient(request),
        Some("tree") => trees::tree(request),
        Some("boosting") => trees::boosting(request),
        Some("hyperband_brackets") => budgets::hyperband(request),
        _ => Err(format!("unknown task {task}: expected \"fit\", \"kfold\", \"gp_posterior\", \"suggest\", \"tpe_log_pdf\", \"ridge_hypergradient\", \"tree\", \"boosting\" or \"hyperband_brackets\"")),
    }
}

/// `{"task":"fit",...}`: one linear model, coefficients and intercept.
fn fit(fields: &Map<String, Value>) -> Result<Value, String> {
    let model = required(fields, "model")?;
    let alpha = number(fields, "alpha")?;
    let params = match model.as_str() {
        Some("ridge") => LinearParams::ridge(alpha),
        Some("lasso") => LinearParams::lasso(alpha),
        Some("elastic_net") => LinearParams::elastic_net(alpha, number(fields, "l1_ratio")?),
        _ => return Err(format!("unknown model {model}: expected \"ridge\", \"lasso\" or \"elastic_net\"")),
    };
    let fit_intercept = match fields.get("fit_intercept") {
        None | Some(Value::Null) => true,
        Some(Value::Bool(b)) => *b,
        Some(other) => return Err(format!("fit_intercept must be true or false, got {other}")),
    };
    let tol = optional_number(fields, "tol")?.unwrap_or(1e-12);
    let max_iter = match fields.get("max_iter") {
        None | Some(Value::Null) => 1_000_000,
        Some(v) => v.as_u64().and_then(|v| usize::try_from(v).ok()).ok_or_else(|| format!("max_iter must be a positive integer, got {v}"))?,
    };
    let x = matrix(fields, "x")?;
    let y = vector(fields, "y")?;
    if x.nrows() != y.len() {
        return Err(format!("x has {} rows but y has {} values", x.nrows(), y.len()));
    }
    let params = params.fit_intercept(fit_intercept).tol(tol).max_iter(max_iter).validate().map_err(|e| e.to_string())?;
    let fit = params.fit(x.view(), y.view()).map_err(|e| e.to_string())?;
    Ok(json!({ "coef": fit.coef.to_vec(), "intercept": fit.intercept }))
}

fn required<'a>(fields: &'a Map<String, Value>, name: &str) -> Result<&'a Value, String> {
    fields.get(name).filter(|v| !v.is_null()).ok_or_else(|| format!("missing field \"{name}\""))
}

fn number(fields: &Map<String, Value>, name: &str) -> Result<f64, String> {
    let v = required(fields, name)?;
    v.as_f64().ok_or_else(|| format!("{name} must be a number, got {v}"))
}

fn optional_number(fields: &Map<String, Value>, name: &str) -> Result<Option<f64>, String> {
    match fields.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v.as_f64().map(Some).ok_or_else(|| format!("{name} must be a number, got {v}")),
    }
}

fn numbers(items: &[Value], what: &dyn Fn(usize) -> String) -> Result<Vec<f64>, String> {
    items.iter().enumerate().map(|(i, v)| v.as_f64().ok_or_else(|| format!("{} must be a number, got {v}", what(i)))).collect()
}

fn vector(fields: &Map<String, Value>, name: &str) -> Result<Array1<f64>, String> {
    let v = required(fields, name)?;
    let items = v.as_array().ok_or_else(|| format!("{name} must be an array of numbers"))?;
    if items.len() > MAX_VALUES {
        return Err(format!("{name} has more than {MAX_VALUES} values"));
    }
    Ok(Array1::from(numbers(items, &|i| format!("{name}[{i}]"))?))
}

/// A rectangular array of arrays of numbers, one inner array per row.
fn matrix(fields: &Map<String, Value>, name: &str) -> Result<Array2<f64>, String> {
    let v = required(fields, name)?;
    let rows = v.as_array().ok_or_else(|| format!("{name} must be an array of rows (arrays of numbers)"))?;
    let width = match rows.first() {
        Some(first) => first.as_array().ok_or_else(|| format!("{name}[0] must be an array of numbers"))?.len(),
        None => 0,
    };
    if rows.len().saturating_mul(width) > MAX_VALUES {
        return Err(format!("{name} has more than {MAX_VALUES} values"));
    }
    let mut flat = Vec::with_capacity(rows.len() * width);
    for (i, row) in rows.iter().enumerate() {
        let row = row.as_array().ok_or_else(|| format!("{name}[{i}] must be an array of numbers"))?;
        if row.len() != width {
            return Err(format!("{name} is ragged: row {i} has {} values but row 0 has {width}", row.len()));
        }
        flat.extend(numbers(row, &|j| format!("{name}[{i}][{j}]"))?);
    }
    Array2::from_shape_vec((rows.len(), width), flat).map_err(|e| e.to_string())
}
