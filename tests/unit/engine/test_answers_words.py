"""Plain words the interview reads (kb/data/model/plain_words.yaml, QA F6-01)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from milia.engine import plain_words
from milia.engine.answers import parse_answer
from milia.engine.case import LIST_FIELDS
from milia.engine.plain_words import option_label, plain_size_mm, plain_value
from milia.errors import CaseError, KnowledgeBaseError
from milia.kb.loader import data_files, read_yaml
from milia.kb.validate import validate_knowledge


def test_plain_words_live_in_their_own_file() -> None:
    assert "model/plain_words.yaml" in data_files()
    questions = read_yaml("model/questions.yaml")
    assert "plain_words" not in questions
    assert "plain_sizes_mm" not in questions
    table = read_yaml("model/plain_words.yaml")
    assert table["evidence"] == "expert_estimate"
    assert table["sources"]


def test_the_validator_reads_the_plain_words_file_cleanly() -> None:
    problems = [p for p in validate_knowledge() if p.file == "model/plain_words.yaml"]
    assert problems == []


def test_the_plain_word_tables_load() -> None:
    assert plain_value("color", "whitish") == "white"
    assert plain_size_mm("pinhead") == 1.0


# --- QA F6-01: plain words a new user types -------------------------------------------


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        ("upper eyelid", ["eyelids"]),
        ("upper eyelids", ["eyelids"]),
        ("Upper Eyelid", ["eyelids"]),
        ("under the eyes", ["under_eyes"]),
        ("behind the ear", ["behind_ears"]),
        ("behind the ears", ["behind_ears"]),
        ("armpit", ["axillae"]),
        ("armpits", ["axillae"]),
        ("roof of mouth", ["palate"]),
        ("roof of the mouth", ["palate"]),
        ("private parts", ["genitals"]),
        ("inside of the cheeks", ["buccal_mucosa"]),
        ("tummy", ["abdomen"]),
        ("nipple", ["areola"]),
        ("palms and soles", ["palms_soles"]),
        ("backs of the hands", ["back_of_hands"]),
        ("left cheek", ["cheeks"]),
        ("on the nose", ["nose"]),
        # QA's repro: the most informative finding (eyelids) was dropped
        ("upper eyelid, under the eyes", ["eyelids", "under_eyes"]),
        ("upper eyelids and nose", ["eyelids", "nose"]),
        ("skin above the upper lip", ["upper_lip"]),
    ],
)
def test_plain_site_words_are_taken(text: str, sites: list[str]) -> None:
    assert parse_answer("sites", text) == {"sites": sites}


@pytest.mark.parametrize(
    ("text", "choices"),
    [
        ("face", ["eyelids", "under_eyes", "cheeks", "nose", "forehead", "chin"]),
        ("on the face", ["cheeks", "forehead"]),
        ("around the eyes", ["eyelids", "under_eyes"]),
        ("hands", ["back_of_hands", "palms_soles"]),
        ("lip", ["upper_lip", "lips_vermilion"]),
        ("mouth", ["lips_vermilion", "palate", "gums", "buccal_mucosa"]),
        ("face, neck", ["cheeks", "forehead"]),
    ],
)
def test_a_vague_site_word_asks_which_part(text: str, choices: list[str]) -> None:
    """A word naming several places is not guessed: the question says which to choose,
    in the words the question lists them (QA F12-03: it listed under_eyes, nasal_crease)."""
    with pytest.raises(CaseError) as info:
        parse_answer("sites", text)
    assert info.value.suggestion is None
    assert info.value.field == "sites"
    for choice in choices:
        assert option_label("sites", choice) in info.value.message


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("smooth", "smooth_dome"),
        ("dome", "smooth_dome"),
        ("dome-shaped", "smooth_dome"),
        ("dimple", "umbilicated"),
        ("dimpled", "umbilicated"),
        ("flat", "flat_topped"),
        ("flat top", "flat_topped"),
        ("crusty", "crusted"),
        ("scab", "crusted"),
        ("blister", "vesicle"),
        ("blisters", "vesicle"),
        ("pus", "pustule"),
        ("pus-filled", "pustule"),
    ],
)
def test_plain_surface_words_are_taken(text: str, value: str) -> None:
    assert parse_answer("surface", text) == {"surface": value}


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("a dozen", 12),
        ("about a dozen", 12),
        ("half a dozen", 6),
        ("two dozen", 24),
        ("~20", 20),
        ("around 20", 20),
        ("20ish", 20),
        ("20 or so", 20),
        ("one", 1),
        ("just one", 1),
        ("three", 3),
        ("twenty five", 25),
        ("a few", 3),
        ("a couple", 2),
        ("several", 5),
        # "dozens": 24 to about 100, read as their geometric middle
        ("dozens", 50),
        ("hundreds", 200),
        ("a hundred", 100),
        ("one hundred and twenty", 120),
        # "100+" is written for "over a hundred"
        ("100+", 101),
        ("more than 20", 21),
        ("over 100", 101),
        ("at least 10", 10),
        ("10 or more", 10),
    ],
)
def test_counts_as_people_give_them(text: str, count: int) -> None:
    assert parse_answer("count", text) == {"count": count}


@pytest.mark.parametrize("text", ["many", "lots", "a lot", "too many to count"])
def test_a_vague_count_asks_for_a_number_with_examples(text: str) -> None:
    with pytest.raises(CaseError) as info:
        parse_answer("count", text)
    assert info.value.suggestion is None
    assert "dozens" in info.value.message and "hundreds" in info.value.message


@pytest.mark.parametrize(
    ("text", "mm"),
    [
        ("0.5 cm", 5.0),
        ("1 cm", 10.0),
        ("0,2 cm", 2.0),
        ("half a mm", 0.5),
        ("half a millimetre", 0.5),
        ("1/2 mm", 0.5),
        ("one mm", 1.0),
        ("two millimetres", 2.0),
        ("less than 1 mm", 0.5),
        ("the size of a pinhead", 1.0),
    ],
)
def test_sizes_in_plain_words_and_centimetres(text: str, mm: float) -> None:
    assert parse_answer("diameter_mm", text) == {"diameter_mm": mm}


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("six weeks", {"age_days": 42}),
        ("a week old", {"age_days": 7}),
        ("two months", {"age_days": 61}),
        ("a year and a half", {"age_days": 548}),
        ("forty", {"age_years": 40.0}),
        ("thirty four years old", {"age_years": 34.0}),
    ],
)
def test_ages_in_words(text: str, fields: dict[str, object]) -> None:
    assert parse_answer("age", text) == fields


@pytest.mark.parametrize(
    "text", ["teen", "teenager", "elderly", "baby", "adult", "toddler", "a teenager", "teen years"]
)
def test_an_age_in_words_asks_for_a_number_with_a_hint(text: str) -> None:
    """No number is invented (so nothing to confirm): the hint says how to give it."""
    with pytest.raises(CaseError) as info:
        parse_answer("age", text)
    assert info.value.suggestion is None
    assert f"'{text}'" in info.value.message and "e.g." in info.value.message


@pytest.mark.parametrize(
    ("text", "weeks"), [("two months", 8.7), ("a week", 1.0), ("ten days", 1.43)]
)
def test_durations_in_words(text: str, weeks: float) -> None:
    assert parse_answer("duration_weeks", text) == {"duration_weeks": weeks}


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("sites", "about a dozen"),  # QA: got "Did you mean 'abdomen'?"
        ("sites", "shoulders"),
        ("sites", "xyz"),
        ("surface", "banana"),
        ("color", "loud"),
    ],
)
def test_no_suggestion_for_nonsense(field: str, text: str) -> None:
    with pytest.raises(CaseError) as info:
        parse_answer(field, text)
    assert info.value.suggestion is None


@pytest.mark.parametrize(
    ("field", "text", "suggestion"),
    [
        ("sites", "eylids", "eyelids"),
        ("sites", "forhead", "forehead"),
        # the whole answer, so that confirming it keeps the other places
        ("sites", "eylids, nose", "eyelids, nose"),
        ("sites", "upper eyelid, cheecks", "eyelids, cheeks"),
        ("color", "whte", "white"),
        ("surface", "umbilicatd", "dimple in the middle"),  # as the question shows it (F10-15)
        # a whole answer to the age question, not a unit
        ("age", "5 dayz", "5 days"),
        ("age", "8 mnths", "8 months"),
    ],
)
def test_a_suggestion_is_a_whole_answer_to_confirm(field: str, text: str, suggestion: str) -> None:
    with pytest.raises(CaseError) as info:
        parse_answer(field, text)
    assert info.value.suggestion == suggestion
    assert parse_answer(field, suggestion) is not None


def test_every_plain_word_of_the_table_is_read_as_its_value() -> None:
    """The table's own words survive the reading (filler words, plurals, splitting)."""
    table = read_yaml("model/plain_words.yaml")
    for field, words in table["plain_words"].items():
        for word, value in words.items():
            expected = [value] if field in LIST_FIELDS else value
            assert parse_answer(field, word) == {field: expected}, (field, word)
    for field, words in table["vague_words"].items():
        for word, values in words.items():
            with pytest.raises(CaseError) as info:
                parse_answer(field, word)
            assert info.value.suggestion is None
            said = info.value.message  # a choice's values in words (QA F7-27)
            for v in values:  # as the options show it (QA F8-27: 'pearly')
                shown = (v, v.replace("_", " "), plain_words.option_label(field, v))
                assert any(w in said for w in shown), (word, v)


