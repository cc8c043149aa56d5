//! A small box-constrained L-BFGS for the Gaussian process's few hyperparameters.
//!
//! Projected L-BFGS: coordinates pinned at a bound with the gradient pushing outward are held
//! fixed for the step, the two-loop recursion gives the direction for the rest, and a
//! backtracking (Armijo) line search keeps every trial point inside the box. Plenty for 3–10
//! smooth parameters; no Cauchy-point machinery as in full L-BFGS-B.

/// Where a maximization ended.
#[derive(Clone, Debug, PartialEq)]
pub struct Maximum {
    pub x: Vec<f64>,
    pub value: f64,
    /// Objective evaluations used.
    pub evaluations: usize,
    /// Accepted steps.
    pub iterations: usize,
}

/// Settings of [`maximize_in_box`].
#[derive(Clone, Copy, Debug)]
pub struct LbfgsSettings {
    pub max_iterations: usize,
    /// Pairs of (step, gradient change) remembered.
    pub memory: usize,
    /// Stop when the objective improves by less than this, relative to max(1, |f|).
    pub f_tolerance: f64,
    /// Stop when the largest free gradient component is below this.
    pub g_tolerance: f64,
}

impl Default for LbfgsSettings {
    fn default() -> Self {
        Self { max_iterations: 60, memory: 6, f_tolerance: 1e-9, g_tolerance: 1e-6 }
    }
}

/// Maximizes `f` over the box `[lo, hi]` from `x0` (clamped into the box). `f(x, grad)` returns
/// the value and writes the gradient; a non-finite value marks `x` as unusable. The result is
/// never worse than the (clamped) start.
pub fn maximize_in_box(
    mut f: impl FnMut(&[f64], &mut [f64]) -> f64,
    x0: &[f64],
    lo: &[f64],
    hi: &[f64],
    settings: LbfgsSettings,
) -> Maximum {
    let p = x0.len();
    let clamp = |x: &mut [f64]| x.iter_mut().enumerate().for_each(|(i, v)| *v = if v.is_nan() { lo[i] } else { v.clamp(lo[i], hi[i]) });
    let mut x = x0.to_vec();
    clamp(&mut x);
    let mut g = vec![0.0; p];
    let mut evaluations = 1;
    // Work with the minimization of −f.
    let mut fx = -f(&x, &mut g);
    g.iter_mut().for_each(|v| *v = -*v);
    if !fx.is_finite() || g.iter().any(|v| !v.is_finite()) {
        return Maximum { x, value: if fx.is_nan() { f64::NEG_INFINITY } else { -fx }, evaluations, iterations: 0 };
    }
    let mut history: Vec<(Vec<f64>, Vec<f64>, f64)> = Vec::new();
    let mut xn = vec![0.0; p];
    let mut gn = vec![0.0; p];
    let mut iterations = 0;
    for _ in 0..settings.max_iterations {
        // Coordinates at a bound whose descent direction leaves the box stay put.
        let free: Vec<bool> = (0..p).map(|i| !((x[i] <= lo[i] && g[i] > 0.0) || (x[i] >= hi[i] && g[i] < 0.0))).collect();
        let pg: Vec<f64> = (0..p).map(|i| if free[i] { g[i] } else { 0.0 }).collect();
        let pg_max = pg.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        if pg_max < settings.g_tolerance {
            break;
        }
        let mut d = two_loop(&pg, &history);
        d.iter_mut().zip(&free).for_each(|(v, &f)| {
            if !f {
                *v = 0.0
            }
        });
        let mut slope: f64 = d.iter().zip(&pg).map(|(a, b)| a * b).sum();
        if slope.is_nan() || slope >= 0.0 {
            // Not a descent direction (stale curvature pairs): fall back to steepest descent.
            history.clear();
            d = pg.iter().map(|v| -v).collect();
            slope = -pg.iter().map(|v| v * v).sum::<f64>();
        }
        // First step of a steepest-descent direction: move at most 1 in the largest coordinate.
        let mut t = if history.is_empty() { 1.0 / d.iter().fold(1.0f64, |m, v| m.max(v.abs())) } else { 1.0 };
        let mut accepted = false;
        let mut fnew = fx;
        for _ in 0..30 {
            xn.iter_mut().zip(&x).zip(&d).for_each(|((n, x), d)| *n = x + t * d);
            clamp(&mut xn);
            evaluations += 1;
            fnew = -f(&xn, &mut gn);
            gn.iter_mut().for_each(|v| *v = -*v);
            let moved: f64 = xn.iter().zip(&x).zip(&g).map(|((a, b), g)| (a - b) * g).sum();
            let finite = fnew.is_finite() && gn.iter().all(|v| v.is_finite());
            if finite && fnew <= fx + 1e-4 * moved.min(0.0) {
                accepted = true;
                break;
            }
            // Backtrack to the minimum of the quadratic through f(0), f'(0) and f(t), kept within
            // [t/10, t/2]: far fewer evaluations than plain halving after a long first step.
            let curvature = fnew - fx - slope * t;
            let guess = if finite && curvature > 0.0 { -slope * t * t / (2.0 * curvature) } else { 0.1 * t };
            t = guess.clamp(0.1 * t, 0.5 * t);
        }
        if !accepted {
            break;
        }
        iterations += 1;
        let s: Vec<f64> = xn.iter().zip(&x).map(|(a, b)| a - b).collect();
        // Curvature only along the free coordinates: a coordinate held at its bound has a large,
        // changing gradient that says nothing about the space the search moves in.
        let y: Vec<f64> = gn.iter().zip(&g).zip(&free).map(|((a, b), &f)| if f { a - b } else { 0.0 }).collect();
        let sy: f64 = s.iter().zip(&y).map(|(a, b)| a * b).sum();
        let done = (fx - fnew).abs() <= settings.f_tolerance * fx.abs().max(1.0);
        x.copy_from_slice(&xn);
        g.copy_from_slice(&gn);
        fx = fnew;
        if done {
            break;
        }
        // Keep only pairs with positive curvature, so the implied Hessian stays positive definite.
        if sy > 1e-12 * s.iter().map(|v| v * v).sum::<f64>().sqrt() * y.iter().map(|v| v * v).sum::<f64>().sqrt() {
            if history.len() == settings.memory {
                history.remove(0);
            }
            history.push((s, y, 1.0 / sy));
        }
    }
    Maximum { x, value: -fx, evaluations, iterations }
}

