"""The interview state machine: reading answers and choosing the next question."""

from __future__ import annotations

from typing import Any

import pytest

from milia.engine.interview import Interview, parse_answer
from milia.engine.model import condition_model
from milia.engine.questions import question_table
from milia.errors import CaseError


@pytest.mark.parametrize(
    ("field", "text", "expected"),
    [
        ("age", "34", {"age_years": 34.0}),
        ("age", "5 days", {"age_days": 5}),
        ("age", "3 weeks", {"age_days": 21}),
        ("age", "8 months", {"age_days": 244}),
        ("age", "2 years", {"age_years": 2.0}),
        ("color", "White", {"color": "white"}),
        ("color", "skin colored", {"color": "skin_colored"}),
        ("sites", "eyelids, cheeks, eyelids", {"sites": ["eyelids", "cheeks"]}),
        # QA F2-46: the singular of a valid site is that site (interactive answers only)
        ("sites", "eyelid, cheek", {"sites": ["eyelids", "cheeks"]}),
        ("sites", "eyelid, eyelids", {"sites": ["eyelids"]}),
        ("inflamed", "y", {"inflamed": True}),
        ("inflamed", "no", {"inflamed": False}),
        ("diameter_mm", "1,5", {"diameter_mm": 1.5}),
        ("count", "12.4", {"count": 12}),
        ("history", "none", None),
        ("color", "?", None),
        ("color", "", None),
        ("color", "don't know", None),
    ],
)
def test_parse_answer(field: str, text: str, expected: dict[str, object] | None) -> None:
    assert parse_answer(field, text) == expected


@pytest.mark.parametrize(
    ("field", "text", "suggestion"),
    [
        ("color", "whte", "white"),
        ("sites", "eyelidd", "eyelids"),
        ("inflamed", "yeh", "yes"),
        ("age", "5 dayz", None),
        ("age", "old", None),
        ("diameter_mm", "big", None),
    ],
)
def test_bad_answers_raise_with_suggestion(field: str, text: str, suggestion: str | None) -> None:
    with pytest.raises(CaseError) as info:
        parse_answer(field, text)
    if suggestion is not None:
        assert info.value.suggestion == suggestion


def test_interview_starts_with_age_and_looks_then_follows_information_gain() -> None:
    interview = Interview(max_questions=10)
    asked, reasons = [], []
    answers = {"age": "41", "color": "white", "sites": "eyelids"}
    while (question := interview.next_question()) is not None:
        asked.append(question["field"])
        reasons.append(question.get("reason", ""))
        interview.answer(question["field"], answers.get(question["field"], "?"))
    assert asked[:3] == ["age", "color", "sites"]
    assert len(asked) == len(set(asked))
    # past max_questions only safety questions (an answer could raise the level: F6-20)
    assert all(r.startswith("safety:") for r in reasons[10:])
    result = interview.result()
    assert result is not None and result["differential"][0]["condition"] == "milia"
    assert not {q["field"] for q in result["next_questions"]} & set(asked)


def test_interview_asks_baby_wellbeing_and_stops_when_confident() -> None:
    interview = Interview(max_questions=12, confidence=0.5)
    for field, text in (("age", "5 days"), ("color", "white"), ("sites", "nose")):
        assert interview.next_question()["field"] == field  # type: ignore[index]
        interview.answer(field, text)
    fields = []
    while (question := interview.next_question()) is not None:
        if not question.get("reason", "").startswith("safety:"):
            fields.append(question["field"])  # then only safety questions (F6-20)
        interview.answer(question["field"], "?")
    assert "unwell" in fields
    assert len(fields) < 9, "a confident result should end the interview early"


def test_nothing_described_means_no_result() -> None:
    interview = Interview(max_questions=4)
    while (question := interview.next_question()) is not None:
        interview.answer(question["field"], "?")
    assert interview.result() is None


@pytest.mark.parametrize(
    ("field", "text", "expected"),
    [
        ("sites", "eyelids and cheeks", {"sites": ["eyelids", "cheeks"]}),
        ("sites", "nose/chin; forehead", {"sites": ["nose", "chin", "forehead"]}),
        ("diameter_mm", "2 mm", {"diameter_mm": 2.0}),
        ("count", "20 bumps", {"count": 20}),
        ("duration_weeks", "6 weeks", {"duration_weeks": 6.0}),
        # Python callers
        ("count", 3, {"count": 3}),
        ("inflamed", False, {"inflamed": False}),
        ("sites", ["eyelids", "nose"], {"sites": ["eyelids", "nose"]}),
        ("color", None, None),
    ],
)
def test_answers_as_people_type_them(field: str, text: object, expected: object) -> None:
    assert parse_answer(field, text) == expected


@pytest.mark.parametrize("text", ["nan", "inf", "-inf", "1e400", "1" * 5000])
@pytest.mark.parametrize("field", ["count", "diameter_mm", "duration_weeks"])
def test_non_finite_numbers_are_case_errors(field: str, text: str) -> None:
    # 'nan' typed at the count question used to end the CLI with a traceback
    with pytest.raises(CaseError) as info:
        Interview().answer(field, text)
    assert info.value.field == field


def test_unknown_question_and_odd_answer_types_are_case_errors() -> None:
    with pytest.raises(CaseError) as info:
        parse_answer("colour", "white")
    assert info.value.suggestion == "color"
    with pytest.raises(CaseError):
        parse_answer("color", {"value": "white"})