@pytest.mark.parametrize(
    ("section", "bad"),
    [
        ("plain_words", {"sites": {"elbow": "elbows"}}),
        ("vague_words", {"sites": {"face": ["cheeks", "jaw"]}}),
        ("vague_words", {"sites": {"face": ["cheeks"]}}),
    ],
)
def test_a_plain_word_naming_no_value_is_a_knowledge_base_error(
    monkeypatch: pytest.MonkeyPatch, section: str, bad: dict[str, object]
) -> None:
    table = {**read_yaml("model/plain_words.yaml"), section: bad}
    monkeypatch.setattr(plain_words, "_table", lambda: table)
    plain_words._plain_words.cache_clear()
    plain_words._vague_words.cache_clear()
    try:
        with pytest.raises(KnowledgeBaseError):
            plain_words.plain_value("sites", "x")
            plain_words.vague_choices("sites", "x")
    finally:
        plain_words._plain_words.cache_clear()
        plain_words._vague_words.cache_clear()


# --- the other questions' own words (after QA F6-01) ----------------------------------


@pytest.mark.parametrize(
    ("field", "text", "value"),
    [
        # "Are they going away, staying the same, or spreading?"
        ("course", "going away", "resolving"),
        ("course", "staying the same", "stable"),
        ("course", "getting better", "resolving"),
        ("course", "more and more", "spreading"),
        # "Did they come slowly, or did many appear within a few weeks?"
        ("onset", "gradually", "gradual"),
        ("onset", "within a few weeks", "eruptive"),
        ("onset", "many appeared within a few weeks", "eruptive"),
        ("onset", "overnight", "eruptive"),
        # "Is anything inside the bumps, or does anything come out?"
        ("content", "nothing", "none"),
        ("content", "no", "none"),
        ("content", "a hard white ball", "keratin"),
        ("content", "like cottage cheese", "cheesy"),
        ("content", "watery", "clear_fluid"),
        ("content", "jelly", "gelatinous"),
        ("consistency", "gritty", "firm"),
        ("consistency", "fluid-filled", "fluid"),
        ("arrangement", "in a line", "linear"),
        ("arrangement", "in clusters", "grouped"),
        ("arrangement", "on both sides", "symmetric"),
        ("arrangement", "here and there", "scattered"),
        ("color", "whiteish", "white"),
        ("color", "same colour as the skin", "skin_colored"),
        ("sex", "non-binary", "other"),
    ],
)
def test_the_questions_own_words_are_taken(field: str, text: str, value: str) -> None:
    assert parse_answer(field, text) == {field: value}


