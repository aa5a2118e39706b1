"""Pages: the Interview, one question at a time, and its result.

The interview so far travels in the form's hidden fields (:mod:`milia.api.interview`);
the result shows the conditions the picture is most consistent with, how soon to see a
doctor and why, warning signs and advice, each with its sources. The injected
dependencies (``request``, ``state``, ``repo``, ``db``) are described once in
:mod:`milia.api.routes`.
"""

from __future__ import annotations

import json
import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import Response

from milia.api.deps import Db, Repo, State, render, session_user, verify_csrf
from milia.api.interview import (
    Given,
    InterviewState,
    age_limits,
    back_to,
    next_question,
    question_from_form,
    to_question,
)
from milia.api.interview import answer as record_answer
from milia.api.interview import result as assessment_of
from milia.api.interview_words import answers_in_words
from milia.api.plots import differential_svg
from milia.engine.presentation import (
    outside_listed,
    ranking_note,
    triage_reasons,
    warning_signs,
)
from milia.engine.type_fit import type_sentence
from milia.engine.undescribed import undescribed_result
from milia.engine.urgent_now import urgent_now
from milia.errors import CaseError

__all__ = ["TRIAGE_WORDS", "router"]

router = APIRouter(include_in_schema=False)
# "back" (the last answer) or "change-N" (answer N of "Your answers so far")
_GOING_BACK = re.compile(r"back|change-(\d{1,4})")
Csrf = Depends(verify_csrf)

TRIAGE_WORDS = {
    "self_care": "Watch and wait, with gentle skin care. No visit is needed unless something "
    "changes or worries you.",
    "routine": "See a doctor or a dermatologist when it is convenient.",
    "soon": "See a doctor soon: within days to a couple of weeks.",
    "urgent": "Get medical help today.",
}


def _interview_page(request: Request, state: State, ist: InterviewState, raw: dict[str, Any],
                    error: str | None = None, typed: Given | None = None) -> Response:  # fmt: skip
    # QA F8-19: an answer that needs a doctor today is said at once, not at the end
    urgent = urgent_now(ist.case)
    # the answer typed (asked again, saying why) or taken back by "Back" (QA F9-16)
    prefill = typed or ist.given(str(raw.get("field"))) or Given("", "")
    return render(
        request, state, "interview.html", 422 if error else 200, question=to_question(raw),
        question_json=json.dumps(raw), case_json=ist.case_json(), asked_json=ist.asked_json(),
        answers_json=ist.answers_json(), undone_json=ist.undone_json(),
        step=len(ist.asked) + 1, error=error, urgent=urgent, answers=answers_in_words(ist),
        prefill=prefill, age_limits=age_limits(),
    )  # fmt: skip


def _result_page(
    request: Request, state: State, repo: Any, db: Db, ist: InterviewState, result: dict[str, Any],
    *, save: bool = True,
) -> Response:  # fmt: skip
    user = session_user(request, repo)  # not a session ended by signing out
    if user is not None and save:
        repo.add_assessment(user.id, ist.case, result)
        db.commit()
    triage = result.get("triage") or {}
    return render(
        request, state, "result.html", result=result, case=ist.case, saved=save,
        case_json=ist.case_json(), asked_json=ist.asked_json(), answers_json=ist.answers_json(),
        undone_json=ist.undone_json(), can_back=ist.in_order(),
        chart=differential_svg(result.get("differential", [])),
        triage_words=TRIAGE_WORDS.get(str(triage.get("level")), str(triage.get("level"))),
        reasons=triage_reasons(result), red_flags=warning_signs(result),
        outside=outside_listed(result), ranking_note=ranking_note(result),  # QA F14B-04
        type_line=type_sentence(result),  # none when milia is unlikely (QA F10-03)
    )  # fmt: skip


@router.get("/interview")
def interview_start(request: Request, state: State) -> Response:
    """The Interview's first question (no account needed).

    Returns
    -------
    Response
        The Interview page at its first question, status 200.
    """
    ist = InterviewState()
    raw = next_question(ist)
    assert raw is not None
    return _interview_page(request, state, ist, raw)


@router.post("/interview", dependencies=[Csrf])
def interview_step(
    request: Request,
    state: State,
    repo: Repo,
    db: Db,
    case_json: Annotated[str, Form()] = "",
    asked_json: Annotated[str, Form()] = "",
    question_json: Annotated[str, Form()] = "",
    answers_json: Annotated[str, Form()] = "",
    undone_json: Annotated[str, Form()] = "",
    answer: Annotated[list[str] | None, Form()] = None,
    unit: Annotated[str, Form()] = "years",
    action: Annotated[str, Form()] = "answer",
) -> Response:
    """Take one answer and show the next question, or the result.

    The interview so far travels in the form's hidden fields (the server keeps
    no half-finished interview). The result shows the conditions the picture is
    most consistent with, how soon to see a doctor and why, any warning signs
    and advice, each with its sources; for a signed-in account it is also kept
    in the Diary (not when nothing describing the bumps was answered).

    Parameters
    ----------
    case_json, asked_json, answers_json, undone_json : str
        Hidden form fields: the answers so far as the engine read them, the
        questions asked, the answers in order (for "Back" and "Change") and
        those taken back.
    question_json : str
        Hidden form field: the question that was shown.
    answer : list of str or None
        Form field(s): the value typed or the options ticked.
    unit : str
        Form field: the age's unit, ``years``, ``months``, ``weeks`` or
        ``days``.
    action : str
        The button pressed: ``answer``, ``dont_know``, ``back``, ``change-N``
        (go back to answer N, 0 the first) or ``result`` (the result now).

    Returns
    -------
    Response
        The next question (status 200); the same question again with status 422
        and why, when the answer cannot be read or contradicts an earlier one;
        or the result page (status 200).

    Raises
    ------
    CaseError
        A hidden field was changed so that it cannot be read (the error page,
        status 422: start the interview again).
    """
    before = InterviewState.from_form(case_json, asked_json, answers_json, undone_json)
    shown = question_from_form(question_json)
    going_back = _GOING_BACK.fullmatch(action)
    ist = before
    if going_back:  # "Back" or "Change" (QA F9-16): the earlier answers are read again
        index = int(going_back[1]) if going_back[1] else len(before.answers) - 1
        ist = back_to(before, index) if before.in_order() else before
    elif shown is not None:
        values = [] if action == "dont_know" else (answer or [])
        try:
            ist = record_answer(before, shown, values, unit=unit)
        except CaseError as exc:  # unreadable, or contradicts an earlier answer: ask again
            typed = Given(str(shown["field"]), "", tuple(values), unit)
            return _interview_page(request, state, before, shown, error=exc.message, typed=typed)
    raw = None if action == "result" else next_question(ist)
    if raw is not None:
        return _interview_page(request, state, ist, raw)
    assessment = assessment_of(ist)
    if assessment is None:  # nothing describes the bumps: what holds whatever they are,
        # with any warning sign already given (an unwell newborn: urgent), as the CLI
        # (QA F7-06, F7-07); not kept in the diary, as it assesses no bumps
        guidance = undescribed_result(ist.case)
        return _result_page(request, state, repo, db, ist, guidance, save=False)
    return _result_page(request, state, repo, db, ist, assessment)
