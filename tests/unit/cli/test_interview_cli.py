"""``milia interview`` end to end with the ways people give an age (QA F2-46)."""

from __future__ import annotations

import io
import json

import pytest

from cli_runner import run_cli


def _interview(
    answers: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, dict[str, object], str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(answers))
    code, out, err = run_cli(["interview", "--format", "json", "--max-questions", "3"], capsys)
    return code, json.loads(out), err


@pytest.mark.parametrize(
    ("age", "newborn"),
    [
        ("newborn", True),
        ("newborn (first 2 weeks)", True),
        ("3 days", True),
        ("2 weeks old", True),
        ("6 months", False),
        ("1 year", False),
        ("34 years old", False),
        ("34 yrs", False),
        ("45", False),
        # numbers in words (QA F6-01)
        ("thirty four", False),
        ("two days", True),
    ],
)
def test_common_age_answers_are_read(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], age: str, newborn: bool
) -> None:
    code, result, err = _interview(f"{age}\nwhite\nnose\n", monkeypatch, capsys)
    assert code == 0 and "Sorry" not in err
    milia_type = result["milia_type"]
    assert isinstance(milia_type, dict)
    assert (milia_type["type"] == "neonatal") is newborn


@pytest.mark.parametrize("age", ["teen", "old", "elderly", "5 dayz"])
def test_unclear_ages_are_asked_again_with_a_hint(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], age: str
) -> None:
    code, _, err = _interview(f"{age}\n34\nwhite\nnose\n", monkeypatch, capsys)
    assert code == 0
    sorry = [line for line in err.splitlines() if "Sorry" in line]
    assert len(sorry) == 1 and ("e.g." in sorry[0] or "Did you mean" in sorry[0])


@pytest.mark.parametrize(
    "answers",
    [
        # a newborn's parent who does not know much (session 6: no next questions shown)
        "newborn\n?\nnose, cheeks\n" + "?\n" * 12,
        "3 days\nyellow\n?\n?\n?\n5\n" + "?\n" * 10,
        "2 weeks\n?\nchin, forehead\n" + "?\n" * 12,
    ],
)
def test_interview_text_always_shows_questions_that_would_sharpen_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], answers: str
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(answers))
    code, out, _err = run_cli(["interview"], capsys)
    assert code == 0
    assert "Questions that would sharpen this:" in out
