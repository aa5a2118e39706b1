"""QA F12-05: German, Spanish, Italian, Portuguese and Dutch label words for the commonest bases."""

from __future__ import annotations

import pytest

import milia


@pytest.mark.parametrize(
    ("written", "inci"),
    [
        ("Wasser", "AQUA"),
        ("Agua", "AQUA"),
        ("Água", "AQUA"),
        ("Paraffinöl", "PARAFFINUM LIQUIDUM"),
        ("Mineralöl", "PARAFFINUM LIQUIDUM"),
        ("Vaselinöl", "PARAFFINUM LIQUIDUM"),
        ("Aceite mineral", "PARAFFINUM LIQUIDUM"),
        ("Vaselina líquida", "PARAFFINUM LIQUIDUM"),
        ("Olio minerale", "PARAFFINUM LIQUIDUM"),
        ("Óleo mineral", "PARAFFINUM LIQUIDUM"),
        ("Minerale olie", "PARAFFINUM LIQUIDUM"),
        ("Vaselin", "PETROLATUM"),
        ("Weißes Vaselin", "PETROLATUM"),
        ("Vaselina", "PETROLATUM"),
        ("Wollwachs", "LANOLIN"),
        ("Lanolina", "LANOLIN"),
        ("Wollwachsalkohole", "LANOLIN ALCOHOL"),
        ("Glicerina", "GLYCERIN"),
        ("Glyzerin", "GLYCERIN"),
        ("Bienenwachs", "CERA ALBA"),
        ("Cera de abejas", "CERA ALBA"),
        ("Duftstoffe", "PARFUM"),
        ("Kakaobutter", "THEOBROMA CACAO SEED BUTTER"),
    ],
)
def test_a_national_label_word_is_read_as_its_inci_name(written: str, inci: str) -> None:
    entry = milia.check_ingredients(f"Glycerin, {written}")["ingredients"][-1]
    assert (entry["inci"], entry["recognized"]) == (inci, True)


@pytest.mark.parametrize(
    "text",
    [
        "Wasser, Paraffinöl, Mineralöl, Glycerin, Wollwachs",
        "Agua, Aceite mineral, Glicerina, Vaselina",
    ],
)
def test_the_qa_lists_find_their_occlusives(text: str) -> None:
    """Both were 'low' / 'No occlusive ... found' with 3-4 items not read."""
    result = milia.check_ingredients(text)
    occlusive = {f["inci"] for f in result["flags"] if f["category"] == "occlusive"}
    assert "PARAFFINUM LIQUIDUM" in occlusive
    assert result["summary"]["unrecognized"] == 0
    assert result["summary"]["milia_risk"] != "low"


def test_paraffin_alone_stays_the_hard_wax() -> None:
    """'Paraffin' is CosIng's PARAFFIN; only 'Paraffinöl' is the liquid (mineral oil)."""
    inci = [e["inci"] for e in milia.check_ingredients("Aqua, Paraffin, Paraffinöl")["ingredients"]]
    assert inci[:2] == ["AQUA", "PARAFFIN"]
