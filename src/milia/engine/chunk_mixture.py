"""Milia's why items under the milia-type mixture, for a chunk of cases at once.

Milia's column explains itself with the types' mixture (:func:`milia.engine.
explain._mixed_items`): each finding's factor is its weighted log likelihood
under the case's type responsibilities. :func:`mixture_picks` finds every
case's items with numpy (which rows, their factors and shown factors, the best
type); from those, :func:`picked_items` makes the item tuples the dict path
needs and :func:`mixture_texts` the JSON text the JSON writers need, built
from per-row parts prepared once (no tuple or dict per item).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, pairwise
from json.encoder import encode_basestring
from typing import Any

import numpy as np
import numpy.typing as npt

from milia.engine.evidence import reason_evidence
from milia.engine.explain import _row_mean, labels, row_sources
from milia.engine.factors import rounded_factors
from milia.engine.model import FloatArray
from milia.engine.prepared import MAX_ITEMS, MIN_LOG_FACTOR, Padded, Prepared, _ro
from milia.engine.readonly import ReadOnlyList

__all__ = [
    "NUMBER",
    "MixedItem",
    "MixturePicks",
    "mixed_dict",
    "mixed_items",
    "mixed_words",
    "mixture_picks",
    "mixture_texts",
    "picked_items",
]

# row, value, factor, text, best type (column among the types), the factor as the text shows it
MixedItem = tuple[int, Any, float, str, int, str]
NUMBER = object()  # the value of an item is the case's number
_dumps: Any = encode_basestring  # a str as JSON text (C)


@dataclass(frozen=True, eq=False)
class MixturePicks:
    """Milia's mixture items of cases ``which`` of a chunk, grouped by case in that order."""

    which: list[int]  # the cases (positions in the chunk)
    rows: list[int]  # each item's model row
    counts: list[int]  # items per case of ``which``
    bests: list[int]  # per case of ``which``: its most likely milia type (column)
    factors: list[float]  # each item's factor, round(exp(v), 3)
    shown: list[str]  # each item's factor as its text shows it


