from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from api_helpers import csrf_of
from fastapi.testclient import TestClient

from milia.api.interview import (
    InterviewState,
    answer,
    answer_text,
    next_question,
    question_from_form,
    to_question,
)
from milia.errors import CaseError

_HIDDEN = re.compile(r'name="(case_json|asked_json|question_json)" value="([^"]*)"')


def _hidden(html: str) -> dict[str, str]:
    import html as htmllib

    return {k: htmllib.unescape(v) for k, v in _HIDDEN.findall(html)}


AGE = {"field": "age", "answer": "age", "question": "How old?"}
COLOR = {"field": "color", "answer": "choice", "options": ["white", "yellow"]}
SITES = {"field": "sites", "answer": "list", "options": ["eyelids", "cheeks"]}
INFLAMED = {"field": "inflamed", "answer": "boolean", "options": ["yes", "no"]}
DIAMETER = {"field": "diameter_mm", "answer": "number", "unit": "mm", "options": []}


def test_the_interview_starts_with_age_colour_and_where() -> None:
    state = InterviewState()
    fields = []
    for raw in (AGE, COLOR, SITES):
        question = next_question(state)
        assert question is not None
        fields.append(question["field"])
        state = answer(state, raw, [])  # don't know
    assert fields == ["age", "color", "sites"]


def test_dont_know_leaves_the_field_unknown_and_is_not_asked_again() -> None:
    state = answer(InterviewState(), COLOR, [])
    assert "color" not in state.case
    assert "color" in state.asked
    question = next_question(state)
    assert question is not None and question["field"] != "color"


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [("34", "years", {"age_years": 34.0}), ("3", "weeks", {"age_days": 21}),
     ("2,5", "months", {"age_days": 76})],
)  # fmt: skip
def test_age_answers(value: str, unit: str, expected: dict[str, float]) -> None:
    assert answer(InterviewState(), AGE, [value], unit=unit).case == expected


@pytest.mark.parametrize("unit", ["years", "months"])
def test_an_age_of_0_years_or_months_is_asked_back(unit: str) -> None:
    # QA F16-04: "0" in years was read as born today (newborn priors)
    with pytest.raises(CaseError) as info:
        answer(InterviewState(), AGE, ["0"], unit=unit)
    assert info.value.field == "age" and "under one year" in info.value.message


def test_bad_number_is_a_case_error_naming_the_field() -> None:
    with pytest.raises(CaseError) as info:
        answer(InterviewState(), DIAMETER, ["big"])
    assert info.value.field == "diameter_mm"


def test_form_values_become_the_engines_typed_answers() -> None:
    state = answer(InterviewState(), SITES, ['"eyelids"', '"cheeks"'])
    state = answer(state, INFLAMED, ["false"])
    assert sorted(state.case["sites"]) == ["cheeks", "eyelids"]
    assert state.case["inflamed"] is False
    assert answer_text(to_question(COLOR), ['"white"']) == "white"
    assert answer_text(to_question(INFLAMED), ["true"]) == "yes"


def test_empty_hidden_fields_start_afresh() -> None:
    assert InterviewState.from_form("", "") == InterviewState()
    assert question_from_form("") is None


@pytest.mark.parametrize(
    ("case_json", "asked_json", "field"),
    [("{not json", "[]", "case_json"), ("[1]", "[]", "case_json"), ("{}", "{}", "asked_json"),
     ('"{}"', "[]", "case_json"), ('{"a": 1, "a": 2}', "[]", "case_json"),
     ("[" * 5000 + "]" * 5000, "[]", "case_json"), ("{}", "[" * 5000 + "]" * 5000, "asked_json"),
     ('{"a":' * 3000 + "1" + "}" * 3000, "[]", "case_json"),
     ('{"x": "' + "y" * 70_000 + '"}', "[]", "case_json")],
)  # fmt: skip
def test_tampered_hidden_fields_are_a_case_error(
    case_json: str, asked_json: str, field: str
) -> None:
    with pytest.raises(CaseError) as info:
        InterviewState.from_form(case_json, asked_json)
    assert info.value.field == field
    assert "start the interview again" in info.value.message


@pytest.mark.parametrize(
    "question_json", ["[" * 5000 + "]" * 5000, "{oops", "[]", '{"field": ""}', '{"field": 3}']
)
def test_tampered_question_field_is_a_case_error(question_json: str) -> None:
    with pytest.raises(CaseError) as info:
        question_from_form(question_json)
    assert info.value.field == "question_json"


