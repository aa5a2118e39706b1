"""A case refused for not describing the bumps still gives its red flags (QA F14B-11)."""

from __future__ import annotations

import pytest

import milia
from milia.engine.undescribed import validate_or_warn
from milia.errors import CaseError


def test_an_unwell_newborn_without_bumps_is_refused_with_the_unwell_baby_warning() -> None:
    with pytest.raises(CaseError) as caught:
        milia.assess({"age_days": 5, "unwell": True})
    err = caught.value
    assert err.field == "case" and err.message.startswith("describe the bumps")
    assert "seen by a doctor today" in err.message and "nice_ng143_fever" in err.message
    assert "Did you mean" not in str(err)


def test_a_refusal_with_nothing_worrying_is_as_before() -> None:
    with pytest.raises(CaseError) as caught:
        validate_or_warn({"age_years": 30})
    assert "Meanwhile" not in caught.value.message
    assert caught.value.suggestion == "color"


@pytest.mark.parametrize("case", [{"age_days": 5, "unwell": "yes"}, ["age_days"], "x"])
def test_other_errors_are_unchanged(case: object) -> None:
    with pytest.raises(CaseError) as caught:
        validate_or_warn(case)
    assert "Meanwhile" not in caught.value.message


def test_a_valid_case_is_validated() -> None:
    assert validate_or_warn({"age_days": 5, "color": "white"}) == {"age_days": 5, "color": "white"}
