"""Session 11 clinical gaps (engine-safety brief items 1-4).

- F10-19 (a, b): a sudden crop of blisters in an adult (chickenpox; bullous pemphigoid
  in an older person) was routine: ``sudden_blisters_from_14`` and
  ``blisters_older_adult`` (soon; the words say today within the first day, the 24-hour
  window of chickenpox's antiviral medicine).
- An unwell person with spreading, painful red skin (cellulitis-like) was soon:
  ``unwell_spreading_painful_redness`` (urgent).
- F10-26: "urgent" said only "today"; the messages for an unwell baby or young child
  now say when to go to an emergency department now (NICE NG143's red features in
  the NHS sheets' words).
- F10-01 (rest): "tiny blisters" is read as a blister; "little water bubbles" and
  "fluid filled" are offered "blister" to confirm (plain_words.yaml).

Every case is checked on both paths (``assess`` and the batch ``assess_many``).
"""

from __future__ import annotations

from typing import Any

import pytest

from assess_paths import assess_both, flag_ids
from milia.engine.answers import parse_answer
from milia.engine.assess import assess
from milia.engine.case import LIST_FIELDS
from milia.engine.interview import Interview
from milia.engine.model import condition_model
from milia.engine.questions import offered_options, question_table
from milia.engine.triage import level_rank
from milia.engine.urgent_now import urgent_now
from milia.errors import CaseError
from milia.kb.loader import read_yaml

_both = assess_both
_flags = flag_ids


def _at_least(result: dict[str, Any], level: str) -> bool:
    return level_rank(result["triage"]["level"]) >= level_rank(level)


CROP = {"surface": "vesicle", "onset": "eruptive", "itchy": True, "count": 40}


# --- F10-19 (b): a sudden crop of blisters from 14 years ---------------------------


@pytest.mark.parametrize("age", [{"age_years": 14}, {"age_years": 30}, {"age_years": 80}, {}])
@pytest.mark.parametrize(
    "blisters",
    [{"surface": "vesicle"}, {"content": "clear_fluid"}, {"consistency": "fluid"}],
)
@pytest.mark.parametrize("sudden", [{"onset": "eruptive"}, {"course": "spreading"}])
def test_a_sudden_crop_of_blisters_from_14_is_at_least_soon(
    age: dict[str, Any], blisters: dict[str, Any], sudden: dict[str, Any]
) -> None:
    case = {**age, **blisters, **sudden, "count": 40, "sites": ["chest", "back", "cheeks"]}
    result = _both(case)
    assert "sudden_blisters_from_14" in _flags(result)
    assert _at_least(result, "soon")


def test_the_crop_s_message_says_today_within_the_first_day() -> None:
    """Antivirals for chickenpox start within 24 hours of the rash [hse_chickenpox_antivirals].

    The level is soon (a separate urgent rule for a known first day made "how long?" a
    safety question of every adult whose bumps might be blisters, pushing out the
    blistering history and "unwell?"): the words say today."""
    case = {"age_years": 30, **CROP, "sites": ["chest", "back"], "duration_weeks": 0.14}
    result = _both(case)
    assert result["triage"]["level"] == "soon"
    flag = next(f for f in result["red_flags"] if f["id"] == "sudden_blisters_from_14")
    assert "today if the rash started within the last day" in flag["message"]
    assert "24 hours" in flag["message"] and "hse_chickenpox_antivirals" in flag["sources"]
    assert _both({**case, "unwell": True})["triage"]["level"] == "urgent"


def test_a_child_s_crop_of_blisters_keeps_its_own_flags() -> None:
    """Chickenpox in a healthy child is usually mild [nhs_chickenpox_complications]."""
    result = _both({"age_years": 6, **CROP, "sites": ["chest", "back"]})
    assert not {"sudden_blisters_from_14", "sudden_blisters_first_day"} & _flags(result)
    assert _at_least(result, "routine")  # eruptive onset


def test_blisters_that_neither_came_suddenly_nor_spread_get_no_crop_flag() -> None:
    case = {"age_years": 30, "color": "clear", "surface": "vesicle", "count": 30}
    flags = _flags(_both({**case, "sites": ["chest"], "history": ["overheating"]}))
    assert "sudden_blisters_from_14" not in flags


