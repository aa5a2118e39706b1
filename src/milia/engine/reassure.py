"""A red-flag finding never reassures: triage without red-flag findings, for a chunk.

The vectorised form of :func:`milia.engine.assess._never_reassured`. Each case
with red-flag findings is also triaged without each subset of them (every
subset for up to :data:`MAX_FLAG_SUBSETS_OF` findings; beyond that each alone
and all together) and keeps the most urgent level. Removing findings only
removes rows from the log posterior, so the posteriors of every variant of
every case in the chunk come from one numpy pass; the per-variant rules run
only when they could raise the level, which gives the same result as running
them all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

from milia.engine.explain import labels
from milia.engine.model import CompiledModel, FloatArray, condition_model, softmax
from milia.engine.prepared import Padded
from milia.engine.triage import TriagePolicy, triage_policy, without

__all__ = ["MAX_FLAG_SUBSETS_OF", "ceilings", "never_reassured", "rows_by_finding", "subsets"]

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
    masks: list[list[float]] = []  # the rows each variant keeps out, as 0/1 per position
    removed: list[list[tuple[str, Any]]] = []  # the findings each variant leaves out
    width = padded.rows.shape[1]
    for i, case in enumerate(cases):
        if levels[i] >= ceiling:
            continue
        items = policy.red_flag_items(case)
        if not items:
            continue
        case_rows = padded.rows[i, : padded.lengths[i]].tolist()
        per_item = [
            [r in by_finding.get(item, ()) for r in case_rows] + [False] * (width - len(case_rows))
            for item in items
        ]
        for mask in subsets(len(items)):
            kept = [per_item[j] for j, bit in enumerate(mask) if bit]
            owners.append(i)
            masks.append([float(any(column)) for column in zip(*kept, strict=True)])
            removed.append([item for item, bit in zip(items, mask, strict=True) if bit])
    if not owners:
        return
    owner = np.asarray(owners, dtype=np.intp)
    drop = np.asarray(masks) * padded.weights[owner]  # (V, K)
    rows = padded.rows[owner]
    tlog = type_scores[owner] - np.einsum("vk,vkt->vt", drop, tmodel.log_p[rows])
    log_post = scores[owner] - np.einsum("vk,vkc->vc", drop, model.log_p[rows])
    probs = softmax(model.mix(log_post, tlog, rows[:, 0]))
    tprobs = softmax(tlog)
    classes, m = model.classes, model.mixture_class
    orders_arr = np.argsort(-probs, axis=1, kind="stable")
    ranks_arr = np.argsort(orders_arr, axis=1)
    bests_arr = np.argmax(tprobs, axis=1)
    best_ps_arr = tprobs[np.arange(len(owners)), bests_arr]
    # the base level of every variant at once: base() runs only where it raises the level
    typed = ranks_arr[:, m] < _MILIA_TOP
    type_levels = np.where(typed, _type_levels(policy, tmodel.classes)[bests_arr], -1)
    thresholds = policy.threshold_levels(probs)
    base_levels = policy.base_levels(probs, orders_arr[:, 0], type_levels, best_ps_arr, m)
    orders, ranks_all, typed_ = orders_arr.tolist(), ranks_arr.tolist(), typed.tolist()
    bests, best_ps = bests_arr.tolist(), best_ps_arr.tolist()
    thresholds_, base_levels_ = thresholds.tolist(), base_levels.tolist()
    plists = probs.tolist()
    names = labels()["all"]
    for v, i in enumerate(owners):
        level = levels[i]
        if level >= ceiling:
            continue
        order, p = orders[v], plists[v]
        type_id: str | None = None
        type_p = 0.0
        if typed_[v]:
            type_id, type_p = tmodel.classes[bests[v]], best_ps[v]
        candidates: list[tuple[int, list[dict[str, Any]]]] = []
        if level < base_ceiling and base_levels_[v] > level:
            candidates.append(
                policy.base(p, order, classes, names, type_id, type_p, threshold=thresholds_[v])
            )
        if level < flag_ceiling:
            ranks = ranks_all[v]
            variant = without(cases[i], removed[v])
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
                for f in policy.variant_flags_of(variant, ages[i], ranks, p, type_id)
            ]
        for cand_level, cand_reasons in candidates:
            if cand_level > level:
                level = cand_level
                reasons[i].extend(r for r in cand_reasons if r not in reasons[i])
        levels[i] = level
