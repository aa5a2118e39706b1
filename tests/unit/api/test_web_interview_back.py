"""The web interview's age units, "Back"/"Change", "See the result now" and the answers
so far in plain words (QA F9-16, F9-17)."""

from __future__ import annotations

import html as htmllib
import json
import re

import pytest
from api_helpers import csrf_of
from fastapi.testclient import TestClient

from milia.api.interview import (
    Given,
    InterviewState,
    age_limits,
    answer,
    back_to,
    next_question,
    to_question,
)
from milia.api.interview_words import answers_in_words
from milia.errors import CaseError

_HIDDEN = re.compile(
    r'name="(case_json|asked_json|question_json|answers_json|undone_json)" value="([^"]*)"'
)
AGE = {"field": "age", "answer": "age", "question": "How old?"}
COLOR = {"field": "color", "answer": "choice", "options": ["white", "yellow"]}
SITES = {"field": "sites", "answer": "list", "options": ["eyelids", "cheeks", "areola"]}


def _hidden(page: str) -> dict[str, str]:
    return {k: htmllib.unescape(v) for k, v in _HIDDEN.findall(page)}


def _field(page: str) -> str:
    return str(json.loads(_hidden(page)["question_json"])["field"])


def _post(client: TestClient, page: str, action: str = "answer", answer: list[str] | None = None,
          unit: str = "years", status: int = 200) -> str:  # fmt: skip
    data: dict[str, object] = {**_hidden(page), "csrf_token": csrf_of(page), "action": action,
                               "answer": answer or [], "unit": unit}  # fmt: skip
    got = client.post("/interview", data=data, headers={"Accept": "text/html"})
    assert got.status_code == status, got.text[:400]
    return got.text


# -- F9-17: the age's limit follows its unit -------------------------------------------
def test_age_limits_are_120_years_in_each_unit() -> None:
    assert age_limits() == {"years": 120, "months": 1440, "weeks": 6261, "days": 43830}


@pytest.mark.parametrize("unit", ["years", "months", "weeks", "days"])
def test_the_engine_takes_each_units_limit_and_the_page_refuses_one_more(unit: str) -> None:
    most = age_limits()[unit]
    assert answer(InterviewState(), AGE, [f"{most:g}"], unit=unit).case  # the engine agrees
    with pytest.raises(CaseError) as info:
        answer(InterviewState(), AGE, [f"{most + 1:g}"], unit=unit)
    assert info.value.field == "age"
    assert f"{most + 1:,g} {unit}" in info.value.message and "120 years" in info.value.message


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [("200", "days", {"age_days": 200}), ("130", "weeks", {"age_years": 2.5}),
     ("30", "months", {"age_years": 2.5})],
)  # fmt: skip
def test_a_babys_age_in_days_weeks_or_months_past_120_is_taken(
    value: str, unit: str, expected: dict[str, float]
) -> None:
    assert answer(InterviewState(), AGE, [value], unit=unit).case == expected


def test_the_age_box_has_no_fixed_largest_value(client: TestClient) -> None:
    page = client.get("/interview").text
    box = re.search(r'<input id="answer-age"[^>]*>', page)
    assert box is not None and "max=" not in box.group(0)
    assert 'value="days" data-max="43830"' in page and 'value="years" data-max="120"' in page
    assert '<script src="/static/interview.js"' in page
    assert client.get("/static/interview.js").status_code == 200


def test_200_days_goes_on_and_50000_days_is_asked_again_in_days(client: TestClient) -> None:
    page = client.get("/interview").text
    assert _field(_post(client, page, answer=["200"], unit="days")) == "color"
    again = _post(client, page, answer=["50000"], unit="days", status=422)
    assert "50,000 days is more than 120 years (43,830 days)" in htmllib.unescape(again)
    assert 'value="50000"' in again and 'value="days" data-max="43830" selected' in again


