//! Penalized linear regression in scikit-learn's parameterization, so what the lab shows is what
//! a learner later sees in Python:
//!
//! - Ridge minimizes ‖y − Xw‖² + α‖w‖² (`sklearn.linear_model.Ridge`);
//! - elastic net minimizes 1/(2n)‖y − Xw‖² + α·ρ‖w‖₁ + α(1 − ρ)/2·‖w‖² (`ElasticNet`, with
//!   ρ = `l1_ratio`); Lasso is ρ = 1 (`Lasso`).
//!
//! With an intercept, X's columns and y are centered first and the intercept recovered
//! afterwards, as scikit-learn does, so the intercept is never penalized.
//!
//! Solvers, all written here (no LAPACK):
//! - Ridge, and elastic net with ρ = 0 (which is Ridge with α·n): closed form, by a Cholesky
//!   factorization of XᵀX + αI when n > p, or of XXᵀ + αI otherwise;
//! - elastic net and Lasso: cyclic coordinate descent stopped by a duality gap, like
//!   scikit-learn's `enet_coordinate_descent`. When n > p it runs on the precomputed Gram matrix
//!   XᵀX (scikit-learn's `precompute`), so a sweep costs p² instead of n·p. Unlike
//!   scikit-learn, each sweep is followed by active-set Newton steps ([`feature_sign_step`]):
//!   on the nearly collinear designs of the lab (standardized x … x¹⁵) plain coordinate descent
//!   needs thousands of sweeps, with them it needs a handful, and lands on the exact optimum;
//! - α = 0, any model: ordinary least squares, the minimum-norm solution by a Jacobi SVD.
//!
//! Follows the params → validated params → fit pattern: [`LinearParams`] holds what the learner
//! set, [`LinearParams::validate`] checks it, [`ValidLinearParams::fit`] fits. A
//! [`LinearProblem`] holds the centered data and Gram matrix once for many fits (a
//! [`RegularizationPath`] over α, or nested feature sets).

pub mod logistic;

use crate::linalg::{axpy, dot_in_order as dot};
use ndarray::{Array1, ArrayView1, ArrayView2};

/// Coordinate-descent sweeps before giving up (scikit-learn's default).
pub const DEFAULT_MAX_ITER: usize = 1000;
/// Relative duality-gap tolerance (scikit-learn's default): a fit has converged when the gap is
/// at most `tol`·‖y‖² (y centered when fitting an intercept).
pub const DEFAULT_TOL: f64 = 1e-4;

/// Which penalty, in scikit-learn's scaling (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Penalty {
    /// ‖y − Xw‖² + α‖w‖².
    Ridge,
    /// 1/(2n)‖y − Xw‖² + α·ρ‖w‖₁ + α(1 − ρ)/2·‖w‖², with ρ = `l1_ratio` in [0, 1].
    ElasticNet { l1_ratio: f64 },
}

/// Why a model could not be set up or fitted. The message is meant for the learner.
#[derive(Clone, Debug, PartialEq)]
pub enum LinearError {
    /// A setting or some data is NaN or infinite.
    NotFinite(&'static str),
    OutOfRange { name: &'static str, detail: &'static str },
    /// No samples, or no features.
    Empty(&'static str),
    /// x and y disagree on the number of samples.
    LengthMismatch { rows: usize, targets: usize },
    /// Coefficients or features of the wrong length.
    FeatureMismatch { expected: usize, found: usize },
    /// A [`LinearProblem`] was centered for the other `fit_intercept` setting.
    InterceptMismatch,
    /// The data are so large that sums of their squares overflow.
    Overflow,
}

impl std::fmt::Display for LinearError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LinearError::NotFinite(what) => write!(f, "{what} must be finite (found NaN or infinity)"),
            LinearError::OutOfRange { name, detail } => write!(f, "{name} {detail}"),
            LinearError::Empty(what) => write!(f, "there are no {what} to fit"),
            LinearError::LengthMismatch { rows, targets } => {
                write!(f, "x has {rows} rows but y has {targets} values")
            }
            LinearError::FeatureMismatch { expected, found } => {
                write!(f, "expected {expected} features, found {found}")
            }
            LinearError::InterceptMismatch => {
                write!(f, "the data were prepared for the other fit_intercept setting")
            }
            LinearError::Overflow => write!(f, "the data are too large: sums of their squares overflow"),
        }
    }
}

impl std::error::Error for LinearError {}

/// What the learner sets.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinearParams {
    penalty: Penalty,
    alpha: f64,
    fit_intercept: bool,
    max_iter: usize,
    tol: f64,
}

impl LinearParams {
    /// Any penalty, with an intercept and scikit-learn's default solver settings.
    pub fn new(penalty: Penalty, alpha: f64) -> Self {
        Self { penalty, alpha, fit_intercept: true, max_iter: DEFAULT_MAX_ITER, tol: DEFAULT_TOL }
    }
    pub fn ridge(alpha: f64) -> Self {
        Self::new(Penalty::Ridge, alpha)
    }
    pub fn lasso(alpha: f64) -> Self {
        Self::elastic_net(alpha, 1.0)
    }
    pub fn elastic_net(alpha: f64, l1_ratio: f64) -> Self {
        Self::new(Penalty::ElasticNet { l1_ratio }, alpha)
    }
    /// Learn an unpenalized intercept (default true).
    pub fn fit_intercept(self, fit_intercept: bool) -> Self {
        Self { fit_intercept, ..self }
    }
    /// Coordinate-descent sweep budget (ignored by the closed-form solvers).
    pub fn max_iter(self, max_iter: usize) -> Self {
        Self { max_iter, ..self }
    }
    /// Relative duality-gap tolerance (see [`DEFAULT_TOL`]).
    pub fn tol(self, tol: f64) -> Self {
        Self { tol, ..self }
    }

    /// Checks every setting.
    pub fn validate(self) -> Result<ValidLinearParams, LinearError> {
        check_alpha(self.alpha)?;
        if let Penalty::ElasticNet { l1_ratio } = self.penalty {
            if !l1_ratio.is_finite() {
                return Err(LinearError::NotFinite("l1_ratio"));
            }
            if !(0.0..=1.0).contains(&l1_ratio) {
                return Err(LinearError::OutOfRange { name: "l1_ratio", detail: "must be between 0 and 1" });
            }
        }
        if !self.tol.is_finite() {
            return Err(LinearError::NotFinite("tol"));
        }
        if self.tol < 0.0 {
            return Err(LinearError::OutOfRange { name: "tol", detail: "must be ≥ 0" });
        }
        if self.max_iter == 0 {
            return Err(LinearError::OutOfRange { name: "max_iter", detail: "must be at least 1" });
        }
        Ok(ValidLinearParams(self))
    }
}

fn check_alpha(alpha: f64) -> Result<(), LinearError> {
    if !alpha.is_finite() {
        return Err(LinearError::NotFinite("alpha"));
    }
    if alpha < 0.0 {
        return Err(LinearError::OutOfRange { name: "alpha", detail: "must be ≥ 0" });
    }
    Ok(())
}

/// Settings that passed [`LinearParams::validate`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ValidLinearParams(LinearParams);

impl ValidLinearParams {
    pub fn penalty(&self) -> Penalty {
        self.0.penalty
    }
    pub fn alpha(&self) -> f64 {
        self.0.alpha
    }
    pub fn fit_intercept(&self) -> bool {
        self.0.fit_intercept
    }
    pub fn max_iter(&self) -> usize {
        self.0.max_iter
    }
    pub fn tol(&self) -> f64 {
        self.0.tol
    }

    /// The same settings with another α.
    pub fn with_alpha(&self, alpha: f64) -> Result<Self, LinearError> {
        check_alpha(alpha)?;
        Ok(Self(LinearParams { alpha, ..self.0 }))
    }

    /// Centers the data (when fitting an intercept) and precomputes what every fit on it reuses.
    pub fn prepare(&self, x: ArrayView2<f64>, y: ArrayView1<f64>) -> Result<LinearProblem, LinearError> {
        LinearProblem::new(x, y, self.fit_intercept())
    }

    /// Fits the model to `x` (one row per sample) and `y`, starting coordinate descent from zero.
    ///
    /// With α = 0 every model is ordinary least squares. When that has many solutions (more
    /// features than samples, or collinear columns), this returns the one of minimum norm ‖w‖,
    /// X⁺y, like scikit-learn's `LinearRegression` (a least-squares solver). That is also the
    /// limit of Ridge as α → 0. scikit-learn's `Ridge(alpha=0)` is not well defined there: its
    /// Cholesky solvers meet a singular matrix, fall back to other solvers and warn, so its
    /// answer is not a reference. Singular values below σ_max·max(n, p)·ε count as zero (NumPy's
    /// `lstsq` default).
    ///
    /// Degenerate data is handled: constant columns get coefficient 0 (after centering they
    /// carry nothing), and a constant y gives all-zero coefficients with intercept ȳ.
    pub fn fit(&self, x: ArrayView2<f64>, y: ArrayView1<f64>) -> Result<LinearFit, LinearError> {
        self.prepare(x, y)?.fit(self, None)
    }

