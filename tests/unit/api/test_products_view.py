"""The Product check page's rows: flags under their own item, and how each name was read."""

from __future__ import annotations

import re

from api_helpers import csrf_of
from fastapi.testclient import TestClient

import milia
from milia.api.products import highlight, reading


def _rows(text: str, **options: object) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    return highlight(milia.check_ingredients(text, **options))  # type: ignore[arg-type]


def test_flag_on_an_unreadable_item_sits_under_that_item() -> None:
    result = milia.check_ingredients("Hydrocortisone 1% Anti-itch cream, Water")
    assert result["flags"], "the core flags the corticosteroid"
    rows, unattached = highlight(result)
    assert not rows[0]["recognized"]
    assert {f["category"] for f in rows[0]["flags"]} == {"corticosteroid"}  # type: ignore[union-attr]
    assert len(rows[0]["flags"]) == len(result["flags"])  # type: ignore[arg-type]
    assert rows[0]["effect"] == "anomaly"
    assert rows[1]["flags"] == [] and rows[1]["effect"] == "none"
    assert unattached == []


def test_every_flag_is_shown_once_somewhere() -> None:
    text = "Aqua, Petrolatum, Cetearyl Alcohol, Petrolatum, Petrolatum, Hydrocortisone, Glycerin"
    result = milia.check_ingredients(text, product_type="eye_cream")
    rows, unattached = highlight(result)
    shown = [f for row in rows for f in row["flags"]] + unattached  # type: ignore[attr-defined]
    assert len(shown) == len(result["flags"])
    key = lambda f: (f["inci"], f["category"], f["effect"], f["weight"])  # noqa: E731
    assert sorted(map(key, shown)) == sorted(map(key, result["flags"]))


def test_an_ingredient_listed_twice_gets_its_own_flags_under_each_row() -> None:
    result = milia.check_ingredients("Aqua, Petrolatum, Glycerin, Petrolatum, Petrolatum")
    rows, _ = highlight(result)
    occlusive = [f for f in result["flags"] if f["inci"] == "PETROLATUM"]
    assert len(occlusive) == 3  # one per listed occurrence
    per_row = [row["flags"] for row in rows if row["inci"] == "PETROLATUM"]
    assert [len(flags) for flags in per_row] == [1, 1, 1]  # type: ignore[arg-type]
    # each row carries the weight of its own place (descending down the list)
    weights = [flags[0]["weight"] for flags in per_row]  # type: ignore[index]
    assert weights == [f["weight"] for f in occlusive]
    assert weights[0] > weights[1]


def test_reading_shows_fuzzy_matches_with_method_and_score() -> None:
    result = milia.check_ingredients("Aqua, petrolatu, Water")
    typo = reading(result["ingredients"][1])
    assert typo is not None and typo["accepted"]
    assert typo["inci"] == "PETROLATUM" and typo["method"] == "fuzzy"
    assert typo["score"] == round(result["ingredients"][1]["match"]["score"])
    assert reading(result["ingredients"][0]) is None  # read as written: nothing to say
    synonym = reading(result["ingredients"][2])  # Water -> AQUA, no score needed
    assert synonym is not None and synonym["inci"] == "AQUA" and synonym["method"] is None


def test_reading_of_a_rejected_guess_names_the_candidate_as_not_used() -> None:
    entry = milia.check_ingredients("Aqua, Zzqxv extract")["ingredients"][1]
    assert entry["inci"] is None and entry["match"].get("candidate")
    shown = reading(entry)
    assert shown is not None and not shown["accepted"]
    assert shown["candidate"] == entry["match"]["candidate"]


def test_an_ambiguous_name_shows_its_candidates_and_no_guess(client: TestClient) -> None:
    entry = milia.check_ingredients("Aqua, Sambucus nigra")["ingredients"][1]
    assert entry["inci"] is None and entry["match"]["method"] == "ambiguous"
    shown = reading(entry)
    assert shown is not None and not shown["accepted"] and shown["candidate"] is None
    assert shown["candidates"] == entry["match"]["candidates"][:5]
    token = csrf_of(client.get("/products").text)
    html = client.post("/products", data={"csrf_token": token,
                                          "text": "Aqua, Sambucus nigra"}).text  # fmt: skip
    row = html[html.index('id="ing-2"') :].split("</li>", 1)[0]
    assert f"could be any of {shown['candidates_total']} names" in row
    assert shown["candidates"][0] in row and "not guessed" in row


def test_product_page_shows_readings_weights_and_the_flag_under_its_item(
    client: TestClient,
) -> None:
    token = csrf_of(client.get("/products").text)
    page = client.post("/products", data={
        "csrf_token": token, "text": "Hydrocortisone 1% Anti-itch cream, Aqua, petrolatu"})  # fmt: skip
    assert page.status_code == 200
    html = page.text
    first = html[html.index('id="ing-1"') : html.index('id="ing-2"')]
    assert "corticosteroid" in first and "weight 1.0" in first
    third = html[html.index('id="ing-3"') :].split("</li>", 1)[0]
    assert re.search(
        r"&rarr; <strong>PETROLATUM</strong> <span class=\"how\">\(fuzzy, \d+\)", third
    )
    assert re.search(r"occlusive \(risk, weight 0\.\d+\)", third)


def test_an_unreadable_list_is_said_in_words_not_in_the_contract_s_terms(
    client: TestClient,
) -> None:
    """QA F10-16: 'the summary's milia_risk says low' was shown to a person."""
    token = csrf_of(client.get("/products").text)
    html = client.post("/products", data={"csrf_token": token, "text": "No Info"}).text
    assert "unknown (nothing read)" in html
    assert "We could not read an ingredient list in this text" in html
    assert "milia_risk" not in html and "summary" not in html.lower().split("<body", 1)[1]


def test_label_claims_come_before_the_ingredients(client: TestClient) -> None:
    token = csrf_of(client.get("/products").text)
    html = client.post("/products", data={"csrf_token": token, "name": "Oil-Free Eye Cream",
                                          "text": "Aqua, Petrolatum, Paraffinum Liquidum"}).text  # fmt: skip
    assert html.index("Label claims") < html.index('id="ing-1"')
