"""A parent's everyday words for a feverish or pale baby are a yes to "unwell" (QA F11-05 rest)."""

from __future__ import annotations

import pytest

from milia.engine.answers import parse_answer
from milia.errors import CaseError


@pytest.mark.parametrize(
    "words", ["a bit hot", "hot", "warm", "she is a little hot", "pale", "mottled"]
)
def test_fever_and_colour_words_are_yes(words: str) -> None:
    assert parse_answer("unwell", words) == {"unwell": True}


@pytest.mark.parametrize("words", ["no, not hot", "no"])
def test_a_negated_sign_is_not_a_yes(words: str) -> None:
    assert parse_answer("unwell", words) == {"unwell": False}


def test_a_bare_negated_sign_is_asked_again_never_taken_as_yes() -> None:
    with pytest.raises(CaseError):
        parse_answer("unwell", "not hot")
