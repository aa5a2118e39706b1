"""Explanations: which findings moved each class, and by how much.

For a class ``c`` and a finding row ``r`` given with weight ``w`` the factor is
``exp(w * (log P(r | c) - log mean_c' P(r | c')))``: how many times more (or
less) likely the finding is under ``c`` than under the average class. The age
row holds the prior, so its factor says how common ``c`` is at that age
compared with the average class. Items are sorted by the size of the effect.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import cache
from typing import Any

import numpy as np

from milia.engine.model import CompiledModel, Encoded
from milia.kb.loader import read_yaml

__all__ = ["explain", "labels", "row_sources"]

_MIN_LOG_FACTOR = math.log(1.2)
_MAX_ITEMS = 5


@cache
def labels() -> dict[str, dict[str, str]]:
    """Plain-word names of conditions and milia types (``labels.yaml``)."""
    data = read_yaml("model/labels.yaml")
    return {"conditions": dict(data["conditions"]), "milia_types": dict(data["milia_types"])}


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


def explain(
    model: CompiledModel, encoded: Encoded, case: Mapping[str, Any], names: Mapping[str, str]
) -> list[list[dict[str, Any]]]:
    """The ``why`` list of every class, in class order.

    Returns
    -------
    list of list of dict
        For each class, up to five items ``{"finding", "value", "factor",
        "text", "sources"}``, largest effect first; effects smaller than
        x1.2 either way are left out.
    """
    rows = encoded.rows
    contrib = np.asarray(encoded.weights)[:, None] * model.rel[list(rows)]
    magnitude = np.abs(contrib)
    sources = row_sources(model)
    result: list[list[dict[str, Any]]] = []
    model_rows = model.rows
    numeric = model.numeric_edges
    for c, name in enumerate(model.classes):
        column = contrib[:, c]
        order = np.argsort(-magnitude[:, c])
        items: list[dict[str, Any]] = []
        for k in order[:_MAX_ITEMS + 2]:
            value = float(column[k])
            if abs(value) < _MIN_LOG_FACTOR or len(items) == _MAX_ITEMS:
                break
            row = model_rows[rows[k]]
            if row.text is None:
                continue
            factor = math.exp(value)
            shown = f"{factor:.2g}" if factor < 10 else f"{factor:.0f}"
            items.append({
                "finding": row.field,
                "value": case[row.field] if row.field in numeric else row.value,
                "factor": round(factor, 3),
                "text": f"{row.text}: ×{shown} for {names[name]}",
                "sources": sources[rows[k]][c],
            })
        result.append(items)
    return result
