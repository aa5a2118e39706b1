"""Vectorised assessment of many cases (``assess_many``).

Validation is per case (pure Python); each chunk of valid cases is then
assessed by :func:`milia.engine.fast.assess_chunk`, the code the single-case
``assess`` runs too, so the results are identical. :func:`posteriors` exposes the vectorised core alone (arrays, no
dicts) for large scoring jobs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from milia.engine.assess import check_count, gc_paused
from milia.engine.case import case_age_days, validate_case
from milia.engine.fast import assess_chunk
from milia.engine.heap import keep_freed_memory
from milia.engine.model import (
    CompiledModel,
    Encoded,
    FloatArray,
    condition_model,
    softmax,
    type_model,
)
from milia.engine.not_listed import leak_score, printed_probabilities
from milia.errors import CaseError

__all__ = ["assess_batch", "posteriors"]

_CHUNK = 2048


def _log_posteriors(
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


def _validate_all(cases: Iterable[object]) -> list[dict[str, Any]]:
    if isinstance(cases, (str, bytes, bytearray, Mapping)) or not isinstance(cases, Iterable):
        raise CaseError(
            f"cases must be a list (or other iterable) of cases, not {type(cases).__name__}; "
            "for one case use assess(case)",
            field="cases",
        )
    cleaned = []
    for index, case in enumerate(cases):
        try:
            cleaned.append(validate_case(case))
        except CaseError as err:
            where = f"[{index}].{err.field}" if err.field else f"[{index}]"
            raise CaseError(
                f"case {index}: {err.message}", field=where, suggestion=err.suggestion
            ) from None
    return cleaned


def posteriors(cases: Iterable[object]) -> tuple[FloatArray, FloatArray]:
    """Differential and milia-type posteriors of many cases, without the rest.

    Returns
    -------
    conditions : ndarray, shape (N, 23)
        In the column order of ``condition_model().classes``: the printed
        probabilities (unrounded), which sum to the listed conditions' share
        (below 1, :mod:`milia.engine.not_listed`).
    types : ndarray, shape (N, 8)
        P(type | milia) in the column order of ``type_model().classes``.

    Raises
    ------
    CaseError
        On the first invalid case; ``field`` is prefixed with ``[index].``.
    """
    cleaned = _validate_all(cases)
    model, tmodel = condition_model(), type_model()
    if not cleaned:
        return np.zeros((0, len(model.classes))), np.zeros((0, len(tmodel.classes)))
    conds, kinds = [], []
    for start in range(0, len(cleaned), _CHUNK):
        chunk = cleaned[start : start + _CHUNK]
        encoded = [model.encode(c, case_age_days(c)) for c in chunk]
        # flat rows, one sum per case: no padding, no why-item slots
        scores, type_scores = _log_posteriors(model, encoded)
        leaks = np.array([leak_score(model, e.rows, e.weights) for e in encoded])
        conds.append(printed_probabilities(scores, softmax(scores), leaks))
        kinds.append(softmax(type_scores))
    return np.concatenate(conds), np.concatenate(kinds)


def assess_batch(
    cases: Iterable[object], *, n_questions: int = 5, why_top: int = 23
) -> list[dict[str, Any]]:
    """Assess many cases; the same output as :func:`milia.engine.assess.assess` for each.

    Parameters
    ----------
    cases : iterable of Mapping or str
    n_questions : int, optional
        Next questions per case (default 5).
    why_top : int, optional
        Explain only the ``why_top`` most likely conditions of each case
        (default all 23); explanations are the costliest part of the output.

    Raises
    ------
    CaseError
        On the first invalid case; ``field`` is prefixed with ``[index].``.

    Notes
    -----
    The cyclic garbage collector is paused while the results are built (and
    restored after): the results hold no reference cycles, and with many live
    results its repeated full scans cost a third of the time. The process keeps
    freed memory for reuse from the first call on
    (:func:`milia.engine.heap.keep_freed_memory`).
    """
    n_questions = check_count("n_questions", n_questions)
    why_top = check_count("why_top", why_top)
    keep_freed_memory()  # the process reuses the memory of dropped results
    with gc_paused():
        return _assess_batch(cases, n_questions=n_questions, why_top=why_top)


def _assess_batch(
    cases: Iterable[object], *, n_questions: int, why_top: int
) -> list[dict[str, Any]]:
    cleaned = _validate_all(cases)
    results: list[dict[str, Any]] = []
    for start in range(0, len(cleaned), _CHUNK):
        chunk = cleaned[start : start + _CHUNK]
        results += assess_chunk(chunk, n_questions=n_questions, why_top=why_top)
    return results