    /// [`ValidLinearParams::fit`], with coordinate descent starting from `initial` coefficients
    /// (a nearby solution, e.g. for a neighbouring α, makes it converge in far fewer sweeps).
    /// The closed-form solvers check and then ignore them.
    pub fn fit_warm(&self, x: ArrayView2<f64>, y: ArrayView1<f64>, initial: ArrayView1<f64>) -> Result<LinearFit, LinearError> {
        self.prepare(x, y)?.fit(self, Some(initial))
    }

    /// A warm-started regularization path over `alphas` (see [`RegularizationPath`]); this
    /// model's own α is not used.
    pub fn path(&self, x: ArrayView2<f64>, y: ArrayView1<f64>, alphas: &[f64]) -> Result<RegularizationPath, LinearError> {
        RegularizationPath::new(*self, self.prepare(x, y)?, alphas)
    }
}

/// A fitted model: predictions are x·coef + intercept.
#[derive(Clone, Debug, PartialEq)]
pub struct LinearFit {
    pub coef: Array1<f64>,
    pub intercept: f64,
    /// Coordinate-descent sweeps run (0 for the closed-form solvers, and when the starting point
    /// already met the tolerance).
    pub iterations: usize,
    /// An upper bound on how far the fit's objective is above the optimum, in the units of the
    /// model's objective (as scikit-learn's `dual_gap_` for elastic net). 0 for least squares.
    pub dual_gap: f64,
    /// Whether the gap reached the tolerance within `max_iter` sweeps (always true for the
    /// closed-form solvers).
    pub converged: bool,
}

impl LinearFit {
    /// Predictions for the rows of `x`.
    pub fn predict(&self, x: ArrayView2<f64>) -> Result<Array1<f64>, LinearError> {
        if x.ncols() != self.coef.len() {
            return Err(LinearError::FeatureMismatch { expected: self.coef.len(), found: x.ncols() });
        }
        Ok(x.dot(&self.coef) + self.intercept)
    }

    /// How many coefficients are exactly zero (what Lasso's L1 penalty produces).
    pub fn zero_count(&self) -> usize {
        count_zeros(self.coef.view())
    }
}

/// How many entries are exactly zero.
pub fn count_zeros(coef: ArrayView1<f64>) -> usize {
    coef.iter().filter(|&&c| c == 0.0).count()
}

/// A training set as the solvers read it: x (n×p, column-major, each feature contiguous) and y,
/// centered when fitting an intercept, with the offsets that undo the centering.
#[derive(Clone, Debug, PartialEq)]
struct Centered {
    n: usize,
    p: usize,
    fit_intercept: bool,
    x: Vec<f64>,
    y: Vec<f64>,
    x_offset: Vec<f64>,
    y_offset: f64,
}

impl Centered {
    /// Centers `x` and `y` (already checked) when fitting an intercept.
    fn new(x: ArrayView2<f64>, y: ArrayView1<f64>, fit_intercept: bool) -> Self {
        let (n, p) = x.dim();
        let mut cols = Vec::with_capacity(n * p);
        let mut x_offset = vec![0.0; p];
        for (j, col) in x.columns().into_iter().enumerate() {
            let mean = if fit_intercept { crate::datasets::poly::column_mean(col) } else { 0.0 };
            x_offset[j] = mean;
            cols.extend(col.iter().map(|v| v - mean));
        }
        let y_offset = if fit_intercept { crate::datasets::poly::column_mean(y) } else { 0.0 };
        let y = y.iter().map(|v| v - y_offset).collect();
        Self { n, p, fit_intercept, x: cols, y, x_offset, y_offset }
    }

    /// The first `k` features with the same centering (column-major: x's prefix).
    fn first(&self, k: usize) -> Self {
        Self { p: k, x: self.x[..self.n * k].to_vec(), y: self.y.clone(), x_offset: self.x_offset[..k].to_vec(), ..*self }
    }

    fn col(&self, j: usize) -> &[f64] {
        &self.x[j * self.n..(j + 1) * self.n]
    }
}

/// A training set prepared for many fits: centered (when fitting an intercept), with its Gram
/// matrix XᵀX precomputed when there are more samples than features.
#[derive(Clone, Debug, PartialEq)]
pub struct LinearProblem {
    data: Centered,
    /// ‖x_j‖², the Gram diagonal.
    col_norm2: Vec<f64>,
    /// p×p XᵀX, row-major, when n > p.
    gram: Option<Vec<f64>>,
    xty: Vec<f64>,
    yty: f64,
    /// Whether every (centered) y is exactly 0.
    y_zero: bool,
}

impl LinearProblem {
    pub fn new(x: ArrayView2<f64>, y: ArrayView1<f64>, fit_intercept: bool) -> Result<Self, LinearError> {
        let (n, p) = x.dim();
        if n != y.len() {
            return Err(LinearError::LengthMismatch { rows: n, targets: y.len() });
        }
        if n == 0 {
            return Err(LinearError::Empty("samples"));
        }
        if p == 0 {
            return Err(LinearError::Empty("features"));
        }
        if x.iter().any(|v| !v.is_finite()) {
            return Err(LinearError::NotFinite("x"));
        }
        if y.iter().any(|v| !v.is_finite()) {
            return Err(LinearError::NotFinite("y"));
        }
        Self::from_centered(Centered::new(x, y, fit_intercept), None)
    }

    /// Builds the problem from centered data, computing the Gram matrix (or taking `gram` when
    /// already known) if n > p.
    fn from_centered(data: Centered, gram: Option<Vec<f64>>) -> Result<Self, LinearError> {
        let (n, p, y) = (data.n, data.p, &data.y);
        let col = |j: usize| data.col(j);
        let col_norm2: Vec<f64> = (0..p).map(|j| dot(col(j), col(j))).collect();
        let xty: Vec<f64> = (0..p).map(|j| dot(col(j), y)).collect();
        let yty = dot(y, y);
        let gram = match gram {
            Some(g) => Some(g),
            None if n > p => {
                let mut g = vec![0.0; p * p];
                for i in 0..p {
                    g[i * p + i] = col_norm2[i];
                    for j in i + 1..p {
                        let v = dot(col(i), col(j));
                        g[i * p + j] = v;
                        g[j * p + i] = v;
                    }
                }
                Some(g)
            }
            None => None,
        };
        let finite = |v: &[f64]| v.iter().all(|v| v.is_finite());
        if !(yty.is_finite() && finite(&col_norm2) && finite(&xty) && gram.as_deref().is_none_or(finite)) {
            return Err(LinearError::Overflow);
        }
        let y_zero = y.iter().all(|&v| v == 0.0);
        Ok(Self { data, col_norm2, gram, xty, yty, y_zero })
    }

    pub fn n_samples(&self) -> usize {
        self.data.n
    }
    pub fn n_features(&self) -> usize {
        self.data.p
    }
    pub fn fit_intercept(&self) -> bool {
        self.data.fit_intercept
    }

    /// The same problem on the first `k` features only, reusing this one's centering and Gram
    /// matrix (nested models, e.g. polynomial degrees 1 … d, cost no recomputation).
    pub fn first(&self, k: usize) -> Result<Self, LinearError> {
        if k == 0 || k > self.data.p {
            return Err(LinearError::FeatureMismatch { expected: self.data.p, found: k });
        }
        let gram = self.gram.as_ref().map(|g| {
            let mut sub = Vec::with_capacity(k * k);
            for i in 0..k {
                sub.extend_from_slice(&g[i * self.data.p..i * self.data.p + k]);
            }
            sub
        });
        Self::from_centered(self.data.first(k), gram)
    }

    /// The smallest α at which elastic net with this `l1_ratio` sets every coefficient to zero:
    /// max|Xᵀy| / (n·ρ) (infinite for ρ = 0, which never zeroes anything).
    pub fn alpha_max(&self, l1_ratio: f64) -> f64 {
        let top = self.xty.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        if top == 0.0 { 0.0 } else { top / (self.data.n as f64 * l1_ratio) }
    }

    /// Fits `params` (its `fit_intercept` must match this problem's), starting coordinate descent
    /// from `initial` or from zero. See [`ValidLinearParams::fit`].
    pub fn fit(&self, params: &ValidLinearParams, initial: Option<ArrayView1<f64>>) -> Result<LinearFit, LinearError> {
        if params.fit_intercept() != self.data.fit_intercept {
            return Err(LinearError::InterceptMismatch);
        }
        let mut w = vec![0.0; self.data.p];
        if let Some(init) = initial {
            if init.len() != self.data.p {
                return Err(LinearError::FeatureMismatch { expected: self.data.p, found: init.len() });
            }
            if init.iter().any(|v| !v.is_finite()) {
                return Err(LinearError::NotFinite("initial coefficients"));
            }
            w.iter_mut().zip(init.iter()).for_each(|(w, &v)| *w = v);
        }
        Ok(self.solve(params, w))
    }

