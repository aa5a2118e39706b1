"""The result dicts of a computed chunk (:func:`to_dicts`), for ``assess_many``.

:func:`milia.engine.fast.compute_chunk` computes a chunk's numbers, rankings
and rules; this module builds the dicts :func:`milia.engine.assess.assess`
returns from them, sharing read-only the containers whose content is the
knowledge base's alone (:mod:`milia.engine.readonly`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from typing import Any

from milia.engine.advice import advice_items
from milia.engine.case import case_age_days
from milia.engine.chunk_mixture import mixed_dict
from milia.engine.evidence import with_evidence
from milia.engine.explain import labels
from milia.engine.fast import DISCLAIMER, FLOORS, GAINS, Computed
from milia.engine.not_listed import not_listed_entry
from milia.engine.prepared import build_items, prepared
from milia.engine.questions import question_table
from milia.engine.readonly import ReadOnlyDict, ReadOnlyList
from milia.engine.triage import LEVELS, triage_policy
from milia.kb.loader import knowledge_version

__all__ = ["to_dicts"]


def to_dicts(done: Computed) -> list[dict[str, Any]]:
    """The result dicts of a computed chunk.

    Containers whose content depends only on the knowledge base (fixed why
    items, red flags, advice, a question's options) are read-only and shared
    between results (:class:`~milia.engine.readonly.ReadOnlyDict`); every
    other container is fresh.
    """
    prep = prepared()
    model = prep.model
    tmodel = model.mixture
    assert tmodel is not None
    classes, types = model.classes, tmodel.classes
    n_classes = len(classes)
    m = model.mixture_class
    names = labels()
    cond_names = [names["conditions"][c] for c in classes]
    type_names = names["milia_types"]
    fixed = _fixed_parts()
    flag_dicts, advice_dicts, questions = fixed.flags, fixed.advice, fixed.questions
    worded, variant = fixed.worded, question_table(model).variant
    version = knowledge_version()
    items: list[dict[str, Any]] = []
    bounds: list[int] = [0] * (len(done.cases) * (n_classes + 1) + 1)
    if done.selected is not None:
        items = build_items(prep, done.selected, done.cases)
        bounds = [0, *accumulate(done.selected.counts.ravel().tolist())]
    explained = done.selected is not None and done.why_top > 0
    results = []
    floors = done.floor_ints.tolist()
    outside = done.outside_ints.tolist()
    gains = GAINS.rounded([gain for asked in done.questions for _, gain, _ in asked])
    g = 0
    for i, order in enumerate(done.orders):
        floor = floors[i]
        at = i * (n_classes + 1)
        mixed = [mixed_dict(prep, item) for item in done.mixed.get(i, ())] if explained else []
        differential = [
            {
                "condition": classes[c],
                "name": cond_names[c],
                "probability": FLOORS[floor[c]],
                "why": (items[bounds[at + c] : bounds[at + c + 1]] if c != m else mixed)
                if explained
                else [],
            }
            for c in order
        ]
        milia_type: dict[str, Any] | None = None
        kind = done.types[i]
        if kind is not None:
            best, type_p = kind
            milia_type = {
                "type": types[best],
                "name": done.type_names.get(i) or type_names[types[best]],
                "probability": FLOORS[math.floor(type_p * 10_000)],
                "why": items[bounds[at + n_classes] : bounds[at + n_classes + 1]],
            }
        next_questions = []
        for field, _, reason in done.questions[i]:
            if field in worded:  # worded for the person's age (QA F7-01)
                question = worded[field][variant(field, case_age_days(done.cases[i]))].copy()
            else:
                question = questions[field].copy()
            question["expected_information_gain"] = gains[g]
            g += 1
            if reason is not None:
                question["reason"] = reason
            next_questions.append(question)
        results.append(
            {
                "differential": differential,
                "not_listed": not_listed_entry(FLOORS[outside[i]]),
                "milia_type": milia_type,
                "triage": {
                    "level": LEVELS[done.levels[i]],
                    "reasons": with_evidence(done.reasons[i]),
                },
                "red_flags": [_flag(flag_dicts, done, i, f) for f in done.flags[i]],
                "advice": [advice_dicts[a] for a in done.advice[i]],
                "next_questions": next_questions,
                "knowledge_version": version,
                "disclaimer": DISCLAIMER,
            }
        )
    return results


def _flag(flag_dicts: list[ReadOnlyDict], done: Computed, i: int, f: int) -> dict[str, Any]:
    """Flag ``f``'s dict for case ``i``: shared, or fresh when its message names the case's
    findings."""
    message = done.messages.get((i, f))
    if message is None:
        return flag_dicts[f]
    return {**flag_dicts[f], "message": message, "sources": list(flag_dicts[f]["sources"])}


@dataclass(frozen=True, eq=False)
class _Fixed:
    """Output containers that depend only on the knowledge base, read-only and shared."""

    flags: list[ReadOnlyDict]  # each red flag's dict, in policy order
    advice: list[ReadOnlyDict]  # each advice item's dict, in advice_items() order
    questions: dict[str, dict[str, Any]]  # each question up to its gain (options shared)
    worded: dict[str, dict[str, dict[str, Any]]]  # worded for the age: by field, variant


@cache
def _fixed_parts() -> _Fixed:
    model = prepared().model
    table = question_table(model)
    questions: dict[str, dict[str, Any]] = {}
    worded: dict[str, dict[str, dict[str, Any]]] = {}
    for name in table.protos:
        for v in table.variants(name):
            item = table.head(name, v)
            item["options"] = ReadOnlyList(item["options"])
            if v == "":
                questions[name] = item
            if len(table.variants(name)) > 1:
                worded.setdefault(name, {})[v] = item
    return _Fixed(
        flags=[_read_only(f.as_dict()) for f in triage_policy(model.classes).flags],
        advice=[_read_only(a.as_dict()) for a in advice_items()],
        questions=questions,
        worded=worded,
    )


def _read_only(record: dict[str, Any]) -> ReadOnlyDict:
    """``record`` as a read-only dict, its lists read-only too."""
    return ReadOnlyDict(
        {k: ReadOnlyList(v) if isinstance(v, list) else v for k, v in record.items()}
    )
