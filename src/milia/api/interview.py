"""The Interview page's logic: one question at a time, "don't know" allowed.

The engine's :class:`milia.engine.interview.Interview` decides which question
comes next (age, colour and where first, then the best next question by
expected information gain, stopping when the top condition is confident
enough, when nothing useful remains, or after 12 questions) and reads the
answers. This module only moves that state through the page: the case and
the questions asked travel in the form itself (hidden fields), so the server
keeps no half-finished interview, and it turns form controls (radio buttons,
check boxes, numbers) into the typed answers the engine reads. The answers also
travel in order, so that "Back" (and "Change" in the answers so far) gives the
earlier ones to the engine again and shows the one taken back for a new answer
(QA F9-16).
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from milia.errors import CaseError

__all__ = [
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

_LIST_FIELDS = {"conditions", "associated_findings", "medications", "history", "sites"}
_NUMBER_FIELDS = {"age_days", "age_years", "diameter_mm", "count", "duration_weeks"}
_AGE_UNITS = ("years", "months", "weeks", "days")
# the CLI's hint for typing a list ("(one or more places, separated by commas)"):
# the page has a check box for each (QA F9-16)
_TYPING_HINT = re.compile(r"\s*\([^()]*separated by commas[^()]*\)")
# days in each unit the age box offers, as milia.engine.answer_time reads them
# (a month is 30.44 days); tests check that the engine takes each unit's limit
_UNIT_DAYS = {"years": 365.25, "months": 30.44, "weeks": 7.0, "days": 1.0}


def age_limits() -> dict[str, float]:
    """The oldest age the case format takes (``age_years`` at most 120), in each unit
    of the age box: ``{"years": 120, "months": 1440, "weeks": 6261, "days": 43830}``
    (QA F9-17: the box allowed at most 120 whatever the unit, so "200 days" was
    refused)."""
    from milia.engine.vocabulary import NUMERIC_FIELDS

    days = float(NUMERIC_FIELDS["age_years"][1]) * _UNIT_DAYS["years"]
    return {unit: float(round(days / per)) for unit, per in _UNIT_DAYS.items()}


def _check_age(number: str, unit: str) -> None:
    """Refuse an age beyond the oldest taken, in the unit given (the engine would say
    "age_years must be ... at most 120 (got 136.9)" for 50,000 days).

    Raises
    ------
    CaseError
        If ``number`` is a number larger than the unit's limit; words ("thirty
        four") are left to the engine's reader.
    """
    try:
        value = float(number)
    except ValueError:
        return
    limit = age_limits()[unit]
    if math.isfinite(value) and value > limit:  # NaN, infinity: the engine's reader
        years = age_limits()["years"]
        within = "" if unit == "years" else f" ({limit:,.0f} {unit})"
        raise CaseError(
            f"an age of {value:,g} {unit} is more than {years:g} years{within}, the oldest "
            "age taken; check the number and the unit",
            field="age",
        )


@dataclass
class Question:
    """A question ready to show: ``kind`` is one of age, number, choice, multi, yes_no."""

    field: str
    text: str
    kind: str
    # (value as JSON, label) pairs
    options: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    unit: str = ""
    reason: str = ""  # why the engine asks (e.g. a safety question)


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
        return [self.field, self.text, list(self.values), self.unit]

    @classmethod
    def from_json(cls, item: Any, name: str) -> Given:
        """Read one item of a hidden list (raises :class:`CaseError` if changed)."""
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
        return json.dumps(self.case, sort_keys=True)

    def asked_json(self) -> str:
        return json.dumps(self.asked)

    def answers_json(self) -> str:
        return json.dumps([a.to_json() for a in self.answers])

    def undone_json(self) -> str:
        return json.dumps([a.to_json() for a in self.undone])

    def engine(self) -> Any:
        from milia.engine.interview import Interview

        return Interview(case=dict(self.case), asked=list(self.asked))

    def in_order(self) -> bool:
        """Whether ``answers`` hold every question asked, in order (a client that sends
        only the case and the questions asked has none: no "Back" then)."""
        return bool(self.answers) and [a.field for a in self.answers] == self.asked

    def given(self, field: str) -> Given | None:
        """The answer taken back for ``field`` (to show again), or None."""
        return next((a for a in self.undone if a.field == field), None)


MAX_HIDDEN_CHARS = 64_000
"""Longest hidden field read (characters); a real interview's fields are far shorter."""


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


