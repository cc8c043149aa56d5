//! Gradient-based hyperparameter optimization for ridge regression.
//!
//! Ridge's weights solve the normal equations (XcᵀXc + diag(α)) w = Xcᵀyc (Xc, yc centred by
//! the training means; the intercept is ȳ − x̄ᵀw, scikit-learn's `Ridge(fit_intercept=True)`).
//! Differentiating them implicitly gives dw/dα_j = −A⁻¹ e_j w_j with A = XcᵀXc + diag(α), so
//! the validation loss L = mean((Xv − x̄) w + ȳ − yv)² has the exact derivative
//! dL/d ln α_j = −α_j w_j (A⁻¹ g)_j with g = (2/n_val)(Xv − x̄)ᵀ r: one extra solve with the
//! same matrix, no finite differences. Gradient descent on ln α then walks down the validation
//! curve, one model fit (and one solve) per step.

use super::SearchError;

/// Validation loss and its gradient with respect to each ln α_j.
#[derive(Clone, Debug, PartialEq)]
pub struct HyperGradient {
    pub val_loss: f64,
    /// d(val_loss)/d ln α_j, one per feature.
    pub grad_log_alpha: Vec<f64>,
}

impl HyperGradient {
    /// The derivative with respect to ln α of a single shared penalty (the sum over features).
    pub fn total(&self) -> f64 {
        self.grad_log_alpha.iter().sum()
    }
}

/// Solves the symmetric positive definite system `a x = b` (row-major, n × n) by Cholesky;
/// `None` if `a` is not positive definite.
fn cholesky_solve(a: &[f64], n: usize, rhs: &[&[f64]]) -> Option<Vec<Vec<f64>>> {
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let mut s = a[i * n + j];
            for k in 0..j {
                s -= l[i * n + k] * l[j * n + k];
            }
            if i == j {
                if s.is_nan() || s <= 0.0 {
                    return None;
                }
                l[i * n + i] = s.sqrt();
            } else {
                l[i * n + j] = s / l[j * n + j];
            }
        }
    }
    Some(
        rhs.iter()
            .map(|b| {
                let mut y = b.to_vec();
                for i in 0..n {
                    for k in 0..i {
                        y[i] -= l[i * n + k] * y[k];
                    }
                    y[i] /= l[i * n + i];
                }
                for i in (0..n).rev() {
                    for k in i + 1..n {
                        y[i] -= l[k * n + i] * y[k];
                    }
                    y[i] /= l[i * n + i];
                }
                y
            })
            .collect(),
    )
}

/// The validation loss of `Ridge(alpha_j per feature, fit_intercept=True)` fitted on the
/// training rows and its exact gradient with respect to each ln α_j. `alpha` has one entry
/// (shared) or one per feature; every α must be positive.
pub fn ridge_hypergradient(alpha: &[f64], x_train: &[Vec<f64>], y_train: &[f64], x_val: &[Vec<f64>], y_val: &[f64]) -> Result<HyperGradient, SearchError> {
    let n = x_train.len();
    if n == 0 || x_val.is_empty() {
        return Err(SearchError::NoData);
    }
    let d = x_train[0].len();
    if y_train.len() != n {
        return Err(SearchError::LengthMismatch { what: "x_train and y_train", expected: n, got: y_train.len() });
    }
    if y_val.len() != x_val.len() {
        return Err(SearchError::LengthMismatch { what: "x_val and y_val", expected: x_val.len(), got: y_val.len() });
    }
    if let Some(r) = x_train.iter().chain(x_val).find(|r| r.len() != d) {
        return Err(SearchError::DimensionMismatch { expected: d, got: r.len() });
    }
    if x_train.iter().chain(x_val).flatten().chain(y_train).chain(y_val).any(|v| !v.is_finite()) {
        return Err(SearchError::NotFinite("data"));
    }
    let alphas: Vec<f64> = match alpha.len() {
        1 => vec![alpha[0]; d],
        l if l == d => alpha.to_vec(),
        l => return Err(SearchError::LengthMismatch { what: "alpha and the features", expected: d, got: l }),
    };
    if alphas.iter().any(|a| !(a.is_finite() && *a > 0.0)) {
        return Err(SearchError::OutOfRange { name: "alpha", detail: "must be positive and finite" });
    }
    let mean: Vec<f64> = (0..d).map(|j| x_train.iter().map(|r| r[j]).sum::<f64>() / n as f64).collect();
    let y_mean = y_train.iter().sum::<f64>() / n as f64;
    let mut a = vec![0.0; d * d];
    let mut b = vec![0.0; d];
    for (r, &y) in x_train.iter().zip(y_train) {
        let c: Vec<f64> = r.iter().zip(&mean).map(|(v, m)| v - m).collect();
        for i in 0..d {
            b[i] += c[i] * (y - y_mean);
            for j in 0..=i {
                a[i * d + j] += c[i] * c[j];
            }
        }
    }
    for i in 0..d {
        for j in 0..i {
            a[j * d + i] = a[i * d + j];
        }
        a[i * d + i] += alphas[i];
    }
    let w = cholesky_solve(&a, d, &[&b]).ok_or(SearchError::NotFinite("the ridge solution"))?.remove(0);
    let nv = x_val.len() as f64;
    let mut g = vec![0.0; d];
    let mut loss = 0.0;
    for (r, &y) in x_val.iter().zip(y_val) {
        let c: Vec<f64> = r.iter().zip(&mean).map(|(v, m)| v - m).collect();
        let res = c.iter().zip(&w).map(|(x, w)| x * w).sum::<f64>() + y_mean - y;
        loss += res * res / nv;
        for j in 0..d {
            g[j] += 2.0 * res * c[j] / nv;
        }
    }
    let v = cholesky_solve(&a, d, &[&g]).ok_or(SearchError::NotFinite("the ridge solution"))?.remove(0);
    let grad_log_alpha = (0..d).map(|j| -alphas[j] * w[j] * v[j]).collect();
    Ok(HyperGradient { val_loss: loss, grad_log_alpha })
}

