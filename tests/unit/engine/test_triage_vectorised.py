"""The chunk forms of triage (``threshold_levels``, ``base_levels``) equal the per-case ones."""

from __future__ import annotations

import numpy as np

from milia.engine.explain import labels
from milia.engine.model import condition_model, type_model
from milia.engine.triage import triage_policy


def _probabilities(seed: int) -> np.ndarray:
    """Random differentials, some peaked, and rows whose level masses sit exactly on
    (or next to) each threshold."""
    policy = triage_policy(condition_model().classes)
    rng = np.random.default_rng(seed)
    n_classes = len(policy.level_list)
    rows = [rng.dirichlet(np.full(n_classes, alpha), size=300) for alpha in (0.05, 0.3, 1.0)]
    edges = []
    for rank in range(1, len(policy.thresholds)):
        at = [c for c, lv in enumerate(policy.level_list) if lv == rank]
        rest = [c for c, lv in enumerate(policy.level_list) if lv == 0]
        if not at or not rest:
            continue
        for t in (policy.thresholds[rank], np.nextafter(policy.thresholds[rank], 0)):
            row = np.zeros(n_classes)
            row[at[0]] = t
            row[rest[0]] = 1.0 - t
            edges.append(row)
    return np.concatenate([*rows, np.array(edges).reshape(-1, n_classes)])


def test_threshold_levels_equal_threshold_level() -> None:
    policy = triage_policy(condition_model().classes)
    for seed in range(3):
        probs = _probabilities(seed)
        want = [policy.threshold_level(row) for row in probs]
        assert policy.threshold_levels(probs).tolist() == want
    assert len(set(want)) > 1


def test_base_levels_equal_base() -> None:
    model, tmodel = condition_model(), type_model()
    policy = triage_policy(model.classes)
    names = labels()["all"]
    m = model.mixture_class
    rng = np.random.default_rng(4)
    probs = _probabilities(5)
    n = len(probs)
    orders = np.argsort(-probs, axis=1, kind="stable")
    bests = rng.integers(0, len(tmodel.classes), n)
    type_ps = rng.choice([0.2, policy.type_probability, 0.99], n)
    typed = (np.argsort(orders, axis=1)[:, m] < 3) | (rng.random(n) < 0.5)
    type_levels = np.array([policy.type_levels[t][0] for t in tmodel.classes])[bests]
    got = policy.base_levels(probs, orders[:, 0], np.where(typed, type_levels, -1), type_ps, m)
    want = [
        policy.base(
            probs[i].tolist(),
            orders[i].tolist(),
            model.classes,
            names,
            tmodel.classes[bests[i]] if typed[i] else None,
            float(type_ps[i]),
        )[0]
        for i in range(n)
    ]
    assert got.tolist() == want
    assert len(set(want)) > 1