@pytest.mark.parametrize(
    ("field", "text", "choices"),
    [
        ("color", "off white", ["white", "yellow"]),
        ("color", "cream", ["white", "yellow"]),
        ("content", "white stuff", ["white grain", "cheesy"]),
    ],
)
def test_a_vague_choice_asks_which(field: str, text: str, choices: list[str]) -> None:
    with pytest.raises(CaseError) as info:
        parse_answer(field, text)
    assert info.value.suggestion is None
    assert all(c in info.value.message for c in choices)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("yep", True),
        ("yeah", True),
        ("a little", True),
        ("sometimes", True),
        ("nope", False),
        ("not at all", False),
    ],
)
def test_yes_and_no_in_everyday_words(text: str, value: bool) -> None:
    assert parse_answer("itchy", text) == {"itchy": value}


def test_a_hedged_no_is_offered_to_confirm_not_taken() -> None:
    with pytest.raises(CaseError) as info:
        parse_answer("unwell", "not really")
    assert info.value.suggestion == "no"


@pytest.mark.parametrize(
    ("field", "text", "fields"),
    [
        ("duration_weeks", "a few days", {"duration_weeks": 0.43}),
        ("duration_weeks", "a couple of weeks", {"duration_weeks": 2.0}),
        ("duration_weeks", "several months", {"duration_weeks": 21.74}),
        ("age", "a few weeks old", {"age_days": 21}),
    ],
)
def test_a_count_in_words_before_a_unit(field: str, text: str, fields: dict[str, object]) -> None:
    assert parse_answer(field, text) == fields


