"""The share of "not one of the listed conditions" in the printed differential.

The differential model (:mod:`milia.engine.model`) knows 23 conditions and
normalises over them, so a description that fits none of them (painful grouped
blisters on a red patch: a cold sore or shingles) still gave its least bad fit
nearly all the probability. One more, unlisted class takes a share
(``findings.yaml: not_listed``, an expert estimate of the milia team):

- its prior is ``prior`` in every age band, against the listed conditions'
  priors, which sum to 1 in a band (so its prior odds are ``prior / (1 - prior)``);
- its likelihoods are flat: each value of a categorical or numeric finding
  ``1 / (number of values or bands)``, a yes/no finding 0.5; a duration cut
  short by the age is renormalised over the feasible bands, as the conditions'
  are; the fields in ``as_average`` take the mean of the conditions'
  likelihoods (no evidence either way);
- its log likelihoods are tempered and weighted exactly as the conditions'
  (the same encoded rows and weights).

Only the printed probabilities change: each is the probability among the
listed conditions times the listed share, so they sum to less than 1 (the case
format allows it). Ranking, milia type, triage and questions keep the share
among the listed conditions, which is never the smaller (when unsure, triage up).

Every assessment says the rest itself (session 10): its ``not_listed`` member,
right after ``differential``, is ``{"probability", "note", "sources",
"evidence"}`` (:func:`not_listed_entry`), the probability ``1 - share`` rounded
down to 4 decimals, so that it and the printed differential sum to at most 1.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np

from milia.engine.model import CompiledModel, FloatArray
from milia.kb.loader import read_yaml

__all__ = [
    "leak_column",
    "leak_score",
    "listed_share",
    "not_listed_entry",
    "not_listed_prior",
    "outside_floor",
    "printed_probabilities",
]


def not_listed_prior() -> float:
    """The prior share of "not one of the listed conditions" (0-1, unitless)."""
    return float(read_yaml("model/findings.yaml")["not_listed"]["prior"])


def outside_floor(share: float) -> int:
    """``floor((1 - share) * 10,000)``: the "not listed" probability x 10,000 rounded down
    (the batch path computes the same with numpy, element by element)."""
    return math.floor((1.0 - share) * 10_000)


@cache
def _entry_parts() -> tuple[str, tuple[str, ...], str]:
    spec = read_yaml("model/findings.yaml")["not_listed"]
    return str(spec["note"]), tuple(str(s) for s in spec["sources"]), str(spec["evidence"])


def not_listed_entry(probability: float) -> dict[str, Any]:
    """The assessment's ``not_listed`` member for a probability (0-1, rounded down to
    4 decimals): ``{"probability", "note", "sources", "evidence"}``, its note and
    sources from ``findings.yaml: not_listed`` (an expert estimate)."""
    note, sources, evidence = _entry_parts()
    return {
        "probability": probability,
        "note": note,
        "sources": list(sources),
        "evidence": evidence,
    }


@cache
def leak_column(model: CompiledModel) -> FloatArray:
    """``log P(row | not listed)`` for every row of ``model``, shape (R,).

    Age rows hold the prior log odds ``log(prior / (1 - prior))``, so that the
    leak's score compares with the conditions' log posteriors, whose priors
    sum to 1 in each age band.
    """
    spec = read_yaml("model/findings.yaml")["not_listed"]
    prior = float(spec["prior"])
    average = frozenset(spec["as_average"])
    best = frozenset((f, v) for f, values in spec.get("as_best", {}).items() for v in values)
    # the listed conditions' and (with a mixture) the milia types' log likelihoods
    parts = [model.log_p] if model.mixture is None else [model.log_p, model.mixture.log_p]
    best_of = np.concatenate(parts, axis=1)
    n_values = Counter((row.field, row.band) for row in model.rows)
    n_duration = n_values[("duration_weeks", None)]
    mean = np.log(np.exp(model.log_p).mean(axis=1))
    column: FloatArray = np.empty(len(model.rows))
    for r, row in enumerate(model.rows):
        if row.field == "age":
            column[r] = math.log(prior / (1.0 - prior))
        elif (row.field, row.value) in best:
            column[r] = float(best_of[r].max())
        elif row.field in average:
            column[r] = mean[r]
        elif row.field == "duration_norm":  # renormalised over the feasible bands
            column[r] = math.log(n_duration / int(row.value))
        else:
            column[r] = -math.log(n_values[(row.field, row.band)])
    column.setflags(write=False)
    return column


def leak_score(model: CompiledModel, rows: Sequence[int], weights: Sequence[float]) -> float:
    """The leak's unnormalised log posterior for one encoded case.

    Summed row by row in encoded order, as the batch path sums a padded chunk
    (``milia.engine.fast``), so both paths give the same float.
    """
    column = leak_column(model)
    total = float(column[rows[0]]) * weights[0]
    for r, w in zip(rows[1:], weights[1:], strict=True):
        total += float(column[r]) * w
    return total


def printed_probabilities(
    scores: FloatArray, probs: FloatArray, leak: FloatArray | float
) -> FloatArray:
    """The printed probabilities: ``probs`` times the listed conditions' share.

    Parameters
    ----------
    scores : ndarray, shape (C,) or (N, C)
        The conditions' unnormalised log posteriors (``probs`` is their softmax).
    probs : ndarray, same shape
        Probabilities among the listed conditions (0-1, summing to 1).
    leak : float or ndarray, shape (N,)
        The leak's score(s) (:func:`leak_score`).

    Returns
    -------
    ndarray
        Same shape as ``probs``; each row sums to the listed share (below 1).
    """
    result: FloatArray = probs * listed_share(scores, leak)
    return result


def listed_share(scores: FloatArray, leak: FloatArray | float) -> FloatArray:
    """The listed conditions' share (0-1): shape (1,) for one case, (N, 1) for many.

    ``sum_c exp(s_c) / (sum_c exp(s_c) + exp(leak))``, computed the same way in
    both paths; :func:`printed_probabilities` multiplies by it, and the triage
    sentences quote a condition's share among the 23 times it (QA F9-C11).
    """
    top = scores.max(axis=-1, keepdims=True)
    total = np.exp(scores - top).sum(axis=-1, keepdims=True)
    other = np.exp(np.asarray(leak, dtype=float)[..., None] - top)
    share: FloatArray = total / (total + other)
    return share
