//! `{"task":"gp_posterior", ...}` and `{"task":"suggest", ...}`: hyperlab-ml's Gaussian process
//! and search strategies, for comparison with scikit-learn and for driving a search from outside.
//!
//! `gp_posterior` request:
//! `{"task":"gp_posterior","kernel":{"kind":"rbf"|"matern52","length_scale":0.5,"variance":1.0},
//! "noise":1e-6,"x":[[...],...],"y":[...],"x_star":[[...],...]}` → `{"mean":[...],"std":[...]}`.
//! scikit-learn semantics: `GaussianProcessRegressor(ConstantKernel(variance) * RBF(length_scale)`
//! (or `Matern(length_scale, nu=2.5)`)`, alpha=noise, optimizer=None, normalize_y=False)`; no
//! input scaling, no output standardization; `std` excludes the noise. `length_scale` is one
//! number or one per input dimension; `variance` defaults to 1 and `noise` to scikit-learn's
//! 1e-10.
//!
//! `suggest` request:
//! `{"task":"suggest","strategy":"grid"|"random"|"bayes"|"tpe","space":[{"name":"x0","low":-5,
//! "high":10,"log":false}],"observations":[{"x":[...],"y":1.23}],"budget":30,"seed":0}` →
//! `{"x":[...]}`: the next point to evaluate when minimizing, given everything observed so far.
//! Deterministic: the same request gives the same answer, and the k-th point of grid and random
//! search depends only on the space, the budget, the seed and k = the number of observations, so
//! ask/tell works across processes. A dimension may instead be `{"name":"n","type":"int",
//! "low":1,"high":8}` (optionally `"log":true`) or `{"name":"act","type":"categorical",
//! "choices":["relu","tanh"]}` (points then hold the choice's index). An observation's `y` may be
//! `null` for a failed trial. Optional: `"seed"` (default 0), and for `bayes`
//! `"kernel":"matern52"|"rbf"`, `"acquisition":{"kind":"ei"|"pi","xi":0.01}` or
//! `{"kind":"lcb","kappa":1.96}` or `{"kind":"thompson"}`, `"initial_points":10`.
//! Bayesian optimization is fitted from scratch for each request (no warm start). TPE
//! (`"tpe"`) uses Optuna 5.1's `TPESampler` defaults (10 random start-up trials, 24 candidates,
//! γ(n) = min(⌈0.1 n⌉, 25), multivariate). `"batch": k` (1–64) asks for k points at once, all
//! proposed before any result comes back (k parallel workers; constant liar for bayes and tpe,
//! `"liar":"worst"|"mean"`, default worst): the answer is then `{"xs":[[...], ...]}`.
//!
//! `tpe_log_pdf` request: `{"task":"tpe_log_pdf","space":[...],"observations":[[...], ...],
//! "x_star":[[...], ...]}` → `{"log_pdf":[...]}`: the log density at each x_star of the Parzen
//! estimator built from those observations (in the order given), equal to Optuna 5.1's
//! `_ParzenEstimator(...).log_pdf` with the default `TPESampler` parameters.
//!
//! `ridge_hypergradient` request: `{"task":"ridge_hypergradient","alpha":1.0,"x_train":[[...]],
//! "y_train":[...],"x_val":[[...]],"y_val":[...]}` → `{"val_loss":..,"grad_log_alpha":..}`: the
//! mean squared validation error of scikit-learn's `Ridge(alpha, fit_intercept=True)` and its
//! exact derivative with respect to ln(alpha) (implicit differentiation, no finite differences).
//!
//! Bad requests (missing fields, non-numbers, ragged arrays, unknown kernels or strategies,
//! low ≥ high, a log scale with low ≤ 0, points outside the space, a spent budget) come back as
//! `Err(message)`.

// Test files include this module for one task or another.
#![allow(dead_code)]