# -- F9-16: Back and Change --------------------------------------------------------------
def test_back_to_gives_the_earlier_answers_again_and_keeps_the_later_ones() -> None:
    state = answer(InterviewState(), AGE, ["5"], unit="days")
    state = answer(state, COLOR, ['"white"'])
    state = answer(state, SITES, ['"cheeks"'])
    back = back_to(state, 1)
    assert back.case == {"age_days": 5}
    assert back.asked == ["age"]
    assert [g.field for g in back.undone] == ["color", "sites"]
    assert back.given("color") == Given("color", "white", ('"white"',), "years")
    question = next_question(back)
    assert question is not None and question["field"] == "color"
    again = answer(back, COLOR, ['"yellow"'])  # a new answer replaces the one taken back
    assert again.case["color"] == "yellow" and again.given("color") is None
    assert again.given("sites") is not None


def test_back_to_reads_the_answers_again_and_refuses_changed_ones() -> None:
    state = answer(InterviewState(), AGE, ["34"])
    state = answer(state, COLOR, ['"white"'])
    changed = InterviewState(case=state.case, asked=state.asked,
                             answers=[Given("age", "300 years"), *state.answers[1:]])  # fmt: skip
    assert changed.in_order()
    with pytest.raises(CaseError) as info:
        back_to(changed, 1)
    assert info.value.field == "answers_json"
    with pytest.raises(CaseError):
        back_to(state, 5)


@pytest.mark.parametrize(
    ("answers_json", "action"),
    [("[1]", "back"), ('[["age", "34 years", [], "years"]]', "back"),
     ('[["age", "34 years", [], "years"]]', "answer"),
     ('[["age", 34, [], "years"]]', "back"), ("[" * 5000 + "]" * 5000, "back")],
)  # fmt: skip
def test_a_changed_answers_field_is_4xx(client: TestClient, answers_json: str, action: str) -> None:
    page = client.get("/interview").text
    data = {**_hidden(page), "csrf_token": csrf_of(page), "answers_json": answers_json,
            "action": action}  # fmt: skip
    got = client.post("/interview", data=data, headers={"Accept": "text/html"})
    assert got.status_code == 422, got.text[:300]
    assert "Start the interview again" in got.text


def test_back_on_the_page_asks_again_with_the_answer_shown(client: TestClient) -> None:
    page = client.get("/interview").text
    assert 'value="back"' not in page  # nothing to go back to
    page = _post(client, page, answer=["3"], unit="weeks")
    page = _post(client, page, answer=['"white"'])
    assert _field(page) == "sites" and 'value="back"' in page
    page = _post(client, page, action="back")
    assert _field(page) == "color"
    assert re.search(r'value="&#34;white&#34;" checked', page) or re.search(
        r'value="&quot;white&quot;" checked', page
    )
    assert json.loads(_hidden(page)["case_json"]) == {"age_days": 21}
    page = _post(client, page, action="change-0")  # "Change" next to the age
    assert _field(page) == "age"
    assert 'value="3"' in page and 'value="weeks" data-max="6261" selected' in page
    page = _post(client, page, answer=["4"], unit="weeks")  # a new age ...
    assert _field(page) == "color" and "checked" in page  # ... and the colour kept
    page = _post(client, page, answer=['"white"'])
    assert json.loads(_hidden(page)["case_json"]) == {"age_days": 28, "color": "white"}


def test_back_keeps_the_unwell_question_and_its_urgent_banner(client: TestClient) -> None:
    page = client.get("/interview").text
    for values, unit in ((["5"], "days"), (['"white"'], "years"), (['"cheeks"'], "years")):
        page = _post(client, page, answer=values, unit=unit)
    assert _field(page) == "unwell"  # the safety question comes right after the first three
    page = _post(client, page, answer=["true"])
    assert 'id="urgent-now"' in page
    page = _post(client, page, action="back")  # "yes" by mistake: taken back
    assert _field(page) == "unwell" and 'id="urgent-now"' not in page
    page = _post(client, page, answer=["false"])
    assert 'id="urgent-now"' not in page and _field(page) != "unwell"
    page = _post(client, page, action="back")
    page = _post(client, page, answer=["true"])
    assert 'id="urgent-now"' in page


