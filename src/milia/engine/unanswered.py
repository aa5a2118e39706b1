"""Warning signs an interview asked about but did not get an answer to (QA F6-20).

A "don't know" to a question whose answer could raise the triage level keeps
that warning sign unresolved. :func:`with_unanswered` names each one in the
result (``unanswered_warning_signs`` and a triage reason with the sources of
the rules the answer would bring) and, when the answer that would raise the
level is plausible for the picture, triages up to it: the probability of the
answers giving level ``L`` or more reaches ``L``'s threshold
(``red_flags.yaml`` ``policy.thresholds``) and ``plausible_probability`` of
``kb/data/model/interview_safety.yaml`` (triage up when unsure).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from milia.engine.model import condition_model
from milia.engine.questions import question_table
from milia.engine.safety_probe import Probe, SafetyQuestion
from milia.engine.triage import LEVELS, level_rank, triage_policy
from milia.errors import KnowledgeBaseError
from milia.kb.loader import read_yaml

__all__ = ["answer_words", "with_unanswered"]

_SHOWN_ANSWERS = 3  # answers named in a reason


@cache
def plausible_probability() -> float:
    """``plausible_probability`` of ``interview_safety.yaml``, checked to be in (0, 1)."""
    value = float(read_yaml("model/interview_safety.yaml")["plausible_probability"])
    if not 0.0 < value < 1.0:
        raise KnowledgeBaseError(
            f"interview_safety.yaml: plausible_probability {value} not in (0, 1)"
        )
    return value


def answer_words(probe: Probe) -> str:
    """An answer in plain words: yes/no, an option or list item, a number with its unit."""
    value = probe.value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value.replace("_", " ")
    unit = question_table(condition_model()).options.get(probe.field, {}).get("unit", "")
    number = f"{value:g}"
    return f"{number} {unit}".strip()


def _reason(sign: SafetyQuestion, level: int, raised: bool) -> dict[str, Any]:
    """The triage reason naming one unanswered warning sign."""
    policy = triage_policy(condition_model().classes)
    question = question_table(condition_model()).head(sign.field)["question"]
    top = [p for p in sign.probes if p.level == sign.raises_to][:_SHOWN_ANSWERS]
    answers = " or ".join(f"'{answer_words(p)}'" for p in top)
    answers = answers[0].upper() + answers[1:] if answers[0] != "'" else "The answer " + answers
    target = LEVELS[sign.raises_to]
    words = policy.level_words[target]
    if raised:
        text = (
            f'Not answered: "{question}" {answers} is plausible for this picture and would '
            f"make this {target} ({words}), so it is {LEVELS[level]} until someone checks."
        )
    else:
        text = f'Not answered: "{question}" {answers} would make this {target} ({words}).'
    sources: dict[str, None] = {}
    for p in top:
        sources.update(dict.fromkeys(p.sources))
    return {"text": text, "sources": list(sources)}


def with_unanswered(result: dict[str, Any], signs: Sequence[SafetyQuestion]) -> dict[str, Any]:
    """``result`` with its unanswered warning signs named, triaged up when plausible.

    Parameters
    ----------
    result : dict
        An assessment (:func:`milia.assess`); changed in place and returned.
    signs : sequence of SafetyQuestion
        The unanswered questions whose answers could raise the level
        (:func:`~milia.engine.safety_probe.safety_questions` with ``only``).

    Returns
    -------
    dict
        ``result`` with ``unanswered_warning_signs`` (``[{"field", "question",
        "could_raise_to", "probability", "assumed"}]``, best first;
        ``probability`` that an answer raises the level, ``assumed`` whether the
        level was raised for it) and, per sign, a triage reason.
    """
    if not signs:
        result["unanswered_warning_signs"] = []
        return result
    policy = triage_policy(condition_model().classes)
    triage = result["triage"]
    level = level_rank(triage["level"])
    first: list[dict[str, Any]] = []
    rest: list[dict[str, Any]] = []
    listed = []
    plausible = plausible_probability()
    for sign in signs:
        # the most urgent level whose answers are plausible enough
        reach = max(
            (
                lv
                for lv in range(level + 1, sign.raises_to + 1)
                if sign.mass(lv) >= max(plausible, policy.thresholds[lv])
            ),
            default=0,
        )
        assumed = reach > level
        if assumed:
            level = reach
        (first if assumed else rest).append(_reason(sign, reach if assumed else level, assumed))
        listed.append(
            {
                "field": sign.field,
                "question": question_table(condition_model()).head(sign.field)["question"],
                "could_raise_to": LEVELS[sign.raises_to],
                "probability": None
                if any(p.probability is None for p in sign.probes)
                else round(sign.mass(sign.level + 1), 4),
                "assumed": assumed,
            }
        )
    triage["level"] = LEVELS[level]
    triage["reasons"] = [*first, *triage["reasons"], *rest]
    result["unanswered_warning_signs"] = listed
    return result