use hyperlab_ml::schema::Scale;
use hyperlab_ml::search::hypergrad::ridge_hypergradient as hypergradient;
use hyperlab_ml::search::{
    suggest as next_point, suggest_batch, Acquisition, BatchConfig, BayesConfig, Dimension, GaussianProcess, Kernel, KernelKind, Liar, Observation, ParzenEstimator, Space,
    StrategyKind, TpeConfig,
};
use serde_json::{json, Map, Value};

/// Most numbers a request's arrays may hold (bounds the memory a request can claim).
const MAX_VALUES: usize = 10_000_000;
/// Most training points for a GP (the fit is cubic in this).
const MAX_TRAINING_POINTS: usize = 5_000;
/// Most observations a suggestion may be asked for.
const MAX_OBSERVATIONS: usize = 2_000;

pub fn gp_posterior(request: &Value) -> Result<Value, String> {
    let fields = object(request, "the request")?;
    check_task(fields, "gp_posterior")?;
    let kernel = kernel(required(fields, "kernel")?)?;
    let noise = match fields.get("noise") {
        None | Some(Value::Null) => 1e-10,
        Some(v) => v.as_f64().ok_or_else(|| format!("noise must be a number, got {v}"))?,
    };
    let x = rows(fields, "x")?;
    let y = numbers(required(fields, "y")?, "y")?;
    let x_star = rows(fields, "x_star")?;
    if x.is_empty() {
        return Err("x must hold at least one point".into());
    }
    if x.len() > MAX_TRAINING_POINTS {
        return Err(format!("x may hold at most {MAX_TRAINING_POINTS} points"));
    }
    if x.len() != y.len() {
        return Err(format!("x has {} points but y has {} values", x.len(), y.len()));
    }
    let dim = x[0].len();
    if let Some((i, r)) = x_star.iter().enumerate().find(|(_, r)| r.len() != dim) {
        return Err(format!("x_star[{i}] has {} coordinates but the points in x have {dim}", r.len()));
    }
    if kernel.length_scales().len() > 1 && kernel.length_scales().len() != dim {
        return Err(format!("length_scale has {} values but the points have {dim} coordinates", kernel.length_scales().len()));
    }
    let gp = GaussianProcess::fit(kernel, noise, &x, &y).map_err(|e| e.to_string())?;
    let posterior = gp.predict(&x_star).map_err(|e| e.to_string())?;
    Ok(json!({ "mean": posterior.mean, "std": posterior.std }))
}

pub fn suggest(request: &Value) -> Result<Value, String> {
    let fields = object(request, "the request")?;
    check_task(fields, "suggest")?;
    let strategy = required(fields, "strategy")?;
    let kind = strategy
        .as_str()
        .and_then(StrategyKind::from_slug)
        .ok_or_else(|| format!("unknown strategy {strategy}: expected \"grid\", \"random\", \"bayes\" or \"tpe\""))?;
    let space = space(required(fields, "space")?)?;
    let observations = observations(required(fields, "observations")?, &space)?;
    let budget = count(fields, "budget")?;
    let seed = match fields.get("seed") {
        None | Some(Value::Null) => 0,
        Some(v) => v.as_u64().ok_or_else(|| format!("seed must be a non-negative integer, got {v}"))?,
    };
    let bayes = bayes_config(fields)?;
    if let Some(b) = fields.get("batch").filter(|v| !v.is_null()) {
        let k = b.as_u64().filter(|k| (1..=64).contains(k)).ok_or_else(|| format!("batch must be a whole number from 1 to 64, got {b}"))? as usize;
        let liar = match fields.get("liar").and_then(Value::as_str) {
            None | Some("worst") => Liar::Worst,
            Some("mean") => Liar::Mean,
            Some(other) => return Err(format!("liar must be \"worst\" or \"mean\", got \"{other}\"")),
        };
        if observations.len() >= budget {
            return Err(format!("the budget of {budget} trials is spent ({} observations)", observations.len()));
        }
        let config = BatchConfig { bayes, tpe: TpeConfig::default(), liar };
        let xs = suggest_batch(kind, &space, &observations, budget, seed, &config, k).map_err(|e| e.to_string())?;
        if xs.is_empty() {
            return Err(format!("the grid for a budget of {budget} trials has only {} points, all visited", observations.len()));
        }
        return Ok(json!({ "xs": xs }));
    }
    match next_point(kind, &space, &observations, budget, seed, &bayes).map_err(|e| e.to_string())? {
        Some(x) => Ok(json!({ "x": x })),
        None if observations.len() >= budget => Err(format!("the budget of {budget} trials is spent ({} observations)", observations.len())),
        None => Err(format!("the grid for a budget of {budget} trials has only {} points, all visited", observations.len())),
    }
}

