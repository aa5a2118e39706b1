"""QA F12-03: place answers with a quantity ("a few on the chin") are read."""

from __future__ import annotations

import pytest

from milia.engine.answers import parse_answer
from milia.errors import CaseError


@pytest.mark.parametrize(
    ("said", "sites"),
    [
        ("on her nose and a few on the chin", ["nose", "chin"]),
        ("on the nose and some on the chin", ["nose", "chin"]),
        ("lots of them on the nose, a couple on the cheeks", ["nose", "cheeks"]),
        ("backs of the hands and a few on the arms too", ["back_of_hands", "arms"]),
        ("chin as well", ["chin"]),
        ("roof of the mouth", ["palate"]),
        ("several on the forehead", ["forehead"]),
    ],
)
def test_quantity_words_around_a_place_are_dropped(said: str, sites: list[str]) -> None:
    assert parse_answer("sites", said) == {"sites": sites}


def test_a_vague_place_lists_its_options_in_plain_words() -> None:
    """The 'more than one place' prompt listed internal ids (under_eyes, nasal_crease)."""
    with pytest.raises(CaseError) as err:
        parse_answer("sites", "face")
    message = str(err.value)
    assert "under the eyes" in message and "under_eyes" not in message
    assert "nasal_crease" not in message
