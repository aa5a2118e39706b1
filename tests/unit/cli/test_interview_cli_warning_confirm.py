"""``milia interview``: a warning sign waiting to be confirmed is never lost (QA F11-05).

"fine apart from a fever" to "Is the baby unwell?" names a warning sign and sounds
reassuring, so the CLI offers 'yes' to confirm. Typing "done" there, or ending the
input, gave ROUTINE and called the question "Not asked". It now counts as a yes not yet
checked (``Interview.leave_unreadable``, as after three tries): urgent for a newborn.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from cli_runner import run_cli


def _run(
    answers: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, dict[str, Any], str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(answers))
    code, out, err = run_cli(["interview", "--format", "json"], capsys)
    return code, json.loads(out), err


@pytest.mark.parametrize("said", ["fine apart from a fever", "seems ok but won't feed"])
@pytest.mark.parametrize("end", ["done\n", ""])  # "done" at the prompt, or the input ends
def test_a_warning_sign_waiting_for_confirmation_triages_up(
    said: str, end: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, result, err = _run(f"3 days\nwhite\nnose\n{said}\n{end}", monkeypatch, capsys)
    assert code == 0 and "Did you mean 'yes'?" in err
    assert result["triage"]["level"] == "urgent"
    assert "unwell" not in result["case"]  # not recorded as a yes it was not
    signs = {s["field"]: s for s in result["unanswered_warning_signs"]}
    assert signs["unwell"]["asked"] is True  # asked and answered, not "Not asked"
    assert 'Not asked (the interview stopped early): "Is the baby unwell' not in err


def test_a_no_at_the_prompt_still_asks_again(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Saying 'n' to the offered yes is not ending the session: the question is asked
    again, and a plain "no" then records no."""
    code, result, _ = _run(
        "3 days\nwhite\nnose\nfine apart from a fever\nn\nno\ndone\n", monkeypatch, capsys
    )
    assert code == 0 and result["case"]["unwell"] is False