    /// Fits from the starting coefficients `w` (already checked).
    fn solve(&self, params: &ValidLinearParams, mut w: Vec<f64>) -> LinearFit {
        let alpha = params.alpha();
        let n = self.data.n as f64;
        // Every objective is handled in one internal form, ½‖y − Xw‖² + l1‖w‖₁ + l2/2·‖w‖²,
        // which is the model's objective times `1 / scale`.
        let (l1, l2, scale) = match params.penalty() {
            Penalty::Ridge => (0.0, alpha, 2.0),
            Penalty::ElasticNet { l1_ratio } => (alpha * l1_ratio * n, alpha * (1.0 - l1_ratio) * n, 1.0 / n),
        };
        let (iterations, gap, converged) = if self.y_zero {
            // y ≡ 0: w = 0 is optimal for every penalty, and the least-squares solution of
            // minimum norm.
            w.iter_mut().for_each(|v| *v = 0.0);
            (0, 0.0, true)
        } else if l1 == 0.0 && l2 == 0.0 {
            self.svd_solve(0.0, &mut w);
            (0, 0.0, true)
        } else if l1 == 0.0 {
            (0, self.ridge(l2, &mut w), true)
        } else if self.gram.is_some() {
            self.cd_gram(l1, l2, &mut w, params.max_iter(), params.tol())
        } else {
            self.cd_residual(l1, l2, &mut w, params.max_iter(), params.tol())
        };
        let intercept = if self.data.fit_intercept { self.data.y_offset - dot(&self.data.x_offset, &w) } else { 0.0 };
        LinearFit { coef: Array1::from(w), intercept, iterations, dual_gap: (gap * scale).max(0.0), converged }
    }

    fn col(&self, j: usize) -> &[f64] {
        self.data.col(j)
    }

    /// Closed-form minimizer of ½‖y − Xw‖² + l2/2·‖w‖² (l2 > 0) into `w`; returns its duality
    /// gap (a check on the solve's rounding).
    fn ridge(&self, l2: f64, w: &mut [f64]) -> f64 {
        let (n, p) = (self.data.n, self.data.p);
        let solved = if let Some(g) = &self.gram {
            // (XᵀX + l2·I) w = Xᵀy.
            let mut a = g.clone();
            (0..p).for_each(|i| a[i * p + i] += l2);
            cholesky(&mut a, p).is_ok() && {
                w.copy_from_slice(&self.xty);
                cholesky_solve(&a, p, p, w);
                true
            }
        } else {
            // p ≥ n: w = Xᵀ(XXᵀ + l2·I)⁻¹ y, an n×n system instead of p×p.
            let mut k = vec![0.0; n * n];
            for j in 0..p {
                let c = self.col(j);
                for a in 0..n {
                    let ca = c[a];
                    if ca != 0.0 {
                        k[a * n..a * n + a + 1].iter_mut().zip(&c[..=a]).for_each(|(kab, cb)| *kab += ca * cb);
                    }
                }
            }
            (0..n).for_each(|i| k[i * n + i] += l2);
            cholesky(&mut k, n).is_ok() && {
                let mut dual = self.data.y.clone();
                cholesky_solve(&k, n, n, &mut dual);
                (0..p).for_each(|j| w[j] = dot(self.col(j), &dual));
                true
            }
        };
        if !solved {
            // XᵀX + l2·I is positive definite in exact arithmetic, but a tiny l2 next to a huge
            // XᵀX can lose it to rounding: the SVD has no such trouble.
            self.svd_solve(l2, w);
        }
        let mut xta = vec![0.0; p];
        self.xt_residual(w, l2, &mut xta);
        duality_gap(0.0, l2, w, &xta, 0.0)
    }

    /// XᵀR − l2·w into `xta`, with R = y − Xw; returns ‖R‖².
    fn xt_residual(&self, w: &[f64], l2: f64, xta: &mut [f64]) -> f64 {
        match &self.gram {
            Some(g) => {
                let p = self.data.p;
                let mut wgw = 0.0;
                for j in 0..p {
                    let gw = dot(&g[j * p..(j + 1) * p], w);
                    wgw += w[j] * gw;
                    xta[j] = self.xty[j] - gw - l2 * w[j];
                }
                // ‖R‖² = yᵀy − 2wᵀXᵀy + wᵀXᵀXw: cancellation makes it rough when the fit is
                // close, which is why the gap below only uses it scaled by (1 − s)².
                (self.yty - 2.0 * dot(w, &self.xty) + wgw).max(0.0)
            }
            None => {
                let r = self.residual(w);
                for j in 0..self.data.p {
                    xta[j] = dot(self.col(j), &r) - l2 * w[j];
                }
                dot(&r, &r)
            }
        }
    }

    fn residual(&self, w: &[f64]) -> Vec<f64> {
        let mut r = self.data.y.clone();
        self.residual_into(w, &mut r);
        r
    }

    /// r = y − Xw.
    fn residual_into(&self, w: &[f64], r: &mut [f64]) {
        r.copy_from_slice(&self.data.y);
        for (j, &wj) in w.iter().enumerate() {
            if wj != 0.0 {
                axpy(r, -wj, self.col(j));
            }
        }
    }

    /// Minimizer of ½‖y − Xw‖² + l2/2·‖w‖² through a singular value decomposition; for l2 = 0 the
    /// minimum-norm least-squares solution X⁺y.
    fn svd_solve(&self, l2: f64, w: &mut [f64]) {
        let (n, p, y) = (self.data.n, self.data.p, &self.data.y);
        w.iter_mut().for_each(|v| *v = 0.0);
        if p <= n {
            // X·V = B with B's columns orthogonal, ‖b_k‖ = σ_k: w = Σ v_k (b_k·y) / (σ_k² + l2).
            singular_components(self.data.x.clone(), n, p, l2, |bk, vk, s2| axpy(w, dot(bk, y) / (s2 + l2), vk));
        } else {
            // Decompose Xᵀ instead (n columns): Xᵀ·V = B, X = V·Bᵀ, so
            // w = Σ b_k (v_k·y) / (σ_k² + l2).
            let mut xt = vec![0.0; p * n];
            for j in 0..p {
                for i in 0..n {
                    xt[i * p + j] = self.data.x[j * n + i];
                }
            }
            singular_components(xt, p, n, l2, |bk, vk, s2| axpy(w, dot(vk, y) / (s2 + l2), bk));
        }
    }

    /// Coordinate descent on the Gram matrix: keeps h = XᵀXw up to date instead of the residual.
    ///
    /// On ill-conditioned designs (standardized powers x … x¹⁵ are nearly collinear) plain
    /// coordinate descent crawls, for thousands of sweeps. So after each sweep, active-set Newton
    /// steps (see [`feature_sign_step`]) solve for the nonzero weights directly: the
    /// sweeps find which weights should be nonzero, the Newton steps find their values. The
    /// duality gap still decides convergence, so the answer is certified the same way.
    fn cd_gram(&self, l1: f64, l2: f64, w: &mut [f64], max_iter: usize, tol: f64) -> (usize, f64, bool) {
        let mut h = vec![0.0; self.data.p];
        self.gram_times(w, &mut h);
        self.coordinate_descent(GramState { h }, l1, l2, w, max_iter, tol)
    }

    /// h = XᵀX·w.
    fn gram_times(&self, w: &[f64], h: &mut [f64]) {
        let (p, g) = (self.data.p, self.gram.as_deref().expect("Gram mode has a Gram matrix"));
        for (i, hi) in h.iter_mut().enumerate() {
            *hi = dot(&g[i * p..(i + 1) * p], w);
        }
    }

    /// Coordinate descent keeping the residual R = y − Xw, for p ≥ n: scikit-learn's
    /// `enet_coordinate_descent` (cyclic, without its screening), including when to check the gap,
    /// plus the same Newton steps as [`LinearProblem::cd_gram`], with X_SᵀX_S from the columns.
    fn cd_residual(&self, l1: f64, l2: f64, w: &mut [f64], max_iter: usize, tol: f64) -> (usize, f64, bool) {
        let mut r = self.data.y.clone();
        self.residual_into(w, &mut r);
        self.coordinate_descent(ResidualState { r }, l1, l2, w, max_iter, tol)
    }

    /// The loop both solvers share: sweeps, the duality gap when the state says it is worth
    /// checking, and Newton steps when they are due. Returns (sweeps, gap, converged).
    fn coordinate_descent(&self, mut state: impl CdState, l1: f64, l2: f64, w: &mut [f64], max_iter: usize, tol: f64) -> (usize, f64, bool) {
        let mut xta = vec![0.0; self.data.p];
        let tol_abs = tol * self.yty;
        let mut gap = state.gap(self, l1, l2, w, &mut xta);
        if gap <= tol_abs {
            return (0, gap, true);
        }
        let mut newton = NewtonScratch::new(self.data.p);
        for iter in 1..=max_iter {
            if state.sweep(self, l1, l2, w, tol) || iter == max_iter {
                gap = state.gap(self, l1, l2, w, &mut xta);
                if gap <= tol_abs {
                    return (iter, gap, true);
                }
            }
            if newton.due(l1, iter) {
                newton.run(w, iter, |w, s| state.newton_step(self, l1, l2, w, s));
                gap = state.gap(self, l1, l2, w, &mut xta);
                if gap <= tol_abs {
                    return (iter, gap, true);
                }
            }
        }
        (max_iter, gap, false)
    }
}

/// What one coordinate-descent solver keeps up to date besides the weights.
trait CdState {
    /// One cyclic sweep over the weights; returns whether the duality gap is worth checking now.
    fn sweep(&mut self, problem: &LinearProblem, l1: f64, l2: f64, w: &mut [f64], tol: f64) -> bool;
    /// The duality gap at `w` (`xta` is scratch of length p).
    fn gap(&self, problem: &LinearProblem, l1: f64, l2: f64, w: &[f64], xta: &mut [f64]) -> f64;
    /// One active-set Newton step (see [`feature_sign_step`]), keeping the state in line with `w`.
    fn newton_step(&mut self, problem: &LinearProblem, l1: f64, l2: f64, w: &mut [f64], s: &mut NewtonScratch) -> Newton;
}

