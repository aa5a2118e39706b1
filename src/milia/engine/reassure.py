"""A red-flag finding never reassures: triage without red-flag findings.

:func:`never_reassured` is the vectorised form, for a chunk, of
:func:`~milia.engine.reassure_one.never_reassured_one`, the one-case form. Each case
with red-flag findings is also triaged without each subset of them (every
subset for up to :data:`MAX_FLAG_SUBSETS_OF` findings; beyond that each alone
and all together) and keeps the most urgent level. Removing findings only
removes rows from the log posterior, so the posteriors of every variant of
every case in the chunk come from one numpy pass; the per-variant rules run
only when they could raise the level, which gives the same result as running
them all.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

from milia.engine.chunk_facts import ChunkFacts
from milia.engine.chunk_rules import CHUNK_RULES_FROM, fired_lists, sensitive_rules
from milia.engine.explain import labels
from milia.engine.model import (
    CompiledModel,
    FloatArray,
    condition_model,
    shown_order,
    softmax,
)
from milia.engine.not_listed import leak_column, listed_share
from milia.engine.prepared import Padded
from milia.engine.triage import Flag, TriagePolicy, triage_policy, without

__all__ = [
    "MAX_FLAG_SUBSETS_OF",
    "ceilings",
    "never_reassured",
    "rows_by_finding",
    "subsets",
]

MAX_FLAG_SUBSETS_OF = 6
_MILIA_TOP = 3


@cache
def rows_by_finding(model: CompiledModel) -> dict[tuple[str, Any], frozenset[int]]:
    """The model rows of each ``(field, value)`` finding (age-specific rows included)."""
    found: dict[tuple[str, Any], set[int]] = {}
    for r, row in enumerate(model.rows):
        found.setdefault((row.field, row.value), set()).add(r)
    return {key: frozenset(rs) for key, rs in found.items()}


def subsets(n: int) -> list[list[int]]:
    """The subsets of ``n`` red-flag findings tried, as 0/1 masks (see the module docstring)."""
    if n <= MAX_FLAG_SUBSETS_OF:
        return [[mask >> j & 1 for j in range(n)] for mask in range(1, 1 << n)]
    return [[int(i == j) for j in range(n)] for i in range(n)] + [[1] * n]


@cache
def _kept(n: int) -> tuple[tuple[int, ...], ...]:
    """The findings each tried subset of ``n`` keeps out, as positions (see :func:`subsets`)."""
    return tuple(tuple(j for j, bit in enumerate(mask) if bit) for mask in subsets(n))


def _type_levels(policy: TriagePolicy, types: tuple[str, ...]) -> npt.NDArray[np.intp]:
    """The triage level of each milia type, in type column order."""
    return np.array([policy.type_levels[t][0] for t in types], dtype=np.intp)


def ceilings(policy: TriagePolicy) -> tuple[int, int]:
    """:attr:`TriagePolicy.variant_ceilings` (the levels variants can reach)."""
    return policy.variant_ceilings


def never_reassured(
    cases: Sequence[Mapping[str, Any]],
    ages: Sequence[float | None],
    padded: Padded,
    scores: FloatArray,
    type_scores: FloatArray,
    levels: list[int],
    reasons: list[list[dict[str, Any]]],
) -> None:
    """Raise ``levels[i]`` (and extend ``reasons[i]``) to the most urgent level of case
    ``i`` without any tried subset of its red-flag findings; both are updated in place."""
    model = condition_model()
    tmodel = model.mixture
    assert tmodel is not None
    policy = triage_policy(model.classes)
    base_ceiling, flag_ceiling = ceilings(policy)
    ceiling = max(base_ceiling, flag_ceiling)
    by_finding = rows_by_finding(model)
    owners: list[int] = []  # the case of each variant
    dropped: list[frozenset[int]] = []  # the model rows each variant leaves out
    removed: list[list[tuple[str, Any]]] = []  # the findings each variant leaves out
    flagged = frozenset(policy.red_flag_findings)
    # each distinct tuple of red-flag findings' variants: (rows left out, findings left
    # out) per tried subset, made once (a chunk's tuples recur; the lists are only read)
    planned: dict[
        tuple[tuple[str, Any], ...], list[tuple[frozenset[int], list[tuple[str, Any]]]]
    ] = {}
    for i, case in enumerate(cases):
        if levels[i] >= ceiling or flagged.isdisjoint(case):
            continue
        items = policy.red_flag_items(case)
        if not items:
            continue
        key = tuple(items)
        plan = planned.get(key)
        if plan is None:
            item_rows = [by_finding.get(item, frozenset()) for item in items]
            plan = planned[key] = [
                (frozenset().union(*[item_rows[j] for j in kept]), [items[j] for j in kept])
                for kept in _kept(len(items))
            ]
        for rows_out, items_out in plan:
            owners.append(i)
            dropped.append(rows_out)
            removed.append(items_out)
    if not owners:
        return
    owner = np.asarray(owners, dtype=np.intp)
    rows = padded.rows[owner]
    present = np.arange(rows.shape[1]) < padded.lengths[owner, None]
    # a position is left out when its row is one of the variant's findings' rows
    out = np.zeros((len(owners), len(model.rows)), dtype=bool)
    out[
        [v for v, rs in enumerate(dropped) for _ in rs],
        [r for rs in dropped for r in rs],
    ] = True
    left_out = out[np.arange(len(owners))[:, None], rows] & present
    drop = left_out * padded.weights[owner]  # (V, K)
    tlog = type_scores[owner] - np.einsum("vk,vkt->vt", drop, tmodel.log_p[rows])
    log_post = scores[owner] - np.einsum("vk,vkc->vc", drop, model.log_p[rows])
    mixed = model.mix(log_post, tlog, rows[:, 0])
    probs = softmax(mixed)
    # each variant's "not listed" score: its rows kept, weighted (not_listed.leak_score)
    weights_kept = (present & ~left_out) * padded.weights[owner]
    shares = listed_share(mixed, (weights_kept * leak_column(model)[rows]).sum(axis=1))[:, 0]
    tprobs = softmax(tlog)
    classes, m = model.classes, model.mixture_class
    orders_arr = shown_order(probs)
    ranks_arr = np.argsort(orders_arr, axis=1)
    bests_arr = np.argmax(tprobs, axis=1)
    best_ps_arr = tprobs[np.arange(len(owners)), bests_arr]
    # the base level of every variant at once: base() runs only where it raises the level
    typed = ranks_arr[:, m] < _MILIA_TOP
    type_levels = np.where(typed, _type_levels(policy, tmodel.classes)[bests_arr], -1)
    thresholds = policy.threshold_levels(probs)
    base_levels = policy.base_levels(
        probs, orders_arr[:, 0], type_levels, best_ps_arr, m, shares=shares
    )
    # rows are read as lists only for the variants that could raise their case's level
    base_levels_ = base_levels.tolist()
    names = labels()["all"]
    variants: dict[int, dict[str, Any]] = {}  # the cases without the findings, where needed
    for v, i in enumerate(owners):
        if levels[i] < flag_ceiling:
            variants[v] = without(cases[i], removed[v])
    flags_of: dict[int, list[Flag]] | None = None
    if len(variants) >= CHUNK_RULES_FROM:  # their flags' rules for all at once (same answers)
        need = list(variants)
        facts = ChunkFacts(
            cases=list(variants.values()),
            ages=np.array([math.nan if a is None else a for a in ages], dtype=float)[owner[need]],
            ranks=ranks_arr[need],
            probs=probs[need],
            milia_types=np.where(typed, bests_arr, -1)[need],
            type_classes=tmodel.classes,
            rows=rows[need],
            present=(present & ~left_out)[need],
            n_rows=len(model.rows),
        )
        sensitive = policy.sensitive_flags
        fired = fired_lists(sensitive_rules(model)(facts))
        flags_of = {v: [sensitive[j] for j in js] for v, js in zip(need, fired, strict=True)}
    for v, i in enumerate(owners):
        level = levels[i]
        if level >= ceiling:
            continue
        with_base = level < base_ceiling and base_levels_[v] > level
        with_flags = level < flag_ceiling
        above: list[Flag] | None = None  # the variant's flags above the level (chunk form)
        if with_flags and flags_of is not None:
            above = [f for f in flags_of[v] if f.level > level]
            with_flags = bool(above)
        if not (with_base or with_flags):
            continue  # nothing could raise the level
        p = probs[v].tolist()
        type_id: str | None = None
        type_p = 0.0
        if typed[v]:
            type_id, type_p = tmodel.classes[int(bests_arr[v])], float(best_ps_arr[v])
        candidates: list[tuple[int, list[dict[str, Any]]]] = []
        if with_base:
            candidates.append(
                policy.base(
                    p,
                    orders_arr[v].tolist(),
                    classes,
                    names,
                    type_id,
                    type_p,
                    threshold=int(thresholds[v]),
                    share=float(shares[v]),
                    calm=False,
                )
            )
        if with_flags:
            ranks = ranks_arr[v].tolist()
            variant = variants[v]
            if above is None:
                found = policy.variant_flags_of(variant, ages[i], ranks, p, type_id)
                above = [f for f in found if f.level > level]  # at or below: no change
            candidates += [
                (
                    f.level,
                    [
                        {
                            "text": policy.flag_message(f, variant, ages[i], ranks),
                            "sources": list(f.sources),
                        }
                    ],
                )
                for f in above
            ]
        for cand_level, cand_reasons in candidates:
            if cand_level > level:
                level = cand_level
                reasons[i].extend(r for r in cand_reasons if r not in reasons[i])
        levels[i] = level
