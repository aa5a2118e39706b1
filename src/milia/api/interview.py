"""The Interview page's logic: one question at a time, "don't know" allowed.

The engine's :class:`milia.engine.interview.Interview` decides which question
comes next (age, colour and where first, then the best next question by
expected information gain, stopping when the top condition is confident
enough, when nothing useful remains, or after 12 questions) and reads the
answers. This module only moves that state through the page: the case and
the questions asked travel in the form itself (hidden fields), so the server
keeps no half-finished interview; :mod:`milia.api.interview_form` turns form
controls (radio buttons, check boxes, numbers) into the typed answers the engine
reads (its names are re-exported here). The answers also
travel in order, so that "Back" (and "Change" in the answers so far) gives the
earlier ones to the engine again and shows the one taken back for a new answer
(QA F9-16).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from milia.api.interview_form import (
    MAX_HIDDEN_CHARS,
    Question,
    age_limits,
    answer_text,
    to_question,
)
from milia.errors import CaseError

__all__ = [
    "MAX_HIDDEN_CHARS",
    "Given",
    "InterviewState",
    "Question",
    "age_limits",
    "answer",
    "answer_text",
    "back_to",
    "next_question",
    "question_from_form",
    "result",
    "to_question",
]


@dataclass(frozen=True)
class Given:
    """One answer as given: the question's ``field``, the ``text`` the engine read
    ("" for "don't know"), and the form's ``values`` and age ``unit`` (to show the
    answer again after "Back", QA F9-16)."""

    field: str
    text: str
    values: tuple[str, ...] = ()
    unit: str = "years"

    def to_json(self) -> list[Any]:
        """The answer as an item of a hidden list.

        Returns
        -------
        list
            ``[field, text, values, unit]``, read back by :meth:`from_json`.
        """
        return [self.field, self.text, list(self.values), self.unit]

    @classmethod
    def from_json(cls, item: Any, name: str) -> Given:
        """Read one item of a hidden list.

        Parameters
        ----------
        item : Any
            The parsed item, ``[field, text, values, unit]``.
        name : str
            The hidden field it came from, for the message.

        Returns
        -------
        Given
            The answer.

        Raises
        ------
        CaseError
            If the item is not four strings with a list of strings third (the
            field was changed).
        """
        ok = isinstance(item, list) and len(item) == 4 and isinstance(item[2], list)
        if not ok or not all(isinstance(v, str) for v in [*item[:2], *item[2], item[3]]):
            raise _tampered(name, "an answer is not [field, text, values, unit]")
        return cls(item[0], item[1], tuple(item[2]), item[3])


@dataclass
class InterviewState:
    """What has been answered (``case``), what was asked (``asked``, incl. "don't
    know"), the answers in order (``answers``, replayed by "Back") and those taken
    back (``undone``, shown again when their question comes back)."""

    case: dict[str, Any] = dataclasses.field(default_factory=dict)
    asked: list[str] = dataclasses.field(default_factory=list)
    answers: list[Given] = dataclasses.field(default_factory=list)
    undone: list[Given] = dataclasses.field(default_factory=list)

    @classmethod
    def from_form(
        cls, case_json: str, asked_json: str, answers_json: str = "", undone_json: str = ""
    ) -> InterviewState:
        """Read the hidden fields (empty ones start afresh).

        Parameters
        ----------
        case_json, asked_json, answers_json, undone_json : str
            The form's hidden fields, as :meth:`case_json` and the others wrote
            them.

        Returns
        -------
        InterviewState
            The interview so far.

        Raises
        ------
        CaseError
            If a field was changed so that it cannot be read (not JSON, nested
            too deep, too long, not the expected object or list, or answers that
            are not those of the questions asked); the page answers 422 and asks
            to start again.
        """
        case = _hidden(case_json, "case_json", dict) if case_json else {}
        asked = _hidden(asked_json, "asked_json", list) if asked_json else []
        answers = _hidden(answers_json, "answers_json", list) if answers_json else []
        undone = _hidden(undone_json, "undone_json", list) if undone_json else []
        state = cls(
            case=case,
            asked=[str(a) for a in asked],
            answers=[Given.from_json(a, "answers_json") for a in answers],
            undone=[Given.from_json(a, "undone_json") for a in undone],
        )
        if state.answers and not state.in_order():
            raise _tampered("answers_json", "its answers are not those of the questions asked")
        return state

    def case_json(self) -> str:
        """The hidden field ``case_json``: the case so far as a JSON object (sorted keys)."""
        return json.dumps(self.case, sort_keys=True)

    def asked_json(self) -> str:
        """The hidden field ``asked_json``: the fields asked, in order, as a JSON array."""
        return json.dumps(self.asked)

    def answers_json(self) -> str:
        """The hidden field ``answers_json``: the answers in order (see :meth:`Given.to_json`)."""
        return json.dumps([a.to_json() for a in self.answers])

    def undone_json(self) -> str:
        """The hidden field ``undone_json``: the answers taken back by "Back" or "Change"."""
        return json.dumps([a.to_json() for a in self.undone])

    def engine(self) -> Any:
        """The engine's interview at this point.

        Returns
        -------
        milia.engine.interview.Interview
            A fresh engine interview over copies of ``case`` and ``asked`` (changing
            it leaves this state as it is).
        """
        from milia.engine.interview import Interview

        return Interview(case=dict(self.case), asked=list(self.asked))

    def in_order(self) -> bool:
        """Whether ``answers`` hold every question asked, in order (a client that sends
        only the case and the questions asked has none: no "Back" then)."""
        return bool(self.answers) and [a.field for a in self.answers] == self.asked

    def given(self, field: str) -> Given | None:
        """The answer taken back for ``field`` (to show again), or None.

        Parameters
        ----------
        field : str
            A question's field.

        Returns
        -------
        Given or None
            The answer to show in the question's controls when it comes back.
        """
        return next((a for a in self.undone if a.field == field), None)


def _tampered(name: str, why: str) -> CaseError:
    return CaseError(
        f"the interview's hidden field {name} cannot be read ({why}); "
        "it was changed or damaged: start the interview again",
        field=name,
    )


def _hidden(text: str, name: str, kind: type[Any]) -> Any:
    """A hidden field's JSON value of type ``kind``, read as strictly as a case.

    Raises
    ------
    CaseError
        If the text is too long, not JSON (syntax, nesting too deep, a key given
        twice), or not a ``kind``.
    """
    from milia.engine.json_input import json_type_name, parse_case_json

    if len(text) > MAX_HIDDEN_CHARS:
        raise _tampered(name, f"longer than {MAX_HIDDEN_CHARS} characters")
    try:
        value = parse_case_json(text, where=name, field=name)
    except CaseError as exc:
        raise _tampered(name, exc.message) from None
    if not isinstance(value, kind):
        expected = "an object" if kind is dict else "an array"
        raise _tampered(name, f"{expected} was expected, not {json_type_name(value)}")
    return value


def question_from_form(question_json: str) -> dict[str, Any] | None:
    """The question that was on the page (a hidden field); None if absent.

    Parameters
    ----------
    question_json : str
        The hidden field ``question_json`` (empty on the first request).

    Returns
    -------
    dict or None
        The engine's raw question (``field``, ``question``, ``answer``,
        ``options``, ...).

    Raises
    ------
    CaseError
        If the field cannot be read or names no field (it was changed).
    """
    if not question_json:
        return None
    raw: dict[str, Any] = _hidden(question_json, "question_json", dict)
    if not isinstance(raw.get("field"), str) or not raw["field"]:
        raise _tampered("question_json", "it names no question")
    return raw


def answer(
    state: InterviewState, raw: Mapping[str, Any], values: Sequence[str], *, unit: str = "years"
) -> InterviewState:
    """Record an answer to ``raw`` (the question shown).

    Parameters
    ----------
    state : InterviewState
        The interview so far (left unchanged).
    raw : mapping
        The question shown, as :func:`question_from_form` read it.
    values : sequence of str
        The form's values for it (none, or only blanks: "don't know").
    unit : str, optional
        The age's unit: ``years``, ``months``, ``weeks`` or ``days``.

    Returns
    -------
    InterviewState
        A new state with the answer read by the engine and appended.

    Raises
    ------
    CaseError
        If the answer cannot be read or contradicts an earlier one (e.g. bumps
        older than the person); the page asks again, saying why.
    """
    interview = state.engine()
    name = str(raw["field"])
    text = answer_text(to_question(raw), values, unit=unit)
    interview.answer(name, text)
    given = Given(name, text, tuple(v for v in values if v.strip()), unit)
    return InterviewState(
        case=dict(interview.case),
        asked=list(interview.asked),
        answers=[*state.answers, given],
        undone=[a for a in state.undone if a.field != name],
    )


def back_to(state: InterviewState, index: int) -> InterviewState:
    """The interview as it was before answer ``index`` (0 = the first): the answers
    before it are given again to the engine, so they are read and checked afresh, and
    that answer and those after it are kept in ``undone``, shown again when their
    question comes (QA F9-16: "Back" and "Change").

    Parameters
    ----------
    state : InterviewState
        The interview so far (left unchanged).
    index : int
        The answer to go back to, 0 the first.

    Returns
    -------
    InterviewState
        A new state at that question.

    Raises
    ------
    CaseError
        If ``index`` names no answer, or the answers kept cannot be read (they were
        changed); the page answers 422 and asks to start again.
    """
    from milia.engine.interview import Interview

    if not 0 <= index < len(state.answers):
        raise _tampered("answers_json", f"it holds no answer {index + 1}")
    interview = Interview()
    for given in state.answers[:index]:
        try:
            interview.answer(given.field, given.text)
        except CaseError as exc:
            raise _tampered("answers_json", exc.message) from None
    taken = state.answers[index:]
    return InterviewState(
        case=dict(interview.case),
        asked=list(interview.asked),
        answers=list(state.answers[:index]),
        undone=[*taken, *(a for a in state.undone if all(a.field != t.field for t in taken))],
    )


def next_question(state: InterviewState) -> dict[str, Any] | None:
    """The engine's next question after ``state``, or None when the interview is done.

    The question is the engine's raw dict; :func:`milia.api.interview_form.to_question`
    makes it ready to show.
    """
    question: dict[str, Any] | None = state.engine().next_question()
    return question


def result(state: InterviewState) -> dict[str, Any] | None:
    """The assessment of ``state``'s case, or None if nothing describes the bumps.

    The assessment is the contract's dict: the conditions the picture is most
    consistent with, triage with its reasons, red flags, advice, sources.
    """
    assessment: dict[str, Any] | None = state.engine().result()
    return assessment
