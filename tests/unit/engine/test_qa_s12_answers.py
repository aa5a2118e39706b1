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


@pytest.mark.parametrize(
    "wrapped", [{"id": "x", "case": {"color": "white"}}, '{"id": "x", "case": {}}']
)
def test_a_wrapped_case_says_so_whatever_key_comes_first(wrapped: object) -> None:
    """QA A12-03: {"id", "case"} read "unknown field 'id' ... Did you mean 'diameter_mm'?"."""
    from milia.engine.case import validate_case

    with pytest.raises(CaseError, match=r"not wrapped in \{\"case\": \.\.\.\}") as err:
        validate_case(wrapped)
    assert err.value.field == "case"


@pytest.mark.parametrize("said", ["tretinoin", "Retin-A", "adapalene", "retinol"])
def test_a_retinoid_cream_is_never_offered_as_isotretinoin(said: str) -> None:
    """F12-08: 'tretinoin' was offered 'isotretinoin' (an oral drug) by spelling."""
    with pytest.raises(CaseError) as err:
        parse_answer("medications", said)
    assert err.value.suggestion is None
    assert "isotretinoin" not in str(err.value)


@pytest.mark.parametrize("said", ["steroid tablets", "oral steroids", "steroid pills"])
def test_steroids_by_mouth_are_not_offered_as_a_steroid_cream(said: str) -> None:
    with pytest.raises(CaseError) as err:
        parse_answer("medications", said)
    assert err.value.suggestion != "topical_corticosteroid"


def test_a_steroid_cream_is_still_read() -> None:
    assert parse_answer("medications", "steroid cream") == {
        "medications": ["topical_corticosteroid"]
    }