def test_see_the_result_now_is_offered_from_the_first_question(client: TestClient) -> None:
    page = client.get("/interview").text
    assert "See the result now" in page
    page = _post(client, page, answer=["34"])
    page = _post(client, page, answer=['"white"'])
    result = _post(client, page, action="result", answer=['"eyelids"'])
    assert "What the bumps are most consistent with" in result
    # the result page goes back to the last question, its answer shown, the others kept
    assert "Back to the last question" in result
    page = _post(client, result, action="back")
    assert _field(page) == "sites" and "checked" in page
    assert json.loads(_hidden(page)["case_json"]) == {"age_years": 34.0, "color": "white"}


# -- F9-16: the answers so far in words, no CLI typing hint --------------------------
def test_the_answers_so_far_are_in_plain_words(client: TestClient) -> None:
    page = client.get("/interview").text
    page = _post(client, page, answer=["16"])
    page = _post(client, page, answer=['"white"'])
    page = _post(client, page, answer=['"areola"'])
    shown = htmllib.unescape(page[page.index("Your answers so far") :])
    assert "Age: 16 years" in shown and "Colour: white" in shown and "Where: nipple" in shown
    assert "['" not in shown and "age years" not in shown and "16.0" not in shown


def test_dont_know_and_none_are_said_in_words() -> None:
    state = answer(InterviewState(), AGE, [])
    state = answer(state, {"field": "medications", "answer": "list", "options": []}, ['"none"'])
    words = [(name, said) for _, name, said in answers_in_words(state)]
    assert words == [("Age", "Don't know"), ("Medicines or products", "None of these")]


def test_a_check_box_question_does_not_ask_for_commas(client: TestClient) -> None:
    question = to_question(
        {"field": "sites", "answer": "list", "options": ["eyelids"],
         "question": "Where are the bumps? (one or more places, separated by commas)"}
    )  # fmt: skip
    assert question.text == "Where are the bumps?"
    page = client.get("/interview").text
    page = _post(client, page, answer=["34"])
    page = _post(client, page, answer=['"white"'])
    assert _field(page) == "sites"
    legend = re.search(r'<legend id="question-text">([^<]*)</legend>', page)
    assert legend is not None and legend.group(1) == "Where are the bumps?"
    shown = re.sub(r'<input type="hidden"[^>]*>', "", page)  # the question as sent, aside
    assert "separated by commas" not in shown and "Tick all that apply" in shown


def test_a_client_sending_only_the_case_gets_its_answers_listed_and_no_back(
    client: TestClient,
) -> None:
    page = client.get("/interview").text
    data = {"csrf_token": csrf_of(page), "case_json": '{"age_years": 30, "color": "white"}',
            "asked_json": '["age", "color"]', "action": "back"}  # fmt: skip
    got = client.post("/interview", data=data)
    assert got.status_code == 200 and _field(got.text) == "sites"
    assert 'value="back"' not in got.text and 'value="change-' not in got.text
    shown = htmllib.unescape(got.text[got.text.index("Your answers so far") :])
    assert "Age: 30 years" in shown and "Colour: white" in shown
    state = answer(InterviewState(case={"age_years": 30.0}, asked=["age"]), COLOR, ['"white"'])
    assert not state.in_order()  # one answer in order of two asked: listed from the case
    assert [name for _, name, _ in answers_in_words(state)] == ["Age", "Colour"]


def test_change_of_an_answer_not_given_is_4xx(client: TestClient) -> None:
    page = _post(client, client.get("/interview").text, answer=["34"])
    got = _post(client, page, action="change-7", status=422)
    assert "Start the interview again" in got
