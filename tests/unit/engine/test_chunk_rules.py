"""The chunk form of the rules (numpy masks) gives the answers of the per-case function."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest
from engine_strategies import valid_cases
from hypothesis import given, settings
from hypothesis import strategies as st
from test_fast_path import EXAMPLES, FLAGGED

from milia.engine.case import case_age_days, validate_case
from milia.engine.chunk_rules import (
    ChunkFacts,
    advice_chunk_rules,
    compile_chunk_rules,
    fired_lists,
    flag_rules,
)
from milia.engine.fast import MILIA_TOP, log_posteriors
from milia.engine.model import condition_model, softmax
from milia.engine.prepared import prepared
from milia.engine.rules import compile_rules
from milia.engine.sample import random_cases
from milia.errors import KnowledgeBaseError
from milia.kb.loader import read_yaml


def _chunk(cases: Sequence[dict[str, Any]]) -> tuple[ChunkFacts, list[tuple[Any, ...]]]:
    """The facts of a chunk and each case's arguments of the per-case function."""
    model = condition_model()
    assert model.mixture is not None
    prep = prepared()
    cleaned = [validate_case(c) for c in cases]
    ages = [case_age_days(c) for c in cleaned]
    padded = prep.pad([model.encode(c, a) for c, a in zip(cleaned, ages, strict=True)])
    scores, type_scores = log_posteriors(model, padded)
    probs, type_probs = softmax(scores), softmax(type_scores)
    ranks = np.argsort(np.argsort(-probs, axis=1, kind="stable"), axis=1)
    typed = np.where(ranks[:, model.mixture_class] < MILIA_TOP, type_probs.argmax(axis=1), -1)
    facts = ChunkFacts(
        cases=cleaned,
        ages=np.array([np.nan if a is None else a for a in ages]),
        ranks=ranks,
        probs=probs,
        milia_types=typed,
        type_classes=model.mixture.classes,
        rows=padded.rows,
        present=np.arange(padded.rows.shape[1]) < padded.lengths[:, None],
        n_rows=len(model.rows),
    )
    args = [
        (case, age, rank, prob, None if t < 0 else model.mixture.classes[t])
        for case, age, rank, prob, t in zip(
            cleaned, ages, ranks.tolist(), probs.tolist(), typed.tolist(), strict=True
        )
    ]
    return facts, args


def _same(specs: list[Any], cases: Sequence[dict[str, Any]]) -> list[list[int]]:
    """Assert the chunk form and the per-case function agree; the fired lists."""
    model = condition_model()
    facts, args = _chunk(cases)
    fired = compile_rules(specs, model.classes)  # compiled once: a generated function
    want = [fired(*a) for a in args]
    got = fired_lists(compile_chunk_rules(specs, model)(facts))
    assert got == want
    return got


CASES = random_cases(1200, seed=31) + EXAMPLES + FLAGGED


def test_red_flags_and_advice_as_the_per_case_functions() -> None:
    model = condition_model()
    facts, args = _chunk(CASES)
    policy_flags = read_yaml("model/red_flags.yaml")["flags"]
    flags_fired = compile_rules([f["when"] for f in policy_flags], model.classes)
    want_flags = [flags_fired(*a) for a in args]
    items = read_yaml("model/advice.yaml")["items"]
    advice_fired = compile_rules([i["when"] for i in items], model.classes)
    want_advice = [advice_fired(*a) for a in args]
    assert fired_lists(flag_rules(model)(facts)) == want_flags
    assert fired_lists(advice_chunk_rules(model)(facts)) == want_advice
    assert sum(map(len, want_flags)) > 100 and sum(map(len, want_advice)) > 1000


# every kind of condition, including those the chunk form answers value by value
# (a finding without a model row, a number field under `is`, a string under `has`,
# an unhashable argument) and values no case has
OPERATORS: list[Any] = [
    {"field": "color", "is": "white"},
    {"field": "color", "is": "no_such_colour"},
    {"field": "color", "is": ["white"]},
    {"field": "unwell", "is": True},
    {"field": "growing", "is": 1},
    {"field": "count", "is": 3},
    {"field": "diameter_mm", "is": 2.0},
    {"field": "onset", "in": ["eruptive", "gradual"]},
    {"field": "onset", "in": [None, "eruptive"]},
    {"field": "unwell", "in": [True]},
    {"field": "sites", "has": "eyelids"},
    {"field": "sites", "has": "no_such_site"},
    {"field": "history", "has": "blistering_at_site"},
    {"field": "color", "has": "whi"},
    {"field": "sites", "has_any": ["eyelids", "nose", "no_such_site"]},
    {"field": "conditions", "has_any": ["gardner_syndrome", "rombo_syndrome"]},
    {"field": "color", "has_any": ["w", "y"]},
    {"field": "count", "ge": 20},
    {"field": "count", "gt": 20.5},
    {"field": "diameter_mm", "le": 1.5},
    {"field": "duration_weeks", "lt": 4},
    {"field": "count", "ge": 2**60},
    {"missing": "sites"},
    {"missing": "history"},
    {"missing": "unwell"},
    {"age_days_lt": 28},
    {"age_days_ge": 6574.5},
    {"age_unknown": True},
    {"age_unknown": False},
    {"top": "milia", "within": 3},
    {"top": "no_such_condition", "within": 100},
    {"top": "no_such_condition"},
    {"chance_of": "milia", "ge": 0.5},
    {"chance_of": "no_such_condition", "ge": 0.0},
    {"milia_type": "neonatal"},
    {"milia_type": ["primary_benign", "secondary_trauma"]},
    {"atypical": {"against_probability": 0.02, "min_findings": 1}},
    {"atypical": {"against_probability": 0.05, "min_findings": 2}},
    {"always": True},
    {"always": False},
    {"all": []},
    {"any": []},
    {"not": {"field": "color", "is": "white"}},
    {
        "all": [
            {"age_days_lt": 365.25},
            {"any": [{"field": "unwell", "is": True}, {"missing": "count"}]},
        ]
    },
    {"any": [{"not": {"age_days_ge": 30}}, {"field": "sites", "has": "eyelids"}]},
]