/// Gram mode: h = XᵀXw.
struct GramState {
    h: Vec<f64>,
}

impl CdState for GramState {
    fn sweep(&mut self, problem: &LinearProblem, l1: f64, l2: f64, w: &mut [f64], _tol: f64) -> bool {
        let p = problem.data.p;
        let g = problem.gram.as_deref().expect("Gram mode has a Gram matrix");
        let (q, h) = (&problem.xty, &mut self.h);
        for j in 0..p {
            let gj = &g[j * p..(j + 1) * p];
            let gjj = gj[j];
            let wj = w[j];
            // A column that is zero after centering carries nothing: its weight is 0.
            let new = if gjj == 0.0 { 0.0 } else { soft_threshold(q[j] - h[j] + wj * gjj, l1) / (gjj + l2) };
            if new != wj {
                axpy(h, new - wj, gj);
                w[j] = new;
            }
        }
        // Checking the gap costs O(p) here against O(p²) for a sweep, so check every sweep
        // (scikit-learn checks only when the largest step is small relative to the weights).
        true
    }

    fn gap(&self, problem: &LinearProblem, l1: f64, l2: f64, w: &[f64], xta: &mut [f64]) -> f64 {
        let h = &self.h;
        for j in 0..problem.data.p {
            xta[j] = problem.xty[j] - h[j] - l2 * w[j];
        }
        let r2 = (problem.yty - 2.0 * dot(w, &problem.xty) + dot(w, h)).max(0.0);
        duality_gap(l1, l2, w, xta, r2)
    }

    fn newton_step(&mut self, problem: &LinearProblem, l1: f64, l2: f64, w: &mut [f64], s: &mut NewtonScratch) -> Newton {
        let p = problem.data.p;
        let g = problem.gram.as_deref().expect("Gram mode has a Gram matrix");
        let h = &self.h;
        let outcome = feature_sign_step(l1, l2, w, |i| problem.xty[i] - h[i], |i, j| g[i * p + j], s);
        problem.gram_times(w, &mut self.h);
        outcome
    }
}

/// Residual mode, for p ≥ n: R = y − Xw.
struct ResidualState {
    r: Vec<f64>,
}

impl CdState for ResidualState {
    fn sweep(&mut self, problem: &LinearProblem, l1: f64, l2: f64, w: &mut [f64], tol: f64) -> bool {
        let r = &mut self.r;
        let (mut w_max, mut dw_max) = (0.0f64, 0.0f64);
        for (j, w_j) in w.iter_mut().enumerate() {
            let nj = problem.col_norm2[j];
            let c = problem.col(j);
            let wj = *w_j;
            let new = if nj == 0.0 { 0.0 } else { soft_threshold(dot(c, r) + wj * nj, l1) / (nj + l2) };
            if new != wj {
                axpy(r, wj - new, c);
                *w_j = new;
            }
            dw_max = dw_max.max((new - wj).abs());
            w_max = w_max.max(new.abs());
        }
        // A full gap costs as much as a sweep: check it only once the steps have become
        // small relative to the weights (or at the end of the budget).
        w_max == 0.0 || dw_max / w_max <= tol
    }

    fn gap(&self, problem: &LinearProblem, l1: f64, l2: f64, w: &[f64], xta: &mut [f64]) -> f64 {
        problem.gap_residual(l1, l2, w, &self.r, xta)
    }

    fn newton_step(&mut self, problem: &LinearProblem, l1: f64, l2: f64, w: &mut [f64], s: &mut NewtonScratch) -> Newton {
        let r = &self.r;
        let outcome = feature_sign_step(l1, l2, w, |i| dot(problem.col(i), r), |i, j| dot(problem.col(i), problem.col(j)), s);
        problem.residual_into(w, &mut self.r);
        outcome
    }
}

impl LinearProblem {
    fn gap_residual(&self, l1: f64, l2: f64, w: &[f64], r: &[f64], xta: &mut [f64]) -> f64 {
        for j in 0..self.data.p {
            xta[j] = dot(self.col(j), r) - l2 * w[j];
        }
        duality_gap(l1, l2, w, xta, dot(r, r))
    }
}

/// Duality gap of ½‖R‖² + l1‖w‖₁ + l2/2·‖w‖² at `w`, given XtA = XᵀR − l2·w and ‖R‖².
///
/// For l1 > 0 it is scikit-learn's "formulation A" (the dual point is the residual scaled into
/// the feasible set ‖Xᵀθ − l2·w‖∞ ≤ l1 by s ≤ 1), rearranged so that ‖R‖² only enters times
/// (1 − s)²: the gap is then accurate even when ‖R‖² comes from the Gram matrix with
/// cancellation. With only an L2 penalty it is "formulation B", which reduces to
/// ‖XtA‖² / (2·l2).
fn duality_gap(l1: f64, l2: f64, w: &[f64], xta: &[f64], r2: f64) -> f64 {
    if l1 > 0.0 {
        let dual_norm = xta.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        let s = if dual_norm > l1 { l1 / dual_norm } else { 1.0 };
        let (mut w_l1, mut w_l2, mut w_xta) = (0.0, 0.0, 0.0);
        for (&wj, &aj) in w.iter().zip(xta) {
            w_l1 += wj.abs();
            w_l2 += wj * wj;
            w_xta += wj * aj;
        }
        0.5 * (1.0 - s) * (1.0 - s) * (r2 + l2 * w_l2) + l1 * w_l1 - s * w_xta
    } else {
        dot(xta, xta) / (2.0 * l2)
    }
}

/// Largest support the Newton step factorizes (its cost grows as k³).
const MAX_NEWTON_SUPPORT: usize = 64;

/// How an active-set Newton step went.
enum Newton {
    /// Reached the minimizer on the current sign pattern.
    Full,
    /// Stopped where a weight reached zero.
    Partial,
    /// Not taken (singular system, support too large, or no decrease).
    Rejected,
}

/// Buffers for [`feature_sign_step`], allocated once per fit, and when to try the next step.
struct NewtonScratch {
    support: Vec<usize>,
    gram: Vec<f64>,
    factor: Vec<f64>,
    grad: Vec<f64>,
    step: Vec<f64>,
    /// Sweep at which to try next, and how long to wait after a rejected step.
    next: usize,
    wait: usize,
}

impl NewtonScratch {
    fn new(p: usize) -> Self {
        let k = p.min(MAX_NEWTON_SUPPORT);
        Self {
            support: Vec::with_capacity(p),
            gram: vec![0.0; k * k],
            factor: vec![0.0; k * k],
            grad: vec![0.0; k],
            step: vec![0.0; k],
            next: 1,
            wait: 1,
        }
    }

    /// Whether to try Newton steps after sweep `iter` (only with an L1 term: without one the
    /// problem is solved in closed form).
    fn due(&self, l1: f64, iter: usize) -> bool {
        l1 > 0.0 && iter >= self.next
    }

    /// Newton steps until one reaches the minimizer on its sign pattern or is rejected; each
    /// partial step zeroes a weight, so at most p of them. After a rejection, waits 2, 4, … 64
    /// sweeps before trying again.
    fn run(&mut self, w: &mut [f64], iter: usize, mut step: impl FnMut(&mut [f64], &mut Self) -> Newton) {
        for _ in 0..w.len() {
            match step(w, self) {
                Newton::Full => {
                    self.wait = 1;
                    return;
                }
                Newton::Partial => self.wait = 1,
                Newton::Rejected => {
                    self.wait = (self.wait * 2).min(64);
                    self.next = iter + self.wait;
                    return;
                }
            }
        }
    }
}

