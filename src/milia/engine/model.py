"""A transparent naive-Bayes model compiled from YAML tables.

The knowledge lives in ``kb/data/model/`` (``findings.yaml``, ``priors.yaml``,
``likelihoods.yaml`` for the differential, ``milia_types_model.yaml`` for the
milia type). :func:`compile_model` turns one table into a matrix of log
probabilities, one row per possible finding value (plus one row per age band
holding the log prior), one column per class. A case then becomes a short list
of ``(row, weight)`` pairs and its log posterior is a weighted sum of rows,
which keeps explanations exact: each row's contribution is its weighted log
likelihood ratio against the average class.

Modelling choices (documented in ``docs/assessment.md``):

- absent field = unknown = no evidence; list fields count only listed items;
- categorical values a table does not list share a small mass, then every
  probability is floored (``findings.yaml: floors``) so no finding vetoes;
- numeric fields are banded; band probabilities come from a log-normal whose
  80 % interval is the class's typical ``low``-``high`` range;
- a duration longer than the person's age is impossible, so the duration
  distribution is truncated to the feasible bands (an extra normalising row);
- the age at onset is the age minus the duration; from ``late_onset.after_days``
  (``milia_types_model.yaml``) one more row says the bumps began that late,
  which only types with an onset limit (newborn milia) find unlikely;
- a list field given as an empty list ("none of these") adds one row,
  ``sum_i log(1 - P(item_i | class))`` (``findings.yaml: none_of_these``);
- ``sites`` is multi-valued: each reported site adds ``log P(site | class)``
  times ``1/sqrt(k)`` for ``k`` reported sites (sites are correlated);
- milia's likelihood is a mixture over the milia types
  (``milia_types_model.yaml``): ``P(f | milia, age) = sum_t P(t | milia, age)
  prod_f P(f | milia, t)^w`` with each type's own parameters where it defines
  a finding and the general milia table otherwise; the type model shares the
  differential's rows and its posterior is the mixture's responsibilities;
- findings are correlated (naive Bayes counts shared evidence twice), so every
  finding's log likelihood is tempered by ``evidence_weight`` (findings.yaml);
  the prior is not, and list items (what is reported about causes and
  context, not a description of the bump) take ``item_evidence_weight``.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "ITEM_FIELDS",
    "NONE_OF_THESE",
    "CompiledModel",
    "Encoded",
    "Row",
    "condition_model",
    "logsumexp",
    "share_against",
    "softmax",
    "softmax_parts",
    "type_model",
]

FloatArray = npt.NDArray[np.float64]

ITEM_FIELDS = ("conditions", "associated_findings", "medications", "history")
NONE_OF_THESE = "none_of_these"
"""The row value of a list field answered with a known empty list ("none of these")."""


@dataclass(frozen=True)
class Row:
    """One row of the log-probability matrix: a finding value (or an age band)."""

    field: str
    value: Any
    text: str | None  # plain words; None for technical rows hidden from explanations
    band: str | None = None  # age band of an age-specific (``by_age``) row


@dataclass(frozen=True)
class Encoded:
    """A case as model rows: indices into the matrix and their weights."""

    rows: tuple[int, ...]
    weights: tuple[float, ...]
    fields: frozenset[str]
    band: str | None


@dataclass(frozen=True, eq=False)
class CompiledModel:
    """Log-probability tables of one naive-Bayes model.

    Attributes
    ----------
    classes : tuple of str
        Class ids (conditions or milia types), in column order.
    log_p : ndarray, shape (R, C)
        ``log P(row | class)``; age rows hold ``log P(class | age band)``.
    rel : ndarray, shape (R, C)
        ``log_p`` minus the log of the row's mean likelihood over classes:
        the log likelihood ratio of a class against the average class.
    rows : tuple of Row
    sources : dict
        ``(field, class) -> bibliography ids`` behind each parameter.
    """

    name: str
    classes: tuple[str, ...]
    log_p: FloatArray
    rel: FloatArray
    rows: tuple[Row, ...]
    index: Mapping[tuple[Any, ...], int]
    sources: Mapping[tuple[str, str], tuple[str, ...]]
    evidence: Mapping[str, str]
    numeric_edges: Mapping[str, tuple[float, ...]]
    band_ids: tuple[str, ...]
    band_limits: tuple[float, ...]
    band_labels: Mapping[str, str]
    band_mix: FloatArray
    question_fields: tuple[str, ...]
    question_rows: npt.NDArray[np.intp]
    question_groups: npt.NDArray[np.intp]
    question_values: tuple[tuple[str, Any], ...]
    overridden: frozenset[tuple[str, str]] = frozenset()
    evidence_weight: float = 1.0
    # the weight of list items (causes and context: conditions, medicines, history)
    item_weight: float = 1.0
    # age at onset (days) from which the ("onset_age", "late") row counts; None: no row
    late_onset_days: float | None = None
    # the milia mixture: the type model on the same rows, and milia's column
    mixture: CompiledModel | None = None
    mixture_class: int = -1

    def age_band(self, age_days: float | None) -> str | None:
        """The age band id of an age in days (None when unknown)."""
        if age_days is None:
            return None
        return self.band_ids[bisect_left(self.band_limits, age_days + 1e-9)]

    def encode(self, case: Mapping[str, Any], age_days: float | None) -> Encoded:
        """Turn a validated case into weighted rows (see the module docstring)."""
        index = self.index
        band = self.age_band(age_days)
        rows = [index[("age", band or "unknown")]]
        weights = [1.0]  # the prior is not tempered
        ew = self.evidence_weight
        overridden = self.overridden
        for field, value in case.items():
            specific = (field, band) in overridden
            if field in self.numeric_edges:
                key: tuple[Any, ...] = (field, bisect_left(self.numeric_edges[field], value))
                rows.append(index.get((*key, band), index[key]) if specific else index[key])
                weights.append(ew)
            elif field == "sites" or field in ITEM_FIELDS:
                if value:
                    w = ew / math.sqrt(len(value)) if field == "sites" else self.item_weight
                    for item in value:
                        key = (field, item)
                        rows.append(index.get((*key, band), index[key]) if specific else index[key])
                        weights.append(w)
                elif field != "sites":  # "none of these": a known empty list, where modelled
                    key = (field, NONE_OF_THESE)
                    none = index.get((*key, band), index.get(key)) if specific else index.get(key)
                    if none is not None:
                        rows.append(none)
                        weights.append(self.item_weight)
            else:
                key = (field, value)
                row = index.get((*key, band), index.get(key)) if specific else index.get(key)
                if row is not None:
                    rows.append(row)
                    weights.append(ew)
        if age_days is not None and "duration_weeks" in case:
            feasible = bisect_left(self.numeric_edges["duration_weeks"], age_days / 7 + 1) + 1
            norm = index.get(("duration_norm", feasible))
            if norm is not None:
                rows.append(norm)
                weights.append(ew)
            late = self.late_onset_days
            if late is not None and age_days - 7.0 * case["duration_weeks"] >= late:
                rows.append(index[("onset_age", "late")])
                weights.append(ew)
        return Encoded(tuple(rows), tuple(weights), frozenset(case), band)

    def weighted_rows(self) -> list[tuple[int, float]]:
        """Every ``(row, weight)`` pair :meth:`encode` can give (for preparing output parts)."""
        ew = self.evidence_weight
        n_sites = sum(1 for row in self.rows if row.field == "sites" and row.band is None)
        pairs: list[tuple[int, float]] = []
        for r, row in enumerate(self.rows):
            if row.field == "age":
                pairs.append((r, 1.0))
            elif row.field == "sites":
                pairs += [(r, ew / math.sqrt(k)) for k in range(1, n_sites + 1)]
            elif row.field in ITEM_FIELDS:
                pairs.append((r, self.item_weight))
            else:
                pairs.append((r, ew))
        return pairs

    def log_posterior(
        self, encoded: Encoded, *, type_scores: FloatArray | None = None
    ) -> FloatArray:
        """Unnormalised log posterior over classes, shape (C,).

        With a mixture, milia's entry is ``log P(milia | age) + log sum_t
        P(t | milia, age) prod_f P(f | milia, t)^w`` (the type model's scores,
        computed here unless ``type_scores`` is given).
        """
        rows = list(encoded.rows)
        result: FloatArray = np.asarray(encoded.weights) @ self.log_p[rows]
        if self.mixture is not None:
            scores = self.mixture.log_posterior(encoded) if type_scores is None else type_scores
            result[self.mixture_class] = self.log_p[rows[0], self.mixture_class] + logsumexp(scores)
        return result

    def mix(
        self,
        log_post: FloatArray,
        type_scores: FloatArray,
        age_rows: Any,
        *,
        type_parts: tuple[FloatArray, FloatArray] | None = None,
    ) -> FloatArray:
        """Replace milia's column of ``log_post`` (..., C) by the mixture of ``type_scores``
        (..., T); ``age_rows`` are the cases' age-row indices (the first encoded row).
        ``type_parts``: the ``top`` and ``total`` of ``softmax_parts(type_scores)`` when
        already computed, for many rows (N, T): the same floats as :func:`logsumexp`."""
        m = self.mixture_class
        if type_parts is not None and type_scores.ndim == 2:
            top, total = type_parts
            lse = np.log(total[:, 0]) + top[:, 0]
        else:
            lse = logsumexp(type_scores)
        log_post[..., m] = self.log_p[age_rows, m] + lse
        return log_post


@cache
def condition_model() -> CompiledModel:
    """The differential model over the 23 conditions (compiled once, cached).

    Milia's likelihood is the mixture over the milia types
    (``milia_types_model.yaml``); the type model is its ``mixture``.
    """
    from milia.engine.compile import compile_model

    return compile_model(
        "differential",
        "model/likelihoods.yaml",
        "model/priors.yaml",
        mixture="model/milia_types_model.yaml",
    )


def type_model() -> CompiledModel:
    """The milia-type model: the mixture components of milia, on the differential's rows.

    Its log posterior is ``log P(t | milia, age) + sum_f w log P(f | milia, t)``,
    whose softmax is the responsibility of each type (``P(type | findings, milia)``).
    """
    mixture = condition_model().mixture
    assert mixture is not None
    return mixture


def logsumexp(x: FloatArray) -> Any:
    """``log(sum(exp(x)))`` along the last axis, computed stably."""
    if x.ndim == 1:  # one case: plain floats are faster than numpy on 8 values
        values = x.tolist()
        top = max(values)
        return top + math.log(sum(math.exp(v - top) for v in values))
    top_ = x.max(axis=-1, keepdims=True)
    return np.log(np.exp(x - top_).sum(axis=-1)) + top_[..., 0]


def softmax(log_post: FloatArray) -> FloatArray:
    """Normalise log scores into probabilities along the last axis."""
    shifted = log_post - log_post.max(axis=-1, keepdims=True)
    p = np.exp(shifted)
    result: FloatArray = p / p.sum(axis=-1, keepdims=True)
    return result


def softmax_parts(log_post: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """:func:`softmax` (the same floats) with the maxima it shifted by and the sums of
    ``exp`` it divided by, each kept along the last axis: ``(probs, top, total)``."""
    top = log_post.max(axis=-1, keepdims=True)
    p = np.exp(log_post - top)
    total = p.sum(axis=-1, keepdims=True)
    result: FloatArray = p / total
    return result, top, total


def share_against(top: FloatArray, total: FloatArray, other: FloatArray | float) -> FloatArray:
    """The share of scores (given by :func:`softmax_parts`'s ``top`` and ``total``) against
    one more log score ``other`` per row: ``sum exp(s) / (sum exp(s) + exp(other))``,
    shape (1,) or (N, 1); the same floats as
    :func:`milia.engine.not_listed.listed_share` (scores, other)."""
    share: FloatArray = total / (total + np.exp(np.asarray(other, dtype=float)[..., None] - top))
    return share


def shown_order(probs: FloatArray) -> npt.NDArray[np.intp]:
    """Conditions in the order an assessment lists them, along the last axis.

    Largest probability first. Probabilities that agree to about five
    significant digits (16 bits of the mantissa) count as equal and keep the
    knowledge base's class order, so the order does not hang on the last bits
    of the arithmetic: conditions whose likelihoods are mathematically the same
    (e.g. several newborn-only conditions in an adult) tie exactly, whichever
    path (single case or batch) summed their log scores. The printed value
    (rounded down to 4 decimals) is the first key, so the list never shows a
    smaller probability above a larger one.

    Parameters
    ----------
    probs : numpy.ndarray
        Probabilities (unitless, 0-1), one row per case or a single row.

    Returns
    -------
    numpy.ndarray
        Indices into the class order, same shape as ``probs``.
    """
    shown = np.floor(probs * 10_000)
    mantissa, exponent = np.frexp(probs)
    close = np.ldexp(np.round(mantissa * _TIE_SCALE), exponent)  # p x 2**16, 16 bits kept
    order: npt.NDArray[np.intp] = np.lexsort((-close, -shown), axis=-1)
    return order


_TIE_SCALE = 2.0**16