# --- F10-19 (a): blisters in an older person --------------------------------------


@pytest.mark.parametrize(
    "sign",
    [
        {"itchy": True},
        {"diameter_mm": 15},
        {"on_red_plaque": True},
        {"inflamed": True},
        {"onset": "eruptive"},
    ],
)
@pytest.mark.parametrize("age", [60, 75, 90])
def test_blisters_in_an_older_person_are_at_least_soon(sign: dict[str, Any], age: int) -> None:
    case = {"age_years": age, "surface": "vesicle", "sites": ["arms", "legs"], **sign}
    result = _both(case)
    assert "blisters_older_adult" in _flags(result)
    assert _at_least(result, "soon")


def test_the_older_person_flag_needs_one_of_its_signs_and_the_age() -> None:
    plain = {"surface": "vesicle", "sites": ["arms"]}
    assert "blisters_older_adult" not in _flags(_both({"age_years": 75, **plain}))
    assert "blisters_older_adult" not in _flags(_both({"age_years": 59, **plain, "itchy": True}))


# --- brief item 2: unwell with spreading painful red skin --------------------------


@pytest.mark.parametrize("age", [{"age_years": 3}, {"age_years": 45}, {"age_years": 80}, {}])
@pytest.mark.parametrize(
    "red",
    [
        {"color": "red", "painful": True},
        {"color": "pink", "painful": True},
        {"color": "red", "inflamed": True},
    ],
)
def test_unwell_with_spreading_painful_redness_is_today(
    age: dict[str, Any], red: dict[str, Any]
) -> None:
    case = {**age, **red, "unwell": True, "course": "spreading", "sites": ["legs"]}
    result = _both(case)
    assert result["triage"]["level"] == "urgent"
    assert "unwell_spreading_painful_redness" in _flags(result)


@pytest.mark.parametrize(
    "change",
    [
        {"unwell": False},
        {"course": "stable"},
        {"painful": False, "color": "red"},
        {"color": "white", "inflamed": True},  # white bumps with redness around: not asked
    ],
)
def test_without_each_part_the_cellulitis_flag_stays_quiet(change: dict[str, Any]) -> None:
    case = {"age_years": 45, "color": "red", "painful": True, "unwell": True}
    case.update({"course": "spreading", "sites": ["legs"], **change})
    assert "unwell_spreading_painful_redness" not in _flags(_both(case))


# --- F10-26: when to go now ---------------------------------------------------------


def _emergency_words(text: str) -> bool:
    return "emergency department now" in text and "999" in text and "floppy" in text


@pytest.mark.parametrize(
    "case",
    [
        {"age_days": 10, "unwell": True, "color": "white", "sites": ["nose"]},
        {"age_days": 200, "unwell": True, "color": "red", "sites": ["cheeks"]},
        {"age_years": 3, "unwell": True, "color": "red", "sites": ["chest"]},
        {"unwell": True, "color": "red", "sites": ["chest"]},
    ],
)
def test_an_unwell_baby_or_young_child_is_told_when_to_go_now(case: dict[str, Any]) -> None:
    result = _both(case)
    assert result["triage"]["level"] == "urgent"
    assert any(_emergency_words(f["message"]) for f in result["red_flags"])
    # the interview says it at once, before the bumps are described
    assert any(_emergency_words(r["text"]) for r in urgent_now(case))


def test_the_go_now_words_cite_nice_ng143_and_the_nhs_sheets() -> None:
    flags = {f["id"]: f for f in read_yaml("model/red_flags.yaml")["flags"]}
    for flag_id in ("baby_unwell", "young_child_unwell", "unwell_age_unknown"):
        assert _emergency_words(flags[flag_id]["message"])
        assert {"nice_ng143_fever", "what018_fever_under5"} <= set(flags[flag_id]["sources"])
    # a baby under 3 months: the temperature line of the NHS sheets
    assert "under 3 months old with a temperature of 38" in flags["baby_unwell"]["message"]
    assert "nhs_healthier_together_baby_rash_urgent" in flags["baby_unwell"]["sources"]


def test_a_baby_whose_wellbeing_is_not_given_is_told_when_to_go_now() -> None:
    result = _both({"age_days": 20, "color": "white", "sites": ["nose"]})
    line = next(a for a in result["advice"] if a["id"] == "baby_unwell_safety_line")
    assert _emergency_words(line["text"]) and "what018_fever_under5" in line["sources"]