/// One active-set Newton step, the "feature-sign" step of Lee, Battle, Raina & Ng (2007), for
/// ½‖y − Xw‖² + l1‖w‖₁ + l2/2·‖w‖², given `grad(i)` = x_iᵀ(y − Xw) and `gram(i, j)` = x_iᵀx_j.
///
/// With S the nonzero weights and s their signs, the objective on that orthant face is a
/// quadratic whose minimizer is w_S + d with (X_SᵀX_S + l2·I)·d = X_SᵀR − l2·w_S − l1·s. On the
/// segment from w to there the objective is known exactly (that quadratic plus a piecewise-
/// linear L1 term), so this moves to the best of the segment's end and the points where a weight
/// crosses zero (that weight becoming exactly 0), if that lowers the objective. The caller
/// refreshes whatever it keeps of Xw.
fn feature_sign_step(l1: f64, l2: f64, w: &mut [f64], grad: impl Fn(usize) -> f64, gram: impl Fn(usize, usize) -> f64, s: &mut NewtonScratch) -> Newton {
    s.support.clear();
    s.support.extend((0..w.len()).filter(|&j| w[j] != 0.0));
    let k = s.support.len();
    if k == 0 || k > MAX_NEWTON_SUPPORT {
        return Newton::Rejected;
    }
    let (gss, factor, g, d) = (&mut s.gram[..k * k], &mut s.factor[..k * k], &mut s.grad[..k], &mut s.step[..k]);
    for (r, &i) in s.support.iter().enumerate() {
        for (c, &j) in s.support.iter().enumerate().skip(r) {
            let v = gram(i, j);
            gss[r * k + c] = v;
            gss[c * k + r] = v;
        }
        g[r] = grad(i);
        d[r] = g[r] - l2 * w[i] - l1 * w[i].signum();
    }
    factor.copy_from_slice(gss);
    (0..k).for_each(|r| factor[r * k + r] += l2);
    let newton = match cholesky(factor, k) {
        Ok(()) => {
            cholesky_solve(factor, k, k, d);
            true
        }
        // X_S is rank-deficient (more nonzero weights than the data can pin down, as Lasso
        // meets with more features than samples): column j is c·(columns 0 … j−1), so
        // v = (c, −1, 0, …) leaves X_S·w unchanged. Along ±v the objective changes only through
        // the L1 term, linearly, until a weight crosses zero: the line search below moves to
        // that point, dropping a weight (LARS's "drop" move).
        Err(0) => return Newton::Rejected,
        Err(j) => {
            d.iter_mut().for_each(|v| *v = 0.0);
            for r in 0..j {
                d[r] = gss[r * k + j];
            }
            cholesky_solve(factor, k, j, d);
            d[j] = -1.0;
            false
        }
    };
    // Objective change at t·d: t·lin + t²/2·curv + l1·Σ(|w_j + t·d_j| − |w_j|), computed from
    // the gradient (no cancellation against ‖y‖²).
    let (mut lin, mut curv, mut l1_slope) = (0.0, 0.0, 0.0);
    for (r, &i) in s.support.iter().enumerate() {
        lin += d[r] * (l2 * w[i] - g[r]);
        curv += d[r] * (dot(&gss[r * k..(r + 1) * k], d) + l2 * d[r]);
        l1_slope += d[r] * w[i].signum();
    }
    if !newton && lin + l1 * l1_slope > 0.0 {
        // Go the downhill way along the null direction.
        d.iter_mut().for_each(|v| *v = -*v);
        lin = -lin;
    }
    let support = &s.support;
    let change = |t: f64| {
        let mut l1_change = 0.0;
        for (&j, &dj) in support.iter().zip(d.iter()) {
            l1_change += (w[j] + t * dj).abs() - w[j].abs();
        }
        t * lin + 0.5 * t * t * curv + l1 * l1_change
    };
    // Candidates: the Newton point itself (t = 1), and every point where a weight crosses zero
    // before it (any distance along a null direction).
    let (mut best_t, mut best) = if newton { (1.0, change(1.0)) } else { (0.0, 0.0) };
    let mut zeroed = None;
    for (&j, &dj) in support.iter().zip(d.iter()) {
        let t = -w[j] / dj;
        if t > 0.0 && (t < 1.0 || !newton) && t.is_finite() {
            let c = change(t);
            if c < best {
                (best_t, best, zeroed) = (t, c, Some(j));
            }
        }
    }
    if best.is_nan() || best >= 0.0 {
        return Newton::Rejected;
    }
    for (&j, &dj) in support.iter().zip(d.iter()) {
        w[j] += best_t * dj;
    }
    if let Some(j) = zeroed {
        w[j] = 0.0;
    }
    if zeroed.is_some() { Newton::Partial } else { Newton::Full }
}

// The kernels below run in the innermost loops. The release profile optimizes for size
// (opt-level "z", for the wasm bundle), which otherwise leaves them and their iterator adaptors
// as calls: forcing them inline makes the refit several times faster there.
#[inline(always)]
fn soft_threshold(v: f64, t: f64) -> f64 {
    if v > t {
        v - t
    } else if v < -t {
        v + t
    } else {
        0.0
    }
}


fn identity(k: usize) -> Vec<f64> {
    let mut v = vec![0.0; k * k];
    (0..k).for_each(|i| v[i * k + i] = 1.0);
    v
}

/// In-place Cholesky factorization A = LLᵀ of a symmetric k×k row-major matrix; only the lower
/// triangle is read, and it is overwritten by L. Fails with the index j of the first pivot at or
/// below rounding level (relative to the largest diagonal entry): A is then not numerically
/// positive definite, column j depends on columns 0 … j−1, and rows 0 … j−1 of L are done.
fn cholesky(a: &mut [f64], k: usize) -> Result<(), usize> {
    let max_diag = (0..k).map(|i| a[i * k + i]).fold(0.0f64, f64::max);
    let floor = max_diag * k as f64 * f64::EPSILON;
    for j in 0..k {
        let row_j = &a[j * k..j * k + j];
        let d = a[j * k + j] - dot(row_j, row_j);
        if d.is_nan() || d <= floor {
            return Err(j);
        }
        let d = d.sqrt();
        a[j * k + j] = d;
        for i in j + 1..k {
            let (upper, lower) = a.split_at_mut(i * k);
            let row_i = &mut lower[..k];
            row_i[j] = (row_i[j] - dot(&row_i[..j], &upper[j * k..j * k + j])) / d;
        }
    }
    Ok(())
}

/// Solves LLᵀx = b in place for the leading m×m block of an L from [`cholesky`] stored with
/// row stride `k`.
fn cholesky_solve(l: &[f64], k: usize, m: usize, b: &mut [f64]) {
    for i in 0..m {
        let s = b[i] - dot(&l[i * k..i * k + i], &b[..i]);
        b[i] = s / l[i * k + i];
    }
    for i in (0..m).rev() {
        let mut s = b[i];
        for j in i + 1..m {
            s -= l[j * k + i] * b[j];
        }
        b[i] = s / l[i * k + i];
    }
}

/// One-sided Jacobi SVD (Hestenes): rotates pairs of columns of the m×k column-major `a` until
/// all are orthogonal, applying the same rotations to the k×k column-major `v` (start it at the
/// identity). Afterwards A_original·V = a, and a's column norms are the singular values. Slower
/// than Cholesky but accurate for singular and ill-conditioned matrices.
fn hestenes(a: &mut [f64], m: usize, k: usize, v: &mut [f64]) {
    for _sweep in 0..100 {
        let mut rotated = false;
        for i in 0..k {
            for j in i + 1..k {
                let (left, right) = a.split_at_mut(j * m);
                let (ci, cj) = (&mut left[i * m..(i + 1) * m], &mut right[..m]);
                let (mut alpha, mut beta, mut gamma) = (0.0, 0.0, 0.0);
                for (x, y) in ci.iter().zip(cj.iter()) {
                    alpha += x * x;
                    beta += y * y;
                    gamma += x * y;
                }
                if gamma == 0.0 || gamma.abs() <= f64::EPSILON * (alpha * beta).sqrt() {
                    continue;
                }
                rotated = true;
                // The rotation that makes columns i and j orthogonal (the smaller of the two
                // angles, for stability); 1/(2ζ) where ζ² would overflow.
                let zeta = (beta - alpha) / (2.0 * gamma);
                let t = if zeta.abs() > 1e100 { 0.5 / zeta } else { zeta.signum() / (zeta.abs() + (1.0 + zeta * zeta).sqrt()) };
                let c = 1.0 / (1.0 + t * t).sqrt();
                let s = c * t;
                rotate(ci, cj, c, s);
                let (left, right) = v.split_at_mut(j * k);
                rotate(&mut left[i * k..(i + 1) * k], &mut right[..k], c, s);
            }
        }
        if !rotated {
            break;
        }
    }
}

#[inline(always)]
fn rotate(x: &mut [f64], y: &mut [f64], c: f64, s: f64) {
    for (a, b) in x.iter_mut().zip(y.iter_mut()) {
        let t = *a;
        *a = c * t - s * *b;
        *b = s * t + c * *b;
    }
}

/// Singular values at or below this count as zero: σ_max·max(m, k)·ε for least squares, none
/// with a ridge term (which keeps every direction well posed).
fn rank_cutoff(b: &[f64], m: usize, k: usize, l2: f64) -> f64 {
    if l2 > 0.0 {
        return 0.0;
    }
    let s_max = (0..k).map(|c| dot(&b[c * m..(c + 1) * m], &b[c * m..(c + 1) * m]).sqrt()).fold(0.0, f64::max);
    s_max * m.max(k) as f64 * f64::EPSILON
}

/// Decomposes the m×k column-major `a` (one-sided Jacobi: A·V = B, B's columns orthogonal) and
/// calls `f(b_c, v_c, σ_c²)` for each singular component above the rank cut-off for `l2`: both
/// branches of [`LinearProblem::svd_solve`] sum over these, with the roles of b and v swapped.
fn singular_components(mut a: Vec<f64>, m: usize, k: usize, l2: f64, mut f: impl FnMut(&[f64], &[f64], f64)) {
    let mut v = identity(k);
    hestenes(&mut a, m, k, &mut v);
    let cutoff = rank_cutoff(&a, m, k, l2);
    for c in 0..k {
        let bc = &a[c * m..(c + 1) * m];
        let s2 = dot(bc, bc);
        if s2.sqrt() > cutoff {
            f(bc, &v[c * k..(c + 1) * k], s2);
        }
    }
}

/// One α's fit along a [`RegularizationPath`].
#[derive(Clone, Debug, PartialEq)]
pub struct PathPoint {
    pub alpha: f64,
    pub fit: LinearFit,
}

