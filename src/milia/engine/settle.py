"""Questions whose answer could make an unsettled result less urgent (brief item 1).

The interview asks every question whose answer could raise the triage level
(:mod:`milia.engine.safety_probe`), but it stopped asking the others once the
top condition was likely enough or ``max_questions`` were asked. A level that
rests on what is *not* known (the description fits several conditions; a
condition that cannot be excluded yet) can then be higher than the whole
description would give: the answer is not settled. Here every unasked field
is tried with each of its values, as the safety probe does, and a field
*settles* the result when the answers that would lower the level are
plausible: their probability given the answers so far reaches
``plausible_probability`` (``interview_safety.yaml``, the bar a raising answer
must reach to be assumed). The interview asks these, most plausible first,
after the safety questions and within the same budget; an answer can still
raise the level, and the safety questions then follow it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from milia.engine.case import case_age_days, validate_case
from milia.engine.fast import compute_chunk
from milia.engine.safety_probe import (
    Predictive,
    Probe,
    answer_probability,
    candidate_values,
    probed_fields,
)
from milia.engine.unanswered import plausible_probability
from milia.errors import CaseError

__all__ = ["SettlingQuestion", "settling_questions"]


@dataclass(frozen=True)
class SettlingQuestion:
    """An unasked field whose answer could lower the triage level."""

    field: str
    level: int  # the present level (rank in LEVELS)
    lowers_to: int  # the least urgent level one of its plausible answers gives
    probability: float  # P(the answer lowers the level | answers so far)


def settling_questions(
    clean: Mapping[str, Any], *, skip: Collection[str] = ()
) -> list[SettlingQuestion]:
    """The unasked fields whose plausible answers would lower the case's level.

    Parameters
    ----------
    clean : Mapping
        A case already checked by :func:`~milia.engine.case.validate_case`.
    skip : collection of str
        Fields not to try (already asked, answered or not).

    Returns
    -------
    list of SettlingQuestion
        Most plausible first; empty when the level is the least urgent or no
        lowering answer reaches ``plausible_probability``.
    """
    fields = [f for f in probed_fields() if f not in clean and f not in skip]
    variants: list[dict[str, Any]] = []
    owners: list[tuple[str, Any]] = []
    for field in fields:
        for value in candidate_values(field):
            try:
                variants.append(validate_case({**clean, field: value}))
            except CaseError:
                continue
            owners.append((field, value))
    if not variants:
        return []
    done = compute_chunk([clean, *variants], n_questions=0, why_top=0)
    level = done.levels[0]
    if level == 0:
        return []
    predictive = Predictive(clean, case_age_days(clean))
    lowering: dict[str, list[Probe]] = {}
    for v, (field, value) in enumerate(owners, start=1):
        lowered = done.levels[v]
        if lowered >= level:
            continue
        p = predictive(field, value)
        if p is None:  # no model row: no way to judge how plausible
            continue
        item = value[0] if isinstance(value, list) else value
        outcome = predictive.outcome(field, value)
        lowering.setdefault(field, []).append(Probe(field, item, lowered, 0, p, (), outcome))
    bar = plausible_probability()
    out = []
    for field, probes in lowering.items():
        mass = answer_probability(field, probes)
        if mass >= bar:
            out.append(SettlingQuestion(field, level, min(p.level for p in probes), mass))
    out.sort(key=lambda q: (-q.probability, q.lowers_to))
    return out
