"""The readings of a damaged name (typos.py): each is only a candidate to look up."""

from __future__ import annotations

from milia.ingredients.typos import (
    MAX_MISREAD_PLACES,
    dropped_first_letter,
    epithet_endings,
    last_word_number,
    lost_ligatures,
    ocr_rn_m,
    repair_readings,
)


def test_lost_ligatures_try_every_ligature_at_every_gap() -> None:
    assert lost_ligatures("Foeniculum O_cinale") == [
        "Foeniculum Officinale",
        "Foeniculum Offlcinale",
        "Foeniculum Offcinale",
        "Foeniculum Oficinale",
        "Foeniculum Oflcinale",
    ]
    assert lost_ligatures("Su\ufffdruticosa")[2] == "Suffruticosa"
    assert lost_ligatures("Water") == []
    assert lost_ligatures("_private") == []  # a gap must lie between letters


def test_dropped_first_letter_needs_a_real_first_word() -> None:
    readings = dropped_first_letter("lycerin")
    assert len(readings) == 26 and "glycerin" in readings
    assert dropped_first_letter("oil") == []  # too short to tell
    assert dropped_first_letter("1,2-hexanediol") == []


def test_ocr_rn_m_swaps_one_place_at_a_time() -> None:
    found = dict(ocr_rn_m("Amica Montana"))
    assert found == {"Arnica Montana": "Amica", "Amica rnontana": "Montana"}
    assert dict(ocr_rn_m("Lirnonene")) == {"Limonene": "Lirnonene"}
    assert list(ocr_rn_m("Water")) == []


def test_epithet_endings_change_the_second_word_only() -> None:
    assert epithet_endings("Tripleurospermum Maritima Extract") == [
        "Tripleurospermum Maritimus Extract",
        "Tripleurospermum Maritimum Extract",
    ]
    assert epithet_endings("Salvia Officinale Leaf") == ["Salvia Officinalis Leaf"]
    assert epithet_endings("Squalane") == []
    assert epithet_endings("PEG-8 Beeswax") == []  # not a binomial


def test_last_word_number_swaps_a_plural_s() -> None:
    assert last_word_number("Palmitic/Stearic Triglycerides") == ["Palmitic/Stearic Triglyceride"]
    assert last_word_number("Amino Acid") == ["Amino Acids"]
    assert last_word_number("Water") == []  # one word: nothing to go by
    assert last_word_number("Polysorbate 20") == []
    assert last_word_number("Shea Oil") == []  # too short to tell


def test_misreads_only_in_unknown_words_and_only_a_few() -> None:
    words = frozenset({"MONTANA", "FLOWER", "EXTRACT"})
    assert repair_readings("Amica Montana Flower Extract", words)[3] == [
        "Arnica Montana Flower Extract"  # MONTANA is a word: its "m" is no misread
    ]
    few = " ".join(["Amica"] * MAX_MISREAD_PLACES)
    assert len(repair_readings(few, words)[3]) == MAX_MISREAD_PLACES
    # one place more is no name with one misread (a megabyte of such words made
    # one whole copy of the text per place)
    assert repair_readings(f"{few} Amica", words)[3] == []
    assert repair_readings(f"{few} Montana", words)[3] != []  # a known word's place is none
