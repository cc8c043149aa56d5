#!/usr/bin/env python3
"""Writes linear_fixtures.json: scikit-learn's Ridge, Lasso, ElasticNet and LinearRegression
solutions, PolynomialFeatures + StandardScaler outputs and r2/mse scores, which
`crates/hyperlab-ml/tests/linear_reference.rs` requires hyperlab-ml to reproduce.

Regenerate (from the repository root):

    pip install scikit-learn numpy
    python3 tests/reference/make_linear_fixtures.py

Deterministic: every input is drawn here from fixed numpy seeds, and there are no timestamps, so
rerunning with the same scikit-learn and numpy versions gives a byte-identical file (the
versions are recorded in it). Inputs are stored in the file too, so the Rust side never needs
numpy's random streams.

Both sides are meant to approximate the exact optimum, not each other's stopping point: the
solvers run with tight settings (Lasso/ElasticNet tol=1e-12, max_iter=1_000_000; Ridge through
Cholesky, cross-checked against the SVD solver), and the script refuses to write a case whose
scikit-learn solution is not a certified optimum (convergence warning, or coefficients that move
when the fit is repeated from its own answer with an even tighter tolerance).

Ridge minimizes ||y - Xw||^2 + alpha ||w||^2; Lasso/ElasticNet minimize
1/(2n) ||y - Xw||^2 + alpha l1_ratio ||w||_1 + alpha (1 - l1_ratio)/2 ||w||^2. Models with
alpha = 0 are ordinary least squares: the reference is LinearRegression (a least-squares solver
returning the minimum-norm solution when there are many), because Ridge(alpha=0) is not well
defined when X^T X is singular.
"""

import json
import os
import platform
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import ElasticNet, Lasso, LinearRegression, Ridge
from sklearn.metrics import mean_squared_error, r2_score
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "linear_fixtures.json")

ALPHAS = [1e-3, 1e-2, 0.1, 1.0, 10.0, 50.0]
L1_RATIOS = [0.2, 0.5, 0.8, 1.0]
CD = dict(tol=1e-12, max_iter=1_000_000)
MOVED = []  # how far each certified solution moved when polished, relative


def floats(a):
    """Plain Python floats (JSON writes them with repr: shortest round-trip form)."""
    return np.asarray(a, dtype=float).tolist()


def datasets():
    """Named (x, y) pairs: several shapes, p > n, near-collinear and constant columns."""
    rng = np.random.default_rng(20240611)
    out = {}

    def target(x, beta, noise, offset):
        return x @ beta + noise * rng.standard_normal(x.shape[0]) + offset

    x = rng.standard_normal((40, 5))
    out["tall"] = (x, target(x, np.array([1.5, -2.0, 0.0, 0.7, 0.0]), 0.5, 2.0))

    x = rng.standard_normal((12, 30))
    beta = np.zeros(30)
    beta[[0, 4, 11]] = [2.0, -1.5, 1.0]
    out["wide"] = (x, target(x, beta, 0.3, -1.0))

    x = rng.standard_normal((20, 20))
    out["square"] = (x, target(x, rng.standard_normal(20), 0.5, 0.5))

    # Near-collinear columns (copies plus 1e-3 noise) and one column on a 100x larger scale.
    base = rng.standard_normal((50, 3))
    x = np.column_stack([
        base[:, 0], base[:, 1], base[:, 2] * 100.0,
        base[:, 0] + 1e-3 * rng.standard_normal(50),
        base[:, 1] - base[:, 0] + 1e-3 * rng.standard_normal(50),
        rng.standard_normal(50),
    ])
    out["collinear"] = (x, target(x, np.array([1.0, 0.5, 0.01, 1.0, -0.5, 0.3]), 0.2, 0.0))

    # More features than samples and near-duplicate columns together.
    base = rng.standard_normal((10, 12))
    x = np.column_stack([base, base + 1e-3 * rng.standard_normal((10, 12))])
    beta = np.zeros(24)
    beta[[0, 12, 5]] = [1.0, 1.0, -2.0]
    out["wide_collinear"] = (x, target(x, beta, 0.2, 1.0))

    # A constant column: zero after centering (coefficient 0 with an intercept).
    x = rng.standard_normal((25, 4))
    x[:, 2] = 3.7
    out["constant_column"] = (x, target(x, np.array([1.0, -1.0, 0.5, 2.0]), 0.3, 0.0))

    # The lab's own kind of design: standardized polynomial features of a noisy sine.
    t = rng.uniform(-1.0, 1.0, 30)
    x = StandardScaler().fit_transform(PolynomialFeatures(8, include_bias=False).fit_transform(t[:, None]))
    out["poly8"] = (x, np.sin(np.pi * t) + 0.3 * rng.standard_normal(30))
    # Degree 15 (the lab's maximum; condition number ~3e5), with more and with fewer samples
    # than features.
    for name, n in (("poly15", 40), ("poly15_wide", 10)):
        t = rng.uniform(-1.0, 1.0, n)
        x = StandardScaler().fit_transform(PolynomialFeatures(15, include_bias=False).fit_transform(t[:, None]))
        out[name] = (x, np.sin(np.pi * t) + 0.3 * rng.standard_normal(n))
    return out


