"""The CLI's error for a long bad value is one short line (QA F6-09)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_runner import run_cli


@pytest.mark.parametrize(
    "case", [{"color": "w" * 1_000_000}, {"k" * 100_000: "white", "color": "white"}]
)
def test_assess_error_is_short(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: dict[str, str]
) -> None:
    path = tmp_path / "long.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    code, out, err = run_cli(["assess", str(path)], capsys)
    assert code == 2
    assert len(out) + len(err) < 600 and "characters)" in err


@pytest.mark.parametrize("typed", ["nonexist", "x" * 100_000])
def test_kb_show_suggests_only_a_close_id(capsys: pytest.CaptureFixture[str], typed: str) -> None:
    """QA F6-09: 'nonexist' got "Did you mean 'eu_annex_ii'?"."""
    code, out, err = run_cli(["kb", "show", typed], capsys)
    assert code == 2 and "Did you mean" not in err and len(out) + len(err) < 600


def test_kb_show_still_suggests_a_typo(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["kb", "show", "comedone"], capsys)
    assert code == 2 and "Did you mean 'closed_comedone'?" in err
