"""Every field of the case format, one bad value of each kind: the error names the field
and offers the closest valid value, itself valid (issue 2, "Assessment engine").

The table is built from the vocabulary (every numeric, one-value, yes/no and list
field), and the vocabulary is checked against the keys of the spec's tables, so a
field added to the spec without a row here fails.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from milia.engine.case import (
    BOOLEAN_FIELDS,
    CATEGORICAL_FIELDS,
    FIELDS,
    LIST_FIELDS,
    NUMERIC_FIELDS,
    validate_case,
)
from milia.engine.case_suggest import number_text
from milia.errors import CaseError

# the number a text says, in the field's own unit
_UNIT_TEXT = {
    "age_days": ("5 days", 5),
    "age_years": ("30 years", 30),
    "diameter_mm": ("2 mm", 2),
    "count": ("6 bumps", 6),
    "duration_weeks": ("3 weeks", 3),
}


def _other(key: str) -> dict[str, Any]:
    """A lesion field beside ``key``, so that the case describes the bumps."""
    return {"count": 3} if key == "color" else {"color": "white"}


def _numeric_rows(key: str) -> list[tuple[str, object, object]]:
    low, high, exclusive, integer = NUMERIC_FIELDS[key]
    unit_text, unit_value = _UNIT_TEXT[key]
    rows: list[tuple[str, object, object]] = [
        ("above the range", high * 2 if integer else high + 0.5, high),
        ("a huge integer", 10**400, high),
        ("a number word", "six", 6),
        ("a number in a string", "3", 3),
        ("a number with its unit", unit_text, unit_value),
        ("a one-item list", [4], 4),
        ("a one-key object", {"value": 4}, 4),
    ]
    if integer:
        rows += [("thousands with a comma", "1,500", 1500), ("not whole", 2.5, 2)]
    else:
        rows.append(("a decimal comma", "1,5", 1.5))
    if not exclusive:
        rows.append(("below the range", low - 1, low))
    return rows


def _categorical_rows(key: str) -> list[tuple[str, object, object]]:
    value = CATEGORICAL_FIELDS[key][0]
    return [
        ("a typo", value[:-1] + ("x" if value[-1] != "x" else "y"), value),
        ("upper case", value.upper(), value),
        ("spaces for underscores", value.replace("_", " ") + " ", value),
        ("a one-item list", [value], value),
        ("an object naming it", {value: True}, value),
    ]


def _boolean_rows() -> list[tuple[str, object, object]]:
    return [
        ("yes", "yes", True),
        ("No", "No", False),
        ("Y", "Y", True),
        ("the text true", "true", True),
        ("1", 1, True),
        ("0", 0, False),
        ("1.0", 1.0, True),
        ("a one-item list", [False], False),
        ("a one-key object", {"value": True}, True),
    ]


def _list_rows(key: str) -> list[tuple[str, object, object]]:
    first, second = LIST_FIELDS[key][:2]
    return [
        ("one value, not in a list", first, [first]),
        ("values in one text", f"{first}, {second}", [first, second]),
        ("a typo, not in a list", first[:-1] + "x", [first]),
        ("an object of yes and no", {first: True, second: False}, [first]),
        ("a repeated value", [first, second, first], [first, second]),
    ]


def _rows() -> list[tuple[str, str, object, object]]:
    rows: list[tuple[str, str, object, object]] = []
    for key in FIELDS:
        if key in NUMERIC_FIELDS:
            kinds = _numeric_rows(key)
        elif key in CATEGORICAL_FIELDS:
            kinds = _categorical_rows(key)
        elif key in BOOLEAN_FIELDS:
            kinds = _boolean_rows()
        else:
            kinds = _list_rows(key)
        rows += [(key, kind, value, expected) for kind, value, expected in kinds]
    return rows


ROWS = _rows()


def _as_written(key: str, field: str, suggestion: str) -> object:
    """The suggestion as the value of ``field`` in a case: a one-value field's or a list
    item's value is the bare text, anything else is JSON."""
    if key in CATEGORICAL_FIELDS or field != key:
        return suggestion
    return json.loads(suggestion)


@pytest.mark.parametrize(("key", "kind", "value", "expected"), ROWS, ids=lambda x: str(x)[:30])
def test_a_bad_value_names_its_field_and_offers_the_closest_valid_value(
    key: str, kind: str, value: object, expected: object
) -> None:
    with pytest.raises(CaseError) as refused:
        validate_case({**_other(key), key: value})
    err = refused.value
    assert err.field == key, kind
    assert err.suggestion is not None, kind
    offered = _as_written(key, err.field, err.suggestion)
    assert offered == expected, kind
    assert validate_case({**_other(key), key: offered})[key] == expected  # itself valid


