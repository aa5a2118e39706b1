"""``milia interview``: a warning sign refused three times is no "don't know" (QA F10-01).

A parent typed a 10-day-old's fever as a number three times ("38.5" and the like
were refused then); the answer was left not known and the result was self-care.
Now the numbers are read, a refusal says what temperature is a yes, and an answer
still unread after three tries counts as the "yes" it could be.
"""

from __future__ import annotations

import pytest

from cli_runner import run_interview

_interview = run_interview


def test_a_fever_typed_as_a_number_is_a_yes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, result, err = _interview(
        "10 days\nwhite\nnose and cheeks\nhigh temp 38.5\n", monkeypatch, capsys
    )
    assert code == 0 and "Sorry" not in err
    assert result["case"] == {**result["case"], "unwell": True}  # type: ignore[dict-item]
    assert result["triage"]["level"] == "urgent"  # type: ignore[index]


def test_an_unread_warning_sign_counts_as_its_yes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, result, err = _interview(
        "10 days\nwhite\nnose and cheeks\nhmm\nwell sort of\nbit off\n", monkeypatch, capsys
    )
    assert code == 0
    assert err.count("38 °C (100.4 °F) or more is a yes") == 3
    assert "as it could be a yes, the result counts it as one" in err
    triage = result["triage"]
    assert isinstance(triage, dict) and triage["level"] == "urgent"
    assert any("could not be read" in r["text"] for r in triage["reasons"])
    assert "unwell" in result["not_known"]  # type: ignore[operator]
