"""The model's YAML data: complete, in range, and cited."""

from __future__ import annotations

from typing import Any

import pytest

from milia.engine.case import CATEGORICAL_FIELDS
from milia.engine.model import condition_model, type_model
from milia.errors import MiliaError
from milia.kb.loader import data_files, read_yaml

MODEL_FILES = [f for f in data_files() if f.startswith("model/")]
PROBABILITY_KEYS = {"p", "p_present", "prior", "probability", "sensitivity", "specificity"}


def _walk(node: Any, path: str = "") -> list[tuple[str, Any]]:
    found = [(path, node)]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _walk(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _walk(value, f"{path}[{i}]")
    return found


def _bibliography_ids() -> set[str]:
    data = read_yaml("bibliography.yaml")
    records = data.get("sources", data) if isinstance(data, dict) else data
    if isinstance(records, dict):
        return set(records)
    return {str(r["id"]) for r in records}


@pytest.mark.parametrize("path", MODEL_FILES)
def test_probabilities_in_range(path: str) -> None:
    for where, node in _walk(read_yaml(path)):
        key = where.rsplit(".", 1)[-1]
        if key in PROBABILITY_KEYS or key.endswith("_probability"):
            values = node.values() if isinstance(node, dict) else [node]
            for value in values:
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    assert 0 <= value <= 1, f"{path}{where}: {value}"


@pytest.mark.parametrize("path", MODEL_FILES)
def test_every_source_is_in_the_bibliography(path: str) -> None:
    try:
        known = _bibliography_ids()
    except (KeyError, TypeError, MiliaError) as exc:  # the KB helper owns bibliography.yaml
        pytest.skip(f"bibliography not readable: {exc}")
    for where, node in _walk(read_yaml(path)):
        if where.endswith(".sources") and isinstance(node, list):
            unknown = set(node) - known
            assert not unknown, f"{path}{where}: unknown sources {sorted(unknown)}"


def test_every_condition_describes_every_finding() -> None:
    blocks = read_yaml("model/likelihoods.yaml")["conditions"]
    assert len(blocks) == 23
    for name, block in blocks.items():
        missing = {*CATEGORICAL_FIELDS, "diameter_mm", "count", "duration_weeks", "sites"} - set(
            block
        )
        assert not missing, f"{name} says nothing about {sorted(missing)}"
        assert block["sources"], f"{name} has no sources"
        for field in CATEGORICAL_FIELDS:
            assert sum(block[field]["p"].values()) <= 1.0 + 1e-9, f"{name}.{field}"
        assert block[field]["p"], name
        assert block["diameter_mm"]["low"] <= block["diameter_mm"]["high"]


def test_compiled_models_are_normalised() -> None:
    import numpy as np

    for model in (condition_model(), type_model()):
        for field in ("color", "surface", "sites", "count", "diameter_mm"):
            rows = [i for i, r in enumerate(model.rows) if r.field == field and r.band is None]
            totals = np.exp(model.log_p[rows]).sum(axis=0)
            assert np.allclose(totals, 1.0), (model.name, field)
        ages = [model.index[("age", b)] for b in model.band_ids]
        assert np.allclose(np.exp(model.log_p[ages]).sum(axis=1), 1.0)