def test_an_unwell_adult_is_not_sent_to_the_emergency_department_for_a_rash() -> None:
    """Soon, not urgent. QA F12-20 (session 12): the message now says when to go now
    (spots that do not fade under a glass, signs of meningitis) [ukhsa_meningococcal],
    only as a condition, never as an instruction for every unwell adult."""
    result = _both({"age_years": 40, "unwell": True, "color": "white", "sites": ["cheeks"]})
    assert result["triage"]["level"] == "soon"
    for flag in result["red_flags"]:
        if "999" in flag["message"]:
            assert flag["id"] == "unwell_with_rash"
            assert "if the spots do not fade under the glass" in flag["message"]
            assert "emergency department now" not in flag["message"].split(": ", 1)[0]


# --- F10-01 (rest): blisters in everyday words --------------------------------------


@pytest.mark.parametrize(
    ("field", "typed", "read"),
    [
        ("surface", "tiny blisters", {"surface": "vesicle"}),
        ("surface", "little blisters", {"surface": "vesicle"}),
        ("surface", "small water blisters", {"surface": "vesicle"}),
        ("surface", "like tiny blisters", {"surface": "vesicle"}),
        ("consistency", "filled with water", {"consistency": "fluid"}),
    ],
)
def test_a_blister_said_with_its_size_or_water_is_a_blister(
    field: str, typed: str, read: dict[str, Any]
) -> None:
    assert parse_answer(field, typed) == read


@pytest.mark.parametrize(
    ("field", "typed", "offered"),
    [
        ("surface", "little water bubbles", "blister"),
        ("surface", "water bubbles", "blister"),
        ("surface", "fluid filled", "blister"),
        ("surface", "Fluid-filled", "blister"),
        ("surface", "full of fluid", "blister"),
        ("content", "fluid filled", "clear fluid"),
        ("content", "blisters", "clear fluid"),
    ],
)
def test_bubbles_and_fluid_filled_are_offered_blister_to_confirm(
    field: str, typed: str, offered: str
) -> None:
    with pytest.raises(CaseError) as refused:
        parse_answer(field, typed)  # never taken by itself
    assert refused.value.suggestion == offered
    assert parse_answer(field, offered) in ({"surface": "vesicle"}, {"content": "clear_fluid"})


def test_a_confirmed_blister_raises_an_adult_s_sudden_crop() -> None:
    interview = Interview()
    for field, typed in (("age", "30"), ("onset", "eruptive"), ("sites", "chest, back")):
        interview.answer(field, typed)
    with pytest.raises(CaseError) as refused:
        interview.answer("surface", "little water bubbles")
    assert "surface" not in interview.case
    interview.answer("surface", refused.value.suggestion)
    assert interview.case["surface"] == "vesicle"
    assert "sudden_blisters_from_14" in _flags(assess(interview.case))


@pytest.mark.parametrize(
    ("typed", "weeks"),
    [("yesterday", 0.14), ("Since yesterday.", 0.14), ("this morning", 0.07), ("last night", 0.14)],
)
def test_the_day_the_bumps_began_is_read_as_a_duration(typed: str, weeks: float) -> None:
    assert parse_answer("duration_weeks", typed) == {"duration_weeks": weeks}


def test_a_crop_of_blisters_since_yesterday_is_read_in_the_interview() -> None:
    interview = Interview()
    for field, typed in (
        ("age", "30"),
        ("surface", "tiny blisters"),
        ("onset", "eruptive"),
        ("duration_weeks", "since yesterday"),
    ):
        interview.answer(field, typed)
    assert interview.case["duration_weeks"] == 0.14
    result = assess(interview.case)
    assert result["triage"]["level"] == "soon" and "sudden_blisters_from_14" in _flags(result)


@pytest.mark.parametrize(
    ("field", "typed", "read"),
    [
        ("surface", "Tiny blisters.", {"surface": "vesicle"}),
        ("color", "white.", {"color": "white"}),
        ("surface", "Crusty!", {"surface": "crusted"}),
        ("sites", "eyelids.", {"sites": ["eyelids"]}),
        ("diameter_mm", "1.5 mm.", {"diameter_mm": 1.5}),
    ],
)
def test_a_sentence_s_full_stop_is_no_part_of_the_answer(
    field: str, typed: str, read: dict[str, Any]
) -> None:
    assert parse_answer(field, typed) == read


