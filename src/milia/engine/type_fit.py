"""When a milia type may be called a fit: one rule for every way an answer is shown.

The engine always names the most likely milia type (when milia is in the top
three). Whether the words may say the picture *fits* that type is a judgement
on its strength: the probability must reach :data:`CLEAR_TYPE` and at least one
finding must multiply the type's odds by :data:`STRONG_FACTOR` or more. A type
resting on small nudges only (sites alone, for example) is shown as "the
closest" kind, so it is not read as a diagnosis. A type named after a cause
(after skin injury, a medicine or a blistering disease; an inherited skin
condition) is called a fit only when the strong finding is a reported cause
(:data:`CAUSE_TYPES`, :data:`CAUSE_FIELDS`): the sites alone must not read as
if the person had reported the injury. The CLI's text output and the web
result page both ask :func:`type_is_clear`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = [
    "CAUSE_FIELDS",
    "CAUSE_TYPES",
    "CLEAR_TYPE",
    "MIN_MILIA",
    "STRONG_FACTOR",
    "cause_reported",
    "type_is_clear",
    "type_sentence",
]

CLEAR_TYPE = 0.5
"""Least P(type | milia), a fraction, for the type to be called a fit."""

STRONG_FACTOR = 2.0
"""Least likelihood ratio (odds multiplier) of one ``why`` finding for a fit."""

CAUSE_TYPES = frozenset(
    {
        "secondary_trauma",
        "secondary_medication",
        "secondary_blistering_disease",
        "genodermatosis_associated",
    }
)
"""Milia types whose name states a cause."""

CAUSE_FIELDS = frozenset({"conditions", "associated_findings", "medications", "history"})
"""Case fields that report a cause or context (the list fields of the case format)."""

MIN_MILIA = 0.05
"""Least P(milia), a fraction, for the milia type to be worth a sentence: the triage
policy's most inclusive threshold, below which the advice says nothing about milia
either (QA F7-02: "the picture fits milia en plaque" for blisters with milia at 0 %)."""


def type_is_clear(milia_type: Mapping[str, Any]) -> bool:
    """Whether an answer's ``milia_type`` may be called a fit.

    Parameters
    ----------
    milia_type : mapping
        The ``milia_type`` object of an assessment: ``probability`` (0-1) and
        ``why`` (items with a ``factor``, the likelihood ratio).

    Returns
    -------
    bool
        True when ``probability >= CLEAR_TYPE`` and some ``why`` item has
        ``factor >= STRONG_FACTOR`` (for a type in :data:`CAUSE_TYPES`, an item
        whose ``finding`` is in :data:`CAUSE_FIELDS`).

    Examples
    --------
    >>> type_is_clear({"probability": 0.7, "why": [{"factor": 3.0}]})
    True
    >>> type_is_clear({"probability": 0.7, "why": [{"factor": 1.4}]})
    False
    >>> type_is_clear({"probability": 0.4, "why": [{"factor": 5.0}]})
    False
    >>> after_injury = {"type": "secondary_trauma", "probability": 0.7}
    >>> type_is_clear({**after_injury, "why": [{"finding": "sites", "factor": 3.0}]})
    False
    >>> type_is_clear({**after_injury, "why": [{"finding": "history", "factor": 9.0}]})
    True
    """
    why = milia_type.get("why") or ()
    needs_cause = milia_type.get("type") in CAUSE_TYPES
    strong = any(
        isinstance(item, Mapping)
        and float(item.get("factor", 0.0)) >= STRONG_FACTOR
        and (not needs_cause or item.get("finding") in CAUSE_FIELDS)
        for item in why
    )
    return float(milia_type.get("probability", 0.0)) >= CLEAR_TYPE and strong


def cause_reported(milia_type: Mapping[str, Any]) -> bool:
    """Whether a ``why`` item of the type is a reported cause or context that raises it
    (a finding of :data:`CAUSE_FIELDS` with ``factor > 1``)."""
    return any(
        isinstance(item, Mapping)
        and item.get("finding") in CAUSE_FIELDS
        and float(item.get("factor", 0.0)) > 1.0
        for item in milia_type.get("why") or ()
    )


def type_sentence(result: Mapping[str, Any]) -> str | None:
    """The sentence about the milia type that a front end shows, or None for none.

    None when the assessment names no type or milia is below :data:`MIN_MILIA`
    (the type is then the kind milia would be, about bumps that are almost
    surely not milia). A clear type (:func:`type_is_clear`) "fits"; otherwise
    the description "cannot tell their kind well" and the type is only "the
    closest". A type named after a cause (:data:`CAUSE_TYPES`) with no cause
    reported (:func:`cause_reported`) says so.

    Parameters
    ----------
    result : mapping
        An assessment (``differential`` and ``milia_type`` are read).

    Examples
    --------
    >>> kind = {"type": "neonatal", "name": "newborn milia", "probability": 0.9,
    ...         "why": [{"finding": "sites", "factor": 3.0}]}
    >>> type_sentence({"differential": [{"condition": "milia", "probability": 0.8}],
    ...                "milia_type": kind})
    'If these are milia, the picture fits newborn milia (90%).'
    >>> type_sentence({"differential": [{"condition": "milia", "probability": 0.01}],
    ...                "milia_type": kind}) is None
    True
    """
    kind = result.get("milia_type")
    if not isinstance(kind, Mapping):
        return None
    milia = next(
        (d for d in result.get("differential") or () if d.get("condition") == "milia"), None
    )
    if milia is None or float(milia.get("probability", 0.0)) < MIN_MILIA:
        return None
    unreported = kind.get("type") in CAUSE_TYPES and not cause_reported(kind)
    name = str(kind["name"])
    if unreported:  # the sentence below says so; the name's own note would repeat it
        from milia.engine.explain import labels  # explain imports the triage modules

        name = labels()["milia_types"].get(str(kind.get("type")), name)
    share = f"{name} ({float(kind['probability']):.0%})"
    if type_is_clear(kind):
        sentence = f"If these are milia, the picture fits {share}."
    else:
        sentence = (
            "If these are milia, the description cannot tell their kind well;"
            f" the closest is {share}."
        )
    if unreported:
        sentence += (
            " No cause of that kind was reported: it is a guess from where and how the bumps look."
        )
    return sentence
