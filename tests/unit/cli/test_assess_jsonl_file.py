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
