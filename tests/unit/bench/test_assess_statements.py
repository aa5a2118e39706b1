"""``bench/assess_statements.py``: a function recompiled with a timer per statement."""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))

import assess_statements as statements

_TOY = '''
def work(n):
    """A docstring."""
    total = 0
    for i in range(n):
        total += i
    if n > 3:
        total *= 2
        total += 1
    else:
        total -= 1
    return [total, n]


def caller(n):
    return work(n)
'''


@pytest.fixture
def toy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> object:
    (tmp_path / "statements_toy.py").write_text(_TOY)
    monkeypatch.syspath_prepend(str(tmp_path))
    import statements_toy

    yield statements_toy
    sys.modules.pop("statements_toy", None)


@pytest.mark.parametrize("deep", [False, True])
def test_same_results_and_each_statement_timed(toy: object, deep: bool) -> None:
    before = [toy.work(n) for n in (0, 2, 5)]  # type: ignore[attr-defined]
    spent: dict[str, float] = defaultdict(float)
    source = statements.instrument("statements_toy:work", spent, deep=deep)
    assert source[0].startswith("def work")
    assert [toy.caller(n) for n in (0, 2, 5)] == before  # type: ignore[attr-defined]
    lines = {int(key.split(":")[1]) for key in spent}
    assert {source.index(s) + 1 for s in source if "total = 0" in s} <= lines
    assert {source.index(s) + 1 for s in source if s.strip().startswith("return")} <= lines
    assert 1 not in lines and 2 not in lines  # neither the def nor the docstring
    inside_if = {i + 1 for i, s in enumerate(source) if s.strip() in {"total *= 2", "total -= 1"}}
    assert (inside_if <= lines) is deep  # the if's own statements only with deep
    assert all(seconds >= 0 for seconds in spent.values())