def certified(make, x, y, name):
    """Fits make(tol, max_iter), then refits from that answer with a 1000x tighter tolerance and
    requires the coefficients not to move by more than 1e-8 of the largest (100x inside the Rust
    test's 1e-6): the first answer is then the optimum, not just a stopping point."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        model = make(CD["tol"], CD["max_iter"]).fit(x, y)
    with warnings.catch_warnings():
        # 1e-15 relative may be beyond floating point; the budget bounds the time spent trying.
        warnings.simplefilter("ignore", ConvergenceWarning)
        again = make(CD["tol"] * 1e-3, 100_000)
        again.set_params(warm_start=True)
        again.coef_ = model.coef_.copy()
        again.fit(x, y)
    scale = max(np.max(np.abs(model.coef_)), 1e-300)
    moved = np.max(np.abs(again.coef_ - model.coef_)) / scale
    MOVED.append(moved)
    assert moved < 1e-8, f"{name}: scikit-learn's solution moved by {moved:.2e} when polished"
    return model


def linear_cases(data):
    cases = []
    for name, (x, y) in data.items():
        for fit_intercept in (True, False):
            # Ordinary least squares (alpha = 0): LinearRegression's minimum-norm solution.
            ols = LinearRegression(fit_intercept=fit_intercept).fit(x, y)
            cases.append(case(name, "ridge", 0.0, None, fit_intercept, ols, "LinearRegression"))
            for alpha in ALPHAS:
                ridge = Ridge(alpha=alpha, fit_intercept=fit_intercept, solver="cholesky").fit(x, y)
                check = Ridge(alpha=alpha, fit_intercept=fit_intercept, solver="svd").fit(x, y)
                assert np.allclose(ridge.coef_, check.coef_, rtol=1e-9, atol=1e-12 * np.max(np.abs(ridge.coef_))), name
                cases.append(case(name, "ridge", alpha, None, fit_intercept, ridge, "Ridge(solver='cholesky')"))
                for rho in L1_RATIOS:
                    label = f"{name} alpha={alpha} l1_ratio={rho} intercept={fit_intercept}"
                    if rho == 1.0:
                        make = lambda tol, it: Lasso(alpha=alpha, fit_intercept=fit_intercept, tol=tol, max_iter=it)
                        model, model_name, sk = "lasso", "Lasso", certified(make, x, y, label)
                    else:
                        make = lambda tol, it: ElasticNet(alpha=alpha, l1_ratio=rho, fit_intercept=fit_intercept, tol=tol, max_iter=it)
                        model, model_name, sk = "elastic_net", "ElasticNet", certified(make, x, y, label)
                    cases.append(case(name, model, alpha, rho, fit_intercept, sk, f"{model_name}(tol=1e-12, max_iter=1_000_000)"))
    return cases


def case(dataset, model, alpha, l1_ratio, fit_intercept, fitted, reference):
    out = {
        "dataset": dataset,
        "model": model,
        "alpha": alpha,
        "l1_ratio": l1_ratio,
        "fit_intercept": fit_intercept,
        "reference": reference,
        "coef": floats(fitted.coef_),
        "intercept": float(fitted.intercept_),
    }
    if hasattr(fitted, "n_iter_") and model != "ridge":
        out["sklearn_n_iter"] = int(fitted.n_iter_)
    return out


def poly_cases():
    rng = np.random.default_rng(7)
    cases = []
    for degree, n_train, n_test in [(1, 8, 4), (3, 15, 6), (8, 20, 10), (15, 30, 12)]:
        x_train = rng.uniform(-1.0, 1.0, n_train)
        x_test = rng.uniform(-1.0, 1.0, n_test)
        cases.append(poly_case(f"degree {degree}", x_train, x_test, degree))
    # Every training x equal: every feature is constant, so every scale is 1.
    cases.append(poly_case("constant x", np.full(6, 0.3), np.array([0.3, -0.5]), 4))
    return cases


def poly_case(name, x_train, x_test, degree):
    poly = PolynomialFeatures(degree, include_bias=False)
    f_train = poly.fit_transform(x_train[:, None])
    f_test = poly.transform(x_test[:, None])
    scaler = StandardScaler().fit(f_train)
    return {
        "name": name,
        "degree": degree,
        "x_train": floats(x_train),
        "x_test": floats(x_test),
        "features_train": floats(f_train),
        "mean": floats(scaler.mean_),
        "scale": floats(scaler.scale_),
        "standardized_train": floats(scaler.transform(f_train)),
        "standardized_test": floats(scaler.transform(f_test)),
    }


def metric_cases():
    rng = np.random.default_rng(11)
    pairs = [
        ("hand", [3.0, -0.5, 2.0, 7.0], [2.5, 0.0, 2.0, 8.0]),
        ("perfect", [1.0, 2.0, 3.0], [1.0, 2.0, 3.0]),
        ("worse than the mean", [1.0, 2.0, 3.0], [3.0, 2.0, 1.0]),
        ("constant truth, perfect", [2.0, 2.0, 2.0, 2.0], [2.0, 2.0, 2.0, 2.0]),
        ("constant truth, imperfect", [2.0, 2.0, 2.0, 2.0], [2.0, 2.5, 2.0, 1.0]),
        ("random", rng.standard_normal(50), rng.standard_normal(50)),
    ]
    out = []
    for name, t, p in pairs:
        out.append({
            "name": name,
            "y_true": floats(t),
            "y_pred": floats(p),
            "mse": float(mean_squared_error(t, p)),
            "r2": float(r2_score(t, p)),
        })
    return out


def main():
    data = datasets()
    doc = {
        "about": "Reference values from scikit-learn; regenerate with "
        "`python3 tests/reference/make_linear_fixtures.py` (see its docstring).",
        "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__, "python": platform.python_version()},
        "datasets": {name: {"x": floats(x), "y": floats(y)} for name, (x, y) in data.items()},
        "linear": linear_cases(data),
        "poly": poly_cases(),
        "metrics": metric_cases(),
    }
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT}: {len(doc['linear'])} linear cases, {len(doc['poly'])} polynomial cases, "
          f"{len(doc['metrics'])} metric cases; largest relative move when polished: {max(MOVED):.1e}")


if __name__ == "__main__":
    main()