pub fn tpe_log_pdf(request: &Value) -> Result<Value, String> {
    let fields = object(request, "the request")?;
    check_task(fields, "tpe_log_pdf")?;
    let space = space(required(fields, "space")?)?;
    let obs = match required(fields, "observations")?.as_array() {
        Some(a) if a.is_empty() => Vec::new(),
        _ => rows(fields, "observations")?,
    };
    let x_star = rows(fields, "x_star")?;
    if obs.len() > MAX_OBSERVATIONS {
        return Err(format!("observations may hold at most {MAX_OBSERVATIONS} points"));
    }
    for (name, points) in [("observations", &obs), ("x_star", &x_star)] {
        for (i, p) in points.iter().enumerate() {
            space.check(p).map_err(|e| format!("{name}[{i}]: {e}"))?;
        }
    }
    let pe = ParzenEstimator::new(&space, &obs, &TpeConfig::default());
    Ok(json!({ "log_pdf": x_star.iter().map(|x| pe.log_pdf(x)).collect::<Vec<f64>>() }))
}

pub fn ridge_hypergradient(request: &Value) -> Result<Value, String> {
    let fields = object(request, "the request")?;
    check_task(fields, "ridge_hypergradient")?;
    let alpha = number(fields, "alpha", "the request")?;
    let (x_train, x_val) = (rows(fields, "x_train")?, rows(fields, "x_val")?);
    let y_train = numbers(required(fields, "y_train")?, "y_train")?;
    let y_val = numbers(required(fields, "y_val")?, "y_val")?;
    if x_train.len() > MAX_TRAINING_POINTS {
        return Err(format!("x_train may hold at most {MAX_TRAINING_POINTS} points"));
    }
    if x_train.first().map_or(0, Vec::len) > 500 {
        return Err("at most 500 features".into());
    }
    let h = hypergradient(&[alpha], &x_train, &y_train, &x_val, &y_val).map_err(|e| e.to_string())?;
    Ok(json!({ "val_loss": h.val_loss, "grad_log_alpha": h.total() }))
}

fn check_task(fields: &Map<String, Value>, expected: &str) -> Result<(), String> {
    match fields.get("task") {
        Some(task) if task != expected => Err(format!("task must be \"{expected}\", got {task}")),
        _ => Ok(()),
    }
}

fn object<'a>(v: &'a Value, what: &str) -> Result<&'a Map<String, Value>, String> {
    v.as_object().ok_or_else(|| format!("{what} must be a JSON object, got {v}"))
}

fn required<'a>(fields: &'a Map<String, Value>, name: &str) -> Result<&'a Value, String> {
    fields.get(name).filter(|v| !v.is_null()).ok_or_else(|| format!("missing field \"{name}\""))
}

fn number(fields: &Map<String, Value>, name: &str, what: &str) -> Result<f64, String> {
    let v = required(fields, name).map_err(|_| format!("{what}: missing field \"{name}\""))?;
    v.as_f64().ok_or_else(|| format!("{what}: {name} must be a number, got {v}"))
}

fn count(fields: &Map<String, Value>, name: &str) -> Result<usize, String> {
    let v = required(fields, name)?;
    v.as_u64().and_then(|v| usize::try_from(v).ok()).ok_or_else(|| format!("{name} must be a non-negative integer, got {v}"))
}

fn numbers(v: &Value, name: &str) -> Result<Vec<f64>, String> {
    let items = v.as_array().ok_or_else(|| format!("{name} must be an array of numbers, got {v}"))?;
    if items.len() > MAX_VALUES {
        return Err(format!("{name} has more than {MAX_VALUES} values"));
    }
    items.iter().enumerate().map(|(i, x)| x.as_f64().ok_or_else(|| format!("{name}[{i}] must be a number, got {x}"))).collect()
}

