"""A chunk of cases encoded straight into the padded slots of the fast path.

:meth:`milia.engine.model.CompiledModel.encode` turns one case into model rows
and weights, and :meth:`milia.engine.prepared.Prepared.pad` lays a chunk of
them out with each ``(row, weight)`` pair's slot. :func:`encode_chunk` gives
the same :class:`~milia.engine.prepared.Padded` arrays in one step: for each
age band, every finding a case can give is looked up once, ahead of time, as
the slot encode and pad would reach (:class:`SlotTables`), so a case costs a
dictionary lookup per finding. A case with anything the tables do not hold
(a list longer than the model's sites, a value the model has no row for under
a list field) sends the chunk through ``encode`` and ``pad``, which then
behave as before (including their errors).
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from milia.engine.model import ITEM_FIELDS, NONE_OF_THESE
from milia.engine.prepared import IntArray, Padded, Prepared

__all__ = ["SlotTables", "encode_chunk", "slot_tables"]

_PLAIN, _NUMERIC, _SITES, _ITEMS = range(4)
_NO_SLOTS: Mapping[Any, int] = {}  # a plain field without rows in a band (read only)


@dataclass(frozen=True, eq=False)
class SlotTables:
    """The slot of every finding of one age band (see the module docstring).

    ``findings[field][value]`` for categorical and boolean fields and, under
    list fields other than sites, for each item; ``sites[k][site]`` for a list
    of ``k`` sites (their weight depends on ``k``); ``numeric[field][bin]``.
    """

    age: int  # the slot of the band's prior row
    findings: dict[str, dict[Any, int]]
    sites: list[dict[Any, int]]  # index k - 1
    numeric: dict[str, dict[int, int]]


@dataclass(frozen=True, eq=False)
class _Tables:
    kinds: dict[str, int]
    edges: dict[str, tuple[float, ...]]
    by_band: dict[str | None, SlotTables]
    # per band, the slot tables of the plain fields alone (SlotTables.findings' plain part)
    plain: dict[str | None, dict[str, Mapping[Any, int]]]
    duration_norm: dict[int, int]  # feasible bands -> slot
    late_onset: tuple[float, int] | None  # (age at onset in days, slot) of the onset row
    slot_rows: IntArray
    slot_weights: np.ndarray[Any, np.dtype[np.float64]]


@cache
def slot_tables(prep: Prepared) -> _Tables:
    """The :class:`SlotTables` of every age band (and unknown age) of ``prep``'s model."""
    model = prep.model
    index, slot_of = model.index, prep.slot_of
    ew = model.evidence_weight
    # list items other than sites: their own weight where the model has one
    item_weight = float(getattr(model, "item_weight", ew))
    edges = dict(model.numeric_edges)
    # list fields are lists even without rows (encode then fails, and so the chunk)
    kinds: dict[str, int] = {name: _ITEMS for name in ITEM_FIELDS} | {"sites": _SITES}
    values: dict[str, set[Any]] = {name: set() for name in kinds}
    for row in model.rows:
        if row.field in ("age", "duration_norm", "onset_age"):
            continue
        kind = (
            _NUMERIC
            if row.field in edges
            else _SITES
            if row.field == "sites"
            else _ITEMS
            if row.field in ITEM_FIELDS
            else _PLAIN
        )
        kinds[row.field] = kind
        values.setdefault(row.field, set()).add(row.value)
    n_sites = sum(1 for row in model.rows if row.field == "sites" and row.band is None)

    def row_of(name: str, value: Any, band: str | None) -> int | None:
        # as encode resolves a finding (a band's own row where it overrides)
        if (name, band) in model.overridden:
            return index.get((name, value, band), index.get((name, value)))
        return index.get((name, value))

    by_band: dict[str | None, SlotTables] = {}
    for band in (*model.band_ids, None):
        findings: dict[str, dict[Any, int]] = {}
        numeric: dict[str, dict[int, int]] = {}
        sites: list[dict[Any, int]] = [{} for _ in range(n_sites)]
        for name, kind in kinds.items():
            if kind == _NUMERIC:
                bins = {b: row_of(name, b, band) for b in range(len(edges[name]) + 1)}
                numeric[name] = {b: slot_of[(r, ew)] for b, r in bins.items() if r is not None}
                continue
            for value in values[name]:
                r = row_of(name, value, band)
                if r is None:
                    continue
                if kind == _SITES:
                    for k in range(1, n_sites + 1):
                        sites[k - 1][value] = slot_of[(r, ew / math.sqrt(k))]
                else:
                    w = item_weight if kind == _ITEMS else ew
                    findings.setdefault(name, {})[value] = slot_of[(r, w)]
        for name, kind in kinds.items():
            if kind == _ITEMS:
                findings.setdefault(name, {})
        age = slot_of[(index[("age", band or "unknown")], 1.0)]
        by_band[band] = SlotTables(age, findings, sites, numeric)
    duration_norm = {
        row.value: slot_of[(r, ew)]
        for r, row in enumerate(model.rows)
        if row.field == "duration_norm" and row.band is None
    }
    late_days = getattr(model, "late_onset_days", None)
    late_onset = (
        None if late_days is None else (late_days, slot_of[(index[("onset_age", "late")], ew)])
    )
    plain_names = [name for name, kind in kinds.items() if kind == _PLAIN]
    return _Tables(
        kinds=kinds,
        edges=edges,
        by_band=by_band,
        plain={
            band: {name: tables.findings.get(name, _NO_SLOTS) for name in plain_names}
            for band, tables in by_band.items()
        },
        duration_norm=duration_norm,
        late_onset=late_onset,
        slot_rows=np.asarray(prep.slot_rows, dtype=np.intp),
        slot_weights=np.asarray(prep.slot_weights, dtype=float),
    )


