"""QA F12-13: German (and other) claim words read from categories.yaml's label_words."""

from __future__ import annotations

import pytest

from milia.ingredients.claims import detect_claims


@pytest.mark.parametrize(
    ("name", "claims"),
    [
        ("Ölfreie Creme", ["oil_free"]),  # an inflected form: not read before
        ("Gesichtscreme ölfrei", ["oil_free"]),
        ("Gel ohne Öl", ["oil_free"]),
        ("Creme, nicht komedogen", ["non_comedogenic"]),
        ("Nicht komedogene Feuchtigkeitscreme", ["non_comedogenic"]),
        ("Feuchtigkeitscreme nicht-komedogen", ["non_comedogenic"]),
        ("Crème hydratante non comédogène", ["non_comedogenic"]),
        ("Crema no comedogénica", ["non_comedogenic"]),
        ("Niet-comedogene dagcrème", ["non_comedogenic"]),
        ("Ölfreie, nicht komedogene Pflege", ["oil_free", "non_comedogenic"]),
    ],
)
def test_a_claim_in_another_language_is_read(name: str, claims: list[str]) -> None:
    assert detect_claims(name) == claims


@pytest.mark.parametrize(
    "name",
    ["Creme ohne Mineralöl", "Creme ohne Palmöl", "Olivenöl Creme", "Komedogen-Test bestanden"],
)
def test_no_claim_is_made_up(name: str) -> None:
    assert detect_claims(name) == []