@pytest.mark.parametrize(
    "data",
    [{"case_json": "[" * 5000 + "]" * 5000}, {"asked_json": '{"a":' * 3000 + "1" + "}" * 3000},
     {"question_json": "[" * 5000 + "]" * 5000}, {"case_json": "{not json"},
     {"question_json": json.dumps(COLOR), "answer": ["[" * 5000 + "]" * 5000]},
     {"question_json": json.dumps(AGE), "answer": ["3"], "unit": "fortnights"}],
)  # fmt: skip
def test_tampered_interview_form_is_4xx_not_500(
    client: TestClient, data: dict[str, object]
) -> None:
    token = csrf_of(client.get("/interview").text)
    answer = client.post(
        "/interview", data={"csrf_token": token, **data}, headers={"Accept": "text/html"}
    )
    assert 400 <= answer.status_code < 500, answer.text[:300]
    assert "Traceback" not in answer.text
    if "unit" not in data and "answer" not in data:  # a changed hidden field: start again
        assert "Start the interview again" in answer.text


@pytest.mark.parametrize(
    ("question", "value"),
    [({"field": "color", "options": 5}, '"white"'), ({"field": "color", "options": 5}, "[1]"),
     ({"field": "inflamed"}, '{"a": 1}'), ({"field": "nonsense", "answer": "choice"}, "[1]"),
     ({"field": "color", "question": {"x": 1}}, '{"a": 1}')],
)  # fmt: skip
def test_a_changed_question_never_gives_a_500(
    client: TestClient, question: dict[str, object], value: str
) -> None:
    token = csrf_of(client.get("/interview").text)
    data = {"csrf_token": token, "question_json": json.dumps(question), "answer": [value]}
    answer = client.post("/interview", data=data, headers={"Accept": "text/html"})
    assert answer.status_code in (200, 422), answer.text[:300]


def test_an_unknown_age_unit_is_refused() -> None:
    with pytest.raises(CaseError) as info:
        answer(InterviewState(), AGE, ["3"], unit="fortnights")
    assert info.value.field == "unit"


def test_the_interview_reaches_a_result(client: TestClient) -> None:
    page = client.get("/interview").text
    answers = {"age": (["34"], "years"), "color": (['"white"'], None),
               "sites": (['"eyelids"'], None)}  # fmt: skip
    for _ in range(20):
        token = csrf_of(page)
        hidden = _hidden(page)
        field = json.loads(hidden["question_json"])["field"]
        values, unit = answers.get(field, ([], None))
        data: dict[str, object] = {**hidden, "csrf_token": token, "answer": values,
                                   "action": "answer" if values else "dont_know"}  # fmt: skip
        if unit:
            data["unit"] = unit
        answer = client.post("/interview", data=data)
        assert answer.status_code == 200, answer.text[:500]
        page = answer.text
        if "What the bumps are most consistent with" in page:
            break
    else:
        pytest.fail("the interview never reached a result")
    assert "<svg" in page and "milia" in page
    assert page.index("What to do now") < page.index("What the bumps are most consistent with")
    assert 'href="/learn#src-' in page


def test_red_flags_come_first_on_the_result(client: TestClient) -> None:
    case = {"age_days": 3, "color": "white", "unwell": True}
    page = client.get("/interview").text
    data = {"csrf_token": csrf_of(page), "case_json": json.dumps(case),
            "asked_json": json.dumps(["age", "color", "sites"]), "action": "result"}  # fmt: skip
    result = client.post("/interview", data=data).text
    assert "Warning signs" in result
    assert result.index("Warning signs") < result.index("What the bumps are most consistent with")
    assert "Get medical help today" in result


def test_signed_in_result_is_saved(page_signup: Callable[[str], TestClient]) -> None:
    web = page_signup("jo@example.org")
    page = web.get("/interview").text
    data = {"csrf_token": csrf_of(page), "case_json": json.dumps({"color": "white"}),
            "asked_json": json.dumps(["age", "color", "sites"]), "action": "result"}  # fmt: skip
    answer = web.post("/interview", data=data)
    assert answer.status_code == 200 and "Saved to your diary." in answer.text
    assert "assessments: 1" in web.get("/account").text
    assert "Assessment: most consistent with" in web.get("/diary").text


def test_an_undescribed_result_says_it_was_not_saved(
    page_signup: Callable[[str], TestClient],
) -> None:
    # QA F16-11: "Saved to your diary." under a result that was not stored
    web = page_signup("kim@example.org")
    page = web.get("/interview").text
    data = {"csrf_token": csrf_of(page), "case_json": json.dumps({"age_days": 21}),
            "asked_json": json.dumps(["age", "color", "sites"]), "action": "result"}  # fmt: skip
    answer = web.post("/interview", data=data)
    text = " ".join(answer.text.split())
    assert answer.status_code == 200 and "Nothing was described about the bumps yet" in text
    assert "Saved to your diary." not in text
    assert "Not saved to your diary: nothing was described about the bumps" in text
    assert "assessments: 0" in web.get("/account").text