def mixture_picks(
    prep: Prepared, padded: Padded, type_scores: FloatArray, which: list[int]
) -> MixturePicks:
    """Milia's why items under the type mixture for cases ``which`` of the chunk.

    The vectorised form of :func:`milia.engine.explain._mixture_column` and
    ``_mixed_items``: each finding's factor is its weighted log likelihood
    under the type responsibilities, the age row carries the prior minus the
    divergence of the responsibilities from the type prior. The items shown
    are picked as :func:`~milia.engine.selection.select_items` picks them.
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
    size = np.abs(mixed)
    shown = np.minimum((size >= MIN_LOG_FACTOR).sum(axis=1), width)
    order = np.argsort(-size, axis=1, kind="stable")[:, :width]
    picked_rows = np.take_along_axis(rows, order, axis=1)
    visible = (np.arange(width) < shown[:, None]) & ~prep.hidden[picked_rows]
    keep = visible & (np.cumsum(visible, axis=1) <= MAX_ITEMS)
    factors, shown_texts = rounded_factors(np.take_along_axis(mixed, order, axis=1)[keep])
    return MixturePicks(
        which=list(which),
        rows=picked_rows[keep].tolist(),
        counts=keep.sum(axis=1).tolist(),
        bests=np.argmax(resp, axis=1).tolist(),
        factors=factors,
        shown=shown_texts,
    )


def picked_items(
    prep: Prepared, picks: MixturePicks, cases: Sequence[Mapping[str, Any]]
) -> list[list[MixedItem]]:
    """The items of :func:`mixture_picks` per case of ``which``, each ``(row, value,
    factor, text, best type, shown factor)`` (:func:`mixed_dict` makes its dict)."""
    words = mixed_words(prep)
    kept_rows, factors, shown_texts = picks.rows, picks.factors, picks.shown
    out = []
    at = 0
    for j, count in enumerate(picks.counts):
        case = cases[picks.which[j]]
        best = picks.bests[j]
        items: list[MixedItem] = []
        for p in range(at, at + count):
            finding, fixed, heads, tail = words[kept_rows[p]]
            items.append(
                (
                    kept_rows[p],
                    case[finding] if fixed is NUMBER else fixed,
                    factors[p],
                    heads[best] + shown_texts[p] + tail,
                    best,
                    shown_texts[p],
                )
            )
        at += count
        out.append(items)
    return out


def mixed_items(
    prep: Prepared,
    padded: Padded,
    type_scores: FloatArray,
    cases: Sequence[Mapping[str, Any]],
    which: list[int],
) -> list[list[MixedItem]]:
    """:func:`picked_items` of :func:`mixture_picks`: the items per case of ``which``."""
    return picked_items(prep, mixture_picks(prep, padded, type_scores, which), cases)


def mixture_texts(
    prep: Prepared, picks: MixturePicks, cases: Sequence[Mapping[str, Any]]
) -> dict[int, str]:
    """The JSON text of each case's mixture items (without the brackets), as
    ``json.dumps`` writes the dicts of :func:`picked_items`, by case; cases without
    items are left out.

    An item is its row's head (its value too when fixed), the case's number when
    the row holds it, the factor, the text up to the factor shown for the best
    type, the factor shown and the rest (the text's tail and the sources): parts
    gathered with numpy, one join per case.
    """
    parts = _json_parts(prep)
    rows = np.asarray(picks.rows, dtype=np.intp)
    if not len(rows):
        return {}
    counts = np.asarray(picks.counts, dtype=np.intp)
    at_pick = np.repeat(np.arange(len(counts)), counts)
    by_type = rows * parts.n_types + np.asarray(picks.bests, dtype=np.intp)[at_pick]
    # one row of parts per item: comma, head, the case's number, factor, text up to
    # the factor shown, factor shown, the rest; a case's text joins its rows
    grid = np.empty((len(rows), 7), dtype=object)
    grid[:, 0] = ", "
    starts = np.cumsum(counts) - counts
    grid[starts[counts > 0], 0] = ""
    grid[:, 1] = parts.heads[rows]
    grid[:, 2] = ""
    numeric = np.flatnonzero(parts.numeric[rows])
    if len(numeric):
        fields, row_list = parts.fields, picks.rows
        case_of = np.asarray(picks.which, dtype=np.intp)[at_pick[numeric]].tolist()
        grid[numeric, 2] = [
            f'{cases[c][fields[row_list[p]]]!r}, "factor": '
            for p, c in zip(numeric.tolist(), case_of, strict=True)
        ]
    # a factor is round(exp(v), 3) already: its repr is repr(round(factor, 3))
    grid[:, 3] = _factor_texts(picks.factors)
    grid[:, 4] = parts.before[by_type]
    grid[:, 5] = picks.shown
    grid[:, 6] = parts.after[by_type]
    flat = grid.ravel().tolist()
    bounds = [0, *accumulate(7 * count for count in picks.counts)]
    return {
        c: "".join(flat[a:b])
        for c, (a, b) in zip(picks.which, pairwise(bounds), strict=True)
        if b > a
    }


_FACTOR_TEXTS: dict[float, str] = {}  # a factor's repr, by factor (all >= 0: no -0.0)
_MAX_FACTOR_TEXTS = 200_000


def _factor_texts(factors: list[float]) -> list[str | None]:
    """``repr`` of each factor (kept: a chunk's factors repeat, 3 decimals each)."""
    known = _FACTOR_TEXTS
    texts = list(map(known.get, factors))
    if None in texts:
        if len(known) > _MAX_FACTOR_TEXTS:
            known.clear()
        for at, text in enumerate(texts):
            if text is None:
                texts[at] = known[factors[at]] = repr(factors[at])
    return texts


@dataclass(frozen=True, eq=False)
class _JsonParts:
    """Per row (and per row and best type: row * n_types + type), the JSON text around
    the case's parts of a mixture item."""

    n_types: int
    fields: list[str]
    numeric: npt.NDArray[np.bool_]
    heads: npt.NDArray[np.object_]  # up to the value (fixed: up to the factor)
    before: npt.NDArray[np.object_]  # after the factor, up to the factor shown
    after: npt.NDArray[np.object_]  # after the factor shown: the text's tail, sources, evidence


@cache
def _json_parts(prep: Prepared) -> _JsonParts:
    mix = prep.model.mixture
    assert mix is not None
    sources = row_sources(mix)
    fields, numeric, heads, before, after = [], [], [], [], []
    for r, (finding, fixed, type_heads, tail) in enumerate(mixed_words(prep)):
        head = f'{{"finding": {_json(finding)}, "value": '
        if fixed is not NUMBER:
            head += f'{_json(fixed)}, "factor": '
        fields.append(finding)
        numeric.append(fixed is NUMBER)
        heads.append(head)
        # a text's JSON is the JSON of its parts joined (the factor shown needs no escapes)
        before += [f', "text": {_dumps(h)[:-1]}' for h in type_heads]
        after += [
            f'{_dumps(tail)[1:]}, "sources": {_json(list(s))}, '
            f'"evidence": {_json(reason_evidence(s))}}}'
            for s in sources[r]
        ]

    def table(texts: list[str]) -> npt.NDArray[np.object_]:
        out = np.empty(len(texts), dtype=object)
        out[:] = texts
        return out

    return _JsonParts(
        n_types=len(mix.classes),
        fields=fields,
        numeric=np.asarray(numeric, dtype=bool),
        heads=table(heads),
        before=table(before),
        after=table(after),
    )


_json: Any = json.JSONEncoder(ensure_ascii=False).encode  # as json.dumps(..., ensure_ascii=False)


@cache
def mixed_words(prep: Prepared) -> list[tuple[str, Any, list[str], str]]:
    """Per row: its field, its value (or :data:`NUMBER`), the text before the factor for
    each best type (the age row names the type), and the text after the factor."""
    model = prep.model
    mix = model.mixture
    assert mix is not None
    type_names = labels()["milia_types"]
    tail = f" for {labels()['conditions'][model.classes[model.mixture_class]]}"
    words: list[tuple[str, Any, list[str], str]] = []
    for row in model.rows:
        fixed = NUMBER if row.field in model.numeric_edges else row.value
        text = row.text or ""
        heads = [f"{text}: \u00d7"] * len(mix.classes)
        if row.field == "age":
            heads = [
                f"{text} (with the share of {type_names[t]} among milia then): \u00d7"
                for t in mix.classes
            ]
        words.append((row.field, fixed, heads, tail))
    return words


def mixed_dict(prep: Prepared, item: MixedItem) -> dict[str, Any]:
    """A fresh dict of a mixture item of :func:`mixed_items` (its sources shared, read-only)."""
    r, value, factor, text, best, _ = item
    return {
        "finding": prep.model.rows[r].field,
        "value": value,
        "factor": factor,
        "text": text,
        "sources": _mixed_sources(prep)[r][best],
        "evidence": reason_evidence(_mixed_sources(prep)[r][best]),
    }


@cache
def _mixed_sources(prep: Prepared) -> list[list[ReadOnlyList]]:
    """Per row and milia type: the sources of a mixture item, read-only and shared."""
    mix = prep.model.mixture
    assert mix is not None
    return [[_ro(tuple(s)) for s in per_type] for per_type in row_sources(mix)]
