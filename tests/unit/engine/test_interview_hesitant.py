"""A hesitant answer to a yes/no warning sign triages up (QA F15-03)."""

from __future__ import annotations

import pytest

from milia.engine.interview import Interview


def _newborn(unwell: str) -> Interview:
    interview = Interview()
    for field, said in (("age", "5 days"), ("color", "white"), ("sites", "nose")):
        interview.answer(field, said)
    interview.answer("unwell", unwell)
    return interview


@pytest.mark.parametrize(
    "unsure", ["maybe", "not sure", "Not sure.", "perhaps", "I think so", "possibly"]
)
def test_a_hesitant_answer_to_the_baby_unwell_question_is_urgent(unsure: str) -> None:
    interview = _newborn(unsure)
    assert "unwell" not in interview.case  # still not known: never a "yes" in the case
    result = interview.result()
    assert result is not None
    assert result["triage"]["level"] == "urgent"  # was routine (QA F15-03)
    texts = [r["text"] for r in result["triage"]["reasons"]]
    assert any(t.startswith('You were not sure about "Is the baby unwell') for t in texts)
    assert not any(t.startswith('Not answered: "Is the baby unwell') for t in texts)
    sign = next(s for s in result["unanswered_warning_signs"] if s["field"] == "unwell")
    assert sign["assumed"] is True


@pytest.mark.parametrize("no_answer", ["?", "skip", "", "no idea", "dunno"])
def test_no_answer_stays_not_answered(no_answer: str) -> None:
    result = _newborn(no_answer).result()
    assert result is not None
    assert result["triage"]["level"] == "routine"
    texts = [r["text"] for r in result["triage"]["reasons"]]
    assert any(t.startswith('Not answered: "Is the baby unwell') for t in texts)


def test_a_sure_answer_after_a_hesitant_one_replaces_it() -> None:
    interview = _newborn("maybe")
    interview.answer("unwell", "no")
    result = interview.result()
    assert result is not None and result["triage"]["level"] != "urgent"
    assert interview.hesitant == []


def test_hesitation_about_a_list_question_stays_dont_know() -> None:
    interview = Interview()
    interview.answer("history", "maybe")
    assert interview.case == {} and interview.hesitant == []
