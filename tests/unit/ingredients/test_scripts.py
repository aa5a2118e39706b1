"""Names in a script milia does not read are never merged, and count as unrecognised (QA F7-22)."""

from __future__ import annotations

import pytest

from milia.ingredients.check import check_ingredients
from milia.ingredients.scripts import foreign_script, has_foreign_letters, unread_script


@pytest.mark.parametrize(
    ("name", "script"),
    [
        ("Вазелин", "Cyrillic"),
        ("凡士林", "Chinese characters"),
        ("페트롤라툼", "Korean (Hangul)"),
        ("ワセリン", "Japanese (kana)"),
        ("Aqua (Вода)", None),  # as many Latin letters: its Latin part is read
        ("Glycérine", None),
        ("β-Glucan", None),
        ("Petrolatum", None),
    ],
)
def test_foreign_script(name: str, script: str | None) -> None:
    found = foreign_script(name)
    assert (found is None) if script is None else (found or "").startswith(script)


def test_has_foreign_letters() -> None:
    assert has_foreign_letters("β-Glucan") and not has_foreign_letters("Crème, Glycérine")


@pytest.mark.parametrize("foreign", ["Вазелин", "凡士林", "페트롤라툼"])
def test_a_foreign_name_is_not_merged_into_its_neighbour(foreign: str) -> None:
    result = check_ingredients(f"Aqua, Glycerin, {foreign}, Dimethicone")
    texts = [i["text"] for i in result["ingredients"]]
    assert texts == ["Aqua", "Glycerin", foreign, "Dimethicone"]
    assert [i["inci"] for i in result["ingredients"]][2] is None
    assert result["summary"]["unrecognized"] == 1
    assert any("risks they carry may be missed" in w for w in result["summary"]["why"])
    issue = next(i for i in result["issues"] if i["code"] == "foreign_script")
    assert foreign in issue["message"]


def test_a_foreign_name_after_a_known_one_keeps_both() -> None:
    result = check_ingredients("Aqua, 페트롤라툼")
    assert [i["inci"] for i in result["ingredients"]] == ["AQUA", None]
    assert result["summary"]["unrecognized"] == 1


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("정제수, 글리세린, 페트롤라툼, 다이메티콘", "Korean (Hangul)"),
        ("Вода, Глицерин, Вазелин", "Cyrillic"),
        ("水、甘油、凡士林", "Chinese characters"),
    ],
)
def test_a_list_wholly_in_another_script_is_named_and_the_inci_list_asked_for(
    text: str, script: str
) -> None:
    result = check_ingredients(text)
    codes = [i["code"] for i in result["issues"]]
    assert "not_an_ingredient_list" not in codes
    message = next(i["message"] for i in result["issues"] if i["code"] == "foreign_script")
    assert f"this list is written in {script}" in message and "INCI list" in message
    assert result["summary"]["risk_known"] is False


def test_a_bilingual_name_is_still_read() -> None:
    result = check_ingredients("Aqua (Вода), Glycerin")
    assert [i["inci"] for i in result["ingredients"]] == ["AQUA", "GLYCERIN"]
    assert not [i for i in result["issues"] if i["code"] == "foreign_script"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two names run together, one in another script: never read as the Latin one alone
        ("Aqua, Glycerin Вазелин, Dimethicone", ["AQUA", None, "DIMETHICONE"]),
        # a bracketed INCI name beside the local one is read
        ("Aqua, Вазелин (Petrolatum)", ["AQUA", "PETROLATUM"]),
    ],
)
def test_a_mixed_name_is_read_only_through_its_latin_name(
    text: str, expected: list[str | None]
) -> None:
    result = check_ingredients(text)
    assert [i["inci"] for i in result["ingredients"]] == expected
    assert result["summary"]["unrecognized"] == expected.count(None)


def test_unread_script() -> None:
    assert unread_script("Glycerin Вазелин") is not None
    assert unread_script("β-Glucan") is None
    assert unread_script("Вода (Aqua)") is None
