"""``assess_lines_utf8``: the UTF-8 of ``assess_lines``' texts, error records included."""

from __future__ import annotations

import json
import random
from typing import Any

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


@pytest.mark.parametrize("n_cases", [2, 12])  # the few-cases writer, the token layout
def test_a_lone_surrogate_is_written_as_its_escape(n_cases: int) -> None:
    """An id (or a bad value echoed in an error) holding a lone surrogate has no UTF-8:
    it is written as its JSON escape, and the line reads back as the text's JSON."""
    case = random_cases(1, seed=4)[0]
    lines = [json.dumps({"id": f"a\ud800{n}\\", "case": case}) for n in range(n_cases)]
    lines += [
        '{"id": "\\udfff", "colour": "\\ud83d x"}',
        '{"id": ["\\udc00"], "case": {"colour": 1}}',
    ]
    numbered = list(enumerate(lines, start=1))
    got = jsontext.assess_lines_utf8(numbered)
    for (data, failed), (text, want_failed) in zip(
        got, jsontext.assess_lines(numbered), strict=True
    ):
        assert failed == want_failed
        assert json.loads(data.decode("utf-8")) == json.loads(text)  # strict UTF-8
        with pytest.raises(UnicodeEncodeError):  # each line holds one: the escape is used
            text.encode()
    assert json.loads(got[0][0])["id"] == "a\ud8000\\"
    assert [failed for _, failed in got] == [False] * n_cases + [True, True]


@pytest.mark.parametrize("assess_lines", [jsontext.assess_lines, jsontext.assess_lines_utf8])
def test_the_chunk_is_freed_before_the_collector_resumes(
    assess_lines: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The collector comes back on only once the chunk's cases, computed parts and texts
    are freed: its first run after that would otherwise scan them all (~15 us a case)."""
    import gc

    import milia.engine.assess as assess_module

    lines = list(enumerate((json.dumps(c) for c in random_cases(200, seed=5)), start=1))
    assess_lines(lines)  # warm: the model and the texts' caches are made once
    alive_at_enable: list[int] = []

    class Spy:
        def __getattr__(self, name: str) -> Any:
            return getattr(gc, name)

        def enable(self) -> None:
            alive_at_enable.append(len(gc.get_objects(generation=0)))
            gc.enable()

    monkeypatch.setattr(assess_module, "gc", Spy())
    gc.collect()  # the young generation holds only what the call makes
    out = assess_lines(lines)
    assert len(out) == len(lines)
    # what is left: the output (a list and a tuple per line) and a few objects
    assert alive_at_enable and alive_at_enable[0] < len(lines) + 500
