"""Everyday answers with a nearest option are offered it, never taken (QA F10-02, F10-23).

"black" to the colour question, "nappy area" to where, "he's fine" to "is the
baby unwell?", "no medicines" to the medicines list: each was refused with no
suggestion. The nearest option is now offered to confirm ("Did you mean
'brown'?"): the answer is still refused (``CaseError``), so nothing is recorded
until the person confirms; confirming the suggestion reads as that option.
"""

from __future__ import annotations

import pytest

from milia.engine.answer_nearest import check_nearest, nearest_words
from milia.engine.answers import parse_answer
from milia.engine.interview import Interview
from milia.errors import CaseError, KnowledgeBaseError


@pytest.mark.parametrize(
    ("field", "typed", "offered", "read"),
    [
        ("color", "black", "brown", {"color": "brown"}),
        ("color", "dark", "brown", {"color": "brown"}),
        ("color", "Dark brown", "brown", {"color": "brown"}),
        ("color", "purple", "red", {"color": "red"}),
        ("color", "ivory", "white", {"color": "white"}),
        ("sites", "nappy area", "genitals", {"sites": ["genitals"]}),
        ("sites", "groin", "genitals", {"sites": ["genitals"]}),
        ("sites", "eyebrows", "forehead", {"sites": ["forehead"]}),
        ("sites", "cheeks and jawline", "cheeks, chin", {"sites": ["cheeks", "chin"]}),
        ("sites", "t-zone", "forehead, nose, chin", {"sites": ["forehead", "nose", "chin"]}),
        ("surface", "crater", "dimple in the middle", {"surface": "umbilicated"}),
        ("surface", "raised", "smooth dome", {"surface": "smooth_dome"}),
        ("unwell", "he's fine", "no", {"unwell": False}),
        ("unwell", "seems ok", "no", {"unwell": False}),
        ("growing", "getting smaller", "no", {"growing": False}),
        ("painful", "doesn't hurt", "no", {"painful": False}),
        ("premature", "full term", "no", {"premature": False}),
        ("medications", "no medicines", "none", None),
        ("conditions", "healthy", "none", None),
    ],
)
def test_an_everyday_answer_is_offered_its_nearest_option(
    field: str, typed: str, offered: str, read: dict[str, object] | None
) -> None:
    with pytest.raises(CaseError) as refused:
        parse_answer(field, typed)
    assert refused.value.suggestion == offered
    if read is not None:
        assert parse_answer(field, offered) == read


def test_confirming_none_to_a_list_records_an_empty_list() -> None:
    interview = Interview()
    with pytest.raises(CaseError) as refused:
        interview.answer("medications", "no medicines")
    assert "medications" not in interview.case  # never silently
    interview.answer("medications", refused.value.suggestion)
    assert interview.case["medications"] == []


def test_no_comma_none_is_none_not_dont_know() -> None:
    interview = Interview()
    interview.answer("history", "no, none")
    assert interview.case["history"] == []


def test_a_sign_word_is_still_read_before_any_nearest_word() -> None:
    # engine-safety's sign words come first: "not feeding well" is a yes
    assert parse_answer("unwell", "not feeding well") == {"unwell": True}


def test_every_nearest_word_names_valid_options() -> None:
    table = nearest_words()
    assert table["color"]["black"] == ("brown",)
    for field, words in table.items():
        for word, values in words.items():
            assert values, (field, word)


def test_a_nearest_word_with_an_unknown_value_is_a_knowledge_error() -> None:
    with pytest.raises(KnowledgeBaseError):
        check_nearest({"color": {"black": "charcoal"}})
    with pytest.raises(KnowledgeBaseError):
        check_nearest({"unwell": {"he's fine": "maybe"}})


def test_a_dark_bump_confirmed_as_brown_ends_no_lower_than_colour_unknown() -> None:
    # QA F10-02: "black" offered "brown"; a single brown bump in an adult was self-care
    # while the same bump with the colour unknown was routine or more
    from milia.engine.triage import level_rank

    case = {"age_years": 50, "count": 1, "diameter_mm": 4, "sites": ["back"], "growing": False}
    with pytest.raises(CaseError) as refused:
        parse_answer("color", "black")
    confirmed = {**case, **parse_answer("color", str(refused.value.suggestion))}
    import milia

    unknown = milia.assess(case)["triage"]["level"]
    brown = milia.assess(confirmed)
    assert level_rank(brown["triage"]["level"]) >= level_rank(unknown)
    assert "dark_spot_adult" in [f["id"] for f in brown["red_flags"]]


@pytest.mark.parametrize(
    ("typed", "offered"),
    [("born at 32 weeks", "yes"), ("34 weeks", "yes"), ("5 weeks early", "yes"),
     ("2 weeks early", "no"), ("38 weeks", "no")],
)  # fmt: skip
def test_a_gestational_age_is_offered_as_yes_or_no_by_the_questions_37_weeks(
    typed: str, offered: str
) -> None:
    # QA F10-23: "born at 32 weeks" to "Was the baby born early (before 37 weeks ...)?"
    with pytest.raises(CaseError) as refused:
        parse_answer("premature", typed)
    assert refused.value.suggestion == offered
