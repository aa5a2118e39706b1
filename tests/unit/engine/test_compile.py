"""``compile_model``: a condition's own floor for unlisted sites."""

from __future__ import annotations

import copy
import math
from typing import Any

import pytest

import milia.engine.compile as compile_module
from milia.engine.case import LIST_FIELDS
from milia.errors import KnowledgeBaseError
from milia.kb.loader import read_yaml


def _compiled(monkeypatch: pytest.MonkeyPatch, condition: str, floor: Any) -> Any:
    original = read_yaml

    def patched(path: str) -> Any:
        data = original(path)
        if path == "model/likelihoods.yaml":
            data = copy.deepcopy(data)
            data["conditions"][condition]["sites"]["floor"] = floor
        return data

    monkeypatch.setattr(compile_module, "read_yaml", patched)
    return compile_module.compile_model("test", "model/likelihoods.yaml", "model/priors.yaml")


def _site_probs(model: Any, condition: str) -> dict[str, float]:
    c = model.classes.index(condition)
    return {
        row.value: math.exp(model.log_p[r, c])
        for r, row in enumerate(model.rows)
        if row.field == "sites" and row.band is None
    }


def test_a_condition_sets_its_own_site_floor(monkeypatch: pytest.MonkeyPatch) -> None:
    conditions = read_yaml("model/likelihoods.yaml")["conditions"]
    sites = LIST_FIELDS["sites"]
    condition = next(
        c for c, block in conditions.items() if "sites" in block and "floor" not in block["sites"]
    )
    listed = conditions[condition]["sites"]["p"]
    assert set(sites) - set(listed)
    plain = compile_module.compile_model("test", "model/likelihoods.yaml", "model/priors.yaml")
    for floor in (1e-5, 2e-3):
        own = _compiled(monkeypatch, condition, floor)
        raw = [float(listed.get(s, 0.0)) for s in sites]
        floored = [max(p / sum(raw), floor) for p in raw]
        want = {s: p / sum(floored) for s, p in zip(sites, floored, strict=True)}
        assert _site_probs(own, condition) == pytest.approx(want, rel=1e-9)
        # the other conditions keep their floors
        other = next(c for c in plain.classes if c != condition)
        assert _site_probs(own, other) == pytest.approx(_site_probs(plain, other), rel=1e-12)
        monkeypatch.undo()


@pytest.mark.parametrize("floor", [-0.001, 0.5])
def test_a_site_floor_out_of_range_is_refused(
    monkeypatch: pytest.MonkeyPatch, floor: float
) -> None:
    with pytest.raises(KnowledgeBaseError, match="floor"):
        _compiled(monkeypatch, "milia", floor)
