"""An interview that ends early or without a description still guides (QA F7-06, F7-07),
"none" and "don't know" are different answers (brief item 3), and babies are asked
whether they were born early (brief item 2)."""

from __future__ import annotations

from typing import Any

import pytest

from milia.engine.case import validate_case
from milia.engine.interview import Interview
from milia.engine.safety_probe import Probe, SafetyQuestion, probed_fields, safety_questions
from milia.engine.unanswered import question_text, with_unanswered
from milia.engine.undescribed import undescribed_result
from milia.errors import CaseError


def _drive(answers: dict[str, str], *, default: str = "?") -> Interview:
    interview = Interview()
    while (question := interview.next_question()) is not None:
        interview.answer(question["field"], answers.get(question["field"], default))
    return interview


def test_an_unwell_newborn_with_the_bumps_undescribed_is_urgent() -> None:
    # QA F7-06: "5 days", colour and place "don't know", unwell "yes": no result at all
    interview = _drive({"age": "5 days", "unwell": "yes"})
    assert interview.result() is None  # assess() needs the bumps described
    result = interview.result_or_guidance()
    assert result["described"] is False and result["differential"] == []
    assert result["triage"]["level"] == "urgent"
    assert [f["id"] for f in result["red_flags"]] == ["baby_unwell"]
    # QA F10-26: the reason also says when to go now, from NICE NG143 and the NHS sheets
    assert result["triage"]["reasons"][0]["sources"] == [
        "bhk",
        "nice_ng143_fever",
        "what018_fever_under5",
        "nhs_healthier_together_baby_rash_urgent",
    ]


def test_dont_know_to_everything_is_at_least_routine_with_no_milia_advice() -> None:
    interview = _drive({})
    result = interview.result_or_guidance()
    assert result["triage"]["level"] == "routine"  # never self-care, never silence
    assert result["triage"]["reasons"][-1]["text"].startswith("Nothing was said")
    # the age, unknown, is a safety question about the person (a baby?) and leads (F2-63,
    # QA F8-01); then whether the person is unwell, whose answer alone could make this
    # urgent (QA F9-14, session 10: such answers lead the safety questions of their level);
    # then the colour, which was varied
    assert [q["field"] for q in result["next_questions"][:3]] == ["age_years", "unwell", "color"]
    # advice that reads the likely condition (milia) is not given for a guessed colour
    assert {a["id"] for a in result["advice"]} == {"general_not_diagnosis"}


def test_undescribed_keeps_only_what_every_colour_gives() -> None:
    # a well adult: no flag holds whatever the bumps look like
    result = undescribed_result({"age_years": 40, "unwell": False})
    assert result["red_flags"] == [] and result["triage"]["level"] == "routine"


def test_an_interview_stopped_early_names_the_questions_not_asked() -> None:
    # QA F7-07 B: the input ended after age and colour; was self-care with no word
    interview = Interview()
    interview.answer("age", "34")
    interview.answer("color", "white")
    interview.answer("sites", "eyelids")
    assert interview.next_question() is not None  # not done
    result = interview.result()
    assert result is not None and result["triage"]["level"] == "routine"
    assert result["triage"]["reasons"][0]["text"].startswith("The interview stopped before")
    signs = result["unanswered_warning_signs"]
    assert signs and all(not s["asked"] for s in signs)
    named = [r["text"] for r in result["triage"]["reasons"] if r["text"].startswith("Not asked")]
    assert len(named) == len(signs)
    assert not any("baby" in s["question"] for s in signs)  # worded for an adult (F7-01)


def test_a_finished_interview_has_nothing_not_asked() -> None:
    interview = _drive({"age": "34", "color": "white", "sites": "eyelids", "count": "3"})
    result = interview.result()
    assert result is not None
    assert all(s["asked"] for s in result["unanswered_warning_signs"])
    assert not any(
        r["text"].startswith("The interview stopped") for r in result["triage"]["reasons"]
    )


@pytest.mark.parametrize("none", ["none", "no", "nope", "nothing", "None of the above", "nah"])
def test_none_to_a_list_question_is_an_empty_list(none: str) -> None:
    interview = Interview()
    interview.answer("history", none)
    assert interview.case == {"history": []} and interview.asked == ["history"]