def encode_chunk(
    prep: Prepared, cases: Sequence[Mapping[str, Any]], ages: Sequence[float | None]
) -> Padded:
    """``prep.pad([prep.model.encode(c, a) for c, a in zip(cases, ages)])``, faster.

    Parameters
    ----------
    cases : sequence of Mapping
        Validated cases.
    ages : sequence of float or None
        Their ages in days (:func:`~milia.engine.case.case_age_days`).
    """
    model = prep.model
    tables = slot_tables(prep)
    kinds, edges, by_band, plain_of = tables.kinds, tables.edges, tables.by_band, tables.plain
    norms, duration_edges = tables.duration_norm, edges.get("duration_weeks")
    late_onset = tables.late_onset
    age_band = model.age_band
    flat: list[int] = []
    lengths: list[int] = []
    try:
        for case, age in zip(cases, ages, strict=True):
            band_id = age_band(age)
            band, plain = by_band[band_id], plain_of[band_id]
            start = len(flat)
            flat.append(band.age)
            for name, value in case.items():
                values = plain.get(name)  # a plain field's slots (most findings)
                if values is not None:
                    slot = values.get(value)
                    if slot is not None:
                        flat.append(slot)
                    continue
                kind = kinds.get(name)
                if kind == _NUMERIC:
                    flat.append(band.numeric[name][bisect_left(edges[name], value)])
                elif kind == _SITES:
                    if value:
                        table = band.sites[len(value) - 1]
                        flat += [table[item] for item in value]
                elif kind == _ITEMS:
                    table = band.findings[name]
                    if value:
                        flat += [table[item] for item in value]
                    elif NONE_OF_THESE in table:  # "none of these" (model.encode's row)
                        flat.append(table[NONE_OF_THESE])
            if age is not None and duration_edges is not None and "duration_weeks" in case:
                slot = norms.get(bisect_left(duration_edges, age / 7 + 1) + 1)
                if slot is not None:
                    flat.append(slot)
                # the bumps began months after birth (model.encode's onset row)
                if late_onset is not None and age - 7.0 * case["duration_weeks"] >= late_onset[0]:
                    flat.append(late_onset[1])
            lengths.append(len(flat) - start)
    except (KeyError, IndexError):  # beyond the tables: the plain way, with its errors
        return prep.pad([model.encode(c, a) for c, a in zip(cases, ages, strict=True)])
    n = len(lengths)
    counts = np.asarray(lengths, dtype=np.intp)
    width = int(counts.max()) if n else 0
    present = np.arange(width) < counts[:, None]
    slots = np.zeros((n, width), dtype=np.intp)
    slots[present] = flat
    rows = np.zeros((n, width), dtype=np.intp)
    weights = np.zeros((n, width))
    rows[present] = tables.slot_rows[slots[present]]
    weights[present] = tables.slot_weights[slots[present]]
    return Padded(rows, weights, slots, counts)
