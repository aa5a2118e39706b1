"""The Interview page's logic: one question at a time, "don't know" allowed.

The case being built travels in the form itself (a hidden JSON field), so
the server keeps no half-finished interview. The first questions (age, colour,
where) are fixed, because the engine needs at least one thing about the bumps;
after that every question is the engine's best next question
(``assess(case)["next_questions"][0]`` among those not yet asked).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from milia.errors import CaseError

__all__ = [
    "MAX_QUESTIONS",
    "InterviewState",
    "Question",
    "apply_answer",
    "has_lesion_finding",
    "needs_engine",
    "next_question",
    "question_from_form",
    "to_question",
]

MAX_QUESTIONS = 12

_LESION_FIELDS = {
    "color", "diameter_mm", "count", "surface", "consistency", "content", "expressible",
    "inflamed", "on_red_plaque", "arrangement", "painful", "itchy", "mobile", "growing",
    "leaves_brown_marks", "sites",
}  # fmt: skip
_LIST_FIELDS = {"conditions", "associated_findings", "medications", "history", "sites"}
_NUMBER_FIELDS = {"age_days", "age_years", "diameter_mm", "count", "duration_weeks"}
_INT_FIELDS = {"age_days", "count"}
_AGE_UNITS_TO_DAYS = {"days": 1.0, "weeks": 7.0, "months": 30.44}

_FIRST: tuple[dict[str, Any], ...] = (
    {"field": "age", "question": "How old is the person with the bumps?", "options": []},
    {
        "field": "color",
        "question": "What colour are the bumps?",
        "options": [
            "white",
            "yellow",
            "skin_colored",
            "pearly_translucent",
            "red",
            "pink",
            "brown",
            "clear",
            "amber",
        ],
    },
    {
        "field": "sites",
        "question": "Where are the bumps? Tick every place.",
        "options": [
            "eyelids",
            "under_eyes",
            "cheeks",
            "nose",
            "forehead",
            "temples",
            "chin",
            "upper_lip",
            "palate",
            "gums",
            "ears",
            "scalp",
            "neck",
            "chest",
            "back",
            "arms",
            "back_of_hands",
            "legs",
            "genitals",
        ],
    },
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


@dataclass
class InterviewState:
    """What has been answered (``case``) and what was asked (``asked``, incl. "don't know")."""

    case: dict[str, Any] = dataclasses.field(default_factory=dict)
    asked: list[str] = dataclasses.field(default_factory=list)

    @classmethod
    def from_form(cls, case_json: str, asked_json: str) -> InterviewState:
        """Read the hidden fields; a tampered or empty field starts afresh."""
        try:
            case = json.loads(case_json) if case_json else {}
            asked = json.loads(asked_json) if asked_json else []
        except json.JSONDecodeError:
            return cls()
        if not isinstance(case, dict) or not isinstance(asked, list):
            return cls()
        return cls(case=case, asked=[str(a) for a in asked])

    def case_json(self) -> str:
        return json.dumps(self.case, sort_keys=True)

    def asked_json(self) -> str:
        return json.dumps(self.asked)


def _label(value: Any) -> str:
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    return str(value).replace("_", " ").capitalize()


def _option(raw: Any) -> tuple[str, str]:
    if isinstance(raw, Mapping):
        value = raw.get("value")
        return json.dumps(value), str(raw.get("label") or _label(value))
    return json.dumps(raw), _label(raw)


def to_question(raw: Mapping[str, Any]) -> Question:
    """The question ready to show for a raw ``{field, question, answer, options}`` item."""
    name = str(raw.get("field", ""))
    text = str(raw.get("question") or name.replace("_", " "))
    answer = str(raw.get("answer", ""))
    options = [_option(o) for o in raw.get("options") or []]
    yes_no = [("true", "Yes"), ("false", "No")]
    question = _kind(raw, name, text, answer, options, yes_no)
    question.reason = str(raw.get("reason") or "")
    return question


def _kind(raw: Mapping[str, Any], name: str, text: str, answer: str,
          options: list[tuple[str, str]], yes_no: list[tuple[str, str]]) -> Question:  # fmt: skip
    if name == "age" or answer == "age":
        return Question(name, text, "age")
    if answer == "boolean" or "." in name:
        return Question(name, text, "yes_no", yes_no)
    if answer == "list" or name in _LIST_FIELDS:
        return Question(name, text, "multi", options)
    if answer == "number" or (not options and name in _NUMBER_FIELDS):
        unit = str(raw.get("unit") or "")
        return Question(name, text, "number", unit=unit)
    if not options:
        return Question(name, text, "yes_no", yes_no)
    return Question(name, text, "choice", options)


def next_question(
    state: InterviewState, engine_questions: Sequence[Mapping[str, Any]]
) -> dict[str, Any] | None:
    """The next raw question (``{field, question, answer, options}``), or None when done."""
    if len(state.asked) >= MAX_QUESTIONS:
        return None
    for raw in (*_FIRST, *engine_questions):
        name = str(raw.get("field", ""))
        if not name or name in state.asked:
            continue
        if name in state.case and name not in _LIST_FIELDS:
            continue
        return dict(raw)
    return None


def question_from_form(question_json: str) -> dict[str, Any] | None:
    """The question that was on the page (a hidden field); None if absent or tampered."""
    try:
        raw = json.loads(question_json) if question_json else None
    except json.JSONDecodeError:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("field"), str) or not raw["field"]:
        return None
    return raw


def has_lesion_finding(case: Mapping[str, Any]) -> bool:
    """Whether the case says anything about the bumps (the engine needs at least one thing)."""
    return any(key in case for key in _LESION_FIELDS)


def needs_engine(state: InterviewState) -> bool:
    """Whether the fixed first questions are done, so the engine picks the next one."""
    return all(q["field"] in state.asked for q in _FIRST)


def apply_answer(
    state: InterviewState, name: str, values: Sequence[str], *, unit: str = "years"
) -> InterviewState:
    """Record an answer. ``values`` are JSON-encoded options or typed text.

    An empty ``values`` means "don't know": the field stays absent (unknown,
    never "no") and is not asked again.

    Raises
    ------
    CaseError
        If a typed number cannot be read.
    """
    case = dict(state.case)
    asked = [*state.asked, name] if name not in state.asked else list(state.asked)
    values = [v for v in values if v.strip()]
    if not values:
        return InterviewState(case, asked)
    if name == "age":
        number = _number(values[0], "age")
        if unit == "years":
            case.pop("age_days", None)
            case["age_years"] = number
        else:
            case.pop("age_years", None)
            case["age_days"] = round(number * _AGE_UNITS_TO_DAYS.get(unit, 1.0))
        return InterviewState(case, asked)
    decoded = [_decode(v) for v in values]
    if "." in name:
        parent, value = name.split(".", 1)
        if decoded[0] is True:
            case[parent] = sorted({*case.get(parent, []), value})
    elif name in _LIST_FIELDS:
        case[name] = sorted({*case.get(name, []), *(str(v) for v in decoded)})
    elif name in _NUMBER_FIELDS:
        number = _number(values[0], name)
        case[name] = round(number) if name in _INT_FIELDS else number
    else:
        case[name] = decoded[0]
    return InterviewState(case, asked)


def _decode(raw: str) -> Any:
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return raw


def _number(raw: str, name: str) -> float:
    try:
        number = float(raw.replace(",", "."))
    except ValueError as exc:
        raise CaseError(f"{raw!r} is not a number; type digits, e.g. 34", field=name) from exc
    if number < 0:
        raise CaseError("the number cannot be negative", field=name)
    return number