@pytest.mark.parametrize(
    "unsure",
    [
        "not sure",
        "Not sure.",
        "no idea",
        "dunno",
        "I don\u2019t know",
        "can't remember",
        "maybe",
        "",
    ],
)
@pytest.mark.parametrize("field", ["history", "unwell", "arrangement", "count", "diameter_mm"])
def test_dont_know_in_words_leaves_the_field_unknown(field: str, unsure: str) -> None:
    interview = Interview()
    interview.answer(field, unsure)
    assert interview.case == {} and interview.asked == [field]


def test_none_and_not_sure_are_recorded_differently() -> None:
    # hands of a 60-year-old: the history (blisters, fragile skin) could make this soon
    base = {"age": "60", "color": "white", "sites": "back of hands", "count": "10"}
    said_none = _drive({**base, "history": "none"}).result()
    not_sure = _drive({**base, "history": "not sure"}).result()
    assert said_none is not None and not_sure is not None
    assert "history" not in {s["field"] for s in said_none["unanswered_warning_signs"]}
    assert "history" in {s["field"] for s in not_sure["unanswered_warning_signs"]}


def test_none_is_not_a_place() -> None:
    interview = Interview()
    with pytest.raises(CaseError, match="say where the bumps are"):
        interview.answer("sites", "none")
    assert interview.case == {}


def _asked(answers: dict[str, Any]) -> list[str]:
    return _drive(answers).asked


def test_babies_are_asked_whether_they_were_born_early() -> None:
    asked = _asked({"age": "5 days", "color": "white", "sites": "nose", "unwell": "no"})
    assert "premature" in asked
    interview = _drive({"age": "5 days", "color": "white", "sites": "nose", "premature": "yes"})
    assert interview.case["premature"] is True


@pytest.mark.parametrize("age", ["34", "2 years", "6 months"])
def test_older_people_are_not_asked_about_being_born_early(age: str) -> None:
    assert "premature" not in _asked({"age": age, "color": "white", "sites": "nose"})


def test_premature_is_probed_but_never_raises_the_level() -> None:
    # no rule reads it (the model has no number for it): asking it is for the record
    assert "premature" in probed_fields()
    case = validate_case({"age_days": 5, "color": "white", "sites": ["nose"]})
    _, found = safety_questions(case)
    assert found and "premature" not in {q.field for q in found}


def _sign(field: str, values: list[Any], *, age_days: float | None = None) -> str:
    probes = tuple(Probe(field, v, 1, 1, 0.01, ("milia_team_estimate",), v) for v in values)
    result = {"triage": {"level": "self_care", "reasons": []}}
    sign = SafetyQuestion(field, 0, 1, 0.1, probes)
    with_unanswered(result, [sign], age_days=age_days)
    text: str = result["triage"]["reasons"][0]["text"]
    return text


def test_numbers_are_named_as_a_threshold_not_as_samples() -> None:
    # QA F7-08: "'2.9 mm' or '3 mm' or '3.4 mm' would make this routine" (4 mm: a5ce33a's rule;
    # 5 mm: blisters_older_adult's, session 11)
    assert "The answer '2.9 mm or more' would make" in _sign(
        "diameter_mm", [2.9, 3.0, 3.4, 4.0, 5.0, 6.5, 10.0, 19.0, 30.0]
    )
    assert "'1.8 mm or less'" in _sign("diameter_mm", [0.8, 1.8])
    assert "'3 to 3.4 mm' or '19 mm'" in _sign("diameter_mm", [3.0, 3.4, 19.0])


def test_a_newborns_parent_is_not_offered_adult_findings_as_answers() -> None:
    # QA F7-08: colon polyps named as an answer that matters for a 5-day-old
    items = ["colon_polyps", "jaw_osteomas", "sparse_hair"]
    assert "colon polyps" not in _sign("associated_findings", items, age_days=5)
    assert "sparse hair" in _sign("associated_findings", items, age_days=5)
    assert "colon polyps" in _sign("associated_findings", items, age_days=40 * 365.25)
    # nothing else would raise it: still not named (QA F8-35), but the sign is kept
    only = _sign("associated_findings", ["colon_polyps"], age_days=5)
    assert "colon polyps" not in only and "An answer not expected at this age" in only