def test_every_word_of_the_table_is_text() -> None:
    """YAML reads an unquoted no/yes/on/off key as a boolean: such a word would never match."""

    def keys(node: object) -> list[object]:
        if isinstance(node, dict):
            return [*node, *(k for v in node.values() for k in keys(v))]
        return []

    table = read_yaml("model/plain_words.yaml")
    assert all(isinstance(k, str) for k in keys(table))
    assert all(isinstance(w, str) for words in table["plain_yes_no"].values() for w in words)
    assert all(isinstance(w, str) for w in [*table["none_words"], *table["vague_counts"]])


@pytest.mark.parametrize(
    ("field", "text", "items"),
    [
        # an item without "at site": the history question's own options shortened
        ("history", "burn, tattoo", ["burn_at_site", "tattoo_at_site"]),
        ("history", "blistering", ["blistering_at_site"]),
        ("history", "blisters", ["blistering_at_site"]),
        ("history", "sunburn", ["sunburn_at_site"]),
        (
            "history",
            "fragile skin and sensitive to the sun",
            ["skin_fragility", "photosensitivity"],
        ),
        ("history", "want to squeeze them", ["wants_self_extraction"]),
        ("history", "eye cream", ["heavy_occlusive_skincare"]),
        ("medications", "steroid cream", ["topical_corticosteroid"]),
        ("medications", "accutane", ["isotretinoin"]),
        ("conditions", "diabetic, high cholesterol", ["diabetes", "hyperlipidemia"]),
        ("conditions", "down's syndrome", ["down_syndrome"]),
        ("associated_findings", "cleft palate", ["oral_malformations"]),
    ],
)
def test_list_questions_in_everyday_words(field: str, text: str, items: list[str]) -> None:
    assert parse_answer(field, text) == {field: items}


@pytest.mark.parametrize(
    ("field", "text", "suggestion"),
    [
        # whole words of exactly one option are offered to confirm, never taken
        ("conditions", "porphyria", "porphyria_cutanea_tarda"),
        ("associated_findings", "basal cell carcinomas", "multiple_basal_cell_carcinomas"),
        # a place is offered in the words the options show (QA F12-03, session 13)
        ("sites", "nasal", "nose crease"),
    ],
)
def test_a_word_of_one_option_is_offered_to_confirm(field: str, text: str, suggestion: str) -> None:
    with pytest.raises(CaseError) as info:
        parse_answer(field, text)
    assert info.value.suggestion == suggestion


@pytest.mark.parametrize(("field", "text"), [("conditions", "syndrome"), ("history", "site")])
def test_a_word_of_several_options_gets_no_suggestion(field: str, text: str) -> None:
    with pytest.raises(CaseError) as info:
        parse_answer(field, text)
    assert info.value.suggestion is None


@pytest.mark.parametrize(
    "text", ["none", "no", "nothing", "Nope", "none of these", "nothing, none"]
)
def test_none_to_a_list_question_lists_nothing(text: str) -> None:
    """ "Enter if none or not sure": 'nothing' was refused as an unknown history value."""
    assert parse_answer("history", text) is None
    assert parse_answer("sites", text) is None