def test_sweat_rash_after_overheating_with_no_redness_is_no_sudden_crop() -> None:
    """Miliaria crystallina comes in sudden crops of clear blisters on skin that is not
    red, after heat or a fever [cpm]: overheating said and redness denied (N43)."""
    case = {"age_years": 30, "color": "clear", "surface": "vesicle", "diameter_mm": 1}
    case.update({"onset": "eruptive", "sites": ["chest", "back"], "history": ["overheating"]})
    assert "sudden_blisters_from_14" not in _flags(_both({**case, "inflamed": False}))
    # redness not denied, or no overheating said: the crop is still a reason to see a doctor
    assert "sudden_blisters_from_14" in _flags(_both(case))
    assert "sudden_blisters_from_14" in _flags(_both({**case, "history": [], "inflamed": False}))


def test_pearly_white_in_the_interview_never_lowers_a_single_adult_bump() -> None:
    """QA F11-14: 'pearly white' to the colour question is asked, never taken as white; the
    single bump of a 60-year-old stays soon when the person then says pearly."""
    interview = Interview()
    interview.answer("age", "60")
    with pytest.raises(CaseError, match="can mean white or pearly"):
        interview.answer("color", "pearly white")
    assert "color" not in interview.case
    interview.answer("color", "pearly")
    for field, typed in (("sites", "nose"), ("count", "1")):
        interview.answer(field, typed)
    assert _both(interview.case)["triage"]["level"] == "soon"


# --- QA F11-18: a range of numbers is read at the end that keeps a warning -----------


@pytest.mark.parametrize(("typed", "read"), [("1-2", 2), ("2-3", 3), ("3-4", 4), ("1 or 2", 2)])
def test_a_range_s_middle_rounds_half_up_the_same_for_every_range(typed: str, read: int) -> None:
    assert parse_answer("count", typed) == {"count": read}


@pytest.mark.parametrize("typed", ["1-2", "1 or 2", "one or two"])
def test_one_or_two_bumps_on_an_older_adult_keep_the_single_bump_flag(typed: str) -> None:
    interview = Interview()
    for field, said in (("age", "60"), ("color", "white"), ("sites", "nose"), ("diameter_mm", "2")):
        interview.answer(field, said)
    interview.answer("count", typed)
    assert interview.case["count"] == 1  # the end that keeps the warning
    assert _both(interview.case)["triage"]["level"] == "routine"


def test_a_size_range_is_read_at_the_end_that_keeps_a_warning() -> None:
    interview = Interview()
    for field, said in (("age", "5 days"), ("color", "white"), ("sites", "nose"), ("count", "10")):
        interview.answer(field, said)
    interview.answer("diameter_mm", "2-3 mm")
    assert interview.case["diameter_mm"] == 3.0  # 2.5 was self-care, 3 routine
    assert _both(interview.case)["triage"]["level"] == "routine"


def test_a_range_whose_ends_agree_keeps_its_middle() -> None:
    interview = Interview()
    for field, said in (("age", "30"), ("color", "white"), ("sites", "eyelids")):
        interview.answer(field, said)
    interview.answer("count", "10-20")
    assert interview.case["count"] == 15


# --- QA F11-13 (style): a newborn's parent is asked in a newborn's terms ----------------


def test_a_newborn_is_not_offered_adult_history_and_is_asked_about_days() -> None:
    interview = Interview()
    for field, said in (("age", "4 days"), ("color", "white"), ("sites", "nose")):
        interview.answer(field, said)
    table = question_table(condition_model())
    onset = table.head("onset", "baby")["question"]
    assert "within days" in onset
    assert parse_answer("onset", "many at once, within days") == {"onset": "eruptive"}
    offered = offered_options("history", list(LIST_FIELDS["history"]), 4)
    for gone in ("acne", "blackheads", "sunburn_at_site", "radiotherapy_at_site"):
        assert gone not in offered
    for kept in ("blistering_at_site", "skin_fragility", "photosensitivity", "overheating"):
        assert kept in offered
    assert "acne" in offered_options("history", list(LIST_FIELDS["history"]), 30)