@pytest.mark.parametrize(
    "answers",
    [
        {},  # nothing described
        {"age": "34", "color": "white"},  # stopped early (via result below)
        {"age": "5 days", "color": "white", "sites": "nose"},  # "Not answered" reasons
    ],
)
def test_every_reason_the_interview_adds_carries_its_evidence(answers: dict[str, str]) -> None:
    # QA F6-19: triage reasons are {"text", "sources", "evidence"} everywhere
    interview = _drive(answers)
    stopped = Interview()
    for field, text in answers.items():
        stopped.answer(field, text)
    for result in (interview.result_or_guidance(), stopped.result_or_guidance()):
        reasons = result["triage"]["reasons"]
        assert reasons and all(r.get("evidence") for r in reasons), reasons


def test_with_the_age_unknown_the_unwell_question_names_a_babys_signs_too() -> None:
    # QA F7-26: "?" to the age, then "Does the person feel unwell (fever, shivering, ...)"
    interview = Interview()
    interview.answer("age", "?")
    interview.answer("color", "white")
    interview.answer("sites", "nose")
    question = interview.next_question()
    assert question is not None and question["field"] == "unwell"
    assert "floppy" in question["question"] and "feeling ill" in question["question"]
    assert "floppy" not in question_text("unwell", 40 * 365.25)
    assert "floppy" in question_text("unwell", 20)


@pytest.mark.parametrize("limit", [1, 2])
def test_qa_f8_30_the_limit_never_skips_unwell_or_the_description(limit: int) -> None:
    # `--max-questions 1` asked only the age, then gave a result without "is the baby unwell?"
    interview = Interview(max_questions=limit)
    answers = {"age": "5 days", "color": "white", "sites": "nose", "unwell": "no"}
    asked = []
    while (question := interview.next_question()) is not None:
        asked.append(question["field"])
        interview.answer(question["field"], answers.get(question["field"], "?"))
    assert asked[0] == "age" and "unwell" in asked
    assert {"color", "sites"} <= set(asked)
    result = interview.result()
    assert result is not None and result["differential"]  # described, so assessed


def test_qa_f8_30_unwell_comes_first_past_the_limit_and_dont_know_still_ends() -> None:
    interview = Interview(max_questions=1)
    interview.answer("age", "5 days")
    question = interview.next_question()
    assert question is not None and question["field"] == "unwell"
    asked = ["age"]
    while (question := interview.next_question()) is not None:
        asked.append(question["field"])
        interview.answer(question["field"], "?")
    # "don't know" to every describing question: the interview ends with guidance
    assert asked == ["age", "unwell", "color", "sites", "diameter_mm", "surface", "count"]
    assert interview.result() is None
    assert interview.result_or_guidance()["triage"]["level"] == "routine"


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("surface", "vesicle", "blister"),
        ("surface", "central_pore", "pore in the middle"),
        ("medications", "fluorouracil_topical", "fluorouracil (5-FU) cream"),
        ("history", "family_history_similar_bumps", "someone in the family has similar bumps"),
    ],
)
def test_qa_f8_09_not_answered_lines_name_answers_as_the_question_showed(
    field: str, value: str, words: str
) -> None:
    # the result said 'vesicle', 'central pore' where the question had offered 'blister'
    from milia.engine.plain_words import option_label
    from milia.engine.unanswered import answer_words

    assert option_label(field, value) == words
    assert answer_words(Probe(field, value, 2, 2, 0.5, ())) == words


def test_qa_f8_09_an_interviews_not_answered_lines_use_the_shown_words() -> None:
    interview = _drive({"age": "60", "color": "white", "sites": "eyelids"})
    result = interview.result()
    assert result is not None
    lines = [r["text"] for r in result["triage"]["reasons"] if r["text"].startswith("Not answered")]
    surface = next(line for line in lines if "top of a bump" in line)
    assert "'blister'" in surface and "vesicle" not in surface
    assert not any("_" in line or "at site" in line for line in lines)


def test_qa_f8_35_answers_not_offered_at_the_age_are_never_named() -> None:
    # a 3-week-old's early stop said "'multiple basal cell carcinomas' would make this soon"
    interview = Interview()
    typed = iter(["3 weeks", "white", "nose", "no", "20", "slowly", "no", "none"])
    for text in typed:
        question = interview.next_question()
        assert question is not None
        interview.answer(question["field"], text)
    result = interview.result()
    assert result is not None
    lines = [r["text"] for r in result["triage"]["reasons"] if r["text"].startswith("Not a")]
    assert lines and not any("carcinoma" in line or "colon polyps" in line for line in lines)
    findings = [line for line in lines if "other findings" in line]
    assert findings and "An answer not expected at this age would make this" in findings[0]
