"""The optimised ``explain`` gives exactly the output of a plain reference.

The reference below is the straightforward per-item implementation the
engine used before the explanation loop was optimised (no template cache, no
vectorised selection). The plain path (``assess_plain``) run with the
reference patched in must give the same dicts as ``assess`` and
``assess_many`` (the vectorised path of ``milia.engine.fast``): differential
whys, the milia type's why, and everything else.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

import milia.engine.assess as assess_module
from milia.engine.assess import assess, assess_many, assess_plain
from milia.engine.evidence import reason_evidence
from milia.engine.explain import _mixture_column, row_sources
from milia.engine.model import CompiledModel, Encoded
from milia.engine.sample import random_cases

_DATA = Path(__file__).resolve().parents[2] / "data" / "cases"


def reference_explain(
    model: CompiledModel,
    encoded: Encoded,
    case: Mapping[str, Any],
    names: Mapping[str, str],
    *,
    only: Sequence[int] | None = None,
    type_scores: Any = None,
    ranked: Any = None,
) -> list[list[dict[str, Any]]]:
    """Each class's why list, item by item (see the module docstring of explain).

    ``ranked`` (the batch path's precomputed ordering) is ignored: the
    reference sorts every column itself.
    """
    rows = list(encoded.rows)
    weights = list(encoded.weights)
    n_classes = len(model.classes)
    columns = list(range(n_classes)) if only is None else list(only)
    mixed = None
    if model.mixture_class in columns:
        mixed = _mixture_column(model, encoded, type_scores)
    result: list[list[dict[str, Any]]] = [[] for _ in range(n_classes)]
    for c in columns:
        if mixed is not None and c == model.mixture_class:
            values = [float(v) for v in mixed[0]]
        else:
            values = [float(model.rel[r, c]) * w for r, w in zip(rows, weights, strict=True)]
        order = sorted(range(len(rows)), key=lambda k: -abs(values[k]))[: min(len(rows), 7)]
        for k in order:
            value = values[k]
            if abs(value) < math.log(1.2) or len(result[c]) == 5:
                break
            row = model.rows[rows[k]]
            if row.text is None:
                continue
            is_mixed = mixed is not None and c == model.mixture_class
            text = row.text
            if is_mixed and row.field == "age":
                text = f"{row.text} (with the share of {mixed[3]} among milia then)"  # type: ignore[index]
            factor = round(math.exp(value), 3)
            shown = f"{factor:.2g}" if factor < 10 else f"{factor:.0f}"
            sources = mixed[1][rows[k]][mixed[2]] if is_mixed else row_sources(model)[rows[k]][c]  # type: ignore[index]
            result[c].append(
                {
                    "finding": row.field,
                    "value": case[row.field] if row.field in model.numeric_edges else row.value,
                    "factor": factor,
                    "text": f"{text}: \u00d7{shown} for {names[model.classes[c]]}",
                    "sources": list(sources),
                    "evidence": reason_evidence(list(sources)),  # QA F7-29
                }
            )
    return result


CASES = [
    json.loads(line)["case"]
    for name in ("examples.jsonl", "subtypes.jsonl")
    for line in (_DATA / name).read_text(encoding="utf-8").splitlines()
    if line.strip()
] + random_cases(300, seed=20261127)


def _expected(cases: list[dict[str, Any]], **options: Any) -> list[dict[str, Any]]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(assess_module, "explain", reference_explain)
        return [assess_plain(case, **options) for case in cases]


def test_assess_equals_reference_explanations() -> None:
    expected = _expected(CASES)
    assert any(len(d["why"]) == 5 for r in expected for d in r["differential"])
    assert any(r["milia_type"] is not None for r in expected)
    for case, want in zip(CASES, expected, strict=True):
        assert assess(case) == want, case


def test_batch_equals_reference_explanations() -> None:
    expected = _expected(CASES)
    assert assess_many(CASES) == expected
    short = assess_many(CASES, why_top=3)
    for got, want in zip(short, expected, strict=True):
        assert [d["why"] for d in got["differential"][:3]] == [
            d["why"] for d in want["differential"][:3]
        ]
        assert all(d["why"] == [] for d in got["differential"][3:])
        assert {k: v for k, v in got.items() if k != "differential"} == {
            k: v for k, v in want.items() if k != "differential"
        }


def test_items_are_fresh_objects() -> None:
    first, second = assess(CASES[0]), assess(CASES[0])
    a, b = first["differential"][0]["why"][0], second["differential"][0]["why"][0]
    assert a == b and a is not b and a["sources"] is not b["sources"]
