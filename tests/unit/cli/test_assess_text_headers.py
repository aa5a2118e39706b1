"""``milia assess CASES.jsonl --format text``: every block has a header (QA F11-03)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_runner import run_cli


def test_every_line_gets_a_header_and_an_odd_id_is_shown_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text(
        '{"id": "a", "case": {"color": "white", "sites": ["eyelids"]}}\n'
        '{"color": "red", "surface": "pustule"}\n'
        '{"id": {"x": 1}, "case": {"color": "white"}}\n'
        '{"color": "whte"}\n'
        '{"id": 7, "case": {"color": "white"}}\n',
        "utf-8",
    )
    code, out, _ = run_cli(["assess", str(path), "--format", "text"], capsys)
    assert code == 2  # line 4
    headers = [line for line in out.splitlines() if line.startswith("== ")]
    assert headers == [
        "== case a (line 1) ==",
        "== line 2 ==",
        '== case {"x": 1} (line 3) ==',
        "== line 4 ==",
        "== case 7 (line 5) ==",
    ]
    # a bare case's block starts after a blank line, not inside the block above
    assert "\n\n== line 2 ==\n" in out and "\n\n== case {" in out


def test_one_case_has_no_header(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "case.json"
    path.write_text('{"color": "white", "sites": ["eyelids"]}', "utf-8")
    code, out, _ = run_cli(["assess", str(path), "--format", "text"], capsys)
    assert code == 0 and not out.startswith("==")
