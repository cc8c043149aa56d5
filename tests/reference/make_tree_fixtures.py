#!/usr/bin/env python3
"""Writes tree_fixtures.json: scikit-learn's DecisionTreeClassifier / DecisionTreeRegressor
(best splitter, max_features=None) and GradientBoostingClassifier / GradientBoostingRegressor
(subsample=1.0, max_features=None) on many small data sets, which
`crates/hyperlab-ml/tests/trees_reference.rs` requires hyperlab-ml's trees to reproduce: the same
predictions, probabilities and staged decision functions to 1e-9 relative, the same number of
leaves and depth.

Regenerate (from the repository root):

    pip install scikit-learn numpy
    python3 tests/reference/make_tree_fixtures.py

Deterministic (fixed-seed data, no timestamps). Trees store X as float32, so the features are
rounded to float32 before anything else. Cases with tied candidate splits are left out: at every
split node of scikit-learn's tree, `tied()` recomputes the proxy improvement of every candidate
(every feature, every threshold) and rejects the data set when a candidate on another feature,
or giving another partition, comes within 1e-9 (relative) of the best (two features that split
the training points alike still route new points differently). Fully grown trees on two or more
features nearly always tie in their two-point nodes, so unlimited-depth cases use one feature. scikit-learn breaks such ties by a random
feature order drawn from its own generator, which Hyperlab does not reproduce (it keeps the
first feature in index order and, within a feature, the smallest threshold); the script retries
with the next seed until the data has no tie.
"""

import json
import os

import numpy as np
import sklearn
from sklearn.ensemble import GradientBoostingClassifier, GradientBoostingRegressor
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tree_fixtures.json")


def data(seed, n, p, kind, n_classes=2, noise=0.3):
    rng = np.random.RandomState(seed)
    x = rng.uniform(-1, 1, size=(n, p))
    signal = np.sin(3 * x[:, 0]) + (x[:, 1] ** 2 if p > 1 else 0) - (0.5 * x[:, 2] if p > 2 else 0)
    noisy = signal + noise * rng.randn(n)
    if kind == "regressor":
        return x, noisy
    edges = np.quantile(noisy, np.linspace(0, 1, n_classes + 1)[1:-1])
    labels = np.digitize(noisy, edges)
    return x, labels


def proxies(xs, ys, ws, criterion, n_classes, msl):
    """Every valid candidate split of one node: (proxy improvement, frozenset of left samples)."""
    out = []
    idx = np.arange(len(ys))
    for f in range(xs.shape[1]):
        order = np.argsort(xs[:, f], kind="stable")
        v = xs[order, f]
        for pos in range(1, len(v)):
            if v[pos] <= v[pos - 1] + 1e-7 or pos < msl or len(v) - pos < msl:
                continue
            left, right = order[:pos], order[pos:]
            wl, wr = ws[left].sum(), ws[right].sum()
            if wl <= 0 or wr <= 0:
                continue
            if criterion in ("gini", "entropy"):
                def imp(part, w):
                    c = np.array([ws[part][ys[part] == k].sum() for k in range(n_classes)]) / w
                    return 1 - (c ** 2).sum() if criterion == "gini" else -sum(q * np.log2(q) for q in c if q > 0)
                score = -wr * imp(right, wr) - wl * imp(left, wl)
            elif criterion == "friedman_mse":
                sl, sr = (ws[left] * ys[left]).sum(), (ws[right] * ys[right]).sum()
                diff = wr * sl - wl * sr
                score = diff * diff / (wl * wr)
            else:
                sl, sr = (ws[left] * ys[left]).sum(), (ws[right] * ys[right]).sum()
                score = sl * sl / wl + sr * sr / wr
            out.append((score, (f, frozenset(idx[left].tolist()))))
    return out


def tied(model, x, y, sw, criterion, n_classes, msl):
    """Whether any split node of the fitted tree had a near-tie between different partitions."""
    t = model.tree_
    paths = model.decision_path(x).tocsc()
    ws = np.ones(len(y)) if sw is None else sw
    for node in range(t.node_count):
        if t.children_left[node] < 0:
            continue
        members = paths[:, node].nonzero()[0]
        members = members[ws[members] > 0]
        cands = proxies(x[members], y[members], ws[members], criterion, n_classes, msl)
        best = max(c[0] for c in cands)
        parts = {c[1] for c in cands if abs(c[0] - best) <= 1e-9 * max(1.0, abs(best))}
        if len(parts) > 1:
            return True
    return False


