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
Cholesky, cross-checked against the SVD solver). For every Lasso/ElasticNet case the script
also solves the optimality conditions exactly on scikit-learn's support and signs, checks them,
and records scikit-learn's own relative distance from that exact optimum as "sklearn_vs_exact"
(at most 6.2e-7 with scikit-learn 1.9.1: in nearly flat directions a 1e-12 duality gap still
leaves coefficient errors that size). It refuses to write a case that fails any of this
(including a ConvergenceWarning).

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
SKLEARN_OFF = []  # each elastic-net solution's relative distance from the exact optimum


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


def converged(make, x, y):
    """make(tol, max_iter) fitted at the tight settings; a ConvergenceWarning is an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        return make(CD["tol"], CD["max_iter"]).fit(x, y)


def distance_from_exact(x, y, alpha, rho, fit_intercept, coef, name):
    """How far scikit-learn's elastic-net solution is from the exact optimum, relative (by the
    Rust test's rule: |a - b| / max(|b|, 1e-3 max|b|)).

    Given the support S and signs s of a solution, the optimum solves a linear system:
    (Xc_S' Xc_S + n a (1-rho) I) w_S = Xc_S' yc - n a rho s. Solving it directly (no iteration)
    and checking the optimality conditions (signs kept, |Xc_j' r| <= n a rho off the support)
    certifies the exact optimum, which coordinate descent's stopping point need not be to 1e-6:
    in nearly flat directions a duality gap of 1e-12 still allows coefficient errors near 1e-6.
    """
    x, y, w = np.asarray(x, float), np.asarray(y, float), np.asarray(coef, float)
    if fit_intercept:
        x, y = x - x.mean(axis=0), y - y.mean()
    n = len(y)
    l1, l2 = n * alpha * rho, n * alpha * (1 - rho)
    support = np.flatnonzero(w)
    exact = np.zeros_like(w)
    if len(support):
        xs = x[:, support]
        exact[support] = np.linalg.solve(xs.T @ xs + l2 * np.eye(len(support)), xs.T @ y - l1 * np.sign(w[support]))
        assert np.all(np.sign(exact[support]) == np.sign(w[support])), f"{name}: signs change at the exact optimum"
    off = np.setdiff1d(np.arange(len(w)), support)
    gradient = x.T @ (y - x @ exact)
    assert np.all(np.abs(gradient[off]) <= l1 * (1 + 1e-9)), f"{name}: a zero coefficient should not be zero"
    top = np.max(np.abs(w))
    if top == 0:
        return 0.0
    return float(np.max(np.abs(w - exact) / np.maximum(np.abs(w), 1e-3 * top)))


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
                        model, model_name = "lasso", "Lasso"
                    else:
                        make = lambda tol, it: ElasticNet(alpha=alpha, l1_ratio=rho, fit_intercept=fit_intercept, tol=tol, max_iter=it)
                        model, model_name = "elastic_net", "ElasticNet"
                    sk = converged(make, x, y)
                    off = distance_from_exact(x, y, alpha, rho, fit_intercept, sk.coef_, label)
                    # scikit-learn itself must meet the Rust test's 1e-6 rule against the optimum.
                    assert off <= 1e-6, f"{label}: scikit-learn is {off:.1e} from the exact optimum"
                    SKLEARN_OFF.append(off)
                    entry = case(name, model, alpha, rho, fit_intercept, sk, f"{model_name}(tol=1e-12, max_iter=1_000_000)")
                    entry["sklearn_vs_exact"] = off
                    cases.append(entry)
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
          f"{len(doc['metrics'])} metric cases; scikit-learn's largest distance from the exact optimum: "
          f"{max(SKLEARN_OFF):.1e}")


if __name__ == "__main__":
    main()
