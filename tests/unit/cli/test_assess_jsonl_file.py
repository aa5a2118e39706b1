"""``milia assess CASES.jsonl > FILE`` writes, per line, the UTF-8 of ``json.dumps(assess())``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from milia.engine.assess import assess
from milia.engine.sample import random_cases

IDS: list[Any] = [
    "ß 1",
    "病例 2 🙂",
    3,
    "\u00d74",
    None,
]  # None: a bare case (its record's id is null)
UNKNOWN = '{"id": "é", "case": {"age_years": 30, "colour": "white"}}'  # an error record
HALF = '{"id": "\\ud800 half", "case": {"age_years": 30, "color": "white"}}'  # a lone surrogate


def _run(path: Path, out_path: Path, encoding: str) -> tuple[int, bytes, str]:
    """The CLI in its own process, its standard output to a file."""
    with out_path.open("wb") as out:
        done = subprocess.run(
            [sys.executable, "-m", "milia", "assess", str(path)],
            stdout=out,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONIOENCODING": encoding},
            text=True,
            timeout=300,
            check=False,
        )
    return done.returncode, out_path.read_bytes(), done.stderr


@pytest.mark.parametrize("encoding", ["utf-8", "latin-1"])  # the locale's: JSON stays UTF-8
def test_jsonl_file_holds_each_assessment_as_json_dumps_writes_it(
    tmp_path: Path, encoding: str
) -> None:
    lines: list[str] = []
    want: dict[int, bytes] = {}  # by line number
    for n, case in enumerate(random_cases(14, seed=61)):
        if n == 5:
            lines += [UNKNOWN, HALF]
        case_id = IDS[n % len(IDS)]
        lines.append(json.dumps(case if case_id is None else {"id": case_id, "case": case}))
        record = {"id": case_id, "line": len(lines), **assess(case)}
        want[len(lines)] = json.dumps(record, ensure_ascii=False).encode("utf-8")
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = _run(path, tmp_path / "out.jsonl", encoding)
    assert code == 2, err  # the one bad line
    assert err == "error: 1 line(s) could not be assessed\n"
    assert out.endswith(b"\n")
    got = out[:-1].split(b"\n")
    assert len(got) == len(lines)
    for number, data in want.items():
        assert data == got[number - 1], number
    assert "\u00d7".encode() in got[0]  # the multiplication sign, as UTF-8
    unknown = json.loads(got[lines.index(UNKNOWN)].decode("utf-8"))
    assert unknown["error"] == "CaseError" and unknown["id"] == "é"
    half = json.loads(got[lines.index(HALF)].decode("utf-8"))
    assert half["id"] == "\ud800 half"
    assert half["differential"] == assess(json.loads(HALF)["case"])["differential"]


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_qa_f9_c09_a_line_that_is_not_utf8_fails_alone(tmp_path: Path, fmt: str) -> None:
    """QA F9-C09: one Latin-1 byte on line 2 refused the whole file, with no output."""
    path = tmp_path / "cases.jsonl"
    path.write_bytes(
        b'{"id": "a", "case": {"color": "white", "sites": ["eyelids"]}}\n'
        b'{"id": "b\xe9", "case": {"color": "white"}}\n'
        b'{"id": "c", "case": {"color": "yellow", "sites": ["eyelids"]}}\n'
    )
    done = subprocess.run(
        [sys.executable, "-m", "milia", "assess", str(path), "--format", fmt],
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 2 and b"Traceback" not in done.stderr
    out = done.stdout.decode("utf-8")
    if fmt == "json":
        records = [json.loads(line) for line in out.splitlines()]
        assert [r["line"] for r in records] == [1, 2, 3]
        assert records[0]["id"] == "a" and records[2]["id"] == "c" and "differential" in records[2]
        assert "line 2 is not UTF-8 text (invalid byte at column 10)" in records[1]["detail"]
        assert records[0] == {
            "id": "a",
            "line": 1,
            **assess({"color": "white", "sites": ["eyelids"]}),
        }
    else:
        assert "line 2 is not UTF-8 text" in out and out.count("Most consistent with") == 2


def test_qa_f9_c09_one_case_that_is_not_utf8_is_refused_with_its_byte(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_bytes(b'{"color": "wh\xffite"}')
    done = subprocess.run(
        [sys.executable, "-m", "milia", "assess", str(path)],
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 2 and done.stdout == b""
    assert b"as UTF-8 text (invalid byte at byte 13)" in done.stderr


def test_qa_f9_c12_an_empty_cases_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text("\n  \n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "milia", "assess", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 2 and done.stdout == "" and "holds no case" in done.stderr
