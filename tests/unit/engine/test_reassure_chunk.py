"""``reassure.never_reassured``, the chunk form: each case as the one-case path gives it.

The chunk form reads a variant's probabilities, ranking and milia type as lists only
when the variant could raise its case's level (its base level is above it, or one of
its re-checked flags is); these tests check that its answers are those of the one-case
path (``assess``), on chunks large enough for the variants' flags to be evaluated for
the whole chunk and small enough for them to be read case by case.
"""

from __future__ import annotations

from typing import Any

import pytest
from test_fast_path import FLAGGED

import milia.engine.fast as fast
from milia.engine.assess import assess, assess_many
from milia.engine.chunk_rules import CHUNK_RULES_FROM
from milia.engine.sample import random_cases


@pytest.mark.parametrize(("n", "seed"), [(700, 31), (CHUNK_RULES_FROM // 4, 32)])
def test_chunks_assess_as_one_case(n: int, seed: int) -> None:
    cases = random_cases(n, seed=seed) + FLAGGED
    assert assess_many(cases) == [assess(c) for c in cases]


def test_the_variants_raise_levels_in_these_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the variants, some cases of the chunk above get another triage (a lower
    level, fewer reasons): the test above exercises the raising paths, not only the
    shortcut."""
    cases = random_cases(700, seed=31)
    levels = [r["triage"] for r in assess_many(cases)]

    def none(*_: Any) -> None:
        return None

    monkeypatch.setattr(fast, "never_reassured", none)
    without = [r["triage"] for r in assess_many(cases)]
    assert sum(a != b for a, b in zip(levels, without, strict=True)) >= 1
