"""Repairs of damaged names, and their bound on text no table name can be."""

from __future__ import annotations

import random
import string

import pytest

from milia.ingredients import repair as repair_module
from milia.ingredients.check import check_ingredients
from milia.ingredients.normalize import lexicon
from milia.ingredients.repair import Repairer


@pytest.mark.parametrize(
    ("damaged", "inci"),
    [
        ("Rosmarinus O_cinalis Leaf Extract", "ROSMARINUS OFFICINALIS LEAF EXTRACT"),
        ("Amica Montana Flower Extract", "ARNICA MONTANA FLOWER EXTRACT"),
        ("ydrolyzed collagen", "HYDROLYZED COLLAGEN"),
    ],
)
def test_damaged_names_are_still_repaired(damaged: str, inci: str) -> None:
    assert lexicon().resolve(damaged).inci == inci


def test_a_text_longer_than_any_name_makes_no_readings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each reading copies the whole text, one per "m" in it: never for a megabyte."""

    def no_readings(text: str, words: frozenset[str]) -> tuple[list[str], ...]:
        raise AssertionError(f"readings made for {len(text)} characters")

    table = {"ARNICAMONTANA": ("ARNICA MONTANA", "exact")}
    repairer = Repairer(table, frozenset({"ARNICA", "MONTANA"}))
    monkeypatch.setattr(repair_module, "repair_readings", no_readings)
    assert repairer.repair("amica montana/" * 1_000) is None
    monkeypatch.undo()
    assert repairer.repair("Amica Montana") == ("ARNICA MONTANA", "Arnica Montana")


def test_a_megabyte_of_slashed_unknown_words_is_one_unread_item() -> None:
    """A megabyte with no comma is one long name: read, refused, no repair attempted.

    (It made ~140,000 readings of the whole text: over ten minutes for one check.)
    """
    rng = random.Random(0)
    words = ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 12))) for _ in range(500)]
    text = "/".join(rng.choice(words) for _ in range(150_000))[:1_000_000]
    result = check_ingredients(text)
    assert [e["recognized"] for e in result["ingredients"]] == [False]
    assert "not_an_ingredient_list" in {i["code"] for i in result["issues"]}
