"""The numba kernel writes a chunk's JSON texts byte for byte as the Python paths do."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from test_fast_path import EXAMPLES, FLAGGED

from milia.engine import jsonkernel, jsontext
from milia.engine.assess import assess
from milia.engine.case import validate_case
from milia.engine.fast import compute_chunk
from milia.engine.sample import random_cases

pytest.importorskip("numba")


def _paths(cases: list[Any], heads: list[str] | None = None) -> dict[str, list[str]]:
    """The chunk's texts written by the kernel and by numpy's token layout."""
    done = compute_chunk([validate_case(c) for c in cases], n_questions=5, why_top=23)
    got = {}
    for name, after in (("kernel", 0), ("python", 10**15)):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(jsonkernel, "KERNEL_AFTER", after)
            got[name] = jsontext.to_json(done, heads)
    return got


@pytest.mark.parametrize("seed", [5, 50169, None])  # None: a new seed each run
def test_kernel_texts_are_the_assessments(seed: int | None) -> None:
    drawn = seed if seed is not None else random.SystemRandom().randrange(1_000_000)
    cases = random_cases(700, seed=drawn) + EXAMPLES + FLAGGED
    got = _paths(cases)
    assert got["kernel"] == got["python"], drawn
    for text, case in zip(got["kernel"], cases, strict=True):
        assert text == json.dumps(assess(case), ensure_ascii=False), (drawn, case)


def test_a_text_beyond_latin_1_is_written_as_utf_8() -> None:
    """A case id outside latin-1 (or any text) switches the chunk to UTF-8: same texts."""
    cases = random_cases(30, seed=8)
    for heads in (
        [f'"id": "café {n}", "line": {n}, ' for n in range(30)],  # latin-1
        [f'"id": "病例 {n} 🙂", "line": {n}, ' for n in range(30)],  # beyond it
    ):
        got = _paths(cases, heads)
        assert got["kernel"] == got["python"]
        assert json.loads(got["kernel"][3])["id"] == json.loads(heads[3][:-2].join("{}"))["id"]


def test_a_static_text_beyond_latin_1_uses_the_utf_8_table() -> None:
    table = jsonkernel._ByteTable("latin-1")
    assert table.update(["ab", "é"], 10)
    assert table.offsets.tolist() == [0, 2, 3]
    assert not table.update(["ab", "é", "≥ 2 mm"], 10)
    assert not table.fits and table.n_tokens == 2
    utf8 = jsonkernel._ByteTable("utf-8")
    assert utf8.update(["ab", "é", "≥ 2 mm"], 10)
    assert utf8.offsets.tolist() == [0, 2, 4, 12]


def test_the_second_token_of_a_why_item_is_left_to_the_kernel() -> None:
    """Items are (text, comma and text, tail) from ``items_at`` on: the middle is empty."""
    table = jsonkernel._ByteTable("latin-1")
    assert table.update(["h", "x", ", x", "t", "y", ", y", "u"], 1)
    assert bytes(table.data).decode() == "hxtyu"
    assert table.offsets.tolist() == [0, 1, 2, 2, 3, 4, 4, 5]


def test_the_kernel_waits_for_a_large_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonkernel, "_WRITTEN", [0])
    monkeypatch.setattr(jsonkernel, "KERNEL_AFTER", 5_000)
    assert [jsonkernel.use_kernel(2_000) for _ in range(4)] == [False, False, False, True]
    monkeypatch.setattr(jsonkernel, "available", lambda: False)
    assert not jsonkernel.use_kernel(2_000)


def test_json_lines_without_numba_are_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [(n + 1, json.dumps(c)) for n, c in enumerate(random_cases(300, seed=12))]
    monkeypatch.setattr(jsonkernel, "KERNEL_AFTER", 0)
    with_kernel = jsontext.assess_lines(lines)
    monkeypatch.setattr(jsonkernel, "available", lambda: False)
    assert jsontext.assess_lines(lines) == with_kernel


@pytest.mark.parametrize("after", [0, 10**15])  # the kernel, the Python writer
@pytest.mark.parametrize("seed", [21, None])  # None: a new seed each run
def test_json_lines_as_utf8_are_the_texts_encoded(
    monkeypatch: pytest.MonkeyPatch, after: int, seed: int | None
) -> None:
    """``assess_lines_utf8`` gives the UTF-8 of ``assess_lines``' texts, error records
    among them; a few lines go through the few-cases writer."""
    monkeypatch.setattr(jsonkernel, "KERNEL_AFTER", after)
    drawn = seed if seed is not None else random.SystemRandom().randrange(1_000_000)
    cases = [
        json.dumps({"id": f"é{n} 🙂" if n % 5 else n, "case": c})
        for n, c in enumerate(random_cases(400, seed=drawn))
    ]
    bad = ['{"color": "white", "color": "red"}', "not json", '{"colour": "white"}']
    for lines in (
        cases,
        cases[:40] + bad + cases[40:90] + bad[:1],
        cases[:2],
        bad,
        cases[:3] + bad[1:2],
    ):
        numbered = list(enumerate(lines, start=7))
        want = jsontext.assess_lines(numbered)
        got = jsontext.assess_lines_utf8(numbered)
        assert got == [(text.encode(), failed) for text, failed in want], drawn
