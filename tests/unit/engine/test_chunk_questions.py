"""The chunk form of the next questions gives the one-case path's answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pytest
from engine_strategies import valid_cases
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from milia.engine.case import case_age_days, validate_case
from milia.engine.chunk_encode import encode_chunk
from milia.engine.chunk_questions import chunk_questions, questions_supported
from milia.engine.chunk_rules import ChunkFacts
from milia.engine.fast import compute_chunk, log_posteriors
from milia.engine.model import condition_model, softmax
from milia.engine.prepared import prepared
from milia.engine.questions import question_table
from milia.engine.raising import raising_chunk_rules, raising_rules
from milia.engine.sample import random_cases

Question = tuple[str, float, str | None]


def _both(
    cases: Sequence[Mapping[str, Any]], levels: Sequence[int], limit: int
) -> tuple[list[list[Question]], list[list[Question]]]:
    """The questions of ``cases`` at ``levels`` both ways: the chunk form and, per case,
    ``fields_for`` + ``ranked_fields`` (the one-case path)."""
    done = compute_chunk(cases, n_questions=0, why_top=0)  # the ranks, probabilities, types
    model = condition_model()
    table = question_table(model)
    relaxed = raising_rules(model.classes)
    ages = [case_age_days(c) for c in cases]
    ranks = np.argsort(done.order_array, axis=1)
    padded = encode_chunk(prepared(), cases, ages)
    scores, type_scores = log_posteriors(model, padded)
    probs, type_probs = softmax(scores), softmax(type_scores)
    types = [
        None if t is None else model.mixture.classes[t[0]]  # type: ignore[union-attr]
        for t in done.types
    ]
    facts = ChunkFacts(
        cases=cases,
        ages=np.array([np.nan if a is None else a for a in ages], dtype=float),
        ranks=ranks,
        probs=probs,
        milia_types=np.array([-1 if t is None else t[0] for t in done.types], dtype=np.intp),
        type_classes=model.mixture.classes,  # type: ignore[union-attr]
        rows=padded.rows,
        present=np.arange(padded.rows.shape[1]) < padded.lengths[:, None],
        n_rows=len(model.rows),
    )
    held = raising_chunk_rules(model)(facts)
    gains = table.gains(probs, type_probs)
    order = np.argsort(-gains, axis=1)
    chunk = chunk_questions(table, relaxed, cases, ages, levels, held, gains, order, limit=limit)
    one = []
    for i, case in enumerate(cases):
        rules_held = relaxed.holds(case, ages[i], ranks[i].tolist(), probs[i].tolist(), types[i])
        raising = relaxed.fields_for(case, levels[i], rules_held)
        one.append(
            table.ranked_fields(
                order[i].tolist(), gains[i].tolist(), case, ages[i], limit=limit, raising=raising
            )
        )
    return chunk, one


def test_the_table_is_supported() -> None:
    assert questions_supported(question_table(condition_model()))


@pytest.mark.parametrize("limit", [1, 2, 5, 9, 40])
def test_generated_cases_at_every_level(limit: int) -> None:
    cases = [validate_case(c) for c in random_cases(400, seed=limit)]
    for level in range(4):
        chunk, one = _both(cases, [level] * len(cases), limit)
        assert chunk == one
    rng = np.random.default_rng(limit)
    chunk, one = _both(cases, rng.integers(0, 4, len(cases)).tolist(), limit)
    assert chunk == one
    assert any(r is not None and r.startswith("safety: this answer,") for q in one for _, _, r in q)
    assert any(r is not None and "answer alone could" in r for q in one for _, _, r in q)
    assert any(r is not None and "baby" in r for q in one for _, _, r in q)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(valid_cases(), min_size=1, max_size=30),
    st.integers(1, 8),
    st.lists(st.integers(0, 3), min_size=30, max_size=30),
)
def test_any_valid_cases(cases: list[dict[str, Any]], limit: int, levels: list[int]) -> None:
    clean = [validate_case(c) for c in cases]
    chunk, one = _both(clean, levels[: len(clean)], limit)
    assert chunk == one


def test_the_assessments_use_it() -> None:
    """From 64 cases compute_chunk asks the chunk form; its questions equal assess()'s."""
    from milia.engine.assess import assess
    from milia.engine.questions import question_name

    cases = [validate_case(c) for c in random_cases(150, seed=3)]
    done = compute_chunk(cases, n_questions=5, why_top=0)
    for case, asked in zip(cases, done.questions, strict=True):
        expected = assess(case, n_questions=5)["next_questions"]
        # the output's field is the case key (age -> age_years, engine-clinical session 13)
        assert [question_name(q["field"]) for q in expected] == [f for f, _, _ in asked]
        assert [q.get("reason") for q in expected] == [r for _, _, r in asked]


def test_questions_are_worded_for_the_age_in_every_path() -> None:
    """QA F7-01: an adult was asked "Is the baby unwell"; every path words a question
    for the person's age (questions.yaml), the same in assess, assess_many and the JSON."""
    import json

    from milia.engine.assess import assess
    from milia.engine.batch import assess_batch
    from milia.engine.jsontext import assess_json, assess_lines

    adult = {"age_years": 40, "color": "skin_colored", "diameter_mm": 10, "count": 1,
             "surface": "central_pore", "mobile": True, "content": "cheesy", "sites": ["back"]}  # fmt: skip
    baby = {"age_days": 20, "color": "white", "sites": ["nose"]}
    cases = [adult, baby] * 40  # 80: the chunk paths
    one = [assess(c, n_questions=8) for c in cases[:2]]
    asked = {q["field"]: q["question"] for q in one[0]["next_questions"]}
    assert "unwell" in asked and "baby" not in asked["unwell"].lower()
    assert "baby" in {q["field"]: q["question"] for q in one[1]["next_questions"]}["unwell"]
    assert assess_batch(cases, n_questions=8)[:2] == one
    lines = assess_lines(list(enumerate(map(json.dumps, cases), start=1)), n_questions=8)
    assert [json.loads(t)["next_questions"] for t, _ in lines[:2]] == [
        r["next_questions"] for r in one
    ]
    assert [json.loads(assess_json(c, n_questions=8)) for c in cases[:2]] == one
