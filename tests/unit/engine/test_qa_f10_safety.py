"""QA session 10 safety findings (/work/qa/findings-users.md F10-01, F10-10, F10-11, F10-12).

- F10-11: several painful red lumps of 1 cm or more were self-care while one was soon
  (``painful_red_lump`` and ``large_lump`` asked for at most 2 lumps).
- F10-10: crusts, which are broken blisters, were not read as blisters: an unwell
  person's sudden painful crusted rash, a 60-year-old's grouped painful crusts on the
  chest, grouped crusts near the eye, at an unknown age and in a newborn.
- F10-12: saying the bumps are painful lowered routine to self-care.
- F10-01: a newborn's fever typed as a number, and pain as "he cries when I touch
  them", were refused three times and left "not known" under a self-care result.

Every case is checked on both paths (``assess`` and the batch ``assess_many``).
"""

from __future__ import annotations

from typing import Any

import pytest

from assess_paths import assess_both, flag_ids
from milia.engine.answers import parse_answer
from milia.engine.interview import Interview
from milia.engine.triage import level_rank
from milia.errors import CaseError

_both = assess_both
_flags = flag_ids


# --- F10-11 -----------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3, 5, 20])
@pytest.mark.parametrize("diameter", [15, 40])
def test_several_painful_red_lumps_are_as_urgent_as_one(count: int, diameter: int) -> None:
    case = {
        "age_years": 40,
        "count": count,
        "diameter_mm": diameter,
        "color": "red",
        "inflamed": True,
        "painful": True,
        "sites": ["back"],
    }
    result = _both(case)
    assert result["triage"]["level"] == "soon"
    assert "painful_red_lump" in _flags(result)
    assert ("large_lump" in _flags(result)) is (diameter >= 30)


def test_many_small_painful_red_spots_are_not_a_lump() -> None:
    case = {
        "age_years": 17,
        "count": 20,
        "diameter_mm": 3,
        "color": "red",
        "inflamed": True,
        "painful": True,
        "sites": ["cheeks", "forehead"],
    }
    assert "painful_red_lump" not in _flags(_both(case))


# --- F10-10 -----------------------------------------------------------------------

_CRUSTS: list[tuple[dict[str, Any], str, str]] = [
    (  # X04: unwell, sudden painful crusted eruption (eczema herpeticum)
        {
            "age_years": 25,
            "color": "red",
            "diameter_mm": 2,
            "count": 40,
            "surface": "crusted",
            "painful": True,
            "onset": "eruptive",
            "sites": ["cheeks", "forehead", "neck"],
            "duration_weeks": 0.5,
            "unwell": True,
        },
        "urgent",
        "unwell_with_blisters_or_pus",
    ),
    (  # P85: shingles a few days in
        {
            "age_years": 60,
            "surface": "crusted",
            "arrangement": "grouped",
            "painful": True,
            "inflamed": True,
            "sites": ["chest"],
        },
        "soon",
        "painful_blisters",
    ),
    (  # crusting shingles on the forehead and eyelid
        {
            "age_years": 67,
            "color": "red",
            "surface": "crusted",
            "painful": True,
            "arrangement": "grouped",
            "inflamed": True,
            "sites": ["forehead", "eyelids"],
        },
        "urgent",
        "painful_blisters_near_eye",
    ),
    (  # P83: no age, grouped inflamed crusts on the scalp
        {"surface": "crusted", "arrangement": "grouped", "inflamed": True, "sites": ["scalp"]},
        "urgent",
        "blisters_on_red_skin_age_unknown",
    ),
    (  # P67: an 8-day-old's grouped inflamed crusts
        {
            "age_days": 8,
            "surface": "crusted",
            "arrangement": "grouped",
            "inflamed": True,
            "sites": ["scalp"],
        },
        "urgent",
        "newborn_blisters_on_red_skin",
    ),
    (  # a 6-month-old's grouped crusts
        {"age_days": 180, "surface": "crusted", "arrangement": "grouped", "sites": ["cheeks"]},
        "soon",
        "older_baby_blisters",
    ),
]