/// −H·g by the L-BFGS two-loop recursion (H the inverse-Hessian estimate).
fn two_loop(g: &[f64], history: &[(Vec<f64>, Vec<f64>, f64)]) -> Vec<f64> {
    let mut q = g.to_vec();
    let mut alphas = vec![0.0; history.len()];
    for (k, (s, y, rho)) in history.iter().enumerate().rev() {
        let a = rho * s.iter().zip(&q).map(|(a, b)| a * b).sum::<f64>();
        alphas[k] = a;
        q.iter_mut().zip(y).for_each(|(q, y)| *q -= a * y);
    }
    if let Some((s, y, _)) = history.last() {
        let gamma = s.iter().zip(y).map(|(a, b)| a * b).sum::<f64>() / y.iter().map(|v| v * v).sum::<f64>();
        q.iter_mut().for_each(|v| *v *= gamma);
    }
    for (k, (s, y, rho)) in history.iter().enumerate() {
        let b = rho * y.iter().zip(&q).map(|(a, b)| a * b).sum::<f64>();
        q.iter_mut().zip(s).for_each(|(q, s)| *q += (alphas[k] - b) * s);
    }
    q.iter_mut().for_each(|v| *v = -*v);
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_maximum_of_a_rosenbrock_ridge() {
        // Maximize −Rosenbrock: maximum 0 at (1, 1).
        let f = |x: &[f64], g: &mut [f64]| {
            let (a, b) = (x[0], x[1]);
            g[0] = -(-2.0 * (1.0 - a) - 400.0 * a * (b - a * a));
            g[1] = -(200.0 * (b - a * a));
            -((1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2))
        };
        let m = maximize_in_box(f, &[-1.2, 1.0], &[-5.0, -5.0], &[5.0, 5.0], LbfgsSettings { max_iterations: 200, ..Default::default() });
        assert!((m.x[0] - 1.0).abs() < 1e-4 && (m.x[1] - 1.0).abs() < 1e-4, "{m:?}");
    }

    #[test]
    fn stops_at_the_bound_when_the_maximum_is_outside() {
        // Maximum of −(x − 3)² − (y + 1)² is at (3, −1); the box allows x ≤ 2.
        let f = |x: &[f64], g: &mut [f64]| {
            g[0] = -2.0 * (x[0] - 3.0);
            g[1] = -2.0 * (x[1] + 1.0);
            -(x[0] - 3.0).powi(2) - (x[1] + 1.0).powi(2)
        };
        let m = maximize_in_box(f, &[0.0, 0.0], &[-2.0, -2.0], &[2.0, 2.0], LbfgsSettings::default());
        assert_eq!(m.x[0], 2.0);
        assert!((m.x[1] + 1.0).abs() < 1e-6, "{m:?}");
    }

    #[test]
    fn survives_non_finite_regions() {
        // log x is −∞ at 0 and NaN below: the search must stay where it is finite.
        let f = |x: &[f64], g: &mut [f64]| {
            g[0] = 1.0 / x[0] - 1.0;
            x[0].ln() - x[0]
        };
        let m = maximize_in_box(f, &[5.0], &[-1.0], &[10.0], LbfgsSettings::default());
        assert!((m.x[0] - 1.0).abs() < 1e-5, "{m:?}");
        let m = maximize_in_box(|_, g| { g[0] = 0.0; f64::NAN }, &[0.5], &[0.0], &[1.0], LbfgsSettings::default());
        assert_eq!(m.value, f64::NEG_INFINITY);
    }
}
