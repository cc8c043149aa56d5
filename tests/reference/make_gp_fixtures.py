#!/usr/bin/env python3
"""Writes gp_fixtures.json: scikit-learn's Gaussian-process posterior for fixed kernels, which
`crates/hyperlab-ml/tests/search_gp_reference.rs` requires hyperlab-ml's "raw" GaussianProcess to
reproduce to 1e-6 relative.

Regenerate (from the repository root):

    pip install scikit-learn numpy
    python3 tests/reference/make_gp_fixtures.py

Each case is `GaussianProcessRegressor(kernel=ConstantKernel(variance) * RBF(length_scale))` or
`... * Matern(length_scale, nu=2.5)`, with `alpha=noise`, `optimizer=None`, `normalize_y=False`:
no input scaling, no output standardization, noise added to the kernel matrix's diagonal. Besides
the posterior mean and standard deviation at `x_star`, each case records the log marginal
likelihood and its gradient with respect to scikit-learn's `theta` = [ln variance, ln length
scale(s)…].

Cases cover 1-D and 2-D inputs, both kernels, shared and per-dimension (ARD) length scales, noise
from 1e-10 to 1e-2, and near-duplicate and exactly duplicated inputs (where the kernel matrix is
nearly singular; every case here still factors without jitter in scikit-learn).

Deterministic: inputs come from fixed-seed RandomState draws and fixed formulas, there are no
timestamps, and floats are written with Python's shortest round-trip repr, so rerunning with the
same scikit-learn and NumPy versions gives a byte-identical file.
"""

import json
import os

import numpy as np
import sklearn
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import RBF, ConstantKernel, Matern

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gp_fixtures.json")


def kernel_of(kind, length_scale, variance):
    shape = {"rbf": lambda: RBF(length_scale=length_scale), "matern52": lambda: Matern(length_scale=length_scale, nu=2.5)}[kind]()
    return ConstantKernel(constant_value=variance) * shape


def case(name, kind, length_scale, variance, noise, x, y, x_star):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    x_star = np.asarray(x_star, dtype=float)
    gpr = GaussianProcessRegressor(kernel=kernel_of(kind, length_scale, variance), alpha=noise, optimizer=None, normalize_y=False)
    gpr.fit(x, y)
    mean, std = gpr.predict(x_star, return_std=True)
    lml, grad = gpr.log_marginal_likelihood(gpr.kernel_.theta, eval_gradient=True)
    ls = length_scale.tolist() if isinstance(length_scale, np.ndarray) else length_scale
    return {
        "name": name,
        "kernel": {"kind": kind, "length_scale": ls, "variance": variance},
        "noise": noise,
        "x": x.tolist(),
        "y": y.tolist(),
        "x_star": x_star.tolist(),
        "mean": mean.tolist(),
        "std": std.tolist(),
        "log_marginal_likelihood": float(lml),
        "lml_gradient": grad.tolist(),
    }


def main():
    rng = np.random.RandomState(20240611)
    cases = []

    # 1-D, both kernels: a smooth function, queries overhanging the data on both sides.
    x1 = np.sort(rng.uniform(0.0, 2.0, size=8)).reshape(-1, 1)
    y1 = np.sin(3.0 * x1[:, 0]) + 0.5 * x1[:, 0]
    q1 = np.linspace(-0.5, 2.5, 31).reshape(-1, 1)
    cases.append(case("1d_rbf", "rbf", 0.5, 1.0, 1e-6, x1, y1, q1))
    cases.append(case("1d_matern52", "matern52", 0.3, 2.5, 1e-4, x1, y1, q1))
    # scikit-learn's default alpha.
    cases.append(case("1d_rbf_alpha_1e-10", "rbf", 0.4, 0.7, 1e-10, x1, y1, q1))

    # The UI's 1-D curve: 200 query points.
    q200 = np.linspace(0.0, 2.0, 200).reshape(-1, 1)
    cases.append(case("1d_matern52_200_queries", "matern52", 0.6, 1.0, 1e-6, x1, y1 - 1.0, q200))

    # 2-D, shared and per-dimension length scales.
    x2 = rng.uniform(-1.0, 1.0, size=(15, 2))
    y2 = np.cos(2.0 * x2[:, 0]) * np.exp(-x2[:, 1] ** 2) + 0.3 * x2[:, 1]
    q2 = rng.uniform(-1.5, 1.5, size=(40, 2))
    cases.append(case("2d_rbf", "rbf", 0.7, 1.3, 1e-6, x2, y2, q2))
    cases.append(case("2d_matern52_ard", "matern52", np.array([0.4, 1.5]), 0.8, 1e-3, x2, y2, q2))
    cases.append(case("2d_rbf_ard_noisy", "rbf", np.array([1.2, 0.3]), 2.0, 1e-2, x2, y2, q2))

    # Near-duplicate inputs: 1e-7 and 1e-9 apart, with small noise.
    xd = np.array([0.1, 0.3, 0.3 + 1e-9, 0.3 + 1e-7, 0.55, 0.9, 0.9 + 1e-8]).reshape(-1, 1)
    yd = np.array([0.2, 1.0, 1.0 + 1e-9, 1.0 + 2e-7, -0.4, 0.5, 0.5])
    qd = np.linspace(0.0, 1.0, 41).reshape(-1, 1)
    cases.append(case("1d_rbf_near_duplicates", "rbf", 0.25, 1.0, 1e-6, xd, yd, qd))
    cases.append(case("1d_matern52_near_duplicates", "matern52", 0.25, 1.0, 1e-6, xd, yd, qd))

    # Exact duplicates with disagreeing values: only the noise makes this well-posed.
    xe = np.array([[0.2, 0.2], [0.2, 0.2], [0.7, 0.4], [0.7, 0.4], [0.5, 0.9], [0.5, 0.9 + 1e-8]])
    ye = np.array([1.0, 1.2, -0.3, -0.1, 0.4, 0.41])
    qe = np.array([[0.2, 0.2], [0.7, 0.4], [0.5, 0.9], [0.45, 0.6], [0.0, 1.0], [3.0, 3.0]])
    cases.append(case("2d_matern52_duplicates", "matern52", 0.3, 1.5, 1e-2, xe, ye, qe))
    cases.append(case("2d_rbf_duplicates_small_noise", "rbf", np.array([0.3, 0.5]), 1.0, 1e-6, xe, ye, qe))

    # Predicting at the training points themselves (std close to the noise level).
    cases.append(case("2d_matern52_at_training_points", "matern52", 0.5, 1.0, 1e-6, x2, y2, x2))

    doc = {
        "generator": "tests/reference/make_gp_fixtures.py",
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "cases": cases,
    }
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
