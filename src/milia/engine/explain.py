"""Explanations: which findings moved each class, and by how much.

For a class ``c`` and a finding row ``r`` given with weight ``w`` the factor is
``exp(w * (log P(r | c) - log mean_c' P(r | c')))``: how many times more (or
less) likely the finding is under ``c`` than under the average class. The age
row holds the prior, so its factor says how common ``c`` is at that age
compared with the average class. Items are sorted by the size of the effect.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import numpy as np

from milia.engine.evidence import reason_evidence
from milia.engine.model import CompiledModel, Encoded, logsumexp
from milia.kb.loader import read_yaml

__all__ = ["explain", "labels", "row_sources"]

_MIN_LOG_FACTOR = math.log(1.2)
_MAX_ITEMS = 5


@cache
def labels() -> dict[str, dict[str, str]]:
    """Plain-word names of conditions and milia types (``labels.yaml``)."""
    data = read_yaml("model/labels.yaml")
    conditions, types = dict(data["conditions"]), dict(data["milia_types"])
    return {"conditions": conditions, "milia_types": types, "all": {**conditions, **types}}


def _source_field(field: str, model: CompiledModel) -> str:
    if field in model.numeric_edges or field == "sites":
        return field
    if field in ("conditions", "associated_findings", "medications", "history"):
        return "p_present"
    return field


@cache
def row_sources(model: CompiledModel) -> tuple[tuple[list[str], ...], ...]:
    """For each row, for each class: the bibliography ids behind that parameter."""
    booleans = set(read_yaml("model/findings.yaml")["boolean"])
    out = []
    for row in model.rows:
        field = _source_field(row.field, model)
        if field in booleans:
            field = "p_present"
        per_class = []
        for c in model.classes:
            per_class.append(list(model.sources.get((field, c), ())) or ["milia_team_estimate"])
        out.append(tuple(per_class))
    return tuple(out)


# per (model, row, weight): one slot per class for that item's parts; bounded
_Template = tuple[str, Any, float, str, list[str], bool, str]
_SLOTS: dict[tuple[int, int, float], list[_Template | None]] = {}
_MAX_SLOTS = 50_000


def _text(finding: str, factor: float, label: str) -> str:
    shown = f"{factor:.2g}" if factor < 10 else f"{factor:.0f}"
    return f"{finding}: \u00d7{shown} for {label}"


@cache
def _row_mean(model: CompiledModel) -> Any:
    """Log of each row's mean likelihood over the conditions (``log_p - rel``)."""
    m = model.mixture_class
    return model.log_p[:, m] - model.rel[:, m]


def _mixture_column(
    model: CompiledModel, encoded: Encoded, scores: Any = None
) -> tuple[Any, tuple[tuple[list[str], ...], ...], int, str]:
    """Milia's weighted log factors per encoded row under the type mixture, and sources.

    With responsibilities ``r_t`` (the type posterior) the mixture score splits
    exactly: ``log P(milia | age) - KL(r || P(t | milia, age))`` on the age row
    plus ``w * sum_t r_t log P(f | milia, t)`` on each finding row, so the
    factors still multiply to the odds against the average condition. Each
    item cites the parameter of the most responsible type.
    """
    mix = model.mixture
    assert mix is not None
    m = model.mixture_class
    rows = list(encoded.rows)
    weights = np.asarray(encoded.weights)
    if scores is None:
        scores = mix.log_posterior(encoded)
    log_resp = scores - logsumexp(scores)
    resp = np.exp(log_resp)
    kl = float(resp @ (log_resp - mix.log_p[rows[0]]))
    effective = mix.log_p[rows] @ resp
    effective[0] = model.log_p[rows[0], m] - kl
    mean = _row_mean(model)[rows]
    best = int(np.argmax(resp))
    type_sources = row_sources(mix)
    name = labels()["milia_types"][mix.classes[best]]
    return (effective - mean) * weights, type_sources, best, name


