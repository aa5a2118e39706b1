"""The one-case red-flag variants (reassure_one) give what triaging every variant in full gives.

- ``variant_flags_above(classes, level)`` fires the flags of
  ``TriagePolicy.variant_flags_of`` above ``level``, in the same order;
- ``never_reassured_one`` (variants' flags only above the level reached) gives the
  level and reasons of the plain form below, which triages every variant in full
  (base triage and every variant-sensitive flag) and keeps what raises the level.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

import numpy as np

from milia.engine.case import case_age_days, validate_case
from milia.engine.explain import labels
from milia.engine.model import condition_model, shown_order, softmax, type_model
from milia.engine.not_listed import leak_column, leak_score, listed_share
from milia.engine.reassure import rows_by_finding, subsets
from milia.engine.reassure_one import (
    base_level,
    case_only,
    never_reassured_one,
    variant_flags_above,
)
from milia.engine.sample import random_cases
from milia.engine.triage import LEVELS, level_rank, triage_policy, without


def _plain(
    clean: Mapping[str, Any], level: int, reasons: list[dict[str, Any]]
) -> tuple[int, list[dict[str, Any]]]:
    """Every variant triaged in full: base triage and all re-checked flags, no shortcut."""
    model, tmodel = condition_model(), type_model()
    classes = model.classes
    policy = triage_policy(classes)
    names = labels()["all"]
    age_days = case_age_days(clean)
    encoded = model.encode(clean, age_days)
    items = policy.red_flag_items(clean)
    if not items:
        return level, reasons
    masks = subsets(len(items))
    per_item = np.zeros((len(items), len(encoded.rows)))
    for j, item in enumerate(items):
        for k, r in enumerate(encoded.rows):
            per_item[j, k] = float(r in rows_by_finding(model).get(item, frozenset()))
    mask = np.minimum(np.asarray(masks, dtype=float) @ per_item, 1.0)
    rows, weights = list(encoded.rows), np.asarray(encoded.weights)[:, None]
    tscores = tmodel.log_posterior(encoded)
    scores = model.log_posterior(encoded, type_scores=tscores)
    tlog = tscores - mask @ (weights * tmodel.log_p[rows])
    variants = model.mix(scores - mask @ (weights * model.log_p[rows]), tlog, rows[0])
    leak = leak_score(model, encoded.rows, encoded.weights)
    leaks = leak - mask @ (weights * leak_column(model)[:, None][rows])
    shares = listed_share(variants, leaks[:, 0])[:, 0].tolist()
    probs, tprobs = softmax(variants), softmax(tlog)
    for s, keep in enumerate(masks):
        p, order = probs[s].tolist(), shown_order(probs[s]).tolist()
        type_id, type_p = None, 0.0
        if order.index(classes.index("milia")) < 3:
            best = int(np.argmax(tprobs[s]))
            type_id, type_p = tmodel.classes[best], float(tprobs[s][best])
        candidates = [
            policy.base(p, order, classes, names, type_id, type_p, share=shares[s], calm=False)
        ]
        ranks = [order.index(i) for i in range(len(classes))]
        variant = without(clean, [item for item, bit in zip(items, keep, strict=True) if bit])
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
            for f in policy.variant_flags_of(variant, age_days, ranks, p, type_id)
        ]
        for cand_level, cand_reasons in candidates:
            if cand_level > level:
                level = cand_level
                reasons.extend(r for r in cand_reasons if r not in reasons)
    return level, reasons


def _cases(n: int, seed: int) -> list[dict[str, Any]]:
    policy = triage_policy(condition_model().classes)
    cases = [validate_case(c) for c in random_cases(n, seed=seed)]
    return [c for c in cases if policy.red_flag_items(c)]


def test_flags_above_a_level_are_the_variant_flags_above_it() -> None:
    model = condition_model()
    policy = triage_policy(model.classes)
    seen = 0
    for clean in _cases(300, seed=31):
        age_days = case_age_days(clean)
        encoded = model.encode(clean, age_days)
        probs = softmax(model.log_posterior(encoded))
        order = shown_order(probs).tolist()
        ranks = [order.index(i) for i in range(len(model.classes))]
        p = probs.tolist()
        variant = without(clean, policy.red_flag_items(clean))
        for milia_type in (None, "primary_benign"):
            every = policy.variant_flags_of(variant, age_days, ranks, p, milia_type)
            seen += len(every)
            for level in range(len(LEVELS)):
                fired, flags = variant_flags_above(model.classes, level)
                found = [flags[j] for j in fired(variant, age_days, ranks, p, milia_type)]
                assert found == [f for f in every if f.level > level]
    assert seen > 50


def test_never_reassured_one_as_every_variant_in_full() -> None:
    model = condition_model()
    names = labels()["all"]
    raised = 0
    for clean in _cases(1_200, seed=32):
        age_days = case_age_days(clean)
        encoded = model.encode(clean, age_days)
        tscores = type_model().log_posterior(encoded)
        for level in range(len(LEVELS)):
            start = [{"text": "given", "sources": ["x"]}]
            fast = never_reassured_one(
                clean, age_days, encoded, tscores, names, level, copy.deepcopy(start)
            )
            plain = _plain(clean, level, copy.deepcopy(start))
            assert fast == plain, clean
            raised += fast[0] > level
    assert raised > 100


def test_only_flags_more_urgent_than_the_level_are_kept() -> None:
    classes = condition_model().classes
    sensitive = triage_policy(classes).sensitive_flags
    for level in range(len(LEVELS)):
        _, flags = variant_flags_above(classes, level)
        assert flags == tuple(f for f in sensitive if f.level > level)
    # once 'soon' is reached only the urgent re-checked flags are tested
    _, urgent = variant_flags_above(classes, level_rank("soon"))
    assert urgent and all(f.level == level_rank("urgent") for f in urgent)


def test_case_only_rules() -> None:
    assert case_only({"field": "painful", "is": True})
    assert case_only({"all": [{"not": {"age_days_lt": 730.5}}, {"missing": "painful"}]})
    assert case_only({"any": [{"always": True}, {"age_unknown": True}]})
    assert not case_only({"all": [{"field": "painful", "is": True}, {"top": "milia"}]})
    assert not case_only({"not": {"chance_of": "milia", "ge": 0.1}})
    assert not case_only({"any": [{"milia_type": "neonatal"}, {"field": "count", "ge": 3}]})
    assert not case_only({"atypical": {"against_probability": 0.1, "min_findings": 1}})
    assert not case_only({"some_new_key": 1})  # unknown: not assumed case-only
    assert not case_only(["field"])


def test_variants_with_only_case_rules_left_as_in_full() -> None:
    # from 'soon' no variant's base triage can raise the level; where the flags above
    # read only the case, they are tested without the variants' posteriors
    model = condition_model()
    names = labels()["all"]
    soon = level_rank("soon")
    blisters = {
        "age_years": 40,
        "color": "clear",
        "surface": "vesicle",
        "sites": ["forehead"],
        "on_red_plaque": True,
        "inflamed": True,
    }
    raised = 0
    for extra in ({}, {"painful": True}, {"painful": False}, {"unwell": True}):
        clean = validate_case({**blisters, **extra})
        age_days = case_age_days(clean)
        encoded = model.encode(clean, age_days)
        tscores = type_model().log_posterior(encoded)
        fast = never_reassured_one(clean, age_days, encoded, tscores, names, soon, [])
        assert fast == _plain(clean, soon, [])
        raised += fast[0] > soon
    assert raised  # a variant still on red skin, pain unsaid: shingles near the eye


def test_base_level_is_the_level_of_base() -> None:
    model = condition_model()
    classes = model.classes
    policy = triage_policy(classes)
    names = labels()["all"]
    milia = classes.index("milia")
    rng = np.random.default_rng(33)
    types = [None, *policy.type_levels]
    levels = set()
    for n in range(6_000):
        weights = rng.random(len(classes)) ** rng.choice([1.0, 4.0, 12.0])
        if n % 3 == 0:  # milia on top, as the type tests need
            weights[milia] = weights.max() * rng.uniform(1.0, 3.0)
        probs = (weights / weights.sum()).tolist()
        order = shown_order(np.asarray(probs)).tolist()
        milia_type = types[n % len(types)]
        type_p = float(rng.choice([rng.random(), 0.5, 0.49999]))
        share = float(rng.choice([1.0, rng.uniform(0.5, 1.0), 0.8, 0.79995]))
        threshold = policy.threshold_level(probs)
        got = base_level(policy, probs, order[0], milia_type, type_p, share, threshold)
        level, _ = policy.base(probs, order, classes, names, milia_type, type_p, share=share)
        assert got == level
        levels.add(level)
    assert levels == set(range(len(LEVELS) - 1))  # every level a base triage can give