/// A non-ragged array of arrays of numbers, each with at least one entry.
fn rows(fields: &Map<String, Value>, name: &str) -> Result<Vec<Vec<f64>>, String> {
    let v = required(fields, name)?;
    let items = v.as_array().ok_or_else(|| format!("{name} must be an array of points (arrays of numbers)"))?;
    let mut out: Vec<Vec<f64>> = Vec::with_capacity(items.len().min(MAX_VALUES));
    let mut total = 0usize;
    for (i, row) in items.iter().enumerate() {
        let row = numbers(row, &format!("{name}[{i}]"))?;
        if row.is_empty() {
            return Err(format!("{name}[{i}] has no coordinates"));
        }
        if let Some(first) = out.first()
            && first.len() != row.len()
        {
            return Err(format!("{name} is ragged: point {i} has {} coordinates but point 0 has {}", row.len(), first.len()));
        }
        total = total.saturating_add(row.len());
        if total > MAX_VALUES {
            return Err(format!("{name} has more than {MAX_VALUES} values"));
        }
        out.push(row);
    }
    Ok(out)
}

fn kernel(v: &Value) -> Result<Kernel, String> {
    let fields = object(v, "kernel")?;
    let kind_value = required(fields, "kind").map_err(|_| "kernel: missing field \"kind\"".to_string())?;
    let kind = match kind_value.as_str() {
        Some("rbf") => KernelKind::Rbf,
        Some("matern52") => KernelKind::Matern52,
        _ => return Err(format!("unknown kernel kind {kind_value}: expected \"rbf\" or \"matern52\"")),
    };
    let ls = required(fields, "length_scale").map_err(|_| "kernel: missing field \"length_scale\"".to_string())?;
    let length_scales = match ls {
        Value::Array(_) => numbers(ls, "kernel.length_scale")?,
        _ => vec![ls.as_f64().ok_or_else(|| format!("kernel.length_scale must be a number or an array of numbers, got {ls}"))?],
    };
    let variance = match fields.get("variance") {
        None | Some(Value::Null) => 1.0,
        Some(v) => v.as_f64().ok_or_else(|| format!("kernel.variance must be a number, got {v}"))?,
    };
    Kernel::new(kind, length_scales, variance).map_err(|e| format!("kernel: {e}"))
}

fn space(v: &Value) -> Result<Space, String> {
    let items = v.as_array().ok_or_else(|| format!("space must be an array of dimensions, got {v}"))?;
    if items.len() > 1000 {
        return Err("space may have at most 1000 dimensions".into());
    }
    let dims = items.iter().enumerate().map(|(i, d)| dimension(d, i)).collect::<Result<Vec<_>, _>>()?;
    Space::new(dims).map_err(|e| e.to_string())
}

fn dimension(v: &Value, i: usize) -> Result<Dimension, String> {
    let what = format!("space[{i}]");
    let fields = object(v, &what)?;
    let name = match fields.get("name") {
        None | Some(Value::Null) => format!("x{i}"),
        Some(Value::String(s)) => s.clone(),
        Some(other) => return Err(format!("{what}: name must be a string, got {other}")),
    };
    let log = match fields.get("log") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(other) => return Err(format!("{what}: log must be true or false, got {other}")),
    };
    let scale = if log { Scale::Log } else { Scale::Linear };
    let kind = match fields.get("type") {
        None | Some(Value::Null) => "float",
        Some(Value::String(s)) => s.as_str(),
        Some(other) => return Err(format!("{what}: type must be \"float\", \"int\" or \"categorical\", got {other}")),
    };
    match kind {
        "float" => {
            let (low, high) = (number(fields, "low", &what)?, number(fields, "high", &what)?);
            Ok(Dimension::Continuous { name, low, high, scale })
        }
        "int" => {
            let int = |n: &str| -> Result<i64, String> {
                let v = required(fields, n).map_err(|_| format!("{what}: missing field \"{n}\""))?;
                v.as_i64().ok_or_else(|| format!("{what}: {n} must be an integer, got {v}"))
            };
            Ok(Dimension::Integer { name, low: int("low")?, high: int("high")?, scale })
        }
        "categorical" => {
            let choices = required(fields, "choices").map_err(|_| format!("{what}: missing field \"choices\""))?;
            let choices = choices.as_array().ok_or_else(|| format!("{what}: choices must be an array of strings"))?;
            let choices = choices
                .iter()
                .map(|c| match c {
                    Value::String(s) => Ok(s.clone()),
                    Value::Number(n) => Ok(n.to_string()),
                    other => Err(format!("{what}: each choice must be a string or a number, got {other}")),
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Dimension::Categorical { name, choices })
        }
        other => Err(format!("{what}: unknown type \"{other}\": expected \"float\", \"int\" or \"categorical\"")),
    }
}