def test_every_kind_of_condition() -> None:
    got = _same(OPERATORS, CASES)
    held = {j for fired in got for j in fired}
    # each condition that can hold on these cases does, somewhere, and not everywhere
    assert len(held) >= len(OPERATORS) - 8
    assert all(len(fired) < len(OPERATORS) for fired in got)


@pytest.mark.parametrize("n", [1, 63, 64, 65, 130])
def test_chunks_of_any_size(n: int) -> None:
    """The masks are packed 64 cases a word: chunks across and at a word's end."""
    _same(OPERATORS, CASES[:n])
    flags = [f["when"] for f in read_yaml("model/red_flags.yaml")["flags"]]
    _same(flags, CASES[200 : 200 + n])


@settings(max_examples=40, deadline=None)
@given(st.lists(valid_cases(), min_size=1, max_size=30))
def test_any_valid_cases(cases: list[dict[str, Any]]) -> None:
    model = condition_model()
    flags = read_yaml("model/red_flags.yaml")["flags"]
    _same([f["when"] for f in flags] + OPERATORS, cases)
    assert flag_rules(model) is flag_rules(model)


def test_an_unknown_rule_is_an_error() -> None:
    with pytest.raises(KnowledgeBaseError):
        compile_chunk_rules([{"field": "color", "matches": "w"}], condition_model())
    with pytest.raises(KnowledgeBaseError):
        compile_chunk_rules([{"sometimes": True}], condition_model())


def test_the_fast_path_the_same_with_and_without_chunk_rules(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """compute_chunk (flags, advice) and never_reassured (variant flags) give the same
    levels, reasons, flags and advice with the chunk rules as with the per-case ones."""
    import milia.engine.fast as fast
    import milia.engine.reassure as reassure

    cases = [validate_case(c) for c in random_cases(600, seed=8) + FLAGGED]
    variants = []
    original = reassure.fired_lists

    def counted(held: Any) -> list[list[int]]:
        variants.append(len(held))
        return original(held)

    monkeypatch.setattr(reassure, "fired_lists", counted)
    chunked = fast.compute_chunk(cases, n_questions=5, why_top=23)
    assert variants and variants[0] >= 64  # the variants' rules ran per chunk
    monkeypatch.setattr(fast, "CHUNK_RULES_FROM", 10**9)
    monkeypatch.setattr(reassure, "CHUNK_RULES_FROM", 10**9)
    plain = fast.compute_chunk(cases, n_questions=5, why_top=23)
    assert len(variants) == 1
    for name in ("flags", "advice", "levels", "reasons"):
        assert getattr(chunked, name) == getattr(plain, name), name
    assert len(set(chunked.levels)) > 2


def test_flag_messages_from_the_rows_as_flag_message() -> None:
    from milia.engine.chunk_encode import encode_chunk
    from milia.engine.chunk_messages import flag_messages
    from milia.engine.fast import compute_chunk
    from milia.engine.triage import triage_policy

    model = condition_model()
    policy = triage_policy(model.classes)
    cases = [validate_case(c) for c in random_cases(800, seed=13) + EXAMPLES + FLAGGED]
    ages = [case_age_days(c) for c in cases]
    done = compute_chunk(cases, n_questions=0, why_top=0)
    padded = encode_chunk(prepared(), cases, ages)
    present = np.arange(padded.rows.shape[1]) < padded.lengths[:, None]
    got = flag_messages(policy, done.flags, padded.rows, present, done.order_array[:, 0])
    ranks = np.argsort(done.order_array, axis=1).tolist()
    templated = [f for f, flag in enumerate(policy.flags) if flag.template is not None]
    want = {
        (i, f): policy.flag_message(policy.flags[f], cases[i], ages[i], ranks[i])
        for i, fired in enumerate(done.flags)
        for f in fired
        if f in templated
    }
    assert got == want
    assert not templated or len(want) > 100


def test_shared_conditions_are_evaluated_once_and_kept_read_only() -> None:
    """The flags', advice's, relaxed and operator rules on one chunk's facts give what each
    set gives on facts of its own; every condition's mask is computed once and kept
    read-only (a rule that changed a shared mask would change the others' answers)."""
    from milia.engine.raising import raising_chunk_rules

    model = condition_model()
    sets = [
        flag_rules(model),
        advice_chunk_rules(model),
        raising_chunk_rules(model),
        compile_chunk_rules(OPERATORS, model),
    ]
    cases = CASES[:300]
    shared, _ = _chunk(cases)
    together = [rules(shared) for rules in sets]
    masks_alone = 0
    for rules, got in zip(sets, together, strict=True):
        alone, _ = _chunk(cases)
        assert np.array_equal(got, rules(alone))
        masks_alone += len(alone.memo)
    assert shared.memo and all(not mask.flags.writeable for mask in shared.memo.values())
    assert len(shared.memo) < masks_alone  # the sets share conditions
    kept = dict(shared.memo)
    assert np.array_equal(sets[0](shared), together[0])  # again: read from the memo
    assert shared.memo.keys() == kept.keys()
    assert all(shared.memo[k] is kept[k] for k in kept)
    with pytest.raises(ValueError, match="read-only"):
        next(iter(shared.memo.values()))[0] = True
