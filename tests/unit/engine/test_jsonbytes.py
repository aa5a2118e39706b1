"""``assess_lines_utf8``: the UTF-8 of ``assess_lines``' texts, error records included."""

from __future__ import annotations

import json
import random

import pytest

from milia.engine import jsontext
from milia.engine.sample import random_cases


@pytest.mark.parametrize("seed", [33, None])  # None: a new seed each run
def test_utf8_lines_are_the_texts_encoded(seed: int | None) -> None:
    drawn = seed if seed is not None else random.SystemRandom().randrange(1_000_000)
    cases = random_cases(300, seed=drawn)
    lines = [
        json.dumps({"id": f"ß{n} 🙂", "case": c}) if n % 4 else json.dumps(c)
        for n, c in enumerate(cases)
    ]
    bad = ["[1, 2]", '{"count": -3}', '{"color": "white", "color": "red"}', "not json"]
    # a whole chunk, errors among cases, a few cases (the few-cases writer), errors only
    for chunk in (lines, bad + lines[:50] + bad[:2], lines[:3], lines[:3] + bad[3:], bad):
        numbered = list(enumerate(chunk, start=7))
        want = jsontext.assess_lines(numbered)
        got = jsontext.assess_lines_utf8(numbered)
        assert got == [(text.encode(), failed) for text, failed in want], drawn
        assert [failed for _, failed in got] == [line in bad for line in chunk]