fn observations(v: &Value, space: &Space) -> Result<Vec<Observation>, String> {
    let items = v.as_array().ok_or_else(|| format!("observations must be an array of {{\"x\": [...], \"y\": number}}, got {v}"))?;
    if items.len() > MAX_OBSERVATIONS {
        return Err(format!("observations may hold at most {MAX_OBSERVATIONS} entries"));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let what = format!("observations[{i}]");
            let fields = object(o, &what)?;
            let x = fields.get("x").filter(|v| !v.is_null()).ok_or_else(|| format!("{what}: missing field \"x\""))?;
            let point = numbers(x, &format!("{what}.x"))?;
            space.check(&point).map_err(|e| format!("{what}.x: {e}"))?;
            // null (JSON has no NaN) marks a failed trial.
            let value = match fields.get("y") {
                None => return Err(format!("{what}: missing field \"y\"")),
                Some(Value::Null) => f64::NAN,
                Some(v) => v.as_f64().ok_or_else(|| format!("{what}.y must be a number or null, got {v}"))?,
            };
            Ok(Observation { point, value })
        })
        .collect()
}

fn bayes_config(fields: &Map<String, Value>) -> Result<BayesConfig, String> {
    let mut config = BayesConfig::default();
    if let Some(k) = fields.get("kernel").filter(|v| !v.is_null()) {
        config.kernel = match k.as_str() {
            Some("rbf") => KernelKind::Rbf,
            Some("matern52") => KernelKind::Matern52,
            _ => return Err(format!("unknown kernel {k}: expected \"rbf\" or \"matern52\"")),
        };
    }
    if let Some(a) = fields.get("acquisition").filter(|v| !v.is_null()) {
        let af = object(a, "acquisition")?;
        let kind = required(af, "kind").map_err(|_| "acquisition: missing field \"kind\"".to_string())?;
        let opt = |name: &str, default: f64| -> Result<f64, String> {
            match af.get(name) {
                None | Some(Value::Null) => Ok(default),
                Some(v) => v.as_f64().ok_or_else(|| format!("acquisition.{name} must be a number, got {v}")),
            }
        };
        config.acquisition = match kind.as_str() {
            Some("ei") => Acquisition::ExpectedImprovement { xi: opt("xi", 0.01)? },
            Some("pi") => Acquisition::ProbabilityOfImprovement { xi: opt("xi", 0.01)? },
            Some("lcb") => Acquisition::LowerConfidenceBound { kappa: opt("kappa", 1.96)? },
            Some("thompson") => Acquisition::ThompsonSampling,
            _ => return Err(format!("unknown acquisition {kind}: expected \"ei\", \"pi\", \"lcb\" or \"thompson\"")),
        };
    }
    if let Some(n) = fields.get("initial_points").filter(|v| !v.is_null()) {
        config.initial_points = Some(n.as_u64().and_then(|v| usize::try_from(v).ok()).ok_or_else(|| format!("initial_points must be a positive integer, got {n}"))?);
    }
    config.validate().map_err(|e| e.to_string())?;
    Ok(config)
}
