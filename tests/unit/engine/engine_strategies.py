"""Hypothesis strategies for cases (shared by the engine tests)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from milia.engine.case import BOOLEAN_FIELDS, CATEGORICAL_FIELDS, LIST_FIELDS

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def valid_cases(draw: st.DrawFn) -> dict[str, Any]:
    """Cases that follow the case format (at least one lesion field)."""
    case: dict[str, Any] = {}
    age = draw(st.sampled_from(["days", "years", None]))
    if age == "days":
        case["age_days"] = draw(st.integers(0, 800))
    elif age == "years":
        case["age_years"] = draw(st.floats(2, 100, allow_nan=False).map(lambda x: round(x, 1)))
    for field, values in CATEGORICAL_FIELDS.items():
        if draw(st.booleans()):
            case[field] = draw(st.sampled_from(values))
    for field in BOOLEAN_FIELDS:
        if draw(st.integers(0, 3)) == 0:
            case[field] = draw(st.booleans())
    for field, values in LIST_FIELDS.items():
        if draw(st.integers(0, 2)) == 0:
            case[field] = draw(st.lists(st.sampled_from(values), max_size=3, unique=True))
    if draw(st.booleans()):
        case["diameter_mm"] = draw(st.floats(0.1, 100, allow_nan=False))
    if draw(st.booleans()):
        case["count"] = draw(st.integers(1, 500))
    if draw(st.booleans()):
        limit = case["age_days"] / 7 + 1 if age == "days" else 100.0
        case["duration_weeks"] = draw(st.floats(0, limit, allow_nan=False))
    case.setdefault("color", draw(st.sampled_from(CATEGORICAL_FIELDS["color"])))
    return case