def _asked_duration(age: str, site: str) -> dict[str, Any]:
    """Drive an interview (white bumps, everything else "don't know") to its duration question."""
    interview = Interview()
    interview.answer("age", age)
    interview.answer("color", "white")
    interview.answer("sites", site)
    while (question := interview.next_question()) is not None:
        if question["field"] == "duration_weeks":
            return question
        interview.answer(question["field"], "?")
    raise AssertionError("the duration was never asked")


def test_a_young_babys_parent_is_asked_the_duration_in_words_that_fit() -> None:
    """A newborn's spots are days old: the question says parts of a week and 'since birth'."""
    baby = _asked_duration("5 days", "nose")["question"]
    assert "3 days" in baby and "since birth" in baby
    adult = Interview(case={"age_years": 34, "color": "white"})
    item = question_table(condition_model()).item("duration_weeks", 0.0)
    text = adult._worded(item)["question"]
    assert "since birth" not in text and "weeks" in text


@pytest.mark.parametrize(
    ("text", "weeks"),
    [("3 days", 0.43), ("10 days", 1.43), ("3 months", 13.05), ("1 year", 52.18), ("6 wks", 6.0)],
)
def test_a_duration_is_read_with_its_unit(text: str, weeks: float) -> None:
    assert parse_answer("duration_weeks", text) == {"duration_weeks": weeks}


def test_since_birth_is_the_babys_age_and_present_at_birth() -> None:
    interview = Interview(case={"age_days": 14, "color": "white"})
    interview.answer("duration_weeks", "since birth")
    assert interview.case["duration_weeks"] == 2.0
    assert interview.case["present_at_birth"] is True
    with pytest.raises(CaseError, match="needs the age first"):
        Interview(case={"color": "white"}).answer("duration_weeks", "since birth")


def _fields_asked(answers: dict[str, str], default: str = "?") -> tuple[list[str], Interview]:
    interview = Interview()
    while (question := interview.next_question()) is not None:
        interview.answer(question["field"], answers.get(question["field"], default))
    return interview.asked, interview


def test_the_interview_asks_everyone_whether_they_feel_unwell() -> None:
    """QA F2-69 (safety): an unwell adult with a sudden crop of 200 pus spots was never
    asked about feeling unwell or the onset, and ended at self-care."""
    answers = {
        "age": "45",
        "color": "white",
        "sites": "chest, back",
        "surface": "pustule",
        "inflamed": "yes",
        "count": "200",
        "painful": "yes",
        "unwell": "yes",
        "onset": "eruptive",
    }
    asked, interview = _fields_asked(answers)
    assert "unwell" in asked
    result = interview.result()
    assert result is not None and result["triage"]["level"] == "urgent"


def test_many_bumps_bring_the_onset_question() -> None:
    """QA F2-69: with 20 or more bumps, whether they came within weeks (eruptive onset,
    at least routine) is asked next."""
    interview = Interview(
        case={"age_years": 45, "color": "white", "count": 60},
        asked=["age", "color", "sites", "unwell", "count"],
    )
    question = interview.next_question()
    assert question is not None and question["field"] == "onset"


def test_the_unwell_question_fits_the_age() -> None:
    older = Interview(case={"age_years": 3, "color": "white"})
    item = question_table(condition_model()).item("unwell", 0.0)
    assert "baby" not in older._worded(item)["question"]
    baby = Interview(case={"age_days": 200, "color": "white"})
    assert "baby" in baby._worded(item)["question"]


def test_a_child_with_many_milia_is_asked_about_associated_findings() -> None:
    """QA F2-69: hair, nail, mouth or finger anomalies (syndromic flag, genodermatosis
    type) and known conditions (blistering diseases) could not be reported."""
    answers = {
        "age": "6",
        "color": "white",
        "sites": "cheeks, forehead",
        "count": "60",
        "associated_findings": "sparse hair, nail dystrophy",
    }
    asked, interview = _fields_asked(answers)
    assert "associated_findings" in asked and "conditions" in asked
    result = interview.result()
    assert result is not None
    assert "syndromic_findings" in {f["id"] for f in result["red_flags"]}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("whitish", "white"),
        ("Pearly", "pearly_translucent"),
        ("skin coloured", "skin_colored"),
        ("Yellowish", "yellow"),
        ("Translucent", "pearly_translucent"),
        ("flesh", "skin_colored"),
    ],
)
def test_plain_colour_words_are_taken(text: str, value: str) -> None:
    """QA F2-68: plain words the interview already knew the answer to were refused."""
    assert parse_answer("color", text) == {"color": value}


@pytest.mark.parametrize(
    ("text", "mm"), [("1-2 mm", 1.5), ("1 to 2 millimetres", 1.5), ("pinhead", 1.0), ("1,5", 1.5)]
)
def test_sizes_as_people_give_them(text: str, mm: float) -> None:
    """QA F2-70: a range is its middle, "pinhead" (the question's own hint) is 1 mm."""
    assert parse_answer("diameter_mm", text) == {"diameter_mm": mm}


def test_a_number_error_speaks_plain_words() -> None:
    """QA F2-70: "diameter_mm needs a number" named a field id."""
    with pytest.raises(CaseError) as err:
        parse_answer("diameter_mm", "big")
    assert "diameter_mm" not in err.value.message and "millimetres" in err.value.message
