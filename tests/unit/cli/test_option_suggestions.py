"""QA F12-12 (CLI): an option value the CLI refuses ends 'Did you mean ...?', as
'photo analyze -f xml' does (was typer's "Value error, 'txt' is not one of 'json', 'text'.")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from milia.cli.main import main


def _refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    return capsys.readouterr().err


@pytest.fixture
def case_file(tmp_path: Path) -> str:
    path = tmp_path / "case.json"
    path.write_text(json.dumps({"color": "white"}), encoding="utf-8")
    return str(path)


def test_assess_format(case_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    err = _refused(["assess", case_file, "--format", "txt"], capsys)
    assert err == (
        "error (field: format): --format must be one of 'json', 'text', not 'txt'. "
        "Did you mean 'text'?\n"
    )


def test_kb_kind(capsys: pytest.CaptureFixture[str]) -> None:
    err = _refused(["kb", "list", "--kind", "condition"], capsys)
    assert err.startswith("error (field: kind): --kind must be one of 'conditions'")
    assert err.endswith("Did you mean 'conditions'?\n")


def test_ingredients_format(capsys: pytest.CaptureFixture[str]) -> None:
    err = _refused(["ingredients", "check", "Aqua", "-f", "jsn"], capsys)
    assert err.endswith("not 'jsn'. Did you mean 'json'?\n")


def test_batch_backend(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = tmp_path / "p.csv"
    rows.write_text("N,I\na,Aqua\n", encoding="utf-8")
    err = _refused(
        ["batch", "products", str(rows), "--column", "I", "--backend", "proceses"], capsys
    )
    assert err.endswith("Did you mean 'processes'?\n")


def test_valid_values_in_any_case_still_work(
    case_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in (["assess", case_file, "--format", "TEXT"], ["kb", "list", "--kind", "Conditions"]):
        with pytest.raises(SystemExit) as stop:
            main(argv)
        assert stop.value.code in (0, None)
    out = capsys.readouterr().out
    assert "What to do:" in out and "conditions (23)" in out