def tree_case(seed, n, p, kind, criterion, max_depth, mss=2, msl=1, weights=False, n_classes=2, label_offset=0, ccp_alpha=0.0):
    if max_depth is None:
        p = 1
    # Deep trees on few points with two or more features rarely avoid a tie: fall back to one.
    for features in ([p, 1] if p > 1 else [1]):
        for attempt in range(60):
            case = tree_attempt(seed * 1000 + attempt, n, features, kind, criterion, max_depth, mss, msl, weights, n_classes, label_offset, ccp_alpha)
            if case is not None:
                return case
    raise SystemExit(f"no tie-free data set for case {seed} ({kind} {criterion} n={n} p={p} depth={max_depth} mss={mss} msl={msl}) after 200 tries")


def tree_attempt(seed, n, p, kind, criterion, max_depth, mss, msl, weights, n_classes, label_offset, ccp_alpha=0.0):
    x, y = data(seed, n, p, kind, n_classes)
    x = x.astype(np.float32).astype(np.float64)
    if kind == "classifier":
        y = y * 2 + label_offset  # labels other than 0..k-1: classes come back in sorted order
    x_star = np.random.RandomState(seed + 1000).uniform(-1.2, 1.2, size=(40, p))
    sw = np.random.RandomState(seed + 2000).randint(0, 4, size=n).astype(float) if weights else None
    if sw is not None:
        sw[0] = 1.0  # never all zero
    cls = DecisionTreeClassifier if kind == "classifier" else DecisionTreeRegressor
    model = cls(criterion=criterion, max_depth=max_depth, min_samples_split=mss, min_samples_leaf=msl, max_features=None, random_state=0)
    model.fit(x, y, sample_weight=sw)
    if ccp_alpha > 0:
        # The pruning path's effective alphas: reject data where ccp_alpha sits within 1e-6 of
        # one (rounding could then decide whether that step happens). Equal alphas need no check:
        # the smallest subtree minimizing R + α·leaves is unique, whatever order ties are pruned in.
        alphas = model.cost_complexity_pruning_path(x, y, sample_weight=sw).ccp_alphas
        if np.any(np.abs(alphas - ccp_alpha) <= 1e-6 * ccp_alpha):
            return None
    codes = np.searchsorted(np.unique(y), y) if kind == "classifier" else y
    if tied(model, x, codes, sw, criterion, n_classes, msl):
        return None
    if ccp_alpha > 0:
        model = cls(criterion=criterion, max_depth=max_depth, min_samples_split=mss, min_samples_leaf=msl, max_features=None, random_state=0, ccp_alpha=ccp_alpha)
        model.fit(x, y, sample_weight=sw)
    request = {
        "task": "tree", "kind": kind, "criterion": criterion, "max_depth": max_depth,
        "min_samples_split": mss, "min_samples_leaf": msl,
        "x": x.tolist(), "y": y.tolist(), "x_star": x_star.tolist(),
    }
    if sw is not None:
        request["sample_weight"] = sw.tolist()
    if ccp_alpha > 0:
        request["ccp_alpha"] = ccp_alpha
    answer = {"predict": model.predict(x_star).tolist(), "n_leaves": int(model.get_n_leaves()), "depth": int(model.get_depth())}
    if kind == "classifier":
        answer["proba"] = model.predict_proba(x_star).tolist()
    return {"request": request, "answer": answer}


def boosting_tied(model, x, y, kind):
    """Whether any stage's tree had a tied candidate split on the negative gradient it was fitted to."""
    if kind == "classifier":
        raws = [np.full(len(y), model._raw_predict_init(x).ravel()[0])] + [s.ravel() for s in model.staged_decision_function(x)]
        grads = [y - 1 / (1 + np.exp(-r)) for r in raws]
    else:
        raws = [np.full(len(y), model._raw_predict_init(x).ravel()[0])] + list(model.staged_predict(x))
        grads = [y - r for r in raws]
    return any(tied(est[0], x, grads[k], None, "friedman_mse", 1, 1) for k, est in enumerate(model.estimators_))