def _step(client: TestClient, page: str, values: list[str], unit: str | None = None) -> str:
    data: dict[str, object] = {**_hidden(page), "csrf_token": csrf_of(page), "answer": values,
                               "action": "answer"}  # fmt: skip
    if unit:
        data["unit"] = unit
    return client.post("/interview", data=data).text


def test_a_contradicting_answer_is_asked_again_with_the_reason(client: TestClient) -> None:
    page = _step(client, client.get("/interview").text, ["2"], unit="weeks")  # a 2-week-old
    page = _step(client, page, ['"white"'])
    page = _step(client, page, ['"nose"'])
    for _ in range(12):
        if json.loads(_hidden(page)["question_json"])["field"] == "duration_weeks":
            break
        page = client.post("/interview", data={**_hidden(page), "csrf_token": csrf_of(page),
                                               "action": "dont_know"}).text  # fmt: skip
    else:
        pytest.skip("the engine did not ask how long the bumps have been there")
    answer = client.post("/interview", data={**_hidden(page), "csrf_token": csrf_of(page),
                                             "answer": ["30"], "action": "answer"})  # fmt: skip
    assert answer.status_code == 422
    assert json.loads(_hidden(answer.text)["question_json"])["field"] == "duration_weeks"
    assert 'role="alert"' in answer.text
    assert "duration_weeks" not in json.loads(_hidden(answer.text)["case_json"])


def test_no_finding_about_the_bumps_gives_guidance(client: TestClient) -> None:
    """Nothing known about the bumps: the CLI's guidance (at least routine), not an
    error page (QA F7-07; the page used to say "We need a little more")."""
    page = _step(client, client.get("/interview").text, ["40"], unit="years")
    asked = []
    for _ in range(60):  # don't know anything about the bumps
        if "question_json" not in _hidden(page):
            break
        asked.append(json.loads(_hidden(page)["question_json"])["field"])
        page = client.post("/interview", data={**_hidden(page), "csrf_token": csrf_of(page),
                                               "action": "dont_know"}).text  # fmt: skip
    assert asked[:2] == ["color", "sites"]  # then the engine tries size, surface, count
    assert "We need a little more" not in page
    assert "Nothing was said about what the bumps look like" in page


@pytest.mark.parametrize(
    ("case", "clear"),
    [
        # a newborn's white bumps on the nose: the neonatal kind is clear
        ({"age_days": 10, "color": "white", "sites": ["nose"], "count": 20}, True),
        # sites alone (about 54 %, no finding doubling its odds): the closest kind only
        # (without Down syndrome: with it milia is at 0.2 % and no type is named, F10-03)
        ({"age_years": 8, "color": "white", "sites": ["back_of_hands", "feet"], "count": 10},
         False),
    ],
)  # fmt: skip
def test_result_page_calls_a_type_a_fit_by_the_clis_rule(
    client: TestClient, case: dict[str, object], clear: bool
) -> None:
    import milia
    from milia.cli.assess import render_text
    from milia.engine.type_fit import type_is_clear

    answer = milia.assess(case)
    kind = answer["milia_type"]
    assert kind is not None
    strong = kind["probability"] >= 0.5 and max(w["factor"] for w in kind["why"]) >= 2
    assert type_is_clear(kind) is strong is clear
    page = client.get("/interview").text
    data = {"csrf_token": csrf_of(page), "case_json": json.dumps(case),
            "asked_json": json.dumps(["age", "color", "sites"]), "action": "result"}  # fmt: skip
    result = client.post("/interview", data=data).text
    text = render_text(answer)
    for words in ("the picture fits", "cannot tell their kind well; the closest is"):
        assert (words in " ".join(result.split())) is (words in text), words
    assert ("the picture fits" in result) is clear


def test_type_is_clear_needs_both_probability_and_a_strong_finding() -> None:
    from milia.engine.type_fit import type_is_clear

    assert type_is_clear({"probability": 0.5, "why": [{"factor": 2.0}]})
    assert not type_is_clear({"probability": 0.49, "why": [{"factor": 9.0}]})
    assert not type_is_clear({"probability": 0.9, "why": [{"factor": 1.99}, {"factor": 0.3}]})
    assert not type_is_clear({"probability": 0.9, "why": []})


def _result_page(client: TestClient, case: dict[str, object], asked: tuple[str, ...] = ()) -> str:
    page = client.get("/interview").text
    data = {"csrf_token": csrf_of(page), "case_json": json.dumps(case),
            "asked_json": json.dumps(list(asked)), "action": "result"}  # fmt: skip
    answer = client.post("/interview", data=data)
    assert answer.status_code == 200, answer.text[:300]
    return answer.text


URGENT_BUT_CALM_TOP = [
    {"age_days": 3, "color": "white", "unwell": True},
    {"age_days": 9, "color": "clear", "surface": "vesicle", "content": "clear_fluid",
     "arrangement": "grouped", "on_red_plaque": True, "inflamed": True, "count": 6,
     "sites": ["scalp"]},
]  # fmt: skip


