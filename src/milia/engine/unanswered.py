"""Warning signs an interview asked about but did not get an answer to (QA F6-20).

A "don't know" to a question whose answer could raise the triage level keeps
that warning sign unresolved. :func:`with_unanswered` names each one in the
result (``unanswered_warning_signs`` and a triage reason with the sources of
the rules the answer would bring) and, when the answer that would raise the
level is plausible for the picture, triages up to it: the probability of the
answers giving level ``L`` or more reaches ``L``'s threshold
(``red_flags.yaml`` ``policy.thresholds``) and ``plausible_probability`` of
``kb/data/model/interview_safety.yaml`` (triage up when unsure). A yes/no
warning sign whose typed answer could not be read (``unreadable``, QA F10-01)
triages up to the level its "yes" gives, plausible or not: the person was
trying to answer, and a yes said in words the tool does not know ("he is hot,
38.6") must not end as self-care. So does one answered with a hesitation
(``hesitant``, QA F15-03: "maybe" to "Is the baby unwell?"), with a line saying
the person was not sure.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from functools import cache
from typing import Any

from milia.engine.evidence import with_evidence
from milia.engine.model import condition_model
from milia.engine.safety_probe import Predictive, SafetyQuestion
from milia.engine.triage import LEVELS, level_rank, triage_policy
from milia.engine.unanswered_words import (
    answer_words,
    question_text,
    shown_answers,
    sign_sources,
)
from milia.errors import KnowledgeBaseError
from milia.kb.loader import read_yaml

__all__ = ["answer_words", "joint_mass", "question_text", "sign_sources", "with_unanswered"]


@cache
def plausible_probability() -> float:
    """``plausible_probability`` of ``interview_safety.yaml``, checked to be in (0, 1)."""
    value = float(read_yaml("model/interview_safety.yaml")["plausible_probability"])
    if not 0.0 < value < 1.0:
        raise KnowledgeBaseError(
            f"interview_safety.yaml: plausible_probability {value} not in (0, 1)"
        )
    return value


def _reason(
    sign: SafetyQuestion,
    level: int,
    raised: bool,
    *,
    age_days: float | None,
    asked: bool,
    unsure: bool = False,
) -> dict[str, Any]:
    """The triage reason naming one unanswered (or, when stopped early, unasked) warning sign."""
    policy = triage_policy(condition_model().classes)
    question = question_text(sign.field, age_days)
    shown = shown_answers(sign, age_days)
    answers = " or ".join(f"'{a}'" for a in shown) or "An answer not expected at this age"
    answers = answers[0].upper() + answers[1:] if answers[0] != "'" else "The answer " + answers
    lead = "Not answered" if asked else "Not asked (the interview stopped early)"
    if unsure:  # QA F15-03: the person answered, unsure
        lead = "Answered 'not sure'"
    target = LEVELS[sign.raises_to]
    words = policy.level_words[target]
    if raised:
        text = (
            f'{lead}: "{question}" {answers} is plausible for this picture and would '
            f"make this {target} ({words}), so it is {LEVELS[level]} until someone checks."
        )
    else:
        text = f'{lead}: "{question}" {answers} would make this {target} ({words}).'
    return {"text": text, "sources": sign_sources(sign, age_days)}


def _yes_level(sign: SafetyQuestion) -> int:
    """The level the answer "yes" alone gives a yes/no warning sign (0 when none)."""
    return max((p.level for p in sign.probes if p.value is True), default=0)


def _unreadable_reason(
    sign: SafetyQuestion, level: int, *, age_days: float | None, hesitant: bool = False
) -> dict[str, Any]:
    """The triage reason of a yes/no warning sign whose answer could not be read, or
    (``hesitant``) was given as "not sure" (QA F15-03)."""
    policy = triage_policy(condition_model().classes)
    target = LEVELS[level]
    sources: dict[str, None] = {}
    for probe in sign.probes:
        if probe.value is True:
            sources.update(dict.fromkeys(probe.sources))
    sources.setdefault("milia_team_estimate", None)
    question = question_text(sign.field, age_days)
    lead = (
        f'You were not sure about "{question}"'
        if hesitant
        else f'The answer to "{question}" could not be read'
    )
    return {
        "text": f"{lead}, and 'yes' would make this {target} ({policy.level_words[target]}): "
        f"so it is {target} until someone checks (when unsure, triage up).",
        "sources": list(sources),
    }


def joint_mass(
    signs: Sequence[SafetyQuestion], level: int, *, predictive: Predictive | None = None
) -> float:
    """``P(any answer gives level >= level)`` over unanswered signs (QA F7-37).

    With ``predictive`` (the model given the answers), the model's own joint
    chance: the signs independent given the condition, as the model takes
    findings (:meth:`~milia.engine.safety_probe.Predictive.none_of`); signs that
    point to the same condition (a blister, clear fluid, a red patch) are then
    not counted as separate chances. Without it, each sign's own chance
    (:meth:`SafetyQuestion.mass`) taken as independent of the others',
    ``1 - prod(1 - p_i)`` (the larger of the two when signs go together). A
    sign without a model probability counts 0, as alone.
    """
    if predictive is not None:
        groups = [(s.field, [p for p in s.probes if p.level >= level]) for s in signs]
        return 1.0 - predictive.none_of(groups)
    none = 1.0
    for sign in signs:
        none *= 1.0 - sign.mass(level)
    return 1.0 - none


def _joint(
    signs: Sequence[SafetyQuestion],
    level: int,
    first: list[dict[str, Any]],
    listed: list[dict[str, Any]],
    *,
    age_days: float | None,
    predictive: Predictive | None,
) -> int:
    """The level after judging the unanswered signs together (QA F7-37).

    None of them alone may be plausible, but the chance that at least one
    raises the level to ``L`` (:func:`joint_mass`) can be: the most urgent ``L``
    above ``level`` whose joint chance reaches ``max(plausible_probability,
    threshold of L)``, the same bar as one sign's. Adds a reason naming the
    signs to ``first`` and marks them ``assumed`` in ``listed``; returns the new
    level (``level`` when none passes). The reason cites what the signs' own
    reasons cite (:func:`sign_sources`: the rules of the answers they name) and
    the team's estimate of the joint chance, never a rule no line names (QA
    F10-05).
    """
    if len(signs) < 2:  # one sign alone was judged already
        return level
    policy = triage_policy(condition_model().classes)
    bar = plausible_probability()
    top = max(s.raises_to for s in signs)
    for target in range(top, level, -1):
        chance = joint_mass(signs, target, predictive=predictive)
        if chance < max(bar, policy.thresholds[target]):
            continue
        named = [s for s in signs if s.mass(target) > 0.0]
        sources: dict[str, None] = {}
        for sign in named:
            sources.update(dict.fromkeys(sign_sources(sign, age_days)))
        questions = "; ".join(f'"{question_text(s.field, age_days)}"' for s in named)
        words = policy.level_words[LEVELS[target]]
        first.insert(
            0,
            {
                "text": f"{len(named)} warning signs were not answered ({questions}). "
                f"None alone is likely, but the chance that at least one of them would "
                f"make this {LEVELS[target]} ({words}) is about {round(chance * 100)} %, "
                f"so it is {LEVELS[target]} until someone checks.",
                "sources": [*sources, "milia_team_estimate"]
                if "milia_team_estimate" not in sources
                else list(sources),
            },
        )
        fields = {s.field for s in named}
        for item in listed:
            if item["field"] in fields:
                item["assumed"] = True
        return target
    return level


def with_unanswered(
    result: dict[str, Any],
    signs: Sequence[SafetyQuestion],
    *,
    age_days: float | None = None,
    unasked: Collection[str] = (),
    case: Mapping[str, Any] | None = None,
    unreadable: Collection[str] = (),
    hesitant: Collection[str] = (),
) -> dict[str, Any]:
    """``result`` with its unanswered warning signs named, triaged up when plausible.

    Parameters
    ----------
    result : dict
        An assessment (:func:`milia.assess`); changed in place and returned.
    signs : sequence of SafetyQuestion
        The unanswered questions whose answers could raise the level
        (:func:`~milia.engine.safety_probe.safety_questions` with ``only``).
    age_days : float, optional
        The person's age in days: a list's items not offered at this age are not
        named as example answers unless nothing else would raise the level.
    unasked : collection of str
        Those of the signs' fields that were never asked (the interview stopped
        early, QA F7-07): named "Not asked", and treated as "don't know".
    case : Mapping, optional
        The validated case the signs were found for: the signs are then judged
        together by the model's joint chance (:func:`joint_mass`), else by
        ``1 - prod(1 - p_i)`` of their own chances.
    unreadable : collection of str
        Those of the signs' fields whose typed answers could not be read (QA
        F10-01): a yes/no sign among them raises the level to what "yes" gives
        (``assumed`` True), with a reason saying the answer could not be read.
    hesitant : collection of str
        Those of the signs' fields answered with a hesitation ("maybe", "not sure";
        QA F15-03): raised as ``unreadable`` ones are, with a reason saying the
        person was not sure.

    Returns
    -------
    dict
        ``result`` with ``unanswered_warning_signs`` (``[{"field", "question",
        "could_raise_to", "probability", "assumed", "asked"}]``, best first;
        ``probability`` that an answer raises the level, ``assumed`` whether the
        level was raised for it, ``asked`` False for a question never asked)
        and, per sign, a triage reason.
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
        unsure = sign.field in hesitant
        yes = _yes_level(sign) if sign.field in unreadable or unsure else 0
        asked = sign.field not in unasked
        assumed = max(reach, yes) > level
        if yes > max(reach, level) or (unsure and assumed):
            # QA F10-01, F15-03: an answer not read, or given as "not sure", is unsure
            level = max(reach, yes)
            reason = _unreadable_reason(sign, level, age_days=age_days, hesitant=unsure)
        else:
            if assumed:
                level = reach
            reason = _reason(
                sign,
                reach if assumed else level,
                assumed,
                age_days=age_days,
                asked=asked,
                unsure=unsure,
            )
        (first if assumed else rest).append(reason)
        listed.append(
            {
                "field": sign.field,
                "question": question_text(sign.field, age_days),
                "could_raise_to": LEVELS[sign.raises_to],
                "probability": None
                if any(p.probability is None for p in sign.probes)
                else round(sign.mass(sign.level + 1), 4),
                "assumed": assumed,
                "asked": asked,
            }
        )
    not_asked = [s for s in signs if s.field in unasked]
    if not_asked and level < policy.uncertain_level:
        # stopped before its safety questions: the answer is not settled (an unsure
        # model's level, red_flags.yaml policy.uncertain_level; QA F7-07)
        level = policy.uncertain_level
        words = policy.level_words[LEVELS[level]]
        stopped = {
            "text": f"The interview stopped before {len(not_asked)} question"
            f"{'s' if len(not_asked) > 1 else ''} that could change what to do "
            f"were asked, so it is at least {LEVELS[level]} ({words}).",
            "sources": ["milia_team_estimate"],
        }
    else:
        stopped = None
    # then the signs together (QA F7-37): their reason leads the signs' own
    predictive = None if case is None else Predictive(case, age_days)
    level = _joint(signs, level, first, listed, age_days=age_days, predictive=predictive)
    if stopped is not None:
        first.insert(0, stopped)
    triage["level"] = LEVELS[level]
    # the interview's reasons carry their evidence level as the engine's do (QA F6-19)
    triage["reasons"] = [*with_evidence(first), *triage["reasons"], *with_evidence(rest)]
    result["unanswered_warning_signs"] = listed
    return result
