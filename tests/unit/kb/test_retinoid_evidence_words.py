"""A retinoid for milia is said at its real strength (QA F12-08, session 13).

No trial has tested a topical retinoid for milia (treatments.yaml
``tx_topical_retinoids``: ``trials_found: false``); the support is expert opinion and
case reports [skym, cont, typ]. Every advice or treatment text that offers one says so.
"""

from __future__ import annotations

import re

import pytest

import milia
from milia.kb.loader import read_yaml

_RETINOID = re.compile(r"\b(retinoid|tretinoin)\b", re.IGNORECASE)
_STRENGTH = re.compile(r"expert opinion|case report", re.IGNORECASE)


def _texts() -> list[tuple[str, str]]:
    out = [(a["id"], a["text"]) for a in read_yaml("model/advice.yaml")["items"]]
    for t in read_yaml("treatments.yaml")["treatments"]:
        out.append((t["id"], t["summary"]["text"]))
    return out


#: Cautions shown right after an offer (QA F13-07), not offers themselves.
_CAUTIONS = {"retinoid_not_in_pregnancy"}


@pytest.mark.parametrize(
    ("item", "text"), [p for p in _texts() if _RETINOID.search(p[1]) and p[0] not in _CAUTIONS]
)
def test_a_retinoid_is_offered_with_its_strength_of_evidence(item: str, text: str) -> None:
    assert _STRENGTH.search(text), item


def test_the_pregnancy_caution_offers_nothing() -> None:
    texts = dict(_texts())
    for item in _CAUTIONS:
        assert "pregnan" in texts[item] and not re.search(r"suggest|may help|treat", texts[item])


def test_the_acne_line_beside_typical_milia_says_there_are_no_trials() -> None:
    case = {"age_years": 34, "color": "white", "diameter_mm": 1.5, "count": 6}
    advice = {a["id"]: a for a in milia.assess({**case, "sites": ["eyelids"]})["advice"]}
    acne = advice["acne_products_do_not_help"]
    assert "no trial" in acne["text"] and "case reports" in acne["text"]
    assert {"skym", "typ"} <= set(acne["sources"])
