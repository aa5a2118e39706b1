"""``milia assess CASES.jsonl`` writes each chunk's lines as UTF-8 bytes, as typer.echo did."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
import typer

from cli_runner import run_cli
from milia.cli.assess import _write_lines
from milia.cli.main import main
from milia.engine.jsontext import assess_lines

CASES = [
    {"age_days": 5, "color": "white", "diameter_mm": 1, "count": 12, "sites": ["nose"]},
    {"id": "b", "case": {"age_years": 34, "color": "white", "sites": ["under_eyes"]}},
    {"age_years": 30, "colour": "white"},  # an error record, with a suggestion
    {"id": "d", "case": {"age_years": 70, "color": "yellow", "sites": ["forehead"]}},
]


def _run(argv: list[str]) -> int:
    try:
        main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def test_jsonl_bytes_equal_echoing_each_line(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    # 76 lines more than the CLI's chunk (2,048), so two chunks are written.
    from milia.cli.assess import _CHUNK

    n = _CHUNK + 76
    lines = [json.dumps(CASES[k % len(CASES)]) for k in range(n)]
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _run(["assess", str(path), "--format", "json"]) == 2  # the bad lines
    out = capsysbinary.readouterr().out
    numbered = list(enumerate(lines, start=1))
    texts = [t for start in (0, _CHUNK) for t, _ in assess_lines(numbered[start : start + _CHUNK])]
    for text in texts:  # what typer.echo wrote, line by line, before
        typer.echo(text)
    echoed = capsysbinary.readouterr().out
    assert out == echoed == ("\n".join(texts) + "\n").encode("utf-8")
    assert "\u00d7".encode() in out  # not ASCII: the UTF-8 encoding is exercised
    records = [json.loads(line) for line in out.decode("utf-8").splitlines()]
    assert [r["line"] for r in records] == list(range(1, n + 1))
    assert sum("error" in r for r in records) == n // 4  # every fourth line (CASES[2])


def test_text_written_before_comes_first(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    sys.stdout.write("before ")  # still in the text layer's buffer
    _write_lines(["a \u00d7", "b"])
    sys.stdout.write("after\n")
    assert capsysbinary.readouterr().out == "before a \u00d7\nb\nafter\n".encode()


def test_a_text_only_stdout_gets_the_same_text(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stdout", stream)
    _write_lines(["a \u00d7", "b"])
    _write_lines([])
    assert stream.getvalue() == "a \u00d7\nb\n"


def test_text_shows_each_red_flags_evidence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """QA F6-19: the evidence level after a warning sign, as after advice ('(review)' for
    the basal cell carcinoma flag since it cites the NG12 referral summary, QA F8-26)."""
    case = tmp_path / "case.json"
    case.write_text(
        '{"age_years": 80, "color": "pearly_translucent", "count": 1, "growing": true,'
        ' "sites": ["nose"]}'
    )
    code, out, _ = run_cli(["assess", str(case), "--format", "text"], capsys)
    assert code == 0
    flag_lines = [ln for ln in out.splitlines() if ln.startswith("  ! ")]
    assert flag_lines and all(ln.endswith(")") for ln in flag_lines)
    assert "(review)" in flag_lines[0]