@pytest.mark.parametrize(("case", "level", "flag"), _CRUSTS)
def test_crusts_count_as_broken_blisters(case: dict[str, Any], level: str, flag: str) -> None:
    result = _both(case)
    assert flag in _flags(result)
    assert level_rank(result["triage"]["level"]) >= level_rank(level)
    # and never below the same picture with blisters
    blisters = _both({**case, "surface": "vesicle"})
    assert level_rank(result["triage"]["level"]) >= level_rank(blisters["triage"]["level"])


def test_a_single_painful_crusted_spot_is_not_shingles() -> None:
    """A picked acne spot crusts too: crusts count as blisters when grouped."""
    case = {
        "age_years": 17,
        "color": "red",
        "diameter_mm": 3,
        "count": 10,
        "surface": "crusted",
        "painful": True,
        "inflamed": True,
        "sites": ["cheeks"],
    }
    assert not {"painful_blisters", "painful_blisters_near_eye"} & _flags(_both(case))


# --- F10-12 -----------------------------------------------------------------------

_ROUTINE = [
    # P52: medication milia (hydroquinone)
    {
        "age_years": 40,
        "sex": "female",
        "color": "white",
        "sites": ["cheeks"],
        "medications": ["hydroquinone"],
    },
    # P54: milia after sunburn, or something else: several conditions fit
    {"age_years": 12, "color": "white", "sites": ["back"], "history": ["sunburn_at_site"]},
]


@pytest.mark.parametrize("case", _ROUTINE)
@pytest.mark.parametrize(
    "worse", [{"painful": True}, {"inflamed": True}, {"content": "pus"}, {"course": "spreading"}]
)
def test_a_warning_answer_never_lowers_routine(case: dict[str, Any], worse: dict[str, Any]) -> None:
    before = _both(case)["triage"]["level"]
    assert before == "routine"
    after = _both({**case, **worse})["triage"]["level"]
    assert level_rank(after) >= level_rank(before)


# --- F10-01 (a): reading the answers ----------------------------------------------


@pytest.mark.parametrize(
    ("field", "answer"),
    [
        ("unwell", "38.5"),
        ("unwell", "high temp 38.5"),
        ("unwell", "temp 39"),
        ("unwell", "he is hot, 38.6"),
        ("unwell", "38c"),
        ("unwell", "101 f"),
        ("unwell", "38,5"),
        ("unwell", "sleeping more than usual"),
        ("unwell", "jaundiced"),
        ("unwell", "bit warm"),
        ("painful", "he cries when I touch them"),
        ("painful", "only when touched"),
        ("painful", "ouch yes"),
        # the tester's sweep: a yes in the question's own words
        ("growing", "it doubled"),
        ("inflamed", "red around them"),
        ("inflamed", "red ring"),
        ("inflamed", "red base"),
        ("bleeding", "a sore that keeps coming back"),
    ],
)
def test_a_yes_in_other_words_is_read(field: str, answer: str) -> None:
    assert parse_answer(field, answer) == {field: True}


@pytest.mark.parametrize("answer", ["37.2", "99.5", "not 38", "temperature 37.0", "12"])
def test_a_normal_or_unclear_number_is_never_a_yes(answer: str) -> None:
    """Below 38 C (100.4 F) a temperature is no fever; a number that is no body
    temperature is no answer: asked again, saying what counts as a yes."""
    with pytest.raises(CaseError) as refused:
        parse_answer("unwell", answer)
    assert "answer yes or no" in refused.value.message


def test_a_refused_unwell_answer_says_what_temperature_is_a_yes() -> None:
    with pytest.raises(CaseError) as refused:
        parse_answer("unwell", "hmm")
    assert "38 °C (100.4 °F) or more is a yes" in refused.value.message


# --- F10-01 (b): an answer that cannot be read is no "don't know" -------------------


def _newborn(**answers: str) -> Interview:
    interview = Interview()
    for name, text in {
        "age": "10 days",
        "color": "white",
        "sites": "nose and cheeks",
        **answers,
    }.items():
        interview.answer(name, text)
    return interview