_TABLE = read_yaml("model/plain_words.yaml")
_PIECES = sorted(
    {
        *(w for words in _TABLE["plain_words"].values() for w in words),
        *(w for words in _TABLE["vague_words"].values() for w in words),
        *_TABLE["plain_counts"],
        *_TABLE["age_hints"],
        *_TABLE["number_words"],
        *["a", "half", "and", "dozen", "hundred", "+", "~", "/", "mm", "cm", "weeks", "old"],
        *["more than", "at least", "or more", "1", "0", "2.5", "1e9", "-3", "nan", "½"],
    }
)


@settings(max_examples=300, deadline=None)
@given(
    field=st.sampled_from(sorted({*LIST_FIELDS, "age", "count", "diameter_mm", "surface"})),
    pieces=st.lists(st.sampled_from(_PIECES) | st.text(max_size=6), min_size=1, max_size=5),
)
def test_any_mix_of_words_is_read_or_refused_with_a_case_error(
    field: str, pieces: list[str]
) -> None:
    """Everyday words in any order never crash the reader (a CaseError asks again)."""
    try:
        read = parse_answer(field, " ".join(pieces))
    except CaseError as refused:
        assert refused.field in (field, "age")
        return
    allowed = {"age_days", "age_years"} if field == "age" else {field}
    assert read is None or (len(read) == 1 and set(read) <= allowed)


@pytest.mark.parametrize("text", ["see-through", "See through", "transparent"])
def test_see_through_is_asked_about_not_read_as_pearly(text: str) -> None:
    """QA F7-27: a parent's 'see-through' dew-drop blisters were read as pearly_translucent
    (the basal cell carcinoma word); clear (a blister) or pearly (a solid bump) is asked."""
    with pytest.raises(CaseError, match="can mean clear or pearly: please say which"):
        parse_answer("color", text)
    assert parse_answer("color", "pearly translucent") == {"color": "pearly_translucent"}


@pytest.mark.parametrize("text", ["watery", "like water", "clear like water"])
def test_water_clear_is_clear(text: str) -> None:
    assert parse_answer("color", text) == {"color": "clear"}


@pytest.mark.parametrize("text", ["yes, a little", "Yes a bit", "yes, slightly"])
def test_a_qualified_yes_is_yes(text: str) -> None:
    assert parse_answer("itchy", text) == {"itchy": True}


def test_every_option_label_is_read_back_as_its_value() -> None:
    """QA F7-30: options are shown in plain words ('armpits' for axillae); typing what is
    shown must give that value."""
    from milia.engine.case import CATEGORICAL_FIELDS
    from milia.engine.plain_words import option_label

    labelled = read_yaml("model/plain_words.yaml")["option_labels"]
    assert option_label("sites", "axillae") == "armpits"
    assert option_label("conditions", "down_syndrome") == "down syndrome"  # no label: spaces
    # QA F8-09: plain names, not the contract's ids
    assert option_label("history", "wants_self_extraction") == "would like to squeeze them out"
    for field in ("color", "surface", "content", "consistency", "arrangement", "onset", "course"):
        for value in CATEGORICAL_FIELDS[field]:
            assert parse_answer(field, option_label(field, value)) == {field: value}
    for field, values in LIST_FIELDS.items():
        for value in values:
            words = option_label(field, value)
            assert parse_answer(field, words) == {field: [value]}, (field, words)
    for field, labels in labelled.items():
        assert set(labels) <= set(CATEGORICAL_FIELDS.get(field) or LIST_FIELDS[field])


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("white-yellow", "white"),
        ("white and yellow", "white"),
        ("White to yellow", "white"),
        ("white/yellow", "white"),
        ("yellowish white", "white"),  # the last word is the colour
        ("yellow-white", "yellow"),
    ],
)
def test_qa_f8_27_two_colours_are_asked_about_and_the_leading_one_offered(
    text: str, offered: str
) -> None:
    """QA F8-27: 'white-yellow' (milia are 'white to yellow') was 'unknown color'."""
    with pytest.raises(CaseError, match=r"names (white and yellow|yellow and white)") as info:
        parse_answer("color", text)
    assert info.value.suggestion == offered
    assert info.value.field == "color"


@pytest.mark.parametrize("text", ["beige", "cream", "off-white"])
def test_qa_f8_27_vague_colours_are_asked_about_without_a_guess(text: str) -> None:
    with pytest.raises(
        CaseError, match=r"can mean white(, yellow)? or (yellow|skin-coloured)"
    ) as info:
        parse_answer("color", text)
    assert info.value.suggestion is None
    assert not info.value.message.endswith("?")  # the CLI adds a full stop: "which?."


