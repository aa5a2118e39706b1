"""The interview's order of questions: what comes first, what is kept within the
limit, what is asked past it, and the first part's questions (no gain computed).

:class:`milia.engine.interview.Interview` asks in this order; the constants say why
each group is where it is (QA findings named beside them).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from milia.engine.case import case_age_days
from milia.engine.model import condition_model
from milia.engine.questions import question_table, raise_reason
from milia.engine.triage import LEVELS
from milia.engine.unanswered_words import question_text
from milia.errors import CaseError

__all__ = [
    "ALL_QUESTIONS",
    "BORN_EARLY_BELOW_DAYS",
    "COUNT_QUESTIONS",
    "DESCRIBING",
    "FIRST",
    "MANY_BUMPS",
    "PERSON_SAFETY",
    "SHOWN_QUESTIONS",
    "SINCE_BIRTH",
    "TYPE_QUESTIONS",
    "first_item",
    "raise_reasons",
    "since_birth_values",
]

# age, looks and place, then "unwell" at every age: it drives the urgent red
# flags (QA F2-69)
FIRST = ("age", "color", "sites", "unwell")
# asked for milia (they decide the type) and kept within max_questions; the
# last two reach the syndromic and blistering-disease flags (QA F2-69)
TYPE_QUESTIONS = ("history", "medications", "associated_findings", "conditions")
# many bumps: whether they came within weeks drives the eruptive-onset flag
MANY_BUMPS = 20
# while the bumps are not described, past max_questions too (QA F8-30): first the
# warning sign about the person that needs no description ("is the baby unwell?"),
# then the questions that describe the bumps, until the case can be assessed
PERSON_SAFETY = ("unwell",)
DESCRIBING = ("color", "sites", "diameter_mm", "surface", "count")
# how many bumps: asked before the rare-finding questions (re-check NEW-2)
COUNT_QUESTIONS = ("count",)
# born early: asked of babies under 3 months, whose spots it concerns (newborn
# milia are less common and start later in babies born early, research brief §1)
BORN_EARLY_BELOW_DAYS = 91
# every question (to pick the informative ones past the safety ones)
ALL_QUESTIONS = 64
# next questions a result shows (as assess() does by default)
SHOWN_QUESTIONS = 5
# "since birth": the bumps are as old as the person (and were there at birth)
SINCE_BIRTH = frozenset(
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


@cache
def raise_reasons() -> frozenset[str]:
    """The reasons of assess()'s questions whose answer could raise the level."""
    return frozenset(
        raise_reason(level, alone) for level in range(1, len(LEVELS)) for alone in (False, True)
    )


def first_item(field_name: str) -> dict[str, Any]:
    """A question of the first part (no gain computed): the model's question table,
    or, for a yes/no finding the model does not read (``premature``), its wording."""
    table = question_table(condition_model())
    if field_name in table.protos:
        return table.item(field_name, 0.0)
    return {
        "field": field_name,
        "question": question_text(field_name, None),
        "answer": "boolean",
        "options": ["yes", "no"],
        "expected_information_gain": 0.0,
    }


def since_birth_values(case: dict[str, Any]) -> dict[str, Any]:
    """The fields "since birth" means: duration = age in weeks, present at birth.

    Raises
    ------
    CaseError
        If the case has no age yet (field ``duration_weeks``).
    """
    days = case_age_days(case)
    if days is None:
        raise CaseError(
            "'since birth' needs the age first; give the time in weeks (e.g. 2)",
            field="duration_weeks",
        )
    values: dict[str, Any] = {"duration_weeks": round(days / 7.0, 2)}
    if "present_at_birth" not in case:
        values["present_at_birth"] = True
    return values