def explain(
    model: CompiledModel,
    encoded: Encoded,
    case: Mapping[str, Any],
    names: Mapping[str, str],
    *,
    only: Sequence[int] | None = None,
    type_scores: Any = None,
) -> list[list[dict[str, Any]]]:
    """The ``why`` list of every class, in class order.

    ``only`` restricts the work to these class indices (the others get ``[]``);
    ``type_scores`` are the milia-type scores when already computed.

    Returns
    -------
    list of list of dict
        For each class, up to five items ``{"finding", "value", "factor",
        "text", "sources", "evidence"}``, largest effect first; effects smaller
        than x1.2 either way are left out. ``evidence`` is the strongest level
        the item's sources support (:func:`~milia.engine.evidence.reason_evidence`,
        QA F7-29), as on triage reasons, red flags and advice.
    """
    rows = encoded.rows
    weights = encoded.weights
    n_classes = len(model.classes)
    columns = list(range(n_classes)) if only is None else list(only)
    m = model.mixture_class
    orders: Mapping[int, list[int]] | list[list[int]]
    shown: Mapping[int, int] | list[int]
    rel = model.rel[list(rows)]
    every = len(columns) == n_classes  # all classes (in any order): no column copy
    size = np.abs((rel if every else rel[:, columns]) * np.asarray(weights)[:, None])
    top = min(len(rows), _MAX_ITEMS + 2)
    # sorted by effect; those at or above x1.2 either way come first in each column
    column_orders = np.argsort(-size, axis=0, kind="stable")[:top].T.tolist()
    column_shown = np.minimum((size >= _MIN_LOG_FACTOR).sum(axis=0), top).tolist()
    if every:
        orders, shown = column_orders, column_shown
    else:
        orders = dict(zip(columns, column_orders, strict=True))
        shown = dict(zip(columns, column_shown, strict=True))
    result: list[list[dict[str, Any]]] = [[] for _ in range(n_classes)]
    model_id = id(model)
    slots: list[list[_Template | None]] = []
    for r, w in zip(rows, weights, strict=True):
        key = (model_id, r, w)
        slot = _SLOTS.get(key)
        if slot is None:
            slot = [None] * n_classes
            if len(_SLOTS) < _MAX_SLOTS:
                _SLOTS[key] = slot
        slots.append(slot)
    # rows without words keep their place among the seven but show no item
    hidden = [k for k, r in enumerate(rows) if model.rows[r].text is None]
    for c in columns:
        if c == m:
            result[c] = _mixed_items(model, encoded, case, names, type_scores)
            continue
        picked = orders[c][: shown[c]]
        if hidden:
            picked = [k for k in picked if k not in hidden]
        result[c] = [
            {
                "finding": finding,
                "value": case[finding] if numeric else value,
                "factor": factor,
                "text": text,
                "sources": sources.copy(),
                "evidence": evidence,
            }
            for k in picked[:_MAX_ITEMS]
            for finding, value, factor, text, sources, numeric, evidence in (
                slots[k][c] or _fill(model, slots, rows, weights, k, c, names),
            )
        ]
    return result


def _fill(
    model: CompiledModel,
    slots: list[list[_Template | None]],
    rows: Sequence[int],
    weights: Sequence[float],
    k: int,
    c: int,
    names: Mapping[str, str],
) -> _Template:
    """Compute and keep the parts of the item of row position ``k`` and class ``c``."""
    template = _template(model, rows[k], c, float(model.rel[rows[k], c]) * weights[k], names)
    slots[k][c] = template
    return template


def _template(
    model: CompiledModel, r: int, c: int, value: float, names: Mapping[str, str]
) -> _Template:
    """The parts of the item for row ``r`` and class ``c`` (text ``""`` for hidden rows)."""
    row = model.rows[r]
    factor = round(math.exp(value), 3)
    text = "" if row.text is None else _text(row.text, factor, names[model.classes[c]])
    numeric = row.field in model.numeric_edges
    sources = row_sources(model)[r][c]
    return (row.field, row.value, factor, text, sources, numeric, reason_evidence(sources))


def _mixed_items(
    model: CompiledModel,
    encoded: Encoded,
    case: Mapping[str, Any],
    names: Mapping[str, str],
    type_scores: Any,
) -> list[dict[str, Any]]:
    """Milia's items under the type mixture (never cached: they depend on the whole case)."""
    mixed = _mixture_column(model, encoded, type_scores)
    top = min(len(encoded.rows), _MAX_ITEMS + 2)
    order = np.argsort(-np.abs(mixed[0]), kind="stable")[:top].tolist()
    column = mixed[0].tolist()
    items: list[dict[str, Any]] = []
    label = names[model.classes[model.mixture_class]]
    for k in order:
        value = column[k]
        if -_MIN_LOG_FACTOR < value < _MIN_LOG_FACTOR or len(items) == _MAX_ITEMS:
            break
        r = encoded.rows[k]
        row = model.rows[r]
        if row.text is None:
            continue
        factor = round(math.exp(value), 3)
        text = row.text
        if row.field == "age":
            text = f"{text} (with the share of {mixed[3]} among milia then)"
        sources = list(mixed[1][r][mixed[2]])
        items.append(
            {
                "finding": row.field,
                "value": case[row.field] if row.field in model.numeric_edges else row.value,
                "factor": factor,
                "text": _text(text, factor, label),
                "sources": sources,
                "evidence": reason_evidence(sources),
            }
        )
    return items
