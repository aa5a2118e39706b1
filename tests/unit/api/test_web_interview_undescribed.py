"""The web interview answers even when nothing describes the bumps (QA F7-06, F7-07 in the browser).

The CLI gave a result; the page gave a 422 "We need a little more ... Start again",
dropping an unwell newborn's urgent advice.
"""

from __future__ import annotations

import html
import json
import re

from fastapi.testclient import TestClient

_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def _interview(client: TestClient, answers: dict[str, dict[str, str]]) -> tuple[int, str]:
    """Answer the web interview: ``answers[field]`` as form values, "don't know" to the rest."""
    page = client.get("/interview").text
    status = 200
    for _ in range(60):
        hidden = {m.group(1): html.unescape(m.group(2)) for m in _HIDDEN.finditer(page)}
        if "question_json" not in hidden:
            break
        field = json.loads(hidden["question_json"])["field"]
        data = dict(hidden)
        if field in answers:
            data.update(answers[field], action="answer")
        else:
            data["action"] = "dont_know"
        answer = client.post("/interview", data=data)
        status, page = answer.status_code, answer.text
        if status != 200:
            break
    return status, page


def test_an_unwell_newborn_with_nothing_else_said_is_urgent(client: TestClient) -> None:
    status, page = _interview(
        client, {"age": {"answer": "5", "unit": "days"}, "unwell": {"answer": "yes"}}
    )
    assert status == 200, page[:300]
    assert "We need a little more" not in page
    assert "today" in page.lower()
    assert "urgent" in page.lower()


def test_dont_know_to_everything_gives_guidance_not_an_error(client: TestClient) -> None:
    status, page = _interview(client, {})
    assert status == 200, page[:300]
    assert "We need a little more" not in page
    assert "routine" in page.lower() or "see a doctor" in page.lower()


def _step(client: TestClient, page: str, field_answers: dict[str, str]) -> str:
    hidden = {m.group(1): html.unescape(m.group(2)) for m in _HIDDEN.finditer(page)}
    data = {**hidden, **field_answers, "action": "answer"}
    answer = client.post("/interview", data=data)
    assert answer.status_code == 200, answer.text[:300]
    return answer.text


def test_qa_f8_19_an_urgent_answer_is_said_on_the_next_question(client: TestClient) -> None:
    """The page asked on through the bumps after "the baby is unwell: yes" and said
    "today" only on the result page."""
    page = client.get("/interview").text
    page = _step(client, page, {"answer": "5", "unit": "days"})
    assert 'id="urgent-now"' not in page
    for _ in range(6):  # to the unwell question, answering "don't know" to the rest
        hidden = {m.group(1): html.unescape(m.group(2)) for m in _HIDDEN.finditer(page)}
        if json.loads(hidden["question_json"])["field"] == "unwell":
            break
        page = client.post("/interview", data={**hidden, "action": "dont_know"}).text
        assert 'id="urgent-now"' not in page
    page = _step(client, page, {"answer": "yes"})
    assert "question_json" in page  # still a question page, with the warning above it
    banner = page[page.index('id="urgent-now"') : page.index("</section>")]
    assert "doctor today" in banner and 'href="' in banner  # with its source
    assert 'value="result"' in page  # "Show the result now" offered at once
