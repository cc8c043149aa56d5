#!/usr/bin/env python3
"""Writes budgets_fixtures.json: which trials Optuna's SuccessiveHalvingPruner prunes, and at
which step, on hand-made learning curves run one trial at a time. `crates/hyperlab-ml/tests/
budgets_reference.rs` requires hyperlab-ml's ASHA promotion rule (`budgets::asha_promotable`,
replayed over the same trials in the same order) to make the same decisions.

Regenerate (from the repository root):

    pip install optuna numpy
    python3 tests/reference/make_budgets_fixtures.py

Deterministic: the curves come from a fixed-seed generator and Optuna's sampler is not used
(the objective ignores its parameters), so rerunning gives a byte-identical file. Only steps
below the maximum resource are compared: Optuna, which does not know R, also checks a rung at
R itself, where the lab counts a trial as complete.
"""

import json
import os

import numpy as np
import optuna

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "budgets_fixtures.json")


def curves(rng, n, r, kind):
    """n learning curves of r steps: final level + gap / step, with noise; 'crossing' gives the
    slow starters the lowest final level."""
    out = []
    for _ in range(n):
        final = rng.uniform(0.1, 0.6)
        gap = rng.uniform(0.1, 2.0)
        if kind == "crossing" and gap > 1.2:
            final -= 0.2
        steps = np.arange(1, r + 1)
        c = final + gap / steps + rng.normal(0, 0.01, size=r)
        out.append([round(float(v), 6) for v in c])
    return out


def run(case_curves, eta, r):
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    pruner = optuna.pruners.SuccessiveHalvingPruner(min_resource=1, reduction_factor=eta, min_early_stopping_rate=0)
    study = optuna.create_study(direction="minimize", pruner=pruner, sampler=optuna.samplers.RandomSampler(seed=0))
    pruned = []
    for curve in case_curves:
        trial = study.ask()
        at = None
        for step in range(1, r + 1):
            trial.report(curve[step - 1], step)
            if trial.should_prune():
                at = step
                break
        if at is None:
            study.tell(trial, curve[-1])
        else:
            study.tell(trial, state=optuna.trial.TrialState.PRUNED)
        pruned.append(at)
    return pruned


def main():
    rng = np.random.default_rng(13)
    cases = []
    for name, n, eta, r, kind in [
        ("eta3_r27_steady", 30, 3, 27, "steady"),
        ("eta3_r27_crossing", 30, 3, 27, "crossing"),
        ("eta2_r16_steady", 25, 2, 16, "steady"),
        ("eta4_r16_crossing", 25, 4, 16, "crossing"),
    ]:
        c = curves(rng, n, r, kind)
        cases.append({"name": name, "eta": eta, "max_resource": r, "curves": c, "pruned_at": run(c, eta, r)})
    doc = {"optuna_version": optuna.__version__, "cases": cases}
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
