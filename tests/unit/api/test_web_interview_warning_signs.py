"""The web interview has no free-text path to a warning-sign question (QA F11-05's CLI path).

In the CLI a typed answer that names a warning sign and also sounds reassuring ("fine
apart from a fever") is offered 'yes' to confirm, and ending the session there lost the
answer (F11-05). The page asks every yes/no finding with two radio buttons, whose values
are read as exactly "yes" or "no", so that confirm step cannot arise on the web; a
question left unanswered ("See the result now") stays among the questions asked.
"""

from __future__ import annotations

import pytest

from milia.api.interview import InterviewState, answer, next_question, result
from milia.api.interview_form import answer_text, to_question
from milia.engine.vocabulary import BOOLEAN_FIELDS

START = {
    "newborn": {"age": (["3"], "days"), "color": (['"white"'], "years")},
    "adult": {"age": (["60"], "years"), "color": (['"white"'], "years")},
}


def _every_question(person: str) -> list[dict[str, object]]:
    """The questions of one interview, the first ones answered, every other one 'don't know'."""
    ist, asked = InterviewState(), []
    for _ in range(60):
        raw = next_question(ist)
        if raw is None:
            break
        asked.append(raw)
        values, unit = START[person].get(str(raw["field"]), ([], "years"))
        ist = answer(ist, raw, values, unit=unit)
    return asked


@pytest.mark.parametrize("person", sorted(START))
def test_every_yes_no_finding_is_two_radio_buttons_read_as_yes_or_no(person: str) -> None:
    booleans = [q for q in _every_question(person) if q["field"] in BOOLEAN_FIELDS]
    assert any(q["field"] == "unwell" for q in booleans) or person == "adult"
    assert booleans, "the interview asked no yes/no finding"
    for raw in booleans:
        question = to_question(raw)
        assert question.kind == "yes_no", raw
        assert question.options == [("true", "Yes"), ("false", "No")], raw
        said = [answer_text(question, [value]) for value, _label in question.options]
        assert said == ["yes", "no"]


def test_a_warning_sign_question_left_for_the_result_stays_asked() -> None:
    ist = InterviewState()
    while (raw := next_question(ist)) is not None and raw["field"] != "unwell":
        values, unit = START["newborn"].get(str(raw["field"]), ([], "years"))
        ist = answer(ist, raw, values, unit=unit)
    assert raw is not None, "a newborn is asked whether the baby is unwell"
    ist = answer(ist, raw, [])  # "See the result now" with nothing ticked: don't know
    assert "unwell" in ist.asked and "unwell" not in ist.case
    found = result(ist)
    assert found is not None
    # the result says the warning-sign question went unanswered: asked, not "Not asked"
    about = [r["text"] for r in found["triage"]["reasons"] if "Is the baby unwell" in r["text"]]
    assert about and not any(text.startswith("Not asked") for text in about), about