@pytest.mark.parametrize("field", ["unwell", "painful"])
def test_an_unreadable_warning_answer_triages_up_to_its_yes(field: str) -> None:
    interview = _newborn()
    interview.leave_unreadable(field)
    result = interview.result()
    assert result is not None
    assert result["triage"]["level"] == "urgent"
    assert any("could not be read" in r["text"] for r in result["triage"]["reasons"])
    listed = {s["field"]: s for s in result["unanswered_warning_signs"]}
    assert listed[field]["assumed"] is True
    # "don't know" said plainly is judged by plausibility, as before: not urgent here
    plain = _newborn(**{field: "?"}).result()
    assert plain is not None and plain["triage"]["level"] != "urgent"


def test_an_answer_read_later_replaces_the_unreadable_one() -> None:
    interview = _newborn()
    interview.leave_unreadable("unwell")
    interview.answer("unwell", "no")
    result = interview.result()
    assert result is not None and interview.unreadable == []
    assert not any("could not be read" in r["text"] for r in result["triage"]["reasons"])


# --- F10-19 (c, d, e): blisters grouped or on red skin from 2 years on ----------------


@pytest.mark.parametrize(
    "age", [{"age_days": 731}, {"age_years": 3}, {"age_years": 40}, {"age_years": 82}]
)
@pytest.mark.parametrize(
    "where", [{"arrangement": "grouped"}, {"inflamed": True}, {"on_red_plaque": True}]
)
def test_blisters_on_red_skin_are_never_self_care(
    age: dict[str, Any], where: dict[str, Any]
) -> None:
    case = {"color": "red", "surface": "vesicle", "count": 8, "sites": ["cheeks"], **age, **where}
    result = _both(case)
    assert "blisters_on_red_skin_from_2" in _flags(result)
    assert level_rank(result["triage"]["level"]) >= level_rank("routine")


def test_sweat_rash_blisters_on_normal_skin_stay_calm() -> None:
    """Miliaria crystallina: clear blisters on normal skin after overheating [cpm]."""
    case = {"age_years": 30, "color": "clear", "surface": "vesicle", "count": 30}
    result = _both({**case, "sites": ["chest"], "history": ["overheating"]})
    assert "blisters_on_red_skin_from_2" not in _flags(result)


def test_lip_blisters_keep_their_own_flag() -> None:
    case = {"age_years": 3, "color": "clear", "surface": "vesicle", "arrangement": "grouped"}
    flags = _flags(_both({**case, "sites": ["lips_vermilion"]}))
    assert "blisters_around_the_mouth" in flags and "blisters_on_red_skin_from_2" not in flags


# --- F10-02 (engine-words' proposal): a single dark spot in an adult -----------------


def test_a_single_dark_spot_in_an_adult_is_shown_to_a_doctor() -> None:
    case = {"age_years": 50, "color": "brown", "count": 1, "diameter_mm": 4, "sites": ["back"]}
    result = _both({**case, "growing": False})
    assert "dark_spot_adult" in _flags(result)
    assert level_rank(result["triage"]["level"]) >= level_rank("routine")
    # said to stay the same and not to grow: no flag
    assert "dark_spot_adult" not in _flags(_both({**case, "growing": False, "course": "stable"}))


@pytest.mark.parametrize(("days", "level"), [(10, "urgent"), (60, "soon"), (200, "soon")])
@pytest.mark.parametrize("count", [1, 3, 5])
def test_several_red_lumps_in_a_baby_are_as_urgent_as_one(
    days: int, level: str, count: int
) -> None:
    """F10-11 in babies: red lumps of 1 cm or more, not the 1-3 mm harmless rashes."""
    case = {"age_days": days, "color": "red", "diameter_mm": 12, "count": count}
    result = _both({**case, "sites": ["neck", "axillae"]})
    assert level_rank(result["triage"]["level"]) >= level_rank(level)
    assert {"newborn_signs_of_infection", "baby_signs_of_infection"} & _flags(result)
