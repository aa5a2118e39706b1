"""QA round 7 findings on the knowledge (repro in /work/qa/findings.md): F7-01, F7-02, F7-05."""

from __future__ import annotations

from typing import Any

import pytest

import milia
from milia.engine.batch import assess_batch

SHINGLES_NEAR_EYE = {
    "age_years": 60,
    "color": "clear",
    "surface": "vesicle",
    "content": "clear_fluid",
    "arrangement": "grouped",
    "on_red_plaque": True,
    "painful": True,
    "inflamed": True,
    "sites": ["forehead", "eyelids"],
    "duration_weeks": 0.4,
    "course": "spreading",
}


def _advice(result: dict[str, Any]) -> dict[str, str]:
    return {a["id"]: a["text"] for a in result["advice"]}


@pytest.mark.parametrize(
    "case",
    [
        {"age_years": 30, "color": "clear", "surface": "vesicle", "count": 50, "sites": ["neck", "chest"]},
        {"age_days": 10, "color": "clear", "surface": "vesicle", "count": 50, "sites": ["neck", "chest"]},
        {"color": "clear", "surface": "vesicle", "count": 50, "sites": ["neck", "chest"]},
    ],
)  # fmt: skip
def test_sweat_rash_advice_fits_every_age(case: dict[str, Any]) -> None:
    """F7-02: 'keep the baby cool' was said to a 60-year-old."""
    result = milia.assess(case)
    assert result["differential"][0]["condition"] == "miliaria_crystallina"
    text = _advice(result)["miliaria_keep_cool"]
    assert "baby" not in text
    assert assess_batch([case])[0] == result


SWEAT_RASH = {
    "age_years": 30,
    "color": "clear",
    "surface": "vesicle",
    "count": 50,
    "sites": ["neck", "chest"],
}


def test_no_sweat_rash_reassurance_for_a_shingles_picture() -> None:
    """F7-02: painful, inflamed blisters on a red plaque near the eye got 'clears within days'."""
    result = milia.assess(SHINGLES_NEAR_EYE)
    assert result["triage"]["level"] == "urgent"
    assert result["differential"][0]["condition"] == "miliaria_crystallina"
    assert "miliaria_keep_cool" not in _advice(result)


@pytest.mark.parametrize("sign", ["painful", "inflamed", "on_red_plaque", "unwell"])
def test_no_sweat_rash_reassurance_beside_pain_or_redness(sign: str) -> None:
    """Miliaria crystallina's clear blisters sit on normal skin [cpm]."""
    assert "miliaria_keep_cool" in _advice(milia.assess(SWEAT_RASH))
    result = milia.assess({**SWEAT_RASH, sign: True})
    assert result["differential"][0]["condition"] == "miliaria_crystallina"
    assert "miliaria_keep_cool" not in _advice(result)


@pytest.mark.parametrize(
    ("age_days", "words"),
    [
        (10, "Is the baby unwell"),
        (700, "Is the baby unwell"),
        (730.5, "Does the person feel unwell"),
        (29 * 365.25, "Does the person feel unwell"),
        (None, "Does the person feel unwell"),
    ],
)
def test_the_unwell_question_is_worded_for_the_age(age_days: float | None, words: str) -> None:
    """F7-01: a 29-year-old was asked 'Is the baby unwell (fever, floppy, feeding poorly)?'.
    QuestionTable words a question for the age as the interview does (questions.yaml)."""
    from milia.engine.model import condition_model
    from milia.engine.questions import question_table

    table = question_table(condition_model())
    assert table.question_text("unwell", age_days).startswith(words)
    variant = table.variant("unwell", age_days)
    assert variant in table.variants("unwell")
    item = table.item("unwell", 0.25, reason="r", variant=variant)
    assert item["question"].startswith(words)
    assert item["field"] == "unwell" and item["expected_information_gain"] == 0.25
    assert table.item("unwell", 0.25)["question"] == table.head("unwell")["question"]
    # a young baby's spots are counted in days; older people's bumps in weeks
    duration = table.question_text("duration_weeks", age_days)
    assert ("since birth" in duration) is (age_days is not None and age_days < 91)
