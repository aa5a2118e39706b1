"""``TriagePolicy.threshold_level`` sums only the levels it reaches: the same level as the
plain loop over every class (session 14, engine speed)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from milia.engine.model import condition_model
from milia.engine.triage import LEVELS, TriagePolicy, triage_policy


def _plain(policy: TriagePolicy, probs: Sequence[float]) -> int:
    """threshold_level as written before session 14: every class's mass, then the levels."""
    mass = [0.0] * len(LEVELS)
    for lv, p in zip(policy.level_list, probs, strict=True):
        mass[lv] += p
    at_least = 0.0
    for rank in range(len(LEVELS) - 1, 0, -1):
        at_least += mass[rank]
        if at_least >= policy.thresholds[rank]:
            return rank
    return 0


def test_threshold_level_as_the_plain_loop() -> None:
    policy = triage_policy(condition_model().classes)
    rng = np.random.default_rng(34)
    found = set()
    for n in range(5_000):
        weights = rng.random(len(policy.level_list)) ** (1 + n % 12)
        probs = weights / weights.sum()
        level = policy.threshold_level(probs.tolist())
        assert level == _plain(policy, probs.tolist()) == policy.threshold_level(probs)
        found.add(level)
    assert len(found) >= 2


def test_level_columns_cover_the_levels_above_self_care() -> None:
    policy = triage_policy(condition_model().classes)
    columns = dict(policy.level_columns)
    assert list(columns) == list(range(len(LEVELS) - 1, 0, -1))
    for i, lv in enumerate(policy.level_list):
        assert (i in columns.get(lv, ())) == (lv > 0)


def test_threshold_level_needs_one_probability_per_class() -> None:
    policy = triage_policy(condition_model().classes)
    with pytest.raises(ValueError, match="probabilities"):
        policy.threshold_level([1.0])
