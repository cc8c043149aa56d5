//! hyperlab-ml's raw Gaussian process against scikit-learn's `GaussianProcessRegressor` with a
//! fixed kernel (`tests/reference/gp_fixtures.json`, written by
//! `tests/reference/make_gp_fixtures.py`): posterior mean and standard deviation to 1e-6
//! relative, plus the log marginal likelihood and its gradient.

use hyperlab_ml::search::gp::log_marginal_likelihood;
use hyperlab_ml::search::{GaussianProcess, Kernel, KernelKind};
use serde_json::Value;

#[path = "common/fixtures.rs"]
mod fixtures;
use fixtures::{floats, rows};

const RELATIVE: f64 = 1e-6;

fn fixtures() -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/reference/gp_fixtures.json");
    let text = std::fs::read_to_string(path).expect("gp_fixtures.json is committed");
    let doc: Value = serde_json::from_str(&text).expect("valid JSON");
    doc["cases"].as_array().expect("cases").clone()
}

fn kernel(case: &Value) -> (KernelKind, Vec<f64>, f64) {
    let k = &case["kernel"];
    let kind = match k["kind"].as_str() {
        Some("rbf") => KernelKind::Rbf,
        Some("matern52") => KernelKind::Matern52,
        other => panic!("unknown kernel {other:?}"),
    };
    let ls = match &k["length_scale"] {
        Value::Array(_) => floats(&k["length_scale"]),
        v => vec![v.as_f64().unwrap()],
    };
    (kind, ls, k["variance"].as_f64().unwrap())
}

/// |a − b| / |b|, with |b| floored at 1e-300 (no fixture value is anywhere near that small).
fn relative(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs().max(1e-300)
}

#[test]
fn posterior_matches_scikit_learn() {
    let cases = fixtures();
    assert!(cases.len() >= 10);
    let mut worst = (0.0, String::new());
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let (kind, ls, variance) = kernel(case);
        let noise = case["noise"].as_f64().unwrap();
        let x = rows(&case["x"]);
        let y = floats(&case["y"]);
        let x_star = rows(&case["x_star"]);
        let gp = GaussianProcess::fit(Kernel::new(kind, ls, variance).unwrap(), noise, &x, &y).unwrap();
        // Every fixture factors without jitter in scikit-learn, so it must here too (otherwise the
        // comparison would be of different matrices).
        assert_eq!(gp.jitter(), 0.0, "{name}");
        let post = gp.predict(&x_star).unwrap();
        for (what, ours, theirs) in [("mean", &post.mean, floats(&case["mean"])), ("std", &post.std, floats(&case["std"]))] {
            assert_eq!(ours.len(), theirs.len());
            for (i, (a, b)) in ours.iter().zip(&theirs).enumerate() {
                let r = relative(*a, *b);
                if r > worst.0 {
                    worst = (r, format!("{name} {what}[{i}]: {a} vs {b}"));
                }
                assert!(r <= RELATIVE, "{name} {what}[{i}]: ours {a}, scikit-learn {b}, relative error {r:e}");
            }
        }
        let lml = case["log_marginal_likelihood"].as_f64().unwrap();
        let r = relative(gp.log_marginal_likelihood(), lml);
        assert!(r <= RELATIVE, "{name} LML: ours {}, scikit-learn {lml} ({r:e})", gp.log_marginal_likelihood());
    }
    println!("worst relative error against scikit-learn: {:e} ({})", worst.0, worst.1);
}

#[test]
fn lml_gradient_matches_scikit_learn() {
    for case in fixtures() {
        let name = case["name"].as_str().unwrap();
        let (kind, ls, variance) = kernel(&case);
        let noise = case["noise"].as_f64().unwrap();
        let x = rows(&case["x"]);
        let dim = x[0].len();
        let flat: Vec<f64> = x.concat();
        let y = floats(&case["y"]);
        // Ours: [ln ℓ…, ln σ_f², ln σ_n²]; scikit-learn's theta: [ln σ_f², ln ℓ…] (alpha is not a
        // hyperparameter there).
        let theta: Vec<f64> = ls.iter().map(|l| l.ln()).chain([variance.ln(), noise.ln()]).collect();
        let mut grad = vec![0.0; theta.len()];
        let lml = log_marginal_likelihood(kind, &flat, dim, &y, &theta, Some(&mut grad));
        let expected_lml = case["log_marginal_likelihood"].as_f64().unwrap();
        assert!(relative(lml, expected_lml) <= RELATIVE, "{name}: {lml} vs {expected_lml}");
        let theirs = floats(&case["lml_gradient"]);
        let p = ls.len();
        let ours: Vec<f64> = std::iter::once(grad[p]).chain(grad[..p].iter().copied()).collect();
        for (i, (a, b)) in ours.iter().zip(&theirs).enumerate() {
            // Each component is a sum of terms as large as the data-fit term ½yᵀK⁻¹y, which the
            // near-singular fixtures make huge (LML ≈ −2·10⁴ with exact duplicates and noise
            // 1e-6) while the sum stays O(1); such a component is only determined to about
            // ε·cond(K)·|LML| in either implementation. So the scale is floored at 1e-4·|LML|.
            let scale = b.abs().max(1e-4 * expected_lml.abs());
            assert!((a - b).abs() <= RELATIVE * scale, "{name} ∂/∂θ{i}: ours {a}, scikit-learn {b}");
        }
    }
}