def boosting_case(seed, n, p, kind, n_estimators, learning_rate, max_depth):
    for attempt in range(60):
        case = boosting_attempt(seed * 1000 + attempt, n, p, kind, n_estimators, learning_rate, max_depth)
        if case is not None:
            return case
    raise SystemExit(f"no tie-free boosting data set for case {seed} ({kind} n={n} p={p}) after 60 tries")


def boosting_attempt(seed, n, p, kind, n_estimators, learning_rate, max_depth):
    x, y = data(seed, n, p, kind, 2)
    x = x.astype(np.float32).astype(np.float64)
    x_star = np.random.RandomState(seed + 1000).uniform(-1.2, 1.2, size=(25, p))
    if kind == "classifier":
        model = GradientBoostingClassifier(n_estimators=n_estimators, learning_rate=learning_rate, max_depth=max_depth, subsample=1.0, max_features=None, random_state=0)
        model.fit(x, y)
        if boosting_tied(model, x, y, kind):
            return None
        staged = [s.ravel().tolist() for s in model.staged_decision_function(x_star)]
    else:
        model = GradientBoostingRegressor(n_estimators=n_estimators, learning_rate=learning_rate, max_depth=max_depth, subsample=1.0, max_features=None, random_state=0)
        model.fit(x, y)
        if boosting_tied(model, x, y, kind):
            return None
        staged = [s.tolist() for s in model.staged_predict(x_star)]
    request = {"task": "boosting", "kind": kind, "n_estimators": n_estimators, "learning_rate": learning_rate, "max_depth": max_depth, "x": x.tolist(), "y": y.tolist(), "x_star": x_star.tolist()}
    return {"request": request, "answer": {"staged": staged}}


def main():
    trees = []
    seed = 0
    for kind, criteria in [("classifier", ["gini", "entropy"]), ("regressor", ["squared_error"])]:
        for criterion in criteria:
            for n, p in [(12, 1), (40, 2), (80, 3), (150, 2), (200, 5)]:
                for max_depth in [1, 3, 5, None]:
                    for mss, msl in [(2, 1), (10, 3)]:
                        seed += 1
                        trees.append(tree_case(seed, n, p, kind, criterion, max_depth, mss, msl))
            # Sample weights (bootstrap-like counts, zeros included), more classes, odd labels.
            for n, p, depth in [(30, 2, None), (60, 3, 4), (120, 2, None)]:
                seed += 1
                trees.append(tree_case(seed, n, p, kind, criterion, depth, weights=True))
            if kind == "classifier":
                for n_classes, depth in [(3, None), (4, 5)]:
                    seed += 1
                    trees.append(tree_case(seed, 90, 2, kind, criterion, depth, n_classes=n_classes, label_offset=-3))
                    seed += 1
                    trees.append(tree_case(seed, 90, 3, kind, criterion, 4, weights=True, n_classes=n_classes))
    # Cost-complexity pruning (ccp_alpha) on grown trees, both tasks, with and without weights.
    for kind, criterion, alphas in [("classifier", "gini", [0.002, 0.01, 0.03]), ("classifier", "entropy", [0.005, 0.02]), ("regressor", "squared_error", [0.001, 0.005, 0.02])]:
        for alpha in alphas:
            for n, p, depth, weights in [(80, 1, None, False), (150, 2, 6, False), (120, 1, None, True)]:
                seed += 1
                trees.append(tree_case(seed, n, p, kind, criterion, depth, weights=weights, ccp_alpha=alpha))
    boosting = []
    for kind in ["classifier", "regressor"]:
        for n, p, n_est, lr, depth in [(50, 1, 30, 0.1, 3), (100, 1, 50, 0.5, 2), (80, 2, 20, 1.0, 1), (120, 1, 40, 0.05, 3), (60, 1, 25, 0.3, 3), (300, 2, 10, 0.2, 2)]:
            seed += 1
            boosting.append(boosting_case(seed, n, p, kind, n_est, lr, depth))
    out = {"generated_by": "tests/reference/make_tree_fixtures.py", "sklearn_version": sklearn.__version__, "tree": trees, "boosting": boosting}
    with open(OUT, "w") as f:
        json.dump(out, f)
        f.write("\n")
    print(f"wrote {len(trees)} tree and {len(boosting)} boosting cases to {OUT}")


if __name__ == "__main__":
    main()
