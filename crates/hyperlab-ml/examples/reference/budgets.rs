//! `hyperband_brackets`: `{"task":"hyperband_brackets","min_resource":1,"max_resource":81,"eta":3}`
//! → `{"brackets":[[[n, r], ...], ...]}`, bracket s = s_max first (Li et al. 2018). η must be a
//! whole number ≥ 2, the resources whole numbers with 1 ≤ min ≤ max.

use hyperlab_ml::budgets::hyperband_brackets;
use serde_json::{json, Value};

fn whole(request: &Value, name: &str) -> Result<usize, String> {
    let v = request.get(name).ok_or_else(|| format!("missing field \"{name}\""))?;
    match v.as_u64() {
        Some(n) => usize::try_from(n).map_err(|_| format!("{name} is too large")),
        None => Err(format!("{name} must be a non-negative whole number, got {v}")),
    }
}

pub fn hyperband(request: &Value) -> Result<Value, String> {
    let min = whole(request, "min_resource")?;
    let max = whole(request, "max_resource")?;
    let eta = whole(request, "eta")?;
    let brackets = hyperband_brackets(min, max, eta).map_err(|e| e.to_string())?;
    let brackets: Vec<Vec<[usize; 2]>> = brackets.iter().map(|b| b.iter().map(|r| [r.n, r.r]).collect()).collect();
    Ok(json!({ "brackets": brackets }))
}
