"""The model tables' parts compiled by :func:`milia.engine.compile.compile_model`.

Probability columns from the YAML tables: lognormal bands of a numeric finding,
categorical columns with their floors, a milia type's merged table, the row of a
list answered "none of these" and the late-onset row of the milia types. Every
number comes from ``kb/data/model/``; nothing here is a clinical fact.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from milia.engine.model import NONE_OF_THESE, FloatArray, Row
from milia.errors import KnowledgeBaseError

__all__ = [
    "categorical",
    "late_onset_row",
    "lognormal_bands",
    "merge_type",
    "none_row",
    "normalise_floor",
]

_Z80 = 1.2815515655446004  # standard-normal quantile of 0.90: an 80 % interval


def lognormal_bands(
    low: float, high: float, offset: float, min_sigma: float, edges: Sequence[float]
) -> FloatArray:
    """Probabilities of the bands of a numeric finding under a log-normal.

    Parameters
    ----------
    low, high : float
        The 80 % interval of the finding for a condition (its own unit: mm, weeks, a count).
    offset : float
        Added before the log (so a count of 0 has one).
    min_sigma : float
        The narrowest log-scale spread allowed.
    edges : sequence of float
        The band edges, in the finding's unit.

    Returns
    -------
    numpy.ndarray
        ``len(edges) + 1`` band probabilities summing to 1.
    """
    a, b = math.log(low + offset), math.log(high + offset)
    mu, sigma = (a + b) / 2, max(min_sigma, (b - a) / (2 * _Z80))
    cdf = [
        0.5 * (1 + math.erf((math.log(e + offset) - mu) / (sigma * math.sqrt(2)))) for e in edges
    ]
    cuts = [0.0, *cdf, 1.0]
    return np.diff(np.asarray(cuts))


def normalise_floor(p: FloatArray, floor: float | FloatArray) -> FloatArray:
    """Normalise ``p`` to sum 1 with no entry below ``floor``, then renormalise.

    Parameters
    ----------
    p : numpy.ndarray
        Non-negative weights.
    floor : float or numpy.ndarray
        The least probability an entry keeps (no single finding vetoes a condition);
        an array gives each entry its own floor (a site a condition cannot arise in).

    Returns
    -------
    numpy.ndarray
        Probabilities summing to 1.
    """
    floored: FloatArray = np.maximum(p / p.sum(), floor)
    result: FloatArray = floored / floored.sum()
    return result


def categorical(
    table: Mapping[str, Any] | None, values: Sequence[str], floors: Mapping[str, float]
) -> FloatArray:
    """P(value | condition) for a categorical finding from a model table.

    Parameters
    ----------
    table : mapping or None
        The condition's ``{p: {value: probability}}`` entry, with an optional
        ``ruled_out`` list; None when the model says nothing (uniform, no evidence).
    values : sequence of str
        The finding's values, in column order.
    floors : mapping
        ``unlisted_probability`` (shared by values the table does not list),
        ``categorical_probability`` (the floor of each value) and
        ``ruled_out_probability`` (the floor of a value the table's ``ruled_out``
        lists: one the condition's structure rules out).

    Returns
    -------
    numpy.ndarray
        One probability per value, summing to 1.

    Raises
    ------
    KnowledgeBaseError
        If the table names a value the finding does not have.
    """
    if table is None:  # the model says nothing: uniform, no evidence
        return np.full(len(values), 1.0 / len(values))
    given = table["p"]
    unknown = set(given) - set(values)
    if unknown:
        raise KnowledgeBaseError(f"unknown values {sorted(unknown)} in a model table")
    ruled_out = set(table.get("ruled_out", ()))
    if ruled_out - set(values) or ruled_out & set(given):
        raise KnowledgeBaseError(f"bad ruled_out values {sorted(ruled_out)} in a model table")
    listed = float(sum(given.values()))
    unlisted = [v for v in values if v not in given]
    rest = max(floors["unlisted_probability"], 1.0 - listed) if unlisted else 0.0
    p = np.array([given[v] if v in given else rest / len(unlisted) for v in values], dtype=float)
    result = normalise_floor(p, floors["categorical_probability"])
    if ruled_out:
        # a value the condition's structure rules out keeps only ``ruled_out_probability``
        # (a misreport is possible, so not zero; session 13, QA F13-03); what it gave up
        # goes to the listed values in proportion, so no other unlisted value moves
        out = np.array([v in ruled_out for v in values])
        named = np.array([v in given for v in values])
        freed = float(result[out].sum()) - floors["ruled_out_probability"] * int(out.sum())
        result[out] = floors["ruled_out_probability"]
        result[named] += freed * result[named] / result[named].sum()
    return result


def merge_type(
    general: Mapping[str, Any], own: Mapping[str, Any], background: Mapping[str, float]
) -> dict[str, Any]:
    """The table of one milia type: its own entries, the general milia table otherwise.

    ``p_present`` is merged item by item. An item that defines another type (a
    burn, a medicine, a syndrome: ``background``) takes its background rate,
    not the general milia value, which is the mixture's own marginal and would
    credit every type with the other types' causes. The general table's
    age-specific (``by_age``) entries apply only to what the type does not
    define itself.
    """
    merged: dict[str, Any] = {k: v for k, v in general.items() if k not in ("by_age", "note")}
    merged.update({k: v for k, v in own.items() if k != "p_present"})
    merged["p_present"] = {
        **general.get("p_present", {}),
        **background,
        **own.get("p_present", {}),
    }
    by_age: dict[str, Any] = {}
    for band, override in general.get("by_age", {}).items():
        kept = {k: v for k, v in override.items() if k != "p_present" and k not in own}
        items = {
            i: p
            for i, p in override.get("p_present", {}).items()
            if i not in own.get("p_present", {})
        }
        if items:
            kept["p_present"] = items
        if kept:
            by_age[band] = kept
    if by_age:
        merged["by_age"] = by_age
    return merged


def none_row(
    list_field: str,
    band: str | None,
    rows: Sequence[Row],
    columns: Sequence[FloatArray],
    floors: Mapping[str, float],
    add: Callable[..., None],
) -> None:
    """Add the row of ``list_field`` answered "none of these" (a known empty list).

    ``P(none | class) = prod_i (1 - P(item_i | class))`` over the list's items,
    each ``1 - p`` floored at ``floors["item_probability"]``; in an age band the
    band's own item rows where it has them.
    """
    found: dict[Any, int] = {}
    for i, row in enumerate(rows):
        own = row.band == band or row.value not in found  # a band's own item row wins
        if row.field == list_field and row.band in (None, band) and own:
            found[row.value] = i
    if not found:
        return
    floor = float(floors["item_probability"])
    log_none = sum(np.log(np.clip(1.0 - np.exp(columns[i]), floor, 1.0)) for i in found.values())
    text = f"{list_field.replace('_', ' ')}: none of these"
    add(list_field, NONE_OF_THESE, text, np.exp(np.asarray(log_none)), band)


def late_onset_row(
    type_table: Mapping[str, Any],
    all_classes: Sequence[str],
    floors: Mapping[str, float],
    add: Callable[..., None],
    sources: dict[tuple[str, str], tuple[str, ...]],
) -> float | None:
    """Add the ``("onset_age", "late")`` row of the type table's ``late_onset`` block.

    The row holds ``P(the bumps began at after_days of age or later | type)`` in the
    type columns (1 for a type the block does not list) and 1 in the condition
    columns, so it only moves the milia types. Returns ``after_days`` (days), or
    None when the table declares no such block (then no row exists).
    """
    block = type_table.get("late_onset")
    if block is None:
        return None
    given = dict(block["p"])
    types = {c.split(":", 1)[1] for c in all_classes if c.startswith("milia:")}
    unknown = set(given) - types
    if unknown:
        raise KnowledgeBaseError(f"late_onset names unknown milia types {sorted(unknown)}")
    floor = float(floors["boolean_probability"])
    p = np.array(
        [
            min(1.0, max(floor, float(given.get(c.split(":", 1)[1], 1.0))))
            if c.startswith("milia:")
            else 1.0
            for c in all_classes
        ]
    )
    add("onset_age", "late", str(block["label"]), p)
    for c in all_classes:
        if c.startswith("milia:"):
            sources[("onset_age", c)] = tuple(block.get("sources", ()))
    return float(block["after_days"])
