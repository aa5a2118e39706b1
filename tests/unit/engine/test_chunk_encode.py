"""encode_chunk gives the padded rows, weights and slots of encode + pad."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest
from engine_strategies import valid_cases
from hypothesis import given, settings
from hypothesis import strategies as st
from test_fast_path import EXAMPLES, FLAGGED

from milia.engine.case import case_age_days, validate_case
from milia.engine.chunk_encode import encode_chunk
from milia.engine.prepared import prepared
from milia.engine.sample import random_cases


def _same(cases: Sequence[dict[str, Any]]) -> None:
    prep = prepared()
    cleaned = [validate_case(c) for c in cases]
    ages = [case_age_days(c) for c in cleaned]
    want = prep.pad([prep.model.encode(c, a) for c, a in zip(cleaned, ages, strict=True)])
    got = encode_chunk(prep, cleaned, ages)
    for name in ("rows", "weights", "slots", "lengths"):
        a, b = getattr(want, name), getattr(got, name)
        assert a.dtype == b.dtype and np.array_equal(a, b), name


def test_generated_example_and_flagged_cases() -> None:
    _same(random_cases(2000, seed=41) + EXAMPLES + FLAGGED)
    _same(FLAGGED[:1])


@settings(max_examples=60, deadline=None)
@given(st.lists(valid_cases(), min_size=1, max_size=20))
def test_any_valid_cases(cases: list[dict[str, Any]]) -> None:
    _same(cases)


def test_beyond_the_tables_it_encodes_the_plain_way() -> None:
    prep = prepared()
    # not a valid case (an unknown history item): encode fails on it, and so does the chunk
    odd = {"color": "white", "history": ["no_such_history"]}
    with pytest.raises(KeyError):
        prep.model.encode(odd, None)
    with pytest.raises(KeyError):
        encode_chunk(prep, [{"color": "white"}, odd], [None, None])
    assert encode_chunk(prep, [], []).rows.shape == (0, 0)
