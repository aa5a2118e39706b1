"""JSON lines whose wrapper key "case" is mistyped (QA F15B-04): refused naming the
key, not ignored, and not nested under the typo."""

from __future__ import annotations

import pytest

from milia.engine.json_input import unwrap_case
from milia.errors import CaseError


@pytest.mark.parametrize("twin", ["cas", "Case", "cases", "csae"])
def test_a_second_case_like_key_beside_case_is_refused(twin: str) -> None:
    with pytest.raises(CaseError) as err:
        unwrap_case({"id": "y", "case": {"color": "white"}, twin: {"color": "red"}})
    assert err.value.field == twin


def test_a_typo_of_case_beside_id_suggests_case() -> None:
    with pytest.raises(CaseError) as err:
        unwrap_case({"id": "x", "cse": {"color": "white"}})
    assert err.value.field == "cse" and err.value.suggestion == "case"


@pytest.mark.parametrize("own", ["expect", "expected", "name", "date", "note"])
def test_a_callers_own_keys_stay_the_callers(own: str) -> None:
    assert unwrap_case({"id": "z", "case": {"color": "white"}, own: {"top": "milia"}}) == (
        "z",
        {"color": "white"},
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("scrotum", "genitals"),  # was gums (QA F15B-11)
        ("nipple", "areola"),  # was legs
        ("breast", "chest"),  # was ears
        ("stomach", "abdomen"),  # was chin
        ("thighs", "legs"),
        ("paupières", None),  # was ears: no site is only spelled alike
        ("nez", None),  # was under_eyes
        ("face", None),  # several sites: none guessed
        ("cheek", "cheeks"),  # spelling slips as before
        ("bakc", "back"),
        ("lips", "lips_vermilion"),  # a word of a site's name
    ],
)
def test_a_site_suggestion_names_the_same_place(typed: str, expected: str | None) -> None:
    import milia

    with pytest.raises(CaseError) as err:
        milia.assess({"age_years": 30, "color": "white", "sites": [typed]})
    assert err.value.suggestion == expected
