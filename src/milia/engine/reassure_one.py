"""A red-flag finding never reassures: the one-case form of :mod:`milia.engine.reassure`.

:func:`never_reassured_one` triages a case without each tried subset of its
red-flag findings (:func:`~milia.engine.reassure.subsets`) and keeps the most
urgent level, as :func:`~milia.engine.reassure.never_reassured` does for a
chunk. Removing findings only removes rows from the log posterior, so every
variant's posterior comes from one numpy pass; a variant's base triage and its
re-checked red flags are worked out only where they could raise the level
reached so far, which gives the same level and reasons as triaging every
variant in full:

- a variant's flags are tested with the variant-sensitive rules more urgent
  than the level reached (:func:`variant_flags_above`, compiled once per
  level): a flag at or below that level changes nothing;
- its base triage runs only while the level is below the most urgent level a
  base triage can reach (``TriagePolicy.variant_ceilings``);
- from that level on, when the flags left to re-check read only the case and
  the age (:func:`case_only`), no variant's posterior is needed: the flags are
  tested on the variants without the numpy pass.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import numpy as np

from milia.engine.model import (
    CompiledModel,
    Encoded,
    FloatArray,
    condition_model,
    share_against,
    shown_order,
    softmax_parts,
    type_model,
)
from milia.engine.not_listed import leak_column, leak_score, outside_floor
from milia.engine.reassure import rows_by_finding, subsets
from milia.engine.rules import Fired, compile_rules
from milia.engine.triage import Flag, TriagePolicy, triage_policy, without

__all__ = ["base_level", "case_only", "never_reassured_one", "variant_flags_above"]

_MILIA_TOP = 3
# the rule keys (besides all/any/not/field) of a test on the case or the age alone
_CASE_KEYS = frozenset({"always", "missing", "age_days_lt", "age_days_ge", "age_unknown"})


def case_only(spec: Any) -> bool:
    """Whether a rule (``red_flags.yaml`` vocabulary) tests only the case and the age.

    Read in the precedence of :meth:`milia.engine.rules._Writer.expr`; a rule reading
    the model's results (``top``, ``chance_of``, ``milia_type``, ``atypical``) or any
    key not known here is not case-only.
    """
    if not isinstance(spec, Mapping):
        return False
    if "all" in spec:
        return all(case_only(part) for part in spec["all"])
    if "any" in spec:
        return all(case_only(part) for part in spec["any"])
    if "not" in spec:
        return case_only(spec["not"])
    if "field" in spec:
        return True
    return not _CASE_KEYS.isdisjoint(spec)


@cache
def variant_flags_above(classes: tuple[str, ...], level: int) -> tuple[Fired, tuple[Flag, ...]]:
    """The variant-sensitive flags more urgent than ``level``, and their rules compiled alone.

    ``[flags[j] for j in fired(case, age_days, rank, prob, milia_type)]`` are the
    flags of ``TriagePolicy.variant_flags_of`` whose level is above ``level``, in the
    same (file) order.
    """
    policy = triage_policy(classes)
    flags = tuple(f for f in policy.sensitive_flags if f.level > level)
    return compile_rules([f.when_spec for f in flags], classes), flags


def base_level(
    policy: TriagePolicy,
    probs: Sequence[float],
    top: int,
    milia_type: str | None,
    type_probability: float,
    share: float,
    threshold: int,
) -> int:
    """The level of ``policy.base(probs, order, ...)`` without its reasons (``top`` is
    ``order[0]``, ``threshold`` is ``policy.threshold_level(probs)``): the same tests in
    the same order, no sentence written. A variant's base triage is written out only
    when this level raises the level reached."""
    level = threshold
    if probs[top] < policy.uncertain_top and level < policy.uncertain_level:
        level = policy.uncertain_level
    if outside_floor(share) / 10_000 >= policy.not_listed_share and level < policy.not_listed_level:
        level = policy.not_listed_level
    if milia_type is not None and policy.classes[top] == "milia":
        type_level = policy.type_levels[milia_type][0]
        if type_probability >= policy.type_probability:
            level = max(level, type_level)
        elif (
            type_level > level
            and level < policy.unconfirmed_type_level
            and probs[top] * type_probability >= policy.thresholds[type_level]
        ):
            level = policy.unconfirmed_type_level
    return level


@cache
def _case_only_above(classes: tuple[str, ...], level: int) -> bool:
    """Whether every flag of :func:`variant_flags_above` reads only the case and the age
    (then its message is the plain one too: a templated message is an atypical rule's)."""
    _, flags = variant_flags_above(classes, level)
    return all(case_only(f.when_spec) and f.template is None for f in flags)


@cache
def _subset_plan(n: int) -> tuple[tuple[tuple[int, ...], ...], FloatArray]:
    """The tried subsets of ``n`` findings (:func:`~milia.engine.reassure.subsets`): the
    positions each leaves out, and all of them as 0/1 rows of a read-only float array."""
    masks = subsets(n)
    kept = tuple(tuple(j for j, bit in enumerate(mask) if bit) for mask in masks)
    array = np.asarray(masks, dtype=float)
    array.flags.writeable = False
    return kept, array


def _drop_mask(
    model: CompiledModel,
    rows: Sequence[int],
    items: Sequence[tuple[str, Any]],
    masks: FloatArray,
) -> FloatArray:
    """For each subset of red-flag findings (0/1 rows of ``masks``), 1.0 at each of the
    case's row positions it leaves out, (S, K)."""
    by_finding = rows_by_finding(model)
    per_item = []
    for item in items:
        matching = by_finding.get(item, frozenset())
        per_item.append([1.0 if r in matching else 0.0 for r in rows])
    mask: FloatArray = np.minimum(masks @ np.array(per_item), 1.0)
    return mask


def never_reassured_one(
    clean: Mapping[str, Any],
    age_days: float | None,
    encoded: Encoded,
    tscores: FloatArray,
    names: dict[str, str],
    level: int,
    reasons: list[dict[str, Any]],
    *,
    scores: FloatArray | None = None,
    leak: float | None = None,
) -> tuple[int, list[dict[str, Any]]]:
    """Raise ``level`` to the most urgent level of the case without any subset of its
    red-flag findings: a warning sign can add urgency, never take it away. The one-case
    form (:func:`milia.engine.assess.assemble`) of
    :func:`~milia.engine.reassure.never_reassured`.

    With up to :data:`~milia.engine.reassure.MAX_FLAG_SUBSETS_OF` red-flag findings
    every subset is tried, which makes triage monotone (adding a red-flag finding
    never lowers it); beyond that, each finding alone and all of them together.
    Removing findings only removes rows from the log posterior, so all variants are
    computed at once. A variant is triaged only where it could raise the level (see
    the module docstring): the same result as triaging every variant in full.

    Parameters
    ----------
    clean : Mapping
        The validated case.
    age_days : float or None
        Its age in days (None when unknown).
    encoded : Encoded
        Its encoded rows.
    tscores : ndarray, shape (T,)
        The milia types' unnormalised log posterior.
    names : dict
        Plain names of conditions and milia types.
    level, reasons
        The level reached (rank in ``LEVELS``) and its reasons; ``reasons`` is extended
        in place with the reasons of each raise.
    scores : ndarray, shape (C,), optional
        The case's log posterior (``model.log_posterior(encoded, type_scores=tscores)``).
    leak : float, optional
        Its :func:`~milia.engine.not_listed.leak_score`.

    Returns
    -------
    tuple
        The level and the reasons list.
    """
    model, tmodel = condition_model(), type_model()
    classes = model.classes
    policy = triage_policy(classes)
    base_ceiling, flag_ceiling = policy.variant_ceilings
    if level >= max(base_ceiling, flag_ceiling):
        return level, reasons  # no variant can raise it
    items = policy.red_flag_items(clean)
    if not items:
        return level, reasons
    plan, masks = _subset_plan(len(items))
    if level >= base_ceiling and _case_only_above(classes, level):
        return _flags_only(clean, age_days, items, plan, level, reasons)
    rows = list(encoded.rows)
    mask = _drop_mask(model, rows, items, masks)
    weights = np.asarray(encoded.weights)[:, None]
    log_post = model.log_posterior(encoded, type_scores=tscores) if scores is None else scores
    # the type model shares the differential's rows, so one encoding serves both
    tlog = tscores - mask @ (weights * tmodel.log_p[rows])
    tprobs, ttop, ttotal = softmax_parts(tlog)  # the mixture's logsumexp reuses its sums
    variants = model.mix(
        log_post - mask @ (weights * model.log_p[rows]), tlog, rows[0], type_parts=(ttop, ttotal)
    )
    probs, top, total = softmax_parts(variants)
    # each variant's share against "not one of the listed conditions" (triage policy;
    # share_against gives listed_share's floats from the softmax's own parts)
    if leak is None:
        leak = leak_score(model, encoded.rows, encoded.weights)
    leaks = leak - mask @ (weights * leak_column(model)[:, None][rows])
    shares = share_against(top, total, leaks[:, 0])[:, 0].tolist()
    # every variant's ranking, best type and probabilities at once (row-wise, as per variant)
    orders = shown_order(probs).tolist()
    bests = np.argmax(tprobs, axis=1).tolist()
    plists, tplists = probs.tolist(), tprobs.tolist()
    milia = classes.index("milia")
    for s, kept in enumerate(plan):
        p = plists[s]
        order = orders[s]
        type_id: str | None = None
        type_p = 0.0
        if order.index(milia) < _MILIA_TOP:
            best = bests[s]
            type_id, type_p = tmodel.classes[best], tplists[s][best]
        candidates = []
        if level < base_ceiling:  # else its base level cannot raise the level
            threshold = policy.threshold_level(p)
            share = shares[s]
            if base_level(policy, p, order[0], type_id, type_p, share, threshold) > level:
                candidates.append(
                    policy.base(
                        p,
                        order,
                        classes,
                        names,
                        type_id,
                        type_p,
                        threshold=threshold,
                        share=share,
                        calm=False,
                    )
                )
        if level < flag_ceiling:  # else no re-checked flag can raise the level
            fired, above = variant_flags_above(classes, level)
            ranks = [0] * len(classes)
            for r, i in enumerate(order):
                ranks[i] = r
            variant = without(clean, [items[j] for j in kept])
            candidates += [
                (
                    f.level,
                    [
                        {
                            "text": policy.flag_message(f, variant, age_days, ranks),
                            "sources": list(f.sources),
                        }
                    ],
                )
                for f in [above[j] for j in fired(variant, age_days, ranks, p, type_id)]
            ]
        for cand_level, cand_reasons in candidates:
            if cand_level > level:
                level = cand_level
                reasons.extend(r for r in cand_reasons if r not in reasons)
    return level, reasons


def _flags_only(
    clean: Mapping[str, Any],
    age_days: float | None,
    items: Sequence[tuple[str, Any]],
    plan: tuple[tuple[int, ...], ...],
    level: int,
    reasons: list[dict[str, Any]],
) -> tuple[int, list[dict[str, Any]]]:
    """:func:`never_reassured_one`'s loop when no variant's base triage can raise the level
    and the flags above it read only the case and the age: no posterior is computed (the
    rules get no ranks, probabilities or type, which they do not read)."""
    classes = condition_model().classes
    policy = triage_policy(classes)
    flag_ceiling = policy.variant_ceilings[1]
    for kept in plan:
        if level >= flag_ceiling:
            break  # no re-checked flag can raise the level
        fired, above = variant_flags_above(classes, level)
        variant = without(clean, [items[j] for j in kept])
        for f in [above[j] for j in fired(variant, age_days, (), (), None)]:
            if f.level > level:
                level = f.level
                reason = {"text": f.message, "sources": list(f.sources)}
                if reason not in reasons:
                    reasons.append(reason)
    return level, reasons
