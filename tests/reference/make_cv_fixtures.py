#!/usr/bin/env python3
"""Writes cv_fixtures.json: scikit-learn's KFold and StratifiedKFold fold membership (no
shuffling), which `crates/hyperlab-ml/tests/cv_reference.rs` requires hyperlab-ml's splitters to
reproduce exactly.

Regenerate (from the repository root):

    pip install scikit-learn numpy
    python3 tests/reference/make_cv_fixtures.py

Deterministic: no randomness except one fixed-seed permutation used to scramble label order, and
no timestamps, so rerunning with the same scikit-learn version gives a byte-identical file.
StratifiedKFold's allocation changed in scikit-learn 0.22; the script refuses anything older.

Besides the folds it records what scikit-learn does with settings it refuses ("error") or only
warns about ("warning": the least populated class has fewer members than n_splits). Hyperlab
returns a typed error for both.
"""

import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.model_selection import KFold, StratifiedKFold

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cv_fixtures.json")


def scrambled(labels, seed):
    labels = np.asarray(labels)
    return labels[np.random.RandomState(seed).permutation(len(labels))].tolist()


def kfold(n, k):
    folds = [test.tolist() for _, test in KFold(n_splits=k).split(np.zeros(n))]
    return {"n_samples": n, "k": k, "folds": folds}


def stratified(name, y, k):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning here means the case belongs in `rejected`
        splits = list(StratifiedKFold(n_splits=k).split(np.zeros(len(y)), y))
    return {"name": name, "y": list(y), "k": k, "folds": [test.tolist() for _, test in splits]}


def rejected(name, y, k, n=None):
    """What scikit-learn does with a setting Hyperlab rejects: raise, or warn and split anyway."""
    n = len(y) if y is not None else n
    splitter = StratifiedKFold if y is not None else KFold
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            list(splitter(n_splits=k).split(np.zeros(n), y))
    except ValueError as e:
        return {"name": name, "stratified": y is not None, "n_samples": n, "y": y, "k": k, "sklearn": "error", "message": str(e)}
    assert caught, f"{name}: scikit-learn accepted it silently"
    return {"name": name, "stratified": y is not None, "n_samples": n, "y": y, "k": k, "sklearn": "warning", "message": str(caught[0].message)}


def main():
    major, minor = (int(p) for p in sklearn.__version__.split(".")[:2])
    assert (major, minor) >= (0, 22), "StratifiedKFold's allocation changed in 0.22; use a newer scikit-learn"

    kfold_cases = [
        (2, 2), (5, 2), (10, 2), (10, 3), (10, 10), (11, 4), (17, 4), (23, 5),
        (7, 7), (100, 10), (101, 10), (25, 6), (13, 12),
    ]

    uneven = scrambled([0] * 13 + [1] * 5 + [2] * 7, 0)
    uneven_other_seed = scrambled([0] * 13 + [1] * 5 + [2] * 7, 1)
    # First appearance order differs from numeric order: scikit-learn encodes classes by first
    # appearance, so this checks the Rust side does too.
    late_small_labels = [5, 7, 3] + scrambled([7] * 5 + [3] * 8 + [5] * 10, 2)
    binary_imbalanced = scrambled([1] * 30 + [0] * 8, 3)
    sorted_classes = [0] * 10 + [1] * 10 + [2] * 10
    interleaved = [i % 4 for i in range(22)]
    one_class = [4] * 9
    many_classes = scrambled(sum(([c] * (c + 3) for c in range(6)), []), 4)

    stratified_cases = [
        ("uneven 13/5/7, k=2", uneven, 2),
        ("uneven 13/5/7, k=3", uneven, 3),
        ("uneven 13/5/7, k=4", uneven, 4),
        ("uneven 13/5/7, k=5", uneven, 5),
        ("uneven 13/5/7 (other order), k=3", uneven_other_seed, 3),
        ("uneven 13/5/7 (other order), k=5", uneven_other_seed, 5),
        ("labels 5/7/3 in appearance order, k=4", late_small_labels, 4),
        ("labels 5/7/3 in appearance order, k=6", late_small_labels, 6),
        ("binary 30/8, k=2", binary_imbalanced, 2),
        ("binary 30/8, k=5", binary_imbalanced, 5),
        ("binary 30/8, k=8", binary_imbalanced, 8),
        ("sorted 10/10/10, k=3", sorted_classes, 3),
        ("sorted 10/10/10, k=4", sorted_classes, 4),
        ("interleaved 4 classes, k=5", interleaved, 5),
        ("one class, k=3", one_class, 3),
        ("one class, k=9", one_class, 9),
        ("six classes 3..8, k=3", many_classes, 3),
    ]

    rejected_cases = [
        rejected("kfold k=1", None, 1, n=10),
        rejected("kfold k > n", None, 11, n=10),
        rejected("stratified k=1", uneven, 1),
        rejected("stratified k > n", uneven, 26),
        # Fewer members than k in the smallest class only: scikit-learn warns and splits anyway.
        rejected("uneven 13/5/7, k=6", uneven, 6),
        rejected("uneven 13/5/7, k=13", uneven, 13),
        # Fewer than k members in every class: scikit-learn raises.
        rejected("uneven 13/5/7, k=14", uneven, 14),
        rejected("binary 30/8, k=9", binary_imbalanced, 9),
        rejected("binary 30/8, k=31", binary_imbalanced, 31),
    ]

    fixtures = {
        "generated_by": "tests/reference/make_cv_fixtures.py",
        "sklearn_version": sklearn.__version__,
        "kfold": [kfold(n, k) for n, k in kfold_cases],
        "stratified": [stratified(name, y, k) for name, y, k in stratified_cases],
        "rejected": rejected_cases,
    }
    with open(OUT, "w") as f:
        json.dump(fixtures, f, indent=1)
        f.write("\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