/// The same model fitted at many α, largest first, each fit warm-started from the previous one
/// (scikit-learn's `enet_path`): at large α almost every weight is zero and the fit is nearly
/// free, and each smaller α starts next to its answer. An [`Iterator`], so the UI can spread the
/// path over animation frames. Works for Ridge too (closed form at each α, reusing XᵀX).
#[derive(Clone, Debug)]
pub struct RegularizationPath {
    problem: LinearProblem,
    params: ValidLinearParams,
    alphas: Vec<f64>,
    next: usize,
    previous: Option<Vec<f64>>,
}

impl RegularizationPath {
    /// A path over `alphas` (each finite and ≥ 0; sorted largest first here) for `params`'s
    /// penalty and solver settings.
    pub fn new(params: ValidLinearParams, problem: LinearProblem, alphas: &[f64]) -> Result<Self, LinearError> {
        if params.fit_intercept() != problem.fit_intercept() {
            return Err(LinearError::InterceptMismatch);
        }
        for &a in alphas {
            check_alpha(a)?;
        }
        let mut alphas = alphas.to_vec();
        crate::sorting::sort_floats_descending(&mut alphas);
        Ok(Self { problem, params, alphas, next: 0, previous: None })
    }

    /// The α values, largest first.
    pub fn alphas(&self) -> &[f64] {
        &self.alphas
    }
    pub fn len(&self) -> usize {
        self.alphas.len()
    }
    pub fn is_empty(&self) -> bool {
        self.alphas.is_empty()
    }
    /// How many α have been fitted.
    pub fn done(&self) -> usize {
        self.next
    }
    pub fn problem(&self) -> &LinearProblem {
        &self.problem
    }
}

impl Iterator for RegularizationPath {
    type Item = PathPoint;

    fn next(&mut self) -> Option<PathPoint> {
        let alpha = *self.alphas.get(self.next)?;
        self.next += 1;
        // α was checked when the path was made.
        let params = ValidLinearParams(LinearParams { alpha, ..self.params.0 });
        let start = self.previous.take().unwrap_or_else(|| vec![0.0; self.problem.n_features()]);
        let fit = self.problem.solve(&params, start);
        self.previous = Some(fit.coef.to_vec());
        Some(PathPoint { alpha, fit })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.alphas.len() - self.next;
        (left, Some(left))
    }
}

impl ExactSizeIterator for RegularizationPath {}