#[cfg(test)]
mod tests {
    use super::*;

    type Data = (Vec<Vec<f64>>, Vec<f64>, Vec<Vec<f64>>, Vec<f64>);

    fn data() -> Data {
        let f = |i: usize, s: f64| vec![(i as f64 * 0.7 + s).sin() * 2.0, (i as f64 * 1.3 + s).cos(), (i as f64 * 0.37).fract()];
        let y = |r: &Vec<f64>, i: usize| 1.5 * r[0] - 0.5 * r[1] + 2.0 * r[2] + 0.3 * ((i * 7919) % 13) as f64 / 13.0 + 0.4;
        let xt: Vec<Vec<f64>> = (0..25).map(|i| f(i, 0.0)).collect();
        let yt = xt.iter().enumerate().map(|(i, r)| y(r, i)).collect();
        let xv: Vec<Vec<f64>> = (0..11).map(|i| f(i, 0.5)).collect();
        let yv = xv.iter().enumerate().map(|(i, r)| y(r, i + 3)).collect();
        (xt, yt, xv, yv)
    }

    #[test]
    fn gradient_matches_finite_differences() {
        let (xt, yt, xv, yv) = data();
        for alpha in [1e-3, 0.1, 1.0, 10.0, 300.0] {
            let h = ridge_hypergradient(&[alpha], &xt, &yt, &xv, &yv).unwrap();
            let eps: f64 = 1e-5;
            let up = ridge_hypergradient(&[alpha * eps.exp()], &xt, &yt, &xv, &yv).unwrap().val_loss;
            let down = ridge_hypergradient(&[alpha * (-eps).exp()], &xt, &yt, &xv, &yv).unwrap().val_loss;
            let fd = (up - down) / (2.0 * eps);
            assert!((h.total() - fd).abs() <= 1e-6 * fd.abs().max(1e-6), "α = {alpha}: {} vs {fd}", h.total());
        }
        // Per-feature penalties: each partial derivative.
        let alphas = [0.3, 2.0, 0.05];
        let h = ridge_hypergradient(&alphas, &xt, &yt, &xv, &yv).unwrap();
        for j in 0..3 {
            let eps = 1e-5;
            let mut up = alphas;
            up[j] *= f64::exp(eps);
            let mut down = alphas;
            down[j] *= f64::exp(-eps);
            let fd = (ridge_hypergradient(&up, &xt, &yt, &xv, &yv).unwrap().val_loss - ridge_hypergradient(&down, &xt, &yt, &xv, &yv).unwrap().val_loss) / (2.0 * eps);
            assert!((h.grad_log_alpha[j] - fd).abs() <= 1e-6 * fd.abs().max(1e-6), "feature {j}");
        }
    }

    #[test]
    fn rejects_bad_input() {
        let (xt, yt, xv, yv) = data();
        assert!(ridge_hypergradient(&[0.0], &xt, &yt, &xv, &yv).is_err());
        assert!(ridge_hypergradient(&[1.0, 2.0], &xt, &yt, &xv, &yv).is_err());
        assert!(ridge_hypergradient(&[1.0], &xt, &yt[1..], &xv, &yv).is_err());
        assert!(ridge_hypergradient(&[1.0], &[], &[], &xv, &yv).is_err());
    }
}
