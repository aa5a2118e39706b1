"""``case_texts``: each case's own JSON texts of a chunk, written in flat runs."""

from __future__ import annotations

import json

import pytest
from test_fast_path import EXAMPLES, FLAGGED

import milia.engine.jsoncase as jsoncase
from milia.engine.case import validate_case
from milia.engine.fast import compute_chunk
from milia.engine.fast_dicts import to_dicts
from milia.engine.jsoncase import case_texts
from milia.engine.jsontext import to_json
from milia.engine.sample import random_cases


def _chunk(seed: int, n: int) -> list[dict[str, object]]:
    cases = random_cases(n, seed=seed) + EXAMPLES + FLAGGED
    return [dict(validate_case(case)) for case in cases]


@pytest.mark.parametrize("n_questions", [0, 1, 5])
def test_a_chunk_is_written_as_its_dicts(n_questions: int) -> None:
    """Questions worded by age, named flags, typed and untyped cases: as the dicts."""
    done = compute_chunk(_chunk(61, 400), n_questions=n_questions, why_top=23)
    assert any(done.messages)  # some flags name the case's findings
    assert any(kind is None for kind in done.types) and any(done.types)
    got = [json.loads(text) for text in to_json(done)]
    assert got == to_dicts(done)


def test_known_texts_are_reused_exactly() -> None:
    """A second chunk, written from the kept texts, writes what a fresh start writes."""
    done = compute_chunk(_chunk(62, 300), n_questions=5, why_top=23)
    _, pre, mid, end = case_texts(done, None)
    for kept in (jsoncase._REASONS, jsoncase._NAMED_FLAGS, jsoncase._NOT_LISTED, jsoncase._TYPED):
        assert kept  # filled by the first call
    again = case_texts(done, None)
    assert again[1:] == (pre, mid, end)
    for kept in (jsoncase._REASONS, jsoncase._NAMED_FLAGS, jsoncase._NOT_LISTED, jsoncase._TYPED):
        kept.clear()
    assert case_texts(done, None)[1:] == (pre, mid, end)


def test_a_reason_text_with_other_sources_is_written_with_them() -> None:
    """A reason kept by its text is reused only with the same sources."""
    jsoncase._REASONS.clear()
    first = {"text": "a reason", "sources": ["bio"]}
    other = {"text": "a reason", "sources": ["berk2008"]}
    written = jsoncase._reason_texts([[first], [other], [first]])
    assert [json.loads(text)["sources"] for text in written] == [["bio"], ["berk2008"], ["bio"]]


def test_heads_open_each_case() -> None:
    done = compute_chunk(_chunk(63, 20), n_questions=5, why_top=23)
    heads = [f'"id": {i}, "line": {i + 1}, ' for i in range(len(done.cases))]
    _, pre, _, _ = case_texts(done, heads)
    assert pre[3] == '{"id": 3, "line": 4, "differential": ['