@pytest.mark.parametrize("key", FIELDS)
def test_a_misspelt_key_is_offered_the_key(key: str) -> None:
    typo = key[:-1] if len(key) > 3 else key + "x"
    with pytest.raises(CaseError) as refused:
        validate_case({**_other(key), typo: 1})
    assert (refused.value.field, refused.value.suggestion) == (typo, key)


@pytest.mark.parametrize("key", list(LIST_FIELDS))
def test_a_misspelt_list_item_is_offered_the_item(key: str) -> None:
    value = LIST_FIELDS[key][-1]
    with pytest.raises(CaseError) as refused:
        validate_case({**_other(key), key: [LIST_FIELDS[key][0], value[:-1] + "x"]})
    assert (refused.value.field, refused.value.suggestion) == (f"{key}[1]", value)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        *[(key, True) for key in NUMERIC_FIELDS],  # true is no number
        ("diameter_mm", 0),  # no size is nearest to 0 mm (greater than 0)
        ("diameter_mm", -2),
        ("age_years", float("nan")),
        ("count", "lots"),
        ("count", "1-2"),  # which end is the author's to say (QA F11-18)
        ("count", "one or two"),
        ("diameter_mm", "2-3 mm"),
        ("count", "dozens and dozens and dozens of them"),
        *[(key, 3) for key in CATEGORICAL_FIELDS],  # a number names no colour
        ("color", ["white", "yellow"]),  # two colours: which is the author's to say
        *[(key, "maybe") for key in BOOLEAN_FIELDS],  # not known: leave the key out
        *[(key, 2) for key in BOOLEAN_FIELDS],
        *[(key, 3) for key in LIST_FIELDS],
        ("sites", "face"),  # many sites: not guessed
        ("sites", ["eyelids", 3]),
    ],
)
def test_nothing_is_made_up_where_the_value_says_none(key: str, value: object) -> None:
    with pytest.raises(CaseError) as refused:
        validate_case({**_other(key), key: value})
    assert refused.value.field is not None and refused.value.field.startswith(key)
    assert refused.value.suggestion is None


@pytest.mark.parametrize("key", list(NUMERIC_FIELDS))
def test_out_of_range_says_the_closest_valid_value_in_the_message(key: str) -> None:
    high = NUMERIC_FIELDS[key][1]
    with pytest.raises(CaseError) as refused:
        validate_case({**_other(key), key: high + 1})
    assert refused.value.suggestion == number_text(high)
    assert f"closest valid value: {number_text(high)}" in refused.value.message
    assert "e+" not in refused.value.message  # 1000000, not 1e+06


def test_every_field_of_the_spec_has_rows(shared_dir: Path) -> None:
    spec = (shared_dir / "spec" / "case-format.md").read_text("utf-8")
    person_and_bumps = spec.split("## The assessment")[0]
    keys = set(re.findall(r"^\| `(\w+)` \|", person_and_bumps, flags=re.MULTILINE))
    assert len(keys) >= 29  # 9 of the person, 16 of the bumps, 4 of the course
    assert keys <= set(FIELDS)
    assert keys <= {key for key, _, _, _ in ROWS}


@pytest.mark.parametrize(
    ("value", "offered"),
    [
        ('{"color": "red", "sites": ["nose"]}', '{"color": "red", "sites": ["nose"]}'),
        ({"color": "white"}, '{"color": "white"}'),
        ("red spots on my nose", None),  # no case in it: nothing made up (QA F11-02)
        ("hello", None),
        ('["white"]', None),
        ([{"color": "white"}], None),
        ({"note": "x" * 3_000}, None),  # too long to offer in a message
    ],
)
def test_a_wrongly_wrapped_case_is_offered_back_as_its_own_object(
    value: object, offered: str | None
) -> None:
    from milia.engine.case_suggest import own_case

    assert own_case(value) == offered


def test_python_callers_get_field_and_suggestion_from_milia_assess() -> None:
    import milia

    with pytest.raises(CaseError) as refused:
        milia.assess({"color": "white", "count": "six"})
    assert (refused.value.field, refused.value.suggestion) == ("count", "6")
    assert "Did you mean '6'?" in str(refused.value)


def test_numpy_booleans_are_booleans() -> None:
    # QA F11-10: a pandas column's np.bool_ was refused ("not bool"), numpy numbers taken
    np = pytest.importorskip("numpy")
    clean = validate_case({"color": "white", "inflamed": np.bool_(False), "unwell": np.True_})
    assert clean["inflamed"] is False and clean["unwell"] is True
    with pytest.raises(CaseError) as refused:
        validate_case({"color": "white", "count": np.bool_(True)})
    assert "not a boolean" in refused.value.message and refused.value.suggestion is None
