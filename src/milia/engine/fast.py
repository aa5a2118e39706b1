"""The assessment of a chunk of validated cases, vectorised: what ``assess`` runs.

The straightforward path (:func:`milia.engine.assess.assemble`, one case at a
time) is kept as the reference; this module gives the same output (tests
compare them on thousands of cases) with the work that depends only on the
knowledge base done once (:mod:`milia.engine.prepared`) and the numerical
work done for the whole chunk at once with numpy: posteriors, rankings, the
selection of every class's ``why`` items, milia's mixture items, question
gains and their order, and the red-flag variants of
:mod:`milia.engine.reassure`. What remains per case is cheap Python: fresh
dicts from prepared parts, and the rules of red flags and advice.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from milia.engine.advice import advice_for
from milia.engine.case import case_age_days
from milia.engine.explain import _row_mean, labels, row_sources
from milia.engine.model import CompiledModel, Encoded, FloatArray, softmax
from milia.engine.prepared import (
    MAX_ITEMS,
    MIN_LOG_FACTOR,
    Padded,
    Prepared,
    _text,
    prepared,
    select_items,
)
from milia.engine.questions import question_table
from milia.engine.reassure import never_reassured
from milia.engine.rules import RuleContext
from milia.engine.triage import LEVELS, level_rank, triage_policy
from milia.kb.loader import knowledge_version

__all__ = ["DISCLAIMER", "MILIA_TOP", "assess_chunk", "log_posteriors"]

DISCLAIMER = (
    "milia supports decisions and does not diagnose. The results say what the "
    "description is most consistent with; a clinician who examines the skin decides."
)
MILIA_TOP = 3  # the milia type is given when milia is among the top three


def log_posteriors(
    model: CompiledModel, encoded: Sequence[Encoded]
) -> tuple[FloatArray, FloatArray]:
    """Unnormalised log posteriors of many encoded cases, shape (N, C), and the
    scores of the milia types (the mixture components of milia), shape (N, T)."""
    lengths = np.fromiter((len(e.rows) for e in encoded), dtype=np.intp, count=len(encoded))
    rows = np.fromiter(
        (r for e in encoded for r in e.rows), dtype=np.intp, count=int(lengths.sum())
    )
    weights = np.fromiter((w for e in encoded for w in e.weights), dtype=float, count=rows.size)
    starts = np.zeros(len(encoded), dtype=np.intp)
    np.cumsum(lengths[:-1], out=starts[1:])
    contributions = model.log_p[rows] * weights[:, None]
    result: FloatArray = np.add.reduceat(contributions, starts, axis=0)
    type_scores: FloatArray = np.zeros((len(encoded), 0))
    if model.mixture is not None:  # milia: the mixture over its types
        type_scores = np.add.reduceat(model.mixture.log_p[rows] * weights[:, None], starts, axis=0)
        result = model.mix(result, type_scores, rows[starts])
    return result, type_scores


def _mixed_whys(
    prep: Prepared,
    padded: Padded,
    type_scores: FloatArray,
    cases: Sequence[Mapping[str, Any]],
    which: list[int],
) -> list[list[dict[str, Any]]]:
    """Milia's why items under the type mixture for cases ``which`` of the chunk.

    The vectorised form of :func:`milia.engine.explain._mixture_column` and
    ``_mixed_items``: each finding's factor is its weighted log likelihood
    under the type responsibilities, the age row carries the prior minus the
    divergence of the responsibilities from the type prior.
    """
    model = prep.model
    mix = model.mixture
    assert mix is not None
    m = model.mixture_class
    sel = np.asarray(which, dtype=np.intp)
    rows, weights, scores = padded.rows[sel], padded.weights[sel], type_scores[sel]
    top = scores.max(axis=1, keepdims=True)
    log_resp = scores - (np.log(np.exp(scores - top).sum(axis=1)) + top[:, 0])[:, None]
    resp = np.exp(log_resp)
    age_rows = rows[:, 0]
    kl = (resp * (log_resp - mix.log_p[age_rows])).sum(axis=1)
    effective = np.einsum("nkt,nt->nk", mix.log_p[rows], resp)
    effective[:, 0] = model.log_p[age_rows, m] - kl
    mixed = (effective - _row_mean(model)[rows]) * weights
    width = min(MAX_ITEMS + 2, rows.shape[1])
    orders = np.argsort(-np.abs(mixed), axis=1, kind="stable")[:, :width].tolist()
    bests = np.argmax(resp, axis=1).tolist()
    type_sources = row_sources(mix)
    type_names = labels()["milia_types"]
    label = labels()["conditions"][model.classes[m]]
    numeric = model.numeric_edges
    out = []
    for j, (order, column, case_rows) in enumerate(
        zip(orders, mixed.tolist(), rows.tolist(), strict=True)
    ):
        case = cases[which[j]]
        best = bests[j]
        items: list[dict[str, Any]] = []
        for k in order:
            value = column[k]
            if -MIN_LOG_FACTOR < value < MIN_LOG_FACTOR or len(items) == MAX_ITEMS:
                break
            r = case_rows[k]
            row = model.rows[r]
            if row.text is None:
                continue
            factor = round(math.exp(value), 3)
            text = row.text
            if row.field == "age":
                text = (
                    f"{text} (with the share of {type_names[mix.classes[best]]} among milia then)"
                )
            items.append(
                {
                    "finding": row.field,
                    "value": case[row.field] if row.field in numeric else row.value,
                    "factor": factor,
                    "text": _text(text, factor, label),
                    "sources": list(type_sources[r][best]),
                }
            )
        out.append(items)
    return out


def _split(items: list[dict[str, Any]], counts: list[list[int]]) -> list[list[list[Any]]]:
    """Cut the flat item list into one list per class per case."""
    out = []
    at = 0
    for per_class in counts:
        lists = []
        for count in per_class:
            lists.append(items[at : at + count])
            at += count
        out.append(lists)
    return out


def assess_chunk(
    cleaned: Sequence[Mapping[str, Any]], *, n_questions: int, why_top: int
) -> list[dict[str, Any]]:
    """The assessments of validated cases (see :func:`milia.engine.assess.assess`).

    Parameters
    ----------
    cleaned : sequence of Mapping
        Cases already checked by :func:`~milia.engine.case.validate_case`.
    n_questions : int
        Next questions per case.
    why_top : int
        Explain only the ``why_top`` most likely conditions of each case.
    """
    n = len(cleaned)
    if n == 0:
        return []
    prep = prepared()
    model = prep.model
    tmodel = model.mixture
    assert tmodel is not None
    classes, types = model.classes, tmodel.classes
    names = labels()
    cond_names = [names["conditions"][c] for c in classes]
    type_names = names["milia_types"]
    all_names = names["all"]
    m = model.mixture_class

    ages = [case_age_days(c) for c in cleaned]
    encoded = [model.encode(c, a) for c, a in zip(cleaned, ages, strict=True)]
    scores, type_scores = log_posteriors(model, encoded)
    probs, type_probs = softmax(scores), softmax(type_scores)
    orders_arr = np.argsort(-probs, axis=1, kind="stable")
    ranks_arr = np.empty_like(orders_arr)
    np.put_along_axis(ranks_arr, orders_arr, np.arange(len(classes))[None, :], axis=1)
    padded = prep.pad(encoded)
    with_type = ranks_arr[:, m] < MILIA_TOP
    bests_arr = np.argmax(type_probs, axis=1)

    whys: list[list[list[Any]]] | None = None
    type_whys: list[list[list[Any]]] | None = None
    mixed: dict[int, list[dict[str, Any]]] = {}
    if why_top > 0:
        wanted = ranks_arr < why_top
        wanted[:, m] = False
        whys = _split(*select_items(prep, prep.conditions, padded, wanted, cleaned))
        which = np.flatnonzero(ranks_arr[:, m] < why_top).tolist()
        if which:
            mixed = dict(
                zip(which, _mixed_whys(prep, padded, type_scores, cleaned, which), strict=True)
            )
    if with_type.any():
        one_type = np.zeros(type_probs.shape, dtype=bool)
        one_type[np.arange(n), bests_arr] = with_type
        type_whys = _split(*select_items(prep, prep.types, padded, one_type, cleaned))

    table = question_table(model)
    q_order: list[list[int]] = []
    q_values: list[list[float]] = []
    if n_questions > 0:
        gains = table.gains(probs, type_probs)
        q_order, q_values = np.argsort(-gains, axis=1).tolist(), gains.tolist()

    policy = triage_policy(classes)
    plists = probs.tolist()
    floors = (np.floor(probs * 10_000) / 10_000).tolist()
    orders, ranks_l = orders_arr.tolist(), ranks_arr.tolist()
    bests, best_ps = bests_arr.tolist(), type_probs[np.arange(n), bests_arr].tolist()
    version = knowledge_version()
    results: list[dict[str, Any]] = []
    levels: list[int] = []
    reasons_of: list[list[dict[str, Any]]] = []
    for i, case in enumerate(cleaned):
        order, plist = orders[i], plists[i]
        case_whys = whys[i] if whys is not None else None
        if i in mixed and case_whys is not None:
            case_whys[m] = mixed[i]
        floor = floors[i]
        differential = [
            {
                "condition": classes[c],
                "name": cond_names[c],
                "probability": floor[c],
                "why": case_whys[c] if case_whys is not None else [],
            }
            for c in order
        ]
        milia_type: dict[str, Any] | None = None
        type_id: str | None = None
        type_p = 0.0
        if ranks_l[i][m] < MILIA_TOP:
            best = bests[i]
            type_id, type_p = types[best], best_ps[i]
            milia_type = {
                "type": type_id,
                "name": type_names[type_id],
                "probability": math.floor(type_p * 10_000) / 10_000,
                "why": type_whys[i][best] if type_whys is not None else [],
            }
        ctx = RuleContext(
            case,
            ages[i],
            dict(zip(classes, ranks_l[i], strict=True)),
            dict(zip(classes, plist, strict=True)),
            type_id,
        )
        level, reasons = policy.base(plist, order, classes, all_names, type_id, type_p)
        red_flags = policy.red_flags(ctx)
        for flag in red_flags:
            flag_level = level_rank(flag["level"])
            if flag_level > 0:
                reasons.append({"text": flag["message"], "sources": flag["sources"]})
                level = max(level, flag_level)
        levels.append(level)
        reasons_of.append(reasons)
        results.append(
            {
                "differential": differential,
                "milia_type": milia_type,
                "triage": {"level": "", "reasons": reasons},
                "red_flags": red_flags,
                "advice": advice_for(ctx),
                "next_questions": table.ranked_by(
                    q_order[i], q_values[i], case, ages[i], limit=n_questions
                )
                if n_questions > 0
                else [],
                "knowledge_version": version,
                "disclaimer": DISCLAIMER,
            }
        )
    never_reassured(cleaned, ages, padded, scores, type_scores, levels, reasons_of)
    for result, level in zip(results, levels, strict=True):
        result["triage"]["level"] = LEVELS[level]
    return results
