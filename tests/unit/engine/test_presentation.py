"""``ordered_reasons``: the safe order of triage reasons, against a plain reference."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from milia.engine.presentation import ordered_fresh, ordered_reasons, percent_shown

_CALM = re.compile(
    r"most likely (?P<name>.+) \((?P<share>[^()]*%)\), which usually needs no urgent care"
)


def _reference(
    level: str, reasons: Sequence[Mapping[str, Any]], flags: Mapping[str, int]
) -> list[dict[str, Any]]:
    """The order as first written (session 6, QA F6-07), step by step."""

    def text_of(reason: Mapping[str, Any]) -> str:
        return str(reason.get("text") or reason.get("message"))

    first = [dict(r) for r in reasons if text_of(r) in flags]
    first.sort(key=lambda r: -flags[text_of(r)])
    rest = [dict(r) for r in reasons if text_of(r) not in flags]
    if level != "self_care":
        for reason in rest:
            calm = _CALM.fullmatch(str(reason.get("text") or ""))
            if calm:
                reason["text"] = (
                    f"This advice follows the warning signs above: they matter more than the "
                    f"most likely condition, {calm['name']} ({calm['share']}), which on its own "
                    "would usually need no urgent care."
                    if first
                    else f"The most likely condition, {calm['name']} ({calm['share']}), would "
                    "usually need no urgent care on its own; the other reasons here come first."
                )
                rest.remove(reason)
                rest.append(reason)
                break
    return first + rest


_TEXTS = [
    "most likely milia (64%), which usually needs no urgent care",
    "most likely a (b) (>99%), which usually needs no urgent care",
    "most likely x (5%), which usually needs no urgent care.",
    "most likely y, which usually needs no urgent care",
    "a baby who is unwell must be seen today",
    "bumps on a red plaque",
    "blisters: see a doctor soon",
    "the description fits several conditions (the most likely is only 31%)",
    "",
]
_REASON = st.builds(
    lambda key, text, sources: {key: text, "sources": sources},
    st.sampled_from(["text", "message"]),
    st.sampled_from(_TEXTS),
    st.sampled_from([[], ["milia_team_estimate"], ["berk_2008", "dermnet_milia"]]),
)


@settings(max_examples=500, deadline=None)
@given(
    level=st.sampled_from(["self_care", "routine", "soon", "urgent"]),
    reasons=st.lists(_REASON, max_size=6),
    flagged=st.dictionaries(st.sampled_from([*_TEXTS, "None"]), st.integers(0, 3), max_size=4),
)
def test_the_order_is_the_references(
    level: str, reasons: list[dict[str, Any]], flagged: dict[str, int]
) -> None:
    before = [dict(r) for r in reasons]
    got = ordered_reasons(level, reasons, flagged)
    assert got == _reference(level, reasons, flagged)
    assert reasons == before  # the given reasons are not changed
    assert all(g is not r for g in got for r in reasons)  # fresh dicts


@settings(max_examples=500, deadline=None)
@given(
    level=st.sampled_from(["self_care", "routine", "soon", "urgent"]),
    reasons=st.lists(_REASON, max_size=6),
    flagged=st.dictionaries(st.sampled_from([*_TEXTS, "None"]), st.integers(0, 3), max_size=4),
)
def test_the_fresh_order_is_the_same(
    level: str, reasons: list[dict[str, Any]], flagged: dict[str, int]
) -> None:
    """ordered_fresh (the engine's own reasons, no copies) gives what ordered_reasons
    gives, also for reasons keyed "message" or with an empty text (the general way)."""
    expected = ordered_reasons(level, reasons, flagged)
    got = ordered_fresh(level, [dict(r) for r in reasons], flagged)
    assert got == expected
    assert [list(r) for r in got] == [list(r) for r in expected]  # key order too


def test_warning_signs_first_and_the_calm_line_last() -> None:
    reasons = [
        {"text": "most likely milia (64%), which usually needs no urgent care", "sources": ["a"]},
        {"text": "bumps on a red plaque", "sources": ["b"]},
        {"text": "a baby who is unwell must be seen today", "sources": ["c"]},
    ]
    flags = {"bumps on a red plaque": 1, "a baby who is unwell must be seen today": 3}
    got = ordered_reasons("urgent", reasons, flags)
    assert [r["sources"] for r in got] == [["c"], ["b"], ["a"]]
    assert got[-1]["text"].startswith("This advice follows the warning signs above")
    assert "milia (64%)" in got[-1]["text"]
    calm_only = ordered_reasons("routine", reasons[:1], {})
    assert calm_only[0]["text"].startswith("The most likely condition, milia (64%)")
    assert ordered_reasons("self_care", reasons[:1], {}) == reasons[:1]


@pytest.mark.parametrize(
    ("probability", "decimals", "shown"),
    [(0.9998, 1, ">99.9%"), (0.99949, 1, "99.9%"), (0.9995, 1, ">99.9%"), (0.642, 1, "64.2%"),
     (0.0, 1, "0.0%"), (0.996, 0, ">99%"), (0.994, 0, "99%"), (1.0, 0, ">99%")],
)  # fmt: skip
def test_a_probability_is_never_shown_as_100_percent(
    probability: float, decimals: int, shown: str
) -> None:
    # QA F16-02: "100.0%  miliaria crystallina" read as certainty from a description
    assert percent_shown(probability, decimals=decimals) == shown
