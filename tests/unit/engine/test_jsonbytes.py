"""``assess_lines_utf8`` without numba: the UTF-8 of ``assess_lines``' texts."""

from __future__ import annotations

import json
import random

import pytest

from milia.engine import jsonkernel, jsontext
from milia.engine.sample import random_cases


@pytest.mark.parametrize("seed", [33, None])  # None: a new seed each run
def test_utf8_lines_of_the_python_writer(monkeypatch: pytest.MonkeyPatch, seed: int | None) -> None:
    monkeypatch.setattr(jsonkernel, "available", lambda: False)
    monkeypatch.setattr(jsonkernel, "KERNEL_AFTER", 0)  # would be used if numba were there
    drawn = seed if seed is not None else random.SystemRandom().randrange(1_000_000)
    cases = random_cases(300, seed=drawn)
    lines = [
        json.dumps({"id": f"ß{n} 🙂", "case": c}) if n % 4 else json.dumps(c)
        for n, c in enumerate(cases)
    ]
    bad = ["[1, 2]", '{"count": -3}']
    for chunk in (lines, bad + lines[:50] + bad, lines[:3], bad):
        numbered = list(enumerate(chunk, start=1))
        want = jsontext.assess_lines(numbered)
        got = jsontext.assess_lines_utf8(numbered)
        assert got == [(text.encode(), failed) for text, failed in want], drawn
