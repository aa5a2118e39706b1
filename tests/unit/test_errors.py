"""Error messages quote a bad value briefly (QA F6-09: 1 MB in, 1 MB error out)."""

from __future__ import annotations

import pytest

from milia.errors import FIELD_LIMIT, QUOTE_LIMIT, CaseError, quoted


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("whte", "'whte'"),
        ("", "''"),
        ("it's", '"it\'s"'),
        ("w" * QUOTE_LIMIT, repr("w" * QUOTE_LIMIT)),
        ("w" * 1_000_000, "'" + "w" * QUOTE_LIMIT + "…' (1,000,000 characters)"),
        (12, "12"),
    ],
)
def test_quoted(value: object, text: str) -> None:
    assert quoted(value) == text


def test_a_long_non_string_is_cut_too() -> None:
    shown = quoted(list(range(100_000)))
    assert len(shown) < QUOTE_LIMIT + 40 and shown.endswith("characters)")


def test_an_error_clips_a_long_field() -> None:
    error = CaseError("unknown field", field="k" * 100_000)
    assert error.field is not None and len(error.field) <= FIELD_LIMIT
    assert CaseError("x", field="sites[1]").field == "sites[1]"
    assert CaseError("x").field is None


def test_str_of_an_error_carries_its_suggestion() -> None:
    """QA F7-38: a notebook or traceback shows str(e); the suggestion must be in it."""
    import milia
    from milia.errors import CaseError

    with pytest.raises(CaseError) as info:
        milia.assess({"colour": "white"})
    assert str(info.value).endswith("Did you mean 'color'?")
    assert "Did you mean" not in info.value.message  # the bare message stays bare
    assert str(CaseError("bad", suggestion="x")) == "bad. Did you mean 'x'?"
    assert str(CaseError("bad?", suggestion="x")) == "bad? Did you mean 'x'?"
    assert str(CaseError("bad")) == "bad"
    already = CaseError("unknown key; did you mean 'color'?", suggestion="color")
    assert str(already) == already.message


def test_str_of_an_out_of_range_error_states_the_bound_once() -> None:
    """An out-of-range number's message gives the closest valid value; str() does not
    add "Did you mean '120'?" (the age was not meant as 120, QA F10-15)."""
    import milia

    with pytest.raises(CaseError) as info:
        milia.assess({"color": "white", "age_years": 130})
    assert info.value.suggestion == "120"
    assert str(info.value) == info.value.message
    assert str(info.value).endswith("closest valid value: 120")