#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::SeededRng;
    use ndarray::{array, Array2};

    fn random(n: usize, p: usize, seed: u64) -> (Array2<f64>, Array1<f64>) {
        let mut rng = SeededRng::new(seed);
        let x = Array2::from_shape_fn((n, p), |_| rng.normal());
        let w: Vec<f64> = (0..p).map(|j| if j % 3 == 0 { 1.5 - j as f64 * 0.1 } else { 0.0 }).collect();
        let y = Array1::from_shape_fn(n, |i| 0.7 + dot(&x.row(i).to_vec(), &w) + 0.3 * rng.normal());
        (x, y)
    }

    fn tight(p: LinearParams) -> ValidLinearParams {
        p.tol(1e-14).max_iter(1_000_000).validate().unwrap()
    }

    /// Max |gradient violation| of the elastic-net optimality conditions, relative to l1.
    fn kkt_violation(x: &Array2<f64>, y: &Array1<f64>, fit: &LinearFit, alpha: f64, rho: f64) -> f64 {
        let n = x.nrows() as f64;
        let r = y - &x.dot(&fit.coef) - fit.intercept;
        let g = x.t().dot(&r) / n - alpha * (1.0 - rho) * &fit.coef;
        let l1 = alpha * rho;
        g.iter()
            .zip(&fit.coef)
            .map(|(&gj, &wj)| if wj == 0.0 { (gj.abs() - l1).max(0.0) } else { (gj - l1 * wj.signum()).abs() })
            .fold(0.0, f64::max)
            / l1
    }

    fn close(a: &[f64], b: &[f64], tol: f64) -> bool {
        let scale = b.iter().fold(1e-300f64, |m, v| m.max(v.abs()));
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tol * scale)
    }

    #[test]
    fn ridge_by_hand() {
        // One feature, no intercept: w = Σxy / (Σx² + α) = (1 + 4 + 6) / (14 + 1).
        let x = array![[1.0], [2.0], [3.0]];
        let y = array![1.0, 2.0, 2.0];
        let fit = LinearParams::ridge(1.0).fit_intercept(false).validate().unwrap().fit(x.view(), y.view()).unwrap();
        assert!((fit.coef[0] - 11.0 / 15.0).abs() < 1e-15);
        assert_eq!(fit.intercept, 0.0);
        assert!(fit.converged && fit.iterations == 0 && fit.dual_gap < 1e-20);
        // With an intercept: centered x = (−1, 0, 1), centered y = (−2/3, 1/3, 1/3):
        // w = 1 / (2 + 1) and b = 5/3 − 2·w.
        let fit = LinearParams::ridge(1.0).validate().unwrap().fit(x.view(), y.view()).unwrap();
        assert!((fit.coef[0] - 1.0 / 3.0).abs() < 1e-15);
        assert!((fit.intercept - (5.0 / 3.0 - 2.0 / 3.0)).abs() < 1e-15);
    }

    #[test]
    fn lasso_and_elastic_net_by_hand() {
        // One feature, no intercept: w = S(xᵀy, nαρ) / (xᵀx + nα(1 − ρ)). xᵀy = 11, xᵀx = 14, n = 3.
        let x = array![[1.0], [2.0], [3.0]];
        let y = array![1.0, 2.0, 2.0];
        for (alpha, rho, expected) in [(1.0, 1.0, 8.0 / 14.0), (2.0, 0.5, 8.0 / 17.0), (4.0, 1.0, 0.0), (0.5, 0.2, 10.7 / 15.2)] {
            let fit = tight(LinearParams::elastic_net(alpha, rho).fit_intercept(false)).fit(x.view(), y.view()).unwrap();
            assert!((fit.coef[0] - expected).abs() < 1e-12, "α {alpha} ρ {rho}: {} vs {expected}", fit.coef[0]);
            assert!(fit.converged);
        }
    }

    #[test]
    fn orthogonal_design_is_soft_thresholding() {
        // Columns orthogonal with ‖x_j‖² = n: each Lasso weight is S(x_jᵀy / n, α).
        let x = array![[1.0, 1.0], [1.0, -1.0], [-1.0, 1.0], [-1.0, -1.0]];
        let y = array![3.0, 1.0, -1.0, 0.5];
        let corr = x.t().dot(&y) / 4.0;
        for alpha in [0.05, 0.4, 1.0, 2.0] {
            let fit = tight(LinearParams::lasso(alpha).fit_intercept(false)).fit(x.view(), y.view()).unwrap();
            for j in 0..2 {
                let expected = soft_threshold(corr[j], alpha);
                assert!((fit.coef[j] - expected).abs() < 1e-12, "{alpha} {j}: {} vs {expected}", fit.coef[j]);
            }
        }
    }

    #[test]
    fn cholesky_and_svd_agree_on_ridge_in_both_shapes() {
        for (n, p) in [(30, 6), (6, 30), (10, 10)] {
            let (x, y) = random(n, p, 7);
            for intercept in [true, false] {
                let problem = LinearProblem::new(x.view(), y.view(), intercept).unwrap();
                for l2 in [1e-3, 0.5, 40.0] {
                    let mut a = vec![0.0; p];
                    let mut b = vec![0.0; p];
                    problem.ridge(l2, &mut a);
                    problem.svd_solve(l2, &mut b);
                    assert!(close(&a, &b, 1e-10), "{n}×{p} {l2}");
                }
            }
        }
    }

    #[test]
    fn coordinate_descent_meets_the_optimality_conditions_in_both_modes() {
        for (n, p) in [(40, 8), (8, 40), (12, 12)] {
            let (x, y) = random(n, p, 3);
            for rho in [0.2, 0.5, 1.0] {
                for alpha in [1e-3, 0.05, 0.5] {
                    let params = tight(LinearParams::elastic_net(alpha, rho));
                    let fit = params.fit(x.view(), y.view()).unwrap();
                    assert!(fit.converged, "{n}×{p} ρ {rho} α {alpha}");
                    let v = kkt_violation(&x, &y, &fit, alpha, rho);
                    assert!(v < 1e-5, "{n}×{p} ρ {rho} α {alpha}: KKT violation {v}");
                }
            }
        }
    }

    #[test]
    fn gram_and_residual_modes_find_the_same_optimum() {
        let (x, y) = random(50, 7, 11);
        let with_gram = LinearProblem::new(x.view(), y.view(), true).unwrap();
        assert!(with_gram.gram.is_some());
        let without = LinearProblem { gram: None, ..with_gram.clone() };
        for (alpha, rho) in [(0.01, 1.0), (0.1, 0.5), (0.003, 0.2)] {
            let params = tight(LinearParams::elastic_net(alpha, rho));
            let a = with_gram.fit(&params, None).unwrap();
            let b = without.fit(&params, None).unwrap();
            assert!(close(a.coef.as_slice().unwrap(), b.coef.as_slice().unwrap(), 1e-9));
            assert!((a.intercept - b.intercept).abs() < 1e-9);
        }
    }

    #[test]
    fn elastic_net_with_no_l1_is_ridge_with_alpha_times_n() {
        let (x, y) = random(25, 5, 2);
        let enet = LinearParams::elastic_net(0.3, 0.0).validate().unwrap().fit(x.view(), y.view()).unwrap();
        let ridge = LinearParams::ridge(0.3 * 25.0).validate().unwrap().fit(x.view(), y.view()).unwrap();
        assert!(close(enet.coef.as_slice().unwrap(), ridge.coef.as_slice().unwrap(), 1e-13));
        assert!(enet.converged && enet.iterations == 0);
    }

    #[test]
    fn warm_start_reaches_the_same_answer_faster() {
        let (x, y) = random(60, 10, 5);
        let params = LinearParams::lasso(0.01).tol(1e-10).validate().unwrap();
        let cold = params.fit(x.view(), y.view()).unwrap();
        let near = params.with_alpha(0.012).unwrap().fit(x.view(), y.view()).unwrap();
        let warm = params.fit_warm(x.view(), y.view(), near.coef.view()).unwrap();
        assert!(warm.iterations < cold.iterations, "{} vs {}", warm.iterations, cold.iterations);
        assert!(close(warm.coef.as_slice().unwrap(), cold.coef.as_slice().unwrap(), 1e-5));
        // Starting at the answer costs no sweep.
        let again = params.fit_warm(x.view(), y.view(), cold.coef.view()).unwrap();
        assert_eq!(again.iterations, 0);
        assert!(again.converged);
    }

    #[test]
    fn above_alpha_max_everything_is_zero() {
        let (x, y) = random(30, 6, 8);
        let problem = LinearProblem::new(x.view(), y.view(), true).unwrap();
        for rho in [0.3, 1.0] {
            let top = problem.alpha_max(rho);
            let params = LinearParams::elastic_net(top * 1.0001, rho).validate().unwrap();
            let fit = problem.fit(&params, None).unwrap();
            assert_eq!(fit.zero_count(), 6);
            assert_eq!(fit.iterations, 0);
            assert!((fit.intercept - y.mean().unwrap()).abs() < 1e-12);
            // Just below it one weight leaves zero (with a tolerance tight enough to see it: at
            // the default 1e-4 the all-zero start is already within tolerance, as in
            // scikit-learn).
            let params = tight(LinearParams::elastic_net(top * 0.99, rho));
            assert_eq!(problem.fit(&params, None).unwrap().zero_count(), 5);
        }
        assert!(problem.alpha_max(0.0).is_infinite());
    }

    #[test]
    fn least_squares_full_rank_matches_the_normal_equations() {
        let (x, y) = random(40, 4, 9);
        for params in [LinearParams::ridge(0.0), LinearParams::lasso(0.0), LinearParams::elastic_net(0.0, 0.5)] {
            let fit = params.validate().unwrap().fit(x.view(), y.view()).unwrap();
            // Residuals are orthogonal to every centered column and sum to zero.
            let r = &y - &x.dot(&fit.coef) - fit.intercept;
            assert!(r.sum().abs() < 1e-10);
            let xc = &x - &x.mean_axis(ndarray::Axis(0)).unwrap();
            assert!(xc.t().dot(&r).iter().all(|g| g.abs() < 1e-10));
            assert!(fit.converged && fit.dual_gap == 0.0);
        }
    }

    /// α = 0 with more features than samples: the minimum-norm interpolant.
    #[test]
    fn least_squares_with_more_features_than_samples_is_minimum_norm() {
        let (x, y) = random(6, 15, 4);
        for intercept in [false, true] {
            let fit = LinearParams::ridge(0.0).fit_intercept(intercept).validate().unwrap().fit(x.view(), y.view()).unwrap();
            // It interpolates the data.
            let pred = fit.predict(x.view()).unwrap();
            assert!(pred.iter().zip(&y).all(|(p, t)| (p - t).abs() < 1e-10), "{pred} vs {y}");
            // Another interpolant: add a direction z with Xc·z = 0 (the centered X when fitting an
            // intercept, so the intercept can absorb it). z = v − X⁺X v for a random v.
            let xc = if intercept { &x - &x.mean_axis(ndarray::Axis(0)).unwrap() } else { x.clone() };
            let mut rng = SeededRng::new(99);
            let v = Array1::from_shape_fn(15, |_| rng.normal());
            let xv = xc.dot(&v);
            let proj = LinearParams::ridge(0.0).fit_intercept(false).validate().unwrap().fit(xc.view(), xv.view()).unwrap();
            let z = &v - &proj.coef;
            assert!(xc.dot(&z).iter().all(|e| e.abs() < 1e-10));
            let other = &fit.coef + &z;
            let b_other = if intercept { y.mean().unwrap() - x.mean_axis(ndarray::Axis(0)).unwrap().dot(&other) } else { 0.0 };
            let pred_other = x.dot(&other) + b_other;
            assert!(pred_other.iter().zip(&y).all(|(p, t)| (p - t).abs() < 1e-9));
            let norm = |w: &Array1<f64>| w.dot(w).sqrt();
            assert!(norm(&fit.coef) < norm(&other), "{} vs {}", norm(&fit.coef), norm(&other));
            // Minimal: the solution has no component along the null-space direction.
            assert!(fit.coef.dot(&z).abs() < 1e-10 * norm(&z));
        }
    }

    #[test]
    fn tiny_ridge_on_an_ill_conditioned_matrix_falls_back_to_the_svd() {
        // Two identical columns: XᵀX is singular, and α = 1e-15 vanishes next to it in rounding,
        // so Cholesky of XᵀX + αI fails and the SVD solves it.
        let x = array![[1.0, 1.0], [2.0, 2.0], [3.0, 3.0], [4.0, 4.0]];
        let y = array![1.0, 2.0, 2.5, 4.5];
        let problem = LinearProblem::new(x.view(), y.view(), false).unwrap();
        let mut a = problem.gram.clone().unwrap();
        (0..2).for_each(|i| a[i * 2 + i] += 1e-15);
        assert_eq!(cholesky(&mut a, 2), Err(1));
        let fit = problem.fit(&LinearParams::ridge(1e-15).fit_intercept(false).validate().unwrap(), None).unwrap();
        // Effectively the minimum-norm least-squares fit: equal weights summing to Σxy/Σx².
        let half = (1.0 + 4.0 + 7.5 + 18.0) / 30.0 / 2.0;
        assert!((fit.coef[0] - half).abs() < 1e-12 && (fit.coef[1] - half).abs() < 1e-12, "{}", fit.coef);
        assert!(fit.converged);
    }

    #[test]
    fn hestenes_decomposes() {
        let (x, _) = random(7, 4, 1);
        let mut b: Vec<f64> = x.t().iter().copied().collect(); // column-major
        let mut v = identity(4);
        hestenes(&mut b, 7, 4, &mut v);
        for i in 0..4 {
            for j in 0..4 {
                let vv = dot(&v[i * 4..(i + 1) * 4], &v[j * 4..(j + 1) * 4]);
                assert!((vv - if i == j { 1.0 } else { 0.0 }).abs() < 1e-14);
                if i != j {
                    assert!(dot(&b[i * 7..(i + 1) * 7], &b[j * 7..(j + 1) * 7]).abs() < 1e-13);
                }
            }
        }
        // X = B·Vᵀ.
        for r in 0..7 {
            for c in 0..4 {
                let rebuilt: f64 = (0..4).map(|k| b[k * 7 + r] * v[k * 4 + c]).sum();
                assert!((rebuilt - x[[r, c]]).abs() < 1e-13);
            }
        }
    }

    #[test]
    fn degenerate_data_gives_zeros_not_panics() {
        // Every x equal: every column is constant, so after centering nothing is left.
        let x = Array2::from_elem((5, 3), 0.3);
        let y = array![1.0, 2.0, 3.0, 4.0, 6.0];
        for params in [LinearParams::ridge(1.0), LinearParams::ridge(0.0), LinearParams::lasso(0.1), LinearParams::elastic_net(0.1, 0.5)] {
            let fit = params.validate().unwrap().fit(x.view(), y.view()).unwrap();
            assert_eq!(fit.coef, Array1::zeros(3));
            assert!((fit.intercept - 3.2).abs() < 1e-15);
            assert!(fit.converged);
        }
        // One constant column among others: only it is zeroed.
        let (mut x, y) = random(20, 4, 6);
        x.column_mut(2).fill(-1.7);
        for params in [LinearParams::ridge(0.5), LinearParams::ridge(0.0), LinearParams::lasso(0.01)] {
            let fit = params.validate().unwrap().fit(x.view(), y.view()).unwrap();
            assert_eq!(fit.coef[2], 0.0);
            assert_eq!(fit.zero_count(), 1);
        }
        // Constant y: a flat line.
        let flat = Array1::from_elem(20, 0.1);
        let fit = LinearParams::lasso(0.01).validate().unwrap().fit(x.view(), flat.view()).unwrap();
        assert_eq!(fit.coef, Array1::zeros(4));
        assert_eq!(fit.intercept, 0.1);
        // A single sample.
        let fit = LinearParams::ridge(0.0).validate().unwrap().fit(array![[2.0, 3.0]].view(), array![5.0].view()).unwrap();
        assert_eq!((fit.coef.to_vec(), fit.intercept), (vec![0.0, 0.0], 5.0));
    }

    #[test]
    fn bad_input_is_a_typed_error() {
        let ok = LinearParams::ridge(1.0).validate().unwrap();
        let x = array![[1.0, 2.0], [3.0, 4.0], [5.0, 7.0]];
        let y = array![1.0, 2.0, 3.0];
        assert_eq!(ok.fit(x.view(), array![1.0, 2.0].view()), Err(LinearError::LengthMismatch { rows: 3, targets: 2 }));
        assert_eq!(ok.fit(Array2::zeros((0, 2)).view(), Array1::zeros(0).view()), Err(LinearError::Empty("samples")));
        assert_eq!(ok.fit(Array2::zeros((3, 0)).view(), y.view()), Err(LinearError::Empty("features")));
        let mut bad = x.clone();
        bad[[1, 1]] = f64::NAN;
        assert_eq!(ok.fit(bad.view(), y.view()), Err(LinearError::NotFinite("x")));
        assert_eq!(ok.fit(x.view(), array![1.0, f64::INFINITY, 0.0].view()), Err(LinearError::NotFinite("y")));
        assert_eq!(ok.fit(array![[1e200], [-1e200]].view(), array![1.0, 2.0].view()), Err(LinearError::Overflow));
        assert_eq!(ok.fit_warm(x.view(), y.view(), array![1.0].view()), Err(LinearError::FeatureMismatch { expected: 2, found: 1 }));
        assert_eq!(ok.fit_warm(x.view(), y.view(), array![1.0, f64::NAN].view()), Err(LinearError::NotFinite("initial coefficients")));
        let fit = ok.fit(x.view(), y.view()).unwrap();
        assert_eq!(fit.predict(array![[1.0]].view()), Err(LinearError::FeatureMismatch { expected: 2, found: 1 }));
        let problem = LinearProblem::new(x.view(), y.view(), false).unwrap();
        assert_eq!(problem.fit(&ok, None), Err(LinearError::InterceptMismatch));
        assert!(matches!(problem.first(3), Err(LinearError::FeatureMismatch { .. })));
        assert!(matches!(problem.first(0), Err(LinearError::FeatureMismatch { .. })));

        let refused = [
            LinearParams::ridge(-1.0),
            LinearParams::lasso(f64::NAN),
            LinearParams::elastic_net(1.0, 1.5),
            LinearParams::elastic_net(1.0, -0.1),
            LinearParams::elastic_net(1.0, f64::NAN),
            LinearParams::ridge(1.0).tol(-1.0),
            LinearParams::ridge(1.0).tol(f64::INFINITY),
            LinearParams::ridge(1.0).max_iter(0),
        ];
        for p in refused {
            let e = p.validate().unwrap_err();
            assert!(!e.to_string().is_empty());
        }
        assert_eq!(LinearParams::ridge(-1.0).validate().unwrap_err().to_string(), "alpha must be ≥ 0");
        assert_eq!(LinearParams::elastic_net(1.0, 2.0).validate().unwrap_err().to_string(), "l1_ratio must be between 0 and 1");
        assert!(ok.with_alpha(-2.0).is_err());
        assert!(LinearParams::elastic_net(0.0, 0.0).validate().is_ok());
    }

    #[test]
    fn nested_problems_equal_problems_built_from_scratch() {
        let (x, y) = random(30, 6, 12);
        let big = LinearProblem::new(x.view(), y.view(), true).unwrap();
        let small = LinearProblem::new(x.slice(ndarray::s![.., ..4]), y.view(), true).unwrap();
        assert_eq!(big.first(4).unwrap(), small);
        // Wide problems switch to the Gram matrix once n > k.
        let (x, y) = random(8, 15, 12);
        let wide = LinearProblem::new(x.view(), y.view(), true).unwrap();
        assert!(wide.gram.is_none());
        let sub = wide.first(5).unwrap();
        assert_eq!(sub, LinearProblem::new(x.slice(ndarray::s![.., ..5]), y.view(), true).unwrap());
        assert!(sub.gram.is_some());
    }

    #[test]
    fn path_runs_largest_alpha_first_and_matches_single_fits() {
        let (x, y) = random(40, 8, 21);
        let alphas = crate::log_space(1e-3, 1.0, 12);
        for params in [LinearParams::lasso(1.0), LinearParams::elastic_net(1.0, 0.5), LinearParams::ridge(1.0)] {
            let params = params.tol(1e-12).validate().unwrap();
            let path = params.path(x.view(), y.view(), &alphas).unwrap();
            assert_eq!(path.len(), 12);
            assert_eq!(path.alphas()[0], 1.0);
            let points: Vec<PathPoint> = path.collect();
            assert!(points.windows(2).all(|w| w[0].alpha > w[1].alpha));
            for point in &points {
                let single = params.with_alpha(point.alpha).unwrap().fit(x.view(), y.view()).unwrap();
                assert!(close(point.fit.coef.as_slice().unwrap(), single.coef.as_slice().unwrap(), 1e-6), "{}", point.alpha);
                assert!(point.fit.converged);
            }
            // Lasso starts from all zeros at large α and keeps more features as α shrinks.
            if params.penalty() == (Penalty::ElasticNet { l1_ratio: 1.0 }) {
                assert!(points[0].fit.zero_count() > points[11].fit.zero_count());
            }
        }
        let params = LinearParams::lasso(1.0).validate().unwrap();
        assert!(params.path(x.view(), y.view(), &[0.1, -1.0]).is_err());
        let mut path = params.path(x.view(), y.view(), &[]).unwrap();
        assert!(path.is_empty() && path.next().is_none());
        let mut path = params.path(x.view(), y.view(), &[0.01, 0.1]).unwrap();
        assert_eq!(path.size_hint(), (2, Some(2)));
        assert_eq!(path.next().unwrap().alpha, 0.1);
        assert_eq!(path.done(), 1);
    }

    /// Standardized powers x … x¹⁵: a design with condition number ~10⁵.
    fn polynomial_design(n: usize, seed: u64) -> (Array2<f64>, Array1<f64>) {
        let mut rng = SeededRng::new(seed);
        let t: Array1<f64> = (0..n).map(|_| 2.0 * rng.uniform() - 1.0).collect();
        let y = t.mapv(|v| (std::f64::consts::PI * v).sin()) + t.mapv(|_| 0.3 * rng.normal());
        let f = crate::datasets::poly::polynomial_features(t.view(), 15).unwrap();
        (crate::datasets::poly::Standardizer::fit_transform(f.view()).unwrap().1, y)
    }

    #[test]
    fn newton_steps_make_ill_conditioned_problems_converge_in_few_sweeps() {
        // Both coordinate-descent modes: more samples than features (Gram) and fewer (residual,
        // where the Lasso support outgrows the rank and the step drops weights instead).
        for n in [140, 7] {
            let (x, y) = polynomial_design(n, 1);
            for (alpha, rho) in [(1e-5, 1.0), (1e-4, 0.5), (1e-3, 0.8), (1e-2, 1.0)] {
                let params = LinearParams::elastic_net(alpha, rho).tol(1e-10).validate().unwrap();
                let fit = params.fit(x.view(), y.view()).unwrap();
                assert!(fit.converged && fit.iterations <= 60, "n {n} α {alpha} ρ {rho}: {} sweeps", fit.iterations);
                assert!(kkt_violation(&x, &y, &fit, alpha, rho) < 1e-4, "n {n} α {alpha} ρ {rho}");
            }
        }
    }

    #[test]
    fn the_null_direction_step_drops_weights_without_changing_the_fit() {
        // Two identical columns: any split of a weight between them fits the same, and Lasso
        // prefers the split with the smaller ‖w‖₁, i.e. one sign; a solution with opposite signs
        // is improved by moving along the null direction (1, −1)/… until one weight is zero.
        let x = array![[1.0, 1.0, 0.5], [2.0, 2.0, -1.0], [3.0, 3.0, 0.0], [4.0, 4.0, 2.0]];
        let y = array![1.0, 2.0, 2.5, 4.5];
        let problem = LinearProblem::new(x.view(), y.view(), false).unwrap();
        let params = tight(LinearParams::lasso(0.05).fit_intercept(false));
        let fit = problem.fit(&params, Some(array![2.0, -1.0, 0.1].view())).unwrap();
        assert!(fit.converged);
        assert!(fit.coef[0] * fit.coef[1] >= 0.0, "{}", fit.coef);
        let v = kkt_violation(&x, &y, &fit, 0.05, 1.0);
        assert!(v < 1e-6, "{v}");
    }

    #[test]
    fn dual_gap_is_reported_in_the_objective_s_units() {
        let (x, y) = random(30, 5, 13);
        let params = LinearParams::lasso(0.05).tol(1e-3).validate().unwrap();
        let fit = params.fit(x.view(), y.view()).unwrap();
        assert!(fit.converged);
        // Objective at the fit minus objective at a much tighter fit is at most the gap.
        let objective = |f: &LinearFit| {
            let r = &y - &x.dot(&f.coef) - f.intercept;
            r.dot(&r) / 60.0 + 0.05 * f.coef.iter().map(|c| c.abs()).sum::<f64>()
        };
        let best = tight(LinearParams::lasso(0.05)).fit(x.view(), y.view()).unwrap();
        let excess = objective(&fit) - objective(&best);
        assert!(excess >= -1e-12 && excess <= fit.dual_gap + 1e-12, "{excess} vs gap {}", fit.dual_gap);
        let yc = &y - y.mean().unwrap();
        assert!(fit.dual_gap <= 1e-3 * yc.dot(&yc) / 30.0);
    }
}
