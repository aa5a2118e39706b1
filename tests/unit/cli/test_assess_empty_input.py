"""QA F12-12: empty input to 'milia assess' says it is empty (was 'not valid JSON (Expecting value ...)')."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize("stdin", ["", "  \n", "\n\n"])
def test_empty_standard_input_says_it_is_empty(stdin: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "milia", "assess", "-"],
        input=stdin, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("error (field: FILE): standard input is empty")
    assert "Expecting value" not in done.stderr and '{"age_years": 30' in done.stderr


def test_an_empty_case_file_says_it_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text("", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "milia", "assess", str(path)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and f"'{path}' is empty (it holds no case)" in done.stderr
