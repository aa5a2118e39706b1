"""Which list options the interview offers at an age (questions.yaml ``options_from_days``)."""

from __future__ import annotations

import pytest

from milia.engine.interview import Interview


def _options_offered(age: str) -> dict[str, list[str]]:
    interview, offered = Interview(max_questions=40), {}
    answers = {"age": age, "color": "white", "sites": "nose", "unwell": "no"}
    while (question := interview.next_question()) is not None:
        offered[question["field"]] = [str(o) for o in question["options"]]
        interview.answer(question["field"], answers.get(question["field"], "?"))
    return offered


ADULT_MEDICINES_AND_HISTORY = {
    "medications": {"isotretinoin", "fluorouracil_topical", "hydroquinone", "benoxaprofen"},
    "history": {
        "dermabrasion_at_site",
        "laser_resurfacing_at_site",
        "chemical_peel_at_site",
        "tattoo_at_site",
        "chronic_sun_damage",
    },
}
# what babies do get, or what happens to them, stays offered
BABY_ITEMS = {
    "medications": {"topical_corticosteroid", "cyclosporine"},
    "history": {"burn_at_site", "blistering_at_site", "wants_self_extraction", "overheating"},
}


@pytest.mark.parametrize("age", ["newborn", "5 days", "3 months", "18 months"])
def test_a_baby_is_not_offered_adult_medicines_or_procedures(age: str) -> None:
    """Session 6 (left over from NEW-5): a newborn's parent was offered isotretinoin."""
    offered = _options_offered(age)
    for field, items in ADULT_MEDICINES_AND_HISTORY.items():
        assert field in offered
        assert not items & set(offered[field]), field
    for field, items in BABY_ITEMS.items():
        assert items <= set(offered[field]), field


@pytest.mark.parametrize("age", ["3", "40", "?"])
def test_children_adults_and_unknown_ages_see_every_medicine(age: str) -> None:
    offered = _options_offered(age)
    for field, items in ADULT_MEDICINES_AND_HISTORY.items():
        assert items <= set(offered[field]), field


def test_a_baby_may_still_type_an_adult_medicine() -> None:
    interview = Interview()
    interview.answer("age", "5 days")
    interview.answer("medications", "isotretinoin")
    assert interview.case["medications"] == ["isotretinoin"]


def test_a_result_shows_questions_not_yet_asked_after_many_dont_knows() -> None:
    """Session 6: a newborn's parent answering "don't know" to twelve questions got
    no "questions that would sharpen this" (the top five had all been asked)."""
    interview = Interview()
    answers = {"age": "newborn", "sites": "nose, cheeks"}
    while (question := interview.next_question()) is not None:
        interview.answer(question["field"], answers.get(question["field"], "?"))
    result = interview.result()
    assert result is not None
    shown = [q["field"] for q in result["next_questions"]]
    assert 1 <= len(shown) <= 5
    assert not set(shown) & set(interview.asked)


def test_qa_f8_09_the_history_question_does_not_say_where_the_bumps_are() -> None:
    """Its options are not all about where the bumps are (family, contacts, the wish to
    squeeze, overheating): it read "Any of these, where the bumps are?"."""
    from milia.engine.interview import Interview

    interview = Interview(max_questions=40)
    for _ in range(60):
        question = interview.next_question()
        assert question is not None, "the history question was never asked"
        if question["field"] == "history":
            break
        interview.answer(
            question["field"], {"age": "34", "color": "white"}.get(question["field"], "?")
        )
    assert question["question"] == "Do any of these apply?"