def test_qa_f8_27_two_words_for_one_colour_are_that_colour() -> None:
    assert parse_answer("color", "white and whitish") == {"color": "white"}
    assert parse_answer("color", "skin-coloured") == {"color": "skin_colored"}
    with pytest.raises(CaseError, match="did not recognise"):
        parse_answer("color", "white and plaid")


@pytest.mark.parametrize("text", ["nose", "nauseous", "nothing much", "needs a doctor"])
def test_a_word_starting_with_n_is_not_offered_as_no(text: str) -> None:
    """'nose' piped into 'Is the baby unwell?' was offered 'Did you mean no?' (any word
    starting with n was); a 'y' there recorded the baby as well."""
    with pytest.raises(CaseError) as info:
        parse_answer("unwell", text)
    assert info.value.suggestion is None


@pytest.mark.parametrize("text", ["noo", "np", "nn", "not really"])
def test_a_slip_of_no_is_still_offered(text: str) -> None:
    with pytest.raises(CaseError) as info:
        parse_answer("unwell", text)
    assert info.value.suggestion == "no"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("yes he has a fever", True),
        ("Yes, he has a fever.", True),
        ("yeah he is", True),
        ("y he is hot", True),
        ("no, she is fine", False),
        ("no he is not", False),
        ("nope, all good", False),
    ],
)
def test_qa_f8_37_a_yes_or_no_that_goes_on_is_that_answer(text: str, value: bool) -> None:
    """QA F8-37: 'yes he has a fever' to 'Is the baby unwell?' was refused, and the
    'Did you mean yes? (y/N)' prompt's default dropped the yes."""
    assert parse_answer("unwell", text) == {"unwell": value}


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("yes and no", "yes"),
        ("yes maybe", "yes"),
        ("yes, not really", "yes"),
        ("no, not sure", None),
        ("no clue at all", None),
    ],
)
def test_qa_f8_37_hedged_mixed_or_qualified_answers_are_asked_again(
    text: str, offered: str | None
) -> None:
    with pytest.raises(CaseError) as info:
        parse_answer("unwell", text)
    assert info.value.suggestion == offered


def test_qa_f9_01_a_no_qualified_by_a_warning_sign_is_a_yes() -> None:
    """F8-37 asked these again; QA F9-01: the sign they name (sleepy, feeding poorly)
    is the question's own yes, so they are taken as yes (triage up, never down)."""
    for text in ("no fever but very sleepy", "no, but he is feeding poorly"):
        assert parse_answer("unwell", text) == {"unwell": True}


@pytest.mark.parametrize("text", ["no idea", "not sure", "I don't know", "no clue"])
def test_qa_f8_37_dont_know_stays_dont_know(text: str) -> None:
    assert parse_answer("unwell", text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5 days old baby", {"age_days": 5}),
        ("a 5-day-old", {"age_days": 5}),
        ("my baby is 5 days old", {"age_days": 5}),
        ("he is 3 months", {"age_days": 91}),
        ("34 year old woman", {"age_years": 34.0}),
        ("newborn baby", {"age_days": 7}),
        ("born yesterday", {"age_days": 1}),
        ("a week", {"age_days": 7}),  # unchanged
    ],
)
def test_qa_f8_38_an_age_with_words_about_the_person(text: str, expected: object) -> None:
    """QA F8-38: '5 days old baby', 'newborn baby', 'born yesterday' were refused."""
    assert parse_answer("age", text) == expected


@pytest.mark.parametrize("text", ["child", "baby", "old"])
def test_qa_f8_38_words_alone_are_still_no_age(text: str) -> None:
    with pytest.raises(CaseError):
        parse_answer("age", text)


@pytest.mark.parametrize(
    ("value", "words"),
    [("gradual", "over weeks or months"), ("eruptive", "many at once within days")],
)
def test_the_onset_options_are_plain_words(value: str, words: str) -> None:
    """Session 13: the onset options read 'gradual' / 'eruptive' (clinicians' words)."""
    label = option_label("onset", value)
    assert value not in label.lower() and words in label
    assert "," not in label  # the CLI joins the options with commas
    assert parse_answer("onset", label) == {"onset": value}
    assert parse_answer("onset", words) == {"onset": value}
