"""An interview over the case format: which question next, and reading answers.

The interview starts with the person's age and what the bumps look like
(colour, then where they are), then asks the engine's best next question
(highest expected information gain) one at a time. It stops when the top
condition reaches ``confidence``, when no useful question remains, or after
``max_questions``. For milia it also asks once about injuries, blistering and
medicines, which decide the milia type. "Don't know" (``?``, empty, ``skip``)
leaves a field absent: unknown, never "no". This module holds no I/O; the CLI
and the web app drive it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from milia.engine.assess import assess_valid
from milia.engine.case import (
    BOOLEAN_FIELDS,
    CATEGORICAL_FIELDS,
    LESION_FIELDS,
    LIST_FIELDS,
    NUMERIC_FIELDS,
    case_age_days,
    closest_value,
    validate_case,
)
from milia.engine.model import condition_model
from milia.engine.questions import offered_options, question_table
from milia.errors import CaseError, KnowledgeBaseError
from milia.kb.loader import read_yaml

__all__ = ["DONT_KNOW", "Interview", "parse_answer"]

DONT_KNOW = frozenset(
    {"", "?", "skip", "unknown", "don't know", "dont know", "idk", "not sure", "n/a"}
)
# age, looks and place, then "unwell" at every age: it drives the urgent red
# flags (QA F2-69)
_FIRST = ("age", "color", "sites", "unwell")
# asked for milia (they decide the type) and kept within max_questions; the
# last two reach the syndromic and blistering-disease flags (QA F2-69)
_TYPE_QUESTIONS = ("history", "medications", "associated_findings", "conditions")
# many bumps: whether they came within weeks drives the eruptive-onset flag
_MANY_BUMPS = 20
# how many bumps: asked before the rare-finding questions (re-check NEW-2)
_COUNT_QUESTIONS = ("count",)
_YES = frozenset({"y", "yes", "true", "1"})
_NO = frozenset({"n", "no", "false", "0"})
_AGE_UNITS = {"hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.44, "year": 365.25}
_AGE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)(\s+and\s+a\s+half)?\s*([a-z]*)\s*$")
# words around an age a person types: "34 years old", "about 6 weeks", "aged 40" (QA F2-46)
_AGE_NOISE = re.compile(
    r"\b(?:of\s+age|old|aged?|about|around|approx(?:imately)?)\b|~|(?<=[0-9 ])y/o\b"
)
_AGE_UNIT_ALIASES = {"yr": "year", "yo": "year", "wk": "week", "mth": "month", "hr": "hour"}
# a duration with its unit: "5 days", "3 months", "1 and a half years"
_DURATION_RE = re.compile(r"^(\d+(?:\.\d+)?)(\s+and\s+a\s+half)?\s*([a-z]+)$")
# "since birth": the bumps are as old as the person (and were there at birth)
_SINCE_BIRTH = frozenset(
    {
        "since birth",
        "from birth",
        "at birth",
        "since born",
        "since he was born",
        "since she was born",
        "since they were born",
    }
)
# the age question's own option for the first 2 weeks ("newborn (first 2 weeks)"):
# read as one week, inside that band
_NEWBORN_WORDS = frozenset({"newborn", "new born", "new-born", "just born", "neonate"})
_NEWBORN_DAYS = 7


_ANSWERABLE = frozenset({*NUMERIC_FIELDS, *BOOLEAN_FIELDS, *CATEGORICAL_FIELDS, *LIST_FIELDS})
# units a person types after a number: "2 mm", "6 weeks", "about 20 bumps"
_UNIT_TAIL = re.compile(r"\s*(?:mm|millimet(?:er|re)s?|weeks?|wks?|w|bumps?|spots?)\.?$")
# "eyelids, cheeks", "eyelids and cheeks", "eyelids; nose", "nose/chin", "nose & chin"
_LIST_SPLIT = re.compile(r"\s*(?:[,;/&+]|\band\b)\s*")


def _as_text(field_name: str, answer: object) -> str:
    """The answer as typed text; Python callers may pass a number, bool, list or None."""
    if answer is None:
        return "?"
    if isinstance(answer, bool):
        return "yes" if answer else "no"
    if isinstance(answer, (int, float, str)):
        return str(answer)
    if isinstance(answer, (list, tuple)) and all(isinstance(a, str) for a in answer):
        return ", ".join(answer)
    raise CaseError(
        f"the answer about {field_name} must be text, not {type(answer).__name__}",
        field=str(field_name),
    )


def _choices(field_name: str) -> tuple[str, ...]:
    if field_name in CATEGORICAL_FIELDS:
        return CATEGORICAL_FIELDS[field_name]
    return LIST_FIELDS.get(field_name, ())


def parse_answer(field_name: str, text: object) -> dict[str, Any] | None:
    """Read a typed answer into case fields.

    Returns
    -------
    dict or None
        The fields to add to the case (``{"age_days": 5}``, ``{"sites": [...]}``),
        or None for "don't know".

    Raises
    ------
    CaseError
        If the answer cannot be read; ``suggestion`` holds the closest valid
        value when one exists, so the caller can ask again.
    """
    if field_name != "age" and field_name not in _ANSWERABLE:
        raise CaseError(
            f"there is no question about {field_name!r}",
            field=str(field_name),
            suggestion=closest_value(str(field_name), _ANSWERABLE)
            if isinstance(field_name, str)
            else None,
        )
    answer = _as_text(field_name, text).strip().lower()
    if answer in DONT_KNOW:
        return None
    if field_name == "age":
        if answer.split(" (")[0].strip() in _NEWBORN_WORDS:
            return {"age_days": _NEWBORN_DAYS}
        match = _AGE_RE.match(" ".join(_AGE_NOISE.sub(" ", answer).split()))
        if not match:
            raise CaseError(
                "give the age as a number, e.g. 34, '5 days' or '8 months'", field="age"
            )
        number = float(match.group(1)) + (0.5 if match.group(2) else 0.0)
        unit = match.group(3).rstrip("s") or "year"
        unit = _AGE_UNIT_ALIASES.get(unit, unit)
        unit_key = next((k for k in _AGE_UNITS if k.startswith(unit)), None) if unit else "year"
        if unit_key is None:
            raise CaseError(
                f"unknown age unit {unit!r}; use days, weeks, months or years",
                field="age",
                suggestion=closest_value(unit, tuple(_AGE_UNITS)),
            )
        days = number * _AGE_UNITS[unit_key]
        if days < 2 * 365.25:
            return {"age_days": round(days)}
        return {"age_years": round(days / 365.25, 1)}
    if field_name in BOOLEAN_FIELDS:
        if answer in _YES:
            return {field_name: True}
        if answer in _NO:
            return {field_name: False}
        raise CaseError(
            "answer yes or no (or ? if you don't know)",
            field=field_name,
            suggestion="yes"
            if answer.startswith("y")
            else "no"
            if answer.startswith("n")
            else None,
        )
    if field_name == "duration_weeks":
        duration = _duration_weeks(answer)
        if duration is not None:
            return {field_name: duration}
    if field_name in NUMERIC_FIELDS:
        value: float | int = _number(field_name, answer)
        if NUMERIC_FIELDS[field_name][3]:
            value = round(value)
        return {field_name: value}
    if field_name in LIST_FIELDS:
        items = [a.strip().replace(" ", "_").replace("-", "_") for a in _LIST_SPLIT.split(answer)]
        valid = LIST_FIELDS[field_name]
        items = [_number_variant(i, valid) for i in items]
        items = list(dict.fromkeys(i for i in items if i and i not in ("none", "no")))
        for item in items:
            if item not in valid:
                raise CaseError(
                    f"unknown {field_name} value {item!r}",
                    field=field_name,
                    suggestion=closest_value(item, valid),
                )
        return {field_name: items} if items else None
    choices = _choices(field_name)
    value_text = answer.replace(" ", "_").replace("-", "_")
    if value_text in choices:
        return {field_name: value_text}
    plain = _plain_words().get(field_name, {}).get(" ".join(answer.split()))
    if plain is not None:
        return {field_name: plain}
    raise CaseError(
        f"unknown {field_name} {answer!r}",
        field=field_name,
        suggestion=closest_value(answer, choices),
    )


def _duration_weeks(answer: str) -> float | None:
    """A duration typed with a unit other than weeks ("5 days", "3 months"), in weeks.

    Returns None when the answer has no such unit (a bare number is in weeks).
    """
    match = _DURATION_RE.match(" ".join(_AGE_NOISE.sub(" ", answer.replace(",", ".")).split()))
    if not match:
        return None
    unit = match.group(3).rstrip("s")
    unit = _AGE_UNIT_ALIASES.get(unit, unit)
    if unit not in _AGE_UNITS or unit == "week":
        return None
    number = float(match.group(1)) + (0.5 if match.group(2) else 0.0)
    return round(number * _AGE_UNITS[unit] / 7.0, 2)


# "1-2 mm", "1 to 2 millimetres": a range is read as its middle (QA F2-70)
_RANGE = re.compile(r"^(\d+(?:\.\d+)?)\s*(?:-|\u2013|to)\s*(\d+(?:\.\d+)?)$")
# plain names for the numbers asked, in messages
_NUMBER_WORDS = {
    "diameter_mm": "the size as a number of millimetres (e.g. 1 or 1.5)",
    "count": "about how many bumps, as a number (e.g. 5 or 20)",
    "duration_weeks": "how long as a number of weeks (e.g. 2), or with a unit ('5 days')",
}


def _number(field_name: str, answer: str) -> float:
    """A typed number: "2 mm", "1,5", a range "1-2 mm" (its middle), "pinhead" (1 mm)."""
    text = _UNIT_TAIL.sub("", answer).replace(",", ".").strip()  # "2 mm", "6 weeks"
    sizes = _plain_sizes() if field_name == "diameter_mm" else {}
    if text in sizes:
        return sizes[text]
    words = _NUMBER_WORDS.get(field_name, "a number")
    match = _RANGE.match(text)
    try:
        value = (float(match[1]) + float(match[2])) / 2 if match else float(text)
    except ValueError:
        raise CaseError(f"please give {words}", field=field_name) from None
    if not math.isfinite(value):
        raise CaseError(f"please give {words}", field=field_name)
    return value


@cache
def _plain_words() -> dict[str, dict[str, str]]:
    """Plain words for choices (questions.yaml ``plain_words``), checked against the choices."""
    table = read_yaml("model/questions.yaml").get("plain_words", {})
    out: dict[str, dict[str, str]] = {}
    for name, words in table.items():
        for word, value in words.items():
            if value not in _choices(name):
                raise KnowledgeBaseError(f"questions.yaml: {word!r} names no {name} value")
        out[name] = {str(k): str(v) for k, v in words.items()}
    return out


@cache
def _plain_sizes() -> dict[str, float]:
    table = read_yaml("model/questions.yaml").get("plain_sizes_mm", {})
    return {str(k): float(v) for k, v in table.items()}


@cache
def _age_wording() -> dict[str, tuple[str, float, str, float]]:
    """Per field: (baby wording, below days, older wording, from days), "" when none."""
    out = {}
    for name, spec in read_yaml("model/questions.yaml")["questions"].items():
        if "baby_question" in spec or "older_question" in spec:
            out[name] = (
                str(spec.get("baby_question", "")),
                float(spec.get("baby_below_days", 0)),
                str(spec.get("older_question", "")),
                float(spec.get("older_from_days", 0)),
            )
    return out


def _number_variant(item: str, valid: tuple[str, ...]) -> str:
    """A typed word in the singular or plural of a valid choice, as that choice.

    Only the other grammatical number of one valid word is taken ("eyelid" for
    ``eyelids``, "cheek" for ``cheeks``); anything else is returned unchanged,
    to be refused with a suggestion.
    """
    if item in valid:
        return item
    for other in (f"{item}s", item[:-1] if item.endswith("s") else ""):
        if other and other in valid:
            return other
    return item


@dataclass
class Interview:
    """State of one interview: the case so far and the questions already asked."""

    max_questions: int = 12
    confidence: float = 0.9
    case: dict[str, Any] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)

    def ready(self) -> bool:
        """Whether the case describes the bumps enough to be assessed."""
        return bool(LESION_FIELDS.intersection(self.case))

    def result(self) -> dict[str, Any] | None:
        """The assessment of the case so far (None if nothing describes the bumps)."""
        if not self.ready():
            return None
        result = assess_valid(validate_case(self.case))
        result["next_questions"] = [
            q for q in result["next_questions"] if q["field"] not in self.asked
        ]
        return result

    def _since_birth(self) -> dict[str, Any]:
        """The fields "since birth" means: duration = age in weeks, present at birth."""
        days = case_age_days(self.case)
        if days is None:
            raise CaseError(
                "'since birth' needs the age first; give the time in weeks (e.g. 2)",
                field="duration_weeks",
            )
        values: dict[str, Any] = {"duration_weeks": round(days / 7.0, 2)}
        if "present_at_birth" not in self.case:
            values["present_at_birth"] = True
        return values

    def _worded(self, question: dict[str, Any]) -> dict[str, Any]:
        """The question in words that fit the person (a young baby's spots in days,
        "is the baby unwell" only for babies)."""
        spec = _age_wording().get(question["field"])
        if spec is None:
            return question
        days = case_age_days(self.case)
        baby_text, below, older_text, from_days = spec
        if baby_text and days is not None and days < below:
            return {**question, "question": baby_text}
        if older_text and (days is None or days >= from_days):
            return {**question, "question": older_text}
        return question

    def next_question(self) -> dict[str, Any] | None:
        """The next question as ``{"field", "question", "answer", "options"}``, or None."""
        question = self._next_question()
        if question is None:
            return None
        days = case_age_days(self.case)
        options = offered_options(question["field"], question["options"], days)
        return {**self._worded(question), "options": options}

    def _next_question(self) -> dict[str, Any] | None:
        if len(self.asked) >= self.max_questions:
            return None
        table = question_table(condition_model())
        for name in _FIRST:
            if name not in self.asked:
                return table.item(name, 0.0)
        if not self.ready():
            for name in ("diameter_mm", "surface", "count"):
                if name not in self.asked:
                    return table.item(name, 0.0)
            return None
        onset = "onset" not in self.asked and self.case.get("count", 0) >= _MANY_BUMPS
        if onset:
            return table.item("onset", 0.0)
        result = self.result()
        assert result is not None
        # keep room for how many bumps (and, for many, the onset: the eruptive-onset
        # and count-based flags; re-check NEW-2) and, for milia, the questions that
        # decide the type and reach the syndromic and blistering-disease flags (QA F2-69)
        remaining = self._reserved(milia=result["milia_type"] is not None)
        keep_room = len(self.asked) + len(remaining) + 1 >= self.max_questions
        if remaining and keep_room:
            return table.item(remaining[0], 0.0)
        top = result["differential"][0]
        done = top["probability"] >= self.confidence and len(self.asked) >= len(_FIRST) + 2
        for q in result["next_questions"]:
            if q["field"] not in self.asked and (not done or q.get("reason")):
                return dict(q)
        remaining = self._reserved(milia=result["milia_type"] is not None)
        return table.item(remaining[0], 0.0) if remaining else None

    def _reserved(self, *, milia: bool) -> list[str]:
        """The questions still to fit within ``max_questions``, in the order to ask them:
        the count and (unless fewer than 20 bumps are known) the onset, then, for milia,
        the type and rare-finding questions. The onset holds a place only while the count
        is unasked (it is asked right after a count of 20 or more), so it never comes
        first."""
        many = "count" not in self.asked or self.case.get("count", 0) >= _MANY_BUMPS
        names = [n for n in _COUNT_QUESTIONS if n not in self.asked]
        if "onset" not in self.asked and many:
            names.append("onset")
        if milia:
            names.extend(n for n in _TYPE_QUESTIONS if n not in self.asked)
        return names

    def answer(self, field_name: str, text: object) -> None:
        """Record a typed answer (raises :class:`CaseError` to ask again).

        A duration given as "since birth" is the person's age in weeks (and the
        bumps were there at birth); it needs the age first.
        """
        if field_name == "duration_weeks" and _as_text(field_name, text).strip().lower() in (
            _SINCE_BIRTH
        ):
            values: dict[str, Any] | None = self._since_birth()
        else:
            values = parse_answer(field_name, text)
        if values is not None:
            trial = {**self.case, **values}
            if field_name == "age":
                trial.pop("age_days" if "age_years" in values else "age_years", None)
            validate_case({**trial, "color": trial.get("color", "white")})
            self.case = trial
        if field_name not in self.asked:
            self.asked.append(field_name)
