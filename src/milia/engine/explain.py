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


# one template item per (model, row, class, weight); bounded
_TEMPLATES: dict[tuple[int, int, int, float], dict[str, Any]] = {}


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
        "text", "sources"}``, largest effect first; effects smaller than
        x1.2 either way are left out.
    """
    rows = encoded.rows
    weights = encoded.weights
    n_classes = len(model.classes)
    columns = list(range(n_classes)) if only is None else list(only)
    block = model.rel[np.ix_(rows, columns)] * np.asarray(weights)[:, None]  # (k, len(columns))
    mixed = _mixture_column(model, encoded, type_scores) if model.mixture_class in columns else None
    if mixed is not None:
        block[:, columns.index(model.mixture_class)] = mixed[0]
    top = min(len(rows), _MAX_ITEMS + 2)
    orders = np.argsort(-np.abs(block), axis=0, kind="stable")[:top].T.tolist()
    values = block.T.tolist()
    sources = row_sources(model)
    model_rows = model.rows
    numeric = model.numeric_edges
    model_id = id(model)
    result: list[list[dict[str, Any]]] = [[] for _ in range(n_classes)]
    for j, c in enumerate(columns):
        items = result[c]
        column = values[j]
        for k in orders[j]:
            value = column[k]
            if -_MIN_LOG_FACTOR < value < _MIN_LOG_FACTOR or len(items) == _MAX_ITEMS:
                break
            r = rows[k]
            key = (model_id, r, c, weights[k])
            template = _TEMPLATES.get(key) if mixed is None or c != model.mixture_class else None
            if template is None:
                row = model_rows[r]
                if row.text is None:
                    continue
                factor = round(math.exp(value), 3)
                template = {
                    "finding": row.field,
                    "value": row.value,
                    "factor": factor,
                    "text": _text(
                        row.text
                        if row.field != "age" or mixed is None or c != model.mixture_class
                        else f"{row.text} (with the share of {mixed[3]} among milia then)",
                        factor,
                        names[model.classes[c]],
                    ),
                    "sources": sources[r][c]
                    if mixed is None or c != model.mixture_class
                    else list(mixed[1][r][mixed[2]]),
                }
                if (mixed is None or c != model.mixture_class) and len(_TEMPLATES) < 200_000:
                    _TEMPLATES[key] = template
            item = template.copy()
            item["sources"] = template["sources"].copy()
            if item["finding"] in numeric:
                item["value"] = case[item["finding"]]
            items.append(item)
    return result
