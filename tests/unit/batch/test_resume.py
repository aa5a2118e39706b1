"""finished_prefix: what an interrupted batch run left in its output file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from milia.batch.resume import finished_prefix
from milia.errors import ConfigError


def _lines(*records: dict[str, object]) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def test_a_missing_or_empty_file_means_nothing_is_done(tmp_path: Path) -> None:
    assert finished_prefix(tmp_path / "none.jsonl", key="row", expected=[2, 3]).done == 0
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    assert finished_prefix(empty, key="row", expected=[2, 3]).done == 0


def test_the_records_of_the_first_inputs_are_counted_with_their_errors(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text(_lines({"row": 2}, {"row": 3, "error": {"error": "X"}}))
    found = finished_prefix(out, key="row", expected=[2, 3, 4, 5])
    assert (found.done, found.failed, found.dropped_partial) == (2, 1, False)


def test_a_partial_last_line_is_cut_off_the_file(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    whole = _lines({"path": "a.jpg"})
    out.write_text(whole + '{"path": "b.jpg", "cou')
    found = finished_prefix(out, key="path", expected=["a.jpg", "b.jpg"])
    assert (found.done, found.dropped_partial) == (1, True)
    assert out.read_text() == whole


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (_lines({"row": 2}, {"row": 9}), "line 2 is for row 9"),  # another catalogue
        (_lines({"row": 2}, {"row": 3}, {"row": 4}), "no more input"),  # more than this run
        (_lines({"path": "a.jpg"}), "no 'row'"),  # a photo run's output
        ("earlier notes\n", "line 1 is not a record"),
    ],
)
def test_another_runs_output_is_refused_naming_the_line(
    tmp_path: Path, text: str, said: str
) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text(text)
    with pytest.raises(ConfigError) as caught:
        finished_prefix(out, key="row", expected=[2, 3])
    assert said in caught.value.message and caught.value.field == "out"
    assert out.read_text() == text  # untouched