@pytest.mark.parametrize("case", URGENT_BUT_CALM_TOP)
def test_an_urgent_result_puts_the_warning_first_and_is_not_undercut(
    client: TestClient, case: dict[str, object]
) -> None:
    import html as htmllib

    import milia

    result = milia.assess(case)
    assert result["triage"]["level"] == "urgent"
    page = htmllib.unescape(_result_page(client, case))
    section = page[page.index("What to do now") : page.index("What the bumps are most")]
    items = re.findall(r"<li>(.*?)</li>", section.split('id="triage-reasons"', 1)[1], re.S)
    urgent = [f["message"] for f in result["red_flags"] if f["level"] == "urgent"]
    assert urgent and items[0].startswith(urgent[0])  # the reason for the headline comes first
    assert "which usually needs no urgent care" not in section  # QA F1-10: never reads as "calm"
    top = result["differential"][0]
    if any(r["text"].startswith("most likely") for r in result["triage"]["reasons"]):
        last = items[-1]
        assert last.startswith("This advice follows the warning signs above")
        assert f"({top['probability']:.0%})" in last
    warnings = page[page.index("Warning signs") : page.index("What to do now")]
    assert warnings.index(urgent[0]) == min(
        warnings.index(f["message"]) for f in result["red_flags"]
    )


def test_a_calm_result_keeps_the_engines_reason(client: TestClient) -> None:
    import html as htmllib

    case = {"age_years": 30, "color": "white", "sites": ["eyelids"], "count": 5}
    # the warning signs answered, so that those left open stay unlikely together
    # (QA F7-37: all of them "don't know" is routine, and the calm line is reworded)
    case |= {"diameter_mm": 1, "surface": "smooth_dome", "consistency": "firm"}
    case |= {"growing": False, "bleeding": False, "conditions": [], "unwell": False}
    case |= {"associated_findings": []}
    import milia
    from milia.engine.safety_probe import probed_fields

    result = milia.assess(case)
    assert result["triage"]["level"] == "self_care"
    # every other safety question asked ("don't know"): a result shown before they
    # are is at least routine (QA F7-07)
    asked = tuple(f for f in probed_fields() if f not in case)
    page = htmllib.unescape(_result_page(client, case, asked))
    for reason in result["triage"]["reasons"]:
        assert reason["text"] in page


def test_triage_reasons_orders_warning_signs_by_level() -> None:
    from milia.api.routes.pages_interview import triage_reasons

    result = {
        "triage": {"level": "urgent", "reasons": [
            {"text": "most likely rash (64%), which usually needs no urgent care", "sources": ["a"]},
            {"text": "see someone when convenient", "sources": ["b"]},
            {"text": "go today", "sources": ["c"]}]},
        "red_flags": [{"message": "see someone when convenient", "level": "routine"},
                      {"message": "go today", "level": "urgent"}],
    }  # fmt: skip
    texts = [r["text"] for r in triage_reasons(result)]
    assert texts[:2] == ["go today", "see someone when convenient"]
    assert texts[2].startswith("This advice follows the warning signs above")
    assert "rash (64%)" in texts[2]


HISTORY = {"field": "history", "answer": "list", "options": ["burn_at_site", "acne"]}


def test_a_list_question_has_a_none_of_these_box_apart_from_dont_know() -> None:
    """Brief item 3: nothing ticked + Next was "don't know"; "none" is a known answer."""
    question = to_question(HISTORY)
    assert question.options[-1] == ('"none"', "None of these")
    assert ('"none"', "None of these") not in to_question(SITES).options  # bumps are somewhere
    none = answer(InterviewState(), HISTORY, ['"none"'])
    assert none.case == {"history": []}
    dont_know = answer(InterviewState(), HISTORY, [])
    assert dont_know.case == {} and dont_know.asked == ["history"]
    both = answer(InterviewState(), HISTORY, ['"acne"', '"none"'])  # a ticked item wins
    assert both.case == {"history": ["acne"]}


def test_options_are_labelled_in_plain_words() -> None:
    """QA F7-30: the web page showed 'Buccal mucosa', 'Axillae', 'Skin colored'."""
    raw = {"field": "sites", "answer": "list", "options": ["axillae", "buccal_mucosa", "nose"]}
    assert to_question(raw).options == [
        ('"axillae"', "Armpits"),
        ('"buccal_mucosa"', "Inside of the cheeks"),
        ('"nose"', "Nose"),
    ]
    colour = to_question({"field": "color", "answer": "choice", "options": ["skin_colored"]})
    assert colour.options == [('"skin_colored"', "Skin-coloured")]
    state = answer(InterviewState(), raw, ['"axillae"'])  # the value travels, not the words
    assert state.case == {"sites": ["axillae"]}
