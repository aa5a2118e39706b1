"""Reading ``red_flags.yaml`` into a triage policy: the data checks of ``load_policy``."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

import milia.engine.triage_load as triage_load
from milia.engine.model import condition_model
from milia.engine.triage import triage_policy
from milia.errors import KnowledgeBaseError


def _with(change: Callable[[dict[str, Any]], None]) -> Callable[[str], Any]:
    """``read_yaml`` with ``red_flags.yaml`` changed by ``change``."""
    real = triage_load.read_yaml

    def read(name: str) -> Any:
        data = real(name)
        if name == "model/red_flags.yaml":
            data = copy.deepcopy(data)
            change(data)
        return data

    return read


def test_the_loaded_policy_is_the_cached_one() -> None:
    classes = condition_model().classes
    fresh = triage_load.load_policy(classes)
    cached = triage_policy(classes)
    assert [f.id for f in fresh.flags] == [f.id for f in cached.flags]
    assert fresh.thresholds == cached.thresholds
    assert fresh.level_list == cached.level_list
    assert all(f.evidence for f in fresh.flags)


def _drop_a_condition(data: dict[str, Any]) -> None:
    del data["condition_levels"]["milia"]


def _repeat_a_flag(data: dict[str, Any]) -> None:
    data["flags"].append(data["flags"][0])


def _unknown_need(data: dict[str, Any]) -> None:
    data["policy"]["self_care_needs"]["known"][0]["any_of"] = ["colour"]


def _reordered_levels(data: dict[str, Any]) -> None:
    data["levels"] = list(reversed(data["levels"]))


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (_drop_a_condition, "no triage level"),
        (_repeat_a_flag, "duplicate flag id"),
        (_unknown_need, "names no case field"),
        (_reordered_levels, "levels must be"),
    ],
)
def test_bad_data_is_a_knowledge_base_error(
    monkeypatch: pytest.MonkeyPatch, change: Callable[[dict[str, Any]], None], words: str
) -> None:
    monkeypatch.setattr(triage_load, "read_yaml", _with(change))
    with pytest.raises(KnowledgeBaseError, match=words):
        triage_load.load_policy(condition_model().classes)