def _label(value: Any) -> str:
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    return str(value).replace("_", " ").capitalize()


def _option(raw: Any, field: str = "") -> tuple[str, str]:
    if isinstance(raw, Mapping):
        value = raw.get("value")
        return json.dumps(value), str(raw.get("label") or _label(value))
    if isinstance(raw, str) and field:  # plain words, not the case format's ids (QA F7-30)
        from milia.engine.plain_words import option_label

        words = option_label(field, raw)
        return json.dumps(raw), words[:1].upper() + words[1:]
    return json.dumps(raw), _label(raw)


def to_question(raw: Mapping[str, Any]) -> Question:
    """The question ready to show for a raw ``{field, question, answer, options}`` item."""
    name = str(raw.get("field", ""))
    text = str(raw.get("question") or name.replace("_", " "))
    kind = str(raw.get("answer", ""))
    if kind == "list" or name in _LIST_FIELDS:  # the page has check boxes (QA F9-16)
        text = _TYPING_HINT.sub("", text)
    listed = raw.get("options")
    options = [_option(o, name) for o in listed] if isinstance(listed, list) else []
    yes_no = [("true", "Yes"), ("false", "No")]
    if name == "age" or kind == "age":
        question = Question(name, text, "age")
    elif kind == "boolean":
        question = Question(name, text, "yes_no", yes_no)
    elif kind == "list" or name in _LIST_FIELDS:
        if name != "sites":  # "none of these" is an answer, unlike "Don't know" (brief item 3)
            options = [*options, (json.dumps("none"), "None of these")]
        question = Question(name, text, "multi", options)
    elif kind == "number" or (not options and name in _NUMBER_FIELDS):
        question = Question(name, text, "number", unit=str(raw.get("unit") or ""))
    elif not options:
        question = Question(name, text, "yes_no", yes_no)
    else:
        question = Question(name, text, "choice", options)
    question.reason = str(raw.get("reason") or "")
    return question


def question_from_form(question_json: str) -> dict[str, Any] | None:
    """The question that was on the page (a hidden field); None if absent.

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


def _decode(raw: str) -> Any:
    """A form value as the JSON it holds (options are JSON), else the text itself."""
    if len(raw) > MAX_HIDDEN_CHARS:
        return raw
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):  # JSONDecodeError is a ValueError
        return raw


def answer_text(question: Question, values: Sequence[str], *, unit: str = "years") -> str:
    """Turn the submitted form values into the typed answer the engine reads.

    An empty answer is "don't know".

    Raises
    ------
    CaseError
        If an age is given with a unit other than years, months, weeks or days, or
        is more than 120 years in its unit.
    """
    values = [v for v in values if v.strip()]
    if not values:
        return ""
    if question.kind == "age":
        if unit not in _AGE_UNITS:
            raise CaseError(
                f"unknown unit of age {unit!r}; choose one of {', '.join(_AGE_UNITS)}",
                field="unit",
                suggestion="years",
            )
        number = values[0].strip().replace(",", ".")
        _check_age(number, unit)
        return f"{number} {unit}"
    if question.kind == "number":
        return values[0].strip().replace(",", ".")
    decoded = [_decode(v) for v in values]
    if question.kind == "yes_no":
        first = decoded[0]
        return "yes" if first is True else "no" if first is False else str(first)
    if question.kind == "multi":
        return ",".join(str(v) for v in decoded)
    return str(decoded[0])


def answer(
    state: InterviewState, raw: Mapping[str, Any], values: Sequence[str], *, unit: str = "years"
) -> InterviewState:
    """Record an answer to ``raw`` (the question shown).

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
    """The engine's next question, or None when the interview is done."""
    question: dict[str, Any] | None = state.engine().next_question()
    return question


def result(state: InterviewState) -> dict[str, Any] | None:
    """The assessment of the case so far, or None if nothing describes the bumps."""
    assessment: dict[str, Any] | None = state.engine().result()
    return assessment
