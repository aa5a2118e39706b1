"""The Learn page lists the warning signs and the advice items with their sources (QA F11-19)."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

from milia.kb.rule_records import rule_records


def _cited(article: str) -> int:
    """How many sources the article's "Sources:" span links to."""
    span = re.search(r'<span class="sources">Sources: (.*?)</span>', article, re.S)
    return len(re.findall(r"<a href=", span.group(1))) if span else 0


def test_learn_lists_every_warning_sign_by_level_with_sources(client: TestClient) -> None:
    page = client.get("/learn")
    assert page.status_code == 200
    text = page.text
    flags = rule_records("red_flags")
    for flag_id, flag in flags.items():
        match = re.search(rf'<article id="flag-{flag_id}">(.*?)</article>', text, re.S)
        assert match, flag_id
        body = html.unescape(match.group(1))
        assert flag["text"].split(".")[0] in body
        assert _cited(match.group(1)) == len(set(flag["sources"])), flag_id
    # urgent first, and each level's heading counts its signs
    urgent = sum(1 for f in flags.values() if f["level"] == "urgent")
    assert f"Urgent: see a doctor today ({urgent})" in text
    assert text.index('id="level-urgent"') < text.index('id="level-soon"')
    baby = re.search(r'<article id="flag-baby_unwell">(.*?)</article>', text, re.S)
    assert baby and "age under 730.5 days (2 years)" in baby.group(1)


def test_learn_lists_every_advice_item(client: TestClient) -> None:
    text = client.get("/learn").text
    for item_id, item in rule_records("advice").items():
        match = re.search(rf'<article id="advice-{item_id}">(.*?)</article>', text, re.S)
        assert match, item_id
        assert _cited(match.group(1)) == len(set(item["sources"])), item_id


def test_learn_shows_the_codes_and_their_disagreement(client: TestClient) -> None:
    # QA F15B-12: SNOMED CT and the ICD-10-CM L72.8 / L72.0 disagreement were only in kb show
    text = client.get("/learn").text
    milia = re.search(r'<article id="cond-milia">(.*?)</article>', text, re.S)
    assert milia is not None
    article = html.unescape(milia.group(1))
    assert "SNOMED CT 254679001" in article
    assert "ICD-10-CM L72.8" in article and "ICD-10-CM L72.0" in article
    assert article.count("(conflicting)") == 2
