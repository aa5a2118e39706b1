"""One case through both assessment paths, for tests that check they agree."""

from __future__ import annotations

from typing import Any

from milia.engine.assess import assess, assess_many


def assess_both(case: dict[str, Any]) -> dict[str, Any]:
    """The assessment of ``case``, asserted the same on the one-case and the batch path."""
    one = assess(case)
    (many,) = assess_many([case])
    assert many == one
    return one


def flag_ids(result: dict[str, Any]) -> set[str]:
    """The ids of a result's red flags."""
    return {f["id"] for f in result["red_flags"]}
