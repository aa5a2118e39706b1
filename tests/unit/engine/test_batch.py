"""The vectorised batch path gives exactly the single-case results."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from milia.engine.assess import assess, assess_many
from milia.engine.batch import posteriors
from milia.errors import CaseError

CASES = [
    json.loads(line)["case"]
    for name in ("examples.jsonl", "heldout.jsonl")
    for line in (Path(__file__).resolve().parents[2] / "data" / "cases" / name)
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip()
]


def test_batch_equals_single_case_results() -> None:
    batch = assess_many(CASES)
    assert len(batch) == len(CASES)
    for case, result in zip(CASES, batch, strict=True):
        assert result == assess(case)


def test_why_top_limits_explanations_only() -> None:
    full = assess_many(CASES[:5])
    short = assess_many(CASES[:5], why_top=3)
    for a, b in zip(full, short, strict=True):
        assert [d["condition"] for d in a["differential"]] == [
            d["condition"] for d in b["differential"]
        ]
        assert all(d["why"] == [] for d in b["differential"][3:])
        assert b["differential"][0]["why"] == a["differential"][0]["why"]
        assert a["triage"] == b["triage"]


def test_posteriors_match_and_sum_to_one() -> None:
    cond, kinds = posteriors(CASES)
    assert cond.shape == (len(CASES), 23) and kinds.shape == (len(CASES), 8)
    # the differential sums to the listed conditions' share (milia.engine.not_listed)
    assert (cond.sum(axis=1) <= 1.0).all() and (cond.sum(axis=1) > 0.5).all()
    assert np.allclose(kinds.sum(axis=1), 1.0)
    single = assess(CASES[0])["differential"][0]
    from milia.engine.model import condition_model

    column = condition_model().classes.index(single["condition"])
    assert cond[0, column] == pytest.approx(single["probability"], abs=1e-4)


def test_empty_batch_and_bad_case_index() -> None:
    assert assess_many([]) == []
    assert posteriors([])[0].shape == (0, 23)
    with pytest.raises(CaseError) as info:
        assess_many([CASES[0], {"colour": "white"}])
    assert info.value.field == "[1].colour" and info.value.suggestion == "color"


@pytest.mark.parametrize("not_cases", [None, 3, "{}", b"{}", {"color": "white"}])
def test_batch_of_something_that_is_not_cases_is_a_case_error(not_cases: object) -> None:
    from milia.engine.batch import assess_batch, posteriors

    for function in (assess_batch, posteriors):
        with pytest.raises(CaseError) as info:
            function(not_cases)  # type: ignore[operator]
        assert info.value.field == "cases"


@pytest.mark.parametrize("bad", [-1, 2.5, "3", None, True])
def test_option_counts_are_checked(bad: object) -> None:
    from milia.engine.assess import assess
    from milia.engine.batch import assess_batch

    with pytest.raises(CaseError) as info:
        assess({"color": "white"}, n_questions=bad)  # type: ignore[arg-type]
    assert info.value.field == "n_questions"
    with pytest.raises(CaseError) as info:
        assess_batch([{"color": "white"}], why_top=bad)  # type: ignore[arg-type]
    assert info.value.field == "why_top"


def test_batches_pause_the_collector_and_restore_it_as_it_was() -> None:
    import gc

    from milia.engine.assess import gc_paused
    from milia.engine.batch import assess_batch
    from milia.engine.jsontext import assess_lines

    case = {"age_years": 30, "color": "white", "sites": ["eyelids"]}
    for was_on in (True, False):
        (gc.enable if was_on else gc.disable)()
        try:
            assess_batch([case])
            assess_lines([(1, '{"age_years": 30, "color": "white"}')])
            assert gc.isenabled() is was_on
            with pytest.raises(ZeroDivisionError), gc_paused():
                assert not gc.isenabled()
                _ = 1 / 0
            assert gc.isenabled() is was_on
        finally:
            gc.enable()
