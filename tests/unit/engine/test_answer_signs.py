"""A yes said in the question's own terms (QA F9-01): never read as no."""

from __future__ import annotations

import pytest

from milia.engine.answer_signs import sign_answer, sign_fields
from milia.engine.answers import parse_answer
from milia.errors import CaseError


@pytest.mark.parametrize(
    "answer",
    [
        "not feeding well",
        "not well",
        "not himself",
        "no appetite",
        "she has a fever",
        "temperature 38.5",
        "floppy",
        "hot and floppy",
        "sleepy all the time",
        "isnt feeding",
        "isn\u2019t feeding",
        "no fever but sleepy",
        "no vomiting, but very sleepy",
    ],
)
def test_a_sick_baby_answer_is_a_yes(answer: str) -> None:
    assert parse_answer("unwell", answer) == {"unwell": True}


@pytest.mark.parametrize("answer", ["no fever", "no vomiting or fever", "no, she is fine", "nope"])
def test_a_negated_sign_stays_a_no(answer: str) -> None:
    assert parse_answer("unwell", answer) == {"unwell": False}


@pytest.mark.parametrize("answer", ["not sick", "not really", "doesn't seem sleepy"])
def test_a_hedged_or_negated_sign_is_never_taken_as_yes(answer: str) -> None:
    with pytest.raises(CaseError) as caught:
        parse_answer("unwell", answer)
    assert caught.value.suggestion != "yes"


def test_a_sign_with_reassurance_is_offered_as_yes_not_taken() -> None:
    with pytest.raises(CaseError) as caught:
        parse_answer("unwell", "temperature is fine")
    assert caught.value.suggestion == "yes"


@pytest.mark.parametrize(
    ("field", "answer"),
    [
        ("painful", "it hurts"),
        ("painful", "a bit tender"),
        ("painful", "hurts when touched"),
        ("growing", "getting bigger"),
        ("growing", "its grown"),
        ("growing", "slowly getting bigger"),
        ("bleeding", "it bled once"),
    ],
)
def test_warning_signs_of_a_lesion_read_as_yes(field: str, answer: str) -> None:
    assert parse_answer(field, answer) == {field: True}


@pytest.mark.parametrize(("field", "answer"), [("painful", "no pain"), ("growing", "no bigger")])
def test_signs_after_no_read_as_no(field: str, answer: str) -> None:
    assert parse_answer(field, answer) == {field: False}


def test_no_sign_leaves_the_answer_to_yes_no_reading() -> None:
    assert sign_answer("unwell", "nose") is None
    assert sign_answer("premature", "fever") is None  # no sign words for that question
    assert {"unwell", "painful", "growing", "bleeding"} <= sign_fields()


def test_qa_f9_13_refusals_speak_plain_words_not_field_names() -> None:
    from milia.engine.interview import Interview

    for field, text in [("onset", "10 weeks"), ("history", "burned it on the oven x")]:
        with pytest.raises(CaseError) as caught:
            parse_answer(field, text)
        assert "did not recognise" in caught.value.message and field not in caught.value.message
    interview = Interview()
    interview.answer("age", "3 days")
    with pytest.raises(CaseError) as caught:
        interview.answer("duration_weeks", "3 weeks")
    message = caught.value.message
    assert "duration_weeks" not in message and "longer than the age given (3 days)" in message


@pytest.mark.parametrize(
    ("field", "text", "value"),
    [
        ("medications", "clobetasol", "topical_corticosteroid"),
        ("medications", "imatinib", "tyrosine_kinase_inhibitor"),
        ("medications", "efudix", "fluorouracil_topical"),
        ("conditions", "gorlin", "basal_cell_nevus_syndrome"),  # it sets a soon flag
        ("conditions", "gorlin syndrome", "basal_cell_nevus_syndrome"),
        ("history", "burned", "burn_at_site"),
    ],
)
def test_qa_f9_07_everyday_names_are_read(field: str, text: str, value: str) -> None:
    assert parse_answer(field, text) == {field: [value]}


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("burned it on the oven", "burn_at_site"),
        ("radiotherapy for cancer", "radiotherapy_at_site"),
        ("my mum has them too", "family_history_similar_bumps"),
        ("no burns", "burn_at_site"),  # offered, never taken: the person says n
    ],
)
def test_qa_f9_07_keywords_in_a_sentence_are_offered_not_taken(text: str, offered: str) -> None:
    with pytest.raises(CaseError) as caught:
        parse_answer("history", text)
    assert caught.value.suggestion == offered
