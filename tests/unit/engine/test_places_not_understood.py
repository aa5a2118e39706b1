"""An unrecognised place names the word and offers the nearest places (QA F12-03).

"nose, wrist" to "Where are the bumps?" was refused with "I did not recognise 'wrist';
please choose from the answers listed" and the whole question again; the word is now
named with the nearest places (plain_words.yaml nearest_words), the understood ones are
said, and the CLI shows only the question's line again, not every option once more.
"""

from __future__ import annotations

import io
import json

import pytest

from milia.engine.answers import parse_answer
from milia.errors import CaseError


@pytest.mark.parametrize(
    ("typed", "nearest"),
    [
        ("wrist", "arms, backs of the hands"),
        ("ankle", "feet, legs"),
        ("buttocks", "back, legs"),
        ("throat", "neck"),
        ("torso", "chest, back, tummy"),
    ],
)
def test_the_word_and_its_nearest_places_are_named(typed: str, nearest: str) -> None:
    with pytest.raises(CaseError) as info:
        parse_answer("sites", f"nose, {typed}")
    message = info.value.message
    assert f"'{typed}' (the nearest places I know: {nearest})" in message
    assert "understood: nose" in message
    assert info.value.suggestion == f"nose, {nearest}"
    # the offer reads back as places (a yes takes it)
    assert parse_answer("sites", info.value.suggestion)


def test_a_word_near_no_place_says_so() -> None:
    with pytest.raises(CaseError) as info:
        parse_answer("sites", "zzyzx")
    assert "'zzyzx' (no place I know is close" in info.value.message
    assert info.value.suggestion is None


def test_the_cli_asks_again_without_every_option(monkeypatch: pytest.MonkeyPatch) -> None:
    from milia.cli.interview import run_interview

    monkeypatch.setattr("sys.stdin", io.StringIO("34\nwhite\nnose, wrist\nn\nnose, arms\n"))
    out = io.StringIO()
    monkeypatch.setattr("sys.stderr", out)
    result = run_interview(max_questions=3, confidence=0.99, err=True)
    text = out.getvalue()
    assert text.count("options: eyelids,") == 1  # the list is shown once
    assert "the options are listed above" in text
    assert result["case"]["sites"] == ["nose", "arms"]
    json.dumps(result)
